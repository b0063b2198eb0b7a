//! What every CLI test file needs: the built `paysel` binary, run as a user
//! runs it, its fixtures, and files to give it.

// Every test file includes this module and uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `paysel ARGS` and returns its exit status and output.
pub fn paysel(args: &[&str]) -> Output {
    paysel_with_stdin(args, b"")
}

/// Runs `paysel ARGS` with `stdin` as its standard input.
pub fn paysel_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paysel"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails on its arguments exits without reading its
    // input: a closed pipe is its answer, not the test's failure.
    let written = child.stdin.take().unwrap().write_all(stdin);
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The path of `cli/tests/fixtures/DIR/NAME`.
pub fn fixture(dir: &str, name: &str) -> String {
    format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The repository's root (the workspace).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh, empty directory of this test process for the test `test`.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paysel-test-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `content` to the file `name` in this test process's scratch
/// directory and returns its path. Names must differ between the tests of a
/// file, which run in parallel.
pub fn temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paysel-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}
