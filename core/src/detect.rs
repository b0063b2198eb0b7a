//! Host and platform detection from a User-Agent.
//!
//! SEAM ONLY: the detection issue replaces the body of [`detect_bytes`].

use crate::context::{FormFactor, Host, Platform};
use serde::{Deserialize, Serialize};

/// Longest User-Agent, in bytes, that paysel accepts in a context. Longer
/// strings are refused by the engine; [`detect`] itself only scans this many.
pub const MAX_USER_AGENT_BYTES: usize = 2048;

/// What a User-Agent says about the checkout environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(deny_unknown_fields, default)]
pub struct Hints {
    /// `navigator.userAgentData.platform`, e.g. `"Android"`, `"macOS"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ua_platform: Option<String>,
    /// `navigator.userAgentData.mobile`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ua_mobile: Option<bool>,
    /// `navigator.maxTouchPoints > 1` on a UA that claims to be a Mac: an iPad.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touch: Option<bool>,
    /// `window.__wxjs_environment === 'miniprogram'`.
    pub wechat_mini_program: bool,
    /// `typeof WeixinJSBridge !== 'undefined'`.
    pub weixin_js_bridge: bool,
    /// `typeof AlipayJSBridge !== 'undefined'`.
    pub alipay_js_bridge: bool,
}

/// Detects platform, form factor and host from a User-Agent string.
pub fn detect(user_agent: &str, hints: &Hints) -> Detection {
    detect_bytes(user_agent.as_bytes(), hints)
}

/// Same as [`detect`] for raw bytes, which need not be UTF-8.
pub fn detect_bytes(_user_agent: &[u8], _hints: &Hints) -> Detection {
    Detection {
        platform: Platform::Other,
        form_factor: FormFactor::Desktop,
        host: Host::Browser,
        host_version: None,
        webview: false,
    }
}
