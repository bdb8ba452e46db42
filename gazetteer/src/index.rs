//! The built index: places plus normalised name keys → places, with a
//! compact byte form (`to_bytes`/`from_bytes`) loaded by the CLI and the page.
//! [`Builder`] merges the source layers into it.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Read};

use std::sync::OnceLock;

use crate::matcher::{word_code, MultiWordNames, WordTable, CODE_LEN, MAX_WORDS};
use crate::normalize::{key_of_light, light};
use crate::sources::{admin::AdminNames, curated, geonames, wof, Format, SourceRecord};
use crate::{Error, Place, PlaceKind, Result, Warning};

/// Countries whose places keep all their Latin alternate names (the press
/// transliterates them many ways) and may match by key, not only by exact
/// spelling.
pub const LEVANT: &[&str] = &["SY", "LB", "JO", "IQ", "TR", "PS", "IL"];

/// Places elsewhere keep alternate names only above this population.
pub const WORLD_ALT_NAMES_MIN_POPULATION: u64 = 100_000;

const MAGIC: &[u8; 8] = b"EVMGAZ\0\0";
/// Version of the byte format; bump when [`IndexData`] changes.
/// 3: sections of little-endian arrays; places encoded one by one and
/// decoded lazily; keys and light forms as string tables; the matcher's
/// word vocabulary and multi-word patterns stored ready to use.
/// 4: "Kafr X" names also keyed joined, and joined Kafr spellings fold
/// to `kafr` (an index of version 3 would miss them silently).
pub const FORMAT_VERSION: u32 = 4;

/// Arabic-transliteration zone: places here may match by key alone.
pub const ARABIC_ZONE: &[&str] = &["SY", "LB", "JO", "IQ", "PS"];

/// One name of one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Posting {
    place: u32,
    light: u32,
}

/// Strings stored end to end: string `i` is `text[start[i]..start[i + 1]]`.
#[derive(Clone, Debug, Default)]
struct StrTable {
    text: String,
    start: Vec<u32>,
}

