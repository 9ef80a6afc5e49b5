//! Each setting of a template: its key (as the evaluation file spells it), its Chinese
//! label, how it is shown, and how typed text changes it. The template screen and
//! `jixiao template set` both go through here, and every change is validated.

use super::layout::{ColumnKey, FundsKey, Heading, Labelled, SourceKey};
use super::{CapRung, FundsDenominator, GradeBands, OverachievementPenalty, Rounding, Template};
use crate::domain::number::{Plain, parse_decimal};
use crate::domain::rule::Rule;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    Name,
    FundsWeight,
    FundsDenominator,
    FundsRow,
    Rounding,
    Qualitative,
    Grades,
    OverachievementFlag,
    OverachievementPenalty,
    ExecutionCap,
    DeviationReasonBelow,
    ExecutionReasonBelow,
    DefaultRule,
    Columns,
    GridHeading,
    TotalLabel,
    GradeLine,
    FundsHeading,
    FundsTotalLabel,
    FundsColumns,
    FundsSplit,
    FundsSources,
    FundsMethod,
    Note,
}

/// The rules a template can give new rows, in the order ←→ cycles through them.
const DEFAULT_RULES: [Option<Rule>; 5] = [
    None,
    Some(Rule::Directional),
    Some(Rule::Proportional),
    Some(Rule::Reverse),
    Some(Rule::Binary(crate::domain::rule::BinaryRule { deduct: None })),
];

impl Setting {
    /// Scoring settings first, then what is printed.
    pub const ALL: [Setting; 24] = [
        Setting::Name,
        Setting::FundsWeight,
        Setting::FundsDenominator,
        Setting::FundsRow,
        Setting::Rounding,
        Setting::Qualitative,
        Setting::Grades,
        Setting::OverachievementFlag,
        Setting::OverachievementPenalty,
        Setting::ExecutionCap,
        Setting::DeviationReasonBelow,
        Setting::ExecutionReasonBelow,
        Setting::DefaultRule,
        Setting::Columns,
        Setting::GridHeading,
        Setting::TotalLabel,
        Setting::GradeLine,
        Setting::FundsHeading,
        Setting::FundsTotalLabel,
        Setting::FundsColumns,
        Setting::FundsSplit,
        Setting::FundsSources,
        Setting::FundsMethod,
        Setting::Note,
    ];

