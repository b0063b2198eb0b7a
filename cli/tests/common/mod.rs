//! What every CLI test file needs: the built `paysel` binary, run as a user
//! runs it.

// Every test file includes this module and uses part of it.
#![allow(dead_code)]

use std::io::Write;
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
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}
