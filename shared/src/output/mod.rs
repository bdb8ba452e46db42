//! Writing events: GeoJSON (and reading it back), CSV in ACLED's column
//! order, and JSONL (one Feature a line), all through one streaming
//! [`writer::EventWriter`].

pub mod csv;
pub mod geojson;
pub mod jsonl;
pub mod writer;
