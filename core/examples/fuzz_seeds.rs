//! Seed inputs for the fuzz targets in `fuzz/fuzz_targets/`, from the
//! conformance vectors (`tests/vectors/`) and the User-Agent corpus
//! (`tests/ua/`), written to `fuzz/corpus/<target>/` (git-ignored, like the
//! corpus libFuzzer grows there). `cargo xtask fuzz` and the fuzz lane run
//! it before fuzzing:
//!
//! ```sh
//! cargo run -p paysel-core --example fuzz_seeds
//! ```
//!
//! Each seed is in the layout its target reads: `policy NUL context` for
//! `policy_decide`, `now (u64 LE) · min_version (u8) · envelope` for
//! `envelope`, and `hint flags (u8) · User-Agent` for `detect`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() -> std::process::ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match seed_corpora(&root) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fuzz_seeds: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Writes seed inputs for every target from `tests/vectors/` and `tests/ua/`.
fn seed_corpora(root: &Path) -> Result<(), String> {
    let mut decide = BTreeSet::new();
    let mut envelopes = BTreeSet::new();
    let mut uas = BTreeSet::new();
    let default_policy = paysel_core::DEFAULT_POLICY_JSON.to_owned();
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
