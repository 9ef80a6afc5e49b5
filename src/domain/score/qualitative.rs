//! Rules on words, dates and lists: grade, deadline, checklist, binary, manual.

use super::error::RuleError;
use super::{Outcome, RuleInput};
use crate::domain::number::Plain;
use crate::domain::rule::{BinaryRule, ChecklistRule, DeadlineRule, GradeLevel, GradeRule};
use crate::domain::value::Value;
use rust_decimal::Decimal;

/// Prefixes people put before the grade word: 效果明显 = 明显.
const GRADE_PREFIXES: [&str; 4] = ["效果", "成效", "作用", "程度"];
/// Endings people put after it: 达成预期指标 = 达成, 基本达到年度目标 = 基本达到.
const GRADE_SUFFIXES: [&str; 8] = ["预期指标", "年度指标", "预期目标", "年度目标", "绩效目标", "目标", "指标", "预期"];

/// A grade word reduced to what names the level: prefixes and endings dropped, and 达成
/// read as 达到 (the two are used alike).
fn grade_key(word: &str) -> String {
    let t = word.trim();
    let t = GRADE_PREFIXES.iter().find_map(|p| t.strip_prefix(p)).unwrap_or(t);
    let t = GRADE_SUFFIXES.iter().find_map(|p| t.strip_suffix(p).filter(|r| !r.is_empty())).unwrap_or(t);
    t.replace("达成", "达到")
}

/// The level a written word names, and the word it matched.
pub fn find_level<'a>(levels: &'a [GradeLevel], written: &str) -> Option<(&'a GradeLevel, &'a str)> {
    let t = written.trim();
    let key = grade_key(t);
    let exact = levels.iter().find_map(|l| l.words.iter().find(|w| w.as_str() == t).map(|w| (l, w.as_str())));
    exact.or_else(|| levels.iter().find_map(|l| l.words.iter().find(|w| grade_key(w) == key).map(|w| (l, w.as_str()))))
}

pub(super) fn grade(r: &GradeRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    let levels: &[GradeLevel] = if r.levels.is_empty() { input.qualitative } else { &r.levels };
    let word = match input.actual {
        Value::Empty => return Err(RuleError::MissingActual),
        _ => input.actual_text,
    };
    let Some((level, matched)) = find_level(levels, word) else {
        let known = levels.iter().filter_map(|l| l.words.first().cloned()).collect::<Vec<_>>().join("、");
        return Err(RuleError::UnknownGrade { word: word.to_string(), known });
    };
    // 效果明显 = 显著: name the level by its first word when the text used another.
    let first = level.words.first().map_or(matched, String::as_str);
    let same = if first == word { String::new() } else { format!("（= {first}）") };
    match level.high.filter(|_| level.is_range()) {
        None => {
            let raw = input.weight * level.low;
            let share = format!("{}%", Plain(level.low * Decimal::ONE_HUNDRED));
            Ok(Outcome::raw(
                raw,
                format!("{word}{same}按{share}计：{} × {share} = {}分", Plain(input.weight), Plain(raw)),
            ))
        }
        Some(high) => {
            let (lo, hi) = (input.weight * level.low, input.weight * high);
            let range = format!("{word}{same}：得分应在 {}–{} 分之间", Plain(lo), Plain(hi));
            let typed = input.typed_score.ok_or(RuleError::NeedsTypedScore)?;
            if typed < lo || typed > hi {
                let used = typed.clamp(lo, hi);
                return Ok(Outcome::raw(
                    used,
                    format!("{range}，填报{}分超出范围，按{}分计", Plain(typed), Plain(used)),
                ));
            }
            Ok(Outcome::raw(typed, format!("{range}，填报{}分", Plain(typed))))
        }
    }
}

/// Words that say a task was done on time, in place of a date.
const ON_TIME_WORDS: [&str; 9] =
    ["按时完成", "按期完成", "如期完成", "已按时完成", "已按期完成", "按时", "按期", "及时完成", "提前完成"];
