//! Ingest: bytes in, [`Article`]s out, noise dropped.
//!
//! Three formats: plain text (with an optional metadata header), JSONL (one
//! article per line) and HTML. Nothing here touches the file system: the
//! command line reads files and streams, the page reads dropped files, and
//! both hand the bytes to [`read_bytes`] (or JSONL to [`jsonl::JsonlStream`]).

pub mod date;
pub mod html;
pub mod jsonl;
pub mod noise;
pub mod text;

use crate::article::Article;
use crate::error::Error;
use chrono::NaiveDate;
use std::borrow::Cow;

/// The input formats ingest reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
}

impl Format {
    /// Chooses the format from a file name, then from the content.
    pub fn detect(name: &str, head: &[u8]) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
            return Format::Jsonl;
        }
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return Format::Html;
        }
        let start = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
        let start = start.trim_start_matches('\u{feff}').trim_start();
        if start.starts_with("<!doctype html") || start.starts_with("<html") {
            Format::Html
        } else if start.starts_with('{') {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

/// What reading one input gave: its articles, and the problems met (each
/// names the input; see [`Error::skips_input`] for which ones lost data).
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub problems: Vec<Error>,
}

/// Decodes bytes as text: binary input is refused, invalid UTF-8 is decoded
/// lossily with a warning giving the first bad byte's offset.
pub fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<(Cow<'b, str>, Option<Error>), Error> {
    // Like git: a NUL byte in the first 8 KB means binary.
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Error::Binary {
            file: name.to_string(),
            offset,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(e) => Ok((
            String::from_utf8_lossy(bytes),
            Some(Error::InvalidUtf8 {
                file: name.to_string(),
                offset: e.valid_up_to(),
            }),
        )),
    }
}

/// Reads one input held in memory (a file's bytes, a pasted text).
/// `name` is its file name (used for the format and the article id);
/// `default_date` dates articles whose input gives no date (the page's date
/// field), never overriding a date the input states.
pub fn read_bytes(name: &str, bytes: &[u8], default_date: Option<NaiveDate>) -> Ingested {
    let mut ingested = Ingested::default();
    let text = match decode(name, bytes) {
        Ok((text, warning)) => {
            ingested.problems.extend(warning);
            text
        }
        Err(e) => {
            ingested.problems.push(e);
            return ingested;
        }
    };
    let id = article_id(name);
    let format = Format::detect(name, bytes);
    match format {
        Format::Text | Format::Html => {
            let mut warnings = Vec::new();
            let article = if format == Format::Text {
                text::parse_text(&id, &text, &mut warnings)
            } else {
                html::parse_html(&id, &text, &mut warnings)
            };
            // The parsers name the article; messages name the file.
            ingested
                .problems
                .extend(warnings.into_iter().map(|w| in_file(w, name)));
            ingested.articles.push(article);
        }
        Format::Jsonl => {
            for outcome in jsonl::JsonlStream::new(name, text.as_bytes()) {
                match outcome {
                    jsonl::LineOutcome::Article(article, warning) => {
                        ingested.problems.extend(warning);
                        ingested.articles.push(article);
                    }
                    jsonl::LineOutcome::Warning(e) | jsonl::LineOutcome::Skipped(e) => {
                        ingested.problems.push(e)
                    }
                }
            }
        }
    }
    for article in &mut ingested.articles {
        if article.date.is_none() {
            article.date = default_date;
        }
    }
    ingested
        .articles
        .retain(|a| !a.text.trim().is_empty() || a.title.is_some());
    ingested
}

/// A problem found by a parser that names the article, renamed to the file.
fn in_file(problem: Error, name: &str) -> Error {
    match problem {
        Error::BadDate { line, value, .. } => Error::BadDate {
            file: name.to_string(),
            line,
            value,
        },
        other => other,
    }
}

/// An article id from a file name: the name without folders and extension.
pub fn article_id(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    };
    if stem.is_empty() {
        "article".to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let cases: [(&str, &[u8], Format); 6] = [
            ("a.jsonl", b"{}", Format::Jsonl),
            ("a.html", b"x", Format::Html),
            ("a.txt", b"hello", Format::Text),
            ("-", b"  <!DOCTYPE html><html>", Format::Html),
            ("-", b"{\"text\":\"x\"}\n", Format::Jsonl),
            ("pasted", b"Air strikes hit.", Format::Text),
        ];
        for (name, head, expected) in cases {
            assert_eq!(Format::detect(name, head), expected, "{name}");
        }
    }

    #[test]
    fn refuses_binary_and_repairs_utf8() {
        let binary = read_bytes("x.bin", b"PK\x03\x04\x00\x00", None);
        assert!(binary.articles.is_empty());
        assert!(binary.problems[0].to_string().contains("binary"));

        let latin1 = read_bytes("x.txt", b"Clashes in Hama\xe9 today.", None);
        assert_eq!(latin1.articles.len(), 1);
        assert!(
            latin1.problems[0].to_string().contains("byte 15"),
            "{}",
            latin1.problems[0]
        );
    }

    #[test]
    fn empty_input_gives_no_article_and_no_panic() {
        for input in [&b""[..], b"   \n\n", b"\xef\xbb\xbf"] {
            assert!(read_bytes("e.txt", input, None).articles.is_empty());
        }
    }

    #[test]
    fn bad_dates_name_the_file_and_keep_the_article() {
        let cases: [(&str, &[u8], &str); 4] = [
            ("in/a.txt", b"date: 2018-02-30\n\nClashes erupted.", "in/a.txt:1: unreadable date \"2018-02-30\""),
            ("in/b.txt", b"title: T\ndate: yesterday\n\nClashes erupted.", "in/b.txt:2: unreadable date \"yesterday\""),
            ("in/c.txt", b" date 2018-13-01 Clashes erupted.", "in/c.txt:1: unreadable date \"2018-13-01\""),
            (
                "in/d.html",
                b"<html><head>\n<meta property=\"article:published_time\" content=\"soon\">\n</head><p>Clashes erupted.</p>",
                "in/d.html:2: unreadable date \"soon\"",
            ),
        ];
        for (name, bytes, message) in cases {
            let ingested = read_bytes(name, bytes, None);
            assert_eq!(ingested.articles.len(), 1, "{name}");
            assert_eq!(ingested.articles[0].date, None, "{name}");
            assert_eq!(ingested.problems.len(), 1, "{name}");
            assert!(
                ingested.problems[0].to_string().starts_with(message),
                "{}",
                ingested.problems[0]
            );
        }
    }

    #[test]
    fn default_date_fills_only_undated_articles() {
        let day = NaiveDate::from_ymd_opt(2020, 1, 1);
        let undated = read_bytes("a.txt", b"Clashes erupted.", day);
        assert_eq!(undated.articles[0].date, day);
        let dated = read_bytes("b.txt", b"date: 2018-04-07\n\nClashes erupted.", day);
        assert_eq!(dated.articles[0].date, NaiveDate::from_ymd_opt(2018, 4, 7));
    }

    #[test]
    fn article_ids_come_from_file_names() {
        let cases = [
            ("corpus/000_1177929a2a7d3b22.txt", "000_1177929a2a7d3b22"),
            ("C:\\news\\a.html", "a"),
            (".hidden", ".hidden"),
            ("", "article"),
        ];
        for (name, expected) in cases {
            assert_eq!(article_id(name), expected);
        }
    }
}
