//! 等级: 效果显著100%计10分，效果良好80%计8分，效果一般60%计6分，效果较差0分 · 达成年度指标得
//! 80%-100%分值，部分达成…60%-80%，未达成…0-60% · 一级：…显著的经济效益（8—10分）.

use super::points::{Points, of_clause};
use super::text::{Text, Unit};
use super::{Context, Draft, Found, How};
use crate::domain::rule::{GradeLevel, GradeRule, Rule};
use crate::domain::score::find_level;
use rust_decimal::Decimal;

/// Words that name a level of a qualitative scale.
const WORDS: [&str; 33] = [
    "显著",
    "明显",
    "突出",
    "良好",
    "较好",
    "很好",
    "一般",
    "较差",
    "优秀",
    "合格",
    "不合格",
    "基本满意",
    "较满意",
    "比较满意",
    "比较明显",
    "不满意",
    "满意",
    "基本达到",
    "部分达到",
    "未达到",
    "达到",
    "基本达成",
    "部分达成",
    "未达成",
    "达成",
    "很大",
    "较大",
    "一定",
    "较少",
    "较小",
    "没有",
    "不明显",
    "较明显",
];
/// Level labels: a level's name when no quality word is given, and a word for it besides.
const LABELS: [&str; 5] = ["一级", "二级", "三级", "四级", "五级"];
/// One-character levels, only when they are the whole phrase (优, 良, 差 …).
const SINGLE: [&str; 6] = ["优", "良", "中", "差", "好", "较"];

/// The longest level word in `start..end` (满意度 is a measure, not a level).
fn level_word(t: &Text, start: usize, end: usize) -> Option<(usize, usize)> {
    if end <= start {
        return None;
    }
    if end - start == 1 && SINGLE.iter().any(|w| t.at(start, w)) {
        return Some((start, end));
    }
    let in_measure = |i: usize| (i.saturating_sub(1)..=i).any(|j| j >= start && t.at(j, "满意度"));
    let first = |words: &[&str]| -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for w in words {
            let n = w.chars().count();
            let Some(i) = (start..end.saturating_sub(n - 1)).find(|&i| t.at(i, w) && !in_measure(i)) else { continue };
            if best.is_none_or(|(a, b)| n > b - a || (n == b - a && i < a)) {
                best = Some((i, i + n));
            }
        }
        best
    };
    first(&WORDS).or_else(|| first(&LABELS))
}

pub(super) fn has_grade_word(t: &Text, start: usize, end: usize) -> bool {
    level_word(t, start, end).is_some()
}

/// One level as written: its phrase, the key word, and the share (low, high) of the weight.
struct Level {
    phrase: (usize, usize),
    word: (usize, usize),
    low: Decimal,
    high: Option<Decimal>,
}

/// Clauses, with one that holds only points in brackets joined to the one before it.
fn merged_clauses(t: &Text) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in t.clauses() {
        let bare = t.slice(a, b);
        let only_points = bare.starts_with('(') && level_word(t, a, b).is_none();
        match out.last_mut() {
            Some(last) if only_points => last.1 = b,
            _ => out.push((a, b)),
        }
    }
    out
}

