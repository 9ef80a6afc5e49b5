//! Bytes on the wire: what a keystroke costs a user on a slow SSH link. The screen is
//! drawn through the real backend into a buffer at 80×24, as in the terminal.

mod driver;

use crossterm::event::KeyCode;
use driver::*;
use jixiao::app::App;
use jixiao::tui::LeanBackend;
use ratatui::Terminal;

type Wire = Terminal<LeanBackend<Vec<u8>>>;

fn wire() -> Wire {
    Terminal::new(LeanBackend::with_size(Vec::new(), 80, 24)).unwrap()
}

/// Draws and returns the bytes this frame wrote.
fn frame(app: &App, t: &mut Wire) -> usize {
    t.backend_mut().output_mut().clear();
    t.draw(|f| jixiao::ui::render(app, f)).unwrap();
    t.backend().output().len()
}

fn step(app: &mut App, t: &mut Wire, code: KeyCode) -> usize {
    keys(app, &[code]);
    frame(app, t)
}

#[test]
fn keystrokes_in_the_grid_cost_few_bytes() {
    let mut a = app();
    let mut t = wire();
    frame(&a, &mut t);
    open_tab(&mut a, 3);
    let first = frame(&a, &mut t);
    let down: Vec<usize> = (0..6).map(|_| step(&mut a, &mut t, KeyCode::Down)).collect();
    // Edit one cell: move to 完成值, open it, type two characters, confirm.
    keys(&mut a, &[KeyCode::Up, KeyCode::Up, KeyCode::Up, KeyCode::Up]);
    frame(&a, &mut t);
    let right = step(&mut a, &mut t, KeyCode::Right) + step(&mut a, &mut t, KeyCode::Right);
    let open = step(&mut a, &mut t, KeyCode::Enter);
    let typed: Vec<usize> = ["2", "5", "家"]
        .iter()
        .map(|c| {
            type_text(&mut a, c);
            frame(&a, &mut t)
        })
        .collect();
    let back = step(&mut a, &mut t, KeyCode::Backspace) + step(&mut a, &mut t, KeyCode::Backspace);
    let back = back + {
        press(&mut a, vec![key(KeyCode::Backspace); 3]);
        frame(&a, &mut t)
    };
    type_text(&mut a, "25");
    let retype = frame(&a, &mut t);
    let commit = step(&mut a, &mut t, KeyCode::Enter);
    let edit = open + typed[0] + typed[1] + commit;
    println!(
        "first frame {first} B; down {down:?}; right {right} B; open {open} B; typed {typed:?}; commit {commit} B"
    );
    println!("one-cell edit (open, 2 characters, confirm): {edit} B; backspaces {back} B, retype {retype} B");
    assert!(first < 4000, "the grid's first frame: {first} B");
    for (i, d) in down.iter().enumerate() {
        assert!(*d < 600, "moving one row ({i}): {d} B");
    }
    for (c, b) in ["2", "5", "家"].iter().zip(&typed) {
        assert!(*b <= 40, "typing {c}: {b} B");
    }
    assert!(commit < 1500, "confirming rescored the panel and the row: {commit} B");
}

#[test]
fn a_key_held_over_a_slow_link_costs_one_frame() {
    let mut a = app();
    let mut t = wire();
    open_tab(&mut a, 3);
    frame(&a, &mut t);
    // Thirty Downs arriving in one read are handled before one frame is drawn.
    press(&mut a, vec![key(KeyCode::Down); 30]);
    let held = frame(&a, &mut t);
    let mut b = app();
    let mut u = wire();
    open_tab(&mut b, 3);
    frame(&b, &mut u);
    let one_by_one: usize = (0..30).map(|_| step(&mut b, &mut u, KeyCode::Down)).sum();
    println!("held Down: {held} B in one frame; the same 30 presses drawn one by one: {one_by_one} B");
    assert!(held * 2 < one_by_one, "coalescing must save most of the bytes: {held} vs {one_by_one}");
}

/// A strict model of a terminal: cursor moves, erasing, text with wide characters. Like
/// pyte it never blanks the other half of a wide character by itself, so the backend
/// must leave no half behind.
struct Screen {
    w: usize,
    cells: Vec<Vec<String>>,
    x: usize,
    y: usize,
    /// The scroll region (first and last row).
    region: (usize, usize),
}

