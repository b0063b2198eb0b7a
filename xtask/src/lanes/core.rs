//! The Rust lanes: formatting, lints, core and CLI tests, conformance vectors.

use crate::tools::{cargo, run, Outcome};

/// `cargo fmt --check` over the workspace.
pub fn fmt() -> Outcome {
    run(cargo().args(["fmt", "--all", "--check"])).into()
}

/// Clippy with warnings denied, over every crate and target.
pub fn clippy() -> Outcome {
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))
    .into()
}

/// Unit, integration and doc tests of the core and the CLI.
pub fn tests() -> Outcome {
    run(cargo().args(["test", "--quiet", "-p", "paysel-core", "-p", "paysel-cli"])).into()
}

/// The conformance vectors through the Rust engine.
pub fn vectors_lane() -> Outcome {
    vectors(false).into()
}

/// Runs the vectors in `tests/vectors/`; with `bless`, rewrites their
/// expectations from the current engine (review the diff before committing).
pub fn vectors(bless: bool) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["test", "--quiet", "-p", "paysel-core", "--test", "vectors"]);
    if bless {
        cmd.env("PAYSEL_BLESS", "1");
    }
    run(&mut cmd)
}

/// Writes the embedded default policy as Rust data
/// (`core/src/default_policy.rs`) from `core/src/default_policy.json`, so
/// that no engine parses it at start-up; the core tests check the two agree.
pub fn bake() -> Result<(), String> {
    let out = crate::tools::output(cargo().args([
        "run",
        "--quiet",
        "-p",
        "paysel-core",
        "--example",
        "bake_default_policy",
    ]))?;
    let path = crate::tools::root().join("core/src/default_policy.rs");
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    run(std::process::Command::new("rustfmt")
        .args(["--edition", "2021"])
        .arg(&path))
}
