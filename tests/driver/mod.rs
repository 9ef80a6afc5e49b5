//! Drives the app without a terminal: synthetic key events in, a `TestBackend` out.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::App;
use jixiao::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

pub const ORG: &str = "衡阳县科技和工业信息化局";

/// An app on an in-memory database holding the demo evaluation, at the start screen.
pub fn app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    jixiao::cli::store_demo(&mut store).unwrap();
    App::new(store, (80, 24))
}

/// An app on a database file (for tests that reopen it).
pub fn app_on(path: &std::path::Path) -> App {
    let mut store = Store::open(path).unwrap();
    jixiao::cli::store_demo(&mut store).unwrap();
    App::new(store, (80, 24))
}

/// An app holding the example evaluation with its indicator rows repeated to `rows`
/// (each name numbered), at the start screen: a table longer than the screen.
pub fn app_with_rows(rows: usize, size: (u16, u16)) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/hengyang-2024.toml")).unwrap();
    let mut ev = jixiao::file::from_toml(&text).unwrap();
    let base = std::mem::take(&mut ev.indicators);
    ev.indicators = (0..rows)
        .map(|i| {
            let mut row = base[i % base.len()].clone();
            row.name = format!("{}{}", row.name, i + 1);
            row
        })
        .collect();
    store.create(&ev).unwrap();
    App::new(store, size)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn ctrl_key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::CONTROL))
}

/// Sends events as one batch, then lets the app settle and, the keyboard then being
/// quiet, catch up (as the event loop does).
pub fn press(app: &mut App, events: impl IntoIterator<Item = Event>) {
    press_held(app, events);
    app.idle();
}

/// Sends events as one batch, then lets the app settle, with more keys to come (a held
/// key: `App::idle` is not called).
pub fn press_held(app: &mut App, events: impl IntoIterator<Item = Event>) {
    for e in events {
        app.handle(e);
    }
    app.settle();
}

/// Types text one character at a time (as an input method commits it).
pub fn type_text(app: &mut App, text: &str) {
    press(app, text.chars().map(|c| key(KeyCode::Char(c))));
}

pub fn keys(app: &mut App, codes: &[KeyCode]) {
    press(app, codes.iter().map(|c| key(*c)));
}

/// Opens the demo evaluation and goes to tab `tab` (0 = 单位信息 … 4 = 报告文字).
pub fn open_tab(app: &mut App, tab: usize) {
    keys(app, &[KeyCode::Enter]);
    for _ in 0..tab {
        keys(app, &[KeyCode::Tab]);
    }
}

pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).unwrap()
}

/// Draws the app and returns the screen as text, wide characters once each.
pub fn draw(app: &App, term: &mut Terminal<TestBackend>) -> String {
    term.draw(|f| jixiao::ui::render(app, f)).unwrap();
    text(term.backend().buffer())
}

pub fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, &mut terminal(w, h))
}

pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip == 0 {
                line.push_str(sym);
                skip = sym.width().saturating_sub(1);
            } else {
                skip -= 1;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The evaluation as stored right now (not as the app holds it).
pub fn stored(app: &App) -> jixiao::domain::model::Evaluation {
    let id = app.store.find(ORG, 2024).unwrap().unwrap();
    app.store.load(id).unwrap().evaluation
}

pub fn row_of(app: &App, name: &str) -> usize {
    stored(app).indicators.iter().position(|i| i.name == name).unwrap()
}
