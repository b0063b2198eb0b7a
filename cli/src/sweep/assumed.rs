//! How much of what a policy does rests on assumptions: the share of
//! decisions in which some rail is shown, launched, escaped or hidden on an
//! `assumed` cell of the capability table (a source key that says what
//! nobody has checked), weighted by the population when there is one.

use crate::io::pct;
use paysel_core::{Decision, Evidence, EvidenceLevel};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Source keys listed in the text report; `--json` lists them all.
const LISTED: usize = 5;

/// The weight of decisions, and of those resting on each assumed source.
#[derive(Default)]
pub struct Assumed {
    total: f64,
    assumed: f64,
    /// Of `assumed`, decisions where a shown rail launches or escapes on
    /// an assumed cell (the rest only hide a rail on one).
    shown: f64,
    by_source: BTreeMap<String, f64>,
}

fn shown(d: &Decision) -> impl Iterator<Item = &Evidence> {
    d.shown
        .iter()
        .flat_map(|s| [s.evidence.as_ref(), s.escape_evidence.as_ref()])
        .flatten()
}

/// The distinct source keys of the `assumed` evidence in a decision made
/// with explain, shown rails first.
pub fn sources(d: &Decision) -> Vec<&str> {
    let hidden = d.hidden.iter().filter_map(|h| h.evidence.as_ref());
    let mut keys: Vec<&str> = Vec::new();
    for e in shown(d).chain(hidden) {
        if e.level == EvidenceLevel::Assumed && !keys.contains(&e.source.as_str()) {
            keys.push(&e.source);
        }
    }
    keys
}

impl Assumed {
    /// Counts one decision, made with explain, with its weight.
    pub fn add(&mut self, d: &Decision, weight: f64) {
        self.total += weight;
        let keys = sources(d);
        if !keys.is_empty() {
            self.assumed += weight;
        }
        if shown(d).any(|e| e.level == EvidenceLevel::Assumed) {
            self.shown += weight;
        }
        for key in keys {
            *self.by_source.entry(key.to_owned()).or_default() += weight;
        }
    }

    /// Sources by weight, heaviest first, then by key.
    fn sorted(&self) -> Vec<(&String, f64)> {
        let mut rows: Vec<(&String, f64)> = self.by_source.iter().map(|(k, v)| (k, *v)).collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        rows
    }

    /// The share of the weight that rests on an assumption, 0 to 1.
    pub fn share(&self) -> f64 {
        if self.total > 0.0 {
            self.assumed / self.total
        } else {
            0.0
        }
    }

    /// `{weight, share, shown_weight, shown_share, sources: [{source,
    /// weight, share}]}`; a weight is a number of contexts when nothing is
    /// weighted.
    pub fn json(&self) -> Value {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let sources: Vec<Value> = self
            .sorted()
            .into_iter()
            .map(|(k, w)| json!({ "source": k, "weight": w, "share": round(w / self.total) }))
            .collect();
        let shown_share = if self.total > 0.0 {
            self.shown / self.total
        } else {
            0.0
        };
        json!({ "weight": self.assumed, "share": round(self.share()), "shown_weight": self.shown,
                "shown_share": round(shown_share), "sources": sources })
    }

    /// One line with the share, then the heaviest sources, indented.
    pub fn text(&self, weighted: bool) -> String {
        let amount = if weighted {
            format!("weight {}", self.assumed)
        } else {
            format!("{} contexts", crate::io::count(self.assumed as u64))
        };
        let mut out = format!(
            "resting on an assumed capability cell: {} ({amount}); {} through a shown rail's launch, the rest through a hidden rail\n",
            pct(self.assumed, self.total),
            pct(self.shown, self.total),
        );
        let rows = self.sorted();
        for (key, w) in rows.iter().take(LISTED) {
            out.push_str(&format!("    {:<32} {:>6}\n", key, pct(*w, self.total)));
        }
        if rows.len() > LISTED {
            out.push_str(&format!(
                "    ... and {} more sources (paysel capabilities --level assumed lists them)\n",
                rows.len() - LISTED
            ));
        }
        out
    }
}
