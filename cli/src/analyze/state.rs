//! The cohorts and their sufficient statistics: counts per experiment arm
//! and per launch cell, which is all the statistics need. Memory grows with
//! the number of cohorts, never with the number of events, and two tallies
//! merge by adding counts, so shards can be reduced anywhere
//! (`--state-out`, `--state`).

use paysel_core::event::{EventKind, EventView};
use paysel_core::{Host, Launch, OutcomeResult, Platform};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The `format` of a state file.
pub const STATE_FORMAT: &str = "paysel.analyze-state/1";

/// Malformed lines listed by line number; the rest are counted.
pub const LISTED_MALFORMED: usize = 100;

/// Counts of one experiment variant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Arm {
    /// Exposure events assigned to this variant.
    pub exposures: u64,
    /// `paid` outcome events assigned to this variant.
    pub conversions: u64,
}

/// Counts of one launch cell on one platform.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// Selection events.
    pub attempts: u64,
    /// `launch_failed` outcome events.
    pub failures: u64,
}

/// Where a launch cell is, below its rail.
pub type CellKey = (Host, Launch, Platform);

/// A line that is not an event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Malformed {
    /// The file (or `-` for standard input).
    pub source: String,
    /// Its line number, from 1.
    pub line: u64,
    /// What is wrong with it.
    pub error: String,
}

/// How many lines of each kind were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    /// Every line read.
    pub lines: u64,
    /// Exposure events.
    pub exposures: u64,
    /// Selection events.
    pub selections: u64,
    /// Outcome events.
    pub outcomes: u64,
    /// Lines that are not events (including those over the size limit).
    pub malformed: u64,
}

/// The sufficient statistics of any number of event lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Line counts.
    pub lines: Lines,
    /// Experiment id, then variant id.
    pub arms: BTreeMap<String, BTreeMap<String, Arm>>,
    /// Rail id, then host, launch and platform.
    pub cells: BTreeMap<String, BTreeMap<CellKey, Cell>>,
    /// The first malformed lines, by source and line.
    pub malformed: Vec<Malformed>,
}

impl Tally {
    /// Counts one event.
    pub fn add(&mut self, event: &EventView<'_>) {
        self.lines.lines += 1;
        let conversion = event.result == Some(OutcomeResult::Paid);
        match event.kind {
            EventKind::Exposure => self.lines.exposures += 1,
            EventKind::Selection => self.lines.selections += 1,
            EventKind::Outcome => self.lines.outcomes += 1,
        }
        if event.kind == EventKind::Exposure || conversion {
            for a in &event.experiments {
                let Some(arm) = slot(&mut self.arms, &a.experiment).and_then(|v| slot(v, &a.variant)) else {
                    continue;
                };
                if conversion {
                    arm.conversions += 1;
                } else {
                    arm.exposures += 1;
                }
            }
        }
        let failure = event.result == Some(OutcomeResult::LaunchFailed);
        if event.kind == EventKind::Selection || failure {
            let cells = event.rail.as_deref().and_then(|rail| slot(&mut self.cells, rail));
            if let (Some(cells), Some(launch)) = (cells, event.launch) {
                let env = event.environment;
                let cell = cells.entry((env.host, launch, env.platform)).or_default();
                if failure {
                    cell.failures += 1;
                } else {
                    cell.attempts += 1;
                }
            }
        }
    }

    /// Counts a line that is not an event.
    pub fn add_malformed(&mut self, source: &str, line: u64, error: String) {
        self.lines.lines += 1;
        self.lines.malformed += 1;
        self.malformed.push(Malformed {
            source: source.to_owned(),
            line,
            error,
        });
        // Keep the list short: the first LISTED_MALFORMED of this tally are
        // always among the kept ones, whatever order lines arrive in.
        if self.malformed.len() >= 2 * LISTED_MALFORMED {
            self.trim();
        }
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: Tally) {
        let (a, b) = (&mut self.lines, other.lines);
        a.lines += b.lines;
        a.exposures += b.exposures;
        a.selections += b.selections;
        a.outcomes += b.outcomes;
        a.malformed += b.malformed;
        for (experiment, variants) in other.arms {
            let mine = self.arms.entry(experiment).or_default();
            for (variant, arm) in variants {
                let m = mine.entry(variant).or_default();
                m.exposures += arm.exposures;
                m.conversions += arm.conversions;
            }
        }
        for (rail, cells) in other.cells {
            let mine = self.cells.entry(rail).or_default();
            for (key, cell) in cells {
                let m = mine.entry(key).or_default();
                m.attempts += cell.attempts;
                m.failures += cell.failures;
            }
        }
        self.malformed.extend(other.malformed);
        self.trim();
    }

    /// Sorts the malformed lines and keeps the first LISTED_MALFORMED.
    pub fn trim(&mut self) {
        self.malformed.sort();
        self.malformed.truncate(LISTED_MALFORMED);
    }

    /// The state file: every count, in a stable order.
    pub fn to_state(&self) -> State {
        State {
            format: STATE_FORMAT.to_owned(),
            lines: self.lines,
            experiments: self
                .arms
                .iter()
                .flat_map(|(experiment, variants)| {
                    variants.iter().map(|(variant, arm)| StateArm {
                        experiment: experiment.clone(),
                        variant: variant.clone(),
                        exposures: arm.exposures,
                        conversions: arm.conversions,
                    })
                })
                .collect(),
            launch: self
                .cells
                .iter()
                .flat_map(|(rail, cells)| {
                    cells.iter().map(|(&(host, launch, platform), cell)| StateCell {
                        host,
                        rail: rail.clone(),
                        launch,
                        platform,
                        attempts: cell.attempts,
                        failures: cell.failures,
                    })
                })
                .collect(),
            malformed: self.malformed.clone(),
        }
    }

