//! The map: created once its `NodeRef` is mounted, kept in context, removed on
//! cleanup. The events layer follows the `visible` memo through an Effect.

use crate::maplibre::{
    js, js_text, AttributionControl, Map, Marker, NavigationControl, ScaleControl,
};
use crate::model::{AppState, Bounds, Item, View};
use crate::{dom, style};
use js_sys::{Array, Reflect};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::fmt::Write as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The map handle, shared through context.
#[derive(Clone, Copy)]
pub struct MapCtx {
    pub map: RwSignal<Option<Map>, LocalStorage>,
    /// The style has loaded: sources and layers can be used.
    pub loaded: RwSignal<bool>,
    /// A view from the URL, applied instead of fitting to the data once.
    pub initial_view: StoredValue<Option<View>>,
    /// Whether the events source clusters (see [`wants_clusters`]).
    pub clustered: StoredValue<bool>,
}

impl MapCtx {
    pub fn new(initial_view: Option<View>) -> MapCtx {
        MapCtx {
            map: RwSignal::new_local(None),
            loaded: RwSignal::new(false),
            initial_view: StoredValue::new(initial_view),
            clustered: StoredValue::new(true),
        }
    }
}

/// West, south, east, north of the region the basemap covers.
const REGION: Bounds = [24.0, 28.0, 50.0, 43.0];

/// A place label: an HTML marker shown from a zoom that depends on its rank.
struct Label {
    #[allow(dead_code)] // kept so the marker lives as long as its label
    marker: Marker,
    element: web_sys::HtmlElement,
    min_zoom: f64,
}

#[component]
pub fn MapView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = expect_context::<MapCtx>();
    let node = NodeRef::<html::Div>::new();
    let labels = StoredValue::new_local(Vec::<Label>::new());
    let generation = StoredValue::new(0u32);
    let in_source = StoredValue::new(InSource::default());
    let fitted = StoredValue::new(0u32);

    // Create the map once the container is in the document.
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        if ctx.map.with_untracked(Option::is_some) {
            return;
        }
        let container: web_sys::HtmlElement = container.unchecked_into();
        spawn_local(async move {
            let layers = basemap_manifest().await;
            let map = create_map(&container, &layers, state, ctx, labels);
            if layers.iter().any(|l| l == "populated_places_10m") {
                if let Some(places) =
                    dom::fetch_text(&dom::data_url("basemap/populated_places_10m.geojson")).await
                {
                    add_labels(&map, &places, labels);
                }
            }
        });
    });
    on_cleanup(move || {
        if let Some(map) = ctx.map.try_get_untracked().flatten() {
            map.remove();
        }
    });

    // The events layer follows the filtered events.
    Effect::new(move |_| {
        let visible = state.visible.get();
        let ready = state.ready.get();
        if !ctx.loaded.get() {
            return;
        }
        let Some(map) = ctx.map.get_untracked() else {
            return;
        };
        let n = generation.get_value() + 1;
        generation.set_value(n);
        // Before the data: a large source must never be indexed unclustered.
        set_clustering(&map, ctx, visible.len());
        state.items.with_untracked(|items| {
            let version = state.data_version.get_value();
            in_source.update_value(|src| set_events(&map, items, version, &visible, n, src))
        });
        if ready {
            // Tests and benchmarks: the dataset is in the map from `data-gen` on.
            dom::set_root_attr("data-ready", "1");
        }
    });

    // The selected event gets a ring.
    Effect::new(move |_| {
        let selected = state.selected.get();
        if !ctx.loaded.get() {
            return;
        }
        if let Some(map) = ctx.map.get_untracked() {
            let i = selected.map_or(-1, |i| i as i64);
            map.set_filter("selected", &js(&json!(["==", ["get", "i"], i])));
        }
    });

    // Fly to an event asked for by the list.
    Effect::new(move |_| {
        let Some(i) = state.fly_to.get() else { return };
        let Some(map) = ctx.map.get_untracked() else {
            return;
        };
        let Some((lon, lat)) = state.items.with_untracked(|items| {
            items
                .get(i)
                .map(|it| (it.event.longitude, it.event.latitude))
        }) else {
            return;
        };
        let zoom = map.get_zoom().max(8.0);
        map.fly_to(&js(
            &json!({"center": [lon, lat], "zoom": zoom, "duration": 800, "essential": true}),
        ));
    });

    // Fit the map to the data when new data comes (or restore the URL's view).
    Effect::new(move |_| {
        let n = state.fit.get();
        if n == 0 || !ctx.loaded.get() || fitted.get_value() == n {
            return;
        }
        fitted.set_value(n);
        let Some(map) = ctx.map.get_untracked() else {
            return;
        };
        if let Some(v) = ctx.initial_view.try_update_value(Option::take).flatten() {
            map.jump_to(&js(&json!({"center": [v.lon, v.lat], "zoom": v.zoom})));
            return;
        }
        let (bounds, far) = state.items.with_untracked(|items| data_bounds(items));
        if let Some([w, s, e, n]) = bounds {
            map.fit_bounds(
                &js(&json!([[w, s], [e, n]])),
                &js(&json!({"padding": 50, "maxZoom": 9, "duration": 0})),
            );
        }
        if !far.is_empty() && state.message.get_untracked().is_none() {
            state.say(format!(
                "Some events lie outside the Levant ({}): zoom out to see them.",
                far.join(", ")
            ));
        }
    });

    view! { <div id="map" node_ref=node aria-label="Map of events"></div> }
}

