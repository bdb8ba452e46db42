//! Events per day (binned to at most ~400 bars) above the slider, honouring
//! the filters; the window is shaded; drag across it to choose a range.

use crate::model::{AppState, TimeWindow, Unit};
use leptos::ev;
use leptos::prelude::*;
use std::fmt::Write as _;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const MAX_BARS: i32 = 400;

#[derive(Clone, Debug, PartialEq)]
struct Bins {
    min: i32,
    per: i32,
    counts: Arc<Vec<u32>>,
}

#[component]
pub fn Histogram() -> impl IntoView {
    let state = expect_context::<AppState>();
    let bins = Memo::new(move |_| {
        let (min, max) = state.extent.get()?;
        let span = max - min + 1;
        let per = ((span + MAX_BARS - 1) / MAX_BARS).max(1);
        let mut counts = vec![0u32; ((span + per - 1) / per) as usize];
        state.filters.with(|f| {
            state.items.with(|items| {
                for it in items.iter() {
                    if let Some(d) = it.day {
                        if f.matches(it) {
                            counts[((d - min) / per) as usize] += 1;
                        }
                    }
                }
            })
        });
        Some(Bins {
            min,
            per,
            counts: Arc::new(counts),
        })
    });
    let path = move || {
        bins.with(|b| {
            let Some(b) = b else { return String::new() };
            let top = f64::from(b.counts.iter().copied().max().unwrap_or(0).max(1));
            let mut d = String::new();
            for (i, c) in b.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
                let h = (f64::from(*c) / top * 58.0).max(1.5);
                let _ = write!(d, "M{i} 60V{:.1}h1V60z", 60.0 - h);
            }
            d
        })
    };
    let bar_count = move || bins.with(|b| b.as_ref().map_or(1, |b| b.counts.len().max(1)));
    let shade = move || {
        let b = bins.get()?;
        let w = state.window.get()?;
        let first = w.first_day(b.min);
        let x = f64::from(first - b.min) / f64::from(b.per);
        let width = (f64::from(w.end - first + 1) / f64::from(b.per)).max(0.4);
        Some((x, width))
    };

    // Dragging across the histogram chooses a range; a click moves the window.
    // The pointer is captured: the drag follows it even when the layout moves
    // under it or it leaves the histogram.
    let drag = StoredValue::new(None::<(i32, bool)>);
    let day_at = move |e: &web_sys::MouseEvent| -> Option<i32> {
        let b = bins.get_untracked()?;
        let target: web_sys::Element = event_target(e);
        let rect = target
            .closest("svg")
            .ok()
            .flatten()?
            .get_bounding_client_rect();
        let frac = ((f64::from(e.client_x()) - rect.left()) / rect.width()).clamp(0.0, 0.9999);
        Some(b.min + (frac * b.counts.len() as f64 * f64::from(b.per)) as i32)
    };
    let on_down = move |e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        if let Some(day) = day_at(&e) {
            drag.set_value(Some((day, false)));
            if let Some(svg) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
        }
    };
    let on_move = move |e: ev::PointerEvent| {
        let Some((from, _)) = drag.get_value() else {
            return;
        };
        if e.buttons() & 1 == 0 {
            drag.set_value(None);
            return;
        }
        let Some(day) = day_at(&e) else { return };
        if day != from {
            drag.set_value(Some((from, true)));
            let cumulative = state.window.get_untracked().is_some_and(|w| w.cumulative);
            let next = TimeWindow {
                start: from.min(day),
                end: from.max(day),
                unit: Unit::Range,
                cumulative,
            };
            if state.window.get_untracked() != Some(next) {
                state.window.set(Some(next));
            }
        }
    };
    let on_up = move |e: ev::PointerEvent| {
        let Some((_, moved)) = drag.get_value() else {
            return;
        };
        drag.set_value(None);
        if !moved {
            if let Some(day) = day_at(&e) {
                state.window.update(|w| {
                    if let Some(w) = w {
                        *w = w.at(day);
                    }
                });
            }
        }
    };

    view! {
        <svg id="histogram" role="img" aria-label="Events per day, honouring the filters"
            viewBox=move || format!("0 0 {} 60", bar_count()) preserveAspectRatio="none"
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:pointercancel=move |_| drag.set_value(None)>
            <path class="bars" d=path />
            {move || shade().map(|(x, w)| view! {
                <rect class="window" x=x.to_string() y="0" width=w.to_string() height="60" />
            })}
        </svg>
    }
}
