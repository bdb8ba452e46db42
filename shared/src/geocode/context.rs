//! Reading the words around a place name: qualifiers that choose the kind
//! ("Idlib province", "the city of Idlib") and relations that make the place
//! relative ("south of the city of Maaret al-Numan", "Douma's outskirts",
//! "eastern Aleppo", "seven kilometres from X") → geo precision 2.

use std::ops::Range;

use gazetteer::normalize::tokenize;

use super::words::*;

/// What the words around a name ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// Nothing in particular.
    Any,
    /// The governorate ("Idlib province", "province of Idlib").
    Region,
    /// The city ("Idlib city", "the city of Idlib").
    City,
}

/// The context of one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// Kind asked for.
    pub want: Want,
    /// The whole phrase when the place is relative ("south of ... X"), else `None`.
    pub relative: Option<Range<usize>>,
}

/// Lowercase words before `pos` (nearest first), with their byte starts.
fn words_before(text: &str, pos: usize, n: usize) -> Vec<(String, usize)> {
    let mut from = pos.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = &text[from..pos];
    let mut v: Vec<(String, usize)> = tokenize(window)
        .into_iter()
        .map(|t| (window[t.range.clone()].to_lowercase(), from + t.range.start))
        .collect();
    v.reverse();
    v.truncate(n);
    v
}

/// Lowercase words after `pos` (nearest first), with their byte ends.
fn words_after(text: &str, pos: usize, n: usize) -> Vec<(String, usize)> {
    let mut to = (pos + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    // Skip a possessive: "Douma's outskirts".
    let mut pos = pos;
    for poss in ["'s", "’s"] {
        if text[pos..].starts_with(poss) {
            pos += poss.len();
        }
    }
    let to = to.max(pos);
    let window = &text[pos..to];
    tokenize(window)
        .into_iter()
        .take(n)
        .map(|t| (window[t.range.clone()].to_lowercase(), pos + t.range.end))
        .collect()
}

fn is_number_word(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "a"
                | "few"
                | "several"
        )
}

