//! Events as an RFC 7946 GeoJSON FeatureCollection, and back.
//!
//! Writing is deterministic: the same events give the same bytes (keys in
//! schema order, features in the order given). Reading validates: wrong types,
//! missing properties and coordinates out of range are errors naming the
//! feature, so a broken file never replaces good data half-way.

use crate::error::{Error, Result};
use crate::event::{Event, EventProperties};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

/// Serialises events as a FeatureCollection (pretty-printed when `pretty`).
///
/// Written one feature at a time: a JSON tree of the whole collection would
/// take several times the memory of its text on large runs.
pub fn to_geojson(events: &[Event], pretty: bool) -> String {
    super::writer::to_string(events, super::writer::OutputFormat::Geojson { pretty })
}

/// One event as a GeoJSON Feature value (`[longitude, latitude]`, WGS 84).
pub fn feature_value(event: &Event) -> Value {
    json!({
        "type": "Feature",
        "id": event.properties.event_id,
        "geometry": {
            "type": "Point",
            "coordinates": [round6(event.longitude), round6(event.latitude)],
        },
        "properties": serde_json::to_value(&event.properties)
            .expect("event properties always serialise"),
    })
}

/// Parses a FeatureCollection of our schema. `file` names the input in errors.
/// At most `max_features` features are accepted: reading stops with an error
/// as soon as one more is met, so a hostile file cannot exhaust memory.
///
/// The text is read in one streaming pass straight into events (no JSON tree
/// of the whole file, which takes several times the file's size): a
/// million-feature file costs the events it holds, not a tree of values.
pub fn from_geojson(text: &str, file: &str, max_features: usize) -> Result<Vec<Event>> {
    let reading = Reading {
        max_features,
        feature: Cell::new(None),
        part: Cell::new(None),
        problem: RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let events = CollectionSeed(&reading)
        .deserialize(&mut de)
        .and_then(|events| de.end().map(|()| events));
    events.map_err(|e| Error::BadEvents {
        file: file.to_string(),
        message: reading.message(&e),
    })
}

/// Where the reader is, so that an error can name the feature and the member
/// it is about; and the exact message of a problem our own checks found.
struct Reading {
    max_features: usize,
    feature: Cell<Option<usize>>,
    part: Cell<Option<&'static str>>,
    problem: RefCell<Option<String>>,
}

impl Reading {
    /// Records a problem found by our checks and returns the error that
    /// stops the parse (its own text is not shown).
    fn fail<E: de::Error>(&self, message: String) -> E {
        *self.problem.borrow_mut() = Some(message);
        E::custom("invalid GeoJSON")
    }

    fn message(&self, e: &serde_json::Error) -> String {
        if let Some(problem) = self.problem.borrow_mut().take() {
            return problem;
        }
        if !e.is_data() {
            return format!("not JSON: {e}");
        }
        match (self.feature.get(), self.part.get()) {
            (Some(i), Some(part)) => format!("feature {i}: {part}: {e}"),
            (Some(i), None) => format!("feature {i}: {e}"),
            (None, Some(part)) => format!("{part}: {e}"),
            (None, None) => e.to_string(),
        }
    }
}

/// A `"type"` value, borrowed from the text unless it has escapes.
#[derive(Deserialize)]
struct Tag<'a>(#[serde(borrow)] Cow<'a, str>);

/// The members of the collection and of a feature we read; others are skipped.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Member {
    Type,
    Features,
    Geometry,
    Properties,
    #[serde(other)]
    Other,
}