/// Stems of the basemap files present (empty without a basemap).
async fn basemap_manifest() -> Vec<String> {
    let Some(text) = dom::fetch_text(&dom::data_url("basemap/manifest.json")).await else {
        return Vec::new();
    };
    serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.get("layers").cloned())
        .and_then(|l| serde_json::from_value::<Vec<String>>(l).ok())
        .unwrap_or_default()
}

fn create_map(
    container: &web_sys::HtmlElement,
    basemap: &[String],
    state: AppState,
    ctx: MapCtx,
    labels: StoredValue<Vec<Label>, LocalStorage>,
) -> Map {
    let mut style = style::base_style();
    let mut below = Vec::new();
    for (id, source, layers) in style::basemap_layers(basemap, |name| {
        dom::data_url(&format!("basemap/{name}.geojson"))
    }) {
        style["sources"][id] = source;
        below.extend(layers);
    }
    if let Some(layers) = style["layers"].as_array_mut() {
        // Background first, then the basemap, then the events.
        let rest = layers.split_off(1);
        layers.extend(below);
        layers.extend(rest);
    }
    let options = js(&json!({
        "style": style,
        "center": [38.3, 35.0],
        "zoom": 5.5,
        "minZoom": 0,
        "maxZoom": 15,
        "attributionControl": false,
        "renderWorldCopies": false,
        "fadeDuration": 0,
    }));
    Reflect::set(&options, &"container".into(), container).expect("options is an object");
    let map = Map::new(&options);
    map.add_control(
        &NavigationControl::new(&js(&json!({"showCompass": false}))),
        "top-right",
    );
    map.add_control(
        &ScaleControl::new(&js(&json!({"maxWidth": 120, "unit": "metric"}))),
        "bottom-left",
    );
    map.add_control(
        &AttributionControl::new(&js(
            &json!({"compact": false, "customAttribution": style::ATTRIBUTION}),
        )),
        "bottom-right",
    );

    let on = |event: &str, f: Box<dyn FnMut(JsValue)>| {
        map.on(event, Closure::wrap(f).into_js_value().unchecked_ref());
    };
    on(
        "load",
        Box::new(move |_| {
            ctx.loaded.set(true);
            dom::set_root_attr("data-map", "loaded");
        }),
    );
    let for_move = map.clone();
    on(
        "moveend",
        Box::new(move |_| {
            let c = for_move.get_center();
            state.view.set(Some(View {
                lon: c.lng(),
                lat: c.lat(),
                zoom: for_move.get_zoom(),
            }));
            let b = for_move.get_bounds();
            state
                .bounds
                .set(Some([b.west(), b.south(), b.east(), b.north()] as Bounds));
            let zoom = for_move.get_zoom();
            labels.with_value(|labels| show_labels(labels, zoom));
            set_clustering(&for_move, ctx, state.visible.with_untracked(|v| v.len()));
        }),
    );
    let on_layer = |event: &str, layer: &str, f: Box<dyn FnMut(JsValue)>| {
        map.on_layer(
            event,
            layer,
            Closure::wrap(f).into_js_value().unchecked_ref(),
        );
    };
    on_layer(
        "click",
        "events",
        Box::new(move |e| {
            if let Some(i) = first_feature_index(&e) {
                state.selected.set(Some(i));
            }
        }),
    );
    let for_cluster = map.clone();
    on_layer(
        "click",
        "clusters",
        Box::new(move |e| {
            let Ok(ll) = Reflect::get(&e, &"lngLat".into()) else {
                return;
            };
            let options = js(&json!({"zoom": for_cluster.get_zoom() + 2.0, "duration": 500}));
            let _ = Reflect::set(&options, &"center".into(), &ll);
            for_cluster.ease_to(&options);
        }),
    );
    for layer in ["events", "clusters"] {
        let canvas = map.get_canvas();
        on_layer(
            "mouseenter",
            layer,
            Box::new(move |_| {
                let _ = canvas.style().set_property("cursor", "pointer");
            }),
        );
        let canvas = map.get_canvas();
        on_layer(
            "mouseleave",
            layer,
            Box::new(move |_| {
                let _ = canvas.style().set_property("cursor", "");
            }),
        );
    }

    // Test and benchmark hooks: the map itself, for queryRenderedFeatures.
    let hooks = js_sys::Object::new();
    let _ = Reflect::set(&hooks, &"map".into(), &map);
    let _ = Reflect::set(
        &web_sys::window().expect("window").into(),
        &"__eventmap".into(),
        &hooks,
    );

    ctx.map.set(Some(map.clone()));
    map
}

