//! The analysis of a tally: experiment arms against their control, the
//! sample-ratio check against the policy, and the launch cells that fail in
//! the field, with the policy override that would hide each flagged one.
//! Rendered as text here, as JSON by serde, as HTML in `html`.

use super::state::{Cell, Malformed, Tally};
use super::statistics::{self as stats, ALPHA, SRM_ALPHA};
use crate::io::count;
use paysel_core::policy::CapabilityOverride;
use paysel_core::WireEnum;
use paysel_core::{Host, Launch, Platform, Policy};
use serde::Serialize;
use std::fmt::Write;

/// The default failure-rate threshold of a launch cell: flagged when the
/// lower bound of its 95% interval is above it.
pub const DEFAULT_LAUNCH_THRESHOLD: f64 = 0.20;

/// Everything `paysel analyze` reports (`--json` prints it as is).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Line counts.
    pub events: super::state::Lines,
    /// The first malformed lines (all of them are counted in `events`).
    pub malformed: Vec<Malformed>,
    /// One row per experiment variant, the control first.
    pub experiments: Vec<ArmRow>,
    /// The sample-ratio check of each experiment.
    pub sample_ratio: Vec<SampleRatio>,
    /// One row per host, rail and launch.
    pub launch: Vec<CellRow>,
    /// The threshold the launch cells were flagged against.
    pub launch_threshold: f64,
    /// A policy override for each flagged launch cell.
    pub overrides: Vec<Suggestion>,
    /// Counts that cannot be right (more conversions than exposures, ...).
    pub warnings: Vec<String>,
}

/// One experiment variant. Rates and their bounds are proportions (0 to 1);
/// differences are in percentage points.
#[derive(Debug, Clone, Serialize)]
pub struct ArmRow {
    /// Experiment id.
    pub experiment: String,
    /// Variant id.
    pub variant: String,
    /// Exposure events.
    pub exposures: u64,
    /// `paid` outcome events.
    pub conversions: u64,
    /// Conversions per exposure.
    pub rate: Option<f64>,
    /// 95% Wilson interval of the rate.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// Rate minus the control's rate, in points (null for the control).
    pub diff_pp: Option<f64>,
    /// 95% Newcombe interval of the difference, in points.
    pub diff_ci_low: Option<f64>,
    /// Upper bound.
    pub diff_ci_high: Option<f64>,
    /// Two-sided p-value of the two-proportion z-test against the control.
    pub p_value: Option<f64>,
    /// Exposures per arm to detect one point from the control's rate at
    /// 80% power, two-sided 5%.
    pub needed_per_arm: Option<u64>,
}

/// The sample-ratio check of one experiment.
#[derive(Debug, Clone, Serialize)]
pub struct SampleRatio {
    /// Experiment id.
    pub experiment: String,
    /// Whether the policy has this experiment (no check without weights).
    pub in_policy: bool,
    /// Variants seen in events that the policy does not list.
    pub unknown_variants: Vec<String>,
    /// Pearson's chi-square statistic.
    pub chi_square: Option<f64>,
    /// Its degrees of freedom.
    pub df: Option<u64>,
    /// Its p-value.
    pub p_value: Option<f64>,
    /// p below 0.001: the split does not follow the weights.
    pub mismatch: bool,
}

/// One launch cell: a rail launching one way in one host, all platforms.
#[derive(Debug, Clone, Serialize)]
pub struct CellRow {
    /// Host.
    pub host: Host,
    /// Rail id.
    pub rail: String,
    /// Launch mode.
    pub launch: Launch,
    /// Selection events.
    pub attempts: u64,
    /// `launch_failed` outcome events.
    pub failures: u64,
    /// Failures per attempt.
    pub failure_rate: Option<f64>,
    /// 95% Wilson interval of the failure rate.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// The lower bound is above the threshold.
    pub flagged: bool,
}

