//! Reading and validating untrusted policy and context input.
//!
//! Limits come first (the text size before parsing, then every count and
//! length), then the JSON shape (serde, with the path of the first problem),
//! then the rules that a schema cannot express. `validate_policy` reports
//! every violation it finds, in document order, for tooling such as
//! `paysel lint`; the engine refuses a policy on the first.

use crate::capability::{BuiltinRail, Launch};
use crate::context::CheckoutContext;
use crate::error::Error;
use crate::limits::{self, check};
use crate::policy::{Condition, DetectionRule, Policy, POLICY_SCHEMA};
use crate::wire::{self, Input, WireEnum};
use serde_json::Value;

/// Reads a policy from JSON text and validates it: the engine's entry point,
/// which fails on the first violation.
pub fn parse_policy(json: &str) -> Result<Policy, Error> {
    let policy = read_policy(json)?;
    validate_policy(&policy).map_err(first)?;
    Ok(policy)
}

/// Reads a policy from JSON text, checking its size and shape but not its
/// rules (see `validate_policy`).
///
/// A policy over a top-level count limit fails as `limit_exceeded` and one
/// for another schema as `policy_schema_unsupported`, whatever else is
/// wrong with it.
pub fn read_policy(json: &str) -> Result<Policy, Error> {
    check("", json.len(), limits::MAX_POLICY_BYTES, "bytes")?;
    wire::from_json_object(json).map_err(|e| {
        // Only a refused policy pays for a second, untyped read, which
        // finds what outranks a shape error.
        let tree = serde_json::from_str::<Value>(json).ok();
        tree.as_ref()
            .and_then(|tree| {
                top_level_limits(tree, POLICY_LIST_LIMITS)
                    .err()
                    .or_else(|| schema_error(tree))
            })
            .unwrap_or_else(|| Input::Policy.error(e))
    })
}

/// Reads a context from JSON text and checks its limits and ranges.
pub fn parse_context(json: &str) -> Result<CheckoutContext, Error> {
    check("", json.len(), limits::MAX_CONTEXT_BYTES, "bytes")?;
    let context = wire::from_json_object(json).map_err(|e| {
        serde_json::from_str::<Value>(json)
            .ok()
            .and_then(|tree| top_level_limits(&tree, CONTEXT_LIMITS).err())
            .unwrap_or_else(|| Input::Context.error(e))
    })?;
    validate_context(&context)?;
    Ok(context)
}

/// The first of a policy's violations, which the engine refuses it for.
pub(crate) fn first(mut violations: Vec<Error>) -> Error {
    violations.swap_remove(0)
}

/// Top-level lists of a policy and their limits.
const POLICY_LIST_LIMITS: &[(&str, usize, &str)] = &[
    ("rails", limits::MAX_RAILS, "rails"),
    ("boosts", limits::MAX_BOOSTS, "boosts"),
    ("experiments", limits::MAX_EXPERIMENTS, "experiments"),
    ("capabilities", limits::MAX_CAPABILITY_OVERRIDES, "overrides"),
    ("detection_rules", limits::MAX_DETECTION_RULES, "rules"),
];

/// Top-level strings and lists of a context and their limits.
const CONTEXT_LIMITS: &[(&str, usize, &str)] = &[
    ("user_agent", limits::MAX_USER_AGENT_BYTES, "bytes"),
    ("subject_id", limits::MAX_SUBJECT_ID_BYTES, "bytes"),
    ("checkout_id", limits::MAX_CHECKOUT_ID_BYTES, "bytes"),
    ("preferred_rail", limits::MAX_ID_BYTES, "bytes"),
    ("last_used", limits::MAX_LAST_USED, "entries"),
];

