//! `paysel event` and `paysel analyze`, run as a merchant runs them. The
//! statistics themselves are checked against statsmodels, scipy and DuckDB
//! in the `analyze` xtask lane.

mod common;

use common::temp;

use paysel_core::{DecideOptions, Decision, Engine, OutcomeResult, ToJsonLine, WireEnum};
use serde_json::Value;
use std::process::Output;

fn paysel(args: &[&str], stdin: &[u8]) -> Output {
    common::paysel_with_stdin(args, stdin)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

const POLICY: &str = r#"{"schema":"paysel.policy/1","version":9,"rails":[{"id":"wechat_pay"},{"id":"alipay"},{"id":"card"}],
  "experiments":[{"id":"exp","salt":"t","variants":[{"id":"control","weight":50},{"id":"treat","weight":50}]}]}"#;

fn decision(subject: &str, host: &str) -> Decision {
    let engine = Engine::from_policy_json(POLICY).unwrap();
    let ctx = format!(
        r#"{{"host":"{host}","platform":"android","currency":"CNY","subject_id":"{subject}","checkout_id":"co-{subject}"}}"#
    );
    let ctx = paysel_core::parse_context(&ctx).unwrap();
    engine.decide(&ctx, DecideOptions::default()).unwrap()
}

#[test]
fn event_lines_are_the_core_bytes() {
    let policy = temp("event-policy.json", POLICY);
    let ctx = temp(
        "event-ctx.json",
        r#"{"host":"douyin","platform":"android","currency":"CNY","subject_id":"s1","checkout_id":"co-1"}"#,
    );
    let decided = ok(&paysel(
        &[
            "decide",
            "--policy",
            policy.to_str().unwrap(),
            "--context",
            ctx.to_str().unwrap(),
        ],
        b"",
    ));
    let d: Decision = serde_json::from_str(&decided).unwrap();
    let rail = d.shown[1].rail.clone();
    let line = ok(&paysel(
        &["event", "selection", "--rail", &rail],
        decided.as_bytes(),
    ));
    assert_eq!(
        line,
        paysel_core::selection(&d, &rail).unwrap().to_json_line() + "\n"
    );
    let line = ok(&paysel(
        &[
            "event",
            "outcome",
            "--rail",
            &rail,
            "--result",
            "launch_failed",
            "-",
        ],
        decided.as_bytes(),
    ));
    let want = paysel_core::outcome(&d, &rail, OutcomeResult::LaunchFailed)
        .unwrap()
        .to_json_line();
    assert_eq!(line, want + "\n");
    // From the logged exposure event alone, the same line.
    let exposure = temp("exposure.json", &d.exposure.to_json_line());
    let from_exposure = ok(&paysel(
        &[
            "event",
            "outcome",
            "--rail",
            &rail,
            "--result",
            "launch_failed",
            exposure.to_str().unwrap(),
        ],
        b"",
    ));
    assert_eq!(from_exposure, line);
}

#[test]
fn event_errors_are_typed() {
    let d = serde_json::to_string(&decision("s1", "wechat")).unwrap();
    let out = paysel(&["event", "selection", "--rail", "alipay"], d.as_bytes());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[rail_not_shown]") && err.contains("alipay"),
        "{err}"
    );
    let out = paysel(
        &["event", "outcome", "--rail", "card", "--result", "refunded"],
        d.as_bytes(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("paid"));
    let out = paysel(&["event", "selection", "--rail", "card"], br#"{"shown": 3}"#);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`shown`"));
}

/// `n` checkouts, each exposed, half of them selecting the first rail,
/// `paid` for every third.
fn stream(n: usize, host: &str) -> String {
    let mut text = String::new();
    for i in 0..n {
        let d = decision(&format!("{host}-{i}"), host);
        text.push_str(&d.exposure.to_json_line());
        text.push('\n');
        if i % 2 == 0 {
            let rail = &d.shown[0].rail;
            text.push_str(&paysel_core::selection(&d, rail).unwrap().to_json_line());
            text.push('\n');
            let result = if i % 3 == 0 {
                OutcomeResult::Paid
            } else {
                OutcomeResult::LaunchFailed
            };
            text.push_str(&paysel_core::outcome(&d, rail, result).unwrap().to_json_line());
            text.push('\n');
        }
    }
    text
}

fn analyze_json(args: &[&str], stdin: &[u8]) -> Value {
    let policy = temp("analyze-policy.json", POLICY);
    let mut all = vec!["analyze", "--json", "--policy", policy.to_str().unwrap()];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&paysel(&all, stdin))).unwrap()
}

#[test]
fn analyze_counts_arms_and_cells_from_stdin() {
    let report = analyze_json(&[], stream(60, "wechat").as_bytes());
    assert_eq!(report["events"]["exposures"], 60);
    assert_eq!(report["events"]["selections"], 30);
    assert_eq!(report["events"]["malformed"], 0);
    let rows = report["experiments"].as_array().unwrap();
    assert_eq!(rows[0]["variant"], "control", "the control comes first");
    let exposures: u64 = rows.iter().map(|r| r["exposures"].as_u64().unwrap()).sum();
    let conversions: u64 = rows.iter().map(|r| r["conversions"].as_u64().unwrap()).sum();
    assert_eq!((exposures, conversions), (60, 10));
    assert!(rows[0]["diff_pp"].is_null() && rows[1]["diff_pp"].is_number());
    let cell = &report["launch"][0];
    assert_eq!(
        (
            cell["host"].as_str(),
            cell["attempts"].as_u64(),
            cell["failures"].as_u64()
        ),
        (Some("wechat"), Some(30), Some(20))
    );
    assert_eq!(cell["flagged"], true);
    assert_eq!(report["overrides"][0]["hide"]["launch"], Value::Null);
    assert_eq!(report["sample_ratio"][0]["in_policy"], true);
}

