//! For the evaluation file's reader (`file`): the TOML parser's and serde's English
//! phrases said in Chinese, and the texts of an evaluation checked for control
//! characters (a file whose names hold ESC or BEL could drive the terminal that shows
//! them), so that every refusal is one Chinese line with its place.

use crate::domain::change::row_columns;
use crate::domain::field::{Field, FieldValue};
use crate::domain::model::{Evaluation, Section};
use crate::domain::text::{control_char, escape_char, excerpt};

/// The first control character written literally in the file: (line, column, char).
pub fn literal_control(text: &str) -> Option<(usize, usize, char)> {
    for (n, line) in text.split('\n').enumerate() {
        if let Some((col, c)) = line.chars().enumerate().find(|(_, c)| !crate::domain::text::allowed(*c)) {
            return Some((n + 1, col + 1, c));
        }
    }
    None
}

/// The first text of an evaluation that holds a control character: where, and which.
pub fn control_in(ev: &Evaluation) -> Option<(String, char)> {
    let mut texts: Vec<(String, &str)> = vec![
        ("单位名称".into(), ev.organisation.name.as_str()),
        ("项目名称".into(), ev.project.name.as_str()),
        ("模板名称".into(), ev.template.name.as_str()),
    ];
    for name in &ev.organisation.internal_units {
        texts.push(("内设股室".into(), name));
    }
    for name in &ev.organisation.subordinate_units {
        texts.push(("所属事业单位".into(), name));
    }
    for fund in &ev.special_funds {
        texts.push(("专项资金名称".into(), &fund.name));
    }
    for s in Section::ALL {
        texts.push((format!("报告文字：{}", s.title()), ev.narrative.get(s)));
    }
    let fields: Vec<(Field, String)> = Field::ALL
        .iter()
        .filter_map(|f| match f.get(ev) {
            FieldValue::Text(t) => Some((*f, t)),
            _ => None,
        })
        .collect();
    for (f, t) in &fields {
        texts.push((f.place(), t));
    }
    let rows: Vec<(String, String)> = ev
        .indicators
        .iter()
        .enumerate()
        .flat_map(|(i, ind)| {
            row_columns(ind).into_iter().map(move |(_, title, text)| (format!("第{}行指标的{title}", i + 1), text))
        })
        .collect();
    for (place, text) in &rows {
        texts.push((place.clone(), text));
    }
    texts.into_iter().find_map(|(place, text)| control_char(text).map(|c| (place, c)))
}

/// The message for a control character found in an evaluation read from a file.
pub fn control_message(place: &str, c: char) -> String {
    format!("{place}含有控制字符 {}（可能来自终端转义序列），不能导入：请删去后再导入", escape_char(c))
}

/// A control character in an evaluation read from `text`: the byte offset where the file
/// writes it as an escape (`\u001b`, `\e`), if found, and the message naming the field.
pub fn escaped_control(text: &str, ev: &Evaluation) -> Option<(Option<usize>, String)> {
    let (place, c) = control_in(ev)?;
    let n = c as u32;
    let mut escapes = vec![format!("\\u{n:04x}"), format!("\\u{n:04X}"), format!("\\U{n:08x}"), format!("\\U{n:08X}")];
    escapes.extend(match c {
        '\u{1b}' => Some("\\e".to_string()),
        '\u{8}' => Some("\\b".to_string()),
        '\u{c}' => Some("\\f".to_string()),
        _ => None,
    });
    let offset = escapes.iter().filter_map(|e| text.find(e.as_str())).min();
    Some((offset, control_message(&place, c)))
}

/// A type as serde names it, in Chinese.
fn kind_of(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => "整数".into(),
        "a string" | "string" => "加引号的文字".into(),
        "a boolean" | "bool" => "true 或 false".into(),
        "a sequence" | "sequence" => "列表（[…]）".into(),
        "a map" | "map" => "表（[…] 或 {…}）".into(),
        _ if e.starts_with("struct ") || e.starts_with("a map") => "表（[…] 或 {…}）".into(),
        _ if e.starts_with("a number written as a string") => "加引号的数字（如 \"7256.10\"）".into(),
        _ if e.starts_with("a ") && e.contains("string") => "加引号的文字".into(),
        _ => "另一种写法".into(),
    }
}

/// What was written, as serde names it (`string "x"`, `integer `3``), in Chinese.
fn found(unexpected: &str) -> String {
    let u = unexpected.trim();
    let value = |prefix: &str| u.strip_prefix(prefix).map(|v| excerpt(v.trim().trim_matches(['`', '"'])));
    if let Some(v) = value("string") {
        return format!("文字“{v}”");
    }
    if let Some(v) = value("integer") {
        return format!("整数 {v}");
    }
    if let Some(v) = value("floating point") {
        return format!("小数 {v}");
    }
    if let Some(v) = value("boolean") {
        return v;
    }
    match u {
        "sequence" => "列表".into(),
        "map" => "表".into(),
        _ => excerpt(u),
    }
}

