//! The demo page: build, serve, and test end-to-end in Chromium.
//!
//! - `cargo xtask demo [--port N]` builds the npm package (`cargo xtask
//!   wasm`) and the page (`npm ci` at the root + `node build.mjs` in
//!   `demo-web/`), then serves `demo-web/dist` on `http://127.0.0.1:8080`
//!   with `tools/serve.mjs`.
//! - The `demo` lane does the same builds and runs `demo-web/e2e/e2e.mjs`,
//!   which serves the page on a free port and drives the Debian `chromium`
//!   through `tools/browser.mjs`. Screenshots land in
//!   `target/demo-screenshots/`.

use crate::tools::{self, ensure_npm_workspace, root, run, Outcome};
use std::path::PathBuf;
use std::process::Command;

/// playwright-core 1.65 needs Node.js 20.
const NODE_MAJOR: u32 = 20;

fn demo_dir() -> PathBuf {
    root().join("demo-web")
}

fn dist_dir() -> PathBuf {
    demo_dir().join("dist")
}

/// Builds the npm package and the page into `demo-web/dist/`. Idempotent:
/// `npm ci` is skipped while `node_modules` is up to date, and the page
/// build (type-check + esbuild) takes about a second.
pub fn build() -> Result<(), String> {
    crate::lanes::wasm::build_package()?;
    build_page()
}

/// `npm ci` (when needed) and `node build.mjs` in `demo-web/`.
fn build_page() -> Result<(), String> {
    let dir = demo_dir();
    ensure_node()?;
    ensure_npm_workspace()?;
    run(Command::new("node").arg("build.mjs").current_dir(&dir))
}

/// Node.js with npm, new enough for playwright-core (20+).
fn ensure_node() -> Result<(), String> {
    tools::ensure_node(NODE_MAJOR).map_err(|e| format!("the demo page needs Node.js: {e}"))
}

/// Builds and serves the demo page.
pub fn serve(port: u16) -> Result<(), String> {
    build()?;
    run(Command::new("node")
        .arg("tools/serve.mjs")
        .arg(dist_dir())
        .arg(port.to_string()))
}

/// Tests the demo page end-to-end in headless Chromium.
pub fn lane() -> Outcome {
    // Missing toolchains make the lane skip outside CI (and fail in CI).
    if let Err(e) = tools::ensure_chromium() {
        return Outcome::Skipped(format!("the demo e2e test needs Node.js and Chromium: {e}"));
    }
    if let Err(e) = build() {
        return Outcome::Failed(e);
    }
    e2e().into()
}

/// The Node e2e test, which serves `dist/` on a free port itself.
fn e2e() -> Result<(), String> {
    let shots = root().join("target").join("demo-screenshots");
    std::fs::create_dir_all(&shots).map_err(|e| format!("{}: {e}", shots.display()))?;
    run(Command::new("node")
        .arg("e2e/e2e.mjs")
        .current_dir(demo_dir())
        .env_remove("DEMO_URL")
        .env("SCREENSHOT_DIR", &shots))
}
