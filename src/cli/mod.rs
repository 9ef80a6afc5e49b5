//! The command line. Each subcommand opens the store, calls the domain, prints.
//! Errors are typed and printed by `main` in plain Chinese words with a non-zero exit.

mod collect;
mod compare;
mod files;
mod new_year;
mod output;
mod review;
pub mod rule;
mod table;

use crate::domain::check::check_in_year;
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use crate::domain::score::score;
use crate::export::ExportError;
use crate::file::{FileError, from_toml};
use crate::import::ImportError;
use crate::store::{EvalId, Store, StoreError};
use clap::{Parser, Subcommand};
pub use collect::text as collect_text;
pub use files::{OutputFormat, write_new};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The seed report, stored by `jixiao demo`.
pub const DEMO_TOML: &str = include_str!("../../docs/examples/hengyang-2024.toml");

#[derive(Parser, Debug)]
#[command(name = "jixiao", version, about = "绩效：部门整体支出绩效自评的录入、评分、检查与比较")]
pub struct Cli {
    /// 数据库文件（默认：系统数据目录下的 jixiao/jixiao.db）
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

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("文件“{path}”有误：{error}")]
    File { path: PathBuf, error: FileError },
    #[error("无法读取“{0}”：{1}")]
    Read(PathBuf, std::io::Error),
    #[error("无法写入“{0}”：{1}")]
    Write(PathBuf, std::io::Error),
    #[error("找不到单位“{0}”：用 jixiao list 查看已有的单位和编号")]
    NoOrganisation(String),
    #[error("{0} 没有 {1} 年的自评：用 jixiao list 查看已有的年度")]
    NoYear(String, i32),
    #[error("{0} {1}年没有名为“{2}”的项目自评：用 jixiao list --org 单位 查看已有的项目")]
    NoProject(String, i32, String),
    #[error("{0}的自评已存在：加 --replace 覆盖")]
    Exists(String),
    #[error("“{0}”已存在：加 --force 覆盖")]
    OutputExists(PathBuf),
    #[error("找不到默认数据目录：请用 --db 指定数据库文件")]
    NoDataDir,
    #[error("无法识别文件类型“{0}”：可导入 .toml 或 .xlsx 文件")]
    UnknownFormat(PathBuf),
    #[error("无法导入“{0}”：请先在 Excel 或 WPS 中另存为 Excel 工作簿（.xlsx）再导入")]
    SaveAsXlsx(PathBuf),
    #[error("无法导入“{path}”：{error}")]
    Import { path: PathBuf, error: ImportError },
    #[error("无法导入“{0}”：自评表中没有预算部门（单位名称），请在表中填写“预算部门：单位名称”后再导入")]
    NoOrganisationName(PathBuf),
    #[error("无法从文件名“{0}”判断导出格式：请用 .toml、.xlsx、.docx、.md 或 .csv 作扩展名，或用 --format 指定")]
    UnknownOutputFormat(PathBuf),
    #[error("{0}")]
    Export(#[from] ExportError),
    #[error("{0}的自评已存在，未作修改")]
    YearExists(String),
    #[error("年度 {0} 不在 1990–2200 之间")]
    BadYear(i32),
    #[error("请指定至少两个不同的年度，如 --years 2024,2025")]
    TooFewYears,
    #[error("{0}")]
    Value(String),
}

pub type Result<T> = std::result::Result<T, CliError>;

/// The database path: `--db`, else the platform data directory.
pub fn db_path(db: Option<&Path>) -> Result<PathBuf> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => crate::store::default_path().ok_or(CliError::NoDataDir),
    }
}

/// Resolves an organisation given by name or by its id from `list` to (id, name).
fn resolve_org(store: &Store, org: &str) -> Result<(i64, String)> {
    let wanted = org.trim();
    let orgs = store.organisations()?;
    let by_name = orgs.iter().find(|(_, n)| n == wanted);
    let by_id = || wanted.parse::<i64>().ok().and_then(|id| orgs.iter().find(|(i, _)| *i == id));
    by_name.or_else(by_id).cloned().ok_or_else(|| CliError::NoOrganisation(wanted.to_string()))
}

/// Resolves `--org`, `--year` and `--project` to a stored evaluation.
fn resolve(store: &Store, which: &Which) -> Result<EvalId> {
    let (_, name) = resolve_org(store, &which.org)?;
    let project = which.project.as_deref().map(str::trim);
    store.find_in(&name, which.year, project)?.ok_or_else(|| match project {
        Some(p) => CliError::NoProject(name.clone(), which.year, p.to_string()),
        None => CliError::NoYear(name.clone(), which.year),
    })
}

/// The year's projects of a department's evaluation, for its report and its checks
/// (none for a project).
pub fn year_projects(store: &Store, ev: &Evaluation) -> Result<Vec<ProjectLine>> {
    if ev.is_project() {
        return Ok(Vec::new());
    }
    Ok(store.projects_of(&ev.organisation.name, ev.year)?.iter().map(|s| s.project_line()).collect())
}

