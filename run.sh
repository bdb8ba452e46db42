#!/usr/bin/env bash
# Sets up what is missing, extracts the demo corpus, serves the page at
# http://127.0.0.1:8080
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
cd "$ROOT"
setup_toolchain
prepare_data
say "serving http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve --release
