//! The code the fuzz targets run. It lives in `harness.rs` (no libfuzzer
//! dependency) so that `shared/tests/regressions.rs` replays the saved
//! inputs under `fuzz/regressions/<target>/` through exactly the same code.

#[path = "harness.rs"]
pub mod harness;
