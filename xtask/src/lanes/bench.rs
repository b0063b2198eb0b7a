//! `cargo xtask bench`: every figure of the performance budget, measured in
//! one run next to the libraries a web team would use instead, written as a
//! table and as `target/bench/report.json`.
//!
//! 1. Native: the criterion benches in `core/benches/`.
//! 2. The web package (`bench/web.mjs`, which holds its figures and their
//!    targets): sizes per entry with twiggy's breakdown by crate and
//!    component, the packed tarball, Node timings next to ua-parser-js and
//!    inapp-spy (pinned in the root `package-lock.json`), and cold loads in
//!    headless Chromium at 1x and 4x CPU, ua-parser-js beside.
//! 3. Sizes: the stripped release cdylib of the mobile bindings.
//! 4. JVM: `decide` through the Kotlin bindings and JNA.
//! 5. `paysel analyze` on 10 million events (`lanes::analyze::bench`).
//!
//! Targets are printed beside each figure; a miss is marked, not fatal.

use crate::tools::{
    cargo, ensure_apt, ensure_cargo_install, ensure_node, ensure_npm_workspace, output, root, run,
};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// twiggy, for the size breakdown of each entry's .wasm.
const TWIGGY_VERSION: &str = "0.8.0";

/// `(comparison, bound)`: `("<", 2000.0)` means the value must be below 2000.
type Target = Option<(&'static str, f64)>;

/// One reported figure.
struct Figure {
    metric: String,
    value: f64,
    unit: String,
    /// `(comparison, bound)`: `("<", 2000.0)` means the value must be below 2000.
    target: Option<(String, f64)>,
}

impl Figure {
    fn meets(&self) -> Option<bool> {
        self.target.as_ref().map(|(op, bound)| match op.as_str() {
            "<" => self.value < *bound,
            "<=" => self.value <= *bound,
            ">=" => self.value >= *bound,
            _ => false,
        })
    }
}

fn fig(metric: &str, value: f64, unit: &str, target: Option<(&str, f64)>) -> Figure {
    Figure {
        metric: metric.to_owned(),
        value,
        unit: unit.to_owned(),
        target: target.map(|(op, b)| (op.to_owned(), b)),
    }
}

/// Runs every benchmark and writes the report.
pub fn run_all() -> Result<(), String> {
    let started = std::time::Instant::now();
    let mut figures = native()?;
    figures.extend(
        crate::lanes::analyze::bench()?
            .into_iter()
            .map(|(metric, value, unit, target)| fig(metric, value, unit, target)),
    );
    crate::lanes::wasm::build_package()?;
    ensure_node(20)?;
    let bench = root().join("bench");
    ensure_npm_workspace()?;
    let (web, breakdown) = web(&bench)?;
    figures.extend(web);
    figures.extend(script(&bench, &["plan.mjs"])?.0);
    figures.push(fig(
        "size.mobile_cdylib_stripped_bytes",
        mobile_library_size()?,
        "bytes",
        None,
    ));
    figures.extend(
        crate::lanes::mobile::bench_figures()?
            .into_iter()
            .map(|(metric, value)| {
                let target = (metric == "jvm.decide_default_ns").then_some(("<", 50_000.0));
                fig(metric, value, "ns", target)
            }),
    );
    report(&figures, &breakdown, started.elapsed())
}

/// The criterion benches behind each native figure: `(metric, benchmark id, target)`.
const NATIVE: [(&str, &str, Target); 7] = [
    ("native.detect_ns_per_ua", "detect/corpus", Some(("<", 500.0))),
    (
        "native.decide_default_ns",
        "decide/default_plain",
        Some(("<", 2_000.0)),
    ),
    ("native.decide_default_explain_ns", "decide/default_explain", None),
    ("native.decide_12_rails_ns", "decide/12_rails_plain", None),
    (
        "native.decide_12_rails_explain_ns",
        "decide/12_rails_explain",
        None,
    ),
    ("native.parse_policy_default_ns", "parse_policy/default", None),
    ("native.parse_policy_12_rails_ns", "parse_policy/12_rails", None),
];

/// Criterion's figures, per item (per UA, per decision, per parse).
fn native() -> Result<Vec<Figure>, String> {
    run(cargo().args(["bench", "-q", "-p", "paysel-core", "--bench", "core"]))?;
    let per_item = |id: &str| -> Result<f64, String> {
        let dir = root().join("target/criterion").join(id).join("new");
        let estimates = read_json(&dir.join("estimates.json"))?;
        let bench = read_json(&dir.join("benchmark.json"))?;
        let mean = estimates["mean"]["point_estimate"]
            .as_f64()
            .ok_or("criterion: no mean")?;
        let items = bench["throughput"]["Elements"].as_f64().unwrap_or(1.0);
        Ok(mean / items)
    };
    NATIVE
        .iter()
        .map(|&(metric, id, target)| Ok(fig(metric, per_item(id)?, "ns", target)))
        .collect()
}

/// The web package's figures with their targets, and its size breakdown,
/// from `bench/web.mjs`.
fn web(bench: &Path) -> Result<(Vec<Figure>, Value), String> {
    ensure_apt(&["chromium"])?;
    let twiggy = ensure_cargo_install("twiggy", TWIGGY_VERSION, "twiggy")?;
    let (figures, out) = script(bench, &["web.mjs", &twiggy.display().to_string()])?;
    Ok((figures, out["size_breakdown"].clone()))
}

/// The figures of a bench script, which prints its report last:
/// `{"figures": [{"metric", "value", "unit", "target": [op, bound] | null}], ...}`
/// (`bench/web.mjs`, issue 19's figures; `bench/plan.mjs`, issue 22's).
fn script(bench: &Path, args: &[&str]) -> Result<(Vec<Figure>, Value), String> {
    let out = node_json(bench, args)?;
    let name = args.first().copied().unwrap_or_default();
    let figures = out["figures"]
        .as_array()
        .ok_or(format!("bench/{name}: no figures"))?
        .iter()
        .map(|f| {
            let target = f["target"]
                .as_array()
                .and_then(|t| Some((t.first()?.as_str()?, t.get(1)?.as_f64()?)));
            let metric = f["metric"]
                .as_str()
                .ok_or(format!("bench/{name}: {f} has no metric"))?;
            let value = f["value"]
                .as_f64()
                .ok_or(format!("bench/{name}: {f} has no value"))?;
            Ok(fig(metric, value, f["unit"].as_str().unwrap_or_default(), target))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok((figures, out))
}

/// The release host library of the mobile bindings, stripped: a proxy for
/// what one Android ABI or iOS slice adds to an app.
fn mobile_library_size() -> Result<f64, String> {
    run(cargo().args(["build", "-q", "--release", "-p", "paysel-mobile"]))?;
    let lib = root().join("target/release/libpaysel_mobile.so");
    let stripped = root().join("target/bench/libpaysel_mobile.stripped.so");
    std::fs::create_dir_all(root().join("target/bench")).map_err(|e| e.to_string())?;
    run(Command::new("strip").arg("-o").arg(&stripped).arg(&lib))?;
    Ok(std::fs::metadata(&stripped).map_err(|e| e.to_string())?.len() as f64)
}

fn node_json(dir: &Path, args: &[&str]) -> Result<Value, String> {
    let out = output(Command::new("node").args(args).current_dir(dir))?;
    let last = out.lines().last().unwrap_or_default();
    serde_json::from_str(last).map_err(|e| format!("node {}: {e}: {last}", args.join(" ")))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Prints the table and writes `target/bench/report.json`: `{ figures,
/// size_breakdown, machine, date }`.
fn report(figures: &[Figure], breakdown: &Value, took: std::time::Duration) -> Result<(), String> {
    println!(
        "{:<40} {:>14} {:<6} {:<14} meets",
        "metric", "value", "unit", "target"
    );
    for f in figures {
        let target = f
            .target
            .as_ref()
            .map(|(op, b)| format!("{op} {}", short(*b)))
            .unwrap_or_default();
        let meets = match f.meets() {
            Some(true) => "yes",
            Some(false) => "MISS",
            None => "",
        };
        println!(
            "{:<40} {:>14} {:<6} {:<14} {meets}",
            f.metric,
            short(f.value),
            f.unit,
            target
        );
    }
    let cpu = output(Command::new("sh").args(["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]))
        .unwrap_or_default();
    let machine = format!(
        "{} cores,{}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu.trim_end()
    );
    let date = output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "machine: {machine}; {}; load average {}; took {took:.0?}",
        date.trim(),
        load.trim()
    );
    let json: Vec<Value> = figures
        .iter()
        .map(|f| {
            json!({
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "target": f.target.as_ref().map(|(op, b)| format!("{op} {b}")),
                "meets": f.meets(),
            })
        })
        .collect();
    let path = root().join("target/bench/report.json");
    std::fs::create_dir_all(root().join("target/bench")).map_err(|e| e.to_string())?;
    let report = json!({
        "figures": json,
        "size_breakdown": breakdown,
        "machine": machine,
        "date": date.trim(),
        "load_average": load.trim(),
    });
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    println!("report: {}", path.display());
    Ok(())
}

/// A figure with three significant digits, without exponent noise.
fn short(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}
