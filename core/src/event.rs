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
//!
//! The app logs the decision's `exposure` when the checkout renders, then
//! `selection(decision, rail)` when the shopper picks a rail and
//! `outcome(decision, rail, result)` when the attempt ends. Both copy the
//! exposure's `checkout_id`, `policy_version`, `environment` and
//! `experiments`, and the rail's launch; a rail the decision did not show is
//! refused with `rail_not_shown`. `to_json_line` gives the line to log, with
//! the same bytes on every platform.

use crate::capability::Launch;
use crate::context::Environment;
use crate::decision::{Assignment, Decision, HiddenReason};
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// When a row of the policy's own `capabilities` decided the launch
    /// instead of the built-in table: that row's JSON path, e.g.
    /// `capabilities[2]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_override: Option<String>,
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

/// A decision as the events read it: only its `exposure`, which holds
/// everything an event copies (the rest of a decision is not read, so a
/// binding that takes a decision back from the app reads no more of it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DecisionExposure {
    /// The decision's exposure.
    pub exposure: Exposure,
}

/// The `selection` event for `rail`, which must be one of the decision's
/// shown rails; `position` counts from 1.
pub fn selection(decision: &Decision, rail: &str) -> Result<Selection, Error> {
    decision.exposure.selection(rail)
}

/// The `outcome` event of an attempt with `rail`, which must be one of the
/// decision's shown rails.
pub fn outcome(decision: &Decision, rail: &str, result: OutcomeResult) -> Result<Outcome, Error> {
    decision.exposure.outcome(rail, result)
}

impl Exposure {
    /// The `selection` event for a rail this exposure showed. An app that
    /// kept only the logged exposure, not the whole decision, starts here.
    pub fn selection(&self, rail: &str) -> Result<Selection, Error> {
        let (index, shown) = self.shown_rail(rail)?;
        Ok(Selection {
            kind: EventKind::Selection,
            checkout_id: self.checkout_id.clone(),
            policy_version: self.policy_version,
            environment: self.environment,
            experiments: self.experiments.clone(),
            rail: shown.rail.clone(),
            launch: shown.launch,
            // At most 32 rails are shown (the policy limit), so this fits.
            position: i32::try_from(index).map_or(i32::MAX, |i| i.saturating_add(1)),
            preselected: self.preselected.as_deref() == Some(rail),
        })
    }

    /// The `outcome` event of an attempt with a rail this exposure showed.
    pub fn outcome(&self, rail: &str, result: OutcomeResult) -> Result<Outcome, Error> {
        let (_, shown) = self.shown_rail(rail)?;
        Ok(Outcome {
            kind: EventKind::Outcome,
            checkout_id: self.checkout_id.clone(),
            policy_version: self.policy_version,
            environment: self.environment,
            experiments: self.experiments.clone(),
            rail: shown.rail.clone(),
            launch: shown.launch,
            result,
        })
    }

    fn shown_rail(&self, rail: &str) -> Result<(usize, &ExposedRail), Error> {
        self.shown
            .iter()
            .enumerate()
            .find(|(_, s)| s.rail == rail)
            .ok_or_else(|| Error::RailNotShown {
                rail: rail.to_owned(),
            })
    }
}

