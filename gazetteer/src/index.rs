//! The built index: places plus normalised name keys → places, with a
//! compact byte form (`to_bytes`/`from_bytes`) loaded by the CLI and the page.
//! [`Builder`] merges the source layers into it.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Read};

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

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
pub const FORMAT_VERSION: u32 = 2;

/// One name of one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Posting {
    place: u32,
    light: u32,
}

/// What is serialised.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct IndexData {
    places: Vec<Place>,
    /// Sorted, unique keys; a key's id is its position.
    keys: Vec<String>,
    /// `postings[key_start[k]..key_start[k + 1]]` are the places named by key `k`.
    key_start: Vec<u32>,
    postings: Vec<Posting>,
    /// Unique light forms of names.
    lights: Vec<String>,
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
#[derive(Clone, Debug)]
pub struct Gazetteer {
    data: IndexData,
    pub(crate) automaton: AhoCorasick,
    bytes_len: usize,
}

impl Gazetteer {
    fn from_data(data: IndexData) -> Self {
        let automaton = crate::matcher::build_automaton(&data.keys);
        Gazetteer {
            data,
            automaton,
            bytes_len: 0,
        }
    }

    /// All places; a place's index in this slice is its handle.
    pub fn places(&self) -> &[Place] {
        &self.data.places
    }

    /// The place at an index.
    pub fn place(&self, index: usize) -> &Place {
        &self.data.places[index]
    }

    /// The place with a given id (`geonames:170592`), by linear search.
    pub fn place_by_id(&self, id: &str) -> Option<usize> {
        self.data.places.iter().position(|p| p.id == id)
    }

    /// The key of a key id.
    pub fn key(&self, key_id: usize) -> &str {
        &self.data.keys[key_id]
    }

    /// The id of a key, if any name has it.
    pub fn key_id(&self, key: &str) -> Option<usize> {
        self.data
            .keys
            .binary_search_by(|k| k.as_str().cmp(key))
            .ok()
    }

    /// The places named by a key id.
    pub fn named(&self, key_id: usize) -> impl Iterator<Item = NamedPlace<'_>> + '_ {
        let (a, b) = (
            self.data.key_start[key_id] as usize,
            self.data.key_start[key_id + 1] as usize,
        );
        self.data.postings[a..b].iter().map(|p| NamedPlace {
            place: p.place as usize,
            light: &self.data.lights[p.light as usize],
        })
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
            .map(|p| self.data.lights[p.light as usize].as_str())
            .collect()
    }

    /// Sizes of the index.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            places: self.data.places.len(),
            names: self.data.postings.len(),
            keys: self.data.keys.len(),
            bytes: if self.bytes_len > 0 {
                self.bytes_len
            } else {
                self.to_bytes().len()
            },
            automaton_bytes: self.automaton.memory_usage(),
        }
    }

    /// Serialises the index: an 8-byte magic, a little-endian `u32` format
    /// version, then the postcard body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let body = postcard::to_allocvec(&self.data).expect("in-memory serialisation");
        out.extend_from_slice(&body);
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
        let data: IndexData = postcard::from_bytes(&bytes[12..]).map_err(|e| Error::Corrupt {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        if data.key_start.len() != data.keys.len() + 1 {
            return Err(Error::Corrupt {
                file: file.to_string(),
                message: "key table length mismatch".into(),
            });
        }
        let mut g = Self::from_data(data);
        g.bytes_len = bytes.len();
        Ok(g)
    }

    /// A copy holding only the places for which `keep` is true (the page's
    /// smaller index: the Levant plus large world cities).
    pub fn subset(&self, keep: impl Fn(&Place) -> bool) -> Gazetteer {
        let mut b = Builder::new();
        let mut map = vec![usize::MAX; self.data.places.len()];
        for (i, p) in self.data.places.iter().enumerate() {
            if keep(p) {
                map[i] = b.places.len();
                b.places.push(p.clone());
                b.names.push(BTreeSet::new());
            }
        }
        for p in &self.data.postings {
            let to = map[p.place as usize];
            if to != usize::MAX {
                b.names[to].insert(self.data.lights[p.light as usize].clone());
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
        }
        for p in &g.data.postings {
            b.names[p.place as usize].insert(g.data.lights[p.light as usize].clone());
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
    pub fn build(self) -> Gazetteer {
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
            }
        }
        triples.sort_unstable();
        triples.dedup();
        let mut data = IndexData {
            places: self.places,
            lights: Vec::new(),
            ..Default::default()
        };
        for (k, place, light) in triples {
            if data.keys.last() != Some(&k) {
                data.key_start.push(data.postings.len() as u32);
                data.keys.push(k);
            }
            data.postings.push(Posting { place, light });
        }
        data.key_start.push(data.postings.len() as u32);
        data.lights = lights;
        Gazetteer::from_data(data)
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
