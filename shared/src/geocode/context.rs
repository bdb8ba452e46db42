//! Reading the words around a place name: qualifiers that choose the kind
//! ("Idlib province", "the city of Idlib") and relations that make the place
//! relative ("south of the city of Maaret al-Numan", "Douma's outskirts",
//! "eastern Aleppo", "seven kilometres from X") → geo precision 2.

use std::borrow::Cow;
use std::ops::Range;

use gazetteer::normalize::tokenize;

use super::text::TextWords;
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

/// A word in lowercase, borrowed when it already is.
fn lower(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// Lowercase words before `pos` (nearest first), with their byte starts:
/// the last `n` words of the 120 bytes before `pos`.
fn words_before<'a>(words: &'a TextWords, pos: usize, n: usize) -> Vec<(Cow<'a, str>, usize)> {
    let text = words.text();
    let mut from = pos.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    if let Some(r) = words.window_last(from, pos, n) {
        return r
            .rev()
            .map(|i| (words.lower(i), words.range(i).start))
            .collect();
    }
    let window = &text[from..pos];
    tokenize(window)
        .into_iter()
        .rev()
        .take(n)
        .map(|t| (lower(&window[t.range.clone()]), from + t.range.start))
        .collect()
}

/// The word after `pos` in lowercase, with its byte end: the first word of
/// the 80 bytes after `pos`.
fn word_after<'a>(words: &'a TextWords, pos: usize) -> Option<(Cow<'a, str>, usize)> {
    let text = words.text();
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
    if let Some(mut r) = words.window_first(pos, to, 1) {
        return r.next().map(|i| (words.lower(i), words.range(i).end));
    }
    let window = &text[pos..to];
    tokenize(window)
        .into_iter()
        .next()
        .map(|t| (lower(&window[t.range.clone()]), pos + t.range.end))
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

/// The last words before a position (nearest first), as [`words_before`]
/// gives them, without building a vector when the text's split serves.
enum Before<'a> {
    /// Words `range` of the text, the last one nearest.
    Shared(&'a TextWords<'a>, Range<usize>),
    Owned(Vec<(Cow<'a, str>, usize)>),
}

impl<'a> Before<'a> {
    fn new(words: &'a TextWords, pos: usize, n: usize) -> Self {
        let text = words.text();
        let mut from = pos.saturating_sub(120);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        match words.window_last(from, pos, n) {
            Some(r) => Before::Shared(words, r),
            None => Before::Owned(words_before(words, pos, n)),
        }
    }

    /// Word `i` (0 nearest) in lowercase.
    fn word(&self, i: usize) -> Option<Cow<'a, str>> {
        match self {
            Before::Shared(words, r) => (i < r.len()).then(|| words.lower(r.end - 1 - i)),
            Before::Owned(v) => v.get(i).map(|(w, _)| w.clone()),
        }
    }

    /// Byte start of word `i`.
    fn start(&self, i: usize) -> Option<usize> {
        match self {
            Before::Shared(words, r) => (i < r.len()).then(|| words.range(r.end - 1 - i).start),
            Before::Owned(v) => v.get(i).map(|(_, p)| *p),
        }
    }
}

/// Reads the context of the name at `span` in `text`.
pub fn read(text: &str, span: &Range<usize>) -> Context {
    read_in(&TextWords::new(text, tokenize(text)), span)
}

/// [`read`] on a text already split.
pub(super) fn read_in(words: &TextWords, span: &Range<usize>) -> Context {
    let text = words.text();
    let before = Before::new(words, span.start, 8);
    let after = word_after(words, span.end);
    // The words read below, lowercased when first read.
    let cache: [std::cell::OnceCell<Option<Cow<str>>>; 8] = Default::default();
    let w = |i: usize| {
        cache
            .get(i)
            .and_then(|c| c.get_or_init(|| before.word(i)).as_deref())
            .unwrap_or("")
    };
    let start_of = |i: usize| before.start(i).unwrap_or(span.start);
    let (a0, a0_end) = after
        .as_ref()
        .map_or(("", span.end), |(s, e)| (s.as_ref(), *e));
    // Only words directly after (a space or a possessive between).
    let gap = &text[span.end..a0_end];
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
        relative = Some(span.start..a0_end);
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
        let gap = &text[start_of(0)..span.start];
        if !gap.contains(['.', ',', ';', ':', '\n']) {
            relative = Some(start_of(0)..span.end);
        }
    }
    Context { want, relative }
}

