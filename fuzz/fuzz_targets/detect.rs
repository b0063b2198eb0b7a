//! Arbitrary bytes as a User-Agent, with JS hints taken from the first byte.
//! Detection must never panic and must be deterministic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use paysel_core::Hints;

fuzz_target!(|data: &[u8]| {
    let (flags, ua) = match data.split_first() {
        Some((&f, rest)) => (f, rest),
        None => (0, data),
    };
    let hints = if flags & 1 == 0 {
        Hints::default()
    } else {
        let platforms = ["Android", "iOS", "macOS", "Windows", "HarmonyOS", ""];
        Hints {
            ua_platform: platforms.get(usize::from(flags >> 5)).map(|p| (*p).to_owned()),
            ua_mobile: Some(flags & 2 != 0),
            touch: Some(flags & 4 != 0),
            wechat_mini_program: flags & 8 != 0,
            weixin_js_bridge: flags & 16 != 0,
            alipay_js_bridge: flags & 2 != 0 && flags & 16 == 0,
            telegram_webview: flags & 4 != 0 && flags & 8 == 0,
            qq_mini_program: flags & 8 != 0 && flags & 16 == 0,
        }
    };
    let a = paysel_core::detect::detect_bytes(ua, &hints);
    let b = paysel_core::detect::detect_bytes(ua, &hints);
    assert_eq!(a, b);
    if let Ok(text) = std::str::from_utf8(ua) {
        if text.len() <= paysel_core::limits::MAX_USER_AGENT_BYTES {
            assert_eq!(paysel_core::detect_checked(text, &hints).ok(), Some(a));
        }
    }
});
