//! `contextFromBrowser()`: reads the page's signals and hands them to the
//! core's `page_context`, which holds every rule about what they mean.

use crate::{to_js, PayselError};
use paysel_core::{page_context, Hints, PageSignals};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `target[key]`, or `undefined` when `target` is not an object or reading
/// the property throws.
fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The page's optional detection signals, as the core's `Hints`.
// `..Hints::default()` keeps this compiling when the core adds a hint.
#[allow(clippy::needless_update)]
fn hints(global: &JsValue, navigator: &JsValue) -> Hints {
    let ua_data = get(navigator, "userAgentData");
    Hints {
        ua_platform: get(&ua_data, "platform").as_string().filter(|p| !p.is_empty()),
        ua_mobile: get(&ua_data, "mobile").as_bool(),
        touch: get(navigator, "maxTouchPoints").as_f64().map(|n| n > 1.0),
        wechat_mini_program: get(global, "__wxjs_environment").as_string().as_deref() == Some("miniprogram"),
        weixin_js_bridge: !get(global, "WeixinJSBridge").is_undefined(),
        alipay_js_bridge: !get(global, "AlipayJSBridge").is_undefined(),
        telegram_webview: [
            "TelegramWebview",
            "TelegramWebviewProxy",
            "TelegramWebviewProxyProto",
        ]
        .iter()
        .any(|name| !get(global, name).is_undefined()),
        qq_mini_program: get(global, "__qqjs_environment").as_string().as_deref() == Some("miniprogram"),
        ..Hints::default()
    }
}

/// What `ApplePaySession.canMakePayments()` returns; `None` without
/// `ApplePaySession`, or when the call throws.
fn apple_pay_can_make_payments(global: &JsValue) -> Option<bool> {
    let session = get(global, "ApplePaySession");
    let can = get(&session, "canMakePayments");
    can.dyn_ref::<js_sys::Function>()
        .and_then(|f| f.call0(&session).ok())
        .map(|answer| answer.as_bool() == Some(true))
}

/// A `CheckoutContext` for this page, from the browser's own signals:
/// `navigator.userAgent`, `navigator.userAgentData` (platform, mobile),
/// `navigator.maxTouchPoints` (an iPad that claims to be a Mac),
/// `window.__wxjs_environment`, `window.__qqjs_environment`, the
/// `WeixinJSBridge` and `AlipayJSBridge` globals, Telegram's
/// `TelegramWebview`, `TelegramWebviewProxy` and `TelegramWebviewProxyProto`,
/// `window.PaymentRequest` and `ApplePaySession.canMakePayments()`.
///
/// `platform`, `form_factor` and `host` are detected by the core from the
/// User-Agent and those hints. `probes.payment_request` is `supported` when
/// the Payment Request API exists (the app may run `canMakePayment()` and set
/// `ready`), `probes.apple_pay` is `supported` when `canMakePayments()` says
/// true, and both are `not_ready` otherwise. `google_pay` and
/// `installed_wallets` stay `unknown`: a page cannot probe them synchronously.
/// Outside a browser (no `navigator`) only the probes are filled.
///
/// The app completes the context with `amount`, `currency`, `country` and
/// the shopper's `preferred_rail` / `last_used` before deciding.
#[wasm_bindgen(js_name = contextFromBrowser, unchecked_return_type = "CheckoutContext")]
pub fn context_from_browser() -> Result<JsValue, PayselError> {
    let global: JsValue = js_sys::global().into();
    let navigator = get(&global, "navigator");
    let signals = PageSignals {
        user_agent: get(&navigator, "userAgent").as_string(),
        hints: hints(&global, &navigator),
        payment_request_api: get(&global, "PaymentRequest").is_function(),
        apple_pay_can_make_payments: apple_pay_can_make_payments(&global),
    };
    Ok(to_js(&page_context(signals)?))
}
