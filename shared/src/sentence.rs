//! Sentence boundaries, as byte spans into the article text, so every later
//! step can point back at the words it read.

use std::ops::Range;

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep",
    "gov", "pres", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "approx", "km", "inc", "ltd",
    "co", "jr", "sr", "mt", "ft",
];

/// Splits `text` into sentences. Paragraph breaks always end a sentence;
/// `.`, `!`, `?` end one when followed by space and an upper-case letter,
/// a digit or an opening quote, unless the word before is an abbreviation or
/// an initial. Closing quotes after the mark stay with the sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            // Scraped text uses newlines for paragraphs: a line break always
            // ends a sentence (empty ones are dropped).
            '\n' => Some(i),
            '.' | '!' | '?' | '…' => {
                let mut j = i + c.len_utf8();
                // Closing quotes and brackets belong to this sentence.
                while let Some(next) = text[j..].chars().next() {
                    if matches!(next, '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
                        j += next.len_utf8();
                    } else {
                        break;
                    }
                }
                if ends_sentence(text, start, i, j) {
                    Some(j)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = end {
            push_trimmed(text, start, end, &mut spans);
            start = end;
            while chars.peek().is_some_and(|&(k, _)| k < end) {
                chars.next();
            }
        }
    }
    push_trimmed(text, start, bytes.len(), &mut spans);
    spans
}

fn ends_sentence(text: &str, start: usize, mark: usize, after: usize) -> bool {
    let rest = &text[after..];
    let Some(space) = rest.chars().next() else {
        return true;
    };
    if !space.is_whitespace() {
        return false;
    }
    let next = rest.trim_start().chars().next();
    let starts_new = match next {
        None => true,
        Some(n) => {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
        }
    };
    if !starts_new {
        return false;
    }
    if text[mark..].starts_with('.') {
        // After the separator, whatever its width ("\u{a0}" is two bytes).
        let word_start = text[start..mark]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
            .map_or(start, |(p, c)| start + p + c.len_utf8());
        let word = text[word_start..mark].to_lowercase();
        let word = word.trim_start_matches(['“', '‘']);
        if ABBREVIATIONS.contains(&word) {
            return false;
        }
        // An initial: "John F. Kennedy".
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
            return false;
        }
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Range<usize>>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        spans.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_the_ways_news_is_written() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Strikes hit Douma. Dozens died.",
                &["Strikes hit Douma.", "Dozens died."],
            ),
            (
                "Mr. Kerry met Mr. Lavrov on Friday. Talks failed.",
                &["Mr. Kerry met Mr. Lavrov on Friday.", "Talks failed."],
            ),
            (
                "The U.S. -Russian talks were \"disappointing,\" he said. Next.",
                &[
                    "The U.S. -Russian talks were \"disappointing,\" he said.",
                    "Next.",
                ],
            ),
            (
                "\"Handarat has fallen.\" An official said so.",
                &["\"Handarat has fallen.\"", "An official said so."],
            ),
            (
                "First paragraph\n\nSecond one.",
                &["First paragraph", "Second one."],
            ),
            (
                "Line one ends here\nLine two.",
                &["Line one ends here", "Line two."],
            ),
            (
                "Killed 3.5 km away. Then 40 more.",
                &["Killed 3.5 km away.", "Then 40 more."],
            ),
            ("", &[]),
            ("  \n ", &[]),
            ("No final stop", &["No final stop"]),
            ("Why? Because.", &["Why?", "Because."]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn spans_are_char_boundaries_for_any_text() {
        // A wide space before a word ending in a full stop (found by fuzzing).
        for text in [
            "Ḩarastā… ʿAfrīn. “Quote.” É! 家. \n\n ok",
            "from\u{a0}z. 8 more",
        ] {
            for span in sentences(text) {
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}
