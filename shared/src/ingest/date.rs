//! Reading the publication date an input declares (metadata, not prose).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// Parses a metadata date: `2018-04-07`, an ISO 8601 timestamp
/// (`2018-04-07T10:00:00Z`), `2018/04/07`, `April 7, 2018`, `7 April 2018`.
/// Returns `None` for anything else, including impossible days (`2018-02-30`)
/// and years outside 1000..=9999 (chrono reads `+262142-12-31T00:00:00`, a
/// day whose neighbours overflow and which `YYYY-MM-DD` cannot write).
pub fn parse_metadata_date(value: &str) -> Option<NaiveDate> {
    parse_any(value).filter(|d| (1000..=9999).contains(&d.year()))
}

fn parse_any(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.len() >= 10 && value.is_char_boundary(10) {
        let head = &value[..10];
        for format in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(date) = NaiveDate::parse_from_str(head, format) {
                // "2018-04-07" or "2018-04-07T..." but not "2018-04-07abc".
                let rest = &value[10..];
                if rest.is_empty() || rest.starts_with(['T', ' ', 't']) {
                    return Some(date);
                }
            }
        }
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S") {
        return Some(dt.date());
    }
    for format in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(value, format) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_metadata_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let cases = [
            ("2018-04-07", d(2018, 4, 7)),
            ("2018-04-07T09:30:00Z", d(2018, 4, 7)),
            ("2018-04-07T09:30:00+03:00", d(2018, 4, 7)),
            ("2018-04-07 09:30", d(2018, 4, 7)),
            ("2016/09/24", d(2016, 9, 24)),
            ("April 7, 2018", d(2018, 4, 7)),
            ("Apr 7, 2018", d(2018, 4, 7)),
            ("7 April 2018", d(2018, 4, 7)),
            (" 2020-01-16 ", d(2020, 1, 16)),
            ("2018-02-30", None),
            ("yesterday", None),
            ("2018-04-07abc", None),
            ("", None),
            ("Ḩarastā", None),
            ("+262142-12-31T00:00:00", None),
            ("-0001-01-01T00:00:00", None),
            ("31 December 262142", None),
            ("0999-12-31", None),
            ("9999-12-31", d(9999, 12, 31)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_metadata_date(input), expected, "{input:?}");
        }
    }
}
