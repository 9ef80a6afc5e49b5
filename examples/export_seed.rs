//! Writes the seed evaluation (docs/examples/hengyang-2024.toml, or the files given after
//! the directory) in every export format into a directory:
//!
//!     cargo run --example export_seed -- OUT_DIR [EVALUATION.toml …]
//!
//! Of several files, a department's report lists the projects among them of its
//! organisation and year. `scripts/pdf-check.sh` uses it to render the workbooks and the
//! reports with LibreOffice.

use jixiao::domain::model::Evaluation;
use jixiao::domain::project::ProjectLine;
use jixiao::export::{Format, export, file_name};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("用法：cargo run --example export_seed -- 输出目录 [评价文件.toml …]");
        return ExitCode::from(2);
    };
    let mut sources: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if sources.is_empty() {
        sources.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/hengyang-2024.toml"));
    }
    let run = || -> Result<(), String> {
        let evaluations = sources
            .iter()
            .map(|source| {
                let text = std::fs::read_to_string(source).map_err(|e| format!("{}：{e}", source.display()))?;
                jixiao::file::from_toml(&text).map_err(|e| format!("{}：{e}", source.display()))
            })
            .collect::<Result<Vec<Evaluation>, String>>()?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}：{e}", dir.display()))?;
        for ev in &evaluations {
            let projects: Vec<ProjectLine> = evaluations
                .iter()
                .filter(|p| !ev.is_project() && p.is_project())
                .filter(|p| p.organisation.name == ev.organisation.name && p.year == ev.year)
                .map(ProjectLine::of)
                .collect();
            for format in Format::ALL {
                let bytes = export(ev, &projects, format).map_err(|e| e.to_string())?;
                let path = dir.join(file_name(ev, format));
                std::fs::write(&path, bytes).map_err(|e| format!("{}：{e}", path.display()))?;
                println!("{}", path.display());
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
