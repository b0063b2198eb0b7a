//! Event files for `paysel analyze`, made by the real core: every exposure
//! comes from `Engine::decide` (so variants come from the core's bucketing)
//! and every selection and outcome from `paysel_core::selection` /
//! `outcome`, written with `to_json_line`. Randomness is a seeded ChaCha
//! generator, so every run writes the same files.
//!
//! Used by `tests/analyze_findings.rs` (the fixtures) and by the example
//! `analyze_events` (the benchmark's 10 million events for `cargo xtask
//! bench`).

use paysel_core::{
    CheckoutContext, DecideOptions, Decision, Engine, Host, OutcomeResult, Platform, ToJsonLine,
};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::io::{BufWriter, Write};
use std::path::Path;

/// The fixture policy (`tests/analyze/policy.json`), through the core like
/// every policy.
pub fn fixture_engine() -> Result<Engine, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/analyze/policy.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Engine::from_policy_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The experiment whose arms the fixtures control.
pub const EXPERIMENT: &str = "card_first";

/// Where the fixtures' checkouts run.
const ENVIRONMENTS: [(Host, Platform); 4] = [
    (Host::Browser, Platform::Android),
    (Host::Wechat, Platform::Ios),
    (Host::Douyin, Platform::Android),
    (Host::Browser, Platform::Ios),
];

fn context(i: u64, host: Host, platform: Platform, seed: u64) -> CheckoutContext {
    CheckoutContext {
        host: Some(host),
        platform: Some(platform),
        currency: Some("CNY".to_owned()),
        subject_id: Some(format!("shopper-{seed}-{i}")),
        checkout_id: Some(format!("co-{seed}-{i}")),
        ..CheckoutContext::default()
    }
}

fn decide(engine: &Engine, ctx: &CheckoutContext) -> Result<Decision, String> {
    engine
        .decide(ctx, DecideOptions::default())
        .map_err(|e| format!("fixture decide: {e}"))
}

fn variant(d: &Decision) -> &str {
    d.experiments
        .iter()
        .find(|a| a.experiment == EXPERIMENT)
        .map_or("", |a| a.variant.as_str())
}

/// Lines of one file.
struct Out(BufWriter<std::fs::File>);

impl Out {
    fn create(path: &Path) -> Result<Out, String> {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Out(BufWriter::with_capacity(1 << 20, file)))
    }

    fn line(&mut self, text: &str) -> Result<(), String> {
        self.0
            .write_all(text.as_bytes())
            .and_then(|()| self.0.write_all(b"\n"))
            .map_err(|e| e.to_string())
    }

    /// The shopper picks the first shown rail and the attempt ends so.
    fn attempt(&mut self, d: &Decision, result: Option<OutcomeResult>) -> Result<(), String> {
        let Some(rail) = d.shown.first().map(|s| s.rail.as_str()) else {
            return Ok(());
        };
        self.attempt_with(d, rail, result)
    }

    fn attempt_with(
        &mut self,
        d: &Decision,
        rail: &str,
        result: Option<OutcomeResult>,
    ) -> Result<(), String> {
        let err = |e: paysel_core::Error| format!("fixture event: {e}");
        self.line(&paysel_core::selection(d, rail).map_err(err)?.to_json_line())?;
        if let Some(result) = result {
            self.line(&paysel_core::outcome(d, rail, result).map_err(err)?.to_json_line())?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), String> {
        self.0.flush().map_err(|e| e.to_string())
    }
}

/// An A/B test of `checkouts` checkouts: the `card_first` arm converts with
/// `p_treatment`, every other with `p_control`; `drop_treatment` of the
/// treatment's exposures are not logged (a sample-ratio mismatch).
pub fn experiment(
    path: &Path,
    engine: &Engine,
    checkouts: u64,
    seed: u64,
    (p_control, p_treatment): (f64, f64),
    drop_treatment: f64,
) -> Result<(), String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Out::create(path)?;
    for i in 0..checkouts {
        let (host, platform) = ENVIRONMENTS[(i % ENVIRONMENTS.len() as u64) as usize];
        let d = decide(engine, &context(i, host, platform, seed))?;
        let treated = variant(&d) == "card_first";
        if !(treated && rng.random::<f64>() < drop_treatment) {
            out.line(&d.exposure.to_json_line())?;
        }
        let p = if treated { p_treatment } else { p_control };
        if rng.random::<f64>() < p {
            out.attempt(&d, Some(OutcomeResult::Paid))?;
        } else if rng.random::<f64>() < 0.5 {
            out.attempt(&d, Some(OutcomeResult::Cancelled))?;
        }
    }
    out.finish()
}

/// Exactly `(variant, exposures, conversions)` in the `card_first` arms.
pub fn exact(path: &Path, engine: &Engine, arms: &[(&str, u64, u64)], seed: u64) -> Result<(), String> {
    let mut left: Vec<(String, u64, u64)> = arms.iter().map(|(v, n, k)| ((*v).to_owned(), *n, *k)).collect();
    let mut out = Out::create(path)?;
    let mut i = 0;
    while left.iter().any(|(_, n, _)| *n > 0) {
        i += 1;
        if i > 1_000_000 {
            return Err("fixture: the arms never filled".into());
        }
        let d = decide(engine, &context(i, Host::Browser, Platform::Android, seed))?;
        let Some(arm) = left.iter_mut().find(|(v, n, _)| v == variant(&d) && *n > 0) else {
            continue;
        };
        arm.1 -= 1;
        out.line(&d.exposure.to_json_line())?;
        if arm.2 > 0 {
            arm.2 -= 1;
            out.attempt(&d, Some(OutcomeResult::Paid))?;
        } else {
            out.attempt(&d, Some(OutcomeResult::Failed))?;
        }
    }
    out.finish()
}

