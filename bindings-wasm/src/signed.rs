//! Signed policies, in the `paysel/signed` entry of the npm package (the
//! crate's `signed` feature).
//!
//! Why a second entry: Ed25519 verification (SHA-512 and curve arithmetic)
//! is about a fifth of the package, and most checkouts load their policy
//! from their own backend without a signature. `paysel` leaves it out;
//! `paysel/signed` is the same API plus the methods below, built from the
//! same code.

use crate::{argument, js, string, text, Arg, JsEngine, PayselError, Ts};
use paysel_core::{Engine, Error, TrustedKey, VerifyOptions};
use wasm_bindgen::prelude::*;

/// The core verifies an envelope's JSON text, checking the pinned keys
/// first. `verify` is that call (building an engine, or updating one).
fn verify<T>(
    envelope: Result<String, Error>,
    trusted_keys: JsValue,
    options: Option<Ts<VerifyOptions>>,
    verify: impl FnOnce(&str, &[TrustedKey], VerifyOptions) -> Result<T, Error>,
) -> Result<T, Error> {
    let trusted: Vec<TrustedKey> = argument(&trusted_keys, "trusted_keys")?;
    let options = match js(options) {
        Some(options) => crate::options(Some(options), "options")?,
        None => VerifyOptions {
            // Whole seconds; a clock before 1970 reads as 0.
            now_unix_seconds: (js_sys::Date::now() / 1000.0).max(0.0) as i64,
            min_version: None,
        },
    };
    verify(&envelope?, &trusted, options)
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
        #[wasm_bindgen(unchecked_param_type = "Envelope")] envelope: JsValue,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] trusted_keys: JsValue,
        options: Option<Ts<VerifyOptions>>,
    ) -> Result<JsEngine, PayselError> {
        let inner = verify(
            text(&envelope, Arg::Envelope),
            trusted_keys,
            options,
            Engine::from_signed_policy,
        )?;
        Ok(JsEngine { inner })
    }

    /// `fromSignedPolicy` for an envelope given as JSON text.
    ///
    /// @throws {PayselError} as {@link Engine.fromSignedPolicy} does.
    #[wasm_bindgen(js_name = fromSignedPolicyJson)]
    pub fn from_signed_policy_json(
        #[wasm_bindgen(js_name = envelopeJson, unchecked_param_type = "string")] envelope_json: JsValue,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] trusted_keys: JsValue,
        options: Option<Ts<VerifyOptions>>,
    ) -> Result<JsEngine, PayselError> {
        let inner = verify(
            string(&envelope_json, Arg::Envelope),
            trusted_keys,
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
        #[wasm_bindgen(unchecked_param_type = "Envelope")] envelope: JsValue,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] trusted_keys: JsValue,
        options: Option<Ts<VerifyOptions>>,
    ) -> Result<(), PayselError> {
        Ok(verify(
            text(&envelope, Arg::Envelope),
            trusted_keys,
            options,
            |text, keys, o| self.inner.apply_signed_policy(text, keys, o),
        )?)
    }

    /// `applySignedPolicy` for an envelope given as JSON text.
    ///
    /// @throws {PayselError} as {@link Engine.fromSignedPolicy} does.
    #[wasm_bindgen(js_name = applySignedPolicyJson)]
    pub fn apply_signed_policy_json(
        &mut self,
        #[wasm_bindgen(js_name = envelopeJson, unchecked_param_type = "string")] envelope_json: JsValue,
        #[wasm_bindgen(js_name = trustedKeys, unchecked_param_type = "TrustedKey[]")] trusted_keys: JsValue,
        options: Option<Ts<VerifyOptions>>,
    ) -> Result<(), PayselError> {
        Ok(verify(
            string(&envelope_json, Arg::Envelope),
            trusted_keys,
            options,
            |text, keys, o| self.inner.apply_signed_policy(text, keys, o),
        )?)
    }

    /// The version of the last signed policy this engine accepted, if any:
    /// persist it and pass it back as `min_version` after a restart.
    #[wasm_bindgen(getter, js_name = signedVersion)]
    pub fn signed_version(&self) -> Option<f64> {
        // Versions beyond 2^53 cannot reach JS: a decision refuses them.
        self.inner.signed_version().map(|v| v as f64)
    }
}
