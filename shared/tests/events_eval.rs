//! Whole articles through the whole pipeline (extract → geocode → merge),
//! scored against the events a person coded from them as ACLED would.
//!
//! `data/events-dev.jsonl`, `data/events-dev-2.jsonl`: tuned against;
//! their misses are printed.
//! `data/events-heldout.jsonl`, `data/events-heldout-2.jsonl`: written
//! blind by someone who had not read the code or its data, never tuned
//! against; their tests print the counts only, never the articles or the
//! misses (do not work around that).
//! Each line is an article (`id`, publication `date`, `text`) and the
//! `events` it reports: `event_date`, `location`, `lat`, `lon`, `max_km`,
//! `event_type`, `sub_event_type`, `fatalities`.
//!
//! An expected event is **found** when an extracted event has its event
//! type, a date at most a day apart and a point within `max_km` (each
//! extracted event counts for one expected event at most). Reported:
//! recall (found / expected), the same ignoring the type, the sub-event
//! type and fatalities of the found ones, and precision (extracted events
//! that found one / all extracted, background events and meetings left
//! out). The tests
//! fail when a rate falls below what the pipeline achieved when the floor
//! was last set. Run with `-- --nocapture` to see the tables:
//!
//! ```sh
//! cargo test --release -p shared --test events_eval -- --nocapture
//! ```
//!
//! Without an index (`$EVENTMAP_INDEX`, else `target/eventmap/gazetteer.bin`)
//! the tests print a note and pass.

use chrono::NaiveDate;
use gazetteer::place::haversine_km;
use serde::Deserialize;
use shared::geocode::Geocoder;
use shared::pipeline::Pipeline;
use shared::{Article, Event, SubEventType};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Floors: the rates when last set, rounded down to 0.05. The first two
/// sets were written in session 16 by a helper who had not read the code
/// (25 articles each, 82 and 68 events); first run: dev recall 0.67 and
/// precision 0.63, held-out 0.51 and 0.52. The second dev set was written
/// the same way in session 17 (30 articles, 101 events, more sources and
/// styles: SANA, SOHR, OCHA, Kurdish, Lebanese and Iraqi agencies); first
/// run 0.60 and 0.56. The second held-out set was written blind in
/// session 17 (30 articles, 69 events, a third on Syria's neighbours)
/// after most of that session's fixes; first run 0.77 and 0.505 (0.71 and
/// 0.51 with the code as the session began). After the fixes the dev sets
/// asked for: dev 0.88 and 0.82, dev-2 0.86 and 0.78, held-out 0.647 and
/// 0.551, held-out-2 0.78 and 0.52.
const DEV_MIN_RECALL: f64 = 0.85;
const DEV_MIN_PRECISION: f64 = 0.80;
const DEV2_MIN_RECALL: f64 = 0.80;
const DEV2_MIN_PRECISION: f64 = 0.75;
const HELDOUT_MIN_RECALL: f64 = 0.60;
const HELDOUT_MIN_PRECISION: f64 = 0.55;
const HELDOUT2_MIN_RECALL: f64 = 0.75;
const HELDOUT2_MIN_PRECISION: f64 = 0.50;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The pipeline as the command line runs it (merging on), or `None` (with
/// a note) when there is no index.
fn pipeline() -> Option<&'static Pipeline> {
    static PIPELINE: OnceLock<Option<Pipeline>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| {
            let path = std::env::var_os(gazetteer::load::INDEX_ENV)
                .map(PathBuf::from)
                .unwrap_or_else(|| root().join("target/eventmap/gazetteer.bin"));
            let bytes = std::fs::read(&path)
                .map_err(|e| println!("events_eval skipped: no index at {} ({e})", path.display()))
                .ok()?;
            let gazetteer = gazetteer::Gazetteer::from_bytes(&bytes, &path.display().to_string())
                .map_err(|e| println!("events_eval skipped: {e}"))
                .ok()?;
            Some(Pipeline::new(Geocoder::new(gazetteer)).with_merge(true))
        })
        .as_ref()
}

