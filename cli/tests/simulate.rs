//! `paysel simulate`: the sweep, a population and a diff, on small fixtures
//! whose answers are worked out by hand in the comments.

mod common;

use common::paysel;
use paysel_core::WireEnum;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    common::fixture("simulate", name)
}

fn json_of(args: &[&str]) -> Value {
    let out = paysel(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn host<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["host"] == name)
        .unwrap()
}

fn rail<'a>(host: &'a Value, name: &str) -> &'a Value {
    host["rails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rail"] == name)
        .unwrap()
}

/// The hosts whose web-views block Alipay, in name order: the Tencent hosts
/// (WeChat, its mini-programs, WeCom, QQ and QQ's mini-programs), JD and the
/// UnionPay app.
const ALIPAY_BLOCKED: [&str; 7] = [
    "jd",
    "qq",
    "qq_mini_program",
    "unionpay",
    "wechat",
    "wechat_mini_program",
    "wecom",
];

fn default_policy() -> String {
    let text = String::from_utf8(paysel(&["policy", "default"]).stdout).unwrap();
    let path = common::temp("default.json", &text);
    path.to_str().unwrap().to_owned()
}

#[test]
fn the_default_policy_always_shows_a_rail() {
    let r = json_of(&["simulate", &default_policy(), "--json"]);
    for key in ["no_rail", "rollout_only", "guide_first"] {
        assert_eq!(r[key]["count"], 0, "{key}");
        assert_eq!(r[key]["contexts"], json!([]), "{key}");
    }
    let hosts = r["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), <paysel_core::Host as WireEnum>::ALL.len());
    let total: u64 = hosts.iter().map(|h| h["contexts"].as_u64().unwrap()).sum();
    assert_eq!(r["contexts"].as_u64(), Some(total));
    // 13 platform × form factor pairs × 44 hosts.
    assert_eq!(r["environments"], 572);
    // Inside WeChat, Alipay is blocked and WeChat Pay (in-host bridge, +100)
    // comes first wherever it is shown.
    let wechat = host(&r, "wechat");
    let alipay = rail(wechat, "alipay");
    assert_eq!(
        (alipay["first"].as_u64(), alipay["shown"].as_u64()),
        (Some(0), Some(0))
    );
    let reasons: Vec<&String> = alipay["hidden"].as_object().unwrap().keys().collect();
    assert_eq!(reasons, ["currency_unsupported", "host_blocks_rail"]);
    let wechat_pay = rail(wechat, "wechat_pay");
    assert!(wechat_pay["first"].as_u64().unwrap() > 0);
    assert_eq!(wechat_pay["first"], wechat_pay["shown"]);
    // The card form works everywhere: only the display limit hides it.
    for h in hosts {
        let card = rail(h, "card");
        let over = card["hidden"]["over_display_limit"].as_u64().unwrap_or(0);
        assert_eq!(
            card["shown"].as_u64().unwrap() + over,
            h["contexts"].as_u64().unwrap(),
            "{}",
            h["host"]
        );
    }
}

#[test]
fn alipay_alone_leaves_only_blocking_hosts_without_a_rail() {
    // Without a currency in the policy, money has 10 cases: none, then CNY,
    // USD and EUR at three amounts. 13 platform × form factor pairs give
    // 130 contexts per host. Alipay is blocked in the Tencent hosts (WeChat,
    // its mini-programs, WeCom, QQ and QQ's mini-programs), JD and the
    // UnionPay app: 7 × 130 = 910. A native app without the Alipay app keeps
    // Alipay, because Alipay's SDK falls back to its H5 cashier (A5).
    let r = json_of(&["simulate", &fixture("alipay_only.json"), "--json"]);
    let mut hosts = serde_json::Map::new();
    for h in ALIPAY_BLOCKED {
        hosts.insert(h.to_owned(), json!(130));
    }
    assert_eq!(r["no_rail"]["hosts"], Value::Object(hosts));
    assert_eq!(r["no_rail"]["count"], 910);
    assert_eq!(r["no_rail"]["contexts"].as_array().unwrap().len(), 910);
    assert_eq!(r["guide_first"]["count"], 0);
    let native = rail(host(&r, "native"), "alipay");
    assert_eq!(native["shown"], host(&r, "native")["contexts"]);
    // Every listed context really shows nothing.
    let ctx = &r["no_rail"]["contexts"][909];
    let path = common::temp("no-rail-context.json", &ctx.to_string());
    let d = json_of(&[
        "decide",
        "--policy",
        &fixture("alipay_only.json"),
        "--context",
        path.to_str().unwrap(),
    ]);
    assert_eq!(d["shown"], json!([]));

    let text = String::from_utf8(paysel(&["simulate", &fixture("alipay_only.json")]).stdout).unwrap();
    assert!(text.contains("\nno rail shown: 910 contexts\n"), "{text}");
    assert!(
        text.contains("    ios mobile qq_mini_program (10 contexts)\n"),
        "{text}"
    );
    assert!(
        text.contains("more devices (--json lists every context)"),
        "{text}"
    );
}

#[test]
fn a_guide_first_is_reported_with_where_it_happens() {
    // With open_in_browser_when_blocked, the seven blocking hosts show a
    // guide (910 contexts) on every device and in every money case, so only
    // the hosts narrow it down; no context is left without a rail.
    let r = json_of(&["simulate", &fixture("alipay_guide.json"), "--json"]);
    assert_eq!(r["guide_first"]["count"], 910);
    assert_eq!(r["guide_first"]["hosts"].as_object().unwrap().len(), 7);
    assert_eq!(r["guide_first"]["where"], json!({}));
    assert_eq!(r["no_rail"]["count"], 0);
    assert_eq!(r["no_rail"]["where"], json!({}));
}

#[test]
fn rails_in_a_partial_rollout_only_are_flagged() {
    let r = json_of(&["simulate", &fixture("rollout_only.json"), "--json"]);
    assert_eq!(r["no_rail"]["count"], 0);
    assert_eq!(r["rollout_only"]["count"], r["contexts"]);
}

#[test]
fn population_shares_per_host_and_variant() {
    // Lines: 50 CN browser (enrolled: wechat_pay pinned first), 30 US browser
    // (not enrolled: alipay 85 > wechat_pay 80), 15 CN WeChat (enrolled,
    // wechat_pay), 5 US desktop Chrome paying USD (card only).
    let r = json_of(&[
        "simulate",
        &fixture("experiment.json"),
        "--population",
        &fixture("population.jsonl"),
        "--json",
    ]);
    assert_eq!(
        (r["contexts"].as_u64(), r["total_weight"].as_f64()),
        (Some(4), Some(100.0))
    );
    let shares = |rows: &Value| -> Vec<(Value, f64)> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|x| (x["rail"].clone(), x["weight"].as_f64().unwrap()))
            .collect()
    };
    let by_host = r["by_host"].as_array().unwrap();
    assert_eq!(by_host.len(), 2);
    assert_eq!(
        (&by_host[0]["host"], by_host[0]["weight"].as_f64()),
        (&json!("browser"), Some(85.0))
    );
    assert_eq!(
        shares(&by_host[0]["first"]),
        [
            (json!("wechat_pay"), 50.0),
            (json!("alipay"), 30.0),
            (json!("card"), 5.0)
        ]
    );
    assert_eq!(by_host[0]["first"][0]["share"], 0.588235);
    assert_eq!(
        (&by_host[1]["host"], shares(&by_host[1]["first"])),
        (&json!("wechat"), vec![(json!("wechat_pay"), 15.0)])
    );
    let by_variant = r["by_variant"].as_array().unwrap();
    assert_eq!(by_variant.len(), 2);
    assert_eq!(
        (&by_variant[0]["variant"], by_variant[0]["weight"].as_f64()),
        (&Value::Null, Some(35.0))
    );
    assert_eq!(
        shares(&by_variant[0]["first"]),
        [(json!("alipay"), 30.0), (json!("card"), 5.0)]
    );
    assert_eq!(by_variant[1]["variant"], "wechat_first");
    assert_eq!(shares(&by_variant[1]["first"]), [(json!("wechat_pay"), 65.0)]);

    let out = paysel(&[
        "simulate",
        &fixture("experiment.json"),
        "--population",
        &fixture("population.jsonl"),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("4 contexts, total weight 100\n"), "{text}");
    assert!(
        text.contains("  browser: weight 85 (85.0%)\n    wechat_pay       58.8%\n"),
        "{text}"
    );
}

