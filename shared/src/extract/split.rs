//! One toll per town: "air strikes killed 23 people in Idlib province, five
//! in Kafranbel and three in Hass" reports an event in each town, as ACLED
//! codes it, not one event somewhere in the list.

use super::number::read_number;
use super::tokens::Token;
use std::ops::Range;

/// Words that may stand between a count and "in" ("five civilians in X",
/// "three more in Y").
const BETWEEN: &[&str] = &[
    "people",
    "civilians",
    "others",
    "more",
    "children",
    "fighters",
    "soldiers",
    "rebels",
    "troops",
    "members",
    "women",
    "men",
    "were",
    "killed",
    "dead",
    "died",
];

/// A count said of one place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceToll {
    pub count: u32,
    /// Index into the places given to [`tolls_by_place`].
    pub place: usize,
}

/// The "N in PLACE" pairs of a sentence, in order. `places` are the byte
/// spans of the sentence's place names, relative to the sentence; a pair
/// counts when the place name starts right after "in" (or "in the town
/// of").
pub fn tolls_by_place(sentence: &str, tokens: &[Token], places: &[Range<usize>]) -> Vec<PlaceToll> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let Some(number) = read_number(&words[k..]) else {
            k += 1;
            continue;
        };
        let mut j = k + number.words;
        while j < words.len() && j < k + number.words + 3 && BETWEEN.contains(&words[j]) {
            j += 1;
        }
        if words.get(j) != Some(&"in") {
            k += number.words;
            continue;
        }
        j += 1;
        // "in the town of X", "in the village of X"
        if words.get(j) == Some(&"the") && words.get(j + 2) == Some(&"of") {
            j += 3;
        }
        let Some(token) = tokens.get(j) else { break };
        // The place must start at this word, with nothing but an article's
        // letters between ("al-Bab" starts at "al").
        let hit = places.iter().position(|p| {
            p.start >= token.span.start
                && sentence[token.span.start..p.start]
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-')
                && p.start - token.span.start <= 3
        });
        if let Some(place) = hit {
            out.push(PlaceToll {
                count: number.value,
                place,
            });
        }
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn pairs(sentence: &str, names: &[&str]) -> Vec<(u32, String)> {
        let places: Vec<Range<usize>> = names
            .iter()
            .map(|n| {
                let at = sentence.find(n).unwrap();
                at..at + n.len()
            })
            .collect();
        tolls_by_place(sentence, &tokenize(sentence), &places)
            .into_iter()
            .map(|t| (t.count, names[t.place].to_string()))
            .collect()
    }

    /// (sentence, place names in it, (count, place) pairs wanted)
    type Case = (
        &'static str,
        &'static [&'static str],
        &'static [(u32, &'static str)],
    );

    #[test]
    fn counts_said_of_places() {
        let cases: &[Case] = &[
            (
                "Air strikes killed 23 people in Idlib province, five in Kafranbel and three in Hass.",
                &["Idlib", "Kafranbel", "Hass"],
                &[(23, "Idlib"), (5, "Kafranbel"), (3, "Hass")],
            ),
            (
                "Shelling killed four civilians in Douma and two more in Harasta.",
                &["Douma", "Harasta"],
                &[(4, "Douma"), (2, "Harasta")],
            ),
            (
                "Barrel bombs killed 12 in the town of al-Bab and 3 in Qabasin.",
                &["Bab", "Qabasin"],
                &[(12, "Bab"), (3, "Qabasin")],
            ),
            // A count of something else, or a place not right after "in".
            (
                "Two jets struck Douma, killing 12 people near Harasta.",
                &["Douma", "Harasta"],
                &[],
            ),
            ("In 2018, shells hit Douma.", &["Douma"], &[]),
        ];
        for (sentence, names, want) in cases {
            let want: Vec<(u32, String)> = want.iter().map(|(c, n)| (*c, n.to_string())).collect();
            assert_eq!(pairs(sentence, names), want, "{sentence}");
        }
    }
}
