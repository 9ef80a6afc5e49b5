//! scripts/hot-code.ld, which build.rs hands to the linker for every release build on Linux
//! (the README's `cargo run --release`): the tests build only debug binaries, so a script the
//! linker refuses would first show on a user's machine. These tests link a small program
//! with it, and check that it still lists the code a session runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn script_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/hot-code.ld")
}

fn script() -> String {
    std::fs::read_to_string(script_path()).unwrap()
}

/// The patterns of the script's one output section, each `*(.text.P .text.unlikely.P)`.
fn patterns(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|line| line.trim_start().starts_with("*("))
        .map(|line| {
            let inner = line.trim().strip_prefix("*(").and_then(|l| l.strip_suffix(')')).unwrap();
            let (plain, unlikely) = inner.split_once(' ').unwrap_or_else(|| panic!("one pattern only: {line}"));
            let p = plain.strip_prefix(".text.").unwrap_or_else(|| panic!("not .text: {line}"));
            assert_eq!(unlikely, format!(".text.unlikely.{p}"), "the two patterns differ: {line}");
            p.to_string()
        })
        .collect()
}

#[test]
fn every_pattern_is_one_symbol_name_with_wildcards() {
    let script = script();
    assert!(script.contains(".text.hot : {"), "no .text.hot section");
    assert!(script.trim_end().ends_with("INSERT BEFORE .text;"), "it must augment the default layout, not replace it");
    let pats = patterns(&script);
    assert!(pats.len() > 500, "only {} patterns", pats.len());
    for p in &pats {
        // A space, a bracket or a quote would end the pattern early or make it a glob class.
        let bad = p.chars().find(|c| !(c.is_ascii_alphanumeric() || "_$.*".contains(*c)));
        assert_eq!(bad, None, "{p}");
        // A C function keeps its name; a Rust one is matched but for its hashes.
        let fixed = p.chars().filter(|c| *c != '*').count();
        assert!(fixed >= 8 || !p.contains('*'), "a pattern this loose would gather unrelated code: {p}");
    }
}

#[test]
fn the_sessions_code_is_listed() {
    let pats = patterns(&script());
    // The functions a session cannot run without: drawing, the event loop, SQLite's engine.
    for needle in ["_ZN6jixiao2ui", "_ZN6jixiao3tui", "_ZN6jixiao3app", "_ZN6jixiao5store", "sqlite3VdbeExec"] {
        assert!(pats.iter().any(|p| p.starts_with(needle)), "nothing of {needle}");
    }
    // And not what a session never reaches: writing a workbook.
    assert!(!pats.iter().any(|p| p.contains("rust_xlsxwriter")), "an export's code in the session's list");
}

#[cfg(target_os = "linux")]
#[test]
fn the_linker_takes_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hello.rs");
    std::fs::write(&src, "fn main() { println!(\"你好\"); }\n").unwrap();
    let bin = dir.path().join("hello");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .args(["-O", "-C", "link-arg=-T"])
        .arg(format!("-Clink-arg={}", script_path().display()))
        .arg(&src)
        .arg("-o")
        .arg(&bin)
        .output()
        .unwrap();
    assert!(out.status.success(), "the link failed: {}", String::from_utf8_lossy(&out.stderr));
    let run = Command::new(&bin).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stdout), "你好\n");
    // std's own functions are in the list: the section exists, before the rest of the code.
    let sections = Command::new("readelf").arg("-SW").arg(&bin).output();
    if let Ok(s) = sections {
        let s = String::from_utf8_lossy(&s.stdout);
        let hot = s.find(".text.hot").expect("no .text.hot in the linked program");
        assert!(hot < s.find(" .text ").expect("no .text"), "{s}");
    }
}
