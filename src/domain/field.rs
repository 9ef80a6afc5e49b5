//! The registry of an evaluation's scalar fields (every figure and short text that is
//! not a list, an indicator row or a narrative section).
//!
//! One table, [`fields!`] below, names each field once with its group, kind, Chinese
//! label, database column and place in [`Evaluation`]. The UI's forms, the store's
//! column updates and the checks' "place" all come from it, so a field added here
//! appears everywhere.

use super::date::{Date, DateError};
use super::model::Evaluation;
use super::money::{Amount, AmountError};
use super::number::{NumberError, parse_decimal};
use super::project::Kind;
use super::template::SourceKey;

/// A group of fields: one block of a form, under one heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Organisation,
    InitialBudget,
    FinalAccounts,
    SangongBudget,
    SangongActual,
    Procurement,
    Assets,
    Funds,
    /// A project's header (项目名称 itself is its identity, not a field).
    ProjectInfo,
    /// A project's funds by source.
    SourceCurrent,
    SourceCarried,
    SourceSpecial,
    SourceOwn,
    SourceOther,
    /// 年度总体目标.
    Goal,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Organisation => "单位基本情况",
            Group::InitialBudget => "年初预算",
            Group::FinalAccounts => "决算",
            Group::SangongBudget => "三公经费预算",
            Group::SangongActual => "三公经费决算",
            Group::Procurement => "政府采购",
            Group::Assets => "资产",
            Group::Funds => "自评表资金",
            Group::ProjectInfo => "项目信息",
            Group::SourceCurrent => "当年财政拨款",
            Group::SourceCarried => "上年结转资金",
            Group::SourceSpecial => "财政专户管理资金",
            Group::SourceOwn => "单位资金",
            Group::SourceOther => "其他资金",
            Group::Goal => "年度总体目标",
        }
    }

    /// The kind of evaluation the group belongs to; `None` for the funds block, which
    /// both kinds have (its split by source and nature is the department's: see
    /// [`Field::belongs_to`]).
    pub fn kind(self) -> Option<Kind> {
        match self {
            Group::Funds => None,
            Group::ProjectInfo
            | Group::SourceCurrent
            | Group::SourceCarried
            | Group::SourceSpecial
            | Group::SourceOwn
            | Group::SourceOther
            | Group::Goal => Some(Kind::Project),
            _ => Some(Kind::Department),
        }
    }

    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(move |f| f.group() == self)
    }
}

/// What a field holds, and so how typed text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An amount, 万元 unless another unit is written.
    Money,
    /// A whole number (people), may be negative for a change.
    Int,
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A date, kept as typed (`2025-03-15`, `2025年3月15日`), refused when impossible.
    Date,
}

/// A field's value, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Money(Option<Amount>),
    Int(Option<i64>),
    Text(String),
}

impl FieldValue {
    /// As shown in a form and stored in a TEXT column (empty = none).
    pub fn to_text(&self) -> String {
        match self {
            FieldValue::Money(a) => a.map(|a| a.to_string()).unwrap_or_default(),
            FieldValue::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
            FieldValue::Text(s) => s.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Money(a) => a.is_none(),
            FieldValue::Int(i) => i.is_none(),
            FieldValue::Text(s) => s.is_empty(),
        }
    }
}