fn print(text: &str) {
    // A closed pipe (`jixiao list | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// What an xlsx import could not read or took on trust, on stderr after the summary.
fn print_import_report(report: &[String]) {
    if report.is_empty() {
        return;
    }
    let _ = std::io::stdout().flush();
    eprintln!("导入说明（{} 条）：", report.len());
    for line in report {
        eprintln!("  - {line}");
    }
}

fn print_json(value: &serde_json::Value) {
    print(&format!("{}\n", serde_json::to_string_pretty(value).expect("JSON values always serialise")));
}

/// Stores the seed report unless it is already there.
pub fn store_demo(store: &mut Store) -> Result<(EvalId, bool)> {
    let ev = from_toml(DEMO_TOML).expect("the bundled demo file is valid (tests/seed.rs)");
    if let Some(id) = store.find(&ev.organisation.name, ev.year)? {
        return Ok((id, false));
    }
    Ok((store.create(&ev)?, true))
}

/// Runs a subcommand (the terminal UI is started by `main` when there is none).
pub fn run(db: &Path, command: Command) -> Result<()> {
    // Reading a criterion needs no database: none is opened (or created) for it.
    if let Command::Rule { criterion, weight, target, actual, year, json } = command {
        let args = rule::Args { criterion, weight, target, actual, year };
        if json {
            print_json(&rule::json(&args)?)
        } else {
            print(&rule::text(&args)?)
        }
        return Ok(());
    }
    let mut store = Store::open(db)?;
    match command {
        Command::Demo => {
            let (id, created) = store_demo(&mut store)?;
            // What is stored: an existing demo may have been edited since.
            let ev = store.load(id)?.evaluation;
            let sheet = score(&ev);
            let what = if created { "已载入示例" } else { "示例已存在，未作修改" };
            print(&format!(
                "{what}：{} {}年（总分 {}，{}）\n数据库：{}\n",
                ev.organisation.name,
                ev.year,
                sheet.show(sheet.total),
                sheet.grade.label(),
                db.display()
            ));
        }
        Command::Import { file, replace } => {
            let files::Imported { evaluation: ev, report } = files::read_evaluation(&file)?;
            let existing = store.find_of(&ev)?;
            if existing.is_some() && !replace {
                return Err(CliError::Exists(ev.label()));
            }
            let new_organisation = store.organisations()?.iter().all(|(_, n)| n != ev.organisation.name.trim());
            store.replace(&ev)?;
            let sheet = score(&ev);
            let what = if existing.is_some() { "已覆盖" } else { "已导入" };
            print(&format!("{what}：{}（总分 {}，{}）\n", ev.label(), sheet.show(sheet.total), sheet.grade.label()));
            if new_organisation && ev.is_project() {
                print(&format!("数据库中原无单位“{}”，已新建该单位\n", ev.organisation.name.trim()));
            }
            print_import_report(&report);
        }
        Command::Collect { dirs, replace } => print(&collect::run(&mut store, &dirs, replace)?),
        Command::Review { year, json, sort, filter, org, threshold, format, out, force } => {
            let args = review::Args { year, json, sort, filter, org, threshold, format, out, force };
            print(&review::run(&store, &args)?)
        }
        Command::Export { which, format, output, force } => {
            let ev = store.load(resolve(&store, &which)?)?.evaluation;
            let projects = year_projects(&store, &ev)?;
            let plan = files::plan(&ev, format, output)?;
            files::export_to(&ev, &projects, &plan, force)?;
        }
        Command::List { org, json } => {
            let mut rows = store.list()?;
            if let Some(org) = org {
                let (id, _) = resolve_org(&store, &org)?;
                rows.retain(|r| r.organisation_id == id);
            }
            if json { print_json(&output::list_json(&rows)) } else { print(&output::list_text(&rows)) }
        }
        Command::Score { which, json } => {
            let ev = store.load(resolve(&store, &which)?)?.evaluation;
            let sheet = score(&ev);
            if json { print_json(&output::score_json(&ev, &sheet)) } else { print(&output::score_text(&ev, &sheet)) }
        }
        Command::Check { which, json } => {
            let ev = store.load(resolve(&store, &which)?)?.evaluation;
            let findings = check_in_year(&ev, &score(&ev), &year_projects(&store, &ev)?);
            if json {
                print_json(&output::check_json(&ev, &findings))
            } else {
                print(&output::check_text(&ev, &findings))
            }
        }
        Command::Rule { .. } => {}
        Command::NewYear { org, from, year, project, all_projects } => {
            let which = match (project, all_projects) {
                (Some(p), _) => new_year::Drafts::Project(p),
                (None, true) => new_year::Drafts::WithProjects,
                (None, false) => new_year::Drafts::Department,
            };
            print(&new_year::new_year(&mut store, &org, from, year, &which)?)
        }
        Command::Compare { org, years, pairs, project, project_pairs, json } => {
            let subject = project.map(|name| (name, project_pairs));
            let c = compare::load_and_compare(&store, &org, &years, &pairs, subject.as_ref())?;
            if json { print_json(&compare::compare_json(&c)) } else { print(&compare::compare_text(&c)) }
        }
    }
    Ok(())
}
