//! `cargo xtask bench`: every figure of the performance budget, measured in
//! one run next to the libraries a web team would use instead, written as a
//! table and as `target/bench/report.json`.
//!
//! 1. Native: the criterion benches in `core/benches/`.
//! 2. WASM in Node: `bench/node.mjs` against the built npm package, with
//!    ua-parser-js and inapp-spy on the same corpus (pinned in the root
//!    `package-lock.json`).
//! 3. WASM in headless Chromium: `bench/browser/` served from 127.0.0.1
//!    by `bench/browser.mjs`.
//! 4. Sizes: the package files, the peers bundled and minified, the
//!    stripped release cdylib of the mobile bindings.
//! 5. JVM: `decide` through the Kotlin bindings and JNA.
//! 6. `paysel analyze` on 10 million events (`lanes::analyze::bench`).
//!
//! Targets are printed beside each figure; a miss is marked, not fatal.

use crate::tools::{cargo, ensure_apt, ensure_node, ensure_npm_workspace, output, root, run};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One reported figure.
struct Figure {
    metric: &'static str,
    value: f64,
    unit: &'static str,
    /// `(comparison, bound)`: `("<", 2000.0)` means the value must be below 2000.
    target: Option<(&'static str, f64)>,
}

impl Figure {
    fn meets(&self) -> Option<bool> {
        self.target.map(|(op, bound)| match op {
            "<" => self.value < bound,
            "<=" => self.value <= bound,
            ">=" => self.value >= bound,
            _ => false,
        })
    }
}

fn fig(metric: &'static str, value: f64, unit: &'static str, target: Option<(&'static str, f64)>) -> Figure {
    Figure {
        metric,
        value,
        unit,
        target,
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
    figures.extend(node(&bench)?);
    figures.extend(sizes(&bench)?);
    figures.extend(chromium(&bench)?);
    figures.extend(
        crate::lanes::mobile::bench_figures()?
            .into_iter()
            .map(|(metric, value)| {
                let target = (metric == "jvm.decide_default_ns").then_some(("<", 50_000.0));
                fig(metric, value, "ns", target)
            }),
    );
    report(&figures, started.elapsed())
}

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
    Ok(vec![
        fig(
            "native.detect_ns_per_ua",
            per_item("detect/corpus")?,
            "ns",
            Some(("<", 500.0)),
        ),
        fig(
            "native.decide_default_ns",
            per_item("decide/default_plain")?,
            "ns",
            Some(("<", 2_000.0)),
        ),
        fig(
            "native.decide_default_explain_ns",
            per_item("decide/default_explain")?,
            "ns",
            None,
        ),
        fig(
            "native.decide_12_rails_ns",
            per_item("decide/12_rails_plain")?,
            "ns",
            None,
        ),
        fig(
            "native.decide_12_rails_explain_ns",
            per_item("decide/12_rails_explain")?,
            "ns",
            None,
        ),
        fig(
            "native.parse_policy_default_ns",
            per_item("parse_policy/default")?,
            "ns",
            None,
        ),
        fig(
            "native.parse_policy_12_rails_ns",
            per_item("parse_policy/12_rails")?,
            "ns",
            None,
        ),
    ])
}

/// WASM in Node next to the peers.
fn node(bench: &Path) -> Result<Vec<Figure>, String> {
    let out = node_json(bench, &["node.mjs"])?;
    let f = |path: &[&str]| -> Result<f64, String> {
        path.iter()
            .try_fold(&out, |v, k| v.get(*k))
            .and_then(Value::as_f64)
            .ok_or_else(|| format!("bench/node.mjs: no {}", path.join(".")))
    };
    let paysel = f(&["detectNs", "paysel"])?;
    let ua_parser = f(&["detectNs", "ua_parser_js"])?;
    let inapp_spy = f(&["detectNs", "inapp_spy"])?;
    let best_peer = f(&["hostAccuracy", "ua_parser_js"])?.max(f(&["hostAccuracy", "inapp_spy"])?);
    Ok(vec![
        fig("node.detect_ns_per_ua", paysel, "ns", None),
        fig("node.ua_parser_js_ns_per_ua", ua_parser, "ns", None),
        fig("node.inapp_spy_ns_per_ua", inapp_spy, "ns", None),
        fig(
            "node.detect_speedup_vs_ua_parser_js",
            ua_parser / paysel,
            "x",
            Some((">=", 10.0)),
        ),
        fig("node.detect_speedup_vs_inapp_spy", inapp_spy / paysel, "x", None),
        fig(
            "node.host_accuracy",
            f(&["hostAccuracy", "paysel"])?,
            "ratio",
            Some((">=", best_peer)),
        ),
        fig(
            "node.ua_parser_js_host_accuracy",
            f(&["hostAccuracy", "ua_parser_js"])?,
            "ratio",
            None,
        ),
        fig(
            "node.inapp_spy_host_accuracy",
            f(&["hostAccuracy", "inapp_spy"])?,
            "ratio",
            None,
        ),
        fig("node.corpus_size", f(&["corpus_size"])?, "UAs", None),
        fig(
            "node.decide_default_ns",
            f(&["decideNs", "default"])?,
            "ns",
            Some(("<", 10_000.0)),
        ),
        fig(
            "node.decide_12_rails_ns",
            f(&["decideNs", "12_rails"])?,
            "ns",
            None,
        ),
    ])
}

/// Package, peer and mobile library sizes.
fn sizes(bench: &Path) -> Result<Vec<Figure>, String> {
    let out = node_json(bench, &["sizes.mjs"])?;
    let n = |a: &str, b: &str| {
        out[a][b]
            .as_f64()
            .ok_or_else(|| format!("bench/sizes.mjs: no {a}.{b}"))
    };
    let shipped = n("paysel", "wasm_gzip")? + n("paysel", "glue_gzip")?;
    Ok(vec![
        fig("size.wasm_raw_bytes", n("paysel", "wasm_raw")?, "bytes", None),
        fig("size.wasm_gzip_bytes", n("paysel", "wasm_gzip")?, "bytes", None),
        fig("size.glue_gzip_bytes", n("paysel", "glue_gzip")?, "bytes", None),
        fig(
            "size.wasm_plus_glue_gzip_bytes",
            shipped,
            "bytes",
            Some(("<=", 60_000.0)),
        ),
        fig(
            "size.signed_wasm_plus_glue_gzip_bytes",
            n("paysel_signed", "wasm_gzip")? + n("paysel_signed", "glue_gzip")?,
            "bytes",
            None,
        ),
        fig(
            "size.ua_parser_js_min_gzip_bytes",
            n("ua_parser_js", "gzip")?,
            "bytes",
            None,
        ),
        fig(
            "size.inapp_spy_min_gzip_bytes",
            n("inapp_spy", "gzip")?,
            "bytes",
            None,
        ),
        fig(
            "size.mobile_cdylib_stripped_bytes",
            mobile_library_size()?,
            "bytes",
            None,
        ),
    ])
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

/// Cold start and warm decide in Debian Chromium, through a real page.
fn chromium(bench: &Path) -> Result<Vec<Figure>, String> {
    ensure_apt(&["chromium"])?;
    let site = root().join("target/bench/site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    let pkg = root().join("bindings-wasm/pkg");
    let copies: [(PathBuf, &str); 6] = [
        (bench.join("browser/index.html"), "index.html"),
        (bench.join("browser/bench.js"), "bench.js"),
        (pkg.join("paysel.js"), "paysel.js"),
        (pkg.join("paysel_bg.wasm"), "paysel_bg.wasm"),
        (root().join("tests/bench/contexts.json"), "contexts.json"),
        (
            root().join("tests/bench/policy-12-rails.json"),
            "policy-12-rails.json",
        ),
    ];
    for (from, to) in copies {
        std::fs::copy(&from, site.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let out = node_json(bench, &["browser.mjs", &site.display().to_string()])?;
    let n = |k: &str| {
        out[k]
            .as_f64()
            .ok_or_else(|| format!("bench/browser.mjs: no {k}"))
    };
    let warm = |k: &str| {
        out["warm_decide_ns"][k]
            .as_f64()
            .ok_or_else(|| format!("bench/browser.mjs: no {k}"))
    };
    Ok(vec![
        fig(
            "chromium.cold_start_ms",
            n("cold_start_ms")?,
            "ms",
            Some(("<", 10.0)),
        ),
        fig("chromium.instantiate_ms", n("instantiate_ms")?, "ms", None),
        fig("chromium.first_decide_ms", n("first_decide_ms")?, "ms", None),
        fig("chromium.decide_default_ns", warm("default")?, "ns", None),
        fig("chromium.decide_12_rails_ns", warm("12_rails")?, "ns", None),
    ])
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

/// Prints the table and writes `target/bench/report.json`.
fn report(figures: &[Figure], took: std::time::Duration) -> Result<(), String> {
    println!(
        "{:<40} {:>14} {:<6} {:<14} meets",
        "metric", "value", "unit", "target"
    );
    for f in figures {
        let target = f
            .target
            .map(|(op, b)| format!("{op} {}", short(b)))
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
    println!(
        "machine: {} cores,{}; took {:.0?}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu.trim_end(),
        took
    );
    let json: Vec<Value> = figures
        .iter()
        .map(|f| {
            json!({
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "target": f.target.map(|(op, b)| format!("{op} {b}")),
                "meets": f.meets(),
            })
        })
        .collect();
    let path = root().join("target/bench/report.json");
    std::fs::create_dir_all(root().join("target/bench")).map_err(|e| e.to_string())?;
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
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
