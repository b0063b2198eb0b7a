//! `paysel lint POLICY`: mistakes a policy carries before it ships.
//!
//! Every finding has a grade, the JSON path of the offending value, a
//! stable code and a plain-language message. `error`: paysel refuses the
//! policy, or part of it can never take effect where it matters (a rail
//! shown nowhere). `warning`: the policy works, but something in it has no
//! effect or may not do what was meant. Exit code 1 when there are errors.
//!
//! The errors are the core's own validation, every violation it finds; lint
//! adds warnings about policies that are valid but probably wrong, and the
//! checks that need the context sweep (`crate::sweep::space`) once the policy is
//! valid.

use crate::io::{count as thousands, pct};
use crate::io::{pretty, print, read};
use crate::sweep::space::{decide, sweep_engine, Space};
use crate::CmdResult;
use clap::Args;
use paysel_core::policy::{Condition, Policy};
use paysel_core::WireEnum;
use paysel_core::{condition_holds, resolve_environment, Error, HiddenReason};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `paysel lint`.
#[derive(Args)]
pub struct LintArgs {
    /// The policy JSON file to check.
    policy: PathBuf,
    /// Machine-readable findings.
    #[arg(long)]
    json: bool,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Grade {
    Error,
    Warning,
}

/// One problem found in the policy.
#[derive(Debug, Serialize)]
struct Finding {
    grade: Grade,
    path: String,
    code: &'static str,
    message: String,
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: impl Into<String>, code: &'static str, message: String) {
        self.0.push(Finding {
            grade: Grade::Error,
            path: path.into(),
            code,
            message,
        });
    }

    fn warn(&mut self, path: impl Into<String>, code: &'static str, message: String) {
        self.0.push(Finding {
            grade: Grade::Warning,
            path: path.into(),
            code,
            message,
        });
    }
}

/// Lints a policy.
pub fn run(args: LintArgs) -> CmdResult {
    let findings = lint(&read(&args.policy)?)?;
    let errors = findings.iter().filter(|f| f.grade == Grade::Error).count();
    let warnings = findings.len() - errors;
    if args.json {
        print(&pretty(
            &json!({ "findings": findings, "errors": errors, "warnings": warnings }),
        )?)?;
    } else {
        for f in &findings {
            let grade = if f.grade == Grade::Error {
                "error"
            } else {
                "warning"
            };
            let path = if f.path.is_empty() { "(document)" } else { &f.path };
            print(&format!("{grade:<7} {path}: {} [{}]", f.message, f.code))?;
        }
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        print(&format!(
            "{}: {}, {}",
            args.policy.display(),
            plural(errors, "error"),
            plural(warnings, "warning")
        ))?;
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Every finding, in document order.
fn lint(text: &str) -> Result<Vec<Finding>, String> {
    let mut findings = check(text)?;
    findings.sort_by_cached_key(|f| document_order(&f.path));
    Ok(findings)
}

/// A sort key that puts paths in the order of a policy document:
/// `rails[2]` before `rails[10]`, rails before boosts before experiments.
fn document_order(path: &str) -> Vec<(u64, String)> {
    path.split(['.', '['])
        .enumerate()
        .map(|(i, seg)| match seg.trim_end_matches(']').parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) if i == 0 => (
                serde_aux::serde_introspection::serde_introspect::<Policy>()
                    .iter()
                    .position(|s| *s == seg)
                    .map_or(99, |p| p as u64),
                seg.to_owned(),
            ),
            Err(_) => (0, seg.to_owned()),
        })
        .collect()
}

/// The core's violations as errors, then the warnings of a policy that
/// paysel accepts but that probably does not do what was meant.
fn check(text: &str) -> Result<Vec<Finding>, String> {
    let policy = match paysel_core::read_policy(text) {
        Ok(policy) => policy,
        Err(e) => return Ok(vec![core_finding(&e)]),
    };
    let mut f = Findings::default();
    let valid = match paysel_core::validate_policy(&policy) {
        Ok(()) => true,
        Err(violations) => {
            f.0.extend(violations.iter().map(core_finding));
            false
        }
    };
    warnings(&policy, &mut f);
    if valid {
        sweep_checks(&policy, &mut f)?;
    }
    Ok(f.0)
}

