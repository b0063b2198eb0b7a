//! Every shape error of a malformed policy in one run. The core's reader
//! stops at the first; lint asks it again and again. The document is read
//! once as a JSON tree, each problem the core's own serde types find in it
//! is recorded, the offending value is cut out, and the tree is read again,
//! until the types accept it. The serde attributes stay the one description
//! of the wire format: nothing here knows a field name.

use paysel_core::wire::render;
use paysel_core::Policy;
use serde_json::Value;
use std::collections::BTreeMap;

/// Reads to try before giving up on a document that keeps failing.
const MAX_ROUNDS: usize = 64;

/// One step of a path into the tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

/// A shape problem: the JSON path in the document as written, and what the
/// types expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `rails[2].colour`, empty for the whole document.
    pub path: String,
    /// serde's message, e.g. ``unknown field `colour`, expected one of ...``.
    pub message: String,
}

/// The tree being repaired, and how its array indices map back to the
/// document's.
struct Repair {
    tree: Value,
    /// Per array (by its path in the document), the indices cut from it.
    cut: BTreeMap<Vec<Step>, Vec<usize>>,
    /// Document paths cut out, so that a later "missing field" for one of
    /// them is known to be ours.
    removed: Vec<Vec<Step>>,
}

/// Every shape problem of the policy document `text`, in the order found.
/// Empty when it is not JSON (the core's own error says where) or when the
/// types accept it.
pub fn problems(text: &str) -> Vec<Problem> {
    let Ok(tree) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut repair = Repair {
        tree,
        cut: BTreeMap::new(),
        removed: Vec::new(),
    };
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let Err(e) = serde_path_to_error::deserialize::<_, Policy>(&repair.tree) else {
            break;
        };
        let here = steps(&render(e.path()));
        let message = e.inner().to_string();
        let at = repair.original(&here);
        // A missing field that we cut out ourselves is no news: cut the
        // object that misses it instead.
        let ours = missing_field(&message).is_some_and(|field| {
            let mut path = at.clone();
            path.push(Step::Key(field.to_owned()));
            repair.removed.contains(&path)
        });
        if !ours {
            found.push(Problem {
                path: text_of(&at),
                message,
            });
        }
        if here.is_empty() || !repair.cut_out(&here, at) {
            break;
        }
    }
    found
}

impl Repair {
    /// The document path of a path in the repaired tree.
    fn original(&self, here: &[Step]) -> Vec<Step> {
        let mut out = Vec::new();
        for step in here {
            let step = match step {
                Step::Index(i) => {
                    let cut = self.cut.get(&out).map_or(&[][..], Vec::as_slice);
                    let index = (0..).filter(|k| !cut.contains(k)).nth(*i).unwrap_or(*i);
                    Step::Index(index)
                }
                key => key.clone(),
            };
            out.push(step);
        }
        out
    }

    /// Removes the value at `here` (document path `at`); false when there
    /// is none.
    fn cut_out(&mut self, here: &[Step], at: Vec<Step>) -> bool {
        let Some((last, parent)) = here.split_last() else {
            return false;
        };
        let mut node = &mut self.tree;
        for step in parent {
            let next = match (step, node) {
                (Step::Key(k), Value::Object(map)) => map.get_mut(k),
                (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
                _ => None,
            };
            let Some(next) = next else { return false };
            node = next;
        }
        let done = match (last, node) {
            (Step::Key(k), Value::Object(map)) => map.remove(k).is_some(),
            (Step::Index(i), Value::Array(items)) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        };
        if done {
            if let (Some(Step::Index(i)), Some((_, array))) = (at.last(), at.split_last()) {
                self.cut.entry(array.to_vec()).or_default().push(*i);
            }
            self.removed.push(at);
        }
        done
    }
}

/// The field of serde's ``missing field `x` ``.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// `rails[2].limits[0]` as steps.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Step::Key(key.to_owned()));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// Steps as paysel writes paths.
fn text_of(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths found, sorted: the tree's keys come in alphabetical
    /// order (lint sorts findings into document order).
    fn paths(text: &str) -> Vec<String> {
        let mut paths: Vec<String> = problems(text).into_iter().map(|p| p.path).collect();
        paths.sort();
        paths
    }

    #[test]
    fn every_problem_is_found_at_its_path_in_the_document() {
        let text = r#"{"schema":"paysel.policy/1","version":1,
            "rails":[{"id":"card","colour":"red"},{"id":7},{"id":"alipay","currencies":["CNY",5],"wieght":3}],
            "boosts":[{"id":"b","rail":"card","when":{"host":["wechatt"]},"delta":"x"}]}"#;
        assert_eq!(
            paths(text),
            [
                "boosts[0].delta",
                "boosts[0].when.host[0]",
                "rails[0].colour",
                "rails[1].id",
                "rails[2].currencies[1]",
                "rails[2].wieght",
            ]
        );
    }

    #[test]
    fn a_value_cut_out_is_not_reported_again_as_missing() {
        // `version` is required: cutting it makes the root miss it, which
        // ends the run without a second finding.
        let found = problems(r#"{"schema":"paysel.policy/1","version":"one","rails":[{"id":"card"}]}"#);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "version");
        // A required field cut from an array element drops the element.
        let found =
            problems(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":1},{"id":"card","x":1}]}"#);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["rails[0].id", "rails[1].x"]);
    }

    #[test]
    fn a_valid_document_or_one_that_is_not_json_has_none() {
        assert!(problems(r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}]}"#).is_empty());
        assert!(problems("{").is_empty());
    }
}
