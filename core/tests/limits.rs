//! Every hard limit in `core/src/limits.rs`: one test at the limit (accepted)
//! and one just past it (refused with `limit_exceeded` at the documented
//! path). Limits come before every other check, so an input over a limit
//! never gets another error.

use ed25519_dalek::{Signer, SigningKey};
use paysel_core::envelope::encode_base64;
use paysel_core::limits::*;
use paysel_core::{DecideOptions, Engine, Envelope, Error, ErrorCode, TrustedKey, VerifyOptions};
use serde_json::{json, Value};

/// Asserts `result` is a `limit_exceeded` at `path` for `limit`.
fn assert_limit<T: std::fmt::Debug>(result: Result<T, Error>, path: &str, limit: usize) {
    match result {
        Err(Error::LimitExceeded {
            path: p,
            limit: l,
            actual,
            ..
        }) => {
            assert_eq!((p.as_str(), l), (path, limit), "wrong limit error");
            assert_eq!(actual, limit + 1, "the test goes one past the limit");
        }
        other => panic!("expected limit_exceeded at `{path}` (limit {limit}), got {other:?}"),
    }
}

fn policy(v: &Value) -> Result<Engine, Error> {
    Engine::from_policy_json(&v.to_string())
}

fn base() -> Value {
    json!({"schema": "paysel.policy/1", "version": 1, "rails": [{"id": "card"}, {"id": "alipay"}]})
}

/// `n` distinct custom rails behaving like cards.
fn rails(n: usize) -> Value {
    let mut v: Vec<Value> = vec![json!({"id": "card"})];
    v.extend((1..n).map(|i| json!({"id": format!("r{i}"), "behaves_like": "card"})));
    Value::Array(v)
}

/// The `n`-th three-letter upper-case code (AAA, AAB, ...).
fn code3(n: usize) -> String {
    let c = |k: usize| char::from(b'A' + u8::try_from(k % 26).unwrap());
    [c(n / 676), c(n / 26), c(n)].iter().collect()
}

fn code2(n: usize) -> String {
    code3(n)[1..].to_owned()
}

fn name(len: usize) -> String {
    "a".repeat(len)
}

/// Runs `check(at_limit)` expecting success and `check(past_limit)` expecting
/// the limit error.
fn both(make: impl Fn(usize) -> Value, limit: usize, path: &str) {
    let ok = policy(&make(limit));
    assert!(ok.is_ok(), "at the limit of {limit} at `{path}`: {:?}", ok.err());
    assert_limit(policy(&make(limit + 1)), path, limit);
}

#[test]
fn policy_bytes() {
    let text = base().to_string();
    let pad = |n: usize| format!("{text}{}", " ".repeat(n - text.len()));
    assert!(Engine::from_policy_json(&pad(MAX_POLICY_BYTES)).is_ok());
    assert_limit(
        Engine::from_policy_json(&pad(MAX_POLICY_BYTES + 1)),
        "",
        MAX_POLICY_BYTES,
    );
}

#[test]
fn policy_bytes_are_checked_before_parsing() {
    // Past the limit and not JSON at all: the size wins.
    let junk = "{".repeat(MAX_POLICY_BYTES + 1);
    assert_limit(Engine::from_policy_json(&junk), "", MAX_POLICY_BYTES);
}

#[test]
fn rails_per_policy() {
    both(
        |n| json!({"schema": "paysel.policy/1", "version": 1, "rails": rails(n)}),
        MAX_RAILS,
        "rails",
    );
}

#[test]
fn boosts_per_policy() {
    // Spread over rails so that no rail passes the per-rail limit.
    both(
        |n| {
            let boosts: Vec<Value> = (0..n)
                .map(|i| json!({"id": format!("b{i}"), "rail": if i % 9 == 0 { "card".to_owned() } else { format!("r{}", i % 9) }, "delta": 1}))
                .collect();
            json!({"schema": "paysel.policy/1", "version": 1, "rails": rails(9), "boosts": boosts})
        },
        MAX_BOOSTS,
        "boosts",
    );
}

#[test]
fn boosts_per_rail() {
    both(
        |n| {
            let boosts: Vec<Value> = (0..n)
                .map(|i| json!({"id": format!("b{i}"), "rail": "card", "delta": 1}))
                .collect();
            json!({"schema": "paysel.policy/1", "version": 1, "rails": rails(1), "boosts": boosts})
        },
        MAX_BOOSTS_PER_RAIL,
        "boosts",
    );
}

