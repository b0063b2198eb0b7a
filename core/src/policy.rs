//! The merchant policy: which rails exist, where they apply, how they rank.
//!
//! A policy is data, never code: it holds no URLs, keys or scripts. The app's
//! payment backend builds the actual payment request for the rail chosen.

use crate::capability::Launch;
use crate::context::{FormFactor, Host, Platform, WalletApp};
use serde::{Deserialize, Serialize};

/// The only schema this build reads.
pub const POLICY_SCHEMA: &str = "paysel.policy/1";

/// A merchant policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Must be `paysel.policy/1`.
    #[cfg_attr(feature = "uniffi", uniffi(default = "paysel.policy/1"))]
    pub schema: String,
    /// Monotonic version chosen by the merchant, from 0 to 2^53 - 1 (so
    /// that JS numbers hold it exactly), reported in every decision. Signed
    /// policies with a lower version than the last accepted one are refused
    /// as `policy_rollback`.
    pub version: i64,
    /// Unix seconds after which a signed policy is refused as
    /// `policy_expired`. Checked only when the policy arrives signed (the
    /// caller supplies the clock); absent means it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub not_after: Option<i64>,
    /// The rails, in the merchant's order. Ties in score keep this order.
    pub rails: Vec<RailPolicy>,
    /// Conditional weight changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub boosts: Vec<Boost>,
    /// A/B experiments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub experiments: Vec<Experiment>,
    /// Overrides of individual cells of the built-in host × rail table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub capabilities: Vec<CapabilityOverride>,
    /// User-Agent tokens this policy teaches the detector, tried in order
    /// before the built-in rules: a field fix for an app whose User-Agent
    /// changed, without waiting for a release. They apply when the context
    /// sends a `user_agent` and leaves the host (or the platform) out; the
    /// first rule whose token appears decides. With explain, the decision's
    /// `environment_evidence` names the rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub detection_rules: Vec<DetectionRule>,
    /// True when the checkout page loads Apple's Apple Pay JS SDK
    /// (`https://applepay.cdn-apple.com/jsapi/...`) and uses its own Apple Pay
    /// button. Outside Safari, Apple Pay works only that way: on desktop
    /// browsers the SDK's button shows a code the shopper scans with an
    /// iPhone (launch `wallet_js`). Off, Apple Pay is offered in Safari and
    /// Apple's own web views only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub apple_pay_js_sdk: bool,
    /// Most rails to show, at least 1; the rest are hidden as
    /// `over_display_limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max_shown: Option<i32>,
    /// How the preselected rail is chosen.
    #[serde(default)]
    pub preselect: Preselect,
    /// Score added to a rail that runs through its own host, by its bridge or
    /// its mini-program page (WeChat Pay inside WeChat, Alipay inside
    /// Alipay), where it converts best.
    #[serde(default = "default_host_native_bonus")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 100))]
    pub host_native_bonus: i32,
}

pub(crate) fn default_host_native_bonus() -> i32 {
    100
}

/// How the rail to preselect is chosen. The preselected rail is always shown
/// and never an `open_in_browser` guide.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Preselect {
    /// The first shown rail that launches directly.
    #[default]
    First,
    /// Only the shopper's preferred or last-used rail; otherwise nothing.
    PersonalOnly,
    /// Never preselect.
    None,
}

/// One rail in the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct RailPolicy {
    /// Rail id, e.g. `wechat_pay` or a merchant's own `klarna`.
    pub id: String,
    /// A built-in rail whose launch behaviour this rail shares. Required for
    /// ids that are not built-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub behaves_like: Option<String>,
    /// Off means hidden as `disabled_by_merchant`.
    #[serde(default = "yes")]
    #[cfg_attr(feature = "uniffi", uniffi(default = true))]
    pub enabled: bool,
    /// Accepted currencies; empty accepts any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub currencies: Vec<String>,
    /// Countries where the rail is offered; empty means everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub countries: Vec<String>,
    /// Amount limits per currency, in minor units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limits: Vec<AmountLimit>,
    /// Base ranking weight; higher comes first.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub weight: i32,
    /// Gradual rollout to a share of subjects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rollout: Option<Rollout>,
    /// Wallet app the rail needs for an app switch. Defaults to the built-in
    /// rail's own app (WeChat for `wechat_pay`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wallet: Option<WalletApp>,
    /// In a native app without the wallet app, launch this way instead of
    /// hiding the rail (`h5_redirect` for Alipay, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub without_wallet: Option<Launch>,
    /// In a host that blocks the rail, show an "open in browser" guide
    /// instead of hiding it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub open_in_browser_when_blocked: bool,
}

