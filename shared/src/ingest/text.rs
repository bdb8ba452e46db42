//! Plain-text articles: an optional header of `key: value` lines (`date:`,
//! `title:`, `source:`, `url:`, `id:`), or the inline ` date YYYY-MM-DD `
//! prefix some scrapers write, then the body.

use super::date::parse_metadata_date;
use super::noise::Cleaner;
use crate::article::Article;
use crate::error::Error;
use std::io::BufRead;

/// Reads one plain-text article. `id` names it; a date that cannot be read
/// becomes a warning in `warnings` and the article stays undated.
pub fn parse_text(id: &str, text: &str, warnings: &mut Vec<Error>) -> Article {
    first_part(id, text, &mut Cleaner::default(), warnings)
}

/// The article from its first (or only) piece of text: header, cleaned
/// body, headline.
fn first_part(id: &str, text: &str, cleaner: &mut Cleaner, warnings: &mut Vec<Error>) -> Article {
    let mut article = Article {
        id: id.to_string(),
        ..Article::default()
    };
    let body = read_header(id, text, &mut article, warnings);
    let cleaned = cleaner.clean(body);
    let mut paragraphs = cleaned.paragraphs;
    take_headline(&mut article, &mut paragraphs);
    article.text = paragraphs.join("\n\n");
    article.captions = cleaned.captions;
    article
}

/// How much of a text file is read, decoded and cleaned at a time.
pub const PART_BYTES: usize = crate::window::WINDOW_BYTES;

/// The least the first part holds.
const FIRST_PART_BYTES: usize = 8192;

/// A plain-text article read from a stream part by part, so a file of any
/// size is never held whole. Each part is an [`Article`] with the file's
/// metadata, its share of the cleaned body and its [`Article::offset`]; a
/// file under [`PART_BYTES`] gives exactly what [`parse_text`] gives.
///
/// ```
/// use shared::ingest::text::TextParts;
///
/// let file = "date: 2018-04-07\n\nAir strikes hit Douma.\n".repeat(1);
/// let parts: Vec<_> = TextParts::new("a.txt", "a", file.as_bytes()).collect();
/// assert_eq!(parts.len(), 1);
/// assert_eq!(parts[0].article.as_ref().unwrap().text, "Air strikes hit Douma.");
/// ```
pub struct TextParts<R: BufRead> {
    file: String,
    id: String,
    reader: R,
    part_bytes: usize,
    /// The metadata, once the first part has been read.
    template: Option<Article>,
    cleaner: Cleaner,
    /// Length of the cleaned text handed out so far, with separators.
    offset: usize,
    /// Raw bytes read so far (for messages).
    read: usize,
    /// The start of a character cut at the end of the previous part.
    carry: Vec<u8>,
    warned_utf8: bool,
    /// Whether a part was handed out (later ones continue the article).
    given: bool,
    /// Whether a part with text was handed out (the next needs a break).
    has_text: bool,
    finished: bool,
}

/// One part of a text file, and the problems met reading it.
#[derive(Debug)]
pub struct TextPart {
    /// `None` when the part held only noise (or the file is binary).
    pub article: Option<Article>,
    /// Whether an earlier part of the same article was handed out.
    pub continues: bool,
    pub problems: Vec<Error>,
}

impl<R: BufRead> TextParts<R> {
    /// Reads `reader`; `file` names it in messages, `id` is the article id.
    pub fn new(file: &str, id: &str, reader: R) -> Self {
        Self::with_part_bytes(file, id, reader, PART_BYTES)
    }

    /// The same with parts of about `part_bytes` (for tests).
    pub fn with_part_bytes(file: &str, id: &str, reader: R, part_bytes: usize) -> Self {
        TextParts {
            file: file.to_string(),
            id: id.to_string(),
            reader,
            part_bytes: part_bytes.max(4),
            template: None,
            cleaner: Cleaner::default(),
            offset: 0,
            read: 0,
            carry: Vec::new(),
            warned_utf8: false,
            given: false,
            has_text: false,
            finished: false,
        }
    }

