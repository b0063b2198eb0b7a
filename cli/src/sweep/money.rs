//! The money part of the swept space: which currencies, amounts, countries
//! and region tiers to try. CNY, USD and EUR at 1.00, 200.00 and 50,000.00
//! (in minor units) and a context without currency are always in; then one
//! value for each case the policies tell apart: a currency only some rails
//! accept, each side of a limit or of a `when` amount bound, a country some
//! rails or conditions name, a tier a `when` tests, and one currency and
//! country that no policy mentions. Country and region tier are swept absent
//! only, unless a policy tests them; mainland China (`CN`) counts as tested
//! when the capability table answers differently there for one of the
//! policy's rails.

use paysel_core::capability::{self, BuiltinRail, MAINLAND_CHINA};
use paysel_core::policy::{Condition, Policy};

const SMALL_MEDIUM_LARGE: [i64; 3] = [100, 20_000, 5_000_000];
const SPARE_CURRENCIES: [&str; 7] = ["GBP", "JPY", "KRW", "INR", "BRL", "MXN", "ZAR"];
const SPARE_COUNTRIES: [&str; 7] = ["US", "CN", "DE", "GB", "JP", "BR", "IN"];

/// The values tried per field (`None`: the field is absent) and the cases
/// swept, as indices into them: `[currency, amount, country, tier]`.
pub struct Money {
    /// Currencies tried.
    pub currencies: Vec<Option<String>>,
    /// Amounts tried, over all currencies.
    pub amounts: Vec<Option<i64>>,
    /// Countries tried.
    pub countries: Vec<Option<String>>,
    /// Region tiers tried.
    pub tiers: Vec<Option<i32>>,
    /// Every combination swept.
    pub cases: Vec<[usize; 4]>,
}

impl Money {
    /// The money cases that tell apart every case of these policies.
    pub fn new(policies: &[&Policy]) -> Money {
        let conds = conditions(policies);
        let mut m = Money {
            currencies: Vec::new(),
            amounts: vec![None],
            countries: absent_and({
                let mut countries = match mentioned_countries(policies) {
                    none if none.is_empty() => vec![],
                    named => reps(&[], spare(&named, &SPARE_COUNTRIES), |c: &String| {
                        country_sig(policies, &conds, Some(c))
                    }),
                };
                if table_tells_china_apart(policies) && !countries.iter().any(|c| c == MAINLAND_CHINA) {
                    countries.push(MAINLAND_CHINA.to_owned());
                }
                countries
            }),
            tiers: absent_and(
                match conds
                    .iter()
                    .any(|w| w.region_tier_min.or(w.region_tier_max).is_some())
                {
                    false => vec![],
                    true => reps(&[], (1..=5).collect(), |t| tier_sig(&conds, Some(*t))),
                },
            ),
            cases: Vec::new(),
        };
        let base = ["CNY", "USD", "EUR"].map(str::to_owned);
        let extra = spare(&mentioned_currencies(policies), &SPARE_CURRENCIES);
        let currencies = reps(&base, extra, |c: &String| currency_sig(policies, &conds, Some(c)));
        let mut pairs = Vec::new();
        for currency in absent_and(currencies) {
            let amounts = match &currency {
                None => vec![None],
                Some(c) => amounts_for(policies, &conds, c).into_iter().map(Some).collect(),
            };
            m.currencies.push(currency);
            for amount in amounts {
                if !m.amounts.contains(&amount) {
                    m.amounts.push(amount);
                }
                let a = m.amounts.iter().position(|x| *x == amount).unwrap_or(0);
                pairs.push([m.currencies.len().saturating_sub(1), a]);
            }
        }
        for [c, a] in pairs {
            for country in 0..m.countries.len() {
                for tier in 0..m.tiers.len() {
                    m.cases.push([c, a, country, tier]);
                }
            }
        }
        m
    }
}

/// Every `when` of every policy.
pub fn conditions<'p>(policies: &[&'p Policy]) -> Vec<&'p Condition> {
    policies
        .iter()
        .flat_map(|p| {
            p.boosts
                .iter()
                .map(|b| &b.when)
                .chain(p.experiments.iter().map(|e| &e.when))
        })
        .collect()
}

/// Keeps every `base` value, then each `extra` value that the signature
/// tells apart from all values kept so far.
fn reps<T: Clone, S: PartialEq>(base: &[T], extra: Vec<T>, sig: impl Fn(&T) -> S) -> Vec<T> {
    let mut kept: Vec<T> = base.to_vec();
    let mut sigs: Vec<S> = kept.iter().map(&sig).collect();
    for value in extra {
        let s = sig(&value);
        if !sigs.contains(&s) {
            sigs.push(s);
            kept.push(value);
        }
    }
    kept
}

