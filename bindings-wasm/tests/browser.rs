//! The binding's suite in headless Chromium, plus `contextFromBrowser`
//! against the real browser. Needs `CHROMEDRIVER` (see `webdriver.json`);
//! run with `cargo xtask test wasm`.
#![cfg(target_arch = "wasm32")]
mod suite;

use paysel_core::Hints;
use suite::{decides, environment_of, expected_environment, probe, prop, user_agent_of};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn context_from_the_real_browser() {
    let global: JsValue = js_sys::global().into();
    let navigator = prop(&global, "navigator");
    let ua = prop(&navigator, "userAgent")
        .as_string()
        .expect("a browser has a User-Agent");
    let ua_data = prop(&navigator, "userAgentData");
    assert!(ua_data.is_object(), "Chromium has navigator.userAgentData");
    let hints = Hints {
        ua_platform: prop(&ua_data, "platform").as_string().filter(|p| !p.is_empty()),
        ua_mobile: prop(&ua_data, "mobile").as_bool(),
        touch: prop(&navigator, "maxTouchPoints").as_f64().map(|n| n > 1.0),
        ..Default::default()
    };
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    assert_eq!(user_agent_of(&context).as_deref(), Some(ua.as_str()));
    assert_eq!(environment_of(&context), expected_environment(&ua, &hints));
    assert!(
        prop(&global, "PaymentRequest").is_function(),
        "the test page is a secure context"
    );
    assert_eq!(probe(&context, "payment_request"), "supported");
    assert_eq!(
        probe(&context, "apple_pay"),
        "not_ready",
        "no ApplePaySession in Chromium"
    );
    decides(&context);
}
