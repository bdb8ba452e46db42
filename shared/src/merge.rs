//! Merging: the same event reported by several articles (or twice in one)
//! becomes one event with every source.
//!
//! Two events are the same when they have the same sub-event type, dates
//! that agree within their precision, places within [`SAME_PLACE_KM`], and
//! the same background flag. The result does not depend on input order.

use crate::event::{Event, SourceRef};
use crate::id::stable_id;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Places closer than this are the same place for merging.
pub const SAME_PLACE_KM: f64 = 10.0;

/// Merges events that report the same thing; returns them sorted.
///
/// Events are bucketed by (sub-event type, background, day), so each one is
/// compared only with events of its kind within the widest date window:
/// linear in the number of events, not quadratic.
pub fn merge(mut events: Vec<Event>) -> Vec<Event> {
    sort_events(&mut events);
    let mut merged: Vec<Event> = Vec::with_capacity(events.len());
    let mut members: Vec<Vec<String>> = Vec::new();
    let mut buckets: HashMap<BucketKey, Vec<usize>> = HashMap::new();
    let widest = window_days(3);
    for event in events {
        let kind = (event.properties.sub_event_type, event.properties.background);
        let days: Vec<Option<i64>> = match day(&event.properties.event_date) {
            Some(d) => (-widest..=widest)
                .map(|k| Some(d.num_days_from_ce() as i64 + k))
                .collect(),
            None => vec![None],
        };
        let found = days
            .iter()
            .filter_map(|d| buckets.get(&(kind.0, kind.1, *d)))
            .flatten()
            .copied()
            .filter(|&i| same_event(&merged[i], &event))
            .min();
        match found {
            Some(i) => {
                members[i].push(event.properties.event_id.clone());
                absorb(&mut merged[i], event);
            }
            None => {
                let key = (
                    kind.0,
                    kind.1,
                    day(&event.properties.event_date).map(|d| d.num_days_from_ce() as i64),
                );
                buckets.entry(key).or_default().push(merged.len());
                members.push(vec![event.properties.event_id.clone()]);
                merged.push(event);
            }
        }
    }
    for (event, ids) in merged.iter_mut().zip(members) {
        if ids.len() > 1 {
            let mut ids = ids;
            ids.sort();
            event.properties.event_id = stable_id(&ids.join("+"));
        }
    }
    sort_events(&mut merged);
    merged
}

type BucketKey = (crate::event::SubEventType, bool, Option<i64>);

/// The canonical order: dated first by day, then place, type, id.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| {
        let (a, b) = (&a.properties, &b.properties);
        (
            a.event_date.is_none(),
            &a.event_date,
            &a.location,
            a.sub_event_type,
            &a.event_id,
        )
            .cmp(&(
                b.event_date.is_none(),
                &b.event_date,
                &b.location,
                b.sub_event_type,
                &b.event_id,
            ))
    });
}