/// Why typed text cannot go into a field. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Amount(#[from] AmountError),
    #[error("{0}")]
    Number(#[from] NumberError),
    #[error("请输入整数")]
    NotWhole,
    #[error("单行文字不能含换行")]
    Newline,
    #[error("{0}")]
    Date(#[from] DateError),
    #[error("“{0}”不是日期：请写作 2025-03-15 或 2025年3月15日")]
    NotADate(String),
}

/// A slot in the model that a field reads and writes.
trait Slot {
    fn get(&self) -> FieldValue;
    /// Stores `value` if it is of this slot's kind; returns whether it was.
    fn put(&mut self, value: FieldValue) -> bool;
}

impl Slot for Option<Amount> {
    fn get(&self) -> FieldValue {
        FieldValue::Money(*self)
    }
    fn put(&mut self, value: FieldValue) -> bool {
        if let FieldValue::Money(v) = value {
            *self = v;
            true
        } else {
            false
        }
    }
}

impl Slot for Option<i64> {
    fn get(&self) -> FieldValue {
        FieldValue::Int(*self)
    }
    fn put(&mut self, value: FieldValue) -> bool {
        if let FieldValue::Int(v) = value {
            *self = v;
            true
        } else {
            false
        }
    }
}

impl Slot for String {
    fn get(&self) -> FieldValue {
        FieldValue::Text(self.clone())
    }
    fn put(&mut self, value: FieldValue) -> bool {
        if let FieldValue::Text(v) = value {
            *self = v;
            true
        } else {
            false
        }
    }
}

macro_rules! fields {
    ($( $variant:ident: $group:ident, $kind:ident, $label:literal, $column:literal, $($path:ident).+ ;)*) => {
        /// A scalar field of an evaluation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Field { $($variant),* }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            pub fn group(self) -> Group {
                match self { $(Field::$variant => Group::$group),* }
            }

            pub fn kind(self) -> FieldKind {
                match self { $(Field::$variant => FieldKind::$kind),* }
            }

            /// The Chinese label in forms and messages.
            pub fn label(self) -> &'static str {
                match self { $(Field::$variant => $label),* }
            }

            /// The column of the `evaluation` table that stores it.
            pub fn column(self) -> &'static str {
                match self { $(Field::$variant => $column),* }
            }

            pub fn get(self, ev: &Evaluation) -> FieldValue {
                match self { $(Field::$variant => Slot::get(&ev.$($path).+)),* }
            }

            /// Stores a value of the field's kind; a value of another kind is ignored
            /// and reported as `false` (a programming error, caught by tests).
            pub fn set(self, ev: &mut Evaluation, value: FieldValue) -> bool {
                match self { $(Field::$variant => Slot::put(&mut ev.$($path).+, value)),* }
            }
        }
    };
}

