//! Rust-side tests of the binding layer. The real tests of the bindings run
//! on the JVM (`cargo xtask test kotlin`); these guard the translation and
//! keep the docs in step with the core's wallet-probe table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;
use paysel_core::WireEnum;
use paysel_core::{CheckoutContext, Host, Platform};
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

    let ua = "x".repeat(paysel_core::limits::MAX_USER_AGENT_BYTES + 1);
    let err = Engine::new().detect(ua, None).unwrap_err();
    assert_eq!(
        err,
        PayselError::from(paysel_core::detect_checked(&"x".repeat(2049), &Hints::default()).unwrap_err())
    );
    let PayselError::InvalidInput { code, path, .. } = err;
    assert_eq!((code, path.as_str()), (ErrorCode::LimitExceeded, "user_agent"));
}

#[test]
fn typed_and_json_entry_points_agree() {
    let engine = Engine::with_default_policy();
    let context = CheckoutContext {
        platform: Some(Platform::Android),
        host: Some(Host::Wechat),
        currency: Some("CNY".into()),
        ..CheckoutContext::default()
    };
    let json = serde_json::to_string(&context).unwrap();
    for explain in [false, true] {
        let typed = serde_json::to_value(engine.decide(context.clone(), explain).unwrap()).unwrap();
        let text: serde_json::Value =
            serde_json::from_str(&engine.decide_json(json.clone(), explain).unwrap()).unwrap();
        assert_eq!(typed, text);
    }
    assert_eq!(
        engine.policy_version(),
        paysel_core::Engine::with_default_policy().policy().version
    );
    assert_eq!(
        Engine::from_policy_json(default_policy_json())
            .unwrap()
            .policy_version(),
        engine.policy_version()
    );
    assert_eq!(version(), paysel_core::version());
}
