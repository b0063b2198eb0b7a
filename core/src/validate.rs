//! Parsing and validation of untrusted policy and context input. Limits are
//! checked first, then the JSON shape (with the path of the first problem),
//! then the rules that a schema cannot express.

use crate::capability::{BuiltinRail, Launch};
use crate::context::Context;
use crate::error::Error;
use crate::json::{self, FromJson, Path, Value};
use crate::limits::{self, check};
use crate::policy::{Condition, Policy, POLICY_SCHEMA};

/// Parses and validates a policy from JSON text.
pub fn parse_policy(json: &str) -> Result<Policy, Error> {
    check("", json.len(), limits::MAX_POLICY_BYTES, "bytes")?;
    let tree = json::parse(json).map_err(|e| policy_malformed(e.path, e.message))?;
    tree_limits(
        &tree,
        &[
            ("rails", limits::MAX_RAILS, "rails"),
            ("boosts", limits::MAX_BOOSTS, "boosts"),
            ("experiments", limits::MAX_EXPERIMENTS, "experiments"),
            ("capabilities", limits::MAX_CAPABILITY_OVERRIDES, "overrides"),
        ],
    )?;
    // Read the schema first, so that a policy written for another schema
    // gets a schema error rather than a confusing field error.
    let schema = match &tree {
        Value::Object(members) => members.iter().find(|(k, _, _)| k == "schema").map(|(_, v, _)| v),
        other => {
            return Err(policy_malformed(
                String::new(),
                format!("expected an object, got {}", other.kind()),
            ))
        }
    };
    match schema {
        Some(Value::String(s)) if s == POLICY_SCHEMA => {}
        Some(Value::String(s)) => {
            return Err(Error::PolicySchemaUnsupported {
                found: s.clone(),
                expected: POLICY_SCHEMA,
            })
        }
        Some(_) => return Err(policy_malformed("schema".into(), "expected a string".into())),
        None => return Err(policy_malformed("schema".into(), "missing field `schema`".into())),
    }
    let policy = Policy::from_json(&tree, &Path::Root)
        .map_err(|e| e.with_position(json))
        .map_err(|e| policy_malformed(e.path, e.message))?;
    validate_policy(&policy)?;
    Ok(policy)
}

/// Parses and validates a context from JSON text.
pub fn parse_context(json: &str) -> Result<Context, Error> {
    check("", json.len(), limits::MAX_CONTEXT_BYTES, "bytes")?;
    let tree = json::parse(json).map_err(|e| context_malformed(e.path, e.message))?;
    tree_limits(
        &tree,
        &[
            ("user_agent", limits::MAX_USER_AGENT_BYTES, "bytes"),
            ("subject_id", limits::MAX_SUBJECT_ID_BYTES, "bytes"),
            ("preferred_rail", limits::MAX_ID_BYTES, "bytes"),
            ("last_used", limits::MAX_LAST_USED, "entries"),
        ],
    )?;
    let context = Context::from_json(&tree, &Path::Root)
        .map_err(|e| e.with_position(json))
        .map_err(|e| context_malformed(e.path, e.message))?;
    validate_context(&context)?;
    Ok(context)
}