/// The first `n` words of `text[from..to]` with their byte ranges
/// (absolute).
fn words_in<'a>(
    words: &'a TextWords,
    from: usize,
    to: usize,
    n: usize,
) -> Vec<(Cow<'a, str>, Range<usize>)> {
    let text = words.text();
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    if let Some(r) = words.window_first(from, to, n) {
        return r.map(|i| (words.lower(i), words.range(i))).collect();
    }
    let window = &text[from..to];
    tokenize(window)
        .into_iter()
        .map(|t| {
            (
                lower(&window[t.range.clone()]),
                from + t.range.start..from + t.range.end,
            )
        })
        .take(n)
        .collect()
}

/// Byte length of a possessive (`'s`, `’s`, or a bare `'`/`’`) at `text[pos..]`.
fn possessive_len(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    for p in ["'s", "’s", "'S", "’S"] {
        if rest.starts_with(p)
            && !rest[p.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric())
        {
            return p.len();
        }
    }
    0
}

/// Words that make a country or capital an actor even without a
/// possessive ("Syria army pounds Aleppo").
const ACTOR_DIRECT: &[&str] = &[
    "army",
    "military",
    "government",
    "regime",
    "troops",
    "warplanes",
    "jets",
];

/// Nouns of "talks between X and Y" that make X a party, not a place.
const PARTY_NOUNS: &[&str] = &[
    "talks",
    "negotiations",
    "agreement",
    "deal",
    "meeting",
    "dispute",
    "rift",
    "tensions",
    "relations",
    "contacts",
    "ceasefire",
    "truce",
    "accord",
    "understanding",
];

/// Prepositions that make the following name a place ("in Moscow said").
const LOCATIVE: &[&str] = &[
    "in", "at", "to", "from", "near", "into", "inside", "outside", "across", "around", "towards",
    "toward", "via", "through", "of",
];

/// Adjectives allowed between a possessive and an institution word
/// ("Russia's top envoy").
const POSSESSED_ADJ: &[&str] = &[
    "top", "main", "own", "new", "special", "chief", "key", "senior", "state", "air",
];

/// True when the country or capital named at `span` is used as an actor,
/// not a place (metonymy): followed by a speech or agency verb ("Moscow
/// announced", "Damascus has repeatedly denied"), by a possessive and an
/// institution or force word ("Syria's army", "Moscow’s announcement"), or
/// by an apposition naming a role ("Turkey, a rebel backer,").
pub fn is_actor_use(text: &str, span: &Range<usize>) -> bool {
    is_actor_use_in(&TextWords::new(text, tokenize(text)), span)
}

