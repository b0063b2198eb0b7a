//! The WASM lane and the npm package build.
//!
//! `cargo xtask wasm` installs the wasm32 target and the wasm-bindgen CLI of
//! the version `Cargo.lock` pins, then runs `bindings-wasm/build.mjs`, which
//! builds the npm package `paysel` into `bindings-wasm/pkg/`: two entries,
//! each a build of the crate with its own `.wasm` (the script says which
//! file comes from where).
//!
//! `cargo xtask test wasm` builds it and tests it: clippy for wasm32, the
//! crate's unit tests, the wasm-bindgen-test suite in Node and in headless
//! Chromium, a second build with the `trap-for-tests` feature, and one
//! `node --test` over `bindings-wasm/js-tests/` and `tools/`: the built
//! package in Node, Chromium and a Vite app, its types, its tarball and its
//! size ceilings (the bindings-wasm README lists what each file checks).

use crate::tools::{self, cargo, root, run, tools_dir, Outcome};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

const TARGET: &str = "wasm32-unknown-unknown";

/// The installed wasm-bindgen CLI and its test runner, or why they could
/// not be installed.
struct Toolchain {
    wasm_bindgen: PathBuf,
    test_runner: PathBuf,
}

fn toolchain() -> Result<Toolchain, String> {
    tools::ensure_rust_target(TARGET)?;
    tools::ensure_node(20)?;
    // The CLI must be the exact version of the crate the workspace locks.
    let version = tools::locked_version("wasm-bindgen")?;
    let wasm_bindgen = tools::ensure_cargo_install("wasm-bindgen-cli", &version, "wasm-bindgen")?;
    let test_runner = tools_dir().join("bin").join("wasm-bindgen-test-runner");
    Ok(Toolchain {
        wasm_bindgen,
        test_runner,
    })
}

/// Builds the npm package into `bindings-wasm/pkg/`.
pub fn build_package() -> Result<(), String> {
    build(&toolchain()?, false)
}

/// `bindings-wasm/build.mjs`: the package into `bindings-wasm/pkg/`, or,
/// with the crate's `trap-for-tests` feature, into `target/paysel-trap-pkg/`
/// (where `js-tests/test/trap.test.mjs` finds it).
fn build(toolchain: &Toolchain, trap_for_tests: bool) -> Result<(), String> {
    // wasm-opt comes from the workspace; without it the script builds an
    // unoptimized package outside CI and fails in CI.
    if let Err(e) = tools::ensure_npm_workspace() {
        eprintln!("warning: {e}");
    }
    let mut cmd = Command::new("node");
    cmd.arg("bindings-wasm/build.mjs")
        .arg("--wasm-bindgen")
        .arg(&toolchain.wasm_bindgen);
    if trap_for_tests {
        cmd.args(["--features", "trap-for-tests", "--out"])
            .arg(root().join("target").join("paysel-trap-pkg"));
    }
    run(&mut cmd)
}

/// Builds and tests the npm package in Node and headless Chromium.
pub fn lane() -> Outcome {
    let browser = tools::ensure_chromium().and_then(|()| tools::ensure_apt(&["chromium-driver"]));
    match toolchain().and_then(|t| browser.map(|()| t)) {
        Ok(toolchain) => checks(&toolchain).into(),
        Err(e) => Outcome::Skipped(e),
    }
}

fn checks(t: &Toolchain) -> Result<(), String> {
    step("the npm package", || build(t, false))?;
    step("clippy (wasm32)", clippy_wasm)?;
    step("native unit tests", || {
        run(cargo().args(["test", "--quiet", "-p", "paysel-wasm", "--lib"]))
    })?;
    step("wasm-bindgen-test in Node", || wasm_tests(t, "node"))?;
    step("wasm-bindgen-test in headless Chromium", || {
        wasm_tests(t, "browser")
    })?;
    step("the trap-test build of the package", || build(t, true))?;
    step("node --test bindings-wasm/js-tests/ tools/", || {
        run(Command::new("node").args(["--test", "bindings-wasm/js-tests/", "tools/"]))
    })
}

/// Runs one step of the lane and reports its time.
fn step(name: &str, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    eprintln!("--> wasm: {name}");
    let started = Instant::now();
    f().map_err(|e| format!("{name}: {e}"))?;
    eprintln!("--> wasm: {name} passed in {:.1?}", started.elapsed());
    Ok(())
}

/// Clippy over the crate and its wasm-only tests, which the workspace's
/// host-target clippy does not compile, without and with `signed`.
fn clippy_wasm() -> Result<(), String> {
    for features in [&[][..], &["--features", "signed"]] {
        run(cargo()
            .args(["clippy", "--quiet", "--target", TARGET, "-p", "paysel-wasm"])
            .arg("--all-targets")
            .args(features)
            .args(["--", "-D", "warnings"]))?;
    }
    Ok(())
}

/// One wasm-bindgen-test binary (`tests/<name>.rs`; `browser` drives
/// Debian's chromedriver with `bindings-wasm/webdriver.json`). No `-q`:
/// cargo would pass `--quiet` on to the runner, which refuses it.
fn wasm_tests(toolchain: &Toolchain, name: &str) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["test", "--target", TARGET, "-p", "paysel-wasm", "--test", name])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            &toolchain.test_runner,
        );
    if name == "browser" {
        cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
        // The runner gives chromedriver 5 s to bind its port; a busy 2-core
        // machine sometimes needs more.
        if std::env::var_os("WASM_BINDGEN_TEST_DRIVER_TIMEOUT").is_none() {
            cmd.env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60");
        }
    }
    run(&mut cmd)
}
