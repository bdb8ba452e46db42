//! The `eventmap` command: news articles in, a dated, geocoded event dataset
//! out. See `eventmap --help`.

mod atomic;
mod extract_cmd;
mod gazetteer_cmd;
mod geocode_cmd;
mod inputs;
mod spill;
mod validate_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "eventmap",
    version,
    about = "Turn news articles on armed conflict into a dated, sourced, mapped event dataset (ACLED-style GeoJSON)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from articles (.txt, .jsonl, .html; files, folders, `-` for stdin).
    Extract(extract_cmd::ExtractArgs),
    /// Geocode a place name and explain the choice.
    Geocode(geocode_cmd::GeocodeArgs),
    /// Build or inspect the gazetteer index.
    #[command(subcommand)]
    Gazetteer(gazetteer_cmd::GazetteerCommand),
    /// Check that a GeoJSON file follows RFC 7946 and the event schema.
    Validate(validate_cmd::ValidateArgs),
}

/// Exit codes: success, partial success (some inputs skipped), failure.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const PARTIAL: u8 = 3;
}

/// Writes `text` to standard output; a reader that went away (`eventmap
/// geocode X | head -1`) is not an error.
pub fn print_out(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(args),
        Command::Geocode(args) => geocode_cmd::run(args),
        Command::Gazetteer(command) => gazetteer_cmd::run(command),
        Command::Validate(args) => validate_cmd::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("eventmap: error: {error:#}");
            ExitCode::from(exit::FAILURE)
        }
    }
}
