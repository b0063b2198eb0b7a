//! The Kotlin lane: UniFFI bindings on the desktop JVM, plus what can be
//! checked of the Swift bindings and the mobile targets without Xcode or
//! the NDK.
//!
//! 1. Installs idempotently: Debian `libjna-java`, the npm package
//!    `kotlin-compiler` (unpacked under `target/tools/`), and JDK 17 when
//!    `java` is missing.
//! 2. Runs the binding crate's Rust tests (error translation, README and
//!    manifest snippets against the core's wallet-probe table).
//! 3. Builds the host `libpaysel_mobile`, generates the Kotlin bindings in
//!    library mode with the workspace `uniffi-bindgen`, compiles them with
//!    `bindings-mobile/tests/kotlin/*.kt` (only when an input changed), and
//!    runs the test program on the JVM through JNA: every conformance
//!    vector, every line of the UA corpus, typed errors, threads, timing.
//! 4. Generates the Swift bindings and the XCFramework modulemap and checks
//!    them, then `cargo check`s the crate for iOS and Android.

use crate::tools::{
    cargo, ci, ensure_apt, ensure_npm_pack, ensure_rust_target, files_with_suffix, fingerprint, root, run,
    Outcome,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned Kotlin compiler (npm package `kotlin-compiler`).
const KOTLIN_VERSION: &str = "2.4.20";
/// Where Debian's `libjna-java` puts JNA.
const JNA_JAR: &str = "/usr/share/java/jna.jar";
/// The Rust targets checked for the phones.
const MOBILE_TARGETS: [&str; 2] = ["aarch64-apple-ios", "aarch64-linux-android"];

/// Generates, compiles and runs the Kotlin bindings tests, then checks the
/// Swift bindings and the mobile targets.
pub fn lane() -> Outcome {
    let kotlinc = match toolchain() {
        Ok(k) => k,
        Err(why) => return Outcome::Skipped(why),
    };
    // Every step runs, so one report shows every failure.
    let failures: Vec<String> = [binding_tests(), kotlin(&kotlinc), swift(), mobile_targets()]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if failures.is_empty() {
        Outcome::Passed
    } else {
        Outcome::Failed(failures.join("\n"))
    }
}

/// Installs the JVM toolchain and returns the `kotlinc` folder.
fn toolchain() -> Result<PathBuf, String> {
    let how = "the Kotlin lane needs JDK 17, JNA and kotlinc: \
               apt-get install -y openjdk-17-jdk-headless libjna-java, \
               then `cargo xtask test kotlin` unpacks kotlinc from npm";
    if !java_runs() {
        ensure_apt(&["openjdk-17-jdk-headless"]).map_err(|e| format!("{e} ({how})"))?;
    }
    ensure_apt(&["libjna-java"]).map_err(|e| format!("{e} ({how})"))?;
    if !Path::new(JNA_JAR).is_file() {
        return Err(format!("{JNA_JAR} is missing ({how})"));
    }
    let kotlinc = ensure_npm_pack("kotlin-compiler", KOTLIN_VERSION).map_err(|e| format!("{e} ({how})"))?;
    if !kotlinc.join("bin").join("kotlinc").is_file() {
        return Err(format!("{} has no bin/kotlinc ({how})", kotlinc.display()));
    }
    Ok(kotlinc)
}

fn java_runs() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `cargo run -p uniffi-bindgen -- <args>`, quietly.
fn bindgen(bin: &str) -> Command {
    let mut cmd = cargo();
    cmd.args(["run", "--quiet", "-p", "uniffi-bindgen", "--bin", bin, "--"]);
    cmd
}

/// `debug`, or `release` with `PAYSEL_MOBILE_PROFILE=release` (for timing
/// `decide` through JNA on an optimized library).
fn profile() -> &'static str {
    match std::env::var("PAYSEL_MOBILE_PROFILE") {
        Ok(p) if p == "release" => "release",
        _ => "debug",
    }
}

fn cdylib(profile: &str) -> PathBuf {
    root().join("target").join(profile).join("libpaysel_mobile.so")
}

/// The Rust tests of the binding layer: error translation, the typed and
/// JSON entry points, and the README and manifest snippets against the
/// core's wallet-probe table.
fn binding_tests() -> Result<(), String> {
    run(cargo().args(["test", "--quiet", "-p", "paysel-mobile"]))
}

fn kotlin(kotlinc: &Path) -> Result<(), String> {
    run(java(&kotlin_program(kotlinc, profile())?, profile()).arg(root()))
}

/// `decide` through the Kotlin bindings and JNA on the release library, for
/// `cargo xtask bench`: `(metric, nanoseconds per call)`.
pub fn bench_figures() -> Result<Vec<(&'static str, f64)>, String> {
    let kotlinc = toolchain()?;
    let classpath = kotlin_program(&kotlinc, "release")?;
    let out = crate::tools::output(java(&classpath, "release").arg("--bench"))?;
    let line = out.lines().last().unwrap_or_default();
    let figures: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("kotlin --bench: {e}: {line}"))?;
    let ns = |k: &str| {
        figures[k]
            .as_f64()
            .ok_or_else(|| format!("kotlin --bench: no {k} in {line}"))
    };
    Ok(vec![
        ("jvm.decide_default_ns", ns("decide_ns")?),
        ("jvm.decide_json_default_ns", ns("decide_json_ns")?),
        ("jvm.ffi_round_trip_ns", ns("ffi_call_ns")?),
    ])
}

