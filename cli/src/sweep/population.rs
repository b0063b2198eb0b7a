//! `paysel simulate --population FILE`: the weighted share of each first
//! rail, per host and per experiment variant, over real or expected traffic.
//!
//! The file is JSONL: one `{"weight": W, "context": {...}}` per line, `W` a
//! number of at least 0. Blank lines are skipped; any other bad line stops
//! the run with its line number.

use super::assumed::Assumed;
use crate::io::pct;
use crate::io::{pretty, read};
use paysel_core::WireEnum;
use paysel_core::{CheckoutContext, Engine, Host};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Weight per first rail (`None`: no rail shown), and the group's total.
#[derive(Default)]
struct Shares {
    total: f64,
    first: BTreeMap<Option<String>, f64>,
}

impl Shares {
    fn add(&mut self, rail: Option<&String>, weight: f64) {
        self.total += weight;
        *self.first.entry(rail.cloned()).or_default() += weight;
    }

    /// Rails by weight, heaviest first, then by id.
    fn sorted(&self) -> Vec<(&Option<String>, f64)> {
        let mut rows: Vec<(&Option<String>, f64)> = self.first.iter().map(|(k, v)| (k, *v)).collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        rows
    }

    fn rows(&self) -> Vec<Value> {
        self.sorted()
            .into_iter()
            .map(|(rail, w)| json!({ "rail": rail, "weight": w, "share": round(w / self.total) }))
            .collect()
    }

    fn text(&self, title: &str, whole: f64) -> String {
        let mut out = format!("  {title}: weight {} ({})\n", self.total, pct(self.total, whole));
        for (rail, w) in self.sorted() {
            let rail = rail.as_deref().unwrap_or("(no rail)");
            out.push_str(&format!("    {rail:<14} {:>7}\n", pct(w, self.total)));
        }
        out
    }
}

fn round(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}

/// Reads one line: its weight and its context. The context's own text goes
/// to the core unchanged, so limits and duplicate keys are judged exactly as
/// `paysel decide --context` judges them.
fn parse_line(line: &str) -> Result<(f64, CheckoutContext), String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Line<'a> {
        weight: f64,
        #[serde(borrow)]
        context: &'a serde_json::value::RawValue,
    }
    if line.len() > 2 * paysel_core::limits::MAX_CONTEXT_BYTES {
        return Err(format!(
            "line of {} bytes is longer than any valid context line",
            line.len()
        ));
    }
    if !line.trim_start().starts_with('{') {
        return Err("expected an object {\"weight\": W, \"context\": {...}}".to_owned());
    }
    let parsed: Line<'_> = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let weight = parsed.weight;
    if !(weight.is_finite() && weight >= 0.0) {
        return Err("`weight` must be a number of at least 0".to_owned());
    }
    let ctx = parsed.context.get();
    let ctx = paysel_core::parse_context(ctx).map_err(|e| {
        let path = if e.path().is_empty() {
            "context".to_owned()
        } else {
            format!("context.{}", e.path())
        };
        let text = e.to_string();
        let detail = text
            .split_once(&format!("`{}`: ", e.path()))
            .map_or(text.as_str(), |(_, d)| d);
        format!("[{}] at `{path}`: {detail}", e.code())
    })?;
    Ok((weight, ctx))
}

/// The report for one population file.
pub fn run(engine: &Engine, file: &Path, as_json: bool) -> Result<String, String> {
    let text = read(file)?;
    let policy = engine.policy();
    let mut total = Shares::default();
    let mut hosts: BTreeMap<Host, Shares> = BTreeMap::new();
    // Per experiment (policy order), per variant id (`None`: not enrolled).
    let mut variants: Vec<BTreeMap<Option<String>, Shares>> =
        policy.experiments.iter().map(|_| BTreeMap::new()).collect();
    let mut lines = 0u64;
    let mut assumed = Assumed::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |e: String| format!("{}:{}: {e}", file.display(), n + 1);
        let (weight, ctx) = parse_line(line).map_err(at)?;
        let d = engine
            .decide(&ctx, paysel_core::DecideOptions { explain: true })
            .map_err(|e| at(format!("[{}] {e}", e.code())))?;
        lines += 1;
        assumed.add(&d, weight);
        let first = d.shown.first().map(|s| &s.rail);
        total.add(first, weight);
        hosts.entry(d.environment.host).or_default().add(first, weight);
        for (exp, groups) in policy.experiments.iter().zip(variants.iter_mut()) {
            let variant = d
                .experiments
                .iter()
                .find(|a| a.experiment == exp.id)
                .map(|a| a.variant.clone());
            groups.entry(variant).or_default().add(first, weight);
        }
    }
    let experiments = policy.experiments.iter().zip(&variants);
    if as_json {
        let by_host: Vec<Value> = hosts
            .iter()
            .map(|(h, s)| json!({ "host": h, "share": round(s.total / total.total), "weight": s.total, "first": s.rows() }))
            .collect();
        let by_variant: Vec<Value> = experiments
            .flat_map(|(exp, groups)| {
                groups.iter().map(move |(v, s)| {
                    json!({ "experiment": exp.id, "variant": v, "weight": s.total, "first": s.rows() })
                })
            })
            .collect();
        let report = json!({ "contexts": lines, "total_weight": total.total, "first": total.rows(),
                             "assumed": assumed.json(), "by_host": by_host, "by_variant": by_variant });
        return pretty(&report);
    }
    let mut out = format!(
        "{lines} contexts, total weight {}\n\nfirst rail overall\n",
        total.total
    );
    out.push_str(&total.text("all", total.total));
    out.push_str(&format!("\ndecisions {}", assumed.text(true)));
    out.push_str("\nfirst rail by host\n");
    for (h, s) in &hosts {
        out.push_str(&s.text(h.as_str(), total.total));
    }
    for (exp, groups) in experiments {
        out.push_str(&format!("\nfirst rail by variant of {}\n", exp.id));
        for (v, s) in groups {
            out.push_str(&s.text(v.as_deref().unwrap_or("(not enrolled)"), total.total));
        }
    }
    Ok(out)
}
