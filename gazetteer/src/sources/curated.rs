//! Our own curated TSV (`gazetteer/curated.tsv`, embedded in the crate):
//! places the other layers lack and aliases. Header:
//! `id name kind country admin1 admin2 lat lon population geonameid aliases source`.
//! `aliases` is `|`-separated; `source` names the public source of the
//! coordinate. A row with a `geonameid` adds its aliases to that GeoNames /
//! WOF record when a layer has it, and is a place of its own otherwise.

use super::{parse_coord, warn, Format, SourceRecord};
use crate::{Error, Place, PlaceKind, Result, Warning};

/// The curated file shipped with the crate.
pub const CURATED_TSV: &str = include_str!("../../curated.tsv");

/// Parses a curated TSV.
pub fn parse(
    text: &str,
    file: &str,
    warnings: &mut Vec<Warning>,
    mut sink: impl FnMut(SourceRecord),
) -> Result<()> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    if Format::detect(header) != Some(Format::Curated) {
        return Err(Error::UnknownFormat {
            file: file.to_string(),
            first_line: header.chars().take(80).collect(),
        });
    }
    for (i, line) in lines.enumerate() {
        let lineno = i + 2;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 12 {
            warn(
                warnings,
                file,
                lineno,
                format!("expected 12 columns, found {}", f.len()),
            );
            continue;
        }
        let Some(kind) = PlaceKind::parse(f[2]) else {
            warn(warnings, file, lineno, format!("unknown kind {:?}", f[2]));
            continue;
        };
        let (Some(lat), Some(lon)) = (parse_coord(f[6], 90.0), parse_coord(f[7], 180.0)) else {
            warn(
                warnings,
                file,
                lineno,
                format!("bad coordinates {:?} {:?}", f[6], f[7]),
            );
            continue;
        };
        if f[11].trim().is_empty() {
            warn(
                warnings,
                file,
                lineno,
                format!("row {:?} has no source", f[0]),
            );
            continue;
        }
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        sink(SourceRecord {
            place: Place {
                id: format!("curated:{}", f[0]),
                name: f[1].to_string(),
                lat,
                lon,
                country: f[3].to_string(),
                admin1: nonempty(f[4]).map(|a| crate::place::canonical_admin1(f[3], &a)),
                admin2: nonempty(f[5]),
                kind,
                population: f[8].parse().unwrap_or(0),
                feature_code: f[2].to_string(),
            },
            geonameid: f[9].parse().ok(),
            names: std::iter::once(f[1])
                .chain(f[10].split('|'))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            alt_names: Vec::new(),
            curated: true,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_parses_cleanly() {
        let mut w = Vec::new();
        let mut out = Vec::new();
        parse(CURATED_TSV, "curated.tsv", &mut w, |r| out.push(r)).unwrap();
        assert!(w.is_empty(), "{w:#?}");
        assert!(out.len() >= 40, "{} rows", out.len());
        let mut ids: Vec<_> = out.iter().map(|r| r.place.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), out.len(), "duplicate ids");
    }

    #[test]
    fn bad_rows_warn() {
        let text = "id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tgeonameid\taliases\tsource\n\
                    a\tA\tplanet\tSY\t\t\t1\t1\t\t\t\tx\n\
                    b\tB\tarea\tSY\t\t\t1\t1\t\t\t\t\n\
                    c\tC\tarea\tSY\n";
        let mut w = Vec::new();
        parse(text, "c.tsv", &mut w, |_| {}).unwrap();
        let got: Vec<String> = w.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            got,
            [
                "c.tsv:2: unknown kind \"planet\"",
                "c.tsv:3: row \"b\" has no source",
                "c.tsv:4: expected 12 columns, found 4"
            ]
        );
    }
}