#[test]
fn analyze_reports_malformed_lines_by_number() {
    let good = stream(2, "browser");
    let text = format!(
        "{good}not json\n\n{{\"type\":\"outcome\"}}\n{}\n{good}",
        "x".repeat(200)
    );
    let report = analyze_json(&["--max-line-bytes", "150"], text.as_bytes());
    let listed: Vec<(u64, String)> = report["malformed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["line"].as_u64().unwrap(),
                m["error"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let first_bad = good.lines().count() as u64 + 1;
    let numbers: Vec<u64> = listed.iter().map(|l| l.0).collect();
    // Every good line is longer than 150 bytes too: all are refused.
    assert!(
        numbers.contains(&first_bad) && numbers.contains(&(first_bad + 3)),
        "{listed:?}"
    );
    assert_eq!(report["events"]["malformed"], report["events"]["lines"]);
    let out = paysel(&["analyze"], format!("{good}oops\n").as_bytes());
    let text = ok(&out);
    assert!(
        text.contains(&format!("malformed -:{first_bad}: expected value")),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 malformed lines"));
}

#[test]
fn states_merge_to_the_one_pass_report() {
    let a = temp("a.jsonl", &stream(40, "wechat"));
    let b = temp("b.jsonl", &(stream(30, "douyin") + "broken\n"));
    let (sa, sb) = (temp("a.state", ""), temp("b.state", ""));
    analyze_json(&["--state-out", sa.to_str().unwrap(), a.to_str().unwrap()], b"");
    analyze_json(&["--state-out", sb.to_str().unwrap(), b.to_str().unwrap()], b"");
    let merged = analyze_json(&["--state", sa.to_str().unwrap(), sb.to_str().unwrap()], b"");
    let whole = analyze_json(&[a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(merged, whole);
    assert_eq!(merged["events"]["malformed"], 1);
    let bad = temp("bad.state", r#"{"format":"paysel.analyze-state/1","lines":{}}"#);
    let out = paysel(&["analyze", "--state", bad.to_str().unwrap()], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a paysel analyze state at `lines"));
}

#[test]
fn sql_and_html() {
    let policy = temp("sql-policy.json", POLICY);
    let sql = ok(&paysel(
        &["analyze", "--sql", "--policy", policy.to_str().unwrap()],
        b"",
    ));
    assert!(sql.contains("FROM paysel_events AS ev") && sql.contains("'treat' AS variant"));
    assert_eq!(sql.matches(';').count(), 2);
    let page = common::temp_dir("analyze-html").join("report.html");
    let out = paysel(
        &["analyze", "--html", page.to_str().unwrap()],
        stream(20, "douyin").as_bytes(),
    );
    ok(&out);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.matches("<svg").count() >= 2);
    assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("<script"));
    let out = paysel(&["analyze", "--launch-threshold", "1.5"], b"");
    assert!(!out.status.success());
}

#[test]
fn a_flagged_cell_names_its_evidence_and_the_override_around_it() {
    // Douyin, Android: the first rail launches on an assumed cell (no
    // source tests it in Douyin), and fails two times in three.
    let d = decision("douyin-0", "douyin");
    let first = &d.shown[0];
    let report = analyze_json(&[], stream(60, "douyin").as_bytes());
    let s = &report["overrides"][0];
    assert_eq!(
        (s["host"].as_str(), s["rail"].as_str()),
        (Some("douyin"), Some(first.rail.as_str()))
    );
    let evidence = s["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 1, "{s:#}");
    let e = &evidence[0];
    // The same evidence `decide --explain` gives for that rail there.
    let explained = Engine::from_policy_json(POLICY)
        .unwrap()
        .decide(
            &paysel_core::parse_context(
                r#"{"host":"douyin","platform":"android","currency":"CNY","subject_id":"douyin-0"}"#,
            )
            .unwrap(),
            DecideOptions { explain: true },
        )
        .unwrap();
    let want = explained.shown[0].evidence.clone().unwrap();
    assert_eq!(e["level"], want.level.as_str());
    assert_eq!(e["source"], want.source.as_str());
    let cited = paysel_core::capability::source(&want.source).unwrap();
    assert_eq!(e["citation"], cited.citation);
    assert_eq!(e["platforms"], serde_json::json!(["android"]));
    // The text names it too, with the override that routes around it.
    let policy = temp("flagged-policy.json", POLICY);
    let text = ok(&paysel(
        &["analyze", "--policy", policy.to_str().unwrap()],
        stream(60, "douyin").as_bytes(),
    ));
    assert!(
        text.contains(&format!(
            "It launches so on this evidence: {} ({}",
            want.level.as_str(),
            want.source
        )),
        "{text}"
    );
    assert!(text.contains(r#"{"host":"douyin","rail":""#), "{text}");
}