/// What to paste into a policy's `capabilities` for a flagged cell.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Host.
    pub host: Host,
    /// Rail id.
    pub rail: String,
    /// The launch that fails.
    pub launch: Launch,
    /// What made the rail launch this way there: the built-in cells'
    /// evidence with their citations, or the policy value that decided.
    /// Empty when this policy and build never launch it so.
    pub evidence: Vec<super::evidence::Evidence>,
    /// The override that hides the rail there.
    pub hide: CapabilityOverride,
    /// In an in-app host, the override that shows an open-in-browser guide
    /// instead.
    pub guide: Option<CapabilityOverride>,
}

impl Report {
    /// Analyses a tally against a policy's experiments.
    pub fn new(tally: &Tally, policy: &Policy, threshold: f64) -> Report {
        let mut warnings = Vec::new();
        let mut experiments = Vec::new();
        let mut sample_ratio = Vec::new();
        for (experiment, arms) in &tally.arms {
            let in_policy = policy.experiments.iter().find(|e| &e.id == experiment);
            let order = variant_order(arms.keys().map(String::as_str), in_policy);
            let control = order.first().and_then(|v| arms.get(*v).map(|a| (*v, *a)));
            let control_rate = control.and_then(|(_, c)| ratio(c.conversions, c.exposures));
            let needed = control_rate.and_then(stats::needed_per_arm);
            for variant in &order {
                let Some(arm) = arms.get(*variant) else {
                    continue;
                };
                if arm.conversions > arm.exposures {
                    warnings.push(format!(
                        "{experiment}/{variant}: {} conversions for {} exposures; is each event logged once?",
                        arm.conversions, arm.exposures
                    ));
                }
                let rate = ratio(arm.conversions, arm.exposures);
                let ci = stats::wilson(arm.conversions, arm.exposures);
                let against = control.filter(|(c, _)| c != variant).map(|(_, c)| c);
                let diff = against.and_then(|c| Some(100.0 * (rate? - ratio(c.conversions, c.exposures)?)));
                let diff_ci = against.and_then(|c| {
                    stats::newcombe(arm.conversions, arm.exposures, c.conversions, c.exposures)
                });
                let p_value = against.and_then(|c| {
                    stats::two_proportion_p(arm.conversions, arm.exposures, c.conversions, c.exposures)
                });
                experiments.push(ArmRow {
                    experiment: experiment.clone(),
                    variant: (*variant).to_owned(),
                    exposures: arm.exposures,
                    conversions: arm.conversions,
                    rate,
                    ci_low: ci.map(|c| c.0),
                    ci_high: ci.map(|c| c.1),
                    diff_pp: diff,
                    diff_ci_low: diff_ci.map(|c| 100.0 * c.0),
                    diff_ci_high: diff_ci.map(|c| 100.0 * c.1),
                    p_value,
                    needed_per_arm: needed,
                });
            }
            sample_ratio.push(srm(experiment, arms, in_policy));
        }
        let (launch, overrides) = launch_cells(tally, policy, threshold, &mut warnings);
        Report {
            events: tally.lines,
            malformed: tally.malformed.clone(),
            experiments,
            sample_ratio,
            launch,
            launch_threshold: threshold,
            overrides,
            warnings,
        }
    }
}

fn ratio(x: u64, n: u64) -> Option<f64> {
    (n > 0 && x <= n).then(|| x as f64 / n as f64)
}

/// The variants in report order: the policy's order when the experiment is
/// in the policy (its first variant is the control), then any others by id;
/// without the policy, `control` first if there is one, then by id.
fn variant_order<'a>(
    seen: impl Iterator<Item = &'a str>,
    in_policy: Option<&'a paysel_core::policy::Experiment>,
) -> Vec<&'a str> {
    let seen: Vec<&str> = seen.collect();
    let mut order: Vec<&str> = match in_policy {
        Some(e) => e.variants.iter().map(|v| v.id.as_str()).collect(),
        None => seen.iter().copied().filter(|v| *v == "control").collect(),
    };
    for v in seen {
        if !order.contains(&v) {
            order.push(v);
        }
    }
    order
}

