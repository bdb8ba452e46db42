//! A place: one record of the gazetteer, whatever layer it came from.

use serde::{Deserialize, Serialize};

/// What kind of place a record is; decides geo precision and tie-breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level division (a Syrian governorate).
    Region,
    /// A second-level division (a Syrian district, *mantiqa*).
    District,
    /// A city, town or village.
    Locality,
    /// A part of a city.
    Neighbourhood,
    /// A curated area: a region without an administrative status (Eastern
    /// Ghouta), a camp, a border crossing, a corridor.
    Area,
}

impl PlaceKind {
    /// Parses the names used in TSV files (`locality`, `region`, ...), also
    /// accepting WOF place types (`county` = District).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "country" => Self::Country,
            "region" | "governorate" | "province" => Self::Region,
            "district" | "county" | "localadmin" => Self::District,
            "locality" | "city" | "town" | "village" => Self::Locality,
            "neighbourhood" | "neighborhood" | "microhood" | "macrohood" => Self::Neighbourhood,
            "area" | "camp" | "crossing" | "corridor" => Self::Area,
            _ => return None,
        })
    }

    /// True for administrative areas whose point is a centroid or capital.
    pub fn is_area_level(self) -> bool {
        matches!(self, Self::Country | Self::Region | Self::District)
    }
}

impl std::fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::District => "district",
            Self::Locality => "locality",
            Self::Neighbourhood => "neighbourhood",
            Self::Area => "area",
        };
        f.write_str(s)
    }
}

/// One place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable id: `geonames:170592`, `wof:890442375`, `curated:eastern-ghouta`.
    pub id: String,
    /// English display name.
    pub name: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// First-level division name (canonical English for Syria: "Rif Dimashq").
    pub admin1: Option<String>,
    /// Second-level division name.
    pub admin2: Option<String>,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Population, 0 when unknown.
    pub population: u64,
    /// GeoNames feature code (`PPLA`, `ADM1`, ...) or the WOF/curated type.
    pub feature_code: String,
}

impl Place {
    /// Great-circle distance in kilometres to another point.
    pub fn distance_km(&self, lat: f64, lon: f64) -> f64 {
        haversine_km(self.lat, self.lon, lat, lon)
    }
}

/// Great-circle distance in kilometres between two WGS 84 points.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    haversine_km_cos(
        (lat1, lon1, lat1.to_radians().cos()),
        (lat2, lon2, lat2.to_radians().cos()),
    )
}