impl Screen {
    fn new(w: usize, h: usize) -> Screen {
        Screen { w, cells: vec![vec![" ".to_string(); w]; h], x: 0, y: 0, region: (0, h - 1) }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\n' {
                if self.y == self.region.1 {
                    let (top, bottom) = self.region;
                    self.cells[top..=bottom].rotate_left(1);
                    self.cells[bottom] = vec![" ".to_string(); self.w];
                } else {
                    self.y += 1;
                }
                continue;
            }
            if c != '\x1b' {
                self.put(c);
                continue;
            }
            if chars.peek() == Some(&'M') {
                chars.next();
                if self.y == self.region.0 {
                    let (top, bottom) = self.region;
                    self.cells[top..=bottom].rotate_right(1);
                    self.cells[top] = vec![" ".to_string(); self.w];
                } else {
                    self.y -= 1;
                }
                continue;
            }
            assert_eq!(chars.next(), Some('['), "only CSI sequences are expected");
            let mut params = String::new();
            let fin = loop {
                let c = chars.next().unwrap();
                if c.is_ascii_alphabetic() || c == '~' {
                    break c;
                }
                params.push(c);
            };
            let n: Vec<usize> = params.trim_start_matches('?').split(';').map(|p| p.parse().unwrap_or(0)).collect();
            match fin {
                'H' => {
                    self.y = n[0].max(1) - 1;
                    self.x = n.get(1).copied().unwrap_or(1).max(1) - 1;
                }
                'C' => self.x += n[0].max(1),
                'K' => (self.x..self.w).for_each(|x| self.cells[self.y][x] = " ".into()),
                'J' if n[0] == 2 => self.cells.iter_mut().for_each(|r| r.iter_mut().for_each(|c| *c = " ".into())),
                'r' => {
                    let h = self.cells.len();
                    self.region = if params.is_empty() { (0, h - 1) } else { (n[0] - 1, n[1] - 1) };
                    (self.x, self.y) = (0, 0);
                }
                'm' | 'h' | 'l' => {}
                other => panic!("unexpected sequence {params}{other}"),
            }
        }
    }

    fn put(&mut self, c: char) {
        let wide = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) == 2;
        if self.x >= self.w {
            return;
        }
        self.cells[self.y][self.x] = c.to_string();
        if wide && self.x + 1 < self.w {
            self.cells[self.y][self.x + 1] = String::new();
        }
        self.x += if wide { 2 } else { 1 };
    }

    /// The screen as text; a cell left holding half a wide character shows as '?'.
    fn text(&self) -> String {
        let mut out = String::new();
        for row in &self.cells {
            let mut line = String::new();
            let mut x = 0;
            while x < self.w {
                let cell = &row[x];
                let wide = cell.chars().next().is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
                match (cell.as_str(), wide) {
                    ("", _) => line.push('?'),
                    (c, true) if x + 1 < self.w && row[x + 1].is_empty() => {
                        line.push_str(c);
                        x += 1;
                    }
                    (_, true) => line.push('?'),
                    (c, false) => line.push_str(c),
                }
                x += 1;
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[test]
fn the_terminal_shows_exactly_what_was_drawn_after_every_frame() {
    let mut a = app();
    let mut t = wire();
    let mut term = Screen::new(80, 24);
    let mut check = |a: &App, t: &mut Wire, what: &str| {
        t.backend_mut().output_mut().clear();
        let drawn = text(t.draw(|f| jixiao::ui::render(a, f)).unwrap().buffer);
        term.feed(t.backend().output());
        assert_eq!(term.text(), drawn, "after {what}");
    };
    check(&a, &mut t, "the first frame");
    let script: Vec<(&str, Vec<KeyCode>)> = vec![
        ("opening", vec![KeyCode::Enter]),
        ("tabs", vec![KeyCode::Tab]),
        ("scrolling the budget", vec![KeyCode::End]),
        ("back up", vec![KeyCode::Home]),
        ("to the grid", vec![KeyCode::Tab, KeyCode::Tab]),
        ("down the grid", vec![KeyCode::Down; 14]),
        ("up the grid", vec![KeyCode::Up; 12]),
        ("across", vec![KeyCode::Right, KeyCode::Right]),
        ("the rule form", vec![KeyCode::End, KeyCode::Left, KeyCode::Enter]),
        ("closing it", vec![KeyCode::Esc]),
        ("the panel", vec![KeyCode::F(9)]),
        ("closing the panel", vec![KeyCode::Esc]),
        ("the narrative", vec![KeyCode::Tab]),
        ("help", vec![KeyCode::F(1)]),
        ("closing help", vec![KeyCode::Esc]),
    ];
    for (what, codes) in script {
        for code in codes {
            keys(&mut a, &[code]);
            check(&a, &mut t, what);
        }
    }
    // Typing and confirming a cell.
    keys(&mut a, &[KeyCode::BackTab, KeyCode::Home, KeyCode::Right, KeyCode::Right]);
    check(&a, &mut t, "back to the grid");
    for c in ["二", "十", "五", "家"] {
        type_text(&mut a, c);
        check(&a, &mut t, c);
    }
    keys(&mut a, &[KeyCode::Enter]);
    check(&a, &mut t, "confirming");
}
