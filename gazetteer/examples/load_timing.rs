//! Times the phases of loading an index file: `cargo run --release -p gazetteer --example load_timing -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("index file");
    let bytes = std::fs::read(&path).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let g = gazetteer::Gazetteer::from_bytes(&bytes, &path).unwrap();
        let total = t.elapsed();
        let s = g.stats();
        let multi = (0..s.keys).filter(|&k| g.key(k).contains(' ')).count();
        println!(
            "{path}: load {total:?}; {} keys of which {multi} multi-word",
            s.keys
        );
    }
}
