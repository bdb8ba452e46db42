//! Writing events: GeoJSON (and reading it back), CSV in ACLED's column
//! order, and JSONL (one Feature a line).

pub mod csv;
pub mod geojson;
pub mod jsonl;
