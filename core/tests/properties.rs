//! Property tests of the decision invariants, over arbitrary contexts and
//! arbitrary valid policies within the limits (built-in and custom rails,
//! weights, rollouts, boosts, experiments, capability overrides, display
//! limits, preselection rules).
//!
//! 256 cases per property keeps the core lane fast. A failure is saved in
//! `core/proptest-regressions/` and replayed first on every later run:
//! commit that file with the fix.

use paysel_core::capability::{self, BuiltinRail, Cell, Situation};
use paysel_core::{
    parse_context, resolve_environment, Answer, Availability, BrowserFamily, CheckoutContext, DecideOptions,
    Engine, FormFactor, Host, Launch, Placement, Plan, Platform, Policy, Probe, Probes, Readiness, WalletApp,
    WireEnum,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Value};
use std::sync::LazyLock;

/// The wire names of every value of a core enum, so that the strategies
/// grow with the core's lists.
fn wire_names<T: WireEnum>() -> &'static [&'static str] {
    Box::leak(
        T::ALL
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    )
}

static BUILTIN: LazyLock<&[&str]> = LazyLock::new(wire_names::<BuiltinRail>);
static PLATFORMS: LazyLock<&[&str]> = LazyLock::new(wire_names::<Platform>);
static FORM_FACTORS: LazyLock<&[&str]> = LazyLock::new(wire_names::<FormFactor>);
static HOSTS: LazyLock<&[&str]> = LazyLock::new(wire_names::<Host>);
static BROWSERS: LazyLock<&[&str]> = LazyLock::new(wire_names::<BrowserFamily>);
static WALLETS: LazyLock<&[&str]> = LazyLock::new(wire_names::<WalletApp>);
static AVAILABILITY: LazyLock<&[&str]> = LazyLock::new(wire_names::<Availability>);
static READINESS: LazyLock<&[&str]> = LazyLock::new(wire_names::<Readiness>);
static LAUNCHES: LazyLock<&[&str]> = LazyLock::new(wire_names::<Launch>);
const CURRENCIES: [&str; 4] = ["CNY", "USD", "EUR", "JPY"];
const COUNTRIES: [&str; 4] = ["CN", "US", "DE", "JP"];
const UAS: [&str; 4] = [
    "Mozilla/5.0 (Linux; Android 13; Pixel 7; wv) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AlipayClient/10.5.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 [FBAN/FBIOS;FBAV/440.0]",
];
/// A marker no policy or built-in string contains, to spot an echoed subject.
const SUBJECT_MARK: &str = "subj-Q";

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop::option::weighted(0.6, s).boxed()
}

fn names(pool: &'static [&'static str], max: usize) -> BoxedStrategy<Vec<&'static str>> {
    subsequence(pool, 0..=max.min(pool.len())).boxed()
}

/// Inserts `value` under `key` when it is present.
fn put<T: Into<Value>>(obj: &mut Value, key: &str, value: Option<T>) {
    if let Some(v) = value {
        obj[key] = v.into();
    }
}

fn context() -> impl Strategy<Value = Value> {
    let env = (
        opt(select(&PLATFORMS[..])),
        opt(select(&FORM_FACTORS[..])),
        opt(select(&HOSTS[..])),
        opt(select(&UAS[..])),
        opt(select(&BROWSERS[..])),
    );
    let device = (
        prop::collection::vec(select(&AVAILABILITY[..]), WALLETS.len()),
        prop::collection::vec(select(&READINESS[..]), 3),
    );
    let shopper = (
        opt(select(&BUILTIN[..])),
        prop::collection::vec(
            prop_oneof![select(&BUILTIN[..]), Just("custom_0"), Just("gone")],
            0..4,
        ),
        opt(prop_oneof![
            0i64..1_000_000,
            Just(paysel_core::limits::MAX_AMOUNT)
        ]),
        opt(select(&CURRENCIES[..])),
        opt(select(&COUNTRIES[..])),
        opt(1i32..=5),
        opt("[a-z0-9]{0,12}"),
    );
    (env, device, shopper).prop_map(
        |((platform, form, host, ua, browser), (wallets, probes), shopper)| {
            let (preferred, last_used, amount, currency, country, tier, subject) = shopper;
            let mut c = json!({});
            put(&mut c, "platform", platform);
            put(&mut c, "form_factor", form);
            put(&mut c, "host", host);
            put(&mut c, "user_agent", ua);
            put(&mut c, "browser", browser);
            let installed: serde_json::Map<String, Value> = WALLETS
                .iter()
                .zip(wallets)
                .map(|(w, a)| ((*w).to_owned(), a.into()))
                .collect();
            c["installed_wallets"] = Value::Object(installed);
            c["probes"] =
                json!({"apple_pay": probes[0], "google_pay": probes[1], "payment_request": probes[2]});
            put(&mut c, "preferred_rail", preferred);
            c["last_used"] = json!(last_used);
            put(&mut c, "amount", amount);
            put(&mut c, "currency", currency);
            put(&mut c, "country", country);
            put(&mut c, "region_tier", tier);
            put(
                &mut c,
                "subject_id",
                subject.map(|s| format!("{SUBJECT_MARK}{s}")),
            );
            c
        },
    )
}

