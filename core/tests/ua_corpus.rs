//! Runs the labelled User-Agent corpus in `tests/ua/*.jsonl` through
//! [`paysel_core::detect`], and checks that no input can make it panic.
//!
//! Every corpus line is a real User-Agent from a public source (see
//! `tests/ua/README.md`) with the answer it must get:
//! `{"ua", "platform", "host", "form_factor"?, "webview"?, "hints"?, "source"}`.
//! A mismatch is a detector bug: fix `core/src/detect/`, not the label.

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

/// Hosts with fewer public User-Agent samples than the usual three, each
/// with the number of lines it has and why (also in `tests/ua/README.md`).
/// A host leaves this list as soon as it reaches three lines.
const THIN_HOSTS: &[(&str, usize, &str)] = &[(
    "qq_mini_program",
    1,
    "no device capture of a QQ mini-program web-view UA is public; the one line is what QQ's \
     mini-program developer tool sends, and the format (`QQ/<ver> <QUA> miniProgram \
     miniprogramhtmlwebview`) is QQ's own client code",
)];

/// Every host a User-Agent can name has at least three lines (or the number
/// `THIN_HOSTS` gives, with its reason), and every platform at least one.
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
    let minimum = |host: &str| {
        THIN_HOSTS
            .iter()
            .find(|(thin, _, _)| *thin == host)
            .map_or(3, |(_, lines, _)| *lines)
    };
    let thin: Vec<String> = all_hosts
        .iter()
        .filter(|host| hosts.get(**host).copied().unwrap_or(0) < minimum(host))
        .map(|host| format!("{host}: {}", hosts.get(*host).copied().unwrap_or(0)))
        .collect();
    assert!(thin.is_empty(), "hosts with too few corpus lines: {thin:?}");
    for (host, lines, why) in THIN_HOSTS {
        assert!(!why.is_empty() && *lines > 0, "{host}: say why and how many");
        let have = hosts.get(*host).copied().unwrap_or(0);
        assert!(have < 3, "{host} has {have} lines now: drop it from THIN_HOSTS");
    }
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

/// Telegram's link browser and QQ's mini-program web-view show themselves
/// through page globals; `contextFromBrowser()` passes them as hints. A hint
/// names the host only where the UA leaves it open.
#[test]
fn page_globals_name_telegram_and_qq_mini_programs() {
    // inapp-spy `src/tests/mobile.ts`: Telegram on a Samsung phone, a plain
    // Chrome UA with `window.TelegramWebview`.
    let telegram_android = "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.6668.100 Mobile Safari/537.36";
    let telegram = Hints {
        telegram_webview: true,
        ..Hints::default()
    };
    assert_eq!(plain(telegram_android).host, Host::Browser);
    let got = detect(telegram_android, &telegram);
    assert_eq!((got.host, got.webview), (Host::Telegram, true));
    // A UA that names another host keeps it.
    let wechat = "Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.4.6 (KHTML, like Gecko) Mobile/14D27 MicroMessenger/6.5.8 NetType/WIFI Language/zh_CN";
    assert_eq!(detect(wechat, &telegram).host, Host::Wechat);

    // ua-parser-js: QQ on iOS. With `__qqjs_environment === 'miniprogram'`
    // the page is in a QQ mini-program web-view.
    let qq = "Mozilla/5.0 (iPhone; CPU iPhone OS 10_0_2 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like Gecko) Mobile/14A456 QQ/6.5.3.410 V1_IPH_SQ_6.5.3_1_APP_A Pixel/1080 Core/UIWebView NetType/WIFI Mem/26";
    let mini = Hints {
        qq_mini_program: true,
        ..Hints::default()
    };
    assert_eq!(plain(qq).host, Host::Qq);
    assert_eq!(detect(qq, &mini).host, Host::QqMiniProgram);
    // The hints are part of the wire format.
    let parsed: Hints =
        serde_json::from_str(r#"{"telegram_webview": true, "qq_mini_program": true}"#).unwrap();
    assert!(parsed.telegram_webview && parsed.qq_mini_program);
}

/// Variant editions for which only a User-Agent suffix is public:
/// 1016797313/UserAgentSharePage `UA_良良.js` lists what each app appends,
/// and its page joins it to the system UA with a space (entries marked
/// `无缝: "不是"`, not seamless). Joined here the same way to a real Android
/// webview UA (ua-parser-js), they name the app's host.
#[test]
fn published_suffixes_of_variant_editions_name_their_host() {
    let android_webview = "Mozilla/5.0 (Linux; Android 5.1.1; Nexus 5 Build/LMY48B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/43.0.2357.65 Mobile Safari/537.36";
    for (suffix, host) in [
        // 抖音极速版, Douyin Lite: no `aweme`.
        (
            " douyin_lite_290 JsSdk/1.0 NetType/WIFI Channel/xiaomi AppId/2329",
            Host::Douyin,
        ),
        // 淘宝特价版, Taote.
        (
            "AliApp(LT/3.28.1) TTID/600000@ltao_android_3.28.1 1080X1920 A2U/x",
            Host::Taobao,
        ),
        // 淘宝 Lite.
        (
            "AliApp(TB/4.12.1) TTID/212200@htao_android_4.12.1 1080X1920",
            Host::Taobao,
        ),
        // 微博极速版, Weibo Lite.
        (
            " Weibo (Google-Google Pixel 3 XL__weibo__10.3.3__android__android9) WeiboLite/1.0 WeiboMini/1.0",
            Host::Weibo,
        ),
        // 百度极速版, Baidu Lite.
        ("lite baiduboxapp/3.2.5.10 (Baidu; P1 9)", Host::Baidu),
        // 今日头条极速版, Toutiao Lite.
        (
            " JsSdk/2 NewsArticle/7.3.7 NetType/wifi (NewsLite 7.3.7) TTWebView/0621111013036",
            Host::Toutiao,
        ),
        // QQ 小程序, a QQ mini-program web-view.
        ("QQ/8.2.6 miniProgram miniprogramhtmlwebview", Host::QqMiniProgram),
        // 知乎日报, Zhihu Daily.
        ("ZhihuHybrid com.zhihu.daily.android/Futureve/3.3.0 ", Host::Zhihu),
    ] {
        let ua = format!("{android_webview} {suffix}");
        assert_eq!(plain(&ua).host, host, "{suffix}");
    }
}

/// Tokens named by a public parser but with no device sample found
/// (`tests/ua/README.md`), joined to a real iOS web-view UA the way the app
/// appends them. Not corpus lines: the joined strings were never sent.
#[test]
fn published_tokens_without_a_device_sample_name_their_host() {
    // inapp-spy's iPhone Instagram line without its app part: a WKWebView.
    let ios_webview = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    assert_eq!(plain(ios_webview).host, Host::Webview);
    // 微博极速版 on iOS, Weibo Lite: ua-parser's uap-core `regexes.yaml`
    // names `WeiboliteiOS` beside `WeiboIntliOS` (issue 20 item 8).
    for suffix in ["WeiboliteiOS", "WeiboliteiOS_4550"] {
        let ua = format!("{ios_webview} {suffix}");
        assert_eq!(plain(&ua).host, Host::Weibo, "{suffix}");
    }
}

/// What the User-Agent cannot say, pinned so that a change shows up here.
#[test]
fn known_limits_of_the_user_agent() {
    // A12: current Android Messenger sends Facebook's own `[FB_IAB/FB4A;..]`
    // (inapp-spy `src/tests/mobile.ts`, PIXEL MESSENGER): it reads as Facebook.
    let messenger = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/482.0.0.71.108;]";
    assert_eq!(plain(messenger).host, Host::Facebook);
    // `BytedanceWebview` alone names no ByteDance app.
    let ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    assert_eq!(
        plain(&format!("{ios} BytedanceWebview/d8a21c6")).host,
        Host::Webview
    );
    // `discover/` is a common word: without Xiaohongshu's `Device/(` field it
    // names nothing, with it (or as `xhsdiscover`) it is Xiaohongshu.
    assert_eq!(plain(&format!("{ios} discover/1.0")).host, Host::Webview);
    assert_eq!(
        plain(&format!("{ios} discover/9.1 Device/(Apple Inc.;iPhone15,3)")).host,
        Host::Xiaohongshu
    );
    assert_eq!(plain(&format!("{ios} xhsdiscover/8.40")).host, Host::Xiaohongshu);
    // Douyin's capitalised and `App/` spellings are the same token.
    for spelled in ["Aweme/19.9.0", "App/aweme", "AppName/aweme", "AWEME_22.1.0"] {
        assert_eq!(plain(&format!("{ios} {spelled}")).host, Host::Douyin, "{spelled}");
    }
}

