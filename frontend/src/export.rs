//! Export exactly the events shown (window + filters) as GeoJSON or CSV,
//! named by the date range.

use crate::dates;
use crate::dom;
use crate::model::AppState;
use leptos::prelude::*;
use shared::event::Event;

/// `eventmap_2018-04-01_2018-04-07` for the current window.
fn base_name(state: &AppState) -> String {
    let min = state.extent.get_untracked().map_or(0, |e| e.0);
    match state.window.get_untracked() {
        Some(w) => format!(
            "eventmap_{}_{}",
            dates::iso(w.first_day(min)),
            dates::iso(w.end)
        ),
        None => "eventmap".to_string(),
    }
}

fn shown_events(state: &AppState) -> Vec<Event> {
    let visible = state.visible.get_untracked();
    state
        .items
        .with_untracked(|items| visible.iter().map(|&i| items[i].event.clone()).collect())
}

#[component]
pub fn Export() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export_geojson = move |_| {
        let text = shared::output::geojson::to_geojson(&shown_events(&state), false);
        let name = format!("{}.geojson", base_name(&state));
        if dom::download(&name, &text, "application/geo+json").is_err() {
            state.warn("Could not start the download.");
        }
    };
    let export_csv = move |_| {
        let text = shared::output::csv::to_csv(&shown_events(&state));
        let name = format!("{}.csv", base_name(&state));
        if dom::download(&name, &text, "text/csv").is_err() {
            state.warn("Could not start the download.");
        }
    };
    view! {
        <button id="export-geojson" title="Download the events shown as GeoJSON" on:click=export_geojson>"Export GeoJSON"</button>
        <button id="export-csv" title="Download the events shown as CSV" on:click=export_csv>"Export CSV"</button>
    }
}
