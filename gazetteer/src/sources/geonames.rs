//! GeoNames dump format (cities500.txt, a country file such as SY.txt):
//! 19 tab-separated columns, no header. See
//! <https://download.geonames.org/export/dump/readme.txt>.

use std::io::BufRead;

use super::admin::AdminNames;
use super::{parse_coord, warn, SourceRecord};
use crate::{Place, PlaceKind, Warning};

/// Maps a GeoNames feature class and code to a kind; `None` for features
/// that are not places an event happens in (rivers, mountains, buildings).
pub fn kind_of(class: &str, code: &str) -> Option<PlaceKind> {
    Some(match (class, code) {
        ("A", c) if c.starts_with("PCL") => PlaceKind::Country,
        ("A", "ADM1") => PlaceKind::Region,
        ("A", "ADM2") => PlaceKind::District,
        ("P", "PPLX") => PlaceKind::Neighbourhood,
        ("P", c) if !c.ends_with('H') && c != "PPLQ" => PlaceKind::Locality,
        ("L", "AREA" | "RGN" | "CMPRF") => PlaceKind::Area,
        ("S", "CMP" | "CMPRF" | "PSTB" | "BDCR") => PlaceKind::Area,
        _ => return None,
    })
}

/// Parses a GeoNames dump. Rows of other feature classes are skipped
/// silently; malformed rows are skipped with a warning.
pub fn parse(
    reader: impl BufRead,
    file: &str,
    admin: &AdminNames,
    warnings: &mut Vec<Warning>,
    mut sink: impl FnMut(SourceRecord),
) {
    for (i, line) in reader.lines().enumerate() {
        let lineno = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                warn(warnings, file, lineno, format!("unreadable line: {e}"));
                continue;
            }
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 {
            warn(
                warnings,
                file,
                lineno,
                format!("expected 19 columns, found {}", f.len()),
            );
            continue;
        }
        let Ok(id) = f[0].parse::<u64>() else {
            warn(warnings, file, lineno, format!("bad geonameid {:?}", f[0]));
            continue;
        };
        let (Some(lat), Some(lon)) = (parse_coord(f[4], 90.0), parse_coord(f[5], 180.0)) else {
            warn(
                warnings,
                file,
                lineno,
                format!("bad coordinates {:?} {:?}", f[4], f[5]),
            );
            continue;
        };
        let Some(kind) = kind_of(f[6], f[7]) else {
            continue;
        };
        let cc = f[8].to_string();
        let admin1 = admin
            .admin1(&cc, f[10])
            .map(|n| crate::place::canonical_admin1(&cc, n));
        let admin2 = admin.admin2(&cc, f[10], f[11]).map(str::to_string);
        let population = f[14].parse().unwrap_or(0);
        // Display: the ASCII name (ACLED-style "Duma", not "Dūmā"); Syrian
        // governorates by their canonical names. Where GeoNames names a world
        // city in its own language (Genève, Köln), the curated layer gives
        // the English exonym.
        let name = if f[2].is_empty() { f[1] } else { f[2] };
        let name = if kind == PlaceKind::Region {
            crate::place::canonical_admin1(&cc, name)
        } else {
            name.to_string()
        };
        let mut names = vec![f[1].to_string()];
        if f[2] != f[1] && !f[2].is_empty() {
            names.push(f[2].to_string());
        }
        let alt_names = f[3]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        sink(SourceRecord {
            place: Place {
                id: format!("geonames:{id}"),
                name,
                lat,
                lon,
                country: cc,
                admin1,
                admin2,
                kind,
                population,
                feature_code: f[7].to_string(),
            },
            geonameid: Some(id),
            names,
            alt_names,
            curated: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_warnings() {
        let data = "170592\tDūmā\tDuma\tDouma,Dumah\t33.57175\t36.4027\tP\tPPLA2\tSY\t\t08\t\t\t\t111864\t\t700\tAsia/Damascus\t2020-01-01\n\
                    bad\trow\n\
                    1\tX\tX\t\t99\t0\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n\
                    2\tRiver\tRiver\t\t33\t36\tH\tSTM\tSY\t\t\t\t\t\t0\t\t\t\t\n";
        let mut admin = AdminNames::default();
        admin.admin1.insert("SY.08".into(), "Rif-dimashq".into());
        let mut w = Vec::new();
        let mut out = Vec::new();
        parse(data.as_bytes(), "SY.txt", &admin, &mut w, |r| out.push(r));
        assert_eq!(out.len(), 1);
        let p = &out[0].place;
        assert_eq!(p.id, "geonames:170592");
        assert_eq!(p.name, "Duma");
        assert_eq!(p.admin1.as_deref(), Some("Rif Dimashq"));
        assert_eq!(p.kind, PlaceKind::Locality);
        assert_eq!(out[0].alt_names, ["Douma", "Dumah"]);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0].line, 2);
        assert!(
            w[1].to_string().starts_with("SY.txt:3: bad coordinates"),
            "{}",
            w[1]
        );
    }

    #[test]
    fn kinds() {
        let table = [
            (("A", "PCLI"), Some(PlaceKind::Country)),
            (("A", "ADM1"), Some(PlaceKind::Region)),
            (("P", "PPLA"), Some(PlaceKind::Locality)),
            (("P", "PPLX"), Some(PlaceKind::Neighbourhood)),
            (("P", "PPLH"), None),
            (("H", "STM"), None),
        ];
        for ((c, k), want) in table {
            assert_eq!(kind_of(c, k), want, "{c}.{k}");
        }
    }
}