/// Launch cells: `(host, platform, rail, attempts, launch failures)`.
pub const LAUNCH_CELLS: [(Host, Platform, &str, u64, u64); 6] = [
    // The planted failure: Alipay's H5 cashier inside Douyin on Android.
    (Host::Douyin, Platform::Android, "alipay", 400, 280),
    // The same cell works on iOS, so the override names Android only.
    (Host::Douyin, Platform::Ios, "alipay", 100, 5),
    (Host::Wechat, Platform::Ios, "wechat_pay", 300, 3),
    (Host::Browser, Platform::Android, "alipay", 250, 8),
    (Host::Browser, Platform::Android, "card", 200, 1),
    // Too few attempts to flag, however bad they look.
    (Host::Kuaishou, Platform::Android, "alipay", 2, 1),
];

/// The launch fixture: every cell of LAUNCH_CELLS, attempts after their
/// exposures, the failures first.
pub fn launch(path: &Path, engine: &Engine) -> Result<(), String> {
    let mut out = Out::create(path)?;
    let mut i = 0;
    for (host, platform, rail, attempts, failures) in LAUNCH_CELLS {
        for a in 0..attempts {
            i += 1;
            let d = decide(engine, &context(i, host, platform, 7))?;
            out.line(&d.exposure.to_json_line())?;
            let result = if a < failures {
                OutcomeResult::LaunchFailed
            } else {
                OutcomeResult::Paid
            };
            out.attempt_with(&d, rail, Some(result))?;
        }
    }
    out.finish()
}

/// The malformed lines planted by `malformed`: line number and what the
/// report must say about it.
pub const MALFORMED: [(u64, &str); 6] = [
    (5, "key must be a string"),
    (17, "unknown variant `refund`"),
    (250, "a selection event needs `rail`"),
    (400, "over the limit"),
    (401, "empty line"),
    (603, "EOF"),
];

/// Valid events with the MALFORMED lines among them; the last line is cut
/// short and has no newline.
pub fn malformed(path: &Path, engine: &Engine) -> Result<(), String> {
    let scratch = path.with_extension("valid");
    experiment(&scratch, engine, 400, 11, (0.2, 0.2), 0.0)?;
    let valid = std::fs::read_to_string(&scratch).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&scratch);
    let mut valid = valid.lines();
    let mut text = String::new();
    for line in 1..=603u64 {
        let planted = match line {
            5 => "{\"type\": \"exposure\", oops".to_owned(),
            17 => valid
                .find(|l| l.starts_with("{\"type\":\"exposure\""))
                .unwrap_or_default()
                .replacen("\"exposure\"", "\"refund\"", 1),
            250 => {
                let sel = valid.find(|l| l.contains("\"selection\"")).unwrap_or_default();
                sel.replacen("\"rail\":", "\"rail_id\":", 1)
            }
            400 => format!("{{\"type\":\"exposure\",\"pad\":\"{}\"}}", "x".repeat(70_000)),
            401 => String::new(),
            603 => {
                let l = valid.next().unwrap_or_default();
                l.get(..l.len() / 2).unwrap_or_default().to_owned()
            }
            _ => valid.next().unwrap_or_default().to_owned(),
        };
        text.push_str(&planted);
        if line < 603 {
            text.push('\n');
        }
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// About `events` events for the benchmark, at the speed of a copy: the
/// lines of a few hundred real decisions, with fresh checkout ids.
pub fn bench(path: &Path, engine: &Engine, events: u64) -> Result<u64, String> {
    const ID: &str = "co-0000000000";
    let mut templates = Vec::new();
    for i in 0..256u64 {
        let (host, platform) = ENVIRONMENTS[(i % ENVIRONMENTS.len() as u64) as usize];
        let mut ctx = context(i, host, platform, 3);
        ctx.checkout_id = Some(ID.to_owned());
        let d = decide(engine, &ctx)?;
        let Some(rail) = d.shown.first().map(|s| s.rail.clone()) else {
            continue;
        };
        let err = |e: paysel_core::Error| e.to_string();
        let outcome = |r| paysel_core::outcome(&d, &rail, r).map(|o| o.to_json_line());
        templates.push([
            d.exposure.to_json_line(),
            paysel_core::selection(&d, &rail).map_err(err)?.to_json_line(),
            outcome(OutcomeResult::Paid).map_err(err)?,
            outcome(OutcomeResult::LaunchFailed).map_err(err)?,
            outcome(OutcomeResult::Cancelled).map_err(err)?,
        ]);
    }
    let mut rng = StdRng::seed_from_u64(99);
    let mut out = Out::create(path)?;
    let mut written = 0;
    let mut checkout = 0u64;
    let mut line = Vec::new();
    while written < events {
        checkout += 1;
        let t = &templates[rng.random_range(0..templates.len())];
        let draw: f64 = rng.random();
        let picks: &[usize] = match draw {
            d if d < 0.40 => &[0],
            d if d < 0.70 => &[0, 1, 2],
            d if d < 0.75 => &[0, 1, 3],
            d if d < 0.85 => &[0, 1, 4],
            _ => &[0, 1],
        };
        let id = format!("co-{:010}", checkout % 10_000_000_000);
        for &k in picks {
            line.clear();
            line.extend_from_slice(t[k].replace(ID, &id).as_bytes());
            line.push(b'\n');
            out.0.write_all(&line).map_err(|e| e.to_string())?;
            written += 1;
        }
    }
    out.finish()?;
    Ok(written)
}