/// The JVM running the Kotlin test program against the `profile` library.
fn java(classpath: &[PathBuf], profile: &str) -> Command {
    let mut cmd = Command::new("java");
    cmd.arg(format!(
        "-Djna.library.path={}",
        root().join("target").join(profile).display()
    ))
    .args(["-cp", &join_paths(classpath), "dev.paysel.test.MainKt"])
    .env("PAYSEL_LIBRARY_PROFILE", profile);
    cmd
}

/// Builds the `profile` library, generates the Kotlin bindings, compiles
/// them with the test program (only when an input changed) and returns the
/// classpath to run it.
fn kotlin_program(kotlinc: &Path, profile: &str) -> Result<Vec<PathBuf>, String> {
    let mut build = cargo();
    build.args(["build", "--quiet", "-p", "paysel-mobile"]);
    if profile == "release" {
        build.arg("--release");
    }
    run(&mut build)?;
    let generated = root().join("target").join("uniffi").join("kotlin");
    let _ = std::fs::remove_dir_all(&generated);
    run(bindgen("uniffi-bindgen")
        .args(["generate", "--library"])
        .arg(cdylib(profile))
        .args(["--language", "kotlin", "--no-format", "--out-dir"])
        .arg(&generated))?;
    check_kotlin_docs(&generated)?;

    let mut sources = files_with_suffix(&generated, ".kt");
    sources.extend(files_with_suffix(
        &root().join("bindings-mobile/tests/kotlin"),
        ".kt",
    ));
    // JNA, and kotlinx.coroutines only when the generated code has async
    // exports.
    let lib = kotlinc.join("lib");
    let mut dependencies = vec![PathBuf::from(JNA_JAR)];
    let async_exports = files_with_suffix(&generated, ".kt")
        .iter()
        .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("kotlinx.coroutines")));
    if async_exports {
        dependencies.push(lib.join("kotlinx-coroutines-core-jvm.jar"));
    }
    let out = root().join("target").join("kotlin-test");
    let jar = out.join("paysel-kotlin-test.jar");
    let stamp = out.join("inputs.fingerprint");
    let print = fingerprint(&sources, KOTLIN_VERSION)?;
    let fresh = jar.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == print);
    if fresh {
        eprintln!("kotlin: sources unchanged, reusing {}", jar.display());
    } else {
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        let _ = std::fs::remove_file(&stamp);
        run(Command::new(kotlinc.join("bin").join("kotlinc"))
            .args([
                "-nowarn",
                "-jvm-target",
                "17",
                "-cp",
                &join_paths(&dependencies),
                "-d",
            ])
            .arg(&jar)
            .args(&sources))?;
        std::fs::write(&stamp, &print).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }

    let mut classpath = vec![jar, lib.join("kotlin-stdlib.jar")];
    classpath.extend(dependencies);
    Ok(classpath)
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":")
}

/// Every public declaration of the generated Kotlin API carries the `///`
/// docs of its Rust item.
fn check_kotlin_docs(generated: &Path) -> Result<(), String> {
    let mut undocumented = Vec::new();
    let mut declarations = 0;
    for file in files_with_suffix(generated, ".kt") {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = public_kotlin_declaration(line) else {
                continue;
            };
            declarations += 1;
            let documented = line.trim_start().starts_with("*/")
                || lines
                    .get(..i)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty() && !l.starts_with('@'))
                    .is_some_and(|l| l.ends_with("*/"));
            if !documented {
                undocumented.push(format!("{}: {name}", file.display()));
            }
        }
    }
    if declarations < 30 {
        return Err(format!(
            "found only {declarations} public declarations in the generated Kotlin"
        ));
    }
    if undocumented.is_empty() {
        eprintln!("kotlin: all {declarations} public declarations carry docs");
        Ok(())
    } else {
        Err(format!(
            "generated Kotlin without docs:\n  {}",
            undocumented.join("\n  ")
        ))
    }
}

/// The name declared by a line of generated Kotlin, when it is part of the
/// public paysel API (types, their fields and variants, functions).
fn public_kotlin_declaration(line: &str) -> Option<&str> {
    const HELPERS: [&str; 10] = [
        "ByValue",
        "ByReference",
        "RustBuffer",
        "Uniffi",
        "FfiConverter",
        "InternalException",
        "Disposable",
        "NoHandle",
        "ForeignBytes",
        "EngineInterface",
    ];
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let rest = [
        "data class ",
        "enum class ",
        "sealed class ",
        "open class ",
        "class ",
    ]
    .iter()
    .find_map(|k| trimmed.strip_prefix(k))
    .or_else(|| {
        // Top-level and interface functions (4 spaces in an interface).
        let f = trimmed
            .strip_prefix("fun `")
            .or_else(|| trimmed.strip_prefix("*/ fun `"))?;
        (indent <= 8).then_some(f)
    })?;
    let name = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .filter(|n| !n.is_empty())?;
    (!HELPERS.iter().any(|h| name.starts_with(h))).then_some(name)
}

