//! What a template prints: the indicator grid's columns in their order with their
//! headings, and the funds block's heading, columns and rows (see `docs/templates.md`).
//!
//! Layout is data, not code: the exports read it, so one evaluation under two templates
//! prints two different tables.

use serde::{Deserialize, Serialize};

/// A column of the indicator grid. The optional ones (指标性质 … 是否核心指标) are
/// fields of a row that only some provinces' tables have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKey {
    Level1,
    Level2,
    Name,
    /// 指标性质: ≥, ≤, = (Sichuan) or 定量/定性 (Chongqing).
    Nature,
    Target,
    /// 调整指标值 (Chongqing): the target after a mid-year adjustment.
    AdjustedTarget,
    /// 度量单位 / 计量单位.
    Unit,
    Actual,
    /// 评(扣)分标准.
    Criterion,
    /// 得分计算方法 (Beijing).
    Method,
    /// 得分系数 (Chongqing): score = 系数 × 权重.
    Coefficient,
    Weight,
    Score,
    /// 偏差原因分析及改进措施 / 未完成原因分析 / 扣分原因.
    Reason,
    /// 是否核心指标 (Chongqing).
    Core,
}

impl ColumnKey {
    pub const ALL: [ColumnKey; 15] = [
        ColumnKey::Level1,
        ColumnKey::Level2,
        ColumnKey::Name,
        ColumnKey::Nature,
        ColumnKey::Target,
        ColumnKey::AdjustedTarget,
        ColumnKey::Unit,
        ColumnKey::Actual,
        ColumnKey::Criterion,
        ColumnKey::Method,
        ColumnKey::Coefficient,
        ColumnKey::Weight,
        ColumnKey::Score,
        ColumnKey::Reason,
        ColumnKey::Core,
    ];

    /// The heading of the national form (or, for the optional columns, the usual one).
    pub fn heading(self) -> &'static str {
        match self {
            ColumnKey::Level1 => "一级指标",
            ColumnKey::Level2 => "二级指标",
            ColumnKey::Name => "三级指标",
            ColumnKey::Nature => "指标性质",
            ColumnKey::Target => "年度指标值",
            ColumnKey::AdjustedTarget => "调整指标值",
            ColumnKey::Unit => "度量单位",
            ColumnKey::Actual => "实际完成值",
            ColumnKey::Criterion => "评（扣）分标准",
            ColumnKey::Method => "得分计算方法",
            ColumnKey::Coefficient => "得分系数（%）",
            ColumnKey::Weight => "分值",
            ColumnKey::Score => "得分",
            ColumnKey::Reason => "偏差原因分析及改进措施",
            ColumnKey::Core => "是否核心指标",
        }
    }

    /// The key in the evaluation file.
    pub fn key(self) -> &'static str {
        match self {
            ColumnKey::Level1 => "level1",
            ColumnKey::Level2 => "level2",
            ColumnKey::Name => "name",
            ColumnKey::Nature => "nature",
            ColumnKey::Target => "target",
            ColumnKey::AdjustedTarget => "adjusted_target",
            ColumnKey::Unit => "unit",
            ColumnKey::Actual => "actual",
            ColumnKey::Criterion => "criterion",
            ColumnKey::Method => "method",
            ColumnKey::Coefficient => "coefficient",
            ColumnKey::Weight => "weight",
            ColumnKey::Score => "score",
            ColumnKey::Reason => "reason",
            ColumnKey::Core => "core",
        }
    }

    pub fn from_key(key: &str) -> Option<ColumnKey> {
        ColumnKey::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// A column every printed grid needs: without it the table says nothing.
    pub fn required(self) -> bool {
        matches!(self, ColumnKey::Name | ColumnKey::Score)
    }
}

/// A column (or row) as the template prints it: which one, under which heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled<K> {
    pub key: K,
    /// The heading printed; empty means the usual one.
    #[serde(default)]
    pub label: String,
}

/// What has a usual heading.
pub trait Heading: Copy {
    fn heading(self) -> &'static str;
}

impl<K: Heading> Labelled<K> {
    pub fn of(key: K) -> Labelled<K> {
        Labelled { key, label: key.heading().to_string() }
    }

    pub fn named(key: K, label: &str) -> Labelled<K> {
        Labelled { key, label: label.to_string() }
    }

    pub fn heading(&self) -> &str {
        if self.label.trim().is_empty() { self.key.heading() } else { self.label.trim() }
    }
}

/// A grid column.
pub type Column = Labelled<ColumnKey>;
/// A column of the funds block.
pub type FundsColumn = Labelled<FundsKey>;
/// A project's source row of the funds block.
pub type SourceRow = Labelled<SourceKey>;

/// Columns in order, from keys.
pub fn columns(keys: &[ColumnKey]) -> Vec<Column> {
    keys.iter().map(|k| Column::of(*k)).collect()
}

