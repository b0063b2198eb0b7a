//! The engine: a validated policy, ready to decide many times.
//!
//! # Safe fallback
//!
//! An engine always holds a policy that passed validation: the embedded
//! default, or the last policy it accepted. Policy updates go through
//! [`Engine::apply_policy_json`] or [`Engine::apply_signed_policy`]: on
//! success the new policy replaces the old one; on any error (malformed,
//! invalid, over a limit, unsigned by a trusted key, expired, rolled back)
//! the engine keeps deciding with its current policy and the error is
//! returned for the app to report. Whatever arrives, the shopper still gets
//! a usable decision.

use crate::capability::{Evidence, EvidenceLevel};
use crate::context::{CheckoutContext, Environment, FormFactor, Host, Platform};
use crate::decision::{Decision, HiddenRail, HiddenReason, Placement, ShownRail};
use crate::detect::{self, Hints};
use crate::eligibility::{launch_for, Basis, Eligible, Hidden, ProbeAnswers};
use crate::envelope::{self, TrustedKey, VerifyOptions};
use crate::error::Error;
use crate::event::{EventKind, ExposedHidden, ExposedRail, Exposure};
use crate::policy::{DetectionRule, Experiment, Policy, Preselect, RailPolicy, Variant};
use crate::rank::{self, Candidate};
use crate::validate;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The embedded default policy, as JSON text.
pub const DEFAULT_POLICY_JSON: &str = include_str!("default_policy.json");

/// Options of one decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, default)]
pub struct DecideOptions {
    /// Include each shown rail's score breakdown.
    pub explain: bool,
}

/// A validated policy that decides for any number of contexts. Cheap to
/// share: deciding takes `&self`, and a clone shares the policy.
#[derive(Debug, Clone)]
pub struct Engine {
    // Shared, so that cloning an engine copies no policy (and, in WASM,
    // links no deep copy of every policy type).
    policy: Arc<Policy>,
    /// The highest `version` this engine accepted from a signed envelope: a
    /// later signed update below it is a rollback.
    signed_version: Option<i64>,
}

impl Engine {
    /// An engine for a policy built in code. The policy is validated.
    pub fn new(policy: Policy) -> Result<Engine, Error> {
        validate::validate_policy(&policy).map_err(validate::first)?;
        Ok(Engine {
            policy: Arc::new(policy),
            signed_version: None,
        })
    }

    /// An engine for a policy in JSON text.
    pub fn from_policy_json(json: &str) -> Result<Engine, Error> {
        Ok(Engine {
            policy: Arc::new(validate::parse_policy(json)?),
            signed_version: None,
        })
    }

    /// An engine for a signed policy envelope, verified against the keys the
    /// app pins (see [`crate::envelope`] for the format, every check and its
    /// error code). To fall back on the default policy when verification
    /// fails, start from [`Engine::with_default_policy`] and call
    /// [`Engine::apply_signed_policy`] instead.
    pub fn from_signed_policy(
        envelope_json: &str,
        trusted: &[TrustedKey],
        options: VerifyOptions,
    ) -> Result<Engine, Error> {
        let verified = envelope::verify(envelope_json, trusted, &options)?;
        Ok(Engine {
            signed_version: Some(verified.policy.version),
            policy: Arc::new(verified.policy),
        })
    }

    /// Replaces the policy with one in JSON text. On error the engine keeps
    /// its current policy (the last accepted one, or the embedded default)
    /// and stays usable; the error says what was wrong with the new one.
    pub fn apply_policy_json(&mut self, json: &str) -> Result<(), Error> {
        self.policy = Arc::new(validate::parse_policy(json)?);
        Ok(())
    }

    /// Replaces the policy with one built in code, after validating it. Like
    /// [`Engine::apply_policy_json`], it keeps the signed-version rollback
    /// floor, and on error the engine keeps its current policy.
    pub fn apply_policy(&mut self, policy: Policy) -> Result<(), Error> {
        validate::validate_policy(&policy).map_err(validate::first)?;
        self.policy = Arc::new(policy);
        Ok(())
    }

