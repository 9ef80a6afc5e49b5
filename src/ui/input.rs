//! Drawing a one-line input: the part of its text that fits, scrolled to keep the caret
//! in view, the whole text reversed while it is selected (typing will replace it), and
//! the terminal cursor on the caret (so an input method's window opens there).

use super::theme::Theme;
use crate::app::input::LineInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

/// The first column to draw so that the caret (at `caret`, in a text `total` columns
/// wide) is in a field `width` columns wide, moving the last one as little as possible.
fn scroll_for(last: usize, caret: usize, total: usize, width: usize) -> usize {
    let width = width.max(1);
    let mut s = last.min(caret);
    if caret >= s + width {
        s = caret + 1 - width;
    }
    // No empty room on the right while text is hidden on the left (after a deletion).
    s.min((total + 1).saturating_sub(width))
}

/// The columns `from..from + width` of `text`; a wide character cut by either edge is
/// drawn as spaces, so nothing is shifted.
fn visible(text: &str, from: usize, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        let end = col + w;
        if end > from + width {
            break;
        }
        if col >= from {
            out.push(c);
        } else if end > from {
            out.push_str(&" ".repeat(end - from));
        }
        col = end;
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, input: &LineInput, theme: Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let text = input.as_str();
    let caret = input.caret_column();
    let total = super::text::width(text);
    let from = scroll_for(input.scroll.get(), caret, total, width);
    input.scroll.set(from);
    let shown = visible(text, from, width);
    let style = if input.is_selected() { theme.selected() } else { theme.plain() };
    let field = Rect { height: 1, ..area };
    frame.render_widget(Clear, field);
    frame.render_widget(Paragraph::new(Line::styled(shown, style)), field);
    frame.set_cursor_position((area.x + (caret - from).min(width - 1) as u16, area.y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_stays_in_view() {
        assert_eq!(scroll_for(0, 3, 3, 10), 0);
        assert_eq!(scroll_for(0, 30, 30, 10), 21, "the caret in the last column");
        assert_eq!(scroll_for(21, 25, 30, 10), 21, "moving left inside the window keeps it");
        assert_eq!(scroll_for(21, 5, 30, 10), 5);
        assert_eq!(scroll_for(21, 4, 4, 10), 0, "a short text is drawn whole");
    }

    #[test]
    fn wide_characters_cut_by_an_edge_become_spaces() {
        assert_eq!(visible("一二三四", 1, 4), " 二");
        assert_eq!(visible("一二三四", 2, 4), "二三");
        assert_eq!(visible("ab一", 0, 3), "ab");
    }
}
