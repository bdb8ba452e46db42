//! # shared: eventmap's library
//!
//! Turns news reporting on armed conflict into a dated, sourced, mapped event
//! dataset. The same code runs natively (the `eventmap` command) and in the
//! browser (wasm32), so it is plain Rust with no file system in its core.
//!
//! ```text
//! bytes -> ingest -> Article -> sentences -> extract -> geocode -> merge -> GeoJSON
//! ```
//!
//! | module | concern |
//! |---|---|
//! | [`ingest`] | text, JSONL and HTML in; noise out |
//! | [`sentence`] | sentence boundaries, with byte spans |
//! | [`extract`] | triggers, actors, fatalities, dates per sentence |
//! | [`geocode`] | place mentions → gazetteer records, with precision and the rule used |
//! | [`merge`] | the same event from several reports → one event |
//! | [`pipeline`] | all of the above for a set of articles |
//! | [`window`] | long texts cut into windows of bounded size |
//! | [`output`] | GeoJSON, CSV, JSONL out (and GeoJSON back in) |
//! | [`event`] | the ACLED-style event schema |
//!
//! ```
//! use shared::ingest::read_bytes;
//!
//! let input = b"date: 2018-04-07\n\nAir strikes killed 40 civilians on Friday.";
//! let ingested = read_bytes("report.txt", input, None);
//! assert_eq!(ingested.articles[0].date_string().as_deref(), Some("2018-04-07"));
//! ```

pub mod article;
pub mod error;
pub mod event;
pub mod extract;
pub mod geocode;
pub mod id;
pub mod ingest;
pub mod merge;
pub mod output;
pub mod pipeline;
pub mod sentence;
pub mod synthetic;
pub mod window;

pub use article::Article;
pub use error::{Error, Result};
pub use event::{Event, EventProperties, EventType, SourceRef, SubEventType};
