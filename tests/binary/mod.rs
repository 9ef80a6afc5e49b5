//! Running the real binary, as a user would: shared by the tests that drive it.
// Each test crate uses only some of these.
#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub const ORG: &str = "衡阳县科技和工业信息化局";

/// `jixiao --db DB ARGS…`, ready to run.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    command.arg("--db").arg(db).args(args);
    command
}

pub fn jixiao(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

/// Runs a command that must succeed, returning all it printed.
pub fn succeeds(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(out.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Runs a command that must succeed, returning its stdout.
pub fn ok(db: &Path, args: &[&str]) -> String {
    String::from_utf8(succeeds(&mut command(db, args)).stdout).unwrap()
}

/// Runs a command that must fail, returning its stderr.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let out = jixiao(db, args);
    assert!(!out.status.success(), "{args:?} should have failed");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    String::from_utf8(out.stderr).unwrap()
}

pub fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}
