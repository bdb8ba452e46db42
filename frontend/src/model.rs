//! The page's state: the events, the one time window, the filters, and the
//! derived set of events shown (a memo of the three).

use crate::dates;
use leptos::prelude::*;
use shared::event::{Event, EventType};
use std::sync::Arc;

/// One event as the page holds it: the event plus what the page derives.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub event: Event,
    /// Day number of `event_date`; `None` for undated events.
    pub day: Option<i32>,
    /// Index of the event type in `EventType::ALL`.
    pub type_index: u8,
    /// Added in this session from pasted or dropped articles.
    pub added: bool,
}

impl Item {
    pub fn new(event: Event, added: bool) -> Item {
        let day = event
            .properties
            .event_date
            .as_deref()
            .and_then(dates::parse_day);
        let type_index = type_index(event.properties.event_type);
        Item {
            event,
            day,
            type_index,
            added,
        }
    }
}

pub fn type_index(t: EventType) -> u8 {
    EventType::ALL.iter().position(|x| *x == t).unwrap_or(0) as u8
}

/// Map colours of the six event types (ACLED order).
pub const TYPE_COLOURS: [&str; 6] = [
    "#d7301f", "#ef8a00", "#7b3294", "#1a9850", "#c51b7d", "#2c7fb8",
];

/// Items sorted by day (undated last), so that index order is date order.
pub fn items_from(events: Vec<Event>, added: bool) -> Vec<Item> {
    let mut items: Vec<Item> = events.into_iter().map(|e| Item::new(e, added)).collect();
    items.sort_by_key(|it| it.day.unwrap_or(i32::MAX));
    items
}

/// How the window moves: a unit (day, week, month) or a dragged range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Range,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Day, Unit::Week, Unit::Month, Unit::Range];

    pub fn key(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Range => "range",
        }
    }

    pub fn from_key(key: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.key() == key)
    }
}

/// The time window: the one signal the slider, the histogram, the map and the
/// list follow. Days are inclusive day numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindow {
    pub start: i32,
    pub end: i32,
    pub unit: Unit,
    /// Cumulative: everything from the first day of the data up to `end`.
    pub cumulative: bool,
}

impl TimeWindow {
    pub fn full((min, max): (i32, i32)) -> TimeWindow {
        TimeWindow {
            start: min,
            end: max,
            unit: Unit::Range,
            cumulative: false,
        }
    }

    pub fn contains(&self, day: i32) -> bool {
        (self.cumulative || day >= self.start) && day <= self.end
    }

    /// The first day shown, given the data's first day.
    pub fn first_day(&self, data_min: i32) -> i32 {
        if self.cumulative {
            data_min.min(self.end)
        } else {
            self.start
        }
    }

    /// The window of `unit` placed at `day` (a range keeps its length).
    pub fn at(&self, day: i32) -> TimeWindow {
        let (start, end) = match self.unit {
            Unit::Day => (day, day),
            Unit::Week => (day, day + 6),
            Unit::Month => dates::month_of(day),
            Unit::Range => (day, day + (self.end - self.start).max(0)),
        };
        TimeWindow {
            start,
            end,
            ..*self
        }
    }

    /// The same window with another unit, placed at its current start.
    pub fn with_unit(&self, unit: Unit) -> TimeWindow {
        TimeWindow { unit, ..*self }.at(self.start)
    }

    /// One step forward (`dir` = 1) or back (-1) by the window's unit.
    pub fn step(&self, dir: i32) -> TimeWindow {
        let start = match self.unit {
            Unit::Day => self.start + dir,
            Unit::Week => self.start + 7 * dir,
            Unit::Month => dates::add_months(self.start, dir),
            Unit::Range => self.start + (self.end - self.start + 1) * dir,
        };
        self.at(start)
    }

    /// Clamps the window so that it keeps touching the data's extent.
    pub fn clamp(&self, (min, max): (i32, i32)) -> TimeWindow {
        if self.start > max {
            self.at(max).snap_back(max)
        } else if self.end < min {
            self.at(min)
        } else {
            *self
        }
    }

