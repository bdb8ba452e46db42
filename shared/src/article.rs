//! The article: what ingest produces and extraction consumes.

use chrono::NaiveDate;

/// One news article, noise already removed from `text`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Stable identifier: from the input (a JSONL `id`) or the file name.
    pub id: String,
    /// Publication day; `None` when the input does not say (never guessed).
    pub date: Option<NaiveDate>,
    /// Outlet ("Reuters", "Business Standard").
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The body, as written, with noise lines (share buttons, adverts,
    /// paywall blocks) removed. Paragraphs are separated by blank lines.
    pub text: String,
    /// Photo captions, kept apart: they often describe another day.
    pub captions: Vec<String>,
    /// Where `text` starts in the whole article's text: 0, except for the
    /// later parts of an article too long to read at once (see
    /// [`crate::ingest::text::TextParts`]). Keeps event ids unique.
    pub offset: usize,
}

impl Article {
    /// The article's day as `YYYY-MM-DD`.
    pub fn date_string(&self) -> Option<String> {
        self.date.map(|d| d.format("%Y-%m-%d").to_string())
    }
}
