//! The WASM lane and the npm package build.
//!
//! `cargo xtask wasm` builds the npm package `paysel` into
//! `bindings-wasm/pkg/` (gitignored). It has two entries, each a build of
//! `bindings-wasm` with its own `.wasm` (see [`build_entry`] for the files):
//!
//! - `paysel` (`pkg/`): the whole API but signed policies;
//! - `paysel/signed` (`pkg/signed/`): the same API plus
//!   `Engine.fromSignedPolicy` and `applySignedPolicy` (the crate's `signed`
//!   feature), which carry Ed25519 verification.
//!
//! `package.json` and `README.md` come from the templates in
//! `bindings-wasm/npm/`; `integrity.json` (the SHA-384 of every file a
//! browser loads) is written by `bindings-wasm/npm/integrity.mjs`.
//!
//! `cargo xtask test wasm` builds it and then tests it: the wasm-bindgen-test
//! suite in Node and in headless Chromium, the built package through
//! `node --test` (conformance vectors and errors.json's binding cases
//! through both entries, User-Agent corpus, plans, the packed tarball and its
//! integrity.json, trap recovery, and `cargo xtask bench`'s web part in its
//! quick form), a Vite app using both entries in headless Chromium under a
//! payment page's strict Content Security Policy, `paysel/plan` and the
//! server-rendered example in headless Chromium (`js-tests/plan/browser.mjs`),
//! `tsc --noEmit --strict` over consumer files, typescript-eslint's
//! `no-explicit-any` over the public declarations, and the size ceilings.
//! `paysel/plan` (`npm/plan.js`) ships as written, beside the entries.

use crate::tools::{self, cargo, ci, output, read, root, run, tools_dir, write, Outcome};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TARGET: &str = "wasm32-unknown-unknown";
/// Chromium and its WebDriver, for the browser suite.
const BROWSER_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// The size ceiling of the `paysel` entry: its `.wasm` plus the JS a
/// browser loads with it (`paysel.js`, the glue and its snippet), gzipped.
/// Issue 19's budget is 100,000 bytes and is not met: with serde the entry
/// measures 145,793 (2026-12-04, every branch of the wave merged: 134,960 of
/// `.wasm`, 10,833 of JS; 136,658 before issue 22's `plan()` and issue 20's
/// and 23's policy fields and notes joined it; the levers tried are in the
/// bindings-wasm README). The lane holds that size plus 3 KB, so that growth
/// is caught.
const CEILING_GZIP_BYTES: u64 = 148_800;
/// The ceiling of the `paysel/signed` entry, which adds Ed25519
/// verification (issue 19's budget: 115,000 bytes; measured 163,582).
const SIGNED_CEILING_GZIP_BYTES: u64 = 166_600;
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
    // The CLI must be the exact version of the crate the workspace locks.
    let version = tools::locked_version("wasm-bindgen")?;
    let wasm_bindgen = tools::ensure_cargo_install("wasm-bindgen-cli", &version, "wasm-bindgen")?;
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

/// One entry of the npm package: its own `.wasm`, glue and types.
#[derive(Clone, Copy, PartialEq)]
enum Entry {
    /// `paysel`: everything but signed policies.
    Default,
    /// `paysel/signed`: the same API plus signed policies (the crate's
    /// `signed` feature), in `pkg/signed/`.
    Signed,
}

impl Entry {
    const ALL: [Entry; 2] = [Entry::Default, Entry::Signed];

    fn name(self) -> &'static str {
        match self {
            Entry::Default => "paysel",
            Entry::Signed => "paysel/signed",
        }
    }

    /// The entry's folder in a package folder.
    fn dir(self, pkg: &Path) -> PathBuf {
        match self {
            Entry::Default => pkg.to_path_buf(),
            Entry::Signed => pkg.join("signed"),
        }
    }

    fn features(self) -> &'static [&'static str] {
        match self {
            Entry::Default => &[],
            Entry::Signed => &["signed"],
        }
    }

    /// The most the entry may weigh, gzipped, and what that limit is.
    fn limit(self) -> (u64, &'static str) {
        match self {
            Entry::Default => (CEILING_GZIP_BYTES, "ceiling"),
            Entry::Signed => (SIGNED_CEILING_GZIP_BYTES, "ceiling"),
        }
    }
}

/// Sizes of one entry's browser build, in bytes.
struct Sizes {
    entry: Entry,
    wasm: u64,
    wasm_gzip: u64,
    glue: u64,
    glue_gzip: u64,
}

/// Builds the shipped package into `bindings-wasm/pkg/`.
fn build(toolchain: &Toolchain) -> Result<Vec<Sizes>, String> {
    build_into(toolchain, &pkg_dir(), &[])
}

