//! What each fuzz target runs on one input, with the invariants checked.
//!
//! No libfuzzer here: `fuzz/fuzz_targets/*.rs` call these functions, and
//! `shared/tests/regressions.rs` includes this file to replay every saved
//! input of `fuzz/regressions/<target>/` in the normal `cargo test`.
//!
//! * `ingest`: the first byte chooses the format (`.txt`, `.jsonl`, `.html`),
//!   the rest is the file's bytes, read with `shared::ingest::read_bytes`
//!   and, for JSONL, also streamed raw with `JsonlStream`, for text with
//!   `TextParts` (the command line's paths).
//! * `extract`: the first two bytes choose a publication date (none, a
//!   recent one, or one near the limits ingest accepts, years 1000 and 9999), the
//!   rest is an article's text; it is run through `Pipeline::extract` with a
//!   small gazetteer (the embedded curated layer plus a few inline rows), and
//!   the events are written as GeoJSON (which must read back), CSV and JSONL.

use gazetteer::{Builder, Gazetteer};
use shared::geocode::Geocoder;
use shared::ingest::jsonl::{JsonlStream, LineOutcome};
use shared::ingest::text::TextParts;
use shared::ingest::{read_bytes, Format};
use shared::output::{csv::to_csv, geojson::from_geojson, geojson::to_geojson, jsonl::to_jsonl};
use shared::pipeline::Pipeline;
use shared::Article;
use std::sync::OnceLock;

/// The file names `ingest` gives its input, chosen by the first byte.
pub const INGEST_NAMES: [&str; 3] = ["fuzz.txt", "fuzz.jsonl", "fuzz.html"];

/// Ingest one input. Panics (a finding) if reading panics or breaks an
/// invariant.
pub fn ingest(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = INGEST_NAMES[usize::from(selector) % INGEST_NAMES.len()];
    let ingested = read_bytes(name, bytes, None);
    for problem in &ingested.problems {
        let message = problem.to_string();
        assert!(
            message.starts_with(name),
            "a problem that does not name its file: {message}"
        );
    }
    for article in &ingested.articles {
        assert!(
            !article.text.trim().is_empty() || article.title.is_some(),
            "an empty article was kept: {article:?}"
        );
        assert!(!article.id.is_empty(), "an article without id");
    }
    if name.ends_with(".txt") {
        // The command line reads text part by part; a file within the first
        // part gives exactly what reading it at once gives.
        let parts: Vec<_> = TextParts::with_part_bytes(name, "fuzz", bytes, 64).collect();
        let mut end = 0;
        for part in &parts {
            for p in &part.problems {
                assert!(p.to_string().starts_with(name), "{p}");
            }
            if let Some(a) = &part.article {
                assert!(a.offset >= end, "parts overlap");
                end = a.offset + a.text.len();
            }
        }
        // (A .txt starting with `{` is read as JSONL, as the command line does.)
        if bytes.len() <= 8192 && Format::detect(name, bytes) == Format::Text {
            let streamed: Vec<(&str, &Option<String>)> = parts
                .iter()
                .filter_map(|p| p.article.as_ref())
                .map(|a| (a.text.as_str(), &a.title))
                .collect();
            let whole: Vec<(&str, &Option<String>)> = ingested
                .articles
                .iter()
                .map(|a| (a.text.as_str(), &a.title))
                .collect();
            assert_eq!(streamed, whole, "TextParts differs from read_bytes");
        }
    }
    if name.ends_with(".jsonl") {
        // The command line streams JSONL from the raw bytes, line by line.
        let lines = bytes.split(|&b| b == b'\n').count();
        let mut outcomes = 0;
        let mut articles = 0;
        for outcome in JsonlStream::new(name, bytes) {
            outcomes += 1;
            assert!(outcomes <= lines + 1, "more outcomes than lines");
            match outcome {
                LineOutcome::Article(_, warning) => {
                    articles += 1;
                    if let Some(w) = warning {
                        assert!(w.to_string().starts_with(name), "{w}");
                    }
                }
                LineOutcome::Warning(w) => assert!(w.to_string().starts_with(name), "{w}"),
                LineOutcome::Skipped(e) => {
                    assert!(e.skips_input(), "{e}");
                    assert!(e.to_string().starts_with(&format!("{name}:")), "{e}");
                }
            }
        }
        // Both paths see the same lines; read_bytes drops empty articles
        // and a binary file entirely, so it never has more.
        assert!(
            ingested.articles.len() <= articles,
            "read_bytes found more articles than the stream"
        );
    }
}

