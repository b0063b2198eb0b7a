//! Runs the labelled User-Agent corpus in `tests/ua/*.jsonl` through
//! [`paysel_core::detect`], and checks that no input can make it panic.
//!
//! Every corpus line is a real User-Agent from a public source (see
//! `tests/ua/README.md`) with the answer it must get:
//! `{"ua", "platform", "host", "form_factor"?, "webview"?, "hints"?, "source"}`.
//! A mismatch is a detector bug: fix `core/src/detect/`, not the label.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use paysel_core::detect::{detect_bytes, MAX_USER_AGENT_BYTES};
use paysel_core::WireEnum;
use paysel_core::{detect, FormFactor, Hints, Host, Platform};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One labelled line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    ua: String,
    platform: Platform,
    host: Host,
    #[serde(default)]
    form_factor: Option<FormFactor>,
    #[serde(default)]
    webview: Option<bool>,
    #[serde(default)]
    hints: Hints,
    source: String,
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/ua")
}

/// Every line of every `tests/ua/*.jsonl`, with `file:line` for messages.
fn corpus() -> Vec<(String, Case)> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .jsonl files in {}", dir.display());
    let mut cases = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = format!("{name}:{}", i + 1);
            let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(!case.source.trim().is_empty(), "{at}: empty source");
            cases.push((at, case));
        }
    }
    cases
}

fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap().trim_matches('"').to_owned()
}

#[test]
fn corpus_matches_labels() {
    let cases = corpus();
    let mut mismatches = Vec::new();
    let mut per_file: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, case) in &cases {
        *per_file.entry(at.split(':').next().unwrap()).or_default() += 1;
        let got = detect(&case.ua, &case.hints);
        let mut wrong = Vec::new();
        if got.platform != case.platform {
            wrong.push(format!(
                "platform {} (want {})",
                wire(&got.platform),
                wire(&case.platform)
            ));
        }
        if got.host != case.host {
            wrong.push(format!("host {} (want {})", wire(&got.host), wire(&case.host)));
        }
        if let Some(form) = case.form_factor {
            if got.form_factor != form {
                wrong.push(format!(
                    "form_factor {} (want {})",
                    wire(&got.form_factor),
                    wire(&form)
                ));
            }
        }
        if let Some(webview) = case.webview {
            if got.webview != webview {
                wrong.push(format!("webview {} (want {webview})", got.webview));
            }
        }
        if !wrong.is_empty() {
            mismatches.push(format!(
                "{at} [{}]: {}\n    {}",
                case.source,
                wrong.join(", "),
                case.ua
            ));
        }
    }
    println!("UA corpus: {} lines {per_file:?}", cases.len());
    assert!(
        mismatches.is_empty(),
        "{} of {} corpus lines mismatch:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
    assert!(
        cases.len() >= 300,
        "the corpus has {} lines, want at least 300",
        cases.len()
    );
}

/// Every host a User-Agent can name has at least three lines, and every
/// platform at least one.
#[test]
fn corpus_covers_every_host_and_platform() {
    let cases = corpus();
    let mut hosts: BTreeMap<String, usize> = BTreeMap::new();
    let mut platforms: BTreeSet<String> = BTreeSet::new();
    for (_, case) in &cases {
        *hosts.entry(wire(&case.host)).or_default() += 1;
        platforms.insert(wire(&case.platform));
    }
    // `native` is never a User-Agent answer: the native SDKs set it.
    let all_hosts: Vec<&str> = paysel_core::Host::ALL
        .iter()
        .filter(|h| **h != paysel_core::Host::Native)
        .map(|h| h.as_str())
        .collect();
    let thin: Vec<String> = all_hosts
        .iter()
        .filter(|host| hosts.get(**host).copied().unwrap_or(0) < 3)
        .map(|host| format!("{host}: {}", hosts.get(*host).copied().unwrap_or(0)))
        .collect();
    assert!(thin.is_empty(), "hosts with fewer than 3 corpus lines: {thin:?}");
    for platform in paysel_core::Platform::ALL.iter().map(|p| p.as_str()) {
        assert!(
            platforms.contains(platform),
            "no corpus line for platform {platform}"
        );
    }
}

