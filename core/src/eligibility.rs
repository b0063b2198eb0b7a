//! Whether one rail can be shown in one context, and how it launches.
//!
//! The checks run in the order of [`HiddenReason`]: the merchant's own
//! configuration first (enabled, country, currency, amount, rollout), then
//! what the environment allows (platform, host, wallet app, device wallet).

use crate::bucket;
use crate::capability::{
    self, BuiltinRail, Cell, CellEvidence, EscapeRow, Evidence, EvidenceLevel, Launch, Situation,
    MAINLAND_CHINA,
};
use crate::context::Environment;
use crate::context::{Availability, CheckoutContext, Readiness};
use crate::decision::HiddenReason;
use crate::plan::Probe;
use crate::policy::{Policy, RailPolicy};
use crate::wire::WireEnum;

/// What decided a rail's answer: a cell, gate or escape of the built-in
/// table, or a value of the policy. Turned into `Evidence` only for explain,
/// so that deciding allocates nothing for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The built-in table.
    Table(CellEvidence),
    /// `capabilities[i]` of the policy.
    Override(usize),
    /// A field of `rails[i]` of the policy (`wallet`, `without_wallet`).
    RailField(usize, &'static str),
}

impl Basis {
    /// The JSON path of the policy's `capabilities` row that decided, if
    /// one did.
    pub fn policy_override(self) -> Option<String> {
        match self {
            Basis::Override(i) => Some(format!("capabilities[{i}]")),
            Basis::Table(_) | Basis::RailField(..) => None,
        }
    }

    /// The evidence as a decision shows it.
    pub fn evidence(self) -> Evidence {
        let policy = |source: String| Evidence {
            level: EvidenceLevel::Policy,
            source,
        };
        match self {
            Basis::Table(e) => e.to_evidence(),
            Basis::Override(_) => policy(self.policy_override().unwrap_or_default()),
            Basis::RailField(i, field) => policy(format!("rails[{i}].{field}")),
        }
    }
}

/// A rail that can be shown, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eligible {
    /// How it launches.
    pub launch: Launch,
    /// What decided the launch.
    pub basis: Basis,
    /// With `open_in_browser`: the host's escape to the system browser.
    pub escape: Option<&'static EscapeRow>,
    /// Offered, but never first or preselected: Apple Pay on a device that
    /// supports it without a card ready (Apple: "offer Apple Pay as a payment
    /// option, but don't make it the sole or default payment option").
    pub secondary: bool,
}

/// Why a rail is hidden, with an actionable detail and, when the
/// capability table or a policy capability decided, what decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// The reason code.
    pub reason: HiddenReason,
    /// What a developer can do about it.
    pub detail: String,
    /// What decided, when a cell, gate or policy capability did.
    pub basis: Option<Basis>,
}

impl Hidden {
    fn merchant(reason: HiddenReason, detail: String) -> Hidden {
        Hidden {
            reason,
            detail,
            basis: None,
        }
    }
}

/// What the device probes say, asked one probe at a time: the context's
/// own `probes` when deciding; a combination of answers when planning,
/// which also notes which probes a rail asked about.
pub type ProbeAnswers<'a> = &'a dyn Fn(Probe) -> Readiness;

