//! Signed policies, in the `paysel/signed` entry of the npm package (the
//! crate's `signed` feature).
//!
//! Why a second entry: Ed25519 verification (SHA-512 and curve arithmetic)
//! is about a fifth of the package, and most checkouts load their policy
//! from their own backend without a signature. `paysel` leaves it out;
//! `paysel/signed` is the same API plus the methods below, built from the
//! same code.

use crate::{argument, given, json, well_formed, JsEngine, Opt, Out, Str, Ts};
use paysel_core::wire::Input;
use paysel_core::{Engine, Envelope, Error, TrustedKey, VerifyOptions};
use wasm_bindgen::prelude::*;

/// Verifies an envelope (its text as `js/json.js` gives it) with `verify`,
/// the core's (building an engine, or updating one), against the pinned
/// keys and options of the call, which are read first as the core checks
/// the pinned keys first. Without options, "now" is the JS clock.
fn verify<T>(
    envelope: Result<String, JsValue>,
    keys: &JsValue,
    options: Opt<VerifyOptions>,
    verify: impl FnOnce(&str, &[TrustedKey], VerifyOptions) -> Result<T, Error>,
) -> Out<T> {
    let keys: Vec<TrustedKey> = argument(keys, "trusted_keys")?;
    let now = || VerifyOptions::at_unix_millis(js_sys::Date::now());
    let options = crate::options(options, "options")?.unwrap_or_else(now);
    Ok(verify(&given(envelope, Input::Envelope)?, &keys, options)?)
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// An engine for a signed policy (see the core's `envelope` module):
    /// `envelope` must be signed by one of `trustedKeys`, unexpired at
    /// `options.now_unix_seconds` and not below `options.min_version`.
    /// Without `options`, "now" is `Date.now()` and there is no rollback
    /// floor.
    ///
    /// @throws {PayselError} `envelope_malformed`, `signature_invalid`,
    /// `key_unknown`, `key_invalid`, `policy_expired`, `policy_rollback`,
    /// any policy error of the signed policy, or `options_invalid` for
    /// malformed `trustedKeys` or `options`.
    #[wasm_bindgen(js_name = fromSignedPolicy)]
    pub fn from_signed_policy(
        envelope: Ts<Envelope>,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] keys: JsValue,
        options: Opt<VerifyOptions>,
    ) -> Out<JsEngine> {
        let inner = verify(json(&envelope), &keys, options, Engine::from_signed_policy)?;
        Ok(JsEngine { inner })
    }

    /// `fromSignedPolicy` for an envelope given as JSON text.
    ///
    /// @throws {PayselError} as {@link Engine.fromSignedPolicy} does.
    #[wasm_bindgen(js_name = fromSignedPolicyJson)]
    pub fn from_signed_policy_json(
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: Str,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] keys: JsValue,
        options: Opt<VerifyOptions>,
    ) -> Out<JsEngine> {
        let inner = verify(
            well_formed(&envelope_json),
            &keys,
            options,
            Engine::from_signed_policy,
        )?;
        Ok(JsEngine { inner })
    }

    /// Replaces this engine's policy with a signed one, verified as
    /// {@link Engine.fromSignedPolicy} does; the rollback floor is also at
    /// least the version of the last signed policy this engine accepted. On
    /// error the engine keeps its current policy and stays usable.
    ///
    /// @throws {PayselError} as {@link Engine.fromSignedPolicy} does.
    #[wasm_bindgen(js_name = applySignedPolicy)]
    pub fn apply_signed_policy(
        &mut self,
        envelope: Ts<Envelope>,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] keys: JsValue,
        options: Opt<VerifyOptions>,
    ) -> Out<()> {
        let apply = |e: &str, k: &[TrustedKey], o| self.inner.apply_signed_policy(e, k, o);
        verify(json(&envelope), &keys, options, apply)
    }

    /// `applySignedPolicy` for an envelope given as JSON text.
    ///
    /// @throws {PayselError} as {@link Engine.fromSignedPolicy} does.
    #[wasm_bindgen(js_name = applySignedPolicyJson)]
    pub fn apply_signed_policy_json(
        &mut self,
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: Str,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] keys: JsValue,
        options: Opt<VerifyOptions>,
    ) -> Out<()> {
        let apply = |e: &str, k: &[TrustedKey], o| self.inner.apply_signed_policy(e, k, o);
        verify(well_formed(&envelope_json), &keys, options, apply)
    }

    /// The version of the last signed policy this engine accepted, if any:
    /// persist it and pass it back as `min_version` after a restart.
    #[wasm_bindgen(getter, js_name = signedVersion)]
    pub fn signed_version(&self) -> Option<f64> {
        // Exact: the core refuses a version beyond 2^53 - 1.
        self.inner.signed_version().map(|v| v as f64)
    }
}