#[test]
fn a_bad_population_line_is_named_by_number() {
    let out = paysel(&[
        "simulate",
        &fixture("experiment.json"),
        "--population",
        &fixture("population_bad.jsonl"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("population_bad.jsonl:3: [context_invalid] at `context.currency`: `cny` is not"),
        "{err}"
    );
    let dir = common::temp_dir("population");
    for (body, wanted) in [
        (
            "{\"weight\": -1, \"context\": {}}",
            ":1: `weight` must be a number of at least 0",
        ),
        (
            "\n{\"weight\": 1, \"context\": {}, \"note\": 2}",
            ":2: unknown field `note`",
        ),
        ("{\"weight\": 1}", ":1: missing field `context`"),
        ("[1]", ":1: expected an object"),
        (
            "{\"weight\": 1, \"context\": {\"host\": \"moon\"}}",
            ":1: [context_malformed] at `context.host`",
        ),
    ] {
        let path = dir.join("pop.jsonl");
        std::fs::write(&path, body).unwrap();
        let out = paysel(&[
            "simulate",
            &fixture("experiment.json"),
            "--population",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{body}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("pop.jsonl{wanted}")), "{body}: {err}");
    }
}

#[test]
fn diff_groups_first_rail_shown_set_and_launch_changes() {
    // B raises WeChat Pay above Alipay, shows Alipay as a guide where it is
    // blocked, and launches WeChat Pay by QR code in phone browsers.
    let r = json_of(&[
        "simulate",
        &fixture("diff_a.json"),
        "--diff",
        &fixture("diff_b.json"),
        "--json",
    ]);
    let first = r["first"].as_array().unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(
        (&first[0]["from"], &first[0]["to"]),
        (&json!("alipay"), &json!("wechat_pay"))
    );
    assert_eq!(first[0]["where"]["currency"], json!([null, "CNY"]));
    // Where Alipay runs in its own host's bridge (+100) it stays first, and
    // inside WeChat it was never shown. Taobao and Tmall change: no Taobao
    // bridge takes a merchant page's payment (A7), so Alipay has no bonus there.
    let hosts = first[0]["hosts"].as_object().unwrap();
    for h in ["alipay", "alipay_mini_program", "wechat"] {
        assert!(!hosts.contains_key(h), "{h}");
    }
    for h in ["browser", "taobao", "tmall"] {
        assert!(hosts.contains_key(h), "{h}");
    }

    let shown = r["shown"].as_array().unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(
        (&shown[0]["rail"], &shown[0]["change"]),
        (&json!("alipay"), &json!("added"))
    );
    let mut guide_hosts: Vec<&String> = shown[0]["hosts"].as_object().unwrap().keys().collect();
    guide_hosts.sort();
    assert_eq!(guide_hosts, ALIPAY_BLOCKED);

    // A desktop browser already showed a QR code: only phones and tablets
    // change (8 handheld pairs × 4 money cases with CNY or no currency).
    let launch = r["launch"].as_array().unwrap();
    assert_eq!(launch.len(), 1);
    assert_eq!(
        (
            &launch[0]["rail"],
            &launch[0]["from"],
            &launch[0]["to"],
            &launch[0]["count"]
        ),
        (
            &json!("wechat_pay"),
            &json!("h5_redirect"),
            &json!("qr_code"),
            &json!(32)
        )
    );
    assert_eq!(launch[0]["hosts"], json!({ "browser": 32 }));
    assert_eq!(launch[0]["where"]["form_factor"], json!(["mobile", "tablet"]));
    assert_eq!(launch[0]["examples"].as_array().unwrap().len(), 5);

    let text = String::from_utf8(
        paysel(&[
            "simulate",
            &fixture("diff_a.json"),
            "--diff",
            &fixture("diff_b.json"),
        ])
        .stdout,
    )
    .unwrap();
    assert!(
        text.contains("\nlaunch\n  wechat_pay: h5_redirect -> qr_code: 32 contexts\n    hosts: browser 32\n"),
        "{text}"
    );

    // A policy compared with itself changes nothing.
    let same = json_of(&[
        "simulate",
        &fixture("diff_a.json"),
        "--diff",
        &fixture("diff_a.json"),
        "--json",
    ]);
    assert_eq!(
        (same["changed"].as_u64(), same["first"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
}

#[test]
fn population_and_diff_do_not_combine() {
    let p = fixture("diff_a.json");
    let out = paysel(&[
        "simulate",
        &p,
        "--diff",
        &p,
        "--population",
        &fixture("population.jsonl"),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Whether a decision made with explain rests on an assumed cell: any
/// rail's evidence, or a shown rail's, is `assumed`.
fn rests_on_assumption(d: &paysel_core::Decision, shown_only: bool) -> bool {
    let assumed = |e: &Option<paysel_core::Evidence>| {
        e.as_ref()
            .is_some_and(|e| e.level == paysel_core::EvidenceLevel::Assumed)
    };
    let shown = d
        .shown
        .iter()
        .any(|s| assumed(&s.evidence) || assumed(&s.escape_evidence));
    shown || (!shown_only && d.hidden.iter().any(|h| assumed(&h.evidence)))
}

#[test]
fn population_weighs_the_decisions_that_rest_on_assumed_cells() {
    let policy = default_policy();
    let file = fixture("population.jsonl");
    let r = json_of(&["simulate", &policy, "--population", &file, "--json"]);
    // Each line decided again here, with explain, and weighed by hand.
    let engine = paysel_core::Engine::with_default_policy();
    let (mut any, mut shown, mut total) = (0.0, 0.0, 0.0);
    for line in std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let weight = v["weight"].as_f64().unwrap();
        let ctx = paysel_core::parse_context(&v["context"].to_string()).unwrap();
        let d = engine
            .decide(&ctx, paysel_core::DecideOptions { explain: true })
            .unwrap();
        total += weight;
        any += if rests_on_assumption(&d, false) {
            weight
        } else {
            0.0
        };
        shown += if rests_on_assumption(&d, true) {
            weight
        } else {
            0.0
        };
    }
    let a = &r["assumed"];
    assert!(any > 0.0 && shown > 0.0 && shown < total, "{any} {shown} {total}");
    assert_eq!(a["weight"].as_f64(), Some(any), "{a:#}");
    assert_eq!(a["shown_weight"].as_f64(), Some(shown), "{a:#}");
    assert_eq!(a["share"].as_f64(), Some(any / total));
    // Every source named is one that says nobody has checked.
    for s in a["sources"].as_array().unwrap() {
        let key = s["source"].as_str().unwrap();
        let strength = paysel_core::capability::source(key).unwrap().strength.label();
        assert!(
            ["[FOLK]", "[NONE FOUND]"].contains(&strength),
            "{key}: {strength}"
        );
        assert!(s["weight"].as_f64().unwrap() <= any);
    }
    let out = paysel(&["simulate", &policy, "--population", &file]);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = format!(
        "decisions resting on an assumed capability cell: {:.1}% (weight {any})",
        100.0 * any / total
    );
    assert!(text.contains(&line), "{text}");
}

#[test]
fn the_sweep_reports_the_share_that_rests_on_assumed_cells() {
    let r = json_of(&["simulate", &fixture("alipay_only.json"), "--json"]);
    let a = &r["assumed"];
    let contexts = r["contexts"].as_f64().unwrap();
    let weight = a["weight"].as_f64().unwrap();
    assert!(weight > 0.0 && weight < contexts, "{a:#}");
    assert_eq!(a["share"].as_f64(), Some((weight / contexts * 1e6).round() / 1e6));
    // Alipay's assumed rows (`paysel capabilities --rail alipay --level
    // assumed`), its wallet gate's and the escapes' are the only ones a
    // policy with Alipay alone can rest on.
    let listed = json_of(&["capabilities", "--json", "--rail", "alipay", "--level", "assumed"]);
    for s in a["sources"].as_array().unwrap() {
        let key = &s["source"];
        let in_table = listed["cells"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| &c["source"] == key);
        assert!(in_table || key == "assume-escape-guide", "{key}");
    }
}
