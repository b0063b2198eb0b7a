//! The context space that `lint` and `simulate` sweep.
//!
//! - Every platform × form factor × host. Desktop operating systems (Windows,
//!   macOS, Linux, ChromeOS) are swept as desktops only, phone operating
//!   systems (iOS, Android, HarmonyOS) as phones and tablets, `other` as all
//!   three. Hosts come from the core's list, in the order of [`HOSTS`].
//! - The browser family (and its absence) varies only where it changes a
//!   decision, as probes do: in the `browser` host, for the wallets whose
//!   web launch depends on it.
//! - Wallet apps vary only in `native` and `webview` hosts (the merchant's own
//!   app, which can probe them), and only the apps that change a decision
//!   there or that a `when` tests with `installed`; elsewhere they are
//!   `unknown`, as on any web page.
//! - Each device probe takes all four values wherever it changes a decision,
//!   and stays `unknown` elsewhere.
//! - Money (currency, amount, country, region tier): see [`super::money`];
//!   `CN` is among the countries whenever the capability table tells it
//!   apart for a rail of the policy.
//! - Nobody has a `subject_id`, a preference or a history: no experiment
//!   enrolls anyone, and [`sweep_engine`] counts partial rollouts as including
//!   the shopper.

use super::money::{conditions, Money};
use paysel_core::policy::Policy;
use paysel_core::Environment;
use paysel_core::WireEnum;
use paysel_core::{
    Availability, BrowserFamily, CheckoutContext, DecideOptions, Decision, Engine, FormFactor, Host,
    InstalledWallets, Platform, Probes, Readiness, WalletApp,
};
use serde_json::Value;
use std::sync::LazyLock;

/// Every platform.
pub const PLATFORMS: &[Platform] = Platform::ALL;
const FORM_FACTORS: &[FormFactor] = FormFactor::ALL;
/// Every host in report order: the system browser, native screens and
/// unnamed webviews first (where most traffic is), then the named in-app
/// hosts in the core's order. The one place the order is written.
pub static HOSTS: LazyLock<Vec<Host>> = LazyLock::new(|| {
    let first = [Host::Browser, Host::Native, Host::Webview];
    let mut hosts: Vec<Host> = Host::ALL.to_vec();
    hosts.sort_by_key(|h| first.iter().position(|f| f == h).unwrap_or(first.len()));
    hosts
});
/// Browser families tried where they matter; index 0 (unknown) is the
/// default of a context.
static BROWSERS: LazyLock<Vec<Option<BrowserFamily>>> = LazyLock::new(|| {
    std::iter::once(None)
        .chain(BrowserFamily::ALL.iter().copied().map(Some))
        .collect()
});
const WALLETS: &[WalletApp] = WalletApp::ALL;
/// Index 0 is the default of a context.
const AVAILABILITY: [Availability; 3] = [
    Availability::Unknown,
    Availability::Installed,
    Availability::NotInstalled,
];
const READINESS: [Readiness; 4] = [
    Readiness::Unknown,
    Readiness::Ready,
    Readiness::Supported,
    Readiness::NotReady,
];
const PROBE_NAMES: [&str; 3] = ["apple_pay", "google_pay", "payment_request"];

/// The dimensions of a [`Point`], named as context fields.
pub const DIMENSIONS: [&str; 16] = [
    "platform",
    "form_factor",
    "host",
    "installed_wallets.wechat",
    "installed_wallets.alipay",
    "installed_wallets.unionpay",
    "installed_wallets.taobao",
    "installed_wallets.paypal",
    "probes.apple_pay",
    "probes.google_pay",
    "probes.payment_request",
    "currency",
    "amount",
    "country",
    "region_tier",
    "browser",
];

/// One environment and what varies inside it.
struct EnvPlan {
    env: Environment,
    /// Indices into `PLATFORMS`, `FORM_FACTORS`, `HOSTS`.
    dims: [usize; 3],
    /// Indices into `WALLETS` of the wallet apps swept here.
    wallets: Vec<usize>,
    /// Indices into `PROBE_NAMES` of the probes swept here.
    probes: Vec<usize>,
    /// Whether the browser family is swept here.
    browsers: bool,
}

/// The swept space: build it once, then [`Space::visit`] every context.
pub struct Space {
    envs: Vec<EnvPlan>,
    /// Currencies, amounts, countries and region tiers, and their cases.
    money: Money,
}

