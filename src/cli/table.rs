//! Plain-text tables for the terminal, aligned by display width (a Chinese character
//! takes two columns; `.len()` and `.chars().count()` would both misalign them).

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Formats rows under a header; the last column is left unpadded (it may be long text).
pub fn render(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            let last = i + 1 == n;
            match (align[i], last) {
                (_, true) if align[i] == Align::Left => out.push_str(cell),
                (Align::Right, _) => {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(cell);
                }
                (Align::Left, _) => {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                }
            }
            if !last {
                out.push_str("  ");
            }
        }
        out.trim_end().to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_chinese_by_display_width() {
        let out = render(
            &["名称", "分值"],
            &[Align::Left, Align::Right],
            &[vec!["新增规上企业".into(), "3".into()], vec!["ab".into(), "10".into()]],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "名称          分值");
        assert_eq!(lines[1], "新增规上企业     3");
        assert_eq!(lines[2], "ab              10");
        assert!(lines.iter().all(|l| l.width() == lines[0].width()));
    }
}
