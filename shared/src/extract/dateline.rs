//! Datelines: "BEIRUT (Reuters) -", "DAMASCUS, Syria (AP) —", "AMMAN, Jan 5
//! (Reuters) -" say where the reporter filed from, not where anything
//! happened. They are blanked (same byte length, so every span stays put)
//! before places are looked for, so that a story filed from Beirut is not
//! an air strike in Beirut and does not pull the article toward Lebanon.

use std::borrow::Cow;

/// The text with each paragraph's dateline replaced by spaces.
pub fn mask_datelines(text: &str) -> Cow<'_, str> {
    let mut spans = Vec::new();
    // Each line on its own: searching the rest of the text from every line
    // would be quadratic in a long article.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(len) = dateline_at(line) {
            spans.push(start..start + len);
        }
        start += line.len();
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.extend(std::iter::repeat_n(' ', span.len()));
        at = span.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Bytes of the dateline that starts `line` (after spaces), through the
/// dash and the space after it.
fn dateline_at(line: &str) -> Option<usize> {
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[lead..];
    // The place runs to the first "(" or dash.
    let head_end = [
        rest.find('('),
        rest.find('—'),
        rest.find('–'),
        rest.find(" - "),
    ]
    .into_iter()
    .flatten()
    .min()?;
    let head = rest[..head_end].trim_end();
    if head.is_empty() || head.len() > 60 {
        return None;
    }
    let mut after = &rest[head_end..];
    let mut agency = false;
    if let Some(inner) = after.strip_prefix('(') {
        let close = inner.find(')')?;
        let name = &inner[..close];
        // "(Reuters)", "(AP)", "(Test Wire)": a short capitalised name.
        if name.is_empty()
            || name.len() > 30
            || !name
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
        {
            return None;
        }
        agency = true;
        after = inner[close + 1..].trim_start_matches(' ');
    }
    let tail = ['—', '–', '-']
        .iter()
        .find_map(|d| after.trim_start_matches(' ').strip_prefix(*d))?;
    if !tail.starts_with([' ', '\t']) {
        return None;
    }
    // Written as a dateline: every word of the place capitalised (or a
    // day's number: "AMMAN, Jan 5"), the city in capitals or an agency
    // after it ("Beirut (AFP) -").
    let words_ok = head.split(',').all(|part| {
        let n = part.split_whitespace().count();
        (1..=4).contains(&n)
            && part
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase) || w.bytes().all(|b| b.is_ascii_digit()))
    });
    let city = head.split(',').next().unwrap_or(head);
    let letters: Vec<char> = city.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    if !words_ok || !(capitals || agency) {
        return None;
    }
    Some(line.len() - tail.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_blanked_and_nothing_else() {
        // (paragraph, the text left after the dateline, or None when none)
        let cases = [
            (
                "BEIRUT (Reuters) - Air strikes hit Douma.",
                Some("Air strikes hit Douma."),
            ),
            (
                "DAMASCUS, Syria (AP) — Shelling resumed.",
                Some("Shelling resumed."),
            ),
            (
                "AMMAN, Jan 5 (Reuters) - Talks began.",
                Some("Talks began."),
            ),
            ("Beirut (AFP) – Rebels withdrew.", Some("Rebels withdrew.")),
            ("DEIR EZ-ZOR — Troops advanced.", Some("Troops advanced.")),
            ("  ISTANBUL - Officials said.", Some("Officials said.")),
            // Not datelines.
            ("Douma - the last rebel town - fell.", None),
            (
                "Air strikes (three of them) - witnesses said - hit Douma.",
                None,
            ),
            ("The Syrian army (SAA) - backed by Russia - advanced.", None),
            (
                "Rebels said on Monday - after a week of fighting - that they withdrew.",
                None,
            ),
            ("US - Russia talks failed.", None),
        ];
        for (text, left) in cases {
            let masked = mask_datelines(text);
            assert_eq!(masked.len(), text.len(), "{text}");
            match left {
                Some(left) => assert_eq!(masked.trim_start(), left, "{text}"),
                None => assert_eq!(masked, text, "{text}"),
            }
        }
        // Every paragraph, and the spans of the rest stay where they were.
        let text = "Title\n\nBEIRUT (Reuters) - Strikes hit Idlib.\nHAMA — Clashes.";
        let masked = mask_datelines(text);
        assert_eq!(masked.find("Idlib"), text.find("Idlib"));
        assert!(!masked.contains("BEIRUT") && !masked.contains("HAMA —"));
        assert!(masked.contains("Title") && masked.contains("Clashes."));
    }
}