/// Targets that mean "on time" without a date: within the evaluation's year.
const ON_TIME_TARGETS: [&str; 7] = ["按时", "按期", "按时完成", "按期完成", "如期完成", "及时完成", "年内完成"];
const LATE_WORDS: [&str; 8] = ["逾期", "延期", "超期", "推迟", "延迟", "滞后", "超时", "晚"];

/// Days late written as words: `逾期15天`, `延期1个月` (30 days), `推迟2周`.
fn late_days(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches("完成");
    let rest = LATE_WORDS.iter().find_map(|w| t.strip_prefix(w))?;
    let (per, digits) = [("个月", 30), ("月", 30), ("天", 1), ("日", 1), ("周", 7)]
        .iter()
        .find_map(|(u, per)| rest.strip_suffix(u).map(|d| (*per, d)))?;
    let n = crate::domain::number::parse_non_negative(digits).ok()?;
    (n.fract().is_zero() && n <= Decimal::from(3650)).then(|| i64::try_from(n.mantissa()).ok().map(|m| m * per))?
}

/// The due date of a deadline row, resolving `9月前` and `按期` in the evaluation's year.
fn due_date(input: &RuleInput) -> Result<Option<crate::domain::date::Date>, RuleError> {
    let text = input.target_text.to_string();
    match input.target {
        Value::Empty => Err(RuleError::MissingTarget),
        Value::Word(w) if ON_TIME_TARGETS.contains(&w.trim()) => match input.year {
            Some(y) => Ok(Some(crate::domain::date::MonthDay { month: 12, day: None }.in_year(y)?)),
            None => Err(RuleError::NoYear { which: "年度指标值", text }),
        },
        Value::Word(_) => Ok(None),
        v => match v.date_in(input.year) {
            Some(d) => Ok(Some(d?)),
            None if matches!(v, Value::MonthDay(_)) => Err(RuleError::NoYear { which: "年度指标值", text }),
            None => Err(RuleError::NotDate { which: "年度指标值", text }),
        },
    }
}

pub(super) fn deadline(r: &DeadlineRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    let actual_text = input.actual_text.to_string();
    let days = match input.actual {
        Value::Empty => return Err(RuleError::MissingActual),
        Value::Word(w) if ON_TIME_WORDS.contains(&w.trim()) => 0,
        Value::Word(w) if late_days(w).is_some() => late_days(w).unwrap_or_default(),
        Value::Word(a) if matches!(input.target, Value::Word(t) if t == a) => 0,
        actual => {
            let Some(due) = due_date(input)? else {
                return Err(RuleError::NotDate { which: "年度指标值", text: input.target_text.to_string() });
            };
            match actual.date_in(input.year) {
                Some(done) => done?.days_since(due),
                None if matches!(actual, Value::MonthDay(_)) => {
                    return Err(RuleError::NoYear { which: "实际完成值", text: actual_text });
                }
                None => return Err(RuleError::NotDate { which: "实际完成值", text: actual_text }),
            }
        }
    };
    if days <= 0 {
        return Ok(Outcome::full(
            input.weight,
            format!("按时完成（{}，期限{}）", input.actual_text, input.target_text),
        ));
    }
    let rung = r
        .ladder
        .iter()
        .find(|rung| days > i64::from(rung.over_days) && rung.up_to_days.is_none_or(|up| days <= i64::from(up)));
    match rung {
        Some(rung) => Ok(Outcome::lost(
            input.weight,
            rung.deduct,
            format!("逾期{days}天，按“{}”扣{}分", rung.describe(), Plain(rung.deduct)),
        )),
        None => Err(RuleError::DeadlineGap { days, ladder: r.describe() }),
    }
}

fn circled(c: char) -> Option<usize> {
    ('①'..='⑳').contains(&c).then(|| c as usize - '①' as usize + 1)
}

