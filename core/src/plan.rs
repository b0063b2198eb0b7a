//! Decide on the server, pick on the phone.
//!
//! A server that renders a checkout page knows everything a decision needs
//! except what only the phone can answer: the device probes (Apple Pay,
//! Google Pay, Payment Request). [`Engine::plan`] runs the core's own
//! decision for every answer those probes can give and returns a [`Plan`]:
//! the probes the page must run, each distinct decision once, and which
//! decision each combination of answers gets. The page runs the probes
//! (the npm package's `paysel/plan`, under 1 KB gzipped, without
//! WebAssembly) and looks its answers up. No rule runs on the phone.
//!
//! # Which probes a plan names
//!
//! A probe is planned when the context leaves it `unknown` (a probe the
//! context already answers is taken as given) and its answer can change the
//! decision. The core finds them by deciding: each rail's checks read the
//! probes through one function, which notes what was read. A rail that read
//! no open probe as the context stands reads none whatever they answer (its
//! checks up to the first probe do not depend on any), so only the rails
//! that did are decided again, once per combination of answers of the
//! probes read so far, until no new probe is read. A probe whose answer
//! then changes no decision is dropped. Installed wallet apps are never
//! planned: no web page can probe them (a native app decides on the device).
//!
//! # Answers and keys
//!
//! Each probe answers [`Answer::Yes`], [`Answer::No`] or [`Answer::Unknown`]
//! (the API is missing, it threw, or it did not answer within the page's
//! time limit). [`Probe::readiness`] is what an answer means for the
//! context's `probes`. The key of one answer per planned probe is the
//! number whose base-3 digits are the answers in `probes` order, the first
//! probe most significant, with yes 0, no 1 and unknown 2 ([`Plan::key`]);
//! `pick[key]` is the index of its decision in `decisions`. With no planned
//! probe the only key is 0. There are at most 3 probes, so at most 27 keys,
//! and each distinct decision is stored once.

use crate::context::{CheckoutContext, Probes, Readiness};
use crate::decision::Decision;
use crate::engine::{Checkout, DecideOptions, Engine, Verdict};
use crate::error::Error;
use crate::policy::RailPolicy;
use crate::validate;
use crate::wire::WireEnum;
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// A device probe only the phone can run: one field of `Probes`.
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
pub enum Probe {
    /// `ApplePaySession.canMakePayments()`: yes means the device can pay
    /// with Apple Pay (`supported`: a card may still have to be added).
    ApplePay,
    /// Google Pay's `isReadyToPay()`: yes (its `result`) is `ready`.
    GooglePay,
    /// Payment Request's `canMakePayment()` for the page's payment methods:
    /// yes is `ready`.
    PaymentRequest,
}

impl Probe {
    /// This probe's field of `probes`.
    pub fn of(self, probes: &Probes) -> Readiness {
        match self {
            Probe::ApplePay => probes.apple_pay,
            Probe::GooglePay => probes.google_pay,
            Probe::PaymentRequest => probes.payment_request,
        }
    }

    /// Sets this probe's field of `probes`.
    pub fn set(self, probes: &mut Probes, readiness: Readiness) {
        match self {
            Probe::ApplePay => probes.apple_pay = readiness,
            Probe::GooglePay => probes.google_pay = readiness,
            Probe::PaymentRequest => probes.payment_request = readiness,
        }
    }

