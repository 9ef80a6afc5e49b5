//! Turns what was read from a sheet into an evaluation: on top of the evaluation kept
//! in the hidden sheet when there is one (the table's values win where someone edited
//! them in Excel, and each edit is reported), or from the table alone.

use super::ImportError;
use super::form::{Form, ProjectHead, Row};
use crate::domain::field::FieldValue;
use crate::domain::model::{EnteredScore, Evaluation, Indicator, Typed};
use crate::domain::money::Amount;
use crate::domain::number::{fixed, plain, round_half_up};
use crate::domain::project::Kind;
use crate::domain::score::{score, score_row};
use crate::domain::template::Template;
use rust_decimal::Decimal;

/// The reason recorded with a score taken from a workbook without jixiao's rules.
pub const IMPORT_REASON: &str = "从Excel导入，请核对评分规则";
/// The budget-execution row, when a table lists it among the indicators.
const FUNDS_ROW: &str = "预算执行率";

fn same_money(a: Option<Amount>, b: Option<Amount>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => round_half_up(x.in_wan(), 2) == round_half_up(y.in_wan(), 2),
        _ => false,
    }
}

fn shown(a: Option<Amount>) -> String {
    a.map_or_else(|| "空".to_string(), |a| a.to_string())
}

/// The evaluation from the sheet. `base` is the evaluation from the hidden sheet;
/// `template` the one to use for a table without it (else one is chosen by what the
/// table looks like, see [`super::template::guess`]).
pub fn assemble(
    form: &Form,
    base: Option<Evaluation>,
    template: Option<Template>,
    notes: &mut Vec<String>,
) -> Result<Evaluation, ImportError> {
    let report = base.is_some();
    let mut ev = match base {
        Some(ev) => ev,
        None => Evaluation {
            year: form.year.ok_or(ImportError::NoYear)?,
            template: super::template::for_table(form, template, notes),
            ..Evaluation::default()
        },
    };
    let mut edits = Vec::new();
    if let Some(year) = form.year.filter(|y| *y != ev.year) {
        edits.push(format!("年度由{}改为{year}", ev.year));
        ev.year = year;
    }
    if let Some(name) = form.department.as_ref().filter(|n| !n.is_empty() && **n != ev.organisation.name) {
        edits.push(format!("预算部门由“{}”改为“{name}”", ev.organisation.name));
        ev.organisation.name = name.clone();
    }
    if let Some(head) = &form.project {
        project_head(&mut ev, head, report, &mut edits, notes);
    }
    for (field, amount) in &form.funds {
        let FieldValue::Money(old) = field.get(&ev) else { continue };
        if !same_money(old, *amount) {
            edits.push(format!("{}由{}改为{}", field.label(), shown(old), shown(*amount)));
            field.set(&mut ev, FieldValue::Money(*amount));
        }
    }
    if let Some(w) = form.funds_weight {
        set_funds_weight(&mut ev, w, &mut edits);
    }
    if report && !edits.is_empty() {
        notes.push(format!("自评表中修改了：{}；已采用表格中的值", edits.join("；")));
    }
    let note = form.note.as_deref().and_then(crate::domain::criterion::read_note);
    if let (Some(n), false) = (&note, report) {
        notes.extend(super::rules::apply_modifiers(&mut ev, n));
    }
    merge_rows(&mut ev, &form.rows, &form.columns, report, note.as_ref(), notes);
    check_totals(&ev, form, notes);
    Ok(ev)
}

/// A project table's header onto the evaluation: a table read alone becomes a project
/// (filed under its 实施单位, else its 主管部门, when the sheet names no 预算部门).
fn project_head(
    ev: &mut Evaluation,
    head: &ProjectHead,
    report: bool,
    edits: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    if !report {
        ev.kind = Kind::Project;
        if ev.organisation.name.trim().is_empty() {
            let (unit, which) = if head.implementer.trim().is_empty() {
                (head.supervisor.trim(), "主管部门")
            } else {
                (head.implementer.trim(), "实施单位")
            };
            if !unit.is_empty() {
                ev.organisation.name = unit.to_string();
                notes.push(format!("项目表中没有写所属单位，已按{which}“{unit}”作为所属单位，请核对"));
            }
        }
    }
    let p = &mut ev.project;
    for (slot, new, what) in [
        (&mut p.name, &head.name, "项目名称"),
        (&mut p.supervisor, &head.supervisor, "主管部门"),
        (&mut p.implementer, &head.implementer, "实施单位"),
        (&mut p.goal.expected, &head.expected, "预期目标"),
        (&mut p.goal.achieved, &head.achieved, "实际完成情况"),
    ] {
        if slot.trim() != new.trim() {
            if report {
                edits.push(format!("{what}由“{}”改为“{}”", slot.trim(), new.trim()));
            }
            *slot = new.trim().to_string();
        }
    }
}

