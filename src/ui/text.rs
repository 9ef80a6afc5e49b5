//! Text by display width: a Chinese character takes two columns. Never `.len()` or
//! `.chars().count()` for layout. Ratatui's own wrapping can push a wide character past
//! the last column, so Chinese text is wrapped here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(text: &str) -> usize {
    text.width()
}

/// Cuts `text` to at most `max` columns, marking a cut with `..` (ASCII: the ellipsis
/// character is drawn one or two columns wide depending on the terminal).
pub fn fit(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max < 3 {
        return take(text, max);
    }
    format!("{}..", take(text, max - 2))
}

/// The longest prefix of at most `max` columns.
pub fn take(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Pads on the right to exactly `cols` columns (cutting if longer).
pub fn pad(text: &str, cols: usize) -> String {
    let t = fit(text, cols);
    let w = t.width();
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Pads on the left to exactly `cols` columns.
pub fn pad_left(text: &str, cols: usize) -> String {
    let t = fit(text, cols);
    format!("{}{t}", " ".repeat(cols.saturating_sub(t.width())))
}

/// Wraps text to lines of at most `max` columns, breaking anywhere (Chinese has no
/// spaces to break at); line breaks in the text are kept.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let c = if c == '\t' { ' ' } else { c };
            let w = c.width().unwrap_or(0);
            if used + w > max {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_wraps_by_columns() {
        assert_eq!(fit("衡阳县科技和工业信息化局", 10), "衡阳县科..");
        assert_eq!(fit("衡阳县", 6), "衡阳县");
        assert_eq!(width(&pad("新增", 7)), 7);
        assert_eq!(pad_left("9.66", 6), "  9.66");
        assert_eq!(take("ab新增", 3), "ab");
        assert_eq!(wrap("一二三四五", 4), vec!["一二", "三四", "五"]);
        assert_eq!(wrap("ab\n一二三", 5), vec!["ab", "一二", "三"]);
        assert!(wrap("一二三四五六七八九十", 5).iter().all(|l| width(l) <= 5));
    }
}
