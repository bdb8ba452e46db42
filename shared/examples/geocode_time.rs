//! CPU time of `Geocoder::resolve_text` (this thread's, from
//! `/proc/thread-self/schedstat`, so other jobs on a shared machine count
//! less than in wall time), best of N runs, one article per call as the
//! pipeline calls it; each run reads the inputs at least 5 MB.
//!
//! `cargo run --release -p shared --example geocode_time -- [RUNS] [--match] INPUT...`
//! (`--match`: the gazetteer's name matching alone)
//!
//! Inputs: a `.jsonl` corpus (e.g. `examples/synth_corpus` 5 MB, seed 1)
//! or a directory of `.txt` articles (repeated to ~1 MB, as the criterion
//! bench does). The index is `$EVENTMAP_INDEX`, else
//! `target/eventmap/gazetteer.bin`.

use std::path::Path;

use shared::geocode::Geocoder;
use shared::ingest::jsonl::{JsonlStream, LineOutcome};

/// CPU time of this thread in nanoseconds.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat")
}

fn texts(input: &str) -> Vec<String> {
    let path = Path::new(input);
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .expect("directory")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let bytes = std::fs::read(&f).expect("article");
            out.extend(
                shared::ingest::read_bytes(&f.display().to_string(), &bytes, None)
                    .articles
                    .into_iter()
                    .map(|a| a.text),
            );
        }
        let len: usize = out.iter().map(String::len).sum();
        let n = out.len() * ((1 << 20) / len.max(1) + 1);
        out.iter().cycle().take(n).cloned().collect()
    } else {
        let bytes = std::fs::read(path).expect("corpus");
        JsonlStream::new(input, bytes.as_slice())
            .filter_map(|o| match o {
                LineOutcome::Article(a, _) => Some(a.text),
                _ => None,
            })
            .collect()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = match args.first().and_then(|a| a.parse().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 5,
    };
    // `--match`: time only the gazetteer's matching (normalize_and_find).
    let match_only = args.first().is_some_and(|a| a == "--match");
    if match_only {
        args.remove(0);
    }
    let index = std::env::var_os(gazetteer::load::INDEX_ENV).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/eventmap/gazetteer.bin"),
        Into::into,
    );
    let bytes = std::fs::read(&index)?;
    let geocoder = Geocoder::new(gazetteer::Gazetteer::from_bytes(&bytes, "gazetteer.bin")?);
    for input in &args {
        let texts = texts(input);
        let len: usize = texts.iter().map(String::len).sum();
        // At least 5 MB a run: the clock may tick in milliseconds.
        let reps = (5 << 20) / len.max(1) + 1;
        let len = len * reps;
        let mut times = Vec::new();
        let mut mentions = 0;
        for _ in 0..runs {
            let t = thread_cpu_ns();
            for _ in 0..reps {
                mentions = if match_only {
                    texts
                        .iter()
                        .map(|t| geocoder.gazetteer().find_names(t).len())
                        .sum::<usize>()
                } else {
                    texts
                        .iter()
                        .map(|t| geocoder.resolve_text(t).mentions.len())
                        .sum::<usize>()
                };
            }
            times.push(thread_cpu_ns() - t);
        }
        let best = *times.iter().min().expect("a run") as f64 / 1e9;
        let all: Vec<String> = times
            .iter()
            .map(|&t| format!("{:.1}", len as f64 / (t as f64 / 1e9) / 1e6))
            .collect();
        println!(
            "{input}: {len} bytes, {} texts, {mentions} mentions; best {:.1} MB/s ({:.1} MiB/s) CPU; runs MB/s {}",
            texts.len(),
            len as f64 / best / 1e6,
            len as f64 / best / (1 << 20) as f64,
            all.join(" ")
        );
    }
    Ok(())
}
