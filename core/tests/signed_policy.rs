//! Signed policies and the safe-fallback contract of policy updates. The
//! envelope format and each refusal are also frozen by
//! `tests/vectors/envelopes.json`.

use ed25519_dalek::{Signer, SigningKey};
use paysel_core::envelope::{self, encode_base64};
use paysel_core::WireEnum;
use paysel_core::{DecideOptions, Engine, Envelope, ErrorCode, TrustedKey, VerifyOptions};

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn pinned() -> Vec<TrustedKey> {
    vec![TrustedKey {
        key_id: "k1".into(),
        public_key: encode_base64(key().verifying_key().as_bytes()),
    }]
}

fn policy_text(version: i64, not_after: Option<i64>) -> String {
    let not_after = not_after
        .map(|t| format!(r#","not_after":{t}"#))
        .unwrap_or_default();
    format!(r#"{{"schema":"paysel.policy/1","version":{version}{not_after},"rails":[{{"id":"card"}}]}}"#)
}

fn sign(policy: &str) -> String {
    Envelope {
        policy: policy.to_owned(),
        key_id: "k1".into(),
        signature: encode_base64(&key().sign(policy.as_bytes()).to_bytes()),
    }
    .to_json()
}

fn at(now: i64) -> VerifyOptions {
    VerifyOptions {
        now_unix_seconds: now,
        min_version: None,
    }
}

const CHECKOUT: &str = r#"{"host":"wechat","platform":"android","currency":"CNY"}"#;

fn rails(engine: &Engine) -> Vec<String> {
    engine.policy().rails.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn a_valid_envelope_builds_an_engine() {
    let engine = Engine::from_signed_policy(&sign(&policy_text(4, Some(100))), &pinned(), at(100)).unwrap();
    assert_eq!(engine.policy().version, 4);
    assert_eq!(engine.policy().not_after, Some(100));
    assert_eq!(engine.signed_version(), Some(4));
    let verified = envelope::verify(&sign(&policy_text(4, None)), &pinned(), &at(i64::MAX)).unwrap();
    assert_eq!(verified.key_id, "k1");
}

#[test]
fn each_refusal_has_its_code_and_path() {
    let good = sign(&policy_text(4, Some(100)));
    let code = |env: &str, keys: &[TrustedKey], options: VerifyOptions| {
        let e = envelope::verify(env, keys, &options).unwrap_err();
        (e.code().as_str().to_owned(), e.path().to_owned())
    };
    let pair = |c: &str, p: &str| (c.to_owned(), p.to_owned());
    assert_eq!(
        code(&good, &pinned(), at(101)),
        pair("policy_expired", "not_after")
    );
    let floor = VerifyOptions {
        now_unix_seconds: 0,
        min_version: Some(5),
    };
    assert_eq!(code(&good, &pinned(), floor), pair("policy_rollback", "version"));
    assert_eq!(code(&good, &[], at(0)), pair("key_unknown", "key_id"));
    let tampered = good.replace(r#"\"version\":4"#, r#"\"version\":5"#);
    assert_ne!(tampered, good);
    assert_eq!(
        code(&tampered, &pinned(), at(0)),
        pair("signature_invalid", "signature")
    );
    assert_eq!(code("[]", &pinned(), at(0)), pair("envelope_malformed", ""));
    let bad_key = vec![TrustedKey {
        key_id: "k1".into(),
        public_key: "nope".into(),
    }];
    assert_eq!(
        code(&good, &bad_key, at(0)),
        pair("key_invalid", "trusted_keys[0].public_key")
    );
}

#[test]
fn errors_carry_no_policy_content() {
    // Messages name codes, key ids, versions and times, never policy text.
    let env = sign(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}],"secret_marker":1}"#);
    let tampered = env.replace("secret_marker", "secret_market");
    let e = envelope::verify(&tampered, &pinned(), &at(0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureInvalid);
    assert!(!e.to_string().contains("secret"), "{e}");
}

#[test]
fn a_refused_policy_update_keeps_the_current_policy() {
    let mut engine = Engine::with_default_policy();
    let default_rails = rails(&engine);
    for bad in [
        "",
        "not json",
        "{}",
        r#"{"schema":"paysel.policy/1","version":9,"rails":[]}"#,
    ] {
        assert!(engine.apply_policy_json(bad).is_err());
        assert_eq!(rails(&engine), default_rails);
        assert!(engine.decide_json(CHECKOUT, DecideOptions::default()).is_ok());
    }
    engine.apply_policy_json(&policy_text(2, None)).unwrap();
    assert_eq!(rails(&engine), ["card"]);
    assert!(engine.apply_policy_json("{").is_err());
    assert_eq!(rails(&engine), ["card"], "the last accepted policy stays");
}

#[test]
fn a_refused_signed_update_keeps_the_current_policy() {
    let mut engine = Engine::with_default_policy();
    let default_rails = rails(&engine);
    let refused = [
        (sign(&policy_text(3, Some(10))), at(11), ErrorCode::PolicyExpired),
        (
            sign(&policy_text(3, None)).replace("k1", "k2"),
            at(0),
            ErrorCode::KeyUnknown,
        ),
        (
            sign(&policy_text(3, None)).replace("card", "alipay"),
            at(0),
            ErrorCode::SignatureInvalid,
        ),
        ("{".to_owned(), at(0), ErrorCode::EnvelopeMalformed),
    ];
    for (env, options, code) in &refused {
        let err = engine.apply_signed_policy(env, &pinned(), *options).unwrap_err();
        assert_eq!(err.code(), *code);
        assert_eq!(
            rails(&engine),
            default_rails,
            "refused {code}: the default policy stays"
        );
        assert_eq!(engine.signed_version(), None);
        assert!(engine.decide_json(CHECKOUT, DecideOptions::default()).is_ok());
    }
    engine
        .apply_signed_policy(&sign(&policy_text(3, None)), &pinned(), at(0))
        .unwrap();
    assert_eq!(
        (rails(&engine), engine.signed_version()),
        (vec!["card".to_owned()], Some(3))
    );
    for (env, options, _) in &refused {
        assert!(engine.apply_signed_policy(env, &pinned(), *options).is_err());
        assert_eq!(
            engine.policy().version,
            3,
            "the last accepted signed policy stays"
        );
    }
}

#[test]
fn an_engine_never_rolls_back_to_an_older_signed_policy() {
    let mut engine = Engine::with_default_policy();
    engine
        .apply_signed_policy(&sign(&policy_text(5, None)), &pinned(), at(0))
        .unwrap();
    // No min_version from the app: the engine's own floor still applies.
    let err = engine
        .apply_signed_policy(&sign(&policy_text(4, None)), &pinned(), at(0))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyRollback);
    assert_eq!(engine.policy().version, 5);
    // The same version again is fine (a re-fetch), a newer one too.
    engine
        .apply_signed_policy(&sign(&policy_text(5, None)), &pinned(), at(0))
        .unwrap();
    engine
        .apply_signed_policy(&sign(&policy_text(6, None)), &pinned(), at(0))
        .unwrap();
    assert_eq!(engine.signed_version(), Some(6));
    // An app floor above the engine's wins.
    let options = VerifyOptions {
        now_unix_seconds: 0,
        min_version: Some(8),
    };
    let err = engine
        .apply_signed_policy(&sign(&policy_text(7, None)), &pinned(), options)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyRollback);
}

#[test]
fn unsigned_policies_ignore_not_after() {
    // not_after needs a clock, which only the signed path is given.
    let engine = Engine::from_policy_json(&policy_text(1, Some(0))).unwrap();
    assert_eq!(engine.policy().not_after, Some(0));
}
