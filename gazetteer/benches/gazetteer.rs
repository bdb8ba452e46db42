//! Criterion benchmarks: matching throughput (MB/s) over news-like text with
//! the full Levant layer, index load time, and index size.
//! `cargo bench -p gazetteer -- --quick`. Skips when sources are missing.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazetteer::load::{build_index, Sources};
use gazetteer::Gazetteer;

fn index_bytes() -> Option<Vec<u8>> {
    let cached = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/eventmap/gazetteer-test.bin"
    ));
    if let Ok(b) = std::fs::read(&cached) {
        return Some(b);
    }
    let s = Sources::discover();
    if s.levant.is_none() && s.cities500.is_none() {
        eprintln!("note: no gazetteer sources; skipping benches");
        return None;
    }
    let (g, _, _) = build_index(&s).ok()?;
    let bytes = g.to_bytes();
    let _ = std::fs::create_dir_all(cached.parent()?);
    let _ = std::fs::write(&cached, &bytes);
    Some(bytes)
}

fn news_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus");
    let mut text: String = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    if text.is_empty() {
        text = "Syrian government forces advanced on Douma in Eastern Ghouta, east of Damascus, \
                while air strikes hit Maaret al-Numan in Idlib province and Ḩarastā. "
            .repeat(20);
    }
    text.repeat((1 << 20) / text.len() + 1)
}

fn benches(c: &mut Criterion) {
    let Some(bytes) = index_bytes() else { return };
    let g = Gazetteer::from_bytes(&bytes, "bench").expect("index");
    let s = g.stats();
    eprintln!(
        "index: {} places, {} names, {} keys; file {:.1} MB; automaton {:.1} MB in memory",
        s.places,
        s.names,
        s.keys,
        s.bytes as f64 / 1e6,
        s.automaton_bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("full index from bytes", |b| {
        b.iter(|| Gazetteer::from_bytes(&bytes, "bench").unwrap())
    });
    let page = g
        .subset(gazetteer::index::page_filter(
            gazetteer::load::PAGE_MIN_POPULATION,
        ))
        .to_bytes();
    eprintln!("page subset: {:.1} MB", page.len() as f64 / 1e6);
    group.bench_function("page index from bytes", |b| {
        b.iter(|| Gazetteer::from_bytes(&page, "bench").unwrap())
    });
    group.finish();

    let text = news_text();
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("find_names news text", |b| {
        b.iter(|| g.find_names(&text).len())
    });
    group.bench_function("normalize_text only", |b| {
        b.iter(|| gazetteer::normalize::normalize_text(&text).tokens.len())
    });
    group.finish();
}

criterion_group!(gaz, benches);
criterion_main!(gaz);