fn experiment(i: usize, variants: usize) -> Value {
    let variants: Vec<Value> = (0..variants)
        .map(|j| json!({"id": format!("v{j}"), "weight": 1}))
        .collect();
    json!({"id": format!("e{i}"), "salt": format!("s{i}"), "variants": variants})
}

#[test]
fn experiments_per_policy() {
    both(
        |n| {
            let exps: Vec<Value> = (0..n).map(|i| experiment(i, 2)).collect();
            json!({"schema": "paysel.policy/1", "version": 1, "rails": rails(1), "experiments": exps})
        },
        MAX_EXPERIMENTS,
        "experiments",
    );
}

#[test]
fn variants_per_experiment() {
    both(
        |n| json!({"schema": "paysel.policy/1", "version": 1, "rails": rails(1), "experiments": [experiment(0, n)]}),
        MAX_VARIANTS,
        "experiments[0].variants",
    );
}

#[test]
fn capability_overrides() {
    both(
        |n| {
            let caps: Vec<Value> = (0..n)
                .map(|_| json!({"host": "wechat", "rail": "alipay", "launch": "open_in_browser"}))
                .collect();
            let mut p = base();
            p["capabilities"] = Value::Array(caps);
            p
        },
        MAX_CAPABILITY_OVERRIDES,
        "capabilities",
    );
}

#[test]
fn detection_rules() {
    both(
        |n| {
            let rules: Vec<Value> = (0..n)
                .map(|i| json!({"token": format!("App{i:02}/"), "host": "webview"}))
                .collect();
            let mut p = base();
            p["detection_rules"] = Value::Array(rules);
            p
        },
        MAX_DETECTION_RULES,
        "detection_rules",
    );
    // The count outranks a shape error: a rule with an unknown field among
    // too many still reports the limit.
    let mut p = base();
    let mut rules: Vec<Value> = (0..=MAX_DETECTION_RULES)
        .map(|i| json!({"token": format!("App{i:02}/"), "host": "webview"}))
        .collect();
    rules[0]["typo"] = json!(true);
    p["detection_rules"] = Value::Array(rules);
    assert_limit(policy(&p), "detection_rules", MAX_DETECTION_RULES);
}

#[test]
fn detection_rule_token() {
    both(
        |n| {
            let mut p = base();
            p["detection_rules"] = json!([{"token": "T".repeat(n), "host": "webview"}]);
            p
        },
        MAX_DETECTION_TOKEN_BYTES,
        "detection_rules[0].token",
    );
}

/// Every other list in a policy: `set(policy, items)` puts `n` items in it.
#[test]
fn items_in_every_list() {
    type Setter = fn(&mut Value, usize);
    let lists: Vec<(&str, Setter)> = vec![
        ("rails[0].currencies", |p, n| {
            p["rails"][0]["currencies"] = (0..n).map(code3).collect()
        }),
        ("rails[0].countries", |p, n| {
            p["rails"][0]["countries"] = (0..n).map(code2).collect()
        }),
        ("rails[0].limits", |p, n| {
            p["rails"][0]["limits"] = (0..n).map(|i| json!({"currency": code3(i), "max": 10})).collect()
        }),
        (
            "boosts[0].when.platform",
            |p, n| {
                p["boosts"] =
                    json!([{"id": "b", "rail": "card", "delta": 1, "when": {"platform": vec!["ios"; n]}}])
            },
        ),
        (
            "boosts[0].when.form_factor",
            |p, n| {
                p["boosts"] = json!([{"id": "b", "rail": "card", "delta": 1, "when": {"form_factor": vec!["mobile"; n]}}])
            },
        ),
        (
            "boosts[0].when.host",
            |p, n| {
                p["boosts"] =
                    json!([{"id": "b", "rail": "card", "delta": 1, "when": {"host": vec!["wechat"; n]}}])
            },
        ),
        (
            "boosts[0].when.country",
            |p, n| p["boosts"] = json!([{"id": "b", "rail": "card", "delta": 1, "when": {"country": (0..n).map(code2).collect::<Vec<_>>()}}]),
        ),
        (
            "boosts[0].when.currency",
            |p, n| p["boosts"] = json!([{"id": "b", "rail": "card", "delta": 1, "when": {"currency": (0..n).map(code3).collect::<Vec<_>>()}}]),
        ),
        (
            "boosts[0].when.installed",
            |p, n| {
                p["boosts"] =
                    json!([{"id": "b", "rail": "card", "delta": 1, "when": {"installed": vec!["wechat"; n]}}])
            },
        ),
        (
            "experiments[0].when.host",
            |p, n| p["experiments"] = json!([{"id": "e", "salt": "s", "when": {"host": vec!["alipay"; n]}, "variants": [{"id": "v", "weight": 50}]}]),
        ),
        (
            "experiments[0].variants[0].boosts",
            |p, n| p["experiments"] = json!([{"id": "e", "salt": "s", "variants": [{"id": "v", "weight": 50, "boosts": vec![json!({"rail": "card", "delta": 1}); n]}]}]),
        ),
        (
            "experiments[0].variants[0].order",
            |p, n| p["experiments"] = json!([{"id": "e", "salt": "s", "variants": [{"id": "v", "weight": 50, "order": vec!["card"; n]}]}]),
        ),
        (
            "capabilities[0].platform",
            |p, n| {
                p["capabilities"] = json!([{"host": "wechat", "rail": "alipay", "platform": vec!["android"; n], "launch": null}])
            },
        ),
    ];
    for (path, set) in lists {
        both(
            |n| {
                let mut p = base();
                set(&mut p, n);
                p
            },
            MAX_LIST_ITEMS,
            path,
        );
    }
}

