//! Replays every saved fuzz input under `fuzz/regressions/<target>/` through
//! the very code the fuzz target runs (`fuzz/src/harness.rs`, included
//! here), so a crash found once stays fixed in the normal `cargo test`.
//!
//! To add one: minimise it (`cargo fuzz tmin <target> <file>`) and copy it
//! into `fuzz/regressions/<target>/` under a name saying what it tests.

#[path = "../../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every input, collecting the ones that panic (all are reported, not
/// just the first).
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 5,
        "{target}: only {} regression inputs",
        files.len()
    );
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            std::panic::catch_unwind(|| run(&bytes))
                .err()
                .map(|_| path.display().to_string())
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail again: {failed:#?}"
    );
}

#[test]
fn ingest_regressions() {
    replay("ingest", harness::ingest);
}

#[test]
fn extract_regressions() {
    replay("extract", harness::extract);
}

/// The harness itself must catch what it is there to catch: a problem that
/// does not name its file, or an empty article kept, would panic in it.
#[test]
fn the_harness_checks_what_it_claims() {
    // Every format and every way in: these must run clean.
    for input in [
        &b"\x00date: yesterday\n\nx"[..],
        b"\x01{\"text\":\"\xff\"}\n{",
        b"\x02<title>t</title>",
    ] {
        harness::ingest(input);
    }
    harness::extract(b"\x01\x10Air strikes killed 12 civilians in Douma on Friday.");
    // And the extract harness really finds events with its small gazetteer.
    let articles = [shared::Article {
        id: "h".into(),
        date: chrono::NaiveDate::from_ymd_opt(2018, 4, 7),
        text: "Syrian government air strikes killed 12 civilians in Douma on Friday.".into(),
        ..Default::default()
    }];
    let extraction = harness::pipeline().extract(&articles);
    assert_eq!(extraction.events.len(), 1, "{:?}", extraction.events);
    assert_eq!(extraction.events[0].properties.fatalities, Some(12));
}
