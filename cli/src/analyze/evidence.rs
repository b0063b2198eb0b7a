//! What made a flagged launch cell launch the way it did: the evidence the
//! engine itself gives (`explain`) for the rail launching that way in that
//! host and platform, with the citation of each built-in source. A field
//! failure against an `assumed` cell is the field data the table waits for;
//! against a `documented` one it is news.

use crate::sweep::space::sweep_engine;
use paysel_core::capability::source;
use paysel_core::{
    Availability, BrowserFamily, CheckoutContext, DecideOptions, EvidenceLevel, FormFactor, Host,
    InstalledWallets, Launch, Platform, Policy, Probes, Readiness, WireEnum,
};
use serde::Serialize;

/// One piece of evidence behind a launch, and where it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// `documented`, `reported` or `assumed` for the built-in table;
    /// `policy` when the policy itself decided.
    pub level: EvidenceLevel,
    /// A key of the sources table (`paysel capabilities` prints them), or
    /// the JSON path of the policy value that decided.
    pub source: String,
    /// The source's strength label, e.g. `[DOC]`; absent for the policy.
    pub strength: Option<&'static str>,
    /// What the source says; absent for the policy.
    pub citation: Option<&'static str>,
    /// The flagged platforms where it decided.
    pub platforms: Vec<Platform>,
}

/// The evidence for `rail` launching as `launch` in `host` on each of
/// `platforms`, as the engine gives it for `policy` (rollouts counted as
/// including the shopper), in the order found. Empty when no context of
/// that host and platform launches the rail that way under this policy
/// and build (the events came from another one).
pub fn of_launch(
    policy: &Policy,
    host: Host,
    rail: &str,
    launch: Launch,
    platforms: &[Platform],
) -> Vec<Evidence> {
    // Every rail the policy can show, shown: no display limit, rollouts
    // counted as including the shopper.
    let mut policy = policy.clone();
    policy.max_shown = None;
    let Ok(engine) = sweep_engine(&policy) else {
        return Vec::new();
    };
    let mut found: Vec<Evidence> = Vec::new();
    for &platform in platforms {
        for ctx in contexts(host, platform) {
            let Ok(d) = engine.decide(&ctx, DecideOptions { explain: true }) else {
                continue;
            };
            let shown = d.shown.iter().find(|s| s.rail == rail && s.launch == launch);
            let Some(e) = shown.and_then(|s| s.evidence.clone()) else {
                continue;
            };
            match found
                .iter_mut()
                .find(|f| f.level == e.level && f.source == e.source)
            {
                Some(f) if !f.platforms.contains(&platform) => f.platforms.push(platform),
                Some(_) => {}
                None => {
                    let cited = (e.level != EvidenceLevel::Policy)
                        .then(|| source(&e.source))
                        .flatten();
                    found.push(Evidence {
                        level: e.level,
                        strength: cited.map(|s| s.strength.label()),
                        citation: cited.map(|s| s.citation),
                        source: e.source,
                        platforms: vec![platform],
                    });
                }
            }
        }
    }
    found
}

/// The situations a launch in `host` on `platform` can come from: every
/// form factor and browser family, with the wallet apps unknown, all
/// installed or none, and every device wallet ready.
fn contexts(host: Host, platform: Platform) -> impl Iterator<Item = CheckoutContext> {
    let browsers = std::iter::once(None).chain(BrowserFamily::ALL.iter().copied().map(Some));
    let wallets = [
        Availability::Unknown,
        Availability::Installed,
        Availability::NotInstalled,
    ];
    FormFactor::ALL.iter().flat_map(move |&form_factor| {
        browsers.clone().flat_map(move |browser| {
            wallets.into_iter().map(move |a| CheckoutContext {
                host: Some(host),
                platform: Some(platform),
                form_factor: Some(form_factor),
                browser,
                installed_wallets: InstalledWallets {
                    wechat: a,
                    alipay: a,
                    unionpay: a,
                    taobao: a,
                    paypal: a,
                },
                probes: Probes {
                    apple_pay: Readiness::Ready,
                    google_pay: Readiness::Ready,
                    payment_request: Readiness::Ready,
                },
                ..CheckoutContext::default()
            })
        })
    })
}

/// The evidence in a sentence for the text report, e.g. `assumed
/// (assume-wap-in-apps [NONE FOUND], android): No source tests ...`.
pub fn text(e: &Evidence) -> String {
    let platforms: Vec<&str> = e.platforms.iter().map(|p| p.as_str()).collect();
    match (e.strength, e.citation) {
        (Some(strength), Some(citation)) => format!(
            "{} ({} {strength}, {}): {citation}",
            e.level.as_str(),
            e.source,
            platforms.join(", ")
        ),
        _ => format!(
            "{}: the policy's `{}` decides it ({})",
            e.level.as_str(),
            e.source,
            platforms.join(", ")
        ),
    }
}
