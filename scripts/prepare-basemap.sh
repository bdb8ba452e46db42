#!/bin/sh
# Copies the offline basemap layers (Natural Earth GeoJSON, see
# /work/shared/basemap/README.md) into DEST (default: public/data/basemap)
# and writes DEST/manifest.json listing what was copied. The page reads the
# manifest first: with no manifest (no basemap) it draws a plainer map.
#
# usage: scripts/prepare-basemap.sh [DEST] [SRC]
#   SRC defaults to $EVENTMAP_BASEMAP or ../shared/basemap beside the repo.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-"$here/public/data/basemap"}
src=${2:-${EVENTMAP_BASEMAP:-"$here/../shared/basemap"}}
files="countries_10m admin1_10m syria_governorates_ne10m coastline_10m rivers_10m lakes_10m boundary_lines_land_10m populated_places_10m"

if [ ! -d "$src" ]; then
    echo "prepare-basemap: no basemap at $src; the page will draw a plain map" >&2
    exit 0
fi
mkdir -p "$dest"
list=""
for f in $files; do
    if [ -f "$src/$f.geojson" ]; then
        cp "$src/$f.geojson" "$dest/$f.geojson"
        chmod u+w "$dest/$f.geojson"
        list="$list${list:+,}\"$f\""
    else
        echo "prepare-basemap: $src/$f.geojson missing; layer skipped" >&2
    fi
done
printf '{"layers":[%s]}\n' "$list" > "$dest/manifest.json"
echo "prepare-basemap: copied to $dest: $list" >&2
