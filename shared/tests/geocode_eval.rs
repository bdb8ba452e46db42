//! Geocoding accuracy on reporting-style sentences the geocoder was not
//! tuned on (issue 4: place 9 events in 10 within 10 km of the truth).
//!
//! `data/geocode-eval.tsv`: one sentence a row in the style of wire reporting
//! on the Syrian war (and Iraq, Lebanon, Turkey's border, foreign capitals),
//! the place the event happened at as written (`expected_mention`), its true
//! coordinates from public knowledge (`source` names where, never our own
//! gazetteer files), the distance that counts as right (`max_km`: 10, 40
//! for a governorate) and a `case` tag (spelling-variant, same-name,
//! relative, province-before-village, longer-name, group-name-not-place,
//! metonymy, adjective, district, camp, crossing, foreign, common-word).
//! `data/geocode-eval-2.tsv`: a second dev set in the same format, weighted
//! toward the weak cases (city districts, same-name places, camps and
//! crossings, spelling variants).
//! `data/geocode-eval-negative.txt`: sentences in which nothing must be
//! placed.
//! `data/geocode-eval-3.tsv`: districts of the big cities, camps and
//! crossings on both sides of the borders. `data/geocode-eval-4.tsv`: the
//! held-out set of sessions 9 to 11; its misses were read in session 11, so
//! it is a dev set now. `data/geocode-spellings.tsv`: press spellings of 138
//! towns, each written several ways.
//! `data/geocode-heldout-2.tsv` and `data/geocode-heldout-2-negative.txt`:
//! the held-out sets, written without running the geocoder by someone who
//! had not read its code or data. The geocoder is never tuned against them,
//! so their rates show whether improvements generalise; their test prints
//! the per-case table only, never the misses (do not work around that).
//!
//! Only `Geocoder::resolve_text` runs (no event extraction). The mention
//! judged is the one whose text is `expected_mention`, else the one
//! overlapping where `expected_mention` is written. The tests print a table
//! per case tag and every miss, and fail when the rate falls below what the
//! geocoder achieved when the floor was last set (a regression guard; the
//! goal is printed beside it). Run with `-- --nocapture` to see the table:
//!
//! ```sh
//! EVENTMAP_INDEX=target/eventmap/gazetteer.bin \
//!   cargo test -p shared --test geocode_eval -- --nocapture
//! ```
//!
//! Without an index (`$EVENTMAP_INDEX`, else `target/eventmap/gazetteer.bin`;
//! `eventmap gazetteer build` writes it) the tests print a note and pass.

use gazetteer::place::haversine_km;
use shared::geocode::{Geocoder, PlaceMention};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Share of rows placed within `max_km` the geocoder must keep: the rate it
/// achieved when this was last set, rounded down to 0.05. Raise it when the
/// geocoder improves.
const MIN_RATE: f64 = 0.95;
/// Issue 4's goal.
const GOAL_RATE: f64 = 0.90;
/// The floor for the held-out set (`geocode-heldout-2.tsv`, written in
/// session 11 without running the geocoder, never looked at while tuning):
/// 196/207 (0.95) when first run; one step below, as its truth coordinates
/// are partly from memory.
const HELDOUT_MIN_RATE: f64 = 0.90;
/// The floor for the second dev set (`geocode-eval-2.tsv`: districts of
/// the big cities, same-name places, camps and crossings, spelling
/// variants, the cases weakest on the first set): 0.88 when written, 0.96
/// after the fixes its misses suggested; rounded down to 0.05.
const DEV2_MIN_RATE: f64 = 0.95;

