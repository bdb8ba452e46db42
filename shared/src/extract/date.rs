//! Event dates from what a sentence says, anchored on the article's day.
//!
//! "on Thursday" is the last Thursday on or before the article date;
//! "yesterday", "overnight", "last night", "a day earlier", "the day
//! before" the day before; "two days ago" two days before; "on April 6" and
//! "November 28, 2016" that day; "earlier this week", "last week", "over the
//! weekend" are precision 2; "last month", "mid-February" precision 3.
//! Nothing here guesses: no article date and no full date in the text gives
//! no date.

use super::tokens::Token;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A date read from a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateMention {
    pub date: NaiveDate,
    /// 1 = that day; 2 = within a week; 3 = within the month.
    pub precision: u8,
    /// Byte offset in the sentence.
    pub at: usize,
    /// "since mid-February", "in 2012": a span of earlier time, the mark of
    /// a background summary rather than a new event.
    pub since: bool,
}

/// Month names, as read in dates (also never places on their own).
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTHS_SHORT: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| MONTHS_SHORT.iter().position(|m| *m == word))
        .map(|i| i as u32 + 1)
}

/// Weekday names, Monday first (also never places on their own).
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn weekday_of(word: &str) -> Option<Weekday> {
    let index = WEEKDAYS.iter().position(|d| *d == word)?;
    Weekday::try_from(index as u8).ok()
}

/// The last `weekday` on or before `anchor` (`None` only at the edge of
/// the calendar chrono can represent).
pub fn last_weekday(anchor: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = (anchor.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
    anchor.checked_sub_signed(Duration::days(back as i64))
}

/// Every date expression in a sentence, in order. `article_date` anchors
/// relative words; without it only dates with a year are read.
pub fn find_dates(tokens: &[Token], article_date: Option<NaiveDate>) -> Vec<DateMention> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut found = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let at = tokens[k].span.start;
        let since =
            k > 0 && matches!(words[k - 1], "since" | "from") || k > 1 && words[k - 2] == "since";
        if let Some((mention, used)) = read_at(&words, k, article_date) {
            found.push(DateMention {
                at,
                since: since || mention.since,
                ..mention
            });
            k += used.max(1);
        } else {
            k += 1;
        }
    }
    found
}