/// [`haversine_km`] between `(lat, lon, cos(lat in radians))` points, for
/// callers that measure one point against many (the same result, bit for
/// bit, without two of its four trigonometric calls).
pub fn haversine_km_cos(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let dp = b.0.to_radians() - a.0.to_radians();
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + a.2 * b.2 * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

/// Canonical English names of Syria's fourteen governorates (the names
/// analysts use: Aleppo, Rif Dimashq, Deir ez-Zor, Hasakah), with the
/// spellings the sources use (GeoNames admin1 table, WOF). Sources disagree
/// ("Rif-dimashq", "Days Az Zawr", "Homs (Hims)"), so admin1 of Syrian places
/// is mapped to these names when an index is built.
pub const SYRIA_GOVERNORATES: &[(&str, &[&str])] = &[
    ("Damascus", &["Damascus Governorate", "Dimashq"]),
    (
        "Rif Dimashq",
        &[
            "Rif-dimashq",
            "Rural Damascus",
            "Damascus Countryside",
            "Reef Damascus",
            "Rif Dimashq Governorate",
        ],
    ),
    ("Aleppo", &["Halab", "Aleppo Governorate"]),
    ("Idlib", &["Idleb", "Idlib Governorate"]),
    ("Hama", &["Hamah", "Hama Governorate"]),
    ("Homs", &["Homs (Hims)", "Hims", "Homs Governorate"]),
    (
        "Latakia",
        &["Lattakia", "Al Ladhiqiyah", "Latakia Governorate"],
    ),
    ("Tartus", &["Tartous", "Tartus Governorate"]),
    ("Raqqa", &["Ar Raqqah", "Al-Raqqah", "Raqqa Governorate"]),
    (
        "Deir ez-Zor",
        &["Days Az Zawr", "Dayr az Zawr", "Deir ez-Zor Governorate"],
    ),
    (
        "Hasakah",
        &[
            "Hasaka (Al Haksa)",
            "Al Hasakah",
            "Al-Hasakah",
            "Hasakeh",
            "Al-Hasakah Governorate",
            "Hasakah Governorate",
        ],
    ),
    ("Daraa", &["Dar`a", "Dar'a", "Daraa Governorate"]),
    (
        "As-Suwayda",
        &["As Suwayda'", "Suwayda", "As-Suwayda Governorate"],
    ),
    ("Quneitra", &["Al Qunaytirah", "Quneitra Governorate"]),
];

/// Maps a Syrian admin1 name from any source to its canonical form; other
/// names are returned unchanged. Also gives the display name of a Syrian
/// governorate record (WOF's English name of Aleppo governorate is "H'alab").
/// A display name without the ayn and hamza marks transliterations write
/// as ` ʿ ʾ ‘ ("`Afrin" is shown "Afrin", "Ma`arrat" "Maarrat"), or `None`
/// when there is none to drop. Apostrophes stay ("Côte d'Ivoire").
pub fn display_name(name: &str) -> Option<String> {
    const MARKS: [char; 4] = ['`', 'ʿ', 'ʾ', '‘'];
    if !name.contains(MARKS) {
        return None;
    }
    let clean: String = name.chars().filter(|c| !MARKS.contains(c)).collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!clean.is_empty()).then_some(clean)
}

pub fn canonical_admin1(country: &str, name: &str) -> String {
    if country == "SY" {
        let k = crate::normalize::key(name);
        for (canon, alts) in SYRIA_GOVERNORATES {
            if k == crate::normalize::key(canon)
                || alts.iter().any(|a| k == crate::normalize::key(a))
            {
                return (*canon).to_string();
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_governorates() {
        let table = [
            ("Rif-dimashq", "Rif Dimashq"),
            ("Rif Dimashq", "Rif Dimashq"),
            ("Days Az Zawr", "Deir ez-Zor"),
            ("Deir ez-Zor", "Deir ez-Zor"),
            ("Homs (Hims)", "Homs"),
            ("Hamah", "Hama"),
            ("As Suwayda'", "As-Suwayda"),
            ("Hasaka (Al Haksa)", "Hasakah"),
            ("Al-Hasakah", "Hasakah"),
            ("H'alab", "Aleppo"),
            ("Dimashq", "Damascus"),
            ("Ar Raqqah", "Raqqa"),
            ("Dar`a", "Daraa"),
            ("Lattakia", "Latakia"),
            ("Damascus Governorate", "Damascus"),
        ];
        for (raw, want) in table {
            assert_eq!(canonical_admin1("SY", raw), want, "{raw}");
        }
        assert_eq!(canonical_admin1("TR", "Hatay"), "Hatay");
    }

    #[test]
    fn distances() {
        // Damascus to Aleppo is about 310 km.
        let d = haversine_km(33.5102, 36.2913, 36.2021, 37.1343);
        assert!((300.0..320.0).contains(&d), "{d}");
    }

    #[test]
    fn display_names_drop_ayn_marks() {
        let table = [
            ("`Afrin", Some("Afrin")),
            ("Ma`arrat an Nu`man", Some("Maarrat an Numan")),
            ("ʿAyn al ʿArab", Some("Ayn al Arab")),
            ("Côte d'Ivoire", None),
            ("Aleppo", None),
            ("`", None),
        ];
        for (name, want) in table {
            assert_eq!(display_name(name).as_deref(), want, "{name}");
        }
    }
}
