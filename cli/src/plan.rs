//! `paysel plan`.

use crate::decide::{refused, CheckoutArgs};
use crate::io::{pretty, print};
use crate::CmdResult;
use std::process::ExitCode;

/// Prints the plan for one context: the device probes its decision still
/// depends on, and the decision for every answer they can give.
pub fn run(args: CheckoutArgs) -> CmdResult {
    let (engine, context, options) = args.read()?;
    let plan = engine.plan(&context, options).map_err(refused)?;
    print(&pretty(&plan)?)?;
    Ok(ExitCode::SUCCESS)
}
