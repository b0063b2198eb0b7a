//! The `analyze` lane: `paysel analyze` on generated event files, checked
//! three ways.
//!
//! 1. What it must find: the known effect of `effect.jsonl` (significant,
//!    its interval holding the planted three points), no effect in
//!    `null.jsonl`, the sample-ratio mismatch of `srm.jsonl`, the planted
//!    failing launch cell of `launch.jsonl` with its override, the
//!    malformed lines of `malformed.jsonl` by number, and shards merged
//!    through `--state` giving the same report as one pass.
//! 2. Against libraries no one here wrote: `tests/analyze/reference.py`
//!    recounts the events and recomputes every interval, p-value and sample
//!    size with statsmodels and scipy, and runs `paysel analyze --sql` on
//!    DuckDB over the same files (pinned in `tests/analyze/requirements.txt`,
//!    installed into `target/tools/venv`).
//! 3. The HTML report in headless Chromium (`tests/analyze/html.mjs`): no
//!    console error, no request off the page, a screenshot in
//!    `target/analyze/report.png`.

pub mod fixtures;

use crate::tools::{self, cargo, ensure_apt, ensure_npm_workspace, output, root, run, Outcome};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn out_dir() -> PathBuf {
    root().join("target").join("analyze")
}

fn checks_dir() -> PathBuf {
    root().join("tests").join("analyze")
}

fn policy_path() -> PathBuf {
    checks_dir().join("policy.json")
}

