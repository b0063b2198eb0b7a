//! The behaviour shoppers and merchants expect, asserted directly (the
//! vectors freeze the whole output; these tests say what matters in it).

use paysel_core::{
    CheckoutContext, DecideOptions, Decision, Engine, ErrorCode, HiddenReason, Host, Launch, Placement,
    Platform,
};

fn decide(engine: &Engine, ctx: &str) -> Decision {
    let ctx: CheckoutContext = serde_json::from_str(ctx).unwrap();
    engine.decide(&ctx, DecideOptions::default()).unwrap()
}

fn default_decide(ctx: &str) -> Decision {
    decide(&Engine::with_default_policy(), ctx)
}

fn launch_of(d: &Decision, rail: &str) -> Option<Launch> {
    d.shown.iter().find(|s| s.rail == rail).map(|s| s.launch)
}

fn hidden_reason(d: &Decision, rail: &str) -> Option<HiddenReason> {
    d.hidden.iter().find(|h| h.rail == rail).map(|h| h.reason)
}

#[test]
fn embedded_default_policy_parses() {
    let engine = Engine::from_policy_json(paysel_core::DEFAULT_POLICY_JSON).unwrap();
    assert!(engine.policy().version >= 1);
    assert!(engine.policy().rails.len() >= 7);
}

#[test]
fn inside_wechat_wechat_pay_bridges_first_and_alipay_is_blocked() {
    for platform in ["ios", "android"] {
        let d = default_decide(&format!(
            r#"{{"host":"wechat","platform":"{platform}","currency":"CNY","last_used":["alipay"]}}"#
        ));
        assert_eq!(d.shown[0].rail, "wechat_pay");
        assert_eq!(d.shown[0].launch, Launch::InHostBridge);
        assert_eq!(d.preselected.as_deref(), Some("wechat_pay"));
        assert_eq!(hidden_reason(&d, "alipay"), Some(HiddenReason::HostBlocksRail));
    }
}

#[test]
fn blocked_alipay_becomes_a_guide_when_the_policy_asks() {
    let engine = Engine::from_policy_json(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"alipay","weight":99,"open_in_browser_when_blocked":true},{"id":"wechat_pay"}]}"#,
    )
    .unwrap();
    let d = decide(
        &engine,
        r#"{"host":"wechat","platform":"android","last_used":["alipay"]}"#,
    );
    assert_eq!(d.shown[0].rail, "wechat_pay");
    let last = d.shown.last().unwrap();
    assert_eq!(
        (last.rail.as_str(), last.launch, last.placement),
        ("alipay", Launch::OpenInBrowser, Placement::Guide)
    );
}

