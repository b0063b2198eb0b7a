//! Analytics events: what the checkout showed (`exposure`), what the shopper
//! picked (`selection`) and how the payment ended (`outcome`).
//!
//! Each event is one JSON object on one line (JSON Lines), snake_case, and
//! frozen by the conformance vectors. Every event carries its own
//! `policy_version`, `environment` and `experiments`, so an analysis needs no
//! join; `checkout_id` (opaque, from the context, never used for bucketing)
//! lets a merchant join them anyway. No event holds a subject id, a
//! User-Agent or anything else personal.
//!
//! Log each event once: `paysel analyze` counts every line it reads.

use crate::capability::Launch;
use crate::context::Environment;
use crate::decision::{Assignment, HiddenReason};
use serde::{Deserialize, Serialize};

/// Which event a line holds: the `type` member of every event.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    /// The checkout showed its rails (the decision's `exposure`).
    Exposure,
    /// The shopper picked a shown rail.
    Selection,
    /// A payment attempt ended.
    Outcome,
}

/// The compact analytics event of a decision: what was shown, in what
/// order, and what was hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Exposure {
    /// Always `exposure`.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// The context's `checkout_id`, or null.
    pub checkout_id: Option<String>,
    /// Policy version.
    pub policy_version: i64,
    /// Where the checkout ran.
    pub environment: Environment,
    /// Assigned experiment variants.
    pub experiments: Vec<Assignment>,
    /// Shown rail ids with their launch, in order.
    pub shown: Vec<ExposedRail>,
    /// The preselected rail.
    pub preselected: Option<String>,
    /// Hidden rails with their reason codes.
    pub hidden: Vec<ExposedHidden>,
}

/// A shown rail in the exposure event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ExposedRail {
    /// Rail id.
    pub rail: String,
    /// Launch mode.
    pub launch: Launch,
}

/// A hidden rail in the exposure event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ExposedHidden {
    /// Rail id.
    pub rail: String,
    /// Reason code.
    pub reason: HiddenReason,
}

/// The shopper picked one of the shown rails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Always `selection`.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// The context's `checkout_id`, or null.
    pub checkout_id: Option<String>,
    /// Policy version of the decision.
    pub policy_version: i64,
    /// Where the checkout ran.
    pub environment: Environment,
    /// Assigned experiment variants.
    pub experiments: Vec<Assignment>,
    /// The rail picked.
    pub rail: String,
    /// How it launches.
    pub launch: Launch,
    /// Its place in the shown list, counting from 1.
    pub position: i32,
    /// Whether it was the preselected rail.
    pub preselected: bool,
}

/// How a payment attempt with a rail ended.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OutcomeResult {
    /// The payment succeeded.
    Paid,
    /// The rail could not start here: the link was blocked, the app was
    /// missing, the sheet was refused.
    LaunchFailed,
    /// The shopper backed out.
    Cancelled,
    /// The rail started but the payment failed (declined, timed out, ...).
    Failed,
}

/// A payment attempt ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Always `outcome`.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// The context's `checkout_id`, or null.
    pub checkout_id: Option<String>,
    /// Policy version of the decision.
    pub policy_version: i64,
    /// Where the checkout ran.
    pub environment: Environment,
    /// Assigned experiment variants.
    pub experiments: Vec<Assignment>,
    /// The rail attempted.
    pub rail: String,
    /// How it launched.
    pub launch: Launch,
    /// How it ended.
    pub result: OutcomeResult,
}