fields! {
    Rank: Organisation, Text, "单位级别", "rank", organisation.rank;
    StaffCount: Organisation, Int, "年末实有人数", "staff_count", organisation.staff_count;
    StaffChange: Organisation, Int, "比上年增减人数", "staff_change", organisation.staff_change;
    Responsibilities: Organisation, LongText, "主要职责", "responsibilities", organisation.responsibilities;

    InitialRevenue: InitialBudget, Money, "收入", "initial_revenue", budget.initial.revenue;
    InitialRevenueGeneral: InitialBudget, Money, "其中：一般公共财政拨款", "initial_revenue_general", budget.initial.revenue_general;
    InitialExpenditure: InitialBudget, Money, "支出", "initial_expenditure", budget.initial.expenditure;
    InitialBasic: InitialBudget, Money, "其中：基本支出", "initial_basic", budget.initial.basic;
    InitialProject: InitialBudget, Money, "其中：项目支出", "initial_project", budget.initial.project;

    FinalRevenue: FinalAccounts, Money, "总收入", "final_revenue", budget.final_accounts.revenue;
    FinalExpenditure: FinalAccounts, Money, "总支出", "final_expenditure", budget.final_accounts.expenditure;
    FinalBasic: FinalAccounts, Money, "其中：基本支出", "final_basic", budget.final_accounts.basic;
    FinalProject: FinalAccounts, Money, "其中：项目支出", "final_project", budget.final_accounts.project;
    CarryForward: FinalAccounts, Money, "年末结转", "carry_forward", budget.final_accounts.carry_forward;
    DifferenceReason: FinalAccounts, LongText, "差异主要原因", "difference_reason", budget.final_accounts.difference_reason;

    SangongBudgetTotal: SangongBudget, Money, "合计", "sangong_budget_total", budget.sangong_budget.total;
    SangongBudgetAbroad: SangongBudget, Money, "因公出国（境）费", "sangong_budget_abroad", budget.sangong_budget.abroad;
    SangongBudgetVehicle: SangongBudget, Money, "公务用车购置及运行维护费", "sangong_budget_vehicle", budget.sangong_budget.vehicle;
    SangongBudgetReception: SangongBudget, Money, "公务接待费", "sangong_budget_reception", budget.sangong_budget.reception;

    SangongActualTotal: SangongActual, Money, "合计", "sangong_actual_total", budget.sangong_actual.total;
    SangongActualAbroad: SangongActual, Money, "因公出国（境）费", "sangong_actual_abroad", budget.sangong_actual.abroad;
    SangongActualVehicle: SangongActual, Money, "公务用车购置及运行维护费", "sangong_actual_vehicle", budget.sangong_actual.vehicle;
    SangongActualReception: SangongActual, Money, "公务接待费", "sangong_actual_reception", budget.sangong_actual.reception;

    ProcurementTotal: Procurement, Money, "合计", "procurement_total", budget.procurement.total;
    ProcurementGoods: Procurement, Money, "货物", "procurement_goods", budget.procurement.goods;
    ProcurementWorks: Procurement, Money, "工程", "procurement_works", budget.procurement.works;
    ProcurementServices: Procurement, Money, "服务", "procurement_services", budget.procurement.services;

    AssetsTotal: Assets, Money, "资产总额", "assets_total", assets.total;
    Liabilities: Assets, Money, "负债总额", "liabilities", assets.liabilities;
    NetAssets: Assets, Money, "净资产", "net_assets", assets.net;
    FixedOriginal: Assets, Money, "固定资产账面原值", "fixed_original", assets.fixed_original;
    FixedInUse: Assets, Money, "其中：在用资产", "fixed_in_use", assets.fixed_in_use;

    FundsInitial: Funds, Money, "年初预算数", "funds_initial", funds.initial;
    FundsFullYear: Funds, Money, "全年预算数", "funds_full_year", funds.full_year;
    FundsAdjusted: Funds, Money, "调整后预算数", "funds_adjusted", funds.adjusted;
    FundsExecuted: Funds, Money, "全年执行数", "funds_executed", funds.executed;
    FundsGeneral: Funds, Money, "按收入性质：一般公共预算", "funds_general", funds.general;
    FundsGovFund: Funds, Money, "政府性基金拨款", "funds_gov_fund", funds.gov_fund;
    FundsSpecialAccount: Funds, Money, "纳入专户管理的非税收入", "funds_special_account", funds.special_account;
    FundsOther: Funds, Money, "其他资金", "funds_other", funds.other;
    FundsBasic: Funds, Money, "按支出性质：基本支出", "funds_basic", funds.basic;
    FundsProject: Funds, Money, "项目支出", "funds_project", funds.project;
    FundsReason: Funds, LongText, "执行率偏低原因", "funds_reason", funds.reason;

    ProjectSupervisor: ProjectInfo, Text, "主管部门", "project_supervisor", project.supervisor;
    ProjectImplementer: ProjectInfo, Text, "实施单位", "project_implementer", project.implementer;
    ProjectManager: ProjectInfo, Text, "项目负责人", "project_manager", project.manager;
    ProjectPhone: ProjectInfo, Text, "联系电话", "project_phone", project.phone;
    ProjectCategory: ProjectInfo, Text, "项目类别", "project_category", project.category;
    ProjectAttribute: ProjectInfo, Text, "项目属性", "project_attribute", project.attribute;
    ProjectType: ProjectInfo, Text, "项目类型", "project_type", project.project_type;
    ProjectFiledOn: ProjectInfo, Date, "填报日期", "project_filed_on", project.filed_on;

    CurrentInitial: SourceCurrent, Money, "年初预算数", "project_current_initial", project.funds.current.initial;
    CurrentFullYear: SourceCurrent, Money, "全年预算数", "project_current_full_year", project.funds.current.full_year;
    CurrentExecuted: SourceCurrent, Money, "全年执行数", "project_current_executed", project.funds.current.executed;
    CarriedInitial: SourceCarried, Money, "年初预算数", "project_carried_initial", project.funds.carried.initial;
    CarriedFullYear: SourceCarried, Money, "全年预算数", "project_carried_full_year", project.funds.carried.full_year;
    CarriedExecuted: SourceCarried, Money, "全年执行数", "project_carried_executed", project.funds.carried.executed;
    SpecialInitial: SourceSpecial, Money, "年初预算数", "project_special_initial", project.funds.special.initial;
    SpecialFullYear: SourceSpecial, Money, "全年预算数", "project_special_full_year", project.funds.special.full_year;
    SpecialExecuted: SourceSpecial, Money, "全年执行数", "project_special_executed", project.funds.special.executed;
    OwnInitial: SourceOwn, Money, "年初预算数", "project_own_initial", project.funds.own.initial;
    OwnFullYear: SourceOwn, Money, "全年预算数", "project_own_full_year", project.funds.own.full_year;
    OwnExecuted: SourceOwn, Money, "全年执行数", "project_own_executed", project.funds.own.executed;
    OtherInitial: SourceOther, Money, "年初预算数", "project_other_initial", project.funds.other.initial;
    OtherFullYear: SourceOther, Money, "全年预算数", "project_other_full_year", project.funds.other.full_year;
    OtherExecuted: SourceOther, Money, "全年执行数", "project_other_executed", project.funds.other.executed;

    GoalExpected: Goal, LongText, "预期目标", "project_goal_expected", project.goal.expected;
    GoalAchieved: Goal, LongText, "实际完成情况", "project_goal_achieved", project.goal.achieved;
}

