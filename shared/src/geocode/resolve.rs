//! Choosing among same-name candidates, and building the results.
//!
//! Each candidate's score is a sum of named components; the rule reported
//! for the winner is the component that most separates it from the
//! runner-up. Components: kind (with the qualifier asked for), population,
//! exact spelling, curated record, country focus of the article, governorate
//! focus, and proximity to the other places named in the article.

use std::ops::Range;
use std::rc::Rc;

use gazetteer::normalize::{is_article, light, light_word, tokenize};
use gazetteer::place::haversine_km_cos;
use gazetteer::{Place, PlaceKind};

use super::context::{self, Context, Want};
use super::people::{after_person_title, person_name, sentence_start};
use super::text::{
    capitalised, next_is_lowercase, next_is_name_part, TextBuffers, TextWords, ARTICLE_WORDS,
};
use super::words::{
    in_lists, WordSet, DEMONYMS, DIRECTIONS, FIRST_NAMES, FUNCTION_WORDS, PLACE_INTRO, STOP_WORDS,
};
use super::{
    Candidate, Facts, FxMap, Geocoder, PlaceMention, ResolvedPlace, ResolvedText, UnresolvedMention,
};

/// Countries where transliteration varies and names may match by key alone.
pub(super) const FUZZY_ZONE: &[&str] = &["SY", "LB", "JO", "IQ", "PS"];
/// World places named by one word must be this large (fewer false towns).
const WORLD_MIN_POPULATION: u64 = 15_000;
/// Within this distance a co-mentioned place supports a candidate.
const NEAR_KM: f64 = 150.0;

#[derive(Clone, Copy)]
struct Cand {
    place: usize,
    exact: bool,
    /// Light id of the variant (see `Gazetteer::light`).
    variant: u32,
    /// The place's columns, as in [`Posting`].
    pop: u64,
    class: u8,
    kind: PlaceKind,
    country: u16,
    /// What scoring reads of the record.
    facts: Facts,
    /// The population part of its score (see [`base_parts`]).
    pop_part: f32,
}

/// A key's posting with the columns of its place that the choice of
/// candidates reads: a key's postings are read together, and the columns
/// of their places are scattered over megabytes.
#[derive(Clone, Copy)]
struct Posting {
    place: u32,
    light: u32,
    pop: u64,
    /// Country class bits (`FUZZY`, `LEVANT`) and `CURATED`.
    class: u8,
    kind: PlaceKind,
    /// Country id (`Gazetteer::place_country_id`).
    country: u16,
}

/// `Posting::class` bit: `Gazetteer::place_is_curated`.
const CURATED: u8 = 4;

/// Per-thread postings of the keys met so far (bounded like the word
/// memo: it starts over when full, at `POSTINGS_MAX` postings), for one
/// geocoder at a time.
#[derive(Default)]
struct PostingCache {
    owner: u64,
    keys: FxMap<usize, Box<[Posting]>>,
    /// Postings held in `keys`.
    postings: usize,
    /// `Gazetteer::light_id` of names of several words (a binary search
    /// of a table of megabytes: a dozen cache misses).
    lights: FxMap<Box<str>, Option<usize>>,
    /// The allowed candidates of a name (see [`AllowedKey`]): a name met
    /// again skips its postings, the filter and the places' facts.
    allowed: FxMap<AllowedKey, Rc<[Cand]>>,
    /// Candidates held in `allowed` (at least one per name).
    allowed_cands: usize,
}

/// What [`allowed`] candidates depend on: the key id, the light id of the
/// name (exact spellings), whether it is one word and whether it is short.
type AllowedKey = (u32, u32, bool, bool);

impl PostingCache {
    /// This thread's cache, emptied if it belonged to another geocoder.
    fn for_geocoder(&mut self, g: &Geocoder) -> &mut Self {
        if self.owner != g.id {
            self.keys.clear();
            self.postings = 0;
            self.lights.clear();
            self.allowed.clear();
            self.allowed_cands = 0;
            self.owner = g.id;
        }
        self
    }
}

/// [`gazetteer::Gazetteer::light_id`], through the per-thread cache.
fn light_id_cached(g: &Geocoder, light: &str) -> Option<usize> {
    POSTINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = cache.for_geocoder(g);
        if let Some(&id) = cache.lights.get(light) {
            return id;
        }
        if cache.lights.len() >= LIGHTS_MAX {
            cache.lights.clear();
        }
        let id = g.gazetteer().light_id(light);
        cache.lights.insert(light.into(), id);
        id
    })
}

/// Multi-word names whose light id is kept before that cache starts over.
const LIGHTS_MAX: usize = 1 << 14;
/// Postings kept (24 bytes each) before the postings cache starts over:
/// about 6 MB a thread.
const POSTINGS_MAX: usize = 1 << 18;
/// Allowed candidates kept (64 bytes each) before that cache starts over:
/// about 4 MB a thread.
const ALLOWED_MAX: usize = 1 << 16;

thread_local! {
    static POSTINGS: std::cell::RefCell<PostingCache> = std::cell::RefCell::default();
}

/// The places a key names that may be named so (see [`allowed`]): one
/// entry per place, exact when one of its names for the key has light id
/// `l_id`; shared with the per-thread cache. `cands`: a buffer.
fn allowed_candidates(
    g: &Geocoder,
    key_id: usize,
    l_id: Option<usize>,
    single_word: bool,
    light_len: usize,
    cands: &mut Vec<Cand>,
) -> Rc<[Cand]> {
    POSTINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = cache.for_geocoder(g);
        let allowed_key = (
            key_id as u32,
            l_id.map_or(u32::MAX, |l| l as u32),
            single_word,
            light_len < 4,
        );
        if let Some(known) = cache.allowed.get(&allowed_key) {
            return known.clone();
        }
        candidates_of(cache, g, key_id, l_id, cands);
        cands.retain(|c| allowed(c, single_word, light_len));
        for c in cands.iter_mut() {
            c.facts = g.facts_of(c.place);
            c.pop_part = 0.3 * ((c.pop + 1) as f32).log10();
        }
        // (A name with no candidates counts as one, so the entries are
        // bounded too.)
        let cost = cands.len().max(1);
        if cache.allowed_cands + cost > ALLOWED_MAX {
            cache.allowed.clear();
            cache.allowed_cands = 0;
        }
        cache.allowed_cands += cost;
        let shared: Rc<[Cand]> = cands.as_slice().into();
        cache.allowed.insert(allowed_key, shared.clone());
        shared
    })
}

/// Fills `cands` with the places a key names (one entry per place, exact
/// when one of its names for the key has light id `l_id`; their facts
/// not yet read), from the postings cache.
fn candidates_of(
    cache: &mut PostingCache,
    g: &Geocoder,
    key_id: usize,
    l_id: Option<usize>,
    cands: &mut Vec<Cand>,
) {
    let gaz = g.gazetteer();
    if !cache.keys.contains_key(&key_id) {
        let n = gaz.named_ids(key_id).len();
        if cache.postings + n > POSTINGS_MAX {
            cache.keys.clear();
            cache.postings = 0;
        }
        cache.postings += n;
    }
    let posts = cache.keys.entry(key_id).or_insert_with(|| {
        gaz.named_ids(key_id)
            .map(|(place, light)| Posting {
                place: place as u32,
                light: light as u32,
                pop: gaz.place_population(place),
                class: g.country_class[gaz.place_country_id(place)]
                    | if gaz.place_is_curated(place) {
                        CURATED
                    } else {
                        0
                    },
                kind: gaz.place_kind(place),
                country: gaz.place_country_id(place) as u16,
            })
            .collect()
    });
    cands.clear();
    // Postings come in place order: a place's names are adjacent.
    // Light forms compare by id (equal strings, equal ids).
    for p in posts.iter() {
        let (place, light) = (p.place as usize, p.light as usize);
        let exact = Some(light) == l_id;
        match cands.last_mut().filter(|c| c.place == place) {
            Some(c) => {
                if exact && !c.exact {
                    c.exact = true;
                    c.variant = light as u32;
                }
            }
            None => cands.push(Cand {
                place,
                exact,
                variant: light as u32,
                pop: p.pop,
                class: p.class,
                kind: p.kind,
                country: p.country,
                facts: Facts::default(),
                pop_part: 0.0,
            }),
        }
    }
}

struct Found {
    span: Range<usize>,
    ctx: Context,
    key_id: usize,
    single_word: bool,
    /// The name's light form: its bytes in the text's `lights` (see
    /// [`find`]).
    light: Range<usize>,
    /// Its light id, if some name has it.
    light_id: Option<usize>,
    /// Shared with the candidates cache (`PostingCache::allowed`).
    cands: Rc<[Cand]>,
    /// Only locates the next name ("the Damascus suburb of X"): scored (it
    /// helps choose X) but not returned.
    modifier: bool,
    /// The name `explain` asked about.
    forced: bool,
    /// Written with an Arabic article before it ("al-Mashhad").
    after_article: bool,
    /// The country a demonym before it names ("the Lebanese city of X").
    country_hint: Option<&'static str>,
    /// End of the city that locates this district ("the Zahraa district
    /// of Homs"): the phrase runs to it.
    located_by_end: Option<usize>,
    /// Where people are sent ("left for Idlib"): far from the events told,
    /// so it does not pull other names toward it.
    destination: bool,
    /// May name a country or a capital (see [`country_or_capital`]); read
    /// while the candidates are at hand.
    country_or_capital: bool,
    /// The mention it is said to be in ("Halba in Akkar"): its index.
    within: Option<usize>,
}

