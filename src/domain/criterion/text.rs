//! The criterion text as the reader sees it: normalised characters (half-width digits and
//! signs, no spaces, no quotes), each keeping the byte range of the original it came from,
//! so that every number read can point back at what was written.

use super::Span;
use crate::domain::money::MoneyUnit;
use crate::domain::number::parse_decimal;
use rust_decimal::Decimal;

/// The unit written after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    /// `%`.
    Percent,
    /// `个百分点`, `百分点`.
    PercentPoint,
    /// `分`: points of the score.
    Points,
    Money(MoneyUnit),
    Days,
    Weeks,
    /// `个月`.
    Months,
    /// `月` after a number: a month of the year (`9月前`) or, after 个, a duration.
    MonthOfYear,
    Years,
    Quarters,
    /// A counting word: 家, 个, 项, 次, 例 …
    Count,
}

impl Unit {
    pub fn is_percent(self) -> bool {
        matches!(self, Unit::Percent | Unit::PercentPoint)
    }
}

/// A number as written, in characters of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    pub value: Decimal,
    /// First character of the number.
    pub start: usize,
    /// One past its last digit.
    pub end: usize,
    pub unit: Unit,
    /// One past the unit (== `end` when there is none).
    pub unit_end: usize,
}

/// Counting words that may follow a number (and make 一, 两 … numbers).
const COUNTERS: &str = "家个项次例人件所篇户处台套批期场条名位座起份轮届课本块张支只辆栋间所";

pub struct Text<'a> {
    pub original: &'a str,
    pub chars: Vec<char>,
    /// Byte range in `original` of each normalised character.
    spans: Vec<(usize, usize)>,
    pub nums: Vec<Num>,
    clauses: Vec<(usize, usize)>,
}

fn normal(c: char) -> Option<char> {
    Some(match c {
        // A line break ends a clause; other spaces mean nothing (OCR puts them anywhere).
        '\n' => '\n',
        c if c.is_whitespace() => return None,
        '“' | '”' | '"' | '‘' | '’' | '《' | '》' | '「' | '」' | '\'' => return None,
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32)?,
        '．' => '.',
        '％' => '%',
        '＋' => '+',
        '－' | '—' | '–' | '―' | '~' | '～' | '〜' | '−' => '-',
        '≧' => '≥',
        '≦' => '≤',
        '＞' => '>',
        '＜' => '<',
        '＝' | '﹦' => '=',
        '（' | '［' | '【' => '(',
        '）' | '］' | '】' => ')',
        '：' => ':',
        '，' => ',',
        '；' => ';',
        '！' => '!',
        '＊' | '*' => '×',
        '÷' | '／' => '/',
        c => c,
    })
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

