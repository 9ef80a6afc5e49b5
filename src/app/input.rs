//! Text inputs: one line (a field or a cell) and several lines (a narrative section).
//!
//! The one-line editor is jixiao's own: a `String` and a caret, so a typed character
//! costs the same at the end of a 20 000-character line as in an empty one (the text
//! area it replaced looked the caret up from the line's start on every key). It also
//! knows "the whole text is selected", as a spreadsheet cell is when entered: typing
//! replaces it, → or Home keeps it for editing, Ctrl+U clears it.
//!
//! The multi-line editor is `ratatui_textarea`, which wraps and places the caret
//! correctly for wide (CJK) text. The terminal cursor is put on the caret when drawn,
//! so input-method windows appear where the user is typing.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};
use std::cell::Cell;
use unicode_width::UnicodeWidthStr;

/// A one-line input.
#[derive(Debug, Default)]
pub struct LineInput {
    text: String,
    /// A byte offset on a character boundary.
    caret: usize,
    /// The whole text is selected: a typed character replaces it.
    selected: bool,
    original: String,
    /// The first display column drawn; drawing moves it to keep the caret in view.
    pub scroll: Cell<usize>,
    /// Why the last confirm was refused, shown where the user is typing.
    pub error: Option<String>,
    /// Esc was pressed once on changed text: a second Esc discards it.
    pub cancel_armed: bool,
}

/// Line breaks and other control characters as spaces: a one-line field holds one line.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

impl LineInput {
    /// Edits `text`, caret at its end.
    pub fn new(text: &str) -> LineInput {
        let text = one_line(text);
        LineInput { caret: text.len(), original: text.clone(), text, ..LineInput::default() }
    }

    /// Edits `text` with all of it selected, as a field is when entered: typing replaces it.
    pub fn selecting(text: &str) -> LineInput {
        let mut input = LineInput::new(text);
        input.selected = !input.text.is_empty();
        input
    }

    /// Replaces `text` by what the user started typing (spreadsheet style).
    pub fn replacing(text: &str, first: char) -> LineInput {
        let mut input = LineInput::selecting(text);
        input.insert(first);
        input
    }

    pub fn text(&self) -> String {
        self.text.clone()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn changed(&self) -> bool {
        self.text != self.original
    }

    /// Whether the whole text is selected (typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The caret's display column within the whole text.
    pub fn caret_column(&self) -> usize {
        self.text[..self.caret].width()
    }

    /// Types a character at the caret, replacing the selection.
    fn insert(&mut self, c: char) {
        if self.selected {
            self.clear();
        }
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
    }

    fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
        self.selected = false;
    }

