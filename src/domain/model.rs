//! The evaluation: everything one organisation files for one year (see
//! `docs/file-format.md`), either for its whole budget (部门整体) or for one project (项目).
//! Plain data; scoring and checks read it.

use super::money::Amount;
pub use super::narrative::{Narrative, Section};
use super::nature::Nature;
use super::project::{Kind, Project};
use super::rule::Rule;
use super::serde_decimal as dec;
use super::template::Template;
use super::value::{Value, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// 一份绩效自评: the department's whole budget (部门整体), or one of its projects (项目).
///
/// A project evaluation uses `organisation.name` (the department it is filed under),
/// `project`, `funds` (年度资金总额), `indicators` and `narrative`; the department's
/// chapters (the rest of `organisation`, `budget`, `special_funds`, `assets`, the funds
/// block by source and nature) stay empty. A department's `project` stays empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    pub kind: Kind,
    pub organisation: Organisation,
    pub year: i32,
    pub template: Template,
    /// The project's identity and header (项目名称, 主管部门 …), its funds by source and
    /// its 年度总体目标.
    pub project: Project,
    pub budget: Budget,
    /// 专项资金: one row per fund.
    pub special_funds: Vec<SpecialFund>,
    pub assets: Assets,
    /// The funds block of the 自评表 (年度资金总额 …).
    pub funds: FundsBlock,
    /// The indicator grid (绩效指标), in table order.
    pub indicators: Vec<Indicator>,
    pub narrative: Narrative,
}

/// 单位基本情况.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Organisation {
    pub name: String,
    /// 单位性质/级别, e.g. 正科级行政事业单位.
    pub rank: String,
    /// 内设股室.
    pub internal_units: Vec<String>,
    /// 年末实有人数.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_count: Option<i64>,
    /// 比上年增减 (negative = fewer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_change: Option<i64>,
    /// 所属事业单位.
    pub subordinate_units: Vec<String>,
    /// 主要职责.
    pub responsibilities: String,
}

/// 年初预算.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InitialBudget {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Amount>,
    /// 其中：一般公共财政拨款.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_general: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expenditure: Option<Amount>,
    /// 基本支出.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic: Option<Amount>,
    /// 项目支出.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Amount>,
}

/// 决算.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FinalAccounts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expenditure: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Amount>,
    /// 年末结转.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carry_forward: Option<Amount>,
    /// 差异产生的主要原因.
    pub difference_reason: String,
}

/// 三公经费: one of budget or actual.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sangong {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// 因公出国(境)费.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abroad: Option<Amount>,
    /// 公务用车购置及运行维护费.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle: Option<Amount>,
    /// 公务接待费.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reception: Option<Amount>,
}

/// 政府采购.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Procurement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// 货物.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods: Option<Amount>,
    /// 工程.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub works: Option<Amount>,
    /// 服务.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Amount>,
}

/// 预算支出情况.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Budget {
    pub initial: InitialBudget,
    pub final_accounts: FinalAccounts,
    pub sangong_budget: Sangong,
    pub sangong_actual: Sangong,
    pub procurement: Procurement,
}

/// 专项资金.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpecialFund {
    pub name: String,
    /// 预算投入.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budgeted: Option<Amount>,
    /// 实际投入.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invested: Option<Amount>,
    /// 实际使用.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used: Option<Amount>,
    /// 结余.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<Amount>,
}

/// 资产管理.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Assets {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liabilities: Option<Amount>,
    /// 净资产.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<Amount>,
    /// 固定资产账面原值.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_original: Option<Amount>,
    /// 在用资产.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_in_use: Option<Amount>,
}

/// The funds block at the head of the 自评表.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FundsBlock {
    /// 年初预算数.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial: Option<Amount>,
    /// 全年预算数.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_year: Option<Amount>,
    /// 调整后预算数 (templates measuring 执行率 against it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Amount>,
    /// 全年执行数.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Amount>,
    /// 按收入性质：一般公共预算.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub general: Option<Amount>,
    /// 政府性基金拨款.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gov_fund: Option<Amount>,
    /// 纳入专户管理的非税收入.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special_account: Option<Amount>,
    /// 其他资金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Amount>,
    /// 按支出性质：基本支出.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic: Option<Amount>,
    /// 项目支出.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Amount>,
    /// Why the execution rate is low (the 原因 of Sichuan's funds block).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// A target or actual: the text as typed, with the value parsed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    text: String,
    value: Value,
}

