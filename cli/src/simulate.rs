//! `paysel simulate`: what a policy does across the whole context space
//! (see [`crate::sweep::space`]), over a weighted population, or against another
//! policy.

use crate::io::{count, pct};
use crate::io::{engine, print};
use crate::sweep::assumed::Assumed;
use crate::sweep::report::{Coverage, Group};
use crate::sweep::space::{explain, sweep_engine, Space, HOSTS};
use crate::CmdResult;
use clap::Args;
use paysel_core::{Engine, HiddenReason, Launch, WireEnum};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

/// Contexts listed per finding in text output; `--json` lists them all.
const LISTED: usize = 10;

/// Arguments of `paysel simulate`.
#[derive(Args)]
pub struct SimulateArgs {
    /// The policy JSON file to simulate.
    policy: PathBuf,
    /// JSONL of `{"weight": W, "context": {...}}` lines: report the weighted
    /// share of each first rail per host and per experiment variant.
    #[arg(long, value_name = "FILE", conflicts_with = "diff")]
    population: Option<PathBuf>,
    /// Compare with another policy over the whole context space.
    #[arg(long, value_name = "OTHER_POLICY")]
    diff: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
}

/// Simulates a policy.
pub fn run(args: SimulateArgs) -> CmdResult {
    let engine = engine(Some(&args.policy))?;
    let out = match (&args.population, &args.diff) {
        (Some(file), _) => crate::sweep::population::run(&engine, file, args.json)?,
        (None, Some(other)) => {
            let other_engine = crate::io::engine(Some(other))?;
            let names = [args.policy.display().to_string(), other.display().to_string()];
            crate::sweep::diff::run(&engine, &other_engine, &names, args.json)?
        }
        (None, None) => sweep(&engine, args.json)?,
    };
    print(out.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Default, Clone)]
struct RailCount {
    first: u64,
    shown: u64,
    hidden: BTreeMap<HiddenReason, u64>,
}

/// A finding of the sweep as text: a title and the contexts concerned.
fn listed(title: &str, g: &Group, all: &Coverage, space: &Space) -> String {
    if g.count == 0 {
        return format!("{title}: none\n");
    }
    format!(
        "{title}: {} contexts\n{}",
        count(g.count),
        g.text(all, space, LISTED)
    )
}

fn sweep(engine: &Engine, as_json: bool) -> Result<String, String> {
    let policy = engine.policy();
    let swept = sweep_engine(policy)?;
    let space = Space::new(&[&swept])?;
    let index: HashMap<&str, usize> = policy
        .rails
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let partial: Vec<bool> = policy
        .rails
        .iter()
        .map(|r| {
            r.rollout
                .as_ref()
                .is_some_and(|ro| ro.percent > 0 && ro.percent < 100)
        })
        .collect();
    let mut hosts: Vec<(u64, Vec<RailCount>)> =
        vec![(0, vec![RailCount::default(); policy.rails.len()]); HOSTS.len()];
    let new_group = || Group::new(&space, usize::MAX);
    let (mut no_rail, mut rollout_only, mut guide_first) = (new_group(), new_group(), new_group());
    let mut all = Coverage::new(&space);
    let mut assumed = Assumed::default();
    space.visit(|ctx, point| {
        let d = explain(&swept, ctx)?;
        all.mark(point);
        assumed.add(&d, 1.0);
        let Some((contexts, rails)) = hosts.get_mut(Space::host(point)) else {
            return Ok(());
        };
        *contexts += 1;
        for (n, s) in d.shown.iter().enumerate() {
            if let Some(r) = index.get(s.rail.as_str()).and_then(|&i| rails.get_mut(i)) {
                r.shown += 1;
                r.first += u64::from(n == 0);
            }
        }
        for h in &d.hidden {
            if let Some(r) = index.get(h.rail.as_str()).and_then(|&i| rails.get_mut(i)) {
                *r.hidden.entry(h.reason).or_default() += 1;
            }
        }
        if d.shown.is_empty() {
            no_rail.add(ctx, point);
        } else {
            let eligible = d.shown.iter().map(|s| &s.rail).chain(
                d.hidden
                    .iter()
                    .filter(|h| h.reason == HiddenReason::OverDisplayLimit)
                    .map(|h| &h.rail),
            );
            let partial = |id: &String| index.get(id.as_str()).and_then(|&i| partial.get(i)) == Some(&true);
            if eligible.clone().all(partial) {
                rollout_only.add(ctx, point);
            }
        }
        if d.shown.first().is_some_and(|s| s.launch == Launch::OpenInBrowser) {
            guide_first.add(ctx, point);
        }
        Ok(())
    })?;
    let host_rows = HOSTS.iter().zip(&hosts).filter(|(_, (n, _))| *n > 0);
    if as_json {
        let hosts: Vec<Value> = host_rows
            .map(|(host, (n, rails))| {
                let rails: Vec<Value> = policy
                    .rails
                    .iter()
                    .zip(rails)
                    .map(|(p, r)| {
                        let hidden: BTreeMap<&str, u64> =
                            r.hidden.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                        json!({ "rail": p.id, "first": r.first, "shown": r.shown, "hidden": hidden })
                    })
                    .collect();
                json!({ "host": host, "contexts": n, "rails": rails })
            })
            .collect();
        let report = json!({
            "policy_version": policy.version,
            "contexts": space.len(),
            "environments": space.environments(),
            "no_rail": no_rail.json(&all, &space, "contexts"),
            "rollout_only": rollout_only.json(&all, &space, "contexts"),
            "guide_first": guide_first.json(&all, &space, "contexts"),
            "assumed": assumed.json(),
            "hosts": hosts,
        });
        return crate::io::pretty(&report);
    }
    let mut out = format!(
        "policy version {}: {} contexts swept ({} environments)\n\n",
        policy.version,
        count(u64::try_from(space.len()).unwrap_or(u64::MAX)),
        space.environments()
    );
    out.push_str(&listed("no rail shown", &no_rail, &all, &space));
    let rollout_title = "only rails in a partial rollout (shoppers outside it see no rail)";
    out.push_str(&listed(rollout_title, &rollout_only, &all, &space));
    out.push_str(&listed(
        "first rail only opens the browser",
        &guide_first,
        &all,
        &space,
    ));
    out.push_str(&format!("decisions {}", assumed.text(false)));
    for (host, (n, rails)) in host_rows {
        out.push_str(&format!("\nhost {}: {} contexts\n", host.as_str(), count(*n)));
        out.push_str(&format!(
            "  {:<14} {:>6} {:>6}  hidden because\n",
            "rail", "first", "shown"
        ));
        for (p, r) in policy.rails.iter().zip(rails) {
            let whole = *n as f64;
            let mut reasons: Vec<(&HiddenReason, &u64)> = r.hidden.iter().collect();
            reasons.sort_by_key(|r| std::cmp::Reverse(*r.1));
            let reasons: Vec<String> = reasons
                .iter()
                .map(|(k, v)| format!("{} {}", k.as_str(), pct(**v as f64, whole)))
                .collect();
            out.push_str(&format!(
                "  {:<14} {:>6} {:>6}  {}\n",
                p.id,
                pct(r.first as f64, whole),
                pct(r.shown as f64, whole),
                reasons.join(", ")
            ));
        }
    }
    Ok(out)
}
