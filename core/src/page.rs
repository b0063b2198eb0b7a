//! What a web page can observe about itself without waiting, and the context
//! that follows from it: the rules behind the npm package's
//! `contextFromBrowser()`. Which page values are read, and what each means,
//! is decided here ([`PageSignals::read`]); the binding only reads the value
//! at each path it is asked for.
//!
//! The probes a page can fill at once are deliberately modest:
//! - `window.PaymentRequest` existing says the browser has the Payment
//!   Request API, not that a card or handler is enrolled (that needs the
//!   asynchronous `canMakePayment()` with the merchant's payment methods), so
//!   it is `supported`, never `ready`.
//! - `ApplePaySession.canMakePayments()` answering true says the device can
//!   pay with Apple Pay whether or not a card is enrolled yet: `supported`,
//!   since Apple asks merchants to show Apple Pay then. False, a throw
//!   (insecure context, cross-origin frame) or no `ApplePaySession` is
//!   `not_ready`.
//! - Google Pay and installed wallet apps stay `unknown`: a page cannot probe
//!   them synchronously.

use crate::context::{CheckoutContext, Probes, Readiness};
use crate::detect::{Hints, MAX_USER_AGENT_BYTES};
use crate::error::Error;

/// The signals a page reads synchronously, as `contextFromBrowser()` reads
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSignals {
    /// `navigator.userAgent`, if the page has a `navigator`.
    pub user_agent: Option<String>,
    /// `navigator.userAgentData`, `maxTouchPoints` and the host bridges.
    pub hints: Hints,
    /// `typeof window.PaymentRequest === "function"`.
    pub payment_request_api: bool,
    /// What `ApplePaySession.canMakePayments()` returned; `None` when
    /// `ApplePaySession` does not exist or the call threw.
    pub apple_pay_can_make_payments: Option<bool>,
}

/// A JS value the binding read at a path from `globalThis`, as the plain
/// facts JS gives about it; the core decides what they mean.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageValue {
    /// Not `undefined` (`null` is defined).
    pub defined: bool,
    /// `typeof` is `"function"`.
    pub function: bool,
    /// The value, if it is a string.
    pub string: Option<String>,
    /// The value, if it is a number.
    pub number: Option<f64>,
    /// The value, if it is a boolean.
    pub boolean: Option<bool>,
}

/// The globals that Telegram's in-app browser defines.
const TELEGRAM_GLOBALS: [&str; 3] = [
    "TelegramWebview",
    "TelegramWebviewProxy",
    "TelegramWebviewProxyProto",
];

impl PageSignals {
    /// The signals of a page whose value at a path from `globalThis` is
    /// `read(path)`: a path is keys joined by `.`
    /// (`navigator.userAgentData.mobile`), and a last key ending in `()` is
    /// the result of calling that method (`ApplePaySession.canMakePayments()`).
    /// A missing value, or one whose reading or call throws, is `undefined`.
    pub fn read(read: impl Fn(&str) -> PageValue) -> PageSignals {
        let defined = |path: &str| read(path).defined;
        let mini_program = |path: &str| read(path).string.as_deref() == Some("miniprogram");
        let ua_platform = read("navigator.userAgentData.platform").string;
        PageSignals {
            user_agent: read("navigator.userAgent").string,
            hints: Hints {
                ua_platform: ua_platform.filter(|p| !p.is_empty()),
                ua_mobile: read("navigator.userAgentData.mobile").boolean,
                // An iPad that claims to be a Mac has touch points.
                touch: read("navigator.maxTouchPoints").number.map(|n| n > 1.0),
                wechat_mini_program: mini_program("__wxjs_environment"),
                weixin_js_bridge: defined("WeixinJSBridge"),
                alipay_js_bridge: defined("AlipayJSBridge"),
                telegram_webview: TELEGRAM_GLOBALS.iter().any(|name| defined(name)),
                qq_mini_program: mini_program("__qqjs_environment"),
            },
            payment_request_api: read("PaymentRequest").function,
            apple_pay_can_make_payments: read("ApplePaySession.canMakePayments()").boolean,
        }
    }
}

/// The context a page can fill by itself: platform, form factor and host
/// detected from the User-Agent and hints, and the probes above. The app
/// completes it with `amount`, `currency`, `country` and the shopper's
/// `preferred_rail` / `last_used`.
///
/// A User-Agent longer than [`MAX_USER_AGENT_BYTES`] is cut to that length
/// at a character boundary (detection reads no further), so only a malformed
/// hint can fail, as [`crate::detect_checked`] does.
pub fn page_context(signals: PageSignals) -> Result<CheckoutContext, Error> {
    let mut context = CheckoutContext::default();
    if let Some(ua) = signals.user_agent.map(bounded) {
        let detection = crate::detect_checked(&ua, &signals.hints)?;
        context.platform = Some(detection.platform);
        context.form_factor = Some(detection.form_factor);
        context.host = Some(detection.host);
        context.user_agent = Some(ua);
    }
    context.probes = Probes {
        apple_pay: match signals.apple_pay_can_make_payments {
            Some(true) => Readiness::Supported,
            _ => Readiness::NotReady,
        },
        payment_request: if signals.payment_request_api {
            Readiness::Supported
        } else {
            Readiness::NotReady
        },
        ..Probes::default()
    };
    Ok(context)
}

