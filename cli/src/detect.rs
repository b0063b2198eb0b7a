//! `paysel detect`.

use crate::io::{pretty, print};
use crate::CmdResult;
use clap::Args;
use paysel_core::Hints;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Arguments of `paysel detect`.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["ua", "jsonl"])))]
pub struct DetectArgs {
    /// One User-Agent.
    #[arg(long, value_name = "UA")]
    ua: Option<String>,
    /// Read one User-Agent per line on stdin, write one JSON object per line.
    #[arg(long)]
    jsonl: bool,
}

/// Detects one User-Agent, or a stream of them.
pub fn run(args: DetectArgs) -> CmdResult {
    let hints = Hints::default();
    if let Some(ua) = args.ua {
        let found = paysel_core::detect_checked(&ua, &hints).map_err(|e| format!("[{}] {e}", e.code()))?;
        print(&pretty(&found)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Lines are bytes: a User-Agent log may hold invalid UTF-8.
    for line in stdin.split(b'\n') {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let d = paysel_core::detect::detect_bytes(line, &hints);
        let json = serde_json::to_string(&d).map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(crate::io::stdout_failed)?;
    }
    out.flush().map_err(crate::io::stdout_failed)?;
    Ok(ExitCode::SUCCESS)
}
