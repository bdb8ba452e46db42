//! JSONL: one article per line, `{"id", "date", "title", "source", "url", "text"}`.
//! Read as a stream, so a file of any size is processed in bounded memory.

use super::date::parse_metadata_date;
use super::noise;
use crate::article::Article;
use crate::error::Error;
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    text: Option<String>,
}

/// One line's outcome: an article (maybe with a warning), or an error that
/// skips this line only. A [`LineOutcome::Warning`] loses nothing: it comes
/// before the outcome of the line it is about (invalid UTF-8, reported once
/// per stream with the first bad byte's offset, like [`super::decode`]).
#[derive(Debug)]
pub enum LineOutcome {
    Article(Article, Option<Error>),
    Warning(Error),
    Skipped(Error),
}

/// Parses one JSONL line. `file` and `line` (1-based) name it in messages.
/// Returns `None` for blank lines.
pub fn parse_line(file: &str, line: usize, text: &str) -> Option<LineOutcome> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed: JsonArticle = match serde_json::from_str(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Some(LineOutcome::Skipped(Error::BadJsonLine {
                file: file.to_string(),
                line,
                message: e.to_string(),
            }))
        }
    };
    let Some(body) = parsed.text else {
        return Some(LineOutcome::Skipped(Error::MissingText {
            file: file.to_string(),
            line,
        }));
    };
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{file}:{line}"),
    };
    let mut warning = None;
    let date = parsed.date.as_deref().and_then(|value| {
        let date = parse_metadata_date(value);
        if date.is_none() && !value.trim().is_empty() {
            warning = Some(Error::BadDate {
                file: file.to_string(),
                line,
                value: value.to_string(),
            });
        }
        date
    });
    let cleaned = noise::clean(&body);
    let article = Article {
        id,
        date,
        source: parsed.source.filter(|s| !s.trim().is_empty()),
        title: parsed.title.filter(|s| !s.trim().is_empty()),
        url: parsed.url.filter(|s| !s.trim().is_empty()),
        text: cleaned.paragraphs.join("\n\n"),
        captions: cleaned.captions,
        offset: 0,
    };
    Some(LineOutcome::Article(article, warning))
}

/// Streams the lines of a JSONL reader as outcomes, one line in memory at a
/// time. Invalid UTF-8 in a line is decoded lossily (the JSON parser decides).
pub struct JsonlStream<R> {
    file: String,
    reader: R,
    buffer: Vec<u8>,
    line: usize,
    /// Bytes read before the current line (for the invalid UTF-8 offset).
    offset: usize,
    /// Whether invalid UTF-8 was reported already (once per stream).
    warned_utf8: bool,
    /// The outcome of the line a warning was returned for.
    pending: Option<LineOutcome>,
    /// Set after a read error: the stream ends rather than retrying forever.
    done: bool,
}

impl<R: BufRead> JsonlStream<R> {
    pub fn new(file: &str, reader: R) -> Self {
        JsonlStream {
            file: file.to_string(),
            reader,
            buffer: Vec::new(),
            line: 0,
            offset: 0,
            warned_utf8: false,
            pending: None,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlStream<R> {
    type Item = LineOutcome;

    fn next(&mut self) -> Option<LineOutcome> {
        if let Some(outcome) = self.pending.take() {
            return Some(outcome);
        }
        while !self.done {
            self.buffer.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => self.done = true,
                Ok(n) => {
                    let start = self.offset;
                    self.offset += n;
                    let bad_byte = std::str::from_utf8(&self.buffer)
                        .err()
                        .map(|e| start + e.valid_up_to());
                    let text = String::from_utf8_lossy(&self.buffer);
                    let Some(outcome) = parse_line(&self.file, self.line, &text) else {
                        continue;
                    };
                    match bad_byte {
                        Some(offset) if !self.warned_utf8 => {
                            self.warned_utf8 = true;
                            self.pending = Some(outcome);
                            return Some(LineOutcome::Warning(Error::InvalidUtf8 {
                                file: self.file.clone(),
                                offset,
                            }));
                        }
                        _ => return Some(outcome),
                    }
                }
                Err(e) => {
                    // A read error does not go away: end the stream here.
                    self.done = true;
                    return Some(LineOutcome::Skipped(Error::BadJsonLine {
                        file: self.file.clone(),
                        line: self.line,
                        message: format!("read error: {e}"),
                    }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn reads_lines_and_reports_bad_ones() {
        let input = concat!(
            r#"{"id":"a1","date":"2018-04-07","title":"T","source":"AFP","url":"u","text":"Clashes erupted."}"#,
            "\n\n",
            "{not json\n",
            r#"{"id":"a3","date":"2018-02-30","text":"Shelling hit."}"#,
            "\n",
            r#"{"id":"a4"}"#,
            "\n",
        );
        let outcomes: Vec<_> = JsonlStream::new("in.jsonl", input.as_bytes()).collect();
        assert_eq!(outcomes.len(), 4);
        match &outcomes[0] {
            LineOutcome::Article(a, None) => {
                assert_eq!(a.id, "a1");
                assert_eq!(a.date, NaiveDate::from_ymd_opt(2018, 4, 7));
                assert_eq!(a.source.as_deref(), Some("AFP"));
            }
            other => panic!("{other:?}"),
        }
        match &outcomes[1] {
            LineOutcome::Skipped(e) => assert!(e.to_string().starts_with("in.jsonl:3:"), "{e}"),
            other => panic!("{other:?}"),
        }
        match &outcomes[2] {
            LineOutcome::Article(a, Some(w)) => {
                assert_eq!(a.date, None);
                assert!(w.to_string().contains("in.jsonl:4"), "{w}");
            }
            other => panic!("{other:?}"),
        }
        match &outcomes[3] {
            LineOutcome::Skipped(e) => assert!(e.to_string().contains("no \"text\""), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_is_reported_once_with_its_offset() {
        let input = b"{\"text\":\"ok\"}\n{\"text\":\"Hama\xe9\"}\n{\"text\":\"\xff\"}\n";
        let outcomes: Vec<_> = JsonlStream::new("u.jsonl", &input[..]).collect();
        assert_eq!(outcomes.len(), 4, "{outcomes:?}");
        match &outcomes[1] {
            // Line 2 starts at byte 14; the bad byte is 13 bytes into it.
            LineOutcome::Warning(w) => assert_eq!(
                w.to_string(),
                "u.jsonl: invalid UTF-8 at byte 27; decoded with replacement characters"
            ),
            other => panic!("{other:?}"),
        }
        match &outcomes[2] {
            LineOutcome::Article(a, None) => assert_eq!(a.text, "Hama\u{fffd}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&outcomes[3], LineOutcome::Article(_, None)));
    }

    #[test]
    fn a_read_error_ends_the_stream() {
        struct Failing;
        impl std::io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        let outcomes: Vec<_> = JsonlStream::new("f.jsonl", std::io::BufReader::new(Failing))
            .take(5)
            .collect();
        assert_eq!(outcomes.len(), 1, "{outcomes:?}");
        assert!(
            matches!(&outcomes[0], LineOutcome::Skipped(e) if e.to_string().contains("disk on fire"))
        );
    }

    #[test]
    fn missing_id_is_named_by_file_and_line() {
        match parse_line("f.jsonl", 7, r#"{"text":"x"}"#) {
            Some(LineOutcome::Article(a, _)) => assert_eq!(a.id, "f.jsonl:7"),
            other => panic!("{other:?}"),
        }
    }
}
