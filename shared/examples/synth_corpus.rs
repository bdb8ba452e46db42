//! Writes the reproducible synthetic benchmark corpus as JSONL: the demo
//! articles' sentences recombined with other Syrian places, fixed seed.
//!
//! `cargo run --release -p shared --example synth_corpus -- MEGABYTES OUT.jsonl [SEED]`
//! (needs target/eventmap/gazetteer.bin: run `eventmap gazetteer build`).

use shared::geocode::Geocoder;
use std::io::BufWriter;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mb), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: synth_corpus MEGABYTES OUT.jsonl [SEED]");
        std::process::exit(2);
    };
    let megabytes: u64 = mb.parse()?;
    let seed: u64 = args.get(2).map_or(Ok(42), |s| s.parse())?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bytes = std::fs::read(root.join("target/eventmap/gazetteer.bin"))?;
    let geocoder = Geocoder::new(gazetteer::Gazetteer::from_bytes(&bytes, "gazetteer.bin")?);
    let mut files: Vec<_> = std::fs::read_dir(root.join("corpus"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut articles = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read(path)?;
        articles
            .extend(shared::ingest::read_bytes(&path.display().to_string(), &text, None).articles);
    }
    let (templates, places) = shared::synthetic::material(&geocoder, &articles);
    let mut out = BufWriter::new(std::fs::File::create(out)?);
    let articles = shared::synthetic::write_corpus(
        &mut out,
        &geocoder,
        &templates,
        &places,
        megabytes << 20,
        seed,
    )?;
    eprintln!(
        "wrote {megabytes} MB: {articles} articles from {} sentences and {} places (seed {seed})",
        templates.len(),
        places.len()
    );
    Ok(())
}