/// The absent value first, then `values`. Absence is always swept and never
/// stands for a present value, so "only where country is none" means just
/// that; a field no policy tests is swept absent only.
fn absent_and<T>(values: Vec<T>) -> Vec<Option<T>> {
    std::iter::once(None)
        .chain(values.into_iter().map(Some))
        .collect()
}

/// The codes a policy mentions, then the first spare code it does not.
fn spare(mentioned: &[String], spares: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = mentioned.to_vec();
    if let Some(s) = spares.iter().find(|s| !mentioned.iter().any(|m| m == *s)) {
        out.push((*s).to_owned());
    }
    out
}

fn mentioned_currencies(policies: &[&Policy]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in policies {
        for r in &p.rails {
            out.extend(r.currencies.iter().cloned());
            out.extend(r.limits.iter().map(|l| l.currency.clone()));
        }
    }
    out.extend(
        conditions(policies)
            .iter()
            .flat_map(|w| w.currency.iter().cloned()),
    );
    out
}

fn mentioned_countries(policies: &[&Policy]) -> Vec<String> {
    let mut out: Vec<String> = policies
        .iter()
        .flat_map(|p| p.rails.iter().flat_map(|r| r.countries.iter().cloned()))
        .collect();
    out.extend(
        conditions(policies)
            .iter()
            .flat_map(|w| w.country.iter().cloned()),
    );
    out
}

fn list_holds(list: &[String], value: Option<&str>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
}

fn currency_sig(policies: &[&Policy], conds: &[&Condition], c: Option<&str>) -> Vec<bool> {
    let mut sig = Vec::new();
    for r in policies.iter().flat_map(|p| &p.rails) {
        sig.push(c.is_none() || list_holds(&r.currencies, c));
        sig.push(c.is_some_and(|c| r.limits.iter().any(|l| l.currency == c)));
    }
    sig.extend(conds.iter().map(|w| list_holds(&w.currency, c)));
    sig
}

fn country_sig(policies: &[&Policy], conds: &[&Condition], c: Option<&str>) -> Vec<bool> {
    let mut sig: Vec<bool> = policies
        .iter()
        .flat_map(|p| &p.rails)
        .map(|r| c.is_none() || list_holds(&r.countries, c))
        .collect();
    sig.extend(conds.iter().map(|w| list_holds(&w.country, c)));
    sig
}

/// Whether the capability table answers differently in mainland China for a
/// rail of these policies (Apple Pay on the web).
fn table_tells_china_apart(policies: &[&Policy]) -> bool {
    policies.iter().flat_map(|p| &p.rails).any(|r| {
        BuiltinRail::from_id(r.behaves_like.as_deref().unwrap_or(&r.id))
            .is_some_and(capability::distinguishes_mainland_china)
    })
}

fn tier_sig(conds: &[&Condition], t: Option<i32>) -> Vec<bool> {
    conds
        .iter()
        .map(|w| {
            w.region_tier_min.is_none_or(|m| t.is_some_and(|t| t >= m))
                && w.region_tier_max.is_none_or(|m| t.is_some_and(|t| t <= m))
        })
        .collect()
}

/// 1.00, 200.00 and 50,000.00, plus one amount for each case the limits in
/// `currency` and the `when` amount bounds tell apart, ascending.
fn amounts_for(policies: &[&Policy], conds: &[&Condition], currency: &str) -> Vec<i64> {
    let limits: Vec<_> = policies
        .iter()
        .flat_map(|p| &p.rails)
        .flat_map(|r| &r.limits)
        .filter(|l| l.currency == currency)
        .collect();
    let mut edges: Vec<i64> = Vec::new();
    let bounds = limits
        .iter()
        .flat_map(|l| [l.min, l.max])
        .chain(conds.iter().flat_map(|w| [w.amount_min, w.amount_max]));
    for b in bounds.flatten() {
        edges.extend([b.saturating_sub(1), b, b.saturating_add(1)]);
    }
    edges.retain(|&a| a <= paysel_core::limits::MAX_AMOUNT);
    let sig = |&a: &i64| -> Vec<bool> {
        let mut s: Vec<bool> = limits
            .iter()
            .flat_map(|l| [l.min.is_some_and(|m| a < m), l.max.is_some_and(|m| a > m)])
            .collect();
        s.extend(
            conds
                .iter()
                .map(|w| w.amount_min.is_none_or(|m| a >= m) && w.amount_max.is_none_or(|m| a <= m)),
        );
        s
    };
    let mut out = reps(&SMALL_MEDIUM_LARGE, edges, sig);
    out.sort_unstable();
    out
}
