//! eventmap's page: a map and a time slider over the event dataset, all in
//! the browser and offline. Leptos (client-side rendering) + MapLibre GL JS.
//! One component per file; shared state in `model::AppState`.

mod add_articles;
mod app;
mod dates;
mod dom;
mod event_detail;
mod event_list;
mod export;
mod filters;
mod highlight;
mod histogram;
mod map_view;
mod maplibre;
mod message;
mod model;
mod open_file;
mod style;
mod time_slider;
mod undated_list;
mod url_state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
