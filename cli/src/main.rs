//! `paysel`: decide, detect, lint and simulate payment-rail policies from the shell.

// No panic may reach the host app (see [workspace.lints] in Cargo.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod analyze;
mod capabilities;
mod decide;
mod detect;
mod docs;
mod event;
mod io;
mod lint;
mod plan;
mod policy;
mod simulate;
mod sweep;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// paysel: which payment rails a checkout shows, how each launches, and why.
#[derive(Parser)]
#[command(name = "paysel", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide which rails to show for one context and print the decision as JSON.
    Decide(decide::CheckoutArgs),
    /// Plan a server-rendered checkout: the decision for every answer of the device probes, as JSON.
    Plan(decide::CheckoutArgs),
    /// Detect host, platform and form factor from User-Agents.
    Detect(detect::DetectArgs),
    /// Check a policy for mistakes before it ships.
    Lint(lint::LintArgs),
    /// Show what a policy does across every kind of shopper.
    Simulate(simulate::SimulateArgs),
    /// Policy tools: the default policy, keys and signatures.
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    /// The selection or outcome event of a decision, as one JSON line.
    #[command(subcommand)]
    Event(event::EventCommand),
    /// Experiments and launch failures from logged events (JSONL).
    Analyze(analyze::AnalyzeArgs),
    /// The built-in host × rail capability table, with the evidence of every
    /// answer.
    Capabilities(capabilities::CapabilitiesArgs),
    /// Regenerate (or --check) the READMEs' blocks that come from the core.
    #[command(hide = true)]
    Docs(docs::DocsArgs),
}

/// What a command returns: its exit code, or a one-line error (exit 1).
pub type CmdResult = Result<ExitCode, String>;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Decide(args) => decide::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Detect(args) => detect::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Policy(cmd) => policy::run(cmd),
        Command::Event(cmd) => event::run(cmd),
        Command::Analyze(args) => analyze::run(args),
        Command::Capabilities(args) => capabilities::run(args),
        Command::Docs(args) => docs::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("paysel: {message}");
            ExitCode::FAILURE
        }
    }
}