fn condition() -> impl Strategy<Value = Value> {
    (
        names(*PLATFORMS, 3),
        names(*FORM_FACTORS, 2),
        names(*HOSTS, 4),
        names(&COUNTRIES, 2),
        names(&CURRENCIES, 2),
        opt((1i32..=5, 0i32..=4)),
        opt((0i64..500_000, 0i64..500_000)),
        names(*WALLETS, 2),
    )
        .prop_map(
            |(platform, form_factor, host, country, currency, tiers, amounts, installed)| {
                let mut w = json!({});
                for (k, v) in [
                    ("platform", platform),
                    ("form_factor", form_factor),
                    ("host", host),
                    ("country", country),
                    ("currency", currency),
                    ("installed", installed),
                ] {
                    if !v.is_empty() {
                        w[k] = json!(v);
                    }
                }
                if let Some((lo, extra)) = tiers {
                    w["region_tier_min"] = json!(lo);
                    w["region_tier_max"] = json!((lo + extra).min(5));
                }
                if let Some((lo, extra)) = amounts {
                    w["amount_min"] = json!(lo);
                    w["amount_max"] = json!(lo + extra);
                }
                w
            },
        )
}

/// One rail's settings; the id is chosen by the policy strategy.
fn rail() -> impl Strategy<Value = Value> {
    (
        prop::bool::weighted(0.9),
        names(&CURRENCIES, 2),
        names(&COUNTRIES, 2),
        opt((select(&CURRENCIES[..]), opt(0i64..100_000), opt(0i64..1_000_000))),
        -50i32..100,
        opt((0i32..=100, "[a-z]{1,8}")),
        opt(select(&["h5_redirect", "qr_code"][..])),
        any::<bool>(),
        opt(select(&WALLETS[..])),
    )
        .prop_map(
            |(enabled, currencies, countries, limit, weight, rollout, without, guide, wallet)| {
                let mut r =
                    json!({"enabled": enabled, "weight": weight, "open_in_browser_when_blocked": guide});
                if !currencies.is_empty() {
                    r["currencies"] = json!(currencies);
                }
                if !countries.is_empty() {
                    r["countries"] = json!(countries);
                }
                if let Some((currency, min, max)) = limit {
                    let mut l = json!({"currency": currency});
                    put(&mut l, "min", min);
                    put(&mut l, "max", max.map(|m| m + min.unwrap_or(0)));
                    r["limits"] = json!([l]);
                }
                if let Some((percent, salt)) = rollout {
                    r["rollout"] = json!({"percent": percent, "salt": salt});
                }
                put(&mut r, "without_wallet", without);
                put(&mut r, "wallet", wallet);
                r
            },
        )
}

