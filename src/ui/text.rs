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

/// Punctuation that must not start a line (标点禁则): closing brackets and quotes, and
/// the marks that follow what they close.
fn closing(c: char) -> bool {
    "，、。．；：？！）」』】〕〉》”’…‥·～%,.;:?!)]}".contains(c)
}

/// Punctuation that must not end a line: opening brackets and quotes.
fn opening(c: char) -> bool {
    "（「『【〔〈《“‘([{".contains(c)
}

/// A character of a number or a Latin word, which a line break does not split.
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '_')
}

/// How many characters at the end of `line` go down to the next line with `next`, so
/// that the next line starts with neither a closing mark nor the middle of a number,
/// and this one does not end with an opening mark. At least one character stays.
fn carried(line: &[char], next: char) -> usize {
    let n = line.len();
    let mut k = 0;
    if closing(next) || word(next) {
        // Closing marks already at the end come down with one that follows them (”。).
        let closers = if closing(next) { line.iter().rev().take_while(|x| closing(**x)).count() } else { 0 };
        let before = &line[..n - closers];
        let run = run_before(before, if closers > 0 { line[n - closers] } else { next });
        k = closers + if run > 0 { run } else { usize::from(closing(next)) };
    }
    while k < n && opening(line[n - 1 - k]) {
        k += 1;
    }
    if k >= n { 0 } else { k }
}

/// How many characters at the end of `line` belong to the number or word that `after`
/// continues: word characters, and a `:` or `-` between two digits (a time 16:30:05,
/// a date 2024-12-31), so that neither is split at its separator.
fn run_before(line: &[char], after: char) -> usize {
    let mut after = after;
    let mut k = 0;
    for (i, &c) in line.iter().enumerate().rev() {
        let between_digits = matches!(c, ':' | '-') && after.is_ascii_digit() && i > 0 && line[i - 1].is_ascii_digit();
        if !(word(c) || between_digits) {
            break;
        }
        after = c;
        k += 1;
    }
    k
}

fn columns(chars: &[char]) -> usize {
    chars.iter().map(|c| c.width().unwrap_or(0)).sum()
}

/// Wraps text to lines of at most `max` columns, breaking anywhere (Chinese has no
/// spaces to break at) but as Chinese typesetting does (标点禁则): a closing mark
/// (，。」 …) never starts a line — the character before it comes down with it — and an
/// opening one (（「“ …) never ends one; a number or a Latin word is not split. Line
/// breaks in the text are kept.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line: Vec<char> = Vec::new();
        let mut used = 0;
        for c in para.chars() {
            let c = if c == '\t' { ' ' } else { c };
            let w = c.width().unwrap_or(0);
            if used + w > max && !line.is_empty() {
                let carry_len = carried(&line, c);
                let mut carry = if columns(&line[line.len() - carry_len..]) + w > max {
                    // Never at the cost of a line too long: then the break stays where it fell.
                    Vec::new()
                } else {
                    line.split_off(line.len() - carry_len)
                };
                lines.push(line.iter().collect());
                used = columns(&carry);
                line = std::mem::take(&mut carry);
            }
            line.push(c);
            used += w;
        }
        lines.push(line.into_iter().collect());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_or_a_date_is_not_split_at_its_separator() {
        // Each width puts the break at another place inside the time or the date.
        for max in 10..=17 {
            for line in wrap("已备份：2024-12-03 16:30:05", max) {
                assert!(!line.ends_with(['-', ':']), "{max}: {line:?}");
            }
        }
        assert_eq!(wrap("保存于16:30:05", 12), vec!["保存于", "16:30:05"]);
        // A colon after a word is still punctuation: it stays at the end of its line.
        assert_eq!(wrap("注意:abc", 5), vec!["注意:", "abc"]);
    }

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

    #[test]
    fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
        // 8 columns: "一二三四" fills a line; "，" may not start the next.
        assert_eq!(wrap("一二三四，五六", 8), vec!["一二三", "四，五六"]);
        assert_eq!(wrap("一二三“四”。五", 8), vec!["一二三", "“四”。五"]);
        assert_eq!(wrap("甲乙丙（丁）", 8), vec!["甲乙丙", "（丁）"], "（ does not end a line");
        assert_eq!(wrap("甲乙丙丁”。", 8), vec!["甲乙丙", "丁”。"], "” pulls 丁 down");
        assert_eq!(wrap("得分19.66分", 8), vec!["得分", "19.66分"], "a number is not split");
        assert_eq!(wrap("差−0.34）：", 8), vec!["差−", "0.34）："], "nor by a closing mark after it");
        // Where no such break fits, the line is still never too long.
        for l in wrap("，，，，，，，，", 4) {
            assert!(width(&l) <= 4, "{l}");
        }
        let text = "通过对业务资料、财务资料和统计数据的分析，对部门整体支出的“目标设定”的合理性、相关性。";
        for w in [6, 9, 20, 27, 40] {
            let lines = wrap(text, w);
            assert_eq!(lines.concat(), text, "nothing lost at {w}");
            for (i, l) in lines.iter().enumerate() {
                assert!(width(l) <= w, "{l} at {w}");
                assert!(i == 0 || !l.starts_with(closing), "{l:?} starts a line at {w}");
                assert!(i + 1 == lines.len() || !l.ends_with(opening), "{l:?} ends a line at {w}");
            }
        }
    }
}
