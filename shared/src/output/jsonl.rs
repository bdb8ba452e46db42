//! Events as JSONL: one GeoJSON Feature per line, for streaming tools.

use crate::event::Event;

/// Writes one Feature object per line.
pub fn to_jsonl(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        out.push_str(&super::geojson::feature_value(event).to_string());
        out.push('\n');
    }
    out
}