    /// Replaces the policy with a signed one after verifying it (see
    /// [`crate::envelope`]). The rollback floor is the higher of
    /// `options.min_version` and the version of the last signed policy this
    /// engine accepted, so an engine never goes back to an older signed
    /// policy. On error the engine keeps its current policy (the last
    /// accepted one, or the embedded default) and stays usable; the error's
    /// code says why the update was refused.
    pub fn apply_signed_policy(
        &mut self,
        envelope_json: &str,
        trusted: &[TrustedKey],
        options: VerifyOptions,
    ) -> Result<(), Error> {
        let min_version = match (options.min_version, self.signed_version) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let verified = envelope::verify(
            envelope_json,
            trusted,
            &VerifyOptions {
                min_version,
                ..options
            },
        )?;
        self.signed_version = Some(verified.policy.version);
        self.policy = Arc::new(verified.policy);
        Ok(())
    }

    /// The version of the last signed policy this engine accepted, if any:
    /// persist it and pass it back as [`VerifyOptions::min_version`] after a
    /// restart to refuse rollbacks across restarts.
    pub fn signed_version(&self) -> Option<i64> {
        self.signed_version
    }

    /// An engine for the embedded default policy. It is built into the
    /// library as Rust data (`cargo xtask bake`), so this parses nothing,
    /// and built once: every such engine shares it.
    pub fn with_default_policy() -> Engine {
        static DEFAULT: OnceLock<Arc<Policy>> = OnceLock::new();
        Engine {
            policy: Arc::clone(DEFAULT.get_or_init(|| Arc::new(crate::default_policy::policy()))),
            signed_version: None,
        }
    }

    /// The policy this engine decides with.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Decides for a context given as JSON text and returns the decision
    /// as JSON text: the entry point every binding shares.
    pub fn decide_json(&self, context_json: &str, options: DecideOptions) -> Result<String, Error> {
        let ctx = validate::parse_context(context_json)?;
        let decision = self.decide(&ctx, options)?;
        Ok(crate::wire::to_json(&decision))
    }

    /// Decides which rails to show for `ctx`.
    pub fn decide(&self, ctx: &CheckoutContext, options: DecideOptions) -> Result<Decision, Error> {
        validate::validate_context(ctx)?;
        let checkout = Checkout::new(&self.policy, ctx);
        let verdicts = checkout.verdicts(&|probe| probe.of(&ctx.probes));
        Ok(checkout.decision(verdicts, options))
    }
}

/// Whether one policy rail can be shown, and how; or why not.
pub(crate) type Verdict = Result<Eligible, Hidden>;

/// One validated context being decided with one policy: what every rail's
/// verdict and the decision share (the environment, the experiment
/// assignments). A decision is [`Checkout::verdicts`] then
/// [`Checkout::decision`]; a plan asks again, for other probe answers, only
/// the rails whose verdict read a probe.
pub(crate) struct Checkout<'a> {
    policy: &'a Policy,
    ctx: &'a CheckoutContext,
    env: Environment,
    /// The policy's detection rule that named the host or platform, if one did.
    rule: Option<usize>,
    assigned: Vec<(&'a Experiment, &'a Variant)>,
}

