//! The files `export` writes and `import` reads: which format, which file, and the
//! rules that keep a user's files safe (nothing overwritten without `--force`).
//!
//! Export format: `--format` if given, else the extension of `-o`, else TOML. Where
//! `--format` and the extension of `-o` disagree, `--format` wins and a warning says so
//! (the flag is the more deliberate of the two). Without `-o`, TOML and Markdown go to
//! stdout; the workbook, the Word report and the CSV go to a file named by
//! [`export::file_name`] in the current directory.

use super::{CliError, Result};
use crate::domain::model::Evaluation;
use crate::domain::project::ProjectLine;
use crate::export::{self, Format};
use crate::file::{from_toml, to_toml};
use crate::import::import_xlsx_with;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `export` can write: the evaluation file, or one of the hand-in formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Toml,
    Export(Format),
}

/// The names `--format` accepts, for messages.
const FORMAT_NAMES: &str = "toml、xlsx、docx、md、csv";

impl OutputFormat {
    /// `toml`, or a name [`Format::from_name`] knows; case-insensitive.
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        if name.trim().eq_ignore_ascii_case("toml") {
            return Some(OutputFormat::Toml);
        }
        Format::from_name(name).map(OutputFormat::Export)
    }

    /// The `--format` value parser, with a Chinese message for clap to show.
    pub fn parse(name: &str) -> std::result::Result<OutputFormat, String> {
        OutputFormat::from_name(name).ok_or_else(|| format!("可选格式：{FORMAT_NAMES}"))
    }

    /// The format a file name implies by its extension, if any.
    fn of_path(path: &Path) -> Option<OutputFormat> {
        path.extension().and_then(|e| e.to_str()).and_then(OutputFormat::from_name)
    }

    fn name(self) -> &'static str {
        match self {
            OutputFormat::Toml => "toml",
            OutputFormat::Export(f) => f.extension(),
        }
    }

    /// Text formats a person may read in the terminal or pipe on.
    fn to_stdout_by_default(self) -> bool {
        matches!(self, OutputFormat::Toml | OutputFormat::Export(Format::Markdown))
    }

    fn render(self, ev: &Evaluation, projects: &[ProjectLine]) -> Result<Vec<u8>> {
        match self {
            OutputFormat::Toml => Ok(to_toml(ev).into_bytes()),
            OutputFormat::Export(f) => Ok(export::export(ev, projects, f)?),
        }
    }
}

/// Where an export goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

/// An export resolved from the command line: format, destination, and a warning for
/// stderr when `--format` and the extension of `-o` disagree.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub format: OutputFormat,
    pub destination: Destination,
    pub warning: Option<String>,
}

/// Applies the rules in the module comment.
pub fn plan(ev: &Evaluation, format: Option<OutputFormat>, output: Option<PathBuf>) -> Result<Plan> {
    let Some(path) = output else {
        let format = format.unwrap_or(OutputFormat::Toml);
        let destination = match format {
            OutputFormat::Export(f) if !format.to_stdout_by_default() => {
                Destination::File(export::file_name(ev, f).into())
            }
            _ => Destination::Stdout,
        };
        return Ok(Plan { format, destination, warning: None });
    };
    let implied = OutputFormat::of_path(&path);
    let (format, warning) = match (format, implied) {
        (None, Some(f)) => (f, None),
        (None, None) => return Err(CliError::UnknownOutputFormat(path)),
        (Some(f), implied) => {
            let warning = (implied != Some(f))
                .then(|| format!("注意：“{}”的扩展名与格式 {} 不符，仍按 {} 导出", path.display(), f.name(), f.name()));
            (f, warning)
        }
    };
    Ok(Plan { format, destination: Destination::File(path), warning })
}

/// Writes the evaluation as planned; names a written file on stderr. `projects` are
/// the year's, for a department's report.
pub fn export_to(ev: &Evaluation, projects: &[ProjectLine], plan: &Plan, force: bool) -> Result<()> {
    if let Some(warning) = &plan.warning {
        eprintln!("{warning}");
    }
    let bytes = plan.format.render(ev, projects)?;
    match &plan.destination {
        Destination::Stdout => {
            // A closed pipe (`jixiao export | head`) is not an error worth a panic.
            let _ = std::io::stdout().write_all(&bytes);
        }
        Destination::File(path) => {
            write_new(path, &bytes, force)?;
            eprintln!("已导出：{}", path.display());
        }
    }
    Ok(())
}

/// Writes a file, refusing to overwrite unless `force` (see [`export::write_file`]).
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    export::write_file(path, bytes, force).map_err(|e| match e {
        export::WriteError::Exists => CliError::OutputExists(path.into()),
        export::WriteError::Io(e) => CliError::Write(path.into(), e),
    })
}

/// An evaluation read from a file, with what the import could not read or assumed
/// (always empty for TOML, which is read completely or not at all).
pub struct Imported {
    pub evaluation: Evaluation,
    pub report: Vec<String>,
}

/// Reads an evaluation file (.toml) or a 自评表 workbook (.xlsx), by extension.
/// Reads an evaluation file or a workbook. `template` is for a hand-made workbook (one
/// without jixiao's hidden data); an evaluation file names its own and refuses another.
pub fn read_evaluation(path: &Path, template: Option<crate::domain::template::Template>) -> Result<Imported> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "toml" if template.is_some() => Err(CliError::Value(
            "评分文件（.toml）自带评分模板（[template] 一节）：--template 只用于手工制作的自评表（.xlsx）；要改模板请导入后用 jixiao template set".into(),
        )),
        "toml" => {
            let text = std::fs::read_to_string(path).map_err(|e| CliError::Read(path.into(), e))?;
            let evaluation = from_toml(&text).map_err(|error| CliError::File { path: path.into(), error })?;
            Ok(Imported { evaluation, report: Vec::new() })
        }
        "xlsx" => {
            let bytes = std::fs::read(path).map_err(|e| CliError::Read(path.into(), e))?;
            let (evaluation, report) =
                import_xlsx_with(&bytes, template).map_err(|error| CliError::Import { path: path.into(), error })?;
            if evaluation.organisation.name.trim().is_empty() {
                return Err(CliError::NoOrganisationName(path.into()));
            }
            Ok(Imported { evaluation, report })
        }
        // Older Excel, WPS and OpenDocument spreadsheets, and macro-enabled workbooks.
        "xls" | "xlsm" | "xlsb" | "et" | "ett" | "ods" => Err(CliError::SaveAsXlsx(path.into())),
        _ => Err(CliError::UnknownFormat(path.into())),
    }
}