/// The sizes of top-level lists (items) and strings (bytes) of a JSON tree.
fn top_level_limits(tree: &Value, rules: &[(&str, usize, &'static str)]) -> Result<(), Error> {
    for (name, limit, unit) in rules {
        match tree.get(name) {
            Some(Value::Array(items)) => check(name, items.len(), *limit, unit)?,
            Some(Value::String(text)) => check(name, text.len(), *limit, unit)?,
            _ => {}
        }
    }
    Ok(())
}

/// A policy for another schema, or without one, gets that error rather than
/// a confusing field error.
fn schema_error(tree: &Value) -> Option<Error> {
    match tree.get("schema") {
        Some(Value::String(s)) if s == POLICY_SCHEMA => None,
        Some(Value::String(s)) => Some(Error::PolicySchemaUnsupported {
            found: s.clone(),
            expected: POLICY_SCHEMA,
        }),
        Some(_) => Some(Error::PolicyMalformed {
            path: "schema".into(),
            message: "expected the string `paysel.policy/1`".into(),
        }),
        None if tree.is_object() => Some(Error::PolicyMalformed {
            path: "schema".into(),
            message: "missing field `schema`".into(),
        }),
        None => None,
    }
}

/// Every violation found in a policy, in document order.
#[derive(Default)]
struct Violations(Vec<Error>);

impl Violations {
    fn invalid(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Error::PolicyInvalid {
            path: path.into(),
            message: message.into(),
        });
    }

    fn limit(&mut self, path: impl Into<String>, actual: usize, max: usize, unit: &'static str) {
        if let Err(e) = check(&path.into(), actual, max, unit) {
            self.0.push(e);
        }
    }

    fn id_len(&mut self, path: impl Into<String>, id: &str) {
        self.limit(path, id.len(), limits::MAX_ID_BYTES, "bytes");
    }

    fn items(&mut self, path: impl Into<String>, len: usize) {
        self.limit(path, len, limits::MAX_LIST_ITEMS, "items");
    }

    fn done(self) -> Result<(), Vec<Error>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Checks a parsed policy and returns every violation, in document order:
/// the hard limits first (a policy over a limit reports only those), then
/// the schema, then the rules that a schema cannot express.
pub fn validate_policy(p: &Policy) -> Result<(), Vec<Error>> {
    let mut found = Violations::default();
    policy_limits(p, &mut found);
    if !found.0.is_empty() {
        return found.done();
    }
    if p.schema != POLICY_SCHEMA {
        found.0.push(Error::PolicySchemaUnsupported {
            found: p.schema.clone(),
            expected: POLICY_SCHEMA,
        });
        return found.done();
    }
    policy_rules(p, &mut found);
    found.done()
}

/// The hard limits of a parsed policy (see the limits module).
fn policy_limits(p: &Policy, found: &mut Violations) {
    for (name, limit, unit) in POLICY_LIST_LIMITS {
        let len = match *name {
            "rails" => p.rails.len(),
            "boosts" => p.boosts.len(),
            "experiments" => p.experiments.len(),
            "capabilities" => p.capabilities.len(),
            _ => p.detection_rules.len(),
        };
        found.limit(*name, len, *limit, unit);
    }
    for (i, rail) in p.rails.iter().enumerate() {
        let at = format!("rails[{i}]");
        found.id_len(format!("{at}.id"), &rail.id);
        if let Some(like) = &rail.behaves_like {
            found.id_len(format!("{at}.behaves_like"), like);
        }
        found.items(format!("{at}.currencies"), rail.currencies.len());
        found.items(format!("{at}.countries"), rail.countries.len());
        found.items(format!("{at}.limits"), rail.limits.len());
        if let Some(rollout) = &rail.rollout {
            found.id_len(format!("{at}.rollout.salt"), &rollout.salt);
        }
    }
    for (i, boost) in p.boosts.iter().enumerate() {
        let at = format!("boosts[{i}]");
        found.id_len(format!("{at}.id"), &boost.id);
        found.id_len(format!("{at}.rail"), &boost.rail);
        condition_limits(&format!("{at}.when"), &boost.when, found);
    }
    for (i, boost) in p.boosts.iter().enumerate() {
        // Counted once per rail, at the first boost that names it.
        if p.boosts.iter().take(i).all(|b| b.rail != boost.rail) {
            let same_rail = p.boosts.iter().filter(|b| b.rail == boost.rail).count();
            found.limit(
                "boosts",
                same_rail,
                limits::MAX_BOOSTS_PER_RAIL,
                "boosts per rail",
            );
        }
    }
    for (i, exp) in p.experiments.iter().enumerate() {
        let at = format!("experiments[{i}]");
        found.id_len(format!("{at}.id"), &exp.id);
        found.id_len(format!("{at}.salt"), &exp.salt);
        condition_limits(&format!("{at}.when"), &exp.when, found);
        found.limit(
            format!("{at}.variants"),
            exp.variants.len(),
            limits::MAX_VARIANTS,
            "variants",
        );
        for (j, variant) in exp.variants.iter().enumerate() {
            let vat = format!("{at}.variants[{j}]");
            found.id_len(format!("{vat}.id"), &variant.id);
            found.items(format!("{vat}.boosts"), variant.boosts.len());
            for (k, b) in variant.boosts.iter().enumerate() {
                found.id_len(format!("{vat}.boosts[{k}].rail"), &b.rail);
            }
            found.items(format!("{vat}.order"), variant.order.len());
            for (k, r) in variant.order.iter().enumerate() {
                found.id_len(format!("{vat}.order[{k}]"), r);
            }
        }
    }
    for (i, o) in p.capabilities.iter().enumerate() {
        found.id_len(format!("capabilities[{i}].rail"), &o.rail);
        found.items(format!("capabilities[{i}].platform"), o.platform.len());
    }
    for (i, rule) in p.detection_rules.iter().enumerate() {
        found.limit(
            format!("detection_rules[{i}].token"),
            rule.token.len(),
            limits::MAX_DETECTION_TOKEN_BYTES,
            "bytes",
        );
    }
}

fn condition_limits(at: &str, c: &Condition, found: &mut Violations) {
    for (name, len) in [
        ("platform", c.platform.len()),
        ("form_factor", c.form_factor.len()),
        ("host", c.host.len()),
        ("country", c.country.len()),
        ("currency", c.currency.len()),
        ("installed", c.installed.len()),
    ] {
        found.items(format!("{at}.{name}"), len);
    }
}

/// The rules of a policy within its limits.
fn policy_rules(p: &Policy, found: &mut Violations) {
    if !(0..=limits::MAX_POLICY_VERSION).contains(&p.version) {
        found.invalid(
            "version",
            "must be from 0 to 2^53 - 1, which JS numbers hold exactly",
        );
    }
    if p.not_after.is_some_and(|t| t < 0) {
        found.invalid("not_after", "must be Unix seconds, 0 or more");
    }
    if p.rails.is_empty() {
        found.invalid("rails", "a policy needs at least one rail");
    }
    if p.max_shown.is_some_and(|m| m < 1) {
        found.invalid("max_shown", "must be at least 1, or absent for no limit");
    }
    let has_rail = |id: &str| p.rails.iter().any(|r| r.id == id);
    for (i, rail) in p.rails.iter().enumerate() {
        let at = format!("rails[{i}]");
        rail_id(&format!("{at}.id"), &rail.id, found);
        if p.rails.iter().take(i).any(|r| r.id == rail.id) {
            found.invalid(format!("{at}.id"), format!("duplicate rail id `{}`", rail.id));
        }
        let like_at = format!("{at}.behaves_like");
        match (&rail.behaves_like, BuiltinRail::from_id(&rail.id)) {
            (Some(like), _) if BuiltinRail::from_id(like).is_none() => found.invalid(
                like_at,
                format!("`{like}` is not a built-in rail ({})", builtin_rail_list()),
            ),
            (None, None) => found.invalid(
                like_at,
                format!(
                    "rail `{}` is not built in; name the built-in rail it behaves like",
                    rail.id
                ),
            ),
            // A built-in rail already has its behaviour; borrowing another's
            // would make `card` launch like Alipay.
            (Some(_), Some(_)) => found.invalid(
                like_at,
                format!(
                    "`{}` is a built-in rail; only other rails take behaves_like",
                    rail.id
                ),
            ),
            _ => {}
        }
        codes(&format!("{at}.currencies"), &rail.currencies, 3, found);
        codes(&format!("{at}.countries"), &rail.countries, 2, found);
        for (j, limit) in rail.limits.iter().enumerate() {
            let lat = format!("{at}.limits[{j}]");
            code(&format!("{lat}.currency"), &limit.currency, 3, found);
            if rail.limits.iter().take(j).any(|l| l.currency == limit.currency) {
                found.invalid(format!("{lat}.currency"), "duplicate currency in limits");
            }
            for (name, value) in [("min", limit.min), ("max", limit.max)] {
                if value.is_some_and(|v| v < 0) {
                    found.invalid(format!("{lat}.{name}"), "amounts are 0 or more");
                }
            }
            if let (Some(min), Some(max)) = (limit.min, limit.max) {
                if min > max {
                    found.invalid(lat, format!("min {min} is above max {max}"));
                }
            }
        }
        if let Some(rollout) = &rail.rollout {
            if !(0..=100).contains(&rollout.percent) {
                found.invalid(format!("{at}.rollout.percent"), "must be 0 to 100");
            }
            not_empty(&format!("{at}.rollout.salt"), &rollout.salt, found);
        }
        if let Some(fallback) = rail.without_wallet {
            if !matches!(fallback, Launch::H5Redirect | Launch::QrCode) {
                found.invalid(
                    format!("{at}.without_wallet"),
                    "only h5_redirect or qr_code work without the wallet app",
                );
            }
        }
    }
    for (i, boost) in p.boosts.iter().enumerate() {
        let at = format!("boosts[{i}]");
        not_empty(&format!("{at}.id"), &boost.id, found);
        if p.boosts.iter().take(i).any(|b| b.id == boost.id) {
            found.invalid(format!("{at}.id"), format!("duplicate boost id `{}`", boost.id));
        }
        known_rail(&format!("{at}.rail"), &boost.rail, &has_rail, found);
        condition(&format!("{at}.when"), &boost.when, found);
    }
    for (i, exp) in p.experiments.iter().enumerate() {
        let at = format!("experiments[{i}]");
        not_empty(&format!("{at}.id"), &exp.id, found);
        if p.experiments.iter().take(i).any(|e| e.id == exp.id) {
            found.invalid(
                format!("{at}.id"),
                format!("duplicate experiment id `{}`", exp.id),
            );
        }
        not_empty(&format!("{at}.salt"), &exp.salt, found);
        condition(&format!("{at}.when"), &exp.when, found);
        let variants = format!("{at}.variants");
        if exp.variants.is_empty() {
            found.invalid(&variants, "an experiment needs at least one variant");
        }
        let total: i64 = exp.variants.iter().map(|v| i64::from(v.weight)).sum();
        if total > 100 {
            found.invalid(&variants, format!("variant weights add up to {total}, above 100"));
        }
        for (j, variant) in exp.variants.iter().enumerate() {
            let vat = format!("{variants}[{j}]");
            not_empty(&format!("{vat}.id"), &variant.id, found);
            if exp.variants.iter().take(j).any(|v| v.id == variant.id) {
                found.invalid(
                    format!("{vat}.id"),
                    format!("duplicate variant id `{}`", variant.id),
                );
            }
            if !(0..=100).contains(&variant.weight) {
                found.invalid(format!("{vat}.weight"), "must be 0 to 100");
            }
            for (k, b) in variant.boosts.iter().enumerate() {
                known_rail(&format!("{vat}.boosts[{k}].rail"), &b.rail, &has_rail, found);
            }
            for (k, r) in variant.order.iter().enumerate() {
                known_rail(&format!("{vat}.order[{k}]"), r, &has_rail, found);
            }
        }
    }
    for (i, o) in p.capabilities.iter().enumerate() {
        if !has_rail(&o.rail) && BuiltinRail::from_id(&o.rail).is_none() {
            found.invalid(
                format!("capabilities[{i}].rail"),
                format!("unknown rail `{}`", o.rail),
            );
        }
    }
    for (i, rule) in p.detection_rules.iter().enumerate() {
        let at = format!("detection_rules[{i}].token");
        detection_token(&at, &rule.token, found);
        let same = |r: &DetectionRule| r.token.eq_ignore_ascii_case(&rule.token);
        if p.detection_rules.iter().take(i).any(same) {
            found.invalid(
                at,
                format!(
                    "duplicate token `{}`: tokens match without regard to case",
                    rule.token
                ),
            );
        }
    }
}

/// A detection rule's token: printable ASCII, long enough to name one app,
/// and never a URL (policies hold none).
fn detection_token(at: &str, token: &str, found: &mut Violations) {
    if !token.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        found.invalid(at, "use printable ASCII (space to `~`): User-Agents are ASCII");
    } else if token.trim().len() < limits::MIN_DETECTION_TOKEN_BYTES {
        found.invalid(
            at,
            format!(
                "`{token}` is too short: use at least {} characters other than spaces, or it matches many apps",
                limits::MIN_DETECTION_TOKEN_BYTES
            ),
        );
    } else if token.contains("://") {
        found.invalid(at, "a token is a User-Agent word, never a URL");
    }
}

/// `alipay, wechat_pay, ...`, for messages.
fn builtin_rail_list() -> String {
    let names: Vec<&str> = BuiltinRail::ALL.iter().map(|r| r.as_str()).collect();
    names.join(", ")
}

fn known_rail(at: &str, rail: &str, has_rail: &dyn Fn(&str) -> bool, found: &mut Violations) {
    if !has_rail(rail) {
        found.invalid(at, format!("unknown rail `{rail}`: it is not in `rails`"));
    }
}

fn condition(at: &str, c: &Condition, found: &mut Violations) {
    codes(&format!("{at}.country"), &c.country, 2, found);
    codes(&format!("{at}.currency"), &c.currency, 3, found);
    for (name, tier) in [
        ("region_tier_min", c.region_tier_min),
        ("region_tier_max", c.region_tier_max),
    ] {
        if tier.is_some_and(|t| !(1..=5).contains(&t)) {
            found.invalid(format!("{at}.{name}"), "region tiers run from 1 to 5");
        }
    }
    if let (Some(lo), Some(hi)) = (c.region_tier_min, c.region_tier_max) {
        if lo > hi {
            found.invalid(at, format!("region_tier_min {lo} is above region_tier_max {hi}"));
        }
    }
    for (name, amount) in [("amount_min", c.amount_min), ("amount_max", c.amount_max)] {
        if amount.is_some_and(|a| a < 0) {
            found.invalid(format!("{at}.{name}"), "amounts are 0 or more");
        }
    }
    if let (Some(lo), Some(hi)) = (c.amount_min, c.amount_max) {
        if lo > hi {
            found.invalid(at, format!("amount_min {lo} is above amount_max {hi}"));
        }
    }
}

/// Rail ids are short snake_case words, so they read well in every language.
fn rail_id(at: &str, id: &str, found: &mut Violations) {
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if !ok {
        found.invalid(
            at,
            format!("`{id}` is not a rail id: use lower-case letters, digits and `_`"),
        );
    }
}

fn not_empty(at: &str, id: &str, found: &mut Violations) {
    if id.is_empty() {
        found.invalid(at, "must not be empty");
    }
}

fn codes(at: &str, list: &[String], len: usize, found: &mut Violations) {
    for (i, c) in list.iter().enumerate() {
        code(&format!("{at}[{i}]"), c, len, found);
    }
}

fn code(at: &str, value: &str, len: usize, found: &mut Violations) {
    if !is_code(value, len) {
        found.invalid(at, format!("`{value}` is not a {len}-letter upper-case code"));
    }
}

/// True for ISO codes: exactly `len` upper-case ASCII letters.
pub(crate) fn is_code(value: &str, len: usize) -> bool {
    value.len() == len && value.bytes().all(|b| b.is_ascii_uppercase())
}

/// Checks the limits and ranges of a parsed context; the first problem is
/// the error.
pub fn validate_context(c: &CheckoutContext) -> Result<(), Error> {
    let bad = |path: &str, message: String| Error::ContextInvalid {
        path: path.to_owned(),
        message,
    };
    for (name, value, limit) in [
        ("user_agent", &c.user_agent, limits::MAX_USER_AGENT_BYTES),
        ("subject_id", &c.subject_id, limits::MAX_SUBJECT_ID_BYTES),
        ("checkout_id", &c.checkout_id, limits::MAX_CHECKOUT_ID_BYTES),
        ("preferred_rail", &c.preferred_rail, limits::MAX_ID_BYTES),
    ] {
        if let Some(text) = value {
            check(name, text.len(), limit, "bytes")?;
        }
    }
    check("last_used", c.last_used.len(), limits::MAX_LAST_USED, "entries")?;
    for (i, r) in c.last_used.iter().enumerate() {
        limits::check_at(
            || format!("last_used[{i}]"),
            r.len(),
            limits::MAX_ID_BYTES,
            "bytes",
        )?;
    }
    if let Some(amount) = c.amount {
        if !(0..=limits::MAX_AMOUNT).contains(&amount) {
            return Err(bad(
                "amount",
                format!(
                    "{amount} is not an amount from 0 to {} minor units",
                    limits::MAX_AMOUNT
                ),
            ));
        }
    }
    if let Some(cur) = &c.currency {
        if !is_code(cur, 3) {
            return Err(bad(
                "currency",
                format!("`{cur}` is not an ISO 4217 code (three upper-case letters)"),
            ));
        }
    }
    if let Some(country) = &c.country {
        if !is_code(country, 2) {
            return Err(bad(
                "country",
                format!("`{country}` is not an ISO 3166-1 alpha-2 code (two upper-case letters)"),
            ));
        }
    }
    if let Some(tier) = c.region_tier {
        if !(1..=5).contains(&tier) {
            return Err(bad(
                "region_tier",
                format!("{tier} is not a region tier from 1 to 5"),
            ));
        }
    }
    Ok(())
}
