//! paysel for Android (Kotlin) and iOS (Swift), through UniFFI.
//!
//! This crate is thin by rule: it translates types and errors between
//! `paysel-core` and UniFFI, and holds no payment logic. The data types
//! (`CheckoutContext`, `Policy`, `Decision`, `Detection`, ...) are the
//! core's own types, which derive `uniffi::Record` / `uniffi::Enum` under the
//! core's derive-only `uniffi` feature; the generated Kotlin puts them in
//! `dev.paysel.core`. This crate adds the `Engine` object, the `PayselError`
//! exception, `WalletProbe` and a few top-level functions, in `dev.paysel`
//! (Kotlin) and the `Paysel` module (Swift).
//!
//! Every export is documented in plain prose: the `///` docs become the
//! KDoc and Swift docs of the generated bindings.

// No panic may reach the host app (see [workspace.lints] in Cargo.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![warn(missing_docs)]

use paysel_core::{
    CheckoutContext, Decision, Detection, ErrorCode, Hints, OutcomeResult, ToJsonLine, WalletApp,
};

mod engine;

pub use engine::Engine;

uniffi::setup_scaffolding!("paysel_mobile");

/// Every error a paysel call can throw: Kotlin `PayselException`, Swift
/// `PayselError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PayselError {
    /// An input (a policy, a signed policy envelope, a pinned key, a context,
    /// a User-Agent or its hints, a rail named in an event) was refused.
    /// `code` is the stable machine-readable reason, the same on every
    /// platform.
    // Every refusal is found by the core: the typed arguments of this
    // binding (hints, pinned keys, verify options) can hold no value of a
    // wrong shape, so `options_invalid` is never the binding's own finding.
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

/// Detects platform, form factor and in-app host from a User-Agent (for a
/// webview the app hosts, say). `hints` sharpen the answer when the page
/// reported them. Throws `limit_exceeded` for a User-Agent over 2,048 bytes
/// or a `hints.uaPlatform` over 64 bytes.
#[uniffi::export(default(hints = None))]
pub fn detect(user_agent: String, hints: Option<Hints>) -> Result<Detection, PayselError> {
    Ok(paysel_core::detect_checked(
        &user_agent,
        &hints.unwrap_or_default(),
    )?)
}

/// Reads a context from JSON text, as a web page of the app reports it
/// (for example the output of the npm package's `contextFromBrowser`), so
/// that the app can add what only it can probe (`installedWallets`) and
/// decide with the typed `Engine.decide`. Throws `context_malformed` or
/// `context_invalid` with the path of the offending value, as
/// `decideJson` does.
#[uniffi::export]
pub fn context_from_json(json: String) -> Result<CheckoutContext, PayselError> {
    Ok(paysel_core::parse_context(&json)?)
}

/// A decision as JSON text, byte for byte what `decideJson`, the web and
/// the CLI return for it: for handing a decision made in the app to a web
/// page it shows, or for logging it.
#[uniffi::export]
pub fn decision_to_json(decision: Decision) -> String {
    paysel_core::wire::to_json(&decision)
}

/// The `selection` analytics event, as one JSON line, for the shopper
/// choosing `rail` among the decision's shown rails (its position counts
/// from 1). The exposure event is the decision's own `exposure`. Throws
/// `rail_not_shown` at `rail` when the decision did not show that rail.
#[uniffi::export]
pub fn selection(decision: Decision, rail: String) -> Result<String, PayselError> {
    Ok(paysel_core::selection(&decision, &rail)?.to_json_line())
}

/// The `outcome` analytics event, as one JSON line, for how an attempt to
/// pay with `rail`, one of the decision's shown rails, ended. Throws
/// `rail_not_shown` at `rail` when the decision did not show that rail.
#[uniffi::export]
pub fn outcome(decision: Decision, rail: String, result: OutcomeResult) -> Result<String, PayselError> {
    Ok(paysel_core::outcome(&decision, &rail, result)?.to_json_line())
}

/// How to probe one wallet app from a native app, so that the app can fill
/// `CheckoutContext.installedWallets` before deciding.
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
