//! The real binary in tmux on a private socket, driven as a user would drive it.
#![allow(dead_code)] // each test crate uses its own part of this module

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn new() -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(found.is_ok_and(|o| o.status.success()), "tmux is needed for this test (.ci/run installs it)");
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Tmux { socket: format!("jixiao-e2e-{}-{n}", std::process::id()) }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap()
    }

    pub fn start(&self, db: &Path) {
        let cmd = format!("{} --db {}", env!("CARGO_BIN_EXE_jixiao"), db.display());
        let out = self.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
        }
    }

    /// Types text literally (UTF-8, as an input method commits it).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// Types a long text as keys, without bracketed paste (a terminal pasting into a
    /// program that did not ask for it), in pieces short enough for one tmux command.
    pub fn type_long(&self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for piece in chars.chunks(500) {
            self.type_text(&piece.iter().collect::<String>());
        }
    }

    /// Pastes text as a terminal does with bracketed paste.
    pub fn paste(&self, text: &str) {
        self.run(&["set-buffer", "-b", "e2e", text]);
        self.run(&["paste-buffer", "-p", "-b", "e2e", "-t", "e2e"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Waits until the screen shows `text`, or fails with what it shows.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "waited for {text:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until one line of the screen holds every one of `parts`.
    pub fn wait_line(&self, parts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if let Some(line) = screen.lines().find(|l| parts.iter().all(|p| l.contains(p))) {
                return line.to_string();
            }
            assert!(start.elapsed() < Duration::from_secs(10), "waited for a line with {parts:?}:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The screen once it shows `text`, if it does within `limit`.
    pub fn shows_within(&self, text: &str, limit: Duration) -> Option<String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return Some(screen);
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the app has quit within `limit`.
    pub fn gone_within(&self, limit: Duration) -> bool {
        let start = Instant::now();
        while self.run(&["has-session", "-t", "e2e"]).status.success() {
            if start.elapsed() > limit {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.run(&["has-session", "-t", "e2e"]).status.success() {
            assert!(start.elapsed() < Duration::from_secs(10), "the app did not quit:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

pub fn jixiao(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao")).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