/// The funds block's totals (年度资金总额) and the reason for a low rate, which a
/// project's table has too.
const SHARED_FUNDS: [Field; 5] =
    [Field::FundsInitial, Field::FundsFullYear, Field::FundsAdjusted, Field::FundsExecuted, Field::FundsReason];

/// A project's funds by source: (group, [年初预算数, 全年预算数, 全年执行数]), in the
/// order of [`SourceKey::ALL`].
pub const SOURCES: [(Group, [Field; 3]); 5] = [
    (Group::SourceCurrent, [Field::CurrentInitial, Field::CurrentFullYear, Field::CurrentExecuted]),
    (Group::SourceCarried, [Field::CarriedInitial, Field::CarriedFullYear, Field::CarriedExecuted]),
    (Group::SourceSpecial, [Field::SpecialInitial, Field::SpecialFullYear, Field::SpecialExecuted]),
    (Group::SourceOwn, [Field::OwnInitial, Field::OwnFullYear, Field::OwnExecuted]),
    (Group::SourceOther, [Field::OtherInitial, Field::OtherFullYear, Field::OtherExecuted]),
];

/// The group and fields of one source.
pub fn source(key: SourceKey) -> (Group, [Field; 3]) {
    SOURCES[SourceKey::ALL.iter().position(|k| *k == key).unwrap_or(0)]
}

/// Whether any of a source's figures is filled in.
pub fn source_filled(ev: &Evaluation, key: SourceKey) -> bool {
    source(key).1.iter().any(|f| f.amount(ev).is_some())
}

impl Field {
    /// Reads typed text as this field's value. Empty text clears the field.
    pub fn parse(self, text: &str) -> Result<FieldValue, InputError> {
        let t = text.trim();
        match self.kind() {
            FieldKind::Money if t.is_empty() => Ok(FieldValue::Money(None)),
            FieldKind::Money => Ok(FieldValue::Money(Some(t.parse::<Amount>()?))),
            FieldKind::Int if t.is_empty() => Ok(FieldValue::Int(None)),
            FieldKind::Int => {
                let v = parse_decimal(t)?;
                if !v.fract().is_zero() {
                    return Err(InputError::NotWhole);
                }
                i64::try_from(v).map(|i| FieldValue::Int(Some(i))).map_err(|_| NumberError::TooLarge.into())
            }
            FieldKind::Text if t.contains('\n') => Err(InputError::Newline),
            FieldKind::Text => Ok(FieldValue::Text(t.to_string())),
            FieldKind::LongText => Ok(FieldValue::Text(text.trim_end().to_string())),
            FieldKind::Date if t.is_empty() => Ok(FieldValue::Text(String::new())),
            FieldKind::Date => match Date::recognise(t) {
                Some(Ok(_)) => Ok(FieldValue::Text(t.to_string())),
                Some(Err(e)) => Err(e.into()),
                None => Err(InputError::NotADate(t.to_string())),
            },
        }
    }

