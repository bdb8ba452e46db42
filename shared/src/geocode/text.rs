//! The words of one article, split once and shared. The matcher's
//! normalisation already splits the text ([`NormalizedText::words`]);
//! reading the words around a name, checking a match's own words and the
//! unresolved-name scan index into that split instead of tokenising the text
//! again, and lowercase words are slices of one lowercased copy instead of a
//! `String` each.
//!
//! The context rules read `tokenize` of a byte window around a name (120
//! bytes before it, 80 after, ...). A window edge can cut a word, so the
//! window's words are the text's words only where its edges are clean:
//! [`TextWords::window_first`] and [`TextWords::window_last`] return the
//! text's words when that is certain and `None` otherwise, and the caller
//! then tokenises the window itself. The words are the same either way.
//!
//! [`NormalizedText::words`]: gazetteer::normalize::NormalizedText::words

use std::borrow::Cow;
use std::ops::Range;

use gazetteer::normalize::{is_mark, is_word_char, RawToken};

/// Bytes past a word's end that `tokenize` may read to end it (a mark of up
/// to 3 bytes, a possessive `s`, the character after it), rounded up.
const LOOKAHEAD: usize = 12;

/// Allocations of a [`TextWords`], kept for the next text.
#[derive(Default)]
pub struct TextBuffers {
    lower: String,
    first_at: Vec<u32>,
}

/// The words of one text.
pub struct TextWords<'t> {
    text: &'t str,
    words: Vec<RawToken>,
    /// `text` with ASCII letters lowercased: byte offsets are unchanged, so
    /// an ASCII word's lowercase form is a slice of it.
    lower: String,
    /// Per block of `BLOCK` bytes of the text (and its end): the index of
    /// the first word starting at or after the block's start. Matching,
    /// reading contexts and checking a match's words ask `first_at`
    /// hundreds of times a text: one read and a step or two, instead of a
    /// binary search.
    first_at: Vec<u32>,
}

/// Bytes per entry of `TextWords::first_at`.
const BLOCK: usize = 8;

impl<'t> TextWords<'t> {
    /// `words` must be `tokenize(text)`.
    pub fn new(text: &'t str, words: Vec<RawToken>) -> Self {
        Self::with_buffers(text, words, TextBuffers::default())
    }

    /// [`TextWords::new`], reusing the allocations of an earlier text's
    /// (see [`TextWords::into_buffers`]).
    pub fn with_buffers(text: &'t str, words: Vec<RawToken>, buffers: TextBuffers) -> Self {
        let TextBuffers {
            mut lower,
            mut first_at,
        } = buffers;
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        first_at.clear();
        first_at.reserve(text.len() / BLOCK + 2);
        for (i, w) in words.iter().enumerate() {
            let block = w.range.start / BLOCK;
            while first_at.len() <= block {
                first_at.push(i as u32);
            }
        }
        first_at.resize(text.len() / BLOCK + 1, words.len() as u32);
        TextWords {
            text,
            words,
            lower,
            first_at,
        }
    }

    /// The word split and the allocations, for the next text.
    pub fn into_buffers(self) -> (Vec<RawToken>, TextBuffers) {
        (
            self.words,
            TextBuffers {
                lower: self.lower,
                first_at: self.first_at,
            },
        )
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Byte range of word `i`.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.words[i].range.clone()
    }

    /// Word `i` as written.
    pub fn word(&self, i: usize) -> &'t str {
        &self.text[self.words[i].range.clone()]
    }

    /// Word `i` in lowercase (as `str::to_lowercase`).
    pub fn lower(&self, i: usize) -> Cow<'_, str> {
        let r = self.words[i].range.clone();
        let w = &self.lower[r];
        if w.is_ascii() {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(self.text[self.words[i].range.clone()].to_lowercase())
        }
    }

    /// Index of the first word starting at or after `pos`.
    pub fn first_at(&self, pos: usize) -> usize {
        let Some(&i) = self.first_at.get(pos / BLOCK) else {
            return self.words.len();
        };
        // The first word at or after the block's start; a block holds a
        // few word starts at most.
        let mut i = i as usize;
        while i < self.words.len() && self.words[i].range.start < pos {
            i += 1;
        }
        i
    }

    /// The words that exactly cover `span` (it starts at a word's start and
    /// ends at a word's end), if they do.
    pub fn covering(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let i = self.first_at(span.start);
        let j = self.first_at(span.end);
        (i < j
            && self.words[i].range.start == span.start
            && self.words[j - 1].range.end == span.end)
            .then_some(i..j)
    }

    /// True where `tokenize` of a slice starting or ending here splits as
    /// the whole text does: a text end, a word start, or a character that
    /// is neither a word character nor a mark (it ends any word on both
    /// sides and is read the same way).
    fn clean(&self, pos: usize) -> bool {
        if pos == 0 || pos >= self.text.len() {
            return true;
        }
        let i = self.first_at(pos);
        if i < self.words.len() && self.words[i].range.start == pos {
            return true;
        }
        self.text[pos..]
            .chars()
            .next()
            .is_some_and(|c| !is_word_char(c) && !is_mark(c))
    }

    /// The first `n` words of `tokenize(&text[from..to])`, as indices, if
    /// they are certainly words of the text (`from`, `to` char boundaries).
    pub fn window_first(&self, from: usize, to: usize, n: usize) -> Option<Range<usize>> {
        if !self.clean(from) {
            return None;
        }
        let to_clean = self.clean(to);
        let start = self.first_at(from);
        let mut i = start;
        while i < self.words.len() && i - start < n {
            let r = &self.words[i].range;
            if r.start >= to {
                break;
            }
            // A word near an unclean end may be split differently there.
            if r.end > to || (!to_clean && r.end + LOOKAHEAD > to) {
                return None;
            }
            i += 1;
        }
        Some(start..i)
    }

    /// The last `n` words of `tokenize(&text[from..to])`, as indices, if
    /// they are certainly words of the text (`from`, `to` char boundaries).
    pub fn window_last(&self, from: usize, to: usize, n: usize) -> Option<Range<usize>> {
        if !self.clean(to) {
            return None;
        }
        let end = self.first_at(to);
        if self.clean(from) {
            return Some(self.first_at(from).max(end.saturating_sub(n))..end);
        }
        // `from` cuts a word: the slice's words agree with the text's after
        // the first character that ends a word.
        let sep = self.text[from..to]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c) && !is_mark(c))
            .map(|(p, _)| from + p)?;
        let start = self.first_at(sep);
        (end - start >= n).then(|| end - n..end)
    }
}

