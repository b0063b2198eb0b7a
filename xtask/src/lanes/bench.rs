//! `cargo xtask bench`: every figure of the performance budget, measured in
//! one run next to the libraries a web team would use instead. The xtask
//! installs what the parts need and runs them one after another; each part
//! prints its figures with their targets as one JSON line, kept in
//! `target/bench/parts/`, and `bench/report.mjs` prints them as a table and
//! writes `target/bench/report.json`.
//!
//! 1. `bench/native.mjs`: the criterion benches in `core/benches/`, and the
//!    stripped release library of the mobile bindings.
//! 2. `bench/analyze.mjs`: `paysel analyze` on 10 million events.
//! 3. `bench/web.mjs`: the npm package's sizes per entry with twiggy's
//!    breakdown by crate and component, the packed tarball, Node timings
//!    next to ua-parser-js and inapp-spy, and cold loads in headless
//!    Chromium at 1x and 4x CPU, ua-parser-js beside.
//! 4. `bench/plan.mjs`: `paysel/plan` on the server and in Chromium.
//! 5. `decide` through the Kotlin bindings and JNA
//!    (`bindings-mobile/tests/kotlin/Bench.kt`).
//!
//! A target missed is marked in the table, not fatal.

use crate::tools::{
    ensure_apt, ensure_cargo_install, ensure_chromium, ensure_npm_workspace, output, root, run, write,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// twiggy, for the size breakdown of each entry's .wasm.
const TWIGGY_VERSION: &str = "0.8.0";

/// Installs what the parts need, runs them and writes the report.
pub fn run_all() -> Result<(), String> {
    let started = std::time::Instant::now();
    ensure_chromium()?;
    ensure_npm_workspace()?;
    // GNU time, for the peak memory of `paysel analyze`.
    ensure_apt(&["time"])?;
    let twiggy = ensure_cargo_install("twiggy", TWIGGY_VERSION, "twiggy")?;
    crate::lanes::wasm::build_package()?;
    let jvm = crate::lanes::mobile::bench_command()?;
    let dir = root().join("target").join("bench").join("parts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let node = |script: &str| {
        let mut cmd = Command::new("node");
        cmd.arg(Path::new("bench").join(script));
        cmd
    };
    let mut web = node("web.mjs");
    web.arg(twiggy);
    let parts = [
        ("native", node("native.mjs")),
        ("analyze", node("analyze.mjs")),
        ("web", web),
        ("plan", node("plan.mjs")),
        ("jvm", jvm),
    ];
    let mut files = Vec::new();
    for (name, mut cmd) in parts {
        files.push(part(&dir, name, &mut cmd)?);
    }
    run(node("report.mjs").args(files))?;
    eprintln!("bench took {:.0?}", started.elapsed());
    Ok(())
}

/// Runs one part, its progress on stderr, and keeps the JSON line it prints
/// last in `dir/<name>.json`.
fn part(dir: &Path, name: &str, cmd: &mut Command) -> Result<PathBuf, String> {
    eprintln!("--> bench: {name}");
    let out = output(cmd.stderr(Stdio::inherit()))?;
    let file = dir.join(format!("{name}.json"));
    write(&file, out.lines().last().unwrap_or_default())?;
    Ok(file)
}