impl<'a> Checkout<'a> {
    /// Resolves the environment and assigns experiments. `ctx` must have
    /// passed `validate_context`.
    pub(crate) fn new(policy: &'a Policy, ctx: &'a CheckoutContext) -> Checkout<'a> {
        let (env, rule) = resolve_environment_with(ctx, &policy.detection_rules);
        let assigned = rank::assign(policy, ctx, &env);
        Checkout {
            policy,
            ctx,
            env,
            rule,
            assigned,
        }
    }

    /// The policy's rails.
    pub(crate) fn rails(&self) -> &'a [RailPolicy] {
        &self.policy.rails
    }

    /// The verdict of the policy's rail number `index`, with the device
    /// probes read through `probes`.
    pub(crate) fn verdict(&self, index: usize, rail: &RailPolicy, probes: ProbeAnswers<'_>) -> Verdict {
        launch_for(self.policy, index, rail, self.ctx, &self.env, probes)
    }

    /// Every rail's verdict, in policy order.
    pub(crate) fn verdicts(&self, probes: ProbeAnswers<'_>) -> Vec<Verdict> {
        let rails = self.rails().iter().enumerate();
        rails
            .map(|(index, rail)| self.verdict(index, rail, probes))
            .collect()
    }

    /// The decision that follows from every rail's verdict (in policy
    /// order): the shown rails ranked and cut to `max_shown`, the hidden
    /// ones with their reasons, the preselection and the exposure event.
    pub(crate) fn decision(&self, verdicts: Vec<Verdict>, options: DecideOptions) -> Decision {
        let (policy, ctx, env) = (self.policy, self.ctx, self.env);
        let mut hidden: Vec<(usize, Hidden)> = Vec::new();
        let mut candidates = Vec::new();
        // What decided each shown rail's launch, by policy index.
        let mut eligible: Vec<Option<Eligible>> = vec![None; policy.rails.len()];
        for (index, verdict) in verdicts.into_iter().enumerate() {
            match verdict {
                Ok(found) => {
                    candidates.push(Candidate {
                        index,
                        launch: found.launch,
                        secondary: found.secondary,
                    });
                    if let Some(slot) = eligible.get_mut(index) {
                        *slot = Some(found);
                    }
                }
                Err(why) => hidden.push((index, why)),
            }
        }
        let mut ranked = rank::rank(policy, ctx, &env, &self.assigned, candidates);
        if let Some(max) = policy.max_shown.and_then(|m| usize::try_from(m).ok()) {
            for over in ranked.split_off(max.min(ranked.len())) {
                let basis = eligible.get(over.index).copied().flatten().map(|e| e.basis);
                hidden.push((
                    over.index,
                    Hidden {
                        reason: HiddenReason::OverDisplayLimit,
                        detail: format!("max_shown is {max} and this rail ranked lower"),
                        basis,
                    },
                ));
            }
        }
        rank::sort_by_key(&mut hidden, |(index, _)| *index);

        let explain = options.explain;
        let id = |index: usize| policy.rails.get(index).map(|r| r.id.clone()).unwrap_or_default();
        let shown: Vec<ShownRail> = ranked
            .into_iter()
            .map(|r| {
                let found = eligible.get(r.index).copied().flatten();
                let escape = found.and_then(|f| f.escape);
                ShownRail {
                    rail: id(r.index),
                    launch: r.launch,
                    escape: escape.map(|e| e.escape),
                    placement: r.placement,
                    score: explain.then_some(r.score),
                    evidence: found.filter(|_| explain).map(|f| f.basis.evidence()),
                    escape_evidence: escape.filter(|_| explain).map(|e| e.evidence.to_evidence()),
                    policy_override: found.and_then(|f| f.basis.policy_override()),
                }
            })
            .collect();
        let hidden: Vec<HiddenRail> = hidden
            .into_iter()
            .map(|(index, why)| HiddenRail {
                rail: id(index),
                reason: why.reason,
                detail: why.detail,
                evidence: why.basis.filter(|_| explain).map(Basis::evidence),
            })
            .collect();
        let preselected = preselect(policy.preselect, &shown);
        let environment = env;
        let environment_evidence = self.rule.filter(|_| explain).map(|i| Evidence {
            level: EvidenceLevel::Policy,
            source: format!("detection_rules[{i}]"),
        });
        let experiments = rank::assignments(&self.assigned);
        let exposure = Exposure {
            kind: EventKind::Exposure,
            checkout_id: ctx.checkout_id.clone(),
            policy_version: policy.version,
            environment,
            experiments: experiments.clone(),
            shown: shown
                .iter()
                .map(|s| ExposedRail {
                    rail: s.rail.clone(),
                    launch: s.launch,
                    policy_override: s.policy_override.clone(),
                })
                .collect(),
            preselected: preselected.clone(),
            hidden: hidden
                .iter()
                .map(|h| ExposedHidden {
                    rail: h.rail.clone(),
                    reason: h.reason,
                })
                .collect(),
        };
        Decision {
            shown,
            preselected,
            hidden,
            policy_version: policy.version,
            environment,
            environment_evidence,
            experiments,
            exposure,
        }
    }
}

