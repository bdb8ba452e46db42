#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints (native
# and wasm32), unit/integration/doc tests, the wasm32 build, browser tests.
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
cd "$ROOT"
setup_toolchain
setup_browser

say "cargo fmt --check"
cargo fmt --all --check

say "clippy (native)"
cargo clippy --workspace --exclude frontend --all-targets --quiet -- -D warnings
say "clippy (wasm32: the page, and shared as the page builds it)"
cargo clippy -p frontend --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
cargo clippy -p shared -p gazetteer --target wasm32-unknown-unknown --lib --quiet -- -D warnings

# The corpus tests use the index prepare_data builds.
prepare_data

say "unit, integration and doc tests (native)"
export EVENTMAP_INDEX="$ROOT/target/eventmap/gazetteer.bin"
cargo test --workspace --exclude frontend
say "page logic tests (native: dates, time window, URL state, highlighting)"
cargo test -p frontend

say "building the page (trunk, release)"
trunk build --release

say "browser tests (headless Chromium)"
node --test --test-reporter=spec frontend/tests/browser/

say "all checks passed"