fn yes() -> bool {
    true
}

/// Amount limits for one currency, in minor units, both inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct AmountLimit {
    /// ISO 4217 code.
    pub currency: String,
    /// Smallest amount accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min: Option<i64>,
    /// Largest amount accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max: Option<i64>,
}

/// Gradual rollout: the rail is shown to `percent` of subjects, chosen by a
/// keyed hash of `subject_id` with `salt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Rollout {
    /// Share of subjects, 0 to 100.
    pub percent: i32,
    /// Bucketing salt; use a fresh one per rollout.
    pub salt: String,
}

/// Conditions over the context. Every present field must hold; a list holds
/// when the context value is in it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields, default)]
pub struct Condition {
    /// Platforms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub platform: Vec<Platform>,
    /// Form factors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub form_factor: Vec<FormFactor>,
    /// Hosts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub host: Vec<Host>,
    /// Countries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub country: Vec<String>,
    /// Currencies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub currency: Vec<String>,
    /// Smallest region tier, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region_tier_min: Option<i32>,
    /// Largest region tier, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region_tier_max: Option<i32>,
    /// Smallest amount, inclusive, in minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub amount_min: Option<i64>,
    /// Largest amount, inclusive, in minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub amount_max: Option<i64>,
    /// Wallet apps that must be probed as installed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub installed: Vec<WalletApp>,
}

/// When `when` holds, add `delta` to the rail's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Boost {
    /// Name shown in explain traces.
    pub id: String,
    /// The rail boosted.
    pub rail: String,
    /// Conditions; an empty object always holds.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub when: Condition,
    /// Score change, may be negative.
    pub delta: i32,
}

/// An A/B experiment with deterministic bucketing on `subject_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// Experiment id, reported in decisions and exposure events.
    pub id: String,
    /// Bucketing salt.
    pub salt: String,
    /// Only contexts matching this take part.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub when: Condition,
    /// Variants; their weights are percentages and add up to at most 100.
    /// Subjects beyond the sum are not enrolled.
    pub variants: Vec<Variant>,
}

/// One arm of an experiment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Variant id, e.g. `control`.
    pub id: String,
    /// Share of subjects, in percent (0 to 100).
    pub weight: i32,
    /// Score changes per rail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub boosts: Vec<VariantBoost>,
    /// Rails to pin first, in this order, after the shopper's own choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order: Vec<String>,
}

/// A score change applied by a variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct VariantBoost {
    /// The rail.
    pub rail: String,
    /// Score change.
    pub delta: i32,
}

/// A User-Agent token and the host (and platform) it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct DetectionRule {
    /// Text the app writes into its User-Agent, found anywhere in it
    /// without regard to ASCII case, e.g. `NewApp/`: 3 to 64 bytes of
    /// printable ASCII, not only spaces, and never a URL.
    pub token: String,
    /// The host a User-Agent with the token comes from.
    pub host: Host,
    /// The platform such a User-Agent comes from, when the token tells;
    /// absent leaves the platform to the built-in rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub platform: Option<Platform>,
}

/// Replaces one cell of the built-in capability table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct CapabilityOverride {
    /// The host the override applies in.
    pub host: Host,
    /// The rail (or the built-in rail it behaves like).
    pub rail: String,
    /// Limit the override to these platforms; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub platform: Vec<Platform>,
    /// The launch mode to use, or `null` to block the rail in that host.
    pub launch: Option<Launch>,
}
