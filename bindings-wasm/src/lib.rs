//! paysel for the web: the npm package `paysel`.
//!
//! A translation layer with no payment logic. Every input takes one path:
//! a JS value is written as JSON text by `js/json.js` (`JSON.stringify`,
//! refusing what JSON cannot carry with its path), and the core reads that
//! text with its one reader, as it reads the text given to the `*Json`
//! functions; so an object and its JSON text fail alike by construction.
//! Outputs are plain JS objects whose `JSON.stringify` is the core's JSON
//! byte for byte. Core errors become `PayselError`s: real JS `Error`s with a
//! stable `code` and the JSON `path` of the offending value.
//!
//! Arguments other than the context, the policy and the envelope (decide
//! options, hints, pinned keys, verify options, a non-string User-Agent)
//! fail as `options_invalid`, with a path that names the argument:
//! `options.explain`, `hints.touch`, `trusted_keys[1].public_key`.

// No panic may reach the host app (see [workspace.lints] in Cargo.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::Reflect;
use paysel_core::wire::{self, nested_path, WireError};
use paysel_core::{
    CheckoutContext, DecideOptions, Engine, Error, Exposure, Hints, OutcomeResult, Policy, WireEnum,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

/// A paysel type as a JS value, typed in TypeScript by its tsify name.
type Ts<T> = <T as tsify::Tsify>::JsType;

/// An optional argument as JS passes it (omitted, `undefined` or `null` is
/// none): typed in TypeScript as `name?: T | null`.
fn js<T: Into<JsValue>>(value: Option<T>) -> Option<JsValue> {
    value
        .map(Into::into)
        .filter(|v| !v.is_undefined() && !v.is_null())
}

mod browser;
#[cfg(feature = "signed")]
mod signed;

pub use browser::context_from_browser;

#[wasm_bindgen(module = "/js/json.js")]
extern "C" {
    /// The JSON text of a JS value; throws `{ path, message }` for a value
    /// JSON cannot carry.
    #[wasm_bindgen(catch)]
    fn json(value: &JsValue) -> Result<String, JsValue>;
    /// A string argument, well-formed; throws `{ path, message }` if not.
    #[wasm_bindgen(catch, js_name = text)]
    fn well_formed(value: &JsValue) -> Result<String, JsValue>;
}

/// `PayselError`'s TypeScript declaration.
#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = include_str!("../js/errors.d.ts");

/// A core error on its way to JS, where it becomes a `PayselError`.
pub struct PayselError(Error);

impl From<Error> for PayselError {
    fn from(error: Error) -> PayselError {
        PayselError(error)
    }
}

impl From<PayselError> for JsValue {
    fn from(PayselError(error): PayselError) -> JsValue {
        let public = error.to_public();
        let js = js_sys::Error::new(&public.message);
        js.set_name("PayselError");
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&js, &"code".into(), &public.code.as_str().into());
        let _ = Reflect::set(&js, &"path".into(), &public.path.into());
        js.into()
    }
}

/// Which argument a value is, for the error it gets.
#[derive(Clone, Copy)]
pub(crate) enum Arg {
    Context,
    Policy,
    #[cfg(feature = "signed")]
    Envelope,
    /// A binding argument, by the name its error paths start with.
    Option(&'static str),
}

impl Arg {
    pub(crate) fn error(self, e: WireError) -> Error {
        let (path, message) = (e.path, e.message);
        match self {
            Arg::Context => Error::ContextMalformed { path, message },
            Arg::Policy => Error::PolicyMalformed { path, message },
            #[cfg(feature = "signed")]
            Arg::Envelope => Error::EnvelopeMalformed { path, message },
            Arg::Option(name) => Error::OptionsInvalid {
                path: nested_path(name, &path),
                message,
            },
        }
    }