pub(super) fn read(t: &Text, ctx: &Context) -> Option<Found> {
    let mut d = Draft::default();
    let mut levels = Vec::new();
    let mut points_only = Vec::new();
    for (a, b) in merged_clauses(t) {
        let shares: Vec<usize> = t.nums_in(a, b).filter(|(_, n)| n.unit.is_percent()).map(|(i, _)| i).collect();
        let first_num = t.nums_in(a, b).map(|(_, n)| n.start).next().unwrap_or(b);
        let cut = match shares.first() {
            Some(&i) => range_start(t, i, a),
            None => of_clause(t, a, b).map_or(first_num, |(_, at)| at.min(first_num)),
        };
        let Some(word) = level_word(t, a, cut) else {
            if levels.is_empty() {
                continue;
            }
            return None;
        };
        // The phrase before the share must be words only.
        if t.nums_in(a, cut).next().is_some() {
            return None;
        }
        let n = levels.len() + 1;
        let (low, high) = match shares.as_slice() {
            [one] => (share(t, &mut d, *one, &format!("第{n}级比例")), None),
            [lo, hi, ..] => {
                (share(t, &mut d, *lo, &format!("第{n}级下限")), Some(share(t, &mut d, *hi, &format!("第{n}级上限"))))
            }
            [] => {
                // Points instead of shares: (8-10分), 计8分, 不得分.
                let pts: Vec<usize> = t.nums_in(a, b).filter(|(_, n)| n.unit == Unit::Points).map(|(i, _)| i).collect();
                let range_lo = t.nums_in(a, b).find(|(_, n)| n.unit == Unit::None && t.chars.get(n.end) == Some(&'-'));
                match (range_lo, pts.as_slice(), of_clause(t, a, b)) {
                    (Some((lo, _)), [hi], _) => {
                        points_only.push((levels.len(), Some(lo), *hi));
                        (Decimal::ZERO, Some(Decimal::ZERO))
                    }
                    (_, _, Some((Points::Value(i), _))) => {
                        points_only.push((levels.len(), None, i));
                        (Decimal::ZERO, None)
                    }
                    (_, _, Some((Points::Zero(x, y), _))) => {
                        super::points::mark_zero(t, &mut d, (x, y));
                        d.word_param(t, format!("第{n}级比例"), (x, y), Decimal::ZERO, How::Nothing);
                        (Decimal::ZERO, None)
                    }
                    (_, _, Some((Points::Full(x, y), _))) => {
                        d.word_param(t, format!("第{n}级比例"), (x, y), Decimal::ONE, How::FullShare);
                        (Decimal::ONE, None)
                    }
                    _ => return None,
                }
            }
        };
        levels.push(Level { phrase: (a, cut), word, low, high });
    }
    if levels.len() < 2 {
        return None;
    }
    if !points_only.is_empty() {
        let max = points_only.iter().map(|(_, _, hi)| t.nums[*hi].value).max().unwrap_or_default();
        let weight = match ctx.weight.filter(|w| !w.is_zero()) {
            Some(w) => w,
            None if max > Decimal::ZERO => {
                d.doubts.push(format!("未给分值：按最高一级的{}分作为分值", max.normalize()));
                max
            }
            None => return None,
        };
        for (level, lo, hi) in points_only {
            let n = level + 1;
            let hi_share = t.nums[hi].value / weight;
            d.param(t, format!("第{n}级分数"), hi, hi_share, How::PointsShare);
            match lo {
                Some(lo) => {
                    let lo_share = t.nums[lo].value / weight;
                    d.param(t, format!("第{n}级下限分数"), lo, lo_share, How::PointsShare);
                    levels[level].low = lo_share;
                    levels[level].high = Some(hi_share);
                }
                None => levels[level].low = hi_share,
            }
        }
    }
    d.used.extend(t.nums.iter().enumerate().filter(|(_, n)| n.unit == Unit::Points).map(|(i, _)| i));
    let scale = &ctx.template.qualitative;
    let rule = if levels.iter().all(|l| l.high.is_none()) && same_as(t, &levels, scale) {
        GradeRule::default()
    } else {
        GradeRule { levels: levels.iter().map(|l| own_level(t, l, scale)).collect() }
    };
    d.rule = Some(Rule::Grade(rule));
    Some(Found::Rule(d))
}

/// Where the share's number starts, or the range's first number (0-60%).
fn range_start(t: &Text, share: usize, clause: usize) -> usize {
    let n = t.nums[share];
    match t.nums_in(clause, n.start).last() {
        Some((_, lo)) if lo.unit_end + 1 == n.start && t.chars[lo.unit_end] == '-' => {
            let cut = lo.start;
            // 得0-60%: the words end before 得.
            if cut > clause && "得计为按".contains(t.chars[cut - 1]) { cut - 1 } else { cut }
        }
        _ if n.start > clause && "得计为按".contains(t.chars[n.start - 1]) => n.start - 1,
        _ => n.start,
    }
}

fn share(t: &Text, d: &mut Draft, i: usize, name: &str) -> Decimal {
    let v = t.nums[i].value / Decimal::ONE_HUNDRED;
    d.param(t, name, i, v, How::Share);
    v
}

/// Whether the text's levels are the template's scale (same words, same shares).
fn same_as(t: &Text, levels: &[Level], scale: &[GradeLevel]) -> bool {
    let mut seen = Vec::new();
    levels.iter().all(|l| {
        let word = t.slice(l.word.0, l.word.1);
        match find_level(scale, &word) {
            Some((found, _)) if found.low == l.low && found.high.is_none() => {
                let at = scale.iter().position(|s| s == found);
                let fresh = !seen.contains(&at);
                seen.push(at);
                fresh
            }
            _ => false,
        }
    })
}

/// A level of the row's own scale: its phrase, its key word, and the synonyms the template
/// gives that word (so that 效果明显 finds 显著).
fn own_level(t: &Text, l: &Level, scale: &[GradeLevel]) -> GradeLevel {
    let phrase = t.slice(l.phrase.0, l.phrase.1).trim_matches([':', '(', ')']).to_string();
    let word = t.slice(l.word.0, l.word.1);
    let mut words = vec![phrase];
    if !words.contains(&word) {
        words.push(word.clone());
    }
    if let Some(label) = LABELS.iter().find(|w| words[0].starts_with(**w)) {
        words.push((*label).to_string());
    }
    if let Some((found, _)) = find_level(scale, &word) {
        for w in &found.words {
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
    }
    GradeLevel { words, low: l.low, high: l.high }
}