/// The version that follows each new host's token (corpus strings).
#[test]
fn new_hosts_report_their_version() {
    for (ua, host, version) in [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 26_0_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]", Host::Whatsapp, Some("2.25.31")),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.124 Mobile Safari/537.36 [WA4A/2.25.32.75;]", Host::Whatsapp, Some("2.25.32.75")),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Barcelona 355.0.0.39.109 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 657318936)", Host::Threads, Some("355.0.0.39.109")),
        ("ZhihuHybrid com.zhihu.android/Futureve/5.32.1 Mozilla/5.0 (Linux; Android 10; Redmi 8A Build/QKQ1.191014.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.101 Mobile Safari/537.36", Host::Zhihu, Some("5.32.1")),
        ("osee2unifiedRelease/11518 osee2unifiedReleaseVersion/8.38.0 Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", Host::Zhihu, Some("8.38.0")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 bytedancewebview/d8a21c6 aid/13 NewsArticle/14.0.0.20 JsSdk/2.0 NetType/WIFI (News 14.0.0 17.600000)", Host::Toutiao, Some("14.0.0.20")),
        ("Mozilla/5.0 (Linux; Android 10; MI CC 9e Build/QKQ1.190910.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.101 Mobile Safari/537.36 NewsArticle/8.7.5.0 ToutiaoMicroApp/2.31.1.1 PluginVersion/874011", Host::DouyinMiniProgram, Some("2.31.1.1")),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Lark/7.12.7 Chrome/120.0.6099.71 Safari/537.36 LarkLocale/zh_CN ChannelName/Feishu", Host::Lark, Some("7.12.7")),
        ("Mozilla/5.0 (iPhone; CPU; iPhone OS 15_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BizWebView KAKAOTALK 9.7.6", Host::Kakaotalk, Some("9.7.6")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/334.0.674067880 Mobile/15E148 Safari/604.1", Host::GoogleApp, Some("334.0.674067880")),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Reddit/Version 2024.41.0/Build 2102450/Android 14", Host::Reddit, Some("2024.41.0")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 13_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Zalo/20.05.01 Mobile/15E148", Host::Zalo, Some("20.05.01")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 13_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Mobile/15E148 Safari/605.1 NAVER(inapp; search; 720; 10.25.0; 11PRO)", Host::Naver, None),
    ] {
        let got = plain(ua);
        assert_eq!((got.host, got.host_version.as_deref()), (host, version), "{ua}");
    }
}
