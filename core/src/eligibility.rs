//! Whether one rail can be shown in one context, and how it launches.
//!
//! The checks run in the order of [`HiddenReason`]: the merchant's own
//! configuration first (enabled, country, currency, amount, rollout), then
//! what the environment allows (platform, host, wallet app, device wallet).

use crate::bucket;
use crate::capability::{builtin_cell, BuiltinRail, Cell, Launch};
use crate::context::Environment;
use crate::context::{Availability, CheckoutContext, Readiness};
use crate::decision::HiddenReason;
use crate::policy::{Policy, RailPolicy};
use crate::wire::WireEnum;

/// Why a rail is hidden, with an actionable detail.
pub type Hidden = (HiddenReason, String);

/// Decides whether `rail` is shown in `env`, and how it launches.
pub fn launch_for(
    policy: &Policy,
    rail: &RailPolicy,
    ctx: &CheckoutContext,
    env: &Environment,
) -> Result<Launch, Hidden> {
    merchant_checks(rail, ctx)?;
    let base = base_rail(rail);
    let cell = override_cell(policy, rail, env).unwrap_or_else(|| builtin_cell(base, env));
    let launch = match cell {
        Cell::Works(launch) => launch,
        Cell::Unsupported => {
            return Err((
                HiddenReason::PlatformUnsupported,
                format!("{} is not available on {}", rail.id, env.platform.as_str()),
            ))
        }
        Cell::Blocked if rail.open_in_browser_when_blocked => return Ok(Launch::OpenInBrowser),
        Cell::Blocked => {
            return Err((
                HiddenReason::HostBlocksRail,
                format!(
                    "the {} host blocks {}; set open_in_browser_when_blocked to show a guide instead",
                    env.host.as_str(),
                    rail.id
                ),
            ))
        }
    };
    device_checks(rail, base, launch, ctx)
}

/// The built-in rail whose behaviour `rail` shares. Validation guarantees
/// that one exists; `card` is the harmless answer if it ever did not.
pub fn base_rail(rail: &RailPolicy) -> BuiltinRail {
    let id = rail.behaves_like.as_deref().unwrap_or(&rail.id);
    BuiltinRail::from_id(id).unwrap_or(BuiltinRail::Card)
}

fn merchant_checks(rail: &RailPolicy, ctx: &CheckoutContext) -> Result<(), Hidden> {
    if !rail.enabled {
        return Err((
            HiddenReason::DisabledByMerchant,
            format!("{} has enabled: false", rail.id),
        ));
    }
    if let Some(country) = &ctx.country {
        if !rail.countries.is_empty() && !rail.countries.contains(country) {
            return Err((
                HiddenReason::CountryUnsupported,
                format!(
                    "{} is offered in {}, not {country}",
                    rail.id,
                    rail.countries.join(", ")
                ),
            ));
        }
    }
    if let Some(currency) = &ctx.currency {
        if !rail.currencies.is_empty() && !rail.currencies.contains(currency) {
            return Err((
                HiddenReason::CurrencyUnsupported,
                format!(
                    "{} accepts {}, not {currency}",
                    rail.id,
                    rail.currencies.join(", ")
                ),
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

/// The first matching override of the policy, if any.
fn override_cell(policy: &Policy, rail: &RailPolicy, env: &Environment) -> Option<Cell> {
    let base_id = rail.behaves_like.as_deref();
    policy
        .capabilities
        .iter()
        .find(|o| {
            o.host == env.host
                && (o.rail == rail.id || Some(o.rail.as_str()) == base_id)
                && (o.platform.is_empty() || o.platform.contains(&env.platform))
        })
        .map(|o| o.launch.map_or(Cell::Blocked, Cell::Works))
}

/// Wallet apps and device wallets: what only the device knows.
fn device_checks(
    rail: &RailPolicy,
    base: BuiltinRail,
    launch: Launch,
    ctx: &CheckoutContext,
) -> Result<Launch, Hidden> {
    if launch == Launch::AppSwitch {
        if let Some(app) = rail.wallet.or_else(|| base.wallet()) {
            // Unknown means nobody probed: the wallet SDKs fall back by
            // themselves, so only a probed absence changes the answer.
            if ctx.installed_wallets.get(app) == Availability::NotInstalled {
                return match rail.without_wallet {
                    Some(fallback) => Ok(fallback),
                    None => Err((
                        HiddenReason::WalletNotInstalled,
                        format!(
                            "{} needs the {} app, which is not installed; set without_wallet to fall back",
                            rail.id,
                            app.as_str()
                        ),
                    )),
                };
            }
        }
    }
    let probes = &ctx.probes;
    let ready = |r: Readiness| matches!(r, Readiness::Ready | Readiness::Supported);
    let (ok, probe) = match base {
        // Apple asks merchants to show Apple Pay when the device supports it,
        // even before a card is added: `supported` counts.
        BuiltinRail::ApplePay => (ready(probes.apple_pay), "apple_pay"),
        BuiltinRail::GooglePay => {
            let direct = ready(probes.google_pay);
            // On the web the Payment Request sheet offers Google Pay when no
            // Google Pay probe ran; in webviews it is off unless the host
            // enabled it, which the payment_request probe shows.
            let via_request = launch == Launch::PaymentRequest
                && probes.google_pay == Readiness::Unknown
                && probes.payment_request == Readiness::Ready;
            (direct || via_request, "google_pay")
        }
        _ => return Ok(launch),
    };
    if ok {
        Ok(launch)
    } else {
        Err((
            HiddenReason::WalletNotReady,
            format!("{} needs probes.{probe} to be ready or supported", rail.id),
        ))
    }
}
