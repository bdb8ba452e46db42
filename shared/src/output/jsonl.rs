//! Events as JSONL: one GeoJSON Feature per line, for streaming tools.

use crate::event::Event;

/// Writes one Feature object per line.
pub fn to_jsonl(events: &[Event]) -> String {
    super::writer::to_string(events, super::writer::OutputFormat::Jsonl)
}
