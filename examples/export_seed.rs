//! Writes the seed evaluation (docs/examples/hengyang-2024.toml, or the files given after
//! the directory) in every export format into a directory:
//!
//!     cargo run --example export_seed -- OUT_DIR [--template PRESET] [EVALUATION.toml …]
//!
//! With `--template`, each evaluation is printed under that preset instead of its own
//! (the same figures, another province's table: docs/templates.md).
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
    let mut rest: Vec<String> = args.collect();
    let template = match rest.iter().position(|a| a == "--template") {
        Some(i) if i + 1 < rest.len() => {
            let key = rest.remove(i + 1);
            rest.remove(i);
            match jixiao::domain::template::Template::preset(&key) {
                Some(t) => Some(t),
                None => {
                    eprintln!("没有预设“{key}”");
                    return ExitCode::from(2);
                }
            }
        }
        Some(_) => {
            eprintln!("--template 后应写预设名称");
            return ExitCode::from(2);
        }
        None => None,
    };
    let mut sources: Vec<PathBuf> = rest.into_iter().map(PathBuf::from).collect();
    if sources.is_empty() {
        sources.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/hengyang-2024.toml"));
    }
    let run = || -> Result<(), String> {
        let evaluations = sources
            .iter()
            .map(|source| {
                let text = std::fs::read_to_string(source).map_err(|e| format!("{}：{e}", source.display()))?;
                let mut ev = jixiao::file::from_toml(&text).map_err(|e| format!("{}：{e}", source.display()))?;
                if let Some(t) = &template {
                    ev.template = t.clone();
                }
                Ok(ev)
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
