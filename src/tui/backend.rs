//! A backend that writes as few bytes as it can, for users on a slow SSH link.
//!
//! ratatui already sends only the cells that changed. Around that, its frame loop
//! hides or shows the cursor and moves it on every frame, and crossterm flushes after
//! each such command. `LeanBackend` collects a whole frame in memory, drops cursor
//! commands that change nothing, and writes the frame in one `write` at the end,
//! wrapped in a synchronized update only when it is large enough to tear.

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// Frames smaller than this are written bare: a few cells cannot visibly tear, and the
/// two synchronized-update markers would cost 16 bytes.
const SYNC_ABOVE: usize = 512;

/// A `Write` that appends to a shared buffer, so the backend can take the frame out.
#[derive(Clone, Default)]
struct Frame(Rc<RefCell<Vec<u8>>>);

impl Write for Frame {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<Frame>,
    frame: Frame,
    out: W,
    /// The size reported to ratatui; `None` asks the real terminal.
    fixed_size: Option<Size>,
    cursor_visible: Option<bool>,
    cursor_at: Option<Position>,
    /// Drawing moves the terminal's cursor, so the next position must be sent again.
    drawn_since_move: bool,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W) -> LeanBackend<W> {
        let frame = Frame::default();
        LeanBackend {
            inner: CrosstermBackend::new(frame.clone()),
            frame,
            out,
            fixed_size: None,
            cursor_visible: None,
            cursor_at: None,
            drawn_since_move: true,
        }
    }

    /// A backend of a fixed size writing to `out`, for measuring bytes in tests.
    pub fn with_size(out: W, width: u16, height: u16) -> LeanBackend<W> {
        LeanBackend { fixed_size: Some(Size { width, height }), ..LeanBackend::new(out) }
    }

    pub fn output(&self) -> &W {
        &self.out
    }

    pub fn output_mut(&mut self) -> &mut W {
        &mut self.out
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_some() {
            self.inner.draw(content)?;
            self.drawn_since_move = true;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.inner.hide_cursor()?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.inner.show_cursor()?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor_at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.drawn_since_move || self.cursor_at != Some(position) {
            self.inner.set_cursor_position(position)?;
            self.cursor_at = Some(position);
            self.drawn_since_move = false;
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.drawn_since_move = true;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.drawn_since_move = true;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(s) => Ok(s),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.fixed_size {
            Some(columns_rows) => Ok(WindowSize { columns_rows, pixels: Size::default() }),
            None => self.inner.window_size(),
        }
    }

    /// The end of a frame: write it out in one piece.
    fn flush(&mut self) -> io::Result<()> {
        let bytes = std::mem::take(&mut *self.frame.0.borrow_mut());
        if bytes.is_empty() {
            return Ok(());
        }
        if bytes.len() > SYNC_ABOVE {
            crossterm::queue!(self.out, BeginSynchronizedUpdate)?;
            self.out.write_all(&bytes)?;
            crossterm::queue!(self.out, EndSynchronizedUpdate)?;
        } else {
            self.out.write_all(&bytes)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    #[test]
    fn an_unchanged_frame_writes_nothing_and_cursor_commands_are_not_repeated() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 20, 3)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("绩效 98.76"), f.area())).unwrap();
        let first = t.backend().output().len();
        assert!(first > 0);
        t.draw(|f| f.render_widget(Paragraph::new("绩效 98.76"), f.area())).unwrap();
        assert_eq!(t.backend().output().len(), first, "same frame, same cursor: no bytes");
        t.draw(|f| {
            f.render_widget(Paragraph::new("绩效 98.76"), f.area());
            f.set_cursor_position((2, 1));
        })
        .unwrap();
        let after_show = t.backend().output().len();
        t.draw(|f| {
            f.render_widget(Paragraph::new("绩效 98.76"), f.area());
            f.set_cursor_position((2, 1));
        })
        .unwrap();
        assert_eq!(t.backend().output().len(), after_show, "the cursor is already there and shown");
    }

    #[test]
    fn large_frames_are_synchronized_small_ones_are_not() {
        let mut t = Terminal::new(LeanBackend::with_size(Vec::new(), 80, 24)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("绩".repeat(900)), f.area())).unwrap();
        let out = String::from_utf8(t.backend().output().clone()).unwrap();
        assert!(out.starts_with("\x1b[?2026h") && out.ends_with("\x1b[?2026l"), "{out:?}");
        t.backend_mut().output_mut().clear();
        t.draw(|f| f.render_widget(Paragraph::new("效".to_string() + &"绩".repeat(899)), f.area())).unwrap();
        let out = String::from_utf8(t.backend().output().clone()).unwrap();
        assert!(!out.contains("\x1b[?2026h"), "{out:?}");
        assert!(out.len() < 20, "one changed cell: {out:?}");
    }
}