fn set_funds_weight(ev: &mut Evaluation, weight: Decimal, edits: &mut Vec<String>) {
    if weight != ev.template.funds_weight {
        edits.push(format!("预算执行率分值由{}改为{}", plain(ev.template.funds_weight), plain(weight)));
        ev.template.funds_weight = weight;
    }
}

/// Sets a text field, recording the edit.
fn set_text(slot: &mut String, new: &str, what: &str, edits: &mut Vec<String>) {
    if slot.trim() != new.trim() {
        edits.push(format!("{what}由“{}”改为“{new}”", slot.trim()));
        *slot = new.to_string();
    }
}

fn set_typed(slot: &mut Typed, new: &str, what: &str, edits: &mut Vec<String>, problems: &mut Vec<String>) {
    if slot.text() == new.trim() {
        return;
    }
    match Typed::new(new) {
        Ok(typed) => {
            edits.push(format!("{what}由“{}”改为“{new}”", slot.text()));
            *slot = typed;
        }
        Err(e) => problems.push(format!("{what}“{new}”无法识别（{e}），已忽略")),
    }
}

fn merge_rows(
    ev: &mut Evaluation,
    rows: &[Row],
    columns: &[(crate::domain::template::ColumnKey, String)],
    report: bool,
    note: Option<&crate::domain::criterion::TableNote>,
    notes: &mut Vec<String>,
) {
    let mut pool: Vec<Option<Indicator>> = std::mem::take(&mut ev.indicators).into_iter().map(Some).collect();
    let has_weights =
        columns.iter().any(|(k, _)| *k == crate::domain::template::ColumnKey::Weight) || columns.is_empty();
    for row in rows {
        let place = format!("第{}行「{}」", row.line, row.name);
        let (mut edits, mut problems) = (Vec::new(), Vec::new());
        if row.name == FUNDS_ROW {
            if let Some(w) = row.weight {
                set_funds_weight(ev, w, &mut edits);
            }
            if report && !edits.is_empty() {
                notes.push(format!("{place}：{}", edits.join("；")));
            }
            continue;
        }
        let existing = pool.iter_mut().find(|s| s.as_ref().is_some_and(|i| i.name == row.name)).and_then(Option::take);
        let is_new = existing.is_none();
        let mut ind = existing.unwrap_or_else(|| Indicator { name: row.name.clone(), ..Indicator::default() });
        set_text(&mut ind.level1, &row.level1, "一级指标", &mut edits);
        set_text(&mut ind.level2, &row.level2, "二级指标", &mut edits);
        if let Some(t) = &row.target {
            set_typed(&mut ind.target, t, "年度指标值", &mut edits, &mut problems);
        }
        if let Some(t) = &row.actual {
            set_typed(&mut ind.actual, t, "实际完成值", &mut edits, &mut problems);
        }
        if let Some(t) = &row.criterion {
            set_text(&mut ind.criterion, t, "评（扣）分标准", &mut edits);
        }
        if let Some(t) = &row.reason {
            set_text(&mut ind.deviation_reason, t, "偏差原因", &mut edits);
        }
        optional_columns(&mut ind, row, is_new, &mut edits, &mut problems);
        match row.weight {
            Some(w) if w != ind.weight => {
                edits.push(format!("分值由{}改为{}", plain(ind.weight), plain(w)));
                ind.weight = w;
            }
            Some(_) => {}
            // A Hubei table prints no per-row 分值: the stored weight stands.
            None if !has_weights && !is_new => {}
            None if !has_weights => problems.push("表格不列分值，分值暂记为 0，请在绩效指标页填写".to_string()),
            None => problems.push("没有分值".to_string()),
        }
        if is_new && super::rules::unset(&ind) {
            let line = super::rules::read_rule(ev, &mut ind, row.score, note);
            let new = if report { "jixiao 数据中没有这项指标，已按新增指标导入；" } else { "" };
            notes.push(format!("{place}：{new}{line}"));
        }
        ev.indicators.push(ind);
        settle_score(ev, row.score, &mut edits, &mut problems);
        if report && !is_new && !edits.is_empty() {
            notes.push(format!("{place}：{}；已采用表格中的值", edits.join("；")));
        }
        if !problems.is_empty() {
            notes.push(format!("{place}：{}", problems.join("；")));
        }
    }
    if report {
        for gone in pool.into_iter().flatten() {
            notes.push(format!("「{}」不在表格中，已从指标中删除", gone.name));
        }
    }
}

