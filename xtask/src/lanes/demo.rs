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

use crate::tools::{self, ensure_apt, ensure_npm_workspace, root, run, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Chromium the e2e test drives (Debian's package; browser downloads
/// do not work on our machines).
const CHROMIUM: &str = "/usr/bin/chromium";

const DEFAULT_PORT: u16 = 8080;

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

fn parse_port(args: &[String]) -> Result<u16, String> {
    let mut port = DEFAULT_PORT;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--port=") {
            Some(v) => v.to_owned(),
            None if arg == "--port" => args
                .next()
                .cloned()
                .ok_or("--port needs a number, e.g. --port 8081")?,
            None => {
                return Err(format!(
                    "unknown argument `{arg}`; usage: cargo xtask demo [--port N]"
                ))
            }
        };
        port = value
            .parse()
            .map_err(|_| format!("--port needs a number from 0 to 65535, not `{value}`"))?;
    }
    Ok(port)
}

/// Builds and serves the demo page.
pub fn serve(args: &[String]) -> Result<(), String> {
    let port = parse_port(args)?;
    build()?;
    run(Command::new("node")
        .arg("tools/serve.mjs")
        .arg(dist_dir())
        .arg(port.to_string()))
    .map_err(|e| format!("{e} (pick another port with --port N)"))
}

/// Tests the demo page end-to-end in headless Chromium.
pub fn lane() -> Outcome {
    // Missing toolchains make the lane skip outside CI (and fail in CI).
    if let Err(e) = ensure_node() {
        return Outcome::Skipped(e);
    }
    if let Err(e) = ensure_apt(&["chromium"]) {
        return Outcome::Skipped(format!("Chromium is needed for the demo e2e test: {e}"));
    }
    if !Path::new(CHROMIUM).is_file() {
        return Outcome::Skipped(format!(
            "{CHROMIUM} is missing; install it with: sudo apt-get install -y chromium"
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ports() {
        assert_eq!(parse_port(&[]), Ok(8080));
        assert_eq!(parse_port(&args(&["--port", "9000"])), Ok(9000));
        assert_eq!(parse_port(&args(&["--port=0"])), Ok(0));
        assert!(parse_port(&args(&["--port"])).is_err());
        assert!(parse_port(&args(&["--port", "x"])).is_err());
        assert!(parse_port(&args(&["--verbose"])).is_err());
    }
}