fn read_at(words: &[&str], k: usize, anchor: Option<NaiveDate>) -> Option<(DateMention, usize)> {
    let word = words[k];
    let next = words.get(k + 1).copied();
    let mention = |date, precision| DateMention {
        date,
        precision,
        at: 0,
        since: false,
    };
    // Absolute: "November 28, 2016", "28 November 2016", "April 6".
    if let Some(month) =
        month_of(word).filter(|_| word != "may" || next.is_some_and(|n| n.parse::<u32>().is_ok()))
    {
        if word.len() < 3 {
            return None;
        }
        if let Some(day) = next
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
        {
            let year = words.get(k + 2).and_then(|y| parse_year(y));
            return full_date(year, month, day, anchor)
                .map(|d| (mention(d, 1), if year.is_some() { 3 } else { 2 }));
        }
        // "in February 2018", "in February": the month.
        if k > 0
            && matches!(
                words[k - 1],
                "in" | "since" | "mid" | "early" | "late" | "until"
            )
        {
            let year = next.and_then(parse_year);
            let day = match words[k - 1] {
                "early" => 5,
                "late" => 25,
                _ => 15,
            };
            return full_date(year, month, day, anchor)
                .map(|d| (mention(d, 3), if year.is_some() { 2 } else { 1 }));
        }
        return None;
    }
    if let Some(day) = word.parse::<u32>().ok().filter(|d| (1..=31).contains(d)) {
        if let Some(month) = next
            .and_then(month_of)
            .filter(|_| next.is_some_and(|n| n.len() >= 3))
        {
            let year = words.get(k + 2).and_then(|y| parse_year(y));
            return full_date(year, month, day, anchor)
                .map(|d| (mention(d, 1), if year.is_some() { 3 } else { 2 }));
        }
        return None;
    }
    // "mid-February", "early-March"
    if let Some((part, month)) = word.split_once('-') {
        if let (Some(day), Some(month)) = (
            match part {
                "mid" => Some(15),
                "early" => Some(5),
                "late" => Some(25),
                _ => None,
            },
            month_of(month),
        ) {
            let year = next.and_then(parse_year);
            return full_date(year, month, day, anchor)
                .map(|d| (mention(d, 3), if year.is_some() { 2 } else { 1 }));
        }
    }
    // "in 2012", "since 2011": a year alone is background, not an event day.
    if let Some(year) = parse_year(word) {
        if k > 0 && matches!(words[k - 1], "in" | "since") {
            let date = NaiveDate::from_ymd_opt(year, 7, 1)?;
            return Some((
                DateMention {
                    date,
                    precision: 3,
                    at: 0,
                    since: true,
                },
                1,
            ));
        }
        return None;
    }
    let anchor = anchor?;
    // Checked: an article may carry any date chrono accepts, even its last day.
    let days = |n: i64| anchor.checked_sub_signed(Duration::days(n));
    if let Some(weekday) = weekday_of(word) {
        let mut date = last_weekday(anchor, weekday)?;
        if k > 0 && words[k - 1] == "last" && date == anchor {
            date = days(7)?;
        }
        return Some((mention(date, 1), 1));
    }
    let two = |w: &str| next == Some(w);
    let after = |w: &str| words.get(k + 2).copied() == Some(w);
    Some(match word {
        "yesterday" | "overnight" => (mention(days(1)?, 1), 1),
        "today" | "tonight" => (mention(anchor, 1), 1),
        "last" if two("night") => (mention(days(1)?, 1), 2),
        "this" if two("morning") || two("afternoon") || two("evening") => (mention(anchor, 1), 2),
        "last" if two("week") => (mention(days(7)?, 2), 2),
        "this" if two("week") => (mention(days(2)?, 2), 2),
        "earlier" if two("this") && after("week") => (mention(days(3)?, 2), 3),
        "the" if two("weekend") => (mention(last_weekday(anchor, Weekday::Sat)?, 2), 2),
        "past" if (two("few") && after("days")) || two("week") => (mention(days(3)?, 2), 2),
        "recent" if two("days") => (mention(days(3)?, 2), 2),
        "last" if two("month") => {
            let first = anchor.with_day(1)?.pred_opt()?;
            (mention(first.with_day(15)?, 3), 2)
        }
        "this" | "earlier" if two("month") || (two("this") && after("month")) => {
            (mention(anchor.with_day(15.min(anchor.day()))?, 3), 2)
        }
        "recent" if two("weeks") => (mention(days(14)?, 3), 2),
        // "a day earlier", "the day before", "the previous day": told
        // after the day of the report's events, most often the day before
        // the article's.
        "a" | "the" if two("day") && (after("earlier") || after("before")) => {
            (mention(days(1)?, 1), 3)
        }
        "the" if two("previous") && after("day") => (mention(days(1)?, 1), 3),
        "a" if two("week") && after("ago") => (mention(days(7)?, 2), 3),
        "a" | "one" if two("month") && after("ago") => (mention(days(30)?, 3), 3),
        // "two days ago", "3 days ago".
        _ if two("days") && after("ago") => {
            let n = super::number::read_number(&words[k..k + 1])?.value;
            (mention(days(n.min(31) as i64)?, 1), 3)
        }
        _ => return None,
    })
}

fn parse_year(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok()?;
    (word.len() == 4 && (1950..=2100).contains(&year)).then_some(year)
}

