//! A per-thread memo of text words: each distinct word (as written) is
//! normalised and looked up in the vocabulary once per thread and
//! gazetteer, not at every occurrence. News text repeats a few thousand
//! words ("the", "said", "forces"); folding a word and finding it in the
//! vocabulary (a table of megabytes: a cache miss or two) cost several
//! times a lookup in this small, hot table.

use std::cell::RefCell;

use crate::matcher::MAX_WORDS;
use crate::normalize::{fold_word, is_article, light_word};
use crate::Gazetteer;

/// Distinct words kept before the memo starts over (bounds its memory to a
/// few megabytes whatever the input).
const MAX_ENTRIES: usize = 1 << 16;

/// What normalisation and the vocabulary make of one word as written.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordInfo {
    /// An Arabic article (`al`, `ash`): normalisation drops it.
    pub article: bool,
    /// Vocabulary id of the word's key, or [`MAX_WORDS`].
    pub id: u32,
    /// The one-word key equal to the word's key, or `u32::MAX`.
    pub single: u32,
    /// The id of the word's light form ([`Gazetteer::light_id`]), or
    /// `u32::MAX`.
    pub light: u32,
    /// Written in plain lowercase ASCII letters and digits ("army",
    /// "said"): an English word, to a reader of news text.
    pub plain_lowercase: bool,
    /// The key: `keys[key.0..key.1]` (`#` for a word of another script),
    /// with a space before and after it in `keys`.
    key: (u32, u32),
}

/// A word's bytes as two integers and its length: for words of at most
/// 16 bytes the triple is the word (overlapping loads: given the length,
/// every byte is in one of them), so equal triples are equal words.
#[inline]
fn fingerprint(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let u64_at = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |i: usize| u32::from_le_bytes(w[i..i + 4].try_into().expect("4 bytes")) as u64;
    if n >= 8 {
        (u64_at(0), u64_at(n - 8))
    } else if n >= 4 {
        (u32_at(0), u32_at(n - 4))
    } else {
        let mut a = 0u64;
        for (i, &b) in w.iter().enumerate() {
            a |= (b as u64) << (8 * i);
        }
        (a, 0)
    }
}

#[inline]
fn hash_of(a: u64, b: u64, n: usize, rest: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = (a ^ (n as u64).rotate_left(59)).wrapping_mul(K);
    h = (h.rotate_left(5) ^ b).wrapping_mul(K);
    for c in rest.chunks(8) {
        let mut x = [0u8; 8];
        x[..c.len()].copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(x)).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

/// One memo slot: the word (see [`fingerprint`]; a longer word also has
/// its bytes in `Memo::long`) and what it normalises to.
#[derive(Clone, Copy)]
struct Slot {
    a: u64,
    b: u64,
    /// Word length + 1; 0 for an empty slot.
    len: u32,
    /// Start of a word of more than 16 bytes in `Memo::long`.
    long: u32,
    info: WordInfo,
}

const EMPTY: Slot = Slot {
    a: 0,
    b: 0,
    len: 0,
    long: 0,
    info: WordInfo {
        article: false,
        id: 0,
        single: 0,
        light: 0,
        plain_lowercase: false,
        key: (0, 0),
    },
};

/// The memo of one thread: an open-addressing table of words (most words
/// sit in their slot; no pointer to follow, no `memcmp`), grown by
/// doubling while at most half full.
#[derive(Default)]
pub(crate) struct Memo {
    /// The gazetteer the ids belong to ([`Gazetteer::memo_id`]).
    owner: u64,
    slots: Vec<Slot>,
    entries: usize,
    /// Words longer than 16 bytes, end to end.
    long: Vec<u8>,
    /// Keys of the words, end to end.
    keys: String,
    light: String,
    scratch: Vec<u8>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Runs `f` with this thread's memo for `gaz`.
pub(crate) fn with<R>(gaz: &Gazetteer, f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.owner != gaz.memo_id() {
            m.clear();
            m.owner = gaz.memo_id();
        }
        f(&mut m)
    })
}

impl Memo {
    fn clear(&mut self) {
        self.slots.clear();
        self.entries = 0;
        self.long.clear();
        self.keys.clear();
    }

