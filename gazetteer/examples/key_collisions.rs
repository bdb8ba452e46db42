//! Measures the key normaliser on the Levant TSV: how many keys name two
//! different places (≥ 10 km apart) in SY LB JO IQ, and how many Latin
//! alternates of Syrian localities share their English name's key.
//! `cargo run --release -p gazetteer --example key_collisions -- ../shared/gazetteer/levant-places.tsv`
use std::collections::HashMap;

use gazetteer::normalize::{key_of_light, light};
use gazetteer::place::haversine_km;

fn main() {
    let path = std::env::args().nth(1).expect("levant-places.tsv");
    let data = std::fs::read_to_string(&path).unwrap();
    let mut by_key: HashMap<String, Vec<(usize, f64, f64)>> = HashMap::new();
    let (mut pairs, mut same) = (0usize, 0usize);
    for (row, line) in data.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 || !["SY", "LB", "JO", "IQ"].contains(&f[11]) {
            continue;
        }
        let (lat, lon): (f64, f64) = (f[8].parse().unwrap_or(0.0), f[9].parse().unwrap_or(0.0));
        let mut keys: Vec<String> = [f[5], f[6]]
            .into_iter()
            .chain(f[14].split('|'))
            .filter_map(light)
            .map(|l| key_of_light(&l))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            by_key.entry(k).or_default().push((row, lat, lon));
        }
        if f[11] == "SY" && f[3] == "locality" {
            let base = if f[6].is_empty() { f[5] } else { f[6] };
            let Some(lb) = light(base) else { continue };
            let k0 = key_of_light(&lb);
            for v in f[14].split('|') {
                let Some(lv) = light(v) else { continue };
                if lv.split(' ').count() != lb.split(' ').count()
                    || lv.chars().next() != lb.chars().next()
                {
                    continue;
                }
                pairs += 1;
                same += (key_of_light(&lv) == k0) as usize;
            }
        }
    }
    let mut colliding_keys = 0;
    let mut colliding_pairs = 0usize;
    for places in by_key.values() {
        let mut n = 0;
        for i in 0..places.len() {
            for j in i + 1..places.len() {
                if haversine_km(places[i].1, places[i].2, places[j].1, places[j].2) >= 10.0 {
                    n += 1;
                }
            }
        }
        colliding_keys += (n > 0) as usize;
        colliding_pairs += n;
    }
    println!(
        "keys {}; keys naming places >= 10 km apart: {colliding_keys} ({colliding_pairs} place pairs); \
         Syrian variants sharing the key: {same}/{pairs} ({:.1}%)",
        by_key.len(),
        100.0 * same as f64 / pairs.max(1) as f64
    );
}
