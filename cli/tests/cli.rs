//! The `paysel` binary, run as merchants and QA run it.

mod common;

use common::temp;

use std::process::Output;

fn paysel(args: &[&str], stdin: &[u8]) -> Output {
    common::paysel_with_stdin(args, stdin)
}

#[test]
fn decide_with_default_policy_and_context_file() {
    let ctx = temp(
        "wechat.json",
        r#"{"host":"wechat","platform":"android","currency":"CNY"}"#,
    );
    let out = paysel(&["decide", "--context", ctx.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["shown"][0]["rail"], "wechat_pay");
    assert_eq!(d["shown"][0]["launch"], "in_host_bridge");
    assert_eq!(d["preselected"], "wechat_pay");
    assert!(d["shown"][0].get("score").is_none());
}

#[test]
fn decide_from_a_user_agent_with_explain() {
    let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI Language/zh_CN";
    let out = paysel(&["decide", "--ua", ua, "--explain"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(d["shown"][0]["score"]["total"].is_i64());
}

#[test]
fn bad_policy_names_file_path_and_problem() {
    let policy = temp(
        "bad.json",
        r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card","colour":"red"}]}"#,
    );
    let ctx = temp("empty.json", "{}");
    let out = paysel(
        &[
            "decide",
            "--policy",
            policy.to_str().unwrap(),
            "--context",
            ctx.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.json") && err.contains("rails[0].colour") && err.contains("policy_malformed"),
        "{err}"
    );
}

#[test]
fn bad_context_and_missing_file_fail_cleanly() {
    let ctx = temp("neg.json", r#"{"amount":-3}"#);
    let out = paysel(&["decide", "--context", ctx.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("amount"));
    let out = paysel(&["decide", "--context", "/nonexistent/ctx.json"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/ctx.json"));
    let latin1 = common::temp_dir("latin1").join("context.json");
    std::fs::write(&latin1, b"{\"country\":\"\xff\"}").unwrap();
    let out = paysel(&["decide", "--context", latin1.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

#[test]
fn detect_jsonl_reads_bytes_line_by_line() {
    let input = b"Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.47\n\xff\xfe junk \xc3\n\nMozilla/5.0 (Windows NT 10.0; Win64; x64)\r\n";
    let out = paysel(&["detect", "--jsonl"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for l in &lines {
        for key in ["platform", "form_factor", "host", "host_version", "webview"] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
    }
}

#[test]
fn policy_default_prints_the_embedded_policy() {
    let out = paysel(&["policy", "default"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    paysel_core::Engine::from_policy_json(&text).unwrap();
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["decide", "--help"],
        &["detect", "--help"],
        &["policy", "--help"],
        &["policy", "default", "--help"],
    ] {
        let out = paysel(args, b"");
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"), "{args:?}");
    }
}

/// `paysel … | head` closes the pipe early: paysel stops quietly with status
/// 0. The JSON sweep of the default policy is larger than a pipe's buffer, so
/// the write after the reader has gone must meet the closed pipe.
#[test]
fn a_closed_output_pipe_ends_quietly_with_status_0() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let policy = temp(
        "closed-pipe-policy.json",
        &String::from_utf8(paysel(&["policy", "default"], b"").stdout).unwrap(),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_paysel"))
        .args(["simulate", "--json", policy.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(first[0], b'{');
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success(), "{:?}", out.status);
}
