//! A reproducible synthetic news corpus for benchmarks: real sentences
//! recombined, with their place names swapped for other places from the
//! gazetteer, by a fixed-seed generator. Committed as code, not as data.

use crate::geocode::Geocoder;
use std::io::Write;

/// A small, fast, seedable generator (xorshift64*): the same seed gives the
/// same corpus on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The material of the synthetic corpus: every sentence of `articles`, and
/// the names of Syrian towns and villages to swap in for their places.
pub fn material(geocoder: &Geocoder, articles: &[crate::Article]) -> (Vec<String>, Vec<String>) {
    let sentences = articles
        .iter()
        .flat_map(|a| {
            crate::sentence::sentences(&a.text)
                .into_iter()
                .map(|r| a.text[r].to_string())
        })
        .collect();
    let places = geocoder
        .gazetteer()
        .places()
        .iter()
        .filter(|p| {
            p.country == "SY" && p.kind == gazetteer::PlaceKind::Locality && p.name.is_ascii()
        })
        .map(|p| p.name.clone())
        .collect();
    (sentences, places)
}

/// Writes JSONL articles of recombined sentences until `target_bytes` are
/// written. `sentences` are real sentences; `places` names to swap in.
/// Returns the number of articles written.
pub fn write_corpus(
    out: &mut dyn Write,
    geocoder: &Geocoder,
    sentences: &[String],
    places: &[String],
    target_bytes: u64,
    seed: u64,
) -> std::io::Result<u64> {
    assert!(
        !sentences.is_empty() && !places.is_empty(),
        "need sentences and places"
    );
    let mut rng = Rng::new(seed);
    // Where each sentence names a place, so swapping is a splice.
    let templates: Vec<(String, Vec<std::ops::Range<usize>>)> = sentences
        .iter()
        .map(|s| {
            let spans = geocoder
                .resolve_text(s)
                .mentions
                .into_iter()
                .map(|m| m.span)
                .collect();
            (s.clone(), spans)
        })
        .collect();
    let mut written = 0u64;
    let mut articles = 0u64;
    let start = chrono::NaiveDate::from_ymd_opt(2012, 1, 1).expect("valid date");
    while written < target_bytes {
        let mut text = String::new();
        for _ in 0..(8 + rng.below(25)) {
            let (sentence, spans) = &templates[rng.below(templates.len())];
            let mut last = 0;
            for span in spans {
                text.push_str(&sentence[last..span.start]);
                text.push_str(&places[rng.below(places.len())]);
                last = span.end;
            }
            text.push_str(&sentence[last..]);
            text.push(if rng.below(3) == 0 { '\n' } else { ' ' });
        }
        let date = start + chrono::Duration::days(rng.below(3000) as i64);
        let line = serde_json::json!({
            "id": format!("synthetic-{articles}"),
            "date": date.format("%Y-%m-%d").to_string(),
            "source": "synthetic",
            "text": text,
        })
        .to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        articles += 1;
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_reproducible() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }
}
