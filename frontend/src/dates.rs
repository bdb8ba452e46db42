//! Day numbers (days since 1970-01-01) for the time slider, and ranges in words.

use chrono::{Datelike, Duration, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
}

/// The day number of a `YYYY-MM-DD` date.
pub fn parse_day(text: &str) -> Option<i32> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(day_of)
}

/// The day number of a date.
pub fn day_of(date: NaiveDate) -> i32 {
    (date - epoch()).num_days() as i32
}

/// The date of a day number.
pub fn date_of(day: i32) -> NaiveDate {
    epoch() + Duration::days(i64::from(day))
}

/// `YYYY-MM-DD` of a day number.
pub fn iso(day: i32) -> String {
    date_of(day).format("%Y-%m-%d").to_string()
}

/// First and last day of the month holding `day`.
pub fn month_of(day: i32) -> (i32, i32) {
    let d = date_of(day);
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("valid date");
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    }
    .expect("valid date");
    (day_of(first), day_of(next) - 1)
}

/// Moves a day by whole months, keeping it on the first of its month.
pub fn add_months(day: i32, months: i32) -> i32 {
    let d = date_of(day);
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    day_of(NaiveDate::from_ymd_opt(y, m, 1).expect("valid date"))
}

/// A day in words: "6 April 2018".
pub fn day_words(day: i32) -> String {
    let d = date_of(day);
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A range of days in words, as short as is clear: "6 April 2018",
/// "6–12 April 2018", "28 March – 3 April 2018",
/// "30 December 2017 – 5 January 2018".
pub fn range_words(start: i32, end: i32) -> String {
    let (a, b) = (date_of(start.min(end)), date_of(start.max(end)));
    if a == b {
        return day_words(start);
    }
    let month = |d: NaiveDate| MONTHS[d.month0() as usize];
    if a.year() == b.year() && a.month() == b.month() {
        format!("{}–{} {} {}", a.day(), b.day(), month(b), b.year())
    } else if a.year() == b.year() {
        format!(
            "{} {} – {} {} {}",
            a.day(),
            month(a),
            b.day(),
            month(b),
            b.year()
        )
    } else {
        format!("{} – {}", day_words(day_of(a)), day_words(day_of(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        let d = parse_day("2018-04-06").unwrap();
        assert_eq!(iso(d), "2018-04-06");
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2018-02-30"), None);
    }

    #[test]
    fn ranges_in_words() {
        let d = |s| parse_day(s).unwrap();
        let cases = [
            ("2018-04-06", "2018-04-06", "6 April 2018"),
            ("2018-04-06", "2018-04-12", "6–12 April 2018"),
            ("2018-03-28", "2018-04-03", "28 March – 3 April 2018"),
            (
                "2017-12-30",
                "2018-01-05",
                "30 December 2017 – 5 January 2018",
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(range_words(d(a), d(b)), want, "{a}..{b}");
        }
    }

    #[test]
    fn months() {
        let d = |s| parse_day(s).unwrap();
        assert_eq!(
            month_of(d("2016-02-10")),
            (d("2016-02-01"), d("2016-02-29"))
        );
        assert_eq!(
            month_of(d("2018-12-31")),
            (d("2018-12-01"), d("2018-12-31"))
        );
        assert_eq!(add_months(d("2018-12-15"), 1), d("2019-01-01"));
        assert_eq!(add_months(d("2018-01-15"), -1), d("2017-12-01"));
    }
}
