//! Words of a sentence, lower-cased, with their byte spans: what the number,
//! fatality and date readers walk over.

use std::ops::Range;

/// One word: letters/digits with inner hyphens, apostrophes and digit commas.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub lower: String,
    pub span: Range<usize>,
}

/// Splits `text` into tokens. Possessive "'s" is dropped ("Thursday's" →
/// "thursday"), digit groups stay whole ("1,600").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let joins = |c: char| {
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            match c {
                ',' | '.' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                '-' | '\'' | '’' => {
                    prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric)
                }
                _ => false,
            }
        };
        let in_word = c.is_alphanumeric() || (start.is_some() && joins(c));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(text, s, i, &mut tokens);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(text, s, text.len(), &mut tokens);
    }
    tokens
}

fn push(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let word = &text[start..end];
    let mut lower = word.to_lowercase().replace('’', "'");
    let mut end = end;
    if lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
        end -= if word.ends_with("’s") {
            "’s".len()
        } else {
            2
        };
    }
    tokens.push(Token {
        lower,
        span: start..end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_news_words() {
        let words: Vec<String> =
            tokenize("Thursday’s strikes killed 1,600 anti-government fighters, 3.5 km away.")
                .into_iter()
                .map(|t| t.lower)
                .collect();
        assert_eq!(
            words,
            [
                "thursday",
                "strikes",
                "killed",
                "1,600",
                "anti-government",
                "fighters",
                "3.5",
                "km",
                "away"
            ]
        );
    }
}
