//! The binding's test suite, run in Node (`tests/node.rs`) and in headless
//! Chromium (`tests/browser.rs`). It checks the translation layer against the
//! core itself: every output must equal the core's own JSON output, and
//! every error must carry the core's code and path, for an object and for
//! its JSON text alike.

#![allow(dead_code)] // each test binary uses part of the shared helpers

use paysel_core::{DecideOptions, Engine, WireEnum};
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

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// An optional argument, typed as the binding's signature wants it.
fn o<T: JsCast>(value: Option<JsValue>) -> Option<T> {
    value.map(JsCast::unchecked_into)
}

fn decide(context: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    paysel_wasm::decide(context, o(options)).map_err(JsValue::from)
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
            .decide(js(context), None)
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
        .apply_policy(js(&policy_text))
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
            let out = engine.decide(js(context), None).map_err(JsValue::from);
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
            .decide(js("{}"), None)
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

/// `(what, result, code, path)`.
type Case = (&'static str, Result<JsValue, JsValue>, &'static str, &'static str);

fn check_cases(cases: Vec<Case>) {
    let mut wrong = Vec::new();
    for (what, result, code, path) in cases {
        let (got_code, got_path) = paysel_error(result);
        if got_code != code || got_path != path {
            wrong.push(format!(
                "{what}: got ({got_code}, {got_path:?}), want ({code}, {path:?})"
            ));
        }
        // The instance is still healthy after every error.
        assert_eq!(
            text(&decide(js(CONTEXTS[1]), None).expect("still decides")),
            core_decide(CONTEXTS[1], false),
            "after {what}"
        );
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[wasm_bindgen_test]
fn bad_contexts_throw_typed_errors_and_the_module_keeps_working() {
    let d = |context: JsValue| decide(context, None);
    check_cases(vec![
        ("undefined", d(JsValue::UNDEFINED), "context_malformed", ""),
        ("null", d(JsValue::NULL), "context_malformed", ""),
        ("a number", d(JsValue::from(5)), "context_malformed", ""),
        ("an array", d(js("[]")), "context_malformed", ""),
        ("a string", d(s("{}")), "context_malformed", ""),
        ("a function", d(eval("(function () {})")), "context_malformed", ""),
        ("a symbol", d(eval("Symbol('x')")), "context_malformed", ""),
        (
            "an extra field",
            d(js(r#"{"colour":"red"}"#)),
            "context_malformed",
            "colour",
        ),
        (
            "a number for a string",
            d(js(r#"{"currency":978}"#)),
            "context_malformed",
            "currency",
        ),
        (
            "a string for a number",
            d(js(r#"{"amount":"100"}"#)),
            "context_malformed",
            "amount",
        ),
        ("NaN", d(eval("({amount: NaN})")), "context_malformed", "amount"),
        (
            "Infinity",
            d(eval("({region_tier: Infinity})")),
            "context_malformed",
            "region_tier",
        ),
        (
            "-Infinity in a list",
            d(eval("({last_used: ['card', -Infinity]})")),
            "context_malformed",
            "last_used[1]",
        ),
        (
            "a BigInt",
            d(eval("({amount: 100n})")),
            "context_malformed",
            "amount",
        ),
        (
            "an unsafe integer",
            d(eval("({amount: 2 ** 60})")),
            "context_invalid",
            "amount",
        ),
        (
            "a fraction",
            d(eval("({amount: 12.5})")),
            "context_malformed",
            "amount",
        ),
        (
            "a hole in a list",
            d(eval("({last_used: ['card', , 'x']})")),
            "context_malformed",
            "last_used[1]",
        ),
        (
            "a throwing getter",
            d(eval("({probes: {get apple_pay() { throw new Error('no') }}})")),
            "context_malformed",
            "probes",
        ),
        (
            "a throwing proxy",
            d(eval(
                "({last_used: new Proxy([], {get() { throw new Error('no') }})})",
            )),
            "context_malformed",
            "last_used",
        ),
        (
            "a cycle",
            d(eval(
                "(() => { const p = {}; p.self = p; return {probes: p}; })()",
            )),
            "context_malformed",
            "probes.self",
        ),
        (
            "a cycle through a field",
            d(eval(
                "(() => { const c = {}; c.installed_wallets = c; return c; })()",
            )),
            "context_malformed",
            "installed_wallets.installed_wallets",
        ),
        (
            // Its JSON text would be 200,015 bytes, but the byte limit is one
            // of JSON text: an object fails at its first wrong value, in
            // every engine (Node's JSON.stringify gives up on this depth,
            // Chromium's does not).
            "deep nesting",
            d(eval(
                "(() => { let v = []; for (let i = 0; i < 100000; i++) v = [v]; return {last_used: v}; })()",
            )),
            "context_malformed",
            "last_used[0]",
        ),
        (
            "nesting that JSON.stringify writes",
            d(eval(
                "(() => { let v = []; for (let i = 0; i < 200; i++) v = [v]; return {last_used: v}; })()",
            )),
            "context_malformed",
            "last_used[0]",
        ),
        (
            "a long User-Agent",
            d(js(&format!(r#"{{"user_agent":"{}"}}"#, "x".repeat(3000)))),
            "limit_exceeded",
            "user_agent",
        ),
        (
            "a lone surrogate",
            d(eval("({user_agent: 'Mozilla \\ud800'})")),
            "context_malformed",
            "user_agent",
        ),
        (
            "over a limit and malformed",
            d(eval("({last_used: [...Array(16).fill('a'), 7]})")),
            "limit_exceeded",
            "last_used",
        ),
        (
            "a lowercase currency",
            d(js(r#"{"currency":"cny"}"#)),
            "context_invalid",
            "currency",
        ),
    ]);
    let dj = |context: &str| decide_json(context, None).map(JsValue::from);
    check_cases(vec![
        ("malformed text", dj("{"), "context_malformed", ""),
        (
            "text with an extra field",
            dj(r#"{"colour":"red"}"#),
            "context_malformed",
            "colour",
        ),
        ("a 1 MB text", dj(&"x".repeat(1 << 20)), "limit_exceeded", ""),
        (
            "not a string",
            paysel_wasm::decide_json(js("{}"), None)
                .map(JsValue::from)
                .map_err(JsValue::from),
            "context_malformed",
            "",
        ),
    ]);
}

#[wasm_bindgen_test]
fn bad_policies_options_and_hints_throw_typed_errors() {
    let policy = |value: JsValue| {
        JsEngine::new(o(Some(value)))
            .map(JsValue::from)
            .map_err(JsValue::from)
    };
    let with_options = |value: JsValue| decide(js("{}"), Some(value));
    let with_hints =
        |value: JsValue| paysel_wasm::detect(s("Mozilla/5.0"), o(Some(value))).map_err(JsValue::from);
    let default = paysel_core::DEFAULT_POLICY_JSON;
    let cyclic_policy = format!(
        "(() => {{ const p = JSON.parse({default:?}); p.boosts[0].self = p.boosts[0]; return p; }})()"
    );
    check_cases(vec![
        ("policy number", policy(JsValue::from(3)), "policy_malformed", ""),
        ("policy string", policy(s(default)), "policy_malformed", ""),
        (
            "policy with a cycle",
            policy(eval(&cyclic_policy)),
            "policy_malformed",
            "boosts[0].self",
        ),
        (
            "policy schema",
            policy(js(r#"{"schema":"paysel.policy/9"}"#)),
            "policy_schema_unsupported",
            "schema",
        ),
        (
            "policy without schema",
            policy(js(r#"{"version":1,"rails":[{"id":"card"}]}"#)),
            "policy_malformed",
            "schema",
        ),
        (
            "policy version NaN",
            policy(eval(&format!("({{...JSON.parse({default:?}), version: NaN}})"))),
            "policy_malformed",
            "version",
        ),
        (
            "policy text",
            JsEngine::from_policy_json(s("{"))
                .map(JsValue::from)
                .map_err(JsValue::from),
            "policy_malformed",
            "",
        ),
        (
            "policy text 1 MB",
            JsEngine::from_policy_json(s(&"x".repeat(1 << 20)))
                .map(JsValue::from)
                .map_err(JsValue::from),
            "limit_exceeded",
            "",
        ),
        (
            "policy as option",
            with_options(js(
                r#"{"policy":{"schema":"paysel.policy/1","version":1,"rails":[]}}"#,
            )),
            "policy_invalid",
            "rails",
        ),
        (
            "options string",
            with_options(s("explain")),
            "options_invalid",
            "options",
        ),
        (
            "options array",
            with_options(js("[]")),
            "options_invalid",
            "options",
        ),
        (
            "options explain type",
            with_options(js(r#"{"explain":"yes"}"#)),
            "options_invalid",
            "options.explain",
        ),
        (
            "options unknown",
            with_options(js(r#"{"verbose":true}"#)),
            "options_invalid",
            "options.verbose",
        ),
        (
            "options policy text in decideJson",
            decide_json("{}", Some(js(r#"{"policy":{}}"#))).map(JsValue::from),
            "options_invalid",
            "options.policy",
        ),
        (
            "engine options with a policy",
            JsEngine::new(None)
                .map_err(JsValue::from)
                .expect("default")
                .decide(js("{}"), o(Some(js(r#"{"policy":null}"#))))
                .map_err(JsValue::from),
            "options_invalid",
            "options.policy",
        ),
        (
            "hints type",
            with_hints(js(r#"{"ua_mobile":"yes"}"#)),
            "options_invalid",
            "hints.ua_mobile",
        ),
        (
            "hints unknown",
            with_hints(js(r#"{"colour":1}"#)),
            "options_invalid",
            "hints.colour",
        ),
        ("hints string", with_hints(s("{}")), "options_invalid", "hints"),
        (
            "UA number",
            paysel_wasm::detect(JsValue::from(5), None).map_err(JsValue::from),
            "options_invalid",
            "user_agent",
        ),
        (
            "UA undefined",
            paysel_wasm::detect(JsValue::UNDEFINED, None).map_err(JsValue::from),
            "options_invalid",
            "user_agent",
        ),
        (
            "UA 1 MB",
            paysel_wasm::detect(s(&"x".repeat(1 << 20)), None).map_err(JsValue::from),
            "limit_exceeded",
            "user_agent",
        ),
    ]);
    // Undefined and null options mean none.
    assert!(decide(js("{}"), Some(JsValue::NULL)).is_ok());
    assert!(decide(js("{}"), Some(js("{}"))).is_ok());
    assert!(!paysel_wasm::is_paysel_error(js_sys::Error::new("other").into()));
    assert!(!paysel_wasm::is_paysel_error(s("PayselError")));
}

#[wasm_bindgen_test]
fn errors_match_the_core_for_the_same_text() {
    let bad: &[&str] = &[
        r#"{"amount":-5}"#,
        r#"{"amount":12.5}"#,
        r#"{"installed_wallets":{"wechat":"maybe"}}"#,
        r#"{"probes":{"apple_pay":true}}"#,
        r#"{"last_used":"card"}"#,
        r#"{"country":"CHN"}"#,
        r#"{"region_tier":6}"#,
        r#"{"platfrom":"ios"}"#,
        r#"{"last_used":["a","b","c",7,"e","f","g","h","i","j","k","l","m","n","o","p","q"]}"#,
    ];
    for context in bad {
        let core = Engine::with_default_policy()
            .decide_json(context, DecideOptions::default())
            .expect_err("core refuses")
            .to_public();
        let from_text = decide_json(context, None).expect_err("refused");
        assert_eq!(
            prop(&from_text, "message").as_string(),
            Some(core.message.clone()),
            "{context}"
        );
        for err in [decide(js(context), None).expect_err("refused"), from_text] {
            assert_eq!(
                prop(&err, "code").as_string().as_deref(),
                Some(core.code.as_str()),
                "{context}"
            );
            assert_eq!(
                prop(&err, "path").as_string(),
                Some(core.path.clone()),
                "{context}"
            );
        }
    }
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
    let out = paysel_wasm::decide(context.clone(), None);
    assert!(out.is_ok(), "decides with the browser context");
}
