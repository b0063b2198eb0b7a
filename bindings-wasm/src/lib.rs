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
//! Which error a bad argument gets, at which path (`options.explain`,
//! `hints.touch`, `trusted_keys[1].public_key`), is the core's `wire::Input`.

// No panic may reach the host app (see [workspace.lints] in Cargo.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::Reflect;
use paysel_core::wire::{self, Input, WireError};
use paysel_core::{
    CheckoutContext, DecideOptions, Decision, DecisionExposure, Engine, Error, Hints, OutcomeResult, Policy,
    WireEnum,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// A paysel type as a JS value, typed in TypeScript by its tsify name.
type Ts<T> = <T as Tsify>::JsType;
/// An optional argument, `name?: T | null` in TypeScript (see [`js`]).
type Opt<T> = Option<Ts<T>>;
/// What a call gives JS: its value, or a `PayselError` it throws.
type Out<T = JsValue> = Result<T, PayselError>;

/// An optional argument as JS passes it: omitted, `undefined` or `null` is
/// none.
fn js<T: Into<JsValue>>(value: Option<T>) -> Option<JsValue> {
    let value: Option<JsValue> = value.map(Into::into);
    value.filter(|v| !v.is_undefined() && !v.is_null())
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
    pub(crate) fn json(value: &JsValue) -> Result<String, JsValue>;
    /// A string argument, well-formed; throws `{ path, message }` if not.
    #[wasm_bindgen(catch, js_name = text)]
    pub(crate) fn well_formed(value: &JsValue) -> Result<String, JsValue>;
    /// A string argument as JS passes it, typed `string` in TypeScript; a
    /// non-string is refused by `well_formed`, as that argument's error.
    #[wasm_bindgen(typescript_type = "string")]
    pub type Str;
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

/// An argument's text as `js/json.js` gives it (`json` for a value,
/// `well_formed` for a string); a value it refused, `{ path, message }`, is
/// the error of the argument `input` at that path.
pub(crate) fn given(text: Result<String, JsValue>, input: Input) -> Result<String, Error> {
    text.map_err(|refusal| {
        let field = |name: &str| Reflect::get(&refusal, &name.into()).ok()?.as_string();
        let path = field("path").unwrap_or_default();
        let message = field("message").unwrap_or_default();
        input.error(WireError { path, message })
    })
}

/// Reads a binding argument (hints, options, pinned keys, a decision).
pub(crate) fn argument<T: DeserializeOwned>(value: &JsValue, name: &'static str) -> Result<T, Error> {
    let input = Input::Argument(name);
    input.read(&given(json(value), input)?)
}

/// Reads optional options, which must be an object; none is omitted,
/// `undefined` or `null`.
pub(crate) fn options<T: Tsify + DeserializeOwned>(
    value: Opt<T>,
    name: &'static str,
) -> Result<Option<T>, Error> {
    let input = Input::Argument(name);
    let text = js(value).map(|v| given(json(&v), input)).transpose()?;
    text.map(|text| input.read_object(&text)).transpose()
}

/// A context argument, read and checked by the core.
fn context(value: &JsValue) -> Result<CheckoutContext, Error> {
    paysel_core::parse_context(&given(json(value), Input::Context)?)
}

/// A core value as a plain JS object: the core's JSON, read back with
/// `JSON.parse`. One serializer for every output; serde-wasm-bindgen's
/// object builder measured 5 KB more .wasm for a decision about a fifth
/// faster (README, Size and speed).
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    // JSON.parse of serde_json's output cannot fail.
    js_sys::JSON::parse(&wire::to_json(value)).unwrap_or(JsValue::NULL)
}

/// The engine for a policy's JSON text, or for the embedded default policy
/// (shared, built once).
fn engine_for(policy: Option<&str>) -> Result<Engine, Error> {
    policy.map_or_else(|| Ok(Engine::with_default_policy()), Engine::from_policy_json)
}

/// Options of the top-level `decide`.
#[derive(Default, Deserialize, Tsify)]
#[serde(deny_unknown_fields, default)]
pub struct DecideWithPolicyOptions {
    /// The policy to decide with; omitted or null is the embedded default.
    /// To decide more than once with a policy, build an Engine instead.
    #[tsify(type = "Policy | null")]
    pub policy: Option<Box<RawValue>>,
    /// Include each shown rail's score breakdown (`shown[i].score`).
    pub explain: bool,
}

impl DecideWithPolicyOptions {
    /// The engine and the decide options that `options` ask for.
    fn read(options: Opt<Self>) -> Result<(Engine, DecideOptions), Error> {
        let Self { policy, explain } = self::options(options, "options")?.unwrap_or_default();
        let engine = engine_for(policy.as_deref().map(RawValue::get))?;
        Ok((engine, DecideOptions { explain }))
    }
}

/// Options of the top-level `decideJson`.
#[derive(Default, Deserialize, Tsify)]
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
pub fn decide(context: Ts<CheckoutContext>, options: Opt<DecideWithPolicyOptions>) -> Out {
    let (engine, options) = DecideWithPolicyOptions::read(options)?;
    Ok(to_js(&engine.decide(&self::context(&context)?, options)?))
}

/// `decide` for a context given as JSON text, with the policy as JSON text
/// too (`options.policy`); returns the decision as the core's JSON text.
/// Errors in JSON text carry its line and column in their message.
///
/// @throws {PayselError} on malformed or invalid input.
#[wasm_bindgen(js_name = decideJson)]
pub fn decide_json(
    #[wasm_bindgen(js_name = contextJson)] context_json: Str,
    options: Opt<DecideJsonWithPolicyOptions>,
) -> Out<String> {
    let DecideJsonWithPolicyOptions { policy, explain } =
        self::options(options, "options")?.unwrap_or_default();
    let context = given(well_formed(&context_json), Input::Context)?;
    Ok(engine_for(policy.as_deref())?.decide_json(&context, DecideOptions { explain })?)
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
pub fn plan(context: Ts<CheckoutContext>, options: Opt<DecideWithPolicyOptions>) -> Out {
    let (engine, options) = DecideWithPolicyOptions::read(options)?;
    Ok(to_js(&engine.plan(&self::context(&context)?, options)?))
}

/// Detects platform, form factor and in-app host from a User-Agent, sharpened
/// by optional browser `hints` (see {@link contextFromBrowser}).
///
/// @throws {PayselError} `limit_exceeded` at `user_agent` for a User-Agent
/// longer than 2,048 bytes; `options_invalid` for a non-string User-Agent
/// (at `user_agent`) or malformed hints (at `hints...`).
#[wasm_bindgen(unchecked_return_type = "Detection")]
pub fn detect(#[wasm_bindgen(js_name = userAgent)] user_agent: Str, hints: Opt<Hints>) -> Out {
    let user_agent = given(well_formed(&user_agent), Input::Argument("user_agent"))?;
    let hints: Hints = options(hints, "hints")?.unwrap_or_default();
    Ok(to_js(&paysel_core::detect_checked(&user_agent, &hints)?))
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
pub fn selection(decision: Ts<Decision>, rail: Str) -> Out {
    let decision: DecisionExposure = argument(&decision, "decision")?;
    let rail = given(well_formed(&rail), Input::Argument("rail"))?;
    Ok(to_js(&decision.exposure.selection(&rail)?))
}

/// The `outcome` analytics event for how an attempt to pay with `rail`, one
/// of the decision's shown rails, ended; a plain object, as `selection`.
///
/// @throws {PayselError} as {@link selection} does, and `options_invalid`
/// at `result` for a result that is not an `OutcomeResult`.
#[wasm_bindgen(unchecked_return_type = "Outcome")]
pub fn outcome(decision: Ts<Decision>, rail: Str, result: Ts<OutcomeResult>) -> Out {
    let decision: DecisionExposure = argument(&decision, "decision")?;
    let rail = given(well_formed(&rail), Input::Argument("rail"))?;
    let result: OutcomeResult = argument(&result, "result")?;
    Ok(to_js(&decision.exposure.outcome(&rail, result)?))
}

/// The embedded default policy, as a plain object (a fresh copy per call).
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> Out {
    Ok(to_js(Engine::with_default_policy().policy()))
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
    pub fn new(policy: Option<Ts<Policy>>) -> Out<JsEngine> {
        let policy = js(policy).map(|p| given(json(&p), Input::Policy)).transpose()?;
        let inner = engine_for(policy.as_deref())?;
        Ok(JsEngine { inner })
    }

    /// An engine for a policy given as JSON text.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = fromPolicyJson)]
    pub fn from_policy_json(text: Str) -> Out<JsEngine> {
        let inner = Engine::from_policy_json(&given(well_formed(&text), Input::Policy)?)?;
        Ok(JsEngine { inner })
    }

    /// Replaces this engine's policy with a `Policy` object. On error the
    /// engine keeps its current policy and stays usable.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = applyPolicy)]
    pub fn apply_policy(&mut self, policy: Ts<Policy>) -> Out<()> {
        Ok(self
            .inner
            .apply_policy_json(&given(json(&policy), Input::Policy)?)?)
    }

    /// `applyPolicy` for a policy given as JSON text.
    ///
    /// @throws {PayselError} as the constructor does.
    #[wasm_bindgen(js_name = applyPolicyJson)]
    pub fn apply_policy_json(&mut self, text: Str) -> Out<()> {
        Ok(self
            .inner
            .apply_policy_json(&given(well_formed(&text), Input::Policy)?)?)
    }

    /// Decides for a `CheckoutContext` with this engine's policy; see the
    /// top-level {@link decide}.
    ///
    /// @throws {PayselError} on a malformed or invalid context or options.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn decide(&self, context: Ts<CheckoutContext>, options: Opt<DecideOptions>) -> Out {
        let options: DecideOptions = self::options(options, "options")?.unwrap_or_default();
        Ok(to_js(&self.inner.decide(&self::context(&context)?, options)?))
    }

    /// `decide` for a context given as JSON text; returns the decision as
    /// the core's JSON text.
    ///
    /// @throws {PayselError} on a malformed or invalid context or options.
    #[wasm_bindgen(js_name = decideJson)]
    pub fn decide_json(
        &self,
        #[wasm_bindgen(js_name = contextJson)] context_json: Str,
        options: Opt<DecideOptions>,
    ) -> Out<String> {
        let options: DecideOptions = self::options(options, "options")?.unwrap_or_default();
        Ok(self
            .inner
            .decide_json(&given(well_formed(&context_json), Input::Context)?, options)?)
    }

    /// Same as the top-level {@link detect}.
    ///
    /// @throws {PayselError} as {@link detect} does.
    #[wasm_bindgen(unchecked_return_type = "Detection")]
    pub fn detect(&self, #[wasm_bindgen(js_name = userAgent)] user_agent: Str, hints: Opt<Hints>) -> Out {
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