/// An event as the one line of JSON to log (no trailing newline).
pub trait ToJsonLine: Serialize {
    /// The compact JSON of the event, fields in schema order: the same bytes
    /// on every platform.
    fn to_json_line(&self) -> String {
        // Events hold only strings, integers, booleans and enums, which
        // serde_json always writes: the fallback is unreachable.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl ToJsonLine for Exposure {}
impl ToJsonLine for Selection {}
impl ToJsonLine for Outcome {}

/// A borrowed, read-only view of any event line, for readers of millions of
/// lines (`paysel analyze`).
///
/// Why a second type: reading a line into `Exposure`, `Selection` or
/// `Outcome` allocates every string and list and needs to know the type
/// first. This view borrows its strings from the line, skips what an
/// analysis does not count (`shown`, `hidden`, `checkout_id`, ...) and reads
/// the three types at once. Its members keep the names and types of the
/// event fields above (a test in this module reads every event type back
/// through it), so the schema stays the one written on the event types.
/// It does not refuse unknown members; `missing` says which member the
/// line's `type` needs but lacks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EventView<'a> {
    /// The event type.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// Policy version.
    pub policy_version: u64,
    /// Where the checkout ran.
    pub environment: Environment,
    /// Assigned experiment variants.
    #[serde(borrow)]
    pub experiments: Vec<AssignmentView<'a>>,
    /// The rail (selection and outcome).
    #[serde(borrow, default)]
    pub rail: Option<Cow<'a, str>>,
    /// The rail's launch (selection and outcome).
    #[serde(default)]
    pub launch: Option<Launch>,
    /// How the attempt ended (outcome).
    #[serde(default)]
    pub result: Option<OutcomeResult>,
}

/// An experiment assignment inside an `EventView`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AssignmentView<'a> {
    /// Experiment id.
    #[serde(borrow)]
    pub experiment: Cow<'a, str>,
    /// Variant id.
    #[serde(borrow)]
    pub variant: Cow<'a, str>,
}