impl StrTable {
    fn from_iter<'a>(it: impl IntoIterator<Item = &'a str>) -> Self {
        let mut t = StrTable {
            text: String::new(),
            start: vec![0],
        };
        for s in it {
            t.text.push_str(s);
            t.start.push(t.text.len() as u32);
        }
        t
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn get(&self, i: usize) -> &str {
        &self.text[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// For a sorted table: the ids of strings starting with bytes `a b`
    /// are `index[c]..index[c + 1]`, `c = prefix_code(s)`. Narrows a search
    /// to a few dozen strings at the cost of one table read.
    fn prefix_index(&self) -> Vec<u32> {
        let mut index = Vec::with_capacity(PREFIXES + 1);
        let mut id = 0;
        for c in 0..=PREFIXES {
            while id < self.len() && prefix_code(self.get(id)) < c {
                id += 1;
            }
            index.push(id as u32);
        }
        index
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Position of `s` in a sorted table.
    fn binary_search(&self, s: &str) -> Option<usize> {
        self.binary_search_in(0, self.len(), s)
    }

    /// Position of `s` in a sorted table, searched in `lo..hi`.
    fn binary_search_in(&self, mut lo: usize, mut hi: usize, s: &str) -> Option<usize> {
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(s) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// Number of two-byte prefixes (see [`StrTable::prefix_index`]).
const PREFIXES: usize = 1 << 16;

/// A string's first two bytes as a number (0 for a missing byte): in a
/// table sorted by bytes, codes never decrease.
fn prefix_code(s: &str) -> usize {
    let b = s.as_bytes();
    (*b.first().unwrap_or(&0) as usize) << 8 | *b.get(1).unwrap_or(&0) as usize
}

/// What is serialised. Places are kept encoded (postcard, one by one) and
/// decoded when first used; the columns needed to filter candidates are
/// stored alongside.
#[derive(Clone, Debug, Default)]
struct IndexData {
    /// `place_bytes[place_start[i]..place_start[i + 1]]` encodes place `i`.
    place_bytes: Vec<u8>,
    place_start: Vec<u32>,
    /// Per place: country (index into `countries`), kind, population, flags.
    place_country: Vec<u16>,
    place_kind: Vec<u8>,
    place_population: Vec<u64>,
    place_flags: Vec<u8>,
    countries: StrTable,
    /// Sorted, unique keys; a key's id is its position.
    keys: StrTable,
    /// `postings[key_start[k]..key_start[k + 1]]` are the places named by key `k`.
    key_start: Vec<u32>,
    postings: Vec<Posting>,
    /// Unique light forms of names.
    lights: StrTable,
    /// Matching (see `matcher`): sorted distinct words of all keys.
    words: StrTable,
    /// Per word: the id of the one-word key equal to it, or `u32::MAX`.
    word_key: Vec<u32>,
    /// Multi-word keys: key id per pattern, and the patterns (word codes),
    /// pattern `i` being `multi_codes[multi_start[i]..multi_start[i + 1]]`.
    multi_key: Vec<u32>,
    multi_codes: Vec<u8>,
    multi_start: Vec<u32>,
}

const FLAG_CURATED: u8 = 1;

const KINDS: [PlaceKind; 6] = [
    PlaceKind::Country,
    PlaceKind::Region,
    PlaceKind::District,
    PlaceKind::Locality,
    PlaceKind::Neighbourhood,
    PlaceKind::Area,
];

fn kind_code(k: PlaceKind) -> u8 {
    KINDS.iter().position(|&x| x == k).expect("kind") as u8
}

impl IndexData {
    /// `curated`: per place, whether the curated layer made or enriched it.
    fn set_places(&mut self, places: &[Place], curated: &[bool]) {
        let mut countries: Vec<&str> = places.iter().map(|p| p.country.as_str()).collect();
        countries.sort_unstable();
        countries.dedup();
        self.countries = StrTable::from_iter(countries.iter().copied());
        self.place_start = vec![0];
        for (p, &curated) in places.iter().zip(curated) {
            let enc = postcard::to_allocvec(p).expect("in-memory serialisation");
            self.place_bytes.extend_from_slice(&enc);
            self.place_start.push(self.place_bytes.len() as u32);
            self.place_country.push(
                countries
                    .binary_search(&p.country.as_str())
                    .expect("known country") as u16,
            );
            self.place_kind.push(kind_code(p.kind));
            self.place_population.push(p.population);
            self.place_flags
                .push(if curated { FLAG_CURATED } else { 0 });
        }
    }

    /// Derives the matcher's tables from the keys.
    fn set_matching(&mut self) {
        let mut words: Vec<&str> = self.keys.iter().flat_map(|k| k.split(' ')).collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() < MAX_WORDS as usize, "vocabulary too large");
        let id = |w: &str| words.binary_search(&w).expect("known word") as u32;
        let mut word_key = vec![u32::MAX; words.len()];
        let (mut multi_key, mut multi_codes, mut multi_start) = (Vec::new(), Vec::new(), vec![0]);
        for (k, key) in self.keys.iter().enumerate() {
            if key.contains(' ') {
                for w in key.split(' ') {
                    multi_codes.extend_from_slice(&word_code(id(w)));
                }
                multi_start.push(multi_codes.len() as u32);
                multi_key.push(k as u32);
            } else {
                word_key[id(key) as usize] = k as u32;
            }
        }
        self.words = StrTable::from_iter(words.iter().copied());
        self.word_key = word_key;
        self.multi_key = multi_key;
        self.multi_codes = multi_codes;
        self.multi_start = multi_start;
    }

    /// Each multi-word name's word codes and key id.
    fn multi_patterns(&self) -> impl Iterator<Item = (&[u8], u32)> + Clone + '_ {
        self.multi_start
            .windows(2)
            .map(|w| &self.multi_codes[w[0] as usize..w[1] as usize])
            .zip(self.multi_key.iter().copied())
    }

    fn places_len(&self) -> usize {
        self.place_start.len().saturating_sub(1)
    }

    /// Decodes place `i`. Records are not checked at load (that would
    /// cost the decoding that laziness saves); a corrupt record decodes as
    /// a placeholder with the id `corrupt:i`.
    fn decode_place(&self, i: usize) -> Place {
        let b = &self.place_bytes[self.place_start[i] as usize..self.place_start[i + 1] as usize];
        postcard::from_bytes(b).unwrap_or_else(|_| Place {
            id: format!("corrupt:{i}"),
            name: String::new(),
            lat: 0.0,
            lon: 0.0,
            country: String::new(),
            admin1: None,
            admin2: None,
            kind: PlaceKind::Area,
            population: 0,
            feature_code: String::new(),
        })
    }

    fn write(&self, out: &mut Vec<u8>) {
        fn bytes(out: &mut Vec<u8>, b: &[u8]) {
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
        fn u32s(out: &mut Vec<u8>, v: impl ExactSizeIterator<Item = u32>) {
            out.extend_from_slice(&(v.len() as u64 * 4).to_le_bytes());
            for x in v {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        fn table(out: &mut Vec<u8>, t: &StrTable) {
            bytes(out, t.text.as_bytes());
            u32s(out, t.start.iter().copied());
        }
        bytes(out, &self.place_bytes);
        u32s(out, self.place_start.iter().copied());
        let mut cc = Vec::with_capacity(self.place_country.len() * 2);
        for c in &self.place_country {
            cc.extend_from_slice(&c.to_le_bytes());
        }
        bytes(out, &cc);
        bytes(out, &self.place_kind);
        let mut pop = Vec::with_capacity(self.place_population.len() * 8);
        for p in &self.place_population {
            pop.extend_from_slice(&p.to_le_bytes());
        }
        bytes(out, &pop);
        bytes(out, &self.place_flags);
        table(out, &self.countries);
        table(out, &self.keys);
        u32s(out, self.key_start.iter().copied());
        u32s(
            out,
            self.postings
                .iter()
                .flat_map(|p| [p.place, p.light])
                .collect::<Vec<_>>()
                .into_iter(),
        );
        table(out, &self.lights);
        table(out, &self.words);
        u32s(out, self.word_key.iter().copied());
        u32s(out, self.multi_key.iter().copied());
        bytes(out, &self.multi_codes);
        u32s(out, self.multi_start.iter().copied());
    }

    fn read(mut b: &[u8]) -> std::result::Result<Self, String> {
        fn section<'a>(b: &mut &'a [u8]) -> std::result::Result<&'a [u8], String> {
            if b.len() < 8 {
                return Err("truncated".into());
            }
            let n = u64::from_le_bytes(b[..8].try_into().expect("8 bytes")) as usize;
            if b.len() - 8 < n {
                return Err("truncated section".into());
            }
            let s = &b[8..8 + n];
            *b = &b[8 + n..];
            Ok(s)
        }
        fn u32s(b: &mut &[u8]) -> std::result::Result<Vec<u32>, String> {
            let s = section(b)?;
            if s.len() % 4 != 0 {
                return Err("bad u32 section".into());
            }
            Ok(s.chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
                .collect())
        }
        fn table(b: &mut &[u8]) -> std::result::Result<StrTable, String> {
            let text = std::str::from_utf8(section(b)?)
                .map_err(|e| e.to_string())?
                .to_string();
            let start = u32s(b)?;
            let ok = start.first() == Some(&0)
                && start.windows(2).all(|w| w[0] <= w[1])
                && start.last().is_some_and(|&e| e as usize == text.len())
                && start.iter().all(|&i| text.is_char_boundary(i as usize));
            if !ok {
                return Err("bad string table".into());
            }
            Ok(StrTable { text, start })
        }
        let place_bytes = section(&mut b)?.to_vec();
        let place_start = u32s(&mut b)?;
        let place_country: Vec<u16> = section(&mut b)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let place_kind = section(&mut b)?.to_vec();
        let place_population: Vec<u64> = section(&mut b)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        let place_flags = section(&mut b)?.to_vec();
        let countries = table(&mut b)?;
        let keys = table(&mut b)?;
        let key_start = u32s(&mut b)?;
        let postings: Vec<Posting> = u32s(&mut b)?
            .chunks_exact(2)
            .map(|c| Posting {
                place: c[0],
                light: c[1],
            })
            .collect();
        let lights = table(&mut b)?;
        let words = table(&mut b)?;
        let word_key = u32s(&mut b)?;
        let multi_key = u32s(&mut b)?;
        let multi_codes = section(&mut b)?.to_vec();
        let multi_start = u32s(&mut b)?;
        let n = place_start.len().saturating_sub(1);
        let ok = !place_start.is_empty()
            && place_start.first() == Some(&0)
            && place_start.windows(2).all(|w| w[0] <= w[1])
            && place_start
                .last()
                .is_some_and(|&e| e as usize == place_bytes.len())
            && place_country.len() == n
            && place_kind.len() == n
            && place_population.len() == n
            && place_flags.len() == n
            && place_country
                .iter()
                .all(|&c| (c as usize) < countries.len())
            && place_kind.iter().all(|&k| (k as usize) < KINDS.len())
            && key_start.len() == keys.len() + 1
            && key_start.first() == Some(&0)
            && key_start.windows(2).all(|w| w[0] <= w[1])
            && key_start
                .last()
                .is_some_and(|&e| e as usize == postings.len())
            && postings
                .iter()
                .all(|p| (p.place as usize) < n && (p.light as usize) < lights.len())
            && words.len() < MAX_WORDS as usize
            && word_key.len() == words.len()
            && word_key
                .iter()
                .all(|&k| k == u32::MAX || (k as usize) < keys.len())
            && multi_key.iter().all(|&k| (k as usize) < keys.len())
            && multi_start.len() == multi_key.len() + 1
            && multi_start.first() == Some(&0)
            && multi_start
                .windows(2)
                .all(|w| w[0] < w[1] && (w[1] - w[0]) as usize % CODE_LEN == 0)
            && multi_start
                .last()
                .is_some_and(|&e| e as usize == multi_codes.len())
            && multi_codes
                .chunks(CODE_LEN)
                .all(|c| c[0] & 0x80 != 0 && c[1] & 0x80 == 0 && c[2] & 0x80 == 0);
        if !ok {
            return Err("inconsistent tables".into());
        }
        Ok(IndexData {
            place_bytes,
            place_start,
            place_country,
            place_kind,
            place_population,
            place_flags,
            countries,
            keys,
            key_start,
            postings,
            lights,
            words,
            word_key,
            multi_key,
            multi_codes,
            multi_start,
        })
    }
}

/// A place named by a key, with the name's light form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NamedPlace<'a> {
    /// Index of the place in [`Gazetteer::places`].
    pub place: usize,
    /// The light form of the name (see [`crate::normalize::light`]).
    pub light: &'a str,
}

/// Sizes of an index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndexStats {
    /// Places.
    pub places: usize,
    /// (name, place) pairs.
    pub names: usize,
    /// Distinct keys (automaton patterns).
    pub keys: usize,
    /// Size of `to_bytes()`.
    pub bytes: usize,
    /// Heap bytes of the matching automaton.
    pub automaton_bytes: usize,
}

/// The gazetteer: places, their names, and a matcher over the names.
/// Places are decoded from the index bytes when first used.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    data: IndexData,
    /// Places decoded one by one (`place`).
    decoded: Vec<OnceLock<Box<Place>>>,
    /// All places, decoded at once (`places`, or by the builder).
    all: OnceLock<Vec<Place>>,
    /// `lights.prefix_index()`, built on first `light_id`.
    light_prefix: OnceLock<Vec<u32>>,
    /// The names of several words.
    pub(crate) multi: MultiWordNames,
    words: WordTable,
    bytes_len: usize,
    /// Tells this gazetteer's word ids apart in the per-thread word memo.
    memo_id: u64,
}

impl Gazetteer {
    fn from_data(data: IndexData, all: Option<Vec<Place>>) -> Self {
        let multi = MultiWordNames::new(data.multi_patterns(), data.words.len());
        let words = WordTable::new(data.words.iter());
        let n = data.places_len();
        let decoded = if all.is_some() {
            Vec::new()
        } else {
            (0..n).map(|_| OnceLock::new()).collect()
        };
        let cell = OnceLock::new();
        if let Some(all) = all {
            let _ = cell.set(all);
        }
        static NEXT_MEMO_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Gazetteer {
            data,
            decoded,
            all: cell,
            light_prefix: OnceLock::new(),
            multi,
            words,
            bytes_len: 0,
            memo_id: NEXT_MEMO_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// See `memo`: a number no other gazetteer of this process has (a
    /// clone has the same words, so the same number).
    pub(crate) fn memo_id(&self) -> u64 {
        self.memo_id
    }

    /// All places; a place's index in this slice is its handle. Decodes
    /// every place on first call (`place` decodes only the one asked for).
    pub fn places(&self) -> &[Place] {
        self.all.get_or_init(|| {
            (0..self.data.places_len())
                .map(|i| self.data.decode_place(i))
                .collect()
        })
    }

    /// The place at an index.
    pub fn place(&self, index: usize) -> &Place {
        if let Some(all) = self.all.get() {
            return &all[index];
        }
        self.decoded[index].get_or_init(|| Box::new(self.data.decode_place(index)))
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.data.places_len()
    }

    /// True for an index without places.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The country code of a place, without decoding it.
    pub fn place_country(&self, index: usize) -> &str {
        self.data
            .countries
            .get(self.data.place_country[index] as usize)
    }

    /// The country of a place as an index into [`Gazetteer::country`],
    /// without decoding it.
    pub fn place_country_id(&self, index: usize) -> usize {
        self.data.place_country[index] as usize
    }

    /// Number of distinct countries of places.
    pub fn country_count(&self) -> usize {
        self.data.countries.len()
    }

    /// A country code by its index (see [`Gazetteer::place_country_id`]).
    pub fn country(&self, id: usize) -> &str {
        self.data.countries.get(id)
    }

    /// The kind of a place, without decoding it.
    pub fn place_kind(&self, index: usize) -> PlaceKind {
        KINDS[self.data.place_kind[index] as usize]
    }

    /// The population of a place, without decoding it.
    pub fn place_population(&self, index: usize) -> u64 {
        self.data.place_population[index]
    }

    /// True for places the curated layer made or enriched (named in
    /// reporting), without decoding.
    pub fn place_is_curated(&self, index: usize) -> bool {
        self.data.place_flags[index] & FLAG_CURATED != 0
    }

    /// The place with a given id (`geonames:170592`), by linear search.
    pub fn place_by_id(&self, id: &str) -> Option<usize> {
        self.places().iter().position(|p| p.id == id)
    }

    /// The vocabulary id of a key word.
    pub(crate) fn word_id(&self, word: &str) -> Option<usize> {
        self.words.get(word, |i| self.data.words.get(i))
    }

    /// The one-word key equal to a vocabulary word, or `u32::MAX`.
    pub(crate) fn single_key(&self, word_id: usize) -> u32 {
        self.data.word_key[word_id]
    }

    /// The key of a key id.
    pub fn key(&self, key_id: usize) -> &str {
        self.data.keys.get(key_id)
    }

    /// The id of a key, if any name has it.
    pub fn key_id(&self, key: &str) -> Option<usize> {
        self.data.keys.binary_search(key)
    }

    /// The places named by a key id, in place order (a place named twice
    /// by one key comes in adjacent entries).
    pub fn named(&self, key_id: usize) -> impl Iterator<Item = NamedPlace<'_>> + '_ {
        let (a, b) = (
            self.data.key_start[key_id] as usize,
            self.data.key_start[key_id + 1] as usize,
        );
        self.data.postings[a..b].iter().map(|p| NamedPlace {
            place: p.place as usize,
            light: self.data.lights.get(p.light as usize),
        })
    }

    /// As [`Gazetteer::named`], with light forms as ids (see
    /// [`Gazetteer::light_id`]): `(place, light id)`.
    pub fn named_ids(&self, key_id: usize) -> impl ExactSizeIterator<Item = (usize, usize)> + '_ {
        let (a, b) = (
            self.data.key_start[key_id] as usize,
            self.data.key_start[key_id + 1] as usize,
        );
        self.data.postings[a..b]
            .iter()
            .map(|p| (p.place as usize, p.light as usize))
    }

    /// The id of a light form, if some name has it.
    pub fn light_id(&self, light: &str) -> Option<usize> {
        // The geocoder asks this for most names it finds: search only the
        // lights sharing the first two bytes.
        let lights = &self.data.lights;
        let prefix = self.light_prefix.get_or_init(|| lights.prefix_index());
        let c = prefix_code(light);
        lights.binary_search_in(prefix[c] as usize, prefix[c + 1] as usize, light)
    }

    /// [`Gazetteer::light_id`] of the light form of one word (as
    /// `tokenize` splits a text), remembered per thread (see `memo`): the
    /// geocoder asks it for most names it finds, and they are one word.
    pub fn word_light_id(&self, word: &str) -> Option<usize> {
        let info = crate::memo::with(self, |m| m.word(self, word).0);
        (info.light != u32::MAX).then_some(info.light as usize)
    }

    /// The light form of an id.
    pub fn light(&self, id: usize) -> &str {
        self.data.lights.get(id)
    }

    /// The places a name (any spelling) can refer to.
    pub fn lookup(&self, name: &str) -> Vec<NamedPlace<'_>> {
        crate::normalize::key(name)
            .and_then(|k| self.key_id(&k))
            .map(|id| self.named(id).collect())
            .unwrap_or_default()
    }

    /// The light names of a place (slow: scans all postings; for `explain`).
    pub fn names_of(&self, place: usize) -> Vec<&str> {
        self.data
            .postings
            .iter()
            .filter(|p| p.place as usize == place)
            .map(|p| self.data.lights.get(p.light as usize))
            .collect()
    }

    /// Sizes of the index.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            places: self.data.places_len(),
            names: self.data.postings.len(),
            keys: self.data.keys.len(),
            bytes: if self.bytes_len > 0 {
                self.bytes_len
            } else {
                self.to_bytes().len()
            },
            automaton_bytes: self.multi.memory_usage() + self.words.memory_usage(),
        }
    }

    /// Serialises the index: an 8-byte magic, a little-endian `u32` format
    /// version, then length-prefixed sections of little-endian arrays.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        self.data.write(&mut out);
        out
    }

    /// Loads an index serialised by [`Gazetteer::to_bytes`] and builds its
    /// matcher. `file` names the source in errors.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Self> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(Error::Version {
                file: file.to_string(),
                expected: FORMAT_VERSION,
                found: String::from_utf8_lossy(&bytes[..bytes.len().min(8)]).into_owned(),
            });
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(Error::Version {
                file: file.to_string(),
                expected: FORMAT_VERSION,
                found: format!("version {version}"),
            });
        }
        let data = IndexData::read(&bytes[12..]).map_err(|message| Error::Corrupt {
            file: file.to_string(),
            message,
        })?;
        let mut g = Self::from_data(data, None);
        g.bytes_len = bytes.len();
        Ok(g)
    }

    /// A copy holding only the places for which `keep` is true (the page's
    /// smaller index: the Levant plus large world cities).
    pub fn subset(&self, keep: impl Fn(&Place) -> bool) -> Gazetteer {
        let mut b = Builder::new();
        let places = self.places();
        let mut map = vec![usize::MAX; places.len()];
        for (i, p) in places.iter().enumerate() {
            if keep(p) {
                map[i] = b.places.len();
                b.places.push(p.clone());
                b.names.push(BTreeSet::new());
                b.curated.push(self.place_is_curated(i));
            }
        }
        for p in &self.data.postings {
            let to = map[p.place as usize];
            if to != usize::MAX {
                b.names[to].insert(self.data.lights.get(p.light as usize).to_string());
            }
        }
        b.build()
    }
}