/// Every id, rail reference and salt in a policy.
#[test]
fn ids_and_salts() {
    type Setter = fn(&mut Value, String);
    let fields: Vec<(&str, Setter)> = vec![
        ("rails[1].id", |p, s| {
            p["rails"][1] = json!({"id": s, "behaves_like": "card"})
        }),
        (
            "rails[1].rollout.salt",
            |p, s| {
                p["rails"][1] =
                    json!({"id": "x", "behaves_like": "card", "rollout": {"percent": 5, "salt": s}})
            },
        ),
        ("boosts[0].id", |p, s| {
            p["boosts"] = json!([{"id": s, "rail": "card", "delta": 1}])
        }),
        (
            "experiments[0].id",
            |p, s| p["experiments"] = json!([{"id": s, "salt": "s", "variants": [{"id": "v", "weight": 1}]}]),
        ),
        (
            "experiments[0].salt",
            |p, s| p["experiments"] = json!([{"id": "e", "salt": s, "variants": [{"id": "v", "weight": 1}]}]),
        ),
        (
            "experiments[0].variants[0].id",
            |p, s| p["experiments"] = json!([{"id": "e", "salt": "s", "variants": [{"id": s, "weight": 1}]}]),
        ),
    ];
    for (path, set) in fields {
        both(
            |n| {
                let mut p = base();
                set(&mut p, name(n));
                p
            },
            MAX_ID_BYTES,
            path,
        );
    }
}

/// References to rails are ids too: past the limit they are refused as
/// `limit_exceeded` before the "unknown rail" rule looks at them. At the
/// limit they name a real rail.
#[test]
fn rail_references() {
    let long_rail = |n: usize| {
        let mut p = base();
        p["rails"][1] = json!({"id": name(n), "behaves_like": "alipay"});
        p
    };
    type Setter = fn(&mut Value, String);
    let refs: Vec<(&str, Setter)> = vec![
        ("boosts[0].rail", |p, s| {
            p["boosts"] = json!([{"id": "b", "rail": s, "delta": 1}])
        }),
        ("experiments[0].variants[0].boosts[0].rail", |p, s| {
            p["experiments"] = json!([{"id": "e", "salt": "s", "variants": [{"id": "v", "weight": 1, "boosts": [{"rail": s, "delta": 2}]}]}])
        }),
        (
            "experiments[0].variants[0].order[0]",
            |p, s| {
                p["experiments"] =
                    json!([{"id": "e", "salt": "s", "variants": [{"id": "v", "weight": 1, "order": [s]}]}])
            },
        ),
        ("capabilities[0].rail", |p, s| {
            p["capabilities"] = json!([{"host": "wechat", "rail": s, "launch": null}])
        }),
    ];
    for (path, set) in refs {
        both(
            |n| {
                // The rail with the long id exists only at the limit.
                let mut p = long_rail(MAX_ID_BYTES.min(n));
                set(&mut p, name(n));
                p
            },
            MAX_ID_BYTES,
            path,
        );
    }
    // behaves_like: past the limit it is a limit error, not "not built in".
    let mut p = base();
    p["rails"][1] = json!({"id": "x", "behaves_like": name(MAX_ID_BYTES + 1)});
    assert_limit(policy(&p), "rails[1].behaves_like", MAX_ID_BYTES);
}