/// Decides whether `rail`, the policy's rail number `index`, is shown in
/// `env`, and how it launches. The device probes are read through `probes`
/// only, and only when the rail's answer depends on them.
pub fn launch_for(
    policy: &Policy,
    index: usize,
    rail: &RailPolicy,
    ctx: &CheckoutContext,
    env: &Environment,
    probes: ProbeAnswers<'_>,
) -> Result<Eligible, Hidden> {
    merchant_checks(rail, ctx).map_err(|(reason, detail)| Hidden::merchant(reason, detail))?;
    let base = base_rail(rail);
    let (cell, basis, note) = match override_cell(policy, rail, env) {
        Some((i, cell)) => (cell, Basis::Override(i), ""),
        None => {
            let situation = Situation {
                env: *env,
                mainland_china: ctx.country.as_deref() == Some(MAINLAND_CHINA),
                apple_pay_js_sdk: policy.apple_pay_js_sdk,
            };
            let row = capability::cell(base, &situation);
            (row.cell, Basis::Table(row.evidence), row.note)
        }
    };
    let hidden = |reason, detail| Hidden {
        reason,
        detail,
        basis: Some(basis),
    };
    let launch = match cell {
        Cell::Works(launch) => launch,
        Cell::Unsupported => {
            // `concat` allocates the detail once; `format!` grows it step by
            // step, a third of a native decision's time (measured with
            // callgrind).
            let platform = env.platform.as_str();
            let detail = match note {
                "" => [rail.id.as_str(), " is not available on ", platform].concat(),
                _ => [rail.id.as_str(), " is not available on ", platform, ": ", note].concat(),
            };
            return Err(hidden(HiddenReason::PlatformUnsupported, detail));
        }
        Cell::Blocked if rail.open_in_browser_when_blocked => Launch::OpenInBrowser,
        // The merchant's own row hides it: say so, not that the host does.
        Cell::Blocked if matches!(basis, Basis::Override(_)) => {
            return Err(hidden(
                HiddenReason::PolicyCapability,
                format!(
                    "the policy's {} blocks {} in the {} host (launch: null); set open_in_browser_when_blocked to show a guide instead",
                    basis.evidence().source,
                    rail.id,
                    env.host.as_str()
                ),
            ))
        }
        Cell::Blocked => {
            return Err(hidden(
                HiddenReason::HostBlocksRail,
                [
                    "the ",
                    env.host.as_str(),
                    " host blocks ",
                    &rail.id,
                    "; set open_in_browser_when_blocked to show a guide instead",
                ]
                .concat(),
            ))
        }
    };
    device_checks(
        index,
        rail,
        base,
        Eligible {
            launch,
            basis,
            escape: None,
            secondary: false,
        },
        ctx,
        env,
        probes,
    )
}

/// The built-in rail whose behaviour `rail` shares. Validation guarantees
/// that one exists; `card` is the harmless answer if it ever did not.
pub fn base_rail(rail: &RailPolicy) -> BuiltinRail {
    let id = rail.behaves_like.as_deref().unwrap_or(&rail.id);
    BuiltinRail::from_id(id).unwrap_or(BuiltinRail::Card)
}

fn merchant_checks(rail: &RailPolicy, ctx: &CheckoutContext) -> Result<(), (HiddenReason, String)> {
    if !rail.enabled {
        return Err((
            HiddenReason::DisabledByMerchant,
            [&rail.id, " has enabled: false"].concat(),
        ));
    }
    if let Some(country) = &ctx.country {
        if !rail.countries.is_empty() && !rail.countries.contains(country) {
            return Err((
                HiddenReason::CountryUnsupported,
                [
                    &rail.id,
                    " is offered in ",
                    &rail.countries.join(", "),
                    ", not ",
                    country,
                ]
                .concat(),
            ));
        }
    }
    if let Some(currency) = &ctx.currency {
        if !rail.currencies.is_empty() && !rail.currencies.contains(currency) {
            return Err((
                HiddenReason::CurrencyUnsupported,
                [
                    &rail.id,
                    " accepts ",
                    &rail.currencies.join(", "),
                    ", not ",
                    currency,
                ]
                .concat(),
            ));
        }
        let limit = rail.limits.iter().find(|l| &l.currency == currency);
        if let (Some(limit), Some(amount)) = (limit, ctx.amount) {
            if let Some(min) = limit.min.filter(|&min| amount < min) {
                return Err((
                    HiddenReason::AmountBelowMin,
                    format!(
                        "{amount} {currency} is below the minimum of {min} for {}",
                        rail.id
                    ),
                ));
            }
            if let Some(max) = limit.max.filter(|&max| amount > max) {
                return Err((
                    HiddenReason::AmountAboveMax,
                    format!(
                        "{amount} {currency} is above the maximum of {max} for {}",
                        rail.id
                    ),
                ));
            }
        }
    }
    if let Some(rollout) = &rail.rollout {
        let inside = match &ctx.subject_id {
            Some(subject) => bucket::within_percent(&rollout.salt, subject, rollout.percent),
            // Without a subject, only a full rollout can include anyone.
            None => rollout.percent >= 100,
        };
        if !inside {
            let detail = if ctx.subject_id.is_some() {
                format!(
                    "the subject is outside the {}% rollout of {}",
                    rollout.percent, rail.id
                )
            } else {
                format!(
                    "{} is rolled out to {}% and the context has no subject_id",
                    rail.id, rollout.percent
                )
            };
            return Err((HiddenReason::RolloutExcluded, detail));
        }
    }
    Ok(())
}

