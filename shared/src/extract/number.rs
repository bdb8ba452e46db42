//! Numbers as the press writes them: digits ("1,600", "40"), words
//! ("four", "twenty-six", "a dozen") and vague amounts, read the way ACLED
//! codes them ("dozens" = 12, "tens" = 10, "hundreds" = 100).

/// A number read from words, and how many words it used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: u32,
    pub words: usize,
}

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Vague amounts, coded conservatively as ACLED does.
const VAGUE: &[(&str, u32)] = &[
    ("dozens", 12),
    ("dozen", 12),
    ("tens", 10),
    ("scores", 20),
    ("hundreds", 100),
    ("thousands", 1000),
    ("several", 3),
    ("few", 3),
    ("a few", 3),
    ("some", 3),
];

/// Reads a number starting at `words[0]` (lower-case words).
pub fn read_number(words: &[&str]) -> Option<Number> {
    let first = *words.first()?;
    if let Some(value) = parse_digits(first) {
        // "1.5 million", "3 thousand"
        if let Some(scale) = words.get(1).and_then(|w| scale(w)) {
            return Some(Number {
                value: value.saturating_mul(scale),
                words: 2,
            });
        }
        return Some(Number { value, words: 1 });
    }
    if first == "a" || first == "an" {
        return match words.get(1).copied() {
            Some("dozen") => Some(Number {
                value: 12,
                words: 2,
            }),
            Some("hundred") => Some(Number {
                value: 100,
                words: 2,
            }),
            Some("thousand") => Some(Number {
                value: 1000,
                words: 2,
            }),
            Some("few") => Some(Number { value: 3, words: 2 }),
            _ => None,
        };
    }
    if let Some(value) = word_number(first) {
        if let Some(scale) = words.get(1).and_then(|w| scale(w)) {
            return Some(Number {
                value: value.saturating_mul(scale),
                words: 2,
            });
        }
        return Some(Number { value, words: 1 });
    }
    VAGUE
        .iter()
        .find(|(w, _)| *w == first && first != "some" && first != "a few")
        .map(|&(_, value)| Number { value, words: 1 })
}

fn parse_digits(word: &str) -> Option<u32> {
    let digits: String = word.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn scale(word: &str) -> Option<u32> {
    match word {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "million" => Some(1_000_000),
        _ => None,
    }
}

/// "four", "twenty-six", "twenty six" is read as two words by the caller.
fn word_number(word: &str) -> Option<u32> {
    let lookup = |w: &str| UNITS.iter().find(|(name, _)| *name == w).map(|&(_, v)| v);
    if let Some((tens, units)) = word.split_once('-') {
        let (tens, units) = (lookup(tens)?, lookup(units)?);
        return (tens >= 20 && tens % 10 == 0 && units < 10).then_some(tens + units);
    }
    lookup(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_numbers_are_written() {
        let cases: &[(&str, Option<u32>)] = &[
            ("40", Some(40)),
            ("1,600", Some(1600)),
            ("300,000", Some(300_000)),
            ("four", Some(4)),
            ("twenty-six", Some(26)),
            ("nineteen", Some(19)),
            ("dozens", Some(12)),
            ("a dozen", Some(12)),
            ("tens", Some(10)),
            ("hundreds", Some(100)),
            ("several", Some(3)),
            ("scores", Some(20)),
            ("3 thousand", Some(3000)),
            ("two hundred", Some(200)),
            ("a few", Some(3)),
            ("people", None),
            ("4x4", None),
            ("twenty-ten", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(read_number(&words).map(|n| n.value), *expected, "{text}");
        }
    }
}