/// The fixture policy, through the core like every policy.
pub fn fixture_engine() -> Result<paysel_core::Engine, String> {
    let path = policy_path();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    paysel_core::Engine::from_policy_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The lane.
pub fn lane() -> Outcome {
    let python = match ensure_venv() {
        Ok(p) => p,
        Err(e) => return Outcome::Skipped(format!("the reference checks need Python 3 with venv: {e}")),
    };
    if let Err(e) = tools::ensure_node(20) {
        return Outcome::Skipped(format!("the HTML check needs Node.js: {e}"));
    }
    if let Err(e) = ensure_apt(&["chromium"]) {
        return Outcome::Skipped(format!("the HTML check needs Chromium: {e}"));
    }
    checks(&python).into()
}

fn checks(python: &Path) -> Result<(), String> {
    run(cargo().args(["build", "--quiet", "-p", "paysel-cli"]))?;
    let paysel = root().join("target/debug/paysel");
    let dir = out_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let engine = fixture_engine()?;
    let file = |name: &str| dir.join(name);
    fixtures::experiment(&file("effect.jsonl"), &engine, 40_000, 1, (0.10, 0.13), 0.0)?;
    fixtures::experiment(&file("null.jsonl"), &engine, 40_000, 2, (0.10, 0.10), 0.0)?;
    fixtures::experiment(&file("srm.jsonl"), &engine, 20_000, 3, (0.10, 0.10), 0.15)?;
    fixtures::exact(
        &file("small.jsonl"),
        &engine,
        &[("control", 15, 4), ("card_first", 12, 0)],
        4,
    )?;
    fixtures::exact(
        &file("zero.jsonl"),
        &engine,
        &[("control", 20, 0), ("card_first", 25, 3)],
        5,
    )?;
    fixtures::launch(&file("launch.jsonl"), &engine)?;
    fixtures::malformed(&file("malformed.jsonl"), &engine)?;

    let analyze = |files: &[&str], extra: &[&str]| -> Result<Value, String> {
        let mut cmd = Command::new(&paysel);
        cmd.args(["analyze", "--json", "--policy"])
            .arg(policy_path())
            .args(extra);
        cmd.args(files.iter().map(|f| file(f)));
        let text = output(&mut cmd)?;
        serde_json::from_str(&text).map_err(|e| format!("paysel analyze --json: {e}"))
    };
    let names = ["effect", "null", "srm", "small", "zero", "launch", "malformed"];
    let mut manifest = Vec::new();
    let mut reports = std::collections::BTreeMap::new();
    for name in names {
        let events = format!("{name}.jsonl");
        let report = analyze(&[&events], &[])?;
        let path = file(&format!("{name}.report.json"));
        write(&path, &report.to_string())?;
        manifest.push(serde_json::json!({
            "name": name,
            "events": file(&events),
            "report": path,
            "sql": name != "malformed",
        }));
        reports.insert(name, report);
    }
    let mut failures = Vec::new();
    expectations(&reports, &mut failures);
    merged_states(&paysel, &analyze, &mut failures)?;
    text_output(&paysel, &mut failures)?;
    if !failures.is_empty() {
        return Err(format!("paysel analyze:\n  {}", failures.join("\n  ")));
    }
    eprintln!("analyze: every expectation holds on {} fixtures", names.len());

    let sql = output(
        Command::new(&paysel)
            .args(["analyze", "--sql", "--policy"])
            .arg(policy_path()),
    )?;
    write(&file("analysis.sql"), &sql)?;
    let manifest = serde_json::json!({
        "policy": policy_path(),
        "sql": file("analysis.sql"),
        "fixtures": manifest,
    });
    write(&file("manifest.json"), &manifest.to_string())?;
    run(Command::new(python)
        .arg(checks_dir().join("reference.py"))
        .arg(file("manifest.json")))?;

    html(&paysel)
}

/// What each fixture must show, in the words of the issue.
fn expectations(reports: &std::collections::BTreeMap<&str, Value>, failures: &mut Vec<String>) {
    let mut expect = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };
    let arm = |name: &str, variant: &str| -> Value {
        reports[name]["experiments"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["experiment"] == fixtures::EXPERIMENT && r["variant"] == variant)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    // A known effect of +3 points: significant, and the interval holds it.
    let t = arm("effect", "card_first");
    expect(
        f(&t["p_value"]) < 0.05
            && f(&t["diff_ci_low"]) < 3.0
            && 3.0 < f(&t["diff_ci_high"])
            && f(&t["diff_ci_low"]) > 0.0,
        format!("effect.jsonl: the +3 pp effect is not reported right: {t}"),
    );
    // No effect: not significant, and the interval holds 0.
    let t = arm("null", "card_first");
    expect(
        f(&t["p_value"]) >= 0.05 && f(&t["diff_ci_low"]) < 0.0 && 0.0 < f(&t["diff_ci_high"]),
        format!("null.jsonl: an effect is reported where there is none: {t}"),
    );
    let srm_of = |name: &str| -> Value {
        reports[name]["sample_ratio"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["experiment"] == fixtures::EXPERIMENT)
            .cloned()
            .unwrap_or(Value::Null)
    };
    expect(
        srm_of("srm")["mismatch"] == true,
        format!("srm.jsonl: no sample-ratio mismatch: {}", srm_of("srm")),
    );
    expect(
        srm_of("null")["mismatch"] == false,
        format!("null.jsonl: a sample-ratio mismatch: {}", srm_of("null")),
    );
    // Small samples and a zero-conversion arm still get their figures.
    let t = arm("small", "card_first");
    expect(
        t["conversions"] == 0 && t["ci_low"] == 0.0 && t["p_value"].is_number(),
        format!("small.jsonl: the zero-conversion arm: {t}"),
    );
    // The planted launch failure, flagged, with its override on Android.
    let launch = &reports["launch"];
    let flagged: Vec<String> = launch["launch"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["flagged"] == true)
        .map(|c| format!("{}/{}/{}", c["host"], c["rail"], c["launch"]))
        .collect();
    expect(
        flagged == [r#""douyin"/"alipay"/"h5_redirect""#],
        format!("launch.jsonl: flagged cells {flagged:?}, expected douyin/alipay/h5_redirect only"),
    );
    let hide = &launch["overrides"][0]["hide"];
    expect(
        *hide
            == serde_json::json!({"host": "douyin", "rail": "alipay", "platform": ["android"], "launch": null}),
        format!("launch.jsonl: the suggested override is {hide}"),
    );
    expect(
        launch["overrides"][0]["guide"]["launch"] == "open_in_browser",
        format!(
            "launch.jsonl: no open-in-browser alternative: {}",
            launch["overrides"][0]
        ),
    );
    // Malformed lines, by number.
    let listed: Vec<(u64, String)> = reports["malformed"]["malformed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["line"].as_u64().unwrap_or(0),
                m["error"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let lines: Vec<u64> = listed.iter().map(|(l, _)| *l).collect();
    let planted: Vec<u64> = fixtures::MALFORMED.iter().map(|(l, _)| *l).collect();
    expect(
        lines == planted
            && fixtures::MALFORMED
                .iter()
                .zip(&listed)
                .all(|((_, want), (_, got))| got.contains(want)),
        format!(
            "malformed.jsonl: reported {listed:?}, planted {:?}",
            fixtures::MALFORMED
        ),
    );
    expect(
        reports["malformed"]["events"]["malformed"] == planted.len(),
        "malformed.jsonl: the malformed count".to_owned(),
    );
}

/// `paysel analyze --json --policy tests/analyze/policy.json EXTRA FILES`.
type Analyze<'a> = dyn Fn(&[&str], &[&str]) -> Result<Value, String> + 'a;

/// Shards reduced through state files give the one-pass report.
fn merged_states(paysel: &Path, analyze: &Analyze<'_>, failures: &mut Vec<String>) -> Result<(), String> {
    let dir = out_dir();
    let shards = ["effect.jsonl", "launch.jsonl", "malformed.jsonl"];
    let mut states = Vec::new();
    for shard in shards {
        let state = dir.join(format!("{shard}.state.json"));
        output(
            Command::new(paysel)
                .args(["analyze", "--json", "--state-out"])
                .arg(&state)
                .arg(dir.join(shard)),
        )?;
        states.push(state.display().to_string());
    }
    let mut args: Vec<&str> = vec!["--state"];
    args.extend(states.iter().map(String::as_str));
    let merged = analyze(&[], &args)?;
    let whole = analyze(&shards, &[])?;
    if merged != whole {
        failures.push(format!(
            "--state of three shards differs from one pass over them:\n    merged {merged}\n    whole  {whole}"
        ));
    }
    Ok(())
}

/// The readable report says what matters in words.
fn text_output(paysel: &Path, failures: &mut Vec<String>) -> Result<(), String> {
    let dir = out_dir();
    let text = |files: &[&str], policy: bool| -> Result<String, String> {
        let mut cmd = Command::new(paysel);
        cmd.arg("analyze");
        if policy {
            cmd.arg("--policy").arg(policy_path());
        }
        output(cmd.args(files.iter().map(|f| dir.join(f))))
    };
    let null = text(&["null.jsonl"], true)?;
    let effect = text(&["effect.jsonl"], true)?;
    let launch = text(&["launch.jsonl"], true)?;
    let default_policy = text(&["null.jsonl"], false)?;
    write(&dir.join("null.txt"), &null)?;
    write(&dir.join("effect.txt"), &effect)?;
    write(&dir.join("launch.txt"), &launch)?;
    let mut want = |ok: bool, what: &str, text: &str| {
        if !ok {
            failures.push(format!("{what}:\n{text}"));
        }
    };
    want(
        null.contains("card_first vs control: not significant"),
        "the null report does not say `not significant`",
        &null,
    );
    want(
        effect.contains("significant at 5%") && !effect.contains("card_first vs control: not significant"),
        "the effect report does not call the effect significant",
        &effect,
    );
    want(
        launch.contains(r#"{"host":"douyin","rail":"alipay","platform":["android"],"launch":null}"#),
        "the launch report does not print the override to paste",
        &launch,
    );
    want(
        default_policy.contains("not checked, this experiment is not in the policy"),
        "without the experiment's policy, the report does not say so",
        &default_policy,
    );
    Ok(())
}

/// The HTML report of every fixture, opened in Chromium.
fn html(paysel: &Path) -> Result<(), String> {
    let dir = out_dir();
    let page = dir.join("report.html");
    let mut cmd = Command::new(paysel);
    cmd.args(["analyze", "--policy"])
        .arg(policy_path())
        .arg("--html")
        .arg(&page);
    for f in ["launch.jsonl", "small.jsonl", "malformed.jsonl"] {
        cmd.arg(dir.join(f));
    }
    output(&mut cmd)?;
    if !Path::new(CHROMIUM).is_file() {
        return Err(format!(
            "{CHROMIUM} is missing; install it with: apt-get install -y chromium"
        ));
    }
    ensure_npm_workspace()?;
    run(Command::new("node")
        .arg("html.mjs")
        .current_dir(checks_dir())
        .env("REPORT", &page)
        .env("SCREENSHOT", dir.join("report.png")))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A venv under `target/tools/venv` with the pinned reference libraries;
/// skipped when it already holds exactly those pins.
fn ensure_venv() -> Result<PathBuf, String> {
    let venv = tools::tools_dir().join("venv");
    let python = venv.join("bin").join("python");
    let requirements = checks_dir().join("requirements.txt");
    let wanted =
        std::fs::read_to_string(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let stamp = venv.join("paysel-requirements.txt");
    if python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(python);
    }
    if output(Command::new("python3").args(["-m", "venv", "--help"])).is_err() {
        ensure_apt(&["python3", "python3-venv"])?;
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements))
    .map_err(|e| format!("{e}; the pins are in {}", requirements.display()))?;
    write(&stamp, &wanted)?;
    Ok(python)
}

/// One benchmark figure: metric, value, unit, and the target as
/// `(comparison, bound)`.
pub type BenchFigure = (&'static str, f64, &'static str, Option<(&'static str, f64)>);

/// Events in the benchmark file.
const BENCH_EVENTS: u64 = 10_000_000;

/// `paysel analyze` (release build) on a file of 10 million events from
/// `fixtures::bench`: events per second, and peak memory as the kernel
/// counts it for the child (`ru_maxrss`, through GNU time's `%M`).
/// Figures: `(metric, value, unit, target)`.
pub fn bench() -> Result<Vec<BenchFigure>, String> {
    run(cargo().args(["build", "--quiet", "--release", "-p", "paysel-cli"]))?;
    let paysel = root().join("target/release/paysel");
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let events = dir.join("events-10m.jsonl");
    let engine = fixture_engine()?;
    let started = std::time::Instant::now();
    let written = fixtures::bench(&events, &engine, BENCH_EVENTS)?;
    let bytes = std::fs::metadata(&events).map_err(|e| e.to_string())?.len();
    eprintln!(
        "analyze bench: wrote {written} events ({:.0} MB) in {:.1?}",
        bytes as f64 / 1e6,
        started.elapsed()
    );
    // Once to warm the page cache, then timed.
    output(Command::new(&paysel).arg("analyze").arg("--json").arg(&events))?;
    let (seconds, cpu_seconds, peak_kib) = timed(
        Command::new(&paysel)
            .args(["analyze", "--json", "--policy"])
            .arg(policy_path())
            .arg(&events),
    )?;
    let _ = std::fs::remove_file(&events);
    Ok(vec![
        (
            "analyze.events_per_second",
            written as f64 / seconds,
            "ev/s",
            Some((">=", 1_000_000.0)),
        ),
        (
            "analyze.mb_per_second",
            bytes as f64 / 1e6 / seconds,
            "MB/s",
            None,
        ),
        ("analyze.10m_events_seconds", seconds, "s", None),
        // CPU time (user + system, all threads) per event: what the figure
        // above is worth on a machine that others are using too.
        (
            "analyze.cpu_ns_per_event",
            cpu_seconds * 1e9 / written as f64,
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
