//! jixiao (绩效): the binary. Parses the command line; with no subcommand it opens the
//! terminal UI, otherwise it runs the subcommand and reports errors in plain words.

use jixiao::cli::args::{Parsed, parse};
use jixiao::cli::{CliError, db_path, run};
use std::process::ExitCode;

/// Opens the store (creating it if new) and runs the terminal UI on it.
fn interactive(db: &std::path::Path) -> color_eyre::Result<()> {
    let store = jixiao::store::Store::open(db).map_err(CliError::from)?;
    // A write that finds another program writing waits this long, then the UI says it is
    // waiting and tries again, instead of freezing for the whole default timeout.
    store.set_busy_timeout(std::time::Duration::from_millis(250)).map_err(CliError::from)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = jixiao::app::App::new(store, size);
    app.color = jixiao::ui::theme::Theme::from_env().color;
    // The terminal's errors are the operating system's English words: say them in Chinese.
    jixiao::tui::run(app).map_err(|e| {
        color_eyre::eyre::eyre!(
            "终端出错：{}（界面须在终端中运行；命令行用法见 jixiao --help）",
            jixiao::domain::text::io_message(&e)
        )
    })?;
    Ok(())
}

fn main() -> ExitCode {
    // color-eyre reports panics and unexpected errors; the UI restores the terminal first.
    let _ = color_eyre::install();
    // clap's own words are English: the command line is parsed and its errors said in Chinese.
    let cli = match parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Shown => return ExitCode::SUCCESS,
        Parsed::Refused(message) => {
            eprintln!("jixiao：{message}");
            return ExitCode::from(2);
        }
    };
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
            // One line, escaped: a name in an error may hold what a crafted file put there.
            eprintln!("jixiao：{}", jixiao::domain::text::escape_controls(&e));
            ExitCode::FAILURE
        }
    }
}