    fn prev(&self) -> usize {
        self.text[..self.caret].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.caret..].chars().next().map_or(self.caret, |c| self.caret + c.len_utf8())
    }

    /// The start of the word before the caret (spaces, then the non-spaces before them).
    fn word_back(&self) -> usize {
        let before = self.text[..self.caret].trim_end();
        before.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    }

    /// The end of the word after the caret.
    fn word_forward(&self) -> usize {
        let after = &self.text[self.caret..];
        let start = after.len() - after.trim_start().len();
        after[start..].find(char::is_whitespace).map_or(self.text.len(), |i| self.caret + start + i)
    }

    /// Feeds a key to the editor; returns whether anything changed on screen. Keys it
    /// does not use (Enter, Tab, Alt chords) are left alone.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        let before = (self.caret, self.selected, self.text.len());
        match (key.code, ctrl) {
            (KeyCode::Char(c), false) if !c.is_control() => self.insert(c),
            (KeyCode::Char('u'), true) => self.clear(),
            (KeyCode::Char('h'), true) | (KeyCode::Backspace, _) if self.selected => self.clear(),
            (KeyCode::Char('d'), true) | (KeyCode::Delete, _) if self.selected => self.clear(),
            (KeyCode::Char('k'), true) if self.selected => self.clear(),
            (KeyCode::Char('h'), true) | (KeyCode::Backspace, false) => {
                let from = self.prev();
                self.text.replace_range(from..self.caret, "");
                self.caret = from;
            }
            (KeyCode::Char('w'), true) | (KeyCode::Backspace, true) => {
                let from = self.word_back();
                self.text.replace_range(from..self.caret, "");
                self.caret = from;
            }
            (KeyCode::Char('d'), true) | (KeyCode::Delete, false) => {
                let to = self.next();
                self.text.replace_range(self.caret..to, "");
            }
            (KeyCode::Char('k'), true) => self.text.truncate(self.caret),
            (KeyCode::Char('a'), true) | (KeyCode::Home, _) => self.caret = 0,
            (KeyCode::Char('e'), true) | (KeyCode::End, _) => self.caret = self.text.len(),
            // A selection is left where the caret is shown: at the end.
            (KeyCode::Right | KeyCode::Char('f'), _) if self.selected => {}
            (KeyCode::Char('b'), true) | (KeyCode::Left, false) => self.caret = self.prev(),
            (KeyCode::Char('f'), true) | (KeyCode::Right, false) => self.caret = self.next(),
            (KeyCode::Left, true) => self.caret = self.word_back(),
            (KeyCode::Right, true) => self.caret = self.word_forward(),
            _ => return false,
        }
        self.selected = false;
        self.cancel_armed = false;
        self.error = None;
        before != (self.caret, self.selected, self.text.len())
    }

    /// A paste: line breaks and tabs become spaces, nothing is submitted; a selection is replaced.
    pub fn paste(&mut self, pasted: &str) {
        let flat = one_line(pasted.replace("\r\n", "\n").trim_end_matches(['\n', '\r']));
        if self.selected && !flat.is_empty() {
            self.clear();
        }
        self.text.insert_str(self.caret, &flat);
        self.caret += flat.len();
        self.selected = false;
        self.error = None;
    }

    /// Moves the caret one character (for dialogs that bind ← and → themselves).
    pub fn step(&mut self, forward: bool) {
        let code = if forward { KeyCode::Right } else { KeyCode::Left };
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn area(lines: Vec<String>) -> TextArea<'static> {
    let mut t = TextArea::new(lines);
    // No drawn caret: the real terminal cursor marks it.
    t.set_cursor_style(ratatui::style::Style::default());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// A multi-line input, wrapped at the width it is drawn in.
///
/// The text area re-wraps its whole text after every edit, so typed characters are
/// held in `pending` and inserted together when something else happens (another key,
/// a paste, [`TextInput::settle`] at the end of a batch of events): a paste without
/// bracketed-paste mode, thousands of characters in one read, is wrapped once rather
/// than once a character.
pub struct TextInput {
    text: TextArea<'static>,
    pending: String,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut t = area(lines);
        t.set_wrap_mode(WrapMode::WordOrGlyph);
        TextInput { text: t, pending: String::new() }
    }

    /// Inserts the characters typed since the last call; true if there were any.
    pub fn settle(&mut self) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        self.text.insert_str(std::mem::take(&mut self.pending));
        true
    }

    /// The text, typed characters not yet inserted included.
    pub fn text(&self) -> String {
        let mut lines: Vec<String> = self.text.lines().to_vec();
        if !self.pending.is_empty() {
            let ratatui_textarea::DataCursor(row, col) = self.text.cursor();
            let line = &mut lines[row];
            let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
            line.insert_str(at, &self.pending);
        }
        lines.join("\n")
    }

    /// Feeds a key; returns whether anything changed on screen. A line feed (Ctrl+J,
    /// what a paste without bracketed-paste mode sends) and a carriage return are new
    /// lines: the text area's own Ctrl+J would delete the line instead.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyCode::Char(c), false) = (key.code, ctrl)
            && !c.is_control()
        {
            self.pending.push(c);
            return true;
        }
        let settled = self.settle();
        let newline = ctrl && matches!(key.code, KeyCode::Char('j' | 'm'));
        let key = if newline { KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE) } else { key };
        let cursor = self.text.cursor();
        self.text.input(textarea_input(key)) || self.text.cursor() != cursor || settled
    }

    /// A paste goes in as it is, line breaks included.
    pub fn paste(&mut self, pasted: &str) {
        self.settle();
        self.text.insert_str(pasted.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// The text area to draw; call [`TextInput::settle`] first.
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

/// A crossterm key as the text area takes it. The text area's own conversion (its
/// `crossterm` feature) would bring in ratatui's crossterm backend, which jixiao does
/// not use, and with it the underline colour in every cell of ratatui's two screen
/// buffers (issue 14, peak RSS). This does what that conversion does.
fn textarea_input(key: KeyEvent) -> Input {
    if key.kind == KeyEventKind::Release {
        return Input::default();
    }
    let held = |m| key.modifiers.contains(m);
    let (ctrl, alt, shift) = (held(KeyModifiers::CONTROL), held(KeyModifiers::ALT), held(KeyModifiers::SHIFT));
    let key = match key.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Enter => Key::Enter,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Tab => Key::Tab,
        // Shift+Tab arrives as BackTab.
        KeyCode::BackTab => return Input { key: Key::Tab, ctrl, alt, shift: true },
        KeyCode::Delete => Key::Delete,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Esc => Key::Esc,
        KeyCode::F(n) => Key::F(n),
        _ => Key::Null,
    };
    Input { key, ctrl, alt, shift }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn code(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_reach_the_text_area_as_its_own_conversion_gave_them() {
        let shift_tab = textarea_input(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(shift_tab, Input { key: Key::Tab, ctrl: false, alt: false, shift: true });
        let ctrl_alt_e = textarea_input(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL | KeyModifiers::ALT));
        assert_eq!(ctrl_alt_e, Input { key: Key::Char('e'), ctrl: true, alt: true, shift: false });
        assert_eq!(textarea_input(code(KeyCode::F(5))).key, Key::F(5));
        assert_eq!(textarea_input(code(KeyCode::Insert)).key, Key::Null);
        let mut released = code(KeyCode::Backspace);
        released.kind = KeyEventKind::Release;
        assert_eq!(textarea_input(released), Input::default(), "a key let go does nothing");
        // Through the editor: the arrows, Home and Backspace edit a section as before.
        let mut t = TextInput::new("绩效自评");
        for k in [KeyCode::End, KeyCode::Left, KeyCode::Backspace, KeyCode::Home, KeyCode::Delete] {
            t.key(code(k));
        }
        assert_eq!(t.text(), "效评");
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(input: &mut LineInput, text: &str) {
        for c in text.chars() {
            input.key(key(c));
        }
    }

    #[test]
    fn a_line_input_never_takes_a_newline() {
        let mut i = LineInput::new("23家");
        assert!(!i.key(code(KeyCode::Enter)));
        assert!(!i.key(ctrl('m')));
        assert!(!i.key(ctrl('j')));
        i.paste("25\n家\r\n");
        assert_eq!(i.text(), "23家25 家");
    }

    #[test]
    fn the_caret_counts_display_columns() {
        let mut i = LineInput::new("");
        typed(&mut i, "新增ab");
        assert_eq!(i.caret_column(), 6, "two wide characters and two narrow ones");
        i.key(code(KeyCode::Left));
        i.key(code(KeyCode::Left));
        i.key(code(KeyCode::Left));
        assert_eq!(i.caret_column(), 2);
        i.key(code(KeyCode::Backspace));
        assert_eq!((i.as_str(), i.caret_column()), ("增ab", 0));
    }

    #[test]
    fn replacing_starts_from_the_typed_character() {
        let i = LineInput::replacing("23家", '2');
        assert_eq!(i.text(), "2");
        assert!(i.changed());
        assert!(!LineInput::new("23家").changed());
    }

    #[test]
    fn an_entered_field_is_selected_and_typing_replaces_it() {
        let mut year = LineInput::selecting("2025");
        typed(&mut year, "2020");
        assert_eq!(year.text(), "2020", "not 20252020");
        let mut weight = LineInput::selecting("0");
        typed(&mut weight, "10");
        assert_eq!(weight.text(), "10", "not 010");
    }

    #[test]
    fn right_or_home_keeps_the_text_for_editing_and_ctrl_u_clears_it() {
        let mut i = LineInput::selecting("120家");
        assert!(i.key(code(KeyCode::Right)));
        typed(&mut i, "以上");
        assert_eq!(i.text(), "120家以上");
        let mut i = LineInput::selecting("120家");
        i.key(code(KeyCode::Home));
        typed(&mut i, "≥");
        assert_eq!(i.text(), "≥120家");
        i.key(ctrl('u'));
        assert_eq!(i.text(), "");
        let mut i = LineInput::selecting("120家");
        i.key(code(KeyCode::Backspace));
        assert_eq!(i.text(), "", "Backspace on a selection clears it");
        let mut i = LineInput::selecting("120家");
        i.paste("166家");
        assert_eq!(i.text(), "166家", "a paste replaces the selection too");
    }

    #[test]
    fn words_and_line_ends() {
        let mut i = LineInput::new("每少 一家 扣0.05分");
        i.key(ctrl('w'));
        assert_eq!(i.text(), "每少 一家 ");
        i.key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(i.caret_column(), 5);
        i.key(ctrl('k'));
        assert_eq!(i.text(), "每少 ");
        i.key(ctrl('a'));
        i.key(code(KeyCode::Delete));
        assert_eq!(i.text(), "少 ");
    }

    #[test]
    fn a_text_input_keeps_pasted_lines() {
        let mut t = TextInput::new("第一段");
        t.paste("\r\n第二段\n第三段");
        assert_eq!(t.text(), "第一段\n第二段\n第三段");
    }

    #[test]
    fn a_line_feed_is_a_new_line_in_a_text_area() {
        let mut t = TextInput::new("");
        for c in "第一行".chars() {
            t.key(key(c));
        }
        assert!(t.key(ctrl('j')), "Ctrl+J (LF) starts a line");
        for c in "第二行".chars() {
            t.key(key(c));
        }
        t.key(code(KeyCode::Enter));
        for c in "第三行".chars() {
            t.key(key(c));
        }
        assert_eq!(t.text(), "第一行\n第二行\n第三行", "typed characters count before they are settled");
        assert!(t.settle());
        assert_eq!(t.text(), "第一行\n第二行\n第三行");
        assert_eq!(t.widget().lines(), ["第一行", "第二行", "第三行"]);
    }
}