/// The page's default subset: the Levant, curated places, countries and
/// regions, and world places of at least `min_population`.
pub fn page_filter(min_population: u64) -> impl Fn(&Place) -> bool {
    move |p: &Place| {
        LEVANT.contains(&p.country.as_str())
            || p.id.starts_with("curated:")
            || matches!(p.kind, PlaceKind::Country | PlaceKind::Region)
            || p.population >= min_population
    }
}

/// What one layer added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerStats {
    /// File name or label.
    pub file: String,
    /// Records read.
    pub records: usize,
    /// Records that were new places.
    pub added: usize,
    /// Records merged into an existing place (same GeoNames id).
    pub merged: usize,
    /// Rows skipped with a warning.
    pub warnings: usize,
}

/// Merges source layers into a [`Gazetteer`]. Later layers add names and
/// places; a record with the GeoNames id of an earlier one enriches it.
#[derive(Debug, Default)]
pub struct Builder {
    places: Vec<Place>,
    names: Vec<BTreeSet<String>>,
    by_geonameid: HashMap<u64, usize>,
    /// Per place: made or enriched by the curated layer (named in reporting,
    /// so it is preferred among same-name places).
    curated: Vec<bool>,
    /// Rows skipped so far, in all layers.
    pub warnings: Vec<Warning>,
    /// One entry per layer added.
    pub layers: Vec<LayerStats>,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder holding an existing index's places and names, to add
    /// layers on top (GeoNames ids are recovered from `geonames:` ids).
    pub fn from_gazetteer(g: &Gazetteer) -> Self {
        let mut b = Builder::new();
        for (i, p) in g.places().iter().enumerate() {
            if let Some(id) = p.id.strip_prefix("geonames:").and_then(|s| s.parse().ok()) {
                b.by_geonameid.insert(id, i);
            }
            b.places.push(p.clone());
            b.names.push(BTreeSet::new());
            b.curated.push(g.place_is_curated(i));
        }
        for p in &g.data.postings {
            b.names[p.place as usize].insert(g.data.lights.get(p.light as usize).to_string());
        }
        b
    }

