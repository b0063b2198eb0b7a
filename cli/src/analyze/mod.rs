//! `paysel analyze`: experiments and launch cells from the exposure,
//! selection and outcome events an app logged, in one streaming pass.
//!
//! - `reading`: the events, a block of lines at a time, on every core.
//! - `state`: the cohorts and their counts (mergeable, `--state-out`).
//! - `statistics`: intervals, tests and power, on counts.
//! - `report`: the analysis, as text and JSON; `html`: as one page.
//! - `evidence`: what the capability table says about a flagged launch.
//! - `sql`: the same analysis for a warehouse.

mod evidence;
mod html;
mod reading;
mod report;
mod sql;
mod state;
mod statistics;

use crate::io::print;
use crate::CmdResult;
use clap::Args;
use reading::Source;
use state::Tally;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `paysel analyze`.
#[derive(Args)]
pub struct AnalyzeArgs {
    /// JSONL files of exposure, selection and outcome events, in any mix;
    /// `-` (or no file and no --state) reads standard input.
    events: Vec<PathBuf>,
    /// The policy that ran the experiments, for the sample-ratio check
    /// against its variant weights; the embedded default policy when absent.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
    /// Also write the report as one self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Flag a launch cell when the lower bound of its failure rate's 95%
    /// interval is above this share.
    #[arg(long, value_name = "SHARE", default_value_t = report::DEFAULT_LAUNCH_THRESHOLD)]
    launch_threshold: f64,
    /// Refuse (and report) lines longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = reading::DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
    /// Add the counts of state files written by --state-out (shards
    /// reduced elsewhere); put event files before them or after `--`.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    state: Vec<PathBuf>,
    /// Write the counts (the sufficient statistics) to this file, to merge
    /// later with --state.
    #[arg(long, value_name = "FILE")]
    state_out: Option<PathBuf>,
    /// Print the analysis as SQL over the event schema (DuckDB, Spark SQL,
    /// BigQuery) instead of reading events.
    #[arg(long, conflicts_with_all = ["events", "state", "state_out", "json", "html"])]
    sql: bool,
    /// Parsing threads; every core when absent.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// Analyses the events.
pub fn run(args: AnalyzeArgs) -> CmdResult {
    if !(0.0..1.0).contains(&args.launch_threshold) {
        return Err(format!(
            "--launch-threshold must be a share from 0 to 1, not {}",
            args.launch_threshold
        ));
    }
    let engine = crate::io::engine(args.policy.as_deref())?;
    if args.sql {
        print(sql::analysis(engine.policy(), args.launch_threshold)?.trim_end())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut tally = Tally::default();
    for path in &args.state {
        tally.merge(Tally::read(path)?);
    }
    let mut files = args.events.clone();
    if files.is_empty() && args.state.is_empty() {
        files.push(PathBuf::from("-"));
    }
    let mut sources = Vec::new();
    for path in files {
        sources.push(open(path)?);
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    tally.merge(reading::read_all(sources, args.max_line_bytes, threads)?);

    if let Some(path) = &args.state_out {
        let text = crate::io::pretty(&tally.to_state())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let report = report::Report::new(&tally, engine.policy(), args.launch_threshold);
    if let Some(path) = &args.html {
        std::fs::write(path, html::page(&report)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if args.json {
        print(&crate::io::pretty(&report)?)?;
    } else {
        print(report.text().trim_end())?;
    }
    if report.events.malformed > 0 {
        eprintln!(
            "paysel analyze: {} malformed lines (listed in the report)",
            report.events.malformed
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn open(path: PathBuf) -> Result<Source, String> {
    if path == std::path::Path::new("-") {
        return Ok(Source {
            name: "-".to_owned(),
            reader: Box::new(std::io::stdin()),
        });
    }
    let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Source {
        name: path.display().to_string(),
        reader: Box::new(file),
    })
}
