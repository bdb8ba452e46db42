//! HTML pages: the visible text, with scripts, styles, comments, navigation
//! and forms dropped, entities decoded; the title, publication date, outlet
//! and canonical address read from the head.
//!
//! A small forgiving scanner rather than a full parser: broken tags and
//! unclosed elements must never lose the rest of the page.

use super::date::parse_metadata_date;
use super::noise;
use crate::article::Article;
use crate::error::Error;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "svg",
    "iframe", "select",
];

/// Elements that break the text into paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "article",
    "section",
    "header",
    "tr",
    "table",
    "blockquote",
    "figure",
    "main",
    "hr",
    "dd",
    "dt",
];

#[derive(Default)]
struct Head {
    title: Option<String>,
    published: Option<String>,
    site: Option<String>,
    url: Option<String>,
}

/// Reads one HTML page as an article.
pub fn parse_html(id: &str, html: &str, warnings: &mut Vec<Error>) -> Article {
    let mut head = Head::default();
    let mut body = String::new();
    let mut captions = Vec::new();
    let mut caption: Option<String> = None;
    let mut in_title = false;
    let mut title_text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(rest, &mut body, &mut caption, in_title, &mut title_text);
            break;
        };
        push_text(
            &rest[..lt],
            &mut body,
            &mut caption,
            in_title,
            &mut title_text,
        );
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break; // a broken tag at the end: the rest is not text
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        if name.is_empty() {
            continue;
        }
        if !closing && name == "title" {
            in_title = true;
            continue;
        }
        if closing && name == "title" {
            in_title = false;
            head.title
                .get_or_insert_with(|| decode_entities(title_text.trim()));
            continue;
        }
        if !closing {
            read_head_tag(&name, tag, &mut head);
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching close tag (case-insensitive); none: skip all.
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |i| {
                let after = &rest[i..];
                after.find('>').map_or("", |gt| &after[gt + 1..])
            });
            continue;
        }
        if name == "figcaption" {
            if closing {
                if let Some(text) = caption.take() {
                    let text = collapse_spaces(&decode_entities(&text));
                    if !text.is_empty() {
                        captions.push(text);
                    }
                }
            } else {
                caption = Some(String::new());
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            body.push('\n');
        }
    }
    let text = decode_entities(&body);
    let lines: Vec<String> = text
        .lines()
        .map(collapse_spaces)
        .filter(|l| !l.is_empty())
        .collect();
    let cleaned = noise::clean(&lines.join("\n"));
    let mut paragraphs = cleaned.paragraphs;
    // The page's <h1> usually repeats the <title>.
    if let (Some(title), Some(first)) = (&head.title, paragraphs.first()) {
        if title.contains(first.as_str()) || first.contains(title.as_str()) {
            paragraphs.remove(0);
        }
    }
    captions.extend(cleaned.captions);
    let date = head.published.as_deref().and_then(|value| {
        let date = parse_metadata_date(value);
        if date.is_none() {
            warnings.push(Error::BadDate {
                file: id.to_string(),
                line: line_of(html, value),
                value: value.to_string(),
            });
        }
        date
    });
    Article {
        id: id.to_string(),
        date,
        source: head.site,
        title: head.title.filter(|t| !t.is_empty()),
        url: head.url,
        text: paragraphs.join("\n\n"),
        captions,
        offset: 0,
    }
}

fn push_text(
    text: &str,
    body: &mut String,
    caption: &mut Option<String>,
    in_title: bool,
    title: &mut String,
) {
    if in_title {
        title.push_str(text);
    } else if let Some(caption) = caption {
        caption.push_str(text);
    } else {
        body.push_str(text);
    }
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Reads `<meta>`, `<link rel=canonical>` and `<time datetime>` into the head.
fn read_head_tag(name: &str, tag: &str, head: &mut Head) {
    match name {
        "meta" => {
            let key = attribute(tag, "property")
                .or_else(|| attribute(tag, "name"))
                .or_else(|| attribute(tag, "itemprop"))
                .map(|k| k.to_ascii_lowercase());
            let Some(content) = attribute(tag, "content") else {
                return;
            };
            match key.as_deref() {
                Some(
                    "article:published_time" | "datepublished" | "date" | "pubdate" | "dc.date",
                ) => {
                    head.published.get_or_insert(content);
                }
                Some("og:site_name") => {
                    head.site.get_or_insert(content);
                }
                Some("og:url") => {
                    head.url.get_or_insert(content);
                }
                Some("og:title") => {
                    head.title.get_or_insert(content);
                }
                _ => {}
            }
        }
        "link" if attribute(tag, "rel").as_deref() == Some("canonical") => {
            if let Some(href) = attribute(tag, "href") {
                head.url.get_or_insert(href);
            }
        }
        "time" => {
            if let Some(datetime) = attribute(tag, "datetime") {
                head.published.get_or_insert(datetime);
            }
        }
        _ => {}
    }
}

/// The value of `name="..."` (or single-quoted, or bare) in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let start = from + pos;
        from = start + name.len();
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - after.len() + 1;
        let value = tag[value_start..].trim_start();
        let decoded = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        };
        return Some(decode_entities(decoded.trim()));
    }
    None
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (0..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_of(html: &str, value: &str) -> usize {
    html.find(value)
        .map_or(1, |i| html[..i].matches('\n').count() + 1)
}

/// Decodes the named entities news pages use and all numeric ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| decode_entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Strikes hit Idlib &amp; Aleppo</title>
<meta property="article:published_time" content="2020-01-16T08:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.test/idlib">
<style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> Share</nav>
<h1>Strikes hit Idlib &amp; Aleppo</h1>
<!-- a comment <p>hidden</p> -->
<p>Air strikes killed 19 civilians in Idlib on Wednesday&#44; monitors said.</p>
<figure><img src="a.jpg"><figcaption>Smoke over Idlib on January 15. (Photo: AFP)</figcaption></figure>
<p>Rocket fire hit Aleppo &mdash; four were killed.<p>Unclosed <b>tags
</body></html>"#;

    #[test]
    fn reads_head_and_visible_text() {
        let mut warnings = Vec::new();
        let a = parse_html("page", PAGE, &mut warnings);
        assert!(warnings.is_empty());
        assert_eq!(a.title.as_deref(), Some("Strikes hit Idlib & Aleppo"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2020, 1, 16));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://news.test/idlib"));
        assert_eq!(
            a.text,
            "Air strikes killed 19 civilians in Idlib on Wednesday, monitors said.\n\nRocket fire hit Aleppo — four were killed.\n\nUnclosed tags"
        );
        assert_eq!(
            a.captions,
            vec!["Smoke over Idlib on January 15. (Photo: AFP)"]
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in [
            "<",
            "<p",
            "<!--",
            "<script>",
            "&#xFFFFFFFF;",
            "&",
            "<time datetime=\"x\">",
            "<<>>",
            "<p>é<",
        ] {
            let mut warnings = Vec::new();
            let _ = parse_html("x", html, &mut warnings);
        }
    }

    #[test]
    fn decodes_entities() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&#39;x&#x27;", "'x'"),
            ("&unknown; &", "&unknown; &"),
            ("&#0;", "&#0;"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode_entities(input), expected, "{input}");
        }
    }
}