/// A column of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundsKey {
    /// 年初预算数.
    Initial,
    /// The budget the execution rate is measured against (the template's denominator):
    /// 全年预算数, 调整后预算数 or, where the rate is on the initial budget, 年初预算数.
    Budget,
    /// 全年执行数.
    Executed,
    /// 分值 of the funds row.
    Weight,
    /// 执行率.
    Rate,
    /// 得分.
    Score,
    /// 得分计算方法 (the funds row's, as text).
    Method,
    /// 原因: why the execution rate is low (Sichuan).
    Reason,
}

impl FundsKey {
    pub const ALL: [FundsKey; 8] = [
        FundsKey::Initial,
        FundsKey::Budget,
        FundsKey::Executed,
        FundsKey::Weight,
        FundsKey::Rate,
        FundsKey::Score,
        FundsKey::Method,
        FundsKey::Reason,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            FundsKey::Initial => "年初预算数",
            FundsKey::Budget => "全年预算数",
            FundsKey::Executed => "全年执行数",
            FundsKey::Weight => "分值",
            FundsKey::Rate => "执行率",
            FundsKey::Score => "得分",
            FundsKey::Method => "得分计算方法",
            FundsKey::Reason => "原因",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FundsKey::Initial => "initial",
            FundsKey::Budget => "budget",
            FundsKey::Executed => "executed",
            FundsKey::Weight => "weight",
            FundsKey::Rate => "rate",
            FundsKey::Score => "score",
            FundsKey::Method => "method",
            FundsKey::Reason => "reason",
        }
    }

    pub fn from_key(key: &str) -> Option<FundsKey> {
        FundsKey::ALL.into_iter().find(|k| k.key() == key.trim())
    }
}

/// A source of a project's funds (a row of its funds block under 年度资金总额).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKey {
    /// 当年财政拨款 (Sichuan: 财政资金).
    Current,
    /// 上年结转资金.
    Carried,
    /// 财政专户管理资金 (Sichuan).
    Special,
    /// 单位资金 (Sichuan).
    Own,
    /// 其他资金.
    Other,
}

impl SourceKey {
    pub const ALL: [SourceKey; 5] =
        [SourceKey::Current, SourceKey::Carried, SourceKey::Special, SourceKey::Own, SourceKey::Other];

    pub fn heading(self) -> &'static str {
        match self {
            SourceKey::Current => "当年财政拨款",
            SourceKey::Carried => "上年结转资金",
            SourceKey::Special => "财政专户管理资金",
            SourceKey::Own => "单位资金",
            SourceKey::Other => "其他资金",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SourceKey::Current => "current",
            SourceKey::Carried => "carried",
            SourceKey::Special => "special",
            SourceKey::Own => "own",
            SourceKey::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<SourceKey> {
        SourceKey::ALL.into_iter().find(|k| k.key() == key.trim())
    }
}

/// The funds block at the head of the 自评表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FundsLayout {
    /// The block's side heading; empty: 年度预算申请（万元） for a department, 项目资金（万元）
    /// for a project. `{分值}` is replaced by the funds row's weight.
    pub heading: String,
    /// The label of the totals row: 年度资金总额, 总额, 年度财政资金总额.
    pub total_label: String,
    /// Its columns in order.
    pub columns: Vec<FundsColumn>,
    /// A department's 全年预算 split by source (按收入性质分) and by nature (按支出性质分).
    pub split: bool,
    /// A project's rows by source, in order.
    pub sources: Vec<SourceRow>,
    /// The 得分计算方法 text of the funds row, where the template prints one.
    pub method: String,
}

impl Default for FundsLayout {
    fn default() -> FundsLayout {
        FundsLayout {
            heading: String::new(),
            total_label: "年度资金总额".into(),
            columns: [
                FundsKey::Initial,
                FundsKey::Budget,
                FundsKey::Executed,
                FundsKey::Weight,
                FundsKey::Rate,
                FundsKey::Score,
            ]
            .map(FundsColumn::of)
            .to_vec(),
            split: false,
            sources: [SourceKey::Current, SourceKey::Carried, SourceKey::Other].map(SourceRow::of).to_vec(),
            method: String::new(),
        }
    }
}

impl FundsLayout {
    pub fn has(&self, key: FundsKey) -> bool {
        self.columns.iter().any(|c| c.key == key)
    }

    pub fn has_source(&self, source: SourceKey) -> bool {
        self.sources.iter().any(|s| s.key == source)
    }

    /// The heading of a column, if the block prints it.
    pub fn heading_of(&self, key: FundsKey) -> Option<&str> {
        self.columns.iter().find(|c| c.key == key).map(FundsColumn::heading)
    }
}

impl Heading for ColumnKey {
    fn heading(self) -> &'static str {
        ColumnKey::heading(self)
    }
}

impl Heading for FundsKey {
    fn heading(self) -> &'static str {
        FundsKey::heading(self)
    }
}

impl Heading for SourceKey {
    fn heading(self) -> &'static str {
        SourceKey::heading(self)
    }
}