    /// What an answer of this probe means: yes is `supported` for Apple Pay
    /// (`canMakePayments()` does not say whether a card is ready) and
    /// `ready` for the others; no is `not_ready`; unknown stays `unknown`.
    pub fn readiness(self, answer: Answer) -> Readiness {
        match (answer, self) {
            (Answer::Yes, Probe::ApplePay) => Readiness::Supported,
            (Answer::Yes, Probe::GooglePay | Probe::PaymentRequest) => Readiness::Ready,
            (Answer::No, _) => Readiness::NotReady,
            (Answer::Unknown, _) => Readiness::Unknown,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What one probe answered on the device.
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
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Answer {
    /// The API answered true. Digit 0 of a key.
    Yes,
    /// The API answered false. Digit 1 of a key.
    No,
    /// The API is missing, threw, or did not answer in time. Digit 2 of a
    /// key.
    Unknown,
}

/// The decision for every answer a page's device probes can give, made
/// where the rest of the context is known (a server rendering the
/// checkout), for the page to pick from once it has run the probes.
///
/// Keys: the page runs the probes of `probes` and reads each answer as a
/// digit, yes 0, no 1, unknown 2 (unavailable, threw or too slow); the key
/// is those digits read as a base-3 number, the first probe most
/// significant, and `decisions[pick[key]]` is the decision. With probes
/// `["apple_pay", "payment_request"]`, Apple Pay answering yes and Payment
/// Request timing out give key 0 × 3 + 2 = 2. Each decision is exactly what
/// `decide` returns for the context with those probe answers filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Plan {
    /// The probes the page must run, in `Probe` order: those the context
    /// leaves unknown whose answer can change the decision. Empty when no
    /// probe can; at most 3.
    pub probes: Vec<Probe>,
    /// Each distinct decision once, in the order of the first key that
    /// picks it.
    pub decisions: Vec<Decision>,
    /// For every key from 0 to 3^(number of probes) − 1, the index in
    /// `decisions` of its decision.
    pub pick: Vec<u32>,
}

impl Plan {
    /// The key of one answer per probe of `probes`, in that order.
    pub fn key(answers: &[Answer]) -> usize {
        answers.iter().fold(0, |key, a| key * 3 + digit(*a))
    }

    /// The answers of `key`, one per probe of `probes`.
    pub fn answers(&self, key: usize) -> Vec<Answer> {
        answers(key, self.probes.len())
    }

    /// The decision the page picks for these answers (one per probe of
    /// `probes`, in order); none when their number is not the probes'.
    pub fn decision(&self, answers: &[Answer]) -> Option<&Decision> {
        if answers.len() != self.probes.len() {
            return None;
        }
        let index = self.pick.get(Plan::key(answers))?;
        self.decisions.get(usize::try_from(*index).ok()?)
    }

    /// `given` with each probe of `probes` set to what its answer means:
    /// the probes `decide` must see to make the decision picked for them.
    pub fn fill(&self, given: &Probes, answers: &[Answer]) -> Probes {
        let mut probes = *given;
        for (probe, answer) in self.probes.iter().zip(answers) {
            probe.set(&mut probes, probe.readiness(*answer));
        }
        probes
    }
}

const ANSWERS: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Unknown];

fn digit(answer: Answer) -> usize {
    ANSWERS.iter().position(|a| *a == answer).unwrap_or(2)
}

/// The answers of `key` for `count` probes, first probe first.
fn answers(mut key: usize, count: usize) -> Vec<Answer> {
    let mut out = vec![Answer::Unknown; count];
    for slot in out.iter_mut().rev() {
        *slot = ANSWERS.get(key % 3).copied().unwrap_or(Answer::Unknown);
        key /= 3;
    }
    out
}

/// The probes of a bit set, in `Probe` order.
fn members(set: u8) -> Vec<Probe> {
    Probe::ALL
        .iter()
        .copied()
        .filter(|p| set & p.bit() != 0)
        .collect()
}

/// The probes as `ctx` gives them, with `planned` answered by `answers`.
fn answered(ctx: &CheckoutContext, planned: &[Probe], answers: &[Answer], probe: Probe) -> Readiness {
    match planned.iter().position(|p| *p == probe) {
        Some(i) => probe.readiness(answers.get(i).copied().unwrap_or(Answer::Unknown)),
        None => probe.of(&ctx.probes),
    }
}

impl Engine {
    /// The plan for `ctx`: the probes its decision still depends on and
    /// the decision for every answer they can give (see [`crate::plan`]),
    /// each decided with `options`. Fails as [`Engine::decide`] does, on the
    /// same contexts.
    pub fn plan(&self, ctx: &CheckoutContext, options: DecideOptions) -> Result<Plan, Error> {
        validate::validate_context(ctx)?;
        let checkout = Checkout::new(self.policy(), ctx);
        let open = Probe::ALL
            .iter()
            .filter(|p| p.of(&ctx.probes) == Readiness::Unknown)
            .fold(0u8, |set, p| set | p.bit());
        // Every rail as the context stands, noting the open probes each read.
        let mut asked = 0u8;
        let mut askers = Vec::new();
        let mut baseline = Vec::with_capacity(checkout.rails().len());
        for (index, rail) in checkout.rails().iter().enumerate() {
            let read = Cell::new(0u8);
            baseline.push(checkout.verdict(index, rail, &|p| {
                read.set(read.get() | p.bit());
                p.of(&ctx.probes)
            }));
            if read.get() & open != 0 {
                askers.push((index, rail));
                asked |= read.get() & open;
            }
        }
        // The rails that read one, again for every answer of the probes read
        // so far, until no new probe is read; the last round makes the plan.
        loop {
            let planned = members(asked);
            let read = Cell::new(0u8);
            let rows: Vec<Vec<Verdict>> = (0..3usize.pow(planned.len() as u32))
                .map(|key| {
                    let answers = answers(key, planned.len());
                    let source = |p: Probe| {
                        read.set(read.get() | p.bit());
                        answered(ctx, &planned, &answers, p)
                    };
                    askers
                        .iter()
                        .map(|(index, rail)| checkout.verdict(*index, rail, &source))
                        .collect()
                })
                .collect();
            if read.get() & open & !asked == 0 {
                return Ok(table(&checkout, options, planned, baseline, &askers, rows));
            }
            asked |= read.get() & open;
        }
    }

