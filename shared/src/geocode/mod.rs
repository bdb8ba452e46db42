//! The geocoder: finds every place mention in an article and decides which
//! record each one means, and how precisely.
//!
//! * `gazetteer` finds names (one pass over the words, an aho-corasick
//!   automaton for names of several words) and their candidates.
//! * [`words`] drops false places: stop words, demonyms, first names, and
//!   names inside actor names (Jaish al-Islam, Hayat Tahrir al-Sham); with
//!   it `people` tells people from places ("Abu Mohammed", "Salma Hayek",
//!   "Mustafa Bali", "Hala, a mother of four", "Foreign Minister Asaad
//!   al-Shaibani").
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
mod people;
pub mod resolve;
mod text;
pub mod words;

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use gazetteer::{Gazetteer, PlaceKind};

/// Finds and resolves place mentions; owns the gazetteer.
pub struct Geocoder {
    gazetteer: Gazetteer,
    actors: Actors,
    /// Per gazetteer country id: `FUZZY` | `LEVANT` bits.
    country_class: Vec<u8>,
    /// Per place, filled on first use: what scoring reads of its record
    /// besides the index's columns (see [`Geocoder::place_facts`]), so a
    /// candidate's record is not read again in every article.
    facts: Vec<PlaceFacts>,
    /// ISO code of the country the reporting is about (see
    /// [`Geocoder::with_home_country`]).
    home_country: String,
    /// Its country id, if any place has it.
    home_country_id: Option<u16>,
    /// Tells this geocoder's entries apart in the per-thread postings
    /// cache (`resolve::POSTINGS`).
    id: u64,
}

/// The home country unless told otherwise: eventmap was started for the
/// war in Syria.
pub const DEFAULT_HOME_COUNTRY: &str = "SY";

/// What scoring reads of a place record, in one cache line's reach: its
/// feature class, the light id of its name and its coordinates (`f64`
/// bits). `facts` is 0 until the others are set.
#[derive(Default)]
struct PlaceFacts {
    facts: AtomicU32,
    lat: AtomicU64,
    lon: AtomicU64,
}

/// A copy of a place's [`PlaceFacts`], kept with a candidate so scoring
/// reads them next to its other columns.
#[derive(Clone, Copy, Default)]
pub(crate) struct Facts {
    /// As `PlaceFacts::facts`.
    packed: u32,
    /// Latitude and longitude, as in the record.
    pub lat: f64,
    pub lon: f64,
    /// `lat.to_radians().cos()`, for distances.
    pub cos_lat: f64,
}

impl Facts {
    /// The class of the place's feature code (`FC_*`).
    pub fn feature_class(&self) -> u32 {
        self.packed >> FACTS_CLASS_SHIFT & 7
    }

    /// Whether the record names its governorate (`admin1`).
    pub fn in_governorate(&self) -> bool {
        self.packed & FACTS_ADMIN1 != 0
    }

    /// Whether the light form `light_id` is the place's own name's.
    pub fn is_own_name(&self, light_id: usize) -> bool {
        let own = self.packed & FACTS_LIGHT;
        own != FACTS_LIGHT && own as usize == light_id
    }
}

/// [`Geocoder::place_facts`]: set once computed.
const FACTS_KNOWN: u32 = 1 << 31;
/// Bits 28..31: the feature code's class (`FC_*`).
const FACTS_CLASS_SHIFT: u32 = 28;
/// Bit 27: the record names its governorate.
const FACTS_ADMIN1: u32 = 1 << 27;
/// Bits 0..27: the light id of the place's own name, or all ones.
const FACTS_LIGHT: u32 = (1 << 27) - 1;
/// Feature code classes.
pub(crate) const FC_OTHER: u32 = 0;
pub(crate) const FC_PPLC: u32 = 1;
pub(crate) const FC_PPLA: u32 = 2;
pub(crate) const FC_PPLA2: u32 = 3;
/// Another code starting with `PPLA` (PPLA3, PPLA4).
pub(crate) const FC_PPLA_OTHER: u32 = 4;