/// 指标性质, 度量单位, 调整指标值, 得分计算方法, 得分系数 and 是否核心指标, where the sheet
/// has the column.
fn optional_columns(ind: &mut Indicator, row: &Row, is_new: bool, edits: &mut Vec<String>, problems: &mut Vec<String>) {
    if let Some(t) = &row.nature {
        match crate::domain::nature::Nature::parse(t) {
            Ok(n) if n != ind.nature => {
                let shown = |n: Option<crate::domain::nature::Nature>| n.map_or("", |n| n.symbol()).to_string();
                edits.push(format!("指标性质由“{}”改为“{}”", shown(ind.nature), shown(n)));
                ind.nature = n;
            }
            Ok(_) => {}
            Err(e) => problems.push(format!("{e}，已忽略")),
        }
    }
    if let Some(t) = &row.unit {
        set_text(&mut ind.unit, t, "度量单位", edits);
    }
    if let Some(t) = &row.adjusted_target {
        set_typed(&mut ind.adjusted_target, t, "调整指标值", edits, problems);
    }
    if let Some(t) = &row.method {
        set_text(&mut ind.method, t, "得分计算方法", edits);
    }
    // jixiao prints the share of the weight scored where no 得分系数 was typed: read
    // back, that is not a new coefficient. A hand-made table's column is what was typed.
    match row.coefficient {
        Some(c) if c < Decimal::ZERO || c > Decimal::ONE_HUNDRED => {
            problems.push(format!("得分系数 {}% 不在 0%–100% 之间，已忽略", plain(c)))
        }
        Some(c) if (is_new || ind.coefficient.is_some()) && ind.coefficient != Some(c) => {
            if !is_new {
                edits.push(format!("得分系数改为{}%", plain(c)));
            }
            ind.coefficient = Some(c);
        }
        _ => {}
    }
    if let Some(t) = &row.core {
        let core = match t.trim() {
            "是" | "Y" | "y" | "√" => Some(true),
            "否" | "N" | "n" | "×" => Some(false),
            "" => None,
            other => {
                problems.push(format!("是否核心指标“{other}”应为“是”或“否”，已忽略"));
                ind.core
            }
        };
        if core != ind.core {
            edits.push("是否核心指标已改".to_string());
            ind.core = core;
        }
    }
}

/// Makes the last indicator's score the table's: by its rule when the rule gives it,
/// else as a score entered by hand.
fn settle_score(ev: &mut Evaluation, visible: Option<Decimal>, edits: &mut Vec<String>, problems: &mut Vec<String>) {
    let i = ev.indicators.len() - 1;
    let item = score_row(&ev.template, Some(ev.year), i, &ev.indicators[i]);
    let ind = &mut ev.indicators[i];
    let Some(v) = visible else {
        if ind.rule.needs_typed_score() && ind.entered.is_none() {
            problems.push("没有得分".to_string());
        }
        return;
    };
    if !ind.rule.needs_typed_score() && item.rule_score == Some(v) {
        if ind.entered.take().is_some() {
            edits.push(format!("得分改为{}，与评分规则一致，不再作为人工得分", fixed(v, 2)));
        }
        return;
    }
    if ind.entered.as_ref().is_some_and(|e| e.score == v) {
        return;
    }
    let rule = item.rule_score.map_or_else(|| "无法计算".to_string(), |s| fixed(s, 2));
    edits.push(format!("得分为{}（按评分规则为{rule}），已记为人工得分", fixed(v, 2)));
    let reason = ind.entered.take().map_or_else(|| IMPORT_REASON.to_string(), |e| e.reason);
    ind.entered = Some(EnteredScore { score: v, reason });
}

