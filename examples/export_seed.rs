//! Writes the seed evaluation (docs/examples/hengyang-2024.toml, or the file given as
//! the second argument) in every export format into a directory:
//!
//!     cargo run --example export_seed -- OUT_DIR [EVALUATION.toml]
//!
//! `scripts/pdf-check.sh` uses it to render the workbook and the report with LibreOffice.

use jixiao::export::{Format, export, file_name};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("用法：cargo run --example export_seed -- 输出目录 [评价文件.toml]");
        return ExitCode::from(2);
    };
    let source = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/hengyang-2024.toml"));
    let run = || -> Result<(), String> {
        let text = std::fs::read_to_string(&source).map_err(|e| format!("{}：{e}", source.display()))?;
        let ev = jixiao::file::from_toml(&text).map_err(|e| format!("{}：{e}", source.display()))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}：{e}", dir.display()))?;
        for format in Format::ALL {
            let bytes = export(&ev, &[], format).map_err(|e| e.to_string())?;
            let path = dir.join(file_name(&ev, format));
            std::fs::write(&path, bytes).map_err(|e| format!("{}：{e}", path.display()))?;
            println!("{}", path.display());
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
