//! jixiao (绩效): the binary. Parses the command line; with no subcommand it opens the
//! terminal UI, otherwise it runs the subcommand and reports errors in plain words.

use clap::Parser;
use jixiao::cli::{Cli, db_path, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = db_path(cli.db.as_deref()).and_then(|db| match cli.command {
        Some(command) => run(&db, command),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            Ok(())
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jixiao：{e}");
            ExitCode::FAILURE
        }
    }
}
