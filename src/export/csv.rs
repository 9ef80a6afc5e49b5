//! The scored grid as CSV: UTF-8 with a byte-order mark (so Excel and WPS read the
//! Chinese correctly), CRLF line ends and RFC 4180 quoting.
//!
//! One row per scored item, the budget-execution row first, so that the 得分 column
//! sums to the total.

use super::self_table::GRID_HEADINGS;
use crate::domain::model::Evaluation;
use crate::domain::score::{ItemScore, ItemSource, score};

const BOM: &str = "\u{feff}";

/// Whether a cell is a plain number (`-3`, `+0.5`, `12%`): left as it is, so that
/// Excel and WPS still read it as a number.
fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    let mut parts = body.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// A text cell that Excel or WPS would run as a formula (it begins with `=`, `+`, `-`
/// or `@`, or with a tab or carriage return before one) gets a leading apostrophe, the
/// usual guard (OWASP, "CSV injection"): shown as text, not run. Numbers are untouched.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text) {
        return std::borrow::Cow::Owned(format!("'{text}"));
    }
    std::borrow::Cow::Borrowed(text)
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
/// Chinese commas (，) need no quoting but are harmless; they pass through. Control
/// characters are escaped (`\x01`) and formulas guarded.
fn field(text: &str) -> String {
    let clean = crate::domain::text::escape_controls(text);
    let text = guard(&clean);
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

fn line(fields: &[String]) -> String {
    let mut s = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    s.push_str("\r\n");
    s
}

pub fn headings() -> Vec<String> {
    let mut h: Vec<String> = GRID_HEADINGS.iter().map(|s| s.to_string()).collect();
    // 按规则得分 and 评分说明 sit after 得分, before the reason.
    h.insert(8, "按规则得分".into());
    h.insert(9, "评分说明".into());
    h
}

pub fn export_csv(ev: &Evaluation) -> Vec<u8> {
    let sheet = score(ev);
    let mut out = String::from(BOM);
    out.push_str(&line(&headings()));
    for item in &sheet.items {
        out.push_str(&line(&row(ev, item, |d| sheet.show(d))));
    }
    out.into_bytes()
}

fn row(ev: &Evaluation, item: &ItemScore, show: impl Fn(rust_decimal::Decimal) -> String) -> Vec<String> {
    let (target, actual, criterion, reason) = match item.source {
        ItemSource::Funds => (
            ev.funds.rate_base(ev.template.funds_denominator).map(|a| a.with_unit()).unwrap_or_default(),
            ev.funds.executed.map(|a| a.with_unit()).unwrap_or_default(),
            "执行率 × 分值".to_string(),
            String::new(),
        ),
        ItemSource::Indicator(i) => {
            let ind = &ev.indicators[i];
            (
                ind.target.text().to_string(),
                ind.actual.text().to_string(),
                ind.criterion.clone(),
                ind.deviation_reason.clone(),
            )
        }
    };
    vec![
        item.level1.clone(),
        item.level2.clone(),
        item.name.clone(),
        target,
        actual,
        criterion,
        crate::domain::number::fixed(item.weight, 2),
        show(item.score),
        item.rule_score.map(&show).unwrap_or_default(),
        item.explanation.clone(),
        reason,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_rfc_4180_requires() {
        assert_eq!(field("满意度90%计10分，80%计8分"), "满意度90%计10分，80%计8分");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("他说“好”和\"好\""), "\"他说“好”和\"\"好\"\"\"");
        assert_eq!(field("两行\n文字"), "\"两行\n文字\"");
    }

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        assert_eq!(field("=HYPERLINK(\"http://x\",\"点击\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
        assert_eq!(field("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-0.34"), "-0.34");
        assert_eq!(field("+5%"), "+5%");
        assert_eq!(field("98.76"), "98.76");
        assert_eq!(field("≥95%"), "≥95%");
        assert_eq!(field("名称\u{1}"), "名称\\x01");
    }
}