/// [`is_actor_use`] on a text already split.
pub(super) fn is_actor_use_in(words: &TextWords, span: &Range<usize>) -> bool {
    let text = words.text();
    // "talks between Moscow and Army of Islam": a party.
    let before = Before::new(words, span.start, 2);
    let (b0, b1) = (before.word(0), before.word(1));
    if b0.as_deref() == Some("between") && b1.is_some_and(|w| PARTY_NOUNS.contains(&w.as_ref())) {
        return true;
    }
    // "Officials in Moscow said": a place.
    if b0.is_some_and(|w| LOCATIVE.contains(&w.as_ref())) {
        return false;
    }
    let poss = possessive_len(text, span.end);
    let from = span.end + poss;
    // The rules below read at most four words.
    let words = words_in(words, from, from + 100, 4);
    let only_space = |a: usize, b: usize| text[a..b].chars().all(char::is_whitespace);
    if poss > 0 {
        let mut prev = from;
        for (w, r) in words.iter().take(2) {
            if !only_space(prev, r.start) {
                return false;
            }
            if ACTOR_POSSESSED.contains(&w.as_ref()) {
                return true;
            }
            if !POSSESSED_ADJ.contains(&w.as_ref()) {
                return false;
            }
            prev = r.end;
        }
        return false;
    }
    let Some((w0, r0)) = words.first() else {
        return false;
    };
    // "Syria army pounds" (headline style, no possessive).
    if text[from..r0.start] == *" " && ACTOR_DIRECT.contains(&w0.as_ref()) {
        return true;
    }
    let gap = &text[from..r0.start];
    if gap.trim().is_empty() && !gap.contains('\n') {
        let mut prev = from;
        for (w, r) in words.iter().take(3) {
            if !only_space(prev, r.start) {
                return false;
            }
            if ACTOR_VERBS.contains(&w.as_ref()) {
                // "said to be" is a passive, not a statement.
                let next = words.iter().skip_while(|(_, x)| x != r).nth(1);
                return next.is_none_or(|(n, _)| n != "to");
            }
            if !ACTOR_AUX.contains(&w.as_ref()) {
                return false;
            }
            prev = r.end;
        }
        return false;
    }
    if gap.trim() == "," && matches!(w0.as_ref(), "a" | "an" | "the" | "its" | "another") {
        let mut prev = r0.end;
        for (w, r) in words.iter().skip(1).take(3) {
            if !text[prev..r.start].trim().is_empty() && text[prev..r.start].trim() != "-" {
                return false;
            }
            if ACTOR_APPOSITION.contains(&w.as_ref()) {
                return true;
            }
            prev = r.end;
        }
    }
    false
}

/// True when the text between an actor mention and the one before it joins
/// them ("Syria and its ally Russia launched": Syria is an actor too).
pub fn joins_actors(between: &str) -> bool {
    let words: Vec<String> = tokenize(between)
        .into_iter()
        .map(|t| between[t.range].to_lowercase())
        .collect();
    if between.contains(['.', ';', ':', '\n', '(', ')']) {
        return false;
    }
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match w.as_slice() {
        ["and"] => true,
        ["and", "its" | "their", rest @ ..] if !rest.is_empty() && rest.len() <= 2 => {
            rest.last().is_some_and(|l| ACTOR_APPOSITION.contains(l))
        }
        _ => false,
    }
}

/// True when the name at `span` is said to be inside the name starting at
/// `next`: "Halba in Akkar", "Sour, in the northern Deir ez-Zor
/// countryside", "Tripoli in Lebanon". Only "in", an article and a
/// direction may come between (and a comma before "in"): "Douma in
/// February" has no name after it, "Idlib in a raid on Aleppo" has words.
pub(super) fn located_in(words: &TextWords, span: &Range<usize>, next: usize) -> bool {
    let text = words.text();
    if next <= span.end {
        return false;
    }
    let between = &text[span.end..next];
    let between = between.trim_start().strip_prefix(',').unwrap_or(between);
    // (Most names are followed by something else: settled on the bytes.)
    let starts_in = |b: &str| {
        let b = b.trim_start().as_bytes();
        b.len() > 2 && b[..2].eq_ignore_ascii_case(b"in") && b[2].is_ascii_whitespace()
    };
    if !starts_in(between) {
        return false;
    }
    if between.contains(['.', ',', ';', ':', '\n', '(', ')', '"', '“', '”', '\'', '’']) {
        return false;
    }
    let words = words_in(words, span.end, next, 4);
    let w: Vec<&str> = words.iter().map(|(w, _)| w.as_ref()).collect();
    match w.as_slice() {
        ["in"] | ["in", "the"] => true,
        ["in", d] | ["in", "the", d] => DIRECTIONS.contains(d),
        _ => false,
    }
}

/// True when the name at `span` only locates the name starting at `next`:
/// "the Damascus suburb of eastern Ghouta", "the Idlib countryside town of
/// X", "the Aleppo district of Y", "Syria's Idlib province".
pub fn modifies_next(text: &str, span: &Range<usize>, next: usize) -> bool {
    modifies_next_in(&TextWords::new(text, tokenize(text)), span, next)
}

