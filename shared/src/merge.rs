//! Merging: the same event reported by several articles (or twice in one)
//! becomes one event with every source.
//!
//! Two events are the same when they have the same sub-event type, dates
//! that agree within their precision, places within [`SAME_PLACE_KM`], and
//! the same background flag; but two towns given a toll each in one
//! sentence are two events, and so are two days more than a day apart in
//! one article. The result does not depend on input order.

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
pub fn merge(events: Vec<Event>) -> Vec<Event> {
    Merging::new(events, true).finish()
}

/// Merging (or only ordering, when `merge` is off) done in steps, so a
/// caller that must stay responsive (the page) can yield between them.
pub struct Merging {
    rest: std::vec::IntoIter<Event>,
    stream: Option<MergeStream>,
    out: Vec<Event>,
}

impl Merging {
    /// Sorts `events` and gets ready to merge them.
    pub fn new(mut events: Vec<Event>, merge: bool) -> Self {
        sort_events(&mut events);
        Merging {
            out: Vec::with_capacity(events.len()),
            rest: events.into_iter(),
            stream: merge.then(MergeStream::default),
        }
    }

    /// Takes up to `n` more events; returns whether all are taken.
    pub fn step(&mut self, n: usize) -> bool {
        for event in self.rest.by_ref().take(n) {
            match &mut self.stream {
                Some(stream) => {
                    stream.push(event);
                    stream.drain_ready(&mut self.out);
                }
                None => self.out.push(event),
            }
        }
        self.rest.len() == 0
    }

    /// Events not yet taken.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Takes what is left and returns the result, in output order.
    pub fn finish(mut self) -> Vec<Event> {
        self.step(usize::MAX);
        if let Some(stream) = self.stream {
            stream.finish(&mut self.out);
        }
        self.out
    }
}

/// Merging over events that arrive in [`event_order`]: only the events of
/// the last few weeks are held, so a run of any length merges in bounded
/// memory (the command line feeds it from a sorted spill to disk).
///
/// Gives exactly what [`merge`] gives: `merge` is this over sorted input.
#[derive(Default)]
pub struct MergeStream {
    /// Events still able to absorb later ones, by creation number.
    open: HashMap<usize, Open>,
    buckets: HashMap<BucketKey, Vec<usize>>,
    /// Bucket days in the order they were opened (input is date-sorted).
    days: std::collections::VecDeque<(Option<i64>, BucketKey)>,
    created: usize,
    /// Final events not yet handed out, in output order (ties in creation
    /// order, as a stable sort of the created events would leave them).
    done: std::collections::BTreeMap<(OrderKey, usize), Event>,
    /// The day of the latest event pushed.
    latest: Option<i64>,
}

/// Which buckets [`MergeStream::close`] closes.
#[derive(Clone, Copy)]
enum Closing {
    /// Those of days before this one.
    DaysBefore(i64),
    /// Every dated one.
    Dated,
    All,
}

struct Open {
    event: Event,
    members: Vec<String>,
}

/// An event's place in the output order, owned so it can key a map.
type OrderKey = (
    bool,
    Option<String>,
    String,
    crate::event::SubEventType,
    String,
);

fn order_key(event: &Event) -> OrderKey {
    let p = &event.properties;
    (
        p.event_date.is_none(),
        p.event_date.clone(),
        p.location.clone(),
        p.sub_event_type,
        p.event_id.clone(),
    )
}

impl MergeStream {
    /// Takes the next event (not before the previous one in [`event_order`]).
    pub fn push(&mut self, event: Event) {
        let widest = window_days(3);
        let today = day(&event.properties.event_date).map(|d| d.num_days_from_ce() as i64);
        if today.is_some() && today > self.latest {
            self.latest = today;
        }
        // Buckets more than the widest window behind cannot match again;
        // once undated events come (they sort last), no dated one can.
        self.close(match today {
            Some(d) => Closing::DaysBefore(d - widest),
            None => Closing::Dated,
        });
        let kind = (event.properties.sub_event_type, event.properties.background);
        let found = match today {
            Some(d) => (d - widest..=d + widest)
                .filter_map(|k| self.buckets.get(&(kind.0, kind.1, Some(k))))
                .flatten()
                .copied()
                .filter(|i| same_event(&self.open[i].event, &event))
                .min(),
            None => self
                .buckets
                .get(&(kind.0, kind.1, None))
                .into_iter()
                .flatten()
                .copied()
                .filter(|i| same_event(&self.open[i].event, &event))
                .min(),
        };
        match found {
            Some(i) => {
                let open = self.open.get_mut(&i).expect("bucketed events are open");
                open.members.push(event.properties.event_id.clone());
                absorb(&mut open.event, event);
            }
            None => {
                let key = (kind.0, kind.1, today);
                let bucket = self.buckets.entry(key).or_default();
                if bucket.is_empty() {
                    self.days.push_back((today, key));
                }
                bucket.push(self.created);
                self.open.insert(
                    self.created,
                    Open {
                        members: vec![event.properties.event_id.clone()],
                        event,
                    },
                );
                self.created += 1;
            }
        }
    }

    /// Moves final events that nothing later can precede into `out`, in
    /// output order.
    pub fn drain_ready(&mut self, out: &mut Vec<Event>) {
        // An open event's date only moves later than its bucket's day, which
        // is at most the widest window behind the latest event.
        let Some(latest) = self.latest else { return };
        let safe = latest - window_days(3);
        while let Some(entry) = self.done.first_entry() {
            let ready =
                day(&entry.key().0 .1).is_some_and(|d| (d.num_days_from_ce() as i64) < safe);
            if !ready {
                break;
            }
            out.push(entry.remove());
        }
    }

