//! The command line. Each subcommand opens the store, calls the domain, prints.
//! Errors are typed and printed by `main` in plain Chinese words with a non-zero exit.

mod compare;
mod output;
mod table;

use crate::domain::check::check;
use crate::domain::model::Evaluation;
use crate::domain::score::score;
use crate::file::{FileError, from_toml, to_toml};
use crate::store::{EvalId, Store, StoreError};
use clap::{Parser, Subcommand};
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
    /// 从 TOML 文件导入一份自评
    Import {
        file: PathBuf,
        /// 覆盖已存在的同单位同年度自评
        #[arg(long)]
        replace: bool,
    },
    /// 导出一份自评为 TOML 文件（不指定 -o 时输出到屏幕）
    Export {
        #[command(flatten)]
        which: Which,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 覆盖已存在的输出文件
        #[arg(long)]
        force: bool,
    },
    /// 列出所有自评：单位、年度、总分、等级
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
        #[arg(long)]
        json: bool,
    },
}

/// Which stored evaluation: organisation (name or id from `list`) and year.
#[derive(clap::Args, Debug)]
pub struct Which {
    /// 单位名称，或 jixiao list 中的编号
    #[arg(long)]
    pub org: String,
    /// 年度，如 2024
    #[arg(long)]
    pub year: i32,
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
    #[error("{0} {1}年的自评已存在：加 --replace 覆盖")]
    Exists(String, i32),
    #[error("“{0}”已存在：加 --force 覆盖")]
    OutputExists(PathBuf),
    #[error("找不到默认数据目录：请用 --db 指定数据库文件")]
    NoDataDir,
    #[error("无法识别文件类型“{0}”：可导入 .toml 文件")]
    UnknownFormat(PathBuf),
    #[error("{0} {1}年的自评已存在，未作修改")]
    YearExists(String, i32),
    #[error("年度 {0} 不在 1990–2200 之间")]
    BadYear(i32),
    #[error("请指定至少两个不同的年度，如 --years 2024,2025")]
    TooFewYears,
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

/// Resolves `--org` and `--year` to a stored evaluation.
fn resolve(store: &Store, which: &Which) -> Result<EvalId> {
    let (_, name) = resolve_org(store, &which.org)?;
    store.find(&name, which.year)?.ok_or(CliError::NoYear(name, which.year))
}

fn read_evaluation(path: &Path) -> Result<Evaluation> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext != "toml" {
        return Err(CliError::UnknownFormat(path.into()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| CliError::Read(path.into(), e))?;
    from_toml(&text).map_err(|error| CliError::File { path: path.into(), error })
}

/// Writes a file, refusing to overwrite unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(CliError::OutputExists(path.into()));
    }
    std::fs::write(path, bytes).map_err(|e| CliError::Write(path.into(), e))
}

fn print(text: &str) {
    // A closed pipe (`jixiao list | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
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
    let mut store = Store::open(db)?;
    match command {
        Command::Demo => {
            let (_, created) = store_demo(&mut store)?;
            let ev = from_toml(DEMO_TOML).expect("the bundled demo file is valid");
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
            let ev = read_evaluation(&file)?;
            let existing = store.find(&ev.organisation.name, ev.year)?;
            if existing.is_some() && !replace {
                return Err(CliError::Exists(ev.organisation.name, ev.year));
            }
            store.replace(&ev)?;
            let sheet = score(&ev);
            let what = if existing.is_some() { "已覆盖" } else { "已导入" };
            print(&format!(
                "{what}：{} {}年（总分 {}，{}）\n",
                ev.organisation.name,
                ev.year,
                sheet.show(sheet.total),
                sheet.grade.label()
            ));
        }
        Command::Export { which, output, force } => {
            let ev = store.load(resolve(&store, &which)?)?.evaluation;
            let text = to_toml(&ev);
            match output {
                Some(path) => {
                    write_new(&path, text.as_bytes(), force)?;
                    eprintln!("已导出：{}", path.display());
                }
                None => print(&text),
            }
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
            let findings = check(&ev, &score(&ev));
            if json {
                print_json(&output::check_json(&ev, &findings))
            } else {
                print(&output::check_text(&ev, &findings))
            }
        }
        Command::NewYear { org, from, year } => print(&compare::new_year(&mut store, &org, from, year)?),
        Command::Compare { org, years, pairs, json } => {
            let c = compare::load_and_compare(&store, &org, &years, &pairs)?;
            if json { print_json(&compare::compare_json(&c)) } else { print(&compare::compare_text(&c)) }
        }
    }
    Ok(())
}
