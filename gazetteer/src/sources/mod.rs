//! Parsers for the source layers. Each takes text (`&str` or `impl BufRead`)
//! and never panics on a bad row: the row is skipped with a [`Warning`]
//! naming file and line. Reading files is in [`crate::load`] (feature `fs`).

pub mod admin;
pub mod curated;
pub mod geonames;
pub mod wof;

use crate::{Place, Warning};

/// One place as a source gives it, before layers are merged.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRecord {
    /// The place (its `id` is the source's own id).
    pub place: Place,
    /// The GeoNames id, when the source knows it: later layers with the same
    /// id enrich the earlier record instead of duplicating it.
    pub geonameid: Option<u64>,
    /// Primary names (official, ASCII, English), always indexed.
    pub names: Vec<String>,
    /// Alternate names; indexed according to the builder's policy.
    pub alt_names: Vec<String>,
    /// Curated records: names are trusted as given (short aliases like "NY").
    pub curated: bool,
}

/// The formats a layer file can have, recognised from its first line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GeoNames dump (cities500.txt, SY.txt): 19 tab-separated columns, no header.
    GeoNames,
    /// The Levant (Who's On First) TSV, header `wof_id geonameid ...`.
    WofTsv,
    /// Our curated TSV, header `id name kind ...`.
    Curated,
}

impl Format {
    /// Recognises a format from a file's first line.
    pub fn detect(first_line: &str) -> Option<Self> {
        if first_line.starts_with("wof_id\t") {
            Some(Self::WofTsv)
        } else if first_line.starts_with("id\tname\tkind\t") {
            Some(Self::Curated)
        } else if first_line.split('\t').count() == 19
            && first_line
                .split('\t')
                .next()
                .is_some_and(|f| f.parse::<u64>().is_ok())
        {
            Some(Self::GeoNames)
        } else {
            None
        }
    }
}

pub(crate) fn warn(warnings: &mut Vec<Warning>, file: &str, line: usize, message: String) {
    warnings.push(Warning {
        file: file.to_string(),
        line,
        message,
    });
}

/// Parses a coordinate, checking its range.
pub(crate) fn parse_coord(s: &str, max: f64) -> Option<f64> {
    let v: f64 = s.trim().parse().ok()?;
    (v.is_finite() && v.abs() <= max).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let table = [
            ("wof_id\tgeonameid\twikidata", Some(Format::WofTsv)),
            ("id\tname\tkind\tcountry", Some(Format::Curated)),
            ("170592\tDouma\tDouma\tDuma\t33.57\t36.40\tP\tPPLA2\tSY\t\t08\t\t\t\t111864\t\t700\tAsia/Damascus\t2020-01-01", Some(Format::GeoNames)),
            ("hello world", None),
        ];
        for (line, want) in table {
            assert_eq!(Format::detect(line), want, "{line}");
        }
    }
}
