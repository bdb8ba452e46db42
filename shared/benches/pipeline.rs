//! End-to-end throughput: ingest + extraction + geocoding (+ merging) of a
//! reproducible synthetic corpus, on one core, with the full gazetteer; and
//! `Geocoder::resolve_text` alone, per article, on a 5 MB synthetic corpus
//! (seed 1) and on the five demo articles.
//!
//! Run: `cargo bench -p shared --bench pipeline` (after `./run.sh` or
//! `eventmap gazetteer build`, which writes target/eventmap/gazetteer.bin);
//! `-- geocode` runs only the geocoder cases. `EVENTMAP_BENCH_MB` sets the
//! pipeline corpus size (default 50).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shared::geocode::Geocoder;
use shared::ingest::jsonl::{JsonlStream, LineOutcome};
use shared::pipeline::Pipeline;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn load_geocoder() -> Option<Geocoder> {
    let path = root().join("target/eventmap/gazetteer.bin");
    let bytes = std::fs::read(&path).ok()?;
    Some(Geocoder::new(
        gazetteer::Gazetteer::from_bytes(&bytes, "gazetteer.bin").ok()?,
    ))
}

/// The demo articles, as ingested.
fn demo_articles() -> Vec<shared::Article> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut articles = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let bytes = std::fs::read(path).unwrap();
        articles
            .extend(shared::ingest::read_bytes(&path.display().to_string(), &bytes, None).articles);
    }
    articles
}

/// Real sentences from the demo corpus, and Syrian place names to swap in.
fn material(geocoder: &Geocoder) -> (Vec<String>, Vec<String>) {
    shared::synthetic::material(geocoder, &demo_articles())
}

/// The article texts of a synthetic JSONL corpus.
fn texts_of(corpus: &[u8]) -> Vec<String> {
    JsonlStream::new("bench.jsonl", corpus)
        .filter_map(|outcome| match outcome {
            LineOutcome::Article(article, _) => Some(article.text),
            _ => None,
        })
        .collect()
}

/// `resolve_text` throughput, one article at a time, as the pipeline calls it.
fn geocode(c: &mut Criterion, geocoder: &Geocoder, sentences: &[String], places: &[String]) {
    let mut corpus = Vec::new();
    shared::synthetic::write_corpus(&mut corpus, geocoder, sentences, places, 5 << 20, 1).unwrap();
    let synthetic = texts_of(&corpus);
    // The demo articles repeated to ~1 MB, so one iteration is long enough.
    let demo: Vec<String> = demo_articles().into_iter().map(|a| a.text).collect();
    let demo_len: usize = demo.iter().map(String::len).sum();
    let demo: Vec<String> = demo
        .iter()
        .cycle()
        .take(demo.len() * ((1 << 20) / demo_len + 1))
        .cloned()
        .collect();
    let mut group = c.benchmark_group("geocode");
    group.sample_size(10);
    for (name, texts) in [("synthetic 5 MB", &synthetic), ("demo articles", &demo)] {
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("resolve_text {name}"), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| geocoder.resolve_text(t).mentions.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let Some(geocoder) = load_geocoder() else {
        eprintln!("pipeline bench skipped: no target/eventmap/gazetteer.bin (run ./run.sh or eventmap gazetteer build)");
        return;
    };
    let megabytes: u64 = std::env::var("EVENTMAP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let (sentences, places) = material(&geocoder);
    geocode(c, &geocoder, &sentences, &places);
    let mut corpus = Vec::new();
    let articles = shared::synthetic::write_corpus(
        &mut corpus,
        &geocoder,
        &sentences,
        &places,
        megabytes << 20,
        42,
    )
    .unwrap();
    eprintln!(
        "corpus: {} MB, {articles} articles, {} sentence templates, {} places",
        corpus.len() >> 20,
        sentences.len(),
        places.len()
    );
    let pipeline = Pipeline::new(geocoder);
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.len() as u64));
    group.bench_function(format!("extract+geocode+merge {megabytes} MB"), |b| {
        b.iter(|| {
            let mut events = Vec::new();
            for outcome in JsonlStream::new("bench.jsonl", corpus.as_slice()) {
                if let LineOutcome::Article(article, _) = outcome {
                    events.extend(pipeline.extract_article(&article).events);
                }
            }
            pipeline.finish(events).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