/// Which items (1-based) the actual says were met: `①③`, `1,3`, `1、3`, `全部`, `无`.
fn met_items(text: &str, count: usize) -> Result<Vec<usize>, RuleError> {
    let t = text.trim();
    if ["全部", "全部完成", "全部达成", "均已完成", "均已达成"].contains(&t) {
        return Ok((1..=count).collect());
    }
    if ["无", "0", "均未完成", "未完成"].contains(&t) {
        return Ok(Vec::new());
    }
    let bad = || RuleError::ChecklistItems(t.to_string());
    let mut met = Vec::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, met: &mut Vec<usize>| -> Result<(), RuleError> {
        if !digits.is_empty() {
            met.push(digits.parse().map_err(|_| bad())?);
            digits.clear();
        }
        Ok(())
    };
    for c in t.chars() {
        if let Some(n) = circled(c) {
            flush(&mut digits, &mut met)?;
            met.push(n);
        } else if c.is_ascii_digit() {
            digits.push(c);
        } else if matches!(c, ',' | '，' | '、' | ' ' | ';' | '；' | '第' | '项') {
            flush(&mut digits, &mut met)?;
        } else {
            return Err(bad());
        }
    }
    flush(&mut digits, &mut met)?;
    if met.is_empty() || met.iter().any(|&n| n == 0 || n > count) {
        return Err(bad());
    }
    met.sort_unstable();
    met.dedup();
    Ok(met)
}

pub(super) fn checklist(r: &ChecklistRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    if r.items.is_empty() {
        return Err(RuleError::BadParams("逐项计分至少需要一项"));
    }
    if matches!(input.actual, Value::Empty) {
        return Err(RuleError::MissingActual);
    }
    let met = met_items(input.actual_text, r.items.len())?;
    let raw: Decimal = met.iter().map(|&n| r.items[n - 1].points).sum();
    let list = |ns: &[usize]| ns.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("、");
    let missed: Vec<usize> = (1..=r.items.len()).filter(|n| !met.contains(n)).collect();
    let sum = met.iter().map(|&n| Plain(r.items[n - 1].points).to_string()).collect::<Vec<_>>().join(" + ");
    let mut text = if met.is_empty() {
        "各项均未达成，计0分".to_string()
    } else {
        format!("达成第{}项：{sum} = {}分", list(&met), Plain(raw))
    };
    if !missed.is_empty() && !met.is_empty() {
        text.push_str(&format!("；未达成第{}项", list(&missed)));
    }
    Ok(Outcome::raw(raw, text))
}

const DONE_WORDS: [&str; 10] = ["完成", "已完成", "是", "有", "达成", "已达成", "√", "✓", "按时完成", "已帮扶"];
const NOT_DONE_WORDS: [&str; 8] = ["未完成", "否", "无", "未达成", "×", "✗", "未帮扶", "没有"];

pub(super) fn binary(r: &BinaryRule, input: &RuleInput) -> Result<Outcome, RuleError> {
    let done = match input.actual {
        Value::Empty => return Err(RuleError::MissingActual),
        Value::Word(w) if DONE_WORDS.contains(&w.as_str()) => true,
        Value::Word(w) if NOT_DONE_WORDS.contains(&w.as_str()) => false,
        Value::Number(a) => match input.target {
            Value::Number(t) => a.value >= t.value,
            _ => a.value >= Decimal::ONE,
        },
        _ => return Err(RuleError::UnknownDone(input.actual_text.to_string())),
    };
    if done {
        return Ok(Outcome::full(input.weight, format!("已完成（{}）", input.actual_text)));
    }
    let lost = r.deduct.unwrap_or(input.weight);
    Ok(Outcome::lost(input.weight, lost, format!("未完成（{}），扣{}分", input.actual_text, Plain(lost))))
}

pub(super) fn manual(input: &RuleInput) -> Result<Outcome, RuleError> {
    let typed = input.typed_score.ok_or(RuleError::NeedsTypedScore)?;
    Ok(Outcome::raw(typed, format!("人工评分{}分", Plain(typed))))
}
