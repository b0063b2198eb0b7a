//! `paysel simulate POLICY --diff OTHER`: what changes from one policy to the
//! other over the whole context space (see [`super::space`]): the first rail,
//! the set of shown rails and how a rail launches, grouped and counted, with
//! the hosts and the narrower conditions where each change happens.

use super::report::{Coverage, Group};
use super::space::{decide, sweep_engine, Point, Space};
use crate::io::pretty;
use crate::io::{count, pct};
use paysel_core::WireEnum;
use paysel_core::{Decision, Engine, Launch};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Example contexts kept per change.
const EXAMPLES: usize = 5;

/// One kind of change between the two decisions for a context.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    /// The first shown rail (`None`: no rail).
    First {
        from: Option<String>,
        to: Option<String>,
    },
    /// A rail shown under one policy only.
    Shown { rail: String, added: bool },
    /// A rail shown under both, launching differently.
    Launch { rail: String, from: Launch, to: Launch },
}

fn changes(a: &Decision, b: &Decision) -> Vec<Change> {
    let mut out = Vec::new();
    let (fa, fb) = (a.shown.first().map(|s| &s.rail), b.shown.first().map(|s| &s.rail));
    if fa != fb {
        out.push(Change::First {
            from: fa.cloned(),
            to: fb.cloned(),
        });
    }
    for s in &a.shown {
        match b.shown.iter().find(|t| t.rail == s.rail) {
            None => out.push(Change::Shown {
                rail: s.rail.clone(),
                added: false,
            }),
            Some(t) if t.launch != s.launch => out.push(Change::Launch {
                rail: s.rail.clone(),
                from: s.launch,
                to: t.launch,
            }),
            Some(_) => {}
        }
    }
    for t in b
        .shown
        .iter()
        .filter(|t| !a.shown.iter().any(|s| s.rail == t.rail))
    {
        out.push(Change::Shown {
            rail: t.rail.clone(),
            added: true,
        });
    }
    out
}

/// The report comparing `a` (named `names[0]`) with `b`.
pub fn run(a: &Engine, b: &Engine, names: &[String; 2], as_json: bool) -> Result<String, String> {
    let (sa, sb) = (sweep_engine(a.policy())?, sweep_engine(b.policy())?);
    let space = Space::new(&[&sa, &sb])?;
    let mut all = Coverage::new(&space);
    let mut groups: BTreeMap<Change, Group> = BTreeMap::new();
    let mut changed = 0u64;
    space.visit(|ctx, point: &Point| {
        all.mark(point);
        let found = changes(&decide(&sa, ctx)?, &decide(&sb, ctx)?);
        changed += u64::from(!found.is_empty());
        for change in found {
            groups
                .entry(change)
                .or_insert_with(|| Group::new(&space, EXAMPLES))
                .add(ctx, point);
        }
        Ok(())
    })?;
    let total = u64::try_from(space.len()).unwrap_or(u64::MAX);
    if as_json {
        let mut sections: BTreeMap<&str, Vec<Value>> =
            ["first", "shown", "launch"].map(|k| (k, vec![])).into();
        for (change, g) in &groups {
            let mut row = Map::new();
            let section = match change {
                Change::First { from, to } => {
                    row.extend([("from".into(), json!(from)), ("to".into(), json!(to))]);
                    "first"
                }
                Change::Shown { rail, added } => {
                    let what = if *added { "added" } else { "removed" };
                    row.extend([("rail".into(), json!(rail)), ("change".into(), json!(what))]);
                    "shown"
                }
                Change::Launch { rail, from, to } => {
                    row.extend([
                        ("rail".into(), json!(rail)),
                        ("from".into(), json!(from)),
                        ("to".into(), json!(to)),
                    ]);
                    "launch"
                }
            };
            row.extend(g.json(&all, &space, "examples"));
            sections.entry(section).or_default().push(Value::Object(row));
        }
        let mut report = json!({ "from": names[0], "to": names[1], "contexts": total, "changed": changed });
        if let Some(obj) = report.as_object_mut() {
            obj.extend(sections.into_iter().map(|(k, v)| (k.to_owned(), Value::Array(v))));
        }
        return pretty(&report);
    }
    let [from_name, to_name] = names;
    let mut out = format!(
        "{from_name} -> {to_name}: {} contexts swept, {} change ({})\n",
        count(total),
        count(changed),
        pct(changed as f64, total as f64)
    );
    let mut section = "";
    for (change, g) in &groups {
        let (title, label) = match change {
            Change::First { from, to } => {
                let r = |x: &Option<String>| x.clone().unwrap_or_else(|| "(no rail)".to_owned());
                ("first rail", format!("{} -> {}", r(from), r(to)))
            }
            Change::Shown { rail, added } => (
                "shown rails",
                format!("{} {rail}", if *added { "+" } else { "-" }),
            ),
            Change::Launch { rail, from, to } => {
                ("launch", format!("{rail}: {} -> {}", from.as_str(), to.as_str()))
            }
        };
        if title != section {
            out.push_str(&format!("\n{title}\n"));
            section = title;
        }
        out.push_str(&format!("  {label}: {} contexts\n", count(g.count)));
        out.push_str(&g.text(&all, &space, 1));
    }
    Ok(out)
}