/// FxHash (as in rustc): the geocoder's maps and sets have short keys and
/// no use for SipHash's resistance to chosen keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut x = [0u8; 8];
            x[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(x));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` hashed by [`FxHasher`].
pub(crate) type FxMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

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

/// Actor names ("Jaish al-Islam") as sequences of word keys, matched
/// leftmost-longest over a normalised text's words. Their keys are whole
/// words, so this finds what an aho-corasick automaton of their patterns
/// (` jash  aslam `) finds over the normalised text, without reading the
/// text byte by byte: most words are ruled out by one bit of a table
/// indexed by their first byte.
struct Actors {
    /// Per first byte of a key: bit `actor_bit(key)` set for the first
    /// word of every pattern.
    first: Box<[u64; 256]>,
    /// Patterns (their words), grouped by first word.
    by_first: FxMap<Box<[u8]>, Vec<ActorPattern>>,
}

/// An actor pattern's words (keys).
type ActorPattern = Vec<Box<[u8]>>;

/// A key's bit in `Actors::first`: from its length and last byte.
fn actor_bit(w: &[u8]) -> u32 {
    (w.len() as u32 * 7 + w[w.len() - 1] as u32) % 64
}

impl Actors {
    fn new(keys: impl Iterator<Item = String>) -> Self {
        let mut first = Box::new([0u64; 256]);
        let mut by_first: FxMap<Box<[u8]>, Vec<ActorPattern>> = FxMap::default();
        for k in keys {
            let p: ActorPattern = k.split(' ').map(|w| w.as_bytes().into()).collect();
            if p.iter().any(|w| w.is_empty()) {
                continue;
            }
            let w = &p[0];
            first[w[0] as usize] |= 1 << actor_bit(w);
            by_first.entry(w.clone()).or_default().push(p);
        }
        Actors { first, by_first }
    }

    /// Byte ranges (in the original text) of the actor names in `norm`,
    /// leftmost-longest, not overlapping.
    fn spans(&self, norm: &gazetteer::normalize::NormalizedText) -> Vec<Range<usize>> {
        let toks = &norm.tokens;
        let bytes = norm.text.as_bytes();
        let key = |i: usize| &bytes[toks[i].norm.start + 1..toks[i].norm.end - 1];
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let k = key(i);
            if k.is_empty() || self.first[k[0] as usize] >> actor_bit(k) & 1 == 0 {
                i += 1;
                continue;
            }
            let longest = self.by_first.get(k).and_then(|ps| {
                ps.iter()
                    .filter(|p| {
                        p.len() <= toks.len() - i
                            && p.iter().enumerate().all(|(j, w)| key(i + j) == &w[..])
                    })
                    .map(Vec::len)
                    .max()
            });
            match longest {
                Some(n) => {
                    out.push(toks[i].orig.start..toks[i + n - 1].orig.end);
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The gazetteer's id of a country code, if any place has it.
fn country_id(gazetteer: &Gazetteer, code: &str) -> Option<u16> {
    (0..gazetteer.country_count())
        .find(|&c| gazetteer.country(c) == code)
        .map(|c| c as u16)
}

impl Geocoder {
    /// A geocoder over a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let actors = Actors::new(
            words::ACTOR_PHRASES
                .iter()
                .filter_map(|a| gazetteer::normalize::key(a)),
        );
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
        let facts = (0..gazetteer.len())
            .map(|_| PlaceFacts::default())
            .collect();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Geocoder {
            home_country: DEFAULT_HOME_COUNTRY.to_string(),
            home_country_id: country_id(&gazetteer, DEFAULT_HOME_COUNTRY),
            gazetteer,
            actors,
            country_class,
            facts,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Sets the country the reporting is about (ISO alpha-2, e.g. `IQ`,
    /// `LB`): among same-name places it is preferred when nothing in the
    /// text names a country, and loose spellings of its villages are
    /// trusted. The default is [`DEFAULT_HOME_COUNTRY`].
    pub fn with_home_country(mut self, country: &str) -> Self {
        self.home_country = country.trim().to_ascii_uppercase();
        self.home_country_id = country_id(&self.gazetteer, &self.home_country);
        self
    }

    /// The country the reporting is about.
    pub fn home_country(&self) -> &str {
        &self.home_country
    }
    /// A place's feature code class and the light id of its own name,
    /// packed (see `FACTS_*`); computed from its record once.
    fn place_facts(&self, place: usize) -> u32 {
        let f = &self.facts[place];
        let known = f.facts.load(Ordering::Acquire);
        if known != 0 {
            return known;
        }
        let p = self.gazetteer.place(place);
        f.lat.store(p.lat.to_bits(), Ordering::Relaxed);
        f.lon.store(p.lon.to_bits(), Ordering::Relaxed);
        let class = match p.feature_code.as_str() {
            "PPLC" => FC_PPLC,
            "PPLA" => FC_PPLA,
            "PPLA2" => FC_PPLA2,
            c if c.starts_with("PPLA") => FC_PPLA_OTHER,
            _ => FC_OTHER,
        };
        let light = gazetteer::normalize::light(&p.name)
            .and_then(|l| self.gazetteer.light_id(&l))
            .map_or(FACTS_LIGHT, |id| (id as u32).min(FACTS_LIGHT));
        let admin1 = if p.admin1.is_some() { FACTS_ADMIN1 } else { 0 };
        let facts = FACTS_KNOWN | class << FACTS_CLASS_SHIFT | admin1 | light;
        // Release: a thread that sees the facts sees the coordinates.
        f.facts.store(facts, Ordering::Release);
        facts
    }

    /// What scoring reads of a place's record (computed once).
    pub(crate) fn facts_of(&self, place: usize) -> Facts {
        let packed = self.place_facts(place);
        let f = &self.facts[place];
        let lat = f64::from_bits(f.lat.load(Ordering::Relaxed));
        Facts {
            packed,
            lat,
            lon: f64::from_bits(f.lon.load(Ordering::Relaxed)),
            cos_lat: lat.to_radians().cos(),
        }
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
    /// `eventmap geocode NAME --context TEXT`: the name where the context
    /// has it (the words around it count), else read after the context.
    pub fn explain(&self, name: &str, context: Option<&str>) -> Vec<Candidate> {
        resolve::explain(self, name, context)
    }
}

#[cfg(test)]
mod tests;
