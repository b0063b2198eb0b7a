//! `paysel policy keygen | sign | verify`, run as a merchant's release
//! pipeline runs them.

mod common;

use common::{paysel, stderr, temp_dir as dir};
use std::path::{Path, PathBuf};
use std::process::Output;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn keygen(d: &Path, name: &str) -> PathBuf {
    let prefix = d.join(name);
    let out = paysel(&["policy", "keygen", "--out", s(&prefix)]);
    assert!(out.status.success(), "{}", stderr(&out));
    prefix
}

/// Writes a policy and signs it, returning the envelope file.
fn signed(d: &Path, key: &Path, policy: &str) -> PathBuf {
    let file = d.join("policy.json");
    std::fs::write(&file, policy).unwrap();
    let out = paysel(&["policy", "sign", "--key", s(key), s(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let env = d.join("envelope.json");
    std::fs::write(&env, &out.stdout).unwrap();
    env
}

fn verify(pubkey: &Path, env: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["policy", "verify", "--pubkey", s(pubkey), s(env)];
    args.extend_from_slice(extra);
    paysel(&args)
}

fn pub_of(prefix: &Path) -> PathBuf {
    PathBuf::from(format!("{}.pub", s(prefix)))
}

const POLICY: &str = "{\n  \"schema\": \"paysel.policy/1\",\n  \"version\": 3,\n  \"not_after\": 2000,\n  \"rails\": [{\"id\": \"card\"}]\n}\n";

/// Asserts a refusal: exit 1, one line naming the file and the code.
fn assert_refused(out: &Output, code: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("envelope.json") && err.contains(&format!("[{code}]")),
        "{err}"
    );
}

#[test]
fn keygen_sign_verify() {
    let d = dir("ok");
    let key = keygen(&d, "release");
    let env = signed(&d, &key, POLICY);
    let out = verify(&pub_of(&key), &env, &["--now", "1000", "--min-version", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["version"], 3);
    assert_eq!(report["not_after"], 2000);

    // The envelope carries the exact policy bytes and the public key file is
    // exactly what apps pin.
    let envelope: serde_json::Value = serde_json::from_slice(&std::fs::read(&env).unwrap()).unwrap();
    assert_eq!(envelope["policy"], POLICY);
    let public: paysel_core::TrustedKey =
        serde_json::from_str(&std::fs::read_to_string(pub_of(&key)).unwrap()).unwrap();
    assert_eq!(envelope["key_id"], public.key_id.as_str());
    assert_eq!(public.key_id.len(), 16, "8 bytes of SHA-256 in hex");
    let options = paysel_core::VerifyOptions {
        now_unix_seconds: 1000,
        min_version: None,
    };
    let text = std::fs::read_to_string(&env).unwrap();
    assert!(paysel_core::Engine::from_signed_policy(&text, &[public], options).is_ok());
}

#[cfg(unix)]
#[test]
fn the_secret_key_is_private_and_never_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("perms");
    let key = keygen(&d, "k");
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let secret: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    assert!(secret["secret_key"].as_str().is_some_and(|k| k.len() == 44));
    let before = std::fs::read(&key).unwrap();
    let out = paysel(&["policy", "keygen", "--out", s(&key)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(std::fs::read(&key).unwrap(), before);
}

#[test]
fn keygen_takes_a_key_id() {
    let d = dir("keyid");
    let prefix = d.join("named");
    let out = paysel(&["policy", "keygen", "--out", s(&prefix), "--key-id", "prod-2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(pub_of(&prefix)).unwrap()).unwrap();
    assert_eq!(public["key_id"], "prod-2026");
    let env = signed(&d, &prefix, POLICY);
    assert!(verify(&pub_of(&prefix), &env, &["--now", "0"]).status.success());
}

#[test]
fn a_tampered_policy_is_refused() {
    let d = dir("tamper");
    let key = keygen(&d, "k");
    let env = signed(&d, &key, POLICY);
    let text = std::fs::read_to_string(&env).unwrap();
    let tampered = text.replace(r#"\"version\": 3"#, r#"\"version\": 4"#);
    assert_ne!(text, tampered);
    std::fs::write(&env, tampered).unwrap();
    assert_refused(&verify(&pub_of(&key), &env, &["--now", "0"]), "signature_invalid");
}

#[test]
fn a_wrong_key_is_refused() {
    let d = dir("wrongkey");
    let key = keygen(&d, "k");
    let other = keygen(&d, "other");
    let env = signed(&d, &key, POLICY);
    assert_refused(&verify(&pub_of(&other), &env, &["--now", "0"]), "key_unknown");
    // Several pinned keys: the right one is found.
    let out = paysel(&[
        "policy",
        "verify",
        "--pubkey",
        s(&pub_of(&other)),
        "--pubkey",
        s(&pub_of(&key)),
        s(&env),
        "--now",
        "0",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_expired_policy_is_refused() {
    let d = dir("expired");
    let key = keygen(&d, "k");
    let env = signed(&d, &key, POLICY);
    assert!(verify(&pub_of(&key), &env, &["--now", "2000"]).status.success());
    assert_refused(&verify(&pub_of(&key), &env, &["--now", "2001"]), "policy_expired");
    // Without --now the system clock (well after 2000) is used.
    assert_refused(&verify(&pub_of(&key), &env, &[]), "policy_expired");
}

#[test]
fn a_rollback_is_refused() {
    let d = dir("rollback");
    let key = keygen(&d, "k");
    let env = signed(&d, &key, POLICY);
    assert!(verify(&pub_of(&key), &env, &["--now", "0", "--min-version", "3"])
        .status
        .success());
    assert_refused(
        &verify(&pub_of(&key), &env, &["--now", "0", "--min-version", "4"]),
        "policy_rollback",
    );
}

#[test]
fn a_malformed_envelope_is_refused() {
    let d = dir("malformed");
    let key = keygen(&d, "k");
    let env = d.join("envelope.json");
    std::fs::write(&env, r#"{"policy": "{}", "key_id": "x"}"#).unwrap();
    assert_refused(
        &verify(&pub_of(&key), &env, &["--now", "0"]),
        "envelope_malformed",
    );
}

#[test]
fn sign_refuses_an_invalid_policy() {
    let d = dir("invalid");
    let key = keygen(&d, "k");
    let file = d.join("bad.json");
    std::fs::write(&file, r#"{"schema":"paysel.policy/1","version":1,"rails":[]}"#).unwrap();
    let out = paysel(&["policy", "sign", "--key", s(&key), s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bad.json") && stderr(&out).contains("[policy_invalid]"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn policy_default_still_prints_the_embedded_policy() {
    let out = paysel(&["policy", "default"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        paysel_core::DEFAULT_POLICY_JSON.trim_end()
    );
}
