//! Shared plumbing for lanes: running commands, and installing toolchains
//! idempotently from the package registries.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One test lane.
pub struct Lane {
    /// Name used on the command line and in reports.
    pub name: &'static str,
    /// Runs the lane.
    pub run: fn() -> Outcome,
}

/// How a lane ended.
pub enum Outcome {
    /// Every check passed.
    Passed,
    /// The toolchain could not be installed; the message says how to install it.
    Skipped(String),
    /// A check failed.
    Failed(String),
}

impl From<Result<(), String>> for Outcome {
    fn from(r: Result<(), String>) -> Outcome {
        match r {
            Ok(()) => Outcome::Passed,
            Err(e) => Outcome::Failed(e),
        }
    }
}

/// True when running under CI (`CI=true`), where every lane is mandatory.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A cache folder for installed tools: `target/tools/`.
pub fn tools_dir() -> PathBuf {
    root().join("target").join("tools")
}

/// Runs a command in the workspace root, inheriting output.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    let status = cmd
        .current_dir_if_unset()
        .status()
        .map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// Runs a command and captures its stdout.
pub fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .current_dir_if_unset()
        .output()
        .map_err(|e| format!("{shown}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{shown} exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

trait CurrentDir {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl CurrentDir for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

/// `cargo` with the same toolchain that runs the xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// True when `program` runs with `--version`.
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Installs Debian packages that are missing. Needs root (CI and the dev
/// machines run as root); says how to install otherwise.
pub fn ensure_apt(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !output(Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .is_ok_and(|s| s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let hint = format!("install them with: sudo apt-get install -y {}", missing.join(" "));
    if !output(Command::new("id").arg("-u")).is_ok_and(|u| u.trim() == "0") {
        return Err(format!("missing Debian packages; {hint}"));
    }
    run(Command::new("apt-get").arg("update").arg("-qq")).map_err(|e| format!("{e}; {hint}"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| format!("{e}; {hint}"))
}

/// Adds a rustup target when it is missing.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| format!("{e}; install rustup from https://rustup.rs"))?;
    if installed.lines().any(|l| l.trim() == target) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", target]))
        .map_err(|e| format!("{e}; run: rustup target add {target}"))
}

/// `npm ci` (or `npm install` without a lockfile) in `dir`, skipped when
/// `node_modules` is newer than the lockfile.
pub fn ensure_npm_deps(dir: &Path) -> Result<(), String> {
    if !have("npm") {
        return Err("npm is missing; install Node.js 20+ and npm (apt-get install -y nodejs npm)".into());
    }
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (modified(&lock), modified(&stamp)) {
        (Some(l), Some(s)) => s >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let verb = if lock.exists() { "ci" } else { "install" };
    run(Command::new("npm")
        .args([verb, "--no-audit", "--no-fund"])
        .current_dir(dir))
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}