    /// The error for a value `js/json.js` refused.
    fn refused(self, refusal: JsValue) -> Error {
        let field = |name: &str| {
            Reflect::get(&refusal, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        self.error(WireError {
            path: field("path").unwrap_or_default(),
            message: field("message").unwrap_or_default(),
        })
    }
}

/// The JSON text of a JS value, which the core reads; a value JSON cannot
/// carry is refused as the argument's error, at its path.
pub(crate) fn text(value: &JsValue, arg: Arg) -> Result<String, Error> {
    json(value).map_err(|refusal| arg.refused(refusal))
}

/// A string argument (JSON text, a User-Agent, a rail), well-formed.
pub(crate) fn string(value: &JsValue, arg: Arg) -> Result<String, Error> {
    well_formed(value).map_err(|refusal| arg.refused(refusal))
}

/// Reads a binding argument (options, hints, pinned keys, a decision).
pub(crate) fn argument<T: DeserializeOwned>(value: &JsValue, name: &'static str) -> Result<T, Error> {
    let arg = Arg::Option(name);
    wire::from_json(&text(value, arg)?).map_err(|e| arg.error(e))
}

/// Reads optional options, which must be an object; none means their
/// defaults.
pub(crate) fn options<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    name: &'static str,
) -> Result<T, Error> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    let arg = Arg::Option(name);
    wire::from_json_object(&text(&value, arg)?).map_err(|e| arg.error(e))
}

/// A context argument, read and checked by the core.
fn context(value: &JsValue) -> Result<CheckoutContext, Error> {
    paysel_core::parse_context(&text(value, Arg::Context)?)
}

/// A core value as a plain JS object: the core's JSON, read back with
/// `JSON.parse`. One serializer for every output; serde-wasm-bindgen's
/// object builder measured 5 KB more .wasm for a decision about a fifth
/// faster (README, Size and speed).
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    // JSON.parse of serde_json's output cannot fail.
    js_sys::JSON::parse(&wire::to_json(value)).unwrap_or(JsValue::NULL)
}

/// `value`, unless it carries a `policy_version` a JS number cannot hold
/// exactly: `JSON.parse` would round 2^53 or more, so that is refused.
fn exact<T>(value: T, policy_version: i64) -> Result<T, Error> {
    if policy_version >= 1 << 53 {
        return Err(Error::PolicyInvalid {
            path: "version".to_owned(),
            message: "must be below 2^53 for JS numbers to hold it".to_owned(),
        });
    }
    Ok(value)
}

/// The engine for the embedded default policy, built on first use from the
/// core's baked data (no parsing), then shared by every call that omits a
/// policy and cloned (sharing the policy) by `new Engine()`.
fn default_engine() -> &'static Engine {
    static DEFAULT: OnceLock<Engine> = OnceLock::new();
    DEFAULT.get_or_init(Engine::with_default_policy)
}

/// The engine for a policy's JSON text, or the default one.
fn engine_for(policy: Option<&str>) -> Result<Cow<'static, Engine>, Error> {
    Ok(match policy {
        None => Cow::Borrowed(default_engine()),
        Some(text) => Cow::Owned(Engine::from_policy_json(text)?),
    })
}

/// Options of the top-level `decide`.
#[derive(Default, Deserialize, tsify::Tsify)]
#[serde(deny_unknown_fields, default)]
pub struct DecideWithPolicyOptions {
    /// The policy to decide with; omitted or null is the embedded default.
    /// To decide more than once with a policy, build an Engine instead.
    #[tsify(type = "Policy | null")]
    pub policy: Option<Box<RawValue>>,
    /// Include each shown rail's score breakdown (`shown[i].score`).
    pub explain: bool,
}

/// Options of the top-level `decideJson`.
#[derive(Default, Deserialize, tsify::Tsify)]
#[serde(deny_unknown_fields, default)]
pub struct DecideJsonWithPolicyOptions {
    /// The policy to decide with, as JSON text; omitted or null is the
    /// embedded default.
    pub policy: Option<String>,
    /// Include each shown rail's score breakdown (`shown[i].score`).
    pub explain: bool,
}

/// Decides which payment rails a checkout shows, in what order, how each
/// launches, which one is preselected, and why every other rail is hidden.
///
/// `context` is a `CheckoutContext` object (`{}` for an empty one).
/// `options.policy` is the policy to decide with (omitted: the embedded
/// default); `options.explain` adds each shown rail's score breakdown.
///
/// @throws {PayselError} on malformed or invalid input.
#[wasm_bindgen(unchecked_return_type = "Decision")]
pub fn decide(
    #[wasm_bindgen(unchecked_param_type = "CheckoutContext")] context: JsValue,
    options: Option<Ts<DecideWithPolicyOptions>>,
) -> Result<JsValue, PayselError> {
    let options: DecideWithPolicyOptions = self::options(js(options), "options")?;
    let engine = engine_for(options.policy.as_deref().map(RawValue::get))?;
    let context = self::context(&context)?;
    let decision = engine.decide(
        &context,
        DecideOptions {
            explain: options.explain,
        },
    )?;
    let version = decision.policy_version;
    Ok(to_js(&exact(decision, version)?))
}