/// A few localities beside the curated layer, some ambiguous on purpose.
const EXTRA_TSV: &str = "id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tgeonameid\taliases\tsource
douma\tDouma\tlocality\tSY\tRif Dimashq\tDuma\t33.5711\t36.4025\t110893\t\tDuma|Doumā\tfuzz
douma-lb\tDouma\tlocality\tLB\tNorth\tBatroun\t34.2\t35.8333\t1000\t\t\tfuzz
maarat\tMaarat al-Numan\tlocality\tSY\tIdlib\tMaarrat al-Numan\t35.6483\t36.6742\t58008\t\tMa'arrat an-Nu'man|Maaret al-Numan\tfuzz
khan-sheikhoun\tKhan Sheikhoun\tlocality\tSY\tIdlib\tMaarrat al-Numan\t35.4417\t36.6508\t34371\t\tKhan Shaykhun\tfuzz
aleppo-city\tAleppo\tlocality\tSY\tAleppo\tJebel Saman\t36.2021\t37.1343\t1602264\t\tHalab\tfuzz
idlib-city\tIdlib\tlocality\tSY\tIdlib\tIdlib\t35.9306\t36.6339\t128840\t\tIdleb\tfuzz
mosul\tMosul\tlocality\tIQ\tNinawa\tMosul\t36.335\t43.1189\t1739800\t\tal-Mawsil\tfuzz
";

/// The pipeline `extract` runs, built once.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let mut b = Builder::new();
        b.add_curated(gazetteer::sources::curated::CURATED_TSV, "curated.tsv")
            .expect("the curated layer");
        b.add_curated(EXTRA_TSV, "fuzz.tsv")
            .expect("the inline rows");
        let g = Gazetteer::from_bytes(&b.build().to_bytes(), "fuzz").expect("index round trip");
        Pipeline::new(Geocoder::new(g))
    })
}

/// Extract, geocode, merge and write the events of one input.
pub fn extract(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let (head, body) = data.split_at(2);
    // Metadata dates are limited to years 1000..=9999; the extremes too.
    let days = chrono::Days::new(u64::from(head[1]) * 23);
    let date = match head[0] % 4 {
        0 => None,
        1 => chrono::NaiveDate::from_ymd_opt(2010, 1, 1).and_then(|d| d.checked_add_days(days)),
        // The earliest and latest days ingest and `--date` accept.
        2 => chrono::NaiveDate::from_ymd_opt(1000, 1, 1).and_then(|d| d.checked_add_days(days)),
        _ => chrono::NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.checked_sub_days(days)),
    };
    let text = String::from_utf8_lossy(body).into_owned();
    // The raw text as one article, and the same bytes read as a .txt file
    // (header, noise, headline), so merging sees two reports.
    let mut articles = vec![Article {
        id: "fuzz".to_string(),
        date,
        text,
        ..Article::default()
    }];
    articles.extend(read_bytes("fuzz-file.txt", body, date).articles);
    let extraction = pipeline().extract(&articles);
    let summary = &extraction.summary;
    assert_eq!(summary.articles, articles.len());
    assert!(
        summary.events <= summary.events_found,
        "merging made events: {summary:?}"
    );
    assert_eq!(summary.events, extraction.events.len());
    for event in &extraction.events {
        assert!(
            event.latitude.is_finite() && event.latitude.abs() <= 90.0,
            "{event:?}"
        );
        assert!(
            event.longitude.is_finite() && event.longitude.abs() <= 180.0,
            "{event:?}"
        );
        assert!(
            !event.properties.sources.is_empty(),
            "an event without a source"
        );
        if let Some(day) = &event.properties.event_date {
            assert!(
                chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok(),
                "event_date {day:?}"
            );
        }
    }
    let geojson = to_geojson(&extraction.events, false);
    let back = from_geojson(&geojson, "fuzz.geojson", usize::MAX)
        .unwrap_or_else(|e| panic!("our own GeoJSON does not read back: {e}"));
    assert_eq!(back.len(), extraction.events.len());
    assert_eq!(
        to_geojson(&back, false),
        geojson,
        "GeoJSON round trip changed the events"
    );
    let _ = to_csv(&extraction.events);
    let _ = to_jsonl(&extraction.events);
}
