//! `paysel analyze` finds what was planted in event files that the real core
//! writes (`analyze_findings/events.rs`): the known effect of `effect.jsonl`
//! (significant, its interval holding the planted three points), no effect
//! in `null.jsonl`, the sample-ratio mismatch of `srm.jsonl`, the planted
//! failing launch cell of `launch.jsonl` with its override, the malformed
//! lines of `malformed.jsonl` by number, and shards merged through `--state`
//! giving the same report as one pass.
//!
//! The event files, the CLI's `--json` reports, its `--sql` text and an
//! `--html` page stay in `$PAYSEL_ANALYZE_OUT` (default: cargo's scratch
//! folder for tests) beside a `manifest.json`. The `analyze` xtask lane
//! hands that manifest to `tests/analyze/reference.py`, which recomputes
//! every figure with statsmodels, scipy and DuckDB, and opens the page in
//! Chromium.

mod common;
#[path = "analyze_findings/events.rs"]
mod events;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixtures, in the order the manifest lists them.
const NAMES: [&str; 7] = ["effect", "null", "srm", "small", "zero", "launch", "malformed"];

fn policy_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/analyze/policy.json")
}

fn out_dir() -> PathBuf {
    std::env::var_os("PAYSEL_ANALYZE_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("analyze"))
}

fn file(name: &str) -> PathBuf {
    out_dir().join(name)
}

/// `paysel ARGS`, which must succeed; its standard output.
fn paysel(args: &[&str]) -> String {
    let out = common::paysel(args);
    assert!(
        out.status.success(),
        "paysel {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `paysel analyze --json --policy tests/analyze/policy.json EXTRA FILES`.
fn analyze(files: &[&str], extra: &[&str]) -> Value {
    let policy = policy_path();
    let paths: Vec<PathBuf> = files.iter().map(|f| file(f)).collect();
    let mut args = vec!["analyze", "--json", "--policy", path_str(&policy)];
    args.extend_from_slice(extra);
    args.extend(paths.iter().map(|p| path_str(p)));
    serde_json::from_str(&paysel(&args)).unwrap()
}

/// Writes every fixture and its report once per test run, with the
/// manifest, the SQL and the HTML page for the xtask lane; the reports by
/// fixture name.
fn reports() -> &'static BTreeMap<&'static str, Value> {
    static REPORTS: OnceLock<BTreeMap<&'static str, Value>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        std::fs::create_dir_all(out_dir()).unwrap();
        let engine = events::fixture_engine().unwrap();
        events::experiment(&file("effect.jsonl"), &engine, 40_000, 1, (0.10, 0.13), 0.0).unwrap();
        events::experiment(&file("null.jsonl"), &engine, 40_000, 2, (0.10, 0.10), 0.0).unwrap();
        events::experiment(&file("srm.jsonl"), &engine, 20_000, 3, (0.10, 0.10), 0.15).unwrap();
        let small = [("control", 15, 4), ("card_first", 12, 0)];
        events::exact(&file("small.jsonl"), &engine, &small, 4).unwrap();
        let zero = [("control", 20, 0), ("card_first", 25, 3)];
        events::exact(&file("zero.jsonl"), &engine, &zero, 5).unwrap();
        events::launch(&file("launch.jsonl"), &engine).unwrap();
        events::malformed(&file("malformed.jsonl"), &engine).unwrap();

        let mut reports = BTreeMap::new();
        let mut fixtures = Vec::new();
        for name in NAMES {
            let events = format!("{name}.jsonl");
            let report = analyze(&[&events], &[]);
            let path = file(&format!("{name}.report.json"));
            std::fs::write(&path, report.to_string()).unwrap();
            fixtures.push(json!({
                "name": name,
                "events": file(&events),
                "report": path,
                "sql": name != "malformed",
            }));
            reports.insert(name, report);
        }
        let policy = policy_path();
        let sql = paysel(&["analyze", "--sql", "--policy", path_str(&policy)]);
        std::fs::write(file("analysis.sql"), sql).unwrap();
        let manifest = json!({"policy": policy, "sql": file("analysis.sql"), "fixtures": fixtures});
        std::fs::write(file("manifest.json"), manifest.to_string()).unwrap();
        let page = file("report.html");
        let shown = ["launch.jsonl", "small.jsonl", "malformed.jsonl"].map(file);
        let mut args = vec![
            "analyze",
            "--policy",
            path_str(&policy),
            "--html",
            path_str(&page),
        ];
        args.extend(shown.iter().map(|p| path_str(p)));
        paysel(&args);
        reports
    })
}

/// The `card_first` experiment's row for `variant` in a fixture's report.
fn arm(name: &str, variant: &str) -> Value {
    reports()[name]["experiments"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["experiment"] == events::EXPERIMENT && r["variant"] == variant)
        .cloned()
        .unwrap_or(Value::Null)
}

fn srm(name: &str) -> Value {
    reports()[name]["sample_ratio"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["experiment"] == events::EXPERIMENT)
        .cloned()
        .unwrap_or(Value::Null)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn a_known_effect_of_three_points_is_significant_and_its_interval_holds_it() {
    let t = arm("effect", "card_first");
    assert!(
        f(&t["p_value"]) < 0.05
            && f(&t["diff_ci_low"]) < 3.0
            && 3.0 < f(&t["diff_ci_high"])
            && f(&t["diff_ci_low"]) > 0.0,
        "effect.jsonl: the +3 pp effect is not reported right: {t}"
    );
}

#[test]
fn no_effect_is_not_significant_and_its_interval_holds_zero() {
    let t = arm("null", "card_first");
    assert!(
        f(&t["p_value"]) >= 0.05 && f(&t["diff_ci_low"]) < 0.0 && 0.0 < f(&t["diff_ci_high"]),
        "null.jsonl: an effect is reported where there is none: {t}"
    );
}

#[test]
fn a_sample_ratio_mismatch_is_caught_and_none_is_invented() {
    assert!(
        srm("srm")["mismatch"] == true,
        "srm.jsonl: no sample-ratio mismatch: {}",
        srm("srm")
    );
    assert!(
        srm("null")["mismatch"] == false,
        "null.jsonl: a sample-ratio mismatch: {}",
        srm("null")
    );
}

#[test]
fn a_small_zero_conversion_arm_still_gets_its_figures() {
    let t = arm("small", "card_first");
    assert!(
        t["conversions"] == 0 && t["ci_low"] == 0.0 && t["p_value"].is_number(),
        "small.jsonl: the zero-conversion arm: {t}"
    );
}

#[test]
fn the_planted_launch_failure_is_flagged_with_an_android_only_override() {
    let launch = &reports()["launch"];
    let flagged: Vec<String> = launch["launch"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["flagged"] == true)
        .map(|c| format!("{}/{}/{}", c["host"], c["rail"], c["launch"]))
        .collect();
    assert_eq!(
        flagged,
        [r#""douyin"/"alipay"/"h5_redirect""#],
        "launch.jsonl: only douyin/alipay/h5_redirect may be flagged"
    );
    let hide = &launch["overrides"][0]["hide"];
    assert_eq!(
        *hide,
        json!({"host": "douyin", "rail": "alipay", "platform": ["android"], "launch": null}),
        "launch.jsonl: the suggested override"
    );
    assert!(
        launch["overrides"][0]["guide"]["launch"] == "open_in_browser",
        "launch.jsonl: no open-in-browser alternative: {}",
        launch["overrides"][0]
    );
}

#[test]
fn malformed_lines_are_reported_by_number_with_what_is_wrong() {
    let report = &reports()["malformed"];
    let listed: Vec<(u64, String)> = report["malformed"]
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
    let planted: Vec<u64> = events::MALFORMED.iter().map(|(l, _)| *l).collect();
    assert!(
        lines == planted
            && events::MALFORMED
                .iter()
                .zip(&listed)
                .all(|((_, want), (_, got))| got.contains(want)),
        "malformed.jsonl: reported {listed:?}, planted {:?}",
        events::MALFORMED
    );
    assert_eq!(
        report["events"]["malformed"],
        planted.len(),
        "malformed.jsonl: the malformed count"
    );
}

#[test]
fn three_shards_merged_through_state_files_give_the_one_pass_report() {
    reports();
    let shards = ["effect.jsonl", "launch.jsonl", "malformed.jsonl"];
    let mut states = Vec::new();
    for shard in shards {
        let state = file(&format!("{shard}.state.json"));
        paysel(&[
            "analyze",
            "--json",
            "--state-out",
            path_str(&state),
            path_str(&file(shard)),
        ]);
        states.push(state);
    }
    let mut args = vec!["--state"];
    args.extend(states.iter().map(|s| path_str(s)));
    let merged = analyze(&[], &args);
    let whole = analyze(&shards, &[]);
    assert!(
        merged == whole,
        "--state of three shards differs from one pass over them:\n    merged {merged}\n    whole  {whole}"
    );
}

#[test]
fn the_readable_report_says_what_matters_in_words() {
    reports();
    let policy = policy_path();
    let text = |name: &str, with_policy: bool| {
        let events = file(name);
        let mut args = vec!["analyze"];
        if with_policy {
            args.extend(["--policy", path_str(&policy)]);
        }
        args.push(path_str(&events));
        paysel(&args)
    };
    let null = text("null.jsonl", true);
    assert!(
        null.contains("card_first vs control: not significant"),
        "the null report does not say `not significant`:\n{null}"
    );
    let effect = text("effect.jsonl", true);
    assert!(
        effect.contains("significant at 5%") && !effect.contains("card_first vs control: not significant"),
        "the effect report does not call the effect significant:\n{effect}"
    );
    let launch = text("launch.jsonl", true);
    assert!(
        launch.contains(r#"{"host":"douyin","rail":"alipay","platform":["android"],"launch":null}"#),
        "the launch report does not print the override to paste:\n{launch}"
    );
    let default_policy = text("null.jsonl", false);
    assert!(
        default_policy.contains("not checked, this experiment is not in the policy"),
        "without the experiment's policy, the report does not say so:\n{default_policy}"
    );
}

/// The benchmark's generator (`examples/analyze_events.rs`) writes lines
/// the CLI reads, every one of them: a benchmark of rejected lines would
/// time the error path.
#[test]
fn the_benchmark_events_are_all_valid() {
    reports();
    let path = file("bench-events.jsonl");
    let engine = events::fixture_engine().unwrap();
    let written = events::bench(&path, &engine, 5_000).unwrap();
    assert!(written >= 5_000, "{written} events");
    let report: Value = serde_json::from_str(&paysel(&["analyze", "--json", path_str(&path)])).unwrap();
    assert_eq!(report["events"]["lines"], written);
    assert_eq!(report["events"]["malformed"], 0);
    assert!(report["events"]["exposures"].as_u64().unwrap() > 0);
}
