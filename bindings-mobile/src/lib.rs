//! paysel for Android (Kotlin) and iOS (Swift), through UniFFI.
//!
//! This crate is thin by rule: it translates types and errors between
//! `paysel-core` and UniFFI, and holds no payment logic. The data types
//! (`Context`, `Decision`, `Detection`, ...) are the core's own types, which
//! derive `uniffi::Record` / `uniffi::Enum` under the core's derive-only
//! `uniffi` feature; the generated Kotlin puts them in `dev.paysel.core`.
//! This crate adds the [`Engine`] object, the [`PayselError`] exception,
//! [`WalletProbe`] and a few top-level functions, in `dev.paysel` (Kotlin)
//! and the `Paysel` module (Swift).
//!
//! Every export is documented: the `///` docs become the KDoc and Swift
//! docs of the generated bindings.

#![warn(missing_docs)]

use paysel_core::{DecideOptions, Detection, ErrorCode, Hints, TrustedKey, VerifyOptions, WalletApp};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

uniffi::setup_scaffolding!("paysel_mobile");

/// Every error a paysel call can throw: Kotlin `PayselException`, Swift
/// `PayselError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PayselError {
    /// An input (a policy, a signed policy envelope, a pinned key, a context
    /// or a User-Agent) was refused. `code` is the stable machine-readable
    /// reason, the same on every platform.
    #[error("{detail}")]
    InvalidInput {
        /// Stable code, e.g. `LIMIT_EXCEEDED` (Kotlin) or `.limitExceeded`
        /// (Swift); its wire name is the snake_case form, `limit_exceeded`.
        code: ErrorCode,
        /// JSON path of the offending value, e.g. `rails[2].currencies[0]`;
        /// empty when it is the whole input.
        path: String,
        /// A developer-facing explanation, free of personal data.
        detail: String,
    },
}

impl From<paysel_core::Error> for PayselError {
    fn from(error: paysel_core::Error) -> PayselError {
        let public = error.to_public();
        PayselError::InvalidInput {
            code: public.code,
            path: public.path,
            detail: public.message,
        }
    }
}

/// A validated merchant policy, ready to decide any number of times. Safe to
/// share between threads: create one and keep it.
///
/// The engine always holds a policy that passed validation: the embedded
/// default or the last one it accepted. `applyPolicyJson` and
/// `applySignedPolicy` replace it atomically; when they throw, the engine
/// keeps deciding with its current policy.
#[derive(Debug, uniffi::Object)]
pub struct Engine {
    /// The current engine. Deciders clone the `Arc` and decide without
    /// holding the lock; an update swaps in a new engine.
    current: RwLock<Arc<paysel_core::Engine>>,
    /// Serializes updates, so that each starts from the previous one (the
    /// signed-version rollback floor carries over).
    updates: Mutex<()>,
}

impl Engine {
    fn wrap(engine: paysel_core::Engine) -> Arc<Engine> {
        Arc::new(Engine {
            current: RwLock::new(Arc::new(engine)),
            updates: Mutex::new(()),
        })
    }

    /// The engine deciding now. A poisoned lock still holds a whole engine
    /// (updates swap complete values), so it is used as is.
    fn current(&self) -> Arc<paysel_core::Engine> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Applies `update` to a copy of the current engine and swaps it in
    /// only when it succeeds.
    fn update(
        &self,
        update: impl FnOnce(&mut paysel_core::Engine) -> Result<(), paysel_core::Error>,
    ) -> Result<(), PayselError> {
        let _serial = self.updates.lock().unwrap_or_else(PoisonError::into_inner);
        let mut next = paysel_core::Engine::clone(&self.current());
        update(&mut next)?;
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
        Ok(())
    }
}

#[uniffi::export]
impl Engine {
    /// An engine for the default policy embedded in paysel.
    #[uniffi::constructor]
    pub fn new() -> Arc<Engine> {
        Engine::with_default_policy()
    }

    /// An engine for the default policy embedded in paysel (same as the
    /// default constructor).
    #[uniffi::constructor]
    pub fn with_default_policy() -> Arc<Engine> {
        Engine::wrap(paysel_core::Engine::with_default_policy())
    }

    /// An engine for a policy given as JSON text (schema `paysel.policy/1`).
    /// Throws when the policy is malformed, invalid or over a limit.
    #[uniffi::constructor]
    pub fn from_policy_json(json: String) -> Result<Arc<Engine>, PayselError> {
        Ok(Engine::wrap(paysel_core::Engine::from_policy_json(&json)?))
    }