fn swift() -> Result<(), String> {
    let out = root().join("target").join("uniffi").join("swift");
    let _ = std::fs::remove_dir_all(&out);
    run(bindgen("uniffi-bindgen")
        .args(["generate", "--library"])
        .arg(cdylib(profile()))
        .args(["--language", "swift", "--no-format", "--out-dir"])
        .arg(&out))?;
    // The same invocation as ios/build-xcframework.sh: one C module for the
    // headers of both namespaces, in a folder named after the module.
    let headers = out.join("xcframework-headers").join("PayselFFI");
    run(bindgen("uniffi-bindgen-swift")
        .args(["--headers", "--modulemap", "--module-name", "PayselFFI"])
        .args(["--modulemap-filename", "module.modulemap"])
        .arg(cdylib(profile()))
        .arg(&headers))?;

    let read = |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let paysel = read(out.join("Paysel.swift"))?;
    let core = read(out.join("PayselCore.swift"))?;
    let modulemap = read(headers.join("module.modulemap"))?;
    let package = read(root().join("bindings-mobile/ios/Package.swift"))?;
    let mut checks: Vec<(bool, String)> = Vec::new();
    for header in ["paysel_mobileFFI.h", "paysel_coreFFI.h"] {
        checks.push((headers.join(header).is_file(), format!("{header} is generated")));
        checks.push((
            modulemap.contains(&format!("header \"{header}\"")),
            format!("the modulemap lists {header}"),
        ));
    }
    checks.push((
        modulemap.starts_with("module PayselFFI {"),
        "the C module is PayselFFI".into(),
    ));
    checks.push((
        package.contains(r#".binaryTarget(name: "PayselFFI", path: "PayselFFI.xcframework")"#)
            && package.contains(r#".target(name: "Paysel", dependencies: ["PayselFFI"]"#),
        "ios/Package.swift builds the Swift module Paysel on PayselFFI.xcframework".into(),
    ));
    for (name, text) in [("Paysel.swift", &paysel), ("PayselCore.swift", &core)] {
        checks.push((
            text.contains("import PayselFFI"),
            format!("{name} imports PayselFFI"),
        ));
    }
    let api = [
        ("the Engine class", "open class Engine"),
        ("the default constructor", "public convenience init()"),
        (
            "Engine.fromPolicyJson",
            "public static func fromPolicyJson(json: String)",
        ),
        (
            "Engine.withDefaultPolicy",
            "public static func withDefaultPolicy()",
        ),
        ("decide", "func decide(context: Context, explain: Bool = false)"),
        (
            "decideJson",
            "func decideJson(contextJson: String, explain: Bool = false)",
        ),
        ("detect", "func detect(userAgent: String, hints: Hints? = nil)"),
        ("policyVersion", "func policyVersion() -> UInt64"),
        ("the PayselError enum", "enum PayselError: Swift.Error"),
        ("walletProbes()", "public func walletProbes() -> [WalletProbe]"),
        (
            "Engine docs",
            "* A validated merchant policy, ready to decide any number of times.",
        ),
        (
            "decideJson docs",
            "* The JSON entry point shared by every platform",
        ),
        ("error field docs", "* JSON path of the offending value"),
    ];
    for (what, needle) in api {
        checks.push((paysel.contains(needle), format!("Paysel.swift has {what}")));
    }
    let types = [
        ("the Context struct", "public struct Context"),
        ("the Decision struct", "public struct Decision"),
        ("the Launch enum", "public enum Launch"),
        ("the ErrorCode enum", "public enum ErrorCode"),
        (
            "type docs",
            "* Everything known about one checkout, as sent by the app or page.",
        ),
        (
            "field docs",
            "* Rails the shopper used before, most recent first.",
        ),
        ("variant docs", "* The host app's own in-page bridge"),
    ];
    for (what, needle) in types {
        checks.push((core.contains(needle), format!("PayselCore.swift has {what}")));
    }
    let problems: Vec<String> = checks
        .into_iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, what)| what)
        .collect();
    if problems.is_empty() {
        eprintln!("swift: bindings generated and checked in {}", out.display());
        Ok(())
    } else {
        Err(format!("Swift bindings: {}", problems.join("; ")))
    }
}

fn mobile_targets() -> Result<(), String> {
    for target in MOBILE_TARGETS {
        if let Err(e) = ensure_rust_target(target) {
            if ci() {
                return Err(e);
            }
            eprintln!("skipping `cargo check --target {target}`: {e}");
            continue;
        }
        run(cargo().args(["check", "--quiet", "-p", "paysel-mobile", "--target", target]))?;
    }
    Ok(())
}
