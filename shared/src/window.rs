//! Long texts cut into windows, so memory and the time of one step stay
//! bounded whatever the size of an article.
//!
//! A news article is a few kilobytes and fits one window; a 100 MB dump
//! pasted or scraped as "one article" is cut at paragraph breaks (else line
//! breaks, else sentence ends, else any character boundary) into windows of
//! at most [`WINDOW_BYTES`], each geocoded and extracted on its own. The
//! page extracts one window at a time and yields to the browser between
//! them; the command line never holds more than one window's working data.
//!
//! ```
//! use shared::window::windows;
//!
//! let text = "First paragraph.\n\nSecond paragraph.";
//! let cut: Vec<_> = windows(text, 20).map(|w| &text[w]).collect();
//! assert_eq!(cut, ["First paragraph.\n\n", "Second paragraph."]);
//! ```

use std::ops::Range;

/// The largest window: far above any real article, small enough that one
/// window's geocoding takes a moment in the page.
pub const WINDOW_BYTES: usize = 128 * 1024;

/// Byte ranges covering `text` in order, each at most `max` bytes (more only
/// when a single character is longer than `max`).
pub fn windows(text: &str, max: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let max = max.max(1);
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = if text.len() - start <= max {
            text.len()
        } else {
            cut_point(text, start, start + max)
        };
        let range = start..end;
        start = end;
        Some(range)
    })
}

/// Where to end a window that starts at `start` and may reach `limit`: the
/// last paragraph break, else line break, else sentence end in the second
/// half of the window, else the last character boundary.
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let half = start + (limit - start) / 2;
    let region = &text.as_bytes()[half..limit];
    for separator in [&b"\n\n"[..], b"\n", b". "] {
        if let Some(at) = region
            .windows(separator.len())
            .rposition(|w| w == separator)
        {
            return half + at + separator.len();
        }
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == start {
        // One character longer than the window: take it whole.
        end = limit;
        while !text.is_char_boundary(end) {
            end += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, max: usize) -> Vec<&str> {
        windows(text, max).map(|w| &text[w]).collect()
    }

    #[test]
    fn cuts_at_the_strongest_break_in_reach() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("", 10, &[]),
            ("short", 10, &["short"]),
            ("aaaa\n\nbbbb\ncccc", 12, &["aaaa\n\nbbbb\n", "cccc"]),
            ("aaaa bbbb\ncccc dddd", 12, &["aaaa bbbb\n", "cccc dddd"]),
            ("One. Two. Three.", 12, &["One. Two. ", "Three."]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("ééééé", 3, &["é", "é", "é", "é", "é"]),
            ("é", 1, &["é"]),
        ];
        for (text, max, expected) in cases {
            assert_eq!(&cut(text, *max), expected, "{text:?} in windows of {max}");
        }
    }

    #[test]
    fn windows_cover_the_text_in_order() {
        let text = "Air strikes hit Douma.\n\nShelling in Harasta. ".repeat(500);
        let ranges: Vec<_> = windows(&text, 1000).collect();
        assert!(ranges.iter().all(|r| r.len() <= 1000));
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
    }
}