/// Reads the context of the name at `span` in `text`.
pub fn read(text: &str, span: &Range<usize>) -> Context {
    let before = words_before(text, span.start, 8);
    let after = words_after(text, span.end, 2);
    let w = |i: usize| before.get(i).map(|(s, _)| s.as_str()).unwrap_or("");
    let start_of = |i: usize| before.get(i).map(|(_, p)| *p).unwrap_or(span.start);
    let a0 = after.first().map(|(s, _)| s.as_str()).unwrap_or("");
    // Only words directly after (a space or a possessive between).
    let gap = &text[span.end..after.first().map(|(_, e)| *e).unwrap_or(span.end)];
    let adjacent = gap.len() < 40 && !gap.contains(['.', ',', ';', ':', '\n', '(', ')']);

    let mut want = Want::Any;
    if adjacent && REGION_AFTER.contains(&a0) {
        want = Want::Region;
    } else if adjacent && CITY_AFTER.contains(&a0) {
        want = Want::City;
    }
    // "the (city|province) of X": note the kind, then look before "the".
    let mut k = 0;
    if w(0) == "of" && (CITY_BEFORE.contains(&w(1)) || REGION_BEFORE.contains(&w(1))) {
        want = if REGION_BEFORE.contains(&w(1)) {
            Want::Region
        } else {
            Want::City
        };
        // Skip "of city" and an article; adjectives ("the northern town of")
        // describe the place itself, not a relation.
        k = if matches!(w(2), "the" | "a") { 3 } else { 2 };
        if !matches!(w(2), "the" | "a") {
            return Context {
                want,
                relative: None,
            };
        }
    }
    let mut relative = None;
    if adjacent && NEAR_AFTER.contains(&a0) {
        relative = Some(span.start..after[0].1);
    } else if w(k) == "of" && NEAR_OF.contains(&w(k + 1)) {
        // "south of X", "outskirts of X", "7 km south of X"
        let mut s = start_of(k + 1);
        if UNITS.contains(&w(k + 2)) {
            s = start_of(k + 2);
            if is_number_word(w(k + 3)) {
                s = start_of(k + 3);
            }
        } else if DIRECTIONS.contains(&w(k + 2))
            || w(k + 2) == "the" && DIRECTIONS.contains(&w(k + 3))
        {
            // "the eastern outskirts of X"
            s = start_of(if w(k + 2) == "the" { k + 3 } else { k + 2 });
        }
        relative = Some(s..span.end);
    } else if matches!(w(k), "from" | "of") && UNITS.contains(&w(k + 1)) {
        // "seven kilometres from X"
        let s = if is_number_word(w(k + 2)) {
            start_of(k + 2)
        } else {
            start_of(k + 1)
        };
        relative = Some(s..span.end);
    } else if k == 0 && (DIRECTIONS.contains(&w(0)) || NEAR_BEFORE.contains(&w(0))) {
        // "eastern Aleppo", "southwest Aleppo", "near Ramousah"
        let gap = &text[before[0].1..span.start];
        if !gap.contains(['.', ',', ';', ':', '\n']) {
            relative = Some(start_of(0)..span.end);
        }
    }
    Context { want, relative }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts() {
        // (text, name, want, phrase)
        let table: &[(&str, &str, Want, Option<&str>)] = &[
            (
                "clashes south of the city of Maaret al-Numan, together",
                "Maaret al-Numan",
                Want::City,
                Some("south of the city of Maaret al-Numan"),
            ),
            (
                "On Douma's outskirts, Syria's army",
                "Douma",
                Want::Any,
                Some("Douma's outskirts"),
            ),
            (
                "On Douma’s outskirts",
                "Douma",
                Want::Any,
                Some("Douma’s outskirts"),
            ),
            (
                "seized ground from rebels north of Aleppo on Saturday",
                "Aleppo",
                Want::Any,
                Some("north of Aleppo"),
            ),
            (
                "areas in eastern Aleppo.",
                "Aleppo",
                Want::Any,
                Some("eastern Aleppo"),
            ),
            (
                "now just seven kilometres from Maaret al-Numan, a town",
                "Maaret al-Numan",
                Want::Any,
                Some("seven kilometres from Maaret al-Numan"),
            ),
            (
                "7 km south of Saraqib",
                "Saraqib",
                Want::Any,
                Some("7 km south of Saraqib"),
            ),
            (
                "killed in Syria's Idlib province as",
                "Idlib",
                Want::Region,
                None,
            ),
            (
                "the northwestern province of Idlib, which",
                "Idlib",
                Want::Region,
                None,
            ),
            ("In the city of Idlib itself", "Idlib", Want::City, None),
            ("living in Idlib city told AFP", "Idlib", Want::City, None),
            (
                "to the northern town of Jarablus, or",
                "Jarablus",
                Want::City,
                None,
            ),
            (
                "a road near Ramousah in southwest Aleppo",
                "Ramousah",
                Want::Any,
                Some("near Ramousah"),
            ),
            (
                "a road near Ramousah in southwest Aleppo",
                "Aleppo",
                Want::Any,
                Some("southwest Aleppo"),
            ),
            (
                "in the Aleppo countryside",
                "Aleppo",
                Want::Any,
                Some("Aleppo countryside"),
            ),
            (
                "the largest town of Douma, where",
                "Douma",
                Want::City,
                None,
            ),
            ("Observers in Geneva said", "Geneva", Want::Any, None),
            ("East. Aleppo was hit", "Aleppo", Want::Any, None),
        ];
        for (text, name, want, phrase) in table {
            let at = text.rfind(name).unwrap();
            let at = if *name == "Ramousah" {
                text.find(name).unwrap()
            } else {
                at
            };
            let c = read(text, &(at..at + name.len()));
            assert_eq!(c.want, *want, "{text} / {name}");
            assert_eq!(c.relative.map(|r| &text[r]), *phrase, "{text} / {name}");
        }
    }
}