    fn snap_back(&self, max: i32) -> TimeWindow {
        match self.unit {
            Unit::Month => *self,
            _ => TimeWindow {
                start: max - (self.end - self.start),
                end: max,
                ..*self
            },
        }
    }

    /// The window in words, e.g. "6–12 April 2018".
    pub fn words(&self, data_min: i32) -> String {
        dates::range_words(self.first_day(data_min), self.end)
    }
}

/// The filters besides time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Shown event types, by index in `EventType::ALL`.
    pub types: [bool; 6],
    /// Only events with this actor (as actor1 or actor2); empty: any.
    pub actor: String,
    pub min_fatalities: u32,
    /// Case-insensitive words to find in notes, place, actors and titles.
    pub text: String,
    /// Show background summaries ("fell to rebels in 2012"): off by default,
    /// so an article's look back does not stretch the time line by years.
    pub background: bool,
}

impl Default for Filters {
    fn default() -> Filters {
        Filters {
            types: [true; 6],
            actor: String::new(),
            min_fatalities: 0,
            text: String::new(),
            background: false,
        }
    }
}

impl Filters {
    pub fn matches(&self, item: &Item) -> bool {
        let p = &item.event.properties;
        if !self.types[usize::from(item.type_index)] {
            return false;
        }
        if p.background && !self.background {
            return false;
        }
        if self.min_fatalities > 0 && p.fatalities.unwrap_or(0) < self.min_fatalities {
            return false;
        }
        if !self.actor.is_empty()
            && p.actor1.as_deref() != Some(self.actor.as_str())
            && p.actor2.as_deref() != Some(self.actor.as_str())
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let found = |s: &str| s.to_lowercase().contains(&needle);
        found(&p.notes)
            || found(&p.location)
            || p.admin1.as_deref().is_some_and(found)
            || p.actor1.as_deref().is_some_and(found)
            || p.actor2.as_deref().is_some_and(found)
            || p.sub_event_type.label().to_lowercase().contains(&needle)
            || p.sources
                .iter()
                .any(|s| s.title.as_deref().is_some_and(found))
    }
}

/// A status line for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub error: bool,
    pub text: String,
}

/// The map's view, for the URL.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

/// West, south, east, north.
pub type Bounds = [f64; 4];

/// Everything the components share, all `Copy` handles.
#[derive(Clone, Copy)]
pub struct AppState {
    pub items: RwSignal<Arc<Vec<Item>>>,
    pub window: RwSignal<Option<TimeWindow>>,
    pub filters: RwSignal<Filters>,
    /// Indices (into `items`) of dated events in the window passing the filters.
    pub visible: Memo<Arc<Vec<usize>>>,
    /// Indices of undated events passing the filters.
    pub undated: Memo<Arc<Vec<usize>>>,
    /// First and last day of the dated events (background summaries only
    /// when shown).
    pub extent: Memo<Option<(i32, i32)>>,
    pub selected: RwSignal<Option<usize>>,
    /// Ask the map to fly to an item.
    pub fly_to: RwSignal<Option<usize>>,
    /// Ask the map to fit to all dated events (bumped on new data).
    pub fit: RwSignal<u32>,
    pub view: RwSignal<Option<View>>,
    pub bounds: RwSignal<Option<Bounds>>,
    pub message: RwSignal<Option<Message>>,
    pub playing: RwSignal<bool>,
    /// The first load of the dataset is over (loaded, missing or broken).
    pub ready: RwSignal<bool>,
    /// Bumped whenever item indices change meaning (new or added data), so
    /// that the map knows its source's indices are stale.
    pub data_version: StoredValue<u64>,
}