fn srm(
    experiment: &str,
    arms: &std::collections::BTreeMap<String, super::state::Arm>,
    in_policy: Option<&paysel_core::policy::Experiment>,
) -> SampleRatio {
    let Some(e) = in_policy else {
        return SampleRatio {
            experiment: experiment.to_owned(),
            in_policy: false,
            unknown_variants: Vec::new(),
            chi_square: None,
            df: None,
            p_value: None,
            mismatch: false,
        };
    };
    let unknown: Vec<String> = arms
        .keys()
        .filter(|v| !e.variants.iter().any(|p| &p.id == *v))
        .cloned()
        .collect();
    let observed: Vec<u64> = e
        .variants
        .iter()
        .map(|v| arms.get(&v.id).map_or(0, |a| a.exposures))
        .collect();
    let shares: Vec<f64> = e.variants.iter().map(|v| f64::from(v.weight)).collect();
    let test = stats::chi_square(&observed, &shares);
    SampleRatio {
        experiment: experiment.to_owned(),
        in_policy: true,
        mismatch: test.is_some_and(|(_, _, p)| p < SRM_ALPHA) || !unknown.is_empty(),
        unknown_variants: unknown,
        chi_square: test.map(|t| t.0).filter(|s| s.is_finite()),
        df: test.map(|t| t.1),
        p_value: test.map(|t| t.2),
    }
}

/// Hosts where a page can be reopened in the system browser.
fn in_app(host: Host) -> bool {
    !matches!(host, Host::Browser | Host::Native)
}

fn flagged(cell: Cell, threshold: f64) -> (Option<(f64, f64)>, bool) {
    let ci = stats::wilson(cell.failures, cell.attempts);
    (ci, ci.is_some_and(|(low, _)| low > threshold))
}

/// The launch rows (all platforms of a host together) and an override for
/// each flagged one, limited to the platforms whose own cell is flagged (or
/// to every platform seen, when only the total is).
fn launch_cells(
    tally: &Tally,
    policy: &Policy,
    threshold: f64,
    warnings: &mut Vec<String>,
) -> (Vec<CellRow>, Vec<Suggestion>) {
    let mut rows = Vec::new();
    let mut overrides = Vec::new();
    for (rail, cells) in &tally.cells {
        let mut groups: std::collections::BTreeMap<(Host, Launch), Vec<(Platform, Cell)>> =
            Default::default();
        for (&(host, launch, platform), &cell) in cells {
            groups.entry((host, launch)).or_default().push((platform, cell));
        }
        for ((host, launch), platforms) in groups {
            let total = platforms.iter().fold(Cell::default(), |t, (_, c)| Cell {
                attempts: t.attempts + c.attempts,
                failures: t.failures + c.failures,
            });
            if total.failures > total.attempts {
                warnings.push(format!(
                    "{}/{rail}/{}: {} launch failures for {} selections; is each event logged once?",
                    host.as_str(),
                    launch.as_str(),
                    total.failures,
                    total.attempts
                ));
            }
            let (ci, is_flagged) = flagged(total, threshold);
            rows.push(CellRow {
                host,
                rail: rail.clone(),
                launch,
                attempts: total.attempts,
                failures: total.failures,
                failure_rate: ratio(total.failures, total.attempts),
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                flagged: is_flagged,
            });
            if !is_flagged {
                continue;
            }
            let mut where_: Vec<Platform> = platforms
                .iter()
                .filter(|(_, c)| flagged(*c, threshold).1)
                .map(|(p, _)| *p)
                .collect();
            if where_.is_empty() {
                where_ = platforms.iter().map(|(p, _)| *p).collect();
            }
            let hide = CapabilityOverride {
                host,
                rail: rail.clone(),
                platform: where_.clone(),
                launch: None,
            };
            let guide = (in_app(host) && launch != Launch::OpenInBrowser).then(|| CapabilityOverride {
                launch: Some(Launch::OpenInBrowser),
                ..hide.clone()
            });
            overrides.push(Suggestion {
                host,
                rail: rail.clone(),
                launch,
                evidence: super::evidence::of_launch(policy, host, rail, launch, &where_),
                hide,
                guide,
            });
        }
    }
    (rows, overrides)
}

