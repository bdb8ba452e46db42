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
const TOLL_OF_WORDS: usize = 24;

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
            // "killing two soldiers and a civilian": the people joined on.
            let (more, used) = joined_people(words, k + number.words + 1);
            let end = (k + number.words + VICTIM_WORDS).max(used).min(words.len());
            return Some((number.value.saturating_add(more), k..end));
        }
        // "killing a woman and her two children"
        if let Some(used) = one_person(words, k) {
            let (more, end) = joined_people(words, k + used);
            return Some((1 + more, k..end.max(k + used).min(words.len())));
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
        // "Three girls and their grandmother", "A woman was killed".
        if let Some(used) = one_person(&words[..phrase_end], i) {
            if !found {
                first = i;
            }
            total = total.saturating_add(1);
            found = true;
            i += used;
            continue;
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

/// One person named as such: "a woman", "an infant", "her husband",
/// "their grandmother". Returns the words it takes.
fn one_person(words: &[&str], at: usize) -> Option<usize> {
    let det = *words.get(at)?;
    // "a woman", and with one word between: "a Syrian woman", "a female
    // soldier".
    let person_at = |k: usize| words.get(k).is_some_and(|w| PERSONS.contains(w));
    if matches!(det, "a" | "an") {
        return if person_at(at + 1) {
            Some(2)
        } else {
            person_at(at + 2).then_some(3)
        };
    }
    let kin = matches!(det, "his" | "her" | "their")
        && words.get(at + 1).is_some_and(|w| KIN.contains(w));
    kin.then_some(2)
}

/// The people joined on after a count ("... and her two children", "...
/// and a civilian"): their number, and the index after them. `at` is just
/// after the first count's noun.
fn joined_people(words: &[&str], at: usize) -> (u32, usize) {
    let (mut total, mut k) = (0u32, at);
    while words.get(k) == Some(&"and") {
        let next = k + 1;
        if let Some(used) = one_person(words, next) {
            total += 1;
            k = next + used;
            continue;
        }
        // "and her two children", "and two soldiers"
        let start = next + usize::from(matches!(words.get(next), Some(&"his" | &"her" | &"their")));
        match read_number(words.get(start..).unwrap_or(&[])) {
            Some(n)
                if n.value < 1000
                    && words
                        .get(start + n.words)
                        .is_some_and(|w| PEOPLE.contains(w)) =>
            {
                total = total.saturating_add(n.value);
                k = start + n.words + 1;
            }
            _ => break,
        }
    }
    (total, k)
}

/// A person, after "a" or "an".
const PERSONS: &[&str] = &[
    "woman",
    "man",
    "child",
    "boy",
    "girl",
    "baby",
    "infant",
    "civilian",
    "soldier",
    "fighter",
    "journalist",
    "doctor",
    "nurse",
    "teacher",
    "farmer",
    "shepherd",
    "policeman",
    "officer",
    "commander",
    "student",
    "resident",
    "driver",
    "paramedic",
    "volunteer",
];

/// Kin, after "his", "her", "their".
const KIN: &[&str] = &[
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "child",
    "baby",
    "driver",
    "companion",
];

/// People counted after a number ("two children").
const PEOPLE: &[&str] = &[
    "children",
    "people",
    "civilians",
    "soldiers",
    "fighters",
    "women",
    "men",
    "sons",
    "daughters",
    "brothers",
    "sisters",
    "relatives",
    "others",
    "boys",
    "girls",
    "members",
];

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
            // People counted one by one.
            (
                "A fighter jet bombed the town, killing a woman and her two children.",
                &[3],
            ),
            ("Three girls and their grandmother were killed.", &[4]),
            ("The strike killed two soldiers and a civilian.", &[3]),
            ("A man was shot dead at the checkpoint.", &[1]),
            ("The strike killed a commander.", &[1]),
            (
                "Warplanes struck a house, killing a Syrian woman and her two sons.",
                &[3],
            ),
            ("The rocket hit a base, killing a female soldier.", &[1]),
            (
                "The death toll from an Israeli strike on a building sheltering displaced families in the village of Aitou, in the Zgharta district of North Lebanon, rose to 21 on Tuesday.",
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
