//! The form tabs (单位信息, 预算执行, 资产; a project's 项目信息 and 项目资金): the rows
//! each shows, and how a typed value becomes an edit of the evaluation.

use super::edit::{Content, Slot, UnitList};
use crate::domain::derived::{asset_usage, expenditure_shares, ratio, revenue_change};
use crate::domain::field::{Field, FieldKind, Group, source};
use crate::domain::model::{Evaluation, SpecialFund};
use crate::domain::money::Amount;
use crate::domain::number::{fixed, percent, plain};
use crate::domain::score::ScoreSheet;
use crate::domain::template::{FundsDenominator, FundsKey};
use crate::file::YEARS;

/// A part of a 专项资金 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FundPart {
    Name,
    Budgeted,
    Invested,
    Used,
    Balance,
}

impl FundPart {
    pub const ALL: [FundPart; 5] =
        [FundPart::Name, FundPart::Budgeted, FundPart::Invested, FundPart::Used, FundPart::Balance];

    pub fn label(self) -> &'static str {
        match self {
            FundPart::Name => "资金名称",
            FundPart::Budgeted => "预算投入",
            FundPart::Invested => "实际投入",
            FundPart::Used => "实际使用",
            FundPart::Balance => "结余",
        }
    }

    fn amount(self, f: &SpecialFund) -> Option<Amount> {
        match self {
            FundPart::Name => None,
            FundPart::Budgeted => f.budgeted,
            FundPart::Invested => f.invested,
            FundPart::Used => f.used,
            FundPart::Balance => f.balance,
        }
    }

    fn amount_mut(self, f: &mut SpecialFund) -> Option<&mut Option<Amount>> {
        match self {
            FundPart::Name => None,
            FundPart::Budgeted => Some(&mut f.budgeted),
            FundPart::Invested => Some(&mut f.invested),
            FundPart::Used => Some(&mut f.used),
            FundPart::Balance => Some(&mut f.balance),
        }
    }
}

/// One row of a form tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormRow {
    Heading(String),
    Name,
    Year,
    /// A project's 项目名称.
    ProjectName,
    Field(Field),
    Unit(UnitList, usize),
    AddUnit(UnitList),
    Fund(usize, FundPart),
    AddFund,
    /// A figure computed from others, shown but not typed.
    Computed(String, String),
}

impl FormRow {
    pub fn editable(&self) -> bool {
        !matches!(self, FormRow::Heading(_) | FormRow::Computed(..))
    }

    /// Edited in a multi-line text area rather than on its line.
    pub fn long_text(&self) -> Option<Field> {
        match self {
            FormRow::Field(f) if f.kind() == FieldKind::LongText => Some(*f),
            _ => None,
        }
    }

    pub fn label(&self) -> String {
        match self {
            FormRow::Heading(t) => t.clone(),
            FormRow::Name => "单位名称".into(),
            FormRow::Year => "年度".into(),
            FormRow::ProjectName => "项目名称".into(),
            FormRow::Field(f) => f.label().into(),
            FormRow::Unit(_, i) => format!("{}.", i + 1),
            FormRow::AddUnit(_) | FormRow::AddFund => "＋ 添加".into(),
            FormRow::Fund(_, part) => part.label().into(),
            FormRow::Computed(label, _) => label.clone(),
        }
    }

    /// The value as shown and as the editor starts.
    pub fn text(&self, ev: &Evaluation) -> String {
        match self {
            FormRow::Heading(_) | FormRow::AddUnit(_) | FormRow::AddFund => String::new(),
            FormRow::Name => ev.organisation.name.clone(),
            FormRow::Year => ev.year.to_string(),
            FormRow::ProjectName => ev.project.name.clone(),
            FormRow::Field(f) => f.text(ev),
            FormRow::Unit(l, i) => l.names(ev).get(*i).cloned().unwrap_or_default(),
            FormRow::Fund(i, FundPart::Name) => ev.special_funds.get(*i).map(|f| f.name.clone()).unwrap_or_default(),
            FormRow::Fund(i, part) => {
                ev.special_funds.get(*i).and_then(|f| part.amount(f)).map(|a| a.to_string()).unwrap_or_default()
            }
            FormRow::Computed(_, value) => value.clone(),
        }
    }

    /// Whether the value is money (shown with 万元 and right-aligned).
    pub fn is_money(&self) -> bool {
        match self {
            FormRow::Field(f) => f.kind() == FieldKind::Money,
            FormRow::Fund(_, part) => *part != FundPart::Name,
            _ => false,
        }
    }

