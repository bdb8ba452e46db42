//! The selected event: every field, the notes with the place mention in a
//! `<mark>`, and each source article. Text nodes only; links only for http(s).

use crate::highlight::split_mention;
use crate::model::{AppState, TYPE_COLOURS};
use leptos::prelude::*;
use shared::event::SourceRef;

fn time_precision(p: u8) -> &'static str {
    match p {
        1 => "that day",
        2 => "within a week around it",
        _ => "within the month",
    }
}

fn geo_precision(p: u8) -> &'static str {
    match p {
        1 => "the place itself",
        2 => "near or part of it",
        _ => "a larger region",
    }
}

fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| u.to_string())
}

fn source_view(s: SourceRef) -> impl IntoView {
    let title = s.title.clone().unwrap_or_else(|| s.article_id.clone());
    let meta = [s.source.clone(), s.date.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let link = s.url.as_deref().and_then(safe_url);
    let raw_url = s.url.clone().filter(|_| link.is_none());
    view! {
        <li class="source">
            {match link {
                Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer nofollow">{title}</a> }.into_any(),
                None => view! { <span class="title">{title}</span> }.into_any(),
            }}
            {(!meta.is_empty()).then(|| view! { <span class="muted">" — " {meta}</span> })}
            {raw_url.map(|u| view! { <div class="muted url">{u}</div> })}
        </li>
    }
}

#[component]
pub fn EventDetail() -> impl IntoView {
    let state = expect_context::<AppState>();
    let detail = move || {
        let i = state.selected.get()?;
        let it = state.items.with(|items| items.get(i).cloned())?;
        let p = it.event.properties;
        let notes = match split_mention(&p.notes, &p.place_mention) {
            Some((a, m, b)) => view! { <p id="detail-notes" class="notes">{a.to_string()}<mark>{m.to_string()}</mark>{b.to_string()}</p> }.into_any(),
            None => view! { <p id="detail-notes" class="notes">{p.notes.clone()}</p> }.into_any(),
        };
        let date = match &p.event_date {
            Some(d) => format!("{d} ({})", time_precision(p.time_precision)),
            None => "undated".to_string(),
        };
        let place = [
            Some(p.location.clone()),
            p.admin2.clone(),
            p.admin1.clone(),
            Some(p.country.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let actors = [p.actor1.clone(), p.actor2.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" vs ");
        let colour = TYPE_COLOURS[usize::from(it.type_index)];
        Some(view! {
            <section id="event-detail" class="panel detail">
                <button class="close" title="Close" on:click=move |_| state.selected.set(None)>"×"</button>
                <h2><span class="swatch" style=format!("background:{colour}")></span>
                    <span id="detail-type">{p.event_type.label()}</span>
                    {it.added.then(|| view! { <span class="badge">"added"</span> })}
                </h2>
                <dl>
                    <dt>"Sub-type"</dt><dd id="detail-subtype">{p.sub_event_type.label()}</dd>
                    <dt>"Date"</dt><dd id="detail-date">{date}</dd>
                    <dt>"Place"</dt><dd id="detail-place">{place}
                        <span class="muted">{format!(" ({}; {})", geo_precision(p.geo_precision), p.place_id)}</span></dd>
                    <dt>"Fatalities"</dt><dd id="detail-fatalities">{p.fatalities.map(|f| f.to_string()).unwrap_or_else(|| "not reported".into())}</dd>
                    <dt>"Actors"</dt><dd id="detail-actors">{if actors.is_empty() { "not named".to_string() } else { actors }}</dd>
                    {p.background.then(|| view! { <dt>"Note"</dt><dd>"summary of earlier fighting"</dd> })}
                </dl>
                {notes}
                <h3>"Sources"</h3>
                <ul id="detail-sources">{p.sources.into_iter().map(source_view).collect_view()}</ul>
            </section>
        })
    };
    view! { {detail} }
}