    /// What normalisation and `gaz`'s vocabulary make of `word` (a word of
    /// `tokenize`), and its key with a space on each side (` key `, as in
    /// the normalised text): as `normalize_text` and `find_names_in`
    /// compute them.
    #[inline]
    pub(crate) fn word(&mut self, gaz: &Gazetteer, word: &str) -> (WordInfo, &str) {
        let w = word.as_bytes();
        let n = w.len();
        let (a, b) = fingerprint(w);
        let rest = if n > 16 { &w[16..] } else { &[] };
        let h = hash_of(a, b, n, rest);
        let info = match self.find(w, a, b, h) {
            Ok(i) => self.slots[i].info,
            Err(_) => {
                if self.entries >= MAX_ENTRIES {
                    self.clear();
                }
                if (self.entries + 1) * 2 > self.slots.len() {
                    self.grow();
                }
                let i = self.find(w, a, b, h).expect_err("a new word");
                let info = self.compute(gaz, word);
                let long = if n > 16 {
                    let at = self.long.len() as u32;
                    self.long.extend_from_slice(w);
                    at
                } else {
                    0
                };
                self.slots[i] = Slot {
                    a,
                    b,
                    len: n as u32 + 1,
                    long,
                    info,
                };
                self.entries += 1;
                info
            }
        };
        (
            info,
            &self.keys[info.key.0 as usize - 1..info.key.1 as usize + 1],
        )
    }

    /// The slot holding `w`, else the empty slot where it goes.
    #[inline]
    fn find(&self, w: &[u8], a: u64, b: u64, h: u64) -> Result<usize, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return Err(0);
        }
        let len = w.len() as u32 + 1;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return Err(i);
            }
            if s.len == len
                && s.a == a
                && s.b == b
                && (len <= 17 || &self.long[s.long as usize..s.long as usize + w.len()] == w)
            {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        let mask = size - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let n = s.len as usize - 1;
            let rest: &[u8] = if n > 16 {
                &self.long[s.long as usize + 16..s.long as usize + n]
            } else {
                &[]
            };
            let mut i = hash_of(s.a, s.b, n, rest) as usize & mask;
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    fn compute(&mut self, gaz: &Gazetteer, word: &str) -> WordInfo {
        let ok = light_word(word, &mut self.light);
        // The key with a space on each side, as the normalised text has it.
        self.keys.push(' ');
        let start = self.keys.len();
        if ok {
            fold_word(&self.light, &mut self.scratch, &mut self.keys);
        } else {
            self.keys.push('#');
        }
        let end = self.keys.len();
        let id = gaz.word_id(&self.keys[start..end]);
        self.keys.push(' ');
        WordInfo {
            article: ok && is_article(&self.light),
            id: id.map_or(MAX_WORDS, |i| i as u32),
            single: id.map_or(u32::MAX, |i| gaz.single_key(i)),
            light: if ok {
                gaz.light_id(&self.light).map_or(u32::MAX, |i| i as u32)
            } else {
                u32::MAX
            },
            plain_lowercase: word.as_bytes()[0].is_ascii_lowercase()
                && word.bytes().all(|c| c.is_ascii_alphanumeric()),
            key: (start as u32, end as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of every length, sharing prefixes and suffixes (what the
    /// fingerprint reads), many times over so the table grows and starts
    /// over: each lookup answers what normalising the word answers.
    #[test]
    fn memo_answers_what_normalising_answers() {
        let g = crate::matcher::tests::gaz(&["Douma", "Kafr Zeita", "Maarrat an Numan", "Ab"]);
        let mut words: Vec<String> = Vec::new();
        for stem in ["douma", "Zeita", "kafr", "al", "Ḩarastā", "x", "ab"] {
            for n in 0..40 {
                let pad: String = "abcdefghijklmnopqrstuvwxyz0123456789xyzw"[..n].to_string();
                words.push(format!("{stem}{pad}"));
                words.push(format!("{pad}{stem}"));
                words.push(format!("{}{stem}{}", &pad[..n / 2], &pad[n / 2..]));
            }
        }
        for i in 0..70_000 {
            words.push(format!("w{i}"));
        }
        let mut plain = Memo::default();
        let mut memo = Memo::default();
        for round in 0..2 {
            for w in &words {
                let (want, want_key) = plain.compute_fresh(&g, w);
                let (got, spaced) = memo.word(&g, w);
                let key = &spaced[1..spaced.len() - 1];
                assert_eq!(
                    (got.article, got.id, got.single, got.light, key),
                    (
                        want.article,
                        want.id,
                        want.single,
                        want.light,
                        want_key.as_str()
                    ),
                    "{w} (round {round})"
                );
            }
        }
    }

    impl Memo {
        fn compute_fresh(&mut self, gaz: &Gazetteer, w: &str) -> (WordInfo, String) {
            self.clear();
            let info = self.compute(gaz, w);
            (
                info,
                self.keys[info.key.0 as usize..info.key.1 as usize].to_string(),
            )
        }
    }
}
