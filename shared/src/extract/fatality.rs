//! Fatalities by ACLED's conservative rules: the number of people reported
//! killed, "at least 40" = 40, "dozens" = 12; people injured, displaced,
//! evacuated or missing are never counted; "40 civilians, including 8
//! children" is 40, not 48; "26 rebels and 29 soldiers were killed" is 55.

use super::number::read_number;
use super::tokens::Token;
use std::ops::Range;

/// A count found in a sentence, with where its kill word is (so an event can
/// take the count nearest to its trigger).
#[derive(Clone, Debug, PartialEq)]
pub struct Fatalities {
    pub count: u32,
    /// Byte offset of the kill word in the sentence.
    pub at: usize,
    /// "were also killed": adds to a count reported before.
    pub additional: bool,
    /// Byte span of the words that say who was killed ("15 protesters" in
    /// "killing 15 protesters" or "15 protesters were killed"), from the
    /// number on: a protest's toll counts only the protesters.
    pub victims: Range<usize>,
}

const KILL_WORDS: &[&str] = &[
    "killed",
    "killing",
    "kill",
    "kills",
    "dead",
    "died",
    "die",
    "dies",
    "dying",
    "deaths",
    "death",
    "slain",
    "perished",
    "massacred",
    "executed",
    "executions",
    "beheaded",
    "killings",
    "lives",
];

/// Qualifiers between a kill word and its number ("killed at least 40").
const QUALIFIERS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "some",
    "nearly",
    "almost",
    "about",
    "around",
    "up",
    "to",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "as",
    "many",
    "a",
    "total",
    "of",
    "another",
    "further",
    "additional",
    "the",
    "toll",
    "rose",
    "climbed",
    "reached",
    "risen",
    "stood",
    "stands",
    "jumped",
];

/// Words that end a noun phrase before a passive kill verb.
const PASSIVE_GLUE: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "being",
    "also",
    "reportedly",
    "all",
    "later",
    "subsequently",
    "confirmed",
    "reported",
    "are",
    "is",
    "be",
];

/// Words that mark a count as not dead people.
const NOT_DEAD: &[&str] = &[
    "injured",
    "wounded",
    "hurt",
    "displaced",
    "evacuated",
    "missing",
    "arrested",
    "detained",
    "fled",
    "bused",
    "abducted",
    "kidnapped",
    "rescued",
    "trapped",
    "homeless",
];

/// Reads every fatality count in a sentence's tokens.
pub fn find_fatalities(tokens: &[Token]) -> Vec<Fatalities> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut found = Vec::new();
    for (k, word) in words.iter().enumerate() {
        if !KILL_WORDS.contains(word) {
            continue;
        }
        if *word == "lives"
            && !(k > 0 && words[k - 1] == "their" && k > 1 && words[k - 2] == "lost")
        {
            continue;
        }
        let at = tokens[k].span.start;
        let additional = k > 0 && words[k - 1] == "also";
        if let Some((count, victims)) = active_count(&words, k).or_else(|| passive_count(&words, k))
        {
            found.push(Fatalities {
                count,
                at,
                additional,
                victims: tokens[victims.start].span.start..tokens[victims.end - 1].span.end,
            });
        }
    }
    found
}

/// Words after an active count that still say who ("killing 15 peaceful
/// protesters").
const VICTIM_WORDS: usize = 2;

/// Words a toll's "from the strike on ..." may take before its verb.
const TOLL_OF_WORDS: usize = 14;

/// Verbs that give a toll its number ("rose to 21").
const TOLL_VERBS: &[&str] = &[
    "rose", "climbed", "reached", "risen", "stood", "stands", "jumped",
];

/// "killed 40 civilians", "killing more than 1,600", "death toll rose to 30":
/// the count and the words (token indices) from its number to who it is of.
fn active_count(words: &[&str], kill: usize) -> Option<(u32, Range<usize>)> {
    // "shot dead five protesters"
    let shot_dead = words[kill] == "dead" && kill > 0 && words[kill - 1] == "shot";
    if !shot_dead
        && !matches!(
            words[kill],
            "killed"
                | "killing"
                | "kill"
                | "kills"
                | "toll"
                | "death"
                | "deaths"
                | "massacred"
                | "executed"
                | "beheaded"
                | "killings"
                | "executions"
        )
    {
        return None;
    }
    let mut k = kill + 1;
    // "documented the death of 3 civilians"
    if matches!(words[kill], "death" | "deaths") && words.get(k) == Some(&"of") {
        k += 1;
    }
    // "the death toll from an Israeli strike on a building in Aitou rose to
    // 21": what the toll is of comes between it and its verb.
    if words.get(k) == Some(&"toll") {
        k += 1;
    }
    if words[k - 1] == "toll" {
        if let Some(verb) = words[k..(k + TOLL_OF_WORDS).min(words.len())]
            .iter()
            .position(|w| TOLL_VERBS.contains(w))
        {
            k += verb;
        }
    }
    let limit = (k + 5).min(words.len());
    while k < limit {
        if let Some(number) = read_number(&words[k..]) {
            if is_percent_or_unit(words, k + number.words) {
                return None;
            }
            let end = (k + number.words + VICTIM_WORDS).min(words.len());
            return Some((number.value, k..end));
        }
        if !QUALIFIERS.contains(&words[k]) {
            return None;
        }
        k += 1;
    }
    None
}

