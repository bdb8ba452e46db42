#!/usr/bin/env bash
# Peak memory and wall time of `eventmap extract` on very large inputs:
#   * one 100 MB plain-text article (ARTICLE_MB, default 100)
#   * a 1 GB JSONL stream            (JSONL_MB,   default 1024)
# and, for comparison, a JSONL stream a tenth that size (streaming means the
# peak must not grow with the input: only the events found are kept).
#
# The inputs are generated under target/bench-memory/ (not committed) and
# reused while their size matches. Needs the index (`eventmap gazetteer
# build`) and GNU time (/usr/bin/time). Usage:
#   scripts/bench-memory.sh                 # all three
#   ARTICLE_MB=10 JSONL_MB=100 scripts/bench-memory.sh
#   scripts/bench-memory.sh jsonl           # only the JSONL runs
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
ARTICLE_MB=${ARTICLE_MB:-100}
JSONL_MB=${JSONL_MB:-1024}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET_DIR/release/eventmap
INDEX=${EVENTMAP_INDEX:-$ROOT/target/eventmap/gazetteer.bin}
WORK=$ROOT/target/bench-memory
WHICH=${1:-all}
mkdir -p "$WORK"

[ -x /usr/bin/time ] || { echo "bench-memory: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
[ -f "$INDEX" ] || { echo "bench-memory: no index at $INDEX: run eventmap gazetteer build" >&2; exit 1; }
echo "building the release binary..." >&2
cargo build --release -q -p eventmap

# Articles like real ones: mostly prose without events, an event every ~20
# lines, places and dates varied so events do not all merge into one.
# $1: "jsonl" or "text", $2: size in MB.
generate() {
    awk -v mode="$1" -v bytes="$(( $2 * 1024 * 1024 ))" 'BEGIN {
        split("Douma|Aleppo|Idlib|Homs|Hama|Daraa|Raqqa|Maarat al-Numan|Khan Sheikhoun|Deir ez-Zor|Latakia|Jisr al-Shughur", places, "|");
        split("air strikes killed|shelling killed|barrel bombs killed|a car bomb killed|clashes killed", acts, "|");
        calm[0] = "The council met on Tuesday to discuss the budget for the coming year, and officials said the roads would be repaired before winter.";
        calm[1] = "Share this article";
        calm[2] = "Prices at the central market rose again this month, traders said, blaming the weak currency and the cost of fuel.";
        calm[3] = "Advertisement";
        calm[4] = "Schools reopened after the holiday, and teachers said attendance was higher than last year in most districts.";
        written = 0;
        for (i = 0; written < bytes; i++) {
            day = sprintf("%04d-%02d-%02d", 2012 + (i % 9), 1 + (i % 12), 1 + (i % 28));
            if (i % 20 == 7) {
                text = sprintf("Syrian government %s %d civilians in %s on %s, rescuers said.", acts[1 + (i % 5)], 2 + (i % 40), places[1 + (i % 12)], day);
            } else {
                text = calm[i % 5];
            }
            if (mode == "jsonl") {
                line = sprintf("{\"id\":\"a%d\",\"date\":\"%s\",\"source\":\"Bench\",\"text\":\"%s %s\"}", i, day, text, calm[(i + 2) % 5]);
            } else {
                line = (i == 0 ? "date: 2018-04-07\n\n" : "") text "\n";
            }
            print line;
            written += length(line) + 1;
        }
    }' > "$3.tmp"
    mv "$3.tmp" "$3"
}

# $1: label, $2: input file, $3: size in MB
measure() {
    local file=$2 mb=$3
    local want=$(( mb * 1024 * 1024 ))
    if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -lt "$want" ] || [ "$(stat -c %s "$file")" -gt $(( want + 4096 )) ]; then
        echo "generating $file ($mb MB)..." >&2
        generate "$4" "$mb" "$file"
    fi
    local out=$WORK/out.geojson log=$WORK/time.log
    set +e
    /usr/bin/time -v "$BIN" extract "$file" --index "$INDEX" --quiet -o "$out" 2> "$log"
    local code=$?
    set -e
    local rss wall summary
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$log")
    summary=$(grep '^eventmap: .* articles from' "$log" | tail -1 || true)
    printf '%-28s %6s MB input   peak RSS %8s MB   wall %9s   exit %d\n' \
        "$1" "$(( $(stat -c %s "$file") / 1024 / 1024 ))" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" "$wall" "$code"
    echo "    $summary"
}

echo "index: $INDEX ($(( $(stat -c %s "$INDEX") / 1024 / 1024 )) MB)"
baseline=$WORK/tiny.txt
printf 'date: 2018-04-07\n\nSyrian government air strikes killed 12 civilians in Douma on Friday.\n' > "$baseline"
measure "baseline (one sentence)" "$baseline" 0 text
if [ "$WHICH" = all ] || [ "$WHICH" = text ]; then
    measure "single article (.txt)" "$WORK/article-${ARTICLE_MB}mb.txt" "$ARTICLE_MB" text
fi
if [ "$WHICH" = all ] || [ "$WHICH" = jsonl ]; then
    small=$(( JSONL_MB / 10 ))
    [ "$small" -ge 1 ] || small=1
    measure "JSONL stream (1/10 size)" "$WORK/stream-${small}mb.jsonl" "$small" jsonl
    measure "JSONL stream" "$WORK/stream-${JSONL_MB}mb.jsonl" "$JSONL_MB" jsonl
fi
