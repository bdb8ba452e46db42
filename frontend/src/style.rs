//! The offline map style: nothing is fetched but our own files. Background is
//! the sea; Natural Earth land, borders, governorates and water come from
//! `data/basemap/*.geojson` when `data/basemap/manifest.json` lists them;
//! without them the page still works with a plain background. No text
//! layers: MapLibre would need glyph files, so place labels are HTML markers.

use crate::model::TYPE_COLOURS;
use serde_json::{json, Value};

pub const SEA: &str = "#cfe0ea";
const LAND: &str = "#f3efe6";
const SYRIA: &str = "#fbf9f3";
const WATER: &str = "#a9c9dc";

/// Points cluster at tile zooms up to this one.
pub const CLUSTER_MAX_ZOOM: u8 = 5;

pub const ATTRIBUTION: [&str; 3] = [
    "Place data: Who's On First, GeoNames (CC BY 4.0)",
    "Made with Natural Earth",
    "© MapLibre",
];

/// The style: background plus the events source and layers.
pub fn base_style() -> Value {
    json!({
        "version": 8,
        "sources": {
            "events": {
                "type": "geojson",
                "data": {"type": "FeatureCollection", "features": []},
                "cluster": true,
                "clusterMaxZoom": CLUSTER_MAX_ZOOM,
                "clusterRadius": 30,
            }
        },
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": SEA}},
            {
                "id": "clusters", "type": "circle", "source": "events",
                "filter": ["has", "point_count"],
                "paint": {
                    "circle-color": "#5b5750",
                    "circle-opacity": 0.75,
                    "circle-stroke-color": "#ffffff",
                    "circle-stroke-width": 1.5,
                    "circle-radius": ["interpolate", ["linear"], ["get", "point_count"], 2, 8, 50, 14, 500, 22, 5000, 30],
                }
            },
            {
                "id": "events", "type": "circle", "source": "events",
                "filter": ["!", ["has", "point_count"]],
                "paint": {
                    "circle-color": colour_expression(),
                    "circle-opacity": 0.85,
                    "circle-radius": ["interpolate", ["linear"], ["coalesce", ["get", "f"], 0], 0, 4, 10, 6.5, 50, 10, 200, 16, 1000, 24],
                    "circle-stroke-color": ["case", ["==", ["get", "a"], 1], "#111111", "#ffffff"],
                    "circle-stroke-width": ["case", ["==", ["get", "a"], 1], 2.5, 1],
                }
            },
            {
                "id": "selected", "type": "circle", "source": "events",
                "filter": ["==", ["get", "i"], -1],
                "paint": {
                    "circle-color": "rgba(0,0,0,0)",
                    "circle-radius": 14,
                    "circle-stroke-color": "#111111",
                    "circle-stroke-width": 3,
                }
            }
        ]
    })
}

/// `["match", ["get", "t"], 0, colour0, 1, colour1, ...]`.
fn colour_expression() -> Value {
    let mut expr = vec![json!("match"), json!(["get", "t"])];
    for (i, c) in TYPE_COLOURS.iter().enumerate() {
        expr.push(json!(i));
        expr.push(json!(c));
    }
    expr.push(json!("#888888"));
    Value::Array(expr)
}

/// Basemap sources and the layers drawn beneath the events, for the files
/// present. `url` turns a file stem into the URL of its GeoJSON.
pub fn basemap_layers(
    present: &[String],
    url: impl Fn(&str) -> String,
) -> Vec<(String, Value, Vec<Value>)> {
    let has = |name: &str| present.iter().any(|p| p == name);
    let mut out = Vec::new();
    let mut add = |name: &str, layers: Vec<Value>| {
        if has(name) {
            out.push((
                name.to_string(),
                json!({"type": "geojson", "data": url(name)}),
                layers,
            ));
        }
    };
    add(
        "countries_10m",
        vec![
            json!({"id": "land", "type": "fill", "source": "countries_10m",
               "paint": {"fill-color": ["case", ["==", ["get", "name"], "Syria"], SYRIA, LAND]}}),
        ],
    );
    add(
        "lakes_10m",
        vec![
            json!({"id": "lakes", "type": "fill", "source": "lakes_10m", "paint": {"fill-color": WATER}}),
        ],
    );
    add(
        "rivers_10m",
        vec![
            json!({"id": "rivers", "type": "line", "source": "rivers_10m", "paint": {"line-color": WATER, "line-width": ["interpolate", ["linear"], ["zoom"], 4, 0.8, 9, 2.5]}}),
        ],
    );
    add(
        "admin1_10m",
        vec![
            json!({"id": "admin1", "type": "line", "source": "admin1_10m", "minzoom": 5,
               "filter": ["!=", ["get", "adm0_a3"], "SYR"],
               "paint": {"line-color": "#b9b0a3", "line-width": 0.6, "line-dasharray": [3, 2]}}),
        ],
    );
    add(
        "syria_governorates_ne10m",
        vec![
            json!({"id": "governorates", "type": "line", "source": "syria_governorates_ne10m",
               "paint": {"line-color": "#9b8f80", "line-width": ["interpolate", ["linear"], ["zoom"], 4, 0.6, 9, 1.6], "line-dasharray": [4, 2]}}),
        ],
    );
    add(
        "coastline_10m",
        vec![
            json!({"id": "coastline", "type": "line", "source": "coastline_10m", "paint": {"line-color": "#8fb1c6", "line-width": 0.8}}),
        ],
    );
    add(
        "boundary_lines_land_10m",
        vec![
            json!({"id": "borders", "type": "line", "source": "boundary_lines_land_10m",
               "paint": {"line-color": "#6f665b", "line-width": ["interpolate", ["linear"], ["zoom"], 4, 1, 9, 2]}}),
        ],
    );
    out
}