    /// A tally from a state file.
    pub fn from_state(state: State) -> Tally {
        let mut tally = Tally {
            lines: state.lines,
            malformed: state.malformed,
            ..Tally::default()
        };
        for a in state.experiments {
            let arm = tally
                .arms
                .entry(a.experiment)
                .or_default()
                .entry(a.variant)
                .or_default();
            arm.exposures += a.exposures;
            arm.conversions += a.conversions;
        }
        for c in state.launch {
            let cell = tally
                .cells
                .entry(c.rail)
                .or_default()
                .entry((c.host, c.launch, c.platform))
                .or_default();
            cell.attempts += c.attempts;
            cell.failures += c.failures;
        }
        tally.trim();
        tally
    }

    /// Reads a state file written by `--state-out`.
    pub fn read(path: &Path) -> Result<Tally, String> {
        let text = crate::io::read(path)?;
        let mut de = serde_json::Deserializer::from_str(&text);
        let state: State = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            format!(
                "{}: not a paysel analyze state at `{}`: {}",
                path.display(),
                e.path(),
                e.inner()
            )
        })?;
        if state.format != STATE_FORMAT {
            return Err(format!(
                "{}: state format `{}` is not `{STATE_FORMAT}`",
                path.display(),
                state.format
            ));
        }
        Ok(Tally::from_state(state))
    }
}

/// The value for a borrowed key, inserted (and the key allocated) only the
/// first time the key is seen: the hot path of a tally allocates nothing.
/// Always `Some`; an `Option` only because the map API gives one.
fn slot<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> Option<&'m mut V> {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key)
}

/// A state file (`--state-out`), the sufficient statistics of the events it
/// was made from. Add states by passing them to `--state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Always `paysel.analyze-state/1`.
    pub format: String,
    /// Line counts.
    pub lines: Lines,
    /// Exposures and conversions per experiment variant.
    pub experiments: Vec<StateArm>,
    /// Attempts and launch failures per host, rail, launch and platform.
    pub launch: Vec<StateCell>,
    /// The first malformed lines.
    pub malformed: Vec<Malformed>,
}

/// One experiment variant's counts in a state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateArm {
    /// Experiment id.
    pub experiment: String,
    /// Variant id.
    pub variant: String,
    /// Exposure events.
    pub exposures: u64,
    /// `paid` outcome events.
    pub conversions: u64,
}

/// One launch cell's counts on one platform in a state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateCell {
    /// Host.
    pub host: Host,
    /// Rail id.
    pub rail: String,
    /// Launch mode.
    pub launch: Launch,
    /// Platform.
    pub platform: Platform,
    /// Selection events.
    pub attempts: u64,
    /// `launch_failed` outcome events.
    pub failures: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(line: &str) -> EventView<'_> {
        serde_json::from_str(line).unwrap()
    }

    const ENV: &str = r#""environment":{"platform":"android","form_factor":"mobile","host":"douyin"}"#;

    fn lines() -> Vec<String> {
        let exp = r#""experiments":[{"experiment":"e","variant":"b"}]"#;
        vec![
            format!(r#"{{"type":"exposure","policy_version":1,{ENV},{exp},"shown":[],"hidden":[]}}"#),
            format!(
                r#"{{"type":"selection","policy_version":1,{ENV},{exp},"rail":"alipay","launch":"h5_redirect"}}"#
            ),
            format!(
                r#"{{"type":"outcome","policy_version":1,{ENV},{exp},"rail":"alipay","launch":"h5_redirect","result":"launch_failed"}}"#
            ),
            format!(
                r#"{{"type":"outcome","policy_version":1,{ENV},{exp},"rail":"alipay","launch":"h5_redirect","result":"paid"}}"#
            ),
        ]
    }

    #[test]
    fn counts_exposures_conversions_attempts_and_failures() {
        let mut t = Tally::default();
        for l in lines() {
            t.add(&view(&l));
        }
        assert_eq!(
            t.arms["e"]["b"],
            Arm {
                exposures: 1,
                conversions: 1
            }
        );
        let cell = t.cells["alipay"][&(Host::Douyin, Launch::H5Redirect, Platform::Android)];
        assert_eq!(
            cell,
            Cell {
                attempts: 1,
                failures: 1
            }
        );
        assert_eq!(
            (
                t.lines.lines,
                t.lines.exposures,
                t.lines.selections,
                t.lines.outcomes
            ),
            (4, 1, 1, 2)
        );
    }

    #[test]
    fn merging_adds_and_a_state_round_trips() {
        let mut a = Tally::default();
        let mut b = Tally::default();
        let all = lines();
        for l in &all {
            a.add(&view(l));
        }
        for l in &all[..2] {
            b.add(&view(l));
        }
        b.add_malformed("x.jsonl", 7, "not JSON".into());
        let state = serde_json::to_string(&b.to_state()).unwrap();
        let back = Tally::from_state(serde_json::from_str(&state).unwrap());
        assert_eq!(back, b);
        a.merge(back);
        assert_eq!(
            a.arms["e"]["b"],
            Arm {
                exposures: 2,
                conversions: 1
            }
        );
        assert_eq!((a.lines.lines, a.lines.malformed, a.malformed.len()), (7, 1, 1));
    }

    #[test]
    fn keeps_the_first_malformed_lines_in_any_order() {
        let mut t = Tally::default();
        for line in (1..=1000).rev() {
            t.add_malformed("f", line, String::new());
        }
        t.trim();
        assert_eq!(t.lines.malformed, 1000);
        assert_eq!(t.malformed.len(), LISTED_MALFORMED);
        assert_eq!(t.malformed.first().map(|m| m.line), Some(1));
        assert_eq!(t.malformed.last().map(|m| m.line), Some(100));
    }
}
