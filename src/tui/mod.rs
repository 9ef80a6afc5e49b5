//! The terminal: set-up, the one restore routine, and the event loop.
//!
//! One thread, blocking reads, no tick: nothing is drawn unless an event changed
//! something, and every event already waiting is handled before the next frame, so a
//! key held down over a slow link costs one frame, not thirty.
//!
//! Input is read until the terminal has nothing more (crossterm's `use-dev-tty` source,
//! a level-triggered `poll`). Its default source registers the tty edge-triggered and
//! returns after the first kilobyte, so a long paste without bracketed-paste mode left
//! bytes queued with nothing to wake the app: it slept until the next key, and Ctrl+Q
//! waited behind the queue (crossterm-rs/crossterm#1057).

mod backend;
mod scroll;
mod sgr;
mod shadow;

pub use backend::LeanBackend;

use crate::app::{App, escape};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use std::fs::File;
use std::io;
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Frames go to the terminal unbuffered: the backend gathers each one and writes it in
/// one piece, which a buffer (or std's line buffering of stdout) would only copy again
/// or split at its line feeds.
type Term = Terminal<LeanBackend<File>>;

/// How long an Esc at the end of the input waits for the rest of a split key.
const ESC_WAIT: Duration = Duration::from_millis(40);
/// How long the end of a batch waits for more input. Not zero: the `use-dev-tty` source
/// answers a zero-timeout poll without looking, even at events it has already read
/// (crossterm-rs/crossterm#839), which would split every batch into single events.
const DRAIN_WAIT: Duration = Duration::from_micros(200);

/// How often a save that found the database busy is tried again (Esc gives up).
const RETRY_EVERY: Duration = Duration::from_millis(400);
/// How quiet the keyboard must be before the grid's detail follows its cursor: longer
/// than the gap between auto-repeated keys (~33 ms), shorter than a reading pause.
const IDLE_WAIT: Duration = Duration::from_millis(100);

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: raw mode off, main screen, paste mode off, cursor
/// shown. Safe to call more than once and from the panic hook; only the first call
/// after `enter` does anything.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// Restores the terminal when dropped, so an early return or `?` also restores it.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal and exits when the process is told to stop (`kill`, a hung-up
/// SSH session): the default action would leave the user's terminal in raw mode. What was
/// confirmed is already committed; a save under way is rolled back by SQLite.
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

fn enter() -> io::Result<Term> {
    // Restore before any panic report is printed, whoever installed the hook.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    restore_on_signals()?;
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // No mouse capture: it would stop users selecting figures to copy.
    crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    Terminal::new(LeanBackend::new(out))
}

/// A test build panics on F12 when `JIXIAO_TEST_PANIC` is set, as the release build
/// does (`panic = "abort"`): the panic hook runs, then the process aborts without
/// unwinding, so no destructor restores the terminal and only the hook can. The panic
/// is raised on a thread of its own and the process aborted after it, because a test
/// build unwinds. Compiled out of release builds.
fn panic_on_request(event: &event::Event) {
    #[cfg(debug_assertions)]
    if let event::Event::Key(k) = event
        && k.code == event::KeyCode::F(12)
        && std::env::var_os("JIXIAO_TEST_PANIC").is_some()
    {
        let _ = std::thread::spawn(|| panic!("JIXIAO_TEST_PANIC: F12")).join();
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = event;
}

/// Runs the app until it quits or the terminal goes away (an SSH drop ends the read).
pub fn run(mut app: App) -> io::Result<()> {
    let _guard = Guard;
    let mut term = enter()?;
    let mut dirty = true;
    loop {
        if dirty {
            term.draw(|frame| crate::ui::render(&app, frame))?;
            dirty = false;
        }
        // A save waiting for another program's write is tried again until it succeeds,
        // while Esc stays available to give up.
        if app.waiting() && !event::poll(RETRY_EVERY)? {
            dirty |= app.retry();
            continue;
        }
        // Work that waits for the keyboard to go quiet: the grid's detail while a key is held.
        if app.wants_idle() && !event::poll(IDLE_WAIT)? {
            dirty = app.idle();
            continue;
        }
        // Everything already waiting is one batch; a batch ending in Esc waits briefly
        // for the rest of a key split over the link.
        let mut batch = vec![(event::read()?, false)];
        loop {
            while event::poll(DRAIN_WAIT)? {
                batch.push((event::read()?, false));
            }
            if escape::ends_in_esc(&batch) && event::poll(ESC_WAIT)? {
                batch.push((event::read()?, true));
                continue;
            }
            break;
        }
        for event in escape::repair(batch) {
            panic_on_request(&event);
            dirty |= app.handle(event);
            if app.should_quit() {
                break;
            }
        }
        dirty |= app.settle();
        if app.should_quit() {
            return Ok(());
        }
    }
}
