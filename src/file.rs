//! The evaluation file: one whole evaluation as TOML (see `docs/file-format.md`).
//!
//! Import refuses a malformed file with the line and what is wrong, before anything is
//! written anywhere; export writes every field, so import ∘ export is the identity.
//!
//! A file without `kind` (or with `kind = "department"`) is a department's evaluation;
//! `kind = "project"` is a project's, read by its own shape (`ProjectFile`), so that a
//! chapter of one kind in a file of the other is refused at its line.

use crate::domain::field::Field;
use crate::domain::model::{Assets, Budget, Evaluation, FundsBlock, Indicator, Narrative, Organisation, SpecialFund};
use crate::domain::money::Amount;
use crate::domain::project::{Kind, Project};
use crate::domain::template::{Template, TemplateRepr};
use serde::{Deserialize, Serialize};

/// The newest format this release reads; a newer file is refused rather than half-read.
/// Department files are written as format 1 (what every release reads), project files
/// as format 2 (so a release that predates projects says to upgrade, not what it
/// misunderstood).
pub const FORMAT: u32 = 2;

/// The format version written for an evaluation of `kind`.
fn format_of(kind: Kind) -> u32 {
    match kind {
        Kind::Department => 1,
        Kind::Project => 2,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("第 {line} 行第 {column} 列：{message}")]
    At { line: usize, column: usize, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error("文件格式版本为 {0}，本程序只能读取版本 {FORMAT}：请升级 jixiao")]
    NewerFormat(u32),
}

/// The `[template]` table, with where it is in the file (to name the line of a
/// preset that does not exist).
type TemplateSpec = toml::Spanned<TemplateRepr>;

/// The template of a file, or the line that names an unknown preset (or a bad setting).
fn resolve_template(spec: TemplateSpec, text: &str) -> Result<Template, FileError> {
    let span = spec.span();
    let repr = spec.into_inner();
    let preset = repr.preset.clone();
    repr.resolve().map_err(|message| {
        // The `preset = …` line inside the table, else the table itself.
        let at = text[span.start.min(text.len())..]
            .find("preset")
            .filter(|_| message.contains(&format!("\"{preset}\"")))
            .map_or(span.start, |i| span.start + i);
        let (line, column) = line_col(text, at);
        FileError::At { line, column, message: format!("[template] {message}") }
    })
}

/// The file's kind, read before the rest (any other key is ignored here).
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    kind: Kind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: u32,
    #[serde(default)]
    #[allow(dead_code)] // read by `Head`; allowed here so that it is not an unknown field
    kind: Kind,
    year: i32,
    organisation: Organisation,
    template: TemplateSpec,
    #[serde(default)]
    budget: Budget,
    #[serde(default)]
    special_funds: Vec<SpecialFund>,
    #[serde(default)]
    assets: Assets,
    #[serde(default)]
    funds: FundsBlock,
    #[serde(default)]
    indicators: Vec<Indicator>,
    #[serde(default)]
    narrative: Narrative,
}

/// A project's file: the organisation by name only, the project's header, the funds
/// block's totals, the grid and the project's narrative sections.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectIn {
    format: u32,
    #[allow(dead_code)] // read by `Head`
    kind: Kind,
    year: i32,
    organisation: OrganisationName,
    project: Project,
    template: TemplateSpec,
    #[serde(default)]
    funds: Totals,
    #[serde(default)]
    indicators: Vec<Indicator>,
    #[serde(default)]
    narrative: ProjectNarrative,
}

/// The department a project is filed under.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationName {
    name: String,
}

/// 年度资金总额: the funds block without its department split.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Totals {
    #[serde(skip_serializing_if = "Option::is_none")]
    initial: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_year: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adjusted: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    executed: Option<Amount>,
    /// Why the execution rate is low.
    #[serde(skip_serializing_if = "String::is_empty")]
    reason: String,
}

