//! One-pass matching of all gazetteer names in a text.
//!
//! The text is normalised ([`crate::normalize::normalize_text`]) into words
//! (each word's key). Every word of every name key is in a vocabulary; a
//! word is coded as three bytes (the first with its high bit set, so codes
//! are self-synchronising and prefix-free). Multi-word keys are patterns of
//! one aho-corasick automaton over word codes, with leftmost-longest
//! semantics: one pass over the text's words finds the longest multi-word
//! name starting at the leftmost word (*Kafr Zeita* over *Zeita*), only at
//! word boundaries. The automaton holds the names of three words or more
//! and is entered (anchored) only where one may begin (`FirstWords`: a
//! bit per first word, then a filter of first word pairs): most words of
//! a text begin none, and a walk through the automaton's megabytes costs a
//! cache miss or two a step. Names of two words (two thirds of the
//! multi-word names) are one lookup of the word pair in a hash table
//! (`WordPairs`), where no longer name begins: building them into the
//! automaton took most of the index's load time. The first word with a
//! match is the leftmost, and the longest there is the automaton's if it
//! has one, else the pair's: the same matches as one unanchored pass over
//! all multi-word names. Single-word names are a vocabulary lookup per word, used
//! where no multi-word match covers the word: the same matches as one
//! automaton over all names (a one-word name is never longer than a name of
//! more words starting at the same word, and one starting inside a
//! multi-word match is not leftmost). Matches map back to byte ranges of the
//! original text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::normalize::{tokenize_into, NormToken, NormalizedText};
use crate::Gazetteer;

/// Bytes per word code.
pub(crate) const CODE_LEN: usize = 3;
/// Word ids must be below this; the last id codes words outside the
/// vocabulary.
pub(crate) const MAX_WORDS: u32 = (1 << 21) - 1;

/// The code of a word id.
pub(crate) fn word_code(id: u32) -> [u8; CODE_LEN] {
    [
        0x80 | ((id >> 14) & 0x7f) as u8,
        ((id >> 7) & 0x7f) as u8,
        (id & 0x7f) as u8,
    ]
}

/// The word id of the code at the start of `code`.
fn code_id(code: &[u8]) -> u32 {
    ((code[0] & 0x7f) as u32) << 14 | (code[1] as u32) << 7 | code[2] as u32
}

/// Builds the automaton over multi-word patterns (word codes), searched
/// anchored at a word (see the module's overview).
pub(crate) fn build_automaton<'a>(patterns: impl Iterator<Item = &'a [u8]>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        // A contiguous NFA: fast to build for ~10^5 patterns, compact, and
        // fast enough to search (a DFA would take seconds and gigabytes).
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .expect("automaton over name keys")
}

/// The first words of the multi-word names: a bit per vocabulary word
/// (small enough to stay in cache) for names of two words or more and,
/// for the pair of first two words of the automaton's names (three words
/// or more), a bit per hash of the pair (a filter: a set bit may be
/// another pair's, a clear bit is surely no pattern's). 2^22 pair bits
/// (512 KB) for ~3·10^4 pairs: about one percent of pairs pass wrongly,
/// each costing one search that finds nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct FirstWords {
    first: Vec<u64>,
    pairs: Vec<u64>,
}

const PAIR_BITS: u32 = 22;

fn pair_bit(first: u32, second: u32) -> usize {
    let h = ((first as u64) << 32 | second as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - PAIR_BITS)) as usize
}

