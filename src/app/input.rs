//! Text inputs: one line (a field or a cell) and several lines (a narrative section),
//! both on `ratatui_textarea`, which places the caret correctly for wide (CJK) text.
//! The terminal cursor is put on the caret when drawn, so input-method windows appear
//! where the user is typing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

fn area(lines: Vec<String>) -> TextArea<'static> {
    let mut t = TextArea::new(lines);
    // No drawn caret: the real terminal cursor marks it.
    t.set_cursor_style(ratatui::style::Style::default());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// Keys that would put a newline into a one-line field.
fn is_newline(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Enter)
        || (key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('m' | 'j')))
}

/// A one-line input.
pub struct LineInput {
    text: TextArea<'static>,
    original: String,
    /// Why the last confirm was refused, shown where the user is typing.
    pub error: Option<String>,
    /// Esc was pressed once on changed text: a second Esc discards it.
    pub cancel_armed: bool,
}

impl LineInput {
    /// Edits `text`, caret at its end.
    pub fn new(text: &str) -> LineInput {
        let one_line = text.replace(['\n', '\r'], " ");
        LineInput { text: area(vec![one_line.clone()]), original: one_line, error: None, cancel_armed: false }
    }

    /// Replaces `text` by what the user started typing (spreadsheet style).
    pub fn replacing(text: &str, first: char) -> LineInput {
        let mut input = LineInput::new("");
        input.original = text.replace(['\n', '\r'], " ");
        input.text.insert_char(first);
        input
    }

    pub fn text(&self) -> String {
        self.text.lines().first().cloned().unwrap_or_default()
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Feeds a key to the editor; returns whether anything changed on screen.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if is_newline(&key) {
            return false;
        }
        self.cancel_armed = false;
        self.error = None;
        let before = (self.text(), self.text.cursor());
        self.text.input(key);
        (self.text(), self.text.cursor()) != before
    }

    /// A paste: line breaks and tabs become spaces, nothing is submitted.
    pub fn paste(&mut self, pasted: &str) {
        let flat: String = pasted
            .replace("\r\n", "\n")
            .trim_end_matches(['\n', '\r'])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(flat);
        self.error = None;
    }

    pub fn widget(&self) -> &TextArea<'static> {
        &self.text
    }

    /// The caret's column within the drawn field (after horizontal scrolling).
    pub fn caret_column(&self) -> u16 {
        let col = self.text.screen_cursor().col as u16;
        col.saturating_sub(self.text.scroll_offset().1)
    }
}

/// A multi-line input, wrapped at the width it is drawn in.
pub struct TextInput {
    text: TextArea<'static>,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut t = area(lines);
        t.set_wrap_mode(WrapMode::WordOrGlyph);
        TextInput { text: t }
    }

    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn key(&mut self, key: KeyEvent) -> bool {
        let before = (self.text.lines().len(), self.text.cursor(), self.text());
        self.text.input(key);
        (self.text.lines().len(), self.text.cursor(), self.text()) != before
    }

    /// A paste goes in as it is, line breaks included.
    pub fn paste(&mut self, pasted: &str) {
        self.text.insert_str(pasted.replace("\r\n", "\n").replace('\r', "\n"));
    }

    pub fn widget(&self) -> &TextArea<'static> {
        &self.text
    }

    /// The caret's (column, row) within the drawn area.
    pub fn caret(&self) -> (u16, u16) {
        let sc = self.text.screen_cursor();
        let (top, left) = self.text.scroll_offset();
        ((sc.col as u16).saturating_sub(left), (sc.row as u16).saturating_sub(top))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_line_input_never_takes_a_newline() {
        let mut i = LineInput::new("23家");
        assert!(!i.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!i.key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL)));
        i.paste("25\n家\r\n");
        assert_eq!(i.text(), "23家25 家");
    }

    #[test]
    fn the_caret_counts_display_columns() {
        let mut i = LineInput::new("");
        for c in "新增ab".chars() {
            i.key(key(c));
        }
        assert_eq!(i.caret_column(), 6, "two wide characters and two narrow ones");
    }

    #[test]
    fn replacing_starts_from_the_typed_character() {
        let i = LineInput::replacing("23家", '2');
        assert_eq!(i.text(), "2");
        assert!(i.changed());
        assert!(!LineInput::new("23家").changed());
    }

    #[test]
    fn a_text_input_keeps_pasted_lines() {
        let mut t = TextInput::new("第一段");
        t.paste("\r\n第二段\n第三段");
        assert_eq!(t.text(), "第一段\n第二段\n第三段");
    }
}
