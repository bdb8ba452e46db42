#!/usr/bin/env bash
# The command line on the synthetic corpus: wall time and peak RSS with one
# thread and with all cores, at 50 MB and 500 MB (RSS must not grow with
# input size). Prints a table; inputs are generated under target/bench/.
#   scripts/bench-cli.sh [SIZES_MB...]   (default: 50 500)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-50 500}")
read -r -a sizes <<<"${sizes[*]}"
cargo build --release -p eventmap -p shared --example synth_corpus --quiet
[ -f target/eventmap/gazetteer.bin ] || target/release/eventmap gazetteer build -o target/eventmap/gazetteer.bin >/dev/null 2>&1
mkdir -p target/bench
printf '%-8s %-6s %10s %12s %10s %8s\n' "input" "jobs" "wall s" "MB/s" "peak RSS MB" "events"
for mb in "${sizes[@]}"; do
  corpus="target/bench/synthetic-${mb}mb.jsonl"
  [ -f "$corpus" ] || target/release/examples/synth_corpus "$mb" "$corpus" 42 2>/dev/null
  for jobs in 1 "$(nproc)"; do
    log="target/bench/time-${mb}-${jobs}.log"
    /usr/bin/time -v target/release/eventmap extract "$corpus" --jobs "$jobs" --quiet \
      --index target/eventmap/gazetteer.bin -o "target/bench/out-${mb}.geojson" 2>"$log" || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    events=$(grep -o '[0-9]* events written' "$log" | grep -o '^[0-9]*' || echo "?")
    rate=$(awk -v mb="$mb" -v s="$wall" 'BEGIN { if (s > 0) printf "%.1f", mb / s; else print "?" }')
    printf '%-8s %-6s %10s %12s %10s %8s\n' "${mb} MB" "$jobs" "$wall" "$rate" "$rss" "$events"
  done
done
