//! One-pass matching of all gazetteer names in a text.
//!
//! The text is normalised ([`crate::normalize::normalize_text`]): each word
//! becomes ` key `, so words are separated by two spaces; every name key
//! becomes a pattern ` w1  w2 `. One aho-corasick automaton over all patterns
//! with leftmost-longest semantics then finds, in one pass, the longest name
//! starting at each word (*Kafr Zeita* wins over *Zeita*), and only at word
//! boundaries. Matches map back to byte ranges of the original text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::normalize::{normalize_text, pattern_of_key, NormalizedText};
use crate::Gazetteer;

/// Builds the automaton over name keys (pattern id = key id).
pub(crate) fn build_automaton(keys: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // A contiguous NFA: fast to build for ~10^5-10^6 patterns, compact,
        // and fast enough to search (a DFA would take seconds and gigabytes).
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(keys.iter().map(|k| pattern_of_key(k)))
        .expect("automaton over name keys")
}

/// One name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte range of the name in the original text.
    pub span: Range<usize>,
    /// The key id (see [`Gazetteer::named`]).
    pub key_id: usize,
}

impl Gazetteer {
    /// Finds every gazetteer name in `text`, in text order, non-overlapping,
    /// longest first.
    pub fn find_names(&self, text: &str) -> Vec<NameMatch> {
        self.find_names_in(&normalize_text(text))
    }

    /// As [`Gazetteer::find_names`], on an already normalised text.
    pub fn find_names_in(&self, norm: &NormalizedText) -> Vec<NameMatch> {
        self.automaton
            .find_iter(norm.text.as_str())
            .filter_map(|m| {
                Some(NameMatch {
                    span: norm.original_range(m.start()..m.end())?,
                    key_id: m.pattern().as_usize(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::index::Builder;
    use crate::sources::SourceRecord;
    use crate::{Place, PlaceKind};

    fn gaz(names: &[&str]) -> crate::Gazetteer {
        let mut b = Builder::new();
        for (i, n) in names.iter().enumerate() {
            b.add_record(SourceRecord {
                place: Place {
                    id: format!("t:{i}"),
                    name: n.to_string(),
                    lat: 0.0,
                    lon: 0.0,
                    country: "SY".into(),
                    admin1: None,
                    admin2: None,
                    kind: PlaceKind::Locality,
                    population: 0,
                    feature_code: "PPL".into(),
                },
                geonameid: None,
                names: vec![n.to_string()],
                alt_names: vec![],
                curated: false,
            });
        }
        b.build()
    }

    #[test]
    fn spans_map_back_to_the_original_text() {
        let g = gaz(&[
            "Zeita",
            "Kafr Zeita",
            "Maarrat an Numan",
            "Douma",
            "Harasta",
            "Aleppo",
            "Ab",
        ]);
        let table: &[(&str, &[&str])] = &[
            (
                "Shelling hit Kafr Zeita and Zeita.",
                &["Kafr Zeita", "Zeita"],
            ),
            ("south of Ma‘arrat al-Nu‘mān, then", &["Ma‘arrat al-Nu‘mān"]),
            ("On Douma’s outskirts", &["Douma"]),
            ("On Douma's outskirts", &["Douma"]),
            ("“Douma”", &["Douma"]),
            ("Ḩarastā/Douma", &["Ḩarastā", "Douma"]),
            ("Doumar and Adouma are not Douma", &["Douma"]),
            ("ALEPPO: strikes", &["ALEPPO"]),
            ("Maaret al-Numan\u{301}", &["Maaret al-Numan\u{301}"]),
            ("a lab", &[]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = g
                .find_names(text)
                .into_iter()
                .map(|m| &text[m.span])
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }
}