    /// [`Engine::plan`] for a context in JSON text; the plan as JSON text.
    pub fn plan_json(&self, context_json: &str, options: DecideOptions) -> Result<String, Error> {
        let ctx = validate::parse_context(context_json)?;
        Ok(crate::wire::to_json(&self.plan(&ctx, options)?))
    }
}

/// The plan from the verdicts of the rails that read a probe, for every key
/// (`rows`, in key order): one decision per distinct row, each distinct
/// decision once, then the probes whose answer changes no decision dropped.
fn table(
    checkout: &Checkout<'_>,
    options: DecideOptions,
    probes: Vec<Probe>,
    baseline: Vec<Verdict>,
    askers: &[(usize, &RailPolicy)],
    rows: Vec<Vec<Verdict>>,
) -> Plan {
    let mut decisions: Vec<Decision> = Vec::new();
    // Decisions are compared as their JSON: the text a page gets, and a
    // writer the WASM package links anyway (a derived equality of every
    // decision type would add kilobytes to it).
    let mut texts: Vec<String> = Vec::new();
    let mut seen: Vec<(Vec<Verdict>, usize)> = Vec::new();
    let mut by_key = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some((_, index)) = seen.iter().find(|(r, _)| *r == row) {
            by_key.push(*index);
            continue;
        }
        let mut verdicts = baseline.clone();
        for ((index, _), verdict) in askers.iter().zip(row.iter().cloned()) {
            if let Some(slot) = verdicts.get_mut(*index) {
                *slot = verdict;
            }
        }
        let decision = checkout.decision(verdicts, options);
        let text = crate::wire::to_json(&decision);
        let index = texts.iter().position(|t| *t == text).unwrap_or_else(|| {
            texts.push(text);
            decisions.push(decision);
            texts.len() - 1
        });
        seen.push((row, index));
        by_key.push(index);
    }
    let (probes, by_key) = drop_idle(probes, by_key);
    // Number the decisions in the order of the first key that picks them.
    let mut order: Vec<usize> = Vec::new();
    let pick = by_key
        .iter()
        .map(|index| {
            let at = order.iter().position(|i| i == index).unwrap_or_else(|| {
                order.push(*index);
                order.len() - 1
            });
            u32::try_from(at).unwrap_or(u32::MAX)
        })
        .collect();
    let mut slots: Vec<Option<Decision>> = decisions.into_iter().map(Some).collect();
    let decisions = order
        .iter()
        .filter_map(|i| slots.get_mut(*i).and_then(Option::take))
        .collect();
    Plan {
        probes,
        decisions,
        pick,
    }
}

