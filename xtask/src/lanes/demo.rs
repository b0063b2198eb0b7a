//! The demo page: build, serve, and test end-to-end in Chromium.
//!
//! - `cargo xtask demo [--port N]` builds the npm package (`cargo xtask
//!   wasm`) and the page (`demo-web/build.mjs`), then serves `demo-web/dist`
//!   on `http://127.0.0.1:8080` with `tools/serve.mjs`.
//! - The `demo` lane does the same builds and runs `demo-web/e2e/e2e.mjs`,
//!   which serves the page on a free port and drives the Debian `chromium`
//!   through `tools/browser.mjs`. Screenshots land in
//!   `target/demo-screenshots/`.

use crate::tools::{self, root, run, Outcome};
use std::process::Command;

/// Builds the npm package and the page into `demo-web/dist/`. Idempotent:
/// `npm ci` is skipped while `node_modules` is up to date, and the page
/// build (type-check + esbuild) takes about a second.
fn build() -> Result<(), String> {
    crate::lanes::wasm::build_package()?;
    tools::ensure_npm_workspace()?;
    run(Command::new("node").arg("demo-web/build.mjs"))
}

/// Builds and serves the demo page.
pub fn serve(port: u16) -> Result<(), String> {
    build()?;
    run(Command::new("node")
        .args(["tools/serve.mjs", "demo-web/dist"])
        .arg(port.to_string()))
}

/// Tests the demo page end-to-end in headless Chromium.
pub fn lane() -> Outcome {
    // Missing toolchains make the lane skip outside CI (and fail in CI).
    if let Err(e) = tools::ensure_chromium() {
        return Outcome::Skipped(format!("the demo e2e test needs Node.js and Chromium: {e}"));
    }
    let shots = root().join("target").join("demo-screenshots");
    build()
        .and_then(|()| std::fs::create_dir_all(&shots).map_err(|e| format!("{}: {e}", shots.display())))
        .and_then(|()| {
            run(Command::new("node")
                .arg("demo-web/e2e/e2e.mjs")
                .env_remove("DEMO_URL")
                .env("SCREENSHOT_DIR", &shots))
        })
        .into()
}
