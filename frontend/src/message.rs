//! The status line: what happened, or what went wrong (text only).

use crate::model::AppState;
use leptos::prelude::*;

/// The status line (text only).
#[component]
pub fn Message() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div id="message" role="status" class:error=move || state.message.with(|m| m.as_ref().is_some_and(|m| m.error))
             class:hidden=move || state.message.with(Option::is_none)>
            <span id="message-text">{move || state.message.get().map(|m| m.text).unwrap_or_default()}</span>
            <button class="close" title="Dismiss" on:click=move |_| state.message.set(None)>"×"</button>
        </div>
    }
}
