//! jixiao (绩效): the binary. Parses the command line; with no subcommand it opens the
//! terminal UI, otherwise it runs the subcommand and reports errors in plain words.

use clap::Parser;
use jixiao::cli::{Cli, CliError, db_path, run};
use std::process::ExitCode;

/// Opens the store and runs the terminal UI on it.
fn interactive(db: &std::path::Path) -> color_eyre::Result<()> {
    let store = jixiao::store::Store::open(db).map_err(CliError::from)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = jixiao::app::App::new(store, size);
    app.color = jixiao::ui::theme::Theme::from_env().color;
    jixiao::tui::run(app)?;
    Ok(())
}

fn main() -> ExitCode {
    // color-eyre reports panics and unexpected errors; the UI restores the terminal first.
    let _ = color_eyre::install();
    let cli = Cli::parse();
    let db = match db_path(cli.db.as_deref()) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("jixiao：{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        Some(command) => run(&db, command).map_err(|e| e.to_string()),
        None => interactive(&db).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jixiao：{e}");
            ExitCode::FAILURE
        }
    }
}
