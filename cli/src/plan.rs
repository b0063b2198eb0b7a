//! `paysel plan`.

use crate::io::{engine, located, pretty, print, read};
use crate::CmdResult;
use clap::Args;
use paysel_core::{CheckoutContext, DecideOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `paysel plan`.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).multiple(true).args(["context", "ua"])))]
pub struct PlanArgs {
    /// Policy JSON file; the embedded default policy when absent.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// CheckoutContext JSON file.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    /// A User-Agent; host, platform and form factor are detected from it
    /// unless the context sets them.
    #[arg(long, value_name = "UA")]
    ua: Option<String>,
    /// Include each shown rail's score breakdown in every decision.
    #[arg(long)]
    explain: bool,
}

/// Prints the plan for one context: the device probes its decision still
/// depends on, and the decision for every answer they can give.
pub fn run(args: PlanArgs) -> CmdResult {
    let engine = engine(args.policy.as_deref())?;
    let mut context = match &args.context {
        Some(path) => paysel_core::parse_context(&read(path)?).map_err(|e| located(path, &e))?,
        None => CheckoutContext::default(),
    };
    if let Some(ua) = args.ua {
        context.user_agent = Some(ua);
    }
    let plan = engine
        .plan(
            &context,
            DecideOptions {
                explain: args.explain,
            },
        )
        .map_err(|e| format!("context: [{}] {e}", e.code()))?;
    print(&pretty(&plan)?)?;
    Ok(ExitCode::SUCCESS)
}
