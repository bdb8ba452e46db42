//! Events with no date: listed apart, never placed on an invented day.

use crate::model::AppState;
use leptos::prelude::*;

#[component]
pub fn UndatedList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        let undated = state.undated.get();
        state.items.with(|items| {
            undated
                .iter()
                .take(200)
                .map(|&i| {
                    let p = &items[i].event.properties;
                    let text = format!("{} — {}", p.location, p.sub_event_type.label());
                    view! {
                        <li class="event-row" class:selected=move || state.selected.get() == Some(i)
                            on:click=move |_| { state.selected.set(Some(i)); state.fly_to.set(Some(i)); }>
                            {text}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details id="undated" class="panel" class:hidden=move || state.undated.with(|u| u.is_empty())>
            <summary>"Undated events (" {move || state.undated.with(|u| u.len())} ")"</summary>
            <ul class="rows">{rows}</ul>
        </details>
    }
}