#[test]
fn limits_come_before_every_rule() {
    // rails[0] breaks a rule (bad id), rails[1] a limit: the limit is reported.
    let p = json!({"schema": "paysel.policy/1", "version": 1, "rails": [
        {"id": "Not An Id"},
        {"id": "card", "currencies": (0..=MAX_LIST_ITEMS).map(code3).collect::<Vec<_>>()}
    ]});
    assert_limit(policy(&p), "rails[1].currencies", MAX_LIST_ITEMS);
    // An unsupported schema with too many rails: the limit is reported.
    let p = json!({"schema": "paysel.policy/9", "version": 1, "rails": rails(MAX_RAILS + 1)});
    let engine = Engine::new(serde_json::from_value(p.clone()).unwrap());
    assert_limit(engine, "rails", MAX_RAILS);
}

fn decide(ctx: &str) -> Result<String, Error> {
    Engine::with_default_policy().decide_json(ctx, DecideOptions::default())
}

#[test]
fn context_bytes() {
    let text = r#"{"currency":"CNY"}"#;
    let pad = |n: usize| format!("{text}{}", " ".repeat(n - text.len()));
    assert!(decide(&pad(MAX_CONTEXT_BYTES)).is_ok());
    assert_limit(decide(&pad(MAX_CONTEXT_BYTES + 1)), "", MAX_CONTEXT_BYTES);
    assert_limit(decide(&"[".repeat(MAX_CONTEXT_BYTES + 1)), "", MAX_CONTEXT_BYTES);
}

#[test]
fn context_strings_and_lists() {
    type Make = fn(usize) -> Value;
    let cases: Vec<(&str, usize, Make)> = vec![
        (
            "user_agent",
            MAX_USER_AGENT_BYTES,
            |n| json!({"user_agent": "a".repeat(n)}),
        ),
        (
            "subject_id",
            MAX_SUBJECT_ID_BYTES,
            |n| json!({"subject_id": "s".repeat(n)}),
        ),
        (
            "checkout_id",
            MAX_CHECKOUT_ID_BYTES,
            |n| json!({"checkout_id": "c".repeat(n)}),
        ),
        (
            "preferred_rail",
            MAX_ID_BYTES,
            |n| json!({"preferred_rail": name(n)}),
        ),
        (
            "last_used[1]",
            MAX_ID_BYTES,
            |n| json!({"last_used": ["card", name(n)]}),
        ),
        (
            "last_used",
            MAX_LAST_USED,
            |n| json!({"last_used": vec!["card"; n]}),
        ),
    ];
    for (path, limit, make) in cases {
        let ok = decide(&make(limit).to_string());
        assert!(ok.is_ok(), "at the limit at `{path}`: {:?}", ok.err());
        assert_limit(decide(&make(limit + 1).to_string()), path, limit);
    }
}

#[test]
fn amount() {
    assert!(decide(&json!({"amount": MAX_AMOUNT, "currency": "CNY"}).to_string()).is_ok());
    let err = decide(&json!({"amount": MAX_AMOUNT + 1, "currency": "CNY"}).to_string()).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::ContextInvalid, "amount"));
}

// ---- signed policies -------------------------------------------------------

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn trusted(seed: u8, key_id: &str) -> TrustedKey {
    TrustedKey {
        key_id: key_id.to_owned(),
        public_key: encode_base64(key(seed).verifying_key().as_bytes()),
    }
}

fn envelope(policy: &str, seed: u8, key_id: &str) -> String {
    Envelope {
        policy: policy.to_owned(),
        key_id: key_id.to_owned(),
        signature: encode_base64(&key(seed).sign(policy.as_bytes()).to_bytes()),
    }
    .to_json()
}