    /// Places so far.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True before any place is added.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Adds one record; returns true if it was merged into an existing place.
    pub fn add_record(&mut self, rec: SourceRecord) -> bool {
        let existing = rec
            .geonameid
            .and_then(|g| self.by_geonameid.get(&g).copied());
        let idx = match existing {
            Some(i) => {
                let p = &mut self.places[i];
                // A town or site the curated layer names is preferred like
                // a curated place; enriching a country or a governorate is
                // only naming it, and must not tip it over its capital.
                self.curated[i] |= rec.curated
                    && !matches!(
                        rec.place.kind,
                        PlaceKind::Country | PlaceKind::Region | PlaceKind::District
                    );
                if rec.curated {
                    // The curated layer names and classifies what it
                    // enriches: English names analysts use ("al-Wafedin
                    // camp", not "Mukhayyam al Wafidin"; "Geneva", not
                    // "Geneve"); coordinates stay the source's.
                    p.name = rec.place.name.clone();
                    p.kind = rec.place.kind;
                    if rec.place.admin1.is_some() {
                        p.admin1 = rec.place.admin1.clone();
                    }
                    if rec.place.admin2.is_some() {
                        p.admin2 = rec.place.admin2.clone();
                    }
                } else if light(&p.name).is_none() && light(&rec.place.name).is_some() {
                    p.name = rec.place.name.clone();
                }
                if p.admin1.is_none() {
                    p.admin1 = rec.place.admin1.clone();
                }
                if p.admin2.is_none() {
                    p.admin2 = rec.place.admin2.clone();
                }
                p.population = p.population.max(rec.place.population);
                i
            }
            None => {
                self.places.push(rec.place.clone());
                self.names.push(BTreeSet::new());
                self.curated.push(rec.curated);
                let i = self.places.len() - 1;
                if let Some(g) = rec.geonameid {
                    self.by_geonameid.insert(g, i);
                }
                i
            }
        };
        let p = &self.places[idx];
        let keep_alts = rec.curated
            || LEVANT.contains(&p.country.as_str())
            || p.population >= WORLD_ALT_NAMES_MIN_POPULATION
            || matches!(p.kind, PlaceKind::Country | PlaceKind::Region);
        let alts: &[String] = if keep_alts { &rec.alt_names } else { &[] };
        for n in rec.names.iter().chain(alts) {
            if let Some(l) = usable_name(n, rec.curated) {
                self.names[idx].insert(l);
            }
        }
        existing.is_some()
    }

