//! Rust-side tests of the binding layer. The real tests of the bindings run
//! on the JVM (`cargo xtask test kotlin`); these guard the translation and
//! keep the docs in step with the core's wallet-probe table.

use super::*;
use paysel_core::WireEnum;
use paysel_core::{CheckoutContext, Host, Platform, Policy, TrustedKey, VerifyOptions};
use std::collections::BTreeSet;

fn repo_file(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every `<tag>value</tag>` (or `attr="value"`) in `text` between `start`
/// and the next `end`.
fn values_between(text: &str, start: &str, end: &str, open: &str, close: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("`{start}` not found"));
    let block = &text[from..];
    let block = &block[..block
        .find(end)
        .unwrap_or_else(|| panic!("`{end}` not found after `{start}`"))];
    block
        .split(open)
        .skip(1)
        .map(|rest| rest[..rest.find(close).unwrap()].to_owned())
        .collect()
}

fn core_schemes() -> BTreeSet<String> {
    paysel_core::wallet_probes()
        .iter()
        .flat_map(|p| p.ios_schemes.iter().map(|s| (*s).to_owned()))
        .collect()
}

fn core_packages() -> BTreeSet<String> {
    paysel_core::wallet_probes()
        .iter()
        .map(|p| p.android_package.to_owned())
        .collect()
}

#[test]
fn readme_info_plist_snippet_matches_the_core_table() {
    let readme = repo_file("README.md");
    let listed = values_between(
        &readme,
        "<key>LSApplicationQueriesSchemes</key>",
        "</array>",
        "<string>",
        "</string>",
    );
    assert_eq!(listed, core_schemes(), "README.md LSApplicationQueriesSchemes");
}

#[test]
fn readme_and_manifest_queries_match_the_core_table() {
    for (file, text) in [
        ("README.md", repo_file("README.md")),
        (
            "android/src/main/AndroidManifest.xml",
            repo_file("android/src/main/AndroidManifest.xml"),
        ),
    ] {
        let listed = values_between(&text, "<queries>", "</queries>", "<package android:name=\"", "\"");
        assert_eq!(listed, core_packages(), "{file} <queries>");
    }
}

#[test]
fn wallet_probes_cover_every_app_with_the_core_data() {
    let probes = wallet_probes();
    assert_eq!(probes.len(), paysel_core::WalletApp::ALL.len());
    for (probe, app) in probes.iter().zip(paysel_core::WalletApp::ALL.iter().copied()) {
        let core = paysel_core::wallet_probe(app);
        assert_eq!(probe.app, app);
        assert_eq!(probe.ios_schemes, core.ios_schemes);
        assert_eq!(probe.android_package, core.android_package);
    }
}

#[test]
fn core_errors_map_to_one_typed_error_with_code_and_path() {
    let json = r#"{"schema": "paysel.policy/1", "version": 1, "rails": [{"id": 7}]}"#;
    let core = paysel_core::Engine::from_policy_json(json).unwrap_err();
    let err = Engine::from_policy_json(json.into()).unwrap_err();
    let PayselError::InvalidInput { code, path, detail } = err;
    assert_eq!(code, ErrorCode::PolicyMalformed);
    assert_eq!(path, core.path());
    assert_eq!(detail, core.to_string());
}

#[test]
fn detect_checks_the_user_agent_and_hints_limits_of_the_core() {
    let code_and_path = |e: PayselError| {
        let PayselError::InvalidInput { code, path, .. } = e;
        (code, path)
    };
    let ua = "x".repeat(paysel_core::limits::MAX_USER_AGENT_BYTES + 1);
    assert_eq!(
        detect(ua, None).map_err(code_and_path),
        Err((ErrorCode::LimitExceeded, "user_agent".to_owned()))
    );
    let hints = Hints {
        ua_platform: Some("A".repeat(paysel_core::limits::MAX_ID_BYTES + 1)),
        ..Hints::default()
    };
    assert_eq!(
        detect("Mozilla/5.0".into(), Some(hints)).map_err(code_and_path),
        Err((ErrorCode::LimitExceeded, "hints.ua_platform".to_owned()))
    );
    let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
              (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003127) NetType/WIFI";
    let hints = Hints {
        wechat_mini_program: true,
        ..Hints::default()
    };
    assert_eq!(
        detect(ua.into(), Some(hints.clone())).unwrap(),
        paysel_core::detect(ua, &hints)
    );
    assert_eq!(
        detect(ua.into(), None).unwrap(),
        paysel_core::detect(ua, &Hints::default())
    );
}