/// Verbs of sending people somewhere ("left for Idlib", "bused to Jarablus").
const SENT_VERBS: &[&str] = &[
    "leave",
    "left",
    "leaving",
    "head",
    "headed",
    "heading",
    "bused",
    "bussed",
    "transferred",
    "evacuated",
    "moved",
    "relocated",
    "deported",
    "sent",
    "depart",
    "departed",
    "travel",
    "travelled",
    "traveled",
];

/// Whether the name at word `i` is where people are sent: "left for X",
/// "bused to the north of X" is not ("north" is not a verb).
fn destination_at(words: &TextWords, i: usize) -> bool {
    i >= 2
        && matches!(words.lower(i - 1).as_ref(), "for" | "to")
        && SENT_VERBS.contains(&words.lower(i - 2).as_ref())
}

/// "the northern Lebanese city of Tripoli", "the Turkish border town of
/// Karkamis", "the Syrian town X": the country the demonym names, when it
/// qualifies a place noun right before the name.
fn demonym_before(words: &TextWords, first: usize) -> Option<&'static str> {
    let mut j = first;
    let mut seen_noun = false;
    // Back over "of", a place noun and at most one more word ("border").
    for _ in 0..4 {
        if j == 0 {
            return None;
        }
        j -= 1;
        let w = words.lower(j);
        if let Some(&(_, cc)) = DEMONYMS.iter().find(|(d, _)| *d == w.as_ref()) {
            return seen_noun.then_some(cc);
        }
        if PLACE_INTRO.contains(&w.as_ref()) {
            seen_noun = true;
        } else if w != "of" && w != "border" && w != "frontier" && w != "coastal" {
            return None;
        }
    }
    None
}

/// Whether an Arabic article ("al-", "el ", "ash-") comes right before `at`.
fn article_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(joined) = before.strip_suffix(['-', ' ']) else {
        return false;
    };
    // The article is ASCII letters: everything after the last other
    // character (whatever its width).
    let word = joined
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(joined, |(p, c)| &joined[p + c.len_utf8()..]);
    !word.is_empty() && word.len() <= 3 && is_article(&word.to_ascii_lowercase())
}

#[derive(Clone, Copy, Default, Debug)]
struct Parts {
    /// Inside the place the text says it is in ([`within_parts`]).
    within: f32,
    kind: f32,
    pop: f32,
    exact: f32,
    curated: f32,
    country: f32,
    gov: f32,
    near: f32,
}

impl Parts {
    fn total(&self) -> f32 {
        self.within
            + self.kind
            + self.pop
            + self.exact
            + self.curated
            + self.country
            + self.gov
            + self.near
    }
}

/// Whether a candidate may be named this way; reads only the index's
/// columns (country, kind, population), not the place record.
fn allowed(c: &Cand, single_word: bool, light_len: usize) -> bool {
    if !c.exact && single_word && light_len < 4 {
        return false;
    }
    // Country names are spelled one way (Sidon is not Sudan).
    if !c.exact && c.kind == PlaceKind::Country {
        return false;
    }
    let fuzzy_zone = c.class & (super::FUZZY | CURATED) != 0;
    if !c.exact && !fuzzy_zone {
        return false;
    }
    if fuzzy_zone || c.class & super::LEVANT != 0 {
        return true;
    }
    matches!(c.kind, PlaceKind::Country | PlaceKind::Region)
        || c.pop
            >= if single_word {
                WORLD_MIN_POPULATION
            } else {
                1_000
            }
}

/// Scoring reads the index's columns (kind, population, country, curated
/// flag: each place's record and its strings are scattered in memory) and
/// the record only for what has no column.
fn base_parts(c: &Cand, want: Want) -> Parts {
    use PlaceKind::*;
    let kind = match (want, c.kind) {
        (Want::Region, Region) => 4.0,
        (Want::Region, District) => 1.0,
        (Want::Region, _) => 0.0,
        (Want::City, Locality) => 3.0,
        (Want::City, Region | District | Country) => -3.0,
        (Want::City, _) => 1.0,
        (Want::Any, Country) => 2.5,
        (Want::Any, Locality | Neighbourhood | Area) => 2.0,
        (Want::Any, Region) => 0.8,
        (Want::Any, District) => 0.0,
    } + match c.facts.feature_class() {
        super::FC_PPLC => 1.0,
        super::FC_PPLA => 0.5,
        super::FC_PPLA2 => 0.3,
        _ => 0.0,
    } + tie_break(c);
    Parts {
        kind,
        pop: c.pop_part,
        exact: if c.exact { 0.5 } else { 0.0 },
        curated: if c.class & CURATED != 0 { 0.7 } else { 0.0 },
        ..Default::default()
    }
}

/// What "X in Y" gives X's candidates that are inside one of Y's: as much
/// as a country named outright. Only when it tells them apart (no scores
/// change where every candidate is inside).
const WITHIN: f32 = 3.0;
/// A place this close to a city or an area named as its container is in it.
const WITHIN_KM: f64 = 25.0;
/// A locality this large contains places ("al-Sulaymaniyah in central
/// Aleppo"); a smaller one is not said to contain another.
const CONTAINER_MIN_POPULATION: u64 = 50_000;

/// Sets `within` in `parts` for the candidates `cands` of a name that the
/// text puts in the name whose candidates are `containers` ("Halba in
/// Akkar", "Sour in the Deir ez-Zor countryside", "Tripoli in Lebanon"):
/// inside its country, its governorate, its district, or near a city or
/// area of that name.
fn within_parts(
    gaz: &gazetteer::Gazetteer,
    cands: &[Cand],
    containers: &[Cand],
    parts: &mut [Parts],
) {
    let inside = |c: &Cand| {
        let p = gaz.place(c.place);
        containers.iter().any(|y| {
            let q = gaz.place(y.place);
            if y.place == c.place || q.country != p.country {
                return false;
            }
            match y.kind {
                PlaceKind::Country => true,
                PlaceKind::Region => q.admin1.is_some() && q.admin1 == p.admin1,
                PlaceKind::District => {
                    q.admin2.is_some() && q.admin2 == p.admin2 && q.admin1 == p.admin1
                }
                PlaceKind::Area => {
                    gazetteer::place::haversine_km(p.lat, p.lon, q.lat, q.lon) < WITHIN_KM
                }
                PlaceKind::Locality | PlaceKind::Neighbourhood => {
                    y.pop >= CONTAINER_MIN_POPULATION
                        && gazetteer::place::haversine_km(p.lat, p.lon, q.lat, q.lon) < WITHIN_KM
                }
            }
        })
    };
    let marks: Vec<bool> = cands.iter().map(inside).collect();
    if marks.iter().all(|&m| m) {
        return;
    }
    for (part, inside) in parts.iter_mut().zip(marks) {
        if inside {
            part.within = WITHIN;
        }
    }
}

/// Between places of one name and otherwise equal: the one the name as
/// spelled is the own name of (Salma over Salma Safa, also called Salma),
/// then a record its sources could place in a governorate over one they
/// could not (Tall Shihab by Daraa over a bare point in the desert). (A
/// loose match's variant is any of the place's names of that key, so it
/// says nothing of its own name.)
fn tie_break(c: &Cand) -> f32 {
    let own = if c.exact && c.facts.is_own_name(c.variant as usize) {
        0.1
    } else {
        0.0
    };
    let placed = if c.facts.in_governorate() { 0.05 } else { 0.0 };
    own + placed
}

fn rule_of(w: &Parts, r: Option<&Parts>, p: &Place, want: Want) -> String {
    let Some(r) = r else {
        return "only candidate".into();
    };
    // The component that most separates the two; only its text is built.
    // (The last of equal differences is named: `within` first, so it is
    // named only when it alone separates them most.)
    let diffs = [
        w.within - r.within,
        w.near - r.near,
        w.gov - r.gov,
        w.country - r.country,
        w.kind - r.kind,
        w.pop - r.pop,
        w.curated - r.curated,
        w.exact - r.exact,
    ];
    let Some((rule, _)) = diffs.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else {
        return String::new();
    };
    match rule {
        0 => "inside the place the text puts it in".to_string(),
        1 => "nearest to co-mentioned places".to_string(),
        2 => format!(
            "article governorate focus: {}",
            p.admin1.as_deref().unwrap_or("?")
        ),
        3 => format!("country focus {}", p.country),
        4 => match want {
            Want::Region => "qualifier: province/governorate".to_string(),
            Want::City => "qualifier: city/town".to_string(),
            Want::Any => format!("feature class/kind: {} {}", p.kind, p.feature_code),
        },
        5 => "largest population".to_string(),
        6 => "curated place named in reporting".to_string(),
        _ => "exact spelling".to_string(),
    }
}