    fn add_all(
        &mut self,
        file: &str,
        records: Vec<SourceRecord>,
        warnings: Vec<Warning>,
    ) -> LayerStats {
        let mut st = LayerStats {
            file: file.to_string(),
            records: records.len(),
            warnings: warnings.len(),
            ..Default::default()
        };
        for r in records {
            if self.add_record(r) {
                st.merged += 1;
            } else {
                st.added += 1;
            }
        }
        self.warnings.extend(warnings);
        self.layers.push(st.clone());
        st
    }

    /// Adds a GeoNames dump.
    pub fn add_geonames(
        &mut self,
        reader: impl BufRead,
        file: &str,
        admin: &AdminNames,
    ) -> LayerStats {
        let (mut recs, mut w) = (Vec::new(), Vec::new());
        geonames::parse(reader, file, admin, &mut w, |r| recs.push(r));
        self.add_all(file, recs, w)
    }

    /// Adds a Levant (WOF) TSV.
    pub fn add_wof(&mut self, reader: impl BufRead, file: &str) -> Result<LayerStats> {
        let (mut recs, mut w) = (Vec::new(), Vec::new());
        wof::parse(reader, file, &mut w, |r| recs.push(r))?;
        Ok(self.add_all(file, recs, w))
    }

    /// Adds a curated TSV.
    pub fn add_curated(&mut self, text: &str, file: &str) -> Result<LayerStats> {
        let (mut recs, mut w) = (Vec::new(), Vec::new());
        curated::parse(text, file, &mut w, |r| recs.push(r))?;
        Ok(self.add_all(file, recs, w))
    }