/// `decide` for a context given as JSON text, with the policy as JSON text
/// too (`options.policy`); returns the decision as the core's JSON text.
/// Errors in JSON text carry its line and column in their message.
///
/// @throws {PayselError} on malformed or invalid input.
#[wasm_bindgen(js_name = decideJson)]
pub fn decide_json(
    #[wasm_bindgen(js_name = contextJson, unchecked_param_type = "string")] context_json: JsValue,
    options: Option<Ts<DecideJsonWithPolicyOptions>>,
) -> Result<String, PayselError> {
    let options: DecideJsonWithPolicyOptions = self::options(js(options), "options")?;
    let engine = engine_for(options.policy.as_deref())?;
    let context = string(&context_json, Arg::Context)?;
    let explain = options.explain;
    Ok(engine.decide_json(&context, DecideOptions { explain })?)
}

/// Plans a server-rendered checkout: the device probes (Apple Pay, Google
/// Pay, Payment Request) whose answers can still change the decision for
/// `context`, and the decision for every answer they can give, for
/// `paysel/plan` to pick from on the phone without WebAssembly. Each
/// decision is exactly what `decide` returns with those answers filled in.
/// `options` are `decide`'s: the policy (omitted: the embedded default) and
/// `explain`.
///
/// @throws {PayselError} on malformed or invalid input, as `decide` does.
#[wasm_bindgen(unchecked_return_type = "Plan")]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "CheckoutContext")] context: JsValue,
    options: Option<Ts<DecideWithPolicyOptions>>,
) -> Result<JsValue, PayselError> {
    let options: DecideWithPolicyOptions = self::options(js(options), "options")?;
    let engine = engine_for(options.policy.as_deref().map(RawValue::get))?;
    let context = self::context(&context)?;
    let plan = engine.plan(
        &context,
        DecideOptions {
            explain: options.explain,
        },
    )?;
    let version = engine.policy().version;
    Ok(to_js(&exact(plan, version)?))
}

/// Detects platform, form factor and in-app host from a User-Agent, sharpened
/// by optional browser `hints` (see {@link contextFromBrowser}).
///
/// @throws {PayselError} `limit_exceeded` at `user_agent` for a User-Agent
/// longer than 2,048 bytes; `options_invalid` for a non-string User-Agent
/// (at `user_agent`) or malformed hints (at `hints...`).
#[wasm_bindgen(unchecked_return_type = "Detection")]
pub fn detect(
    #[wasm_bindgen(js_name = userAgent, unchecked_param_type = "string")] user_agent: JsValue,
    hints: Option<Ts<Hints>>,
) -> Result<JsValue, PayselError> {
    let user_agent = string(&user_agent, Arg::Option("user_agent"))?;
    let hints: Hints = options(js(hints), "hints")?;
    Ok(to_js(&paysel_core::detect_checked(&user_agent, &hints)?))
}

/// What the events read of a decision: its `exposure`, which holds
/// everything an event copies (the rest of a decision is not read).
#[derive(Deserialize)]
struct Shown {
    exposure: Exposure,
}

/// The `selection` analytics event for the shopper choosing `rail` among
/// the decision's shown rails (its `position` counts from 1), as a plain
/// object whose `JSON.stringify` is the event's JSON line on every platform.
/// The exposure event is the decision's own `exposure`.
///
/// @throws {PayselError} `rail_not_shown` at `rail` when the decision did
/// not show that rail; `options_invalid` at `decision...` for a value that
/// is not a decision.
#[wasm_bindgen(unchecked_return_type = "Selection")]
pub fn selection(
    #[wasm_bindgen(unchecked_param_type = "Decision")] decision: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] rail: JsValue,
) -> Result<JsValue, PayselError> {
    let decision: Shown = argument(&decision, "decision")?;
    let rail = string(&rail, Arg::Option("rail"))?;
    Ok(to_js(&decision.exposure.selection(&rail)?))
}

/// The `outcome` analytics event for how an attempt to pay with `rail`, one
/// of the decision's shown rails, ended; a plain object, as `selection`.
///
/// @throws {PayselError} as {@link selection} does, and `options_invalid`
/// at `result` for a result that is not an `OutcomeResult`.
#[wasm_bindgen(unchecked_return_type = "Outcome")]
pub fn outcome(
    #[wasm_bindgen(unchecked_param_type = "Decision")] decision: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] rail: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OutcomeResult")] result: JsValue,
) -> Result<JsValue, PayselError> {
    let decision: Shown = argument(&decision, "decision")?;
    let rail = string(&rail, Arg::Option("rail"))?;
    let result: OutcomeResult = argument(&result, "result")?;
    Ok(to_js(&decision.exposure.outcome(&rail, result)?))
}

