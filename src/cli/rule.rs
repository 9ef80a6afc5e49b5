//! `jixiao rule TEXT`: what the criterion reader makes of a 评分标准 — the rule, where each
//! parameter came from in the text, and the rule as the evaluation file writes it.

use super::{CliError, Result};
use crate::domain::criterion::{Context, How, Proposal, Reading, read};
use crate::domain::model::{Indicator, Typed};
use crate::domain::number::{Plain, parse_non_negative};
use crate::domain::rule::Rule;
use crate::domain::score::score_row;
use crate::domain::template::Template;
use rust_decimal::Decimal;
use serde_json::json;

/// What the command was given.
pub struct Args {
    pub criterion: String,
    pub weight: Option<String>,
    pub target: Option<String>,
    pub actual: Option<String>,
    pub year: Option<i32>,
}

struct Row {
    weight: Option<Decimal>,
    target: Option<Typed>,
    actual: Option<Typed>,
}

fn typed(text: Option<&str>, what: &str) -> Result<Option<Typed>> {
    text.map(|t| Typed::new(t).map_err(|e| CliError::Value(format!("{what}“{t}”无法识别：{e}")))).transpose()
}

fn row(args: &Args) -> Result<Row> {
    let weight = args
        .weight
        .as_deref()
        .map(|w| parse_non_negative(w).map_err(|e| CliError::Value(format!("--weight：{e}"))))
        .transpose()?;
    Ok(Row {
        weight,
        target: typed(args.target.as_deref(), "--target ")?,
        actual: typed(args.actual.as_deref(), "--actual ")?,
    })
}

/// The rule as one line of the evaluation file: `rule = { kind = "shortfall", step = "1", deduct = "0.05" }`.
pub fn rule_line(rule: &Rule) -> String {
    match toml::Value::try_from(rule) {
        Ok(v) => format!("rule = {}", inline(&v)),
        Err(_) => format!("rule = {{ kind = \"{:?}\" }}", rule.kind()),
    }
}

/// Keys in the order docs/file-format.md lists them; settings left at their default are left out.
const ORDER: [&str; 17] = [
    "kind",
    "step",
    "over_days",
    "up_to_days",
    "deduct",
    "per",
    "periods",
    "counts",
    "measure",
    "op",
    "bound",
    "inclusive",
    "label",
    "points",
    "words",
    "low",
    "high",
];

fn inline(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let mut keys: Vec<&String> = t.keys().collect();
            keys.sort_by_key(|k| (ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()), k.as_str()));
            let fields: Vec<String> = keys
                .into_iter()
                .filter(|k| {
                    let default = match (k.as_str(), &t[k.as_str()]) {
                        ("whole_steps" | "relative", toml::Value::Boolean(b)) => !b,
                        ("inclusive", toml::Value::Boolean(b)) => *b,
                        _ => false,
                    };
                    !default
                })
                .map(|k| format!("{k} = {}", inline(&t[k.as_str()])))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        toml::Value::Array(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        scalar => scalar.to_string(),
    }
}

fn how(h: How) -> &'static str {
    match h {
        How::Written => "原文数字",
        How::Share => "百分比化为比例",
        How::PointsShare => "分数除以分值",
        How::Months => "月按30天",
        How::Weeks => "周按7天",
        How::Periods => "每期化为全年期数",
        How::Weight => "即分值",
        How::FullShare => "满分即全部分值",
        How::WeightLess => "分值减去原文数字",
        How::Nothing => "即0分",
        How::One => "即1",
        How::Converted(_) => "换算为指标值的单位",
    }
}

fn reading(args: &Args, row: &Row, template: &Template) -> Reading {
    let ctx = Context {
        weight: row.weight,
        target: row.target.as_ref(),
        actual: row.actual.as_ref(),
        year: args.year,
        ..Context::new(template)
    };
    read(&args.criterion, &ctx)
}

/// The row's score under the proposed rule, when an actual was given.
fn score_line(args: &Args, row: &Row, rule: &Rule, template: &Template) -> Option<(Option<Decimal>, String)> {
    let ind = Indicator {
        weight: row.weight.unwrap_or_default(),
        target: row.target.clone().unwrap_or_default(),
        actual: row.actual.clone()?,
        rule: rule.clone(),
        ..Indicator::default()
    };
    let item = score_row(template, args.year, 0, &ind);
    Some((item.rule_score, item.explanation))
}