fn to_resolved(
    p: &Place,
    variant: &str,
    relative: bool,
    parts: &Parts,
    rule: String,
) -> ResolvedPlace {
    let geo_precision = match p.kind {
        PlaceKind::Country | PlaceKind::Region | PlaceKind::District => 3,
        _ if relative => 2,
        _ => 1,
    };
    ResolvedPlace {
        place_id: p.id.clone(),
        location: p.name.clone(),
        admin1: p.admin1.clone(),
        admin2: p.admin2.clone(),
        country: p.country.clone(),
        lat: p.lat,
        lon: p.lon,
        geo_precision,
        kind: p.kind,
        variant: variant.to_string(),
        rule,
        score: parts.total(),
    }
}

/// [`STOP_WORDS`], [`FIRST_NAMES`], months and weekdays.
fn is_stop_word(light: &str) -> bool {
    static SET: WordSet = WordSet::new();
    use crate::extract::date::{MONTHS, WEEKDAYS};
    in_lists(&SET, &[STOP_WORDS, FIRST_NAMES, MONTHS, WEEKDAYS], light)
}

/// The light form (see [`light`]) of words `ws` of a text, into `out`;
/// false where `light` gives `None`.
fn light_of(words: &TextWords, ws: Range<usize>, word: &mut String, out: &mut String) -> bool {
    out.clear();
    let n = ws.len();
    for i in ws {
        if !light_word(words.word(i), word) {
            return false;
        }
        if n > 1 && is_article(word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    !out.is_empty()
}

/// Finds candidate mentions, and returns them with the text's words and
/// the light forms of their names, one after another (`lights`).
/// `force_at`: a byte offset whose match skips the capitalisation and
/// stop-word checks (for `explain`).
fn find<'t>(
    g: &Geocoder,
    text: &'t str,
    force_at: Option<usize>,
) -> (Vec<Found>, TextWords<'t>, String) {
    let gaz = g.gazetteer();
    let mut scratch = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut norm = scratch.norm;
    // One-word matches in plain lowercase ("army") are English words
    // (but `explain` asks about any name).
    let names = if force_at.is_some() {
        gaz.normalize_and_find_in(text, &mut norm)
    } else {
        gaz.normalize_and_find_proper_in(text, &mut norm)
    };
    let words = TextWords::with_buffers(text, std::mem::take(&mut norm.words), scratch.text);
    scratch.text = TextBuffers::default();
    let mut lights = std::mem::take(&mut scratch.lights);
    lights.clear();
    let mut light_buf = String::new();
    let mut word_buf = String::new();
    // The current match's words (byte ranges).
    let mut toks_buf: Vec<Range<usize>> = Vec::new();
    // Candidates of a name not met before are gathered here.
    let mut cands_buf: Vec<Cand> = Vec::new();
    let actor_spans = g.actors.spans(&norm);
    // A word spelled as a country's name ("Tice" is only spelled like one).
    let is_country = |w: &str| {
        gaz.lookup(w)
            .iter()
            .any(|n| n.light == w && gaz.place_kind(n.place) == PlaceKind::Country)
    };
    let mut out = Vec::new();
    let mut queue: std::collections::VecDeque<gazetteer::matcher::NameMatch> = names.into();
    while let Some(m) = queue.pop_front() {
        let span = m.span.clone();
        let forced = force_at == Some(span.start);
        let s = &text[span.clone()];
        // One lowercase word ("army", "said") is rejected below (it ends
        // lowercase, nothing to match again): the matcher leaves most out,
        // this the few from matching a span again.
        if !forced
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes().all(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        if actor_spans
            .iter()
            .any(|a| a.start < span.end && span.start < a.end)
            && !forced
        {
            continue;
        }
        if !forced && context::adjectival_compound(&words, &span) {
            continue;
        }
        // The match's own words: the text's split (the same words as
        // tokenising `s`), else `s` split on its own.
        let covering = words.covering(&span);
        toks_buf.clear();
        match covering.clone() {
            Some(ws) => {
                if !light_of(&words, ws.clone(), &mut word_buf, &mut light_buf) {
                    continue;
                }
                toks_buf.extend(ws.map(|i| words.range(i)));
            }
            None => {
                match light(s) {
                    Some(l) => light_buf = l,
                    None => continue,
                }
                toks_buf.extend(
                    tokenize(s)
                        .into_iter()
                        .map(|t| span.start + t.range.start..span.start + t.range.end),
                );
            }
        }
        let toks = toks_buf.as_slice();
        let l = light_buf.as_str();
        let last = toks.last().map(|t| &text[t.clone()]).unwrap_or("");
        let first_word = l.split(' ').next().unwrap_or("");
        // Names do not run across sentences or quotes ("Syria.\nRussia"),
        // start with a function word ("and Syria" is not the village Aaind
        // es Sire) or end lowercase.
        // Nor with a lower-case direction before a country: "south
        // Lebanon" is the south of Lebanon, not South Lebanon, Ohio ("eastern
        // Ghouta" is a name, and so is a capitalised "South Lebanon").
        let function_start = l.contains(' ')
            && (FUNCTION_WORDS.contains(&first_word)
                || (s.starts_with(|c: char| c.is_ascii_lowercase())
                    && DIRECTIONS.contains(&first_word)
                    && gaz
                        .lookup(&l[first_word.len() + 1..])
                        .iter()
                        .any(|n| gaz.place_kind(n.place) == PlaceKind::Country)));
        // "Bab al-Hawa crossing", "al-Hol camp": a name may end in a
        // lowercase place noun when it starts capitalised.
        let ends_well = capitalised(last)
            || (toks.len() > 1
                && capitalised(&text[toks[0].clone()])
                && NAME_END_NOUNS.contains(&last));
        // "Bab Dreib", an unknown district: its first word alone is not
        // the town of al-Bab.
        let cut_prefix = || {
            toks.len() == 1
                && NAME_PREFIXES.contains(&l)
                && covering
                    .as_ref()
                    .is_some_and(|ws| next_is_name_part(&words, ws.end))
        };
        // (The cheap and most frequent reasons first; all are tests.)
        let rejected = !forced
            && (!ends_well
                || is_stop_word(l)
                || function_start
                || s.contains([
                    '.', ',', ';', ':', '!', '?', '\n', '(', ')', '"', '“', '”', '/',
                ])
                || cut_prefix());
        // One word is dropped whether it is rejected or a person's name:
        // the costlier test is left out.
        if rejected && toks.len() == 1 {
            continue;
        }
        // A person's name, whose words are not matched again ("Abu Bakr"
        // is not the village Bakr).
        let person = !forced
            && ends_well
            && covering.as_ref().is_some_and(|ws| {
                after_person_title(&words, ws.start) || person_name(&words, ws, is_country)
            });
        if person {
            continue;
        }
        if rejected {
            // The words of a rejected multi-word match may hold names of
            // their own: match its first word and the rest again.
            if let (Some(ws), true, true) = (covering.clone(), toks.len() > 1, function_start) {
                // "in Tal Abyad" matched "in Tal" (Ein Tal): the words after
                // the function word are matched again together with the
                // matches that follow, so "Tal Abyad" can win.
                // Over the next REMATCH_WORDS words ("in Ard" + "at
                // Tawaribu"), and on to the end of a match begun among them.
                let mut end = (ws.end + REMATCH_WORDS).min(words.len());
                while let Some(next) = queue.front() {
                    match words.covering(&next.span) {
                        Some(nw) if nw.start < ws.end + REMATCH_WORDS => {
                            end = end.max(nw.end);
                            queue.pop_front();
                        }
                        _ => break,
                    }
                }
                let again = gaz.find_names_in_words(text, &norm, ws.start + 1..end);
                for n in again.into_iter().rev() {
                    queue.push_front(n);
                }
            } else if let (Some(ws), true) = (covering, toks.len() > 1) {
                // A name that ends in lower-case words ("Sheikh Najjar
                // industrial city"): its capitalised words again, as a
                // name of their own, then the rest.
                let capitalised_end = (ws.start + 1..ws.end)
                    .rev()
                    .find(|&i| capitalised(words.word(i)))
                    .filter(|_| !ends_well)
                    .map_or(ws.start + 1, |i| i + 1);
                // Else as matching the text of those words on its own.
                let mut again = gaz.find_names_in_words(text, &norm, ws.start..capitalised_end);
                again.extend(gaz.find_names_in_words(text, &norm, capitalised_end..ws.end));
                for n in again.into_iter().rev() {
                    queue.push_front(n);
                }
            } else if toks.len() > 1 {
                let cut = toks[1].start;
                let first_end = toks[0].end;
                let mut again: Vec<_> = gaz
                    .find_names(&text[span.start..first_end])
                    .into_iter()
                    .map(|mut n| {
                        n.span = n.span.start + span.start..n.span.end + span.start;
                        n
                    })
                    .collect();
                again.extend(
                    gaz.find_names(&text[cut..span.end])
                        .into_iter()
                        .map(|mut n| {
                            n.span = n.span.start + cut..n.span.end + cut;
                            n
                        }),
                );
                for n in again.into_iter().rev() {
                    queue.push_front(n);
                }
            }
            continue;
        }
        let single_word = !l.contains(' ');
        let l_id = if toks.len() == 1 {
            gaz.word_light_id(&text[toks[0].clone()])
        } else {
            light_id_cached(g, l)
        };
        let mut cands = allowed_candidates(g, m.key_id, l_id, single_word, l.len(), &mut cands_buf);
        // "al-Baghdadi", "Halabi": a place's name plus -i is a nisba (a
        // person's "of Baghdad"), not a loose spelling of the place.
        if single_word
            && l.len() > 4
            && l.ends_with('i')
            && cands.iter().any(|c| !c.exact)
            && gaz.light_id(&l[..l.len() - 1]).is_some()
        {
            cands = cands.iter().filter(|c| c.exact).copied().collect();
        }
        // "the SNA", "OCHA", "ISIS": an acronym names a country or a
        // province spelled so (the UAE), or a place whose own name it is
        // (a dateline's HOMS), never a loose spelling or an alternate name
        // (Sanaa, Assous, At Tall for TAL).
        if single_word
            && covering
                .as_ref()
                .is_some_and(|ws| is_acronym(&words, ws.start))
        {
            let named = |c: &&Cand| {
                c.exact
                    && (matches!(c.kind, PlaceKind::Country | PlaceKind::Region)
                        || c.facts.is_own_name(c.variant as usize))
            };
            if !cands.iter().all(|c| named(&c)) {
                cands = cands.iter().filter(named).copied().collect();
            }
        }
        // "Tribal fighters attacked", "Coastal towns": a sentence's
        // capitalised first word running on into lower-case words is an
        // English word unless a place is spelled so exactly (Tripoli is
        // not "Tribal").
        if single_word
            && !forced
            && cands.iter().any(|c| !c.exact)
            && covering.as_ref().is_some_and(|ws| {
                sentence_start(&words, ws.start) && next_is_lowercase(&words, ws.end)
            })
        {
            cands = cands.iter().filter(|c| c.exact).copied().collect();
        }
        let covering_start = covering.as_ref().map(|ws| ws.start);
        if cands.is_empty() {
            continue;
        }
        let light = lights.len()..lights.len() + l.len();
        lights.push_str(l);
        out.push(Found {
            ctx: context::read_in(&words, &span),
            after_article: article_before(text, span.start),
            country_hint: covering_start.and_then(|i| demonym_before(&words, i)),
            destination: covering_start.is_some_and(|i| destination_at(&words, i)),
            span,
            key_id: m.key_id,
            single_word,
            light,
            light_id: l_id,
            country_or_capital: country_or_capital(&cands),
            cands,
            modifier: false,
            forced,
            located_by_end: None,
            within: None,
        });
    }
    drop_actors(&words, &mut out);
    keep_districts_in_cities(gaz, &words, &mut out);
    for i in 1..out.len() {
        if context::located_in(&words, &out[i - 1].span, out[i].span.start) {
            out[i - 1].within = Some(i);
        }
        if !out[i - 1].forced && context::from_into(&words, &out[i - 1].span, &out[i].span) {
            // "crossed from Rabia into Syria": Rabia is not in Syria.
            let countries: Vec<u16> = out[i]
                .cands
                .iter()
                .filter(|c| c.kind == PlaceKind::Country)
                .map(|c| c.country)
                .collect();
            let abroad = |c: &&Cand| !countries.contains(&c.country);
            if out[i - 1].cands.iter().any(|c| abroad(&c)) {
                out[i - 1].cands = out[i - 1].cands.iter().filter(abroad).copied().collect();
            }
        }
        if !out[i - 1].forced
            && context::away_from_next(&words, &out[i - 1].span, out[i].ctx.relative.as_ref())
        {
            // "Zahraa, north-west of Aleppo": the town, not Aleppo's
            // al-Zahraa district.
            let cities: Vec<Cand> = out[i]
                .cands
                .iter()
                .filter(|c| c.kind == PlaceKind::Locality && c.pop >= CONTAINER_MIN_POPULATION)
                .copied()
                .collect();
            // Only its districts: towns this near a city are said to lie
            // north-west of it too (Qudsaya, Qanawat).
            let near_city = |c: &Cand| {
                if c.kind != PlaceKind::Neighbourhood {
                    return false;
                }
                let p = gaz.place(c.place);
                cities.iter().any(|y| {
                    let q = gaz.place(y.place);
                    gazetteer::place::haversine_km(p.lat, p.lon, q.lat, q.lon) < AWAY_KM
                })
            };
            if out[i - 1].cands.iter().any(near_city) && !out[i - 1].cands.iter().all(near_city) {
                out[i - 1].cands = out[i - 1]
                    .cands
                    .iter()
                    .filter(|c| !near_city(c))
                    .copied()
                    .collect();
            }
        }
    }
    let largest = |f: &Found| {
        f.cands
            .iter()
            .map(|c| gaz.place_population(c.place))
            .max()
            .unwrap_or(0)
    };
    for i in 1..out.len() {
        let next = out[i].span.start;
        if out[i - 1].forced || !context::modifies_next_in(&words, &out[i - 1].span, next) {
            continue;
        }
        // "the Damascus suburb of Douma": the larger place locates the
        // smaller. "the Sheikh Maqsoud neighbourhood of Aleppo" reads the
        // same way round, but there the name after "of" is the larger one
        // and it is the locator.
        // The city, not the governorate of the same name, nor a place
        // only spelled like it (Qamishli, not al-Qamishliyah).
        // A country spelled so has no city of that name here ("the Zap
        // region of northern Iraq" is not in Arak, Iran).
        let city_of = |big: &Found| {
            if big
                .cands
                .iter()
                .any(|c| c.exact && c.kind == PlaceKind::Country)
            {
                return None;
            }
            big.cands
                .iter()
                .filter(|c| gaz.place_kind(c.place) == PlaceKind::Locality)
                .max_by_key(|c| (c.exact, gaz.place_population(c.place)))
                .cloned()
        };
        let is_inside = |c: &Cand, city: &Cand| {
            let (p, city) = (gaz.place(c.place), gaz.place(city.place));
            gazetteer::place::haversine_km(p.lat, p.lon, city.lat, city.lon) < INSIDE_KM
        };
        // A town in its own right spelled so (Afrin, a seat) is not a
        // district.
        let is_town = |c: &Cand| {
            c.exact
                && (gaz.place_population(c.place) >= 10_000
                    || gaz.place(c.place).feature_code.starts_with("PPLA"))
        };
        let city =
            city_of(&out[i]).filter(|_| largest(&out[i - 1]) < largest(&out[i]) && !out[i].forced);
        match city {
            // Any place of the district's name inside the city will do
            // (the Zahraa district of Homs, though Aleppo has one too).
            Some(city) if out[i - 1].cands.iter().any(|c| is_inside(c, &city)) => {
                out[i].modifier = true;
                out[i - 1].cands = out[i - 1]
                    .cands
                    .iter()
                    .filter(|c| is_inside(c, &city))
                    .copied()
                    .collect();
                out[i - 1].located_by_end = Some(out[i].span.end);
            }
            // A district the gazetteer does not have there ("the Midan
            // district of Aleppo", while Midans elsewhere are villages): the
            // text says it is in the city, so it is placed at the city.
            Some(city) if !out[i - 1].cands.iter().any(is_town) => {
                out[i].modifier = true;
                out[i - 1].cands = Rc::new([city]);
                out[i - 1].located_by_end = Some(out[i].span.end);
            }
            // "the Hamdaniya district of Nineveh": a name of a province
            // after "district of" locates the district in it, as a city does.
            None if !out[i].forced && text[out[i - 1].span.end..next].contains(" of ") => {
                let inside: Vec<Cand> = out[i - 1]
                    .cands
                    .iter()
                    .filter(|c| out[i].cands.iter().any(|r| in_region(gaz, c, r)))
                    .copied()
                    .collect();
                if inside.is_empty() {
                    out[i - 1].modifier = true;
                } else {
                    out[i].modifier = true;
                    out[i - 1].cands = inside.into();
                    out[i - 1].located_by_end = Some(out[i].span.end);
                }
            }
            _ => out[i - 1].modifier = true,
        }
    }
    scratch.norm = norm;
    SCRATCH.with(|s| *s.borrow_mut() = scratch);
    (out, words, lights)
}

/// A place said to lie in a direction or a distance from a city is not
/// one of its districts this close to its point.
const AWAY_KM: f64 = 10.0;

/// A loose spelling's part when a place of the transliteration zone is
/// spelled exactly so (al-Midan is not al-Mayadin).
const LOOSE_BESIDE_EXACT: f32 = -1.5;

/// Whether two light forms differ only in doubled letters and q/k
/// ("qabasin", "kabbasin"): transliteration noise, not another name.
fn same_but_noise(a: &str, b: &str) -> bool {
    fn noise_free(s: &str) -> impl Iterator<Item = u8> + '_ {
        let mut last = 0u8;
        s.bytes().filter_map(move |c| {
            let c = if c == b'q' { b'k' } else { c };
            let keep = c != last;
            last = c;
            keep.then_some(c)
        })
    }
    noise_free(a).eq(noise_free(b))
}

/// A province this wide holds its places: one whose record names another
/// spelling of it (Nineveh, Ninawa) is still in it this close to its point.
const REGION_KM: f64 = 150.0;

/// Whether candidate `c` is in the province `region` (a region candidate;
/// anything else is no province).
fn in_region(gaz: &gazetteer::Gazetteer, c: &Cand, region: &Cand) -> bool {
    if region.kind != PlaceKind::Region
        || matches!(c.kind, PlaceKind::Country | PlaceKind::Region)
        || c.place == region.place
    {
        return false;
    }
    let (p, r) = (gaz.place(c.place), gaz.place(region.place));
    p.country == r.country
        && ((r.admin1.is_some() && p.admin1 == r.admin1)
            || gazetteer::place::haversine_km(p.lat, p.lon, r.lat, r.lon) < REGION_KM)
}

/// Allocations of the last text's normalisation and word split, kept per
/// thread for the next (a text's buffers are several times its size;
/// allocating and freeing them was a few percent of `resolve_text`).
#[derive(Default)]
struct Scratch {
    norm: gazetteer::normalize::NormalizedText,
    text: TextBuffers,
    lights: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Keeps a finished text's word split and buffers for the next text.
fn give_back(words: TextWords, lights: String) {
    let (split, buffers) = words.into_buffers();
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        s.norm.words = split;
        s.text = buffers;
        s.lights = lights;
    });
}

