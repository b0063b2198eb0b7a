//! File and terminal plumbing shared by the commands.

use std::io::Write;
use std::path::Path;

/// Reads a UTF-8 file, naming it in every error.
pub fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 ({e})", path.display()))
}

/// One line naming the file, the error code, the JSON path and the problem.
pub fn located(path: &Path, e: &paysel_core::Error) -> String {
    format!("{}: [{}] {e}", path.display(), e.code())
}

/// Loads an engine from a policy file, or the embedded default.
pub fn engine(policy: Option<&Path>) -> Result<paysel_core::Engine, String> {
    match policy {
        Some(path) => paysel_core::Engine::from_policy_json(&read(path)?).map_err(|e| located(path, &e)),
        None => Ok(paysel_core::Engine::with_default_policy()),
    }
}

/// Prints a line on stdout.
pub fn print(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(stdout_failed)
}

/// The error of a failed write to stdout. When the reader has gone away
/// (`paysel simulate P | head`), the output was cut short on purpose: like
/// other command-line tools, paysel then stops at once, quietly, with
/// status 0, instead of reporting a broken pipe.
pub fn stdout_failed(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    format!("stdout: {e}")
}

/// Pretty JSON of any serializable value.
pub fn pretty<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

/// A command-line value read by its wire name (`--host wechat`), with the
/// values it could be when it is none of them.
pub fn wire_value<T: paysel_core::WireEnum>(text: &str) -> Result<T, String> {
    T::ALL
        .iter()
        .copied()
        .find(|v| v.as_str() == text)
        .ok_or_else(|| {
            let all: Vec<&str> = T::ALL.iter().map(|v| v.as_str()).collect();
            format!("expected one of {}", all.join(", "))
        })
}

/// `part` as a percentage of `whole`, e.g. `12.5%`.
pub fn pct(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.1}%", 100.0 * part / whole)
    } else {
        "-".to_owned()
    }
}

/// `n` with thousands separators, e.g. `125,736`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