    /// How many bytes of the input have been read (for progress).
    pub fn position(&self) -> usize {
        self.read - self.carry.len()
    }

    /// The next whole lines, about `part_bytes` of them (a line longer than
    /// that is cut, keeping characters whole).
    fn read_lines(&mut self) -> Result<Vec<u8>, Error> {
        let mut bytes = std::mem::take(&mut self.carry);
        // The first part holds the whole header and the bytes the binary
        // check looks at.
        let want = if self.read == 0 {
            self.part_bytes.max(FIRST_PART_BYTES)
        } else {
            self.part_bytes
        };
        while bytes.len() < want {
            let available = self.reader.fill_buf().map_err(|e| Error::Read {
                file: self.file.clone(),
                offset: self.read,
                message: e.to_string(),
            })?;
            if available.is_empty() {
                self.finished = true;
                break;
            }
            let room = want - bytes.len();
            let (take, line_end) = match available.iter().position(|&b| b == b'\n') {
                Some(at) if at < room => (at + 1, true),
                _ => (available.len().min(room), false),
            };
            bytes.extend_from_slice(&available[..take]);
            self.reader.consume(take);
            self.read += take;
            if line_end && bytes.len() >= want / 2 {
                break;
            }
        }
        // A cut inside a line must not split a character.
        if !self.finished && bytes.last() != Some(&b'\n') {
            let keep = utf8_prefix(&bytes);
            self.carry = bytes.split_off(keep);
        }
        Ok(bytes)
    }
}

/// The length of the longest prefix that does not end in the middle of a
/// UTF-8 character (invalid bytes count as whole).
fn utf8_prefix(bytes: &[u8]) -> usize {
    let tail = bytes.len().saturating_sub(3);
    for start in (tail..bytes.len()).rev() {
        let b = bytes[start];
        if b & 0xC0 != 0x80 {
            let width = match b {
                0xF0..=0xF7 => 4,
                0xE0..=0xEF => 3,
                0xC0..=0xDF => 2,
                _ => 1,
            };
            return if start + width > bytes.len() {
                start
            } else {
                bytes.len()
            };
        }
    }
    bytes.len()
}

impl<R: BufRead> Iterator for TextParts<R> {
    type Item = TextPart;