/// Where a context sits: one value index per entry of [`DIMENSIONS`].
pub type Point = [usize; 16];

/// An engine for sweeping `policy`: rollouts above 0% count as including
/// every shopper, since the sweep has no subject ids.
pub fn sweep_engine(policy: &Policy) -> Result<Engine, String> {
    let mut policy = policy.clone();
    for rollout in policy.rails.iter_mut().filter_map(|r| r.rollout.as_mut()) {
        if rollout.percent > 0 {
            rollout.percent = 100;
        }
    }
    Engine::new(policy).map_err(|e| format!("[{}] {e}", e.code()))
}

/// Decides with explain (each rail's evidence), with the error as a line
/// of text.
pub fn explain(engine: &Engine, ctx: &CheckoutContext) -> Result<Decision, String> {
    engine
        .decide(ctx, DecideOptions { explain: true })
        .map_err(|e| format!("[{}] {e}", e.code()))
}

/// Decides without explain, with the error as a line of text.
pub fn decide(engine: &Engine, ctx: &CheckoutContext) -> Result<Decision, String> {
    engine
        .decide(ctx, DecideOptions::default())
        .map_err(|e| format!("[{}] {e}", e.code()))
}

impl Space {
    /// The space that tells apart every case of these engines' policies.
    pub fn new(engines: &[&Engine]) -> Result<Space, String> {
        let policies: Vec<&Policy> = engines.iter().map(|e| e.policy()).collect();
        let conds = conditions(&policies);
        let mut space = Space {
            envs: Vec::new(),
            money: Money::new(&policies),
        };
        let tested: Vec<usize> = (0..WALLETS.len())
            .filter(|&i| {
                conds
                    .iter()
                    .any(|w| WALLETS.get(i).is_some_and(|app| w.installed.contains(app)))
            })
            .collect();
        for (p, &platform) in PLATFORMS.iter().enumerate() {
            for (f, &form_factor) in FORM_FACTORS.iter().enumerate() {
                if !possible(platform, form_factor) {
                    continue;
                }
                for (h, &host) in HOSTS.iter().enumerate() {
                    let env = Environment {
                        platform,
                        form_factor,
                        host,
                        browser: None,
                    };
                    space.envs.push(plan(engines, env, [p, f, h], &tested)?);
                }
            }
        }
        Ok(space)
    }

    /// Number of contexts [`Space::visit`] calls back with.
    pub fn len(&self) -> usize {
        let per_env: usize = self
            .envs
            .iter()
            .map(|e| {
                let browsers = if e.browsers { BROWSERS.len() } else { 1 };
                3usize.pow(count(&e.wallets)) * 4usize.pow(count(&e.probes)) * browsers
            })
            .sum();
        per_env * self.money.cases.len()
    }

    /// Number of platform × form factor × host environments.
    pub fn environments(&self) -> usize {
        self.envs.len()
    }