impl AppState {
    pub fn new() -> AppState {
        let items = RwSignal::new(Arc::new(Vec::<Item>::new()));
        let window = RwSignal::new(None::<TimeWindow>);
        let filters = RwSignal::new(Filters::default());
        let extent = Memo::new(move |_| {
            let background = filters.with(|f| f.background);
            items.with(|items| {
                let mut days = items
                    .iter()
                    .filter(|it| background || !it.event.properties.background)
                    .filter_map(|it| it.day);
                let first = days.next()?;
                Some(days.fold((first, first), |(a, b), d| (a.min(d), b.max(d))))
            })
        });
        let visible = Memo::new(move |_| {
            let w = window.get();
            filters.with(|f| {
                items.with(|items| {
                    let Some(w) = w else {
                        return Arc::new(Vec::new());
                    };
                    Arc::new(
                        items
                            .iter()
                            .enumerate()
                            .filter(|(_, it)| {
                                it.day.is_some_and(|d| w.contains(d)) && f.matches(it)
                            })
                            .map(|(i, _)| i)
                            .collect(),
                    )
                })
            })
        });
        let undated = Memo::new(move |_| {
            filters.with(|f| {
                items.with(|items| {
                    Arc::new(
                        items
                            .iter()
                            .enumerate()
                            .filter(|(_, it)| it.day.is_none() && f.matches(it))
                            .map(|(i, _)| i)
                            .collect(),
                    )
                })
            })
        });
        AppState {
            items,
            window,
            filters,
            visible,
            undated,
            extent,
            selected: RwSignal::new(None),
            fly_to: RwSignal::new(None),
            fit: RwSignal::new(0),
            view: RwSignal::new(None),
            bounds: RwSignal::new(None),
            message: RwSignal::new(None),
            playing: RwSignal::new(false),
            ready: RwSignal::new(false),
            data_version: StoredValue::new(0),
        }
    }

    pub fn say(&self, text: impl Into<String>) {
        self.message.set(Some(Message {
            error: false,
            text: text.into(),
        }));
    }

    pub fn warn(&self, text: impl Into<String>) {
        self.message.set(Some(Message {
            error: true,
            text: text.into(),
        }));
    }

    /// Replaces the data (opened file or loaded dataset); resets the window.
    pub fn replace(&self, items: Vec<Item>) {
        self.selected.set(None);
        self.data_version.update_value(|v| *v += 1);
        self.items.set(Arc::new(items));
        let extent = self.extent.get_untracked();
        self.window.set(extent.map(TimeWindow::full));
        self.fit.update(|n| *n += 1);
    }
}

/// Finds an item by event id.
pub fn find(items: &[Item], event_id: &str) -> Option<usize> {
    items
        .iter()
        .position(|it| it.event.properties.event_id == event_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_day;

    #[test]
    fn background_summaries_are_shown_only_when_asked() {
        let mut event = shared::event::Event::sample("e", "a", Some("2012-07-01"), 36.4, 33.5);
        event.properties.background = true;
        let summary = Item::new(event.clone(), false);
        event.properties.background = false;
        let report = Item::new(event, false);
        let hidden = Filters::default();
        let shown = Filters {
            background: true,
            ..Filters::default()
        };
        assert!(!hidden.matches(&summary) && hidden.matches(&report));
        assert!(shown.matches(&summary) && shown.matches(&report));
    }

    #[test]
    fn window_steps_by_unit() {
        let d = |s| parse_day(s).unwrap();
        let w = TimeWindow {
            start: d("2018-04-01"),
            end: d("2018-04-30"),
            unit: Unit::Month,
            cumulative: false,
        };
        let next = w.step(1);
        assert_eq!((next.start, next.end), (d("2018-05-01"), d("2018-05-31")));
        let week = w.with_unit(Unit::Week).step(-1);
        assert_eq!((week.start, week.end), (d("2018-03-25"), d("2018-03-31")));
        let range = TimeWindow {
            start: d("2018-04-01"),
            end: d("2018-04-10"),
            unit: Unit::Range,
            cumulative: false,
        };
        assert_eq!(range.step(1).start, d("2018-04-11"));
        let cum = TimeWindow {
            cumulative: true,
            ..w
        };
        assert!(cum.contains(d("2016-01-01")) && !cum.contains(d("2018-05-01")));
        assert_eq!(cum.words(d("2016-01-01")), "1 January 2016 – 30 April 2018");
    }
}
