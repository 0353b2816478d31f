//! The `dcfoot` binary: parse the command line, call the library, map errors to exit codes
//! (0 success, 2 bad input, 1 anything else). A closed pipe (`dcfoot … | head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let dcfoot::Error::Io { source, .. } = &error
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