/// Floor for the fourth dev set (`geocode-eval-4.tsv`, held out until
/// session 11: 0.83 at the end of session 10, 0.95 after its misses were
/// read and fixed; 0.98 in session 15).
const DEV4_MIN_RATE: f64 = 0.95;
/// Floor for the third dev set (`geocode-eval-3.tsv`): 0.34 when written,
/// 0.94 after the curated districts, camps and crossings it asked for;
/// 1.00 in session 15.
const DEV3_MIN_RATE: f64 = 0.95;
/// Floor for the fifth dev set (`geocode-eval-5.tsv`, written blind in
/// session 15 by a helper who had not read the geocoder: 2024-25 events,
/// small towns, facilities): 155/160 (0.97) when first run, unseen; 160
/// after the fixes its misses suggested.
const DEV5_MIN_RATE: f64 = 0.95;
/// Most of its negative sentences allowed to get a place (8 of 40 when
/// first run, 0 after).
const DEV5_MAX_NEGATIVE_PLACED: usize = 0;
/// Floor for the third held-out set (`geocode-heldout-3.tsv`: paragraphs
/// written blind in session 15 by a helper who had not read the geocoder
/// or the other sets; never tuned against, misses never shown).
/// 145/150 (0.97) when first run; one step below, as its truth
/// coordinates are from memory.
const HELDOUT3_MIN_RATE: f64 = 0.90;
/// Most of its negative paragraphs allowed to get a place (6 of 40 when
/// first run, 2 after rules from probes of my own on the kinds of trap its
/// writer named).
const HELDOUT3_MAX_NEGATIVE_PLACED: usize = 2;
/// Floor for the fourth held-out set (`geocode-heldout-4.tsv`: paragraphs
/// written blind in session 16, weighted to Iraq, the Turkish and Jordanian
/// borders, Lebanon and Syria's edges; never tuned against, misses never
/// shown). 146/150 (0.97) when first run; one step below, as its truth
/// coordinates are partly from memory.
const HELDOUT4_MIN_RATE: f64 = 0.90;
/// Most of its negative paragraphs allowed to get a place (9 of 40 when
/// first run; 5 after the English given names that are places, found with
/// probes of my own on the kinds of trap its writer named).
const HELDOUT4_MAX_NEGATIVE_PLACED: usize = 5;
/// Floor for the spellings set (`geocode-spellings.tsv`): 0.88 when
/// written, 0.94 after trusting long loose spellings of home-country towns
/// and re-matching names after "on Tel"; 0.97 in session 15.
const SPELLINGS_MIN_RATE: f64 = 0.95;
/// Most negative sentences allowed to get any place (the count when last
/// set; the goal is 0).
const MAX_NEGATIVE_PLACED: usize = 0;
/// The same for the held-out negative sentences (11 of 50 when first run,
/// 5 after the person-name rules).
const HELDOUT_MAX_NEGATIVE_PLACED: usize = 5;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The index as the command line finds it, or `None` (with a note) when
/// there is none or it cannot be read.
fn geocoder() -> Option<&'static Geocoder> {
    static GEOCODER: OnceLock<Option<Geocoder>> = OnceLock::new();
    GEOCODER
        .get_or_init(|| {
            let path = std::env::var_os(gazetteer::load::INDEX_ENV)
                .map(PathBuf::from)
                .unwrap_or_else(|| root().join("target/eventmap/gazetteer.bin"));
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    println!(
                        "geocode_eval skipped: no index at {} ({e}); set {} or run `eventmap gazetteer build`",
                        path.display(),
                        gazetteer::load::INDEX_ENV
                    );
                    return None;
                }
            };
            match gazetteer::Gazetteer::from_bytes(&bytes, &path.display().to_string()) {
                Ok(g) => Some(Geocoder::new(g)),
                Err(e) => {
                    println!(
                        "geocode_eval skipped: cannot read {} ({e}); rebuild it with `eventmap gazetteer build`",
                        path.display()
                    );
                    None
                }
            }
        })
        .as_ref()
}

/// One row of `geocode-eval.tsv` or `geocode-heldout.tsv`.
struct Row {
    line: usize,
    sentence: String,
    expected: String,
    lat: f64,
    lon: f64,
    max_km: f64,
    case: String,
}