pub fn text(args: &Args) -> Result<String> {
    let row = row(args)?;
    let template = Template::hunan_county();
    let mut out = format!("评分标准：{}\n", args.criterion.trim());
    let p = match reading(args, &row, &template) {
        Reading::CannotTell(c) => {
            out.push_str(&format!("无法读出规则：{}\n", c.reason));
            if let Some(s) = c.span {
                out.push_str(&format!("  依据：“{}”\n", &args.criterion[s.start..s.end]));
            }
            out.push_str("建议：评分规则设为人工评分，得分按评分标准填写并说明理由。\n");
            return Ok(out);
        }
        Reading::Rule(p) => p,
    };
    let sure = if p.confident { "" } else { "（有待核对）" };
    out.push_str(&format!("读作{sure}：{}\n", p.rule.describe()));
    for param in &p.params {
        let words = &args.criterion[param.span.start..param.span.end];
        out.push_str(&format!("  {} = {}　← “{words}”（{}）\n", param.name, Plain(param.value), how(param.how)));
    }
    facts(&mut out, &p, &args.criterion);
    for note in &p.notes {
        out.push_str(&format!("  注意：{note}\n"));
    }
    for alt in &p.alternatives {
        out.push_str(&format!("  另一读法：{}（{}）\n", alt.rule.describe(), alt.why));
    }
    if let Some((score, why)) = score_line(args, &row, &p.rule, &template) {
        let score = score.map_or("无法计算".to_string(), |s| Plain(s).to_string());
        out.push_str(&format!("得分：{score}（{why}）\n"));
    }
    out.push_str(&format!("评分文件写作：\n{}\n", rule_line(&p.rule)));
    Ok(out)
}

fn facts(out: &mut String, p: &Proposal, text: &str) {
    if let Some((full, s)) = &p.full_mark {
        out.push_str(&format!("  满分 {}　← “{}”\n", Plain(*full), &text[s.start..s.end]));
    }
    if let Some((target, s)) = &p.named_target {
        out.push_str(&format!("  指标值 {target}　← “{}”\n", &text[s.start..s.end]));
    }
    for (m, _) in &p.modifiers {
        out.push_str(&format!("  整表规定：{}（在评分模板中设置）\n", m.describe()));
    }
}

pub fn json(args: &Args) -> Result<serde_json::Value> {
    let row = row(args)?;
    let template = Template::hunan_county();
    let p = match reading(args, &row, &template) {
        Reading::CannotTell(c) => {
            return Ok(json!({
                "criterion": args.criterion,
                "cannot_tell": c.reason,
                "span": c.span.map(|s| json!({ "start": s.start, "end": s.end })),
            }));
        }
        Reading::Rule(p) => p,
    };
    let params: Vec<_> = p
        .params
        .iter()
        .map(|x| {
            json!({
                "name": x.name,
                "value": Plain(x.value).to_string(),
                "text": &args.criterion[x.span.start..x.span.end],
                "start": x.span.start,
                "end": x.span.end,
                "how": how(x.how),
            })
        })
        .collect();
    let alternatives: Vec<_> = p.alternatives.iter().map(|a| json!({ "rule": a.rule, "why": a.why })).collect();
    let score = score_line(args, &row, &p.rule, &template)
        .map(|(s, why)| json!({ "score": s.map(|s| Plain(s).to_string()), "explanation": why }));
    Ok(json!({
        "criterion": args.criterion,
        "confident": p.confident,
        "rule": p.rule,
        "describe": p.rule.describe(),
        "file": rule_line(&p.rule),
        "params": params,
        "notes": p.notes,
        "alternatives": alternatives,
        "full_mark": p.full_mark.map(|(v, _)| Plain(v).to_string()),
        "named_target": p.named_target.as_ref().map(|(t, _)| t),
        "modifiers": p.modifiers.iter().map(|(m, _)| m.describe()).collect::<Vec<_>>(),
        "score": score,
    }))
}