    /// Adds a layer of any supported format, recognised from its first line.
    pub fn add_layer(
        &mut self,
        mut reader: impl BufRead,
        file: &str,
        admin: &AdminNames,
    ) -> Result<LayerStats> {
        let mut first = String::new();
        reader.read_line(&mut first).map_err(|e| Error::Io {
            file: file.to_string(),
            source: e,
        })?;
        let whole = std::io::Cursor::new(first.clone().into_bytes()).chain(reader);
        let whole = std::io::BufReader::new(whole);
        match Format::detect(first.trim_end_matches(['\n', '\r'])) {
            Some(Format::GeoNames) => Ok(self.add_geonames(whole, file, admin)),
            Some(Format::WofTsv) => self.add_wof(whole, file),
            Some(Format::Curated) => {
                let mut text = String::new();
                let mut whole = whole;
                whole.read_to_string(&mut text).map_err(|e| Error::Io {
                    file: file.to_string(),
                    source: e,
                })?;
                self.add_curated(&text, file)
            }
            None => Err(Error::UnknownFormat {
                file: file.to_string(),
                first_line: first.chars().take(80).collect(),
            }),
        }
    }

    /// Builds the index (and its matcher).
    pub fn build(mut self) -> Gazetteer {
        for p in &mut self.places {
            if let Some(clean) = crate::place::display_name(&p.name) {
                p.name = clean;
            }
        }
        let mut lights: Vec<String> = self.names.iter().flatten().cloned().collect();
        lights.sort_unstable();
        lights.dedup();
        let light_id = |l: &str| {
            lights
                .binary_search_by(|x| x.as_str().cmp(l))
                .expect("known light") as u32
        };
        let mut triples: Vec<(String, u32, u32)> = Vec::new();
        for (pi, names) in self.names.iter().enumerate() {
            for l in names {
                triples.push((key_of_light(l), pi as u32, light_id(l)));
                if let Some(joined) = crate::normalize::joined_kafr_key(l) {
                    triples.push((joined, pi as u32, light_id(l)));
                }
            }
        }
        triples.sort_unstable();
        triples.dedup();
        let mut data = IndexData::default();
        let mut keys: Vec<String> = Vec::new();
        for (k, place, light) in triples {
            if keys.last() != Some(&k) {
                data.key_start.push(data.postings.len() as u32);
                keys.push(k);
            }
            data.postings.push(Posting { place, light });
        }
        data.key_start.push(data.postings.len() as u32);
        data.keys = StrTable::from_iter(keys.iter().map(String::as_str));
        data.lights = StrTable::from_iter(lights.iter().map(String::as_str));
        data.set_places(&self.places, &self.curated);
        data.set_matching();
        Gazetteer::from_data(data, Some(self.places))
    }
}