    /// An engine for a signed policy envelope
    /// (`{"policy": "...", "key_id": "...", "signature": "..."}`), verified
    /// against the public keys the app pins. Throws when the envelope is
    /// malformed, signed by an unknown key, tampered with, expired, or older
    /// than `options.minVersion`. To fall back on the default policy
    /// instead, create `Engine()` and call `applySignedPolicy`.
    #[uniffi::constructor]
    pub fn from_signed_policy(
        envelope_json: String,
        trusted_keys: Vec<TrustedKey>,
        options: VerifyOptions,
    ) -> Result<Arc<Engine>, PayselError> {
        Ok(Engine::wrap(paysel_core::Engine::from_signed_policy(
            &envelope_json,
            &trusted_keys,
            options,
        )?))
    }

    /// Replaces the policy with one in JSON text. When this throws, the
    /// engine keeps its current policy and stays usable.
    pub fn apply_policy_json(&self, json: String) -> Result<(), PayselError> {
        self.update(|engine| engine.apply_policy_json(&json))
    }

    /// Replaces the policy with a verified signed one. The rollback floor is
    /// the higher of `options.minVersion` and the last signed version this
    /// engine accepted. When this throws, the engine keeps its current
    /// policy and stays usable.
    pub fn apply_signed_policy(
        &self,
        envelope_json: String,
        trusted_keys: Vec<TrustedKey>,
        options: VerifyOptions,
    ) -> Result<(), PayselError> {
        self.update(|engine| engine.apply_signed_policy(&envelope_json, &trusted_keys, options))
    }

    /// The version of the last signed policy this engine accepted, if any:
    /// persist it and pass it back as `VerifyOptions.minVersion` after a
    /// restart to refuse rollbacks across restarts.
    pub fn signed_version(&self) -> Option<i64> {
        self.current().signed_version()
    }

    /// Decides which rails to show for `context`, in which order, how each
    /// launches, and why every other rail is hidden. With `explain`, each
    /// shown rail carries its score breakdown. Throws when a context value
    /// is out of range or over a limit.
    #[uniffi::method(default(explain = false))]
    pub fn decide(
        &self,
        context: paysel_core::CheckoutContext,
        explain: bool,
    ) -> Result<paysel_core::Decision, PayselError> {
        Ok(self.current().decide(&context, DecideOptions { explain })?)
    }

    /// The JSON entry point shared by every platform: a context as JSON text
    /// in, the decision as JSON text out, byte for byte what the web and
    /// the CLI return. Throws when the context is malformed or invalid.
    #[uniffi::method(default(explain = false))]
    pub fn decide_json(&self, context_json: String, explain: bool) -> Result<String, PayselError> {
        Ok(self
            .current()
            .decide_json(&context_json, DecideOptions { explain })?)
    }

    /// Detects platform, form factor and in-app host from a User-Agent
    /// (for a webview the app hosts, say). `hints` sharpen the answer when
    /// the page reported them. Throws `limit_exceeded` for a User-Agent
    /// over 2,048 bytes.
    #[uniffi::method(default(hints = None))]
    pub fn detect(&self, user_agent: String, hints: Option<Hints>) -> Result<Detection, PayselError> {
        Ok(paysel_core::detect_checked(
            &user_agent,
            &hints.unwrap_or_default(),
        )?)
    }

    /// The `version` of this engine's current policy, as reported in every
    /// decision.
    pub fn policy_version(&self) -> i64 {
        self.current().policy().version
    }
}

/// How to probe one wallet app from a native app, so that the app can fill
/// `Context.installedWallets` before deciding.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WalletProbe {
    /// The wallet app.
    pub app: WalletApp,
    /// iOS URL schemes, without `://`. List them under
    /// `LSApplicationQueriesSchemes` in `Info.plist`; the app is installed
    /// when `canOpenURL` answers true for any of them.
    pub ios_schemes: Vec<String>,
    /// The Android package id. Declare it under `<queries>` in the manifest;
    /// the app is installed when `PackageManager` finds it.
    pub android_package: String,
}

impl From<paysel_core::WalletProbe> for WalletProbe {
    fn from(probe: paysel_core::WalletProbe) -> WalletProbe {
        WalletProbe {
            app: probe.app,
            ios_schemes: probe.ios_schemes.iter().map(|s| (*s).to_owned()).collect(),
            android_package: probe.android_package.to_owned(),
        }
    }
}

/// The probe identifiers of every wallet app paysel knows, from the core's
/// table, so that apps never hard-code them.
#[uniffi::export]
pub fn wallet_probes() -> Vec<WalletProbe> {
    paysel_core::wallet_probes()
        .into_iter()
        .map(WalletProbe::from)
        .collect()
}

/// The default policy embedded in paysel, as JSON text: a starting point
/// for a merchant's own policy.
#[uniffi::export]
pub fn default_policy_json() -> String {
    paysel_core::DEFAULT_POLICY_JSON.to_owned()
}

/// The version of paysel, e.g. `0.1.0`.
#[uniffi::export]
pub fn version() -> String {
    paysel_core::version().to_owned()
}

#[cfg(test)]
mod tests;
