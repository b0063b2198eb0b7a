//! The fuzz lane: cargo-fuzz (libFuzzer, nightly) over the core's untrusted
//! inputs. Targets live in `fuzz/fuzz_targets/`; the core's example
//! `fuzz_seeds` writes their seeds from the conformance vectors and the
//! User-Agent corpus into `fuzz/corpus/<target>/` (git-ignored, like the
//! corpus libFuzzer grows there).
//!
//! - `cargo xtask fuzz [--seconds N] [TARGET...]`: run each target (all by
//!   default) for N seconds (default 60), one after another.
//! - The `fuzz` lane of `cargo xtask test`: a 30-second smoke run per target.
//!
//! A crash leaves its input in `fuzz/artifacts/<target>/`; reproduce it with
//! `cargo +nightly fuzz run <target> <file>` and turn it into a regression
//! test in core.

use crate::tools::{self, cargo, ci, have, root, tools_dir, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every fuzz target, in the order they run.
pub const TARGETS: [&str; 3] = ["policy_decide", "envelope", "detect"];

/// The longest input each target tries: beyond the limits that matter
/// (a User-Agent is cut at 2,048 bytes) without slowing the search.
fn max_len(target: &str) -> u32 {
    match target {
        "detect" => 4_096,
        _ => 16_384,
    }
}

/// `cargo xtask fuzz [--seconds N] [TARGET...]`: each target (all when
/// none is named) for `seconds`.
pub fn run(seconds: u64, targets: &[String]) -> Result<(), String> {
    let cargo_fuzz = ensure_tools()?;
    seed_corpora()?;
    let all: Vec<String> = TARGETS.map(String::from).to_vec();
    for target in if targets.is_empty() { &all } else { targets } {
        fuzz(&cargo_fuzz, target, seconds)?;
    }
    Ok(())
}

/// The lane: 30 seconds per target.
pub fn lane() -> Outcome {
    let cargo_fuzz = match ensure_tools() {
        Ok(path) => path,
        Err(e) if !ci() => return Outcome::Skipped(e),
        Err(e) => return Outcome::Failed(e),
    };
    let result = seed_corpora().and_then(|()| {
        TARGETS
            .iter()
            .try_for_each(|target| fuzz(&cargo_fuzz, target, 30))
    });
    result.into()
}

/// Nightly and cargo-fuzz (installed into `target/tools/` once).
fn ensure_tools() -> Result<PathBuf, String> {
    if !have("rustup") {
        return Err(
            "fuzzing needs rustup with a nightly toolchain; install rustup from https://rustup.rs".into(),
        );
    }
    let nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !nightly {
        tools::run(Command::new("rustup").args(["toolchain", "install", "nightly", "--profile", "minimal"]))
            .map_err(|e| format!("{e}; run: rustup toolchain install nightly"))?;
    }
    let bin = tools_dir().join("bin").join("cargo-fuzz");
    if !bin.exists() {
        tools::run(
            Command::new("cargo")
                .args(["install", "cargo-fuzz", "--root"])
                .arg(tools_dir()),
        )
        .map_err(|e| format!("{e}; run: cargo install cargo-fuzz --root target/tools"))?;
    }
    Ok(bin)
}

/// Runs one target for `seconds` with its seed corpus.
fn fuzz(cargo_fuzz: &Path, target: &str, seconds: u64) -> Result<(), String> {
    let bin_dir = cargo_fuzz.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .map_err(|e| e.to_string())?;
    tools::run(
        Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--", "-print_final_stats=1"])
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-max_len={}", max_len(target)))
            .env("PATH", path)
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("CARGO"),
    )
    .map_err(|e| {
        let artifacts = root().join("fuzz/artifacts").join(target);
        let found = std::fs::read_dir(&artifacts).is_ok_and(|mut d| d.next().is_some());
        if found {
            format!(
                "{e}: fuzz target `{target}` found a failing input in {}; make it a regression test in core",
                artifacts.display()
            )
        } else {
            format!("{e}: fuzz target `{target}` did not build or run")
        }
    })
}

/// Seeds from the vectors and the UA corpus (`core/examples/fuzz_seeds.rs`).
fn seed_corpora() -> Result<(), String> {
    tools::run(cargo().args(["run", "--quiet", "-p", "paysel-core", "--example", "fuzz_seeds"]))
}
