//! The presets: one per form of `docs/templates.md`, each named after its source.

use super::layout::{
    Column, ColumnKey as K, FundsColumn, FundsKey as F, FundsLayout, SourceKey as S, SourceRow, columns,
};
use super::{FundsDenominator, GradeBands, Rounding, Template};
use crate::domain::rule::{GradeLevel, Rule};
use rust_decimal::Decimal;

/// A preset: its key (in files and on the command line), its Chinese name and where it
/// comes from.
pub struct Preset {
    pub key: &'static str,
    pub name: &'static str,
    /// The published table it follows, in a few words (the full citation is in
    /// `docs/templates.md`).
    pub source: &'static str,
    pub build: fn() -> Template,
}

/// Every preset, the default (national) first.
pub const PRESETS: [Preset; 8] = [
    Preset {
        key: "national",
        name: "全国通用（财预〔2020〕10号）",
        source: "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件的项目支出绩效自评表",
        build: national,
    },
    Preset {
        key: "hunan-county",
        name: "湖南省县级部门整体支出",
        source: "衡阳县科技和工业信息化局2024年度部门整体支出绩效自评表（本项目的示例）",
        build: hunan_county,
    },
    Preset {
        key: "hubei",
        name: "湖北省市级项目支出（执行率20分）",
        source: "黄冈市水土保持与农田水利科研所2020年度水土保持监测项目绩效自评表",
        build: hubei,
    },
    Preset {
        key: "hebei",
        name: "河北省（整数计分）",
        source: "廊坊市食品工程学校2019年度项目支出绩效自评表（执行率86%计9分）",
        build: hebei,
    },
    Preset {
        key: "sichuan",
        name: "四川省（调整后预算数）",
        source: "青神县发展和改革局部门预算项目支出绩效自评表（2023年度，报表编号510000_0013zp）",
        build: sichuan,
    },
    Preset {
        key: "beijing",
        name: "北京市（得分计算方法）",
        source: "北京市海淀区学院路街道项目支出绩效自评表（2016年度）",
        build: beijing,
    },
    Preset {
        key: "chongqing",
        name: "重庆市部门整体（得分系数）",
        source: "西部（重庆）科学城融媒体中心部门整体绩效自评表（2021年度）",
        build: chongqing,
    },
    Preset {
        key: "framework",
        name: "部门整体支出绩效评价（投入·过程·产出·效果）",
        source: "岳阳市审计局2018年部门整体支出绩效评价评分表（附件3-1，参考样表）",
        build: framework,
    },
];

fn level(words: &[&str], percent: i64) -> GradeLevel {
    GradeLevel { words: words.iter().map(|w| w.to_string()).collect(), low: Decimal::new(percent, 2), high: None }
}

/// 显著 100 %, 良好 80 %, 一般 60 %, 较差 0 % with the synonyms people write.
pub fn scale_100_80_60_0() -> Vec<GradeLevel> {
    vec![
        level(&["显著", "明显", "突出", "优秀", "很好", "好", "满意", "达到", "达成"], 100),
        level(&["良好", "较好", "较明显", "较显著", "比较明显", "较满意", "基本达到"], 80),
        level(&["一般", "基本", "有一定效果", "部分达到"], 60),
        level(&["较差", "差", "不明显", "无", "未达到", "不满意"], 0),
    ]
}

/// The same words on the older 100–80–50–0 % scale.
pub fn scale_100_80_50_0() -> Vec<GradeLevel> {
    let mut scale = scale_100_80_60_0();
    scale[2].low = Decimal::new(50, 2);
    scale
}

const NATIONAL_GRID: [K; 8] = [K::Level1, K::Level2, K::Name, K::Target, K::Actual, K::Weight, K::Score, K::Reason];

/// 财预〔2020〕10号: 预算执行率 10, grades 90/80/60, two places, the project table's
/// columns and sources.
pub fn national() -> Template {
    Template {
        preset: "national".into(),
        name: PRESETS[0].name.into(),
        funds_weight: Decimal::TEN,
        funds_denominator: FundsDenominator::FullYear,
        funds_row: true,
        rounding: Rounding::TwoPlaces,
        qualitative: scale_100_80_60_0(),
        grades: GradeBands { excellent: Decimal::from(90), good: Decimal::from(80), pass: Decimal::from(60) },
        overachievement_flag_percent: Decimal::from(120),
        overachievement_penalty: None,
        execution_cap: Vec::new(),
        deviation_reason_below: Decimal::ONE_HUNDRED,
        execution_reason_below: None,
        default_rule: None,
        columns: columns(&NATIONAL_GRID),
        grid_heading: "绩效指标".into(),
        funds: FundsLayout::default(),
        total_label: "总分".into(),
        grade_line: true,
        note: String::new(),
    }
}