fn policy() -> impl Strategy<Value = Value> {
    let rails = (
        subsequence(&BUILTIN[..], 1..=BUILTIN.len()).prop_shuffle(),
        prop::collection::vec(select(&BUILTIN[..]), 0..3),
        prop::collection::vec(rail(), 10),
    );
    let boosts = prop::collection::vec((any::<Index>(), -60i32..60, condition()), 0..5);
    let variant = (
        0i32..=50,
        prop::collection::vec((any::<Index>(), -40i32..40), 0..3),
        prop::collection::vec(any::<Index>(), 0..3),
    );
    let experiments = prop::collection::vec(
        ("[a-z]{1,6}", condition(), prop::collection::vec(variant, 1..4)),
        0..3,
    );
    let overrides = prop::collection::vec(
        (
            select(&HOSTS[..]),
            any::<Index>(),
            names(*PLATFORMS, 2),
            opt(select(&LAUNCHES[..])),
        ),
        0..4,
    );
    let top = (
        opt(1u32..6),
        select(&["first", "personal_only", "none"][..]),
        -10i32..150,
        any::<bool>(),
    );
    (rails, boosts, experiments, overrides, top).prop_map(|((builtin, custom, settings), boosts, experiments, overrides, top)| {
        let mut ids: Vec<String> = builtin.iter().map(|s| (*s).to_owned()).collect();
        let mut likes: Vec<Option<&str>> = vec![None; ids.len()];
        for (i, like) in custom.iter().enumerate() {
            ids.push(format!("custom_{i}"));
            likes.push(Some(like));
        }
        let pick = |ix: &Index| ids[ix.index(ids.len())].clone();
        let rails: Vec<Value> = ids
            .iter()
            .zip(&likes)
            .zip(settings)
            .map(|((id, like), mut r)| {
                r["id"] = json!(id);
                put(&mut r, "behaves_like", *like);
                r
            })
            .collect();
        let boosts: Vec<Value> = boosts
            .iter()
            .enumerate()
            .map(|(i, (rail, delta, when))| json!({"id": format!("boost{i}"), "rail": pick(rail), "delta": delta, "when": when}))
            .collect();
        let experiments: Vec<Value> = experiments
            .iter()
            .enumerate()
            .map(|(i, (salt, when, variants))| {
                // Weights are capped so that they add up to at most 100.
                let mut left = 100i32;
                let variants: Vec<Value> = variants
                    .iter()
                    .enumerate()
                    .map(|(j, (weight, vboosts, order))| {
                        let weight = (*weight).min(left);
                        left -= weight;
                        let vboosts: Vec<Value> =
                            vboosts.iter().map(|(r, d)| json!({"rail": pick(r), "delta": d})).collect();
                        let order: Vec<String> = order.iter().map(&pick).collect();
                        json!({"id": format!("v{j}"), "weight": weight, "boosts": vboosts, "order": order})
                    })
                    .collect();
                json!({"id": format!("exp{i}"), "salt": salt, "when": when, "variants": variants})
            })
            .collect();
        let capabilities: Vec<Value> = overrides
            .iter()
            .map(|(host, rail, platform, launch)| json!({"host": host, "rail": pick(rail), "platform": platform, "launch": launch}))
            .collect();
        let (max_shown, preselect, bonus, apple_pay_js_sdk) = top;
        let mut p = json!({
            "schema": "paysel.policy/1",
            "version": 7,
            "rails": rails,
            "boosts": boosts,
            "experiments": experiments,
            "capabilities": capabilities,
            "preselect": preselect,
            "host_native_bonus": bonus,
            "apple_pay_js_sdk": apple_pay_js_sdk,
        });
        put(&mut p, "max_shown", max_shown);
        p
    })
}

