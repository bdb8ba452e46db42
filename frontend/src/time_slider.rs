//! The time slider: window mode (day, week, month, dragged range) or
//! cumulative, play/pause with speed, arrow keys step one unit, the range in
//! words, and the histogram above it.

use crate::dates;
use crate::histogram::Histogram;
use crate::model::{AppState, TimeWindow, Unit};
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

#[component]
pub fn TimeSlider() -> impl IntoView {
    let state = expect_context::<AppState>();
    let speed = RwSignal::new(1.0_f64);
    let timer = StoredValue::new_local(None::<IntervalHandle>);

    let extent = state.extent;
    let min = move || extent.get().map_or(0, |e| e.0);
    let max = move || extent.get().map_or(0, |e| e.1);
    let window = state.window;

    let stop = move || {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        state.playing.set(false);
    };
    let step = move |dir: i32| {
        let Some((lo, hi)) = extent.get_untracked() else {
            return false;
        };
        let Some(w) = window.get_untracked() else {
            return false;
        };
        let next = w.step(dir);
        if next.start > hi || next.end < lo {
            return false;
        }
        window.set(Some(next));
        true
    };
    let start = move || {
        stop();
        let Some((lo, hi)) = extent.get_untracked() else {
            return;
        };
        let Some(mut w) = window.get_untracked() else {
            return;
        };
        // A window covering everything has nothing to play: play by month.
        if w.unit == Unit::Range && w.start <= lo && w.end >= hi {
            w = TimeWindow {
                unit: Unit::Month,
                ..w
            }
            .at(lo);
        } else if w.step(1).start > hi {
            w = w.at(lo);
        }
        window.set(Some(w));
        let period = Duration::from_millis((800.0 / speed.get_untracked()) as u64);
        let handle = set_interval_with_handle(
            move || {
                if !step(1) {
                    if let Some(h) = timer.try_update_value(Option::take).flatten() {
                        h.clear();
                    }
                    state.playing.set(false);
                }
            },
            period,
        )
        .ok();
        timer.set_value(handle);
        state.playing.set(true);
    };
    on_cleanup(move || {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });

    // Arrow keys step one unit, unless typing in a text field.
    let keys = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let dir = match e.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            _ => return,
        };
        if let Some(target) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let tag = target.tag_name().to_ascii_lowercase();
            let is_range = target.get_attribute("type").as_deref() == Some("range");
            if tag == "textarea"
                || tag == "select"
                || (tag == "input" && !is_range)
                || target
                    .closest(".maplibregl-canvas-container")
                    .ok()
                    .flatten()
                    .is_some()
            {
                return;
            }
        }
        e.prevent_default();
        step(dir);
    });
    on_cleanup(move || keys.remove());

    let on_slider = move |e: ev::Event| {
        let Ok(day) = event_target_value(&e).parse::<i32>() else {
            return;
        };
        window.update(|w| {
            if let Some(w) = w {
                *w = w.at(day);
            }
        });
    };
    let on_unit = move |e: ev::Event| {
        let Some(unit) = Unit::from_key(&event_target_value(&e)) else {
            return;
        };
        window.update(|w| {
            if let Some(w) = w {
                *w = w.with_unit(unit);
            }
        });
    };
    let on_cumulative = move |e: ev::Event| {
        let on = event_target_checked(&e);
        window.update(|w| {
            if let Some(w) = w {
                w.cumulative = on;
            }
        });
    };
    let on_date = move |which: &'static str| {
        move |e: ev::Event| {
            let Some(day) = dates::parse_day(&event_target_value(&e)) else {
                return;
            };
            window.update(|w| {
                if let Some(w) = w {
                    if which == "from" {
                        w.start = day.min(w.end);
                    } else {
                        w.end = day.max(w.start);
                    }
                    w.unit = Unit::Range;
                }
            });
        }
    };
    let show_all = move |_| {
        stop();
        if let Some(e) = extent.get_untracked() {
            window.set(Some(TimeWindow::full(e)));
        }
    };

    let unit = move || window.get().map_or(Unit::Range, |w| w.unit);
    let words = move || {
        window
            .get()
            .map(|w| w.words(min()))
            .unwrap_or_else(|| "no dated events".into())
    };

    view! {
        <div class="time-slider">
            <Histogram/>
            <div class="controls">
                <button id="play" class="primary"
                    on:click=move |_| if state.playing.get_untracked() { stop() } else { start() }
                    aria-pressed=move || state.playing.get().to_string()>
                    {move || if state.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                </button>
                <label class="inline">"Speed "
                    <select id="speed" on:change=move |e| {
                        speed.set(event_target_value(&e).parse().unwrap_or(1.0));
                        if state.playing.get_untracked() { start(); }
                    }>
                        <option value="0.5">"½×"</option>
                        <option value="1" selected>"1×"</option>
                        <option value="2">"2×"</option>
                        <option value="4">"4×"</option>
                    </select>
                </label>
                <button id="step-back" title="Back one unit (←)" on:click=move |_| { step(-1); }>"◀"</button>
                <input type="range" id="time-slider" aria-label="Time window"
                    min=min max=max step="1"
                    prop:value=move || window.get().map_or(0, |w| w.start).to_string()
                    on:input=on_slider />
                <button id="step-forward" title="Forward one unit (→)" on:click=move |_| { step(1); }>"▶"</button>
                <label class="inline">"Window "
                    <select id="unit" on:change=on_unit prop:value=move || unit().key()>
                        <option value="day">"day"</option>
                        <option value="week">"week"</option>
                        <option value="month">"month"</option>
                        <option value="range">"range"</option>
                    </select>
                </label>
                <label class="inline"><input type="checkbox" id="cumulative"
                    prop:checked=move || window.get().is_some_and(|w| w.cumulative)
                    on:change=on_cumulative />" cumulative"</label>
                <span class="range-dates" class:invisible=move || unit() != Unit::Range>
                    <input type="date" id="from" aria-label="From"
                        prop:value=move || window.get().map(|w| dates::iso(w.start)).unwrap_or_default()
                        on:change=on_date("from") />
                    "–"
                    <input type="date" id="to" aria-label="To"
                        prop:value=move || window.get().map(|w| dates::iso(w.end)).unwrap_or_default()
                        on:change=on_date("to") />
                </span>
                <button id="show-all" on:click=show_all>"All dates"</button>
                <strong id="range-words" aria-live="polite">{words}</strong>
            </div>
        </div>
    }
}