fn check_totals(ev: &Evaluation, form: &Form, notes: &mut Vec<String>) {
    let sheet = score(ev);
    if let (Some(filed), Some(funds)) = (form.funds_score, sheet.items.first())
        && filed != funds.score
    {
        notes.push(format!(
            "表格中预算执行率得分为{}，按执行率计算为{}，以计算结果为准",
            fixed(filed, 2),
            sheet.show(funds.score)
        ));
    }
    if let Some(filed) = form.total.filter(|t| *t != sheet.total) {
        notes.push(format!("表格中的总分为{}，按导入的数据计算为{}，请核对", fixed(filed, 2), sheet.show(sheet.total)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::Field;
    use crate::domain::rule::Rule;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn seed() -> Evaluation {
        crate::file::from_toml(include_str!("../../docs/examples/hengyang-2024.toml")).unwrap()
    }

    /// The form exactly as jixiao exported it.
    fn form_of(ev: &Evaluation) -> Form {
        let sheet = score(ev);
        let rows = ev
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| Row {
                line: i as u32 + 11,
                level1: ind.level1.clone(),
                level2: ind.level2.clone(),
                name: ind.name.clone(),
                target: Some(ind.target.text().to_string()),
                actual: Some(ind.actual.text().to_string()),
                criterion: Some(ind.criterion.clone()),
                weight: Some(ind.weight),
                score: Some(sheet.indicator(i).unwrap().score),
                reason: Some(ind.deviation_reason.clone()),
                ..Row::default()
            })
            .collect();
        Form {
            year: Some(ev.year),
            department: Some(ev.organisation.name.clone()),
            project: None,
            funds: vec![(Field::FundsExecuted, ev.funds.executed)],
            funds_weight: Some(ev.template.funds_weight),
            funds_score: Some(sheet.items[0].score),
            rows,
            total: Some(sheet.total),
            has_criterion: true,
            note: None,
            ..Form::default()
        }
    }

    #[test]
    fn a_project_header_edited_in_excel_is_kept_and_reported() {
        let base = crate::file::from_toml(include_str!("../../docs/examples/hengyang-2024-keji.toml")).unwrap();
        let mut form = form_of(&base);
        let goal = &base.project.goal;
        let head = |supervisor: &str| ProjectHead {
            name: base.project.name.clone(),
            supervisor: supervisor.into(),
            implementer: base.project.implementer.clone(),
            expected: goal.expected.trim().into(),
            achieved: goal.achieved.trim().into(),
        };
        form.project = Some(head(&base.project.supervisor));
        let mut notes = Vec::new();
        assert_eq!(assemble(&form, Some(base.clone()), None, &mut notes).unwrap(), base);
        assert!(notes.is_empty(), "{notes:?}");
        form.project = Some(head("衡阳市科学技术局"));
        let ev = assemble(&form, Some(base.clone()), None, &mut notes).unwrap();
        assert_eq!((ev.kind, ev.project.supervisor.as_str()), (Kind::Project, "衡阳市科学技术局"));
        assert!(notes.join("").contains("主管部门由“衡阳县科技和工业信息化局”改为“衡阳市科学技术局”"), "{notes:?}");
    }

    fn row<'a>(form: &'a mut Form, name: &str) -> &'a mut Row {
        form.rows.iter_mut().find(|r| r.name == name).unwrap()
    }

    #[test]
    fn an_unedited_form_changes_nothing() {
        let mut notes = Vec::new();
        assert_eq!(assemble(&form_of(&seed()), Some(seed()), None, &mut notes).unwrap(), seed());
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn edits_made_in_excel_win_and_are_reported() {
        let base = seed();
        let mut form = form_of(&base);
        form.funds = vec![(Field::FundsExecuted, Some(Amount::wan(d("7300"))))];
        let r = row(&mut form, "新增规上企业");
        r.actual = Some("24家".into());
        r.score = Some(d("2.92")); // what the rule gives for 24 of 25
        row(&mut form, "总成本").score = Some(d("20")); // the rule's score: no override any more
        row(&mut form, "乡村振兴").score = Some(d("2.5")); // no rule gives it
        form.rows.retain(|r| r.name != "党建活动");
        form.rows.push(Row {
            line: 40,
            name: "新指标".into(),
            weight: Some(d("0")),
            score: Some(d("0")),
            ..Row::default()
        });
        form.total = None;

        let mut notes = Vec::new();
        let ev = assemble(&form, Some(base.clone()), None, &mut notes).unwrap();
        let all = notes.join("\n");
        let find = |name: &str| ev.indicators.iter().find(|i| i.name == name).unwrap();

        assert_eq!(ev.funds.executed, Some(Amount::wan(d("7300"))));
        assert!(all.contains("全年执行数由7256.10改为7300"), "{all}");
        assert!(all.contains("表格中预算执行率得分为9.66，按执行率计算为9.72"), "{all}");
        assert_eq!(find("新增规上企业").actual.text(), "24家");
        assert_eq!(find("新增规上企业").entered, None);
        assert!(all.contains("实际完成值由“23家”改为“24家”"), "{all}");
        assert_eq!(find("总成本").entered, None);
        assert!(all.contains("得分改为20.00，与评分规则一致"), "{all}");
        let entered = find("乡村振兴").entered.clone().unwrap();
        assert_eq!((entered.score, entered.reason.as_str()), (d("2.5"), IMPORT_REASON));
        assert!(all.contains("得分为2.50（按评分规则为3.00），已记为人工得分"), "{all}");
        assert_eq!(find("新指标").rule, Rule::Manual);
        assert!(all.contains("「党建活动」不在表格中"), "{all}");
        // What was not edited keeps its rule, and the report's text is untouched.
        assert_eq!(find("申报企业质量达标率").rule, base.indicators[8].rule);
        assert_eq!(ev.narrative, base.narrative);
    }
}