fn rows(file: &str) -> Vec<Row> {
    let path = root().join("shared/tests/data").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("header");
    assert_eq!(
        header,
        "sentence\texpected_mention\tlat\tlon\tmax_km\tcase\tsource"
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "line {}: {} fields", i + 1, f.len());
            let num = |s: &str| -> f64 {
                s.parse()
                    .unwrap_or_else(|_| panic!("line {}: not a number: {s:?}", i + 1))
            };
            assert!(!f[6].trim().is_empty(), "line {}: no source", i + 1);
            Row {
                line: i + 1,
                sentence: f[0].to_string(),
                expected: f[1].to_string(),
                lat: num(f[2]),
                lon: num(f[3]),
                max_km: num(f[4]),
                case: f[5].to_string(),
            }
        })
        .collect()
}

/// Byte range of `needle` in `hay`, ASCII case-insensitively.
fn find_ci(hay: &str, needle: &str) -> Option<Range<usize>> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .find(|&i| hay.is_char_boundary(i) && h[i..i + n.len()].eq_ignore_ascii_case(n))
        .map(|i| i..i + n.len())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The mention judged for a row: same text at the expected place, else any
/// mention overlapping it (by name, then by phrase).
fn judged<'m>(mentions: &'m [PlaceMention], row: &Row) -> Option<&'m PlaceMention> {
    let at = find_ci(&row.sentence, &row.expected)
        .unwrap_or_else(|| panic!("line {}: {:?} not in the sentence", row.line, row.expected));
    mentions
        .iter()
        .find(|m| overlaps(&m.span, &at) && m.place_mention.eq_ignore_ascii_case(&row.expected))
        .or_else(|| mentions.iter().find(|m| overlaps(&m.span, &at)))
        .or_else(|| mentions.iter().find(|m| overlaps(&m.phrase_span, &at)))
}

fn describe(m: &PlaceMention) -> String {
    format!("{:?} -> {}", m.place_mention, m.place)
}

#[derive(Default)]
struct Tally {
    rows: usize,
    hits: usize,
}

/// Places every row, prints the per-case table, the misses and the names
/// placed where none should be, and returns the share placed within
/// `max_km` with the misses.
fn score(geocoder: &Geocoder, name: &str, rows: &[Row], floor: f64, seen: Seen) -> (f64, String) {
    let mut by_case: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses = String::new();
    let mut strays = String::new();
    let mut hits = 0;
    for row in rows {
        let resolved = geocoder.resolve_text(&row.sentence);
        let judged = judged(&resolved.mentions, row);
        let km = judged.map(|m| haversine_km(m.place.lat, m.place.lon, row.lat, row.lon));
        let hit = km.is_some_and(|km| km <= row.max_km);
        let tally = by_case.entry(&row.case).or_default();
        tally.rows += 1;
        if hit {
            tally.hits += 1;
            hits += 1;
        } else {
            let chosen = match (judged, km) {
                (Some(m), Some(km)) => format!("{}, {km:.0} km off", describe(m)),
                _ => {
                    let others: Vec<String> = resolved.mentions.iter().map(describe).collect();
                    format!(
                        "not placed (mentions: {}; unresolved: {:?})",
                        if others.is_empty() {
                            "none".to_string()
                        } else {
                            others.join(" | ")
                        },
                        resolved
                            .unresolved
                            .iter()
                            .map(|u| u.text.as_str())
                            .collect::<Vec<_>>()
                    )
                }
            };
            writeln!(
                misses,
                "  [{}] line {}: {:?} in {:?}\n      truth {:.3},{:.3} (max {} km); chosen {chosen}",
                row.case, row.line, row.expected, row.sentence, row.lat, row.lon, row.max_km
            )
            .unwrap();
        }
        // Names that must not be places (groups, capitals as actors,
        // adjectives): report any other mention placed far from the truth.
        if matches!(
            row.case.as_str(),
            "group-name-not-place" | "metonymy" | "adjective"
        ) {
            for m in &resolved.mentions {
                let is_judged = judged.is_some_and(|j| j.span == m.span);
                let km = haversine_km(m.place.lat, m.place.lon, row.lat, row.lon);
                if !is_judged && km > row.max_km {
                    writeln!(
                        strays,
                        "  [{}] line {}: also placed {} ({km:.0} km from the event)",
                        row.case,
                        row.line,
                        describe(m)
                    )
                    .unwrap();
                }
            }
        }
    }
    let rate = hits as f64 / rows.len() as f64;
    println!("\n{name}: {} rows\n", rows.len());
    println!("{:<24} {:>5} {:>8} {:>6}", "case", "rows", "within", "rate");
    for (case, t) in &by_case {
        println!(
            "{case:<24} {:>5} {:>8} {:>6.2}",
            t.rows,
            t.hits,
            t.hits as f64 / t.rows as f64
        );
    }
    println!(
        "{:<24} {:>5} {:>8} {:>6.2}   (floor {floor:.2}, goal {GOAL_RATE:.2})",
        "ALL",
        rows.len(),
        hits,
        rate
    );
    if seen == Seen::Hidden {
        return (rate, "(a held-out set: misses are not shown)".to_string());
    }
    println!("\nmisses:\n{misses}");
    if !strays.is_empty() {
        println!(
            "other names placed in group-name/metonymy/adjective rows (not scored):\n{strays}"
        );
    }
    (rate, misses)
}