    fn next(&mut self) -> Option<TextPart> {
        if self.finished && self.carry.is_empty() || self.cleaner.stopped() {
            return None;
        }
        let start = self.read - self.carry.len();
        let mut problems = Vec::new();
        let bytes = match self.read_lines() {
            Ok(bytes) => bytes,
            Err(e) => {
                self.finished = true;
                self.carry.clear();
                return Some(TextPart {
                    article: None,
                    continues: self.given,
                    problems: vec![e],
                });
            }
        };
        if start == 0 {
            // Like git: a NUL byte in the first 8 KB means binary.
            if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
                self.finished = true;
                self.carry.clear();
                return Some(TextPart {
                    article: None,
                    continues: false,
                    problems: vec![Error::Binary {
                        file: self.file.clone(),
                        offset,
                    }],
                });
            }
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(e) => {
                if !self.warned_utf8 {
                    self.warned_utf8 = true;
                    problems.push(Error::InvalidUtf8 {
                        file: self.file.clone(),
                        offset: start + e.valid_up_to(),
                    });
                }
                String::from_utf8_lossy(&bytes)
            }
        };
        let mut article = match &self.template {
            None => {
                let mut warnings = Vec::new();
                let article = first_part(&self.id, &text, &mut self.cleaner, &mut warnings);
                problems.extend(warnings.into_iter().map(|w| match w {
                    Error::BadDate { line, value, .. } => Error::BadDate {
                        file: self.file.clone(),
                        line,
                        value,
                    },
                    other => other,
                }));
                self.template = Some(Article {
                    text: String::new(),
                    captions: Vec::new(),
                    ..article.clone()
                });
                article
            }
            Some(template) => {
                let cleaned = self.cleaner.clean(&text);
                Article {
                    text: cleaned.paragraphs.join("\n\n"),
                    captions: cleaned.captions,
                    ..template.clone()
                }
            }
        };
        if !article.text.is_empty() {
            if self.has_text {
                self.offset += 2; // the paragraph break between parts
            }
            article.offset = self.offset;
            self.offset += article.text.len();
            self.has_text = true;
        }
        let kept = !article.text.is_empty() || (start == 0 && article.title.is_some());
        let continues = self.given;
        self.given |= kept;
        Some(TextPart {
            article: kept.then_some(article),
            continues,
            problems,
        })
    }
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

    fn parts(text: &[u8], part_bytes: usize) -> Vec<TextPart> {
        TextParts::with_part_bytes("f.txt", "f", text, part_bytes).collect()
    }

    /// Read in parts or at once, a file gives the same article text, the
    /// same metadata and the same warnings.
    #[test]
    fn parts_join_to_what_reading_at_once_gives() {
        let long: String = (0..300)
            .map(|i| format!("Paragraph {i} tells of shelling in Douma.\nShare\n\n"))
            .collect();
        let cases = [
            " date 2018-04-07 Air strikes killed 40 civilians.\n\nMore.".to_string(),
            "Title: Army advances\nDate: 2018-02-30\n\nThe army advanced.".to_string(),
            "Army pounds rebels\n\nArmy pounds rebels\nText.".to_string(),
            format!("date: 2018-04-07\n\nHeadline without a stop\n\n{long}"),
            format!("{long}Subscribe now to continue reading\n{long}"),
            format!("{long}Repeated line.\nRepeated line.\n{long}"),
        ];
        for text in &cases {
            let mut warnings = Vec::new();
            let whole = parse_text("f", text, &mut warnings);
            for part_bytes in [usize::MAX, 1000, 64] {
                let parts = parts(text.as_bytes(), part_bytes);
                let articles: Vec<&Article> =
                    parts.iter().filter_map(|p| p.article.as_ref()).collect();
                let joined: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
                assert_eq!(joined.join("\n\n"), whole.text, "{part_bytes}: {text:.40}");
                for a in &articles {
                    assert_eq!((&a.title, a.date), (&whole.title, whole.date));
                    assert_eq!(&whole.text[a.offset..a.offset + a.text.len()], a.text);
                }
                let problems: Vec<String> = parts
                    .iter()
                    .flat_map(|p| p.problems.iter().map(|e| e.to_string()))
                    .collect();
                let expected: Vec<String> = warnings
                    .iter()
                    .map(|e| e.to_string().replace("f:", "f.txt:"))
                    .collect();
                assert_eq!(problems, expected);
                if part_bytes == usize::MAX {
                    assert_eq!(articles.len(), 1);
                }
            }
        }
    }

    #[test]
    fn a_line_longer_than_a_part_keeps_its_characters_whole() {
        let text: String = (0..3000).map(|i| format!("é{i}\u{1F600}")).collect();
        let parts = parts(text.as_bytes(), 7);
        assert!(parts.len() > 10);
        let joined: String = parts
            .iter()
            .filter_map(|p| p.article.as_ref())
            .map(|a| a.text.as_str())
            .collect();
        assert_eq!(joined, text);
        assert!(parts.iter().all(|p| p.problems.is_empty()));
    }

    #[test]
    fn bad_bytes_are_reported_with_their_offset_in_the_file() {
        let mut text = "Line one.\n".repeat(1000).into_bytes();
        text.extend(b"Bad \xff byte.\n");
        let parts = parts(&text, 64);
        let problems: Vec<String> = parts
            .iter()
            .flat_map(|p| p.problems.iter().map(|e| e.to_string()))
            .collect();
        assert_eq!(
            problems,
            ["f.txt: invalid UTF-8 at byte 10004; decoded with replacement characters"]
        );
        let binary = TextParts::new("b.txt", "b", &b"\0\x01\x02"[..]).collect::<Vec<_>>();
        assert_eq!(binary.len(), 1);
        assert!(binary[0].article.is_none());
        assert!(matches!(binary[0].problems[..], [Error::Binary { .. }]));
    }
}
