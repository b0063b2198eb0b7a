//! Signed policies, in the `paysel/signed` entry of the npm package (the
//! crate's `signed` feature).
//!
//! Why a second entry: Ed25519 verification (SHA-512 and curve arithmetic)
//! and the envelope reader are about a fifth of the package, and most
//! checkouts load their policy from their own backend without a signature.
//! `paysel` leaves them out; `paysel/signed` is the same API plus the
//! methods below, built from the same code.

use crate::{given, js_error, json_text, parse_part, Input, JsEngine};
use paysel_core::{Error, TrustedKey, VerifyOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An `Envelope` object, or its JSON text.
    #[wasm_bindgen(typescript_type = "Envelope | string")]
    pub type EnvelopeInput;
    /// The pinned keys.
    #[wasm_bindgen(typescript_type = "TrustedKey[]")]
    pub type TrustedKeysInput;
    /// The core `VerifyOptions` object.
    #[wasm_bindgen(typescript_type = "VerifyOptions")]
    pub type VerifyOptionsInput;
}

/// The arguments of a signed-policy call, read from JS.
struct Signed {
    envelope: String,
    trusted: Vec<TrustedKey>,
    options: VerifyOptions,
}

fn signed(
    envelope: &JsValue,
    trusted_keys: &JsValue,
    options: Option<VerifyOptionsInput>,
) -> Result<Signed, Error> {
    let trusted = parse_part(trusted_keys, Input::TrustedKeys)?;
    let options = match given(options) {
        Some(value) => parse_part(&value, Input::VerifyOptions)?,
        None => VerifyOptions {
            // Whole seconds; a clock before 1970 reads as 0.
            now_unix_seconds: (js_sys::Date::now() / 1000.0).max(0.0) as u64,
            min_version: None,
        },
    };
    Ok(Signed {
        envelope: json_text(envelope, Input::Envelope)?,
        trusted,
        options,
    })
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// An engine for a signed policy (see the core's `envelope` module):
    /// `envelope` (an `Envelope` object or JSON text) must be signed by one
    /// of `trustedKeys`, unexpired at `options.now_unix_seconds` and not
    /// below `options.min_version`. Without `options`, "now" is `Date.now()`
    /// and there is no rollback floor.
    ///
    /// @throws {PayselError} `envelope_malformed`, `signature_invalid`,
    /// `key_unknown`, `key_invalid`, `policy_expired`, `policy_rollback`,
    /// or any policy error of the signed policy.
    #[wasm_bindgen(js_name = fromSignedPolicy)]
    pub fn from_signed_policy(
        envelope: EnvelopeInput,
        #[wasm_bindgen(js_name = trustedKeys)] trusted_keys: TrustedKeysInput,
        options: Option<VerifyOptionsInput>,
    ) -> Result<JsEngine, JsValue> {
        signed(&envelope, &trusted_keys, options)
            .and_then(|s| paysel_core::Engine::from_signed_policy(&s.envelope, &s.trusted, s.options))
            .map(|inner| JsEngine { inner })
            .map_err(|e| js_error(&e))
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
        envelope: EnvelopeInput,
        #[wasm_bindgen(js_name = trustedKeys)] trusted_keys: TrustedKeysInput,
        options: Option<VerifyOptionsInput>,
    ) -> Result<(), JsValue> {
        signed(&envelope, &trusted_keys, options)
            .and_then(|s| self.inner.apply_signed_policy(&s.envelope, &s.trusted, s.options))
            .map_err(|e| js_error(&e))
    }

    /// The version of the last signed policy this engine accepted, if any:
    /// persist it and pass it back as `min_version` after a restart.
    #[wasm_bindgen(getter, js_name = signedVersion)]
    pub fn signed_version(&self) -> Option<f64> {
        // Policy versions are far below 2^53.
        self.inner.signed_version().map(|v| v as f64)
    }
}