/// "19 civilians were killed", "at least 40 civilians, including 8 children,
/// have been killed", "26 fighters and 29 soldiers were killed", "30 dead":
/// the count and the words (token indices) from its first number to the verb.
fn passive_count(words: &[&str], kill: usize) -> Option<(u32, Range<usize>)> {
    // Walk back over glue ("were also"), then over the noun phrase to its numbers.
    let mut k = kill;
    while k > 0 && PASSIVE_GLUE.contains(&words[k - 1]) {
        k -= 1;
    }
    let phrase_end = k;
    let phrase_start = phrase_end.saturating_sub(10);
    let mut total = 0u32;
    let mut found = false;
    let mut first = phrase_start;
    let mut last = phrase_end;
    let mut i = phrase_start;
    while i < phrase_end {
        let word = words[i];
        // ("The Suwayda 24 network had counted 18 dead": 18, not 42.)
        if NOT_DEAD.contains(&word)
            || matches!(
                word,
                "killed"
                    | "said"
                    | "says"
                    | "told"
                    | "counted"
                    | "documented"
                    | "recorded"
                    | "reported"
                    | "had"
                    | "has"
                    | "have"
            )
        {
            // A count before this belongs to another clause.
            total = 0;
            found = false;
            i += 1;
            continue;
        }
        if word == "including" || word == "among" || word == "of" && found {
            // "40 civilians, including 8 children": the rest is inside the 40.
            if word != "of" {
                last = i;
            }
            break;
        }
        if let Some(number) = read_number(&words[i..phrase_end]) {
            if !is_percent_or_unit(words, i + number.words) && !is_year_like(word, number.value) {
                if !found {
                    first = i;
                }
                total = total.saturating_add(number.value);
                found = true;
            }
            i += number.words;
            continue;
        }
        i += 1;
    }
    found.then_some((total, first..last.max(first + 1)))
}

fn is_percent_or_unit(words: &[&str], after: usize) -> bool {
    matches!(
        words.get(after).copied(),
        Some(
            "percent"
                | "per"
                | "km"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "years"
                | "year"
                | "days"
                | "months"
                | "%"
        )
    )
}

fn is_year_like(word: &str, value: u32) -> bool {
    word.len() == 4 && !word.contains(',') && (1900..2100).contains(&value)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn counts(sentence: &str) -> Vec<u32> {
        find_fatalities(&tokenize(sentence))
            .iter()
            .map(|f| f.count)
            .collect()
    }

    #[test]
    fn reads_counts_the_ways_the_press_writes_them() {
        let cases: &[(&str, &[u32])] = &[
            ("Air strikes killed 40 civilians in Douma.", &[40]),
            (
                "At least 40 civilians, including 8 children, have been killed.",
                &[40],
            ),
            (
                "The convoy was attacked on Monday, killing some 20 people.",
                &[20],
            ),
            (
                "19 civilians were killed and several others wounded.",
                &[19],
            ),
            ("At least 26 anti-government fighters were killed.", &[26]),
            (
                "29 government troops and allied militia were also killed in the fighting.",
                &[29],
            ),
            (
                "26 rebels and 29 soldiers were killed in the clashes.",
                &[55],
            ),
            ("At least four civilians were killed by rocket fire.", &[4]),
            ("An errant US strike killed dozens.", &[12]),
            (
                "Dozens of fighters and civilians were killed in Idlib.",
                &[12],
            ),
            (
                "The offensive, killing more than 1,600 civilians, drew an outcry.",
                &[1600],
            ),
            ("The war has killed more than 300,000 people.", &[300_000]),
            ("The death toll rose to 30.", &[30]),
            ("Twelve people died when the bus hit a mine.", &[12]),
            ("Five people were killed and 20 wounded.", &[5]),
            ("Dozens of people had been injured.", &[]),
            (
                "Nearly 3,000 fighters and civilians were bused to Idlib.",
                &[],
            ),
            ("More than 46,000 rebels and civilians were evacuated.", &[]),
            ("The strike killed a commander.", &[]),
            ("Hundreds were killed in 2012 alone.", &[100]),
            (
                "Officials said 12 were wounded, and three were killed.",
                &[3],
            ),
            ("Three people lost their lives in the blast.", &[3]),
            (
                "The death toll from an Israeli strike on a building in Aitou rose to 21.",
                &[21],
            ),
            ("The death toll from the attack stood at 14.", &[14]),
            ("The Suwayda 24 network had counted 18 dead.", &[18]),
            ("Gunmen beheaded two men.", &[2]),
            (
                "Activists documented field executions of at least 30 civilians.",
                &[30],
            ),
        ];
        for (sentence, expected) in cases {
            assert_eq!(counts(sentence), *expected, "{sentence}");
        }
    }

    #[test]
    fn says_who_a_count_is_of() {
        let cases = [
            (
                "Troops opened fire, killing 15 protesters.",
                "15 protesters",
            ),
            (
                "Five demonstrators were shot dead in Daraa.",
                "Five demonstrators were shot",
            ),
            ("Security forces killed 12 on Friday.", "12 on Friday"),
            (
                "At least 40 civilians, including 8 children, have been killed.",
                "40 civilians",
            ),
        ];
        for (sentence, victims) in cases {
            let found = find_fatalities(&tokenize(sentence));
            assert_eq!(&sentence[found[0].victims.clone()], victims, "{sentence}");
        }
    }

    #[test]
    fn marks_additional_counts() {
        let found = find_fatalities(&tokenize("29 soldiers were also killed."));
        assert!(found[0].additional);
    }
}
