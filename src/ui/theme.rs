//! Styles: the 16 named colours only, and every state also marked by bold, reverse or
//! underline (or a glyph), so the screen reads the same with `NO_COLOR` set.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything non-empty), see no-color.org.
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn plain(self) -> Style {
        Style::default()
    }

    /// The focused row or cell.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn title(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn heading(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn dim(self) -> Style {
        if self.color { Style::default().fg(Color::DarkGray) } else { Style::default() }
    }

    /// A value carried from the row above (a merged-cell level shown on the cursor's row):
    /// grey, or faint without colour.
    pub fn copied(self) -> Style {
        if self.color { Style::default().fg(Color::DarkGray) } else { Style::default().add_modifier(Modifier::DIM) }
    }

    pub fn error(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn warning(self) -> Style {
        self.fg(Style::default(), Color::Yellow)
    }

    pub fn note(self) -> Style {
        self.fg(Style::default(), Color::Blue)
    }

    pub fn good(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Green)
    }

    /// A score typed by hand.
    pub fn entered(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::UNDERLINED), Color::Magenta)
    }

    /// Words of a criterion that a proposed rule was read from: underlined, so NO_COLOR shows them.
    pub fn proposal(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::UNDERLINED), Color::Cyan)
    }

    pub fn key(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn tab(self, active: bool) -> Style {
        if active { Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD) } else { Style::default() }
    }

    pub fn border(self) -> Style {
        self.dim()
    }
}
