//! The demo page: build, serve, and test end-to-end in Chromium.

use crate::tools::Outcome;

/// Builds and serves the demo page.
pub fn serve(_args: &[String]) -> Result<(), String> {
    Err("the demo page is not built yet (issue 6)".into())
}

/// Tests the demo page end-to-end in headless Chromium.
pub fn lane() -> Outcome {
    Outcome::Skipped("demo-web does not exist yet (issue 6)".into())
}
