//! `paysel`: decide, detect and inspect payment-rail policies from the shell.

use clap::{Args, Parser, Subcommand};
use paysel_core::{Context, DecideOptions, Engine, Hints};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
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
    Decide(DecideArgs),
    /// Detect host, platform and form factor from User-Agents.
    Detect(DetectArgs),
    /// Policy tools.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).multiple(true).args(["context", "ua"])))]
struct DecideArgs {
    /// Policy JSON file; the embedded default policy when absent.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Context JSON file.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    /// A User-Agent; host, platform and form factor are detected from it
    /// unless the context sets them.
    #[arg(long, value_name = "UA")]
    ua: Option<String>,
    /// Include each shown rail's score breakdown.
    #[arg(long)]
    explain: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["ua", "jsonl"])))]
struct DetectArgs {
    /// One User-Agent.
    #[arg(long, value_name = "UA")]
    ua: Option<String>,
    /// Read one User-Agent per line on stdin, write one JSON object per line.
    #[arg(long)]
    jsonl: bool,
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Print the embedded default policy, a starting point for your own.
    Default,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Decide(args) => decide(args),
        Command::Detect(args) => detect(args),
        Command::Policy(PolicyCommand::Default) => print(paysel_core::DEFAULT_POLICY_JSON.trim_end()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("paysel: {message}");
            ExitCode::FAILURE
        }
    }
}

fn decide(args: DecideArgs) -> Result<(), String> {
    let engine = match &args.policy {
        Some(path) => Engine::from_policy_json(&read(path)?).map_err(|e| located(path, &e))?,
        None => Engine::with_default_policy(),
    };
    let mut context = match &args.context {
        Some(path) => paysel_core::parse_context(&read(path)?).map_err(|e| located(path, &e))?,
        None => Context::default(),
    };
    if let Some(ua) = args.ua {
        context.user_agent = Some(ua);
    }
    let decision = engine
        .decide(&context, DecideOptions { explain: args.explain })
        .map_err(|e| format!("context: {e}"))?;
    print(&serde_json::to_string_pretty(&decision).map_err(|e| e.to_string())?)
}

fn detect(args: DetectArgs) -> Result<(), String> {
    let hints = Hints::default();
    if let Some(ua) = args.ua {
        let d = paysel_core::detect(&ua, &hints);
        return print(&serde_json::to_string_pretty(&d).map_err(|e| e.to_string())?);
    }
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Lines are bytes: a User-Agent log may hold invalid UTF-8.
    for line in stdin.split(b'\n') {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let d = paysel_core::detect::detect_bytes(line, &hints);
        let json = serde_json::to_string(&d).map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(|e| format!("stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("stdout: {e}"))
}

/// Reads a UTF-8 file, naming it in every error.
fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 ({e})", path.display()))
}

/// One line naming the file, the JSON path and what was wrong.
fn located(path: &Path, e: &paysel_core::Error) -> String {
    format!("{}: [{}] {e}", path.display(), e.code())
}

fn print(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| format!("stdout: {e}"))
}
