//! `cargo xtask`: the one task runner for developers and CI.
//!
//! - `cargo xtask test`: every lane (core, CLI, vectors, WASM, Kotlin, demo).
//! - `cargo xtask demo [--port N]`: build the WASM package and the demo page, then serve it.
//! - `cargo xtask wasm`: build the npm package into `bindings-wasm/pkg/`.
//! - `cargo xtask vectors [--bless]`: run (or regenerate) the conformance vectors.
//! - `cargo xtask bake`: write the default policy as Rust data after editing its JSON.
//! - `cargo xtask bench`: every performance figure, next to the peers, into `target/bench/report.json`.
//! - `cargo xtask fuzz [--seconds N] [TARGET...]`: run the fuzz targets (nightly, cargo-fuzz).
//!
//! With `CI=true` every lane is mandatory; outside CI a lane whose toolchain
//! cannot be installed is skipped with a message that says how to install it.

mod lanes;
mod tools;

use std::process::ExitCode;
use tools::{Lane, Outcome};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "test" => test(rest),
        "vectors" => lanes::core::vectors(rest.iter().any(|a| a == "--bless")),
        "bake" => lanes::core::bake(),
        "wasm" => lanes::wasm::build_package(),
        "demo" => lanes::demo::serve(rest),
        "fuzz" => lanes::fuzz::run(rest),
        "bench" => lanes::bench::run_all(),
        _ => {
            eprintln!("usage: cargo xtask <test [LANE...] | demo [--port N] | wasm | vectors [--bless] | bake | fuzz [--seconds N] [TARGET...] | bench>");
            eprintln!(
                "lanes: {}",
                LANES.iter().map(|l| l.name).collect::<Vec<_>>().join(", ")
            );
            return if cmd == "help" || cmd == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every lane, in the order they run.
const LANES: &[Lane] = &[
    Lane {
        name: "fmt",
        run: lanes::core::fmt,
    },
    Lane {
        name: "clippy",
        run: lanes::core::clippy,
    },
    Lane {
        name: "core",
        run: lanes::core::tests,
    },
    Lane {
        name: "vectors",
        run: lanes::core::vectors_lane,
    },
    Lane {
        name: "wasm",
        run: lanes::wasm::lane,
    },
    Lane {
        name: "kotlin",
        run: lanes::mobile::lane,
    },
    Lane {
        name: "demo",
        run: lanes::demo::lane,
    },
    Lane {
        name: "fuzz",
        run: lanes::fuzz::lane,
    },
    Lane {
        name: "analyze",
        run: lanes::analyze::lane,
    },
];

/// Runs the named lanes, or all of them, and reports each.
fn test(only: &[String]) -> Result<(), String> {
    let ci = tools::ci();
    let mut passed = 0;
    let mut failed = Vec::new();
    let mut skipped = 0;
    for lane in LANES
        .iter()
        .filter(|l| only.is_empty() || only.iter().any(|o| o == l.name))
    {
        eprintln!("\n==> lane {}", lane.name);
        let started = std::time::Instant::now();
        match (lane.run)() {
            Outcome::Passed => {
                passed += 1;
                eprintln!("==> lane {} passed in {:.1?}", lane.name, started.elapsed());
            }
            Outcome::Skipped(why) if !ci => {
                skipped += 1;
                eprintln!("==> lane {} SKIPPED: {why}", lane.name);
            }
            Outcome::Skipped(why) => {
                eprintln!(
                    "==> lane {} FAILED: its toolchain is missing and CI=true makes it mandatory: {why}",
                    lane.name
                );
                failed.push(lane.name);
            }
            Outcome::Failed(why) => {
                eprintln!("==> lane {} FAILED: {why}", lane.name);
                failed.push(lane.name);
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
