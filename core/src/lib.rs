//! paysel: which payment rails a checkout shows, in what order, how each
//! launches, which one is preselected, and why every other rail is hidden.
//!
//! One deterministic core for web (WASM) and mobile (UniFFI). The same
//! policy and context give byte-identical output on every platform.
//!
//! ```
//! use paysel_core::{DecideOptions, Engine};
//! let engine = Engine::with_default_policy();
//! let decision = engine
//!     .decide_json(r#"{"host":"wechat","platform":"android","currency":"CNY"}"#, DecideOptions::default())
//!     .unwrap();
//! assert!(decision.starts_with(r#"{"shown":[{"rail":"wechat_pay","launch":"in_host_bridge""#));
//! ```

pub mod bucket;
pub mod capability;
pub mod context;
pub mod decision;
pub mod detect;
mod eligibility;
mod engine;
pub mod error;
pub mod limits;
pub mod policy;
mod rank;
mod validate;

pub use capability::Launch;
pub use context::{
    Availability, Context, FormFactor, Host, InstalledWallets, Platform, Probes, Readiness, WalletApp,
};
pub use decision::{Decision, Exposure, HiddenRail, HiddenReason, Placement, ShownRail};
pub use detect::{detect, Detection, Hints};
pub use engine::{resolve_environment, DecideOptions, Engine, DEFAULT_POLICY_JSON};
pub use error::{Error, ErrorCode, PublicError};
pub use policy::Policy;
pub use validate::{parse_context, parse_policy, validate_context, validate_policy};

/// The version of paysel-core, e.g. `0.1.0`.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
