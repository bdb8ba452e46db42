//! Filters: event type (the legend too), actor, minimum fatalities,
//! background summaries, text.

use crate::model::{AppState, TimeWindow, TYPE_COLOURS};
use leptos::prelude::*;
use shared::event::EventType;
use std::collections::HashMap;

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filters = state.filters;
    // Actors by how often they appear (the 80 most frequent).
    let actors = Memo::new(move |_| {
        state.items.with(|items| {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for it in items.iter() {
                let p = &it.event.properties;
                for a in [&p.actor1, &p.actor2].into_iter().flatten() {
                    *counts.entry(a.as_str()).or_default() += 1;
                }
            }
            let mut list: Vec<(String, usize)> = counts
                .into_iter()
                .map(|(a, n)| (a.to_string(), n))
                .collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list.truncate(80);
            list
        })
    });

    let type_boxes = EventType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = format!("type-{i}");
            let for_id = id.clone();
            view! {
                <label class="type-filter" for=for_id>
                    <input type="checkbox" id=id
                        prop:checked=move || filters.with(|f| f.types[i])
                        on:change=move |e| { let on = event_target_checked(&e); filters.update(|f| f.types[i] = on) } />
                    <span class="swatch" style=format!("background:{}", TYPE_COLOURS[i])></span>
                    {t.label()}
                </label>
            }
        })
        .collect_view();

    view! {
        <section id="filters" class="panel">
            <h2>"Filters"</h2>
            <fieldset class="types"><legend>"Event type"</legend>{type_boxes}</fieldset>
            <label class="field">"Actor "
                <select id="actor" prop:value=move || filters.with(|f| f.actor.clone())
                    on:change=move |e| { let v = event_target_value(&e); filters.update(|f| f.actor = v) }>
                    <option value="">"any actor"</option>
                    <For each=move || actors.get() key=|(a, _)| a.clone() let:((a, n))>
                        <option value=a.clone()>{format!("{a} ({n})")}</option>
                    </For>
                </select>
            </label>
            <label class="field">"Fatalities at least "
                <input type="number" id="min-fatalities" min="0" step="1"
                    prop:value=move || filters.with(|f| f.min_fatalities.to_string())
                    on:input=move |e| { let v = event_target_value(&e).parse().unwrap_or(0); filters.update(|f| f.min_fatalities = v) } />
            </label>
            <label class="field check" for="show-background">
                <input type="checkbox" id="show-background"
                    prop:checked=move || filters.with(|f| f.background)
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        // A window over the whole time line follows it.
                        let full = state.window.get_untracked().is_some()
                            && state.window.get_untracked()
                                == state.extent.get_untracked().map(TimeWindow::full);
                        filters.update(|f| f.background = on);
                        if full {
                            state.window.set(state.extent.get_untracked().map(TimeWindow::full));
                        }
                    } />
                "Background summaries (earlier fighting)"
            </label>
            <label class="field">"Search "
                <input type="search" id="search" placeholder="place, actor, words…"
                    prop:value=move || filters.with(|f| f.text.clone())
                    on:input=move |e| { let v = event_target_value(&e); filters.update(|f| f.text = v) } />
            </label>
        </section>
    }
}