/// The README names every source the lines cite.
#[test]
fn readme_names_every_source() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).unwrap();
    let sources: BTreeSet<String> = corpus().into_iter().map(|(_, case)| case.source).collect();
    let missing: Vec<&String> = sources
        .iter()
        .filter(|s| !readme.contains(&format!("`{s}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/ua/README.md does not describe sources {missing:?}"
    );
}

fn plain(ua: &str) -> paysel_core::Detection {
    detect(ua, &Hints::default())
}

#[test]
fn empty_user_agent_is_an_unknown_browser() {
    let got = plain("");
    assert_eq!(
        (got.platform, got.host, got.webview),
        (Platform::Other, Host::Browser, false)
    );
    assert_eq!(got.host_version, None);
}

/// A fixed xorshift stream: the same junk on every run.
fn junk(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn junk_bytes_never_panic() {
    for seed in [1, 0x9E37_79B9_7F4A_7C15, u64::MAX] {
        let bytes = junk(64 * 1024, seed);
        let first = detect_bytes(&bytes, &Hints::default());
        assert_eq!(first, detect_bytes(&bytes, &Hints::default()), "deterministic");
        // Every prefix length around the scan limit, too.
        for len in [
            0,
            1,
            2,
            MAX_USER_AGENT_BYTES - 1,
            MAX_USER_AGENT_BYTES,
            MAX_USER_AGENT_BYTES + 1,
        ] {
            let _ = detect_bytes(&bytes[..len], &Hints::default());
        }
    }
}

#[test]
fn every_byte_value_never_panics() {
    let all: Vec<u8> = (0..=255u8).collect();
    let _ = detect_bytes(&all, &Hints::default());
    let reversed: Vec<u8> = all.iter().rev().copied().collect();
    let _ = detect_bytes(&reversed, &Hints::default());
    for byte in 0..=255u8 {
        let got = detect_bytes(&[byte], &Hints::default());
        assert_eq!(got.host, Host::Browser, "byte {byte}");
        let _ = detect_bytes(&[byte; 300], &Hints::default());
    }
}

#[test]
fn invalid_utf8_still_finds_ascii_tokens() {
    let ua = b"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) \xff\xfe\xc3 AppleWebKit/605.1.15 \
               Mobile/15E148 MicroMessenger/8.0.1\xc3(0x18000123) \xe4\xb8";
    let got = detect_bytes(ua, &Hints::default());
    assert_eq!((got.platform, got.host), (Platform::Ios, Host::Wechat));
    assert_eq!(got.host_version.as_deref(), Some("8.0.1"));
    // A multi-byte character cut in half by the scan limit.
    let mut cut = "Mozilla/5.0 (Linux; Android 14; K) ".as_bytes().to_vec();
    while cut.len() < MAX_USER_AGENT_BYTES - 1 {
        cut.extend_from_slice("微".as_bytes());
    }
    cut.extend_from_slice("信 MicroMessenger/8.0".as_bytes());
    let got = detect_bytes(&cut, &Hints::default());
    assert_eq!((got.platform, got.host), (Platform::Android, Host::Browser));
}

/// `tokens.rs`: "Tokens match case-insensitively". Apps do not change the
/// case of their tokens, but proxies and loggers do (ua-parser-js keeps an
/// all-lower-case Windows WeChat UA in its tests).
#[test]
fn tokens_match_in_any_case() {
    let ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    for token in [
        "MicroMessenger/8.0",
        "MICROMESSENGER/8.0",
        "micromessenger/8.0",
        "mIcRoMeSsEnGeR/8.0",
    ] {
        let got = plain(&format!("{ios} {token}"));
        assert_eq!((got.platform, got.host), (Platform::Ios, Host::Wechat), "{token}");
        assert_eq!(got.host_version.as_deref(), Some("8.0"), "{token}");
    }
    let upper = plain(&format!("{ios} ALIAPP(TB/10.23.20)").to_uppercase());
    assert_eq!((upper.platform, upper.host), (Platform::Ios, Host::Taobao));
    assert_eq!(
        plain("MOZILLA/5.0 (COMPATIBLE; GOOGLEBOT/2.1)").platform,
        Platform::Other
    );
}

#[test]
fn truncated_tokens_do_not_match() {
    let ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    for cut in [
        "MicroMess",
        "MicroMessenge",
        "wxwor",
        "AliApp(T",
        "AlipayClien",
        "FBAN",
        "FB_IA",
        "Instagra",
        "Snapcha",
    ] {
        let got = plain(&format!("{ios} {cut}"));
        assert_eq!(
            got.host,
            Host::Webview,
            "{cut}: an unnamed iOS webview, not a named host"
        );
    }
    // The token as the very last bytes still counts; it just has no version.
    let got = plain(&format!("{ios} MicroMessenger"));
    assert_eq!((got.host, got.host_version), (Host::Wechat, None));
    // Inside a longer word it is still that token (no word boundaries)...
    assert_eq!(plain(&format!("{ios} XMicroMessengerX")).host, Host::Wechat);
    // ...except where the table asks for a separator: QQ Browser is not QQ.
    let qq_browser = "Mozilla/5.0 (Linux; U; Android 9; zh-cn; vivo X21 Build/PKQ1.180819.001) AppleWebKit/537.36 \
                      (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/9.9 Mobile Safari/537.36";
    assert_eq!(plain(qq_browser).host, Host::Browser);
}

#[test]
fn bytes_past_the_scan_limit_are_ignored() {
    let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
    let pad = |ua: &str, to: usize| format!("{ua}{}", " ".repeat(to.saturating_sub(ua.len())));

    // Far past the limit.
    let long = format!(
        "{} MicroMessenger/8.0.49 Mobile",
        pad(windows, 10 * MAX_USER_AGENT_BYTES)
    );
    let got = plain(&long);
    assert_eq!(
        (got.platform, got.host, got.form_factor),
        (Platform::Windows, Host::Browser, FormFactor::Desktop)
    );

    // Straddling the limit: the token's last byte is the first byte not scanned.
    let token = "MicroMessenger";
    let straddle = format!(
        "{}{token}/8.0",
        pad(windows, MAX_USER_AGENT_BYTES - token.len() + 1)
    );
    assert_eq!(plain(&straddle).host, Host::Browser);

    // Ending exactly at the limit: the token counts, its version is cut off.
    let at_limit = format!("{}{token}/8.0", pad(windows, MAX_USER_AGENT_BYTES - token.len()));
    let got = plain(&at_limit);
    assert_eq!((got.host, got.host_version), (Host::Wechat, None));

    // The version partly inside the limit is kept as far as it goes.
    let partial = format!(
        "{}{token}/8.0.49",
        pad(windows, MAX_USER_AGENT_BYTES - token.len() - 4)
    );
    assert_eq!(plain(&partial).host_version.as_deref(), Some("8.0"));
}

/// Hints only sharpen what the User-Agent leaves open.
#[test]
fn touch_hint_only_turns_a_mac_into_an_ipad() {
    let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15";
    let touch = Hints {
        touch: Some(true),
        ..Hints::default()
    };
    let got = detect(mac, &touch);
    assert_eq!(
        (got.platform, got.form_factor),
        (Platform::Ios, FormFactor::Tablet)
    );
    let no_touch = Hints {
        touch: Some(false),
        ..Hints::default()
    };
    assert_eq!(detect(mac, &no_touch).platform, Platform::Macos);
    let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
    assert_eq!(detect(windows, &touch).platform, Platform::Windows);
}