/// Where the trap-recovery tests find a copy of the package built with the
/// crate's `trap-for-tests` feature (js-tests/test/trap.test.mjs).
fn trap_pkg_dir() -> PathBuf {
    root().join("target").join("paysel-trap-pkg")
}

/// Builds every entry into `pkg`, with the crate's `features` on top of each
/// entry's own, then the package's own files.
fn build_into(toolchain: &Toolchain, pkg: &Path, features: &[&str]) -> Result<Vec<Sizes>, String> {
    let pkg = pkg.to_path_buf();
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;
    }
    let wasm_opt = match wasm_opt() {
        Ok(path) => Some(path),
        Err(e) if ci() => return Err(format!("wasm-opt is unavailable: {e}")),
        Err(e) => {
            eprintln!("warning: skipping wasm-opt ({e})");
            None
        }
    };
    let mut sizes = Vec::new();
    for entry in Entry::ALL {
        sizes.push(build_entry(
            toolchain,
            entry,
            &pkg,
            features,
            wasm_opt.as_deref(),
        )?);
    }
    let npm = crate_dir().join("npm");
    // `paysel/plan` (plan.js, plan.d.ts) ships as written: no WebAssembly.
    for file in ["package.json", "README.md", "plan.js", "plan.d.ts"] {
        copy(&npm.join(file), &pkg.join(file))?;
    }
    let manifest = pkg.join("package.json");
    // The xtask inherits the workspace version.
    let text = read(&manifest)?.replace("0.0.0-template", env!("CARGO_PKG_VERSION"));
    write(&manifest, &text)?;
    // The SHA-384 of every file a browser loads, for Subresource Integrity.
    run(Command::new("node").arg(npm.join("integrity.mjs")).arg(&pkg))?;
    Ok(sizes)
}

/// Builds one entry into its folder:
///
/// - `glue/paysel.js` + `glue/paysel_bg.wasm` (+ `glue/snippets/`): the
///   ESM glue (`wasm-bindgen --target web`), which `paysel.js` wraps in the
///   trap guard; the one `.wasm` of the entry, which browsers, bundlers and
///   Node all load;
/// - `node/index.mjs`, Node's `import`, loads it synchronously;
///   `node/paysel.js`, Node's `require`, is that module through require();
/// - `paysel.d.ts`, the API's types (from a `--target nodejs` run whose JS
///   is not shipped), re-exported by `node/paysel.d.ts`, plus the loader's
///   in `index.d.ts` and `node/index.d.mts` (templates in
///   `bindings-wasm/npm/entry/`, where `@include wrap.js` takes the guard).
fn build_entry(
    toolchain: &Toolchain,
    entry: Entry,
    pkg: &Path,
    features: &[&str],
    wasm_opt: Option<&Path>,
) -> Result<Sizes, String> {
    let features = [entry.features(), features].concat().join(",");
    run(cargo()
        .args([
            "build",
            "--quiet",
            "--target",
            TARGET,
            "--profile",
            "release-wasm",
            "-p",
            "paysel-wasm",
        ])
        .args(
            if features.is_empty() {
                None
            } else {
                Some(["--features", &features])
            }
            .into_iter()
            .flatten(),
        ))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let wasm = target_dir
        .join(TARGET)
        .join("release-wasm")
        .join("paysel_wasm.wasm");
    let dir = entry.dir(pkg);
    let bindgen = |target: &str, out: &Path, keep_names: bool| {
        let mut cmd = Command::new(&toolchain.wasm_bindgen);
        cmd.args(["--target", target, "--out-name", "paysel"])
            // `__wbg_reset_state`, with which the trap guard replaces a
            // trapped instance.
            .arg("--experimental-reset-state-function")
            .arg("--out-dir")
            .arg(out)
            .arg(&wasm);
        if keep_names {
            cmd.arg("--keep-debug");
        } else {
            cmd.args(["--remove-name-section", "--remove-producers-section"]);
        }
        if target == "web" {
            cmd.arg("--no-typescript");
        }
        run(&mut cmd)
    };
    // The browser build's own declarations are replaced by the API's
    // (`paysel.d.ts`) plus `index.d.ts`: wasm-bindgen's loader declarations
    // type the raw WebAssembly exports with `any`.
    let glue_dir = dir.join("glue");
    bindgen("web", &glue_dir, false)?;
    let scratch = target_dir.join("paysel-wasm-build").join(entry.name());
    let _ = std::fs::remove_dir_all(&scratch);
    bindgen("nodejs", &scratch.join("types"), false)?;
    // The reset function is the guard's, not the API's.
    let types = read(&scratch.join("types").join("paysel.d.ts"))?
        .lines()
        .filter(|line| !line.contains("__wbg_reset_state"))
        .map(|line| format!("{line}\n"))
        .collect::<String>();
    write(&dir.join("paysel.d.ts"), &types)?;
    let entry_templates = crate_dir().join("npm").join("entry");
    let guard = read(&entry_templates.join("wrap.js"))?;
    copy_templates(&entry_templates, &dir, &guard)?;
    if features.contains("trap-for-tests") {
        // The ESM entry names its exports; the test build has one more.
        let esm = dir.join("paysel.js");
        let text = read(&esm)? + "export const { __trapForTests } = paysel;\n";
        write(&esm, &text)?;
    }

    let browser_wasm = glue_dir.join("paysel_bg.wasm");
    let before = gzip_size(&browser_wasm)?;
    let raw_before = file_size(&browser_wasm)?;
    if let Some(wasm_opt) = wasm_opt {
        run(Command::new("node")
            .arg(wasm_opt)
            .args(WASM_OPT_FLAGS)
            .arg(&browser_wasm)
            .arg("-o")
            .arg(&browser_wasm))?;
        // A copy with the function names, for `cargo xtask bench`'s twiggy
        // breakdown: the same code as the shipped file.
        let named = scratch.join("named");
        bindgen("web", &named, true)?;
        let named = named.join("paysel_bg.wasm");
        run(Command::new("node")
            .arg(wasm_opt)
            .args(WASM_OPT_FLAGS)
            .arg("-g")
            .arg(&named)
            .arg("-o")
            .arg(&named))?;
        eprintln!(
            "{}: wasm-opt {}: paysel_bg.wasm {} -> {} raw, {} -> {} gzipped",
            entry.name(),
            WASM_OPT_FLAGS.join(" "),
            kb(raw_before),
            kb(file_size(&browser_wasm)?),
            kb(before),
            kb(gzip_size(&browser_wasm)?)
        );
    }
    // What a browser loads: the guard, the glue and its snippets beside the
    // .wasm.
    let js: Vec<PathBuf> = std::iter::once(dir.join("paysel.js"))
        .chain(tools::files_with_suffix(&glue_dir, ".js"))
        .collect();
    let sizes = Sizes {
        entry,
        wasm: file_size(&browser_wasm)?,
        wasm_gzip: gzip_size(&browser_wasm)?,
        glue: js.iter().map(|f| file_size(f)).sum::<Result<u64, String>>()?,
        glue_gzip: js.iter().map(|f| gzip_size(f)).sum::<Result<u64, String>>()?,
    };
    eprintln!(
        "built {} in {}: paysel_bg.wasm {} ({} gzipped), JS {} ({} gzipped)",
        entry.name(),
        dir.display(),
        kb(sizes.wasm),
        kb(sizes.wasm_gzip),
        kb(sizes.glue),
        kb(sizes.glue_gzip)
    );
    Ok(sizes)
}

