//! `paysel decide`, and the arguments `paysel plan` shares with it.

use crate::io::{engine, located, pretty, print, read};
use crate::CmdResult;
use clap::Args;
use paysel_core::{CheckoutContext, DecideOptions, Engine};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `paysel decide` and `paysel plan`: one checkout to decide.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).multiple(true).args(["context", "ua"])))]
pub struct CheckoutArgs {
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
    /// Include each shown rail's score breakdown (in every decision of a
    /// plan).
    #[arg(long)]
    explain: bool,
}

impl CheckoutArgs {
    /// The engine, the context and the options these arguments ask for.
    pub fn read(self) -> Result<(Engine, CheckoutContext, DecideOptions), String> {
        let engine = engine(self.policy.as_deref())?;
        let mut context = match &self.context {
            Some(path) => paysel_core::parse_context(&read(path)?).map_err(|e| located(path, &e))?,
            None => CheckoutContext::default(),
        };
        if let Some(ua) = self.ua {
            context.user_agent = Some(ua);
        }
        let options = DecideOptions {
            explain: self.explain,
        };
        Ok((engine, context, options))
    }
}

/// The error of a context the engine refused, as the CLI prints it.
pub fn refused(e: paysel_core::Error) -> String {
    format!("context: [{}] {e}", e.code())
}

/// Prints the decision for one context.
pub fn run(args: CheckoutArgs) -> CmdResult {
    let (engine, context, options) = args.read()?;
    let decision = engine.decide(&context, options).map_err(refused)?;
    print(&pretty(&decision)?)?;
    Ok(ExitCode::SUCCESS)
}