/// First words of longer Arabic place names ("Bab al-Hawa", "Tal Abyad",
/// "Khan Sheikhoun"), in light form.
const NAME_PREFIXES: &[&str] = &[
    "bab", "tal", "tall", "tell", "ain", "ayn", "deir", "dayr", "kafr", "khan", "ras", "jisr",
    "sheikh", "shaykh", "maarat", "qalaat", "beit", "bayt", "jabal", "jebel", "wadi", "tal al",
    "karm", "masaken", "masakin", "hay", "khirbet", "khirbat", "umm", "mazraat", "souq", "suq",
];

/// Whether word `i` is an acronym: three or four capital letters in text
/// that is not all capitals (a word beside it has a small letter; a
/// shouted headline's words are names as much as any). Two letters are
/// more often a place's abbreviation (NY, DC) than a group's.
fn is_acronym(words: &TextWords, i: usize) -> bool {
    let w = words.word(i);
    let has_lower = |j: usize| words.word(j).bytes().any(|b| b.is_ascii_lowercase());
    (3..=4).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && ((i > 0 && has_lower(i - 1)) || (i + 1 < words.len() && has_lower(i + 1)))
}

/// True if a name's candidates include a country or a national capital
/// spelled as written.
fn country_or_capital(cands: &[Cand]) -> bool {
    cands.iter().any(|c| {
        c.exact && (c.kind == PlaceKind::Country || c.facts.feature_class() == super::FC_PPLC)
    })
}

