//! paysel for the web: the npm package `paysel`.
//!
//! A thin translation layer with no payment logic. JS values become JSON text
//! (see `src/json.rs`), the core decides through the same JSON entry points
//! every platform uses (`Engine::from_policy_json`, `Engine::decide_json`),
//! so error codes, error paths and number handling are identical everywhere,
//! and core errors become `PayselError` exceptions: real JS `Error` objects
//! with a stable `code` and the JSON `path` of the offending value.
//!
//! Input conventions, frozen by the tests in `tests/` and `js-tests/`:
//! - A context is a plain object or JSON text. `undefined` and `null` are
//!   refused (`context_malformed`): pass `{}` for an empty context.
//! - A policy is a plain object or JSON text; `undefined` and `null` mean the
//!   embedded default policy.
//! - Options are `{ explain?: boolean }`. A malformed option is part of the
//!   decide input and fails as `context_malformed` at `options.<name>`.
//! - Hints are the core `Hints` object; a malformed hint fails as
//!   `context_malformed` at `hints.<name>`.
//! - Signed policies (the `signed` feature, the `paysel/signed` entry; see
//!   `src/signed.rs`): an envelope is an `Envelope` object or JSON text
//!   (malformed: `envelope_malformed`); trusted keys are a `TrustedKey[]`
//!   (malformed: `key_invalid` at `trusted_keys...`); verify options are
//!   `VerifyOptions`, and omitted means "now" from `Date.now()` with no
//!   rollback floor (malformed: `envelope_malformed` at `options.<name>`).

use paysel_core::wire::{FromJsonText, ToJsonText};
use paysel_core::{detect_checked, DecideOptions, Detection, Error, Hints, DEFAULT_POLICY_JSON};
use std::borrow::Cow;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A `Context` object, or its JSON text.
    #[wasm_bindgen(typescript_type = "Context | string")]
    pub type ContextInput;
    /// A `Policy` object, or its JSON text.
    #[wasm_bindgen(typescript_type = "Policy | string")]
    pub type PolicyInput;
    /// `{ explain?: boolean }`.
    #[wasm_bindgen(typescript_type = "DecideOptions")]
    pub type OptionsInput;
    /// The core `Hints` object.
    #[wasm_bindgen(typescript_type = "Hints")]
    pub type HintsInput;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/** The stable code of a {@link PayselError}: the core's `ErrorCode` wire names. */
export type PayselErrorCode = ErrorCode;

/**
 * Every paysel function throws this on bad input: a real `Error` whose
 * `name` is `"PayselError"`, with a stable `code` and the JSON `path` of the
 * offending value (empty for the whole input). Messages are for developers
 * and carry no personal data. Test with {@link isPayselError}.
 */
export interface PayselError extends Error {
  name: "PayselError";
  /** Stable, machine-readable code. */
  code: PayselErrorCode;
  /** JSON path into the input, e.g. `rails[2].currencies[0]`; empty for the whole input. */
  path: string;
}

/** Options of one decision. */
export interface DecideOptions {
  /** Include each shown rail's score breakdown (`shown[i].score`). Default false. */
  explain?: boolean;
}
"#;

/// The engine for the embedded default policy, built on first use.
fn default_engine() -> &'static paysel_core::Engine {
    static DEFAULT: OnceLock<paysel_core::Engine> = OnceLock::new();
    DEFAULT.get_or_init(paysel_core::Engine::with_default_policy)
}

