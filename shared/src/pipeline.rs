//! The whole flow for a set of articles: geocode each article's text,
//! extract its events, build ACLED-style records, merge across articles.
//!
//! Articles are processed one at a time ([`Pipeline::extract_article`]), and
//! a long article one window at a time ([`Pipeline::extract_window`], see
//! [`crate::window`]), so callers can stream inputs of any size, show
//! progress, or (in the page) yield to the browser between steps;
//! [`Pipeline::finish`] merges.

use crate::article::Article;
use crate::event::{Event, EventProperties, SourceRef};
use crate::extract::{extract_article, Candidate, PlaceHit};
use crate::geocode::{Geocoder, ResolvedPlace, ResolvedText};
use crate::id::stable_id;
use crate::merge::Merging;
use crate::window::{windows, WINDOW_BYTES};
use std::ops::Range;

/// Runs extraction and merging with one gazetteer.
pub struct Pipeline {
    geocoder: Geocoder,
    merge: bool,
}

/// What one article gave.
#[derive(Debug, Default)]
pub struct ArticleOutcome {
    pub events: Vec<Event>,
    /// Place names the text uses that the gazetteer does not know.
    pub unresolved: Vec<String>,
    /// Events with no place in their sentence and no article focus.
    pub without_place: usize,
}

impl ArticleOutcome {
    /// Adds what a later window of the same article gave.
    pub fn absorb(&mut self, other: ArticleOutcome) {
        self.events.extend(other.events);
        self.unresolved.extend(other.unresolved);
        self.without_place += other.without_place;
    }
}

/// Counts for the end-of-run summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    /// Events before merging.
    pub events_found: usize,
    /// Events written (after merging).
    pub events: usize,
    pub unresolved_places: usize,
    pub events_without_place: usize,
    pub undated_articles: usize,
}

/// Events and counts for a whole run.
#[derive(Debug, Default)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub summary: Summary,
}

impl Pipeline {
    pub fn new(geocoder: Geocoder) -> Self {
        Pipeline {
            geocoder,
            merge: true,
        }
    }

    /// Whether reports of the same event are merged (default) or kept apart.
    pub fn with_merge(mut self, merge: bool) -> Self {
        self.merge = merge;
        self
    }

    /// The same pipeline for reporting on another country (see
    /// [`Geocoder::with_home_country`]).
    pub fn with_home_country(mut self, country: &str) -> Self {
        self.geocoder = self.geocoder.with_home_country(country);
        self
    }

    pub fn geocoder(&self) -> &Geocoder {
        &self.geocoder
    }

    /// Extracts the events of one article, window by window.
    pub fn extract_article(&self, article: &Article) -> ArticleOutcome {
        let mut outcome = ArticleOutcome::default();
        for window in windows(&article.text, WINDOW_BYTES) {
            outcome.absorb(self.extract_window(article, window));
        }
        outcome
    }

    /// Extracts the events of one window of an article's text (a byte range
    /// from [`windows`]); the window is geocoded on its own, so its places'
    /// context and the focus are those of the window.
    pub fn extract_window(&self, article: &Article, window: Range<usize>) -> ArticleOutcome {
        if window == (0..article.text.len()) {
            return self.extract_text(article);
        }
        let Some(text) = article.text.get(window.clone()) else {
            return ArticleOutcome::default();
        };
        let part = Article {
            id: article.id.clone(),
            date: article.date,
            source: article.source.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            text: text.to_string(),
            captions: Vec::new(),
            offset: article.offset + window.start,
        };
        self.extract_text(&part)
    }

    /// Extracts the events of `article` in one go.
    fn extract_text(&self, article: &Article) -> ArticleOutcome {
        // "BEIRUT (Reuters) -" is where the story was filed, not a place of
        // its events: blanked (spans stay put) before places are found.
        let masked;
        let article = match crate::extract::dateline::mask_datelines(&article.text) {
            std::borrow::Cow::Borrowed(_) => article,
            std::borrow::Cow::Owned(text) => {
                masked = Article {
                    text,
                    ..article.clone()
                };
                &masked
            }
        };
        let resolved = self.geocoder.resolve_text(&article.text);
        let home = home_country(&resolved, self.geocoder.home_country());
        let hits: Vec<PlaceHit<ResolvedPlace>> = resolved
            .mentions
            .iter()
            .map(|m| PlaceHit {
                span: m.span.clone(),
                phrase_span: m.phrase_span.clone(),
                mention: m.place_mention.clone(),
                geo_precision: m.place.geo_precision,
                country_level: m.place.kind == gazetteer::PlaceKind::Country,
                foreign: home.as_deref().is_some_and(|c| c != m.place.country),
                place: m.place.clone(),
            })
            .collect();
        let focus = resolved.focus.clone().map(|f| self.at_capital(f));
        let found = extract_article(article, &hits, focus.as_ref());
        let source = SourceRef {
            article_id: article.id.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            date: article.date_string(),
            url: article.url.clone(),
        };
        let events = found
            .events
            .into_iter()
            .filter_map(|candidate| to_event(article, &source, candidate))
            .collect();
        ArticleOutcome {
            events,
            unresolved: resolved.unresolved.iter().map(|u| u.text.clone()).collect(),
            without_place: found.without_place,
        }
    }

