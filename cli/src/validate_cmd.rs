//! `eventmap validate`: check a GeoJSON file against RFC 7946 and the event
//! schema, as the page does before opening one.

use crate::exit;
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ValidateArgs {
    /// GeoJSON files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// The most features a file may hold (the page's limit too).
pub const MAX_FEATURES: usize = 2_000_000;

pub fn run(args: ValidateArgs) -> Result<u8> {
    let mut failed = 0;
    for file in &args.files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).with_context(|| format!("{name}: cannot read"))?;
        match shared::output::geojson::from_geojson(&text, &name, MAX_FEATURES) {
            Ok(events) => crate::print_out(&format!("{name}: ok, {} events\n", events.len()))?,
            Err(error) => {
                failed += 1;
                eprintln!("eventmap: error: {error}");
            }
        }
    }
    Ok(if failed == 0 { exit::OK } else { exit::FAILURE })
}