/// Checks the sizes of top-level lists (items) and strings (bytes) on the
/// parsed tree, before the shape is read, so that an input over a limit
/// fails as `limit_exceeded` whatever else is wrong with it.
fn tree_limits(tree: &Value, rules: &[(&str, usize, &'static str)]) -> Result<(), Error> {
    let Value::Object(members) = tree else {
        return Ok(());
    };
    for (key, value, _) in members {
        let Some((name, limit, unit)) = rules.iter().find(|(k, _, _)| k == key) else {
            continue;
        };
        match value {
            Value::Array(items) => check(name, items.len(), *limit, unit)?,
            Value::String(text) => check(name, text.len(), *limit, unit)?,
            _ => {}
        }
    }
    Ok(())
}

/// Reads a wire type from JSON text, reporting the path of the first problem.
pub(crate) fn from_json<T: FromJson>(json: &str, err: fn(String, String) -> Error) -> Result<T, Error> {
    json::read_text(json).map_err(|e| err(e.path, e.message))
}

fn policy_malformed(path: String, message: String) -> Error {
    Error::PolicyMalformed { path, message }
}

fn context_malformed(path: String, message: String) -> Error {
    Error::ContextMalformed { path, message }
}

// The checks below name the JSON path of what they check with a `Path` on
// the stack, rendered only when a check fails: a valid policy, the common
// case, builds no path text at all.

fn invalid(at: &Path<'_>, message: impl Into<String>) -> Error {
    Error::PolicyInvalid {
        path: at.render(),
        message: message.into(),
    }
}

/// [`limits::check`] at a path.
fn limit(at: &Path<'_>, actual: usize, max: usize, unit: &'static str) -> Result<(), Error> {
    limits::check_at(|| at.render(), actual, max, unit)
}

fn id_len(at: &Path<'_>, id: &str) -> Result<(), Error> {
    limit(at, id.len(), limits::MAX_ID_BYTES, "bytes")
}

fn items(at: &Path<'_>, len: usize) -> Result<(), Error> {
    limit(at, len, limits::MAX_LIST_ITEMS, "items")
}

/// Checks the hard limits of a parsed policy (see [`crate::limits`]), before
/// any rule: a policy over a limit always fails with `limit_exceeded`, at
/// the first offending value in document order after the top-level counts.
fn policy_limits(p: &Policy) -> Result<(), Error> {
    check("rails", p.rails.len(), limits::MAX_RAILS, "rails")?;
    check("boosts", p.boosts.len(), limits::MAX_BOOSTS, "boosts")?;
    check(
        "experiments",
        p.experiments.len(),
        limits::MAX_EXPERIMENTS,
        "experiments",
    )?;
    check(
        "capabilities",
        p.capabilities.len(),
        limits::MAX_CAPABILITY_OVERRIDES,
        "overrides",
    )?;
    let root = Path::Root;
    let rails = root.key("rails");
    for (i, rail) in p.rails.iter().enumerate() {
        let at = rails.index(i);
        id_len(&at.key("id"), &rail.id)?;
        if let Some(like) = &rail.behaves_like {
            id_len(&at.key("behaves_like"), like)?;
        }
        items(&at.key("currencies"), rail.currencies.len())?;
        items(&at.key("countries"), rail.countries.len())?;
        items(&at.key("limits"), rail.limits.len())?;
        if let Some(rollout) = &rail.rollout {
            id_len(&at.key("rollout").key("salt"), &rollout.salt)?;
        }
    }
    let boosts = root.key("boosts");
    for (i, boost) in p.boosts.iter().enumerate() {
        let at = boosts.index(i);
        id_len(&at.key("id"), &boost.id)?;
        id_len(&at.key("rail"), &boost.rail)?;
        condition_limits(&at.key("when"), &boost.when)?;
    }
    for (i, boost) in p.boosts.iter().enumerate() {
        // Counted once per rail, at the first boost that names it.
        if p.boosts.iter().take(i).all(|b| b.rail != boost.rail) {
            let same_rail = p.boosts.iter().filter(|b| b.rail == boost.rail).count();
            check(
                "boosts",
                same_rail,
                limits::MAX_BOOSTS_PER_RAIL,
                "boosts per rail",
            )?;
        }
    }
    let experiments = root.key("experiments");
    for (i, exp) in p.experiments.iter().enumerate() {
        let at = experiments.index(i);
        id_len(&at.key("id"), &exp.id)?;
        id_len(&at.key("salt"), &exp.salt)?;
        condition_limits(&at.key("when"), &exp.when)?;
        let variants = at.key("variants");
        limit(&variants, exp.variants.len(), limits::MAX_VARIANTS, "variants")?;
        for (j, variant) in exp.variants.iter().enumerate() {
            let vat = variants.index(j);
            id_len(&vat.key("id"), &variant.id)?;
            let boosts = vat.key("boosts");
            items(&boosts, variant.boosts.len())?;
            for (k, b) in variant.boosts.iter().enumerate() {
                id_len(&boosts.index(k).key("rail"), &b.rail)?;
            }
            let order = vat.key("order");
            items(&order, variant.order.len())?;
            for (k, r) in variant.order.iter().enumerate() {
                id_len(&order.index(k), r)?;
            }
        }
    }
    let capabilities = root.key("capabilities");
    for (i, o) in p.capabilities.iter().enumerate() {
        let at = capabilities.index(i);
        id_len(&at.key("rail"), &o.rail)?;
        items(&at.key("platform"), o.platform.len())?;
    }
    Ok(())
}

fn condition_limits(at: &Path<'_>, c: &Condition) -> Result<(), Error> {
    for (name, len) in [
        ("platform", c.platform.len()),
        ("form_factor", c.form_factor.len()),
        ("host", c.host.len()),
        ("country", c.country.len()),
        ("currency", c.currency.len()),
        ("installed", c.installed.len()),
    ] {
        items(&at.key(name), len)?;
    }
    Ok(())
}

/// Checks a parsed policy: the hard limits first, then the schema, then the
/// rules that a schema cannot express.
pub fn validate_policy(p: &Policy) -> Result<(), Error> {
    policy_limits(p)?;
    if p.schema != POLICY_SCHEMA {
        return Err(Error::PolicySchemaUnsupported {
            found: p.schema.clone(),
            expected: POLICY_SCHEMA,
        });
    }
    let root = Path::Root;
    if p.rails.is_empty() {
        return Err(invalid(&root.key("rails"), "a policy needs at least one rail"));
    }
    if p.max_shown == Some(0) {
        return Err(invalid(
            &root.key("max_shown"),
            "must be at least 1, or absent for no limit",
        ));
    }
    let has_rail = |id: &str| p.rails.iter().any(|r| r.id == id);
    let rails = root.key("rails");
    for (i, rail) in p.rails.iter().enumerate() {
        let at = rails.index(i);
        rail_id(&at.key("id"), &rail.id)?;
        if p.rails.iter().take(i).any(|r| r.id == rail.id) {
            return Err(invalid(&at.key("id"), format!("duplicate rail id `{}`", rail.id)));
        }
        let like_at = at.key("behaves_like");
        match (&rail.behaves_like, BuiltinRail::from_id(&rail.id)) {
            (Some(like), _) if BuiltinRail::from_id(like).is_none() => {
                return Err(invalid(
                    &like_at,
                    format!("`{like}` is not a built-in rail (alipay, wechat_pay, unionpay, card, apple_pay, google_pay, paypal)"),
                ))
            }
            (None, None) => {
                return Err(invalid(
                    &like_at,
                    format!("rail `{}` is not built in; name the built-in rail it behaves like", rail.id),
                ))
            }
            // A built-in rail already has its behaviour; borrowing another's
            // would make `card` launch like Alipay.
            (Some(_), Some(_)) => {
                return Err(invalid(
                    &like_at,
                    format!("`{}` is a built-in rail; only other rails take behaves_like", rail.id),
                ))
            }
            _ => {}
        }
        codes(&at.key("currencies"), &rail.currencies, 3)?;
        codes(&at.key("countries"), &rail.countries, 2)?;
        let limits_at = at.key("limits");
        for (j, limit) in rail.limits.iter().enumerate() {
            let lat = limits_at.index(j);
            let currency_at = lat.key("currency");
            code(&currency_at, &limit.currency, 3)?;
            if rail.limits.iter().take(j).any(|l| l.currency == limit.currency) {
                return Err(invalid(&currency_at, "duplicate currency in limits"));
            }
            if let (Some(min), Some(max)) = (limit.min, limit.max) {
                if min > max {
                    return Err(invalid(&lat, format!("min {min} is above max {max}")));
                }
            }
        }
        if let Some(rollout) = &rail.rollout {
            let rollout_at = at.key("rollout");
            if rollout.percent > 100 {
                return Err(invalid(&rollout_at.key("percent"), "must be 0 to 100"));
            }
            salt(&rollout_at.key("salt"), &rollout.salt)?;
        }
        if let Some(fallback) = rail.without_wallet {
            if !matches!(fallback, Launch::H5Redirect | Launch::QrCode) {
                return Err(invalid(
                    &at.key("without_wallet"),
                    "only h5_redirect or qr_code work without the wallet app",
                ));
            }
        }
    }
    let boosts = root.key("boosts");
    for (i, boost) in p.boosts.iter().enumerate() {
        let at = boosts.index(i);
        id(&at.key("id"), &boost.id)?;
        if p.boosts.iter().take(i).any(|b| b.id == boost.id) {
            return Err(invalid(
                &at.key("id"),
                format!("duplicate boost id `{}`", boost.id),
            ));
        }
        known_rail(&at.key("rail"), &boost.rail, &has_rail)?;
        condition(&at.key("when"), &boost.when)?;
    }
    let experiments = root.key("experiments");
    for (i, exp) in p.experiments.iter().enumerate() {
        let at = experiments.index(i);
        id(&at.key("id"), &exp.id)?;
        if p.experiments.iter().take(i).any(|e| e.id == exp.id) {
            return Err(invalid(
                &at.key("id"),
                format!("duplicate experiment id `{}`", exp.id),
            ));
        }
        salt(&at.key("salt"), &exp.salt)?;
        condition(&at.key("when"), &exp.when)?;
        let variants = at.key("variants");
        if exp.variants.is_empty() {
            return Err(invalid(&variants, "an experiment needs at least one variant"));
        }
        let total: u32 = exp.variants.iter().map(|v| u32::from(v.weight)).sum();
        if total > 100 {
            return Err(invalid(
                &variants,
                format!("variant weights add up to {total}, above 100"),
            ));
        }
        for (j, variant) in exp.variants.iter().enumerate() {
            let vat = variants.index(j);
            id(&vat.key("id"), &variant.id)?;
            if exp.variants.iter().take(j).any(|v| v.id == variant.id) {
                return Err(invalid(
                    &vat.key("id"),
                    format!("duplicate variant id `{}`", variant.id),
                ));
            }
            let boosts = vat.key("boosts");
            for (k, b) in variant.boosts.iter().enumerate() {
                known_rail(&boosts.index(k).key("rail"), &b.rail, &has_rail)?;
            }
            let order = vat.key("order");
            for (k, r) in variant.order.iter().enumerate() {
                known_rail(&order.index(k), r, &has_rail)?;
            }
        }
    }
    let capabilities = root.key("capabilities");
    for (i, o) in p.capabilities.iter().enumerate() {
        if !has_rail(&o.rail) && BuiltinRail::from_id(&o.rail).is_none() {
            return Err(invalid(
                &capabilities.index(i).key("rail"),
                format!("unknown rail `{}`", o.rail),
            ));
        }
    }
    Ok(())
}

fn known_rail(at: &Path<'_>, rail: &str, has_rail: &dyn Fn(&str) -> bool) -> Result<(), Error> {
    if has_rail(rail) {
        Ok(())
    } else {
        Err(invalid(
            at,
            format!("unknown rail `{rail}`: it is not in `rails`"),
        ))
    }
}

fn condition(at: &Path<'_>, c: &Condition) -> Result<(), Error> {
    codes(&at.key("country"), &c.country, 2)?;
    codes(&at.key("currency"), &c.currency, 3)?;
    for (name, tier) in [
        ("region_tier_min", c.region_tier_min),
        ("region_tier_max", c.region_tier_max),
    ] {
        if let Some(t) = tier {
            if !(1..=5).contains(&t) {
                return Err(invalid(&at.key(name), "region tiers run from 1 to 5"));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (c.region_tier_min, c.region_tier_max) {
        if lo > hi {
            return Err(invalid(
                at,
                format!("region_tier_min {lo} is above region_tier_max {hi}"),
            ));
        }
    }
    if let (Some(lo), Some(hi)) = (c.amount_min, c.amount_max) {
        if lo > hi {
            return Err(invalid(at, format!("amount_min {lo} is above amount_max {hi}")));
        }
    }
    Ok(())
}

/// Rail ids are short snake_case words, so they read well in every language.
fn rail_id(at: &Path<'_>, id: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(invalid(
            at,
            format!("`{id}` is not a rail id: use lower-case letters, digits and `_`"),
        ))
    }
}

fn id(at: &Path<'_>, id: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(invalid(at, "must not be empty"));
    }
    Ok(())
}

fn salt(at: &Path<'_>, salt: &str) -> Result<(), Error> {
    id(at, salt)
}

fn codes(at: &Path<'_>, list: &[String], len: usize) -> Result<(), Error> {
    for (i, c) in list.iter().enumerate() {
        code(&at.index(i), c, len)?;
    }
    Ok(())
}

fn code(at: &Path<'_>, value: &str, len: usize) -> Result<(), Error> {
    if is_code(value, len) {
        Ok(())
    } else {
        Err(invalid(
            at,
            format!("`{value}` is not a {len}-letter upper-case code"),
        ))
    }
}

/// True for ISO codes: exactly `len` upper-case ASCII letters.
pub(crate) fn is_code(value: &str, len: usize) -> bool {
    value.len() == len && value.bytes().all(|b| b.is_ascii_uppercase())
}

/// Checks the ranges and limits of a parsed context.
pub fn validate_context(c: &Context) -> Result<(), Error> {
    let bad = |path: &str, message: String| Error::ContextInvalid {
        path: path.to_owned(),
        message,
    };
    if let Some(ua) = &c.user_agent {
        check("user_agent", ua.len(), limits::MAX_USER_AGENT_BYTES, "bytes")?;
    }
    if let Some(s) = &c.subject_id {
        check("subject_id", s.len(), limits::MAX_SUBJECT_ID_BYTES, "bytes")?;
    }
    if let Some(id) = &c.checkout_id {
        check("checkout_id", id.len(), limits::MAX_CHECKOUT_ID_BYTES, "bytes")?;
    }
    if let Some(r) = &c.preferred_rail {
        check("preferred_rail", r.len(), limits::MAX_ID_BYTES, "bytes")?;
    }
    check("last_used", c.last_used.len(), limits::MAX_LAST_USED, "entries")?;
    let last_used = Path::Root.key("last_used");
    for (i, r) in c.last_used.iter().enumerate() {
        id_len(&last_used.index(i), r)?;
    }
    if let Some(amount) = c.amount {
        if amount > limits::MAX_AMOUNT {
            return Err(bad(
                "amount",
                format!("{amount} is above the largest amount, {}", limits::MAX_AMOUNT),
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