/// The part of a message between two backquotes after `prefix`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.strip_prefix('`')?.split('`').next()
}

/// The TOML parser's syntax complaints, by a phrase they contain.
const SYNTAX: [(&str, &str); 12] = [
    ("string values must be quoted", "文字须加引号"),
    ("unclosed table", "表头的方括号没有闭合"),
    ("unclosed array", "列表的方括号没有闭合"),
    ("unclosed inline table", "花括号没有闭合"),
    ("invalid escape", "字符串中的转义无效"),
    ("unterminated", "引号没有闭合"),
    ("unclosed", "引号或括号没有闭合"),
    ("expected `=`", "缺少等号 ="),
    ("invalid key", "键名无效"),
    ("invalid table header", "表头无效"),
    ("control character", "含有控制字符"),
    ("invalid unquoted key", "键名无效"),
];

/// The parser's or serde's message in Chinese; a message of ours (already Chinese) as it is.
pub fn chinese(message: &str) -> String {
    let m = message.trim();
    if let Some(key) = quoted_after(m, "missing field ") {
        return format!("缺少“{key}”");
    }
    if let Some(key) = quoted_after(m, "unknown field ") {
        return format!("无法识别的键“{key}”：请对照 docs/file-format.md 检查拼写");
    }
    if let Some(v) = quoted_after(m, "unknown variant ") {
        let choices: Vec<&str> =
            m.split("expected one of ").nth(1).unwrap_or("").split(['`', ',', ' ']).filter(|s| !s.is_empty()).collect();
        return format!("“{}”不是可用的值：可用 {}", excerpt(v), choices.join("、"));
    }
    if let Some(rest) = m.strip_prefix("invalid type: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return format!("应为{}，写的是{}", kind_of(want), found(got));
    }
    if let Some(rest) = m.strip_prefix("invalid value: ")
        && let Some((got, want)) = rest.rsplit_once(", expected ")
    {
        return format!("数值不对：应为{}，写的是{}", kind_of(want), found(got));
    }
    if m.starts_with("duplicate key") {
        return "同一个键写了两次".into();
    }
    if m.starts_with("invalid length") {
        return "个数不对".into();
    }
    if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !m.is_ascii() && !m.starts_with("invalid") {
        return excerpt_long(m);
    }
    let hint = SYNTAX.iter().find(|(phrase, _)| m.contains(phrase)).map_or("此处不符合 TOML 的写法", |(_, zh)| zh);
    format!("TOML 格式错误：{hint}")
}

/// One of our own messages, kept whole unless it is very long.
fn excerpt_long(m: &str) -> String {
    if m.chars().count() > 200 { excerpt(m) } else { m.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_phrases_are_said_in_chinese() {
        assert_eq!(chinese("missing field `year`"), "缺少“year”");
        assert!(chinese("unknown field `foo`, expected one of `format`, `kind`").starts_with("无法识别的键“foo”"));
        assert_eq!(chinese("invalid type: string \"x\", expected i32"), "应为整数，写的是文字“x”");
        assert_eq!(chinese("invalid type: integer `3`, expected a string"), "应为加引号的文字，写的是整数 3");
        assert_eq!(chinese("duplicate key"), "同一个键写了两次");
        assert_eq!(chinese("string values must be quoted, expected literal string"), "TOML 格式错误：文字须加引号");
        assert_eq!(chinese("unclosed table, expected `]`"), "TOML 格式错误：表头的方括号没有闭合");
        assert_eq!(
            chinese("unknown variant `nope`, expected one of `shortfall`, `excess`"),
            "“nope”不是可用的值：可用 shortfall、excess"
        );
        assert_eq!(chinese("something new the parser says"), "TOML 格式错误：此处不符合 TOML 的写法");
        assert_eq!(chinese("小数请加引号写成字符串"), "小数请加引号写成字符串");
        let huge = format!("invalid type: string \"{}\", expected i32", "字".repeat(300_000));
        assert!(chinese(&huge).chars().count() < 100);
    }

    #[test]
    fn control_characters_are_found_in_any_text() {
        let mut ev = Evaluation::default();
        assert_eq!(control_in(&ev), None);
        ev.indicators.push(crate::domain::model::Indicator { name: "正常".into(), ..Default::default() });
        ev.indicators[0].criterion = "评分\u{1b}]0;标题\u{7}".into();
        assert_eq!(control_in(&ev), Some(("第1行指标的评分标准".into(), '\u{1b}')));
        assert_eq!(literal_control("a = 1\nb = \"x\u{1}\""), Some((2, 7, '\u{1}')));
    }
}
