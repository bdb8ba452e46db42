//! Splits a sentence around the words that named the place, so the page can
//! render them in a `<mark>` as text nodes (never as HTML).

/// `(before, matched, after)` of the first occurrence of `needle` in `text`,
/// exact first, then ignoring ASCII case; `None` when absent or empty.
pub fn split_mention<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str, &'a str)> {
    if needle.is_empty() {
        return None;
    }
    let at = text.find(needle).or_else(|| {
        let (hay, pin) = (text.to_ascii_lowercase(), needle.to_ascii_lowercase());
        hay.find(&pin)
            .filter(|&i| text.is_char_boundary(i) && text.is_char_boundary(i + needle.len()))
    })?;
    let end = at + needle.len();
    Some((&text[..at], &text[at..end], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        assert_eq!(
            split_mention("Strikes hit Douma today", "Douma"),
            Some(("Strikes hit ", "Douma", " today"))
        );
        assert_eq!(
            split_mention("strikes on DOUMA", "Douma"),
            Some(("strikes on ", "DOUMA", ""))
        );
        assert_eq!(
            split_mention("Ḩarastā shelled", "Ḩarastā"),
            Some(("", "Ḩarastā", " shelled"))
        );
        assert_eq!(split_mention("nothing here", "Douma"), None);
        assert_eq!(split_mention("x", ""), None);
        assert_eq!(split_mention("<b>x</b>", "<b>"), Some(("", "<b>", "x</b>")));
    }
}
