//! A per-thread memo of text words: each distinct word (as written) is
//! normalised and looked up in the vocabulary once per thread and
//! gazetteer, not at every occurrence. News text repeats a few thousand
//! words ("the", "said", "forces"); folding a word and finding it in the
//! vocabulary (a table of megabytes: a cache miss or two) cost several
//! times a lookup in this small, hot table.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// The key: `keys[key.0..key.1]` (`#` for a word of another script).
    key: (u32, u32),
}

/// FxHash (as in rustc): words are short, and SipHash's DoS resistance is
/// not needed for a memo that starts over when full.
#[derive(Default)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The memo of one thread.
#[derive(Default)]
pub(crate) struct Memo {
    /// The gazetteer the ids belong to ([`Gazetteer::memo_id`]).
    owner: u64,
    words: HashMap<Box<str>, WordInfo, BuildHasherDefault<FxHasher>>,
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
        self.words.clear();
        self.keys.clear();
    }

    /// What normalisation and `gaz`'s vocabulary make of `word` (a word of
    /// `tokenize`), and its key: as `normalize_text` and `find_names_in`
    /// compute them.
    pub(crate) fn word(&mut self, gaz: &Gazetteer, word: &str) -> (WordInfo, &str) {
        let info = match self.words.get(word) {
            Some(&info) => info,
            None => {
                if self.words.len() >= MAX_ENTRIES {
                    self.clear();
                }
                let info = self.compute(gaz, word);
                self.words.insert(word.into(), info);
                info
            }
        };
        (info, &self.keys[info.key.0 as usize..info.key.1 as usize])
    }

    fn compute(&mut self, gaz: &Gazetteer, word: &str) -> WordInfo {
        let ok = light_word(word, &mut self.light);
        let start = self.keys.len();
        if ok {
            fold_word(&self.light, &mut self.scratch, &mut self.keys);
        } else {
            self.keys.push('#');
        }
        let key = &self.keys[start..];
        let id = gaz.word_id(key);
        WordInfo {
            article: ok && is_article(&self.light),
            id: id.map_or(MAX_WORDS, |i| i as u32),
            single: id.map_or(u32::MAX, |i| gaz.single_key(i)),
            light: if ok {
                gaz.light_id(&self.light).map_or(u32::MAX, |i| i as u32)
            } else {
                u32::MAX
            },
            key: (start as u32, self.keys.len() as u32),
        }
    }
}
