//! People's names that are also places: a name in a person's position is
//! not a place ("Abu Bakr" is not the village Bakr, "Hala, a mother of
//! four" is not the village Hala, "Foreign Minister Asaad al-Shaibani" is
//! not Ash Shabaniyah). Each rule reads the words around a match.

use std::ops::Range;

use super::text::{capitalised, next_is_name_part, TextWords, ARTICLE_WORDS};
use super::words::{
    in_lists, WordSet, FIRST_NAMES, GIVEN_NAMES, KUNYA_WORDS, PERSON_NOUNS, PERSON_TITLES,
};

/// [`GIVEN_NAMES`] and [`FIRST_NAMES`].
fn is_given_name(lower: &str) -> bool {
    static SET: WordSet = WordSet::new();
    in_lists(&SET, &[GIVEN_NAMES, FIRST_NAMES], lower)
}

/// [`PERSON_TITLES`].
fn is_person_title(lower: &str) -> bool {
    static SET: WordSet = WordSet::new();
    in_lists(&SET, &[PERSON_TITLES], lower)
}

/// True when words `ws` of a match are part of a person's name: a kunya
/// ("Abu Mohammed", "Umm Ahmad"), a given name running on into a surname
/// ("Salma Hayek") or followed by an age ("Zahra, a 12-year-old girl"), or
/// a surname after a given name ("Mustafa Bali").
pub(super) fn person_name(words: &TextWords, ws: &Range<usize>) -> bool {
    // Names are capitalised: most words are ruled out before any lookup.
    let given = |i: usize| capitalised(words.word(i)) && is_given_name(&words.lower(i));
    if ws.len() >= 2
        && capitalised(words.word(ws.start))
        && KUNYA_WORDS.contains(&words.lower(ws.start).as_ref())
        && given(ws.start + 1)
    {
        return true;
    }
    if given(ws.start) && (next_is_name_part(words, ws.end) || age_follows(words, ws.end)) {
        return true;
    }
    // "said Salam, 29, who": a name with an age after a reporting verb or
    // at a sentence's start is a person's, whatever the name.
    if ws.len() == 1
        && (sentence_start(words, ws.start)
            || (ws.start > 0 && REPORTING_VERBS.contains(&words.lower(ws.start - 1).as_ref())))
        && age_follows(words, ws.end)
    {
        return true;
    }
    if ws.len() == 1 && sentence_start(words, ws.start) && person_apposition(words, ws.end) {
        return true;
    }
    // The word before, past an article or "bin" ("Abu Bakr al-Baghdadi",
    // "Mohammed bin Salman").
    let mut before = ws.start;
    if before > 1 && {
        let w = words.lower(before - 1);
        ARTICLE_WORDS.contains(&w.as_ref()) || NAME_CONNECTORS.contains(&w.as_ref())
    } {
        before -= 1;
    }
    before > 0
        && given(before - 1)
        && words.text()[words.range(before - 1).end..words.range(before).start]
            .trim()
            .is_empty()
}

/// Verbs that introduce a speaker ("said Salam").
const REPORTING_VERBS: &[&str] = &["said", "says", "told", "added", "recalled", "explained"];

/// Words joining a person's names ("Mohammed bin Salman", "Hamad bin
/// Jassim").
const NAME_CONNECTORS: &[&str] = &["bin", "ibn", "bint", "ben"];

/// Whether word `i` starts a sentence (or the text, or a quotation).
pub(super) fn sentence_start(words: &TextWords, i: usize) -> bool {
    i == 0 || {
        let gap = &words.text()[words.range(i - 1).end..words.range(i).start];
        gap.contains(['.', '!', '?', '\n', '"', '“', ':'])
    }
}

/// Whether a person noun in apposition follows from word `i`: "Hala, a
/// mother of four, said". Only read after a sentence's first word: "in
/// Saraqeb, a farmer said" names the town.
fn person_apposition(words: &TextWords, i: usize) -> bool {
    if i >= words.len() || i == 0 {
        return false;
    }
    let gap = &words.text()[words.range(i - 1).end..words.range(i).start];
    if gap.trim() != "," {
        return false;
    }
    let article = words.lower(i);
    if !matches!(article.as_ref(), "a" | "an") {
        return false;
    }
    (i + 1..(i + 3).min(words.len())).any(|j| PERSON_NOUNS.contains(&words.lower(j).as_ref()))
}

/// Whether an age follows from word `i`: ", a 12-year-old", ", 34,".
fn age_follows(words: &TextWords, i: usize) -> bool {
    let rest = &words.text()[words.range(i.saturating_sub(1)).end..];
    let rest = rest.trim_start_matches([',', ' ']);
    let rest = rest
        .strip_prefix("a ")
        .or_else(|| rest.strip_prefix("an "))
        .unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 3 && {
        let after = &rest[digits..];
        after.starts_with("-year-old") || after.starts_with(',') || after.starts_with(" years old")
    }
}

/// True when the name starting at word `i` follows a title or role, maybe
/// with the person's first names between ("spokesman Farhad Shami",
/// "Foreign Minister Sergei Lavrov", "Operation Claw-Sword").
pub(super) fn after_person_title(words: &TextWords, i: usize) -> bool {
    let mut j = i;
    // At most two more capitalised words of the same name before it.
    for _ in 0..3 {
        if j == 0 {
            return false;
        }
        let gap = &words.text()[words.range(j - 1).end..words.range(j).start];
        // (A title may be abbreviated: "Gen. Mazloum Abdi".)
        if !matches!(gap.trim(), "" | "-" | ".") {
            return false;
        }
        j -= 1;
        let lower = words.lower(j);
        if is_person_title(&lower) {
            return true;
        }
        // "Foreign Minister Asaad al-Shaibani": an article or "bin" is
        // part of the name, not a word of the sentence.
        if ARTICLE_WORDS.contains(&lower.as_ref()) || NAME_CONNECTORS.contains(&lower.as_ref()) {
            continue;
        }
        if !capitalised(words.word(j)) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer::normalize::tokenize;

    /// (text, the name, a person's?)
    #[test]
    fn names_in_a_persons_position() {
        let table = [
            ("Hala, a mother of four, said it.", "Hala", true),
            ("In Saraqeb, a fighter said it.", "Saraqeb", false),
            (
                "Water is scarce, said Salam, 29, in the camp.",
                "Salam",
                true,
            ),
            ("Shelling hit Salam, 29 km away.", "Salam", false),
            ("Sami al-Homsi said it.", "Sami", true),
            ("Mohammed bin Salman spoke.", "Salman", true),
            (
                "Foreign Minister Asaad al-Shaibani spoke.",
                "Shaibani",
                true,
            ),
            ("Gen. Mazloum Abdi spoke.", "Abdi", true),
            ("Shells fell on Douma.", "Douma", false),
        ];
        for (text, name, person) in table {
            let words = TextWords::new(text, tokenize(text));
            let i = (0..words.len())
                .find(|&i| words.word(i) == name)
                .expect(name);
            let got = person_name(&words, &(i..i + 1)) || after_person_title(&words, i);
            assert_eq!(got, person, "{text} / {name}");
        }
    }
}