/// `e.features[0].properties.i` of a layer click.
fn first_feature_index(e: &JsValue) -> Option<usize> {
    let features: Array = Reflect::get(e, &"features".into()).ok()?.dyn_into().ok()?;
    let props = Reflect::get(&features.get(0), &"properties".into()).ok()?;
    let i = Reflect::get(&props, &"i".into()).ok()?.as_f64()?;
    Some(i as usize)
}

/// What the events source holds: which items, of which data.
#[derive(Default)]
struct InSource {
    /// `AppState::data_version` of the items the indices refer to (new
    /// data: start over).
    version: u64,
    /// Ascending item indices in the source.
    indices: Vec<usize>,
}

/// One feature as JSON text: only what the layers and tests need (index as
/// the feature id and `i`, day, type, fatalities, added).
fn write_feature(text: &mut String, i: usize, it: &Item) {
    let _ = write!(
        text,
        r#"{{"type":"Feature","id":{i},"geometry":{{"type":"Point","coordinates":[{},{}]}},"properties":{{"i":{i},"d":{},"t":{},"f":{},"a":{}}}}}"#,
        it.event.longitude,
        it.event.latitude,
        it.day.unwrap_or(0),
        it.type_index,
        it.event.properties.fatalities.unwrap_or(0),
        u8::from(it.added),
    );
}

fn features_text(items: &[Item], indices: impl Iterator<Item = usize>) -> String {
    let mut text = String::new();
    text.push('[');
    for (n, i) in indices.enumerate() {
        if n > 0 {
            text.push(',');
        }
        write_feature(&mut text, i, &items[i]);
    }
    text.push(']');
    text
}

