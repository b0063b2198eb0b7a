//! The WASM lane and the npm package build.
//!
//! `cargo xtask wasm` builds the npm package `paysel` into
//! `bindings-wasm/pkg/` (gitignored):
//!
//! - `paysel.js` + `paysel_bg.wasm`: ESM for browsers and bundlers
//!   (`wasm-bindgen --target web`), the `default` export condition;
//! - `node/paysel.js` + its `.wasm`: CommonJS (`--target nodejs`), the
//!   `node.require` condition; `node/index.mjs` loads the browser build
//!   synchronously for `node.import`;
//! - `paysel.d.ts`: the API's types, generated from the Rust types (tsify and
//!   wasm-bindgen); `index.d.ts` and `node/index.d.mts` add the loader's types;
//! - `package.json` and `README.md` from the templates in `bindings-wasm/npm/`.
//!
//! `cargo xtask test wasm` builds it and then tests it: the wasm-bindgen-test
//! suite in Node and in headless Chromium, the built package through
//! `node --test` (conformance vectors, User-Agent corpus, bad input from JS),
//! `tsc --noEmit --strict` over consumer files, no `any` in the public
//! declarations, and the size budget.

use crate::tools::{self, cargo, ci, output, root, run, tools_dir, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TARGET: &str = "wasm32-unknown-unknown";
/// Must equal the `=` pin of `wasm-bindgen` in the root Cargo.toml.
const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// Chromium and its WebDriver, for the browser suite.
const BROWSER_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// The size target: the browser `.wasm` plus its JS glue, gzipped.
const TARGET_GZIP_BYTES: u64 = 60 * 1024;
/// What the lane enforces today: the current size (86.6 KiB) plus a little
/// headroom, so that growth is caught. It sits above [`TARGET_GZIP_BYTES`]:
/// the target is missed (see `bindings-wasm/README.md` for where the bytes
/// go); lower it as the package shrinks.
const CEILING_GZIP_BYTES: u64 = 88 * 1024;
/// wasm-opt passes: `-Oz` without inlining single-caller functions, which
/// measured smallest gzipped (plain `-Oz` shrinks the raw file but grows the
/// gzipped one).
const WASM_OPT_FLAGS: [&str; 2] = ["-Oz", "--one-caller-inline-max-function-size=0"];

fn crate_dir() -> PathBuf {
    root().join("bindings-wasm")
}

fn pkg_dir() -> PathBuf {
    crate_dir().join("pkg")
}

fn js_tests_dir() -> PathBuf {
    crate_dir().join("js-tests")
}

/// The installed toolchain, or why it could not be installed.
struct Toolchain {
    wasm_bindgen: PathBuf,
    test_runner: PathBuf,
}

fn toolchain() -> Result<Toolchain, String> {
    tools::ensure_rust_target(TARGET)?;
    let wasm_bindgen = tools::ensure_cargo_install("wasm-bindgen-cli", WASM_BINDGEN_VERSION, "wasm-bindgen")?;
    let test_runner = tools_dir().join("bin").join("wasm-bindgen-test-runner");
    Ok(Toolchain {
        wasm_bindgen,
        test_runner,
    })
}

/// Builds the npm package into `bindings-wasm/pkg/`.
pub fn build_package() -> Result<(), String> {
    let toolchain = toolchain()?;
    build(&toolchain).map(|_| ())
}

/// Sizes of the browser build, in bytes.
struct Sizes {
    wasm: u64,
    wasm_gzip: u64,
    glue: u64,
    glue_gzip: u64,
}

fn build(toolchain: &Toolchain) -> Result<Sizes, String> {
    run(cargo().args([
        "build",
        "--quiet",
        "--target",
        TARGET,
        "--profile",
        "release-wasm",
        "-p",
        "paysel-wasm",
    ]))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let wasm = target_dir
        .join(TARGET)
        .join("release-wasm")
        .join("paysel_wasm.wasm");
    let pkg = pkg_dir();
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;
    }
    let bindgen = |target: &str, out: &Path, typescript: bool| {
        let mut cmd = Command::new(&toolchain.wasm_bindgen);
        cmd.args(["--target", target, "--out-name", "paysel"])
            .args(["--remove-name-section", "--remove-producers-section"])
            .arg("--out-dir")
            .arg(out)
            .arg(&wasm);
        if !typescript {
            cmd.arg("--no-typescript");
        }
        run(&mut cmd)
    };
    // The browser build's own declarations are replaced by the API's
    // (`paysel.d.ts`) plus `index.d.ts`: wasm-bindgen's loader declarations
    // type the raw WebAssembly exports with `any`.
    bindgen("web", &pkg, false)?;
    bindgen("nodejs", &pkg.join("node"), true)?;
    remove(&pkg.join("node").join("paysel_bg.wasm.d.ts"))?;
    copy(&pkg.join("node").join("paysel.d.ts"), &pkg.join("paysel.d.ts"))?;
    copy_templates(&crate_dir().join("npm"), &pkg)?;
    let manifest = pkg.join("package.json");
    let text = read(&manifest)?.replace("0.0.0-template", &workspace_version()?);
    write(&manifest, &text)?;

    let browser_wasm = pkg.join("paysel_bg.wasm");
    let before = gzip_size(&browser_wasm)?;
    let raw_before = file_size(&browser_wasm)?;
    match wasm_opt() {
        Ok(wasm_opt) => {
            for file in [browser_wasm.clone(), pkg.join("node").join("paysel_bg.wasm")] {
                run(Command::new("node")
                    .arg(&wasm_opt)
                    .args(WASM_OPT_FLAGS)
                    .arg(&file)
                    .arg("-o")
                    .arg(&file))?;
            }
            eprintln!(
                "wasm-opt {}: paysel_bg.wasm {} -> {} raw, {} -> {} gzipped",
                WASM_OPT_FLAGS.join(" "),
                kb(raw_before),
                kb(file_size(&browser_wasm)?),
                kb(before),
                kb(gzip_size(&browser_wasm)?)
            );
        }
        Err(e) if ci() => return Err(format!("wasm-opt is unavailable: {e}")),
        Err(e) => eprintln!("warning: skipping wasm-opt ({e})"),
    }
    let glue = pkg.join("paysel.js");
    let sizes = Sizes {
        wasm: file_size(&browser_wasm)?,
        wasm_gzip: gzip_size(&browser_wasm)?,
        glue: file_size(&glue)?,
        glue_gzip: gzip_size(&glue)?,
    };
    eprintln!(
        "built {}: paysel_bg.wasm {} ({} gzipped), paysel.js {} ({} gzipped)",
        pkg.display(),
        kb(sizes.wasm),
        kb(sizes.wasm_gzip),
        kb(sizes.glue),
        kb(sizes.glue_gzip)
    );
    Ok(sizes)
}

