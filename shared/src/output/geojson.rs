//! Events as an RFC 7946 GeoJSON FeatureCollection, and back.
//!
//! Writing is deterministic: the same events give the same bytes (keys in
//! schema order, features in the order given). Reading validates: wrong types,
//! missing properties and coordinates out of range are errors naming the
//! feature, so a broken file never replaces good data half-way.

use crate::error::{Error, Result};
use crate::event::{Event, EventProperties};
use serde_json::{json, Map, Value};

/// Serialises events as a FeatureCollection (pretty-printed when `pretty`).
///
/// Written one feature at a time: a JSON tree of the whole collection would
/// take several times the memory of its text on large runs.
pub fn to_geojson(events: &[Event], pretty: bool) -> String {
    let mut out = String::with_capacity(events.len() * 1024 + 64);
    out.push_str(if pretty {
        "{\n  \"type\": \"FeatureCollection\",\n  \"features\": ["
    } else {
        "{\"type\":\"FeatureCollection\",\"features\":["
    });
    for (i, event) in events.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = feature_value(event);
        if pretty {
            let text =
                serde_json::to_string_pretty(&value).expect("serialising JSON values cannot fail");
            for line in text.lines() {
                out.push_str("\n    ");
                out.push_str(line);
            }
        } else {
            out.push_str(&value.to_string());
        }
    }
    out.push_str(if pretty && !events.is_empty() {
        "\n  ]\n}\n"
    } else {
        "]}\n"
    });
    out
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
/// At most `max_features` features are accepted, so a hostile file cannot
/// exhaust memory after parsing.
pub fn from_geojson(text: &str, file: &str, max_features: usize) -> Result<Vec<Event>> {
    let bad = |message: String| Error::BadEvents {
        file: file.to_string(),
        message,
    };
    let root: Value = serde_json::from_str(text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let root = root
        .as_object()
        .ok_or_else(|| bad("expected a GeoJSON object".into()))?;
    match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            return Err(bad(format!(
                "expected a FeatureCollection, found {other:?}"
            )))
        }
        None => return Err(bad("missing \"type\": \"FeatureCollection\"".into())),
    }
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("\"features\" must be an array".into()))?;
    if features.len() > max_features {
        return Err(bad(format!(
            "{} features is more than the {max_features} this reader accepts",
            features.len()
        )));
    }
    features
        .iter()
        .enumerate()
        .map(|(i, f)| parse_feature(f).map_err(|m| bad(format!("feature {i}: {m}"))))
        .collect()
}

fn parse_feature(value: &Value) -> std::result::Result<Event, String> {
    let feature = value.as_object().ok_or("not an object")?;
    if feature.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err("\"type\" is not \"Feature\"".into());
    }
    let coordinates = feature
        .get("geometry")
        .and_then(Value::as_object)
        .filter(|g| g.get("type").and_then(Value::as_str) == Some("Point"))
        .and_then(|g| g.get("coordinates"))
        .and_then(Value::as_array)
        .ok_or("geometry must be a Point with coordinates")?;
    let (longitude, latitude) = match coordinates.as_slice() {
        [lon, lat, ..] => (
            lon.as_f64().ok_or("longitude is not a number")?,
            lat.as_f64().ok_or("latitude is not a number")?,
        ),
        _ => return Err("a Point needs [longitude, latitude]".into()),
    };
    if !(-180.0..=180.0).contains(&longitude) || !(-90.0..=90.0).contains(&latitude) {
        return Err(format!(
            "coordinates [{longitude}, {latitude}] out of range"
        ));
    }
    let properties = feature
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("\"properties\" must be an object")?;
    let properties = parse_properties(properties)?;
    Ok(Event {
        longitude,
        latitude,
        properties,
    })
}

fn parse_properties(
    properties: &Map<String, Value>,
) -> std::result::Result<EventProperties, String> {
    let parsed: EventProperties = serde_json::from_value(Value::Object(properties.clone()))
        .map_err(|e| format!("properties: {e}"))?;
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
    Ok(parsed)
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

    #[test]
    fn rejects_broken_input_with_a_message() {
        let cases = [
            ("not json", "not JSON"),
            ("{\"type\":\"Feature\"}", "expected a FeatureCollection"),
            ("{\"type\":\"FeatureCollection\",\"features\":{}}", "must be an array"),
            (
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[500,1]},\"properties\":{}}]}",
                "out of range",
            ),
            (
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36,33]},\"properties\":{}}]}",
                "properties: missing field",
            ),
        ];
        for (input, expected) in cases {
            let err = from_geojson(input, "in.geojson", 10)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{input}: {err}");
            assert!(err.starts_with("in.geojson"), "{err}");
        }
    }

    #[test]
    fn refuses_too_many_features() {
        let text = to_geojson(&[sample(), sample()], false);
        let err = from_geojson(&text, "big.geojson", 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than the 1"), "{err}");
    }
}
