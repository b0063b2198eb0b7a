//! The Kotlin lane: the UniFFI bindings on the desktop JVM, plus what can be
//! checked of the Swift bindings and the mobile targets without Xcode or
//! the NDK. The checks live in the ecosystem's tools; this file only
//! installs them and runs them.
//!
//! 1. Installs idempotently: Debian `libjna-java`, `junit5` and
//!    `libgoogle-gson-java`, the npm package `kotlin-compiler` (unpacked
//!    under `target/tools/`), and JDK 17 when `java` is missing.
//! 2. `cargo test -p paysel-mobile`: the binding's Rust tests, and
//!    `tests/api.rs`, the reviewed insta snapshots of the API the generated
//!    Kotlin and Swift are rendered from (packages, Swift module and FFI
//!    headers included) and the check that every export carries docs. A
//!    changed API fails until its snapshot is accepted.
//! 3. Builds the host `libpaysel_mobile`, generates the Kotlin bindings in
//!    library mode with the workspace `uniffi-bindgen`, compiles them with
//!    the JUnit 5 tests in `bindings-mobile/tests/kotlin/` (only when an
//!    input changed) and runs them with the JUnit console launcher: every
//!    conformance vector, every line of the UA corpus, the API.
//! 4. `cargo check`s the crate for iOS and Android.

use crate::tools::{
    cargo, ci, ensure_apt, ensure_npm_pack, ensure_rust_target, files_with_suffix, fingerprint, root, run,
    Outcome,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned Kotlin compiler (npm package `kotlin-compiler`).
const KOTLIN_VERSION: &str = "2.4.20";
/// The JVM libraries, from Debian (`libjna-java`, `libgoogle-gson-java`,
/// `junit5`), by the paths those packages install.
const DEBIAN_JARS: [(&str, &str); 3] = [
    ("libjna-java", "/usr/share/java/jna.jar"),
    ("libgoogle-gson-java", "/usr/share/java/gson.jar"),
    ("junit5", JUNIT_CONSOLE),
];
/// JUnit 5's console launcher, with the Jupiter API and engine inside.
const JUNIT_CONSOLE: &str = "/usr/share/java/junit-platform-console-standalone.jar";
/// The Rust targets checked for the phones.
const MOBILE_TARGETS: [&str; 2] = ["aarch64-apple-ios", "aarch64-linux-android"];

/// Runs the binding's Rust and API tests and the Kotlin JUnit tests, then
/// checks the mobile targets.
pub fn lane() -> Outcome {
    let kotlinc = match toolchain() {
        Ok(k) => k,
        Err(why) => return Outcome::Skipped(why),
    };
    // Every step runs, so one report shows every failure.
    let failures: Vec<String> = [binding_tests(), kotlin(&kotlinc), mobile_targets()]
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
    let packages: Vec<&str> = DEBIAN_JARS.iter().map(|(package, _)| *package).collect();
    let how = format!(
        "the Kotlin lane needs JDK 17, JNA, Gson, JUnit 5 and kotlinc: \
         apt-get install -y openjdk-17-jdk-headless {}, \
         then `cargo xtask test kotlin` unpacks kotlinc from npm",
        packages.join(" ")
    );
    if !java_runs() {
        ensure_apt(&["openjdk-17-jdk-headless"]).map_err(|e| format!("{e} ({how})"))?;
    }
    ensure_apt(&packages).map_err(|e| format!("{e} ({how})"))?;
    if let Some((_, jar)) = DEBIAN_JARS.iter().find(|(_, jar)| !Path::new(jar).is_file()) {
        return Err(format!("{jar} is missing ({how})"));
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

/// The binding's Rust tests and the API snapshots. `INSTA_UPDATE` and
/// `INSTA_FORCE_PASS` are cleared so that a changed API fails here (insta
/// writes the new snapshot beside the old one for review outside CI).
fn binding_tests() -> Result<(), String> {
    run(cargo()
        .args(["test", "--quiet", "-p", "paysel-mobile"])
        .env_remove("INSTA_UPDATE")
        .env_remove("INSTA_FORCE_PASS"))
}

/// The JUnit 5 tests, through the console launcher; it exits non-zero when
/// a test fails or none is found.
fn kotlin(kotlinc: &Path) -> Result<(), String> {
    let classpath = kotlin_program(kotlinc, "debug")?;
    let jar = classpath.first().cloned().unwrap_or_default();
    run(java("debug")
        .arg(format!("-Dpaysel.root={}", root().display()))
        .args(["-jar", JUNIT_CONSOLE, "--disable-banner", "--details=summary"])
        .args(["--fail-if-no-tests", "--class-path", &join_paths(&classpath)])
        .arg("--scan-class-path")
        .arg(jar))
}

/// `decide` through the Kotlin bindings and JNA on the release library, for
/// `cargo xtask bench`: the command that prints its figures (`Bench.kt`).
pub fn bench_command() -> Result<Command, String> {
    let classpath = kotlin_program(&toolchain()?, "release")?;
    let mut cmd = java("release");
    cmd.args(["-cp", &join_paths(&classpath), "dev.paysel.test.BenchKt"]);
    Ok(cmd)
}

/// The JVM, loading the `profile` library through JNA.
fn java(profile: &str) -> Command {
    let mut cmd = Command::new("java");
    cmd.arg(format!(
        "-Djna.library.path={}",
        root().join("target").join(profile).display()
    ));
    cmd
}

/// Builds the `profile` library, generates the Kotlin bindings, compiles
/// them with the tests (only when an input changed) and returns the
/// classpath to run them, the compiled jar first.
fn kotlin_program(kotlinc: &Path, profile: &str) -> Result<Vec<PathBuf>, String> {
    let mut build = cargo();
    build.args(["build", "--quiet", "-p", "paysel-mobile"]);
    if profile == "release" {
        build.arg("--release");
    }
    run(&mut build)?;
    let generated = root().join("target").join("uniffi").join("kotlin");
    let _ = std::fs::remove_dir_all(&generated);
    run(cargo()
        .args([
            "run",
            "--quiet",
            "-p",
            "uniffi-bindgen",
            "--bin",
            "uniffi-bindgen",
            "--",
        ])
        .args(["generate", "--library"])
        .arg(root().join("target").join(profile).join("libpaysel_mobile.so"))
        .args(["--language", "kotlin", "--no-format", "--out-dir"])
        .arg(&generated))?;

    let mut sources = files_with_suffix(&generated, ".kt");
    sources.extend(files_with_suffix(
        &root().join("bindings-mobile/tests/kotlin"),
        ".kt",
    ));
    // JUnit is on the compile classpath only: the console launcher brings it.
    let libraries: Vec<PathBuf> = DEBIAN_JARS
        .iter()
        .map(|(_, jar)| PathBuf::from(jar))
        .filter(|jar| jar != Path::new(JUNIT_CONSOLE))
        .collect();
    let mut dependencies = libraries.clone();
    dependencies.push(PathBuf::from(JUNIT_CONSOLE));
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

    let mut classpath = vec![jar, kotlinc.join("lib").join("kotlin-stdlib.jar")];
    classpath.extend(libraries);
    Ok(classpath)
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":")
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
