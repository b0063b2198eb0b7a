//! The `analyze` lane: `paysel analyze` against libraries no one here wrote,
//! and its HTML report in a browser. What the CLI must find in each fixture
//! is tested where the CLI lives (`cli/tests/analyze_findings.rs`); that
//! test also leaves the fixtures, the CLI's reports, its SQL and an HTML
//! page in `target/analyze/` with a `manifest.json`, which this lane checks:
//!
//! 1. `tests/analyze/reference.py` recounts the events and recomputes every
//!    interval, p-value and sample size with statsmodels and scipy, and runs
//!    `paysel analyze --sql` on DuckDB over the same files (pinned in
//!    `tests/analyze/requirements.txt`, installed into `target/tools/venv`).
//! 2. `tests/analyze/html.mjs` opens the page in headless Chromium: no
//!    console error, no request off the page, a screenshot in
//!    `target/analyze/report.png`.

use crate::tools::{self, cargo, ensure_apt, output, root, run, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;

fn out_dir() -> PathBuf {
    root().join("target").join("analyze")
}

fn checks_dir() -> PathBuf {
    root().join("tests").join("analyze")
}

/// The lane.
pub fn lane() -> Outcome {
    let python = match ensure_venv() {
        Ok(p) => p,
        Err(e) => return Outcome::Skipped(format!("the reference checks need Python 3 with venv: {e}")),
    };
    if let Err(e) = tools::ensure_chromium() {
        return Outcome::Skipped(format!("the HTML check needs Node.js and Chromium: {e}"));
    }
    checks(&python).into()
}

fn checks(python: &Path) -> Result<(), String> {
    let dir = out_dir();
    let _ = std::fs::remove_dir_all(&dir);
    run(cargo()
        .args([
            "test",
            "--quiet",
            "-p",
            "paysel-cli",
            "--test",
            "analyze_findings",
        ])
        .env("PAYSEL_ANALYZE_OUT", &dir))?;
    run(Command::new(python)
        .arg(checks_dir().join("reference.py"))
        .arg(dir.join("manifest.json")))?;
    tools::ensure_npm_workspace()?;
    run(Command::new("node")
        .arg("html.mjs")
        .current_dir(checks_dir())
        .env("REPORT", dir.join("report.html"))
        .env("SCREENSHOT", dir.join("report.png")))
}

/// A venv under `target/tools/venv` with the pinned reference libraries;
/// skipped when it already holds exactly those pins.
fn ensure_venv() -> Result<PathBuf, String> {
    let venv = tools::tools_dir().join("venv");
    let python = venv.join("bin").join("python");
    let requirements = checks_dir().join("requirements.txt");
    let wanted = tools::read(&requirements)?;
    let stamp = venv.join("paysel-requirements.txt");
    if python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(python);
    }
    if output(Command::new("python3").args(["-m", "venv", "--help"])).is_err() {
        ensure_apt(&["python3", "python3-venv"])?;
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg("-r")
        .arg(&requirements))
    .map_err(|e| format!("{e}; the pins are in {}", requirements.display()))?;
    tools::write(&stamp, &wanted)?;
    Ok(python)
}
