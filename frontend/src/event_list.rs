//! The events shown (window + filters), optionally only those in the map's
//! view; in step with the map both ways.

use crate::model::{AppState, Bounds, Item, TYPE_COLOURS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Rows rendered at first; "Show more" adds as many again. Rows are DOM work
/// on every slider step, so few are drawn (the count says how many more).
const PAGE: usize = 100;

fn inside(b: &Bounds, it: &Item) -> bool {
    let (x, y) = (it.event.longitude, it.event.latitude);
    x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
}

#[component]
pub fn EventList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let in_view_only = RwSignal::new(true);
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| {
        let visible = state.visible.get();
        let bounds = if in_view_only.get() {
            state.bounds.get()
        } else {
            None
        };
        let selected = state.selected.get();
        let limit = limit.get();
        state.items.with(|items| {
            let mut total = 0;
            let mut rows = Vec::new();
            for &i in visible.iter() {
                if bounds.is_none_or(|b| inside(&b, &items[i])) {
                    total += 1;
                    if rows.len() < limit {
                        rows.push((i, items[i].event.properties.event_id.clone()));
                    }
                }
            }
            // The selected event is always listed.
            if let Some(s) = selected {
                if items.get(s).is_some_and(|it| it.day.is_some())
                    && !rows.iter().any(|(i, _)| *i == s)
                {
                    rows.push((s, items[s].event.properties.event_id.clone()));
                }
            }
            (rows, total)
        })
    });

    // A point clicked on the map: bring its row into view.
    Effect::new(move |_| {
        let Some(i) = state.selected.get() else {
            return;
        };
        rows.track();
        request_animation_frame(move || {
            if let Some(row) = crate::dom::document().get_element_by_id(&format!("row-{i}")) {
                let row: web_sys::HtmlElement = row.unchecked_into();
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });

    let row_view = move |(i, _id): (usize, String)| {
        let (date, colour, place, fatalities, sub, added) = state.items.with_untracked(|items| {
            let it = &items[i];
            let p = &it.event.properties;
            (
                p.event_date.clone().unwrap_or_default(),
                TYPE_COLOURS[usize::from(it.type_index)],
                p.location.clone(),
                p.fatalities
                    .map(|f| f.to_string())
                    .unwrap_or_else(|| "–".into()),
                p.sub_event_type.label(),
                it.added,
            )
        });
        view! {
            <li id=format!("row-{i}") class="event-row" data-index=i.to_string()
                class:selected=move || state.selected.get() == Some(i)
                on:click=move |_| { state.selected.set(Some(i)); state.fly_to.set(Some(i)); }>
                <span class="swatch" style=format!("background:{colour}")></span>
                <span class="date">{date}</span>
                <span class="place">
                    {place}
                    {added.then(|| view! { <span class="badge">"added"</span> })}
                </span>
                <span class="sub">{sub}</span>
                <span class="fatalities" title="fatalities">{fatalities}</span>
            </li>
        }
    };

    view! {
        <section id="event-list" class="panel">
            <h2>"Events "
                <span id="list-count" class="muted">{move || {
                    let (rows, total) = rows.get();
                    if total > rows.len() { format!("(first {} of {total})", rows.len().min(limit.get())) } else { format!("({total})") }
                }}</span>
            </h2>
            <label class="inline"><input type="checkbox" id="in-view-only" prop:checked=in_view_only
                on:change=move |e| in_view_only.set(event_target_checked(&e)) />" only those in the map view"</label>
            <ul class="rows">
                <For each=move || rows.get().0 key=|row| row.clone() children=row_view />
            </ul>
            <button id="show-more" class:hidden=move || rows.with(|(r, total)| *total <= r.len())
                on:click=move |_| limit.update(|l| *l += PAGE)>"Show more"</button>
        </section>
    }
}