/// The npm dependencies of the JS tests (TypeScript, binaryen's wasm-opt),
/// pinned by `js-tests/package-lock.json`. Needs `pkg/package.json`, which
/// the tests link to.
fn npm_deps() -> Result<(), String> {
    tools::ensure_npm_deps(&js_tests_dir())
}

/// binaryen's wasm-opt from npm (Debian's binaryen is too old for current
/// rustc output); it runs under Node.
fn wasm_opt() -> Result<PathBuf, String> {
    npm_deps()?;
    let path = js_tests_dir().join("node_modules/binaryen/bin/wasm-opt");
    output(Command::new("node").arg(&path).arg("--version"))?;
    Ok(path)
}

/// One named check of the lane.
type Step<'a> = (&'static str, Box<dyn Fn() -> Result<(), String> + 'a>);

/// Builds and tests the npm package in Node and headless Chromium.
pub fn lane() -> Outcome {
    let started = Instant::now();
    let toolchain = match toolchain() {
        Ok(t) => t,
        Err(e) => return Outcome::Skipped(e),
    };
    if let Err(e) = npm_prerequisite() {
        return Outcome::Skipped(e);
    }
    let sizes = match build(&toolchain) {
        Ok(sizes) => sizes,
        Err(e) => return Outcome::Failed(e),
    };
    let mut steps: Vec<Step<'_>> = vec![
        ("clippy (wasm32)", Box::new(clippy_wasm)),
        ("native unit tests", Box::new(native_tests)),
        (
            "wasm-bindgen-test in Node",
            Box::new(|| wasm_tests(&toolchain, "node", None)),
        ),
    ];
    match tools::ensure_apt(&BROWSER_PACKAGES) {
        Ok(()) => steps.push((
            "wasm-bindgen-test in headless Chromium",
            Box::new(|| wasm_tests(&toolchain, "browser", Some(Path::new("/usr/bin/chromedriver")))),
        )),
        Err(e) if ci() => return Outcome::Skipped(e),
        Err(e) => eprintln!("warning: skipping the browser suite: {e}"),
    }
    steps.push(("node --test against the built package", Box::new(node_tests)));
    steps.push(("tsc --noEmit --strict", Box::new(typecheck)));
    steps.push(("no `any` in the public .d.ts", Box::new(no_any)));
    steps.push(("size budget", Box::new(move || budget(&sizes))));
    for (name, step) in &steps {
        eprintln!("--> wasm: {name}");
        if let Err(e) = step() {
            return Outcome::Failed(format!("{name}: {e}"));
        }
    }
    eprintln!("wasm lane: every step passed in {:.1?}", started.elapsed());
    Outcome::Passed
}