fn set(bits: &mut [u64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

fn get(bits: &[u64], bit: usize) -> bool {
    bits.get(bit / 64)
        .is_some_and(|b| b & (1 << (bit % 64)) != 0)
}

impl FirstWords {
    /// Over multi-word `patterns` (word codes); `words`: the vocabulary's size.
    fn new<'a>(patterns: impl Iterator<Item = &'a [u8]>, words: usize) -> Self {
        let mut first = vec![0u64; words.div_ceil(64)];
        let mut pairs = vec![0u64; 1 << (PAIR_BITS - 6)];
        for p in patterns {
            set(&mut first, code_id(p) as usize);
            if p.len() > 2 * CODE_LEN {
                set(&mut pairs, pair_bit(code_id(p), code_id(&p[CODE_LEN..])));
            }
        }
        FirstWords { first, pairs }
    }

    /// Whether some multi-word name may begin with the word `first`.
    #[inline]
    fn may_begin(&self, first: u32) -> bool {
        get(&self.first, first as usize)
    }

    /// Whether some name of three words or more may begin with the words
    /// `first`, `second` (word ids; `may_begin(first)` holds).
    #[inline]
    fn may_begin_long(&self, first: u32, second: u32) -> bool {
        get(&self.pairs, pair_bit(first, second))
    }

    pub(crate) fn memory_usage(&self) -> usize {
        (self.first.len() + self.pairs.len()) * 8
    }
}

/// The names of two words: an open-addressing hash table from the pair of
/// word ids to the key id (one probe or two; the ids themselves are the
/// slot's tag, so a miss reads no string).
#[derive(Clone, Debug, Default)]
struct WordPairs {
    /// `first << 32 | second`, or `EMPTY_PAIR`; the length is a power of two.
    pairs: Vec<u64>,
    keys: Vec<u32>,
}

const EMPTY_PAIR: u64 = u64::MAX;

fn pair_slot(pair: u64, mask: usize) -> usize {
    (pair.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl WordPairs {
    fn new(names: impl ExactSizeIterator<Item = (u32, u32, u32)>) -> Self {
        let size = (names.len() * 2).next_power_of_two().max(16);
        let (mut pairs, mut keys) = (vec![EMPTY_PAIR; size], vec![0; size]);
        for (first, second, key) in names {
            let pair = (first as u64) << 32 | second as u64;
            let mut i = pair_slot(pair, size - 1);
            while pairs[i] != EMPTY_PAIR {
                i = (i + 1) & (size - 1);
            }
            pairs[i] = pair;
            keys[i] = key;
        }
        WordPairs { pairs, keys }
    }

    /// The key id of the name of words `first`, `second`.
    #[inline]
    fn get(&self, first: u32, second: u32) -> Option<u32> {
        let mask = self.pairs.len().checked_sub(1)?;
        let pair = (first as u64) << 32 | second as u64;
        let mut i = pair_slot(pair, mask);
        loop {
            match self.pairs[i] {
                EMPTY_PAIR => return None,
                p if p == pair => return Some(self.keys[i]),
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn memory_usage(&self) -> usize {
        self.pairs.len() * 12
    }
}

/// The multi-word names: those of three words or more in the automaton,
/// those of two in `WordPairs`, and the filter of their first words.
#[derive(Clone, Debug)]
pub(crate) struct MultiWordNames {
    automaton: AhoCorasick,
    /// The key id of each automaton pattern.
    automaton_keys: Vec<u32>,
    pairs: WordPairs,
    first_words: FirstWords,
}

impl MultiWordNames {
    /// Over `names`: each multi-word name's word codes and key id;
    /// `words`: the vocabulary's size.
    pub(crate) fn new<'a>(
        names: impl Iterator<Item = (&'a [u8], u32)> + Clone,
        words: usize,
    ) -> Self {
        let long = names.clone().filter(|(p, _)| p.len() > 2 * CODE_LEN);
        let two: Vec<(u32, u32, u32)> = names
            .clone()
            .filter(|(p, _)| p.len() == 2 * CODE_LEN)
            .map(|(p, k)| (code_id(p), code_id(&p[CODE_LEN..]), k))
            .collect();
        MultiWordNames {
            automaton: build_automaton(long.clone().map(|(p, _)| p)),
            automaton_keys: long.map(|(_, k)| k).collect(),
            pairs: WordPairs::new(two.into_iter()),
            first_words: FirstWords::new(names.map(|(p, _)| p), words),
        }
    }

    /// The longest multi-word name starting at word `i` of a text's word
    /// `codes` (`ids`: their word ids): its end (a word index) and key id.
    #[inline]
    fn longest_at(&self, codes: &[u8], ids: &[u32], i: usize) -> Option<(usize, usize)> {
        if i + 1 >= ids.len() || !self.first_words.may_begin(ids[i]) {
            return None;
        }
        if self.first_words.may_begin_long(ids[i], ids[i + 1]) {
            let input = Input::new(codes)
                .range(i * CODE_LEN..)
                .anchored(Anchored::Yes);
            if let Some(m) = self.automaton.find(input) {
                // Codes are self-synchronising: matches end on words.
                let key = self.automaton_keys[m.pattern().as_usize()];
                return Some((m.end() / CODE_LEN, key as usize));
            }
        }
        let key = self.pairs.get(ids[i], ids[i + 1])?;
        Some((i + 2, key as usize))
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
            + self.automaton_keys.len() * 4
            + self.pairs.memory_usage()
            + self.first_words.memory_usage()
    }
}

/// Open-addressing hash table from a word to its vocabulary id (ids into a
/// string table, so it holds no strings of its own). Each slot keeps 32 bits
/// of the word's hash, so most lookups of words outside the vocabulary (and
/// collisions) are settled without reading the string table.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordTable {
    /// `hash >> 32 << 32 | (id + 1)`, 0 when empty; the length is a power
    /// of two.
    slots: Vec<u64>,
}

fn hash_word(w: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 29)
}

impl WordTable {
    pub(crate) fn new<'a>(words: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; size];
        let mask = size - 1;
        for (id, w) in words.enumerate() {
            let h = hash_word(w.as_bytes());
            let mut i = h as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (h & !0xffff_ffff) | (id as u64 + 1);
        }
        WordTable { slots }
    }

    pub(crate) fn get<'a>(&self, word: &str, get: impl Fn(usize) -> &'a str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let h = hash_word(word.as_bytes());
        let tag = h & !0xffff_ffff;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & !0xffff_ffff == tag {
                let id = (s & 0xffff_ffff) as usize - 1;
                if get(id) == word {
                    return Some(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.slots.len() * 8
    }
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
        self.normalize_and_find(text).1
    }

    /// [`crate::normalize::normalize_text`] and [`Gazetteer::find_names_in`]
    /// in one pass over the words, each distinct word normalised and looked
    /// up once per thread (see `memo`).
    pub fn normalize_and_find(&self, text: &str) -> (NormalizedText, Vec<NameMatch>) {
        let mut norm = NormalizedText::default();
        let found = self.normalize_and_find_in(text, &mut norm);
        (norm, found)
    }

    /// [`Gazetteer::normalize_and_find`] into `norm` (emptied first),
    /// reusing its allocations: a caller that normalises text after text
    /// keeps one.
    pub fn normalize_and_find_in(&self, text: &str, norm: &mut NormalizedText) -> Vec<NameMatch> {
        self.normalize_and_find_words_in(text, norm, false)
    }

    /// [`Gazetteer::normalize_and_find_in`] without the one-word matches
    /// written in plain lowercase ASCII ("army", "said" are villages
    /// somewhere): most words of a text, which a reader of news text takes
    /// for English words. Multi-word matches are the same; so are the
    /// matches of [`Gazetteer::find_names_in_words`] over `norm`.
    pub fn normalize_and_find_proper_in(
        &self,
        text: &str,
        norm: &mut NormalizedText,
    ) -> Vec<NameMatch> {
        self.normalize_and_find_words_in(text, norm, true)
    }

    fn normalize_and_find_words_in(
        &self,
        text: &str,
        norm: &mut NormalizedText,
        skip_plain_lowercase: bool,
    ) -> Vec<NameMatch> {
        let mut words = std::mem::take(&mut norm.words);
        tokenize_into(text, &mut words);
        norm.text.clear();
        norm.text.reserve(text.len() + text.len() / 4);
        norm.tokens.clear();
        norm.tokens.reserve(words.len());
        let mut codes = std::mem::take(&mut norm.codes);
        codes.clear();
        codes.reserve(words.len() * CODE_LEN);
        let mut ids = std::mem::take(&mut norm.ids);
        ids.clear();
        ids.reserve(words.len());
        let mut single = std::mem::take(&mut norm.single);
        single.clear();
        single.reserve(words.len());
        crate::memo::with(self, |memo| {
            for (i, w) in words.iter().enumerate() {
                let (info, spaced_key) = memo.word(self, &text[w.range.clone()]);
                if info.article {
                    continue;
                }
                let start = norm.text.len();
                norm.text.push_str(spaced_key);
                norm.tokens.push(NormToken {
                    norm: start..norm.text.len(),
                    orig: w.range.clone(),
                    word: i,
                });
                codes.extend_from_slice(&word_code(info.id));
                ids.push(info.id);
                single.push(if skip_plain_lowercase && info.plain_lowercase {
                    u32::MAX
                } else {
                    info.single
                });
            }
        });
        norm.words = words;
        let found = self.matches(&norm.tokens, &codes, &ids, &single);
        norm.codes = codes;
        norm.ids = ids;
        norm.single = single;
        found
    }

    /// As [`Gazetteer::find_names`] of the text from word `words.start` to
    /// word `words.end - 1` of `norm` (which normalises all of `text`): a
    /// slice from a word's start to a word's end splits into those words,
    /// so this finds the same names without normalising it again. Spans
    /// are in `text`.
    pub fn find_names_in_words(
        &self,
        text: &str,
        norm: &NormalizedText,
        words: Range<usize>,
    ) -> Vec<NameMatch> {
        let from = norm.tokens.partition_point(|t| t.word < words.start);
        let to = norm.tokens.partition_point(|t| t.word < words.end);
        let toks = &norm.tokens[from..to];
        if norm.single.len() == norm.tokens.len() {
            // Made by `normalize_and_find`: the codes are at hand.
            return self.matches(
                toks,
                &norm.codes[from * CODE_LEN..to * CODE_LEN],
                &norm.ids[from..to],
                &norm.single[from..to],
            );
        }
        let mut codes = Vec::with_capacity(toks.len() * CODE_LEN);
        let mut ids: Vec<u32> = Vec::with_capacity(toks.len());
        let mut single: Vec<u32> = Vec::with_capacity(toks.len());
        crate::memo::with(self, |memo| {
            for t in toks {
                let (info, _) = memo.word(self, &text[t.orig.clone()]);
                codes.extend_from_slice(&word_code(info.id));
                ids.push(info.id);
                single.push(info.single);
            }
        });
        self.matches(toks, &codes, &ids, &single)
    }

    /// As [`Gazetteer::find_names`], on an already normalised text.
    pub fn find_names_in(&self, norm: &NormalizedText) -> Vec<NameMatch> {
        let toks = &norm.tokens;
        let mut codes = Vec::with_capacity(toks.len() * CODE_LEN);
        let mut ids: Vec<u32> = Vec::with_capacity(toks.len());
        let mut single: Vec<u32> = Vec::with_capacity(toks.len());
        for t in toks {
            let w = &norm.text[t.norm.start + 1..t.norm.end - 1];
            let id = self.word_id(w).map_or(MAX_WORDS, |id| id as u32);
            codes.extend_from_slice(&word_code(id));
            ids.push(id);
            single.push(if id == MAX_WORDS {
                u32::MAX
            } else {
                self.single_key(id as usize)
            });
        }
        self.matches(toks, &codes, &ids, &single)
    }

    /// The names in a text's word codes (`ids`: the codes' word ids;
    /// `single`: each word's one-word key or `u32::MAX`).
    fn matches(
        &self,
        toks: &[NormToken],
        codes: &[u8],
        ids: &[u32],
        single: &[u32],
    ) -> Vec<NameMatch> {
        // Most words of a text have a one-word key.
        let mut out = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            if let Some((e, key_id)) = self.multi.longest_at(codes, ids, i) {
                out.push(NameMatch {
                    span: toks[i].orig.start..toks[e - 1].orig.end,
                    key_id,
                });
                i = e;
                continue;
            }
            if single[i] != u32::MAX {
                out.push(NameMatch {
                    span: toks[i].orig.clone(),
                    key_id: single[i] as usize,
                });
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::NameMatch;
    use crate::index::Builder;
    use crate::normalize::{NormToken, NormalizedText};
    use crate::sources::SourceRecord;
    use crate::{Place, PlaceKind};

    /// A gazetteer of Syrian localities with these names (for tests).
    pub(crate) fn gaz(names: &[&str]) -> crate::Gazetteer {
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
            "Bab",
            "Bab al-Hawa",
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
            // one-word names only where no multi-word name covers the word
            ("Zeita Kafr Zeita Zeita", &["Zeita", "Kafr Zeita", "Zeita"]),
            ("Kafr Douma Harasta", &["Douma", "Harasta"]),
            ("Bab Bab al-Hawa", &["Bab", "Bab al-Hawa"]),
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

    #[test]
    fn names_in_words_are_names_of_their_text() {
        let g = gaz(&[
            "Zeita",
            "Kafr Zeita",
            "Maarrat an Numan",
            "Douma",
            "Bab al-Hawa",
        ]);
        let text = "Kafr Zeita, Zeita Kafr Zeita and Ma‘arrat an-Nu‘mān; Douma’s Bab al-Hawa.";
        let (norm, _) = g.normalize_and_find(text);
        let n = norm.words.len();
        for a in 0..n {
            for b in a + 1..=n {
                let (from, to) = (norm.words[a].range.start, norm.words[b - 1].range.end);
                let want: Vec<_> = g
                    .find_names(&text[from..to])
                    .into_iter()
                    .map(|m| (m.span.start + from..m.span.end + from, m.key_id))
                    .collect();
                let got: Vec<_> = g
                    .find_names_in_words(text, &norm, a..b)
                    .into_iter()
                    .map(|m| (m.span, m.key_id))
                    .collect();
                assert_eq!(got, want, "{:?}", &text[from..to]);
            }
        }
    }

    /// Without the one-word names in plain lowercase, the same matches
    /// otherwise: multi-word names with lowercase words stay, and so do
    /// one-word names written otherwise.
    #[test]
    fn proper_matches_leave_out_plain_lowercase_words() {
        let g = gaz(&["Army", "Said", "Douma", "Tall at Tamr", "al-Bab", "Tal"]);
        let table: &[(&str, &[&str])] = &[
            ("the army said Douma", &["Douma"]),
            ("The Army said", &["Army"]),
            ("at tall at tamr and Tal", &["tall at tamr", "Tal"]),
            ("in al-Bab, army", &["Bab"]),
            ("army army said", &[]),
        ];
        for (text, want) in table {
            let mut norm = NormalizedText::default();
            let got: Vec<&str> = g
                .normalize_and_find_proper_in(text, &mut norm)
                .into_iter()
                .map(|m| &text[m.span])
                .collect();
            assert_eq!(&got, want, "{text}");
            // All names but the plain lowercase words.
            let plain = |m: &str| m.bytes().all(|b| b.is_ascii_lowercase());
            let all: Vec<&str> = g
                .find_names(text)
                .into_iter()
                .map(|m| &text[m.span])
                .filter(|m| !plain(m))
                .collect();
            assert_eq!(all, got, "{text}");
        }
    }

    /// The gated, anchored search finds what a plain leftmost-longest scan
    /// over the words finds: at the first word where some name begins, the
    /// longest name there, then on after it.
    #[test]
    fn matches_are_leftmost_longest_over_words() {
        let g = gaz(&[
            "Tal",
            "Tal Abyad",
            "Tal Abyad Sharqi",
            "Abyad",
            "Sharqi",
            "Ain",
            "Ain Issa",
            "Issa",
            "Ras al-Ain",
            "Ras",
            "Deir ez-Zor",
            "Zor",
            "Kafr Nabl",
            "Nabl",
        ]);
        let texts = [
            "Tal Abyad Sharqi Ain Issa Ras al-Ain Issa",
            "Ras Tal Abyad Ain Ain Issa Deir ez-Zor Zor",
            "Tal Tal Tal Abyad Abyad Sharqi Kafr Nabl Kafr Zor",
            "Ras al Ain Ras Ain Issa Tal Abyad Sharqi Sharqi Tal",
        ];
        for text in texts {
            let (norm, got) = g.normalize_and_find(text);
            let key = |t: &NormToken| norm.text[t.norm.start + 1..t.norm.end - 1].to_string();
            let toks = &norm.tokens;
            let mut want = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                let longest = (i + 1..=toks.len()).rev().find_map(|e| {
                    let name: Vec<String> = toks[i..e].iter().map(key).collect();
                    g.key_id(&name.join(" ")).map(|k| (e, k))
                });
                match longest {
                    Some((e, k)) => {
                        want.push(NameMatch {
                            span: toks[i].orig.start..toks[e - 1].orig.end,
                            key_id: k,
                        });
                        i = e;
                    }
                    None => i += 1,
                }
            }
            assert_eq!(got, want, "{text}");
        }
    }
}
