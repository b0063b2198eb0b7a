//! paysel: which payment rails a checkout shows, in what order, how each
//! launches, which one is preselected, and why every other rail is hidden.
//!
//! One deterministic core for web (WASM) and mobile (UniFFI). The same
//! policy and context give byte-identical output on every platform.
//!
//! Policies can arrive signed ([`envelope`]: Ed25519 over the exact policy
//! text, checked against keys the app pins, with expiry and rollback
//! protection). An engine keeps its last accepted policy, or the embedded
//! default, when an update is refused ([`Engine::apply_signed_policy`]), and
//! every input is bounded by the hard [`limits`].
//!
//! ```
//! use paysel_core::{DecideOptions, Engine};
//! let engine = Engine::with_default_policy();
//! let decision = engine
//!     .decide_json(r#"{"host":"wechat","platform":"android","currency":"CNY"}"#, DecideOptions::default())
//!     .unwrap();
//! assert!(decision.starts_with(r#"{"shown":[{"rail":"wechat_pay","launch":"in_host_bridge""#));
//! ```

// No panic may reach the host app (see [workspace.lints] in Cargo.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod bucket;
pub mod capability;
pub mod context;
pub mod decision;
mod default_policy;
pub mod detect;
mod eligibility;
mod engine;
pub mod envelope;
pub mod error;
pub mod event;
pub mod limits;
pub mod page;
pub mod plan;
pub mod policy;
mod rank;
mod validate;
pub mod wallet;
pub mod wire;

pub use capability::{BrowserEscape, Evidence, EvidenceLevel, Launch};
pub use context::{
    Availability, BrowserFamily, CheckoutContext, Environment, FormFactor, Host, InstalledWallets, Platform,
    Probes, Readiness, WalletApp,
};
pub use decision::{Decision, HiddenRail, HiddenReason, Placement, ShownRail};
pub use detect::{detect, Detection, Hints};
pub use engine::{resolve_environment, resolve_environment_with, DecideOptions, Engine, DEFAULT_POLICY_JSON};
pub use envelope::{Envelope, TrustedKey, VerifiedPolicy, VerifyOptions};
pub use error::{Error, ErrorCode, PublicError};
pub use event::{
    outcome, selection, DecisionExposure, EventKind, Exposure, Outcome, OutcomeResult, Selection, ToJsonLine,
};
pub use page::{page_context, PageSignals, PageValue};
pub use plan::{Answer, Plan, Probe};
pub use policy::Policy;
/// Whether a policy's `when` condition holds for a context in a resolved
/// environment: the test boosts and experiments use, for policy tooling.
pub use rank::holds as condition_holds;
pub use validate::{parse_context, parse_policy, read_policy, validate_context, validate_policy};
pub use wallet::{wallet_probe, wallet_probes, WalletProbe};
pub use wire::WireEnum;

// Registers the `uniffi` derives above with UniFFI (the `uniffi` feature only
// adds derives for bindings-mobile; it changes no behaviour).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("paysel_core");

/// [`detect()`] for untrusted input: a User-Agent longer than
/// [`limits::MAX_USER_AGENT_BYTES`] fails with `limit_exceeded` at
/// `user_agent`, the same error a context with that User-Agent gets, and a
/// `hints.ua_platform` over 64 bytes fails at `hints.ua_platform`.
pub fn detect_checked(user_agent: &str, hints: &Hints) -> Result<Detection, Error> {
    if user_agent.len() > limits::MAX_USER_AGENT_BYTES {
        return Err(Error::LimitExceeded {
            path: "user_agent".to_owned(),
            limit: limits::MAX_USER_AGENT_BYTES,
            unit: "bytes",
            actual: user_agent.len(),
        });
    }
    if let Some(platform) = &hints.ua_platform {
        if platform.len() > limits::MAX_ID_BYTES {
            return Err(Error::LimitExceeded {
                path: "hints.ua_platform".to_owned(),
                limit: limits::MAX_ID_BYTES,
                unit: "bytes",
                actual: platform.len(),
            });
        }
    }
    Ok(detect(user_agent, hints))
}

/// The version of paysel-core, e.g. `0.1.0`.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_checked_refuses_an_oversized_user_agent() {
        let ua = "a".repeat(limits::MAX_USER_AGENT_BYTES + 1);
        let err = detect_checked(&ua, &Hints::default()).err();
        assert_eq!(
            err.map(|e| (e.code(), e.path().to_owned())),
            Some((ErrorCode::LimitExceeded, "user_agent".to_owned()))
        );
        let ok = "a".repeat(limits::MAX_USER_AGENT_BYTES);
        assert_eq!(
            detect_checked(&ok, &Hints::default()).ok(),
            Some(detect(&ok, &Hints::default()))
        );
    }
}