const OPTIONS: VerifyOptions = VerifyOptions {
    now_unix_seconds: 0,
    min_version: None,
};

fn signed(env: &str, keys: &[TrustedKey]) -> Result<Engine, Error> {
    Engine::from_signed_policy(env, keys, OPTIONS)
}

#[test]
fn envelope_bytes() {
    let env = envelope(&base().to_string(), 1, "k");
    let keys = [trusted(1, "k")];
    let pad = |n: usize| format!("{env}{}", " ".repeat(n - env.len()));
    assert!(signed(&pad(MAX_ENVELOPE_BYTES), &keys).is_ok());
    assert_limit(
        signed(&pad(MAX_ENVELOPE_BYTES + 1), &keys),
        "",
        MAX_ENVELOPE_BYTES,
    );
}

#[test]
fn policy_bytes_in_an_envelope() {
    let text = base().to_string();
    let keys = [trusted(1, "k")];
    let pad = |n: usize| format!("{text}{}", " ".repeat(n - text.len()));
    assert!(signed(&envelope(&pad(MAX_POLICY_BYTES), 1, "k"), &keys).is_ok());
    assert_limit(
        signed(&envelope(&pad(MAX_POLICY_BYTES + 1), 1, "k"), &keys),
        "policy",
        MAX_POLICY_BYTES,
    );
}

#[test]
fn key_id_in_an_envelope() {
    let text = base().to_string();
    let at = name(MAX_ID_BYTES);
    assert!(signed(&envelope(&text, 1, &at), &[trusted(1, &at)]).is_ok());
    let past = name(MAX_ID_BYTES + 1);
    assert_limit(
        signed(&envelope(&text, 1, &past), &[trusted(1, &at)]),
        "key_id",
        MAX_ID_BYTES,
    );
}

#[test]
fn trusted_keys() {
    let text = base().to_string();
    let keys = |n: usize| -> Vec<TrustedKey> {
        (0..n)
            .map(|i| trusted(u8::try_from(i + 1).unwrap(), &format!("k{i}")))
            .collect()
    };
    // The last key signs, so every pinned key is looked at.
    let last = u8::try_from(MAX_TRUSTED_KEYS).unwrap();
    let env = envelope(&text, last, &format!("k{}", MAX_TRUSTED_KEYS - 1));
    assert!(signed(&env, &keys(MAX_TRUSTED_KEYS)).is_ok());
    assert_limit(
        signed(&env, &keys(MAX_TRUSTED_KEYS + 1)),
        "trusted_keys",
        MAX_TRUSTED_KEYS,
    );
}

#[test]
fn trusted_key_id() {
    let text = base().to_string();
    let at = name(MAX_ID_BYTES);
    assert!(signed(&envelope(&text, 1, &at), &[trusted(1, &at)]).is_ok());
    let past = name(MAX_ID_BYTES + 1);
    assert_limit(
        signed(&envelope(&text, 1, &at), &[trusted(1, &past)]),
        "trusted_keys[0].key_id",
        MAX_ID_BYTES,
    );
}

#[test]
fn the_limits_table_documents_every_constant() {
    let doc = include_str!("../src/limits.rs");
    for (value, shown) in [
        (MAX_POLICY_BYTES, "65,536 B"),
        (MAX_RAILS, "| 32 "),
        (MAX_BOOSTS, "| 128 "),
        (MAX_BOOSTS_PER_RAIL, "| 16 "),
        (MAX_EXPERIMENTS, "| 8 "),
        (MAX_VARIANTS, "| 8 "),
        (MAX_CAPABILITY_OVERRIDES, "| 64 "),
        (MAX_LIST_ITEMS, "| 64 "),
        (MAX_ID_BYTES, "| 64 B"),
        (MAX_CONTEXT_BYTES, "8,192 B"),
        (MAX_USER_AGENT_BYTES, "2,048 B"),
        (MAX_SUBJECT_ID_BYTES, "256 B"),
        (MAX_LAST_USED, "| 16 "),
        (MAX_ENVELOPE_BYTES, "135,168 B"),
        (MAX_TRUSTED_KEYS, "| 16 "),
    ] {
        let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, value.to_string(), "table entry `{shown}`");
        assert!(doc.contains(shown), "the limits table lacks `{shown}`");
    }
    assert_eq!(MAX_AMOUNT, 10i64.pow(15));
}