fn npm_prerequisite() -> Result<(), String> {
    if tools::have("node") && tools::have("npm") {
        Ok(())
    } else {
        Err("Node.js and npm are missing; install Node.js 20+ (apt-get install -y nodejs npm)".into())
    }
}

/// Clippy over the crate and its wasm-only tests, which the workspace's
/// host-target clippy does not compile.
fn clippy_wasm() -> Result<(), String> {
    run(cargo().args([
        "clippy",
        "--quiet",
        "--target",
        TARGET,
        "-p",
        "paysel-wasm",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// The crate's plain `#[test]`s, on the host.
fn native_tests() -> Result<(), String> {
    run(cargo().args(["test", "--quiet", "-p", "paysel-wasm", "--lib"]))
}

/// One wasm-bindgen-test binary (`tests/<name>.rs`). No `-q`: cargo would
/// pass `--quiet` on to the runner, which refuses it.
fn wasm_tests(toolchain: &Toolchain, name: &str, chromedriver: Option<&Path>) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["test", "--target", TARGET, "-p", "paysel-wasm", "--test", name])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            &toolchain.test_runner,
        );
    if let Some(driver) = chromedriver {
        cmd.env("CHROMEDRIVER", driver);
    }
    run(&mut cmd)
}

fn node_tests() -> Result<(), String> {
    npm_deps()?;
    run(Command::new("node").args(["--test"]).current_dir(js_tests_dir()))
}

fn typecheck() -> Result<(), String> {
    let tsc = js_tests_dir().join("node_modules/typescript/bin/tsc");
    for config in ["tsconfig.json", "tsconfig.node.json"] {
        run(Command::new("node")
            .arg(&tsc)
            .args(["--noEmit", "--strict", "-p", config])
            .current_dir(js_tests_dir()))?;
    }
    Ok(())
}

/// Every `.d.ts` the package exposes, scanned for an `any` type outside
/// comments.
fn no_any() -> Result<(), String> {
    let pkg = pkg_dir();
    let mut found = Vec::new();
    let mut files = tools::files_with_suffix(&pkg, ".d.ts");
    files.extend(tools::files_with_suffix(&pkg, ".d.mts"));
    if files.is_empty() {
        return Err(format!("no declarations in {}", pkg.display()));
    }
    for file in &files {
        let mut in_comment = false;
        for (i, line) in read(file)?.lines().enumerate() {
            let code = strip_comments(line, &mut in_comment);
            if code
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|word| word == "any")
            {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    eprintln!("checked {} declaration files for `any`", files.len());
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!("`any` in the public types:\n{}", found.join("\n")))
    }
}

/// The code part of one line of TypeScript, given whether a block comment
/// is open; string literals never hold `//` or `/*` in our declarations.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut code = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("*/") {
                Some(end) => {
                    *in_comment = false;
                    rest = rest.get(end + 2..).unwrap_or_default();
                }
                None => return code,
            }
        } else {
            let block = rest.find("/*");
            let line_comment = rest.find("//");
            match (block, line_comment) {
                (Some(b), Some(l)) if l < b => {
                    code.push_str(rest.get(..l).unwrap_or_default());
                    return code;
                }
                (Some(b), _) => {
                    code.push_str(rest.get(..b).unwrap_or_default());
                    *in_comment = true;
                    rest = rest.get(b + 2..).unwrap_or_default();
                }
                (None, Some(l)) => {
                    code.push_str(rest.get(..l).unwrap_or_default());
                    return code;
                }
                (None, None) => {
                    code.push_str(rest);
                    return code;
                }
            }
        }
    }
}

