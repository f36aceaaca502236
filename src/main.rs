//! The `corpuscope` command: parses the command line, hands each command to its module in
//! [`cli`], and turns what it returns into messages and exit codes (0 done, 1 error, 2 usage;
//! the hidden `__check-parquet` exits 3 when the reader returns an error).

mod cli;

use std::fmt::Display;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use corpuscope::config::{DEFAULT_TOML, Overrides};
use corpuscope::ingest::tabular;

use cli::args::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Tokenize { text, file, config } => {
            match cli::tokenize::tokenize(text, file, config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => failure(message),
            }
        }
        Command::Kwic {
            term,
            config,
            input,
            width,
            limit,
        } => match cli::kwic::kwic(&term, config, input, width, limit) {
            Ok(0) => {
                eprintln!("corpuscope: no occurrence of {term:?}");
                ExitCode::SUCCESS
            }
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => failure(e),
        },
        Command::CheckParquet { column, path } => match cli::parquet::check(&path, &column) {
            Ok(()) => ExitCode::SUCCESS,
            Err(reason) => {
                let _ = writeln!(std::io::stdout(), "{reason}");
                ExitCode::from(tabular::CHECK_REFUSED)
            }
        },
        Command::DefaultConfig => {
            let _ = std::io::stdout().write_all(DEFAULT_TOML.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Run {
            config,
            input,
            output,
            threads,
            quiet,
        } => {
            let overrides = Overrides {
                input,
                output,
                threads,
            };
            match cli::run::run(config, &overrides, quiet) {
                Ok(summary) => {
                    cli::run::print_summary(&summary);
                    ExitCode::SUCCESS
                }
                Err(e) => failure(e),
            }
        }
    }
}

/// Shows an error and gives exit code 1.
fn failure(message: impl Display) -> ExitCode {
    eprintln!("corpuscope: error: {message}");
    ExitCode::from(1)
}
