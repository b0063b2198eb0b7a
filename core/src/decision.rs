//! The decision: what the checkout shows, in which order, how each rail
//! launches, and why every other rail is hidden.

use crate::capability::{BrowserEscape, Evidence, Launch};
use crate::context::Environment;
use crate::event::Exposure;
use serde::{Deserialize, Serialize};

/// The answer for one checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Decision {
    /// Shown rails, best first.
    pub shown: Vec<ShownRail>,
    /// The rail to preselect, always one of `shown`, or null.
    pub preselected: Option<String>,
    /// Every policy rail that is not shown, in policy order.
    pub hidden: Vec<HiddenRail>,
    /// The `version` of the policy that decided.
    pub policy_version: i64,
    /// The environment the decision was made for, after detection.
    pub environment: Environment,
    /// Experiment variants this subject was assigned, in policy order.
    pub experiments: Vec<Assignment>,
    /// The `exposure` analytics event of this decision, ready to log. It
    /// carries no subject id and no User-Agent.
    pub exposure: Exposure,
}

/// One shown rail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ShownRail {
    /// Rail id from the policy.
    pub rail: String,
    /// How it launches when tapped.
    pub launch: Launch,
    /// With launch `open_in_browser`: how this host lets the shopper reopen
    /// the page in the system browser, for the app to turn into a link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escape: Option<BrowserEscape>,
    /// Why it sits at this position.
    pub placement: Placement,
    /// The score breakdown, present when explain is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreBreakdown>,
    /// With explain, for a rail with built-in behaviour: the evidence of
    /// the capability cell (or the policy value) that decided its launch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// With explain and an `escape`: the evidence for the escape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escape_evidence: Option<Evidence>,
    /// When a row of the policy's own `capabilities` decided this launch
    /// instead of the built-in table: that row's JSON path, e.g.
    /// `capabilities[2]`. The merchant's override, not a platform fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_override: Option<String>,
}

/// Why a shown rail sits where it does. Rails are ordered by placement
/// first (in this enum's order), then by score, then by policy order.
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
pub enum Placement {
    /// The shopper's explicit preference.
    Preferred,
    /// The shopper's most recently used rail that can launch here.
    LastUsed,
    /// Pinned by the `order` of an experiment variant.
    ExperimentOrder,
    /// Ranked by score (weights, boosts, host bonus, experiment deltas).
    Score,
    /// Offered after every rail that can pay at once, and never preselected:
    /// Apple Pay when its probe says `supported` (the device can pay but no
    /// card is known to be ready), as Apple asks.
    Secondary,
    /// An "open in browser" guide; guides always come last.
    Guide,
}

/// How a rail's score was computed (explain mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ScoreBreakdown {
    /// The rail's `weight` in the policy.
    pub base: i64,
    /// The policy's `host_native_bonus` when the rail runs in its own host.
    pub host_native: i64,
    /// Boosts whose conditions held.
    pub boosts: Vec<ScoreTerm>,
    /// Deltas from assigned experiment variants.
    pub experiments: Vec<ScoreTerm>,
    /// The sum.
    pub total: i64,
}

/// One named contribution to a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ScoreTerm {
    /// The boost id, or `experiment/variant`.
    pub source: String,
    /// The change.
    pub delta: i64,
}

/// One hidden rail and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HiddenRail {
    /// Rail id from the policy.
    pub rail: String,
    /// Machine-readable reason.
    pub reason: HiddenReason,
    /// What a developer can do about it.
    pub detail: String,
    /// With explain, when the capability table or a policy capability hid
    /// it (any reason from `policy_capability` on): the evidence of what
    /// decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Why a rail is hidden. Stable snake_case codes: never renamed, only added.
/// The checks run in this enum's order and the first that fails is reported.
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
pub enum HiddenReason {
    /// The policy turns the rail off.
    DisabledByMerchant,
    /// The shopper's country is not in the rail's `countries`.
    CountryUnsupported,
    /// The currency is not in the rail's `currencies`.
    CurrencyUnsupported,
    /// The amount is below the rail's minimum for this currency.
    AmountBelowMin,
    /// The amount is above the rail's maximum for this currency.
    AmountAboveMax,
    /// The subject falls outside the rail's gradual rollout.
    RolloutExcluded,
    /// A row of the policy's own `capabilities` blocks the rail in this host
    /// (`launch: null`): the merchant's override, not a platform fact. The
    /// detail names the row, e.g. `capabilities[2]`.
    PolicyCapability,
    /// The rail does not exist on this platform (Apple Pay on Android).
    PlatformUnsupported,
    /// The in-app host blocks the rail (Alipay inside WeChat).
    HostBlocksRail,
    /// The wallet app the rail needs is not installed.
    WalletNotInstalled,
    /// The device wallet (Apple Pay, Google Pay) is not ready or not probed.
    WalletNotReady,
    /// More rails qualified than the policy's `max_shown`.
    OverDisplayLimit,
}

/// A subject's variant in one experiment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Assignment {
    /// Experiment id.
    pub experiment: String,
    /// Variant id.
    pub variant: String,
}