    /// The key in the evaluation file's `[template]` (the funds block's under `funds.`).
    pub fn key(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::FundsWeight => "funds_weight",
            Setting::FundsDenominator => "funds_denominator",
            Setting::FundsRow => "funds_row",
            Setting::Rounding => "rounding",
            Setting::Qualitative => "qualitative",
            Setting::Grades => "grades",
            Setting::OverachievementFlag => "overachievement_flag_percent",
            Setting::OverachievementPenalty => "overachievement_penalty",
            Setting::ExecutionCap => "execution_cap",
            Setting::DeviationReasonBelow => "deviation_reason_below",
            Setting::ExecutionReasonBelow => "execution_reason_below",
            Setting::DefaultRule => "default_rule",
            Setting::Columns => "columns",
            Setting::GridHeading => "grid_heading",
            Setting::TotalLabel => "total_label",
            Setting::GradeLine => "grade_line",
            Setting::FundsHeading => "funds.heading",
            Setting::FundsTotalLabel => "funds.total_label",
            Setting::FundsColumns => "funds.columns",
            Setting::FundsSplit => "funds.split",
            Setting::FundsSources => "funds.sources",
            Setting::FundsMethod => "funds.method",
            Setting::Note => "note",
        }
    }

    pub fn from_key(key: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Setting::Name => "模板名称",
            Setting::FundsWeight => "预算执行率分值",
            Setting::FundsDenominator => "执行率的分母",
            Setting::FundsRow => "单列预算执行率",
            Setting::Rounding => "得分取位",
            Setting::Qualitative => "定性等级（比例）",
            Setting::Grades => "评价等级",
            Setting::OverachievementFlag => "完成值偏高提示",
            Setting::OverachievementPenalty => "超额完成扣分",
            Setting::ExecutionCap => "执行率封顶",
            Setting::DeviationReasonBelow => "须填偏差原因",
            Setting::ExecutionReasonBelow => "须说明执行率原因",
            Setting::DefaultRule => "新行的评分规则",
            Setting::Columns => "指标栏的列",
            Setting::GridHeading => "指标栏标题",
            Setting::TotalLabel => "总分行",
            Setting::GradeLine => "印评价等级",
            Setting::FundsHeading => "资金栏标题",
            Setting::FundsTotalLabel => "资金合计行",
            Setting::FundsColumns => "资金栏的列",
            Setting::FundsSplit => "按收入、支出性质分",
            Setting::FundsSources => "项目资金来源行",
            Setting::FundsMethod => "执行率得分计算方法",
            Setting::Note => "备注",
        }
    }

    /// Whether it changes scores (the others change the printed table only).
    pub fn scores(self) -> bool {
        matches!(
            self,
            Setting::FundsWeight
                | Setting::FundsDenominator
                | Setting::FundsRow
                | Setting::Rounding
                | Setting::Qualitative
                | Setting::Grades
                | Setting::OverachievementPenalty
                | Setting::ExecutionCap
        )
    }

    /// Chosen with ←→ among a few values rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Setting::FundsDenominator
                | Setting::FundsRow
                | Setting::Rounding
                | Setting::DefaultRule
                | Setting::GradeLine
                | Setting::FundsSplit
        )
    }

    /// A list of columns or rows, edited item by item.
    pub fn is_list(self) -> bool {
        matches!(self, Setting::Columns | Setting::FundsColumns | Setting::FundsSources)
    }

    /// Edited in a multi-line text area.
    pub fn is_long_text(self) -> bool {
        self == Setting::Note
    }

    /// The value as the template screen shows it.
    pub fn show(self, t: &Template) -> String {
        let yes = |b: bool| if b { "是" } else { "否" }.to_string();
        match self {
            Setting::Name => t.name.clone(),
            Setting::FundsWeight => format!("{} 分", Plain(t.funds_weight)),
            Setting::FundsDenominator => t.funds_denominator.label().into(),
            Setting::FundsRow => yes(t.funds_row),
            Setting::Rounding => t.rounding.label().into(),
            Setting::Qualitative => t
                .qualitative
                .iter()
                .map(|l| {
                    format!("{}{}%", l.words.first().map_or("", String::as_str), Plain(l.low * Decimal::ONE_HUNDRED))
                })
                .collect::<Vec<_>>()
                .join("，"),
            Setting::Grades => format!(
                "优≥{}，良≥{}，中≥{}，差<{}",
                Plain(t.grades.excellent),
                Plain(t.grades.good),
                Plain(t.grades.pass),
                Plain(t.grades.pass)
            ),
            Setting::OverachievementFlag => format!("完成值达指标值的{}%时提示", Plain(t.overachievement_flag_percent)),
            Setting::OverachievementPenalty => match &t.overachievement_penalty {
                None => "无".into(),
                Some(p) => format!("完成值超过指标值{}%及以上减{}分", Plain(p.over_percent), Plain(p.deduct)),
            },
            Setting::ExecutionCap if t.execution_cap.is_empty() => "无".into(),
            Setting::ExecutionCap => t
                .execution_cap
                .iter()
                .map(|r| format!("执行率<{}%总分≤{}", Plain(r.below_percent), Plain(r.cap)))
                .collect::<Vec<_>>()
                .join("，"),
            Setting::DeviationReasonBelow if t.deviation_reason_below == Decimal::ONE_HUNDRED => "失分即须填写".into(),
            Setting::DeviationReasonBelow => format!("得分低于分值的{}%时", Plain(t.deviation_reason_below)),
            Setting::ExecutionReasonBelow => match t.execution_reason_below {
                None => "不要求".into(),
                Some(r) => format!("执行率低于{}%时", Plain(r)),
            },
            Setting::DefaultRule => match &t.default_rule {
                None => "人工评分".into(),
                Some(Rule::Directional) => "正向/反向（按指标性质）".into(),
                Some(r) => r.describe(),
            },
            Setting::Columns => t.columns.iter().map(|c| c.heading().to_string()).collect::<Vec<_>>().join("｜"),
            Setting::GridHeading => t.grid_heading.clone(),
            Setting::TotalLabel => t.total_label.clone(),
            Setting::GradeLine => yes(t.grade_line),
            Setting::FundsHeading if t.funds.heading.is_empty() => "（按类型：年度预算申请 / 项目资金）".into(),
            Setting::FundsHeading => t.funds.heading.clone(),
            Setting::FundsTotalLabel => t.funds.total_label.clone(),
            Setting::FundsColumns if t.funds.columns.is_empty() => "（不印资金栏）".into(),
            Setting::FundsColumns => {
                t.funds.columns.iter().map(|c| c.heading().to_string()).collect::<Vec<_>>().join("｜")
            }
            Setting::FundsSplit => yes(t.funds.split),
            Setting::FundsSources if t.funds.sources.is_empty() => "（只印合计行）".into(),
            Setting::FundsSources => {
                t.funds.sources.iter().map(|s| s.heading().to_string()).collect::<Vec<_>>().join("｜")
            }
            Setting::FundsMethod => t.funds.method.clone(),
            Setting::Note if t.note.is_empty() => "（无）".into(),
            Setting::Note => t.note.replace('\n', " "),
        }
    }

    /// The text an editor starts from: what [`Setting::parse`] reads back.
    pub fn edit_text(self, t: &Template) -> String {
        let list = |items: Vec<String>| items.join(" ");
        match self {
            Setting::FundsWeight => Plain(t.funds_weight).to_string(),
            Setting::Qualitative => t
                .qualitative
                .iter()
                .map(|l| Plain(l.low * Decimal::ONE_HUNDRED).to_string())
                .collect::<Vec<_>>()
                .join("/"),
            Setting::Grades => {
                format!("{}/{}/{}", Plain(t.grades.excellent), Plain(t.grades.good), Plain(t.grades.pass))
            }
            Setting::OverachievementFlag => Plain(t.overachievement_flag_percent).to_string(),
            Setting::OverachievementPenalty => match &t.overachievement_penalty {
                None => "无".into(),
                Some(p) => format!("{}/{}", Plain(p.over_percent), Plain(p.deduct)),
            },
            Setting::ExecutionCap if t.execution_cap.is_empty() => "无".into(),
            Setting::ExecutionCap => {
                list(t.execution_cap.iter().map(|r| format!("{}:{}", Plain(r.below_percent), Plain(r.cap))).collect())
            }
            Setting::DeviationReasonBelow => Plain(t.deviation_reason_below).to_string(),
            Setting::ExecutionReasonBelow => t.execution_reason_below.map_or("无".into(), |r| Plain(r).to_string()),
            Setting::Columns => list(t.columns.iter().map(|c| c.key.key().to_string()).collect()),
            Setting::FundsColumns => list(t.funds.columns.iter().map(|c| c.key.key().to_string()).collect()),
            Setting::FundsSources => list(t.funds.sources.iter().map(|s| s.key.key().to_string()).collect()),
            Setting::FundsHeading => t.funds.heading.clone(),
            Setting::Note => t.note.clone(),
            _ => self.show(t),
        }
    }

    /// The next (or previous) value of a choice.
    pub fn cycle(self, t: &Template, by: isize) -> Template {
        let mut t = t.clone();
        let step = |len: usize, at: usize| (at as isize + by).rem_euclid(len as isize) as usize;
        match self {
            Setting::FundsDenominator => {
                let all = FundsDenominator::ALL;
                let at = all.iter().position(|d| *d == t.funds_denominator).unwrap_or(0);
                t.funds_denominator = all[step(all.len(), at)];
            }
            Setting::Rounding => {
                t.rounding = if t.rounding == Rounding::Whole { Rounding::TwoPlaces } else { Rounding::Whole }
            }
            Setting::FundsRow => t.funds_row = !t.funds_row,
            Setting::GradeLine => t.grade_line = !t.grade_line,
            Setting::FundsSplit => t.funds.split = !t.funds.split,
            Setting::DefaultRule => {
                let at = DEFAULT_RULES.iter().position(|r| *r == t.default_rule).unwrap_or(0);
                t.default_rule = DEFAULT_RULES[step(DEFAULT_RULES.len(), at)].clone();
            }
            _ => {}
        }
        t
    }

    /// The template with this setting read from typed text, or why the text is refused.
    pub fn parse(self, t: &Template, text: &str) -> Result<Template, String> {
        let mut t = t.clone();
        let s = text.trim();
        let none = matches!(s, "无" | "none" | "否" | "off" | "");
        match self {
            Setting::Name if s.is_empty() => return Err("模板名称不能为空".into()),
            Setting::Name => t.name = s.into(),
            Setting::FundsWeight => t.funds_weight = number(s, "预算执行率分值")?,
            Setting::FundsDenominator => {
                t.funds_denominator = FundsDenominator::ALL
                    .into_iter()
                    .find(|d| d.key() == s || d.label() == s)
                    .ok_or_else(|| format!("“{s}”不是执行率的分母：可选 全年预算数（full_year）、调整后预算数（adjusted）、年初预算数（initial）"))?
            }
            Setting::Rounding => {
                t.rounding = [Rounding::TwoPlaces, Rounding::Whole]
                    .into_iter()
                    .find(|r| r.key() == s || r.label() == s || (s == "整数" && *r == Rounding::Whole) || (s == "两位小数" && *r == Rounding::TwoPlaces))
                    .ok_or_else(|| format!("“{s}”不是取位方式：可选 two_places（两位小数）或 whole（整数）"))?
            }
            Setting::FundsRow => t.funds_row = yes_no(s)?,
            Setting::GradeLine => t.grade_line = yes_no(s)?,
            Setting::FundsSplit => t.funds.split = yes_no(s)?,
            Setting::Qualitative => {
                let shares = numbers(s, "定性等级")?;
                if shares.len() != t.qualitative.len() {
                    return Err(format!(
                        "定性等级有 {} 档（{}），请写 {} 个百分比，如 100/80/60/0",
                        t.qualitative.len(),
                        Setting::Qualitative.show(&t),
                        t.qualitative.len()
                    ));
                }
                for (level, share) in t.qualitative.iter_mut().zip(shares) {
                    level.low = share / Decimal::ONE_HUNDRED;
                }
            }
            Setting::Grades => {
                let n = numbers(s, "评价等级")?;
                let [excellent, good, pass] = n[..] else {
                    return Err("请写优、良、中三个下限，如 90/80/60".into());
                };
                t.grades = GradeBands { excellent, good, pass };
            }
            Setting::OverachievementFlag => t.overachievement_flag_percent = number(s, "提示线")?,
            Setting::OverachievementPenalty if none => t.overachievement_penalty = None,
            Setting::OverachievementPenalty => {
                let n = numbers(s, "超额完成扣分")?;
                let [over_percent, deduct] = n[..] else {
                    return Err("请写“超过的百分比/扣分”，如 30/2（完成值超过指标值30%及以上减2分），或“无”".into());
                };
                t.overachievement_penalty = Some(OverachievementPenalty { over_percent, deduct });
            }
            Setting::ExecutionCap if none => t.execution_cap = Vec::new(),
            Setting::ExecutionCap if matches!(s, "常用" | "usual") => t.execution_cap = Template::usual_execution_cap(),
            Setting::ExecutionCap => {
                let mut rungs = Vec::new();
                for part in s.split([' ', ',', '，', '；', ';']).filter(|p| !p.is_empty()) {
                    let (below, cap) = part.split_once([':', '：']).ok_or_else(|| {
                        format!("“{part}”应写作“执行率:总分上限”，如 80:89；多档用空格分开，或写“常用”“无”")
                    })?;
                    rungs.push(CapRung { below_percent: number(below, "执行率")?, cap: number(cap, "总分上限")? });
                }
                t.execution_cap = rungs;
            }
            Setting::DeviationReasonBelow => t.deviation_reason_below = number(s, "偏差原因的要求线")?,
            Setting::ExecutionReasonBelow if none || s == "不要求" => t.execution_reason_below = None,
            Setting::ExecutionReasonBelow => t.execution_reason_below = Some(number(s, "执行率原因的要求线")?),
            Setting::DefaultRule => {
                let shown = DEFAULT_RULES.iter().find(|r| {
                    Setting::DefaultRule.show(&Template { default_rule: (*r).clone(), ..t.clone() }) == s
                });
                t.default_rule = match s {
                    _ if shown.is_some() => shown.cloned().flatten(),
                    "" | "manual" | "人工评分" | "none" | "无" => None,
                    "directional" | "正向/反向" | "正向反向" => Some(Rule::Directional),
                    "proportional" | "按比例" => Some(Rule::Proportional),
                    "reverse" | "反向比例" => Some(Rule::Reverse),
                    "binary" | "完成与否" => DEFAULT_RULES[4].clone(),
                    _ => {
                        return Err(format!(
                            "“{s}”不是新行的评分规则：可选 manual、directional（正向/反向）、proportional、reverse、binary；其他规则请在评分规则表单中设为默认"
                        ));
                    }
                }
            }
            Setting::Columns => {
                t.columns = labelled(s, &t.columns, "列", |k| {
                    ColumnKey::from_key(k).or_else(|| ColumnKey::ALL.into_iter().find(|c| c.heading() == k))
                })?
            }
            Setting::FundsColumns => {
                t.funds.columns = labelled(s, &t.funds.columns, "资金栏的列", |k| {
                    FundsKey::from_key(k).or_else(|| FundsKey::ALL.into_iter().find(|c| c.heading() == k))
                })?
            }
            Setting::FundsSources => {
                t.funds.sources = labelled(s, &t.funds.sources, "资金来源", |k| {
                    SourceKey::from_key(k).or_else(|| SourceKey::ALL.into_iter().find(|c| c.heading() == k))
                })?
            }
            Setting::GridHeading => t.grid_heading = s.into(),
            Setting::TotalLabel if s.is_empty() => return Err("总分行的名称不能为空".into()),
            Setting::TotalLabel => t.total_label = s.into(),
            Setting::FundsHeading => t.funds.heading = s.into(),
            Setting::FundsTotalLabel if s.is_empty() => return Err("资金合计行的名称不能为空".into()),
            Setting::FundsTotalLabel => t.funds.total_label = s.into(),
            Setting::FundsMethod => t.funds.method = s.into(),
            Setting::Note => t.note = text.trim_end().into(),
        }
        t.validate()?;
        Ok(t)
    }
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s {
        "是" | "true" | "yes" | "1" => Ok(true),
        "否" | "false" | "no" | "0" => Ok(false),
        _ => Err(format!("“{s}”应为 是（true）或 否（false）")),
    }
}