/// True when an override of `policy` applies to `rail` in this environment.
fn overridden(policy: &Policy, rail: &paysel_core::policy::RailPolicy, ctx: &CheckoutContext) -> bool {
    let env = resolve_environment(ctx);
    policy.capabilities.iter().any(|o| {
        o.host == env.host
            && (o.rail == rail.id || Some(o.rail.as_str()) == rail.behaves_like.as_deref())
            && (o.platform.is_empty() || o.platform.contains(&env.platform))
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Relative to the crate root, where `cargo test` runs.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/properties.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn decisions_keep_their_invariants(policy_json in policy(), context_json in context()) {
        let policy_text = policy_json.to_string();
        let engine = match Engine::from_policy_json(&policy_text) {
            Ok(e) => e,
            Err(e) => panic!("the strategy built an invalid policy: {e}\n{policy_text}"),
        };
        let context_text = context_json.to_string();
        let ctx = parse_context(&context_text).unwrap();
        // decide never errors on a validated context.
        let decision = engine.decide(&ctx, DecideOptions::default()).unwrap();
        let policy = engine.policy();

        // Every policy rail is in exactly one of shown or hidden.
        for rail in &policy.rails {
            let shown = decision.shown.iter().filter(|s| s.rail == rail.id).count();
            let hidden = decision.hidden.iter().filter(|h| h.rail == rail.id).count();
            prop_assert_eq!(shown + hidden, 1, "rail {}", rail.id);
        }
        prop_assert_eq!(decision.shown.len() + decision.hidden.len(), policy.rails.len());

        // The preselected rail is shown and launches directly.
        if let Some(pre) = &decision.preselected {
            let s = decision.shown.iter().find(|s| &s.rail == pre);
            prop_assert!(s.is_some_and(|s| s.launch != Launch::OpenInBrowser), "preselected {pre}");
        }

        // max_shown is respected.
        if let Some(max) = policy.max_shown {
            prop_assert!(decision.shown.len() <= max as usize);
        }

        // A rail the built-in table blocks (or does not support) here never
        // launches other than as a guide, unless an override allows it.
        let env = resolve_environment(&ctx);
        for s in &decision.shown {
            let rail = policy.rails.iter().find(|r| r.id == s.rail).unwrap();
            let base = BuiltinRail::from_id(rail.behaves_like.as_deref().unwrap_or(&rail.id)).unwrap();
            if overridden(policy, rail, &ctx) {
                continue;
            }
            let situation = Situation {
                env,
                mainland_china: ctx.country.as_deref() == Some("CN"),
                apple_pay_js_sdk: policy.apple_pay_js_sdk,
            };
            match capability::cell(base, &situation).cell {
                Cell::Blocked => prop_assert_eq!(s.launch, Launch::OpenInBrowser, "blocked rail {}", s.rail),
                Cell::Unsupported => prop_assert!(false, "unsupported rail {} shown", s.rail),
                Cell::Works(_) => {}
            }
        }

        // A secondary rail (a `supported` Apple Pay) is never preselected and
        // never ahead of a rail that launches directly.
        let secondary = decision.shown.iter().position(|s| s.placement == Placement::Secondary);
        if let Some(first_secondary) = secondary {
            let direct_after = decision.shown.iter().skip(first_secondary).any(|s| {
                !matches!(s.placement, Placement::Secondary | Placement::Guide)
            });
            prop_assert!(!direct_after, "a rail that launches directly comes after a secondary one");
            let pre = decision.preselected.as_deref();
            prop_assert!(decision.shown.iter().all(|s| s.placement != Placement::Secondary || Some(s.rail.as_str()) != pre));
        }
        // A guide says how to leave the host, and only a guide does.
        for s in &decision.shown {
            prop_assert_eq!(s.escape.is_some(), s.launch == Launch::OpenInBrowser, "rail {}", s.rail);
        }

        // Explain adds evidence to every rail whose capability was
        // consulted, and changes nothing else.
        let explained = engine.decide(&ctx, DecideOptions { explain: true }).unwrap();
        for (plain, rich) in decision.shown.iter().zip(&explained.shown) {
            prop_assert!(rich.evidence.is_some(), "shown rail {} without evidence", rich.rail);
            prop_assert_eq!(plain.evidence.as_ref(), None);
            let mut stripped = rich.clone();
            stripped.evidence = None;
            stripped.escape_evidence = None;
            stripped.score = None;
            prop_assert_eq!(&stripped, plain);
        }
        for (plain, rich) in decision.hidden.iter().zip(&explained.hidden) {
            let consulted = rich.reason >= paysel_core::HiddenReason::PolicyCapability;
            prop_assert_eq!(rich.evidence.is_some(), consulted, "hidden rail {}", rich.rail);
            prop_assert_eq!(plain.evidence.as_ref(), None);
        }

        // Neither the exposure nor the decision echoes the subject or the UA.
        let exposure = serde_json::to_string(&decision.exposure).unwrap();
        let whole = serde_json::to_string(&decision).unwrap();
        for text in [&exposure, &whole] {
            prop_assert!(!text.contains(SUBJECT_MARK), "subject echoed: {}", text);
            prop_assert!(!text.contains("Mozilla"), "User-Agent echoed: {}", text);
        }
        // (A hidden rail's `detail` may say "the context has no subject_id";
        // the exposure has no details and no such field.)
        prop_assert!(!exposure.contains("subject_id") && !exposure.contains("user_agent"), "{}", exposure);

        // Deterministic: the same input gives the same JSON, also through the
        // text entry point and after the policy round-trips through serde.
        let again = engine.decide_json(&context_text, DecideOptions::default()).unwrap();
        prop_assert_eq!(&whole, &again);
        let reparsed = Engine::from_policy_json(&serde_json::to_string(policy).unwrap()).unwrap();
        prop_assert_eq!(&whole, &reparsed.decide_json(&context_text, DecideOptions::default()).unwrap());
    }

    #[test]
    fn a_refused_update_never_changes_the_decision(policy_json in policy(), context_json in context(), cut in 0usize..400) {
        // A truncated (so malformed) policy update leaves the engine as it was.
        let mut engine = Engine::from_policy_json(&policy_json.to_string()).unwrap();
        let ctx = context_json.to_string();
        let before = engine.decide_json(&ctx, DecideOptions::default()).unwrap();
        let text = policy_json.to_string();
        let truncated: String = text.chars().take(cut.min(text.len().saturating_sub(1))).collect();
        prop_assert!(engine.apply_policy_json(&truncated).is_err());
        prop_assert_eq!(before, engine.decide_json(&ctx, DecideOptions::default()).unwrap());
    }

    #[test]
    fn a_plan_is_the_decision_for_every_answer(policy_json in policy(), context_json in context(), server in any::<bool>()) {
        let engine = Engine::from_policy_json(&policy_json.to_string()).unwrap();
        let mut ctx = parse_context(&context_json.to_string()).unwrap();
        // A server knows no probe; a generated context may answer some.
        if server {
            ctx.probes = Probes::default();
        }
        let plan = engine.plan(&ctx, DecideOptions::default()).unwrap();
        let open: Vec<Probe> = Probe::ALL.iter().copied().filter(|p| p.of(&ctx.probes) == Readiness::Unknown).collect();
        prop_assert!(plan.probes.iter().all(|p| open.contains(p)), "a planned probe the context answers");
        prop_assert!(plan.probes.windows(2).all(|w| w[0] < w[1]), "probes in Probe order");
        prop_assert_eq!(plan.pick.len(), 3usize.pow(plan.probes.len() as u32));
        prop_assert!(plan.decisions.len() <= 16, "{} decisions", plan.decisions.len());
        let left_out: Vec<Probe> = open.iter().copied().filter(|p| !plan.probes.contains(p)).collect();
        let mut picked = vec![false; plan.decisions.len()];
        for key in 0..plan.pick.len() {
            let answers = plan.answers(key);
            prop_assert_eq!(Plan::key(&answers), key);
            picked[plan.pick[key] as usize] = true;
            let planned = serde_json::to_string(plan.decision(&answers).unwrap()).unwrap();
            // The planned decision is decide's, byte for byte, whatever the
            // probes left out of the plan answer.
            for other in 0..3usize.pow(left_out.len() as u32) {
                let mut filled = ctx.clone();
                filled.probes = plan.fill(&ctx.probes, &answers);
                let mut rest = other;
                for probe in &left_out {
                    let answer = [Answer::Yes, Answer::No, Answer::Unknown][rest % 3];
                    rest /= 3;
                    probe.set(&mut filled.probes, probe.readiness(answer));
                }
                let decided = engine.decide_json(&serde_json::to_string(&filled).unwrap(), DecideOptions::default()).unwrap();
                prop_assert_eq!(&planned, &decided, "key {} ({:?}), left-out answers {}", key, answers, other);
            }
        }
        prop_assert!(picked.iter().all(|p| *p), "a decision no key picks");
        // Every planned probe changes some decision.
        for at in 0..plan.probes.len() {
            let matters = (0..plan.pick.len()).any(|key| {
                let mut answers = plan.answers(key);
                let here = plan.pick[key];
                [Answer::Yes, Answer::No, Answer::Unknown].iter().any(|a| {
                    answers[at] = *a;
                    plan.pick[Plan::key(&answers)] != here
                })
            });
            prop_assert!(matters, "{:?} changes no decision", plan.probes[at]);
        }
        // Deterministic JSON, also through the text entry point.
        let text = serde_json::to_string(&plan).unwrap();
        prop_assert_eq!(&text, &engine.plan_json(&serde_json::to_string(&ctx).unwrap(), DecideOptions::default()).unwrap());
    }
}