/// [`modifies_next`] on a text already split.
pub(super) fn modifies_next_in(words: &TextWords, span: &Range<usize>, next: usize) -> bool {
    let text = words.text();
    if next <= span.end {
        return false;
    }
    let poss = possessive_len(text, span.end);
    let between = &text[span.end + poss..next];
    if between.contains(['.', ',', ';', ':', '\n', '(', ')', '"', '“', '”']) {
        return false;
    }
    if poss > 0 {
        // "Syria's Idlib province": only space between.
        return between.trim().is_empty();
    }
    let words = words_in(words, span.end, next, usize::MAX);
    let w: Vec<&str> = words.iter().map(|(w, _)| w.as_ref()).collect();
    let Some(of) = w.iter().position(|&x| x == "of") else {
        return false;
    };
    if of == 0 {
        // A name that ends in a head noun itself: "the Old City of Mosul".
        let last = text[span.clone()].rsplit(' ').next().unwrap_or("");
        if !MODIFIED_HEADS.iter().any(|h| h.eq_ignore_ascii_case(last)) {
            return false;
        }
    } else if !MODIFIED_HEADS.contains(&w[of - 1])
        || !w[..of - 1].iter().all(|x| MODIFIER_FILLERS.contains(x))
        || of - 1 > 2
    {
        return false;
    }
    let tail = &w[of + 1..];
    match tail {
        [] => true,
        ["the"] => true,
        [d] | ["the", d] => DIRECTIONS.contains(d),
        _ => false,
    }
}

/// Whether the text puts `place` away from the next name: "Zahraa,
/// north-west of Aleppo", "Tafas, 12 km from Daraa" (a compass direction
/// or a distance, right after a comma).
pub(super) fn away_from_next(
    words: &TextWords,
    place: &Range<usize>,
    next_relative: Option<&Range<usize>>,
) -> bool {
    let Some(phrase) = next_relative else {
        return false;
    };
    let text = words.text();
    if phrase.start < place.end || text[place.end..phrase.start].trim() != "," {
        return false;
    }
    let Some((first, _)) = words_in(words, phrase.start, phrase.end, 1)
        .into_iter()
        .next()
    else {
        return false;
    };
    matches!(
        first.as_ref(),
        "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest"
    ) || first.starts_with(|c: char| c.is_ascii_digit())
        || is_number_word(&first)
}

/// Second halves of compounds that make a place name an adjective: an
/// "Idlib-based group" or a "Damascus-backed force" is not an event there.
const COMPOUND_SUFFIXES: &[&str] = &[
    "based",
    "backed",
    "born",
    "led",
    "allied",
    "aligned",
    "linked",
    "affiliated",
    "funded",
    "supported",
    "sponsored",
    "bound",
];

/// Whether the name at `span` is half of an adjective: "Idlib-based",
/// "pro-Damascus", "anti-Ankara".
pub(super) fn adjectival_compound(words: &TextWords, span: &Range<usize>) -> bool {
    let text = words.text();
    let joined = |a: usize, b: usize| a <= b && &text[a..b] == "-";
    // Most names have no hyphen beside them: two byte tests, not two
    // words read.
    let hyphen_before = span.start > 0 && text.as_bytes()[span.start - 1] == b'-';
    let hyphen_after = text.as_bytes().get(span.end) == Some(&b'-');
    if hyphen_before
        && words_before(words, span.start, 1)
            .into_iter()
            .next()
            .is_some_and(|(w, at)| {
                matches!(w.as_ref(), "pro" | "anti") && joined(at + w.len(), span.start)
            })
    {
        return true;
    }
    // (`word_after` reads past a possessive; a compound has none.)
    hyphen_after
        && word_after(words, span.end).is_some_and(|(w, end)| {
            COMPOUND_SUFFIXES.contains(&w.as_ref()) && joined(span.end, end - w.len())
        })
}