/// A day in a given or implied year: without a year, the article's year,
/// or the year before when that would put it after the article.
fn full_date(
    year: Option<i32>,
    month: u32,
    day: u32,
    anchor: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => {
            let anchor = anchor?;
            let date = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
            if anchor.succ_opt().is_some_and(|next| date > next) {
                NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
            } else {
                Some(date)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// (date, precision, since) of the first date mention.
    type Read = Option<(String, u8, bool)>;

    fn first(sentence: &str, anchor: &str) -> Read {
        let anchor = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        find_dates(&tokenize(sentence), anchor)
            .first()
            .map(|m| (m.date.to_string(), m.precision, m.since))
    }

    #[test]
    fn reads_date_expressions() {
        let d = |s: &str, p: u8| Some((s.to_string(), p, false));
        let cases: &[(&str, &str, Read)] = &[
            (
                "Forces pushed into the town on Friday.",
                "2018-04-06",
                d("2018-04-06", 1),
            ),
            (
                "Clashes broke out around midnight on Wednesday.",
                "2020-01-16",
                d("2020-01-15", 1),
            ),
            (
                "A convoy was attacked on Monday.",
                "2016-09-24",
                d("2016-09-19", 1),
            ),
            ("Thursday's failed talks.", "2016-09-24", d("2016-09-22", 1)),
            (
                "The ceasefire announced on Sunday.",
                "2020-01-16",
                d("2020-01-12", 1),
            ),
            (
                "Bases were damaged in bombing yesterday.",
                "2016-09-24",
                d("2016-09-23", 1),
            ),
            (
                "Heaviest bombardment in months overnight.",
                "2016-09-24",
                d("2016-09-23", 1),
            ),
            (
                "Warplanes pounded the districts today.",
                "2016-12-09",
                d("2016-12-09", 1),
            ),
            (
                "Shelling continued last night.",
                "2016-12-09",
                d("2016-12-08", 1),
            ),
            (
                "The day before, a rocket slammed into a market.",
                "2018-03-22",
                d("2018-03-21", 1),
            ),
            (
                "A day earlier, troops took the village.",
                "2018-03-22",
                d("2018-03-21", 1),
            ),
            (
                "Two days ago, a drone hit a car.",
                "2018-03-22",
                d("2018-03-20", 1),
            ),
            (
                "A month ago, the town fell.",
                "2018-03-22",
                d("2018-02-20", 3),
            ),
            (
                "Moscow announced a deal on April 1.",
                "2018-04-07",
                d("2018-04-01", 1),
            ),
            (
                "Seen on November 28, 2016, during the assault.",
                "2016-12-09",
                d("2016-11-28", 1),
            ),
            ("It happened on 6 April.", "2018-04-07", d("2018-04-06", 1)),
            ("A strike on December 30.", "2018-01-02", d("2017-12-30", 1)),
            (
                "Evacuated under deals last month.",
                "2018-04-07",
                d("2018-03-15", 3),
            ),
            (
                "Civilians left earlier this week.",
                "2016-09-24",
                d("2016-09-21", 2),
            ),
            (
                "Fighting over the past few days.",
                "2016-09-24",
                d("2016-09-21", 2),
            ),
            (
                "Forces captured districts over the weekend.",
                "2016-11-28",
                d("2016-11-26", 2),
            ),
            (
                "An offensive in mid-February.",
                "2018-04-07",
                d("2018-02-15", 3),
            ),
            (
                "The assault began in mid-November.",
                "2016-12-09",
                d("2016-11-15", 3),
            ),
            (
                "Encircled since mid-July.",
                "2016-12-09",
                Some(("2016-07-15".into(), 3, true)),
            ),
            (
                "Out of government control since 2012.",
                "2018-04-07",
                Some(("2012-07-01".into(), 3, true)),
            ),
            ("Nothing dated here.", "2018-04-07", None),
            ("She may go.", "2018-04-07", None),
        ];
        for (sentence, anchor, expected) in cases {
            assert_eq!(&first(sentence, anchor), expected, "{sentence}");
        }
    }

    #[test]
    fn dates_at_the_edge_of_the_calendar_never_panic() {
        for anchor in [NaiveDate::MIN, NaiveDate::MAX] {
            let sentence = "Strikes yesterday, on Friday, last week, last month, over the weekend, on 5 March, in mid-June.";
            let _ = find_dates(&tokenize(sentence), Some(anchor));
        }
    }

    #[test]
    fn without_an_article_date_only_full_dates_are_read() {
        assert_eq!(first("Strikes on Friday.", "none"), None);
        assert_eq!(first("On April 6 strikes.", "none"), None);
        assert_eq!(
            first("On November 28, 2016, strikes.", "none"),
            Some(("2016-11-28".into(), 1, false))
        );
    }
}