/// A project's narrative: the department's sections but 项目绩效目标完成情况.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ProjectNarrative {
    conclusion: String,
    analysis: String,
    problems: String,
    improvements: String,
    other: String,
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    format: u32,
    kind: Kind,
    year: i32,
    organisation: OrganisationName,
    project: &'a Project,
    template: &'a Template,
    funds: Totals,
    indicators: &'a [Indicator],
    narrative: ProjectNarrative,
}

/// Keys of a department's file that a project's file may not have, wherever they are.
const DEPARTMENT_ONLY: [&str; 16] = [
    "budget",
    "special_funds",
    "assets",
    "rank",
    "internal_units",
    "staff_count",
    "staff_change",
    "subordinate_units",
    "responsibilities",
    "general",
    "gov_fund",
    "special_account",
    "other",
    "basic",
    "project",
    "project_performance",
];

/// The Chinese message for a key of the other kind (toml names it `unknown field`).
fn other_kind(kind: Kind, message: &str) -> Option<String> {
    let key = message.strip_prefix("unknown field `")?.split('`').next()?;
    match kind {
        Kind::Project if DEPARTMENT_ONLY.contains(&key) => Some(format!(
            "“{key}”属于部门整体自评，项目自评文件（kind = \"project\"）中不能有：请删去，或把它写进该单位的部门整体自评文件"
        )),
        Kind::Department if key == "project" => Some(
            "[project] 只属于项目自评：项目自评文件须在开头写 kind = \"project\"，部门整体自评文件中不能有 [project]"
                .to_string(),
        ),
        _ => None,
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    year: i32,
    organisation: &'a Organisation,
    template: &'a Template,
    budget: &'a Budget,
    special_funds: &'a [SpecialFund],
    assets: &'a Assets,
    funds: &'a FundsBlock,
    indicators: &'a [Indicator],
    narrative: &'a Narrative,
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The years jixiao accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// Parses `text` as `T`, naming the line of what is wrong.
fn parse<'de, T: Deserialize<'de>>(text: &'de str, kind: Kind) -> Result<T, FileError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        let message = e.message().trim();
        FileError::At {
            line,
            column,
            message: other_kind(kind, message).unwrap_or_else(|| crate::file_check::chinese(message)),
        }
    })
}

/// The line and column of the first `key =` at the start of a line, for a message about it.
fn key_at(text: &str, key: &str) -> (usize, usize) {
    let offset = text
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| (i == 0 || text[..i].ends_with('\n')) && text[i + key.len()..].trim_start().starts_with('='));
    offset.map_or((0, 0), |o| line_col(text, o))
}

/// What every file must have right: its format, year and organisation.
fn check_head(text: &str, format: u32, year: i32, organisation: &str) -> Result<(), FileError> {
    if format > FORMAT {
        return Err(FileError::NewerFormat(format));
    }
    if format == 0 {
        let (line, column) = key_at(text, "format");
        return Err(FileError::At {
            line, column, message: format!("format = 0 无效：文件格式版本为 1 到 {FORMAT}")
        });
    }
    if !YEARS.contains(&year) {
        return Err(FileError::Invalid(format!("年度 {year} 不在 1990–2200 之间")));
    }
    if organisation.trim().is_empty() {
        return Err(FileError::Invalid("[organisation] 缺少单位名称 name".into()));
    }
    Ok(())
}

/// Reads an evaluation from TOML text.
pub fn from_toml(text: &str) -> Result<Evaluation, FileError> {
    if let Some((line, column, c)) = crate::file_check::literal_control(text) {
        return Err(FileError::At { line, column, message: crate::file_check::control_message("", c) });
    }
    let head: Head = parse(text, Kind::Department)?;
    if head.kind == Kind::Project {
        return project_from_toml(text);
    }
    let parsed: FileIn = parse(text, Kind::Department)?;
    check_head(text, parsed.format, parsed.year, &parsed.organisation.name)?;
    let template = resolve_template(parsed.template, text)?;
    refuse_controls(
        text,
        Evaluation {
            kind: Kind::Department,
            project: Project::default(),
            organisation: parsed.organisation,
            year: parsed.year,
            template,
            budget: parsed.budget,
            special_funds: parsed.special_funds,
            assets: parsed.assets,
            funds: parsed.funds,
            indicators: parsed.indicators,
            narrative: parsed.narrative,
        },
    )
}

