//! `contextFromBrowser()`: gathers the page's signals and lets the core
//! detect the environment from them. No decision rule lives here.

use crate::{get, js_error, to_js};
use paysel_core::limits::MAX_USER_AGENT_BYTES;
use paysel_core::{detect_checked, Context, Hints, Probes, Readiness};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The page's optional detection signals (see [`Hints`]).
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
        ..Hints::default()
    }
}

/// `ApplePaySession.canMakePayments()`: true means the device can pay with
/// Apple Pay, whether or not a card is enrolled yet (`supported`; Apple asks
/// merchants to show Apple Pay then). False, a throw (insecure context,
/// cross-origin frame) or no `ApplePaySession` at all is `not_ready`.
fn apple_pay(global: &JsValue) -> Readiness {
    let session = get(global, "ApplePaySession");
    let can = get(&session, "canMakePayments");
    match can.dyn_ref::<js_sys::Function>().map(|f| f.call0(&session)) {
        Some(Ok(answer)) if answer.as_bool() == Some(true) => Readiness::Supported,
        _ => Readiness::NotReady,
    }
}

/// `window.PaymentRequest` exists: the browser has the Payment Request API,
/// which says nothing about an enrolled card or handler (that needs the
/// asynchronous `canMakePayment()` with the merchant's payment methods), so
/// it is `supported`, never `ready`. No API is `not_ready`.
fn payment_request(global: &JsValue) -> Readiness {
    if get(global, "PaymentRequest").is_function() {
        Readiness::Supported
    } else {
        Readiness::NotReady
    }
}

/// The User-Agent cut to the longest prefix paysel reads, at a character
/// boundary. Detection scans only that many bytes, so nothing is lost.
fn bounded(mut ua: String) -> String {
    let mut end = MAX_USER_AGENT_BYTES.min(ua.len());
    while !ua.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    ua.truncate(end);
    ua
}

/// A `Context` for this page, from the browser's own signals:
/// `navigator.userAgent`, `navigator.userAgentData` (platform, mobile),
/// `navigator.maxTouchPoints` (an iPad that claims to be a Mac),
/// `window.__wxjs_environment`, the `WeixinJSBridge` and `AlipayJSBridge`
/// globals, `window.PaymentRequest` and `ApplePaySession.canMakePayments()`.
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
#[wasm_bindgen(js_name = contextFromBrowser, unchecked_return_type = "Context")]
pub fn context_from_browser() -> Result<JsValue, JsValue> {
    let global: JsValue = js_sys::global().into();
    let navigator = get(&global, "navigator");
    let mut context = Context::default();
    if let Some(ua) = get(&navigator, "userAgent").as_string().map(bounded) {
        let detection = detect_checked(&ua, &hints(&global, &navigator)).map_err(|e| js_error(&e))?;
        context.platform = Some(detection.platform);
        context.form_factor = Some(detection.form_factor);
        context.host = Some(detection.host);
        context.user_agent = Some(ua);
    }
    context.probes = Probes {
        apple_pay: apple_pay(&global),
        payment_request: payment_request(&global),
        ..Probes::default()
    };
    to_js(&context).map_err(|e| js_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_cuts_at_a_char_boundary() {
        let ua = format!("{}é", "a".repeat(MAX_USER_AGENT_BYTES - 1));
        assert_eq!(bounded(ua).len(), MAX_USER_AGENT_BYTES - 1);
        assert_eq!(bounded("short".into()), "short");
    }
}
