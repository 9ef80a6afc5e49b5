//! A backend that writes as few bytes as it can, for users on a slow SSH link.
//!
//! Ratatui already sends only the cells that changed. The stock crossterm backend then
//! moves the cursor before every wide (Chinese) character, resets all attributes after
//! every frame, sets both colours when one changed, and hides or moves the cursor on
//! every frame. `LeanBackend` writes the escape codes itself: it knows where the cursor
//! is after a wide character, keeps the terminal's current style across frames and
//! sends one SGR sequence with only what differs, drops cursor commands that change
//! nothing, and writes each frame in one piece, wrapped in a synchronized update only
//! when it is large enough to tear.

use super::scroll::Scroll;
use super::sgr::{PLAIN, Pen, sgr};
use super::shadow::{Glyphs, Seen, Shadow};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Frames smaller than this are written bare: a keystroke's few changed lines cannot
/// visibly tear, and the two synchronized-update markers would cost 16 bytes. Switching
/// a tab or a screen (over a kilobyte) is synchronized.
const SYNC_ABOVE: usize = 1024;

/// Erasing the rest of a line pays when it replaces at least this many cells.
const ERASE_FROM: usize = 3;
/// Rows that must have changed before a scroll is looked for.
const MIN_SCROLL_ROWS: usize = 3;
/// Unchanged cells up to this many are printed rather than jumped over.
const REPRINT_UP_TO: u16 = 3;

pub struct LeanBackend<W: Write> {
    frame: Vec<u8>,
    out: W,
    /// The size reported to ratatui; `None` asks the real terminal.
    fixed_size: Option<Size>,
    /// The size last reported to ratatui, which laid out the frame being drawn by it: a
    /// terminal resized in between is drawn at the old size until its resize event.
    reported: std::cell::Cell<Option<Size>>,
    cursor_visible: Option<bool>,
    /// Where the terminal's cursor is, when known.
    at: Option<Position>,
    pen: Option<Pen>,
    width: u16,
    shadow: Shadow,
    /// The screen as it is to be, while a frame is drawn; kept between frames so that
    /// drawing one allocates nothing.
    spare: Shadow,
    glyphs: Glyphs,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W) -> LeanBackend<W> {
        LeanBackend {
            frame: Vec::with_capacity(8192),
            out,
            fixed_size: None,
            reported: std::cell::Cell::new(None),
            cursor_visible: None,
            at: None,
            pen: None,
            width: 0,
            shadow: Shadow::default(),
            spare: Shadow::default(),
            glyphs: Glyphs::default(),
        }
    }

    /// A backend of a fixed size writing to `out`, for measuring bytes in tests.
    pub fn with_size(out: W, width: u16, height: u16) -> LeanBackend<W> {
        LeanBackend { fixed_size: Some(Size { width, height }), width, ..LeanBackend::new(out) }
    }

    pub fn output(&self) -> &W {
        &self.out
    }

    pub fn output_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn move_to(&mut self, p: Position) {
        match self.at {
            Some(a) if a == p => {}
            Some(a) if a.y == p.y && p.x > a.x && p.x - a.x <= REPRINT_UP_TO && self.reprintable(a.x, p.x, p.y) => {
                for x in a.x..p.x {
                    if let Some(s) = self.shadow.get(x, p.y) {
                        self.glyphs.write(s.glyph, &mut self.frame);
                    }
                }
            }
            Some(a) if a.y == p.y && p.x > a.x => {
                let n = p.x - a.x;
                let _ = if n == 1 { write!(self.frame, "\x1b[C") } else { write!(self.frame, "\x1b[{n}C") };
            }
            _ => {
                let _ = write!(self.frame, "\x1b[{};{}H", p.y + 1, p.x + 1);
            }
        }
        self.at = Some(p);
    }
}

impl<W: Write> LeanBackend<W> {
    /// Whether the cells `from..to` of row `y` can be printed again as they are: known,
    /// one column each, in the pen the terminal is already using.
    fn reprintable(&self, from: u16, to: u16, y: u16) -> bool {
        (from..to).all(|x| {
            self.shadow.get(x, y).is_some_and(|s| s.width == 1 && Some(s.pen) == self.pen && s.glyph.is_ascii())
        })
    }

    fn set_pen(&mut self, pen: Pen) {
        let code = sgr(self.pen, pen);
        self.frame.extend_from_slice(code.as_bytes());
        self.pen = Some(pen);
    }

    fn put(&mut self, x: u16, y: u16, seen: &Seen) {
        self.move_to(Position { x, y });
        self.set_pen(seen.pen);
        self.glyphs.write(seen.glyph, &mut self.frame);
        let next = x + u16::from(seen.width.max(1));
        // At the last column the terminal's next position is uncertain (pending wrap).
        self.at = (next < self.width).then_some(Position { x: next, y });
    }