impl<'a> Text<'a> {
    pub fn new(original: &'a str) -> Text<'a> {
        let mut chars = Vec::with_capacity(original.len() / 2);
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(original.len() / 2);
        for (at, c) in original.char_indices() {
            let Some(n) = normal(c) else { continue };
            // >= <= written as two characters
            if let (Some('>' | '<'), '=') = (chars.last().copied(), n) {
                let last = chars.len() - 1;
                chars[last] = if chars[last] == '>' { '≥' } else { '≤' };
                spans[last].1 = at + c.len_utf8();
                continue;
            }
            chars.push(n);
            spans.push((at, at + c.len_utf8()));
        }
        let mut text = Text { original, chars, spans, nums: Vec::new(), clauses: Vec::new() };
        text.nums = text.scan_numbers();
        text.clauses = text.cut_clauses();
        text
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The original bytes of characters `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let end = end.min(self.chars.len());
        if start >= end {
            let at = self.spans.get(start).map_or(self.original.len(), |s| s.0);
            return Span { start: at, end: at };
        }
        Span { start: self.spans[start].0, end: self.spans[end - 1].1 }
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.len())..end.min(self.len())].iter().collect()
    }

    /// Whether the normalised text has `word` at character `at`. Most calls fail on the
    /// first character, so that is compared before the rest is decoded.
    pub fn at(&self, at: usize, word: &str) -> bool {
        let mut w = word.chars();
        let Some(first) = w.next() else { return true };
        if self.chars.get(at) != Some(&first) {
            return false;
        }
        w.enumerate().all(|(k, c)| self.chars.get(at + 1 + k) == Some(&c))
    }

    /// The first occurrence of `word` in `start..end`.
    pub fn find(&self, word: &str, start: usize, end: usize) -> Option<usize> {
        let first = word.chars().next()?;
        let n = word.chars().count();
        let end = end.min(self.len());
        if end < start + n {
            return None;
        }
        (start..=end - n).find(|&i| self.chars[i] == first && self.at(i, word))
    }

    pub fn has(&self, word: &str, start: usize, end: usize) -> bool {
        self.find(word, start, end).is_some()
    }

    pub fn has_any(&self, words: &[&str], start: usize, end: usize) -> bool {
        words.iter().any(|w| self.has(w, start, end))
    }

    /// The numbers in `start..end`.
    pub fn nums_in(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, &Num)> {
        self.nums.iter().enumerate().filter(move |(_, n)| n.start >= start && n.end <= end)
    }

    fn scan_numbers(&self) -> Vec<Num> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.len() {
            match self.number_at(i) {
                Some((value, end)) => {
                    // 百分之十 is ten per cent, whatever follows.
                    let (unit, unit_end) =
                        if self.at(i, "百分之") { (Unit::Percent, end) } else { self.unit_at(end) };
                    out.push(Num { value, start: i, end, unit, unit_end });
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// A number starting at `i`: digits (one point at most), or Chinese numerals followed by a
    /// unit (so that 一般, 一定, 统一 are words), or 百分之N.
    fn number_at(&self, i: usize) -> Option<(Decimal, usize)> {
        let c = self.chars[i];
        if c.is_ascii_digit() && (i == 0 || !self.chars[i - 1].is_ascii_digit() && self.chars[i - 1] != '.') {
            let mut end = i;
            let mut point = false;
            while end < self.len() {
                let d = self.chars[end];
                if d.is_ascii_digit() {
                    end += 1;
                } else if d == '.' && !point && self.chars.get(end + 1).is_some_and(char::is_ascii_digit) {
                    point = true;
                    end += 1;
                } else {
                    break;
                }
            }
            let digits: String = self.chars[i..end].iter().collect();
            return parse_decimal(&digits).ok().map(|v| (v, end));
        }
        if self.at(i, "百分之") {
            let (v, end) = self.chinese_number(i + 3)?;
            return Some((v, end));
        }
        if i > 0 && (chinese_digit(self.chars[i - 1]).is_some() || self.chars[i - 1] == '十') {
            return None;
        }
        let (v, end) = self.chinese_number(i)?;
        let next = self.chars.get(end).copied();
        let unit_follows = next.is_some_and(|n| COUNTERS.contains(n) || "天日月周年季分元亿万%".contains(n))
            || self.at(end, "个百分点")
            || self.at(end, "百分点");
        // 十分明显 is "very", not ten points.
        let very = next == Some('分')
            && self.chars.get(end + 1).is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && !"为扣,;".contains(*c));
        (unit_follows && !very).then_some((v, end))
    }

    /// 一 … 九十九, 两, 半 (only before 年 or 个月: 半年).
    fn chinese_number(&self, i: usize) -> Option<(Decimal, usize)> {
        let c = *self.chars.get(i)?;
        let next = self.chars.get(i + 1).copied();
        if c == '十' {
            return match next.and_then(chinese_digit) {
                Some(u) => Some((Decimal::from(10 + u), i + 2)),
                None => Some((Decimal::TEN, i + 1)),
            };
        }
        let d = chinese_digit(c)?;
        if next == Some('十') {
            return match self.chars.get(i + 2).copied().and_then(chinese_digit) {
                Some(u) => Some((Decimal::from(d * 10 + u), i + 3)),
                None => Some((Decimal::from(d * 10), i + 2)),
            };
        }
        if next == Some('百') {
            return Some((Decimal::from(d * 100), i + 2));
        }
        Some((Decimal::from(d), i + 1))
    }

    fn unit_at(&self, i: usize) -> (Unit, usize) {
        const WORDS: [(&str, Unit); 19] = [
            ("个百分点", Unit::PercentPoint),
            ("百分点", Unit::PercentPoint),
            ("%", Unit::Percent),
            ("分钟", Unit::Count),
            ("分", Unit::Points),
            ("亿元", Unit::Money(MoneyUnit::Yi)),
            ("万元", Unit::Money(MoneyUnit::Wan)),
            ("元", Unit::Money(MoneyUnit::Yuan)),
            ("亿", Unit::Money(MoneyUnit::Yi)),
            ("个工作日", Unit::Days),
            ("工作日", Unit::Days),
            ("个月", Unit::Months),
            ("月", Unit::MonthOfYear),
            ("天", Unit::Days),
            ("日", Unit::Days),
            ("周", Unit::Weeks),
            ("个季度", Unit::Quarters),
            ("季度", Unit::Quarters),
            ("年", Unit::Years),
        ];
        for (w, unit) in WORDS {
            if self.at(i, w) {
                return (unit, i + w.chars().count());
            }
        }
        match self.chars.get(i) {
            Some(c) if COUNTERS.contains(*c) => {
                // 人次, 个专项: the counter is the first character.
                (Unit::Count, i + 1)
            }
            _ => (Unit::None, i),
        }
    }

    /// Clause boundaries: `,` `;` `。` line breaks, and `、` unless it numbers a list item.
    pub fn clauses(&self) -> &[(usize, usize)] {
        &self.clauses
    }

    /// The clause holding character `i`.
    pub fn clause_of(&self, i: usize) -> Option<(usize, usize)> {
        self.clauses.iter().copied().find(|(a, b)| *a <= i && i < *b)
    }

    fn cut_clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            // 1、 and 12、 at the start of a clause number its item.
            let enumerator = i > start && i - start <= 2 && self.chars[start..i].iter().all(char::is_ascii_digit);
            let cut = matches!(c, ',' | ';' | '。' | '\n' | '!' | '?') || (c == '、' && !enumerator);
            if cut {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        if start < self.len() {
            out.push((start, self.len()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<(String, Unit)> {
        let t = Text::new(s);
        t.nums.iter().map(|n| (crate::domain::number::plain(n.value), n.unit)).collect()
    }

    #[test]
    fn reads_numbers_as_written_with_their_units() {
        assert_eq!(nums("每少一家扣0.05分"), vec![("1".into(), Unit::Count), ("0.05".into(), Unit::Points)]);
        assert_eq!(nums("每下降１％扣０．２分"), vec![("1".into(), Unit::Percent), ("0.2".into(), Unit::Points)]);
        assert_eq!(
            nums("每超过一个百分点扣0.5分"),
            vec![("1".into(), Unit::PercentPoint), ("0.5".into(), Unit::Points)]
        );
        assert_eq!(nums("超3个月扣5分"), vec![("3".into(), Unit::Months), ("5".into(), Unit::Points)]);
        assert_eq!(nums("每少一亿元扣0.1分")[0], ("1".into(), Unit::Money(MoneyUnit::Yi)));
        assert_eq!(nums("百分之十"), vec![("10".into(), Unit::Percent)]);
        assert_eq!(nums("二十家"), vec![("20".into(), Unit::Count)]);
        assert!(nums("效果一般，统一管理，一定效果，效果十分显著").is_empty(), "words, not numbers");
        assert_eq!(nums("12.3.4"), vec![("12.3".into(), Unit::None)], "not 12.3 and then .4");
    }

    #[test]
    fn spans_point_at_the_original_bytes() {
        let s = "每少 一家 扣 ０.０５ 分";
        let t = Text::new(s);
        let n = t.nums[1];
        let span = t.span(n.start, n.unit_end);
        assert_eq!(&s[span.start..span.end], "０.０５ 分");
        assert_eq!(t.slice(0, t.len()), "每少一家扣0.05分");
    }

    #[test]
    fn cuts_clauses_but_not_list_numbers() {
        let t = Text::new("1、制度完整1分；2、执行到位1分");
        let clauses: Vec<String> = t.clauses().iter().map(|(a, b)| t.slice(*a, *b)).collect();
        assert_eq!(clauses, vec!["1、制度完整1分", "2、执行到位1分"]);
        let t = Text::new("每月一次计0.5分、每月未完成扣0.5分");
        assert_eq!(t.clauses().len(), 2);
        assert_eq!(Text::new("x >= 5").slice(0, 3), "x≥5");
    }
}
