//! `eventmap geocode NAME`: the candidates for a place name, the chosen one
//! first, each with the record, the name variant that matched, the score and
//! the rule that decided.

use crate::exit;
use anyhow::{Context, Result};
use clap::Args;
use serde_json::json;
use shared::geocode::Geocoder;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Args)]
pub struct GeocodeArgs {
    /// The place name as written ("Maaret al-Numan", "Duma").
    name: String,
    /// Text around the name (other places, "Idlib province") to decide between same-name places.
    /// When it contains the name, that mention is explained where it stands ("Halba in Akkar").
    #[arg(long)]
    context: Option<String>,
    /// Add a gazetteer layer (GeoNames dump or Levant-format TSV).
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// A prebuilt index (default: $EVENTMAP_INDEX, else target/eventmap/gazetteer.bin).
    #[arg(long)]
    index: Option<PathBuf>,
    /// The country the reporting is about (ISO alpha-2): preferred among
    /// same-name places when nothing else names a country.
    #[arg(long, value_name = "CC", default_value = shared::geocode::DEFAULT_HOME_COUNTRY, value_parser = parse_country)]
    home_country: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// A two-letter ISO country code, in capitals.
pub(crate) fn parse_country(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(format!(
            "{value:?}: want a two-letter country code such as SY, IQ or LB"
        ))
    }
}

pub fn run(args: GeocodeArgs) -> Result<u8> {
    let (gazetteer, _report) =
        gazetteer::load::load_or_build(args.index.as_deref(), &args.gazetteers)
            .context("cannot load the gazetteer")?;
    let geocoder = Geocoder::new(gazetteer).with_home_country(&args.home_country);
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
        crate::print_out(&format!("{}\n", serde_json::to_string_pretty(&list)?))?;
    } else if candidates.is_empty() {
        crate::print_out(&format!(
            "{:?}: no place of that name in the gazetteer\n",
            args.name
        ))?;
    } else {
        let mut table = String::new();
        for c in &candidates {
            let p = &c.place;
            writeln!(
                table,
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
            )?;
        }
        crate::print_out(&table)?;
    }
    Ok(if candidates.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    })
}