fn small_policy() -> Policy {
    paysel_core::read_policy(
        r#"{"schema": "paysel.policy/1", "version": 3, "rails": [{"id": "alipay"}, {"id": "card", "weight": 5}]}"#,
    )
    .unwrap()
}

fn context() -> CheckoutContext {
    CheckoutContext {
        platform: Some(Platform::Android),
        host: Some(Host::Wechat),
        currency: Some("CNY".into()),
        ..CheckoutContext::default()
    }
}

#[test]
fn typed_and_json_entry_points_agree() {
    let engine = Engine::new();
    let json = serde_json::to_string(&context()).unwrap();
    for explain in [false, true] {
        let typed = serde_json::to_value(engine.decide(context(), explain).unwrap()).unwrap();
        let text: serde_json::Value =
            serde_json::from_str(&engine.decide_json(json.clone(), explain).unwrap()).unwrap();
        assert_eq!(typed, text);
    }
    assert_eq!(
        engine.policy(),
        *paysel_core::Engine::with_default_policy().policy()
    );
    assert_eq!(engine.policy_version(), engine.policy().version);
    assert_eq!(
        Engine::from_policy_json(default_policy_json()).unwrap().policy(),
        engine.policy()
    );
    assert_eq!(version(), paysel_core::version());

    let typed = Engine::from_policy(small_policy()).unwrap();
    let text = Engine::from_policy_json(serde_json::to_string(&small_policy()).unwrap()).unwrap();
    assert_eq!(typed.policy(), text.policy());
    assert_eq!(typed.decide(context(), true), text.decide(context(), true));
}

#[test]
fn a_refused_typed_policy_leaves_the_engine_as_it_was() {
    let mut bad = small_policy();
    bad.rails[1].id = "alipay".into();
    let refused = paysel_core::Engine::new(bad.clone()).unwrap_err();
    assert_eq!(
        (refused.code(), refused.path()),
        (ErrorCode::PolicyInvalid, "rails[1].id")
    );
    assert_eq!(
        Engine::from_policy(bad.clone()).unwrap_err(),
        PayselError::from(refused.clone())
    );

    let engine = Engine::new();
    assert_eq!(engine.apply_policy(bad), Err(PayselError::from(refused)));
    assert_eq!(engine.policy(), Engine::new().policy());
    engine.apply_policy(small_policy()).unwrap();
    assert_eq!(engine.policy(), small_policy());
    assert_eq!(engine.policy_version(), 3);
}

#[test]
fn policy_updates_keep_the_signed_rollback_floor() {
    let vectors: serde_json::Value =
        serde_json::from_str(&repo_file("../tests/vectors/envelopes.json")).unwrap();
    let case = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "signed_decides")
        .unwrap();
    let keys: Vec<TrustedKey> = serde_json::from_value(case["trusted_keys"].clone()).unwrap();
    let options = VerifyOptions {
        now_unix_seconds: case["now"].as_i64().unwrap(),
        min_version: None,
    };
    let engine = Engine::new();
    engine
        .apply_signed_policy(case["envelope"].to_string(), keys, options)
        .unwrap();
    let signed = engine.signed_version();
    assert!(signed.is_some());
    engine.apply_policy(small_policy()).unwrap();
    engine.apply_policy_json(default_policy_json()).unwrap();
    assert_eq!(engine.signed_version(), signed);
}
