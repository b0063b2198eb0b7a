//! `contextFromBrowser()`: reads the page values the core's
//! `PageSignals::read` asks for, which holds every rule about what they mean.

use crate::{to_js, PayselError};
use js_sys::{Function, Reflect};
use paysel_core::{page_context, PageSignals, PageValue};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The value at `path` from `globalThis`, as the core reads it: each key of
/// the path read from the value before (`undefined` where that throws, as
/// for a non-object), and a key ending in `()` called as a method.
fn read(path: &str) -> PageValue {
    let mut value: JsValue = js_sys::global().into();
    for key in path.split('.') {
        let method = key.strip_suffix("()");
        let field = Reflect::get(&value, &method.unwrap_or(key).into()).unwrap_or(JsValue::UNDEFINED);
        value = match (method, field.dyn_ref::<Function>()) {
            (None, _) => field,
            (Some(_), f) => f.and_then(|f| f.call0(&value).ok()).unwrap_or_default(),
        };
    }
    PageValue {
        defined: !value.is_undefined(),
        function: value.is_function(),
        string: value.as_string(),
        number: value.as_f64(),
        boolean: value.as_bool(),
    }
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
    Ok(to_js(&page_context(PageSignals::read(read))?))
}