impl Typed {
    pub fn new(text: &str) -> Result<Typed, ValueError> {
        Ok(Typed { value: Value::parse(text)?, text: text.trim().to_string() })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl Default for Typed {
    fn default() -> Typed {
        Typed { text: String::new(), value: Value::Empty }
    }
}

impl Serialize for Typed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Typed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Typed, D::Error> {
        let text = dec::exact_text(d)?;
        Typed::new(&text).map_err(serde::de::Error::custom)
    }
}

/// A score typed by hand: a deliberate override, or a published score that follows no rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnteredScore {
    #[serde(with = "dec")]
    pub score: Decimal,
    /// Required: why the score is what it is.
    pub reason: String,
}

/// One row of the indicator grid (one 三级指标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标: 产出指标, 效益指标, 满意度指标, 成本指标 (absent from a table without
    /// the column, such as Chongqing's).
    #[serde(default)]
    pub level1: String,
    /// 二级指标: 数量指标, 质量指标 …
    #[serde(default)]
    pub level2: String,
    /// 三级指标: the indicator's name.
    pub name: String,
    /// 年度指标值.
    #[serde(default)]
    pub target: Typed,
    /// 实际完成值.
    #[serde(default)]
    pub actual: Typed,
    /// 分值.
    #[serde(with = "dec")]
    pub weight: Decimal,
    /// 评(扣)分标准, as written.
    #[serde(default)]
    pub criterion: String,
    pub rule: Rule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<EnteredScore>,
    /// 偏差原因分析及改进措施.
    #[serde(default)]
    pub deviation_reason: String,
    /// 指标性质 (≥, ≤, =; 定量, 定性), where the template has the column: gives a target
    /// written without an operator its direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<Nature>,
    /// 度量单位 (计量单位): the unit of a target and actual written without one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// 调整指标值: when filled, the target the row is scored against.
    #[serde(default, skip_serializing_if = "Typed::is_empty")]
    pub adjusted_target: Typed,
    /// 得分计算方法, as written (read like the criterion when that is empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// 得分系数 in per cent: the row's score is 系数 × 分值.
    #[serde(default, with = "dec::option", skip_serializing_if = "Option::is_none")]
    pub coefficient: Option<Decimal>,
    /// 是否核心指标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core: Option<bool>,
}

impl Default for Indicator {
    fn default() -> Indicator {
        Indicator {
            level1: String::new(),
            level2: String::new(),
            name: String::new(),
            target: Typed::default(),
            actual: Typed::default(),
            weight: Decimal::ZERO,
            criterion: String::new(),
            rule: Rule::Manual,
            entered: None,
            deviation_reason: String::new(),
            nature: None,
            unit: String::new(),
            adjusted_target: Typed::default(),
            method: String::new(),
            coefficient: None,
            core: None,
        }
    }
}

impl Indicator {
    /// The target the row is scored against: the adjusted one when there is one, with
    /// the row's 指标性质 and 度量单位 added where the target itself has none.
    pub fn scored_target(&self) -> Value {
        let base = if self.adjusted_target.is_empty() { &self.target } else { &self.adjusted_target };
        super::nature::completed(base.value(), self.nature, super::nature::unit_of(&self.unit).as_ref())
    }

    /// The actual, with the row's 度量单位 where it has none.
    pub fn scored_actual(&self) -> Value {
        super::nature::completed(self.actual.value(), None, super::nature::unit_of(&self.unit).as_ref())
    }

    /// The text that states how the row is scored: its criterion, else its 得分计算方法.
    pub fn criterion_text(&self) -> &str {
        if self.criterion.trim().is_empty() { &self.method } else { &self.criterion }
    }
}

impl Evaluation {
    pub fn is_project(&self) -> bool {
        self.kind == Kind::Project
    }

    /// Who and what, for messages: `衡阳县科技和工业信息化局 2024年` or, for a project,
    /// `衡阳县科技和工业信息化局 2024年 项目“科技项目资金”`.
    pub fn label(&self) -> String {
        let base = format!("{} {}年", self.organisation.name.trim(), self.year);
        match self.kind {
            Kind::Department => base,
            Kind::Project => format!("{base} 项目“{}”", self.project.name.trim()),
        }
    }

    /// The short title of what is evaluated: the organisation, or the project's name.
    pub fn subject(&self) -> &str {
        match self.kind {
            Kind::Department => self.organisation.name.trim(),
            Kind::Project => self.project.name.trim(),
        }
    }
}

impl FundsBlock {
    /// The denominator of 执行率 under a template.
    pub fn rate_base(&self, denominator: super::template::FundsDenominator) -> Option<&Amount> {
        match denominator {
            super::template::FundsDenominator::FullYear => self.full_year.as_ref(),
            super::template::FundsDenominator::Adjusted => self.adjusted.as_ref(),
            super::template::FundsDenominator::Initial => self.initial.as_ref(),
        }
    }
}
