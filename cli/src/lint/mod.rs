//! `paysel lint POLICY`: mistakes a policy carries before it ships.
//!
//! Every finding has a grade, the JSON path of the offending value, a
//! stable code and a plain-language message. `error`: paysel refuses the
//! policy, or part of it can never take effect where it matters (a rail
//! shown nowhere). `warning`: the policy works, but something in it has no
//! effect or may not do what was meant. Exit code 1 when there are errors.
//!
//! The errors are the core's own validation, every violation it finds (for
//! a document that does not parse, every shape problem: `shape`), each with
//! the nearest known name when a name is mistyped; lint adds warnings about
//! policies that are valid but probably wrong, and the checks that need the
//! context sweep (`sweep`) once the policy is valid.

mod shape;
mod sweep;

use crate::io::{pretty, print, read};
use crate::CmdResult;
use clap::Args;
use paysel_core::capability::BuiltinRail;
use paysel_core::policy::Policy;
use paysel_core::{Error, ErrorCode, WireEnum};
use serde::Serialize;
use serde_json::json;
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

/// A sort key that puts paths in the order of a policy document: the
/// whole document first, `rails[2]` before `rails[10]`, rails before boosts
/// before experiments.
fn document_order(path: &str) -> Vec<(u64, String)> {
    path.split(['.', '['])
        .filter(|seg| !seg.is_empty())
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
        Err(e) => return Ok(refused(text, &e)),
    };
    let rails: Vec<&str> = policy.rails.iter().map(|r| r.id.as_str()).collect();
    let mut f = Findings::default();
    let valid = match paysel_core::validate_policy(&policy) {
        Ok(()) => true,
        Err(violations) => {
            f.0.extend(violations.iter().map(|e| core_finding(e, &rails)));
            false
        }
    };
    warnings(&policy, &mut f);
    if valid {
        sweep::checks(&policy, &mut f)?;
    }
    Ok(f.0)
}

/// A policy the core cannot read: its error, and for a malformed document
/// every other shape problem found in it.
fn refused(text: &str, e: &Error) -> Vec<Finding> {
    let mut out = vec![core_finding(e, &[])];
    if e.code() == ErrorCode::PolicyMalformed {
        for p in shape::problems(text).into_iter().filter(|p| p.path != e.path()) {
            out.push(core_finding(
                &Error::PolicyMalformed {
                    path: p.path,
                    message: p.message,
                },
                &[],
            ));
        }
    }
    out
}

/// The name closest to `wrong` among `known`, if one is close enough to be
/// a typo (Jaro-Winkler similarity above 0.8, as clap suggests commands).
fn nearest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .filter(|k| *k != wrong)
        .map(|k| (strsim::jaro_winkler(wrong, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// "did you mean" for a message that names a value it does not know: a
/// serde field or variant (the names it expected), a rail that is not
/// built in (the built-in ids) or not in `rails` (the policy's ids).
fn suggestion(detail: &str, rails: &[&str]) -> Option<String> {
    let wrong = detail.split('`').nth(1)?;
    let builtin = || BuiltinRail::ALL.iter().map(|r| r.as_str());
    if let Some((_, expected)) = detail.split_once("expected ") {
        let names = expected.split('`').skip(1).step_by(2);
        return nearest(wrong, names).map(|n| format!("did you mean `{n}`?"));
    }
    if detail.contains("not built in") {
        // Following the core's hint (name what it behaves like) for a typo
        // of a built-in id would show that rail twice.
        return nearest(wrong, builtin()).map(|n| {
            format!("did you mean the built-in `{n}`? Then use that id: a second rail that behaves like `{n}` shows as a second button")
        });
    }
    if detail.contains("not a built-in rail") {
        return nearest(wrong, builtin()).map(|n| format!("did you mean the built-in `{n}`?"));
    }
    if detail.starts_with("unknown rail") {
        return nearest(wrong, rails.iter().copied().chain(builtin()))
            .map(|n| format!("did you mean `{n}`?"));
    }
    None
}

/// The core's own error as a finding, with serde's wording made plainer
/// and the nearest known name of a mistyped one.
fn core_finding(e: &Error, rails: &[&str]) -> Finding {
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
    let hint = suggestion(&detail, rails);
    let mut detail = match detail
        .strip_prefix("unknown variant ")
        .and_then(|r| r.split_once(", expected "))
    {
        Some((value, expected)) => format!("{value} is not a known {kind}; expected {expected}"),
        None => detail,
    };
    if let Some(hint) = hint {
        detail = format!("{detail}; {hint}");
    }
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