/// The root object: `"type": "FeatureCollection"` and `"features"`, in any order.
struct CollectionSeed<'r>(&'r Reading);

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_> {
    type Value = Vec<Event>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Event>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_> {
    type Value = Vec<Event>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Event>, A::Error> {
        let reading = self.0;
        let mut typed = false;
        let mut events = None;
        while let Some(member) = map.next_key::<Member>()? {
            match member {
                Member::Type => {
                    reading.part.set(Some("\"type\""));
                    let Tag(kind) = map.next_value()?;
                    if kind != "FeatureCollection" {
                        return Err(
                            reading.fail(format!("expected a FeatureCollection, found {kind:?}"))
                        );
                    }
                    typed = true;
                }
                Member::Features => {
                    reading.part.set(Some("\"features\" must be an array"));
                    events = Some(map.next_value_seed(FeaturesSeed(reading))?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            reading.part.set(None);
        }
        if !typed {
            return Err(reading.fail("missing \"type\": \"FeatureCollection\"".into()));
        }
        events.ok_or_else(|| reading.fail("\"features\" must be an array".into()))
    }
}

/// The features array, read one feature at a time and counted as it goes.
struct FeaturesSeed<'r>(&'r Reading);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Vec<Event>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Event>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Vec<Event>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Event>, A::Error> {
        let reading = self.0;
        reading.part.set(None);
        let mut events = Vec::new();
        loop {
            let i = events.len();
            if i == reading.max_features {
                // One more is too many: skip it unread and stop.
                if seq.next_element::<IgnoredAny>()?.is_some() {
                    return Err(reading.fail(format!(
                        "more than the {} features this reader accepts",
                        reading.max_features
                    )));
                }
                break;
            }
            reading.feature.set(Some(i));
            match seq.next_element_seed(FeatureSeed(reading))? {
                Some(event) => events.push(event),
                None => break,
            }
            reading.part.set(None);
        }
        reading.feature.set(None);
        Ok(events)
    }
}

/// One feature, checked as soon as it is read.
struct FeatureSeed<'r>(&'r Reading);

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = Event;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Event, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Feature object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let reading = self.0;
        let mut kind: Option<Tag> = None;
        let mut geometry: Option<Geometry> = None;
        let mut properties: Option<EventProperties> = None;
        while let Some(member) = map.next_key::<Member>()? {
            match member {
                Member::Type => {
                    reading.part.set(Some("\"type\""));
                    kind = Some(map.next_value()?);
                }
                Member::Geometry => {
                    reading.part.set(Some("geometry"));
                    geometry = map.next_value()?;
                }
                Member::Properties => {
                    reading.part.set(Some("properties"));
                    properties = map.next_value()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            reading.part.set(None);
        }
        let i = reading.feature.get().unwrap_or(0);
        check_feature(kind, geometry, properties)
            .map_err(|m| reading.fail(format!("feature {i}: {m}")))
    }
}

/// A feature's geometry as written; checked to be a Point afterwards.
#[derive(Deserialize)]
struct Geometry<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    coordinates: Option<Position>,
}

/// The first two members of a coordinates array (`None`: not a number) and
/// how many there are; whatever else it holds is skipped unread.
struct Position {
    numbers: [Option<f64>; 2],
    len: usize,
}

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(PositionVisitor)
    }
}

struct PositionVisitor;

impl<'de> Visitor<'de> for PositionVisitor {
    type Value = Position;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of coordinates")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
        let mut position = Position {
            numbers: [None, None],
            len: 0,
        };
        while position.len < 2 {
            match seq.next_element::<MaybeNumber>()? {
                Some(MaybeNumber(n)) => position.numbers[position.len] = n,
                None => return Ok(position),
            }
            position.len += 1;
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {
            position.len += 1;
        }
        Ok(position)
    }
}

/// A JSON number, or `None` for any other value (skipped unread).
struct MaybeNumber(Option<f64>);

impl<'de> Deserialize<'de> for MaybeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MaybeNumberVisitor)
    }
}

struct MaybeNumberVisitor;

