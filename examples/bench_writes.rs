//! Measures what one edit costs the database (issue 14, "one small write per edit"):
//!
//! - **WAL bytes per typed character in a narrative**: a text area saves what was typed
//!   after every batch of keys; each save is one transaction, and the bytes it appends to
//!   the write-ahead log (`jixiao.db-wal`) are what the disk must take per character.
//!   Before each character the log is emptied (`PRAGMA wal_checkpoint(TRUNCATE)` from a
//!   second connection), so its size after the save is exactly what that save wrote.
//! - **Confirm time**: typing a new 完成值 into a grid cell and pressing Enter, measured
//!   from the Enter to the saved, rescored state (the app's `handle` and `settle`, no
//!   terminal), median and maximum over many confirms; and the frame drawn after it
//!   (80×24, ratatui's `TestBackend`: the drawing, not the terminal's bytes), median.
//!
//! On the demo (15 indicators) and on the demo grown to 1000 indicator rows; the text is
//! typed at the end of the seed's 评价指标分析 (2638 characters, 7.4 KB: longer than one
//! database page), the longest section of a real report.
//!
//! ```text
//! cargo run --release --example bench_writes [-- --dir /tmp/bench --reps 40 --chars 20]
//! ```
//!
//! A measurement, not a test: bytes are exact (they depend on SQLite's page size, 4096),
//! times depend on the machine and its disk (`synchronous = FULL`: every save is fsynced).
//! It drives the app only through `App::new`, `App::open`, `handle` and `settle`, so the
//! same file runs against older commits for a before/after comparison.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::eval::Tab;
use jixiao::app::grid::GridCol;
use jixiao::app::{App, Screen};
use jixiao::domain::model::{Evaluation, Typed};
use jixiao::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn demo() -> Evaluation {
    jixiao::file::from_toml(jixiao::cli::DEMO_TOML).expect("the bundled demo parses")
}

/// The demo with its grid grown to `rows` rows (copies of its own, renamed).
fn grown(rows: usize) -> Evaluation {
    let mut ev = demo();
    ev.organisation.name = "千行示例局".into();
    let base = ev.indicators.clone();
    ev.indicators = (0..rows)
        .map(|i| {
            let mut row = base[i % base.len()].clone();
            row.name = format!("{}（{}）", row.name, i + 1);
            row
        })
        .collect();
    ev
}

fn wal_size(db: &Path) -> u64 {
    std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len())
}

/// Empties the write-ahead log from a second connection, as a checkpoint would.
fn truncate_wal(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

fn eval_mut(app: &mut App) -> &mut jixiao::app::eval::EvalState {
    match &mut app.screen {
        Screen::Eval(e) => e,
        _ => panic!("the evaluation is not open"),
    }
}

/// WAL bytes each typed character's save appended, one number per character.
fn wal_per_char(db: &Path, id: i64, chars: usize) -> Vec<u64> {
    let mut app = App::new(Store::open(db).unwrap(), (80, 24));
    app.open(id);
    eval_mut(&mut app).tab = Tab::Narrative;
    // The second text of a department's narrative tab: 评价指标分析.
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::End));
    let mut out = Vec::new();
    for i in 0..chars {
        truncate_wal(db);
        let before = wal_size(db);
        app.handle(key(KeyCode::Char(['测', '试', '文', '字'][i % 4])));
        app.settle();
        out.push(wal_size(db) - before);
    }
    app.handle(key(KeyCode::Esc));
    app.settle();
    out
}

/// How long each Enter takes to confirm a typed 完成值 (saved and rescored), and how long
/// the frame after it takes to draw (80×24, into ratatui's `TestBackend`).
fn confirm_times(db: &Path, id: i64, row: usize, reps: usize) -> (Vec<Duration>, Vec<Duration>) {
    let mut app = App::new(Store::open(db).unwrap(), (80, 24));
    app.open(id);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let (mut out, mut frames) = (Vec::new(), Vec::new());
    for i in 0..reps {
        {
            let e = eval_mut(&mut app);
            e.tab = Tab::Grid;
            e.grid.row = row;
            e.grid.col = Some(GridCol::Actual);
        }
        for c in format!("{}家", 20 + i % 7).chars() {
            app.handle(key(KeyCode::Char(c)));
        }
        let start = Instant::now();
        app.handle(key(KeyCode::Enter));
        app.settle();
        out.push(start.elapsed());
        let start = Instant::now();
        term.draw(|f| jixiao::ui::render(&app, f)).unwrap();
        frames.push(start.elapsed());
        let e = eval_mut(&mut app);
        assert!(e.editor.is_none(), "the edit was not confirmed");
        assert_eq!(e.ev.indicators[row].actual, Typed::new(&format!("{}家", 20 + i % 7)).unwrap(), "not saved");
    }
    (out, frames)
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], *v.last().unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reps: usize = arg(&args, "--reps").and_then(|s| s.parse().ok()).unwrap_or(40);
    let chars: usize = arg(&args, "--chars").and_then(|s| s.parse().ok()).unwrap_or(20);
    let dir =
        arg(&args, "--dir").map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("jixiao-bench-writes"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    println!("bench_writes: {reps} confirms, {chars} typed characters; database in {}", dir.display());
    println!(
        "{:<16} {:>14} {:>14} {:>15} {:>12} {:>12} {:>12}",
        "evaluation", "WAL B/char med", "WAL B/char max", "WAL B/char mean", "confirm med", "confirm max", "frame med"
    );
    for (label, ev, row) in [("demo (15 rows)", demo(), 2), ("1000 rows", grown(1000), 500)] {
        let db = dir.join(format!("{}.db", ev.indicators.len()));
        let id = Store::open(&db).unwrap().create(&ev).unwrap();
        let mut wal = wal_per_char(&db, id, chars);
        let mean = wal.iter().sum::<u64>() / wal.len() as u64;
        wal.sort();
        let (confirms, frames) = confirm_times(&db, id, row, reps);
        let (med, max) = median(confirms);
        println!(
            "{label:<16} {:>14} {:>14} {:>15} {:>12} {:>12} {:>12}",
            wal[wal.len() / 2],
            wal.last().unwrap(),
            mean,
            ms(med),
            ms(max),
            ms(median(frames).0)
        );
    }
}
