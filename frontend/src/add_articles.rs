//! Add articles: paste text or drop .txt/.jsonl/.html files, with a date the
//! user gives for articles that carry none; events are extracted in the page
//! (`shared::ingest` + `shared::pipeline`, gazetteer fetched on first use)
//! and appear at once, marked as added.
//!
//! The extraction needs `shared::pipeline`; it is compiled with the crate
//! feature `articles` (on by default).

use crate::dom;
use crate::model::{find, AppState, Item, TimeWindow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::event::Event;
use std::collections::HashSet;
use std::sync::Arc;

/// Whether this build can extract events from articles.
pub const AVAILABLE: bool = cfg!(feature = "articles");

#[cfg(feature = "articles")]
mod engine {
    use crate::dom;
    use shared::event::Event;
    use shared::geocode::Geocoder;
    use shared::ingest::text::TextParts;
    use shared::ingest::{article_id, Format};
    use shared::pipeline::Pipeline;
    use shared::window::{windows, WINDOW_BYTES};
    use std::cell::RefCell;
    use std::rc::Rc;

    thread_local! {
        static PIPELINE: RefCell<Option<Rc<Pipeline>>> = const { RefCell::new(None) };
    }

    /// The pipeline for reporting on `home` (a country code, see
    /// `Geocoder::with_home_country`), built on first use from
    /// `data/gazetteer.bin`; another country reuses the loaded gazetteer.
    pub async fn pipeline(home: &str) -> Result<Rc<Pipeline>, String> {
        let loaded = PIPELINE.with(|p| p.borrow_mut().take());
        let pipeline = match loaded {
            Some(p) if p.geocoder().home_country() == home => p,
            // Extraction holds the pipeline while it runs, and the button
            // that starts one is disabled meanwhile: the count is one.
            Some(p) => Rc::new(
                Rc::try_unwrap(p)
                    .map_err(|_| "an extraction is still running")?
                    .with_home_country(home),
            ),
            None => {
                let bytes = dom::fetch_bytes(&dom::data_url("gazetteer.bin"))
                    .await
                    .ok_or(
                        "the gazetteer (data/gazetteer.bin) is missing: places cannot be found",
                    )?;
                let gazetteer = gazetteer::Gazetteer::from_bytes(&bytes, "data/gazetteer.bin")
                    .map_err(|e| e.to_string())?;
                Rc::new(Pipeline::new(
                    Geocoder::new(gazetteer).with_home_country(home),
                ))
            }
        };
        PIPELINE.with(|slot| *slot.borrow_mut() = Some(pipeline.clone()));
        Ok(pipeline)
    }

    /// Events from the inputs, and the problems met reading them. Nothing
    /// runs long without yielding to the browser, so a 10 MB paste never
    /// freezes the page: plain text is read 128 KB at a time (`TextParts`),
    /// other articles are extracted one window at a time, and merging goes
    /// in steps. `progress` gets the share done (0 to 1).
    pub async fn extract(
        inputs: &[(String, Vec<u8>)],
        date: Option<chrono::NaiveDate>,
        home: &str,
        progress: impl Fn(f64),
    ) -> Result<(Vec<Event>, Vec<String>), String> {
        let pipeline = pipeline(home).await?;
        let mut problems = Vec::new();
        let mut events = Vec::new();
        // Extraction is the first 90% of the work, merging the rest.
        let total = inputs.iter().map(|(_, b)| b.len()).sum::<usize>().max(1) as f64;
        let mut before = 0;
        for (name, bytes) in inputs {
            let done = |at: usize| progress(0.9 * (before + at) as f64 / total);
            if Format::detect(name, bytes) == Format::Text {
                let mut parts = TextParts::new(name, &article_id(name), &bytes[..]);
                while let Some(part) = parts.next() {
                    problems.extend(part.problems.iter().map(ToString::to_string));
                    if let Some(mut article) = part.article {
                        article.date = article.date.or(date);
                        events.extend(pipeline.extract_article(&article).events);
                    }
                    done(parts.position());
                    dom::next_tick().await;
                }
            } else {
                let ingested = shared::ingest::read_bytes(name, bytes, date);
                problems.extend(ingested.problems.iter().map(ToString::to_string));
                let text = ingested
                    .articles
                    .iter()
                    .map(|a| a.text.len())
                    .sum::<usize>();
                let mut read = 0;
                for article in &ingested.articles {
                    for window in windows(&article.text, WINDOW_BYTES) {
                        read += window.len();
                        events.extend(pipeline.extract_window(article, window).events);
                        done(bytes.len() * read / text.max(1));
                        dom::next_tick().await;
                    }
                }
            }
            before += bytes.len();
        }
        let found = events.len().max(1) as f64;
        let mut merging = pipeline.merging(events);
        while !merging.step(MERGE_STEP) {
            progress(0.9 + 0.1 * (1.0 - merging.remaining() as f64 / found));
            dom::next_tick().await;
        }
        let events = merging.finish();
        dom::next_tick().await;
        Ok((events, problems))
    }

    /// Events merged between two yields to the browser (~25 ms).
    const MERGE_STEP: usize = 1000;
}

#[cfg(not(feature = "articles"))]
mod engine {
    use shared::event::Event;

    pub async fn extract(
        _: &[(String, Vec<u8>)],
        _: Option<chrono::NaiveDate>,
        _: &str,
        _: impl Fn(f64),
    ) -> Result<(Vec<Event>, Vec<String>), String> {
        Err("this build cannot extract events (frontend feature \"articles\" is off)".into())
    }
}

/// Adds events to the data, shows them at once (window widened to hold them),
/// and selects the first.
fn add_events(state: &AppState, events: Vec<Event>) {
    let first_id = events.first().map(|e| e.properties.event_id.clone());
    let new: Vec<Item> = events.into_iter().map(|e| Item::new(e, true)).collect();
    let days: Vec<i32> = new.iter().filter_map(|it| it.day).collect();
    let selected_id = state.selected.get_untracked().and_then(|i| {
        state
            .items
            .with_untracked(|items| items.get(i).map(|it| it.event.properties.event_id.clone()))
    });
    state.data_version.update_value(|v| *v += 1);
    // A set: a large paste adds thousands of events to as many already shown.
    let new_ids: HashSet<String> = new
        .iter()
        .map(|n| n.event.properties.event_id.clone())
        .collect();
    state.items.update(|items| {
        let items = Arc::make_mut(items);
        // The same event id again replaces the earlier one.
        items.retain(|it| !new_ids.contains(&it.event.properties.event_id));
        items.extend(new);
        items.sort_by_key(|it| it.day.unwrap_or(i32::MAX));
    });
    if let (Some(lo), Some(hi)) = (days.iter().min(), days.iter().max()) {
        state.window.update(|w| match w {
            Some(w) if w.contains(*lo) && w.contains(*hi) => {}
            Some(w) => {
                let start = w.start.min(*lo);
                *w = TimeWindow {
                    start,
                    end: w.end.max(*hi),
                    unit: crate::model::Unit::Range,
                    ..*w
                };
            }
            None => *w = Some(TimeWindow::full((*lo, *hi))),
        });
    }
    let target = first_id.or(selected_id);
    let index = target.and_then(|id| state.items.with_untracked(|items| find(items, &id)));
    state.selected.set(index);
    if index.is_some() {
        state.fly_to.set(index);
    }
}

/// The countries the page's gazetteer covers village by village (its
/// regional layer), offered as the country the reporting is about; the
/// first is the default, as on the command line. An empty code prefers
/// none.
const HOME_COUNTRIES: &[(&str, &str)] = &[
    ("SY", "Syria"),
    ("IQ", "Iraq"),
    ("LB", "Lebanon"),
    ("JO", "Jordan"),
    ("TR", "Turkey"),
    ("", "no country in particular"),
];

#[component]
pub fn AddArticles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let home = RwSignal::new(HOME_COUNTRIES[0].0.to_string());
    let files = RwSignal::new(Vec::<(String, Vec<u8>)>::new());
    let busy = RwSignal::new(false);
    // Share of the text extracted so far, while busy.
    let progress = RwSignal::new(0.0_f64);
    let over = RwSignal::new(false);

    let take_files = move |list: Option<web_sys::FileList>| {
        let Some(list) = list else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        spawn_local(async move {
            for file in picked {
                match dom::file_bytes(&file).await {
                    Ok(bytes) => files.update(|f| f.push((file.name(), bytes))),
                    Err(e) => state.warn(format!("Could not read {}: {e}", file.name())),
                }
            }
        });
    };
    let extract = move |_| {
        let mut inputs = files.get_untracked();
        let pasted = text.get_untracked();
        if !pasted.trim().is_empty() {
            inputs.insert(0, ("pasted.txt".to_string(), pasted.into_bytes()));
        }
        if inputs.is_empty() {
            state.warn("Paste an article or drop files first.");
            return;
        }
        let day = chrono::NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").ok();
        let home = home.get_untracked();
        busy.set(true);
        progress.set(0.0);
        spawn_local(async move {
            match engine::extract(&inputs, day, &home, |done| progress.set(done)).await {
                Ok((events, problems)) => {
                    let n = events.len();
                    let undated = events
                        .iter()
                        .filter(|e| e.properties.event_date.is_none())
                        .count();
                    add_events(&state, events);
                    let mut msg = format!(
                        "Added {n} event{} from {} input{}",
                        if n == 1 { "" } else { "s" },
                        inputs.len(),
                        if inputs.len() == 1 { "" } else { "s" }
                    );
                    if undated > 0 {
                        msg.push_str(&format!(
                            " ({undated} undated: no date in the text or given)"
                        ));
                    }
                    msg.push('.');
                    for p in problems.iter().take(3) {
                        msg.push_str(&format!(" {p}."));
                    }
                    state.say(msg);
                    text.set(String::new());
                    files.set(Vec::new());
                    if n > 0 {
                        open.set(false);
                    }
                }
                Err(e) => state.warn(format!("Could not add the articles: {e}")),
            }
            busy.set(false);
        });
    };

    view! {
        <button id="add-articles" disabled=!AVAILABLE
            title=if AVAILABLE { "Extract events from articles" } else { "Not available in this build" }
            on:click=move |_| open.update(|o| *o = !*o)>"Add articles…"</button>
        <Show when=move || open.get()>
            <section id="add-panel" class="panel">
                <button class="close" title="Close" on:click=move |_| open.set(false)>"×"</button>
                <h2>"Add articles"</h2>
                <textarea id="article-text" placeholder="Paste an article's text here…"
                    prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                <div class="drop" class:over=move || over.get()
                    on:dragover=move |e: leptos::ev::DragEvent| { e.prevent_default(); over.set(true); }
                    on:dragleave=move |_| over.set(false)
                    on:drop=move |e: leptos::ev::DragEvent| {
                        e.prevent_default();
                        over.set(false);
                        take_files(e.data_transfer().and_then(|d| d.files()));
                    }>
                    "Drop .txt, .jsonl or .html files here, or "
                    <label class="button" for="article-files">"choose files"</label>
                    <input type="file" id="article-files" class="visually-hidden" multiple accept=".txt,.jsonl,.html,.htm,text/plain,text/html"
                        on:change=move |e| { let input: web_sys::HtmlInputElement = event_target(&e); take_files(input.files()); input.set_value(""); } />
                    <ul class="muted">{move || files.get().into_iter().map(|(name, bytes)| view! { <li>{format!("{name} ({} bytes)", bytes.len())}</li> }).collect_view()}</ul>
                </div>
                <div class="row">
                    <label class="inline" title="Where a name fits places in several countries and the article names no other place that decides, this country's place is preferred">"Reporting on "
                        <select id="article-country" prop:value=move || home.get()
                            on:change=move |e| home.set(event_target_value(&e))>
                            {HOME_COUNTRIES.iter().map(|(code, name)| view! { <option value=*code>{*name}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <div class="row">
                    <label class="inline">"Date of articles without one "
                        <input type="date" id="article-date" prop:value=move || date.get() on:change=move |e| date.set(event_target_value(&e)) />
                    </label>
                    <button id="extract" class="primary" disabled=move || busy.get() on:click=extract>
                        {move || if busy.get() {
                            format!("Extracting… {:.0}%", progress.get() * 100.0)
                        } else {
                            "Extract events".to_string()
                        }}
                    </button>
                </div>
                <progress id="extract-progress" max="1" class:hidden=move || !busy.get()
                    value=move || progress.get().to_string()></progress>
            </section>
        </Show>
    }
}