#[test]
fn wechat_pay_is_h5_on_phones_and_qr_on_desktops() {
    let phone =
        default_decide(r#"{"host":"browser","platform":"android","form_factor":"mobile","currency":"CNY"}"#);
    assert_eq!(launch_of(&phone, "wechat_pay"), Some(Launch::H5Redirect));
    let desktop =
        default_decide(r#"{"host":"browser","platform":"windows","form_factor":"desktop","currency":"CNY"}"#);
    assert_eq!(launch_of(&desktop, "wechat_pay"), Some(Launch::QrCode));
}

#[test]
fn inside_alipay_and_taobao_alipay_comes_first() {
    let alipay = default_decide(r#"{"host":"alipay","platform":"ios","currency":"CNY"}"#);
    assert_eq!(alipay.shown[0].rail, "alipay");
    assert_eq!(alipay.shown[0].launch, Launch::InHostBridge);
    assert_eq!(
        hidden_reason(&alipay, "wechat_pay"),
        Some(HiddenReason::HostBlocksRail)
    );
    // No Taobao bridge takes merchant payments, and Taobao's own WeChat Pay
    // is its native cashier (A7): both wallets by H5 there.
    for host in ["taobao", "tmall"] {
        let d = default_decide(&format!(
            r#"{{"host":"{host}","platform":"ios","currency":"CNY"}}"#
        ));
        assert_eq!(d.shown[0].rail, "alipay", "{host}");
        assert_eq!(d.shown[0].launch, Launch::H5Redirect, "{host}");
        assert_eq!(launch_of(&d, "wechat_pay"), Some(Launch::H5Redirect), "{host}");
    }
}

#[test]
fn mini_program_web_views_hand_over_to_their_own_pages() {
    let wechat = default_decide(r#"{"host":"wechat_mini_program","platform":"ios","currency":"CNY"}"#);
    assert_eq!(wechat.shown[0].rail, "wechat_pay");
    assert_eq!(wechat.shown[0].launch, Launch::MiniProgramPage);
    let alipay = default_decide(r#"{"host":"alipay_mini_program","platform":"android","currency":"CNY"}"#);
    assert_eq!(alipay.shown[0].rail, "alipay");
    assert_eq!(alipay.shown[0].launch, Launch::MiniProgramPage);
    assert_eq!(
        hidden_reason(&alipay, "wechat_pay"),
        Some(HiddenReason::HostBlocksRail)
    );
}

#[test]
fn native_without_wallet_falls_back_or_hides() {
    let d = default_decide(
        r#"{"host":"native","platform":"android","currency":"CNY","installed_wallets":{"wechat":"not_installed","alipay":"not_installed"}}"#,
    );
    assert_eq!(
        hidden_reason(&d, "wechat_pay"),
        Some(HiddenReason::WalletNotInstalled)
    );
    assert_eq!(launch_of(&d, "alipay"), Some(Launch::H5Redirect));
    let installed = default_decide(
        r#"{"host":"native","platform":"android","currency":"CNY","installed_wallets":{"wechat":"installed"}}"#,
    );
    assert_eq!(launch_of(&installed, "wechat_pay"), Some(Launch::AppSwitch));
}

#[test]
fn preference_beats_last_used_beats_weights() {
    let base = r#""host":"browser","platform":"android","currency":"CNY""#;
    let weights = default_decide(&format!("{{{base}}}"));
    assert_eq!(weights.shown[0].rail, "alipay");
    let last = default_decide(&format!(r#"{{{base},"last_used":["unionpay"]}}"#));
    assert_eq!(last.shown[0].rail, "unionpay");
    assert_eq!(last.shown[0].placement, Placement::LastUsed);
    let pref = default_decide(&format!(
        r#"{{{base},"last_used":["unionpay"],"preferred_rail":"card"}}"#
    ));
    assert_eq!(pref.shown[0].rail, "card");
    assert_eq!(pref.shown[1].rail, "unionpay");
}

#[test]
fn apple_pay_needs_apple_and_a_probe_and_leads_only_when_ready() {
    let ready = default_decide(
        r#"{"host":"browser","platform":"ios","currency":"USD","probes":{"apple_pay":"ready"}}"#,
    );
    assert_eq!(ready.shown[0].rail, "apple_pay");
    assert_eq!(ready.preselected.as_deref(), Some("apple_pay"));
    // A device that supports Apple Pay without a card ready: offered, but
    // never first or preselected (Apple's paymentCredentialsUnavailable).
    let supported = default_decide(
        r#"{"host":"browser","platform":"ios","currency":"USD","probes":{"apple_pay":"supported"},"preferred_rail":"apple_pay"}"#,
    );
    let last = supported.shown.last().unwrap();
    assert_eq!(
        (last.rail.as_str(), last.placement),
        ("apple_pay", Placement::Secondary)
    );
    assert_ne!(supported.preselected.as_deref(), Some("apple_pay"));
    // E1: Facebook's injected scripts no longer turn WebKit's Apple Pay
    // away; the page's own probe decides there, and in mainland China only
    // Safari has Apple Pay on the web (A2).
    let facebook = default_decide(
        r#"{"host":"facebook","platform":"ios","currency":"USD","probes":{"apple_pay":"ready"}}"#,
    );
    assert_eq!(launch_of(&facebook, "apple_pay"), Some(Launch::PaymentRequest));
    let facebook_no = default_decide(
        r#"{"host":"facebook","platform":"ios","currency":"USD","probes":{"apple_pay":"not_ready"}}"#,
    );
    assert_eq!(
        hidden_reason(&facebook_no, "apple_pay"),
        Some(HiddenReason::WalletNotReady)
    );
    let facebook_cn = default_decide(
        r#"{"host":"facebook","platform":"ios","country":"CN","currency":"USD","probes":{"apple_pay":"ready"}}"#,
    );
    assert_eq!(
        hidden_reason(&facebook_cn, "apple_pay"),
        Some(HiddenReason::HostBlocksRail)
    );
    let android = default_decide(
        r#"{"host":"browser","platform":"android","currency":"USD","probes":{"apple_pay":"ready"}}"#,
    );
    assert_eq!(
        hidden_reason(&android, "apple_pay"),
        Some(HiddenReason::PlatformUnsupported)
    );
}

#[test]
fn apple_pay_outside_safari_needs_apples_sdk_and_not_mainland_china() {
    let policy = |sdk: bool| {
        Engine::from_policy_json(&format!(
            r#"{{"schema":"paysel.policy/1","version":1,"apple_pay_js_sdk":{sdk},"rails":[{{"id":"apple_pay"}},{{"id":"card"}}]}}"#
        ))
        .unwrap()
    };
    let chrome =
        r#"{"host":"browser","platform":"windows","browser":"chromium","probes":{"apple_pay":"supported"}}"#;
    assert_eq!(
        hidden_reason(&decide(&policy(false), chrome), "apple_pay"),
        Some(HiddenReason::PlatformUnsupported)
    );
    let with_sdk = decide(&policy(true), chrome);
    assert_eq!(launch_of(&with_sdk, "apple_pay"), Some(Launch::WalletJs));
    let in_china = chrome.replace("\"host\"", "\"country\":\"CN\",\"host\"");
    assert_eq!(
        hidden_reason(&decide(&policy(true), &in_china), "apple_pay"),
        Some(HiddenReason::PlatformUnsupported)
    );
    let mac_safari_cn = r#"{"host":"browser","platform":"macos","browser":"safari","country":"CN","probes":{"apple_pay":"ready"}}"#;
    assert_eq!(
        hidden_reason(&decide(&policy(false), mac_safari_cn), "apple_pay"),
        Some(HiddenReason::PlatformUnsupported)
    );
    let iphone_safari_cn = r#"{"host":"browser","platform":"ios","browser":"safari","country":"CN","probes":{"apple_pay":"ready"}}"#;
    assert_eq!(
        launch_of(&decide(&policy(false), iphone_safari_cn), "apple_pay"),
        Some(Launch::PaymentRequest)
    );
}

#[test]
fn explain_names_the_evidence_and_a_guide_its_escape() {
    let engine = Engine::from_policy_json(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"alipay","open_in_browser_when_blocked":true},{"id":"wechat_pay"},{"id":"card","enabled":false}],
            "capabilities":[{"host":"line","rail":"wechat_pay","launch":null}]}"#,
    )
    .unwrap();
    let ctx: CheckoutContext = serde_json::from_str(r#"{"host":"wechat","platform":"ios"}"#).unwrap();
    let d = engine.decide(&ctx, DecideOptions { explain: true }).unwrap();
    let wechat_pay = d.shown.iter().find(|s| s.rail == "wechat_pay").unwrap();
    let evidence = wechat_pay.evidence.as_ref().unwrap();
    assert_eq!(
        (evidence.level, evidence.source.as_str()),
        (paysel_core::EvidenceLevel::Documented, "wxpay-jsapi")
    );
    let alipay = d.shown.iter().find(|s| s.rail == "alipay").unwrap();
    assert_eq!(alipay.escape, Some(paysel_core::BrowserEscape::Guide));
    assert!(alipay.escape_evidence.is_some());
    // A rail the merchant turned off consulted no cell.
    assert!(d.hidden.iter().all(|h| h.evidence.is_none()));
    // A policy override decides as `policy`, named by its path.
    let line: CheckoutContext = serde_json::from_str(r#"{"host":"line","platform":"android"}"#).unwrap();
    let d = engine.decide(&line, DecideOptions { explain: true }).unwrap();
    let hidden = d.hidden.iter().find(|h| h.rail == "wechat_pay").unwrap();
    let evidence = hidden.evidence.as_ref().unwrap();
    assert_eq!(
        (evidence.level, evidence.source.as_str()),
        (paysel_core::EvidenceLevel::Policy, "capabilities[0]")
    );
    // Without explain there is no evidence, but a guide still has its escape.
    let plain = engine.decide(&ctx, DecideOptions::default()).unwrap();
    assert!(plain.shown.iter().all(|s| s.evidence.is_none()));
    assert!(plain.shown.iter().any(|s| s.escape.is_some()));
}

#[test]
fn every_rail_is_shown_or_hidden_exactly_once_and_preselected_is_shown() {
    let engine = Engine::with_default_policy();
    let ids: Vec<&str> = engine.policy().rails.iter().map(|r| r.id.as_str()).collect();
    for host in [
        "browser", "native", "wechat", "alipay", "taobao", "facebook", "webview", "unionpay",
    ] {
        for platform in ["ios", "android", "windows", "harmonyos"] {
            let d = decide(
                &engine,
                &format!(r#"{{"host":"{host}","platform":"{platform}","currency":"CNY"}}"#),
            );
            let mut seen: Vec<&str> = d
                .shown
                .iter()
                .map(|s| s.rail.as_str())
                .chain(d.hidden.iter().map(|h| h.rail.as_str()))
                .collect();
            seen.sort_unstable();
            let mut want = ids.clone();
            want.sort_unstable();
            assert_eq!(seen, want, "{host}/{platform}");
            if let Some(p) = &d.preselected {
                assert!(d.shown.iter().any(|s| &s.rail == p));
            }
        }
    }
}

#[test]
fn exposure_carries_no_subject_id_and_no_user_agent() {
    let engine = Engine::with_default_policy();
    let out = engine
        .decide_json(
            r#"{"user_agent":"Mozilla/5.0 SECRET-UA-TOKEN","subject_id":"user-12345-secret","currency":"CNY"}"#,
            DecideOptions { explain: true },
        )
        .unwrap();
    assert!(!out.contains("user-12345-secret"));
    assert!(!out.contains("SECRET-UA-TOKEN"));
}

#[test]
fn decisions_are_deterministic() {
    let engine = Engine::with_default_policy();
    let ctx = r#"{"host":"browser","platform":"ios","currency":"CNY","subject_id":"s","probes":{"apple_pay":"ready"}}"#;
    let first = engine.decide_json(ctx, DecideOptions { explain: true }).unwrap();
    for _ in 0..10 {
        assert_eq!(
            engine.decide_json(ctx, DecideOptions { explain: true }).unwrap(),
            first
        );
    }
}

#[test]
fn bad_input_gets_typed_errors() {
    let engine = Engine::with_default_policy();
    let code = |ctx: &str| {
        engine
            .decide_json(ctx, DecideOptions::default())
            .unwrap_err()
            .code()
    };
    // Amounts are i64 on the wire (natural in Kotlin and Swift); a negative
    // one parses and is out of range.
    assert_eq!(code(r#"{"amount":-1}"#), ErrorCode::ContextInvalid);
    assert_eq!(code(r#"{"amount":1.5}"#), ErrorCode::ContextMalformed);
    assert_eq!(code(r#"{"currency":"YUAN"}"#), ErrorCode::ContextInvalid);
    assert_eq!(code(r#"{"nope":1}"#), ErrorCode::ContextMalformed);
    assert_eq!(code(&"x".repeat(10_000)), ErrorCode::LimitExceeded);
    let policy = |p: &str| Engine::from_policy_json(p).unwrap_err();
    let dup = policy(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"},{"id":"card"}]}"#);
    assert_eq!(
        (dup.code(), dup.path()),
        (ErrorCode::PolicyInvalid, "rails[1].id")
    );
    let unknown = policy(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card","x":1}]}"#);
    assert_eq!(
        (unknown.code(), unknown.path()),
        (ErrorCode::PolicyMalformed, "rails[0].x")
    );
    assert_eq!(policy("{").code(), ErrorCode::PolicyMalformed);
    assert_eq!(
        policy(r#"{"schema":"other/2"}"#).code(),
        ErrorCode::PolicySchemaUnsupported
    );
}

#[test]
fn limits_win_over_other_errors() {
    let rails: Vec<String> = (0..33)
        .map(|i| format!(r#"{{"id":"r{i}","behaves_like":"card"}}"#))
        .collect();
    let mut bad_field = rails.clone();
    bad_field[32] = r#"{"id":"r32","colour":"red"}"#.to_owned();
    let policy = |schema: &str, rails: &[String]| {
        format!(
            r#"{{"schema":"{schema}","version":1,"rails":[{}]}}"#,
            rails.join(",")
        )
    };
    for text in [policy("paysel.policy/1", &bad_field), policy("other/9", &rails)] {
        let e = Engine::from_policy_json(&text).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::LimitExceeded, "rails"), "{e}");
    }
    let last_used: Vec<String> = (0..17)
        .map(|i| {
            if i == 3 {
                "7".to_owned()
            } else {
                format!("\"r{i}\"")
            }
        })
        .collect();
    let ctx = format!(r#"{{"last_used":[{}]}}"#, last_used.join(","));
    let e = Engine::with_default_policy()
        .decide_json(&ctx, DecideOptions::default())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::LimitExceeded, "last_used"),
        "{e}"
    );
    let hints = paysel_core::Hints {
        ua_platform: Some("x".repeat(65)),
        ..Default::default()
    };
    let e = paysel_core::detect_checked("Mozilla/5.0", &hints).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::LimitExceeded, "hints.ua_platform")
    );
}

#[test]
fn ambiguous_policies_are_refused() {
    let invalid = |p: &str| Engine::from_policy_json(p).unwrap_err();
    let dup = invalid(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}],
            "boosts":[{"id":"b","rail":"card","delta":1},{"id":"b","rail":"card","delta":2}]}"#,
    );
    assert_eq!(
        (dup.code(), dup.path()),
        (ErrorCode::PolicyInvalid, "boosts[1].id")
    );
    let borrowed = invalid(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card","behaves_like":"alipay"}]}"#,
    );
    assert_eq!(
        (borrowed.code(), borrowed.path()),
        (ErrorCode::PolicyInvalid, "rails[0].behaves_like")
    );
}

#[test]
fn last_used_lifts_the_next_rail_when_the_latest_is_the_preference() {
    let d = default_decide(
        r#"{"host":"browser","platform":"android","currency":"CNY","preferred_rail":"card","last_used":["card","unionpay"]}"#,
    );
    assert_eq!(
        (d.shown[0].rail.as_str(), d.shown[0].placement),
        ("card", Placement::Preferred)
    );
    assert_eq!(
        (d.shown[1].rail.as_str(), d.shown[1].placement),
        ("unionpay", Placement::LastUsed)
    );
}

#[test]
fn validation_reports_every_violation_in_document_order() {
    let policy = paysel_core::read_policy(
        r#"{"schema":"paysel.policy/1","version":-1,"rails":[
            {"id":"card","currencies":["usd"]},
            {"id":"card"},
            {"id":"klarna"}],
           "max_shown":0}"#,
    )
    .unwrap();
    let found: Vec<(ErrorCode, String)> = paysel_core::validate_policy(&policy)
        .unwrap_err()
        .iter()
        .map(|e| (e.code(), e.path().to_owned()))
        .collect();
    let invalid = |path: &str| (ErrorCode::PolicyInvalid, path.to_owned());
    assert_eq!(
        found,
        [
            invalid("version"),
            invalid("max_shown"),
            invalid("rails[0].currencies[0]"),
            invalid("rails[1].id"),
            invalid("rails[2].behaves_like"),
        ]
    );
    // The engine refuses the policy on the first of them.
    let text = serde_json::to_string(&policy).unwrap();
    let err = Engine::from_policy_json(&text).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::PolicyInvalid, "version"));
}

/// Issue 20 item 4: a merchant's own `capabilities` row is named as such,
/// never presented as what the host does.
#[test]
fn a_policy_override_is_named_as_the_merchants() {
    let engine = Engine::from_policy_json(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"paypal"},{"id":"alipay"},{"id":"card"}],
            "capabilities":[{"host":"instagram","rail":"paypal","launch":null},{"host":"instagram","rail":"alipay","launch":"qr_code"}]}"#,
    )
    .unwrap();
    let d = decide(&engine, r#"{"host":"instagram","platform":"ios"}"#);
    let paypal = d.hidden.iter().find(|h| h.rail == "paypal").unwrap();
    assert_eq!(paypal.reason, HiddenReason::PolicyCapability);
    assert!(paypal.detail.contains("capabilities[0]"), "{}", paypal.detail);
    assert!(!paypal.detail.contains("host blocks"), "{}", paypal.detail);
    let exposed = d.exposure.hidden.iter().find(|h| h.rail == "paypal").unwrap();
    assert_eq!(exposed.reason, HiddenReason::PolicyCapability);
    let alipay = d.shown.iter().find(|s| s.rail == "alipay").unwrap();
    assert_eq!(alipay.policy_override.as_deref(), Some("capabilities[1]"));
    let exposed = d.exposure.shown.iter().find(|s| s.rail == "alipay").unwrap();
    assert_eq!(exposed.policy_override.as_deref(), Some("capabilities[1]"));
    // The built-in table's own block keeps its reason.
    let d = decide(&engine, r#"{"host":"wechat","platform":"ios"}"#);
    assert_eq!(hidden_reason(&d, "alipay"), Some(HiddenReason::HostBlocksRail));
    assert!(d.shown.iter().all(|s| s.policy_override.is_none()));
}

/// Issue 20 item 7: a policy's detection rule names an unknown app's host,
/// before the built-in rules and after what the context says.
#[test]
fn a_policy_detection_rule_names_an_unknown_app() {
    let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1 NovaChat/7.2.1";
    let ctx = format!(r#"{{"user_agent":"{ua}"}}"#);
    let without =
        Engine::from_policy_json(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}]}"#)
            .unwrap();
    assert_eq!(decide(&without, &ctx).environment.host, Host::Browser);
    let with = Engine::from_policy_json(
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}],"detection_rules":[{"token":"novachat/","host":"instagram"}]}"#,
    )
    .unwrap();
    let d = with
        .decide(
            &paysel_core::parse_context(&ctx).unwrap(),
            DecideOptions { explain: true },
        )
        .unwrap();
    assert_eq!(
        (d.environment.platform, d.environment.host),
        (Platform::Ios, Host::Instagram)
    );
    let evidence = d.environment_evidence.unwrap();
    assert_eq!(evidence.source, "detection_rules[0]");
    assert_eq!(evidence.level, paysel_core::EvidenceLevel::Policy);
    let given = format!(r#"{{"user_agent":"{ua}","host":"line"}}"#);
    assert_eq!(decide(&with, &given).environment.host, Host::Line);
}

/// A policy version reaches JS as a number in every decision and event, so
/// it runs from 0 to 2^53 - 1 on every platform.
#[test]
fn policy_versions_run_from_0_to_2_pow_53_minus_1() {
    let version = |v: i64| {
        let text = format!(r#"{{"schema":"paysel.policy/1","version":{v},"rails":[{{"id":"card"}}]}}"#);
        Engine::from_policy_json(&text)
            .map(|e| e.policy().version)
            .map_err(|e| (e.code(), e.path().to_owned()))
    };
    let invalid = Err((ErrorCode::PolicyInvalid, "version".to_owned()));
    assert_eq!(version(0), Ok(0));
    assert_eq!(
        version(paysel_core::limits::MAX_POLICY_VERSION),
        Ok((1 << 53) - 1)
    );
    assert_eq!(version(1 << 53), invalid);
    assert_eq!(version(-1), invalid);
    assert_eq!(version(i64::MAX), invalid);
}
