//! Events as CSV in ACLED's column order (the columns ACLED and eventmap
//! share first, then eventmap's own), one row per event.

use crate::event::Event;

/// The header row.
pub const COLUMNS: [&str; 23] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "place_mention",
    "place_id",
    "background",
    "source_urls",
];

/// Writes events as CSV text (RFC 4180 quoting).
pub fn to_csv(events: &[Event]) -> String {
    super::writer::to_string(events, super::writer::OutputFormat::Csv)
}

/// One event's fields in [`COLUMNS`] order.
pub fn row(event: &Event) -> [String; COLUMNS.len()] {
    let p = &event.properties;
    let year = p
        .event_date
        .as_deref()
        .map(|d| d[..4].to_string())
        .unwrap_or_default();
    let sources: Vec<&str> = p
        .sources
        .iter()
        .map(|s| s.source.as_deref().unwrap_or(&s.article_id))
        .collect();
    let urls: Vec<&str> = p.sources.iter().filter_map(|s| s.url.as_deref()).collect();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        p.event_id.clone(),
        opt(&p.event_date),
        year,
        p.time_precision.to_string(),
        p.event_type.label().to_string(),
        p.sub_event_type.label().to_string(),
        opt(&p.actor1),
        opt(&p.actor2),
        p.country.clone(),
        p.country.clone(),
        opt(&p.admin1),
        opt(&p.admin2),
        p.location.clone(),
        format!("{:.6}", event.latitude),
        format!("{:.6}", event.longitude),
        p.geo_precision.to_string(),
        sources.join("; "),
        p.notes.clone(),
        p.fatalities.map(|f| f.to_string()).unwrap_or_default(),
        p.place_mention.clone(),
        p.place_id.clone(),
        p.background.to_string(),
        urls.join(" "),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::geojson::from_geojson;

    #[test]
    fn writes_header_and_quoted_rows() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[36.4,33.57]},"properties":{"event_id":"e1","event_date":"2018-04-06","time_precision":1,"event_type":"Battles","sub_event_type":"Armed clash","actor1":null,"actor2":null,"location":"Douma","admin1":null,"admin2":null,"country":"SY","geo_precision":2,"place_mention":"Douma","place_id":"geonames:170592","fatalities":null,"notes":"Clashes, \"heavy\", in Douma.","sources":[],"background":false}}]}"#;
        let events = from_geojson(text, "t", 10).unwrap();
        let csv = to_csv(&events);
        let mut lines = csv.lines();
        assert_eq!(lines.next().unwrap().split(',').count(), COLUMNS.len());
        let row = lines.next().unwrap();
        assert!(
            row.starts_with("e1,2018-04-06,2018,1,Battles,Armed clash,"),
            "{row}"
        );
        assert!(row.contains(r#""Clashes, ""heavy"", in Douma.""#), "{row}");
    }
}