    /// Whether an evaluation of `kind` has this field: the department's chapters are
    /// not a project's, and a project's header and sources are not the department's.
    pub fn belongs_to(self, kind: Kind) -> bool {
        match self.group().kind() {
            Some(k) => k == kind,
            None => kind == Kind::Department || SHARED_FUNDS.contains(&self),
        }
    }

    /// The amount of a money field (`None` when empty, or for a field of another kind).
    pub fn amount(self, ev: &Evaluation) -> Option<Amount> {
        match self.get(ev) {
            FieldValue::Money(a) => a,
            _ => None,
        }
    }

    /// The current value as text for a form.
    pub fn text(self, ev: &Evaluation) -> String {
        self.get(ev).to_text()
    }

    /// Looks a field up by its column name (the key in the store).
    pub fn from_column(column: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.column() == column)
    }

    /// `三公经费预算：合计` — label with its group, for messages.
    pub fn place(self) -> String {
        format!("{}：{}", self.group().title(), self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_field_round_trips_through_its_slot() {
        let mut ev = Evaluation::default();
        for &f in Field::ALL {
            let sample = match f.kind() {
                FieldKind::Money => "12.30",
                FieldKind::Int => "-2",
                FieldKind::Text | FieldKind::LongText => "文字",
                FieldKind::Date => "2025年3月15日",
            };
            let value = f.parse(sample).unwrap();
            assert!(f.set(&mut ev, value.clone()), "{f:?} refused a value of its own kind");
            assert_eq!(f.get(&ev), value, "{f:?}");
            assert_eq!(f.text(&ev), sample, "{f:?}");
        }
    }

    #[test]
    fn columns_are_unique_and_found_again() {
        let cols: HashSet<_> = Field::ALL.iter().map(|f| f.column()).collect();
        assert_eq!(cols.len(), Field::ALL.len());
        for &f in Field::ALL {
            assert_eq!(Field::from_column(f.column()), Some(f));
        }
    }

    #[test]
    fn refuses_bad_input_with_chinese_messages() {
        assert_eq!(Field::FundsExecuted.parse("12.3.4").unwrap_err().to_string(), "“12.3.4”不是数字：小数点多于一个");
        assert_eq!(Field::StaffCount.parse("3.5"), Err(InputError::NotWhole));
        assert!(Field::FundsExecuted.parse("abc").is_err());
        assert_eq!(Field::FundsExecuted.parse(""), Ok(FieldValue::Money(None)));
        assert_eq!(Field::Rank.parse("a\nb"), Err(InputError::Newline));
        assert!(!Field::Rank.set(&mut Evaluation::default(), FieldValue::Int(Some(1))));
        assert_eq!(
            Field::ProjectFiledOn.parse("2025-02-30").unwrap_err().to_string(),
            "日期“2025-02-30”无效：该月没有第 30 日"
        );
        assert!(matches!(Field::ProjectFiledOn.parse("三月"), Err(InputError::NotADate(_))));
        assert_eq!(Field::ProjectFiledOn.parse(" "), Ok(FieldValue::Text(String::new())));
    }

    #[test]
    fn each_kind_has_its_own_fields_and_both_have_the_totals() {
        use Kind::*;
        assert!(Field::FundsExecuted.belongs_to(Department) && Field::FundsExecuted.belongs_to(Project));
        assert!(Field::FundsGeneral.belongs_to(Department) && !Field::FundsGeneral.belongs_to(Project));
        assert!(!Field::Rank.belongs_to(Project) && !Field::AssetsTotal.belongs_to(Project));
        assert!(Field::ProjectSupervisor.belongs_to(Project) && !Field::ProjectSupervisor.belongs_to(Department));
        assert!(Field::GoalAchieved.belongs_to(Project) && !Field::CurrentExecuted.belongs_to(Department));
        for (group, fields) in SOURCES {
            assert_eq!(group.fields().collect::<Vec<_>>(), fields.to_vec());
        }
    }
}
