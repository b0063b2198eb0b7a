//! The event file that `cargo xtask bench` times `paysel analyze` on: about
//! COUNT events from a few hundred real decisions, written at the speed of
//! a copy.
//!
//! ```sh
//! cargo run --release -p paysel-cli --example analyze_events -- FILE COUNT
//! ```
//!
//! Prints the number of events written.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

// The generator is the one the analyze tests use; this example runs only
// its benchmark writer, so the fixture writers are unused here.
#[allow(dead_code)]
#[path = "../tests/analyze_findings/events.rs"]
mod events;

/// Writes the benchmark's event file.
#[derive(Parser)]
struct Args {
    /// The JSONL file to write.
    file: PathBuf,
    /// About how many events (whole checkouts, so a few more).
    count: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match events::fixture_engine().and_then(|engine| events::bench(&args.file, &engine, args.count)) {
        Ok(written) => {
            println!("{written}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("analyze_events: {e}");
            ExitCode::FAILURE
        }
    }
}
