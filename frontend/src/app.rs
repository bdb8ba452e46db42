//! The page: header (counts, open, export, add articles), sidebar (filters,
//! detail, list, undated), the map, and the time slider.

use crate::add_articles::AddArticles;
use crate::event_detail::EventDetail;
use crate::event_list::EventList;
use crate::export::Export;
use crate::filters::FilterPanel;
use crate::map_view::{MapCtx, MapView};
use crate::message::Message;
use crate::model::{find, items_from, AppState, TimeWindow};
use crate::open_file::{read_events, OpenFile};
use crate::time_slider::TimeSlider;
use crate::undated_list::UndatedList;
use crate::url_state::UrlState;
use crate::{dom, style};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Largest GeoJSON the page reads (features). A million events of our export
/// (~800 MB) take ~1.7 GB of wasm memory (BENCHMARKS.md); twice that would
/// near the 4 GB a wasm32 page can have, so more is refused with a message
/// rather than risking a crash.
pub const MAX_FEATURES: usize = 1_000_000;

#[component]
pub fn App() -> impl IntoView {
    let hash = dom::window().location().hash().unwrap_or_default();
    let url = UrlState::parse(&hash);
    let state = AppState::new();
    state.filters.set(url.filters.clone());
    provide_context(state);
    provide_context(MapCtx::new(url.view));
    let ready = state.ready;

    // Load the dataset, then apply the URL's window and selection.
    let url_window = url.window;
    let url_selected = url.selected.clone();
    spawn_local(async move {
        let path = "data/events.geojson";
        // Bytes, not a JS string: no UTF-16 round trip, and no 512 MB string limit.
        match dom::fetch_bytes(&dom::data_url("events.geojson")).await {
            Some(bytes) => match read_events(bytes, path) {
                Ok(events) => state.replace(items_from(events, false)),
                Err(e) => state.warn(format!("Could not read the dataset: {e}")),
            },
            None => {
                state.say("No dataset at data/events.geojson: open a GeoJSON file or add articles.")
            }
        }
        if let (Some(w), Some(extent)) = (url_window, state.extent.get_untracked()) {
            let w = if w.cumulative { w } else { w.clamp(extent) };
            state.window.set(Some(w));
        }
        if let Some(id) = url_selected {
            state
                .selected
                .set(state.items.with_untracked(|items| find(items, &id)));
        }
        // `<html data-ready>` is set by the map once it has this data.
        ready.set(true);
    });

    // Keep the URL in step (debounced: replaceState is rate-limited).
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let selected = state.selected.get().and_then(|i| {
            state
                .items
                .with_untracked(|items| items.get(i).map(|it| it.event.properties.event_id.clone()))
        });
        let hash = UrlState {
            // The whole extent is the default: left out of the URL.
            window: state
                .window
                .get()
                .filter(|w| Some(*w) != state.extent.get().map(TimeWindow::full)),
            filters: state.filters.get(),
            selected,
            view: state.view.get(),
        }
        .to_hash();
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                // An empty hash: the bare path (no stray "#").
                let location = dom::window().location();
                let url = if hash.is_empty() {
                    format!(
                        "{}{}",
                        location.pathname().unwrap_or_default(),
                        location.search().unwrap_or_default()
                    )
                } else {
                    format!("#{hash}")
                };
                if let Ok(history) = dom::window().history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&url),
                    );
                }
            },
            Duration::from_millis(250),
        )
        .ok();
        pending.set_value(handle);
    });

    let shown = move || state.visible.with(|v| v.len());
    let undated = move || state.undated.with(|v| v.len());
    let total = move || state.items.with(|v| v.len());
    let words = move || {
        let min = state.extent.get().map_or(0, |e| e.0);
        state
            .window
            .get()
            .map(|w: TimeWindow| w.words(min))
            .unwrap_or_default()
    };

    view! {
        <header id="top">
            <h1>"eventmap"</h1>
            <p class="counts">
                <strong id="shown-count">{shown}</strong>
                " of " <span id="total-count">{total}</span> " events shown"
                <span class="muted">" · " {words}</span>
                <span class="muted">" · " <span id="undated-count">{undated}</span> " undated"</span>
            </p>
            <div class="actions">
                <OpenFile/>
                <Export/>
                <AddArticles/>
            </div>
        </header>
        <Message/>
        <main id="main">
            <aside id="sidebar">
                <FilterPanel/>
                <EventDetail/>
                <EventList/>
                <UndatedList/>
            </aside>
            <section id="map-area">
                <MapView/>
            </section>
        </main>
        <footer id="timebar">
            <TimeSlider/>
        </footer>
        <p class="sr-only">{style::ATTRIBUTION.join(" · ")}</p>
    }
}