fn budget(sizes: &Sizes) -> Result<(), String> {
    let total = sizes.wasm_gzip + sizes.glue_gzip;
    println!(
        "size: paysel_bg.wasm {} raw / {} gzipped; paysel.js {} raw / {} gzipped; total {} gzipped \
         (target {}, ceiling {})",
        kb(sizes.wasm),
        kb(sizes.wasm_gzip),
        kb(sizes.glue),
        kb(sizes.glue_gzip),
        kb(total),
        kb(TARGET_GZIP_BYTES),
        kb(CEILING_GZIP_BYTES)
    );
    if total > TARGET_GZIP_BYTES {
        println!(
            "size: MISS: {} over the {} target (see bindings-wasm/README.md for where the bytes go)",
            kb(total - TARGET_GZIP_BYTES),
            kb(TARGET_GZIP_BYTES)
        );
    }
    if total > CEILING_GZIP_BYTES {
        return Err(format!(
            "the package grew to {} gzipped, above the ceiling of {}",
            kb(total),
            kb(CEILING_GZIP_BYTES)
        ));
    }
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `gzip -9` size, as a CDN would serve the file.
fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if out.status.success() {
        Ok(out.stdout.len() as u64)
    } else {
        Err(format!("gzip {} failed", path.display()))
    }
}

/// The workspace version (`[workspace.package] version`), for package.json.
fn workspace_version() -> Result<String, String> {
    let manifest = read(&root().join("Cargo.toml"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("version").map(str::trim) {
                if let Some(value) = value.strip_prefix('=') {
                    return Ok(value.trim().trim_matches('"').to_owned());
                }
            }
        }
    }
    Err("no [workspace.package] version in Cargo.toml".into())
}

/// Copies every file under `from` into `to`, keeping the folder layout.
fn copy_templates(from: &Path, to: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            copy_templates(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} to {}: {e}", from.display(), to.display()))
}

fn remove(path: &Path) -> Result<(), String> {
    std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::strip_comments;

    #[test]
    fn comments_are_not_code() {
        let mut open = false;
        assert_eq!(strip_comments("a: any; // any", &mut open), "a: any; ");
        assert_eq!(strip_comments("/** any */ b: string;", &mut open), " b: string;");
        assert_eq!(strip_comments("x /* any", &mut open), "x ");
        assert!(open);
        assert_eq!(strip_comments(" * any output", &mut open), "");
        assert_eq!(strip_comments("*/ c: unknown;", &mut open), " c: unknown;");
        assert!(!open);
    }
}