    /// The edit that typed `text` makes, or why it is refused.
    pub fn edit(&self, ev: &Evaluation, text: &str) -> Result<(Slot, Content, String), String> {
        let t = text.trim();
        match self {
            FormRow::Name if t.is_empty() => Err("单位名称不能为空".into()),
            FormRow::Name => Ok((Slot::Name, Content::Text(t.to_string()), "单位名称".into())),
            FormRow::ProjectName if t.is_empty() => Err("项目名称不能为空".into()),
            FormRow::ProjectName => Ok((Slot::ProjectName, Content::Text(t.to_string()), "项目名称".into())),
            FormRow::Year => {
                let year: i32 = t.parse().map_err(|_| format!("“{t}”不是年份"))?;
                if !YEARS.contains(&year) {
                    return Err("年度应在 1990–2200 之间".into());
                }
                Ok((Slot::Year, Content::Year(year), "年度".into()))
            }
            FormRow::Field(f) => {
                let value = f.parse(text).map_err(|e| e.to_string())?;
                Ok((Slot::Field(*f), Content::Field(value), f.place()))
            }
            FormRow::Unit(list, i) => {
                let mut names = list.names(ev).clone();
                if t.is_empty() {
                    names.remove(*i);
                } else {
                    names[*i] = t.to_string();
                }
                Ok((Slot::Units(*list), Content::Names(names), list.title().into()))
            }
            FormRow::AddUnit(list) if t.is_empty() => Err("请输入名称".into()),
            FormRow::AddUnit(list) => {
                let mut names = list.names(ev).clone();
                names.push(t.to_string());
                Ok((Slot::Units(*list), Content::Names(names), list.title().into()))
            }
            FormRow::Fund(i, part) => {
                let mut funds = ev.special_funds.clone();
                let fund = funds.get_mut(*i).ok_or("该专项资金已不存在")?;
                match part.amount_mut(fund) {
                    None => fund.name = t.to_string(),
                    Some(slot) => {
                        *slot = if t.is_empty() { None } else { Some(t.parse::<Amount>().map_err(|e| e.to_string())?) }
                    }
                }
                Ok((Slot::SpecialFunds, Content::Funds(funds), format!("专项资金：{}", part.label())))
            }
            FormRow::AddFund if t.is_empty() => Err("请输入资金名称".into()),
            FormRow::AddFund => {
                let mut funds = ev.special_funds.clone();
                funds.push(SpecialFund { name: t.to_string(), ..SpecialFund::default() });
                Ok((Slot::SpecialFunds, Content::Funds(funds), "专项资金".into()))
            }
            FormRow::Heading(_) | FormRow::Computed(..) => Err("此项由其他数字计算得出，不能直接修改".into()),
        }
    }

    /// The edit that removes this row's item (a unit name or a special fund), if it is one.
    pub fn removal(&self, ev: &Evaluation) -> Option<(Slot, Content, String)> {
        match self {
            FormRow::Unit(list, i) => {
                let mut names = list.names(ev).clone();
                names.remove(*i);
                Some((Slot::Units(*list), Content::Names(names), format!("{}：删除一项", list.title())))
            }
            FormRow::Fund(i, _) => {
                let mut funds = ev.special_funds.clone();
                funds.remove(*i);
                Some((Slot::SpecialFunds, Content::Funds(funds), "专项资金：删除一项".into()))
            }
            _ => None,
        }
    }
}

/// The form tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormTab {
    Organisation,
    Budget,
    Assets,
    /// A project's 项目信息.
    Project,
    /// A project's 项目资金.
    ProjectFunds,
}

impl FormTab {
    pub const ALL: [FormTab; 5] =
        [FormTab::Organisation, FormTab::Budget, FormTab::Assets, FormTab::Project, FormTab::ProjectFunds];