#[derive(Deserialize)]
struct Coded {
    id: String,
    date: NaiveDate,
    text: String,
    events: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    event_date: NaiveDate,
    location: String,
    lat: f64,
    lon: f64,
    max_km: f64,
    event_type: String,
    sub_event_type: String,
    fatalities: Option<u32>,
}

fn coded(file: &str) -> Vec<Coded> {
    let path = root().join("shared/tests/data").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1)))
        .collect()
}

fn event_date(e: &Event) -> Option<NaiveDate> {
    e.properties
        .event_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Whether `got` is the event `want` ignoring its type: a day apart at
/// most, within `max_km`.
fn same_place_and_day(want: &Expected, got: &Event) -> bool {
    event_date(got).is_some_and(|d| (d - want.event_date).num_days().abs() <= 1)
        && haversine_km(want.lat, want.lon, got.latitude, got.longitude) <= want.max_km
}

fn same_event(want: &Expected, got: &Event) -> bool {
    same_place_and_day(want, got) && got.properties.event_type.label() == want.event_type
}

/// Each expected event's match among `events` (one each, in order): of
/// those that match, one of its sub-event type first, then one not
/// background, then the first.
fn pair(
    expected: &[Expected],
    events: &[Event],
    same: fn(&Expected, &Event) -> bool,
) -> Vec<Option<usize>> {
    let mut used = vec![false; events.len()];
    expected
        .iter()
        .map(|w| {
            let j = (0..events.len())
                .filter(|&j| !used[j] && same(w, &events[j]))
                .min_by_key(|&j| {
                    let p = &events[j].properties;
                    (
                        p.sub_event_type.label() != w.sub_event_type,
                        p.background,
                        j,
                    )
                })?;
            used[j] = true;
            Some(j)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    found_ignoring_type: usize,
    sub_type_right: usize,
    with_toll: usize,
    toll_right: usize,
    extracted: usize,
    extracted_matched: usize,
}

impl Tally {
    fn rate(n: usize, of: usize) -> f64 {
        if of == 0 {
            1.0
        } else {
            n as f64 / of as f64
        }
    }
    fn recall(&self) -> f64 {
        Self::rate(self.found, self.expected)
    }
    fn precision(&self) -> f64 {
        Self::rate(self.extracted_matched, self.extracted)
    }
}

/// One line for an extracted event, with the start of the sentence it was
/// read from.
fn describe(e: &Event) -> String {
    let p = &e.properties;
    let said: String = p.notes.chars().take(110).collect();
    format!(
        "{} {} / {} at {} ({:.3}, {:.3}) fatalities {:?}{}\n          from: {said}",
        p.event_date.as_deref().unwrap_or("undated"),
        p.event_type.label(),
        p.sub_event_type.label(),
        p.location,
        e.latitude,
        e.longitude,
        p.fatalities,
        if p.background { " [background]" } else { "" }
    )
}

/// Scores one file and holds it to its floors; `shown`: print the misses.
fn check(file: &str, min_recall: f64, min_precision: f64, shown: bool) {
    let Some(pipeline) = pipeline() else { return };
    let articles = coded(file);
    assert!(
        articles.len() >= 20,
        "{file}: only {} articles",
        articles.len()
    );
    let mut all = Tally::default();
    let mut by_type: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = String::new();
    for a in &articles {
        let article = Article {
            id: a.id.clone(),
            date: Some(a.date),
            text: a.text.clone(),
            ..Article::default()
        };
        let events = pipeline.extract(&[article]).events;
        let found = pair(&a.events, &events, same_event);
        let placed = pair(&a.events, &events, same_place_and_day);
        let mut article_misses = String::new();
        for (k, want) in a.events.iter().enumerate() {
            let t = by_type.entry(want.event_type.clone()).or_default();
            for t in [&mut all, t] {
                t.expected += 1;
                t.found_ignoring_type += placed[k].is_some() as usize;
                if let Some(j) = found[k] {
                    let got = &events[j].properties;
                    t.found += 1;
                    t.sub_type_right +=
                        (got.sub_event_type.label() == want.sub_event_type) as usize;
                    if let Some(n) = want.fatalities {
                        t.with_toll += 1;
                        t.toll_right += (got.fatalities.unwrap_or(0) == n) as usize;
                    }
                }
            }
            let wrong_detail = found[k].map(|j| &events[j]).filter(|got| {
                got.properties.sub_event_type.label() != want.sub_event_type
                    || want
                        .fatalities
                        .is_some_and(|n| got.properties.fatalities.unwrap_or(0) != n)
            });
            if found[k].is_none() || wrong_detail.is_some() {
                writeln!(
                    article_misses,
                    "    {} {}: {} / {} at {:?} fatalities {:?}{}",
                    if found[k].is_none() {
                        "MISSED"
                    } else {
                        "DETAIL"
                    },
                    want.event_date,
                    want.event_type,
                    want.sub_event_type,
                    want.location,
                    want.fatalities,
                    wrong_detail
                        .map(|g| format!("\n        got {}", describe(g)))
                        .unwrap_or_default()
                )
                .unwrap();
            }
        }
        for (j, e) in events.iter().enumerate() {
            // Background events are flagged as such; meetings and talks are
            // kept as Strategic developments / Other by design (issue 5:
            // "the Geneva meeting"), while the coders were asked to code
            // what ACLED codes, which leaves them out.
            if e.properties.background || e.properties.sub_event_type == SubEventType::Other {
                continue;
            }
            let matched = found.contains(&Some(j));
            all.extracted += 1;
            all.extracted_matched += matched as usize;
            if !matched {
                writeln!(article_misses, "    EXTRA  {}", describe(e)).unwrap();
            }
        }
        if !article_misses.is_empty() {
            writeln!(misses, "  {} ({}):\n{article_misses}", a.id, a.date).unwrap();
        }
    }
    println!("\n{file}: {} articles", articles.len());
    println!(
        "{:<28} {:>8} {:>6} {:>7} {:>12} {:>9} {:>9}",
        "event type", "expected", "found", "recall", "place+day", "sub-type", "toll"
    );
    for (name, t) in by_type.iter().chain([(&"ALL".to_string(), &all)]) {
        println!(
            "{:<28} {:>8} {:>6} {:>7.2} {:>12} {:>9} {:>9}",
            name,
            t.expected,
            t.found,
            t.recall(),
            t.found_ignoring_type,
            format!("{}/{}", t.sub_type_right, t.found),
            format!("{}/{}", t.toll_right, t.with_toll),
        );
    }
    println!(
        "precision: {} of {} extracted events (background and meetings left out) are coded ones: {:.2} (floor {min_precision:.2}); recall {:.2} (floor {min_recall:.2})",
        all.extracted_matched,
        all.extracted,
        all.precision(),
        all.recall()
    );
    if shown {
        println!("misses, wrong details and extra events:\n{misses}");
    }
    assert!(
        all.recall() >= min_recall,
        "{file}: recall {:.2} below the floor {min_recall:.2}",
        all.recall()
    );
    assert!(
        all.precision() >= min_precision,
        "{file}: precision {:.2} below the floor {min_precision:.2}",
        all.precision()
    );
}

/// The dev set: tuned against, misses shown.
#[test]
fn dev_articles_give_their_events() {
    check("events-dev.jsonl", DEV_MIN_RECALL, DEV_MIN_PRECISION, true);
}

/// The second dev set: tuned against, misses shown.
#[test]
fn second_dev_articles_give_their_events() {
    check(
        "events-dev-2.jsonl",
        DEV2_MIN_RECALL,
        DEV2_MIN_PRECISION,
        true,
    );
}

/// The second held-out set: counted, never shown.
#[test]
fn second_heldout_articles_give_their_events() {
    check(
        "events-heldout-2.jsonl",
        HELDOUT2_MIN_RECALL,
        HELDOUT2_MIN_PRECISION,
        false,
    );
}

/// The held-out set: counted, never shown.
#[test]
fn heldout_articles_give_their_events() {
    check(
        "events-heldout.jsonl",
        HELDOUT_MIN_RECALL,
        HELDOUT_MIN_PRECISION,
        false,
    );
}