    /// A governorate focus is placed at its capital, as ACLED places
    /// region-level events: the largest town of the same name in it
    /// (Aleppo governorate at Aleppo city), else where the gazetteer puts it.
    fn at_capital(&self, mut focus: ResolvedPlace) -> ResolvedPlace {
        if focus.kind != gazetteer::PlaceKind::Region {
            return focus;
        }
        let gazetteer = self.geocoder.gazetteer();
        let names = [Some(focus.location.as_str()), focus.admin1.as_deref()];
        let capital = names
            .into_iter()
            .flatten()
            .flat_map(|name| gazetteer.lookup(name))
            .map(|named| gazetteer.place(named.place))
            .filter(|p| p.kind == gazetteer::PlaceKind::Locality && p.country == focus.country)
            .filter(|p| gazetteer::place::haversine_km(p.lat, p.lon, focus.lat, focus.lon) < 150.0)
            .max_by_key(|p| p.population);
        if let Some(capital) = capital {
            focus.lat = capital.lat;
            focus.lon = capital.lon;
        }
        focus
    }

    /// Merges (unless turned off) and orders the events of a run.
    pub fn finish(&self, events: Vec<Event>) -> Vec<Event> {
        self.merging(events).finish()
    }

    /// [`Pipeline::finish`] in steps, for callers that yield between them.
    pub fn merging(&self, events: Vec<Event>) -> Merging {
        Merging::new(events, self.merge)
    }

    /// Extracts and merges the events of all `articles`.
    pub fn extract(&self, articles: &[Article]) -> Extraction {
        let mut summary = Summary::default();
        let mut events = Vec::new();
        for article in articles {
            let outcome = self.extract_article(article);
            summary.articles += 1;
            summary.undated_articles += usize::from(article.date.is_none());
            summary.unresolved_places += outcome.unresolved.len();
            summary.events_without_place += outcome.without_place;
            events.extend(outcome.events);
        }
        summary.events_found = events.len();
        let events = self.finish(events);
        summary.events = events.len();
        Extraction { events, summary }
    }
}

/// The country an article is about: its focus's, else the country most of
/// its places are in (ties: the reporting's home country, then the first
/// named: "Turkish artillery in Kilis shelled Afrin" is about Syria).
fn home_country(resolved: &ResolvedText, reporting_home: &str) -> Option<String> {
    if let Some(focus) = &resolved.focus {
        return Some(focus.country.clone());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in &resolved.mentions {
        match counts.iter_mut().find(|(c, _)| *c == m.place.country) {
            Some((_, n)) => *n += 1,
            None => counts.push((&m.place.country, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    let tied = || counts.iter().filter(|(_, n)| *n == best);
    tied()
        .find(|(c, _)| *c == reporting_home)
        .or_else(|| tied().next())
        .map(|(c, _)| c.to_string())
}

fn to_event(
    article: &Article,
    source: &SourceRef,
    candidate: Candidate<ResolvedPlace>,
) -> Option<Event> {
    let hit = candidate.place?;
    let place = hit.place;
    let key = format!(
        "{}:{}:{}:{}",
        article.id,
        // Counted from the start of the whole article, so the events of
        // its parts and windows never share an id.
        article.offset + candidate.sentence.start,
        candidate.sub_event_type.label(),
        place.place_id
    );
    Some(Event {
        longitude: place.lon,
        latitude: place.lat,
        properties: EventProperties {
            event_id: stable_id(&key),
            event_date: candidate.date.map(|d| d.format("%Y-%m-%d").to_string()),
            time_precision: if candidate.date.is_some() {
                candidate.time_precision
            } else {
                3
            },
            event_type: candidate.sub_event_type.event_type(),
            sub_event_type: candidate.sub_event_type,
            actor1: candidate
                .actor1
                .map(|a| crate::extract::actor::in_country(a, &place.country).to_string()),
            actor2: candidate
                .actor2
                .map(|a| crate::extract::actor::in_country(a, &place.country).to_string()),
            location: place.location,
            admin1: place.admin1,
            admin2: place.admin2,
            country: place.country,
            geo_precision: hit.geo_precision,
            place_mention: hit.mention,
            place_id: place.place_id,
            fatalities: candidate.fatalities,
            notes: candidate.notes,
            sources: vec![source.clone()],
            background: candidate.background,
        },
    })
}
