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

/// One benchmark figure: metric, value, unit, and the target as
/// `(comparison, bound)`.
pub type BenchFigure = (&'static str, f64, &'static str, Option<(&'static str, f64)>);

/// Events in the benchmark file.
const BENCH_EVENTS: u64 = 10_000_000;

/// `paysel analyze` (release build) on a file of 10 million events written
/// by the CLI's example `analyze_events`: events per second, and peak
/// memory as the kernel counts it for the child (`ru_maxrss`, through GNU
/// time's `%M`).
pub fn bench() -> Result<Vec<BenchFigure>, String> {
    run(cargo().args(["build", "--quiet", "--release", "-p", "paysel-cli"]))?;
    let paysel = root().join("target/release/paysel");
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let events = dir.join("events-10m.jsonl");
    let started = std::time::Instant::now();
    let written = output(
        cargo()
            .args(["run", "--quiet", "--release", "-p", "paysel-cli"])
            .args(["--example", "analyze_events", "--"])
            .arg(&events)
            .arg(BENCH_EVENTS.to_string()),
    )?;
    let written: f64 = written
        .trim()
        .parse()
        .map_err(|e| format!("analyze_events printed {written}: {e}"))?;
    let bytes = std::fs::metadata(&events).map_err(|e| e.to_string())?.len() as f64;
    eprintln!(
        "analyze bench: wrote {written} events ({:.0} MB) in {:.1?}",
        bytes / 1e6,
        started.elapsed()
    );
    // Once to warm the page cache, then timed.
    output(Command::new(&paysel).arg("analyze").arg("--json").arg(&events))?;
    let (seconds, cpu_seconds, peak_kib) = timed(
        Command::new(&paysel)
            .args(["analyze", "--json", "--policy"])
            .arg(checks_dir().join("policy.json"))
            .arg(&events),
    )?;
    let _ = std::fs::remove_file(&events);
    Ok(vec![
        (
            "analyze.events_per_second",
            written / seconds,
            "ev/s",
            Some((">=", 1_000_000.0)),
        ),
        ("analyze.mb_per_second", bytes / 1e6 / seconds, "MB/s", None),
        ("analyze.10m_events_seconds", seconds, "s", None),
        // CPU time (user + system, all threads) per event: what the figure
        // above is worth on a machine that others are using too.
        (
            "analyze.cpu_ns_per_event",
            cpu_seconds * 1e9 / written,
            "ns",
            None,
        ),
        ("analyze.peak_rss_mib", peak_kib / 1024.0, "MiB", None),
    ])
}

/// Runs `cmd` to the end under GNU time: its wall time and CPU time (user
/// plus system) in seconds, and its peak resident memory in KiB.
fn timed(cmd: &mut Command) -> Result<(f64, f64, f64), String> {
    let shown = format!("{cmd:?}");
    let mut time = Command::new("/usr/bin/time");
    time.arg("-f")
        .arg("%U %S %M")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    if !Path::new("/usr/bin/time").is_file() {
        ensure_apt(&["time"])?;
    }
    let started = std::time::Instant::now();
    let out = time.output().map_err(|e| format!("{shown}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("{shown}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let figures: Vec<f64> = last.split_whitespace().filter_map(|f| f.parse().ok()).collect();
    match figures[..] {
        [user, system, kib] => Ok((seconds, user + system, kib)),
        _ => Err(format!("{shown}: no CPU time and peak memory in `{last}`")),
    }
}
