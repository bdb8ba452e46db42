//! Plain-text articles: an optional header of `key: value` lines (`date:`,
//! `title:`, `source:`, `url:`, `id:`), or the inline ` date YYYY-MM-DD `
//! prefix some scrapers write, then the body.

use super::date::parse_metadata_date;
use super::noise;
use crate::article::Article;
use crate::error::Error;

/// Reads one plain-text article. `id` names it; a date that cannot be read
/// becomes a warning in `warnings` and the article stays undated.
pub fn parse_text(id: &str, text: &str, warnings: &mut Vec<Error>) -> Article {
    let mut article = Article {
        id: id.to_string(),
        ..Article::default()
    };
    let body = read_header(id, text, &mut article, warnings);
    let cleaned = noise::clean(body);
    let mut paragraphs = cleaned.paragraphs;
    take_headline(&mut article, &mut paragraphs);
    article.text = paragraphs.join("\n\n");
    article.captions = cleaned.captions;
    article
}

/// Reads header lines into `article` and returns the rest of the text.
fn read_header<'t>(
    id: &str,
    text: &'t str,
    article: &mut Article,
    warnings: &mut Vec<Error>,
) -> &'t str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Inline form: " date 2018-04-07 Air strikes killed ..." (no newline).
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix("date ") {
        let rest = rest.trim_start();
        let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_end];
        if token.len() == 10 && token.as_bytes()[4] == b'-' {
            set_date(id, 1, token, article, warnings);
            return &rest[token_end..];
        }
    }
    // Header form: leading "key: value" lines, up to a blank or other line.
    let mut consumed = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "date" | "published" => set_date(id, index + 1, value, article, warnings),
            "title" => article.title = non_empty(value),
            "source" | "outlet" => article.source = non_empty(value),
            "url" | "link" => article.url = non_empty(value),
            "id" => {
                if let Some(v) = non_empty(value) {
                    article.id = v;
                }
            }
            _ => break,
        }
        consumed += line.len();
    }
    &text[consumed..]
}

fn set_date(id: &str, line: usize, value: &str, article: &mut Article, warnings: &mut Vec<Error>) {
    match parse_metadata_date(value) {
        Some(date) => article.date = Some(date),
        None => warnings.push(Error::BadDate {
            file: id.to_string(),
            line,
            value: value.to_string(),
        }),
    }
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A short first paragraph without final punctuation is the headline: it
/// becomes the title (unless the metadata gave one) and leaves the body, so
/// its words are not read twice as events.
fn take_headline(article: &mut Article, paragraphs: &mut Vec<String>) {
    let Some(first) = paragraphs.first() else {
        return;
    };
    let words = first.split_whitespace().count();
    let ends_sentence = first.trim_end().ends_with(['.', '!', '?', '"', '”', ':']);
    let is_title = article.title.as_deref() == Some(first.as_str());
    if is_title || (paragraphs.len() > 1 && words <= 16 && !ends_sentence) {
        let headline = paragraphs.remove(0);
        article.title.get_or_insert(headline);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(text: &str) -> (Article, Vec<Error>) {
        let mut warnings = Vec::new();
        let article = parse_text("a", text, &mut warnings);
        (article, warnings)
    }

    #[test]
    fn reads_inline_date_prefix() {
        let (a, w) = parse(" date 2018-04-07 Air strikes killed 40 civilians.\n\nMore.");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2018, 4, 7));
        assert_eq!(a.text, "Air strikes killed 40 civilians.\n\nMore.");
        assert!(w.is_empty());
    }

    #[test]
    fn reads_header_lines() {
        let (a, _) = parse("Title: Army advances\nDate: 2016-09-24\nSource: Reuters\nURL: https://x.test/a\n\nThe army advanced.");
        assert_eq!(a.title.as_deref(), Some("Army advances"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2016, 9, 24));
        assert_eq!(a.text, "The army advanced.");
    }

    #[test]
    fn a_bad_date_warns_and_keeps_the_article_undated() {
        for value in ["2018-02-30", "yesterday"] {
            let (a, w) = parse(&format!("date: {value}\n\nClashes erupted."));
            assert_eq!(a.date, None);
            assert_eq!(a.text, "Clashes erupted.");
            assert_eq!(w.len(), 1, "{value}");
            assert!(w[0].to_string().contains("a:1"), "{}", w[0]);
        }
    }

    #[test]
    fn a_place_name_with_colon_is_not_a_header() {
        let (a, _) = parse("Aleppo: Syrian warplanes pounded the city today.");
        assert_eq!(a.text, "Aleppo: Syrian warplanes pounded the city today.");
    }

    #[test]
    fn headline_becomes_title() {
        let (a, _) = parse(
            "Share\n\nGovernment forces gain ground near Aleppo\n\nSyrian forces seized ground.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Government forces gain ground near Aleppo")
        );
        assert_eq!(a.text, "Syrian forces seized ground.");
    }
}
