//! Ordering of the rails that can be shown.
//!
//! The sort key is, in order:
//! 1. placement: the shopper's preference, then their most recent usable
//!    last-used rail, then rails pinned by an experiment variant's `order`,
//!    then everything else that launches directly, then secondary rails
//!    (a `supported` Apple Pay), then guides (`open_in_browser`);
//! 2. score, higher first: weight + host bonus + boosts + experiment deltas;
//! 3. the rail's position in the policy, which breaks every remaining tie.

use crate::bucket;
use crate::capability::Launch;
use crate::context::CheckoutContext;
use crate::context::Environment;
use crate::decision::{Assignment, Placement, ScoreBreakdown, ScoreTerm};
use crate::policy::{Condition, Experiment, Policy, Variant};

/// A rail that passed every check, waiting to be ordered.
pub struct Candidate {
    /// Index of the rail in the policy.
    pub index: usize,
    /// How it launches.
    pub launch: Launch,
    /// Offered, but never ahead of a rail that can pay at once.
    pub secondary: bool,
}

/// A candidate with its position decided.
pub struct Ranked {
    /// Index of the rail in the policy.
    pub index: usize,
    /// How it launches.
    pub launch: Launch,
    /// Why it sits where it does.
    pub placement: Placement,
    /// The score and its parts.
    pub score: ScoreBreakdown,
}

/// The variants this context is assigned, one per experiment at most.
pub fn assign<'p>(
    policy: &'p Policy,
    ctx: &CheckoutContext,
    env: &Environment,
) -> Vec<(&'p Experiment, &'p Variant)> {
    let Some(subject) = ctx.subject_id.as_deref() else {
        return Vec::new();
    };
    policy
        .experiments
        .iter()
        .filter(|e| holds(&e.when, ctx, env))
        .filter_map(|e| {
            let b = bucket::bucket(&e.salt, subject);
            let mut upper = 0u32;
            e.variants.iter().find_map(|v| {
                upper += u32::try_from(v.weight.clamp(0, 100)).unwrap_or(0) * (bucket::BUCKETS / 100);
                (b < upper).then_some((e, v))
            })
        })
        .collect()
}

/// The assignments as they appear in a decision.
pub fn assignments(assigned: &[(&Experiment, &Variant)]) -> Vec<Assignment> {
    assigned
        .iter()
        .map(|(e, v)| Assignment {
            experiment: e.id.clone(),
            variant: v.id.clone(),
        })
        .collect()
}

/// Orders the candidates. Deterministic: the key ends in the policy index,
/// which is unique.
pub fn rank(
    policy: &Policy,
    ctx: &CheckoutContext,
    env: &Environment,
    assigned: &[(&Experiment, &Variant)],
    candidates: Vec<Candidate>,
) -> Vec<Ranked> {
    let rail_id = |index: usize| policy.rails.get(index).map_or("", |r| r.id.as_str());
    // Rails that can take a shopper's own choice or an experiment's pin.
    let direct = |c: &Candidate| c.launch != Launch::OpenInBrowser && !c.secondary;
    // The most recent last-used rail that launches here and is not already
    // placed first as the preference.
    let last_used = ctx.last_used.iter().find(|id| {
        ctx.preferred_rail.as_deref() != Some(id.as_str())
            && candidates
                .iter()
                .any(|c| direct(c) && rail_id(c.index) == id.as_str())
    });
    let mut ranked: Vec<(u32, Ranked)> = candidates
        .into_iter()
        .map(|c| {
            let id = rail_id(c.index);
            let pin = assigned
                .iter()
                .find_map(|(_, v)| v.order.iter().position(|r| r == id));
            let (placement, tier) = if c.launch == Launch::OpenInBrowser {
                (Placement::Guide, 0)
            } else if c.secondary {
                (Placement::Secondary, 0)
            } else if ctx.preferred_rail.as_deref() == Some(id) {
                (Placement::Preferred, 0)
            } else if last_used.map(String::as_str) == Some(id) {
                (Placement::LastUsed, 0)
            } else if let Some(p) = pin {
                (Placement::ExperimentOrder, u32::try_from(p).unwrap_or(u32::MAX))
            } else {
                (Placement::Score, 0)
            };
            let score = score(policy, ctx, env, assigned, c.index, c.launch);
            (
                tier,
                Ranked {
                    index: c.index,
                    launch: c.launch,
                    placement,
                    score,
                },
            )
        })
        .collect();
    sort_by_key(&mut ranked, |(tier, r)| {
        (r.placement, *tier, -r.score.total, r.index)
    });
    ranked.into_iter().map(|(_, r)| r).collect()
}