/// Whether a set's misses may be read: dev sets show them, held-out sets
/// print only their per-case table.
#[derive(Clone, Copy, PartialEq)]
enum Seen {
    Shown,
    Hidden,
}

/// Scores one set of at least `min_rows` rows and holds it to its floor.
fn check_set(file: &str, name: &str, min_rows: usize, floor: f64, seen: Seen) {
    let Some(geocoder) = geocoder() else { return };
    let rows = rows(file);
    assert!(rows.len() >= min_rows, "{file}: only {} rows", rows.len());
    let (rate, misses) = score(geocoder, name, &rows, floor, seen);
    assert!(
        rate >= floor,
        "{name}: {rate:.3} within max_km, below the floor {floor} (goal {GOAL_RATE})\n{misses}"
    );
}

#[test]
fn placed_within_max_km() {
    check_set(
        "geocode-eval.tsv",
        "geocode eval",
        200,
        MIN_RATE,
        Seen::Shown,
    );
}

/// The second dev set, weighted toward the geocoder's weak cases.
#[test]
fn dev2_placed_within_max_km() {
    check_set(
        "geocode-eval-2.tsv",
        "geocode eval 2",
        150,
        DEV2_MIN_RATE,
        Seen::Shown,
    );
}

/// The third dev set: districts of Damascus, Aleppo, Homs and the east,
/// camps and border crossings on both sides of the border.
#[test]
fn dev3_placed_within_max_km() {
    check_set(
        "geocode-eval-3.tsv",
        "geocode eval 3",
        80,
        DEV3_MIN_RATE,
        Seen::Shown,
    );
}

/// Press spellings of 138 towns, each written several ways (Deir Ezzor,
/// Dayr az-Zawr, Deir al-Zour): every spelling must land on the town.
#[test]
fn spellings_placed_within_max_km() {
    check_set(
        "geocode-spellings.tsv",
        "geocode spellings",
        400,
        SPELLINGS_MIN_RATE,
        Seen::Shown,
    );
}

/// The held-out set of sessions 9 to 11, a dev set since its misses were
/// read.
#[test]
fn dev4_placed_within_max_km() {
    check_set(
        "geocode-eval-4.tsv",
        "geocode eval 4",
        150,
        DEV4_MIN_RATE,
        Seen::Shown,
    );
}