/// Words after a name that make it a city's district ("the al-Dhubbat
/// neighbourhood"; not "district": "the Batroun district" is a province's).
const DISTRICT_NOUNS: &[&str] = &[
    "neighbourhood",
    "neighborhood",
    "neighbourhoods",
    "neighborhoods",
    "quarter",
];

/// A name said to be a district ("in Ramadi, ... the al-Malaab and
/// al-Dhubbat neighbourhoods") is one of the text's cities' districts:
/// its villages and towns far from every city the text names are not it
/// (Ad Dabbat, 170 km from Ramadi). Places the gazetteer has as
/// districts stay (the text may name a district of a city it does not
/// name), and so does a name with no city in the text.
fn keep_districts_in_cities(gaz: &gazetteer::Gazetteer, words: &TextWords, found: &mut Vec<Found>) {
    let is_city =
        |c: &Cand| c.exact && c.kind == PlaceKind::Locality && c.pop >= CONTAINER_MIN_POPULATION;
    let cities: Vec<(f64, f64)> = found
        .iter()
        .flat_map(|f| f.cands.iter().filter(|c| is_city(c)))
        .map(|c| (c.facts.lat, c.facts.lon))
        .collect();
    if cities.is_empty() {
        return;
    }
    found.retain_mut(|f| {
        if f.forced {
            return true;
        }
        let next = words.first_at(f.span.end);
        let district = next < words.len()
            && words.range(next).start <= f.span.end + 1
            && DISTRICT_NOUNS.contains(&words.lower(next).as_ref());
        if !district || f.cands.iter().any(&is_city) {
            return true;
        }
        let keep = |c: &Cand| {
            gaz.place_kind(c.place) == PlaceKind::Neighbourhood
                || cities.iter().any(|&(lat, lon)| {
                    gazetteer::place::haversine_km(c.facts.lat, c.facts.lon, lat, lon) < INSIDE_KM
                })
        };
        if f.cands.iter().all(&keep) {
            return true;
        }
        let kept: Vec<Cand> = f.cands.iter().filter(|c| keep(c)).copied().collect();
        if kept.is_empty() {
            return false;
        }
        f.cands = kept.into();
        true
    });
}

/// Drops countries and capitals used as actors (metonymy): "Moscow
/// announced", "Syria's army", "Turkey, a rebel backer", and the first of
/// "Syria and its ally Russia launched".
fn drop_actors(words: &TextWords, found: &mut Vec<Found>) {
    let text = words.text();
    let cc: Vec<bool> = found.iter().map(|f| f.country_or_capital).collect();
    let mut actor: Vec<bool> = found
        .iter()
        .zip(&cc)
        .map(|(f, &cc)| cc && !f.forced && context::is_actor_use_in(words, &f.span))
        .collect();
    for i in (0..found.len().saturating_sub(1)).rev() {
        if actor[i + 1]
            && !actor[i]
            && cc[i]
            && !found[i].forced
            && context::joins_actors(&text[found[i].span.end..found[i + 1].span.start])
        {
            actor[i] = true;
        }
    }
    let mut i = 0;
    found.retain(|_| {
        i += 1;
        !actor[i - 1]
    });
}

/// Each kept mention's span with its scored candidates, chosen first.
pub(super) type MentionCandidates = (Range<usize>, Vec<Candidate>);

/// The scored candidates of every mention.
struct Scores {
    /// Per candidate, one mention after another.
    parts: Vec<Parts>,
    /// Per mention: its candidates' range in `parts`.
    parts_of: Vec<Range<usize>>,
    /// Per mention, its kept candidates best first (all of them, or the
    /// first two), as indices into its candidates.
    order: Vec<usize>,
    /// Per mention: its range in `order`.
    order_of: Vec<Range<usize>>,
}

impl Scores {
    /// The parts of mention `i`'s candidates.
    fn parts(&self, i: usize) -> &[Parts] {
        &self.parts[self.parts_of[i].clone()]
    }

    /// Mention `i`'s kept candidates, best first.
    fn order(&self, i: usize) -> &[usize] {
        &self.order[self.order_of[i].clone()]
    }
}

/// A confident winner of pass 1, with its coordinates.
struct Anchor {
    key: usize,
    place: usize,
    lat: f64,
    lon: f64,
    cos_lat: f64,
}

/// `sin x` from below for `x` in radians: `x - x³/6 <= sin x` for `0 <= x <= π`
/// (`x` is taken as `|x|`, at most π/2).
fn sin_lower_bound(x: f64) -> f64 {
    let x = x.abs().min(std::f64::consts::FRAC_PI_2);
    (x - x * x * x / 6.0).max(0.0)
}

/// `s(Δφ/2)` of [`haversine_lower_bound`] from latitude `lat` to `a`; its
/// square is a lower bound of `h` itself, from the latitudes alone.
fn latitude_part(lat: f64, a: &Anchor) -> f64 {
    sin_lower_bound((a.lat - lat).to_radians() / 2.0)
}

/// A lower bound of the haversine `h` from (`lat`, `lon`) to `a`, without
/// trigonometry: `h >= s(Δφ/2)² + cos φ1 cos φ2 s(Δλ/2)²` with `s` below
/// `sin`; the distance `2R asin(sqrt(h))` is at least `2R sqrt(h)`.
/// `dp`: [`latitude_part`].
fn haversine_lower_bound(dp: f64, lon: f64, cos_lat: f64, a: &Anchor) -> f64 {
    let mut dl = (a.lon - lon).abs();
    if dl > 180.0 {
        dl = 360.0 - dl;
    }
    let dl = sin_lower_bound(dl.to_radians() / 2.0);
    dp * dp + (cos_lat * a.cos_lat).max(0.0) * dl * dl
}

/// Twice the Earth's radius in km (as in `haversine_km_cos`).
const EARTH_DIAMETER_KM: f64 = 2.0 * 6371.0;

