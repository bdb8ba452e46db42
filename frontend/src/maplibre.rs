//! Thin bindings to MapLibre GL JS 6 (an ES module copied by trunk into
//! `maplibre/`; its worker module sits beside it and is found from
//! `import.meta.url`). Only what the page uses.

#![allow(dead_code)]

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./maplibre/maplibre-gl.mjs")]
extern "C" {
    /// `maplibregl.Map`.
    #[derive(Clone)]
    pub type Map;
    #[wasm_bindgen(constructor, js_class = "Map")]
    pub fn new(options: &JsValue) -> Map;
    #[wasm_bindgen(method)]
    pub fn on(this: &Map, event: &str, listener: &Function);
    #[wasm_bindgen(method, js_name = on)]
    pub fn on_layer(this: &Map, event: &str, layer: &str, listener: &Function);
    #[wasm_bindgen(method)]
    pub fn once(this: &Map, event: &str, listener: &Function);
    #[wasm_bindgen(method, js_name = addSource)]
    pub fn add_source(this: &Map, id: &str, source: &JsValue);
    #[wasm_bindgen(method, js_name = addLayer)]
    pub fn add_layer(this: &Map, layer: &JsValue);
    #[wasm_bindgen(method, js_name = getSource)]
    pub fn get_source(this: &Map, id: &str) -> Option<GeoJsonSource>;
    #[wasm_bindgen(method, js_name = setFilter)]
    pub fn set_filter(this: &Map, layer: &str, filter: &JsValue);
    #[wasm_bindgen(method, js_name = setLayoutProperty)]
    pub fn set_layout_property(this: &Map, layer: &str, name: &str, value: &JsValue);
    #[wasm_bindgen(method, js_name = flyTo)]
    pub fn fly_to(this: &Map, options: &JsValue);
    #[wasm_bindgen(method, js_name = easeTo)]
    pub fn ease_to(this: &Map, options: &JsValue);
    #[wasm_bindgen(method, js_name = jumpTo)]
    pub fn jump_to(this: &Map, options: &JsValue);
    #[wasm_bindgen(method, js_name = fitBounds)]
    pub fn fit_bounds(this: &Map, bounds: &JsValue, options: &JsValue);
    #[wasm_bindgen(method, js_name = getCenter)]
    pub fn get_center(this: &Map) -> LngLat;
    #[wasm_bindgen(method, js_name = getZoom)]
    pub fn get_zoom(this: &Map) -> f64;
    #[wasm_bindgen(method, js_name = getBounds)]
    pub fn get_bounds(this: &Map) -> LngLatBounds;
    #[wasm_bindgen(method, js_name = queryRenderedFeatures)]
    pub fn query_rendered_features(this: &Map, options: &JsValue) -> Array;
    #[wasm_bindgen(method, js_name = addControl)]
    pub fn add_control(this: &Map, control: &JsValue, position: &str);
    #[wasm_bindgen(method, js_name = getCanvas)]
    pub fn get_canvas(this: &Map) -> web_sys::HtmlElement;
    #[wasm_bindgen(method)]
    pub fn remove(this: &Map);
    #[wasm_bindgen(method)]
    pub fn resize(this: &Map);

    /// A GeoJSON source.
    pub type GeoJsonSource;
    #[wasm_bindgen(method, js_name = setData)]
    pub fn set_data(this: &GeoJsonSource, data: &JsValue) -> js_sys::Promise;
    /// `{cluster: bool}`: turns clustering on or off (re-indexes the source).
    #[wasm_bindgen(method, js_name = setClusterOptions)]
    pub fn set_cluster_options(this: &GeoJsonSource, options: &JsValue) -> js_sys::Promise;
    /// A diff `{remove: [id], add: [feature]}`; features need unique ids.
    #[wasm_bindgen(method, js_name = updateData)]
    pub fn update_data(this: &GeoJsonSource, diff: &JsValue) -> js_sys::Promise;

    pub type LngLat;
    #[wasm_bindgen(method, getter)]
    pub fn lng(this: &LngLat) -> f64;
    #[wasm_bindgen(method, getter)]
    pub fn lat(this: &LngLat) -> f64;

    pub type LngLatBounds;
    #[wasm_bindgen(method, js_name = getWest)]
    pub fn west(this: &LngLatBounds) -> f64;
    #[wasm_bindgen(method, js_name = getSouth)]
    pub fn south(this: &LngLatBounds) -> f64;
    #[wasm_bindgen(method, js_name = getEast)]
    pub fn east(this: &LngLatBounds) -> f64;
    #[wasm_bindgen(method, js_name = getNorth)]
    pub fn north(this: &LngLatBounds) -> f64;

    pub type NavigationControl;
    #[wasm_bindgen(constructor, js_class = "NavigationControl")]
    pub fn new(options: &JsValue) -> NavigationControl;

    pub type ScaleControl;
    #[wasm_bindgen(constructor, js_class = "ScaleControl")]
    pub fn new(options: &JsValue) -> ScaleControl;

    pub type AttributionControl;
    #[wasm_bindgen(constructor, js_class = "AttributionControl")]
    pub fn new(options: &JsValue) -> AttributionControl;

    /// An HTML marker (used for place labels: no glyphs to download).
    pub type Marker;
    #[wasm_bindgen(constructor, js_class = "Marker")]
    pub fn new(options: &JsValue) -> Marker;
    #[wasm_bindgen(method, js_name = setLngLat)]
    pub fn set_lng_lat(this: &Marker, lng_lat: &Array) -> Marker;
    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &Marker, map: &Map) -> Marker;
    #[wasm_bindgen(method)]
    pub fn remove(this: &Marker);
}

/// A JSON value as a plain JS object (`JSON.parse` of its text: fast, and no
/// per-field binding code).
pub fn js(value: &serde_json::Value) -> JsValue {
    js_text(&value.to_string())
}

/// JSON text as a JS value.
pub fn js_text(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("JSON built by the page parses")
}