pub(super) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether word `i` exists, is capitalised and follows the previous word
/// after spaces only.
pub(super) fn next_is_capitalised(words: &TextWords, i: usize) -> bool {
    i < words.len()
        && i > 0
        && capitalised(words.word(i))
        && words.text()[words.range(i - 1).end..words.range(i).start]
            .trim()
            .is_empty()
}

/// Whether word `i` follows the word before it after one space and starts
/// lower-case ("Tribal fighters").
pub(super) fn next_is_lowercase(words: &TextWords, i: usize) -> bool {
    i < words.len()
        && i > 0
        && words.word(i).starts_with(|c: char| c.is_lowercase())
        && &words.text()[words.range(i - 1).end..words.range(i).start] == " "
}

/// Whether the words from `i` continue a name: a capitalised word, or an
/// Arabic article joined to one ("Karm al-Tarrab", "Bab al-Nairab").
pub(super) fn next_is_name_part(words: &TextWords, i: usize) -> bool {
    if next_is_capitalised(words, i) {
        return true;
    }
    i + 1 < words.len()
        && i > 0
        && words.text()[words.range(i - 1).end..words.range(i).start]
            .trim()
            .is_empty()
        && ARTICLE_WORDS.contains(&words.word(i))
        && matches!(
            &words.text()[words.range(i).end..words.range(i + 1).start],
            "-" | " "
        )
        && capitalised(words.word(i + 1))
}

/// Arabic articles as written before a name.
pub(super) const ARTICLE_WORDS: &[&str] = &["al", "el", "ad", "ar", "as", "ash", "an", "az"];

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer::normalize::tokenize;

    /// Every window of a tricky text: whenever the shared split answers, it
    /// answers what tokenising the window answers.
    #[test]
    fn windows_agree_with_tokenising_the_window() {
        let text = "Ma'arrat an-Nu‘mān, Douma’s outskirts; rebels' x‘s Aleppo's\u{301}y \
                    ‘Ayn al-‘Arab 7km İdlib ok’ a";
        let words = TextWords::new(text, tokenize(text));
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut answered = 0;
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&t| t >= from) {
                let want: Vec<Range<usize>> = tokenize(&text[from..to])
                    .into_iter()
                    .map(|t| from + t.range.start..from + t.range.end)
                    .collect();
                for n in [1, 2, 3, 8, usize::MAX] {
                    if let Some(r) = words.window_first(from, to, n) {
                        let got: Vec<_> = r.map(|i| words.range(i)).collect();
                        let w: Vec<_> = want.iter().take(n).cloned().collect();
                        assert_eq!(got, w, "first {n} of {:?}", &text[from..to]);
                        answered += 1;
                    }
                    if let Some(r) = words.window_last(from, to, n) {
                        let got: Vec<_> = r.map(|i| words.range(i)).collect();
                        let skip = want.len().saturating_sub(n);
                        assert_eq!(got, want[skip..], "last {n} of {:?}", &text[from..to]);
                        answered += 1;
                    }
                }
            }
        }
        assert!(answered > 5_000, "{answered}");
    }

    /// `first_at` answers what a binary search answers, in any order.
    #[test]
    fn first_at_agrees_with_searching() {
        let text = "a bb  ccc, Douma’s dddd e ff ggg hhhh i jj kkk llll m nn ooo ppp q";
        let words = TextWords::new(text, tokenize(text));
        let want = |pos: usize| words.words.partition_point(|w| w.range.start < pos);
        let mut seed = 7u64;
        for _ in 0..5_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pos = (seed >> 33) as usize % (text.len() + 3);
            assert_eq!(words.first_at(pos), want(pos), "{pos}");
        }
        for pos in (0..text.len() + 2).chain((0..text.len() + 2).rev()) {
            assert_eq!(words.first_at(pos), want(pos), "{pos}");
        }
    }

    #[test]
    fn lowercase_words() {
        let text = "Idlib İDLIB idlib";
        let words = TextWords::new(text, tokenize(text));
        let got: Vec<String> = (0..words.len()).map(|i| words.lower(i).into()).collect();
        let want: Vec<String> = text.split(' ').map(str::to_lowercase).collect();
        assert_eq!(got, want);
    }
}