/// The npm dependencies of the JS tests (TypeScript, binaryen's wasm-opt),
/// pinned by the root `package-lock.json`.
fn npm_deps() -> Result<(), String> {
    tools::ensure_npm_workspace()
}

/// `bin` of the npm package `name`, as the JS tests resolve it.
fn js_tests_bin(name: &str, bin: &str) -> Result<PathBuf, String> {
    Ok(tools::node_package(&js_tests_dir(), name)?.join(bin))
}

/// binaryen's wasm-opt from npm (Debian's binaryen is too old for current
/// rustc output); it runs under Node.
fn wasm_opt() -> Result<PathBuf, String> {
    npm_deps()?;
    let path = js_tests_bin("binaryen", "bin/wasm-opt")?;
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
    let browser = match tools::ensure_apt(&BROWSER_PACKAGES) {
        Ok(()) => true,
        Err(e) if ci() => return Outcome::Skipped(e),
        Err(e) => {
            eprintln!("warning: skipping the browser suite and the Vite app: {e}");
            false
        }
    };
    if browser {
        steps.push((
            "tools/browser.mjs: webdriver.json's flags, the static server",
            Box::new(browser_module),
        ));
        steps.push((
            "wasm-bindgen-test in headless Chromium",
            Box::new(|| wasm_tests(&toolchain, "browser", Some(Path::new("/usr/bin/chromedriver")))),
        ));
    }
    steps.push((
        "the trap-test build of the package",
        Box::new(|| build_into(&toolchain, &trap_pkg_dir(), &["trap-for-tests"]).map(|_| ())),
    ));
    steps.push(("node --test against the built package", Box::new(node_tests)));
    if browser {
        steps.push(("a Vite app in headless Chromium", Box::new(vite_app)));
        steps.push((
            "paysel/plan and the server-rendered example in headless Chromium",
            Box::new(plan_browser),
        ));
    }
    steps.push(("tsc --noEmit --strict", Box::new(typecheck)));
    steps.push(("no `any` in the public .d.ts (eslint)", Box::new(no_any)));
    steps.push(("size ceilings", Box::new(move || budget(&sizes))));
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
/// host-target clippy does not compile, once per entry's feature set.
fn clippy_wasm() -> Result<(), String> {
    for entry in Entry::ALL {
        run(cargo()
            .args([
                "clippy",
                "--quiet",
                "--target",
                TARGET,
                "-p",
                "paysel-wasm",
                "--all-targets",
            ])
            .args(entry.features().iter().flat_map(|f| ["--features", f]))
            .args(["--", "-D", "warnings"]))?;
    }
    Ok(())
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
        // The runner gives chromedriver 5 s to bind its port; a busy 2-core
        // machine sometimes needs more.
        if std::env::var_os("WASM_BINDGEN_TEST_DRIVER_TIMEOUT").is_none() {
            cmd.env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60");
        }
    }
    run(&mut cmd)
}

