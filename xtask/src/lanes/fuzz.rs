//! The fuzz lane: cargo-fuzz (libFuzzer, nightly) over the core's untrusted
//! inputs. Targets live in `fuzz/fuzz_targets/`; seeds are generated from the
//! conformance vectors and the User-Agent corpus into `fuzz/corpus/<target>/`
//! (git-ignored, like the corpus libFuzzer grows there).
//!
//! - `cargo xtask fuzz [--seconds N] [TARGET...]`: run each target (all by
//!   default) for N seconds (default 60), one after another.
//! - The `fuzz` lane of `cargo xtask test`: a 30-second smoke run per target.
//!
//! A crash leaves its input in `fuzz/artifacts/<target>/`; reproduce it with
//! `cargo +nightly fuzz run <target> <file>` and turn it into a regression
//! test in core.

use crate::tools::{self, ci, have, root, tools_dir, Outcome};
use serde_json::Value;
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
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

/// `cargo xtask fuzz [--seconds N] [TARGET...]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds = 60u64;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seconds needs a whole number")?;
            }
            t if TARGETS.contains(&t) => targets.push(t),
            other => {
                return Err(format!(
                    "unknown fuzz argument `{other}`; usage: cargo xtask fuzz [--seconds N] [{}]",
                    TARGETS.join("|")
                ))
            }
        }
    }
    if targets.is_empty() {
        targets.extend(TARGETS);
    }
    let cargo_fuzz = ensure_tools()?;
    seed_corpora()?;
    for target in targets {
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

/// Writes seed inputs for every target from `tests/vectors/` and `tests/ua/`.
fn seed_corpora() -> Result<(), String> {
    let root = root();
    let mut decide = BTreeSet::new();
    let mut envelopes = BTreeSet::new();
    let mut uas = BTreeSet::new();
    let default_policy =
        std::fs::read_to_string(root.join("core/src/default_policy.json")).map_err(|e| e.to_string())?;
    for file in json_files(&root.join("tests/vectors"))? {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        for case in doc.get("cases").and_then(Value::as_array).into_iter().flatten() {
            let context = match (case.get("context_text"), case.get("context")) {
                (Some(Value::String(t)), _) => t.clone(),
                (_, Some(c)) => c.to_string(),
                _ => "{}".to_owned(),
            };
            if let Some(ua) = case.pointer("/context/user_agent").and_then(Value::as_str) {
                uas.insert(ua.as_bytes().to_vec());
            }
            let policy = match (case.get("policy_text"), case.get("policy")) {
                (Some(Value::String(t)), _) => t.clone(),
                (_, Some(p @ Value::Object(_))) => p.to_string(),
                _ => default_policy.clone(),
            };
            let envelope = match (case.get("envelope_text"), case.get("envelope")) {
                (Some(Value::String(t)), _) => Some(t.clone()),
                (_, Some(e)) => Some(e.to_string()),
                _ => None,
            };
            match envelope {
                Some(envelope) => {
                    if let Some(p) = case.pointer("/envelope/policy").and_then(Value::as_str) {
                        decide.insert(joined(p, &context));
                    }
                    let now = case.get("now").and_then(Value::as_u64).unwrap_or(0);
                    let mut input = now.to_le_bytes().to_vec();
                    let min = case.get("min_version").and_then(Value::as_u64);
                    input.push(min.and_then(|m| u8::try_from(m).ok()).unwrap_or(0));
                    input.extend_from_slice(envelope.as_bytes());
                    envelopes.insert(input);
                }
                None => {
                    decide.insert(joined(&policy, &context));
                }
            }
        }
    }
    let ua_dir = root.join("tests/ua");
    if ua_dir.is_dir() {
        for entry in std::fs::read_dir(&ua_dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if !path.extension().is_some_and(|e| e == "jsonl" || e == "txt") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            {
                uas.insert(ua_of_line(line).into_bytes());
            }
        }
    }
    // The detect target reads hint flags from the first byte; 0 = no hints.
    let uas: BTreeSet<Vec<u8>> = uas
        .into_iter()
        .map(|ua| std::iter::once(0u8).chain(ua).collect())
        .collect();
    for (target, seeds) in [
        ("policy_decide", decide),
        ("envelope", envelopes),
        ("detect", uas),
    ] {
        let dir = root.join("fuzz").join("corpus").join(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let count = seeds.len();
        for seed in seeds {
            let mut h = DefaultHasher::new();
            seed.hash(&mut h);
            let file = dir.join(format!("seed-{:016x}", h.finish()));
            std::fs::write(&file, seed).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        eprintln!("fuzz: {count} seeds for {target} in {}", dir.display());
    }
    Ok(())
}

/// A User-Agent corpus line: a JSON object with `ua` or `user_agent`, or
/// the raw line.
fn ua_of_line(line: &str) -> String {
    serde_json::from_str::<Value>(line)
        .ok()
        .and_then(|v| {
            ["ua", "user_agent"]
                .iter()
                .find_map(|k| v.get(k).and_then(Value::as_str).map(str::to_owned))
        })
        .unwrap_or_else(|| line.to_owned())
}

/// Policy text and context text, as the policy_decide target splits them.
fn joined(policy: &str, context: &str) -> Vec<u8> {
    let mut v = policy.as_bytes().to_vec();
    v.push(0);
    v.extend_from_slice(context.as_bytes());
    v
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}
