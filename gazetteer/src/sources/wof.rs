//! The Levant TSV: a flattened Who's On First extract. Header:
//! `wof_id geonameid wikidata placetype gn_fcode name name_eng name_ara lat lon population cc admin1 admin2 alt_names`.

use std::io::BufRead;

use super::{parse_coord, warn, Format, SourceRecord};
use crate::{Error, Place, PlaceKind, Result, Warning};

/// Parses a Levant TSV. Fails only if the header is not the expected one.
pub fn parse(
    reader: impl BufRead,
    file: &str,
    warnings: &mut Vec<Warning>,
    mut sink: impl FnMut(SourceRecord),
) -> Result<()> {
    let mut lines = reader.lines();
    let header = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    if Format::detect(&header) != Some(Format::WofTsv) {
        return Err(Error::UnknownFormat {
            file: file.to_string(),
            first_line: header.chars().take(80).collect(),
        });
    }
    for (i, line) in lines.enumerate() {
        let lineno = i + 2;
        let Ok(line) = line else {
            warn(warnings, file, lineno, "unreadable line".into());
            continue;
        };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 15 {
            warn(
                warnings,
                file,
                lineno,
                format!("expected 15 columns, found {}", f.len()),
            );
            continue;
        }
        let Some(kind) = PlaceKind::parse(f[3]) else {
            warn(
                warnings,
                file,
                lineno,
                format!("unknown placetype {:?}", f[3]),
            );
            continue;
        };
        let (Some(lat), Some(lon)) = (parse_coord(f[8], 90.0), parse_coord(f[9], 180.0)) else {
            warn(
                warnings,
                file,
                lineno,
                format!("bad coordinates {:?} {:?}", f[8], f[9]),
            );
            continue;
        };
        let geonameid = f[1].parse::<u64>().ok().filter(|&g| g > 0);
        let latin = |s: &str| !s.is_empty() && crate::normalize::light(s).is_some();
        // Display name: English, else the name, else a Latin alternate (the
        // Aleppo row is named in Arabic).
        let alts: Vec<String> = f[14]
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let name = [f[6], f[5]]
            .into_iter()
            .find(|s| latin(s))
            .map(str::to_string)
            .or_else(|| alts.iter().find(|s| latin(s)).cloned())
            .unwrap_or_else(|| f[5].to_string());
        let names = [f[6], f[5]]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let cc = f[11].to_string();
        // Syrian governorates read as the names analysts use.
        let name = if kind == PlaceKind::Region {
            crate::place::canonical_admin1(&cc, &name)
        } else {
            name
        };
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        sink(SourceRecord {
            place: Place {
                id: format!("wof:{}", f[0]),
                name,
                lat,
                lon,
                admin1: nonempty(f[12]).map(|a| crate::place::canonical_admin1(&cc, &a)),
                admin2: nonempty(f[13]),
                country: cc,
                kind,
                population: f[10].parse().unwrap_or(0),
                feature_code: if f[4].is_empty() { f[3] } else { f[4] }.to_string(),
            },
            geonameid,
            names,
            alt_names: alts,
            curated: false,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "wof_id\tgeonameid\twikidata\tplacetype\tgn_fcode\tname\tname_eng\tname_ara\tlat\tlon\tpopulation\tcc\tadmin1\tadmin2\talt_names\n";

    #[test]
    fn rows_and_warnings() {
        let data = format!(
            "{HEAD}421202163\t170063\tQ41183\tlocality\t\tحلب\tAleppo\tحلب\t36.2\t37.15\t1602264\tSY\tAleppo\tJebel Saman\tAlep|Halab|حلب\n\
             1\t\t\tplanet\t\tX\t\t\t0\t0\t\tSY\t\t\t\n\
             2\t\t\tlocality\t\tX\n"
        );
        let mut w = Vec::new();
        let mut out = Vec::new();
        parse(data.as_bytes(), "levant.tsv", &mut w, |r| out.push(r)).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].place.name, "Aleppo");
        assert_eq!(out[0].geonameid, Some(170063));
        assert_eq!(w.iter().map(|w| w.line).collect::<Vec<_>>(), [3, 4]);
        assert!(w[0].message.contains("planet"));
    }

    #[test]
    fn rejects_other_headers() {
        let mut w = Vec::new();
        let err = parse("a\tb\n".as_bytes(), "x.tsv", &mut w, |_| {}).unwrap_err();
        assert!(
            err.to_string().starts_with("x.tsv: unrecognised format"),
            "{err}"
        );
    }
}