/// Whether the text reads "from `place` into `next`" ("crossed from Rabia
/// into Syria", "fled from Aleppo to Turkey"): then `place` is not in
/// `next` when that is a country.
pub(super) fn from_into(words: &TextWords, place: &Range<usize>, next: &Range<usize>) -> bool {
    let text = words.text();
    // "from" must end the text before the name (a byte test first).
    let before = text[..place.start].trim_end().as_bytes();
    if before.len() < 4 || !before[before.len() - 4..].eq_ignore_ascii_case(b"from") {
        return false;
    }
    let from = words_before(words, place.start, 1)
        .into_iter()
        .next()
        .is_some_and(|(w, at)| w == "from" && text[at + 4..place.start].trim().is_empty());
    from && next.start > place.end && {
        let between = &text[place.end..next.start];
        let w: Vec<Cow<str>> = words_in(words, place.end, next.start, 3)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        let w: Vec<&str> = w.iter().map(AsRef::as_ref).collect();
        between
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace())
            && matches!(
                w.as_slice(),
                ["into"] | ["to"] | ["back", "into"] | ["back", "to"] | ["across", "into"]
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metonymy() {
        // (text, name, actor?)
        let table: &[(&str, &str, bool)] = &[
            ("Moscow announced a truce on Monday.", "Moscow", true),
            ("Moscow’s announcement came late.", "Moscow", true),
            ("Moscow's announcement came late.", "Moscow", true),
            ("a deal Moscow brokered with Ankara", "Moscow", true),
            ("Damascus said the rebels left.", "Damascus", true),
            ("Damascus has repeatedly denied it.", "Damascus", true),
            ("Syria's army advanced.", "Syria", true),
            ("Russia's top envoy arrived.", "Russia", true),
            ("Turkey, a rebel backer, objected.", "Turkey", true),
            ("Iran, a key ally of Damascus, said", "Iran", true),
            ("Syria and its ally Russia launched", "Russia", true),
            // places
            ("He flew to Moscow on Monday.", "Moscow", false),
            ("Shelling hit Damascus, killing five.", "Damascus", false),
            ("in Syria's Idlib province", "Syria", false),
            ("Talks in Moscow. Officials said", "Moscow", false),
            ("Moscow\nsaid", "Moscow", false),
            ("the suburbs of Damascus said to be", "Damascus", false),
            (
                "refugees in Turkey, a country of 80 million",
                "Turkey",
                false,
            ),
            ("Syria's north", "Syria", false),
            ("Syria army pounds Aleppo rebels", "Syria", true),
            ("Officials in Moscow said.", "Moscow", false),
            (
                "the talks between Moscow and Army of Islam faltered",
                "Moscow",
                true,
            ),
            ("the road between Damascus and Homs", "Damascus", false),
            ("Russia and Syria's army threatened", "Syria", true),
        ];
        let mut bad = Vec::new();
        for (text, name, want) in table {
            let at = text.find(name).unwrap();
            if is_actor_use(text, &(at..at + name.len())) != *want {
                bad.push(*text);
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
        assert!(joins_actors(" and its ally "));
        assert!(joins_actors(" and "));
        assert!(!joins_actors(", near "));
        assert!(!joins_actors(". And "));
    }

    #[test]
    fn names_made_adjectives() {
        // (text, name, an adjective?)
        let table = [
            ("an Idlib-based group", "Idlib", true),
            ("pro-Damascus militias", "Damascus", true),
            ("Anti-Ankara protests", "Ankara", true),
            ("the Damascus-Aleppo highway", "Damascus", false),
            ("the Damascus-Aleppo highway", "Aleppo", false),
            ("Ras al-Ain-born fighters", "Ras al-Ain", true),
            ("in Idlib, based on reports", "Idlib", false),
        ];
        for (text, name, adjective) in table {
            let at = text.find(name).unwrap();
            let span = at..at + name.len();
            let words = TextWords::new(text, tokenize(text));
            assert_eq!(
                adjectival_compound(&words, &span),
                adjective,
                "{text} / {name}"
            );
        }
    }

    #[test]
    fn from_one_place_into_another() {
        // (text, first, second, "from first into second"?)
        let table = [
            ("crossed from Rabia into Syria", "Rabia", "Syria", true),
            ("fled from Aleppo to Turkey", "Aleppo", "Turkey", true),
            (
                "returned from Lebanon back into Syria",
                "Lebanon",
                "Syria",
                true,
            ),
            ("fighters in Rabia and Syria", "Rabia", "Syria", false),
            ("Rabia's road to Syria", "Rabia", "Syria", false),
            ("far from Rabia, near Syria", "Rabia", "Syria", false),
        ];
        for (text, first, second, want) in table {
            let a = text.find(first).unwrap();
            let b = text.find(second).unwrap();
            let words = TextWords::new(text, tokenize(text));
            let got = from_into(&words, &(a..a + first.len()), &(b..b + second.len()));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn modifiers() {
        // (text, first, second, modifies?)
        let table: &[(&str, &str, &str, bool)] = &[
            (
                "the Damascus suburb of eastern Ghouta",
                "Damascus",
                "eastern Ghouta",
                true,
            ),
            ("the Damascus suburb of Douma", "Damascus", "Douma", true),
            (
                "the Idlib countryside town of Saraqib",
                "Idlib",
                "Saraqib",
                true,
            ),
            (
                "the Aleppo district of Bustan al-Basha",
                "Aleppo",
                "Bustan al-Basha",
                true,
            ),
            ("the Aleppo provincial town of Azaz", "Aleppo", "Azaz", true),
            ("in Syria's Idlib province", "Syria", "Idlib", true),
            (
                "the Damascus suburb of the eastern Ghouta",
                "Damascus",
                "Ghouta",
                true,
            ),
            ("from Aleppo to the city of Idlib", "Aleppo", "Idlib", false),
            ("Aleppo and Idlib", "Aleppo", "Idlib", false),
            ("Aleppo, the town of Azaz", "Aleppo", "Azaz", false),
            ("Douma's outskirts near Harasta", "Douma", "Harasta", false),
            ("the Old City of Mosul", "Old City", "Mosul", true),
            ("the Tal Abyad of Raqqa", "Tal Abyad", "Raqqa", false),
        ];
        let bad = misread(table, modifies_next);
        assert!(bad.is_empty(), "{bad:#?}");
    }

    /// The texts of `table` (text, a name, the next name, whether `test`
    /// holds of the first name's span and the next name's start) that
    /// `test` answers otherwise.
    fn misread<'a>(
        table: &[(&'a str, &str, &str, bool)],
        test: impl Fn(&str, &Range<usize>, usize) -> bool,
    ) -> Vec<&'a str> {
        table
            .iter()
            .filter(|(text, a, b, want)| {
                let at = text.find(a).unwrap();
                test(text, &(at..at + a.len()), text.rfind(b).unwrap()) != *want
            })
            .map(|(text, ..)| *text)
            .collect()
    }

    #[test]
    fn located_in_the_next_name() {
        // (text, name, next name, inside it?)
        let table: &[(&str, &str, &str, bool)] = &[
            ("Shells landed near Halba in Akkar.", "Halba", "Akkar", true),
            (
                "shelter in Sour, in the northern Deir ez-Zor countryside",
                "Sour",
                "Deir",
                true,
            ),
            (
                "clashes in Tal Hamis in the Hasakah countryside",
                "Tal Hamis",
                "Hasakah",
                true,
            ),
            (
                "mortars on al-Sulaymaniyah in central Aleppo",
                "al-Sulaymaniyah",
                "Aleppo",
                true,
            ),
            (
                "He was born in Tripoli in Lebanon.",
                "Tripoli",
                "Lebanon",
                true,
            ),
            ("Douma in eastern Ghouta", "Douma", "Ghouta", true),
            // not said to be inside
            ("from Idlib to Aleppo", "Idlib", "Aleppo", false),
            ("Idlib and Aleppo", "Idlib", "Aleppo", false),
            (
                "strikes on Idlib in a raid near Aleppo",
                "Idlib",
                "Aleppo",
                false,
            ),
            (
                "fighting in Daraa. In Quneitra, shelling",
                "Daraa",
                "Quneitra",
                false,
            ),
            ("Homs; in Hama the army", "Homs", "Hama", false),
            ("Aleppo's in Syria", "Aleppo", "Syria", false),
            ("Raqqa (in Syria)", "Raqqa", "Syria", false),
        ];
        let bad = misread(table, |text, span, next| {
            located_in(&TextWords::new(text, tokenize(text)), span, next)
        });
        assert!(bad.is_empty(), "{bad:#?}");
    }

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