/// The embedded default policy, as a plain object (a fresh copy per call).
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> Result<JsValue, PayselError> {
    Ok(to_js(default_engine().policy()))
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
        && Reflect::get(&value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == "PayselError")
}

/// A validated policy, ready to decide many times. Build one per policy and
/// keep it: deciding does not read the policy again.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    inner: Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// An engine for a `Policy` object; omitted, `undefined` or `null` means
    /// the embedded default policy.
    ///
    /// @throws {PayselError} `policy_malformed`, `policy_schema_unsupported`,
    /// `policy_invalid` or `limit_exceeded`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<Ts<Policy>>) -> Result<JsEngine, PayselError> {
        let policy = js(policy).map(|p| text(&p, Arg::Policy)).transpose()?;
        let inner = engine_for(policy.as_deref())?.into_owned();
        Ok(JsEngine { inner })
    }

    /// An engine for a policy given as JSON text.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = fromPolicyJson)]
    pub fn from_policy_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsEngine, PayselError> {
        let inner = Engine::from_policy_json(&string(&text, Arg::Policy)?)?;
        Ok(JsEngine { inner })
    }

    /// Replaces this engine's policy with a `Policy` object. On error the
    /// engine keeps its current policy and stays usable.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = applyPolicy)]
    pub fn apply_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Policy")] policy: JsValue,
    ) -> Result<(), PayselError> {
        Ok(self.inner.apply_policy_json(&text(&policy, Arg::Policy)?)?)
    }

    /// `applyPolicy` for a policy given as JSON text.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = applyPolicyJson)]
    pub fn apply_policy_json(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<(), PayselError> {
        Ok(self.inner.apply_policy_json(&string(&text, Arg::Policy)?)?)
    }

    /// Decides for a `CheckoutContext` with this engine's policy; see the
    /// top-level {@link decide}.
    ///
    /// @throws {PayselError} on a malformed or invalid context or options.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CheckoutContext")] context: JsValue,
        options: Option<Ts<DecideOptions>>,
    ) -> Result<JsValue, PayselError> {
        let options: DecideOptions = self::options(js(options), "options")?;
        let decision = self.inner.decide(&self::context(&context)?, options)?;
        let version = decision.policy_version;
        Ok(to_js(&exact(decision, version)?))
    }

    /// `decide` for a context given as JSON text; returns the decision as
    /// the core's JSON text.
    ///
    /// @throws {PayselError} on a malformed or invalid context or options.
    #[wasm_bindgen(js_name = decideJson)]
    pub fn decide_json(
        &self,
        #[wasm_bindgen(js_name = contextJson, unchecked_param_type = "string")] context_json: JsValue,
        options: Option<Ts<DecideOptions>>,
    ) -> Result<String, PayselError> {
        let options: DecideOptions = self::options(js(options), "options")?;
        let context = string(&context_json, Arg::Context)?;
        Ok(self.inner.decide_json(&context, options)?)
    }

    /// Same as the top-level {@link detect}.
    ///
    /// @throws {PayselError} as {@link detect} does.
    #[wasm_bindgen(unchecked_return_type = "Detection")]
    pub fn detect(
        &self,
        #[wasm_bindgen(js_name = userAgent, unchecked_param_type = "string")] user_agent: JsValue,
        hints: Option<Ts<Hints>>,
    ) -> Result<JsValue, PayselError> {
        detect(user_agent, hints)
    }
}

/// Overflows the stack until the instance traps, for the trap-recovery
/// tests: the worst kind of trap, after which every call traps again until
/// the instance is replaced. Compiled only with the `trap-for-tests`
/// feature, which no shipped build has.
#[cfg(feature = "trap-for-tests")]
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() -> u32 {
    fn deeper(depth: u32) -> u32 {
        let frame = std::hint::black_box([depth as u8; 4096]);
        match std::hint::black_box(depth) {
            u32::MAX => 0,
            _ => deeper(depth + 1).wrapping_add(u32::from(frame.iter().fold(0, |a, b| a ^ b))),
        }
    }
    deeper(0)
}
