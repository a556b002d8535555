//! Thin binary: parse arguments, run, exit with the code the run decided.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = leitplanke::cli::Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut err = io::stderr();
    let code = leitplanke::cli::run(cli, &mut out, &mut err);
    if let Err(e) = out.flush()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(err, "leitplanke: {e}");
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}
