//! The `Engine` object: a core engine behind a lock, so that one instance
//! can be shared by every thread of the app while its policy is replaced.

use crate::PayselError;
use paysel_core::{CheckoutContext, DecideOptions, Decision, Plan, Policy, TrustedKey, VerifyOptions};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// A validated merchant policy, ready to decide any number of times. Safe to
/// share between threads: create one and keep it.
///
/// The engine always holds a policy that passed validation: the embedded
/// default or the last one it accepted. `applyPolicy`, `applyPolicyJson` and
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
    /// An engine for the default policy embedded in paysel. It is built into
    /// the library as data, so this parses nothing.
    #[uniffi::constructor]
    pub fn new() -> Arc<Engine> {
        Engine::wrap(paysel_core::Engine::with_default_policy())
    }

    /// An engine for a policy built in code. Throws when the policy breaks a
    /// rule or a limit, with the path of the offending field.
    #[uniffi::constructor]
    pub fn from_policy(policy: Policy) -> Result<Arc<Engine>, PayselError> {
        Ok(Engine::wrap(paysel_core::Engine::new(policy)?))
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

    /// Replaces the policy with one built in code. When this throws, the
    /// engine keeps its current policy and stays usable.
    pub fn apply_policy(&self, policy: Policy) -> Result<(), PayselError> {
        self.update(|engine| engine.apply_policy(policy))
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

    /// The policy this engine decides with now: the embedded default, or
    /// the last one it accepted. A starting point for a policy of your own
    /// (copy it with changes, then `applyPolicy`).
    pub fn policy(&self) -> Policy {
        self.current().policy().clone()
    }

    /// The `version` of this engine's current policy, as reported in every
    /// decision.
    pub fn policy_version(&self) -> i64 {
        self.current().policy().version
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
    pub fn decide(&self, context: CheckoutContext, explain: bool) -> Result<Decision, PayselError> {
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

    /// Plans a server-rendered checkout (a JVM server rendering an H5 page,
    /// say): the device probes whose answers can still change the decision
    /// for `context`, and the decision for every answer they can give, for
    /// the page's `paysel/plan` to pick from. Each decision is what
    /// `decide` returns with those answers filled in (with `explain`, each
    /// shown rail carries its score breakdown). Throws as `decide`.
    #[uniffi::method(default(explain = false))]
    pub fn plan(&self, context: CheckoutContext, explain: bool) -> Result<Plan, PayselError> {
        Ok(self.current().plan(&context, DecideOptions { explain })?)
    }

    /// `plan` for a context as JSON text, with the plan as JSON text: byte
    /// for byte what the web and the CLI return, ready to embed in a page.
    /// Throws as `decideJson`.
    #[uniffi::method(default(explain = false))]
    pub fn plan_json(&self, context_json: String, explain: bool) -> Result<String, PayselError> {
        Ok(self
            .current()
            .plan_json(&context_json, DecideOptions { explain })?)
    }
}