/// The first matching override of the policy, with its index, if any.
fn override_cell(policy: &Policy, rail: &RailPolicy, env: &Environment) -> Option<(usize, Cell)> {
    let base_id = rail.behaves_like.as_deref();
    policy
        .capabilities
        .iter()
        .enumerate()
        .find(|(_, o)| {
            o.host == env.host
                && (o.rail == rail.id || Some(o.rail.as_str()) == base_id)
                && (o.platform.is_empty() || o.platform.contains(&env.platform))
        })
        .map(|(i, o)| (i, o.launch.map_or(Cell::Blocked, Cell::Works)))
}

/// Wallet apps and device wallets: what only the device knows.
fn device_checks(
    index: usize,
    rail: &RailPolicy,
    base: BuiltinRail,
    mut found: Eligible,
    ctx: &CheckoutContext,
    env: &Environment,
    probes: ProbeAnswers<'_>,
) -> Result<Eligible, Hidden> {
    if found.launch == Launch::OpenInBrowser {
        // The rail works in the system browser, whose wallets and probes
        // this page cannot see: the guide shows whatever they say here.
        found.escape = Some(capability::escape(env.host, env.platform));
        return Ok(found);
    }
    if found.launch == Launch::AppSwitch {
        wallet_check(index, rail, base, &mut found, ctx)?;
    }
    let ready = |r: Readiness| matches!(r, Readiness::Ready | Readiness::Supported);
    let (ok, probe) = match base {
        // Apple asks merchants to offer Apple Pay when the device supports
        // it, even before a card is added, but not as the default: a
        // `supported` Apple Pay is shown, never first or preselected.
        BuiltinRail::ApplePay => {
            let apple_pay = probes(Probe::ApplePay);
            found.secondary = apple_pay == Readiness::Supported;
            (ready(apple_pay), "apple_pay")
        }
        BuiltinRail::GooglePay => {
            let google_pay = probes(Probe::GooglePay);
            let direct = ready(google_pay);
            // The Payment Request sheet offers Google Pay when no Google Pay
            // probe ran; in webviews it is off unless the host enabled it,
            // which the payment_request probe shows. (Asked last, so that a
            // plan asks it only where it can matter.)
            let via_request = found.launch == Launch::PaymentRequest
                && google_pay == Readiness::Unknown
                && probes(Probe::PaymentRequest) == Readiness::Ready;
            (direct || via_request, "google_pay")
        }
        _ => return Ok(found),
    };
    if ok {
        Ok(found)
    } else {
        Err(Hidden {
            reason: HiddenReason::WalletNotReady,
            detail: [&rail.id, " needs probes.", probe, " to be ready or supported"].concat(),
            basis: Some(found.basis),
        })
    }
}

/// An app switch needs its wallet app. A probed absence falls back to the
/// policy's `without_wallet`, else to what the wallet's SDK does by itself
/// (the table's gate), else hides the rail. Unknown means nobody probed: the
/// SDKs handle that themselves, so only a probed absence changes the answer.
fn wallet_check(
    index: usize,
    rail: &RailPolicy,
    base: BuiltinRail,
    found: &mut Eligible,
    ctx: &CheckoutContext,
) -> Result<(), Hidden> {
    let gate = capability::wallet_gate(base).filter(|g| rail.wallet.is_none_or(|app| app == g.app));
    let Some(app) = rail.wallet.or(gate.map(|g| g.app)) else {
        return Ok(());
    };
    if ctx.installed_wallets.get(app) != Availability::NotInstalled {
        return Ok(());
    }
    if let Some(fallback) = rail.without_wallet {
        found.launch = fallback;
        found.basis = Basis::RailField(index, "without_wallet");
        return Ok(());
    }
    if let Some((fallback, gate)) = gate.and_then(|g| g.without_app.map(|f| (f, g))) {
        found.launch = fallback;
        found.basis = Basis::Table(gate.evidence);
        return Ok(());
    }
    Err(Hidden {
        reason: HiddenReason::WalletNotInstalled,
        detail: [
            &rail.id,
            " needs the ",
            app.as_str(),
            " app, which is not installed; set without_wallet to fall back",
        ]
        .concat(),
        basis: Some(match gate {
            Some(g) => Basis::Table(g.evidence),
            None => Basis::RailField(index, "wallet"),
        }),
    })
}
