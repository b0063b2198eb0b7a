//! paysel's own JSON reader and writer (used by the engine and every
//! binding) agree with the serde derives on the types (used by Rust callers),
//! on every input and output of the conformance vectors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use paysel_core::wire::{FromJsonText, ToJsonText};
use paysel_core::{Context, DecideOptions, Engine, Hints, Policy};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .flat_map(|p| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            doc["cases"].as_array().unwrap().clone()
        })
        .collect()
}

#[test]
fn reader_agrees_with_serde_on_every_vector_input() {
    let mut checked = 0;
    for case in cases() {
        if let Some(ctx) = case.get("context") {
            let text = serde_json::to_string(ctx).unwrap();
            let ours = Context::from_json_text(&text).ok();
            let serde = serde_json::from_str::<Context>(&text).ok();
            assert_eq!(ours, serde, "context of {}", case["name"]);
            checked += 1;
        }
        if let Some(policy @ Value::Object(_)) = case.get("policy") {
            let text = serde_json::to_string(policy).unwrap();
            let ours = Policy::from_json_text(&text).ok();
            let serde = serde_json::from_str::<Policy>(&text).ok();
            assert_eq!(ours, serde, "policy of {}", case["name"]);
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn writer_writes_what_serde_writes() {
    for case in cases() {
        let Some(Value::Object(_)) = case.get("expect") else {
            continue;
        };
        let engine = match case.get("policy") {
            Some(p @ Value::Object(_)) => Engine::from_policy_json(&p.to_string()).unwrap(),
            _ => Engine::with_default_policy(),
        };
        let ctx: Context =
            serde_json::from_value(case.get("context").cloned().unwrap_or(Value::Null)).unwrap_or_default();
        for explain in [false, true] {
            let Ok(decision) = engine.decide(&ctx, DecideOptions { explain }) else {
                continue;
            };
            assert_eq!(
                decision.to_json_text(),
                serde_json::to_string(&decision).unwrap(),
                "{}",
                case["name"]
            );
        }
    }
    let tricky = paysel_core::detect(
        "Mozilla/5.0 \"quoted\\\" \u{1}\t MicroMessenger/8.0.1",
        &Hints::default(),
    );
    assert_eq!(tricky.to_json_text(), serde_json::to_string(&tricky).unwrap());
}

#[test]
fn reader_is_strict_and_reports_paths() {
    let err = |t: &str| Context::from_json_text(t).unwrap_err();
    assert_eq!(err(r#"{"platform":"ios","platform":"ios"}"#).path, "platform");
    assert_eq!(
        err(r#"{"installed_wallets":{"wechat":"maybe"}}"#).path,
        "installed_wallets.wechat"
    );
    assert_eq!(err(r#"{"last_used":["a",3]}"#).path, "last_used[1]");
    assert_eq!(err(r#"{"amount":1.5}"#).path, "amount");
    assert_eq!(err(r#"{"amount":-1}"#).path, "amount");
    assert_eq!(err(r#"{"amount":1e3}"#).path, "amount");
    assert_eq!(err(r#"{"region_tier":300}"#).path, "region_tier");
    assert_eq!(err(r#"{"last_used":null}"#).path, "last_used");
    assert!(err(r#"{"a":1} x"#).message.contains("trailing"));
    assert!(err(r#"{"a":"\ud800"}"#).message.contains("surrogate"));
    assert!(err("[".repeat(100).as_str()).message.contains("deep"));
    assert!(err("{\"user_agent\":\"a\u{1}b\"}").message.contains("control"));
    assert!(err("").message.contains("end of input"));
    assert!(err("[]").message.contains("expected an object"));
    // Typed errors say where the value is, as syntax errors do.
    let typed = err("{\n  \"amount\": \"ten\"\n}");
    assert!(
        typed.message.ends_with("at line 2 column 13"),
        "{}",
        typed.message
    );
    assert!(err("{\n  \"amount\": }").message.ends_with("at line 2 column 13"));
    // null is "absent" only for optional fields.
    assert_eq!(
        Context::from_json_text(r#"{"platform":null}"#).unwrap(),
        Context::default()
    );
    let escaped = Context::from_json_text(r#"{"subject_id":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#).unwrap();
    assert_eq!(escaped.subject_id.as_deref(), Some("a\"\\/\u{8}\u{c}\n\r\té😀"));
}

#[test]
fn every_wire_input_is_size_capped_before_parsing() {
    let huge = format!("[{}]", "{},".repeat(100_000));
    assert!(Vec::<paysel_core::TrustedKey>::from_json_text(&huge)
        .unwrap_err()
        .message
        .contains("exceeds the limit"));
    assert!(Hints::from_json_text(&" ".repeat(2_000))
        .unwrap_err()
        .message
        .contains("exceeds the limit"));
    assert!(Policy::from_json_text(&" ".repeat(70_000))
        .unwrap_err()
        .message
        .contains("exceeds the limit"));
    assert!(Context::from_json_text(&" ".repeat(9_000))
        .unwrap_err()
        .message
        .contains("exceeds the limit"));
}
