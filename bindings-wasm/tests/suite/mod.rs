//! The binding's test suite, run in Node (`tests/node.rs`) and in headless
//! Chromium (`tests/browser.rs`). It checks the translation layer against the
//! core itself: every output must equal the core's own JSON output; and it
//! runs the bad inputs of tests/vectors/errors.json, each of which must fail
//! with its code and path, for an object and for its JSON text alike.

#![allow(dead_code)] // each test binary uses part of the shared helpers

use paysel_core::{DecideOptions, Engine};
use paysel_wasm::JsEngine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

pub fn eval(code: &str) -> JsValue {
    js_sys::eval(code).expect("test JS runs")
}

fn text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .expect("output is JSON")
        .as_string()
        .expect("a string")
}

pub fn prop(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).expect("readable")
}

/// A string argument, typed as the binding's signature wants it.
fn s<T: JsCast>(text: &str) -> T {
    JsValue::from_str(text).unchecked_into()
}

/// An argument, typed as the binding's signature wants it.
fn a<T: JsCast>(value: JsValue) -> T {
    value.unchecked_into()
}

/// An optional argument, typed as the binding's signature wants it.
fn o<T: JsCast>(value: Option<JsValue>) -> Option<T> {
    value.map(JsCast::unchecked_into)
}

fn decide(context: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    paysel_wasm::decide(a(context), o(options)).map_err(JsValue::from)
}

fn decide_json(context: &str, options: Option<JsValue>) -> Result<String, JsValue> {
    paysel_wasm::decide_json(s(context), o(options)).map_err(JsValue::from)
}

/// The error's `(code, path)` after checking that it is a `PayselError`.
fn paysel_error<T: std::fmt::Debug>(result: Result<T, JsValue>) -> (String, String) {
    let err = result.expect_err("the call must throw");
    assert!(err.is_instance_of::<js_sys::Error>(), "a real Error: {err:?}");
    assert_eq!(prop(&err, "name").as_string().as_deref(), Some("PayselError"));
    assert!(paysel_wasm::is_paysel_error(err.clone()));
    assert!(!prop(&err, "message").as_string().unwrap_or_default().is_empty());
    (
        prop(&err, "code").as_string().expect("code is a string"),
        prop(&err, "path").as_string().expect("path is a string"),
    )
}

fn core_decide(context: &str, explain: bool) -> String {
    Engine::with_default_policy()
        .decide_json(context, DecideOptions { explain })
        .expect("core decides")
}

const CONTEXTS: &[&str] = &[
    "{}",
    r#"{"host":"wechat","platform":"android","currency":"CNY","amount":1200}"#,
    r#"{"platform":"ios","probes":{"apple_pay":"ready"},"currency":"USD","amount":999,"country":"US"}"#,
    r#"{"user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN","currency":"CNY"}"#,
    r#"{"platform":"android","host":"native","installed_wallets":{"alipay":"installed"},"preferred_rail":"alipay","last_used":["wechat_pay"],"currency":"CNY","region_tier":4,"subject_id":"s-1","checkout_id":"c-1"}"#,
];