/// The fifth dev set: the offensive of 2024, the coast and Suwayda in
/// 2025, Israeli strikes in Lebanon and the south, small towns, facilities.
#[test]
fn dev5_placed_within_max_km() {
    check_set(
        "geocode-eval-5.tsv",
        "geocode eval 5",
        150,
        DEV5_MIN_RATE,
        Seen::Shown,
    );
}

/// The held-out set: run, never tuned against, misses never shown.
#[test]
fn heldout_placed_within_max_km() {
    check_set(
        "geocode-heldout-2.tsv",
        "geocode held-out",
        150,
        HELDOUT_MIN_RATE,
        Seen::Hidden,
    );
}

/// Counts the sentences of `file` (one a line, `#` comments) that get any
/// place, prints them when `seen` allows, and holds the count to `ceiling`.
fn check_negative(file: &str, ceiling: usize, seen: Seen) {
    let Some(geocoder) = geocoder() else { return };
    let path = root().join("shared/tests/data").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let sentences: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(sentences.len() >= 40, "only {} sentences", sentences.len());
    let mut placed = String::new();
    let mut count = 0;
    for s in &sentences {
        let resolved = geocoder.resolve_text(s);
        if !resolved.mentions.is_empty() {
            count += 1;
            let what: Vec<String> = resolved.mentions.iter().map(describe).collect();
            writeln!(placed, "  {s:?}\n      {}", what.join(" | ")).unwrap();
        }
    }
    if seen == Seen::Hidden {
        placed = "(a held-out set: sentences are not shown)".to_string();
    }
    println!(
        "\n{file}: {count} of {} sentences got a place (ceiling {ceiling}, goal 0)\n{placed}",
        sentences.len()
    );
    assert!(
        count <= ceiling,
        "{file}: {count} sentences got a place (ceiling {ceiling}):\n{placed}"
    );
}

#[test]
fn negative_sentences_place_nothing() {
    check_negative(
        "geocode-eval-negative.txt",
        MAX_NEGATIVE_PLACED,
        Seen::Shown,
    );
}

/// The fifth dev set's negative sentences.
#[test]
fn dev5_negative_sentences_place_nothing() {
    check_negative(
        "geocode-eval-5-negative.txt",
        DEV5_MAX_NEGATIVE_PLACED,
        Seen::Shown,
    );
}

/// The third held-out set: news paragraphs of two to four sentences,
/// written blind in session 15; counted, never shown.
#[test]
fn heldout3_placed_within_max_km() {
    check_set(
        "geocode-heldout-3.tsv",
        "geocode held-out 3",
        150,
        HELDOUT3_MIN_RATE,
        Seen::Hidden,
    );
}

/// Its negative paragraphs: counted, never shown.
#[test]
fn heldout3_negative_paragraphs_place_nothing() {
    check_negative(
        "geocode-heldout-3-negative.txt",
        HELDOUT3_MAX_NEGATIVE_PLACED,
        Seen::Hidden,
    );
}

/// The fourth held-out set: paragraphs written blind in session 16;
/// counted, never shown.
#[test]
fn heldout4_placed_within_max_km() {
    check_set(
        "geocode-heldout-4.tsv",
        "geocode held-out 4",
        150,
        HELDOUT4_MIN_RATE,
        Seen::Hidden,
    );
}

/// Its negative paragraphs: counted, never shown.
#[test]
fn heldout4_negative_paragraphs_place_nothing() {
    check_negative(
        "geocode-heldout-4-negative.txt",
        HELDOUT4_MAX_NEGATIVE_PLACED,
        Seen::Hidden,
    );
}

/// The held-out negative sentences: counted, never shown.
#[test]
fn heldout_negative_sentences_place_nothing() {
    check_negative(
        "geocode-heldout-2-negative.txt",
        HELDOUT_MAX_NEGATIVE_PLACED,
        Seen::Hidden,
    );
}
