//! Shared plumbing for lanes: running commands, and installing toolchains
//! idempotently from the package registries.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The version of the crate `name` in the workspace's lockfile, from
/// `cargo metadata`.
pub fn locked_version(name: &str) -> Result<String, String> {
    let metadata = output(cargo().args(["metadata", "--format-version", "1", "--locked"]))?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).map_err(|e| format!("cargo metadata: {e}"))?;
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == name)
        .and_then(|p| p["version"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("cargo metadata: no crate {name} in the workspace"))
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

/// `npm ci` of the one npm workspace at the repository root (bench,
/// bindings-wasm/js-tests, demo-web, tests/analyze and tools/), skipped while
/// `node_modules` is newer than `package-lock.json`.
pub fn ensure_npm_workspace() -> Result<(), String> {
    if !have("npm") {
        return Err("npm is missing; install Node.js 20+ and npm (apt-get install -y nodejs npm)".into());
    }
    let lock = root().join("package-lock.json");
    let stamp = root().join("node_modules").join(".package-lock.json");
    if matches!((modified(&lock), modified(&stamp)), (Some(l), Some(s)) if s >= l) {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// A text file, or an error that names it.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes a text file, or an error that names it.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Unpacks the npm package `name@version` into `target/tools/<name>-<version>/`
/// (with `npm pack`, so nothing is installed globally) and returns the
/// unpacked `package/` folder. Skipped when that version is already there.
pub fn ensure_npm_pack(name: &str, version: &str) -> Result<PathBuf, String> {
    let dir = tools_dir().join(format!("{name}-{version}"));
    let package = dir.join("package");
    if package.join("package.json").is_file() {
        return Ok(package);
    }
    if !have("npm") {
        return Err(format!(
            "npm is missing; install Node.js 20+ and npm (apt-get install -y nodejs npm), \
             or unpack `npm pack {name}@{version}` into {}",
            dir.display()
        ));
    }
    let staging = tools_dir().join(format!(".{name}-{version}.partial"));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    let tarball = output(
        Command::new("npm")
            .args([
                "pack",
                "--silent",
                &format!("{name}@{version}"),
                "--pack-destination",
            ])
            .arg(&staging),
    )?;
    let tarball = staging.join(tarball.lines().last().unwrap_or_default().trim());
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&staging))?;
    let _ = std::fs::remove_file(&tarball);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&staging, &dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(package)
}

/// A stable fingerprint of some files' paths and contents plus extra text,
/// for skipping work whose inputs have not changed.
pub fn fingerprint(files: &[PathBuf], extra: &str) -> Result<String, String> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    extra.hash(&mut hasher);
    let mut files = files.to_vec();
    files.sort();
    for file in &files {
        file.hash(&mut hasher);
        std::fs::read(file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .hash(&mut hasher);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// Every file under `dir` whose name ends with `suffix`, recursively.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_with_suffix(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Node.js `min_major` or newer, with npm. Installs Debian's `nodejs` and
/// `npm` when they are missing (as root); says how to install otherwise.
pub fn ensure_node(min_major: u32) -> Result<(), String> {
    let hint = format!("install Node.js {min_major}+ with npm (from nodejs.org or your distribution)");
    if !have("node") || !have("npm") {
        ensure_apt(&["nodejs", "npm"]).map_err(|e| format!("Node.js is missing: {e}; or {hint}"))?;
    }
    let version = output(Command::new("node").arg("--version"))?;
    let major = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    if major < min_major {
        return Err(format!("Node.js {} is too old; {hint}", version.trim()));
    }
    Ok(())
}

/// Node.js 20+ (for playwright-core) and Debian's Chromium, which
/// `tools/browser.mjs` drives; browser downloads do not work on our machines.
pub fn ensure_chromium() -> Result<(), String> {
    ensure_node(20)?;
    ensure_apt(&["chromium"])?;
    if Path::new("/usr/bin/chromium").is_file() {
        Ok(())
    } else {
        Err("/usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium".into())
    }
}

/// Installs the crate `name@version` with `cargo install` into
/// `target/tools/` and returns the path of its binary `bin`. Skipped when
/// that binary already reports `version`. No `--locked`: some CLIs' own
/// lockfiles name releases the registry here does not have.
pub fn ensure_cargo_install(name: &str, version: &str, bin: &str) -> Result<PathBuf, String> {
    let path = tools_dir().join("bin").join(bin);
    if output(Command::new(&path).arg("--version")).is_ok_and(|v| v.contains(version)) {
        return Ok(path);
    }
    run(cargo()
        .args(["install", name, "--version", version, "--root"])
        .arg(tools_dir()))
    .map_err(|e| {
        format!("{e}; install it with: cargo install {name} --version {version} --root target/tools")
    })?;
    Ok(path)
}