/// A core error as a `PayselError`: `Error` with `name`, `code` and `path`.
fn js_error(error: &Error) -> JsValue {
    let public = error.to_public();
    let err = js_sys::Error::new(&public.message);
    err.set_name("PayselError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &public.code.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &public.path.into());
    err.into()
}

/// Which input a conversion reads, for the error it reports.
#[derive(Clone, Copy)]
enum Input {
    Context,
    Policy,
    #[cfg(feature = "signed")]
    Envelope,
    /// `decide`'s options.
    Options,
    /// `detect`'s hints.
    Hints,
    #[cfg(feature = "signed")]
    TrustedKeys,
    #[cfg(feature = "signed")]
    VerifyOptions,
}

impl Input {
    fn malformed(self, path: &str, message: String) -> Error {
        let under = |name: &str| match path.chars().next() {
            None => name.to_owned(),
            Some('[') => format!("{name}{path}"),
            Some(_) => format!("{name}.{path}"),
        };
        match self {
            Input::Policy => Error::PolicyMalformed {
                path: path.to_owned(),
                message,
            },
            Input::Context => Error::ContextMalformed {
                path: path.to_owned(),
                message,
            },
            #[cfg(feature = "signed")]
            Input::Envelope => Error::EnvelopeMalformed {
                path: path.to_owned(),
                message,
            },
            Input::Options => Error::ContextMalformed {
                path: under("options"),
                message,
            },
            Input::Hints => Error::ContextMalformed {
                path: under("hints"),
                message,
            },
            #[cfg(feature = "signed")]
            Input::TrustedKeys => Error::KeyInvalid {
                path: under("trusted_keys"),
                message,
            },
            #[cfg(feature = "signed")]
            Input::VerifyOptions => Error::EnvelopeMalformed {
                path: under("options"),
                message,
            },
        }
    }
}

/// JSON text for a JS value: a string is taken as JSON text, anything else
/// is written as JSON (see `src/json.rs`).
fn json_text(value: &JsValue, input: Input) -> Result<String, Error> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    json::to_json(value).map_err(|r| input.malformed(&r.path, r.message))
}

/// Parses a small binding-side input (options, hints) with the path of the
/// first problem, as the core does for contexts and policies.
fn parse_part<T: FromJsonText>(value: &JsValue, input: Input) -> Result<T, Error> {
    if value.is_string() {
        return Err(input.malformed("", "expected an object or array, not a string".to_owned()));
    }
    let text = json_text(value, input)?;
    T::from_json_text(&text).map_err(|e| input.malformed(&e.path, e.message))
}

/// An optional argument: `undefined` and `null` are none, as in the JS glue.
fn given<T: Into<JsValue>>(value: Option<T>) -> Option<JsValue> {
    value
        .map(Into::into)
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `target[key]`, or `undefined` when `target` is not an object or reading
/// the property throws.
pub(crate) fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `{ explain?: boolean }`, strict like every paysel input: another key or
/// a non-boolean `explain` is refused.
fn decide_options(options: Option<OptionsInput>) -> Result<DecideOptions, Error> {
    let Some(value) = given(options) else {
        return Ok(DecideOptions::default());
    };
    let bad = |path: &str, message: String| Input::Options.malformed(path, message);
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(bad("", "expected an object like { explain: true }".to_owned()));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if key != "explain" {
            return Err(bad(&key, format!("unknown field `{key}`, expected `explain`")));
        }
    }
    let explain = get(&value, "explain");
    let explain = match explain.as_bool() {
        Some(explain) => explain,
        None if explain.is_undefined() => false,
        None => return Err(bad("explain", "expected a boolean".to_owned())),
    };
    Ok(DecideOptions { explain })
}

/// The engine for a policy argument: the shared default one when omitted.
fn engine_for(policy: Option<PolicyInput>) -> Result<Cow<'static, paysel_core::Engine>, Error> {
    match given(policy) {
        None => Ok(Cow::Borrowed(default_engine())),
        Some(value) => Ok(Cow::Owned(paysel_core::Engine::from_policy_json(&json_text(
            &value,
            Input::Policy,
        )?)?)),
    }
}

fn decide_with(
    engine: &paysel_core::Engine,
    context: &JsValue,
    options: Option<OptionsInput>,
) -> Result<JsValue, Error> {
    if context.is_undefined() || context.is_null() {
        return Err(Input::Context.malformed(
            "",
            "a context is required: pass an object or JSON text ({} for an empty context)".to_owned(),
        ));
    }
    let options = decide_options(options)?;
    let text = engine.decide_json(&json_text(context, Input::Context)?, options)?;
    parse_output(&text)
}

/// The core's JSON output as a plain JS object.
fn parse_output(text: &str) -> Result<JsValue, Error> {
    // The core's own serializer wrote `text`; JSON.parse cannot refuse it.
    js_sys::JSON::parse(text).map_err(|_| Error::ContextInvalid {
        path: String::new(),
        message: "the decision could not be read back".to_owned(),
    })
}

fn to_js<T: ToJsonText>(value: &T) -> Result<JsValue, Error> {
    parse_output(&value.to_json_text())
}

fn detect_with(user_agent: &JsValue, hints: Option<HintsInput>) -> Result<Detection, Error> {
    let Some(ua) = user_agent.as_string() else {
        return Err(Input::Context.malformed("user_agent", "expected the User-Agent as a string".to_owned()));
    };
    let hints: Hints = match given(hints) {
        None => Hints::default(),
        Some(value) => parse_part(&value, Input::Hints)?,
    };
    detect_checked(&ua, &hints)
}