/// The core's own error as a finding, with serde's wording made plainer.
fn core_finding(e: &Error) -> Finding {
    let text = e.to_string();
    let detail = match text.split_once(&format!("`{}`: ", e.path())) {
        Some((_, rest)) => rest.to_owned(),
        None => text.clone(),
    };
    let field = e.path().rsplit('.').next().unwrap_or("");
    let field = field.split('[').next().unwrap_or(field);
    let kind = match field {
        "host" => "host id",
        "platform" => "platform",
        "form_factor" => "form factor",
        "installed" | "wallet" => "wallet app",
        "launch" | "without_wallet" => "launch mode",
        "preselect" => "preselect rule",
        _ => "value",
    };
    let detail = match detail
        .strip_prefix("unknown variant ")
        .and_then(|r| r.split_once(", expected "))
    {
        Some((value, expected)) => format!("{value} is not a known {kind}; expected {expected}"),
        None => detail,
    };
    Finding {
        grade: Grade::Error,
        path: e.path().to_owned(),
        code: e.code().as_str(),
        message: format!("{detail} (paysel refuses this policy)"),
    }
}

/// What a valid policy may still get wrong: settings that have no effect.
fn warnings(p: &Policy, f: &mut Findings) {
    let mut salts: Vec<(String, &str)> = Vec::new();
    for (i, r) in p.rails.iter().enumerate() {
        let at = format!("rails[{i}]");
        if !r.enabled {
            f.warn(
                format!("{at}.enabled"),
                "rail_disabled",
                format!(
                    "`{}` is disabled: it is hidden everywhere as disabled_by_merchant",
                    r.id
                ),
            );
        }
        for (j, l) in r.limits.iter().enumerate() {
            if !r.currencies.is_empty() && !r.currencies.contains(&l.currency) {
                let msg = format!(
                    "`{}` accepts only {}, so this {} limit never applies",
                    r.id,
                    r.currencies.join(", "),
                    l.currency
                );
                f.warn(
                    format!("{at}.limits[{j}].currency"),
                    "limit_currency_not_accepted",
                    msg,
                );
            }
        }
        if let Some(rollout) = &r.rollout {
            if rollout.percent == 0 {
                f.warn(
                    format!("{at}.rollout.percent"),
                    "rollout_at_zero",
                    format!("`{}` is rolled out to 0%: nobody sees it", r.id),
                );
            }
            salts.push((format!("{at}.rollout.salt"), &rollout.salt));
        }
    }
    for (i, e) in p.experiments.iter().enumerate() {
        let at = format!("experiments[{i}]");
        salts.push((format!("{at}.salt"), &e.salt));
        let total: i64 = e.variants.iter().map(|v| i64::from(v.weight)).sum();
        if total < 100 {
            let msg = format!(
                "variant weights add up to {total}: {}% of the shoppers it applies to are not enrolled",
                100 - total
            );
            f.warn(format!("{at}.variants"), "experiment_weights_under_100", msg);
        }
    }
    for (k, (path, salt)) in salts.iter().enumerate() {
        if let Some((first, _)) = salts.iter().take(k).find(|(_, s)| s == salt) {
            let msg = format!("salt `{salt}` is also used at {first}: the same shoppers land in the same buckets of both; use a fresh salt for each rollout and experiment");
            f.warn(path.clone(), "salt_reused", msg);
        }
    }
    if let Some(max) = p
        .max_shown
        .filter(|&m| usize::try_from(m).is_ok_and(|m| m > p.rails.len()))
    {
        let msg = format!(
            "max_shown is {max} but the policy has only {} rails: the limit never applies",
            p.rails.len()
        );
        f.warn("max_shown", "max_shown_above_rails", msg);
    }
}

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

fn sweep_checks(p: &Policy, f: &mut Findings) -> Result<(), String> {
    let engine = sweep_engine(p)?;
    let space = Space::new(&[&engine])?;
    let mut rails = vec![Tally::default(); p.rails.len()];
    let mut boosts = vec![Tally::default(); p.boosts.len()];
    let mut experiments = vec![0u64; p.experiments.len()];
    space.visit(|ctx, _| {
        let d = decide(&engine, ctx)?;
        let env = resolve_environment(ctx);
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
    let paused = |r: &paysel_core::policy::RailPolicy| {
        !r.enabled || r.rollout.as_ref().is_some_and(|o| o.percent == 0)
    };
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