impl<'de> Visitor<'de> for MaybeNumberVisitor {
    type Value = MaybeNumber;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(Some(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(Some(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(Some(v as f64)))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(None))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<MaybeNumber, E> {
        Ok(MaybeNumber(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeNumber, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| MaybeNumber(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MaybeNumber, A::Error> {
        IgnoredAny.visit_map(map).map(|_| MaybeNumber(None))
    }
}

/// The checks a feature must pass, in the order a reader would look.
fn check_feature(
    kind: Option<Tag>,
    geometry: Option<Geometry>,
    properties: Option<EventProperties>,
) -> std::result::Result<Event, String> {
    if kind.as_ref().map(|Tag(k)| k.as_ref()) != Some("Feature") {
        return Err("\"type\" is not \"Feature\"".into());
    }
    let position = geometry
        .filter(|g| g.kind.as_deref() == Some("Point"))
        .and_then(|g| g.coordinates)
        .ok_or("geometry must be a Point with coordinates")?;
    if position.len < 2 {
        return Err("a Point needs [longitude, latitude]".into());
    }
    let [longitude, latitude] = position.numbers;
    let longitude = longitude.ok_or("longitude is not a number")?;
    let latitude = latitude.ok_or("latitude is not a number")?;
    if !(-180.0..=180.0).contains(&longitude) || !(-90.0..=90.0).contains(&latitude) {
        return Err(format!(
            "coordinates [{longitude}, {latitude}] out of range"
        ));
    }
    let properties = properties.ok_or("\"properties\" must be an object")?;
    check_properties(&properties)?;
    Ok(Event {
        longitude,
        latitude,
        properties,
    })
}

/// What the types alone do not say: a real date, precisions 1 to 3.
fn check_properties(parsed: &EventProperties) -> std::result::Result<(), String> {
    if let Some(date) = &parsed.event_date {
        if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
            return Err(format!("event_date {date:?} is not a YYYY-MM-DD date"));
        }
    }
    for (name, value) in [
        ("time_precision", parsed.time_precision),
        ("geo_precision", parsed.geo_precision),
    ] {
        if !(1..=3).contains(&value) {
            return Err(format!("{name} must be 1, 2 or 3, not {value}"));
        }
    }
    Ok(())
}

/// Rounds a coordinate to 6 decimals (~0.1 m): more digits are noise and make
/// output differ across platforms' float formatting.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventType, SourceRef, SubEventType};

    fn sample() -> Event {
        Event {
            longitude: 36.4027,
            latitude: 33.57175,
            properties: EventProperties {
                event_id: "e1".into(),
                event_date: Some("2018-04-06".into()),
                time_precision: 1,
                event_type: EventType::ExplosionsRemoteViolence,
                sub_event_type: SubEventType::AirDroneStrike,
                actor1: Some("Military Forces of Syria".into()),
                actor2: Some("Civilians (Syria)".into()),
                location: "Douma".into(),
                admin1: Some("Rif Dimashq".into()),
                admin2: None,
                country: "SY".into(),
                geo_precision: 1,
                place_mention: "Douma".into(),
                place_id: "geonames:170592".into(),
                fatalities: Some(40),
                notes: "Air strikes killed 40 civilians.".into(),
                sources: vec![SourceRef {
                    article_id: "000".into(),
                    title: None,
                    source: None,
                    date: Some("2018-04-07".into()),
                    url: None,
                }],
                background: false,
            },
        }
    }

    #[test]
    fn writes_rfc7946_point_with_every_property() {
        let text = to_geojson(&[sample()], false);
        let value: Value = serde_json::from_str(&text).unwrap();
        let feature = &value["features"][0];
        assert_eq!(
            feature["geometry"],
            json!({"type": "Point", "coordinates": [36.4027, 33.57175]})
        );
        assert_eq!(
            feature["properties"]["event_type"],
            json!("Explosions/Remote violence")
        );
        assert_eq!(feature["properties"]["admin2"], Value::Null);
        assert_eq!(feature["properties"].as_object().unwrap().len(), 18);
    }

    #[test]
    fn round_trips_pretty_or_not_and_empty() {
        for events in [vec![], vec![sample()], vec![sample(), sample()]] {
            for pretty in [false, true] {
                let text = to_geojson(&events, pretty);
                assert_eq!(
                    from_geojson(&text, "t.geojson", 10).unwrap(),
                    events,
                    "{text}"
                );
            }
        }
    }

    /// A feature of the sample with `edit` applied to its JSON value.
    fn feature_with(edit: impl Fn(&mut Value)) -> String {
        let mut value = feature_value(&sample());
        edit(&mut value);
        format!("{{\"type\":\"FeatureCollection\",\"features\":[{value}]}}")
    }

    #[test]
    fn rejects_broken_input_with_a_message() {
        let cases: Vec<(&str, String, &str)> = vec![
            ("not JSON", "not json".into(), "not JSON"),
            ("empty", String::new(), "not JSON"),
            (
                "truncated",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                    .into(),
                "not JSON",
            ),
            (
                "trailing text",
                format!("{} x", feature_with(|_| ())),
                "not JSON",
            ),
            (
                "root is an array",
                "[1,2]".into(),
                "expected a GeoJSON object",
            ),
            (
                "a Feature",
                "{\"type\":\"Feature\"}".into(),
                "expected a FeatureCollection, found \"Feature\"",
            ),
            (
                "type missing",
                "{\"features\":[]}".into(),
                "missing \"type\": \"FeatureCollection\"",
            ),
            (
                "type not a string",
                "{\"type\":5,\"features\":[]}".into(),
                "\"type\": invalid type: integer `5`",
            ),
            (
                "features missing",
                "{\"type\":\"FeatureCollection\"}".into(),
                "\"features\" must be an array",
            ),
            (
                "features an object",
                "{\"type\":\"FeatureCollection\",\"features\":{}}".into(),
                "\"features\" must be an array",
            ),
            (
                "feature a string",
                "{\"type\":\"FeatureCollection\",\"features\":[\"x\"]}".into(),
                "feature 0: invalid type: string \"x\", expected a Feature object",
            ),
            (
                "feature type wrong",
                feature_with(|f| f["type"] = json!("Point")),
                "feature 0: \"type\" is not \"Feature\"",
            ),
            (
                "geometry null",
                feature_with(|f| f["geometry"] = Value::Null),
                "feature 0: geometry must be a Point with coordinates",
            ),
            (
                "a polygon",
                feature_with(|f| {
                    f["geometry"] =
                        json!({"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [1, 2]]]})
                }),
                "feature 0: geometry must be a Point with coordinates",
            ),
            (
                "one coordinate",
                feature_with(|f| f["geometry"]["coordinates"] = json!([36])),
                "feature 0: a Point needs [longitude, latitude]",
            ),
            (
                "longitude a string",
                feature_with(|f| f["geometry"]["coordinates"] = json!(["36", 33])),
                "feature 0: longitude is not a number",
            ),
            (
                "latitude an array",
                feature_with(|f| f["geometry"]["coordinates"] = json!([36, [33]])),
                "feature 0: latitude is not a number",
            ),
            (
                "coordinates a string",
                feature_with(|f| f["geometry"]["coordinates"] = json!("36,33")),
                "feature 0: geometry: invalid type: string",
            ),
            (
                "longitude out of range",
                feature_with(|f| f["geometry"]["coordinates"] = json!([500, 1])),
                "feature 0: coordinates [500, 1] out of range",
            ),
            (
                "latitude out of range",
                feature_with(|f| f["geometry"]["coordinates"] = json!([36, -91])),
                "feature 0: coordinates [36, -91] out of range",
            ),
            (
                "properties missing",
                feature_with(|f| {
                    f.as_object_mut()
                        .unwrap()
                        .remove("properties")
                        .map(drop)
                        .unwrap()
                }),
                "feature 0: \"properties\" must be an object",
            ),
            (
                "properties empty",
                feature_with(|f| f["properties"] = json!({})),
                "feature 0: properties: missing field",
            ),
            (
                "a property missing",
                feature_with(|f| {
                    f["properties"]
                        .as_object_mut()
                        .unwrap()
                        .remove("notes")
                        .map(drop)
                        .unwrap()
                }),
                "feature 0: properties: missing field `notes`",
            ),
            (
                "fatalities a string",
                feature_with(|f| f["properties"]["fatalities"] = json!("12")),
                "feature 0: properties: invalid type: string \"12\"",
            ),
            (
                "fatalities negative",
                feature_with(|f| f["properties"]["fatalities"] = json!(-3)),
                "feature 0: properties: invalid value: integer `-3`",
            ),
            (
                "unknown event type",
                feature_with(|f| f["properties"]["event_type"] = json!("Picnic")),
                "feature 0: properties: unknown variant `Picnic`",
            ),
            (
                "impossible date",
                feature_with(|f| f["properties"]["event_date"] = json!("2018-02-30")),
                "feature 0: event_date \"2018-02-30\" is not a YYYY-MM-DD date",
            ),
            (
                "precision out of range",
                feature_with(|f| f["properties"]["geo_precision"] = json!(7)),
                "feature 0: geo_precision must be 1, 2 or 3, not 7",
            ),
        ];
        for (name, input, expected) in cases {
            let err = from_geojson(&input, "in.geojson", 10)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{name}: {err}");
            assert!(err.starts_with("in.geojson"), "{name}: {err}");
        }
    }

    #[test]
    fn names_the_feature_that_is_broken() {
        let good = feature_value(&sample());
        let mut bad = good.clone();
        bad["geometry"]["coordinates"] = json!([36, 95]);
        let text = json!({"type": "FeatureCollection", "features": [good, good, bad]}).to_string();
        let err = from_geojson(&text, "f", 10).unwrap_err().to_string();
        assert!(
            err.contains("feature 2: coordinates [36, 95] out of range"),
            "{err}"
        );
    }

    #[test]
    fn reads_what_the_schema_allows_and_skips_the_rest() {
        let expected = sample();
        let cases: Vec<(&str, String)> = vec![
            ("features before type", {
                let f = feature_value(&sample());
                format!("{{\"features\":[{f}],\"type\":\"FeatureCollection\"}}")
            }),
            (
                "foreign members",
                feature_with(|f| {
                    f["bbox"] = json!([1, 2, 3, 4]);
                    f["geometry"]["crs"] = json!({"type": "name", "properties": {"name": "x"}});
                    f["properties"]["extra"] = json!({"nested": [1, {"a": null}]});
                }),
            ),
            (
                "altitude",
                feature_with(|f| f["geometry"]["coordinates"] = json!([36.4027, 33.57175, 250.0])),
            ),
            (
                "escaped tags",
                feature_with(|f| f["type"] = json!("Feature"))
                    .replace("\"Feature\"", "\"Feat\\u0075re\""),
            ),
            (
                "optional properties left out",
                feature_with(|f| {
                    f["properties"].as_object_mut().unwrap().remove("admin2");
                }),
            ),
        ];
        for (name, input) in cases {
            let events =
                from_geojson(&input, "ok.geojson", 10).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(events, vec![expected.clone()], "{name}");
        }
        let integer = feature_with(|f| f["geometry"]["coordinates"] = json!([36, 33]));
        let events = from_geojson(&integer, "ok.geojson", 10).unwrap();
        assert_eq!((events[0].longitude, events[0].latitude), (36.0, 33.0));
    }

    #[test]
    fn stops_as_soon_as_the_limit_is_passed() {
        let text = |n: usize| to_geojson(&vec![sample(); n], false);
        let cases = [
            (0, 0, Ok(0)),
            (2, 2, Ok(2)),
            (3, 2, Err(())),
            (2, 1, Err(())),
            (1, 0, Err(())),
        ];
        for (n, max, expected) in cases {
            let got = from_geojson(&text(n), "big.geojson", max);
            match (got, expected) {
                (Ok(events), Ok(len)) => assert_eq!(events.len(), len, "{n} with limit {max}"),
                (Err(e), Err(())) => {
                    let e = e.to_string();
                    assert!(e.contains(&format!("more than the {max} features")), "{e}")
                }
                (got, _) => panic!("{n} features with limit {max}: {got:?}"),
            }
        }
        // The feature after the limit is skipped unread: its own problem is not met.
        let mut bad = feature_value(&sample());
        bad["geometry"]["coordinates"] = json!([500, 1]);
        let over =
            json!({"type": "FeatureCollection", "features": [feature_value(&sample()), bad]});
        let err = from_geojson(&over.to_string(), "big.geojson", 1)
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("more than the 1 features this reader accepts"),
            "{err}"
        );
    }
}
