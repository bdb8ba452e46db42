//! Open any GeoJSON of our schema. A broken file gives a message and the
//! current data stays.

use crate::app::MAX_FEATURES;
use crate::dom;
use crate::model::{items_from, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::event::Event;

/// Reads a GeoJSON file's bytes into events; the message names the file.
/// Takes the bytes so that they are freed before the caller builds its items:
/// at a million events every copy held at once counts.
pub fn read_events(bytes: Vec<u8>, name: &str) -> Result<Vec<Event>, String> {
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("{name}: not UTF-8 ({e})"))?;
    shared::output::geojson::from_geojson(text, name, MAX_FEATURES).map_err(|e| e.to_string())
}

#[component]
pub fn OpenFile() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let name = file.name();
            // Bytes, not text: a JS string stops at 512 MB.
            let bytes = match dom::file_bytes(&file).await {
                Ok(b) => b,
                Err(e) => return state.warn(format!("Could not read {name}: {e}")),
            };
            match read_events(bytes, &name) {
                Ok(events) => {
                    let n = events.len();
                    let items = items_from(events, false);
                    let undated = items.iter().filter(|it| it.day.is_none()).count();
                    state.replace(items);
                    state.say(format!("Opened {name}: {n} events ({undated} undated)."));
                }
                Err(e) => state.warn(format!("Could not open {e}. The data shown is unchanged.")),
            }
        });
    };
    view! {
        <label class="button" for="open-geojson">"Open GeoJSON…"</label>
        <input type="file" id="open-geojson" class="visually-hidden"
            accept=".geojson,.json,application/geo+json,application/json" on:change=on_change />
    }
}
