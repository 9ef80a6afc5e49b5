//! Bytes on the wire: what a keystroke costs a user on a slow SSH link. The screen is
//! drawn through the real backend into a buffer at 80×24, as in the terminal.

mod driver;

use crossterm::event::KeyCode;
use driver::*;
use jixiao::app::App;
use jixiao::tui::LeanBackend;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

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

/// The attributes a cell is drawn with, as the model reads them from SGR sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

/// A colour from its SGR number (30–37, 90–97, 39 and the 40-based backgrounds).
fn sgr_colour(n: usize) -> Color {
    const COLOURS: [Color; 8] =
        [Color::Black, Color::Red, Color::Green, Color::Yellow, Color::Blue, Color::Magenta, Color::Cyan, Color::Gray];
    const BRIGHT: [Color; 8] = [
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match n % 10 {
        9 if n < 90 => Color::Reset,
        i if n >= 90 => BRIGHT[i],
        i => COLOURS[i],
    }
}

/// A strict model of a terminal: cursor moves, erasing, scroll regions, text with wide
/// characters, and each cell's colours and attributes. Like pyte it never blanks the
/// other half of a wide character by itself, so the backend must leave no half behind;
/// like xterm it erases and scrolls in blank lines with the current background, so a
/// scroll or an erase in the wrong colour shows.
struct Screen {
    w: usize,
    cells: Vec<Vec<(String, Pen)>>,
    x: usize,
    y: usize,
    /// The scroll region (first and last row).
    region: (usize, usize),
    pen: Pen,
}

impl Screen {
    fn new(w: usize, h: usize) -> Screen {
        Screen { w, cells: vec![vec![(" ".to_string(), PLAIN); w]; h], x: 0, y: 0, region: (0, h - 1), pen: PLAIN }
    }

    /// What an erase or a scroll leaves: a blank in the current background.
    fn blank(&self) -> (String, Pen) {
        (" ".to_string(), Pen { bg: self.pen.bg, ..PLAIN })
    }

    fn blank_row(&self) -> Vec<(String, Pen)> {
        vec![self.blank(); self.w]
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\n' {
                if self.y == self.region.1 {
                    let (top, bottom) = self.region;
                    self.cells[top..=bottom].rotate_left(1);
                    self.cells[bottom] = self.blank_row();
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
                    self.cells[top] = self.blank_row();
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
                'K' => (self.x..self.w).for_each(|x| self.cells[self.y][x] = self.blank()),
                'J' if n[0] == 2 => {
                    let row = self.blank_row();
                    self.cells.iter_mut().for_each(|r| *r = row.clone());
                }
                'r' => {
                    let h = self.cells.len();
                    self.region = if params.is_empty() { (0, h - 1) } else { (n[0] - 1, n[1] - 1) };
                    (self.x, self.y) = (0, 0);
                }
                'm' => self.sgr(&n),
                'h' | 'l' => {}
                other => panic!("unexpected sequence {params}{other}"),
            }
        }
    }

    fn sgr(&mut self, n: &[usize]) {
        let mut i = 0;
        while i < n.len() {
            let p = &mut self.pen;
            match n[i] {
                0 => *p = PLAIN,
                1 => p.modifier |= Modifier::BOLD,
                2 => p.modifier |= Modifier::DIM,
                3 => p.modifier |= Modifier::ITALIC,
                4 => p.modifier |= Modifier::UNDERLINED,
                5 => p.modifier |= Modifier::SLOW_BLINK,
                7 => p.modifier |= Modifier::REVERSED,
                8 => p.modifier |= Modifier::HIDDEN,
                9 => p.modifier |= Modifier::CROSSED_OUT,
                22 => p.modifier -= Modifier::BOLD | Modifier::DIM,
                23 => p.modifier -= Modifier::ITALIC,
                24 => p.modifier -= Modifier::UNDERLINED,
                25 => p.modifier -= Modifier::SLOW_BLINK,
                27 => p.modifier -= Modifier::REVERSED,
                28 => p.modifier -= Modifier::HIDDEN,
                29 => p.modifier -= Modifier::CROSSED_OUT,
                c @ (38 | 48) => {
                    let colour = match n[i + 1] {
                        5 => Color::Indexed(n[i + 2] as u8),
                        _ => Color::Rgb(n[i + 2] as u8, n[i + 3] as u8, n[i + 4] as u8),
                    };
                    i += if n[i + 1] == 5 { 2 } else { 4 };
                    if c == 38 { p.fg = colour } else { p.bg = colour }
                }
                c @ (30..=37 | 39 | 90..=97) => p.fg = sgr_colour(c),
                c @ (40..=47 | 49 | 100..=107) => p.bg = sgr_colour(c - 10),
                other => panic!("unexpected SGR parameter {other}"),
            }
            i += 1;
        }
    }

    fn put(&mut self, c: char) {
        let wide = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) == 2;
        if self.x >= self.w {
            return;
        }
        self.cells[self.y][self.x] = (c.to_string(), self.pen);
        if wide && self.x + 1 < self.w {
            self.cells[self.y][self.x + 1] = (String::new(), self.pen);
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
                let cell = &row[x].0;
                let wide = cell.chars().next().is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
                match (cell.as_str(), wide) {
                    ("", _) => line.push('?'),
                    (c, true) if x + 1 < self.w && row[x + 1].0.is_empty() => {
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

    /// The first cell whose colours or attributes differ from what was drawn, if any.
    fn wrong_style(&self, drawn: &Buffer) -> Option<String> {
        for (y, row) in self.cells.iter().enumerate() {
            for (x, (symbol, pen)) in row.iter().enumerate() {
                let cell = &drawn[(x as u16, y as u16)];
                let want = Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier };
                // The second half of a wide character is drawn with the first.
                if !symbol.is_empty() && *pen != want {
                    return Some(format!("row {y} column {x} ({symbol:?}): shows {pen:?}, drawn {want:?}"));
                }
            }
        }
        None
    }
}

/// Draws a frame, feeds its bytes to the model and checks the model shows the frame:
/// the text and every cell's colours and attributes.
fn check_frame(app: &App, t: &mut Wire, term: &mut Screen, what: &str) -> usize {
    t.backend_mut().output_mut().clear();
    let completed = t.draw(|f| jixiao::ui::render(app, f)).unwrap();
    let drawn = completed.buffer.clone();
    term.feed(t.backend().output());
    assert_eq!(term.text(), text(&drawn), "after {what}");
    if let Some(wrong) = term.wrong_style(&drawn) {
        panic!("after {what}: {wrong}");
    }
    t.backend().output().len()
}

#[test]
fn the_terminal_shows_exactly_what_was_drawn_after_every_frame() {
    let mut a = app();
    let mut t = wire();
    let mut term = Screen::new(80, 24);
    let mut check = |a: &App, t: &mut Wire, what: &str| {
        check_frame(a, t, &mut term, what);
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

/// A table longer than the screen, scrolled by a held key both ways and by pages, at
/// 80×24 and 200×50: after every frame the terminal shows exactly what was drawn,
/// colours included, and a held Down costs the scrolled lines, not the screen.
#[test]
fn a_long_table_scrolls_by_the_terminal_and_shows_what_was_drawn() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut a = app_with_rows(60, (w, h));
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), w, h)).unwrap();
        let mut term = Screen::new(w as usize, h as usize);
        check_frame(&a, &mut t, &mut term, "the start screen");
        open_tab(&mut a, 3);
        check_frame(&a, &mut t, &mut term, "the grid");
        // Thirty presses a frame each, as auto-repeat arrives; then the keyboard goes quiet.
        let mut held = 0;
        for i in 0..30 {
            press_held(&mut a, [key(KeyCode::Down)]);
            held += check_frame(&a, &mut t, &mut term, &format!("held Down {i} at {w}×{h}"));
        }
        a.idle();
        held += check_frame(&a, &mut t, &mut term, &format!("the detail after the held Down at {w}×{h}"));
        println!("{w}×{h}: 30 held Downs on 60 rows, the detail after them: {held} B");
        assert!(held <= 3000, "30 held Downs on a 60-row table at {w}×{h}: {held} B");
        for i in 0..12 {
            press_held(&mut a, [key(KeyCode::Up)]);
            check_frame(&a, &mut t, &mut term, &format!("held Up {i} at {w}×{h}"));
        }
        for (what, code) in [("PgDn", KeyCode::PageDown), ("PgUp", KeyCode::PageUp), ("Down", KeyCode::Down)] {
            keys(&mut a, &[code]);
            check_frame(&a, &mut t, &mut term, &format!("{what} at {w}×{h}"));
        }
        // A finding's row (yellow mark) and an edit that rescores, scrolled away and back.
        keys(&mut a, &[KeyCode::Right, KeyCode::Right, KeyCode::Enter]);
        type_text(&mut a, "1");
        keys(&mut a, &[KeyCode::Enter]);
        check_frame(&a, &mut t, &mut term, &format!("an edit at {w}×{h}"));
        for i in 0..20 {
            press_held(&mut a, [key(KeyCode::Down)]);
            check_frame(&a, &mut t, &mut term, &format!("held Down after the edit {i} at {w}×{h}"));
        }
        a.idle();
        check_frame(&a, &mut t, &mut term, &format!("quiet after the edit at {w}×{h}"));
    }
}

/// The terminal model itself: a colour it was not told about fails the comparison.
#[test]
fn the_terminal_model_sees_a_wrong_colour() {
    let mut t = wire();
    let mut term = Screen::new(80, 24);
    let a = app();
    check_frame(&a, &mut t, &mut term, "the start screen");
    let drawn = t.draw(|f| jixiao::ui::render(&a, f)).unwrap().buffer.clone();
    assert!(term.wrong_style(&drawn).is_none());
    // The same text in another colour: what a scroll in the wrong pen would leave.
    term.feed(b"\x1b[1;1H\x1b[31m");
    let first = drawn[(0, 0)].symbol().to_string();
    term.feed(first.as_bytes());
    assert_eq!(term.text(), text(&drawn), "the text is the same");
    assert!(term.wrong_style(&drawn).is_some(), "but not its colour");
}