fn node_tests() -> Result<(), String> {
    npm_deps()?;
    run(Command::new("node").args(["--test"]).current_dir(js_tests_dir()))
}

/// `js-tests/vite-app/`: a two-page app (one page per entry) built with
/// Vite, which must emit the `.wasm` as an asset without any plugin, served
/// on 127.0.0.1 and checked in headless Chromium with a WeChat User-Agent
/// (`vite-app/e2e.mjs` serves and drives it through `tools/browser.mjs`).
fn vite_app() -> Result<(), String> {
    npm_deps()?;
    let dir = js_tests_dir();
    run(Command::new("node")
        .arg(js_tests_bin("vite", "bin/vite.js")?)
        .args(["build", "--config", "vite-app/vite.config.mjs"])
        .current_dir(&dir))?;
    run(Command::new("node")
        .arg("vite-app/e2e.mjs")
        .arg(root().join("target").join("vite-app"))
        .current_dir(&dir))
}

/// `js-tests/plan/browser.mjs`: the plan vectors picked by `paysel/plan`
/// with stand-in and real probe APIs, and the server-rendered example.
fn plan_browser() -> Result<(), String> {
    run(Command::new("node")
        .args(["--test", "plan/browser.mjs"])
        .current_dir(js_tests_dir()))
}

/// `tools/browser.test.mjs`: `webdriver.json` holds the shared Chromium
/// flags, and the shared static server serves what the browser tests need.
fn browser_module() -> Result<(), String> {
    npm_deps()?;
    run(Command::new("node").args(["--test", "tools/"]))
}

fn typecheck() -> Result<(), String> {
    let tsc = js_tests_bin("typescript", "bin/tsc")?;
    for config in ["tsconfig.json", "tsconfig.node.json"] {
        run(Command::new("node")
            .arg(&tsc)
            .args(["--noEmit", "--strict", "-p", config])
            .current_dir(js_tests_dir()))?;
    }
    Ok(())
}

/// typescript-eslint's `no-explicit-any` over every `.d.ts` and `.d.mts` the
/// package ships (`bindings-wasm/eslint.config.mjs`).
fn no_any() -> Result<(), String> {
    let eslint = js_tests_bin("eslint", "bin/eslint.js")?;
    run(Command::new("node")
        .arg(eslint)
        // wasm-bindgen opens its declarations with `/* eslint-disable */`.
        .args(["--no-inline-config", "--max-warnings", "0"])
        .args(["pkg/**/*.d.ts", "pkg/**/*.d.mts"])
        .current_dir(crate_dir()))
}

/// Each entry's browser `.wasm` plus glue, gzipped, against its limit.
fn budget(sizes: &[Sizes]) -> Result<(), String> {
    let mut over = Vec::new();
    for s in sizes {
        let total = s.wasm_gzip + s.glue_gzip;
        let (limit, what) = s.entry.limit();
        println!(
            "size of {}: paysel_bg.wasm {} raw / {} gzipped; paysel.js {} raw / {} gzipped; \
             total {} gzipped ({what} {}, {} left)",
            s.entry.name(),
            kb(s.wasm),
            kb(s.wasm_gzip),
            kb(s.glue),
            kb(s.glue_gzip),
            kb(total),
            kb(limit),
            kb(limit.saturating_sub(total)),
        );
        if total > limit {
            over.push(format!(
                "{} is {} gzipped, above its {what} of {}",
                s.entry.name(),
                kb(total),
                kb(limit)
            ));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}

/// Bytes and KiB, e.g. `52,224 B (51.0 KiB)`.
fn kb(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} B ({:.1} KiB)", bytes as f64 / 1024.0)
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

/// Copies every file under `from` into `to`, keeping the folder layout.
/// Copies the entry templates, with the trap guard (`wrap.js`) put where a
/// template says `@include wrap.js`; the guard is no file of its own.
fn copy_templates(from: &Path, to: &Path, guard: &str) -> Result<(), String> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            copy_templates(&path, &target, guard)?;
        } else if entry.file_name() != "wrap.js" {
            write(&target, &read(&path)?.replace("/* @include wrap.js */", guard))?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} to {}: {e}", from.display(), to.display()))
}