fn number(s: &str, what: &str) -> Result<Decimal, String> {
    let s = s.trim().trim_end_matches(['%', '％', '分']);
    parse_decimal(s).map_err(|e| format!("{what}：{e}"))
}

/// `90/80/60`, `100 80 60 0`.
fn numbers(s: &str, what: &str) -> Result<Vec<Decimal>, String> {
    s.split(['/', ' ', ',', '，', '、']).filter(|p| !p.is_empty()).map(|p| number(p, what)).collect()
}

/// `level1 name weight:权重`: keys (or headings) in order, each with an optional label;
/// one without keeps the label it had in `old`, else the usual heading.
fn labelled<K: Heading + PartialEq>(
    s: &str,
    old: &[Labelled<K>],
    what: &str,
    find: impl Fn(&str) -> Option<K>,
) -> Result<Vec<Labelled<K>>, String> {
    let mut out: Vec<Labelled<K>> = Vec::new();
    for part in s.split([' ', ',', '，', '、', '｜', '|']).filter(|p| !p.is_empty()) {
        let (name, label) = match part.split_once([':', '：']) {
            Some((k, l)) => (k, Some(l.to_string())),
            None => (part, None),
        };
        let key = find(name).ok_or_else(|| format!("“{name}”不是{what}的名称"))?;
        if out.iter().any(|seen| seen.key == key) {
            return Err(format!("{what}“{name}”重复"));
        }
        let label = label
            .or_else(|| old.iter().find(|c| c.key == key).map(|c| c.label.clone()))
            .unwrap_or_else(|| key.heading().to_string());
        out.push(Labelled { key, label });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_again() {
        for s in Setting::ALL {
            assert_eq!(Setting::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn what_an_editor_shows_it_reads_back() {
        for p in super::super::PRESETS {
            let t = (p.build)();
            for s in Setting::ALL {
                assert_eq!(s.parse(&t, &s.edit_text(&t)).as_ref(), Ok(&t), "{} {:?}", p.key, s);
            }
        }
    }

    #[test]
    fn typed_settings_change_the_template_or_say_why_not() {
        let t = Template::national();
        assert_eq!(Setting::FundsWeight.parse(&t, "20").unwrap().funds_weight, Decimal::from(20));
        assert!(Setting::FundsWeight.parse(&t, "0").unwrap_err().contains("必须大于 0"));
        assert!(Setting::FundsWeight.parse(&t, "1x").is_err());
        assert!(Setting::Grades.parse(&t, "80/90/60").unwrap_err().contains("从高到低"));
        assert!(Setting::Grades.parse(&t, "120/80/60").unwrap_err().contains("超过 100"));
        assert_eq!(Setting::Qualitative.parse(&t, "100/80/50/0").unwrap().qualitative[2].low, Decimal::new(5, 1));
        assert!(Setting::Qualitative.parse(&t, "100/50").unwrap_err().contains("4 档"));
        let capped = Setting::ExecutionCap.parse(&t, "80:89 60:69").unwrap();
        assert_eq!(capped.execution_cap.len(), 2);
        assert_eq!(Setting::ExecutionCap.parse(&capped, "无").unwrap().execution_cap, Vec::new());
        let cols = Setting::Columns.parse(&t, "name target actual weight:权重 score").unwrap();
        assert_eq!(cols.heading(ColumnKey::Weight), "权重");
        assert!(Setting::Columns.parse(&t, "name weight").unwrap_err().contains("得分"));
        assert_eq!(Setting::Rounding.parse(&t, "whole").unwrap().rounding, Rounding::Whole);
        assert_eq!(Setting::DefaultRule.cycle(&t, 1).default_rule, Some(Rule::Directional));
    }
}