/// Brings the events source to the visible events. A small change (a slider
/// step, above all in cumulative mode) goes as a diff (`updateData`: only the
/// events that enter or leave cross to the worker); a large one, or new data,
/// replaces the source (`setData`). The text is built in Rust and parsed once
/// by the browser. Marks `<html data-gen>` now and `data-drawn` once the map
/// is idle again, so that tests and benchmarks know when it has drawn.
fn set_events(
    map: &Map,
    items: &[Item],
    version: u64,
    visible: &[usize],
    generation: u32,
    in_source: &mut InSource,
) {
    let Some(source) = map.get_source("events") else {
        return;
    };
    let same_data = in_source.version == version && !in_source.indices.is_empty();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    if same_data {
        // Both lists ascend: one merge pass.
        let (old, new) = (&in_source.indices, visible);
        let (mut a, mut b) = (0, 0);
        while a < old.len() || b < new.len() {
            match (old.get(a), new.get(b)) {
                (Some(x), Some(y)) if x == y => (a, b) = (a + 1, b + 1),
                (Some(x), Some(y)) if x < y => (removed.push(*x), a += 1).1,
                (Some(x), None) => (removed.push(*x), a += 1).1,
                (_, Some(y)) => (added.push(*y), b += 1).1,
                (None, None) => unreachable!(),
            }
        }
    }
    dom::set_root_attr("data-gen", &generation.to_string());
    if same_data && removed.len() + added.len() <= visible.len().max(64) / 2 {
        let text = format!(
            r#"{{"remove":[{}],"add":{}}}"#,
            removed
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
            features_text(items, added.into_iter()),
        );
        catch(source.update_data(&js_text(&text)));
    } else {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":{}}}"#,
            features_text(items, visible.iter().copied())
        );
        // A large collection goes to MapLibre's worker as a blob URL that the
        // worker fetches and parses itself: parsed here, it would be built
        // once on this thread and cloned again into the worker (a million
        // events: two copies of ~1 GB, and the renderer ran out of memory).
        match dom::blob_url(&text, "application/geo+json") {
            Ok(url) if visible.len() > LARGE_SOURCE => {
                let promise = source.set_data(&JsValue::from_str(&url));
                spawn_local(async move {
                    settle(promise).await;
                    let _ = web_sys::Url::revoke_object_url(&url);
                });
            }
            _ => catch(source.set_data(&js_text(&text))),
        }
    }
    in_source.version = version;
    in_source.indices = visible.to_vec();
    let done =
        Closure::once_into_js(move || dom::set_root_attr("data-drawn", &generation.to_string()));
    map.once("idle", done.unchecked_ref());
}

/// Clusters show only when zoomed out far (tile zoom <= clusterMaxZoom);
/// nearer in, an unclustered source updates much faster (no supercluster
/// index to rebuild on every slider step). A large source always clusters:
/// unclustered, MapLibre's worker tiles every point itself (geojson-vt), and
/// a million events took more than its 3.5 GB heap.
fn wants_clusters(zoom: f64, events: usize) -> bool {
    zoom < f64::from(style::CLUSTER_MAX_ZOOM + 1) || events > LARGE_SOURCE
}

/// Turns clustering on or off as [`wants_clusters`] says, if it changes.
fn set_clustering(map: &Map, ctx: MapCtx, events: usize) {
    let want = wants_clusters(map.get_zoom(), events);
    if ctx.clustered.get_value() != want {
        ctx.clustered.set_value(want);
        if let Some(source) = map.get_source("events") {
            catch(source.set_cluster_options(&js(&json!({"cluster": want}))));
        }
    }
}

/// Reports a failed source update as a warning (not an unhandled rejection).
fn catch(promise: js_sys::Promise) {
    spawn_local(settle(promise));
}

/// Waits for a source update; a failure is a warning.
async fn settle(promise: js_sys::Promise) {
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
        web_sys::console::warn_2(&"eventmap: the map did not take the events:".into(), &e);
    }
}