fn day(date: &Option<String>) -> Option<NaiveDate> {
    date.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// How many days either side a date of this precision covers.
fn window_days(precision: u8) -> i64 {
    match precision {
        1 => 0,
        2 => 3,
        _ => 15,
    }
}

fn same_event(a: &Event, b: &Event) -> bool {
    let (pa, pb) = (&a.properties, &b.properties);
    if pa.sub_event_type != pb.sub_event_type || pa.background != pb.background {
        return false;
    }
    let dates_agree = match (day(&pa.event_date), day(&pb.event_date)) {
        (Some(x), Some(y)) => {
            let window = window_days(pa.time_precision).max(window_days(pb.time_precision));
            (x - y).num_days().abs() <= window
        }
        (None, None) => pa.notes == pb.notes,
        _ => false,
    };
    // A report placed only at its governorate (precision 3) may be the same
    // event as one placed at a town of that governorate.
    let region_level = (pa.geo_precision == 3 || pb.geo_precision == 3)
        && pa.country == pb.country
        && pa.admin1.is_some()
        && pa.admin1 == pb.admin1;
    let places_agree = pa.place_id == pb.place_id
        || region_level
        || gazetteer::place::haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
            <= SAME_PLACE_KM;
    dates_agree && places_agree
}

/// Folds `other` into `event`: the most precise date and place, the largest
/// count, every source and sentence.
fn absorb(event: &mut Event, other: Event) {
    let p = &mut event.properties;
    let o = other.properties;
    if o.time_precision < p.time_precision {
        p.event_date = o.event_date;
        p.time_precision = o.time_precision;
    }
    if o.geo_precision < p.geo_precision {
        event.longitude = other.longitude;
        event.latitude = other.latitude;
        p.location = o.location;
        p.admin1 = o.admin1;
        p.admin2 = o.admin2;
        p.country = o.country;
        p.geo_precision = o.geo_precision;
        p.place_mention = o.place_mention;
        p.place_id = o.place_id;
    }
    p.fatalities = match (p.fatalities, o.fatalities) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    p.actor1 = p.actor1.take().or(o.actor1);
    p.actor2 = p.actor2.take().or(o.actor2);
    if !p.notes.contains(&o.notes) {
        p.notes.push_str("\n\n");
        p.notes.push_str(&o.notes);
    }
    for source in o.sources {
        if !p.sources.iter().any(|s| s.article_id == source.article_id) {
            p.sources.push(source);
        }
    }
    p.sources
        .sort_by(|a: &SourceRef, b: &SourceRef| a.article_id.cmp(&b.article_id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventProperties, EventType, SubEventType};

    fn event(id: &str, article: &str, date: &str, precision: u8, lon: f64, lat: f64) -> Event {
        Event {
            longitude: lon,
            latitude: lat,
            properties: EventProperties {
                event_id: id.into(),
                event_date: Some(date.into()),
                time_precision: precision,
                event_type: EventType::ExplosionsRemoteViolence,
                sub_event_type: SubEventType::AirDroneStrike,
                actor1: None,
                actor2: None,
                location: "Douma".into(),
                admin1: None,
                admin2: None,
                country: "SY".into(),
                geo_precision: 1,
                place_mention: "Douma".into(),
                place_id: format!("p-{lon}"),
                fatalities: Some(40),
                notes: format!("{article} says"),
                sources: vec![SourceRef {
                    article_id: article.into(),
                    title: None,
                    source: None,
                    date: None,
                    url: None,
                }],
                background: false,
            },
        }
    }

    #[test]
    fn merges_reports_of_one_event_whatever_the_order() {
        let a = event("a", "000", "2018-04-07", 2, 36.40, 33.57);
        let b = event("b", "001", "2018-04-06", 1, 36.41, 33.58);
        let far = event("c", "002", "2018-04-06", 1, 37.16, 36.20);
        let forward = merge(vec![a.clone(), b.clone(), far.clone()]);
        let backward = merge(vec![far, b, a]);
        assert_eq!(forward, backward);
        assert_eq!(forward.len(), 2);
        let merged = forward
            .iter()
            .find(|e| e.properties.sources.len() == 2)
            .unwrap();
        assert_eq!(merged.properties.event_date.as_deref(), Some("2018-04-06"));
        assert_eq!(merged.properties.time_precision, 1);
    }

    #[test]
    fn keeps_apart_what_differs() {
        let base = event("a", "000", "2018-04-06", 1, 36.40, 33.57);
        let cases = [
            event("b", "001", "2018-04-09", 1, 36.40, 33.57),
            event("b", "001", "2018-04-06", 1, 36.60, 33.57),
            {
                let mut e = event("b", "001", "2018-04-06", 1, 36.40, 33.57);
                e.properties.sub_event_type = SubEventType::ShellingArtilleryMissileAttack;
                e
            },
        ];
        for other in cases {
            assert_eq!(merge(vec![base.clone(), other]).len(), 2);
        }
    }
}
