//! Events of a run sorted in bounded memory: held in memory up to a limit,
//! beyond it sorted runs are spilled to anonymous temporary files (gone
//! even if the process dies) and merged back in order.
//!
//! This is what lets `eventmap extract` merge and write the events of a
//! 1 GB input without holding them all: merging needs them in date order
//! ([`shared::merge::MergeStream`]), and the output is written as the
//! merged events come.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use shared::event::{Event, EventProperties};
use shared::merge::event_order;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

/// How many MB of event data are held before a sorted run goes to disk:
/// runs of up to a few million events never touch the disk.
pub const DEFAULT_SPILL_MB: usize = 128;

/// Collects events; [`Spill::sorted`] gives them back in [`event_order`].
pub struct Spill {
    limit: usize,
    held: Vec<Event>,
    held_bytes: usize,
    runs: Vec<File>,
    count: usize,
}

/// An event as a run stores it: coordinates as bits, so they come back
/// exactly as they went (merging compares distances).
#[derive(Serialize, Deserialize)]
struct Stored {
    lon: u64,
    lat: u64,
    properties: EventProperties,
}

impl Spill {
    pub fn new(limit_bytes: usize) -> Self {
        Spill {
            limit: limit_bytes.max(1),
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
            count: 0,
        }
    }

    /// Takes an event; spills a sorted run when the limit is reached.
    pub fn push(&mut self, event: Event) -> Result<()> {
        self.held_bytes += approximate_size(&event);
        self.held.push(event);
        self.count += 1;
        if self.held_bytes >= self.limit {
            self.spill_run()?;
        }
        Ok(())
    }

    /// Events taken so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// How many runs went to disk (0 when everything fit in memory).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Every event taken, in [`event_order`].
    pub fn sorted(mut self) -> Result<Sorted> {
        if self.runs.is_empty() {
            self.held.sort_by(event_order);
            return Ok(Sorted::Memory(self.held.into_iter()));
        }
        self.spill_run()?;
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::new();
        for (run, mut file) in self.runs.into_iter().enumerate() {
            file.rewind().context("cannot reread a spilled run")?;
            let mut reader = BufReader::new(file);
            if let Some(event) = read_event(&mut reader)? {
                heap.push(Head { event, run });
            }
            readers.push(reader);
        }
        Ok(Sorted::Runs { readers, heap })
    }

    fn spill_run(&mut self) -> Result<()> {
        if self.held.is_empty() {
            return Ok(());
        }
        self.held.sort_by(event_order);
        let file =
            tempfile::tempfile().context("cannot create a temporary file to spill events")?;
        let mut out = BufWriter::new(file);
        for event in self.held.drain(..) {
            let stored = Stored {
                lon: event.longitude.to_bits(),
                lat: event.latitude.to_bits(),
                properties: event.properties,
            };
            serde_json::to_writer(&mut out, &stored)?;
            out.write_all(b"\n")?;
        }
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .context("cannot write spilled events (disk full?)")?;
        self.runs.push(file);
        self.held_bytes = 0;
        Ok(())
    }
}

/// A rough size of an event in memory: its strings plus fixed fields.
fn approximate_size(event: &Event) -> usize {
    let p = &event.properties;
    let sources: usize = p
        .sources
        .iter()
        .map(|s| {
            96 + s.article_id.len()
                + [&s.title, &s.source, &s.date, &s.url]
                    .iter()
                    .map(|v| v.as_ref().map_or(0, String::len))
                    .sum::<usize>()
        })
        .sum();
    256 + p.notes.len() + p.location.len() + p.place_mention.len() + p.place_id.len() + sources
}

fn read_event(reader: &mut BufReader<File>) -> Result<Option<Event>> {
    let mut line = String::new();
    if reader
        .read_line(&mut line)
        .context("cannot reread spilled events")?
        == 0
    {
        return Ok(None);
    }
    let stored: Stored = serde_json::from_str(&line).context("a spilled event is damaged")?;
    Ok(Some(Event {
        longitude: f64::from_bits(stored.lon),
        latitude: f64::from_bits(stored.lat),
        properties: stored.properties,
    }))
}

/// The events in order: from memory, or merged from the spilled runs.
pub enum Sorted {
    Memory(std::vec::IntoIter<Event>),
    Runs {
        readers: Vec<BufReader<File>>,
        heap: BinaryHeap<Head>,
    },
}

/// The next event of one run; the heap's top is the smallest (ties by run).
pub struct Head {
    event: Event,
    run: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        event_order(&other.event, &self.event).then(other.run.cmp(&self.run))
    }
}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}

impl Iterator for Sorted {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        match self {
            Sorted::Memory(events) => events.next().map(Ok),
            Sorted::Runs { readers, heap } => {
                let Head { event, run } = heap.pop()?;
                match read_event(&mut readers[run]) {
                    Ok(Some(next)) => heap.push(Head { event: next, run }),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
                Some(Ok(event))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: usize) -> Event {
        let date = (n % 11 != 0).then(|| format!("2018-{:02}-{:02}", 1 + n % 12, 1 + n % 28));
        let mut e = Event::sample(
            &format!("e{n}"),
            &format!("a{n}"),
            date.as_deref(),
            36.0 + n as f64 / 7.0,
            33.0 + n as f64 / 13.0,
        );
        e.properties.location = format!("place {}", n % 5);
        e.properties.fatalities = Some(n as u32);
        e
    }

    /// Whether it fits in memory or spills many runs, the same events come
    /// back in the same order, coordinates bit for bit.
    #[test]
    fn sorted_output_does_not_depend_on_spilling() {
        let events: Vec<Event> = (0..500).map(|n| event((n * 37) % 500)).collect();
        let mut expected = events.clone();
        shared::merge::sort_events(&mut expected);
        for limit in [usize::MAX, 10_000, 1] {
            let mut spill = Spill::new(limit);
            for e in events.iter().cloned() {
                spill.push(e).unwrap();
            }
            assert_eq!(spill.len(), 500);
            let runs = spill.runs();
            let sorted: Vec<Event> = spill.sorted().unwrap().map(Result::unwrap).collect();
            assert_eq!(sorted, expected, "limit {limit} ({runs} runs)");
            assert_eq!(runs > 0, limit != usize::MAX);
        }
    }
}
