//! Whole-word phrase lexicons matched in one pass (aho-corasick, every
//! match, then leftmost-longest among the whole words; ASCII
//! case-insensitive): the shared mechanism behind triggers, actors and
//! date words.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::ops::Range;

/// A lexicon of phrases, each carrying a value.
pub struct Lexicon<T: Copy> {
    automaton: AhoCorasick,
    values: Vec<T>,
}

/// One phrase found in a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub value: T,
}

impl<T> Hit<T> {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<T: Copy> Lexicon<T> {
    /// Builds a lexicon; longer phrases win over their prefixes. A phrase
    /// with an apostrophe also matches the typographic one ("Syria’s").
    pub fn new(entries: &[(&str, T)]) -> Self {
        let mut patterns = Vec::with_capacity(entries.len());
        let mut values = Vec::with_capacity(entries.len());
        for (phrase, value) in entries {
            patterns.push(phrase.to_string());
            values.push(*value);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "’"));
                values.push(*value);
            }
        }
        // Every match, overlapping: whole words are chosen among them (a
        // leftmost-longest search would report "rocket fire" inside
        // "rocket fired", then drop it, and never see "rocket").
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("lexicon phrases are valid patterns");
        Lexicon { automaton, values }
    }

    /// Every whole-word occurrence in `text`, in order: of those that
    /// overlap, the leftmost, and the longest there.
    pub fn find_all(&self, text: &str) -> Vec<Hit<T>> {
        let mut whole: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first, longest first among those starting together;
        // equal spans keep the first pattern given.
        whole.sort_by_key(|&(start, end, pattern)| (start, std::cmp::Reverse(end), pattern));
        let mut hits: Vec<Hit<T>> = Vec::new();
        for (start, end, pattern) in whole {
            if hits.last().is_some_and(|h| start < h.end) {
                continue;
            }
            hits.push(Hit {
                start,
                end,
                value: self.values[pattern],
            });
        }
        hits
    }
}

/// True when `start..end` is not inside a longer word.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_longest_first() {
        let lexicon = Lexicon::new(&[
            ("air strike", 1),
            ("air strikes", 2),
            ("strike", 3),
            ("raid", 4),
        ]);
        let hits = lexicon.find_all("Air strikes and a strike; no raids or airstrike-raid.");
        let found: Vec<_> = hits.iter().map(|h| h.value).collect();
        assert_eq!(found, vec![2, 3, 4]);
        // A longer phrase that is not a whole word here hides no shorter one.
        let lexicon = Lexicon::new(&[("rocket", 1), ("rocket fire", 2)]);
        let found: Vec<_> = lexicon
            .find_all("A rocket fired from Ghouta; rocket fire")
            .iter()
            .map(|h| h.value)
            .collect();
        assert_eq!(found, vec![1, 2]);
    }

    #[test]
    fn apostrophes_match_either_way() {
        let lexicon = Lexicon::new(&[("syria's army", 1)]);
        assert_eq!(lexicon.find_all("Syria’s army and Syria's army").len(), 2);
    }
}