/// Above this many events, a full update goes to the map as a blob URL and
/// the source always clusters.
const LARGE_SOURCE: usize = 200_000;

/// West, south, east, north of the dated events.
fn data_bounds(items: &[Item]) -> (Option<Bounds>, Vec<String>) {
    let dated: Vec<&Item> = items.iter().filter(|it| it.day.is_some()).collect();
    let in_region = |it: &&Item| {
        let (x, y) = (it.event.longitude, it.event.latitude);
        (REGION[0]..=REGION[2]).contains(&x) && (REGION[1]..=REGION[3]).contains(&y)
    };
    // Fit to the region's events; far ones (a UN vote in New York) are named
    // in the status line instead of zooming the map out to the world.
    let (near, far): (Vec<&Item>, Vec<&Item>) = dated.into_iter().partition(in_region);
    let (fit, far) = if near.is_empty() {
        (far, Vec::new())
    } else {
        (near, far)
    };
    let mut b: Option<Bounds> = None;
    for it in fit {
        let (x, y) = (it.event.longitude, it.event.latitude);
        b = Some(match b {
            None => [x, y, x, y],
            Some([w, s, e, n]) => [w.min(x), s.min(y), e.max(x), n.max(y)],
        });
    }
    let mut far_places: Vec<String> = far
        .iter()
        .map(|it| it.event.properties.location.clone())
        .collect();
    far_places.sort();
    far_places.dedup();
    // A single place: open a little around it.
    let b = b.map(|[w, s, e, n]| {
        let pad = if e - w < 0.05 && n - s < 0.05 {
            0.1
        } else {
            0.0
        };
        [w - pad, s - pad, e + pad, n + pad]
    });
    (b, far_places)
}

/// Adds the Natural Earth populated places as HTML labels (text nodes only).
fn add_labels(map: &Map, geojson: &str, labels: StoredValue<Vec<Label>, LocalStorage>) {
    let Ok(value) = serde_json::from_str::<Value>(geojson) else {
        return;
    };
    let Some(features) = value.get("features").and_then(Value::as_array) else {
        return;
    };
    let document = dom::document();
    let mut out = Vec::new();
    for f in features {
        let p = &f["properties"];
        let (Some(name), Some(coords)) = (
            p["NAMEASCII"].as_str().or(p["NAME"].as_str()),
            f["geometry"]["coordinates"].as_array(),
        ) else {
            continue;
        };
        let (Some(lon), Some(lat)) = (
            coords.first().and_then(Value::as_f64),
            coords.get(1).and_then(Value::as_f64),
        ) else {
            continue;
        };
        let rank = p["SCALERANK"].as_f64().unwrap_or(10.0);
        let syria = p["ISO_A2"].as_str() == Some("SY");
        // Capitals from zoom 3.5; Syrian towns from about 5.5; others later.
        let min_zoom = 3.0 + rank * 0.45 - if syria { 1.5 } else { 0.0 };
        let Ok(element) = document.create_element("div") else {
            continue;
        };
        element.set_class_name(if syria {
            "place-label syria"
        } else {
            "place-label"
        });
        element.set_text_content(Some(name));
        let element: web_sys::HtmlElement = element.unchecked_into();
        let options = js(&json!({"anchor": "left", "offset": [3, 0]}));
        let _ = Reflect::set(&options, &"element".into(), &element);
        let coords = Array::of2(&lon.into(), &lat.into());
        let marker = Marker::new(&options).set_lng_lat(&coords).add_to(map);
        out.push(Label {
            marker,
            element,
            min_zoom,
        });
    }
    let zoom = map.get_zoom();
    show_labels(&out, zoom);
    labels.set_value(out);
}

fn show_labels(labels: &[Label], zoom: f64) {
    for l in labels {
        let _ = l.element.style().set_property(
            "visibility",
            if zoom >= l.min_zoom {
                "visible"
            } else {
                "hidden"
            },
        );
    }
}