impl EventView<'_> {
    /// The first member this event's `type` requires that the line lacks:
    /// `rail` and `launch` for selections and outcomes, `result` for
    /// outcomes.
    pub fn missing(&self) -> Option<&'static str> {
        match self.kind {
            EventKind::Exposure => None,
            EventKind::Selection | EventKind::Outcome if self.rail.is_none() => Some("rail"),
            EventKind::Selection | EventKind::Outcome if self.launch.is_none() => Some("launch"),
            EventKind::Outcome if self.result.is_none() => Some("result"),
            EventKind::Selection | EventKind::Outcome => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DecideOptions, Engine, ErrorCode};

    fn decision() -> Decision {
        let policy = r#"{"schema":"paysel.policy/1","version":7,"rails":[{"id":"alipay"},{"id":"wechat_pay"},{"id":"card"}],
            "experiments":[{"id":"order","salt":"s1","variants":[{"id":"control","weight":50},{"id":"card_first","weight":50}]}]}"#;
        let engine = Engine::from_policy_json(policy).unwrap();
        let ctx = r#"{"host":"browser","platform":"android","currency":"CNY","subject_id":"u1","checkout_id":"co-1"}"#;
        let ctx = crate::parse_context(ctx).unwrap();
        engine.decide(&ctx, DecideOptions::default()).unwrap()
    }

    #[test]
    fn selection_copies_the_exposure_and_counts_from_one() {
        let d = decision();
        assert!(d.shown.len() >= 2);
        let second = &d.shown[1];
        let s = selection(&d, &second.rail).unwrap();
        assert_eq!(s.kind, EventKind::Selection);
        assert_eq!(s.checkout_id.as_deref(), Some("co-1"));
        assert_eq!((s.policy_version, s.environment), (7, d.environment));
        assert_eq!(s.experiments, d.experiments);
        assert_eq!((s.rail.as_str(), s.launch), (second.rail.as_str(), second.launch));
        assert_eq!((s.position, s.preselected), (2, false));
        let first = selection(&d, &d.shown[0].rail).unwrap();
        assert_eq!((first.position, first.preselected), (1, true));
    }

    #[test]
    fn outcome_copies_the_exposure() {
        let d = decision();
        let o = outcome(&d, &d.shown[0].rail, OutcomeResult::LaunchFailed).unwrap();
        assert_eq!(o.kind, EventKind::Outcome);
        assert_eq!(o.result, OutcomeResult::LaunchFailed);
        assert_eq!(
            (o.rail.as_str(), o.launch),
            (d.shown[0].rail.as_str(), d.shown[0].launch)
        );
        assert_eq!(o.checkout_id.as_deref(), Some("co-1"));
    }

    #[test]
    fn a_rail_not_shown_is_a_typed_error() {
        let d = decision();
        for rail in ["apple_pay", "", "klarna"] {
            let e = selection(&d, rail).unwrap_err();
            assert_eq!((e.code(), e.path()), (ErrorCode::RailNotShown, "rail"));
            assert_eq!(
                e,
                Error::RailNotShown {
                    rail: rail.to_owned()
                }
            );
            let e = outcome(&d, rail, OutcomeResult::Paid).unwrap_err();
            assert_eq!(e.code(), ErrorCode::RailNotShown);
        }
    }

    #[test]
    fn lines_are_compact_json_in_schema_order() {
        let d = decision();
        let line = selection(&d, &d.shown[0].rail).unwrap().to_json_line();
        assert!(line
            .starts_with(r#"{"type":"selection","checkout_id":"co-1","policy_version":7,"environment":{"#));
        assert!(line.ends_with(r#""position":1,"preselected":true}"#), "{line}");
        let line = outcome(&d, &d.shown[0].rail, OutcomeResult::Cancelled)
            .unwrap()
            .to_json_line();
        assert!(line.ends_with(r#""result":"cancelled"}"#), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn the_decision_json_carries_the_same_exposure_bytes() {
        let engine = Engine::with_default_policy();
        let ctx = r#"{"host":"wechat","platform":"ios","currency":"CNY","checkout_id":"c\"q"}"#;
        let text = engine.decide_json(ctx, DecideOptions::default()).unwrap();
        let d: Decision = serde_json::from_str(&text).unwrap();
        let line = d.exposure.to_json_line();
        assert!(
            text.ends_with(&format!(r#""exposure":{line}}}"#)),
            "{text}\n{line}"
        );
    }

    #[test]
    fn the_view_reads_every_event_type_back() {
        let d = decision();
        let rail = &d.shown[0];
        let lines = [
            d.exposure.to_json_line(),
            selection(&d, &rail.rail).unwrap().to_json_line(),
            outcome(&d, &rail.rail, OutcomeResult::Paid)
                .unwrap()
                .to_json_line(),
        ];
        let kinds = [EventKind::Exposure, EventKind::Selection, EventKind::Outcome];
        for (line, kind) in lines.iter().zip(kinds) {
            let v: EventView<'_> = serde_json::from_str(line).unwrap();
            assert_eq!(
                (v.kind, v.policy_version, v.environment),
                (kind, 7, d.environment)
            );
            let experiments: Vec<Assignment> = v
                .experiments
                .iter()
                .map(|a| Assignment {
                    experiment: a.experiment.to_string(),
                    variant: a.variant.to_string(),
                })
                .collect();
            assert_eq!(experiments, d.experiments);
            assert_eq!(v.missing(), None);
            if kind != EventKind::Exposure {
                assert_eq!(
                    (v.rail.as_deref(), v.launch),
                    (Some(rail.rail.as_str()), Some(rail.launch))
                );
            }
        }
        let v: EventView<'_> = serde_json::from_str(&lines[2]).unwrap();
        assert_eq!(v.result, Some(OutcomeResult::Paid));
        // Strings with escapes are read too (owned, then).
        let escaped = lines[1].replace(r#""rail":"alipay""#, r#""rail":"ali\u0070ay""#);
        let v: EventView<'_> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(v.rail.as_deref(), Some("alipay"));
    }

    #[test]
    fn the_view_names_what_a_type_needs() {
        let base = r#""policy_version":1,"environment":{"platform":"ios","form_factor":"mobile","host":"browser"},"experiments":[]"#;
        let read = |extra: &str| -> Option<&'static str> {
            let line = format!("{{{base}{extra}}}");
            serde_json::from_str::<EventView<'_>>(&line).unwrap().missing()
        };
        assert_eq!(read(r#","type":"selection","launch":"card_form""#), Some("rail"));
        assert_eq!(read(r#","type":"outcome","rail":"card""#), Some("launch"));
        assert_eq!(
            read(r#","type":"outcome","rail":"card","launch":"card_form""#),
            Some("result")
        );
        assert_eq!(read(r#","type":"exposure""#), None);
        let bad = format!(r#"{{{base},"type":"click"}}"#);
        assert!(serde_json::from_str::<EventView<'_>>(&bad).is_err());
    }
}