/// The distance in km from a candidate (`place` at `lat`, `lon`, named by
/// key `key`) to the nearest anchor of another name and place, when under
/// `NEAR_KM` (else it may be any distance over it). `cos_p`: `cos(lat)`;
/// `anchors`: by latitude.
fn nearest_anchor_km(
    anchors: &[Anchor],
    key: usize,
    place: usize,
    (lat, lon, cos_p): (f64, f64, f64),
) -> f64 {
    // Only the nearest distance under NEAR_KM counts: anchors surely
    // farther than that or than the nearest so far (by a lower bound of
    // the haversine, with a margin far above rounding) skip the
    // trigonometry. Read nearest in latitude first, the anchors' latitude
    // alone soon rules out all the rest.
    let mut nearest = f64::INFINITY;
    // That distance as a bound on `sqrt(h)`, so no square root is taken.
    let reach_of =
        |nearest: f64| (NEAR_KM + 1.0).min(nearest + 1e-6 * (1.0 + nearest)) / EARTH_DIAMETER_KM;
    let mut reach = reach_of(nearest);
    let mid = anchors.partition_point(|a| a.lat < lat);
    let mut below = anchors[..mid].iter().rev().peekable();
    let mut above = anchors[mid..].iter().peekable();
    loop {
        let a = match (below.peek(), above.peek()) {
            (Some(b), Some(u)) if lat - b.lat <= u.lat - lat => below.next(),
            (Some(_), Some(_)) => above.next(),
            (Some(_), None) => below.next(),
            (None, _) => above.next(),
        };
        let Some(a) = a else { break };
        // (`h >= s(Δφ/2)²`: the bound from latitudes grows with their
        // difference.)
        let dp = latitude_part(lat, a);
        if dp > reach {
            break;
        }
        if a.key == key || a.place == place {
            continue;
        }
        if haversine_lower_bound(dp, lon, cos_p, a) > reach * reach {
            continue;
        }
        let d = haversine_km_cos((lat, lon, cos_p), (a.lat, a.lon, a.cos_lat));
        if d < nearest {
            nearest = d;
            reach = reach_of(nearest);
        }
    }
    nearest
}

/// The country most votes go to, if it has at least half of `total`.
/// (`votes`: country id, code, votes; the answer: id and code.)
fn focus_of<'c>(
    votes: impl Iterator<Item = (u16, &'c str, usize)>,
    total: usize,
    home: &str,
) -> Option<(u16, &'c str)> {
    // Ties go to the home country, then to the first in alphabetical order.
    votes
        .filter(|(_, _, n)| *n > 0)
        .max_by_key(|(_, c, n)| (*n, *c == home, std::cmp::Reverse(*c)))
        .filter(|(_, _, n)| n * 2 >= total)
        .map(|(id, c, _)| (id, c))
}

/// The weight of the home country's preference (`Geocoder::home_country`)
/// among same-name places when nothing else in the text names a country (a
/// country focus weighs 1.5).
const HOME_PRIOR: f32 = 1.5;
/// Lowercase place nouns that end names of the curated layer ("Bab
/// al-Hawa crossing", "Rukban camp", "Tabqa dam", "the Shahba region").
const NAME_END_NOUNS: &[&str] = &[
    "crossing",
    "camp",
    "airbase",
    "airport",
    "dam",
    "roundabout",
    "square",
    "prison",
    "base",
    "region",
    "canton",
];

/// A district this close to a city's point is in it ("the Sheikh Maqsoud
/// neighbourhood of Aleppo").
const INSIDE_KM: f64 = 20.0;
/// How many words after a rejected match are matched again with it.
const REMATCH_WORDS: usize = 6;
/// A loose one-word spelling this long (light form bytes) of a home-country
/// village is a spelling, not a word that happens to share the key
/// (Zamalkah, Hamouriyeh, Kafarbatna).
const LOOSE_TRUST_LEN: usize = 7;

/// A small village named by a loose spelling of one word: a place only
/// near the article's other places (or, when long, in the home country).
fn weak(f: &Found, c: &Cand) -> bool {
    f.single_word
        && !c.exact
        && c.class & CURATED == 0
        && c.kind == PlaceKind::Locality
        && c.pop < 1_000
        && !matches!(
            c.facts.feature_class(),
            super::FC_PPLA | super::FC_PPLA2 | super::FC_PPLA_OTHER
        )
}

/// [`weak`], and not long enough a spelling to trust in the home country.
fn weak_alone(g: &Geocoder, f: &Found, c: &Cand) -> bool {
    weak(f, c) && !(f.light.len() >= LOOSE_TRUST_LEN && Some(c.country) == g.home_country_id)
}