/// The User-Agent cut to the longest prefix paysel reads, at a character
/// boundary.
fn bounded(mut ua: String) -> String {
    let mut end = MAX_USER_AGENT_BYTES.min(ua.len());
    while !ua.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    ua.truncate(end);
    ua
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{FormFactor, Host, Platform};

    const WECHAT_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                              (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003127) NetType/WIFI";

    #[test]
    fn probes_are_supported_at_most() {
        let page = |payment_request_api, apple_pay_can_make_payments| {
            let signals = PageSignals {
                payment_request_api,
                apple_pay_can_make_payments,
                ..PageSignals::default()
            };
            page_context(signals).map(|c| c.probes).ok()
        };
        let probes = |apple_pay, payment_request| Probes {
            apple_pay,
            payment_request,
            google_pay: Readiness::Unknown,
        };
        assert_eq!(
            page(true, Some(true)),
            Some(probes(Readiness::Supported, Readiness::Supported))
        );
        assert_eq!(
            page(false, Some(false)),
            Some(probes(Readiness::NotReady, Readiness::NotReady))
        );
        assert_eq!(
            page(true, None),
            Some(probes(Readiness::NotReady, Readiness::Supported))
        );
    }

    #[test]
    fn the_environment_comes_from_the_user_agent_and_hints() {
        let signals = PageSignals {
            user_agent: Some(WECHAT_IOS.to_owned()),
            ..PageSignals::default()
        };
        let context = page_context(signals).ok();
        let environment = context.as_ref().map(|c| (c.platform, c.form_factor, c.host));
        assert_eq!(
            environment,
            Some((Some(Platform::Ios), Some(FormFactor::Mobile), Some(Host::Wechat)))
        );
        assert_eq!(context.and_then(|c| c.user_agent).as_deref(), Some(WECHAT_IOS));
        // Without a navigator, only the probes are filled.
        let bare = page_context(PageSignals::default()).ok();
        assert_eq!(bare.as_ref().map(|c| (c.platform, c.host)), Some((None, None)));
    }

    #[test]
    fn signals_are_read_by_path() {
        let page = |path: &str| match path {
            "navigator.userAgent" => PageValue {
                defined: true,
                string: Some(WECHAT_IOS.to_owned()),
                ..PageValue::default()
            },
            "navigator.maxTouchPoints" => PageValue {
                defined: true,
                number: Some(5.0),
                ..PageValue::default()
            },
            "__wxjs_environment" => PageValue {
                defined: true,
                string: Some("miniprogram".to_owned()),
                ..PageValue::default()
            },
            "TelegramWebviewProxy" | "PaymentRequest" => PageValue {
                defined: true,
                function: true,
                ..PageValue::default()
            },
            // `canMakePayments()` answered something other than a boolean.
            "ApplePaySession.canMakePayments()" => PageValue {
                defined: true,
                number: Some(1.0),
                ..PageValue::default()
            },
            _ => PageValue::default(),
        };
        let signals = PageSignals::read(page);
        assert_eq!(signals.user_agent.as_deref(), Some(WECHAT_IOS));
        let hints = &signals.hints;
        assert_eq!(
            (hints.touch, hints.ua_mobile, hints.ua_platform.as_deref()),
            (Some(true), None, None)
        );
        assert!(hints.wechat_mini_program && hints.telegram_webview);
        assert!(!hints.weixin_js_bridge && !hints.alipay_js_bridge && !hints.qq_mini_program);
        assert!(signals.payment_request_api);
        assert_eq!(signals.apple_pay_can_make_payments, None);
    }

    #[test]
    fn a_long_user_agent_is_cut_and_a_bad_hint_refused() {
        let ua = format!("{}é", "a".repeat(MAX_USER_AGENT_BYTES - 1));
        let signals = PageSignals {
            user_agent: Some(ua),
            ..PageSignals::default()
        };
        let cut = page_context(signals).ok().and_then(|c| c.user_agent);
        assert_eq!(cut.map(|ua| ua.len()), Some(MAX_USER_AGENT_BYTES - 1));
        let signals = PageSignals {
            user_agent: Some("Mozilla/5.0".to_owned()),
            hints: Hints {
                ua_platform: Some("x".repeat(65)),
                ..Hints::default()
            },
            ..PageSignals::default()
        };
        let err = page_context(signals).err();
        assert_eq!(
            err.map(|e| e.path().to_owned()).as_deref(),
            Some("hints.ua_platform")
        );
    }
}