    /// Sends the cells of row `y` that differ between the screen and `fresh`, erasing a
    /// blank tail at once where that is cheaper.
    fn emit_row(&mut self, fresh: &Shadow, y: u16) {
        let old = self.shadow.row(y);
        let new = fresh.row(y);
        // Second halves of wide characters are drawn with their first halves.
        let changed: Vec<u16> =
            (0..self.width).filter(|&x| new[x as usize] != old[x as usize] && new[x as usize].width > 0).collect();
        let blank_from = fresh.blank_from(y);
        let erase = changed.iter().filter(|&&x| x >= blank_from).count() >= ERASE_FROM;
        for x in changed {
            if !(erase && x >= blank_from) {
                self.put(x, y, &new[x as usize]);
            }
        }
        if erase {
            self.move_to(Position { x: blank_from, y });
            self.set_pen(PLAIN);
            self.frame.extend_from_slice(b"\x1b[K");
        }
    }

    /// When a block of rows has moved up or down by a few lines (a list scrolled), has the
    /// terminal move it (a scroll region and line feeds) instead of sending it again
    /// (see `scroll::plan`). Returns the rows of the region, now to be compared afresh.
    fn scroll(&mut self, fresh: &Shadow) -> Option<(u16, u16)> {
        let Scroll { top, bottom, by: k } = super::scroll::plan(&self.shadow, fresh)?;
        let m = k.unsigned_abs();
        // Lines scrolled in are blanked with the current background: make it the plain one.
        self.set_pen(PLAIN);
        let _ = write!(self.frame, "\x1b[{};{}r", top + 1, bottom + 1);
        if k > 0 {
            let _ = write!(self.frame, "\x1b[{};1H", bottom + 1);
            self.frame.extend(std::iter::repeat_n(b'\n', m as usize));
            self.shadow.move_rows(top + m, top, bottom + 1 - top - m);
            self.shadow.blank_rows(bottom + 1 - m, m);
        } else {
            let _ = write!(self.frame, "\x1b[{};1H", top + 1);
            for _ in 0..m {
                self.frame.extend_from_slice(b"\x1bM");
            }
            self.shadow.move_rows(top, top + m, bottom + 1 - top - m);
            self.shadow.blank_rows(top, m);
        }
        // Resetting the region also homes the cursor.
        self.frame.extend_from_slice(b"\x1b[r");
        self.at = None;
        Some((top, bottom))
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = match self.reported.get() {
            Some(size) => size,
            None => self.size()?,
        };
        self.width = size.width;
        if (self.shadow.width, self.shadow.height) != (size.width, size.height) {
            self.shadow.reset(size.width, size.height);
            self.glyphs.clear();
        }
        // The screen as it is to be: what the terminal shows, with ratatui's changes.
        let mut fresh = std::mem::take(&mut self.spare);
        fresh.clone_from(&self.shadow);
        let mut touched = vec![false; size.height as usize];
        for (x, y, cell) in content {
            let symbol = cell.symbol();
            let pen = Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier };
            fresh.set(x, y, Seen { glyph: self.glyphs.glyph(symbol), pen, width: symbol.width().max(1) as u8 });
            if let Some(t) = touched.get_mut(y as usize) {
                *t = true;
            }
        }
        if touched.iter().filter(|t| **t).count() >= MIN_SCROLL_ROWS
            && let Some((top, bottom)) = self.scroll(&fresh)
        {
            touched[top as usize..=bottom as usize].iter_mut().for_each(|t| *t = true);
        }
        for y in 0..size.height {
            if touched[y as usize] && fresh.row(y) != self.shadow.row(y) {
                self.emit_row(&fresh, y);
            }
        }
        self.spare = std::mem::replace(&mut self.shadow, fresh);
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.frame.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.frame.extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Clearing paints with the current background: make it the plain one first.
        let code = sgr(self.pen, PLAIN);
        self.frame.extend_from_slice(code.as_bytes());
        self.pen = Some(PLAIN);
        if clear_type == ClearType::All {
            let (w, h) = (self.shadow.width, self.shadow.height);
            self.shadow.reset(w, h);
        } else {
            // The backend does not follow partial clears: forget what it knew.
            self.shadow = Shadow::default();
        }
        self.glyphs.clear();
        let seq: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.frame.extend_from_slice(seq);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        let size = match self.fixed_size {
            Some(s) => s,
            None => crossterm::terminal::size().map(|(width, height)| Size { width, height })?,
        };
        self.reported.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.fixed_size {
            Some(columns_rows) => Ok(WindowSize { columns_rows, pixels: Size::default() }),
            None => {
                let ws = crossterm::terminal::window_size()?;
                Ok(WindowSize {
                    columns_rows: Size { width: ws.columns, height: ws.rows },
                    pixels: Size { width: ws.width, height: ws.height },
                })
            }
        }
    }

    /// The end of a frame: write it out in one piece.
    fn flush(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        if self.frame.len() > SYNC_ABOVE {
            self.frame.splice(0..0, *b"\x1b[?2026h");
            self.frame.extend_from_slice(b"\x1b[?2026l");
        }
        // One write: over SSH, one packet rather than three.
        let written = self.out.write_all(&self.frame);
        self.frame.clear();
        written?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::Stylize;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;

    fn bytes(t: &Terminal<LeanBackend<Vec<u8>>>) -> String {
        String::from_utf8(t.backend().output().clone()).unwrap()
    }

    #[test]
    fn an_unchanged_frame_writes_nothing_and_cursor_commands_are_not_repeated() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 20, 3)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("绩效 98.76"), f.area())).unwrap();
        let first = t.backend().output().len();
        t.draw(|f| f.render_widget(Paragraph::new("绩效 98.76"), f.area())).unwrap();
        assert_eq!(t.backend().output().len(), first, "same frame, same cursor: no bytes");
        let frame = |f: &mut ratatui::Frame| {
            f.render_widget(Paragraph::new("绩效 98.76"), f.area());
            f.set_cursor_position((2, 1));
        };
        t.draw(frame).unwrap();
        let after_show = t.backend().output().len();
        t.draw(frame).unwrap();
        assert_eq!(t.backend().output().len(), after_show, "the cursor is already there and shown");
    }

    #[test]
    fn wide_characters_need_no_cursor_moves_between_them() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 20, 1)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("部门整体支出"), f.area())).unwrap();
        let out = bytes(&t);
        assert_eq!(out.matches('H').count(), 1, "one move for the whole run: {out:?}");
        assert!(out.contains("部门整体支出"), "{out:?}");
    }

    #[test]
    fn styles_change_with_one_short_sequence_and_persist_across_frames() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 10, 1)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new(Line::from(vec!["a".reversed(), "b".into()])), f.area())).unwrap();
        let out = bytes(&t);
        assert!(out.contains("\x1b[0;7ma\x1b[27mb"), "{out:?}");
        t.backend_mut().output_mut().clear();
        t.draw(|f| f.render_widget(Paragraph::new(Line::from(vec!["a".reversed(), "c".into()])), f.area())).unwrap();
        assert_eq!(bytes(&t), "\x1b[1;2Hc", "only the changed cell, in the style already set");
    }

    #[test]
    fn the_half_of_a_wide_character_left_behind_is_blanked() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 10, 1)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("a部门"), f.area())).unwrap();
        t.backend_mut().output_mut().clear();
        // 整 now starts where 部 ended: 部's second half is overwritten, 门's first half too.
        t.draw(|f| f.render_widget(Paragraph::new("ab整"), f.area())).unwrap();
        let out = bytes(&t);
        assert!(out.ends_with("整 "), "the rest of 门 is blanked: {out:?}");
    }

    #[test]
    fn graphemes_of_several_characters_are_written_whole_and_known_again() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 10, 1)).unwrap();
        // e with a combining acute, then a thumbs-up with a skin tone: one cell each to ratatui.
        t.draw(|f| f.render_widget(Paragraph::new("ae\u{301}b👍🏽"), f.area())).unwrap();
        let out = bytes(&t);
        assert!(out.contains("ae\u{301}b👍🏽"), "{out:?}");
        t.backend_mut().output_mut().clear();
        t.draw(|f| f.render_widget(Paragraph::new("ae\u{301}b👍🏽"), f.area())).unwrap();
        assert_eq!(bytes(&t), "", "the same graphemes are the same cells");
        t.draw(|f| f.render_widget(Paragraph::new("ae\u{300}b👍🏽"), f.area())).unwrap();
        assert_eq!(bytes(&t), "\x1b[1;2He\u{300}", "another accent is another cell");
    }

    #[test]
    fn large_frames_are_synchronized_small_ones_are_not() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 80, 24)).unwrap();
        let page: Vec<Line> = (0..24).map(|_| Line::raw("绩".repeat(40))).collect();
        t.draw(|f| f.render_widget(Paragraph::new(page.clone()), f.area())).unwrap();
        let out = bytes(&t);
        assert!(out.starts_with("\x1b[?2026h") && out.ends_with("\x1b[?2026l"), "{:?}", &out[..40]);
        t.backend_mut().output_mut().clear();
        let mut changed = page;
        changed[3] = Line::raw(format!("效{}", "绩".repeat(39)));
        t.draw(|f| f.render_widget(Paragraph::new(changed), f.area())).unwrap();
        let out = bytes(&t);
        assert_eq!(out, "\x1b[4;1H效", "one changed cell");
    }
}
