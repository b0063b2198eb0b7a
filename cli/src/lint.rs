//! `paysel lint` (issue 9).

use crate::CmdResult;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `paysel lint`.
#[derive(Args)]
pub struct LintArgs {
    /// The policy JSON file to check.
    policy: PathBuf,
    /// Machine-readable findings.
    #[arg(long)]
    json: bool,
}

/// Lints a policy.
pub fn run(args: LintArgs) -> CmdResult {
    let _ = args.json;
    Err(format!("{}: lint is not available yet", args.policy.display()))
}
