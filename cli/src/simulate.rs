//! `paysel simulate` (issue 9).

use crate::CmdResult;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `paysel simulate`.
#[derive(Args)]
pub struct SimulateArgs {
    /// The policy JSON file to simulate.
    policy: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
}

/// Simulates a policy.
pub fn run(args: SimulateArgs) -> CmdResult {
    let _ = args.json;
    Err(format!("{}: simulate is not available yet", args.policy.display()))
}