/// A proportion as a percentage with two decimals.
fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{:.2}%", 100.0 * v))
}

fn pp(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:+.2}"))
}

/// A p-value as people read it, for a table cell.
pub fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "<0.0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}

/// `p = 0.0123` or `p < 0.0001`, for a sentence.
pub fn p_phrase(p: f64) -> String {
    if p < 0.0001 {
        "p < 0.0001".to_owned()
    } else {
        format!("p = {p:.4}")
    }
}

impl Report {
    /// The readable report.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let e = &self.events;
        let _ = writeln!(
            out,
            "{} lines: {} exposures, {} selections, {} outcomes, {} malformed",
            count(e.lines),
            count(e.exposures),
            count(e.selections),
            count(e.outcomes),
            count(e.malformed)
        );
        for m in &self.malformed {
            let _ = writeln!(out, "  malformed {}:{}: {}", m.source, m.line, m.error);
        }
        if e.malformed > self.malformed.len() as u64 {
            let _ = writeln!(
                out,
                "  ... and {} more malformed lines",
                count(e.malformed - self.malformed.len() as u64)
            );
        }
        for w in &self.warnings {
            let _ = writeln!(out, "warning: {w}");
        }
        self.experiments_text(&mut out);
        self.launch_text(&mut out);
        // Columns are padded; lines are not.
        out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
    }

    fn experiments_text(&self, out: &mut String) {
        if self.experiments.is_empty() {
            let _ = writeln!(out, "\nNo experiment exposures.");
        }
        for srm in &self.sample_ratio {
            let rows: Vec<&ArmRow> = self
                .experiments
                .iter()
                .filter(|r| r.experiment == srm.experiment)
                .collect();
            let _ = writeln!(out, "\nExperiment {}", srm.experiment);
            let _ = writeln!(
                out,
                "  {:<16} {:>11} {:>11} {:>8}  {:<19} {:>9}  {:<17} {:>8}",
                "variant", "exposures", "conversions", "rate", "95% CI", "diff pp", "95% CI (pp)", "p-value"
            );
            for r in &rows {
                let verdict = match r.p_value {
                    Some(p) if p < ALPHA => "significant",
                    Some(_) => "not significant",
                    None if r.diff_pp.is_some() => "no test (no variance)",
                    None => "control",
                };
                let ci = format!("[{}, {}]", pct(r.ci_low), pct(r.ci_high));
                let diff_ci = if r.diff_pp.is_some() {
                    format!("[{}, {}]", pp(r.diff_ci_low), pp(r.diff_ci_high))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "  {:<16} {:>11} {:>11} {:>8}  {:<19} {:>9}  {:<17} {:>8}  {verdict}",
                    r.variant,
                    count(r.exposures),
                    count(r.conversions),
                    pct(r.rate),
                    ci,
                    if r.diff_pp.is_some() {
                        pp(r.diff_pp)
                    } else {
                        String::new()
                    },
                    diff_ci,
                    r.p_value.map(p_text).unwrap_or_default(),
                );
            }
            for r in rows.iter().filter(|r| r.diff_pp.is_some()) {
                let line = match r.p_value {
                    Some(p) if p < ALPHA => format!(
                        "{} vs control: a difference of {} points (95% CI {} to {}), {}: significant at 5%.",
                        r.variant,
                        pp(r.diff_pp),
                        pp(r.diff_ci_low),
                        pp(r.diff_ci_high),
                        p_phrase(p)
                    ),
                    Some(p) => format!(
                        "{} vs control: not significant ({}): these events show no difference between {} and the control; the true difference may be anywhere from {} to {} points.",
                        r.variant,
                        p_phrase(p),
                        r.variant,
                        pp(r.diff_ci_low),
                        pp(r.diff_ci_high)
                    ),
                    None => format!("{} vs control: no test (neither arm varies).", r.variant),
                };
                let _ = writeln!(out, "  {line}");
            }
            if let Some(n) = rows.first().and_then(|r| r.needed_per_arm) {
                let have = rows.iter().map(|r| r.exposures).min().unwrap_or(0);
                let _ = writeln!(
                    out,
                    "  To detect 1 point from the control's rate (80% power, two-sided 5%): {} exposures per arm; the smallest arm has {}.",
                    count(n),
                    count(have)
                );
            }
            let _ = writeln!(out, "  {}", srm_text(srm));
        }
    }

    fn launch_text(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nLaunch cells (failure rate = launch_failed outcomes / selections; flagged when the 95% lower bound is above {:.0}%)",
            100.0 * self.launch_threshold
        );
        if self.launch.is_empty() {
            let _ = writeln!(out, "  No selections.");
            return;
        }
        let _ = writeln!(
            out,
            "  {:<20} {:<12} {:<16} {:>10} {:>10} {:>8}  {:<19}",
            "host", "rail", "launch", "attempts", "failures", "rate", "95% CI"
        );
        for c in &self.launch {
            let _ = writeln!(
                out,
                "  {:<20} {:<12} {:<16} {:>10} {:>10} {:>8}  {:<19} {}",
                c.host.as_str(),
                c.rail,
                c.launch.as_str(),
                count(c.attempts),
                count(c.failures),
                pct(c.failure_rate),
                format!("[{}, {}]", pct(c.ci_low), pct(c.ci_high)),
                if c.flagged { "FLAGGED" } else { "" }
            );
        }
        for s in &self.overrides {
            let _ = writeln!(
                out,
                "\n  {} as {} in {} fails in the field.",
                s.rail,
                s.launch.as_str(),
                s.host.as_str()
            );
            if s.evidence.is_empty() {
                let _ = writeln!(
                    out,
                    "  This policy and build never launch it so there: the events come from another one."
                );
            }
            for e in &s.evidence {
                let _ = writeln!(
                    out,
                    "  It launches so on this evidence: {}",
                    super::evidence::text(e)
                );
            }
            let _ = writeln!(
                out,
                "  To route around it, hide it there: add to the policy's \"capabilities\":"
            );
            let _ = writeln!(out, "    {}", serde_json::to_string(&s.hide).unwrap_or_default());
            if let Some(g) = &s.guide {
                let _ = writeln!(
                    out,
                    "  or, to show a guide to open the page in the browser instead:"
                );
                let _ = writeln!(out, "    {}", serde_json::to_string(g).unwrap_or_default());
            }
        }
    }
}

fn srm_text(s: &SampleRatio) -> String {
    if !s.in_policy {
        return "Sample ratio: not checked, this experiment is not in the policy (pass --policy with the policy that ran it).".to_owned();
    }
    let mut text = match (s.chi_square, s.df, s.p_value) {
        (_, Some(df), Some(p)) if s.mismatch => format!(
            "WARNING: sample-ratio mismatch (chi-square {}, df {df}, {}): the split does not follow the policy's weights, so the comparison is not trustworthy.",
            s.chi_square.map_or("infinite".to_owned(), |c| format!("{c:.2}")),
            p_phrase(p)
        ),
        (Some(c), Some(df), Some(p)) => format!(
            "Sample ratio: chi-square {c:.2}, df {df}, {}: the split follows the policy's weights.",
            p_phrase(p)
        ),
        _ => "Sample ratio: not enough variants with weight to test.".to_owned(),
    };
    if !s.unknown_variants.is_empty() {
        let _ = write!(
            text,
            " WARNING: variants not in the policy: {}.",
            s.unknown_variants.join(", ")
        );
    }
    text
}
