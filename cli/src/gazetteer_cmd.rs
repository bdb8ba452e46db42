//! `eventmap gazetteer build`: build the compact index once, so extraction
//! and the page load it instead of parsing sources at every start.

use crate::exit;
use anyhow::Result;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Build the index from cities500 (npm), the Levant layer (when present),
    /// the curated file, and any extra layers.
    Build {
        /// Where to write it (default: $EVENTMAP_INDEX or target/eventmap/gazetteer.bin).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write the page's smaller subset (the Levant plus world cities).
        #[arg(long)]
        page: bool,
        /// Add a layer: a GeoNames dump (e.g. SY.txt) or a Levant-format TSV.
        #[arg(long = "layer", value_name = "PATH")]
        layers: Vec<PathBuf>,
    },
}

pub fn run(command: GazetteerCommand) -> Result<u8> {
    match command {
        GazetteerCommand::Build {
            output,
            page,
            layers,
        } => {
            let report = gazetteer::load::build_command(&gazetteer::load::BuildOptions {
                output,
                page,
                layers,
            })?;
            eprint!("{report}");
            Ok(exit::OK)
        }
    }
}
