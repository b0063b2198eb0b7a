//! `paysel lint`: one fixture per defect, each with the finding it must
//! produce (grade, path, code) and the exit code.

mod common;

use common::paysel;
use serde_json::Value;

fn fixture(name: &str) -> String {
    common::fixture("lint", &format!("{name}.json"))
}

/// Exit code and the `--json` report.
fn lint(path: &str) -> (i32, Value) {
    let out = paysel(&["lint", path, "--json"]);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{path}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

fn triples(report: &Value) -> Vec<(String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap().to_owned();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (s(&f["grade"]), s(&f["path"]), s(&f["code"])))
        .collect()
}

#[test]
fn each_defect_gives_its_finding_and_exit_code() {
    type Case = (
        &'static str,
        i32,
        &'static [(&'static str, &'static str, &'static str)],
    );
    let cases: &[Case] = &[
        ("clean", 0, &[]),
        // Only JPY 777 in Sweden shows unionpay; only SGD 1234.56 in tier 4
        // of New Zealand, or an installed Taobao app (no rail needs it),
        // boosts the card: the sweep must find all three.
        ("narrow_band", 0, &[]),
        ("malformed_json", 1, &[("error", "rails", "policy_malformed")]),
        (
            "schema_unsupported",
            1,
            &[("error", "schema", "policy_schema_unsupported")],
        ),
        (
            "unknown_field",
            1,
            &[("error", "rails[0].colour", "policy_malformed")],
        ),
        (
            "unknown_host",
            1,
            &[("error", "boosts[0].when.host[0]", "policy_malformed")],
        ),
        (
            "unknown_rail",
            1,
            &[("error", "boosts[0].rail", "policy_invalid")],
        ),
        (
            "unbuilt_rail",
            1,
            &[("error", "rails[1].behaves_like", "policy_invalid")],
        ),
        ("duplicate_rail", 1, &[("error", "rails[1].id", "policy_invalid")]),
        (
            "tier_contradiction",
            1,
            &[("error", "boosts[0].when", "policy_invalid")],
        ),
        (
            "amount_contradiction",
            1,
            &[("error", "experiments[0].when", "policy_invalid")],
        ),
        (
            "boost_blocked_host",
            0,
            &[("warning", "boosts[0].when", "boost_never_applies")],
        ),
        (
            "boost_wrong_platform",
            0,
            &[("warning", "boosts[0].when", "boost_never_applies")],
        ),
        (
            "boost_installed_in_browser",
            0,
            &[("warning", "boosts[0].when", "boost_never_applies")],
        ),
        (
            "experiment_impossible_device",
            0,
            &[("warning", "experiments[0].when", "experiment_never_enrolls")],
        ),
        (
            "weights_under",
            0,
            &[(
                "warning",
                "experiments[0].variants",
                "experiment_weights_under_100",
            )],
        ),
        (
            "weights_over",
            1,
            &[("error", "experiments[0].variants", "policy_invalid")],
        ),
        (
            "salt_reused",
            0,
            &[("warning", "rails[1].rollout.salt", "salt_reused")],
        ),
        (
            "experiment_salt_reused",
            0,
            &[("warning", "experiments[0].salt", "salt_reused")],
        ),
        (
            "rail_never_shown",
            1,
            &[("error", "rails[0]", "rail_never_shown")],
        ),
        (
            "always_over_limit",
            0,
            &[("warning", "rails[1]", "rail_always_over_display_limit")],
        ),
        (
            "limit_min_above_max",
            1,
            &[("error", "rails[0].limits[0]", "policy_invalid")],
        ),
        (
            "limit_currency_not_accepted",
            0,
            &[(
                "warning",
                "rails[0].limits[0].currency",
                "limit_currency_not_accepted",
            )],
        ),
        (
            "max_shown_above_rails",
            0,
            &[("warning", "max_shown", "max_shown_above_rails")],
        ),
        (
            "disabled_rail",
            0,
            &[("warning", "rails[0].enabled", "rail_disabled")],
        ),
        (
            "rollout_at_zero",
            0,
            &[("warning", "rails[0].rollout.percent", "rollout_at_zero")],
        ),
        (
            "two_errors",
            1,
            &[
                ("error", "rails[0].limits[0]", "policy_invalid"),
                ("error", "rails[1].id", "policy_invalid"),
                ("error", "experiments[0].variants", "policy_invalid"),
            ],
        ),
    ];
    for (name, code, expected) in cases {
        let (status, report) = lint(&fixture(name));
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(g, p, c)| (g.to_string(), p.to_string(), c.to_string()))
            .collect();
        assert_eq!(triples(&report), expected, "{name}: {report:#}");
        assert_eq!(status, *code, "{name}");
        let errors = expected.iter().filter(|t| t.0 == "error").count();
        assert_eq!(report["errors"], errors, "{name}");
        assert_eq!(report["warnings"], expected.len() - errors, "{name}");
    }
}

#[test]
fn messages_say_what_is_wrong() {
    let message = |name: &str| {
        lint(&fixture(name)).1["findings"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let m = message("unknown_host");
    assert!(
        m.starts_with("`wechatt` is not a known host id; expected one of `browser`"),
        "{m}"
    );
    let m = message("rail_never_shown");
    assert!(m.starts_with("`apple_pay` is shown in none of the"), "{m}");
    // Every cell left is the fixture's own `capabilities` rows, named as the
    // policy's (issue 20 item 4), not as the hosts' doing.
    assert!(
        m.contains("platform_unsupported") && m.contains("policy_capability"),
        "{m}"
    );
    assert!(!m.contains("host_blocks_rail"), "{m}");
    let m = message("boost_wrong_platform");
    assert!(
        m.contains("`apple_pay` is hidden (platform_unsupported 100.0%)"),
        "{m}"
    );
    let m = message("boost_installed_in_browser");
    assert!(m.contains("native and webview hosts"), "{m}");
    let m = message("weights_under");
    assert!(m.contains("add up to 80: 20% of the shoppers"), "{m}");
    let m = message("salt_reused");
    assert!(m.contains("also used at rails[0].rollout.salt"), "{m}");
}

#[test]
fn the_default_policy_lints_clean() {
    let out = paysel(&["policy", "default"]);
    let path = common::temp("default.json", &String::from_utf8(out.stdout).unwrap());
    let (status, report) = lint(path.to_str().unwrap());
    assert_eq!(
        (status, report["errors"].as_u64(), report["warnings"].as_u64()),
        (0, Some(0), Some(0)),
        "{report:#}"
    );
    let text = paysel(&["lint", path.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(text.stdout).unwrap(),
        format!("{}: 0 errors, 0 warnings\n", path.display())
    );
}

#[test]
fn text_output_has_one_line_per_finding_and_a_summary() {
    let path = fixture("two_errors");
    let out = paysel(&["lint", &path]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("error   rails[0].limits[0]: min 9 is above max 1"),
        "{text}"
    );
    assert!(lines[0].ends_with("[policy_invalid]"), "{text}");
    assert_eq!(lines[3], format!("{path}: 3 errors, 0 warnings"));
    let out = paysel(&["lint", &fixture("weights_under")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .ends_with(": 0 errors, 1 warning\n"));
}

#[test]
fn a_missing_file_fails_with_its_name() {
    let out = paysel(&["lint", "/nonexistent/policy.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("paysel: /nonexistent/policy.json: "));
}