    /// Ends the stream: every remaining event into `out`, in output order.
    pub fn finish(mut self, out: &mut Vec<Event>) {
        self.close(Closing::All);
        out.extend(std::mem::take(&mut self.done).into_values());
    }

    /// Closes buckets: their events become final.
    fn close(&mut self, closing: Closing) {
        while let Some(&(day, key)) = self.days.front() {
            let closes = match (closing, day) {
                (Closing::All, _) | (Closing::Dated, Some(_)) => true,
                (Closing::DaysBefore(horizon), Some(d)) => d < horizon,
                (_, None) => false,
            };
            if !closes {
                break;
            }
            self.days.pop_front();
            for i in self.buckets.remove(&key).unwrap_or_default() {
                let Open { mut event, members } =
                    self.open.remove(&i).expect("bucketed events are open");
                if members.len() > 1 {
                    let mut ids = members;
                    ids.sort();
                    event.properties.event_id = stable_id(&ids.join("+"));
                }
                self.done.insert((order_key(&event), i), event);
            }
        }
    }
}

type BucketKey = (crate::event::SubEventType, bool, Option<i64>);

/// The canonical order: dated first by day, then place, type, id.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(event_order);
}

/// The canonical order of two events (see [`sort_events`]).
pub fn event_order(a: &Event, b: &Event) -> std::cmp::Ordering {
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
    // One sentence telling of two towns tells of two events ("five in
    // Kafranbel and three in Hass"), however near the towns are.
    let one_article = pa
        .sources
        .iter()
        .any(|s| pb.sources.iter().any(|t| t.article_id == s.article_id));
    let two_towns_of_one_sentence =
        pa.place_id != pb.place_id && pa.notes == pb.notes && one_article;
    if two_towns_of_one_sentence {
        return false;
    }
    // One article telling of two days tells of two events (Tuesday's
    // chemical attack on Khan Sheikhoun, Friday's air raid there).
    if let (true, Some(x), Some(y)) = (one_article, day(&pa.event_date), day(&pb.event_date)) {
        if (x - y).num_days().abs() > 1 {
            return false;
        }
    }
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
    use crate::event::SubEventType;

    fn event(id: &str, article: &str, date: &str, precision: u8, lon: f64, lat: f64) -> Event {
        let mut e = Event::sample(id, article, Some(date), lon, lat);
        e.properties.time_precision = precision;
        e.properties.fatalities = Some(40);
        e
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
            // One article's two days, three apart, even told loosely.
            event("b", "000", "2018-04-09", 3, 36.40, 33.57),
        ];
        for other in cases {
            assert_eq!(merge(vec![base.clone(), other]).len(), 2);
        }
    }

    #[test]
    fn two_towns_of_one_sentence_stay_two_events() {
        // Kafranbel and Hass, 3 km apart, each with its toll in one sentence.
        let mut a = event("a", "000", "2019-05-20", 1, 36.564, 35.614);
        let mut b = event("b", "000", "2019-05-20", 1, 36.591, 35.616);
        b.properties.place_id = "geonames:2".into();
        a.properties.notes = "Strikes killed five in Kafranbel and three in Hass.".into();
        b.properties.notes = a.properties.notes.clone();
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 2);
        // Told in two sentences, they may be one event told twice.
        b.properties.notes = "Hass was hit too.".into();
        assert_eq!(merge(vec![a, b]).len(), 1);
    }

    /// Many reports over a year, some of the same events: merging as the
    /// stream goes (handing events out early) gives exactly what merging
    /// everything at once gives.
    #[test]
    fn streaming_with_early_output_equals_merging_at_once() {
        let mut rng = crate::synthetic::Rng::new(7);
        let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let types = [
            SubEventType::AirDroneStrike,
            SubEventType::ArmedClash,
            SubEventType::ShellingArtilleryMissileAttack,
        ];
        let mut events = Vec::new();
        for n in 0..3000 {
            let date = start + chrono::Days::new(rng.below(365) as u64);
            let mut e = event(
                &format!("e{n}"),
                &format!("a{}", rng.below(400)),
                &date.format("%Y-%m-%d").to_string(),
                1 + rng.below(3) as u8,
                36.0 + rng.below(4) as f64 * 0.05,
                33.5,
            );
            e.properties.sub_event_type = types[rng.below(types.len())];
            e.properties.geo_precision = 1 + rng.below(3) as u8;
            if rng.below(50) == 0 {
                e.properties.event_date = None;
                e.properties.notes = format!("undated {}", rng.below(5));
            }
            events.push(e);
        }
        let at_once = merge(events.clone());
        let (events_again, unmerged) = (events.clone(), events.clone());
        assert!(at_once.len() < events.len(), "some reports merge");

        sort_events(&mut events);
        let mut stream = MergeStream::default();
        let mut streamed = Vec::new();
        let mut early = 0;
        for e in events {
            stream.push(e);
            stream.drain_ready(&mut streamed);
            early = streamed.len();
        }
        stream.finish(&mut streamed);
        assert!(early > at_once.len() / 2, "most events handed out early");
        assert_eq!(streamed, at_once);

        // In small steps, as the page does it, and without merging.
        let mut stepped = Merging::new(events_again, true);
        while !stepped.step(7) {}
        assert_eq!(stepped.remaining(), 0);
        assert_eq!(stepped.finish(), at_once);
        let ordered = Merging::new(unmerged.clone(), false).finish();
        assert_eq!(ordered.len(), unmerged.len());
        assert!(ordered
            .windows(2)
            .all(|w| event_order(&w[0], &w[1]).is_le()));
    }
}