/// Decides which payment rails a checkout shows, in what order, how each
/// launches, which one is preselected, and why every other rail is hidden.
///
/// `context` is a `Context` object or its JSON text (`{}` for an empty
/// context). `policy` is a `Policy` object or JSON text; omitted, `undefined`
/// or `null` means the embedded default policy. To decide many times with
/// one policy, build an {@link Engine} once instead.
///
/// @throws {PayselError} on malformed or invalid input.
#[wasm_bindgen(unchecked_return_type = "Decision")]
pub fn decide(
    context: ContextInput,
    policy: Option<PolicyInput>,
    options: Option<OptionsInput>,
) -> Result<JsValue, JsValue> {
    engine_for(policy)
        .and_then(|engine| decide_with(&engine, &context, options))
        .map_err(|e| js_error(&e))
}

/// Detects platform, form factor and in-app host from a User-Agent, sharpened
/// by optional browser `hints` (see {@link contextFromBrowser}).
///
/// @throws {PayselError} `limit_exceeded` at `user_agent` for a User-Agent
/// longer than 2,048 bytes, `context_malformed` for a non-string User-Agent
/// or malformed hints.
#[wasm_bindgen(unchecked_return_type = "Detection")]
pub fn detect(
    #[wasm_bindgen(js_name = userAgent, unchecked_param_type = "string")] user_agent: JsValue,
    hints: Option<HintsInput>,
) -> Result<JsValue, JsValue> {
    detect_with(&user_agent, hints)
        .and_then(|d| to_js(&d))
        .map_err(|e| js_error(&e))
}

/// The embedded default policy, as a plain object (a fresh copy per call).
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> Result<JsValue, JsValue> {
    parse_output(DEFAULT_POLICY_JSON).map_err(|e| js_error(&e))
}

/// The version of paysel, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    paysel_core::version().to_owned()
}

/// True when `value` is an error thrown by paysel.
#[wasm_bindgen(js_name = isPayselError, unchecked_return_type = "value is PayselError")]
pub fn is_paysel_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && js_sys::Reflect::get(&value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == "PayselError")
}

/// A validated policy, ready to decide many times. Build one per policy and
/// keep it: deciding does not parse the policy again.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    inner: paysel_core::Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// An engine for `policy` (a `Policy` object or JSON text); omitted,
    /// `undefined` or `null` means the embedded default policy.
    ///
    /// @throws {PayselError} `policy_malformed`, `policy_schema_unsupported`,
    /// `policy_invalid` or `limit_exceeded`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<PolicyInput>) -> Result<JsEngine, JsValue> {
        engine_for(policy)
            .map(|inner| JsEngine {
                inner: inner.into_owned(),
            })
            .map_err(|e| js_error(&e))
    }

    /// Replaces this engine's policy (a `Policy` object or JSON text). On
    /// error the engine keeps its current policy and stays usable.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = applyPolicy)]
    pub fn apply_policy(&mut self, policy: PolicyInput) -> Result<(), JsValue> {
        json_text(&policy, Input::Policy)
            .and_then(|text| self.inner.apply_policy_json(&text))
            .map_err(|e| js_error(&e))
    }

    /// Decides for `context` (a `Context` object or JSON text) with this
    /// engine's policy. See {@link decide}.
    ///
    /// @throws {PayselError} on malformed or invalid context.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn decide(&self, context: ContextInput, options: Option<OptionsInput>) -> Result<JsValue, JsValue> {
        decide_with(&self.inner, &context, options).map_err(|e| js_error(&e))
    }

    /// Same as the top-level {@link detect}.
    ///
    /// @throws {PayselError} as {@link detect} does.
    #[wasm_bindgen(unchecked_return_type = "Detection")]
    pub fn detect(
        &self,
        #[wasm_bindgen(js_name = userAgent, unchecked_param_type = "string")] user_agent: JsValue,
        hints: Option<HintsInput>,
    ) -> Result<JsValue, JsValue> {
        detect(user_agent, hints)
    }
}

mod browser;
mod json;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod memory;
#[cfg(feature = "signed")]
mod signed;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: memory::SizeClasses = memory::SizeClasses::new();
pub use browser::context_from_browser;