/// The seed's Hunan county form: the national skeleton with a 评(扣)分标准 column and
/// the funds block split by source and nature.
pub fn hunan_county() -> Template {
    let mut t = national();
    t.preset = "hunan-county".into();
    t.name = PRESETS[1].name.into();
    t.overachievement_flag_percent = Decimal::from(130);
    t.columns =
        columns(&[K::Level1, K::Level2, K::Name, K::Target, K::Actual, K::Criterion, K::Weight, K::Score, K::Reason]);
    t.funds.split = true;
    t
}

/// The Hubei note, as the tables print it (and as the import reads it back).
const HUBEI_NOTE: &str = "备注：1.预算执行情况口径：预算数为调整后财政资金，执行数为实际支出的财政资金。\n2.定量指标：正向指标（目标值为≥X）得分=权重×B/A，反向指标（目标值为≤X）得分=权重×A/B，得分不超过该指标权重。\n3.定性指标：达成年度指标、部分达成并具有一定效果、未达成且效果较差，分别按权重的100%–80%、80%–50%、50%–0%计分。";

/// Hubei's municipal 项目 table: 预算执行情况 worth 20, no per-row 分值 printed, the
/// 备注's 正向/反向 rule for new rows, qualitative 100–80–50–0 %.
pub fn hubei() -> Template {
    let mut t = national();
    t.preset = "hubei".into();
    t.name = PRESETS[2].name.into();
    t.funds_weight = Decimal::from(20);
    t.qualitative = scale_100_80_50_0();
    t.default_rule = Some(Rule::Directional);
    t.columns = vec![
        Column::of(K::Level1),
        Column::of(K::Level2),
        Column::of(K::Name),
        Column::named(K::Target, "年初目标值（A）"),
        Column::named(K::Actual, "实际完成值（B）"),
        Column::of(K::Score),
    ];
    t.grid_heading = "年度绩效目标（{指标分值}分）".into();
    t.funds = FundsLayout {
        heading: "预算执行情况（万元）（{分值}分）".into(),
        total_label: "年度财政资金总额".into(),
        columns: vec![
            FundsColumn::named(F::Budget, "预算数（A）"),
            FundsColumn::named(F::Executed, "执行数（B）"),
            FundsColumn::named(F::Rate, "执行率（B/A）"),
            FundsColumn::named(F::Score, "得分（{分值}分×执行率）"),
        ],
        split: false,
        sources: Vec::new(),
        method: String::new(),
    };
    t.note = HUBEI_NOTE.into();
    t
}

/// Hebei: the national form, item scores in whole points (a 86.2 % execution rate × 10
/// was filed as 9).
pub fn hebei() -> Template {
    let mut t = national();
    t.preset = "hebei".into();
    t.name = PRESETS[3].name.into();
    t.rounding = Rounding::Whole;
    t
}

const SICHUAN_NOTE: &str = "注：1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因；2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。";

/// Sichuan: 执行率 on 调整后预算数, a reason below 90 %, 指标性质 and 度量单位 as columns,
/// 权重 for 分值, four sources.
pub fn sichuan() -> Template {
    let mut t = national();
    t.preset = "sichuan".into();
    t.name = PRESETS[4].name.into();
    t.funds_denominator = FundsDenominator::Adjusted;
    t.execution_reason_below = Some(Decimal::from(90));
    t.columns = vec![
        Column::of(K::Level1),
        Column::of(K::Level2),
        Column::of(K::Name),
        Column::of(K::Nature),
        Column::named(K::Target, "指标值"),
        Column::of(K::Unit),
        Column::named(K::Actual, "完成值"),
        Column::named(K::Weight, "权重"),
        Column::of(K::Score),
        Column::named(K::Reason, "未完成原因分析"),
    ];
    t.grid_heading = "绩效指标（{指标分值}分）".into();
    t.funds = FundsLayout {
        heading: "预算执行情况（{分值}分）".into(),
        total_label: "总额".into(),
        columns: vec![
            FundsColumn::named(F::Initial, "年初预算"),
            FundsColumn::named(F::Budget, "调整后预算数"),
            FundsColumn::named(F::Executed, "预算执行数"),
            FundsColumn::named(F::Rate, "预算执行率"),
            FundsColumn::named(F::Weight, "权重"),
            FundsColumn::of(F::Score),
            FundsColumn::of(F::Reason),
        ],
        split: false,
        sources: vec![
            SourceRow::named(S::Current, "财政资金"),
            SourceRow::of(S::Special),
            SourceRow::of(S::Own),
            SourceRow::of(S::Other),
        ],
        method: String::new(),
    };
    t.total_label = "合计".into();
    t.grade_line = false;
    t.note = SICHUAN_NOTE.into();
    t
}