/// The light form of a name if it is worth indexing: Latin script, not a
/// code ("MOW", "NYC") unless curated, at least three letters unless
/// curated, no digits unless curated, at most six words.
fn usable_name(name: &str, curated: bool) -> Option<String> {
    let name = name.trim();
    if !curated {
        if name.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        if name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
    }
    let l = light(name)?;
    if (!curated && l.len() < 3) || l.split(' ').count() > 6 {
        return None;
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(
        id: &str,
        gid: Option<u64>,
        name: &str,
        alts: &[&str],
        cc: &str,
        pop: u64,
    ) -> SourceRecord {
        SourceRecord {
            place: Place {
                id: id.into(),
                name: name.into(),
                lat: 33.5,
                lon: 36.4,
                country: cc.into(),
                admin1: None,
                admin2: None,
                kind: PlaceKind::Locality,
                population: pop,
                feature_code: "PPL".into(),
            },
            geonameid: gid,
            names: vec![name.into()],
            alt_names: alts.iter().map(|s| s.to_string()).collect(),
            curated: false,
        }
    }

    #[test]
    fn light_ids_by_prefix_match_a_full_search() {
        let mut b = Builder::new();
        b.add_curated(curated::CURATED_TSV, "curated.tsv").unwrap();
        let g = b.build();
        let lights = &g.data.lights;
        assert!(lights.len() > 50);
        for i in 0..lights.len() {
            assert_eq!(g.light_id(lights.get(i)), Some(i));
        }
        for s in ["", "a", "zzzz", "douma x", "\u{ff}x", "aa"] {
            assert_eq!(g.light_id(s), lights.binary_search(s), "{s}");
        }
    }

    fn small() -> Gazetteer {
        let mut b = Builder::new();
        b.add_record(record(
            "geonames:170592",
            Some(170592),
            "Douma",
            &["Duma", "DMA"],
            "SY",
            111864,
        ));
        let mut w = record("wof:890442375", Some(170592), "حلب", &["Dūmā"], "SY", 0);
        w.place.admin1 = Some("Rif Dimashq".into());
        assert!(b.add_record(w), "merged by geonameid");
        b.add_record(record(
            "geonames:1",
            Some(1),
            "Hope",
            &["Espoir"],
            "CA",
            6000,
        ));
        b.build()
    }

    #[test]
    fn merges_and_filters_names() {
        let g = small();
        assert_eq!(g.places().len(), 2);
        assert_eq!(g.place(0).admin1.as_deref(), Some("Rif Dimashq"));
        let mut douma: Vec<_> = g.lookup("Douma").iter().map(|n| n.place).collect();
        douma.dedup();
        assert_eq!(douma, [0]);
        let mut names = g.names_of(0);
        names.sort();
        assert_eq!(names, ["douma", "duma"], "code DMA dropped, Arabic dropped");
        assert!(
            g.lookup("Espoir").is_empty(),
            "small world place: no alternates"
        );
    }

    #[test]
    fn curated_layer_names_what_it_enriches() {
        let mut b = Builder::new();
        b.add_record(record(
            "wof:1327419481",
            Some(8411192),
            "Mukhayyam al Wafidin",
            &[],
            "SY",
            0,
        ));
        let mut c = record(
            "curated:wafedin-camp",
            Some(8411192),
            "al-Wafedin camp",
            &[],
            "SY",
            0,
        );
        c.curated = true;
        c.place.kind = PlaceKind::Area;
        c.place.lat = 1.0;
        assert!(b.add_record(c));
        let g = b.build();
        assert_eq!(g.places().len(), 1);
        let p = g.place(0);
        assert_eq!(
            (p.name.as_str(), p.kind),
            ("al-Wafedin camp", PlaceKind::Area)
        );
        assert_eq!(p.lat, 33.5, "coordinates stay the source's");
        assert!(g.place_is_curated(0), "enriched by the curated layer");
        assert_eq!(g.lookup("Mukhayyam al Wafidin").len(), 1, "old name kept");
    }

    #[test]
    fn bytes_round_trip_and_version() {
        let g = small();
        let bytes = g.to_bytes();
        let h = Gazetteer::from_bytes(&bytes, "t.bin").unwrap();
        assert_eq!(h.places(), g.places());
        assert_eq!(h.stats().keys, g.stats().keys);
        let mut bad = bytes.clone();
        bad[8] = 9;
        let err = Gazetteer::from_bytes(&bad, "t.bin")
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.bin") && err.contains("version 9"), "{err}");
        let err = Gazetteer::from_bytes(b"hello world!!", "x.bin")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.bin: not a gazetteer index"), "{err}");
    }

    #[test]
    fn subset_keeps_names() {
        let g = small().subset(|p| p.country == "SY");
        assert_eq!(g.places().len(), 1);
        assert!(g.lookup("Duma").iter().all(|n| n.place == 0));
        assert!(g.lookup("Hope").is_empty());
    }
}
