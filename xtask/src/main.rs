//! `cargo xtask`: the one task runner for developers and CI. It installs the
//! toolchains from the package registries, idempotently, and hands each job
//! to the tool that does it: cargo, wasm-bindgen, npm and Node, Python,
//! kotlinc and JUnit, cargo-fuzz. `cargo xtask --help` lists the commands.
//!
//! With `CI=true` every lane is mandatory; outside CI a lane whose toolchain
//! cannot be installed is skipped with a message that says how to install it.

mod lanes;
mod tools;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use std::process::ExitCode;
use tools::Outcome;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    version,
    about = "paysel's task runner"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the test lanes in order: every lane, or the named ones.
    Test {
        /// Lanes to run (default: all).
        #[arg(value_parser = PossibleValuesParser::new(LANES.map(|(name, _)| name)))]
        lanes: Vec<String>,
    },
    /// Build the npm package and the QA page, and serve the page on 127.0.0.1.
    Demo {
        /// The port to serve on (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Build the npm package into bindings-wasm/pkg/.
    Wasm,
    /// Run the conformance vectors in tests/vectors/ through the Rust engine.
    Vectors {
        /// Rewrite their expectations from the current engine (review the diff).
        #[arg(long)]
        bless: bool,
    },
    /// Write the default policy as Rust data after editing its JSON.
    Bake,
    /// Run the fuzz targets one after another (nightly, cargo-fuzz).
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Targets to run (default: all).
        #[arg(value_parser = PossibleValuesParser::new(lanes::fuzz::TARGETS))]
        targets: Vec<String>,
    },
    /// Measure every performance figure next to the peers, into target/bench/report.json.
    Bench,
}

/// A lane: its name on the command line and in reports, and what runs it.
type Lane = (&'static str, fn() -> Outcome);

/// Every lane, in the order they run.
const LANES: [Lane; 9] = [
    ("fmt", lanes::core::fmt),
    ("clippy", lanes::core::clippy),
    ("core", lanes::core::tests),
    ("vectors", lanes::core::vectors_lane),
    ("wasm", lanes::wasm::lane),
    ("kotlin", lanes::mobile::lane),
    ("demo", lanes::demo::lane),
    ("fuzz", lanes::fuzz::lane),
    ("analyze", lanes::analyze::lane),
];

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Test { lanes } => test(&lanes),
        Command::Demo { port } => lanes::demo::serve(port),
        Command::Wasm => lanes::wasm::build_package(),
        Command::Vectors { bless } => lanes::core::vectors(bless),
        Command::Bake => lanes::core::bake(),
        Command::Fuzz { seconds, targets } => lanes::fuzz::run(seconds, &targets),
        Command::Bench => lanes::bench::run_all(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the named lanes, or all of them, and reports each.
fn test(only: &[String]) -> Result<(), String> {
    let ci = tools::ci();
    let (mut passed, mut skipped, mut failed) = (0, 0, Vec::new());
    for (name, run) in LANES
        .iter()
        .filter(|(n, _)| only.is_empty() || only.iter().any(|o| o == n))
    {
        eprintln!("\n==> lane {name}");
        let started = std::time::Instant::now();
        match run() {
            Outcome::Passed => {
                passed += 1;
                eprintln!("==> lane {name} passed in {:.1?}", started.elapsed());
            }
            Outcome::Skipped(why) if !ci => {
                skipped += 1;
                eprintln!("==> lane {name} SKIPPED: {why}");
            }
            Outcome::Skipped(why) => {
                eprintln!(
                    "==> lane {name} FAILED: its toolchain is missing and CI=true makes it mandatory: {why}"
                );
                failed.push(*name);
            }
            Outcome::Failed(why) => {
                eprintln!("==> lane {name} FAILED: {why}");
                failed.push(*name);
            }
        }
    }
    println!(
        "lanes: {passed} passed, {} failed, {skipped} skipped",
        failed.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed lanes: {}", failed.join(", ")))
    }
}