    /// Calls `f` with every context of the space and its point.
    pub fn visit(
        &self,
        mut f: impl FnMut(&CheckoutContext, &Point) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut templates: Vec<(CheckoutContext, [usize; 4])> = self
            .money
            .cases
            .iter()
            .map(|&[c, a, country, tier]| {
                let ctx = CheckoutContext {
                    currency: self.money.currencies.get(c).cloned().flatten(),
                    amount: self.money.amounts.get(a).copied().flatten(),
                    country: self.money.countries.get(country).cloned().flatten(),
                    region_tier: self.money.tiers.get(tier).copied().flatten(),
                    ..CheckoutContext::default()
                };
                (ctx, [c, a, country, tier])
            })
            .collect();
        for plan in &self.envs {
            let [p, f_, h] = plan.dims;
            for w in 0..3usize.pow(count(&plan.wallets)) {
                let wallet_values = digits(w, 3, &plan.wallets);
                for pr in 0..4usize.pow(count(&plan.probes)) {
                    let probe_values = digits(pr, 4, &plan.probes);
                    let browsers = if plan.browsers { BROWSERS.len() } else { 1 };
                    for b in 0..browsers {
                        let mut point: Point = [0; 16];
                        let fixed = [p, f_, h].into_iter().chain(wallet_values).chain(probe_values);
                        for (slot, v) in point.iter_mut().zip(fixed) {
                            *slot = v;
                        }
                        point[15] = b;
                        let (wallets, probes) = (wallets_of(&wallet_values), probes_of(&probe_values));
                        let browser = BROWSERS.get(b).copied().flatten();
                        for (ctx, money) in templates.iter_mut() {
                            ctx.platform = Some(plan.env.platform);
                            ctx.form_factor = Some(plan.env.form_factor);
                            ctx.host = Some(plan.env.host);
                            ctx.browser = browser;
                            ctx.installed_wallets = wallets;
                            ctx.probes = probes;
                            for (slot, v) in point.iter_mut().skip(11).zip(money.iter()) {
                                *slot = *v;
                            }
                            f(ctx, &point)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// How many values dimension `dim` can take.
    pub fn values(&self, dim: usize) -> usize {
        match dim {
            0 => PLATFORMS.len(),
            1 => FORM_FACTORS.len(),
            2 => HOSTS.len(),
            3..=7 => AVAILABILITY.len(),
            8..=10 => READINESS.len(),
            11 => self.money.currencies.len(),
            12 => self.money.amounts.len(),
            13 => self.money.countries.len(),
            14 => self.money.tiers.len(),
            _ => BROWSERS.len(),
        }
    }

    /// The wire value of value `index` of dimension `dim` (null when absent).
    pub fn value(&self, dim: usize, index: usize) -> Value {
        fn field<T: Clone + Into<Value>>(values: &[Option<T>], index: usize) -> Value {
            values
                .get(index)
                .cloned()
                .flatten()
                .map_or(Value::Null, Into::into)
        }
        fn named<T: WireEnum>(value: Option<&T>) -> Value {
            value.map_or(Value::Null, |v| Value::from(v.as_str()))
        }
        match dim {
            0 => named(PLATFORMS.get(index)),
            1 => named(FORM_FACTORS.get(index)),
            2 => named(HOSTS.get(index)),
            3..=7 => named(AVAILABILITY.get(index)),
            8..=10 => named(READINESS.get(index)),
            11 => field(&self.money.currencies, index),
            12 => field(&self.money.amounts, index),
            13 => field(&self.money.countries, index),
            14 => field(&self.money.tiers, index),
            _ => named(BROWSERS.get(index).copied().flatten().as_ref()),
        }
    }

    /// The host index of a point, into [`HOSTS`].
    pub fn host(point: &Point) -> usize {
        point[2]
    }
}

fn count(v: &[usize]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

/// Writes `n` in base `base` into the slots named by `slots` (other slots 0).
fn digits<const N: usize>(mut n: usize, base: usize, slots: &[usize]) -> [usize; N] {
    let mut out = [0; N];
    for &slot in slots {
        if let Some(d) = out.get_mut(slot) {
            *d = n % base;
        }
        n /= base;
    }
    out
}

fn wallets_of(values: &[usize; 5]) -> InstalledWallets {
    let a = |i: usize| {
        values
            .get(i)
            .and_then(|&v| AVAILABILITY.get(v))
            .copied()
            .unwrap_or_default()
    };
    InstalledWallets {
        wechat: a(0),
        alipay: a(1),
        unionpay: a(2),
        taobao: a(3),
        paypal: a(4),
    }
}

fn probes_of(values: &[usize; 3]) -> Probes {
    let r = |i: usize| {
        values
            .get(i)
            .and_then(|&v| READINESS.get(v))
            .copied()
            .unwrap_or_default()
    };
    Probes {
        apple_pay: r(0),
        google_pay: r(1),
        payment_request: r(2),
    }
}

/// All zeros but slot `i`, which is `v`.
fn one_hot<const N: usize>(i: usize, v: usize) -> [usize; N] {
    let mut out = [0; N];
    if let Some(slot) = out.get_mut(i) {
        *slot = v;
    }
    out
}

/// Form factors each platform is swept with.
fn possible(platform: Platform, form_factor: FormFactor) -> bool {
    use Platform::*;
    match platform {
        Ios | Android | Harmonyos => form_factor != FormFactor::Desktop,
        Windows | Macos | Linux | Chromeos => form_factor == FormFactor::Desktop,
        Other => true,
    }
}

/// Which wallet apps and probes change a decision in `env`: each is set
/// alone against an all-unknown context without money.
fn plan(
    engines: &[&Engine],
    env: Environment,
    dims: [usize; 3],
    tested: &[usize],
) -> Result<EnvPlan, String> {
    let base = CheckoutContext {
        platform: Some(env.platform),
        form_factor: Some(env.form_factor),
        host: Some(env.host),
        ..CheckoutContext::default()
    };
    let baseline: Vec<Decision> = engines
        .iter()
        .map(|e| decide(e, &base))
        .collect::<Result<_, _>>()?;
    let changes = |ctx: &CheckoutContext| -> Result<bool, String> {
        for (e, b) in engines.iter().zip(&baseline) {
            if decide(e, ctx)? != *b {
                return Ok(true);
            }
        }
        Ok(false)
    };
    // Slots `0..slots` (wallet apps or probes) whose value, set alone to
    // any of `1..values`, changes a decision.
    let varying = |slots: usize, values: usize, set: &dyn Fn(usize, usize) -> CheckoutContext| {
        let mut out = Vec::new();
        for i in 0..slots {
            for v in 1..values {
                if !out.contains(&i) && changes(&set(i, v))? {
                    out.push(i);
                }
            }
        }
        Ok::<_, String>(out)
    };
    let mut wallets = Vec::new();
    if matches!(env.host, Host::Native | Host::Webview) {
        let set = |i, v| CheckoutContext {
            installed_wallets: wallets_of(&one_hot(i, v)),
            ..base.clone()
        };
        wallets = varying(WALLETS.len(), AVAILABILITY.len(), &set)?;
        wallets.extend(tested.iter().filter(|i| !wallets.contains(i)).collect::<Vec<_>>());
        wallets.sort_unstable();
    }
    let set = |i, v| CheckoutContext {
        probes: probes_of(&one_hot(i, v)),
        ..base.clone()
    };
    let probes = varying(PROBE_NAMES.len(), READINESS.len(), &set)?;
    // A family changes a decision only together with a probe that makes
    // the wallet shown at all: try each with every probe ready.
    let ready = Probes {
        apple_pay: Readiness::Ready,
        google_pay: Readiness::Ready,
        payment_request: Readiness::Ready,
    };
    let with = |browser| CheckoutContext {
        browser,
        probes: ready,
        ..base.clone()
    };
    // The decision echoes the family in its environment: compare what the
    // shopper sees.
    let outcome = |d: Decision| (d.shown, d.preselected, d.hidden);
    let unknown: Vec<_> = engines
        .iter()
        .map(|e| decide(e, &with(None)).map(outcome))
        .collect::<Result<_, _>>()?;
    let mut browsers = false;
    for family in BROWSERS.iter().skip(1) {
        for (e, d) in engines.iter().zip(&unknown) {
            browsers |= decide(e, &with(*family)).map(outcome)? != *d;
        }
    }
    Ok(EnvPlan {
        env,
        dims,
        wallets,
        probes,
        browsers,
    })
}

/// A short description of a swept context: its device (platform, form
/// factor, host, wallet apps and probes that are not unknown) and its money,
/// e.g. `ios tablet native, wechat not_installed, apple_pay ready` and
/// `CNY 20000, tier 3`.
pub fn describe(ctx: &CheckoutContext) -> (String, String) {
    fn word<T: WireEnum>(v: Option<T>) -> &'static str {
        v.map_or("?", WireEnum::as_str)
    }
    let mut device = vec![format!(
        "{} {} {}",
        word(ctx.platform),
        word(ctx.form_factor),
        word(ctx.host),
    )];
    if let Some(browser) = &ctx.browser {
        device.push(format!("browser {}", browser.as_str()));
    }
    for &app in WALLETS {
        let v = ctx.installed_wallets.get(app);
        if v != Availability::Unknown {
            device.push(format!("{} {}", app.as_str(), v.as_str()));
        }
    }
    let p = &ctx.probes;
    for (label, v) in PROBE_NAMES
        .iter()
        .zip([p.apple_pay, p.google_pay, p.payment_request])
    {
        if v != Readiness::Unknown {
            device.push(format!("{label} {}", v.as_str()));
        }
    }
    let mut money = vec![match (&ctx.currency, ctx.amount) {
        (Some(c), Some(a)) => format!("{c} {a}"),
        (Some(c), None) => c.clone(),
        _ => "no currency".to_owned(),
    }];
    money.extend(ctx.country.clone());
    money.extend(ctx.region_tier.map(|t| format!("tier {t}")));
    (device.join(", "), money.join(", "))
}
