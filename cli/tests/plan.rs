//! `paysel plan`, run as a server team checks what its pages will pick.

mod common;

use common::paysel;
use serde_json::Value;

const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                             (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn plan_names_the_probes_and_its_all_unknown_entry_is_the_decision() {
    let plan = json(&paysel(&["plan", "--ua", IPHONE_SAFARI]));
    assert_eq!(plan["probes"], serde_json::json!(["apple_pay", "google_pay"]));
    let pick = plan["pick"].as_array().unwrap();
    assert_eq!(pick.len(), 9);
    // Key 8 is every probe unknown, which is the context as given.
    let unknown = &plan["decisions"][pick[8].as_u64().unwrap() as usize];
    assert_eq!(unknown, &json(&paysel(&["decide", "--ua", IPHONE_SAFARI])));
}

#[test]
fn plan_refuses_a_bad_context_with_its_code_and_path() {
    let dir = std::env::temp_dir().join(format!("paysel-plan-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ctx = dir.join("ctx.json");
    std::fs::write(&ctx, r#"{"probes": {"apple_pay": "yes"}}"#).unwrap();
    let out = paysel(&["plan", "--context", ctx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[context_malformed]") && err.contains("probes.apple_pay"),
        "{err}"
    );
    assert_eq!(
        paysel(&["plan"]).status.code(),
        Some(2),
        "a context or a User-Agent is required"
    );
}
