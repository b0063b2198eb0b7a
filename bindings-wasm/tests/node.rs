//! The binding's suite in Node, plus `contextFromBrowser` against a page
//! simulated with globals. Run with wasm-bindgen-test-runner as the cargo
//! runner: `cargo xtask test wasm`.
#![cfg(target_arch = "wasm32")]
// `..Default::default()` keeps the tests compiling when `Hints` grows.
#![allow(clippy::needless_update)]
mod suite;

use paysel_core::Hints;
use suite::{decides, environment_of, eval, expected_environment, js, probe, set_global, user_agent_of};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const IPAD_AS_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
const MINI_PROGRAM: &str = "Mozilla/5.0 (Linux; Android 14; V2307A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20240301 MMWEBID/1 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx1234";

fn page(navigator: Option<&str>, globals: &[(&str, JsValue)]) {
    set_global("navigator", navigator.map(js));
    for name in [
        "__wxjs_environment",
        "WeixinJSBridge",
        "AlipayJSBridge",
        "PaymentRequest",
        "ApplePaySession",
    ] {
        set_global(name, None);
    }
    for (name, value) in globals {
        set_global(name, Some(value.clone()));
    }
}

fn leave_page() {
    page(None, &[]);
}

#[wasm_bindgen_test]
fn context_from_browser_reads_every_page_signal() {
    let navigator = format!(
        r#"{{"userAgent":{MINI_PROGRAM:?},"userAgentData":{{"platform":"Android","mobile":true}},"maxTouchPoints":5}}"#
    );
    page(
        Some(&navigator),
        &[
            ("__wxjs_environment", JsValue::from_str("miniprogram")),
            ("WeixinJSBridge", js("{}")),
            ("AlipayJSBridge", js("{}")),
            ("PaymentRequest", eval("(function PaymentRequest() {})")),
            ("ApplePaySession", eval("({ canMakePayments: () => true })")),
        ],
    );
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    let hints = Hints {
        ua_platform: Some("Android".into()),
        ua_mobile: Some(true),
        touch: Some(true),
        wechat_mini_program: true,
        weixin_js_bridge: true,
        alipay_js_bridge: true,
        ..Default::default()
    };
    assert_eq!(
        environment_of(&context),
        expected_environment(MINI_PROGRAM, &hints)
    );
    assert_eq!(user_agent_of(&context).as_deref(), Some(MINI_PROGRAM));
    assert_eq!(probe(&context, "apple_pay"), "supported");
    assert_eq!(probe(&context, "payment_request"), "supported");
    assert_eq!(probe(&context, "google_pay"), "unknown");
    decides(&context);
    leave_page();
}

#[wasm_bindgen_test]
fn context_from_browser_sends_the_touch_hint_for_an_ipad_as_mac() {
    let navigator = format!(r#"{{"userAgent":{IPAD_AS_MAC:?},"maxTouchPoints":5}}"#);
    page(Some(&navigator), &[]);
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    let hints = Hints {
        touch: Some(true),
        ..Default::default()
    };
    assert_eq!(
        environment_of(&context),
        expected_environment(IPAD_AS_MAC, &hints)
    );
    let navigator = format!(r#"{{"userAgent":{IPAD_AS_MAC:?},"maxTouchPoints":0}}"#);
    page(Some(&navigator), &[]);
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    let hints = Hints {
        touch: Some(false),
        ..Default::default()
    };
    assert_eq!(
        environment_of(&context),
        expected_environment(IPAD_AS_MAC, &hints)
    );
    leave_page();
}

#[wasm_bindgen_test]
fn context_from_browser_maps_each_apple_pay_answer() {
    let navigator = format!(r#"{{"userAgent":{IPAD_AS_MAC:?}}}"#);
    for (session, expected) in [
        ("({ canMakePayments: () => true })", "supported"),
        ("({ canMakePayments: () => false })", "not_ready"),
        (
            "({ canMakePayments: () => { throw new Error('InvalidAccessError') } })",
            "not_ready",
        ),
        ("({})", "not_ready"),
    ] {
        page(Some(&navigator), &[("ApplePaySession", eval(session))]);
        let context = paysel_wasm::context_from_browser()
            .map_err(JsValue::from)
            .expect("reads the page");
        assert_eq!(probe(&context, "apple_pay"), expected, "{session}");
        assert_eq!(probe(&context, "payment_request"), "not_ready");
    }
    page(Some(&navigator), &[]);
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    assert_eq!(probe(&context, "apple_pay"), "not_ready");
    leave_page();
}

#[wasm_bindgen_test]
fn context_from_browser_outside_a_browser_and_with_a_huge_user_agent() {
    page(None, &[]);
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    assert_eq!(user_agent_of(&context), None);
    assert_eq!(
        environment_of(&context),
        (String::new(), String::new(), String::new())
    );
    decides(&context);

    let huge = format!("{IPAD_AS_MAC} {}", "é".repeat(4000));
    let navigator = format!(r#"{{"userAgent":{huge:?}}}"#);
    page(Some(&navigator), &[]);
    let context = paysel_wasm::context_from_browser()
        .map_err(JsValue::from)
        .expect("reads the page");
    let ua = user_agent_of(&context).expect("a User-Agent");
    assert!(ua.len() <= paysel_core::limits::MAX_USER_AGENT_BYTES && huge.starts_with(&ua));
    assert_eq!(
        environment_of(&context),
        expected_environment(&huge, &Hints::default())
    );
    decides(&context);
    leave_page();
}
