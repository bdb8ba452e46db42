//! Builds the full and page indexes from the default sources and prints
//! sizes and timings: `cargo run --release -p gazetteer --example gazetteer_stats`.

use gazetteer::load::{build_command, BuildOptions};

fn main() {
    let dir = std::env::temp_dir();
    for page in [false, true] {
        let opts = BuildOptions {
            output: Some(dir.join(if page { "gaz-page.bin" } else { "gaz-full.bin" })),
            page,
            layers: vec![],
        };
        match build_command(&opts) {
            Ok(r) => println!("{r}"),
            Err(e) => println!("error: {e}"),
        }
    }
}