fn score(
    policy: &Policy,
    ctx: &CheckoutContext,
    env: &Environment,
    assigned: &[(&Experiment, &Variant)],
    index: usize,
    launch: Launch,
) -> ScoreBreakdown {
    let Some(rail) = policy.rails.get(index) else {
        return ScoreBreakdown {
            base: 0,
            host_native: 0,
            boosts: vec![],
            experiments: vec![],
            total: 0,
        };
    };
    let base = i64::from(rail.weight);
    // The host's own wallet, through its bridge or its mini-program page.
    let host_native = if matches!(launch, Launch::InHostBridge | Launch::MiniProgramPage) {
        i64::from(policy.host_native_bonus)
    } else {
        0
    };
    let boosts: Vec<ScoreTerm> = policy
        .boosts
        .iter()
        .filter(|b| b.rail == rail.id && holds(&b.when, ctx, env))
        .map(|b| ScoreTerm {
            source: b.id.clone(),
            delta: i64::from(b.delta),
        })
        .collect();
    let experiments: Vec<ScoreTerm> = assigned
        .iter()
        .flat_map(|(e, v)| {
            v.boosts
                .iter()
                .filter(|b| b.rail == rail.id)
                .map(move |b| ScoreTerm {
                    source: format!("{}/{}", e.id, v.id),
                    delta: i64::from(b.delta),
                })
        })
        .collect();
    let total = base + host_native + boosts.iter().chain(&experiments).map(|t| t.delta).sum::<i64>();
    ScoreBreakdown {
        base,
        host_native,
        boosts,
        experiments,
        total,
    }
}

/// True when every present field of `when` holds for this context.
pub fn holds(when: &Condition, ctx: &CheckoutContext, env: &Environment) -> bool {
    fn any_of<T: PartialEq>(list: &[T], value: Option<&T>) -> bool {
        list.is_empty() || value.is_some_and(|v| list.contains(v))
    }
    let tier = ctx.region_tier;
    let amount = ctx.amount;
    any_of(&when.platform, Some(&env.platform))
        && any_of(&when.form_factor, Some(&env.form_factor))
        && any_of(&when.host, Some(&env.host))
        && any_of(&when.country, ctx.country.as_ref())
        && any_of(&when.currency, ctx.currency.as_ref())
        && when.region_tier_min.is_none_or(|m| tier.is_some_and(|t| t >= m))
        && when.region_tier_max.is_none_or(|m| tier.is_some_and(|t| t <= m))
        && when.amount_min.is_none_or(|m| amount.is_some_and(|a| a >= m))
        && when.amount_max.is_none_or(|m| amount.is_some_and(|a| a <= m))
        && when
            .installed
            .iter()
            .all(|app| ctx.installed_wallets.get(*app) == crate::context::Availability::Installed)
}

/// A stable insertion sort. The lists paysel orders hold at most
/// [`MAX_RAILS`](crate::limits::MAX_RAILS) items, where this is as fast as
/// the standard sort and a few kilobytes smaller in the WASM package.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 {
            match (items.get(j - 1), items.get(j)) {
                (Some(a), Some(b)) if key(b) < key(a) => items.swap(j - 1, j),
                _ => break,
            }
            j -= 1;
        }
    }
}
