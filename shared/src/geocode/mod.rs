//! The geocoder: finds every place mention in an article and decides which
//! record each one means, and how precisely.
//!
//! * `gazetteer` finds names (one aho-corasick pass) and their candidates.
//! * [`words`] drops false places: stop words, demonyms, first names, and
//!   names inside actor names (Jaish al-Islam, Hayat Tahrir al-Sham); with
//!   it [`resolve`] tells people from places ("Abu Mohammed", "Salma
//!   Hayek", "Mustafa Bali", "al-Baghdadi").
//! * [`context`] reads qualifiers ("Idlib province", "the city of Idlib") and
//!   relations ("south of X", "Douma's outskirts") → precision 2; countries
//!   and capitals used as actors ("Moscow announced", "Syria's army",
//!   "Turkey, a rebel backer") are dropped; a name that only locates the
//!   next one ("the Damascus suburb of eastern Ghouta", "the Idlib
//!   countryside town of X") helps choose it but is not returned.
//! * [`resolve`] scores same-name candidates: other places in the article
//!   (distance), the governorate and country in focus, the home country
//!   ([`Geocoder::with_home_country`]), kind and population; never file
//!   order. "The Zahraa district of Homs" keeps the Zahraa inside Homs.

pub mod context;
pub mod resolve;
mod text;
pub mod words;

use std::fmt;
use std::ops::Range;

use gazetteer::{Gazetteer, PlaceKind};

/// Finds and resolves place mentions; owns the gazetteer.
pub struct Geocoder {
    gazetteer: Gazetteer,
    actors: aho_corasick::AhoCorasick,
    /// Per gazetteer country id: `FUZZY` | `LEVANT` bits.
    country_class: Vec<u8>,
    /// ISO code of the country the reporting is about (see
    /// [`Geocoder::with_home_country`]).
    home_country: String,
}

/// The home country unless told otherwise: eventmap was started for the
/// war in Syria.
pub const DEFAULT_HOME_COUNTRY: &str = "SY";

/// Country class bit: Arabic-transliteration zone (`resolve::FUZZY_ZONE`).
const FUZZY: u8 = 1;
/// Country class bit: `gazetteer::index::LEVANT`.
const LEVANT: u8 = 2;

/// Every place mention of one text.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedText {
    /// Mentions in text order.
    pub mentions: Vec<PlaceMention>,
    /// The governorate the article is about, when clear (precision 3).
    pub focus: Option<ResolvedPlace>,
    /// Named places not in the gazetteer ("the town of Xyzabad").
    pub unresolved: Vec<UnresolvedMention>,
}

/// One resolved mention.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte range of the place name in the text.
    pub span: Range<usize>,
    /// Byte range of the whole phrase incl. relation words; = `span` when none.
    pub phrase_span: Range<usize>,
    /// The words that named the place, as written.
    pub place_mention: String,
    /// The place.
    pub place: ResolvedPlace,
}

/// A place as chosen for a mention.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedPlace {
    /// Gazetteer id (`geonames:170592`).
    pub place_id: String,
    /// Display name.
    pub location: String,
    /// Governorate.
    pub admin1: Option<String>,
    /// District.
    pub admin2: Option<String>,
    /// ISO alpha-2 country.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// 1 the place itself; 2 near/part of it; 3 region/country at centroid or capital.
    pub geo_precision: u8,
    /// Kind of place.
    pub kind: PlaceKind,
    /// The normalised name variant that matched.
    pub variant: String,
    /// Why this record won.
    pub rule: String,
    /// Score of the record.
    pub score: f32,
}

/// A named place that is not in the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedMention {
    /// Byte range of the name.
    pub span: Range<usize>,
    /// The name as written.
    pub text: String,
}

/// One candidate record for a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The record, scored.
    pub place: ResolvedPlace,
    /// True for the one chosen.
    pub chosen: bool,
}

impl fmt::Display for ResolvedPlace {
    /// One line: name, record, coordinates, admin, kind, precision,
    /// variant, score, rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let admin =
            |a: &Option<String>| a.as_deref().map(|a| format!(" / {a}")).unwrap_or_default();
        write!(
            f,
            "{} [{}] {:.5}, {:.5} {}{}{} {} precision {} variant {:?} score {:.2} rule: {}",
            self.location,
            self.place_id,
            self.lat,
            self.lon,
            self.country,
            admin(&self.admin1),
            admin(&self.admin2),
            self.kind,
            self.geo_precision,
            self.variant,
            self.score,
            self.rule
        )
    }
}

impl fmt::Display for Candidate {
    /// One line for `eventmap geocode`: the chosen one marked `*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", if self.chosen { "*" } else { " " }, self.place)
    }
}

impl Geocoder {
    /// A geocoder over a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let patterns: Vec<String> = words::ACTOR_PHRASES
            .iter()
            .filter_map(|a| gazetteer::normalize::key(a))
            .map(|k| gazetteer::normalize::pattern_of_key(&k))
            .collect();
        let actors = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("actor automaton");
        let country_class = (0..gazetteer.country_count())
            .map(|c| {
                let cc = gazetteer.country(c);
                let mut class = 0;
                if resolve::FUZZY_ZONE.contains(&cc) {
                    class |= FUZZY;
                }
                if gazetteer::index::LEVANT.contains(&cc) {
                    class |= LEVANT;
                }
                class
            })
            .collect();
        Geocoder {
            gazetteer,
            actors,
            country_class,
            home_country: DEFAULT_HOME_COUNTRY.to_string(),
        }
    }

    /// Sets the country the reporting is about (ISO alpha-2, e.g. `IQ`,
    /// `LB`): among same-name places it is preferred when nothing in the
    /// text names a country, and loose spellings of its villages are
    /// trusted. The default is [`DEFAULT_HOME_COUNTRY`].
    pub fn with_home_country(mut self, country: &str) -> Self {
        self.home_country = country.trim().to_ascii_uppercase();
        self
    }

    /// The country the reporting is about.
    pub fn home_country(&self) -> &str {
        &self.home_country
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds and resolves every place mention in one article's full text
    /// (title + body).
    pub fn resolve_text(&self, text: &str) -> ResolvedText {
        resolve::resolve(self, text).0
    }

    /// Candidates for one name, chosen first, for
    /// `eventmap geocode NAME --context TEXT`.
    pub fn explain(&self, name: &str, context: Option<&str>) -> Vec<Candidate> {
        resolve::explain(self, name, context)
    }
}

#[cfg(test)]
mod tests;
