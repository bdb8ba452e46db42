//! People's names that are also places: a name in a person's position is
//! not a place ("Abu Bakr" is not the village Bakr, "Hala, a mother of
//! four" is not the village Hala, "Foreign Minister Asaad al-Shaibani" is
//! not Ash Shabaniyah). Each rule reads the words around a match.

use std::ops::Range;

use super::text::{capitalised, next_is_capitalised, next_is_name_part, TextWords, ARTICLE_WORDS};
use super::words::{
    in_lists, WordSet, FIRST_NAMES, GIVEN_NAMES, KUNYA_WORDS, PERSON_NOUNS, PERSON_TITLES,
    PLACE_GIVEN_NAMES,
};

/// [`GIVEN_NAMES`] and [`FIRST_NAMES`].
fn is_given_name(lower: &str) -> bool {
    static SET: WordSet = WordSet::new();
    in_lists(&SET, &[GIVEN_NAMES, FIRST_NAMES], lower)
}

/// [`PLACE_GIVEN_NAMES`].
fn is_place_given_name(lower: &str) -> bool {
    static SET: WordSet = WordSet::new();
    in_lists(&SET, &[PLACE_GIVEN_NAMES], lower)
}

/// [`PERSON_TITLES`].
fn is_person_title(lower: &str) -> bool {
    static SET: WordSet = WordSet::new();
    in_lists(&SET, &[PERSON_TITLES], lower)
}

/// Capitalised words after a given name that are no surname: "the Jordan
/// Valley", "Israel Defense Forces", "the Sydney Morning Herald" is not
/// a person (but is no place of an event either), nor are titles
/// ("Jordan King Abdullah") or countries ("Jordan Syria and Iraq").
const NOT_SURNAMES: &[&str] = &[
    "valley",
    "river",
    "heights",
    "basin",
    "plain",
    "plains",
    "desert",
    "mountain",
    "mountains",
    "sea",
    "lake",
    "gulf",
    "border",
    "province",
    "governorate",
    "region",
    "city",
    "town",
    "village",
    "camp",
    "crossing",
    "airport",
    "bridge",
    "dam",
    "station",
    "street",
    "square",
    "defense",
    "defence",
    "armed",
    "army",
    "air",
    "navy",
    "police",
];

/// True when words `ws` of a match are part of a person's name: a kunya
/// ("Abu Mohammed", "Umm Ahmad"), a given name running on into a surname
/// ("Salma Hayek") or followed by an age ("Zahra, a 12-year-old girl"), or
/// a surname after a given name ("Mustafa Bali"). `is_country`: whether a
/// (lowercase) word names a country, which is never a surname.
pub(super) fn person_name(
    words: &TextWords,
    ws: &Range<usize>,
    is_country: impl Fn(&str) -> bool,
) -> bool {
    // Names are capitalised: most words are ruled out before any lookup.
    let given = |i: usize| capitalised(words.word(i)) && is_given_name(&words.lower(i));
    let place_given = |i: usize| capitalised(words.word(i)) && is_place_given_name(&words.lower(i));
    // Running prose after word `i - 1`: the end, punctuation, or a
    // lower-case word.
    let prose_after = |i: usize| {
        i >= words.len()
            || !capitalised(words.word(i))
            || !words.text()[words.range(i - 1).end..words.range(i).start]
                .trim()
                .is_empty()
    };
    if ws.len() >= 2
        && capitalised(words.word(ws.start))
        && KUNYA_WORDS.contains(&words.lower(ws.start).as_ref())
        && given(ws.start + 1)
    {
        return true;
    }
    let surname_at = |i: usize| {
        next_is_name_part(words, i) && {
            let w = words.lower(i);
            !NOT_SURNAMES.contains(&w.as_ref()) && !is_person_title(&w) && !is_country(&w)
        }
    };
    if given(ws.start) && (surname_at(ws.end) || age_follows(words, ws.end)) {
        return true;
    }
    if place_given(ws.start) && surname_at(ws.end) && prose_after(ws.end + 1) {
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
    // "said Malek Ammar, an activist": the capitalised words around the
    // match, after a reporting verb and before an apposition or an age.
    let (first, end) = capitalised_run(words, ws);
    if first > 0
        && REPORTING_VERBS.contains(&words.lower(first - 1).as_ref())
        && (person_apposition(words, end) || age_follows(words, end))
    {
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
        && (given(before - 1) || (place_given(before - 1) && prose_after(ws.end)))
        && words.text()[words.range(before - 1).end..words.range(before).start]
            .trim()
            .is_empty()
        && !(ws.len() == 1 && is_country(&words.lower(ws.start)))
}

/// The run of capitalised words, one space apart, that holds words `ws`
/// (at most three more on each side): its first word and the word after it.
fn capitalised_run(words: &TextWords, ws: &Range<usize>) -> (usize, usize) {
    let joined = |i: usize| next_is_capitalised(words, i) && capitalised(words.word(i - 1));
    let mut first = ws.start;
    while first > 0 && ws.start - first < 3 && joined(first) {
        first -= 1;
    }
    let mut end = ws.end;
    while end < words.len() && end - ws.end < 3 && joined(end) {
        end += 1;
    }
    (first, end)
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
            ("Austin Tice disappeared in 2012.", "Austin", true),
            ("Israel Katz said it.", "Israel", true),
            ("the director, Florence Dubois, said", "Dubois", true),
            ("Farmers in the Jordan Valley said it.", "Jordan", false),
            ("Jordan King Abdullah said it.", "Jordan", false),
            ("Jordan Syria and Iraq signed.", "Jordan", false),
            ("Jordan Syria and Iraq signed.", "Syria", false),
            ("in Jordan on Monday", "Jordan", false),
            ("Israel Strikes Damascus", "Israel", false),
            (
                "Refugees In Northern Jordan Protested Over Cuts",
                "Jordan",
                false,
            ),
            ("Jordan Matthews, a spokesman, said", "Jordan", true),
            (
                "\"It is over,\" said Malek Ammar, an activist in the area.",
                "Malek",
                true,
            ),
            (
                "\"It is over,\" said Malek Ammar, an activist in the area.",
                "Ammar",
                true,
            ),
            (
                "\"It is over,\" said Malek Ammar, 34, a teacher.",
                "Ammar",
                true,
            ),
            (
                "Rockets hit Malek Ammar, a village near Hama.",
                "Ammar",
                false,
            ),
        ];
        for (text, name, person) in table {
            let words = TextWords::new(text, tokenize(text));
            let i = (0..words.len())
                .find(|&i| words.word(i) == name)
                .expect(name);
            let is_country = |w: &str| matches!(w, "syria" | "iraq" | "jordan" | "israel");
            let got = person_name(&words, &(i..i + 1), is_country) || after_person_title(&words, i);
            assert_eq!(got, person, "{text} / {name}");
        }
    }
}
