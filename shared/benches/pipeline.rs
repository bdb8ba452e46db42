//! End-to-end throughput: ingest + extraction + geocoding (+ merging) of a
//! reproducible synthetic corpus, on one core, with the full gazetteer.
//!
//! Run: `cargo bench -p shared --bench pipeline` (after `./run.sh` or
//! `eventmap gazetteer build`, which writes target/eventmap/gazetteer.bin).
//! `EVENTMAP_BENCH_MB` sets the corpus size (default 50).

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

/// Real sentences from the demo corpus, and Syrian place names to swap in.
fn material(geocoder: &Geocoder) -> (Vec<String>, Vec<String>) {
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
    shared::synthetic::material(geocoder, &articles)
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