fn preselect(rule: Preselect, shown: &[ShownRail]) -> Option<String> {
    let pick = shown
        .first()
        .filter(|s| !matches!(s.placement, Placement::Guide | Placement::Secondary))?;
    let personal = matches!(pick.placement, Placement::Preferred | Placement::LastUsed);
    match rule {
        Preselect::First => Some(pick.rail.clone()),
        Preselect::PersonalOnly if personal => Some(pick.rail.clone()),
        Preselect::PersonalOnly | Preselect::None => None,
    }
}

/// Fills platform, form factor, host and browser family: what the context
/// says wins, then the User-Agent, then a system browser on an unknown
/// platform (of an unknown family). The built-in detection rules only; an
/// engine also applies its policy's `detection_rules`
/// ([`resolve_environment_with`]).
pub fn resolve_environment(ctx: &CheckoutContext) -> Environment {
    resolve_environment_with(ctx, &[]).0
}

/// [`resolve_environment`] with a policy's detection rules tried before the
/// built-in ones, and the index of the rule that named the host or the
/// platform, if one did. A rule's `platform` replaces the detected one; the
/// form factor is then the detected one only when the two platforms agree.
pub fn resolve_environment_with(
    ctx: &CheckoutContext,
    rules: &[DetectionRule],
) -> (Environment, Option<usize>) {
    let needs_ua = ctx.platform.is_none() || ctx.form_factor.is_none() || ctx.host.is_none();
    let ua = ctx.user_agent.as_deref().filter(|_| needs_ua);
    let detected = ua.map(|ua| detect::detect(ua, &Hints::default()));
    let rule = ua
        .and_then(|ua| detect::policy_rule(ua, rules))
        .and_then(|i| rules.get(i).map(|r| (i, r)));
    let rule_platform = rule.and_then(|(_, r)| r.platform);
    // The browser family comes from the context only until the User-Agent
    // rules learn it.
    let browser = ctx.browser;
    let platform = ctx
        .platform
        .or(rule_platform)
        .or(detected.as_ref().map(|d| d.platform))
        .unwrap_or(Platform::Other);
    let form_factor = ctx
        .form_factor
        .or(detected
            .as_ref()
            .filter(|d| d.platform == platform)
            .map(|d| d.form_factor))
        .unwrap_or(match platform {
            Platform::Ios | Platform::Android | Platform::Harmonyos => FormFactor::Mobile,
            _ => FormFactor::Desktop,
        });
    let host = ctx
        .host
        .or(rule.map(|(_, r)| r.host))
        .or(detected.as_ref().map(|d| d.host))
        .unwrap_or(Host::Browser);
    // The rule counts as evidence only where it, not the context, decided.
    let decided = rule
        .filter(|(_, r)| ctx.host.is_none() || (ctx.platform.is_none() && r.platform.is_some()))
        .map(|(i, _)| i);
    let environment = Environment {
        platform,
        form_factor,
        host,
        browser,
    };
    (environment, decided)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_policy_validates_and_keeps_the_current_policy_on_error() {
        let mut engine = Engine::with_default_policy();
        let mut policy = engine.policy().clone();
        policy.version += 1;
        policy.max_shown = Some(0);
        let refused = engine.apply_policy(policy.clone()).err();
        assert_eq!(refused.map(|e| e.path().to_owned()), Some("max_shown".to_owned()));
        assert_eq!(engine.policy(), Engine::with_default_policy().policy());
        policy.max_shown = Some(2);
        assert_eq!(engine.apply_policy(policy.clone()), Ok(()));
        assert_eq!(engine.policy(), &policy);
    }

    /// `default_policy.rs` is generated from `default_policy.json`: after
    /// editing the JSON, run `cargo xtask bake`.
    #[test]
    fn baked_default_policy_matches_the_json() {
        let parsed = validate::parse_policy(DEFAULT_POLICY_JSON);
        assert_eq!(
            parsed.as_ref().ok(),
            Some(Engine::with_default_policy().policy()),
            "core/src/default_policy.rs is stale: run `cargo xtask bake` ({parsed:?})"
        );
    }
}