/// Drops each probe whose answers all pick the same decision, whatever the
/// others answer (`by_key` holds each key's decision): its `unknown` column
/// stands for it. Today's rules read a probe only where its answer matters,
/// so this only guards the promise that a plan names no idle probe.
fn drop_idle(mut probes: Vec<Probe>, mut by_key: Vec<usize>) -> (Vec<Probe>, Vec<usize>) {
    let mut at = 0;
    while at < probes.len() {
        let count = probes.len();
        let with = |key: usize, answer: Answer| {
            let mut a = answers(key, count);
            if let Some(slot) = a.get_mut(at) {
                *slot = answer;
            }
            by_key.get(Plan::key(&a)).copied()
        };
        let idle = (0..by_key.len()).all(|key| {
            let unknown = with(key, Answer::Unknown);
            with(key, Answer::Yes) == unknown && with(key, Answer::No) == unknown
        });
        if idle {
            probes.remove(at);
            by_key = (0..3usize.pow(probes.len() as u32))
                .filter_map(|key| {
                    let mut a = answers(key, probes.len());
                    a.insert(at, Answer::Unknown);
                    by_key.get(Plan::key(&a)).copied()
                })
                .collect();
        } else {
            at += 1;
        }
    }
    (probes, by_key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{BrowserFamily, FormFactor, Host, Platform};
    use crate::error::ErrorCode;

    fn context(host: Host, platform: Platform, browser: Option<BrowserFamily>) -> CheckoutContext {
        CheckoutContext {
            host: Some(host),
            platform: Some(platform),
            form_factor: Some(FormFactor::Mobile),
            browser,
            currency: Some("USD".to_owned()),
            ..CheckoutContext::default()
        }
    }

    fn decide(engine: &Engine, ctx: &CheckoutContext) -> Option<Decision> {
        engine.decide(ctx, DecideOptions::default()).ok()
    }

    #[test]
    fn keys_are_base_3_numbers_of_the_answers() {
        use Answer::{No, Unknown, Yes};
        assert_eq!(Plan::key(&[]), 0);
        assert_eq!(Plan::key(&[Yes, Unknown]), 2);
        assert_eq!(Plan::key(&[No, Yes, Unknown]), 11);
        assert_eq!(Plan::key(&[Unknown, Unknown, Unknown]), 26);
        for key in 0..27 {
            assert_eq!(Plan::key(&answers(key, 3)), key);
        }
    }

    #[test]
    fn idle_probes_are_dropped() {
        use Probe::{ApplePay, GooglePay, PaymentRequest};
        // Apple Pay picks 0 or 1; Google Pay changes nothing; Payment
        // Request matters only when Apple Pay says no.
        let mut by_key = Vec::new();
        for key in 0..27 {
            let a = answers(key, 3);
            by_key.push(match (a[0], a[2]) {
                (Answer::Yes, _) => 0,
                (Answer::No, Answer::Yes) => 2,
                _ => 1,
            });
        }
        let (probes, by_key) = drop_idle(vec![ApplePay, GooglePay, PaymentRequest], by_key);
        assert_eq!(probes, vec![ApplePay, PaymentRequest]);
        assert_eq!(by_key, vec![0, 0, 0, 2, 1, 1, 1, 1, 1]);
        let (probes, by_key) = drop_idle(vec![GooglePay], vec![4, 4, 4]);
        assert_eq!((probes, by_key), (vec![], vec![4]));
    }

    #[test]
    fn answers_mean_what_the_page_apis_say() {
        use Readiness::{NotReady, Ready, Supported, Unknown};
        let meaning = |p: Probe| ANSWERS.map(|a| p.readiness(a));
        // As `page_context` reads `canMakePayments()`: true is supported.
        assert_eq!(meaning(Probe::ApplePay), [Supported, NotReady, Unknown]);
        assert_eq!(meaning(Probe::GooglePay), [Ready, NotReady, Unknown]);
        assert_eq!(meaning(Probe::PaymentRequest), [Ready, NotReady, Unknown]);
    }

    #[test]
    fn safari_on_an_iphone_plans_the_wallet_probes_and_each_entry_is_the_decision() {
        let engine = Engine::with_default_policy();
        let ctx = context(Host::Browser, Platform::Ios, Some(BrowserFamily::Safari));
        let plan = engine.plan(&ctx, DecideOptions::default()).ok();
        let plan = plan.as_ref();
        assert_eq!(
            plan.map(|p| p.probes.clone()),
            Some(vec![Probe::ApplePay, Probe::GooglePay])
        );
        assert_eq!(plan.map(|p| p.pick.len()), Some(9));
        for key in 0..9 {
            let answers = answers(key, 2);
            let mut filled = ctx.clone();
            filled.probes = plan.map(|p| p.fill(&ctx.probes, &answers)).unwrap_or_default();
            assert_eq!(
                plan.and_then(|p| p.decision(&answers)).cloned(),
                decide(&engine, &filled)
            );
        }
        assert_eq!(plan.and_then(|p| p.decision(&[Answer::Yes])), None);
    }

    #[test]
    fn a_host_that_blocks_the_wallets_plans_no_probe() {
        // In mainland China, Apple Pay on the web is Safari's alone (A2), and
        // Google Pay is blocked in every iOS in-app browser: no probe can
        // change what Instagram on an iPhone shows there.
        let engine = Engine::with_default_policy();
        let ctx = CheckoutContext {
            country: Some("CN".to_owned()),
            ..context(Host::Instagram, Platform::Ios, None)
        };
        let plan = engine.plan(&ctx, DecideOptions::default()).ok();
        assert_eq!(plan.as_ref().map(|p| p.probes.len()), Some(0));
        assert_eq!(plan.as_ref().map(|p| p.pick.clone()), Some(vec![0]));
        assert_eq!(plan.and_then(|p| p.decision(&[]).cloned()), decide(&engine, &ctx));
    }

    #[test]
    fn a_probe_the_context_answers_is_not_planned() {
        let engine = Engine::with_default_policy();
        let mut ctx = context(Host::Browser, Platform::Ios, Some(BrowserFamily::Safari));
        ctx.probes.apple_pay = Readiness::Ready;
        let plan = engine.plan(&ctx, DecideOptions::default()).ok();
        assert_eq!(plan.map(|p| p.probes), Some(vec![Probe::GooglePay]));
    }

    #[test]
    fn a_bad_context_fails_as_decide_fails() {
        let engine = Engine::with_default_policy();
        let ctx = CheckoutContext {
            currency: Some("usd".to_owned()),
            ..CheckoutContext::default()
        };
        let failure = |e: Error| (e.code(), e.path().to_owned());
        let planned = engine.plan(&ctx, DecideOptions::default()).err().map(failure);
        assert_eq!(
            planned,
            engine.decide(&ctx, DecideOptions::default()).err().map(failure)
        );
        assert_eq!(planned.map(|(code, _)| code), Some(ErrorCode::ContextInvalid));
        let malformed = engine
            .plan_json(r#"{"probes": {"apple_pay": "yes"}}"#, DecideOptions::default())
            .err()
            .map(failure);
        assert_eq!(
            malformed,
            Some((ErrorCode::ContextMalformed, "probes.apple_pay".to_owned()))
        );
    }
}