    /// Its place in per-tab arrays (cursors, scroll positions).
    pub fn index(self) -> usize {
        FormTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

fn group(rows: &mut Vec<FormRow>, g: Group) {
    rows.push(FormRow::Heading(g.title().into()));
    rows.extend(g.fields().map(FormRow::Field));
}

fn wan(d: rust_decimal::Decimal) -> String {
    format!("{} 万元", fixed(d, 2))
}

/// The rows of a form tab, headings and computed figures included.
pub fn rows(tab: FormTab, ev: &Evaluation, sheet: &ScoreSheet) -> Vec<FormRow> {
    let mut rows = Vec::new();
    match tab {
        FormTab::Organisation => {
            rows.push(FormRow::Heading("单位基本情况".into()));
            rows.extend([FormRow::Name, FormRow::Year]);
            rows.extend(Group::Organisation.fields().filter(|f| *f != Field::Responsibilities).map(FormRow::Field));
            for list in [UnitList::Internal, UnitList::Subordinate] {
                rows.push(FormRow::Heading(format!("{}（{}个）", list.title(), list.names(ev).len())));
                rows.extend((0..list.names(ev).len()).map(|i| FormRow::Unit(list, i)));
                rows.push(FormRow::AddUnit(list));
            }
            rows.push(FormRow::Heading("主要职责".into()));
            rows.push(FormRow::Field(Field::Responsibilities));
        }
        FormTab::Budget => {
            group(&mut rows, Group::InitialBudget);
            group(&mut rows, Group::FinalAccounts);
            if let Some(change) = revenue_change(ev) {
                let word = if change.is_sign_negative() { "较年初预算减少" } else { "较年初预算增加" };
                rows.push(FormRow::Computed(word.into(), wan(change.abs())));
            }
            if let Some((basic, project)) = expenditure_shares(ev) {
                rows.push(FormRow::Computed("基本支出占总支出".into(), percent(basic)));
                rows.push(FormRow::Computed("项目支出占总支出".into(), percent(project)));
            }
            group(&mut rows, Group::SangongBudget);
            group(&mut rows, Group::SangongActual);
            group(&mut rows, Group::Procurement);
            rows.push(FormRow::Heading(format!("专项资金（{}项）", ev.special_funds.len())));
            for i in 0..ev.special_funds.len() {
                rows.extend(FundPart::ALL.iter().map(|p| FormRow::Fund(i, *p)));
            }
            rows.push(FormRow::AddFund);
            rows.push(FormRow::Heading(Group::Funds.title().into()));
            rows.extend(funds_fields(ev).into_iter().map(FormRow::Field));
            funds_score(&mut rows, sheet);
        }
        FormTab::Assets => {
            group(&mut rows, Group::Assets);
            if let Some(rate) = asset_usage(ev) {
                rows.push(FormRow::Computed("资产使用率".into(), percent(rate)));
            }
        }
        FormTab::Project => {
            rows.push(FormRow::Heading("项目信息".into()));
            rows.extend([FormRow::Name, FormRow::Year, FormRow::ProjectName]);
            rows.extend(Group::ProjectInfo.fields().map(FormRow::Field));
        }
        FormTab::ProjectFunds => project_funds(&mut rows, ev, sheet),
    }
    rows
}

/// The execution rate and the funds row's score, under the funds block.
fn funds_score(rows: &mut Vec<FormRow>, sheet: &ScoreSheet) {
    if let Some(rate) = sheet.execution_rate {
        rows.push(FormRow::Computed("执行率".into(), percent(rate)));
    }
    if let Some(item) = sheet.items.first() {
        rows.push(FormRow::Computed(
            format!("得分（分值 {}）", plain(item.weight)),
            item.rule_score.map_or("—".into(), |s| sheet.show(s)),
        ));
    }
}

/// The funds block's fields an evaluation shows: what its template prints (the budget
/// its rate is on, the split by source and nature, the reason for a low rate), and any
/// other field that holds a figure, so that nothing typed is hidden.
pub fn funds_fields(ev: &Evaluation) -> Vec<Field> {
    let t = &ev.template;
    let wanted = |f: Field| match f {
        Field::FundsFullYear => t.funds_denominator != FundsDenominator::Adjusted || !t.funds_row,
        Field::FundsAdjusted => t.funds_denominator == FundsDenominator::Adjusted,
        Field::FundsReason => t.execution_reason_below.is_some() || t.funds.has(FundsKey::Reason),
        Field::FundsGeneral
        | Field::FundsGovFund
        | Field::FundsSpecialAccount
        | Field::FundsOther
        | Field::FundsBasic
        | Field::FundsProject => t.funds.split,
        _ => true,
    };
    Group::Funds.fields().filter(|f| f.belongs_to(ev.kind)).filter(|f| wanted(*f) || !f.get(ev).is_empty()).collect()
}

/// 年度资金总额 with its execution rate and score, then each source the template lists
/// (under its label) and any other that holds figures.
fn project_funds(rows: &mut Vec<FormRow>, ev: &Evaluation, sheet: &ScoreSheet) {
    rows.push(FormRow::Heading(ev.template.funds.total_label.clone()));
    rows.extend(funds_fields(ev).into_iter().map(FormRow::Field));
    funds_score(rows, sheet);
    for (i, (key, label)) in crate::domain::check::shown_sources(ev).into_iter().enumerate() {
        let among = if i == 0 { "其中：" } else { "" };
        rows.push(FormRow::Heading(format!("{among}{label}")));
        let fields = source(key).1;
        rows.extend(fields.iter().map(|f| FormRow::Field(*f)));
        if let Some(rate) = ratio(fields[2].amount(ev), fields[1].amount(ev)) {
            rows.push(FormRow::Computed("执行率".into(), percent(rate)));
        }
    }
}

/// Where a field lives in an evaluation of `kind`: its tab and row. `None` for the
/// fields of the narrative tab (年度总体目标).
pub fn tab_of(field: Field, kind: crate::domain::project::Kind) -> Option<FormTab> {
    use crate::domain::project::Kind;
    Some(match field.group() {
        Group::Organisation => FormTab::Organisation,
        Group::Assets => FormTab::Assets,
        Group::ProjectInfo => FormTab::Project,
        Group::Goal => return None,
        Group::SourceCurrent | Group::SourceCarried | Group::SourceSpecial | Group::SourceOwn | Group::SourceOther => {
            FormTab::ProjectFunds
        }
        Group::Funds if kind == Kind::Project => FormTab::ProjectFunds,
        _ => FormTab::Budget,
    })
}
