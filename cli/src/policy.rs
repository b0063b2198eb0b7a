//! `paysel policy`: the default policy, and (issue 8) keys and signatures.

use crate::io::print;
use crate::CmdResult;
use clap::Subcommand;
use std::process::ExitCode;

/// Subcommands of `paysel policy`.
#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Print the embedded default policy, a starting point for your own.
    Default,
}

/// Runs a policy subcommand.
pub fn run(cmd: PolicyCommand) -> CmdResult {
    match cmd {
        PolicyCommand::Default => print(paysel_core::DEFAULT_POLICY_JSON.trim_end())?,
    }
    Ok(ExitCode::SUCCESS)
}
