//! The checks that need the context sweep (`crate::sweep::space`): rails
//! shown nowhere or always cut, boosts and experiments that never apply,
//! rails that launch on assumed capability cells, and rails that would show
//! as two buttons of the same built-in rail.

use super::Findings;
use crate::io::{count as thousands, pct};
use crate::sweep::space::{explain, sweep_engine, Space};
use paysel_core::capability::BuiltinRail;
use paysel_core::policy::{Condition, Policy, RailPolicy};
use paysel_core::{
    condition_holds, resolve_environment_with, Decision, EvidenceLevel, HiddenReason, Host, WireEnum,
};
use std::collections::BTreeMap;

/// Counts per rail, boost and experiment over the sweep.
#[derive(Default, Clone)]
struct Tally {
    contexts: u64,
    shown: u64,
    eligible: u64,
    hidden: BTreeMap<HiddenReason, u64>,
}

/// The top reasons, e.g. `currency_unsupported 60.0%, host_blocks_rail 40.0%`.
fn reasons(t: &Tally) -> String {
    let mut r: Vec<(&HiddenReason, &u64)> = t.hidden.iter().collect();
    r.sort_by_key(|x| std::cmp::Reverse(*x.1));
    let whole = t.contexts as f64;
    r.iter()
        .take(3)
        .map(|(k, v)| format!("{} {}", k.as_str(), pct(**v as f64, whole)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every sweep check of a valid policy.
pub fn checks(p: &Policy, f: &mut Findings) -> Result<(), String> {
    let engine = sweep_engine(p)?;
    let space = Space::new(&[&engine])?;
    let mut rails = vec![Tally::default(); p.rails.len()];
    let mut boosts = vec![Tally::default(); p.boosts.len()];
    let mut experiments = vec![0u64; p.experiments.len()];
    let mut assumed = vec![Leaning::default(); p.rails.len()];
    let mut alike: BTreeMap<(usize, usize), Together> = BTreeMap::new();
    let bases: Vec<Option<BuiltinRail>> = p.rails.iter().map(base).collect();
    space.visit(|ctx, _| {
        let d = explain(&engine, ctx)?;
        // As the engine sees it: the policy's detection rules come first.
        let env = resolve_environment_with(ctx, &p.detection_rules).0;
        lean(p, &d, env.host, &mut assumed);
        pairs(p, &bases, &d, env.host, &mut alike);
        let status =
            |id: &str| -> Option<HiddenReason> { d.hidden.iter().find(|h| h.rail == id).map(|h| h.reason) };
        for (r, t) in p.rails.iter().zip(rails.iter_mut()) {
            count(t, status(&r.id));
        }
        for (b, t) in p.boosts.iter().zip(boosts.iter_mut()) {
            if condition_holds(&b.when, ctx, &env) {
                count(t, status(&b.rail));
            }
        }
        for (e, n) in p.experiments.iter().zip(experiments.iter_mut()) {
            *n += u64::from(condition_holds(&e.when, ctx, &env));
        }
        Ok(())
    })?;
    assumed_warnings(p, &rails, &assumed, f);
    alike_warnings(p, &bases, &alike, f);
    let paused = |r: &RailPolicy| !r.enabled || r.rollout.as_ref().is_some_and(|o| o.percent == 0);
    for (i, (r, t)) in p.rails.iter().zip(&rails).enumerate() {
        if paused(r) {
            continue;
        }
        if t.eligible == 0 {
            let msg = format!(
                "`{}` is shown in none of the {} contexts swept: {}",
                r.id,
                thousands(t.contexts),
                reasons(t)
            );
            f.error(format!("rails[{i}]"), "rail_never_shown", msg);
        } else if t.shown == 0 {
            let msg = format!(
                "`{}` qualifies in {} contexts, but max_shown cuts it in every one: it shows only as the shopper's own choice or when an experiment lifts it",
                r.id,
                thousands(t.eligible)
            );
            f.warn(format!("rails[{i}]"), "rail_always_over_display_limit", msg);
        }
    }
    for (i, (b, t)) in p.boosts.iter().zip(&boosts).enumerate() {
        if t.contexts == 0 {
            let msg = format!("boost `{}` never applies: {}", b.id, never_holds(&b.when));
            f.warn(format!("boosts[{i}].when"), "boost_never_applies", msg);
        } else if t.shown == 0 && !p.rails.iter().any(|r| r.id == b.rail && paused(r)) {
            let msg = format!(
                "boost `{}` never applies to a shown rail: in the {} contexts where its `when` holds, `{}` is hidden ({})",
                b.id,
                thousands(t.contexts),
                b.rail,
                reasons(t)
            );
            f.warn(format!("boosts[{i}].when"), "boost_never_applies", msg);
        }
    }
    for (i, (e, n)) in p.experiments.iter().zip(&experiments).enumerate() {
        if *n == 0 {
            let msg = format!(
                "experiment `{}` never enrolls anyone: {}",
                e.id,
                never_holds(&e.when)
            );
            f.warn(format!("experiments[{i}].when"), "experiment_never_enrolls", msg);
        }
    }
    Ok(())
}

fn count(t: &mut Tally, hidden: Option<HiddenReason>) {
    t.contexts += 1;
    match hidden {
        None => {
            t.shown += 1;
            t.eligible += 1;
        }
        Some(HiddenReason::OverDisplayLimit) => {
            t.eligible += 1;
            *t.hidden.entry(HiddenReason::OverDisplayLimit).or_default() += 1;
        }
        Some(reason) => *t.hidden.entry(reason).or_default() += 1,
    }
}

/// Why a `when` holds in no swept context, as far as can be told.
fn never_holds(w: &Condition) -> String {
    use paysel_core::Host;
    let probing = w.host.is_empty() || w.host.iter().any(|h| matches!(h, Host::Native | Host::Webview));
    if !w.installed.is_empty() && !probing {
        return "`installed` holds only where the app can probe wallet apps (native and webview hosts), and its `host` list has neither".to_owned();
    }
    if !w.platform.is_empty() && !w.form_factor.is_empty() {
        let desktop_os = |p: &paysel_core::Platform| {
            use paysel_core::Platform::*;
            matches!(p, Windows | Macos | Linux | Chromeos)
        };
        let phone_os = |p: &paysel_core::Platform| {
            use paysel_core::Platform::*;
            matches!(p, Ios | Android | Harmonyos)
        };
        let desktop = w.form_factor.contains(&paysel_core::FormFactor::Desktop);
        let handheld = w
            .form_factor
            .iter()
            .any(|f| *f != paysel_core::FormFactor::Desktop);
        let fits = w.platform.iter().any(|p| {
            !(desktop_os(p) || phone_os(p)) || (desktop_os(p) && desktop) || (phone_os(p) && handheld)
        });
        if !fits {
            return "no device has one of its platforms with one of its form factors".to_owned();
        }
    }
    "its `when` holds in no context".to_owned()
}

/// The built-in rail whose behaviour a policy rail has.
fn base(r: &RailPolicy) -> Option<BuiltinRail> {
    BuiltinRail::from_id(r.behaves_like.as_deref().unwrap_or(&r.id))
}

/// Hosts by the number of contexts, most first: `taobao 120, tmall 120
/// and 3 more`.
fn hosts_text(hosts: &BTreeMap<Host, u64>) -> String {
    let mut h: Vec<(&Host, &u64)> = hosts.iter().collect();
    h.sort_by_key(|x| std::cmp::Reverse(*x.1));
    let mut out: Vec<String> = h
        .iter()
        .take(4)
        .map(|(h, n)| format!("{} {}", h.as_str(), thousands(**n)))
        .collect();
    if h.len() > 4 {
        out.push(format!("and {} more", h.len() - 4));
    }
    out.join(", ")
}

/// Where one rail is shown on an assumed cell.
#[derive(Default, Clone)]
struct Leaning {
    contexts: u64,
    hosts: BTreeMap<Host, u64>,
    sources: BTreeMap<String, u64>,
}

/// Counts the shown rails whose launch or escape rests on an assumed cell.
fn lean(p: &Policy, d: &Decision, host: Host, assumed: &mut [Leaning]) {
    for s in &d.shown {
        let keys: Vec<&str> = [s.evidence.as_ref(), s.escape_evidence.as_ref()]
            .into_iter()
            .flatten()
            .filter(|e| e.level == EvidenceLevel::Assumed)
            .map(|e| e.source.as_str())
            .collect();
        let at = p.rails.iter().position(|r| r.id == s.rail);
        let Some(l) = at.and_then(|i| assumed.get_mut(i)).filter(|_| !keys.is_empty()) else {
            continue;
        };
        l.contexts += 1;
        *l.hosts.entry(host).or_default() += 1;
        for key in keys {
            *l.sources.entry(key.to_owned()).or_default() += 1;
        }
    }
}

fn assumed_warnings(p: &Policy, rails: &[Tally], assumed: &[Leaning], f: &mut Findings) {
    for (i, ((r, t), l)) in p.rails.iter().zip(rails).zip(assumed).enumerate() {
        if l.contexts == 0 {
            continue;
        }
        let mut sources: Vec<(&String, &u64)> = l.sources.iter().collect();
        sources.sort_by_key(|x| std::cmp::Reverse(*x.1));
        let sources: Vec<&str> = sources.iter().map(|(k, _)| k.as_str()).collect();
        let rail = base(r).map_or(r.id.as_str(), |b| b.as_str());
        let msg = format!(
            "`{}` launches on an assumed capability cell in {} of the contexts that show it (hosts {}; sources {}): no source settles these answers. `paysel capabilities --rail {rail} --level assumed` cites them; if field data or a device test says otherwise, a `capabilities` override pins the answer",
            r.id,
            pct(l.contexts as f64, t.shown as f64),
            hosts_text(&l.hosts),
            sources.join(", ")
        );
        f.warn(format!("rails[{i}]"), "rail_rests_on_assumed_cell", msg);
    }
}

/// Where two rails of the same built-in behaviour are shown together.
#[derive(Default)]
struct Together {
    contexts: u64,
    hosts: BTreeMap<Host, u64>,
}

/// Counts each pair of shown rails (by policy index) that share a
/// built-in rail.
fn pairs(
    p: &Policy,
    bases: &[Option<BuiltinRail>],
    d: &Decision,
    host: Host,
    alike: &mut BTreeMap<(usize, usize), Together>,
) {
    let shown: Vec<usize> = d
        .shown
        .iter()
        .filter_map(|s| p.rails.iter().position(|r| r.id == s.rail))
        .collect();
    for (k, &a) in shown.iter().enumerate() {
        for &b in shown.iter().skip(k + 1) {
            let base_of = |i: usize| bases.get(i).copied().flatten();
            if base_of(a).is_some() && base_of(a) == base_of(b) {
                let t = alike.entry((a.min(b), a.max(b))).or_default();
                t.contexts += 1;
                *t.hosts.entry(host).or_default() += 1;
            }
        }
    }
}

fn alike_warnings(
    p: &Policy,
    bases: &[Option<BuiltinRail>],
    alike: &BTreeMap<(usize, usize), Together>,
    f: &mut Findings,
) {
    for (&(a, b), t) in alike {
        let (Some(first), Some(second), Some(Some(rail))) = (p.rails.get(a), p.rails.get(b), bases.get(b))
        else {
            continue;
        };
        let msg = format!(
            "`{}` and `{}` (rails[{a}]) both behave like {} and are shown together in {} contexts (hosts {}): if they are the same payment method, the shopper sees two {} buttons; keep one, or limit them apart with `countries`, `currencies` or a `capabilities` override",
            second.id,
            first.id,
            rail.as_str(),
            thousands(t.contexts),
            hosts_text(&t.hosts),
            rail.as_str()
        );
        f.warn(format!("rails[{b}]"), "rails_behave_alike", msg);
    }
}
