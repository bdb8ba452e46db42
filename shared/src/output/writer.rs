//! Writing events one at a time to any `io::Write`, in any output format,
//! so a run of millions of events never holds its output text in memory.
//!
//! ```
//! use shared::output::writer::{EventWriter, OutputFormat};
//!
//! let writer = EventWriter::new(Vec::new(), OutputFormat::Geojson { pretty: false }).unwrap();
//! let bytes = writer.finish().unwrap();
//! assert_eq!(bytes, b"{\"type\":\"FeatureCollection\",\"features\":[]}\n");
//! ```

use super::csv::{row, COLUMNS};
use super::geojson::feature_value;
use crate::event::Event;
use std::io::{self, Write};

/// The formats `eventmap extract` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// An RFC 7946 FeatureCollection, pretty-printed or compact.
    Geojson { pretty: bool },
    /// ACLED's columns first (see [`COLUMNS`]).
    Csv,
    /// One GeoJSON Feature per line.
    Jsonl,
}

/// Writes a header, then each event as it comes, then a footer.
pub struct EventWriter<W: Write> {
    format: OutputFormat,
    sink: Sink<W>,
    written: usize,
}

enum Sink<W: Write> {
    Plain(W),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    /// Starts the output (a GeoJSON opening, a CSV header).
    pub fn new(out: W, format: OutputFormat) -> io::Result<Self> {
        let sink = match format {
            OutputFormat::Csv => {
                let mut csv = csv::WriterBuilder::new().from_writer(out);
                csv.write_record(COLUMNS).map_err(into_io)?;
                Sink::Csv(Box::new(csv))
            }
            OutputFormat::Geojson { pretty } => {
                let mut out = out;
                out.write_all(if pretty {
                    b"{\n  \"type\": \"FeatureCollection\",\n  \"features\": ["
                } else {
                    b"{\"type\":\"FeatureCollection\",\"features\":["
                })?;
                Sink::Plain(out)
            }
            OutputFormat::Jsonl => Sink::Plain(out),
        };
        Ok(EventWriter {
            format,
            sink,
            written: 0,
        })
    }

    /// Writes one event.
    pub fn write(&mut self, event: &Event) -> io::Result<()> {
        match (&mut self.sink, self.format) {
            (Sink::Csv(csv), _) => csv.write_record(row(event)).map_err(into_io)?,
            (Sink::Plain(out), OutputFormat::Geojson { pretty }) => {
                if self.written > 0 {
                    out.write_all(b",")?;
                }
                let value = feature_value(event);
                if pretty {
                    let text = serde_json::to_string_pretty(&value).map_err(into_io)?;
                    for line in text.lines() {
                        out.write_all(b"\n    ")?;
                        out.write_all(line.as_bytes())?;
                    }
                } else {
                    serde_json::to_writer(&mut *out, &value).map_err(into_io)?;
                }
            }
            (Sink::Plain(out), _) => {
                serde_json::to_writer(&mut *out, &feature_value(event)).map_err(into_io)?;
                out.write_all(b"\n")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// How many events were written.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Ends the output (closes the GeoJSON collection), flushes, and gives
    /// the writer back.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self.sink {
            Sink::Csv(csv) => csv.into_inner().map_err(|e| e.into_error())?,
            Sink::Plain(out) => out,
        };
        if let OutputFormat::Geojson { pretty } = self.format {
            out.write_all(if pretty && self.written > 0 {
                b"\n  ]\n}\n"
            } else {
                b"]}\n"
            })?;
        }
        out.flush()?;
        Ok(out)
    }
}

/// All `events` as text in `format` (for callers that hold the events).
pub fn to_string(events: &[Event], format: OutputFormat) -> String {
    let mut writer = EventWriter::new(Vec::new(), format).expect("writing to memory");
    for event in events {
        writer.write(event).expect("writing to memory");
    }
    let bytes = writer.finish().expect("writing to memory");
    String::from_utf8(bytes).expect("events serialise as UTF-8")
}

fn into_io(error: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(error)
}
