//! Dumps every result of `Geocoder::resolve_text` (and of `explain` for the
//! scored sentence sets) as JSON lines, so that a change meant to keep the
//! results (a speed-up) can be checked byte for byte: dump before, dump
//! after, `cmp`.
//!
//! `cargo run --release -p shared --example geocode_dump -- [--variants] INPUT... > OUT.jsonl`
//!
//! Inputs: a directory (its `.txt` articles, ingested as the pipeline
//! does), a `.jsonl` corpus (each article's text, e.g. from
//! `examples/synth_corpus`), a `.tsv` sentence set (the `sentence` column,
//! one text each and all of them as one text; and `explain` of
//! `expected_mention` in its sentence) or a `.txt` sentence list (one a
//! line, `#` comments). `--variants` also resolves each text in upper
//! case, in lower case and with every word capitalised. The index is
//! `$EVENTMAP_INDEX`, else `target/eventmap/gazetteer.bin`.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::{json, Value};
use shared::geocode::{Geocoder, ResolvedPlace, ResolvedText};
use shared::ingest::jsonl::{JsonlStream, LineOutcome};

fn place(p: &ResolvedPlace) -> Value {
    json!({
        "place_id": p.place_id,
        "location": p.location,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "geo_precision": p.geo_precision,
        "kind": format!("{:?}", p.kind),
        "variant": p.variant,
        "rule": p.rule,
        "score": p.score,
    })
}

fn resolved(r: &ResolvedText) -> Value {
    json!({
        "mentions": r.mentions.iter().map(|m| json!({
            "span": [m.span.start, m.span.end],
            "phrase_span": [m.phrase_span.start, m.phrase_span.end],
            "place_mention": m.place_mention,
            "place": place(&m.place),
        })).collect::<Vec<_>>(),
        "focus": r.focus.as_ref().map(place),
        "unresolved": r.unresolved.iter().map(|u| json!({
            "span": [u.span.start, u.span.end],
            "text": u.text,
        })).collect::<Vec<_>>(),
    })
}

/// Every word with its first letter in upper case.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_alpha = false;
    for c in text.chars() {
        if c.is_alphabetic() && !prev_alpha {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_alpha = c.is_alphabetic();
    }
    out
}

struct Dump<'g, W: Write> {
    geocoder: &'g Geocoder,
    out: W,
    variants: bool,
    texts: usize,
    mentions: usize,
}

impl<W: Write> Dump<'_, W> {
    fn text(&mut self, source: &str, i: usize, text: &str) -> std::io::Result<()> {
        let mut forms = vec![("as written", text.to_string())];
        if self.variants {
            forms.push(("upper", text.to_uppercase()));
            forms.push(("lower", text.to_lowercase()));
            forms.push(("title", title_case(text)));
        }
        for (form, t) in forms {
            let r = self.geocoder.resolve_text(&t);
            self.texts += 1;
            self.mentions += r.mentions.len();
            let line = json!({"source": source, "i": i, "form": form, "result": resolved(&r)});
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn explain(
        &mut self,
        source: &str,
        i: usize,
        name: &str,
        context: &str,
    ) -> std::io::Result<()> {
        let cands = self.geocoder.explain(name, Some(context));
        let line = json!({
            "source": source,
            "i": i,
            "explain": name,
            "candidates": cands.iter().map(|c| json!({
                "chosen": c.chosen,
                "place": place(&c.place),
            })).collect::<Vec<_>>(),
        });
        writeln!(self.out, "{line}")
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut variants = false;
    let mut inputs = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--variants" {
            variants = true;
        } else {
            inputs.push(a);
        }
    }
    if inputs.is_empty() {
        eprintln!("usage: geocode_dump [--variants] INPUT... > OUT.jsonl");
        std::process::exit(2);
    }
    let index = std::env::var_os(gazetteer::load::INDEX_ENV).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/eventmap/gazetteer.bin"),
        Into::into,
    );
    let bytes = std::fs::read(&index)?;
    let geocoder = Geocoder::new(gazetteer::Gazetteer::from_bytes(&bytes, "gazetteer.bin")?);
    let stdout = std::io::stdout();
    let mut d = Dump {
        geocoder: &geocoder,
        out: BufWriter::new(stdout.lock()),
        variants,
        texts: 0,
        mentions: 0,
    };
    for input in &inputs {
        let path = Path::new(input);
        let name = path
            .file_name()
            .map_or(input.clone(), |n| n.to_string_lossy().into_owned());
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            let mut i = 0;
            for f in files {
                let bytes = std::fs::read(&f)?;
                for a in shared::ingest::read_bytes(&f.display().to_string(), &bytes, None).articles
                {
                    d.text(&name, i, &a.text)?;
                    i += 1;
                }
            }
        } else if input.ends_with(".jsonl") {
            let bytes = std::fs::read(path)?;
            let mut i = 0;
            for outcome in JsonlStream::new(input, bytes.as_slice()) {
                if let LineOutcome::Article(a, _) = outcome {
                    d.text(&name, i, &a.text)?;
                    i += 1;
                }
            }
        } else if input.ends_with(".tsv") {
            let content = std::fs::read_to_string(path)?;
            let rows: Vec<Vec<&str>> = content
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split('\t').collect())
                .collect();
            for (i, r) in rows.iter().enumerate() {
                d.text(&name, i, r[0])?;
                if let Some(m) = r.get(1).filter(|m| !m.is_empty()) {
                    d.explain(&name, i, m, r[0])?;
                }
            }
            let all: Vec<&str> = rows.iter().map(|r| r[0]).collect();
            d.text(&name, rows.len(), &all.join(" "))?;
        } else {
            let content = std::fs::read_to_string(path)?;
            let lines: Vec<&str> = content
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .collect();
            for (i, l) in lines.iter().enumerate() {
                d.text(&name, i, l)?;
            }
            d.text(&name, lines.len(), &lines.join("\n"))?;
        }
    }
    d.out.flush()?;
    eprintln!("{} texts, {} mentions", d.texts, d.mentions);
    Ok(())
}
