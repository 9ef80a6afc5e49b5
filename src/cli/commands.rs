//! The command line as clap reads it: the global `--db`, every subcommand with its
//! arguments (their help in Chinese), and which evaluation a command is about.

use super::{OutputFormat, compare};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "jixiao", version, about = "绩效：部门整体支出绩效自评的录入、评分、检查与比较")]
pub struct Cli {
    /// 数据库文件（也可用环境变量 JIXIAO_DB 指定；默认：系统数据目录下的 jixiao/jixiao.db）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 载入示例：衡阳县科技和工业信息化局 2024 年自评（重复运行不会重复载入）
    Demo,
    /// 导入一份自评：TOML 文件，或自评表工作簿（.xlsx，列出未能读取或推定的内容）
    Import {
        /// .toml 或 .xlsx 文件
        file: PathBuf,
        /// 覆盖已存在的同一份自评（同单位、同年度；项目自评还须同项目名称）
        #[arg(long)]
        replace: bool,
        /// 手工制作的自评表（没有 jixiao 数据）所用的评分模板：预设或本地模板名称（默认按表格样式判断）
        #[arg(long, value_name = "模板")]
        template: Option<String>,
    },
    /// 收集文件夹中各单位报送的自评（jixiao 工作簿、自评表工作簿、.toml、jixiao 数据库），逐个文件报告结果
    Collect {
        /// 文件夹或文件（可多个）
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// 以文件覆盖收集后在本地修改过的自评
        #[arg(long)]
        replace: bool,
    },
    /// 复核一个年度的全部自评：填报总分与规则总分、等级、错误警告、不符规则的行、缺偏差原因、执行率，及全县汇总
    Review {
        /// 年度（默认为最近的年度）
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
        /// 排序：difference（差额，默认）、filed、rule、findings、rate、organisation
        #[arg(long, value_name = "ORDER")]
        sort: Option<String>,
        /// 只列出：above-rule（填报高于规则）、rule-break、error、warning、missing-reason、low-rate
        #[arg(long, value_name = "KIND")]
        filter: Option<String>,
        /// 只列出单位或项目名称含此文字的
        #[arg(long)]
        org: Option<String>,
        /// 执行率门槛（百分数，默认 90）
        #[arg(long, value_name = "PERCENT")]
        threshold: Option<String>,
        /// 导出复核工作簿（xlsx）或复核报告（docx）
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// 导出文件（默认：年度绩效自评复核.xlsx/.docx）
        #[arg(long, value_name = "PATH", requires = "format")]
        out: Option<PathBuf>,
        /// 覆盖已存在的导出文件
        #[arg(long)]
        force: bool,
    },
    /// 导出一份自评：TOML、自评表（xlsx）、自评报告（docx、md）或指标评分（csv）
    Export {
        #[command(flatten)]
        which: Which,
        /// 格式：toml、xlsx、docx、md、csv（默认按 -o 的扩展名，否则为 toml）
        #[arg(long, value_name = "FORMAT", value_parser = OutputFormat::parse)]
        format: Option<OutputFormat>,
        /// 输出文件。不指定时 toml、md 输出到屏幕，xlsx、docx、csv 以默认文件名写入当前目录
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 覆盖已存在的输出文件
        #[arg(long)]
        force: bool,
    },
    /// 列出所有自评：单位、年度、类型（部门整体或项目）、项目名称、总分、等级
    List {
        /// 只列出此单位（名称或编号）
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 显示评分表：每项得分、规则得分、说明，总分与等级
    Score {
        #[command(flatten)]
        which: Which,
        #[arg(long)]
        json: bool,
    },
    /// 显示检查结果：错误、警告、提示
    Check {
        #[command(flatten)]
        which: Which,
        #[arg(long)]
        json: bool,
    },
    /// 由上一年度自评生成新年度草稿：带入单位信息、指标与目标值，完成值和各项数据留空
    NewYear {
        /// 单位名称，或 jixiao list 中的编号
        #[arg(long)]
        org: String,
        /// 来源年度，如 2024
        #[arg(long, value_name = "YEAR")]
        from: i32,
        /// 新年度（默认为来源年度的下一年）
        #[arg(long)]
        year: Option<i32>,
        /// 只生成这一个项目的新年度自评（不写为部门整体自评）
        #[arg(long, value_name = "项目名称", conflicts_with = "all_projects")]
        project: Option<String>,
        /// 同时生成该单位来源年度所有项目的新年度自评
        #[arg(long)]
        all_projects: bool,
        /// 新年度改用的评分模板：预设或本地模板名称（默认沿用上年的）
        #[arg(long, value_name = "模板")]
        template: Option<String>,
    },
    /// 列出评分模板：内置的各省预设（及其出处）和本地保存的模板
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// 一份自评的评分模板：查看、修改（修改后立即重新计分并保存）、另存为本地模板
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// 提交（锁定）一份自评：此后在界面和命令行中都只读，修改须先解锁
    Lock {
        #[command(flatten)]
        which: Which,
    },
    /// 解锁已提交的自评：须写明原因，原因、时间和用户记入修改记录
    Unlock {
        #[command(flatten)]
        which: Which,
        /// 解锁的原因（必填）
        #[arg(long, value_name = "原因")]
        reason: String,
    },
    /// 修改记录：每次保存的时间、用户、位置、原值和新值
    History {
        #[command(flatten)]
        which: Which,
        #[arg(long)]
        json: bool,
    },
    /// 备份数据库（他人正在使用时也可以）：不指定文件时写入数据库所在目录的 backups/
    Backup {
        /// 备份文件（不能已存在）
        path: Option<PathBuf>,
    },
    /// 由备份恢复数据库：先检查备份文件，再把现有数据库另存到 backups/ 后替换
    Restore {
        /// 备份文件
        path: PathBuf,
    },
    /// 从评分标准读出评分规则：读出的规则、各参数出自原文何处、按此规则的得分和评分文件的写法
    Rule {
        /// 评分标准原文，如 "完成120家得3分，每少一家扣0.05分"
        criterion: String,
        /// 分值，如 3
        #[arg(long)]
        weight: Option<String>,
        /// 年度指标值，如 120家
        #[arg(long)]
        target: Option<String>,
        /// 实际完成值：给出时显示按读出的规则得几分
        #[arg(long)]
        actual: Option<String>,
        /// 自评年度：“9月前”“年底前”等不写年份的期限按此年计
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 比较同一单位的两个或多个年度：总分、等级、各项指标、预算情况及其变化
    Compare {
        /// 单位名称，或 jixiao list 中的编号
        #[arg(long)]
        org: String,
        /// 年度，用逗号分隔，如 2024,2025
        #[arg(long, value_delimiter = ',', required = true)]
        years: Vec<i32>,
        /// 手工配对改名的指标：年度:原名=新名（可重复）
        #[arg(long = "pair", value_name = "年度:原名=新名", value_parser = compare::parse_pairing)]
        pairs: Vec<crate::domain::compare::Pairing>,
        /// 比较这个项目（按项目名称跨年度对应），不写为部门整体自评
        #[arg(long, value_name = "项目名称")]
        project: Option<String>,
        /// 手工配对改名的项目：年度:原项目名=新项目名（可重复）
        #[arg(long = "pair-project", value_name = "年度:原名=新名", value_parser = compare::parse_pairing, requires = "project")]
        project_pairs: Vec<crate::domain::compare::Pairing>,
        #[arg(long)]
        json: bool,
    },
}

/// Which stored evaluation: organisation (name or id from `list`), year, and the
/// project (none: the department's own evaluation).
#[derive(Subcommand, Debug)]
pub enum TemplateAction {
    /// 显示各项设置（键、名称、值）
    Show {
        #[command(flatten)]
        which: Which,
    },
    /// 修改设置：键=值，写法同评分文件的 [template]，如 funds_weight=20 rounding=whole
    Set {
        #[command(flatten)]
        which: Which,
        /// 一项或多项 键=值
        #[arg(required = true, value_name = "键=值")]
        assignments: Vec<String>,
    },
    /// 把这份自评的评分模板以一个名称保存为本地模板，供新建自评选用
    Save {
        #[command(flatten)]
        which: Which,
        /// 本地模板的名称
        #[arg(long)]
        name: String,
    },
    /// 删除一个本地模板
    Delete {
        /// 本地模板的名称
        name: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct Which {
    /// 单位名称，或 jixiao list 中的编号
    #[arg(long)]
    pub org: String,
    /// 年度，如 2024
    #[arg(long)]
    pub year: i32,
    /// 项目名称：该单位该年度的项目自评（不写为部门整体自评）
    #[arg(long, value_name = "项目名称")]
    pub project: Option<String>,
}