/// Scores every candidate of every mention (two passes: the first finds
/// anchors and the article's focus, the second uses them).
/// `all`: order every kept candidate; else only the first two (all that
/// a text's results read).
fn score_all(
    g: &Geocoder,
    found: &[Found],
    lights: &str,
    all: bool,
) -> (Scores, Option<(String, String)>) {
    let gaz = g.gazetteer();
    let home = g.home_country.as_str();
    let mut all_parts: Vec<Parts> = Vec::new();
    let parts_of: Vec<Range<usize>> = found
        .iter()
        .map(|f| {
            let start = all_parts.len();
            all_parts.extend(f.cands.iter().map(|c| base_parts(c, f.ctx.want)));
            if let Some(j) = f.within {
                within_parts(gaz, &f.cands, &found[j].cands, &mut all_parts[start..]);
            }
            start..all_parts.len()
        })
        .collect();
    // Pass 1: confident winners are anchors: (mention key id, place).
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    // By country id (ids and codes are one to one): an article names a
    // few countries, read once per mention below.
    let mut country_votes: Vec<(u16, usize)> = Vec::new();
    // Votes per name, so a name's own mentions can be left out of the
    // focus that judges its candidates (one name cannot vouch for itself).
    let mut key_votes: FxMap<(usize, u16), usize> = FxMap::default();
    // Each candidate's total, summed once (a buffer reused per mention).
    let mut totals: Vec<f32> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        // The best and the runner-up, earlier candidates first among equals
        // (what a stable sort by descending total puts first).
        totals.clear();
        totals.extend(all_parts[parts_of[i].clone()].iter().map(Parts::total));
        let total = |j: usize| totals[j];
        let better = |a: usize, b: usize| total(b).total_cmp(&total(a)).is_gt();
        let best = (1..f.cands.len()).fold(0, |b, j| if better(b, j) { j } else { b });
        let runner =
            (0..f.cands.len())
                .filter(|&j| j != best)
                .reduce(|b, j| if better(b, j) { j } else { b });
        // A lone loose spelling of a small village stands only if it is
        // near the article's other places (see `keep` below): it does not
        // vote for the article's country nor anchor others ("Khabur" as
        // an Iraqi hamlet turned al-Busayrah into Basra).
        if weak_alone(g, f, &f.cands[best]) {
            continue;
        }
        let top = f.cands[best].place;
        let top_country = f.cands[best].country;
        match country_votes.iter_mut().find(|(c, _)| *c == top_country) {
            Some((_, n)) => *n += 1,
            None => country_votes.push((top_country, 1)),
        }
        *key_votes.entry((f.key_id, top_country)).or_default() += 1;
        let margin = runner.map(|r| total(best) - total(r));
        if margin.is_none_or(|m| m >= 1.0) && !f.destination {
            anchors.push((f.key_id, top));
        }
    }
    let total_votes: usize = country_votes.iter().map(|&(_, n)| n).sum();
    let code = |c: u16| gaz.country(c as usize);
    let country_focus = focus_of(
        country_votes.iter().map(|&(c, n)| (c, code(c), n)),
        total_votes,
        home,
    );
    // What the other names say about the country each name is in.
    let focus_without = |key: usize| -> Option<(u16, &str)> {
        let own = |c: u16| key_votes.get(&(key, c)).copied().unwrap_or(0);
        let own_total: usize = country_votes.iter().map(|&(c, _)| own(c)).sum();
        let others = country_votes.iter().map(|&(c, n)| (c, code(c), n - own(c)));
        focus_of(others, total_votes - own_total, home)
    };
    let mut gov_votes: FxMap<String, usize> = FxMap::default();
    for &(_, p) in &anchors {
        let p = gaz.place(p);
        if Some(p.country.as_str()) == country_focus.map(|(_, c)| c) {
            if let Some(a) = &p.admin1 {
                let w = if p.kind == PlaceKind::Region { 2 } else { 1 };
                *gov_votes.entry(a.clone()).or_default() += w;
            }
        }
    }
    let gov_total: usize = gov_votes.values().sum();
    let gov_focus = gov_votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .filter(|(_, n)| **n >= 2 && **n * 5 >= gov_total * 2)
        .map(|(a, _)| a.clone());
    let mut anchor_points: Vec<Anchor> = anchors
        .iter()
        .map(|&(key, place)| {
            let p = gaz.place(place);
            Anchor {
                key,
                place,
                lat: p.lat,
                lon: p.lon,
                cos_lat: p.lat.to_radians().cos(),
            }
        })
        .collect();
    // By latitude: a candidate reads only the anchors near its latitude.
    // Equal anchors (a name's repeated mentions) end up adjacent, and
    // one of them says all they say.
    anchor_points.sort_by(|a, b| {
        (a.lat.total_cmp(&b.lat))
            .then(a.key.cmp(&b.key))
            .then(a.place.cmp(&b.place))
    });
    anchor_points.dedup_by_key(|a| (a.key, a.place));
    // The last mention of each name (key id) scored so far.
    let mut last_of_key: FxMap<usize, usize> = FxMap::default();
    // Per mention: its name's focus (the same for every mention of it).
    let mut focus_of_mention: Vec<Option<(u16, &str)>> = Vec::with_capacity(found.len());
    // Pass 2.
    let mut order: Vec<usize> = Vec::new();
    let mut order_of: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        // This mention's parts, after those of the mentions before it.
        let (parts_before, rest) = all_parts.split_at_mut(parts_of[i].start);
        let parts = &mut rest[..f.cands.len()];
        // A loose spelling does not beat a large place spelled exactly
        // (Moscow is not the village Mishkaw).
        // A large world city spelled exactly (Paris, Moscow) is what a
        // name means over villages of similar spelling in the region.
        let big_exact = f.cands.iter().any(|c| c.exact && c.pop >= 100_000);
        let world_city = f
            .cands
            .iter()
            .filter(|c| c.pop >= 500_000 && c.class & super::FUZZY == 0)
            .map(|c| c.pop)
            .max();
        // An exact spelling of a place in the transliteration zone beats a
        // loose spelling of a bigger one (al-Midan is not al-Mayadin).
        // So does an exact Turkish name (Islahiye is not the Syrian village
        // al-Aslihah).
        let regional_exact = f
            .cands
            .iter()
            .any(|c| c.exact && c.class & (super::FUZZY | super::LEVANT) != 0);
        // "al-Mashhad" is an Arabic place name, never the Iranian city.
        let arabic_article = f.after_article;
        // "Nawa" is the Syrian town's own name and only an alternate of
        // Naha in Japan: a far place named by an alternate does not beat a
        // place of the transliteration zone named by its own name.
        let in_zone = |c: &Cand| c.class & super::FUZZY != 0;
        let own_name = |c: &Cand| c.facts.is_own_name(c.variant as usize);
        // (Decoding names is costly: only when far candidates compete.)
        let zone_own_name = f.cands.iter().any(|c| !in_zone(c))
            && f.cands.iter().any(|c| in_zone(c) && own_name(c));
        for (j, c) in f.cands.iter().enumerate() {
            if big_exact && !c.exact {
                parts[j].exact = -2.5;
            } else if regional_exact && !c.exact {
                parts[j].exact = LOOSE_BESIDE_EXACT;
                // A city loosely, by another of its names: "Rabia" is not
                // Amman for once being Rabbah.
                if c.pop >= 100_000 && !own_name(c) {
                    parts[j].exact -= 1.0;
                }
            }
            if zone_own_name && !in_zone(c) && !own_name(c) {
                parts[j].exact -= 1.0;
            }
            if arabic_article {
                // "al-Mashhad", "al-Bara": an Arabic name, not Mashhad in
                // Iran or a place far from the transliteration zone.
                if c.class & super::FUZZY == 0 {
                    parts[j].exact -= 2.0;
                }
            } else if world_city.is_some_and(|w| c.pop * 100 < w) {
                parts[j].exact -= 4.0;
            }
        }
        // With no other name to say which country the text is about, the
        // home country (the reporting eventmap is for) is a weak prior.
        let earlier = last_of_key.insert(f.key_id, i);
        let focus_here = match earlier {
            Some(k) => focus_of_mention[k],
            None => focus_without(f.key_id),
        };
        focus_of_mention.push(focus_here);
        for (j, c) in f.cands.iter().enumerate() {
            // Country ids and codes are one to one.
            let in_focus = focus_here.is_some_and(|(id, _)| id == c.country);
            if f.country_hint
                .is_some_and(|h| h == gaz.country(c.country as usize))
            {
                // Said outright: "the Lebanese city of Tripoli".
                parts[j].country = 3.0;
            } else if in_focus {
                parts[j].country = 1.5;
            } else if focus_here.is_none() && Some(c.country) == g.home_country_id {
                parts[j].country = HOME_PRIOR;
            }
            if in_focus && gov_focus.is_some() && gaz.place(c.place).admin1 == gov_focus {
                parts[j].gov = 1.5;
            }
            // The distances depend on the name and the place only: a name
            // mentioned again has them from its last mention.
            let near_before = earlier
                .filter(|&k| found[k].cands.get(j).is_some_and(|e| e.place == c.place))
                .map(|k| parts_before[parts_of[k].start + j].near);
            if let Some(near) = near_before {
                parts[j].near = near;
            } else {
                let point = (c.facts.lat, c.facts.lon, c.facts.cos_lat);
                let nearest = nearest_anchor_km(&anchor_points, f.key_id, c.place, point);
                if nearest < NEAR_KM {
                    parts[j].near = 3.0 * (1.0 - (nearest / NEAR_KM) as f32);
                }
            }
            // Near the article's other places, a spelling only doubled
            // letters or q/k apart ("Qabasin", "Kabbasin" by al-Bab) is as
            // good as an exact one; alone it is not (Tal Afar is not the
            // hamlet Tall Afar).
            // (Exactly the loose penalty: no other rule lowered it.)
            if parts[j].exact == LOOSE_BESIDE_EXACT
                && parts[j].near > 0.0
                && same_but_noise(&lights[f.light.clone()], gaz.light(c.variant as usize))
            {
                parts[j].exact = -0.5;
            }
        }
        // A lone small village matched only by a loose spelling of one word,
        // far from everything else in the article, is most likely a word;
        // an administrative seat (PPLA*) is a town even when its
        // population is unknown (Sarmin, Khanasir).
        let keep = |j: usize| {
            let c = &f.cands[j];
            !(weak(f, c)
                && parts[j].near == 0.0
                && !(f.light.len() >= LOOSE_TRUST_LEN
                    && Some(c.country) == g.home_country_id
                    && focus_here.is_none_or(|(id, _)| Some(id) == g.home_country_id)))
        };
        let order_start = order.len();
        if all {
            order.extend((0..f.cands.len()).filter(|&j| keep(j)));
            order[order_start..].sort_by(|&a, &b| parts[b].total().total_cmp(&parts[a].total()));
        } else {
            // What the stable sort puts first and second: the earliest of
            // the highest, then the earliest of the highest of the rest.
            totals.clear();
            totals.extend(parts.iter().map(Parts::total));
            let better = |a: usize, b: usize| totals[b].total_cmp(&totals[a]).is_gt();
            let best =
                (0..f.cands.len())
                    .filter(|&j| keep(j))
                    .reduce(|b, j| if better(b, j) { j } else { b });
            let runner = best.and_then(|w| {
                (0..f.cands.len())
                    .filter(|&j| j != w && keep(j))
                    .reduce(|b, j| if better(b, j) { j } else { b })
            });
            order.extend(best.into_iter().chain(runner));
        }
        order_of.push(order_start..order.len());
    }
    let focus = gov_focus.zip(country_focus.map(|(_, c)| c.to_string()));
    let scores = Scores {
        parts: all_parts,
        parts_of,
        order,
        order_of,
    };
    (scores, focus)
}

/// Resolves a text; also returns each kept mention's full candidate list.
/// `all`: also build every candidate of every mention (for `explain`);
/// without it the second value holds nothing and only winners are built.
pub(super) fn resolve_with(
    g: &Geocoder,
    text: &str,
    force_at: Option<usize>,
    want_all: bool,
) -> (ResolvedText, Vec<MentionCandidates>) {
    let gaz = g.gazetteer();
    let (found, words, lights) = find(g, text, force_at);
    // The name's own light form is in `lights` (equal light ids, equal
    // strings): the light table is megabytes, a cache miss or two.
    let variant = |f: &Found, c: &Cand| match f.light_id {
        Some(id) if id == c.variant as usize => &lights[f.light.clone()],
        _ => gaz.light(c.variant as usize),
    };
    let (scores, focus) = score_all(g, &found, &lights, want_all);
    let mut mentions = Vec::new();
    let mut all = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let (parts, order) = (scores.parts(i), scores.order(i));
        if order.is_empty() {
            continue;
        }
        let returned = !f.modifier;
        if !returned && !want_all {
            continue;
        }
        let relative = f.ctx.relative.is_some();
        let w = order[0];
        let wp = gaz.place(f.cands[w].place);
        let runner = order.get(1).map(|&r| &parts[r]);
        let rule = rule_of(&parts[w], runner, wp, f.ctx.want);
        let chosen = to_resolved(wp, variant(f, &f.cands[w]), relative, &parts[w], rule);
        if want_all {
            let others = order[1..].iter().map(|&j| {
                let p = gaz.place(f.cands[j].place);
                let rule =
                    rule_of(&parts[j], None, p, f.ctx.want).replace("only candidate", "not chosen");
                Candidate {
                    place: to_resolved(p, variant(f, &f.cands[j]), relative, &parts[j], rule),
                    chosen: false,
                }
            });
            let first = Candidate {
                place: chosen.clone(),
                chosen: true,
            };
            all.push((
                f.span.clone(),
                std::iter::once(first).chain(others).collect(),
            ));
        }
        if returned {
            mentions.push(PlaceMention {
                span: f.span.clone(),
                phrase_span: match (&f.ctx.relative, f.located_by_end) {
                    (Some(r), _) => r.clone(),
                    (None, Some(end)) => f.span.start..end,
                    (None, None) => f.span.clone(),
                },
                place_mention: text[f.span.clone()].to_string(),
                place: chosen,
            });
        }
    }
    let focus = focus.and_then(|(gov, cc)| {
        let (i, c) = gaz
            .lookup(&gov)
            .into_iter()
            .map(|n| (n.place, n))
            .find(|(i, _)| {
                let p = gaz.place(*i);
                p.kind == PlaceKind::Region
                    && p.country == cc
                    && p.admin1.as_deref() == Some(gov.as_str())
            })?;
        let p = gaz.place(i);
        Some(to_resolved(
            p,
            c.light,
            false,
            &Parts::default(),
            format!("article governorate focus: {gov}"),
        ))
    });
    let unresolved = unresolved(&words, &found);
    give_back(words, lights);
    (
        ResolvedText {
            mentions,
            focus,
            unresolved,
        },
        all,
    )
}

