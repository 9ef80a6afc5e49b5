//! The command line. Each subcommand opens the store, calls the domain, prints.
//! Errors are typed and printed by `main` in plain Chinese words with a non-zero exit.

pub mod args;
mod collect;
mod commands;
mod compare;
mod files;
mod new_year;
mod output;
mod review;
pub mod rule;
mod table;
pub mod template;
mod trust;

use crate::domain::check::check_in_year;
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use crate::domain::score::score;
use crate::domain::text::excerpt;
use crate::export::ExportError;
use crate::file::{FileError, from_toml};
use crate::import::ImportError;
use crate::store::{EvalId, Store, StoreError};
pub use collect::text as collect_text;
pub use commands::{Cli, Command, TemplateAction, Which};
pub use files::{OutputFormat, write_new};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The seed report, stored by `jixiao demo`.
pub const DEMO_TOML: &str = include_str!("../../docs/examples/hengyang-2024.toml");

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("文件“{path}”有误：{error}")]
    File { path: PathBuf, error: FileError },
    #[error("无法读取“{}”：{}", .0.display(), crate::store::io_message(.1))]
    Read(PathBuf, std::io::Error),
    #[error("无法写入“{}”：{}", .0.display(), crate::store::io_message(.1))]
    Write(PathBuf, std::io::Error),
    // Names typed or read from a file are quoted short: a 300 000-character one is not echoed.
    #[error("找不到单位“{}”：用 jixiao list 查看已有的单位和编号", excerpt(.0))]
    NoOrganisation(String),
    #[error("{} 没有 {} 年的自评：用 jixiao list 查看已有的年度", excerpt(.0), .1)]
    NoYear(String, i32),
    #[error("{} {}年没有名为“{}”的项目自评：用 jixiao list --org 单位 查看已有的项目", excerpt(.0), .1, excerpt(.2))]
    NoProject(String, i32, String),
    #[error("{}的自评已存在：加 --replace 覆盖", excerpt(.0))]
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

/// The environment variable that chooses the database as `--db` does.
pub const DB_VAR: &str = "JIXIAO_DB";

/// The database path: `--db`, else `JIXIAO_DB`, else the platform data directory.
pub fn db_path(db: Option<&Path>) -> Result<PathBuf> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => match std::env::var_os(DB_VAR).filter(|v| !v.is_empty()) {
            Some(p) => Ok(PathBuf::from(p)),
            None => crate::store::default_path().ok_or(CliError::NoDataDir),
        },
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

/// Writes to stdout, with any control character in the text (a name from a crafted
/// file, stored by an older release) escaped, so that nothing printed can drive the
/// terminal.
fn print(text: &str) {
    // A closed pipe (`jixiao list | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(crate::domain::text::escape_controls(text).as_bytes());
}

/// What an xlsx import could not read or took on trust, on stderr after the summary.
fn print_import_report(report: &[String]) {
    if report.is_empty() {
        return;
    }
    let _ = std::io::stdout().flush();
    eprintln!("导入说明（{} 条）：", report.len());
    for line in report {
        eprintln!("  - {}", crate::domain::text::escape_controls(line));
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
    let ids = store.create_as(std::slice::from_ref(&ev), crate::store::ChangeKind::Create, "jixiao demo")?;
    Ok((ids[0], true))
}

/// Whether a command may create the database: those that store something from outside
/// (`demo`, `import`, `collect`, `restore`). Every other command, on a path where there is no
/// database, says so and creates nothing: a mistyped path must not look like an empty
/// database.
fn creates_database(command: &Command) -> bool {
    matches!(command, Command::Demo | Command::Import { .. } | Command::Collect { .. } | Command::Restore { .. })
}

/// Opens the database for a command: creating it only for those that store something
/// (and saying so), and naming the backup taken if an older schema was upgraded.
fn open_for(db: &Path, command: &Command) -> Result<Store> {
    let store = if creates_database(command) { Store::open(db)? } else { Store::open_existing(db)? };
    if store.created() {
        eprintln!("已新建数据库：{}", db.display());
    }
    if let Some(backup) = store.migrated_from() {
        eprintln!("数据库已升级到本版本的结构；升级前的备份：{}", backup.display());
    }
    Ok(store)
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
    let mut store = open_for(db, &command)?;
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
        Command::Import { file, replace, template } => {
            let template = template.map(|t| template::named(&store, &t)).transpose()?;
            let files::Imported { evaluation: ev, report } = files::read_evaluation(&file, template)?;
            let existing = store.find_of(&ev)?;
            match existing {
                Some(_) if !replace => return Err(CliError::Exists(ev.label())),
                Some(id) => {
                    store.editable(id)?;
                    let backup = store.backup_auto(crate::store::backup::Reason::BeforeImport)?;
                    eprintln!("覆盖前已备份数据库：{}", backup.display());
                }
                None => {}
            }
            let new_organisation = store.organisations()?.iter().all(|(_, n)| n != ev.organisation.name.trim());
            store.replace_from(&ev, &file.display().to_string())?;
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
        Command::NewYear { org, from, year, project, all_projects, template } => {
            let which = match (project, all_projects) {
                (Some(p), _) => new_year::Drafts::Project(p),
                (None, true) => new_year::Drafts::WithProjects,
                (None, false) => new_year::Drafts::Department,
            };
            let template = template.map(|t| template::named(&store, &t)).transpose()?;
            print(&new_year::new_year(&mut store, &org, from, year, &which, template.as_ref())?)
        }
        Command::Templates { json } => {
            let saved = store.saved_templates()?;
            if json { print_json(&template::list_json(&saved)) } else { print(&template::list_text(&saved)) }
        }
        Command::Template { action } => match action {
            TemplateAction::Show { which } => {
                print(&template::show_text(&store.load(resolve(&store, &which)?)?.evaluation.template))
            }
            TemplateAction::Set { which, assignments } => print(&template::set(&mut store, &which, &assignments)?),
            TemplateAction::Save { which, name } => print(&template::save(&mut store, &which, &name)?),
            TemplateAction::Delete { name } => {
                if !store.delete_template(&name)? {
                    return Err(CliError::Value(format!("没有名为“{name}”的本地模板")));
                }
                print(&format!("已删除本地模板“{name}”\n"));
            }
        },
        Command::Lock { which } => {
            let id = resolve(&store, &which)?;
            print(&trust::lock(&mut store, id)?)
        }
        Command::Unlock { which, reason } => {
            let id = resolve(&store, &which)?;
            print(&trust::unlock(&mut store, id, &reason)?)
        }
        Command::History { which, json } => {
            let id = resolve(&store, &which)?;
            let ev = store.load(id)?.evaluation;
            let records = store.changes(id)?;
            if json {
                print_json(&trust::history_json(&ev, &records))
            } else {
                print(&trust::history_text(&ev, &records))
            }
        }
        Command::Backup { path } => print(&trust::backup(&store, path.as_deref())?),
        Command::Restore { path } => print(&trust::restore(&mut store, &path)?),
        Command::Compare { org, years, pairs, project, project_pairs, json } => {
            let subject = project.map(|name| (name, project_pairs));
            let c = compare::load_and_compare(&store, &org, &years, &pairs, subject.as_ref())?;
            if json { print_json(&compare::compare_json(&c)) } else { print(&compare::compare_text(&c)) }
        }
    }
    Ok(())
}