/// Refuses an evaluation with a control character in any of its texts, at the line where
/// the file writes it if that can be found (see `file_check::escaped_control`).
fn refuse_controls(text: &str, ev: Evaluation) -> Result<Evaluation, FileError> {
    match crate::file_check::escaped_control(text, &ev) {
        None => Ok(ev),
        Some((Some(offset), message)) => {
            let (line, column) = line_col(text, offset);
            Err(FileError::At { line, column, message })
        }
        Some((None, message)) => Err(FileError::Invalid(message)),
    }
}

fn project_from_toml(text: &str) -> Result<Evaluation, FileError> {
    let parsed: ProjectIn = parse(text, Kind::Project)?;
    check_head(text, parsed.format, parsed.year, &parsed.organisation.name)?;
    if parsed.project.name.trim().is_empty() {
        return Err(FileError::Invalid("[project] 缺少项目名称 name".into()));
    }
    Field::ProjectFiledOn
        .parse(&parsed.project.filed_on)
        .map_err(|e| FileError::Invalid(format!("[project] 填报日期 filed_on：{e}")))?;
    let template = resolve_template(parsed.template, text)?;
    let (t, n) = (parsed.funds, parsed.narrative);
    let mut ev = Evaluation {
        kind: Kind::Project,
        year: parsed.year,
        template,
        project: parsed.project,
        funds: FundsBlock {
            initial: t.initial,
            full_year: t.full_year,
            adjusted: t.adjusted,
            executed: t.executed,
            reason: t.reason,
            ..FundsBlock::default()
        },
        indicators: parsed.indicators,
        narrative: Narrative {
            conclusion: n.conclusion,
            analysis: n.analysis,
            problems: n.problems,
            improvements: n.improvements,
            other: n.other,
            project_performance: String::new(),
        },
        ..Evaluation::default()
    };
    ev.organisation.name = parsed.organisation.name;
    refuse_controls(text, ev)
}

/// Writes an evaluation as TOML, every field of its kind included.
pub fn to_toml(ev: &Evaluation) -> String {
    if ev.kind == Kind::Project {
        return project_to_toml(ev);
    }
    let out = FileOut {
        format: format_of(Kind::Department),
        year: ev.year,
        organisation: &ev.organisation,
        template: &ev.template,
        budget: &ev.budget,
        special_funds: &ev.special_funds,
        assets: &ev.assets,
        funds: &ev.funds,
        indicators: &ev.indicators,
        narrative: &ev.narrative,
    };
    let body =
        toml::to_string_pretty(&out).expect("an evaluation always serialises: it has no maps with non-string keys");
    format!("# jixiao 绩效自评文件 — {} {}年\n{body}", ev.organisation.name, ev.year)
}

fn project_to_toml(ev: &Evaluation) -> String {
    let (f, n) = (&ev.funds, &ev.narrative);
    let out = ProjectOut {
        format: format_of(Kind::Project),
        kind: Kind::Project,
        year: ev.year,
        organisation: OrganisationName { name: ev.organisation.name.clone() },
        project: &ev.project,
        template: &ev.template,
        funds: Totals {
            initial: f.initial,
            full_year: f.full_year,
            adjusted: f.adjusted,
            executed: f.executed,
            reason: f.reason.clone(),
        },
        indicators: &ev.indicators,
        narrative: ProjectNarrative {
            conclusion: n.conclusion.clone(),
            analysis: n.analysis.clone(),
            problems: n.problems.clone(),
            improvements: n.improvements.clone(),
            other: n.other.clone(),
        },
    };
    let body = toml::to_string_pretty(&out).expect("a project always serialises: it has no maps with non-string keys");
    format!("# jixiao 项目支出绩效自评文件 — {}\n{body}", ev.label())
}