#[wasm_bindgen_test]
fn decisions_stringify_to_the_core_json_for_objects_and_text() {
    for context in CONTEXTS {
        for explain in [false, true] {
            let expected = core_decide(context, explain);
            let options = js(&format!(r#"{{"explain":{explain}}}"#));
            let from_object = decide(js(context), Some(options.clone())).expect("decides");
            assert_eq!(text(&from_object), expected, "object {context}");
            assert_eq!(
                decide_json(context, Some(options)).expect("decides"),
                expected,
                "text {context}"
            );
        }
        let engine = JsEngine::new(None).map_err(JsValue::from).expect("default");
        let from_engine = engine
            .decide(a(js(context)), None)
            .map_err(JsValue::from)
            .expect("decides");
        assert_eq!(text(&from_engine), core_decide(context, false));
        let from_engine_text = engine.decide_json(s(context), None).map_err(JsValue::from);
        assert_eq!(from_engine_text.expect("decides"), core_decide(context, false));
    }
    assert!(
        text(&decide(js(CONTEXTS[1]), Some(js(r#"{"explain":true}"#))).expect("decides"))
            .contains(r#""score":{"#)
    );
}

#[wasm_bindgen_test]
fn a_policy_decides_alike_as_object_text_engine_and_option() {
    let policy_text = paysel_core::DEFAULT_POLICY_JSON.replace(r#""version": 1"#, r#""version": 7"#);
    let core = Engine::from_policy_json(&policy_text).expect("valid");
    let from_object = JsEngine::new(o(Some(js(&policy_text))))
        .map_err(JsValue::from)
        .expect("valid");
    let from_text = JsEngine::from_policy_json(s(&policy_text))
        .map_err(JsValue::from)
        .expect("valid");
    let mut applied = JsEngine::new(None).map_err(JsValue::from).expect("default");
    applied
        .apply_policy(a(js(&policy_text)))
        .map_err(JsValue::from)
        .expect("valid");
    let mut applied_text = JsEngine::new(None).map_err(JsValue::from).expect("default");
    applied_text
        .apply_policy_json(s(&policy_text))
        .map_err(JsValue::from)
        .expect("valid");
    let with_policy = js_sys::Object::new();
    js_sys::Reflect::set(&with_policy, &"policy".into(), &js(&policy_text)).expect("settable");
    let with_policy_text = js(&format!(r#"{{"policy":{}}}"#, text(&s(&policy_text))));
    for context in CONTEXTS {
        let expected = core
            .decide_json(context, DecideOptions::default())
            .expect("decides");
        assert!(expected.contains(r#""policy_version":7"#));
        for engine in [&from_object, &from_text, &applied, &applied_text] {
            let out = engine.decide(a(js(context)), None).map_err(JsValue::from);
            assert_eq!(text(&out.expect("decides")), expected);
        }
        assert_eq!(
            text(&decide(js(context), Some(with_policy.clone().into())).expect("decides")),
            expected
        );
        assert_eq!(
            decide_json(context, Some(with_policy_text.clone())).expect("decides"),
            expected
        );
    }
    // An omitted or null policy is the default one.
    for none in [None, Some(JsValue::NULL), Some(JsValue::UNDEFINED)] {
        let engine = JsEngine::new(o(none)).map_err(JsValue::from).expect("default");
        let out = engine
            .decide(a(js("{}")), None)
            .map_err(JsValue::from)
            .expect("decides");
        assert_eq!(text(&out), core_decide("{}", false));
    }
    let null_policy = decide(js("{}"), Some(js(r#"{"policy":null}"#))).expect("decides");
    assert_eq!(text(&null_policy), core_decide("{}", false));
}

#[wasm_bindgen_test]
fn default_policy_and_version() {
    let policy = paysel_wasm::default_policy()
        .map_err(JsValue::from)
        .expect("converts");
    let core = serde_json::to_string(Engine::with_default_policy().policy()).expect("serializes");
    assert_eq!(text(&policy), core);
    // A fresh copy each time: changing one does not change the next.
    js_sys::Reflect::set(&policy, &"version".into(), &JsValue::from(99)).expect("settable");
    let again = paysel_wasm::default_policy()
        .map_err(JsValue::from)
        .expect("converts");
    assert_eq!(prop(&again, "version").as_f64(), Some(1.0));
    assert_eq!(paysel_wasm::version(), paysel_core::version());
}

#[wasm_bindgen_test]
fn detect_equals_the_core() {
    let ua = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36 AlipayClient/10.5.96";
    let hints = paysel_core::Hints {
        ua_platform: Some("Android".into()),
        ua_mobile: Some(true),
        alipay_js_bridge: true,
        ..Default::default()
    };
    let expected = serde_json::to_string(&paysel_core::detect(ua, &hints)).expect("serializes");
    let hints_js = js(&serde_json::to_string(&hints).expect("serializes"));
    let out = paysel_wasm::detect(s(ua), o(Some(hints_js)))
        .map_err(JsValue::from)
        .expect("detects");
    assert_eq!(text(&out), expected);
    let plain = serde_json::to_string(&paysel_core::detect(ua, &Default::default())).expect("serializes");
    let engine = JsEngine::new(None).map_err(JsValue::from).expect("default");
    let out = engine
        .detect(s(ua), None)
        .map_err(JsValue::from)
        .expect("detects");
    assert_eq!(text(&out), plain);
}

/// The error of a call: `(code, path)`, after checking that it is a
/// `PayselError` and that the module still decides.
fn error_of(result: Result<JsValue, JsValue>) -> (String, String) {
    let found = paysel_error(result);
    assert_eq!(
        text(&decide(js(CONTEXTS[1]), None).expect("still decides")),
        core_decide(CONTEXTS[1], false),
        "the module decides after an error"
    );
    found
}

fn vectors(file: &str) -> serde_json::Value {
    let text = match file {
        "errors.json" => include_str!("../../../tests/vectors/errors.json"),
        _ => include_str!("../../../tests/vectors/envelopes.json"),
    };
    serde_json::from_str(text).expect("vector JSON")
}

fn expected(case: &serde_json::Value) -> (String, String) {
    let field = |k: &str| case["expect_error"][k].as_str().expect("expect_error").to_owned();
    (field("code"), field("path"))
}

/// The `cases` of tests/vectors/errors.json through the raw module, with
/// the policy and the context as JS objects and as JSON text (runner
/// contract: tests/vectors/README.md).
#[wasm_bindgen_test]
fn error_vectors_fail_alike_as_objects_and_as_text() {
    let doc = vectors("errors.json");
    let cases = doc["cases"].as_array().expect("cases");
    let mut wrong = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        for object in [true, false] {
            let engine = match (case.get("policy_text"), case.get("policy")) {
                (Some(t), _) => JsEngine::from_policy_json(s(t.as_str().expect("text"))),
                (None, Some(p)) if object => JsEngine::new(o(Some(js(&p.to_string())))),
                (None, Some(p)) => JsEngine::from_policy_json(s(&p.to_string())),
                (None, None) => JsEngine::new(None),
            };
            let result = engine.map_err(JsValue::from).and_then(|engine| {
                let out = match (case.get("context_text"), case.get("context")) {
                    (Some(t), _) => engine
                        .decide_json(s(t.as_str().expect("text")), None)
                        .map(JsValue::from),
                    (None, Some(c)) if object => engine.decide(a(js(&c.to_string())), None),
                    (None, c) => engine
                        .decide_json(s(&c.map_or("{}".to_owned(), |c| c.to_string())), None)
                        .map(JsValue::from),
                };
                out.map_err(JsValue::from)
            });
            let found = error_of(result);
            if found != expected(case) {
                wrong.push(format!(
                    "{name} (object: {object}): got {found:?}, want {:?}",
                    expected(case)
                ));
            }
        }
    }
    assert!(cases.len() > 40, "errors.json has its cases");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// One entry point of the raw module, by the name errors.json gives it.
fn call(name: &str, args: &js_sys::Array) -> Result<JsValue, JsValue> {
    let arg = |i: u32| args.get(i);
    let opt = |i: u32| Some(args.get(i)).filter(|v| !v.is_undefined());
    let engine = || {
        JsEngine::new(None)
            .map_err(JsValue::from)
            .expect("the default engine")
    };
    let to = |engine: JsEngine| JsValue::from(engine);
    let result = match name {
        "decide" => paysel_wasm::decide(a(arg(0)), o(opt(1))),
        "decideJson" => paysel_wasm::decide_json(a(arg(0)), o(opt(1))).map(JsValue::from),
        "detect" => paysel_wasm::detect(a(arg(0)), o(opt(1))),
        "selection" => paysel_wasm::selection(a(arg(0)), a(arg(1))),
        "outcome" => paysel_wasm::outcome(a(arg(0)), a(arg(1)), a(arg(2))),
        "new Engine" => JsEngine::new(o(opt(0))).map(to),
        "Engine.fromPolicyJson" => JsEngine::from_policy_json(a(arg(0))).map(to),
        "engine.decide" => engine().decide(a(arg(0)), o(opt(1))),
        "engine.decideJson" => engine().decide_json(a(arg(0)), o(opt(1))).map(JsValue::from),
        "engine.detect" => engine().detect(a(arg(0)), o(opt(1))),
        "engine.applyPolicy" => engine().apply_policy(a(arg(0))).map(|()| JsValue::UNDEFINED),
        "engine.applyPolicyJson" => engine().apply_policy_json(a(arg(0))).map(|()| JsValue::UNDEFINED),
        #[cfg(feature = "signed")]
        "Engine.fromSignedPolicy" => JsEngine::from_signed_policy(a(arg(0)), a(arg(1)), o(opt(2))).map(to),
        #[cfg(feature = "signed")]
        "Engine.fromSignedPolicyJson" => {
            JsEngine::from_signed_policy_json(a(arg(0)), a(arg(1)), o(opt(2))).map(to)
        }
        #[cfg(feature = "signed")]
        "engine.applySignedPolicy" => engine()
            .apply_signed_policy(a(arg(0)), a(arg(1)), o(opt(2)))
            .map(|()| JsValue::UNDEFINED),
        #[cfg(feature = "signed")]
        "engine.applySignedPolicyJson" => engine()
            .apply_signed_policy_json(a(arg(0)), a(arg(1)), o(opt(2)))
            .map(|()| JsValue::UNDEFINED),
        other => panic!("errors.json names an unknown call: {other}"),
    };
    result.map_err(JsValue::from)
}

/// The `binding_cases` of tests/vectors/errors.json through the raw
/// module: each call of each case, with its JS argument list.
#[wasm_bindgen_test]
fn binding_error_vectors_throw_typed_errors() {
    let doc = vectors("errors.json");
    let envelopes = vectors("envelopes.json");
    let valid = envelopes["cases"]
        .as_array()
        .and_then(|cases| {
            cases.iter().find(|c| {
                c.get("envelope").is_some() && c.get("expect").is_some() && c.get("min_version").is_none()
            })
        })
        .expect("envelopes.json has a valid envelope");
    let decision = decide(js(CONTEXTS[1]), None).expect("decides");
    let scope = js_sys::Array::of5(
        &s(paysel_core::DEFAULT_POLICY_JSON),
        &decision,
        &js(&valid["envelope"].to_string()),
        &js(&valid["trusted_keys"].to_string()),
        &JsValue::from(valid["now"].as_f64().unwrap_or(0.0)),
    );
    let cases = doc["binding_cases"].as_array().expect("binding_cases");
    let mut wrong = Vec::new();
    let mut ran = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        if case.get("entry").is_some_and(|e| e != "paysel") && !cfg!(feature = "signed") {
            continue;
        }
        let body = format!(
            "const defaultPolicy = () => JSON.parse(policyJson); return {};",
            case["args"].as_str().expect("args")
        );
        let make =
            js_sys::Function::new_with_args("policyJson, decision, envelope, trusted_keys, now", &body);
        for name_of_call in case["calls"].as_array().expect("calls") {
            let args: js_sys::Array = make
                .apply(&JsValue::NULL, &scope)
                .expect("args evaluate")
                .unchecked_into();
            let found = error_of(call(name_of_call.as_str().expect("a call"), &args));
            ran += 1;
            if found != expected(case) {
                wrong.push(format!(
                    "{name} ({name_of_call}): got {found:?}, want {:?}",
                    expected(case)
                ));
            }
        }
    }
    assert!(ran > 60, "only {ran} calls ran");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[wasm_bindgen_test]
fn undefined_and_null_options_mean_none() {
    assert!(decide(js("{}"), Some(JsValue::NULL)).is_ok());
    assert!(decide(js("{}"), Some(js("{}"))).is_ok());
    assert!(!paysel_wasm::is_paysel_error(js_sys::Error::new("other").into()));
    assert!(!paysel_wasm::is_paysel_error(s("PayselError")));
}

/// Sets (or with `None`, removes) a global for a contextFromBrowser test.
pub fn set_global(name: &str, value: Option<JsValue>) {
    let global = js_sys::global();
    match value {
        Some(v) => {
            let descriptor = js_sys::Object::new();
            js_sys::Reflect::set(&descriptor, &"value".into(), &v).expect("settable");
            js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).expect("settable");
            js_sys::Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE).expect("settable");
            js_sys::Reflect::define_property(&global, &name.into(), &descriptor).expect("definable");
        }
        None => {
            js_sys::Reflect::delete_property(&global, &name.into()).expect("deletable");
        }
    }
}

/// The detection `contextFromBrowser` should have made, from the hints the
/// test itself reads off the page.
pub fn expected_environment(ua: &str, hints: &paysel_core::Hints) -> (String, String, String) {
    let d = paysel_core::detect(ua, hints);
    let name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    (
        name(serde_json::to_value(d.platform).expect("serializes")),
        name(serde_json::to_value(d.form_factor).expect("serializes")),
        name(serde_json::to_value(d.host).expect("serializes")),
    )
}

/// `(platform, form_factor, host)` of a context object.
pub fn environment_of(context: &JsValue) -> (String, String, String) {
    let s = |k: &str| prop(context, k).as_string().unwrap_or_default();
    (s("platform"), s("form_factor"), s("host"))
}

/// `probes.<name>` of a context object.
pub fn probe(context: &JsValue, name: &str) -> String {
    prop(&prop(context, "probes"), name)
        .as_string()
        .unwrap_or_default()
}

/// `context.user_agent`.
pub fn user_agent_of(context: &JsValue) -> Option<String> {
    prop(context, "user_agent").as_string()
}

/// The context is usable as-is by decide.
pub fn decides(context: &JsValue) {
    let out = paysel_wasm::decide(a(context.clone()), None);
    assert!(out.is_ok(), "decides with the browser context");
}
