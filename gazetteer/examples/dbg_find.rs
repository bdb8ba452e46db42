fn main() {
    let bytes = std::fs::read("/work/main/target/eventmap/gazetteer.bin").unwrap();
    let g = gazetteer::Gazetteer::from_bytes(&bytes, "x").unwrap();
    for a in std::env::args().skip(1) {
        for m in g.find_names(&a) {
            println!("{:?} key={}", &a[m.span.clone()], g.key(m.key_id));
        }
        println!("--");
    }
}
