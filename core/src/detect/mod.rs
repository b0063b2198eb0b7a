//! Host and platform detection from a User-Agent.
//!
//! One pass over at most [`MAX_USER_AGENT_BYTES`] bytes records which known
//! tokens appear (`tokens`), then fixed rules pick the platform
//! (`platform`) and the in-app host (`rules`, whose table documents every
//! host, its tokens and their sources). No regex and no allocation, except
//! the `host_version` string. Never panics, whatever the bytes.
//!
//! The labelled corpus in `tests/ua/` is the specification: every line is
//! a real User-Agent from a public source with its expected answer.

mod platform;
mod rules;
mod tokens;

use crate::context::{FormFactor, Host, Platform};
use crate::policy::DetectionRule;
use serde::{Deserialize, Serialize};
use tokens::Sig;

/// Longest User-Agent, in bytes, that paysel accepts in a context. Longer
/// strings are refused by the engine; `detect` itself only scans this many.
pub const MAX_USER_AGENT_BYTES: usize = 2048;

/// What a User-Agent says about the checkout environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Detection {
    /// Operating system.
    pub platform: Platform,
    /// Phone, tablet or desktop.
    pub form_factor: FormFactor,
    /// In-app host, `browser` for a system browser.
    pub host: Host,
    /// The host app's version when the UA carries one.
    pub host_version: Option<String>,
    /// True when the page runs in an embedded webview rather than a browser.
    pub webview: bool,
}

/// Optional JS-side signals that sharpen the User-Agent answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields, default)]
pub struct Hints {
    /// `navigator.userAgentData.platform`, e.g. `"Android"`, `"macOS"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ua_platform: Option<String>,
    /// `navigator.userAgentData.mobile`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ua_mobile: Option<bool>,
    /// `navigator.maxTouchPoints > 1` on a UA that claims to be a Mac: an iPad.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub touch: Option<bool>,
    /// `window.__wxjs_environment === 'miniprogram'`.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub wechat_mini_program: bool,
    /// `typeof WeixinJSBridge !== 'undefined'`.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub weixin_js_bridge: bool,
    /// `typeof AlipayJSBridge !== 'undefined'`.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub alipay_js_bridge: bool,
    /// True when the page has one of the globals Telegram injects into its
    /// in-app browser: `window.TelegramWebview` on Android,
    /// `window.TelegramWebviewProxy` or `window.TelegramWebviewProxyProto` on
    /// iOS. That browser sends a plain Chrome or Safari User-Agent, so this
    /// is the only way to tell it is Telegram.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub telegram_webview: bool,
    /// `window.__qqjs_environment === 'miniprogram'`: the page runs in a QQ
    /// mini-program web-view. It backs up the `miniProgram` token that the
    /// User-Agent carries there.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub qq_mini_program: bool,
}

/// Detects platform, form factor and host from a User-Agent string.
///
/// ```
/// use paysel_core::{detect, Hints, Host, Platform};
/// let ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
///           (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003127) NetType/WIFI";
/// let found = detect(ua, &Hints::default());
/// assert_eq!((found.platform, found.host), (Platform::Ios, Host::Wechat));
/// assert_eq!(found.host_version.as_deref(), Some("8.0.49"));
/// ```
pub fn detect(user_agent: &str, hints: &Hints) -> Detection {
    detect_bytes(user_agent.as_bytes(), hints)
}

/// Same as `detect` for raw bytes, which need not be UTF-8.
pub fn detect_bytes(user_agent: &[u8], hints: &Hints) -> Detection {
    let ua = user_agent.get(..MAX_USER_AGENT_BYTES).unwrap_or(user_agent);
    let mut scan = tokens::scan(ua);
    if hints.wechat_mini_program {
        // The JS flag backs up the UA's `miniProgram` token.
        scan.raise(Sig::MiniProgram);
        scan.raise(Sig::MicroMessenger);
    }
    if hints.qq_mini_program {
        scan.raise(Sig::MiniProgram);
        scan.raise(Sig::Qq);
    }
    if hints.telegram_webview {
        // Telegram's link browser keeps the system browser's UA.
        scan.raise(Sig::Telegram);
    }
    let bot = scan.has(Sig::Bot);
    let (platform, form_factor) = platform::resolve(&scan, hints, bot);
    let (host, version_from) = if bot {
        (Host::Browser, &[][..])
    } else {
        host(&scan, hints, platform)
    };
    let host_version = version_from.iter().find_map(|&sig| scan.version(ua, sig));
    Detection {
        platform,
        form_factor,
        host,
        host_version,
        webview: host != Host::Browser,
    }
}

/// The first of a policy's detection rules whose token appears in the
/// User-Agent, without regard to ASCII case, within the first
/// [`MAX_USER_AGENT_BYTES`] bytes: its index. The policy's rules are tried
/// before the built-in ones.
pub fn policy_rule(user_agent: &str, rules: &[DetectionRule]) -> Option<usize> {
    let ua = user_agent.as_bytes();
    let ua = ua.get(..MAX_USER_AGENT_BYTES).unwrap_or(ua);
    rules
        .iter()
        .position(|rule| contains_ignoring_case(ua, rule.token.as_bytes()))
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The host, and the signals whose tokens carry its version.
fn host(scan: &tokens::Scan, hints: &Hints, platform: Platform) -> (Host, &'static [Sig]) {
    if scan.has_any(rules::HOST_SIGS) {
        let named = rules::HOST_RULES
            .iter()
            .find(|rule| scan.has_any(rule.any_set) && scan.has_all(rule.all_set));
        if let Some(rule) = named {
            return (rule.host, rule.version);
        }
    }
    if hints.weixin_js_bridge {
        return (Host::Wechat, &[]);
    }
    if hints.alipay_js_bridge {
        return (Host::Alipay, &[]);
    }
    let ios_webview = platform == Platform::Ios
        && scan.has(Sig::AppleWebKit)
        && !scan.has(Sig::Safari)
        && !scan.has(Sig::IosBrowser);
    if scan.has(Sig::AndroidWebview) || ios_webview {
        return (Host::Webview, &[]);
    }
    (Host::Browser, &[])
}
