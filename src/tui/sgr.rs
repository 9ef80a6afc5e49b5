//! SGR (Select Graphic Rendition): the one escape sequence that turns the terminal's
//! current attributes into a cell's, sending only what differs.

use ratatui::style::{Color, Modifier};

/// The attributes the terminal is drawing with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

pub const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

/// SGR parameters for a colour (`fg` = 30-based, else 40-based).
fn colour(c: Color, fg: bool, out: &mut Vec<String>) {
    let base = if fg { 30 } else { 40 };
    let code = match c {
        Color::Reset => base + 9,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => base + 60,
        Color::LightRed => base + 61,
        Color::LightGreen => base + 62,
        Color::LightYellow => base + 63,
        Color::LightBlue => base + 64,
        Color::LightMagenta => base + 65,
        Color::LightCyan => base + 66,
        Color::White => base + 67,
        Color::Indexed(i) => {
            out.push(format!("{};5;{i}", base + 8));
            return;
        }
        Color::Rgb(r, g, b) => {
            out.push(format!("{};2;{r};{g};{b}", base + 8));
            return;
        }
    };
    out.push(code.to_string());
}

const ATTRS: [(Modifier, u8, u8); 8] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// The one SGR sequence that changes `from` into `to` (empty if nothing changes).
pub fn sgr(from: Option<Pen>, to: Pen) -> String {
    if from == Some(to) {
        return String::new();
    }
    let mut p: Vec<String> = Vec::new();
    let from = match from {
        // Unknown state: start from a full reset.
        None => {
            p.push("0".into());
            PLAIN
        }
        Some(f) => f,
    };
    let removed = from.modifier - to.modifier;
    let added = to.modifier - from.modifier;
    let mut re_add = Modifier::empty();
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        // 22 turns off both bold and dim: put back the one that stays.
        re_add = to.modifier & (Modifier::BOLD | Modifier::DIM) & from.modifier;
    }
    for (m, on, off) in ATTRS {
        if removed.contains(m) && !(m == Modifier::DIM && removed.contains(Modifier::BOLD)) {
            p.push(off.to_string());
        }
        if added.contains(m) || re_add.contains(m) {
            p.push(on.to_string());
        }
    }
    if from.fg != to.fg {
        colour(to.fg, true, &mut p);
    }
    if from.bg != to.bg {
        colour(to.bg, false, &mut p);
    }
    p.dedup();
    format!("\x1b[{}m", p.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_differs_is_sent() {
        assert_eq!(sgr(Some(PLAIN), PLAIN), "");
        assert_eq!(sgr(None, PLAIN), "\x1b[0m", "an unknown state starts from a reset");
        assert_eq!(sgr(Some(PLAIN), Pen { fg: Color::Red, ..PLAIN }), "\x1b[31m");
        assert_eq!(sgr(Some(PLAIN), Pen { bg: Color::DarkGray, modifier: Modifier::REVERSED, ..PLAIN }), "\x1b[7;100m");
        // 22 turns bold and dim off together: the one that stays is put back.
        let both = Pen { modifier: Modifier::BOLD | Modifier::DIM, ..PLAIN };
        assert_eq!(sgr(Some(both), Pen { modifier: Modifier::DIM, ..PLAIN }), "\x1b[22;2m");
        assert_eq!(sgr(Some(both), PLAIN), "\x1b[22m");
    }
}
