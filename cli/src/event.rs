//! `paysel event selection|outcome`: the analytics event an app logs when
//! the shopper picks a rail or an attempt ends, built by the core from the
//! decision (so the line has the same bytes as in every binding).

use crate::io::{print, read};
use crate::CmdResult;
use clap::{Args, Subcommand};
use paysel_core::{Decision, Exposure, OutcomeResult, ToJsonLine};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The events built from a decision.
#[derive(Subcommand)]
pub enum EventCommand {
    /// The `selection` event: the shopper picked a shown rail.
    Selection(SelectionArgs),
    /// The `outcome` event: a payment attempt with a shown rail ended.
    Outcome(OutcomeArgs),
}

/// Arguments of `paysel event selection`.
#[derive(Args)]
pub struct SelectionArgs {
    /// The rail picked; it must be one of the decision's shown rails.
    #[arg(long)]
    rail: String,
    /// The decision JSON (from `paysel decide` or an app), or its logged
    /// `exposure` event; standard input when absent or `-`.
    decision: Option<PathBuf>,
}

/// Arguments of `paysel event outcome`.
#[derive(Args)]
pub struct OutcomeArgs {
    /// The rail attempted; it must be one of the decision's shown rails.
    #[arg(long)]
    rail: String,
    /// How it ended: paid, launch_failed, cancelled or failed.
    #[arg(long, value_parser = parse_result)]
    result: OutcomeResult,
    /// The decision JSON (from `paysel decide` or an app), or its logged
    /// `exposure` event; standard input when absent or `-`.
    decision: Option<PathBuf>,
}

/// Prints the event as one JSON line.
pub fn run(cmd: EventCommand) -> CmdResult {
    let line = match cmd {
        EventCommand::Selection(a) => exposure(a.decision.as_deref())?
            .selection(&a.rail)
            .map_err(|e| format!("[{}] {e}", e.code()))?
            .to_json_line(),
        EventCommand::Outcome(a) => exposure(a.decision.as_deref())?
            .outcome(&a.rail, a.result)
            .map_err(|e| format!("[{}] {e}", e.code()))?
            .to_json_line(),
    };
    print(&line)?;
    Ok(ExitCode::SUCCESS)
}

/// The result names are the core's serde names, read through serde so that
/// they are written down once.
fn parse_result(text: &str) -> Result<OutcomeResult, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|e| e.to_string())
}

/// The exposure of the decision in `path` (or on stdin), which may also be
/// the exposure event itself.
fn exposure(path: Option<&Path>) -> Result<Exposure, String> {
    let (name, text) = match path {
        Some(p) if p != Path::new("-") => (p.display().to_string(), read(p)?),
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("stdin: {e}"))?;
            ("stdin".to_owned(), text)
        }
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{name}: not JSON: {e}"))?;
    if value.get("type").and_then(|t| t.as_str()) == Some("exposure") {
        return typed::<Exposure>(value, &name, "an exposure event");
    }
    typed::<Decision>(value, &name, "a decision").map(|d| d.exposure)
}

fn typed<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    name: &str,
    what: &str,
) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        format!("{name}: not {what} at `{path}`: {}", e.into_inner())
    })
}
