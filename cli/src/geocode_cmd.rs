//! `eventmap geocode NAME`: the candidates for a place name, the chosen one
//! first, each with the record, the name variant that matched, the score and
//! the rule that decided.

use crate::exit;
use anyhow::{Context, Result};
use clap::Args;
use serde_json::json;
use shared::geocode::Geocoder;
use std::path::PathBuf;

#[derive(Args)]
pub struct GeocodeArgs {
    /// The place name as written ("Maaret al-Numan", "Duma").
    name: String,
    /// Text around the name (other places, "Idlib province") to decide between same-name places.
    #[arg(long)]
    context: Option<String>,
    /// Add a gazetteer layer (GeoNames dump or Levant-format TSV).
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// A prebuilt index (default: $EVENTMAP_INDEX, else target/eventmap/gazetteer.bin).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: GeocodeArgs) -> Result<u8> {
    let (gazetteer, _report) =
        gazetteer::load::load_or_build(args.index.as_deref(), &args.gazetteers)
            .context("cannot load the gazetteer")?;
    let geocoder = Geocoder::new(gazetteer);
    let candidates = geocoder.explain(&args.name, args.context.as_deref());
    if args.json {
        let list: Vec<_> = candidates
            .iter()
            .map(|c| {
                let p = &c.place;
                json!({
                    "chosen": c.chosen, "place_id": p.place_id, "location": p.location,
                    "admin1": p.admin1, "admin2": p.admin2, "country": p.country,
                    "lat": p.lat, "lon": p.lon, "geo_precision": p.geo_precision,
                    "kind": format!("{:?}", p.kind), "variant": p.variant,
                    "score": p.score, "rule": p.rule,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if candidates.is_empty() {
        println!("{:?}: no place of that name in the gazetteer", args.name);
    } else {
        for c in &candidates {
            let p = &c.place;
            println!(
                "{} {:<28} {:>9.5} {:>10.5}  {:<22} {}, {}  variant {:?}  score {:.2}  rule: {}",
                if c.chosen { "*" } else { " " },
                p.location,
                p.lat,
                p.lon,
                p.place_id,
                [p.admin2.as_deref(), p.admin1.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                p.country,
                p.variant,
                p.score,
                p.rule,
            );
        }
    }
    Ok(if candidates.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    })
}