/// Beijing: 执行率 = 全年执行数 ÷ 年初预算数, a 得分计算方法 for the funds row and for
/// each indicator, 分值 before the target.
pub fn beijing() -> Template {
    let mut t = national();
    t.preset = "beijing".into();
    t.name = PRESETS[5].name.into();
    t.funds_denominator = FundsDenominator::Initial;
    t.columns = vec![
        Column::of(K::Level1),
        Column::of(K::Level2),
        Column::of(K::Name),
        Column::of(K::Weight),
        Column::named(K::Target, "年度指标值（A）"),
        Column::named(K::Actual, "全年实际值（B）"),
        Column::of(K::Method),
        Column::of(K::Score),
        Column::named(K::Reason, "未完成原因分析"),
    ];
    t.funds = FundsLayout {
        heading: "项目资金（万元）".into(),
        total_label: "年度资金总额".into(),
        columns: vec![
            FundsColumn::named(F::Budget, "年初预算数（A）"),
            FundsColumn::named(F::Executed, "全年执行数（B）"),
            FundsColumn::named(F::Weight, "分值（{分值}分）"),
            FundsColumn::named(F::Rate, "执行率（B/A）"),
            FundsColumn::of(F::Score),
            FundsColumn::of(F::Method),
        ],
        split: false,
        sources: vec![SourceRow::named(S::Current, "本年一般公共预算拨款"), SourceRow::of(S::Other)],
        method: "执行率×该指标分值，最高不得超过分值上限。".into(),
    };
    t
}

/// Chongqing's 部门整体 table: no 一级/二级 columns, 计量单位 and 指标性质 (定量/定性),
/// 年初 and 调整 targets, 得分系数 × 指标权重 = 指标得分, 是否核心指标.
pub fn chongqing() -> Template {
    let mut t = national();
    t.preset = "chongqing".into();
    t.name = PRESETS[6].name.into();
    t.columns = vec![
        Column::named(K::Name, "指标名称"),
        Column::named(K::Unit, "计量单位"),
        Column::of(K::Nature),
        Column::named(K::Target, "年初指标值"),
        Column::of(K::AdjustedTarget),
        Column::named(K::Actual, "全年完成值"),
        Column::of(K::Coefficient),
        Column::named(K::Weight, "指标权重（分）"),
        Column::named(K::Score, "指标得分（分）"),
        Column::of(K::Core),
    ];
    t.funds = FundsLayout {
        heading: "部门预算执行情况（万元）".into(),
        total_label: "部门预算".into(),
        columns: vec![
            FundsColumn::of(F::Initial),
            FundsColumn::named(F::Budget, "全年（调整）预算数"),
            FundsColumn::of(F::Executed),
            FundsColumn::named(F::Rate, "执行率（%）"),
            FundsColumn::named(F::Weight, "执行率权重"),
            FundsColumn::named(F::Score, "执行率得分（分）"),
        ],
        split: false,
        sources: Vec::new(),
        method: String::new(),
    };
    t.total_label = "自评总分".into();
    t
}

/// The older 部门整体 framework: 投入 / 过程 / 产出 / 效果, each row scored by its own
/// criterion; 预算执行 is one of the indicators, not a funds block.
pub fn framework() -> Template {
    let mut t = national();
    t.preset = "framework".into();
    t.name = PRESETS[7].name.into();
    t.funds_row = false;
    t.qualitative = scale_100_80_50_0();
    t.columns = vec![
        Column::of(K::Level1),
        Column::of(K::Level2),
        Column::of(K::Name),
        Column::named(K::Criterion, "评分标准"),
        Column::of(K::Weight),
        Column::named(K::Score, "自评得分"),
        Column::named(K::Reason, "扣分原因和其他说明"),
    ];
    t.grid_heading = "评价指标".into();
    t.funds.sources = Vec::new();
    t.funds.columns = Vec::new();
    t
}