pub(super) fn resolve(g: &Geocoder, text: &str) -> (ResolvedText, Vec<MentionCandidates>) {
    resolve_with(g, text, None, false)
}

/// "the town of Xyzabad" where Xyzabad matched nothing.
fn unresolved(words: &TextWords, found: &[Found]) -> Vec<UnresolvedMention> {
    let text = words.text();
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(2) {
        // (Bytes, not a str slice: most words are not "of".)
        if text.as_bytes().get(words.range(i + 1)) != Some(b"of".as_slice()) {
            continue;
        }
        let w = words.word(i);
        let intro = if w.is_ascii() {
            PLACE_INTRO.iter().any(|p| p.eq_ignore_ascii_case(w))
        } else {
            PLACE_INTRO.contains(&w.to_lowercase().as_str())
        };
        if !intro {
            continue;
        }
        let mut j = i + 2;
        let start = words.range(j).start;
        let mut end = start;
        while j < words.len() && j < i + 6 {
            let t = words.word(j);
            let gap = &text[end..words.range(j).start];
            if end != start && gap.trim() != "" && gap.trim() != "-" {
                break;
            }
            if capitalised(t) || (ARTICLE_WORDS.contains(&t) && j + 1 < words.len()) {
                end = words.range(j).end;
                j += 1;
            } else {
                break;
            }
        }
        if end == start {
            continue;
        }
        let l = light(&text[start..end]).unwrap_or_default();
        if is_stop_word(&l)
            || found
                .iter()
                .any(|f| f.span.start < end && start < f.span.end)
        {
            continue;
        }
        out.push(UnresolvedMention {
            span: start..end,
            text: text[start..end].to_string(),
        });
    }
    out
}

/// Candidates for one name, chosen first; the context (if any) is read as
/// the article around it.
pub(super) fn explain(g: &Geocoder, name: &str, context: Option<&str>) -> Vec<Candidate> {
    // `forced`: the name is taken as a name whatever the words around it
    // (the name alone, or after the context).
    let candidates_at = |text: &str, at: usize, forced: bool| {
        let (_, all) = resolve_with(g, text, forced.then_some(at), true);
        // The match may start after a leading article ("al-Bab" matches "Bab").
        all.into_iter()
            .find(|(span, _)| (at..at + name.len()).contains(&span.start))
            .map(|(_, c)| c)
            .unwrap_or_default()
    };
    let Some(c) = context else {
        return candidates_at(name, 0, true);
    };
    // The name where the context has it, read as `resolve_text` reads it
    // ("Halba in Akkar": the words around it count), unless it is no
    // mention there (part of a longer name, "Zeita" in "Kafr Zeita", or a
    // group's); else read after the context.
    if let Some(at) = word_position(c, name) {
        let here = candidates_at(c, at, false);
        if !here.is_empty() {
            return here;
        }
    }
    candidates_at(&format!("{c}\n\n{name}"), c.len() + 2, true)
}

/// Where `name` first stands in `text` as whole words (any case).
fn word_position(text: &str, name: &str) -> Option<usize> {
    let (t, n) = (text.to_lowercase(), name.to_lowercase());
    // (Lowercasing may change byte lengths: only offsets that map back.)
    if t.len() != text.len() || n.is_empty() {
        return None;
    }
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    t.match_indices(&n).map(|(at, _)| at).find(|&at| {
        !word_char(t[..at].chars().next_back()) && !word_char(t[at + n.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_noise_is_doubled_letters_and_q() {
        let table = [
            ("qabasin", "kabbasin", true),
            ("tal afar", "tall afar", true),
            ("midan", "mayadin", false),
            ("rabia", "rabbah", false),
            ("douma", "duma", false),
        ];
        for (a, b, same) in table {
            assert_eq!(same_but_noise(a, b), same, "{a} / {b}");
        }
    }

    #[test]
    fn names_stand_as_whole_words() {
        // (text, name, position)
        let table = [
            ("Shells hit Halba in Akkar.", "Halba", Some(11)),
            ("Shells hit HALBA in Akkar.", "Halba", Some(11)),
            ("Shells hit Halbaya, not Halba.", "Halba", Some(24)),
            ("Shells hit al-Bab.", "al-Bab", Some(11)),
            ("Shells hit Halbaya.", "Halba", None),
            ("Shells hit Halba.", "", None),
        ];
        for (text, name, want) in table {
            assert_eq!(word_position(text, name), want, "{text} / {name}");
        }
    }

    /// Any text before the name, wide characters included (found by
    /// running a synthetic corpus: '“' before a name panicked).
    #[test]
    fn article_before_reads_any_text() {
        let cases = [
            ("in al-Mashhad", 6, true),
            ("in el Bab", 6, true),
            ("in Mashhad", 3, false),
            ("“ Bab", 4, false),
            ("x“-Bab", 5, false),
            ("“al-Bab", 6, true),
            ("-Bab", 1, false),
        ];
        for (text, at, want) in cases {
            assert_eq!(article_before(text, at), want, "{text}");
        }
    }

    /// The nearest anchor read outward in latitude is the one all
    /// anchors give, whenever it is within `NEAR_KM`.
    #[test]
    fn nearest_anchor_is_the_nearest_of_all() {
        let mut seed = 11u64;
        let mut next = |range: f64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * range
        };
        for round in 0..300 {
            let spread = [0.5, 3.0, 20.0, 180.0][round % 4];
            let mut anchors: Vec<Anchor> = (0..round % 40)
                .map(|i| {
                    let lat = (35.0 + next(spread)).clamp(-90.0, 90.0);
                    Anchor {
                        key: i % 7,
                        place: i,
                        lat,
                        lon: 38.0 + next(2.0 * spread),
                        cos_lat: lat.to_radians().cos(),
                    }
                })
                .collect();
            anchors.sort_by(|a, b| a.lat.total_cmp(&b.lat));
            let (lat, lon) = (
                (35.0 + next(spread)).clamp(-90.0, 90.0),
                38.0 + next(spread),
            );
            let (key, place) = (round % 7, round % 40);
            let all = anchors
                .iter()
                .filter(|a| a.key != key && a.place != place)
                .map(|a| {
                    haversine_km_cos(
                        (lat, lon, lat.to_radians().cos()),
                        (a.lat, a.lon, a.cos_lat),
                    )
                })
                .fold(f64::INFINITY, f64::min);
            let point = (lat, lon, lat.to_radians().cos());
            let got = nearest_anchor_km(&anchors, key, place, point);
            if all < NEAR_KM {
                assert_eq!(got.to_bits(), all.to_bits(), "round {round}");
            } else {
                assert!(got >= NEAR_KM, "round {round}: {got} {all}");
            }
        }
    }

    /// The bounds are under the distance.
    #[test]
    fn bounds_are_under_the_distance() {
        for lat in [-89.0f64, -60.0, -10.0, 0.0, 33.5, 36.2, 70.0, 88.4] {
            for dlon in [0.0, 0.5, 3.0, 90.0, 179.9, 180.0, 270.0] {
                for dlat in [0.0, 0.01, 1.5, -1.5, 3.0, 45.0, -90.0] {
                    let a_lat = (lat + dlat).clamp(-90.0, 90.0);
                    let a = Anchor {
                        key: 0,
                        place: 0,
                        lat: a_lat,
                        lon: 36.0 + dlon,
                        cos_lat: a_lat.to_radians().cos(),
                    };
                    let cos = lat.to_radians().cos();
                    let d = haversine_km_cos((lat, 36.0, cos), (a.lat, a.lon, a.cos_lat));
                    let dp = latitude_part(lat, &a);
                    let h = haversine_lower_bound(dp, 36.0, cos, &a);
                    let bound = EARTH_DIAMETER_KM * h.sqrt();
                    assert!(
                        bound <= d + 1e-9 * (1.0 + d),
                        "{lat} {dlat} {dlon}: {bound} {d}"
                    );
                    assert!(dp * dp <= h, "{lat} {dlat} {dlon}");
                }
            }
        }
    }
}
