//! The five demo articles end to end: ingest → extract → geocode → merge.
//!
//! Two layers of checks: the events the issue names must be there with the
//! right type, place, date, precision and count (semantic checks), and the
//! whole output must equal the reviewed golden files (compared as JSON
//! values). After a deliberate change, regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test -p shared --test corpus` and review the diff.

use serde_json::Value;
use shared::geocode::Geocoder;
use shared::ingest::read_bytes;
use shared::output::geojson::{feature_value, to_geojson};
use shared::pipeline::Pipeline;
use shared::{Article, Event, EventType, SubEventType};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The full index, built once from the real sources and cached where the
/// command line caches it.
fn geocoder() -> Geocoder {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let path = root().join("target/eventmap/gazetteer.bin");
        if let Ok(bytes) = std::fs::read(&path) {
            return bytes;
        }
        let sources = gazetteer::load::Sources::discover();
        let (g, _, _) =
            gazetteer::load::build_index(&sources).expect("gazetteer sources (run npm ci)");
        let bytes = g.to_bytes();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        bytes
    });
    Geocoder::new(gazetteer::Gazetteer::from_bytes(bytes, "gazetteer.bin").unwrap())
}

/// The corpus articles with their manifest dates (as the CLI reads them).
fn articles() -> Vec<Article> {
    let dir = root().join("corpus");
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap();
    let mut articles = Vec::new();
    for line in manifest.lines() {
        let entry: Value = serde_json::from_str(line).unwrap();
        let file = entry["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let mut ingested = read_bytes(file, &bytes, None);
        let mut article = ingested.articles.remove(0);
        article.date = article.date.or_else(|| {
            entry["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        });
        article.source = article
            .source
            .or_else(|| entry["source"].as_str().map(str::to_string));
        articles.push(article);
    }
    articles
}

/// The pipelines, built once for all tests (loading the index takes a while).
fn pipeline(merge: bool) -> &'static Pipeline {
    static MERGING: OnceLock<Pipeline> = OnceLock::new();
    static SEPARATE: OnceLock<Pipeline> = OnceLock::new();
    let cell = if merge { &MERGING } else { &SEPARATE };
    cell.get_or_init(|| Pipeline::new(geocoder()).with_merge(merge))
}

fn events_of(prefix: &str) -> Vec<Event> {
    let article = articles()
        .into_iter()
        .find(|a| a.id.starts_with(prefix))
        .unwrap();
    pipeline(false).extract(&[article]).events
}

/// Describes events for assertion messages.
fn describe(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| {
            let p = &e.properties;
            format!(
                "{:?} {:?}/{} {} ({}, p{}) {:?} bg={} | {}",
                p.event_date,
                p.sub_event_type,
                p.time_precision,
                p.location,
                p.place_id,
                p.geo_precision,
                p.fatalities,
                p.background,
                p.notes.chars().take(70).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn find<'e>(events: &'e [Event], what: &str, test: impl Fn(&Event) -> bool) -> &'e Event {
    events
        .iter()
        .find(|e| test(e))
        .unwrap_or_else(|| panic!("no event: {what}\n{}", describe(events)))
}

fn near(e: &Event, lat: f64, lon: f64, km: f64) -> bool {
    gazetteer::place::haversine_km(e.latitude, e.longitude, lat, lon) <= km
}

const DOUMA: (f64, f64) = (33.5717, 36.4027);
const ALEPPO: (f64, f64) = (36.2021, 37.1343);
const MAARET: (f64, f64) = (35.6476, 36.6740);
const IDLIB: (f64, f64) = (35.9306, 36.6339);
const DAMASCUS: (f64, f64) = (33.5102, 36.2913);

#[test]
fn article_000_douma() {
    let events = events_of("000");
    let strike = find(&events, "air strikes on Douma, 40 killed", |e| {
        e.properties.sub_event_type == SubEventType::AirDroneStrike
            && near(e, DOUMA.0, DOUMA.1, 3.0)
            && e.properties.fatalities == Some(40)
    });
    assert!(!strike.properties.background);
    find(&events, "clash on Douma's outskirts, precision 2", |e| {
        e.properties.sub_event_type == SubEventType::ArmedClash
            && near(e, DOUMA.0, DOUMA.1, 3.0)
            && e.properties.geo_precision == 2
    });
    find(&events, "mortar fire on Damascus suburbs, 4 killed", |e| {
        e.properties.sub_event_type == SubEventType::ShellingArtilleryMissileAttack
            && near(e, DAMASCUS.0, DAMASCUS.1, 15.0)
            && e.properties.fatalities == Some(4)
    });
    find(&events, "1-3 April evacuations", |e| {
        e.properties.event_type == EventType::StrategicDevelopments
            && e.properties
                .event_date
                .as_deref()
                .is_some_and(|d| ("2018-04-01".."2018-04-04").contains(&d))
    });
    find(&events, "mid-February offensive as background", |e| {
        e.properties.background && e.properties.event_date.as_deref() == Some("2018-02-15")
    });
}

#[test]
fn article_002_aleppo() {
    let events = events_of("002");
    find(&events, "government takes Handarat on 2016-09-24", |e| {
        e.properties.sub_event_type == SubEventType::GovernmentRegainsTerritory
            && e.properties.location.contains("Handarat")
            && e.properties.event_date.as_deref() == Some("2016-09-24")
    });
    find(&events, "air strikes on east Aleppo", |e| {
        e.properties.sub_event_type == SubEventType::AirDroneStrike
            && near(e, ALEPPO.0, ALEPPO.1, 10.0)
    });
    find(
        &events,
        "aid convoy attacked on Monday, some 20 killed, Aleppo at precision 3",
        |e| {
            e.properties.event_date.as_deref() == Some("2016-09-19")
                && e.properties.fatalities == Some(20)
                && e.properties.geo_precision == 3
                && near(e, ALEPPO.0, ALEPPO.1, 10.0)
        },
    );
    find(
        &events,
        "the New York meeting as a Strategic development",
        |e| {
            e.properties.event_type == EventType::StrategicDevelopments
                && e.properties.country == "US"
        },
    );
}

#[test]
fn article_004_idlib() {
    let events = events_of("004");
    find(
        &events,
        "clashes south of Maaret al-Numan, precision 2, 55 killed",
        |e| {
            e.properties.sub_event_type == SubEventType::ArmedClash
                && near(e, MAARET.0, MAARET.1, 5.0)
                && e.properties.geo_precision == 2
                && e.properties.fatalities == Some(55)
        },
    );
    find(
        &events,
        "air strikes on Idlib city on 2020-01-15, 19 killed",
        |e| {
            e.properties.sub_event_type == SubEventType::AirDroneStrike
                && near(e, IDLIB.0, IDLIB.1, 5.0)
                && e.properties.event_date.as_deref() == Some("2020-01-15")
                && e.properties.fatalities == Some(19)
        },
    );
    find(&events, "rocket fire on Aleppo, 4 killed", |e| {
        e.properties.sub_event_type == SubEventType::ShellingArtilleryMissileAttack
            && near(e, ALEPPO.0, ALEPPO.1, 10.0)
            && e.properties.fatalities == Some(4)
    });
}

#[test]
fn douma_strikes_of_6_april_merge_across_000_and_001() {
    let articles: Vec<Article> = articles()
        .into_iter()
        .filter(|a| a.id.starts_with("000") || a.id.starts_with("001"))
        .collect();
    let events = pipeline(true).extract(&articles).events;
    let merged = find(&events, "6 April Douma strikes with two sources", |e| {
        e.properties.sub_event_type == SubEventType::AirDroneStrike
            && near(e, DOUMA.0, DOUMA.1, 3.0)
            && e.properties.event_date.as_deref() == Some("2018-04-06")
            && e.properties.sources.len() == 2
    });
    assert_eq!(merged.properties.fatalities, Some(40));
}

#[test]
fn output_is_the_same_whatever_the_input_order() {
    let mut articles = articles();
    let forward = to_geojson(&pipeline(true).extract(&articles).events, false);
    articles.reverse();
    let backward = to_geojson(&pipeline(true).extract(&articles).events, false);
    assert_eq!(forward, backward);
}

#[test]
fn golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = root().join("shared/tests/golden");
    let mut all = articles();
    let mut cases: Vec<(String, Vec<Article>, bool)> = all
        .iter()
        .map(|a| (a.id.clone(), vec![a.clone()], false))
        .collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    cases.push(("corpus-merged".into(), all, true));
    let mut failures = Vec::new();
    for (name, articles, merge) in cases {
        let events = pipeline(merge).extract(&articles).events;
        let actual = Value::Array(events.iter().map(feature_value).collect());
        let path = dir.join(format!("{name}.json"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "{} missing: run UPDATE_GOLDEN=1 cargo test -p shared --test corpus",
                    path.display()
                )
            }))
            .unwrap();
        if actual != expected {
            failures.push(format!("{name}:\n{}", describe(&events)));
        }
    }
    assert!(
        failures.is_empty(),
        "differs from golden files:\n{}",
        failures.join("\n\n")
    );
}

/// An "article" far longer than a window (the five articles, over and over)
/// is extracted window by window: every copy's events are found, ids stay
/// unique across windows, and every note starts with a sentence of the text.
#[test]
fn a_long_article_is_extracted_window_by_window() {
    let articles = articles();
    let once: usize = articles
        .iter()
        .map(|a| pipeline(false).extract_article(a).events.len())
        .sum();
    let joined: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let copy = joined.join("\n\n");
    let copies = shared::window::WINDOW_BYTES * 3 / copy.len() + 1;
    let long = Article {
        id: "long".into(),
        date: articles[0].date,
        text: vec![copy; copies].join("\n\n"),
        ..Article::default()
    };
    let events = pipeline(false).extract_article(&long).events;
    let expected = once * copies;
    assert!(
        events.len() * 5 >= expected * 4 && events.len() * 5 <= expected * 6,
        "{} events from {copies} copies of text giving {once}",
        events.len()
    );
    let mut ids: Vec<&str> = events
        .iter()
        .map(|e| e.properties.event_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len(), "event ids unique across windows");
    for e in &events {
        // Notes join a sentence and its continuation; the start is verbatim.
        let start: String = e.properties.notes.chars().take(60).collect();
        assert!(long.text.contains(&start), "note not in the text: {start}");
    }
}

/// The events of one report, dated `date` (unmerged).
fn events_of_report(text: &str, date: chrono::NaiveDate) -> Vec<Event> {
    let article = Article {
        id: "report".into(),
        date: Some(date),
        text: text.into(),
        ..Article::default()
    };
    pipeline(false).extract(&[article]).events
}

/// Beyond the corpus: single reports through the whole pipeline, where the
/// article's country and the places abroad decide where an event is.
#[test]
fn events_at_the_border_are_placed_where_they_happened() {
    // (report, where the event is: lat, lon, or nothing)
    let cases: [(&str, Option<(f64, f64)>); 6] = [
        // Fire from Syria into Turkey: the Turkish town.
        (
            "Mortar fire from Syria hit homes in Akcakale on Tuesday, killing five people.",
            Some((36.711, 38.948)),
        ),
        // Turkish guns in Kilis, the strike in Syria.
        (
            "Turkish artillery in Kilis shelled Afrin on Tuesday, killing three civilians.",
            Some((36.512, 36.870)),
        ),
        // Two towns each with a toll: two events.
        (
            "Air strikes killed five people in Kafranbel and three in Hass on Tuesday.",
            Some((35.614, 36.564)),
        ),
        // A dateline is where the story was filed, not where it happened.
        (
            "BEIRUT (Reuters) - Air strikes killed 12 civilians in Saraqib on Tuesday.",
            Some((35.864, 36.806)),
        ),
        (
            "BEIRUT (Reuters) - Air strikes killed 12 civilians in northwest Syria on Tuesday.",
            Some((35.008, 38.288)),
        ),
        // Where the jets came from is not an event.
        (
            "U.S. jets took off from Incirlik to strike targets on Tuesday, killing 12 fighters.",
            None,
        ),
    ];
    for (text, want) in cases {
        let events = events_of_report(text, chrono::NaiveDate::from_ymd_opt(2016, 5, 3).unwrap());
        assert!(
            events.iter().all(|e| e.properties.location != "Beirut"),
            "{text}\n{}",
            describe(&events)
        );
        match want {
            Some((lat, lon)) => {
                find(&events, text, |e| near(e, lat, lon, 10.0));
            }
            None => assert!(
                events.iter().all(|e| e.properties.location != "Incirlik"
                    && e.properties.location != "Incirlik Air Base"),
                "{text}\n{}",
                describe(&events)
            ),
        }
    }
    let split = pipeline(false)
        .extract(&[Article {
            id: "split".into(),
            date: chrono::NaiveDate::from_ymd_opt(2016, 5, 3),
            text: cases[2].0.into(),
            ..Article::default()
        }])
        .events;
    assert_eq!(split.len(), 2, "{}", describe(&split));
}

/// Who acted and who suffered, as ACLED names them: the sides of the war
/// next door, civilians of the country the event is in, and a side named
/// as the target.
#[test]
fn actors_are_named_for_the_events_country() {
    // (report, actor1, actor2)
    let cases = [
        (
            "Israeli air strikes killed 12 civilians in Nabatieh on Monday.",
            Some("Military Forces of Israel"),
            Some("Civilians (Lebanon)"),
        ),
        (
            "Hezbollah said it targeted an Israeli army position near Metula with rockets on Monday.",
            Some("Hezbollah"),
            Some("Military Forces of Israel"),
        ),
        (
            "Turkish drones struck SDF positions near Qamishli on Monday, killing three fighters.",
            Some("Military Forces of Turkey"),
            Some("Syrian Democratic Forces"),
        ),
        // A protest's police are the country's where it happened.
        (
            "Police fired tear gas to disperse protesters in Basra on Monday.",
            Some("Protesters (Iraq)"),
            Some("Police Forces of Iraq"),
        ),
    ];
    let date = chrono::NaiveDate::from_ymd_opt(2024, 10, 14).unwrap();
    for (text, actor1, actor2) in cases {
        let events = events_of_report(text, date);
        find(&events, text, |e| {
            e.properties.actor1.as_deref() == actor1 && e.properties.actor2.as_deref() == actor2
        });
    }
}

/// Ways the press words an event that are not the obvious ones: each
/// report gives an event of this sub-event type.
#[test]
fn events_worded_many_ways() {
    use shared::event::SubEventType as S;
    let cases = [
        (
            "Unknown gunmen assassinated a local council member in the town of Jasim on Tuesday.",
            S::Attack,
        ),
        (
            "Three children were killed when unexploded ordnance went off in a field near Saraqib.",
            S::RemoteExplosive,
        ),
        (
            "A drone hit a car on the road between Idlib and Binnish, killing two people.",
            S::AirDroneStrike,
        ),
        (
            "A car laden with explosives blew up near a checkpoint in Azaz, killing four.",
            S::RemoteExplosive,
        ),
        (
            "Hundreds rallied in Sweida's central square demanding the fall of the government.",
            S::PeacefulProtest,
        ),
        (
            "Turkish drones struck SDF positions near Qamishli on Monday, killing three fighters.",
            S::AirDroneStrike,
        ),
        (
            "Security forces opened fire on protesters in Daraa on Friday, killing 15.",
            S::ExcessiveForceAgainstProtesters,
        ),
        (
            "Dozens of protesters were arrested in Sweida on Friday.",
            S::ProtestWithIntervention,
        ),
    ];
    let date = chrono::NaiveDate::from_ymd_opt(2024, 10, 14).unwrap();
    for (text, sub_event_type) in cases {
        let events = events_of_report(text, date);
        find(&events, text, |e| {
            e.properties.sub_event_type == sub_event_type
        });
    }
}
