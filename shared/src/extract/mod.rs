//! Extraction: from an article's sentences to candidate events.
//!
//! Per sentence: triggers say what happened, place hits (from the geocoder)
//! say where, actors who, fatality counts how many died, date expressions
//! when. Each trigger group becomes one event, so a sentence naming two
//! attacks in two places yields two. Rules and lexicons, no model: every
//! decision can be read back from the sentence.

pub mod actor;
pub mod date;
pub mod dateline;
pub mod fatality;
pub mod number;
pub mod phrase;
pub mod split;
pub mod tokens;
pub mod trigger;

use crate::article::Article;
use crate::event::SubEventType;
use crate::sentence::sentences;
use actor::{find_actors, find_forces, Side, PROTESTERS, RIOTERS};
use chrono::{Duration, NaiveDate};
use std::ops::Range;
use trigger::{
    find_protest_cues, find_triggers, is_demonstration, more_force, names_aircraft,
    protest_sub_event_type, Trigger,
};

/// A place the geocoder found in the article text. Generic over the place
/// record so extraction does not depend on how places are stored.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceHit<P> {
    /// Byte span of the place name in the article text.
    pub span: Range<usize>,
    /// Byte span of the whole phrase ("south of the city of X").
    pub phrase_span: Range<usize>,
    /// The words that named it, as written.
    pub mention: String,
    pub geo_precision: u8,
    /// A whole country: a last resort for an event's place.
    pub country_level: bool,
    /// In another country than the one the article is about ("Moscow",
    /// "Geneva" in a Syrian story): a place for talks, not for fighting.
    pub foreign: bool,
    pub place: P,
}

/// An event read from one article, before merging across articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<P> {
    pub sub_event_type: SubEventType,
    pub actor1: Option<&'static str>,
    pub actor2: Option<&'static str>,
    pub date: Option<NaiveDate>,
    pub time_precision: u8,
    pub place: Option<PlaceHit<P>>,
    pub fatalities: Option<u32>,
    /// The sentence(s), as written.
    pub notes: String,
    pub background: bool,
    /// Byte span of the (first) sentence in the article text.
    pub sentence: Range<usize>,
}

/// What one article gave.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleEvents<P> {
    pub events: Vec<Candidate<P>>,
    /// Events found with no place in their sentence and no article focus.
    pub without_place: usize,
}

/// Words before a trigger that make it hypothetical, threatened or denied.
const HEDGES: &[&str] = &[
    "would",
    "could",
    "should",
    "might",
    "may",
    "will",
    "threatened",
    "threatening",
    "threatens",
    "vowed",
    "if",
    "unless",
    "not",
    "no",
    "avoid",
    "prevent",
    "preparation",
    "plans",
    "planned",
    "possible",
    "potential",
    "expected",
    // Reactions to an attack told elsewhere.
    "condemned",
    "condemns",
    "condemning",
    "denounced",
    "denounces",
    "discussed",
    "warned",
    "fears",
    "feared",
    "risk",
];

/// Words before a protest cue that make it what the protest was about, not
/// what it met ("demanding the release of those detained", "rallied
/// against the use of tear gas"); the hedges deny a cue too.
const CUE_DENIALS: &[&str] = &[
    "without",
    "release",
    "against",
    "demand",
    "demanded",
    "demanding",
    "condemn",
    "condemned",
    "condemning",
    "denounce",
    "denounced",
    "denouncing",
    "mourn",
    "mourned",
    "mourning",
];

/// Phrases that make a sentence a summary of earlier violence.
const CUMULATIVE: &[&str] = &[
    "has killed",
    "have killed",
    "had killed",
    "have assassinated",
    "has assassinated",
    "have been killed since",
    "has left",
    "since the start",
    "since the beginning",
    "since the war began",
    "since the conflict began",
    "so far this year",
    "in total",
    "year-old war",
    "years into",
    "year-old conflict",
    "over the past months",
    "over the past few months",
    "in recent months",
    "in recent years",
    "in recent weeks",
    "over the past weeks",
    "over the past few weeks",
    "over recent weeks",
];

/// A toll so far: with "since" anywhere in the sentence ("more than 300
/// people have been killed in Sweida province since the fighting began"),
/// a sum of many events, not one.
const TOLL_SO_FAR: &[&str] = &[
    "have been killed",
    "has been killed",
    "had been killed",
    "have died",
    "have been wounded",
    // "has documented the death of 71 people since yesterday"
    "has documented",
    "have documented",
    "has recorded",
    "have recorded",
    // "the town, which had been under heavy bombardment since May"
    "had been under",
    "has been under",
    "have been under",
];

/// Days before the article beyond which a dated event is background.
const BACKGROUND_AFTER_DAYS: i64 = 21;

/// Reads the candidate events of one article. `places` are the geocoder's
/// hits in `article.text` (any order); `focus` the place the article is
/// about, used at precision 3 for events whose sentence names none.
pub fn extract_article<P: Clone>(
    article: &Article,
    places: &[PlaceHit<P>],
    focus: Option<&P>,
) -> ArticleEvents<P> {
    let text = &article.text;
    let mut out = ArticleEvents {
        events: Vec::new(),
        without_place: 0,
    };
    // Index of the event the previous sentence produced or continued.
    let mut previous: Option<usize> = None;
    // Who last took territory: "X has fallen" rarely says to whom.
    let mut last_taker: Option<&'static str> = None;
    // The last event placed at a town, and the sentence it came from:
    // "the city centre" a sentence or two later is that town.
    let mut last_town: Option<(usize, usize)> = None;
    for (sentence_index, span) in sentences(text).into_iter().enumerate() {
        let sentence = &text[span.clone()];
        let tokens = tokens::tokenize(sentence);
        let actors = find_actors(sentence);
        let groups = trigger_groups(sentence, &tokens, &actors);
        let fatalities = fatality::find_fatalities(&tokens);
        let lower = sentence.to_lowercase();
        let cumulative = CUMULATIVE.iter().any(|c| lower.contains(c))
            || (lower.contains(" since ") && TOLL_SO_FAR.iter().any(|c| lower.contains(c)));
        let sentence_places: Vec<&PlaceHit<P>> = places
            .iter()
            .filter(|p| p.span.start >= span.start && p.span.end <= span.end)
            .collect();
        if groups.is_empty() {
            // "Eight were killed in Kafranbel, five in Maarat al-Numan and
            // three in Hass" after a strike: the strike, in each town.
            if let Some(index) = previous.filter(|&i| is_violent(&out.events[i])) {
                let towns = tolls_by_town(sentence, &tokens, &sentence_places, span.start);
                if !towns.is_empty() {
                    let template = out.events[index].clone();
                    // Told only at a province or the country, the event was
                    // these towns' (its count their total): they replace it.
                    let vague = template
                        .place
                        .as_ref()
                        .is_none_or(|p| p.geo_precision >= 3 || p.country_level);
                    for (n, (hit, count)) in towns.into_iter().enumerate() {
                        let mut event = template.clone();
                        event.place = Some(hit.clone());
                        event.fatalities = Some(count);
                        event.notes = format!("{} {sentence}", template.notes);
                        if n == 0 && vague {
                            out.events[index] = event;
                        } else {
                            out.events.push(event);
                        }
                    }
                    previous = Some(out.events.len() - 1);
                    continue;
                }
            }
            // "At least 26 fighters were killed." right after a clash: the
            // count belongs to the event just told (not a war's total toll).
            let own_date = !date::find_dates(&tokens, article.date).is_empty();
            // "Five people were killed in Kafranbel" after a strike on
            // another town: the count is not that town's.
            let elsewhere = previous.is_some_and(|index| {
                let told = out.events[index].place.as_ref().map(|p| p.mention.as_str());
                let named: Vec<&str> = sentence_places
                    .iter()
                    .filter(|p| !p.country_level)
                    .map(|p| p.mention.as_str())
                    .collect();
                !named.is_empty() && !named.iter().any(|n| Some(*n) == told)
            });
            // "Security forces opened fire, killing 15." right after a
            // protest: what the protest met, told in the next sentence. A
            // toll that is not of its protesters is not a protest's.
            if let Some(index) =
                previous.filter(|&i| is_demonstration(out.events[i].sub_event_type))
            {
                let event = &mut out.events[index];
                let told =
                    Demonstration::read(sentence, &tokens, &fatalities, event.sub_event_type);
                let more =
                    told.sub_event_type != event.sub_event_type || !told.fatalities.is_empty();
                if more && !cumulative && !own_date && !elsewhere {
                    told.raise(event);
                    add_fatalities(event, &told.fatalities);
                    event.notes.push(' ');
                    event.notes.push_str(sentence);
                } else {
                    previous = None;
                }
                continue;
            }
            if let (Some(index), false, false, false, false) = (
                previous,
                fatalities.is_empty(),
                cumulative,
                own_date,
                elsewhere,
            ) {
                let event = &mut out.events[index];
                add_fatalities(event, &fatalities);
                event.notes.push(' ');
                event.notes.push_str(sentence);
            } else {
                previous = None;
            }
            continue;
        }
        let dates = date::find_dates(&tokens, article.date);
        let aircraft = names_aircraft(sentence);
        let by_town = if groups.len() == 1 && groups[0].trigger.is_violent() {
            tolls_by_town(sentence, &tokens, &sentence_places, span.start)
        } else {
            Vec::new()
        };
        // "clashes at X amid mutual shelling", "clashes south of X, together
        // with heavy bombardment": shelling or clashes with no place of
        // their own, in a sentence whose clash has one, are that battle.
        let places_of: Vec<Option<&PlaceHit<P>>> = groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                choose_place(sentence, &sentence_places, span.start, group, &groups, g)
            })
            .collect();
        let placed_clash = groups
            .iter()
            .zip(&places_of)
            .any(|(group, place)| group.trigger == Trigger::Clash && place.is_some());
        let kept: Vec<bool> = groups
            .iter()
            .zip(&places_of)
            .map(|(group, place)| {
                let part_of_battle = matches!(
                    group.trigger,
                    Trigger::Shelling | Trigger::Bombardment | Trigger::Clash
                );
                place.is_some() || !(placed_clash && part_of_battle)
            })
            .collect();
        let mut produced = None;
        for (g, group) in groups.iter().enumerate() {
            if !kept[g] {
                continue;
            }
            let at = group.at;
            let place = places_of[g];
            // "rallied in Daraa, where the uprising began in March last
            // year": when something else began is not the event's day
            // ("the assault began in mid-November" is the assault's).
            // Nor is a year told in a clause of its own ("local armed
            // groups, many of them former rebels who signed deals in 2018,
            // seized Daraa").
            let other_clause = |d: &date::DateMention| {
                let (a, b) = if d.at < group.at {
                    (d.at, group.at)
                } else {
                    (group.end, d.at)
                };
                d.since
                    && d.precision == 3
                    && sentence
                        .get(a..b)
                        .is_some_and(|between| between.contains(','))
            };
            let own_dates: Vec<&date::DateMention> = dates
                .iter()
                .filter(|d| {
                    !began_before(&tokens, d.at)
                        || sentence
                            .get(group.end..d.at)
                            .is_some_and(|between| between.split_whitespace().count() <= 3)
                })
                .filter(|d| !other_clause(d))
                .collect();
            let (date, time_precision, since) = match nearest(&own_dates, at, |d| d.at) {
                Some(d) => (Some(d.date), d.precision, d.since),
                None => (article.date, 2, false),
            };
            let counts: Vec<_> = fatalities
                .iter()
                .filter(|f| nearest_group(&groups, &kept, f.at) == g)
                .cloned()
                .collect();
            // A demonstration's sub-type, sides and toll follow the force
            // the sentence says it met.
            let told = match group.trigger {
                Trigger::Protest => Some(SubEventType::PeacefulProtest),
                Trigger::Riot => Some(SubEventType::ViolentDemonstration),
                _ => None,
            }
            .map(|least| Demonstration::read(sentence, &tokens, &counts, least));
            let (mut actor1, mut actor2) = match &told {
                Some(told) => told.roles(),
                None => roles(sentence, &tokens, &actors, at, group.trigger),
            };
            // "Government forces lost Hama": the side named lost the town;
            // the other took it (the state, when the loser is not).
            let mut lost_by_non_state = false;
            if group.trigger == Trigger::Territory {
                let words = sentence[group.at..group.end].to_ascii_lowercase();
                if words == "has fallen" {
                    // The speaker's side is not the taker.
                    (actor1, actor2) = (last_taker, None);
                }
                if words.ends_with(" lost") {
                    lost_by_non_state = actor1.is_some_and(|a| {
                        actors
                            .iter()
                            .any(|h| h.value.name == a && h.value.side == Side::NonState)
                    });
                    (actor1, actor2) = (None, actor1);
                }
                last_taker = actor1.or(last_taker);
            }
            let sub_event_type_hint = group.trigger.sub_event_type(aircraft, false);
            if sub_event_type_hint == SubEventType::AirDroneStrike {
                // Only states fly in this war's reporting: an air strike's
                // actor is a state force, or unnamed.
                actor1 = actors
                    .iter()
                    .find(|h| h.value.side == Side::State)
                    .map(|h| h.value.name);
                if actor2 == actor1 {
                    actor2 = None;
                }
            }
            // A state's forces at home regain territory; a foreign army
            // taking a town (Turkey's in Afrin) overtakes it, as ACLED codes
            // a non-state actor's.
            let government_acts = actor1.is_some_and(|a| {
                let state = actors
                    .iter()
                    .any(|h| h.value.name == a && h.value.side == Side::State)
                    || a.starts_with("Military Forces of");
                state && !FOREIGN_FORCES.contains(&a)
            }) || (actor1.is_none()
                // Only a state "restores security" to a town (SANA's words).
                && sentence[group.at..group.end]
                    .to_ascii_lowercase()
                    .starts_with("restored security"))
                || lost_by_non_state
                // "troops took the village of Bazwaya": unnamed troops are a
                // state's (Iraq's there), taking a town back.
                || (actor1.is_none()
                    && group.trigger == Trigger::Territory
                    && tokens_before(&tokens, group.at, 6)
                        .iter()
                        .any(|t| STATE_TROOPS.contains(&t.lower.as_str())));
            // "Israel struck", "Russia pounded": in these wars a strike of
            // Israel's, Russia's or the US-led coalition's on Syria, Lebanon
            // or Iraq is from the air unless the sentence says otherwise.
            let air_power = actor1.is_some_and(|a| AIR_POWERS.contains(&a))
                && !["artillery", "tank", "shells", "mortar"]
                    .iter()
                    .any(|w| lower.contains(w));
            let sub_event_type = match &told {
                Some(told) => told.sub_event_type,
                None => group
                    .trigger
                    .sub_event_type(aircraft || air_power, government_acts),
            };
            // "attacked an army checkpoint": an attack on forces is a battle,
            // not violence against civilians.
            let sub_event_type = if sub_event_type == SubEventType::Attack
                && attacks_forces(sentence, &tokens, group)
            {
                SubEventType::ArmedClash
            } else if group.trigger == Trigger::Territory && storms_homes(sentence, &tokens, group)
            {
                // "stormed homes in Taldou and killed entire families".
                SubEventType::Attack
            } else if group.trigger == Trigger::Territory
                && groups.len() == 1
                && WITHDREW.iter().any(|w| lower.contains(w))
                // (Not "seized" or "captured": force.)
                && matches!(
                    sentence[group.at..group.end].to_ascii_lowercase().as_str(),
                    "took control" | "taken control" | "took full control" | "took over" | "entered"
                )
            {
                // "the SDF took control of Deir ez-Zor after government
                // forces ... withdrew from the city": taken without a fight.
                SubEventType::NonViolentTransferOfTerritory
            } else {
                sub_event_type
            };
            // Violence against civilians has civilians on the other side,
            // named or not ("a family of six was shot dead").
            if sub_event_type.event_type() == crate::event::EventType::ViolenceAgainstCivilians
                && actor2.is_none_or(|a| a == actor::REBELS.name || Some(a) == actor1)
            {
                actor2 = Some(actor::CIVILIANS.name);
            }
            let counts = match &told {
                Some(told) => told.fatalities.clone(),
                None => counts,
            };
            let old = article
                .date
                .zip(date)
                .is_some_and(|(a, d)| a - d > Duration::days(BACKGROUND_AFTER_DAYS));
            let mut candidate = Candidate {
                sub_event_type,
                actor1,
                actor2,
                date,
                time_precision,
                place: place.cloned(),
                fatalities: None,
                notes: sentence.to_string(),
                background: since || cumulative || old || campaign_start(&lower, sentence, group),
                sentence: span.clone(),
            };
            add_fatalities(&mut candidate, &counts);
            // "killed five in Kafranbel and three in Hass": an event in each.
            if !by_town.is_empty() {
                for (hit, count) in &by_town {
                    let mut event = candidate.clone();
                    event.place = Some((*hit).clone());
                    event.fatalities = Some(*count);
                    out.events.push(event);
                }
                produced = Some(out.events.len() - 1);
                continue;
            }
            // "the neighbourhoods of Haydariya, Sakhour and Sheikh Khodr
            // fell", "crowds rallied in Douma and in Daraa province": each
            // place is an event of its own.
            // So is each target of strikes listed together ("including the
            // Hama military airport and the T4 air base"), when no toll
            // has to be shared out.
            let strikes = matches!(
                group.trigger,
                Trigger::AirStrike | Trigger::Bombardment | Trigger::Shelling
            ) && candidate.fatalities.is_none();
            if matches!(group.trigger, Trigger::Territory | Trigger::Protest) || strikes {
                let listed = listed_with(sentence, &sentence_places, span.start, place);
                if listed.len() > 1 {
                    for hit in listed {
                        let mut event = candidate.clone();
                        event.place = Some(hit.clone());
                        out.events.push(event);
                    }
                    produced = Some(out.events.len() - 1);
                    continue;
                }
            }
            // Placed only by the article's focus or at a whole country, a
            // sentence is an event only with a when or a toll of its own:
            // "the daily air raids kept residents in basements", a
            // headline, a threat or a recap are not events to map.
            let concrete = candidate.fatalities.is_some() || !dates.is_empty();
            let country_level = candidate.place.as_ref().is_some_and(|p| p.country_level);
            if country_level && !concrete {
                out.without_place += 1;
                continue;
            }
            // A whole country is a poor place for an event: the article's
            // focus (ACLED's practice) is better when there is one, in that
            // country ("Jordanian air strikes on southern Syria" in a story
            // about Jordan are not in Amman).
            let abroad = candidate.place.as_ref().is_some_and(|p| {
                // The word before the country, past a direction ("on
                // southern Syria").
                let mut words = text[..p.phrase_span.start].split_whitespace().rev();
                let mut last = words.next().unwrap_or("").to_ascii_lowercase();
                if matches!(
                    last.as_str(),
                    "southern" | "northern" | "eastern" | "western" | "central"
                ) {
                    last = words.next().unwrap_or("").to_ascii_lowercase();
                }
                p.foreign && matches!(last.as_str(), "on" | "in" | "inside" | "across" | "into")
            });
            if country_level && focus.is_some() && !abroad {
                candidate.place = None;
            }
            // "Shelling hit Douma. Gunmen then killed 12 civilians in Douma":
            // a killing told with no word of how, in the place just told,
            // is that event's toll.
            if let (Trigger::Killing, Some(index), Some(place), true) =
                (group.trigger, previous, &candidate.place, dates.is_empty())
            {
                let prior = &mut out.events[index];
                if is_violent(prior)
                    && prior
                        .place
                        .as_ref()
                        .is_some_and(|p| p.mention == place.mention)
                {
                    add_fatalities(prior, &counts);
                    prior.notes.push(' ');
                    prior.notes.push_str(sentence);
                    produced = Some(index);
                    continue;
                }
            }
            // A sentence that names no place but continues the event just
            // told ("29 troops were also killed in the fighting") adds to it.
            if candidate.place.is_none() {
                if let Some(index) = previous {
                    let prior = &mut out.events[index];
                    // "Air strikes hit Douma. Government forces killed 12
                    // civilians": the killing told is the strike's toll.
                    let same_kind = prior.sub_event_type.event_type()
                        == sub_event_type.event_type()
                        || is_demonstration(prior.sub_event_type)
                            && is_demonstration(sub_event_type)
                        || group.trigger == Trigger::Killing && is_violent(prior);
                    if same_kind && dates.is_empty() {
                        // "Three protesters were later shot dead."
                        if let Some(told) = &told {
                            told.raise(prior);
                        }
                        add_fatalities(prior, &counts);
                        prior.notes.push(' ');
                        prior.notes.push_str(sentence);
                        produced = Some(index);
                        continue;
                    }
                }
                // Talks and deals happen in capitals, not in the war zone the
                // article is about: no place, no point.
                let conflict = group.trigger.is_violent() || group.trigger == Trigger::Evacuation;
                // "an explosion tore through a building in the city centre"
                // right after the rebels entered Afrin: Afrin.
                let told_just_before = last_town
                    .filter(|&(_, at)| sentence_index - at <= ANAPHOR_SENTENCES)
                    .and_then(|(index, _)| out.events[index].place.as_ref())
                    .filter(|_| ANAPHORS.iter().any(|a| lower.contains(a)));
                if let Some(place) = told_just_before.filter(|_| conflict && concrete) {
                    candidate.place = Some(place.clone());
                    out.events.push(candidate);
                    produced = Some(out.events.len() - 1);
                    continue;
                }
                match focus.filter(|_| conflict && concrete) {
                    Some(place) => candidate.place = Some(focus_hit(place)),
                    None => {
                        out.without_place += 1;
                        continue;
                    }
                }
            }
            out.events.push(candidate);
            produced = Some(out.events.len() - 1);
        }
        previous = produced;
        if let Some(index) = produced.filter(|&i| {
            out.events[i]
                .place
                .as_ref()
                .is_some_and(|p| p.geo_precision <= 2 && !p.country_level)
        }) {
            last_town = Some((index, sentence_index));
        }
    }
    out
}

/// Whether the date at byte `at` is when something began ("the uprising
/// began in March last year", "since the war erupted in 2011").
fn began_before(tokens: &[tokens::Token], at: usize) -> bool {
    let before = tokens_before(tokens, at, 2);
    matches!(
        before,
        [verb, prep] if matches!(verb.lower.as_str(), "began" | "begun" | "started" | "erupted")
            && prep.lower == "in"
    )
}

/// Lowercase words that end a place's name in a list ("the Hama military
/// airport and ...").
const NAME_TAILS: &[&str] = &[
    "military", "airport", "air", "base", "airbase", "camp", "crossing", "dam", "city",
];

/// Words that may come between "and" and the next place of a list ("and
/// in the southern province of Daraa", "and nearby Talbiseh").
const LIST_GLUE: &[&str] = &[
    "in",
    "the",
    "nearby",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "province",
    "governorate",
    "region",
    "countryside",
    "town",
    "city",
    "village",
    "villages",
    "towns",
    "suburb",
    "district",
    "neighbourhood",
    "neighborhood",
    "of",
];

/// The places listed together with `place` ("Haydariya, Sakhour and
/// Sheikh Khodr", "in Douma and in Daraa province": only commas, "and"
/// and "in" between them), in order, `place` among them; empty when it is
/// not in a list. Whole countries are not listed places, nor is a city
/// that only says where the place before it is ("Douma, Damascus").
fn listed_with<'p, P>(
    sentence: &str,
    places: &[&'p PlaceHit<P>],
    sentence_start: usize,
    place: Option<&PlaceHit<P>>,
) -> Vec<&'p PlaceHit<P>> {
    let Some(place) = place else {
        return Vec::new();
    };
    let Some(at) = places.iter().position(|p| p.span == place.span) else {
        return Vec::new();
    };
    let joined = |a: &PlaceHit<P>, b: &PlaceHit<P>| {
        let between = sentence
            .get(a.span.end - sentence_start..b.phrase_span.start.max(a.span.end) - sentence_start)
            .unwrap_or("x");
        // "and", ", and", "and in the southern province of", "and nearby".
        let all: Vec<&str> = between
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        // (After the words that end the first name: "Hama military
        // airport and the T4 air base".)
        let words = &all[all.iter().take_while(|w| NAME_TAILS.contains(w)).count()..];
        let and_list = words.first() == Some(&"and")
            && words.len() <= 7
            && words[1..].iter().all(|w| LIST_GLUE.contains(w));
        and_list
            || between.trim() == ","
            && b.geo_precision < 3
            // ("Maaloula, north of Damascus" says where Maaloula is.)
            && b.phrase_span.start == b.span.start
    };
    let mut first = at;
    while first > 0 && joined(places[first - 1], places[first]) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < places.len() && joined(places[last], places[last + 1]) {
        last += 1;
    }
    let listed = &places[first..=last];
    if listed.len() < 2 || listed.iter().any(|p| p.country_level) {
        return Vec::new();
    }
    listed.to_vec()
}

/// The towns of a sentence that each get a count of their own ("five in
/// Kafranbel and three in Hass"), with their counts; empty unless there are
/// two or more. A province's count among them is the total, not a
/// town's, and is left out.
fn tolls_by_town<'p, P>(
    sentence: &str,
    tokens: &[tokens::Token],
    places: &[&'p PlaceHit<P>],
    sentence_start: usize,
) -> Vec<(&'p PlaceHit<P>, u32)> {
    let spans: Vec<Range<usize>> = places
        .iter()
        .map(|p| p.span.start - sentence_start..p.span.end - sentence_start)
        .collect();
    let mut towns: Vec<(&PlaceHit<P>, u32)> = Vec::new();
    for toll in split::tolls_by_place(sentence, tokens, &spans) {
        let hit = places[toll.place];
        if hit.geo_precision >= 3 || hit.country_level || hit.foreign {
            continue;
        }
        match towns.iter_mut().find(|(h, _)| h.mention == hit.mention) {
            Some((_, count)) => *count = count.saturating_add(toll.count),
            None => towns.push((hit, toll.count)),
        }
    }
    if towns.len() < 2 {
        towns.clear();
    }
    towns
}

/// What a sentence tells of a demonstration: how much force it met (at
/// least `least`: a riot stays a riot), from whom, and the toll that is
/// the protest's.
#[derive(Clone, Debug)]
struct Demonstration {
    sub_event_type: SubEventType,
    /// The force named nearest what was done to the protest: the police,
    /// security forces, an armed group.
    force: Option<&'static str>,
    fatalities: Vec<fatality::Fatalities>,
}

impl Demonstration {
    fn read(
        sentence: &str,
        tokens: &[tokens::Token],
        counts: &[fatality::Fatalities],
        least: SubEventType,
    ) -> Demonstration {
        let hits: Vec<_> = find_protest_cues(sentence)
            .into_iter()
            .filter(|cue| !cue_denied(sentence, tokens, cue.start))
            .collect();
        let cues: Vec<_> = hits.iter().map(|cue| cue.value).collect();
        // The force that acted is the one named by the act ("police fired
        // tear gas"), not the one protested against ("rallied against the
        // government").
        let forces = find_forces(sentence);
        let force = forces
            .iter()
            .min_by_key(|f| {
                hits.iter()
                    .map(|cue| f.start.abs_diff(cue.start))
                    .min()
                    .unwrap_or(f.start)
            })
            .map(|h| h.value.name);
        let of_protesters = |f: &fatality::Fatalities| {
            find_actors(&sentence[f.victims.clone()])
                .iter()
                .any(|h| h.value.side == Side::Protesters)
        };
        let of_forces =
            |f: &fatality::Fatalities| !find_forces(&sentence[f.victims.clone()]).is_empty();
        let killed = counts.iter().any(of_protesters);
        let sub_event_type = more_force(least, protest_sub_event_type(&cues, killed));
        let fatalities = match sub_event_type {
            // The protesters killed, not police killed beside them; a count
            // that does not say whose is taken to be theirs.
            SubEventType::ExcessiveForceAgainstProtesters => counts
                .iter()
                .filter(|f| of_protesters(f) || !of_forces(f))
                .cloned()
                .collect(),
            SubEventType::ViolentDemonstration => counts.to_vec(),
            // Force short of lethal killed no one: a count beside a
            // peaceful protest is someone else's ("mourned 12 who died").
            _ => Vec::new(),
        };
        Demonstration {
            sub_event_type,
            force,
            fatalities,
        }
    }

    /// ACLED's sides: the protesters first, the force that intervened
    /// second; the force first when it used excessive force; rioters are
    /// not protesters. A peaceful protest met no one ("rallied against the
    /// government" names whom it is against, not a side).
    fn roles(&self) -> (Option<&'static str>, Option<&'static str>) {
        match self.sub_event_type {
            SubEventType::PeacefulProtest => (Some(PROTESTERS.name), None),
            SubEventType::ExcessiveForceAgainstProtesters => (self.force, Some(PROTESTERS.name)),
            SubEventType::ViolentDemonstration => (Some(RIOTERS.name), self.force),
            _ => (Some(PROTESTERS.name), self.force),
        }
    }

    /// Makes an earlier telling of the same demonstration say the force
    /// this one says it met, if that is more; a force it named stays.
    fn raise<P>(&self, event: &mut Candidate<P>) {
        let sub_event_type = more_force(event.sub_event_type, self.sub_event_type);
        if sub_event_type == event.sub_event_type {
            return;
        }
        let crowd = [PROTESTERS.name, RIOTERS.name];
        let named = [event.actor1, event.actor2]
            .into_iter()
            .flatten()
            .find(|a| !crowd.contains(a));
        let raised = Demonstration {
            sub_event_type,
            force: self.force.or(named),
            fatalities: Vec::new(),
        };
        event.sub_event_type = sub_event_type;
        (event.actor1, event.actor2) = raised.roles();
    }
}

/// Words before what a protest is about ("to protest against the
/// bombing", "rallied over the killings").
const PROTESTED: &[&str] = &[
    "against",
    "over",
    "condemn",
    "condemning",
    "denounce",
    "denouncing",
];

/// Whether the trigger at `at` is what a protest is about: one of
/// [`PROTESTED`] within the three words before it ("against the bombing").
fn protested_against(tokens: &[tokens::Token], at: usize) -> bool {
    tokens_before(tokens, at, 3)
        .iter()
        .any(|t| PROTESTED.contains(&t.lower.as_str()))
}

/// The (at most) `n` tokens that start at or after byte `at`.
fn tokens_after(tokens: &[tokens::Token], at: usize, n: usize) -> &[tokens::Token] {
    let index = first_token_from(tokens, at);
    &tokens[index..(index + n).min(tokens.len())]
}

/// The (at most) `n` tokens that end before byte `at`.
fn tokens_before(tokens: &[tokens::Token], at: usize, n: usize) -> &[tokens::Token] {
    let index = first_token_from(tokens, at);
    &tokens[index.saturating_sub(n)..index]
}

/// The index of the first token starting at or after byte `at`.
fn first_token_from(tokens: &[tokens::Token], at: usize) -> usize {
    tokens
        .iter()
        .position(|t| t.span.start >= at)
        .unwrap_or(tokens.len())
}

/// A hedge or a denial within the four words before a protest cue, in the
/// same clause: "no arrests were made", "the release of those detained".
fn cue_denied(sentence: &str, tokens: &[tokens::Token], at: usize) -> bool {
    tokens_before(tokens, at, 4).iter().any(|t| {
        let word = t.lower.as_str();
        (HEDGES.contains(&word) || CUE_DENIALS.contains(&word))
            && !sentence[t.span.end..at].contains([',', ';', ':'])
    })
}

/// Whether an event is fighting, shelling or violence against civilians.
fn is_violent<P>(event: &Candidate<P>) -> bool {
    use crate::event::EventType::*;
    matches!(
        event.sub_event_type.event_type(),
        Battles | ExplosionsRemoteViolence | ViolenceAgainstCivilians
    )
}

/// A trigger group: the triggers of one family in a sentence, at the first.
#[derive(Clone, Copy, Debug)]
struct Group {
    trigger: Trigger,
    at: usize,
    end: usize,
}

/// The families of trigger a sentence holds, after dropping hedged ones,
/// weak ones when strong ones exist, and diplomacy beside violence.
fn trigger_groups(
    sentence: &str,
    tokens: &[tokens::Token],
    actors: &[phrase::Hit<actor::Actor>],
) -> Vec<Group> {
    // "sold for 2,620 pounds": money.
    let money = |hit: &phrase::Hit<Trigger>| {
        sentence[hit.start..hit.end].eq_ignore_ascii_case("pounds")
            && tokens_before(tokens, hit.start, 1).iter().any(|t| {
                t.lower.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(
                        t.lower.as_str(),
                        "syrian" | "lebanese" | "egyptian" | "million" | "billion"
                    )
            })
    };
    // "backed by Russian air strikes" tells how a side fought, not an
    // event of its own (but "rebels backed by Turkish fire recaptured":
    // the verb is the event).
    let backing = |hit: &phrase::Hit<Trigger>| {
        matches!(
            hit.value,
            Trigger::AirStrike | Trigger::Bombardment | Trigger::Shelling
        ) && !sentence[hit.start..hit.end].ends_with("ed")
            && backing_before(tokens, hit.start)
    };
    // A "massacre" in quotes is what someone called an attack told
    // elsewhere ("described the raid as 'a massacre'").
    let quoted = quoted_spans(sentence);
    // So is what someone says in a quoted statement that tells no day
    // ("They are using tanks and heavy artillery"); a quoted report of
    // the day ("Clashes broke out around midnight on Wednesday") and "X
    // has fallen" are the news.
    let characterised = |hit: &phrase::Hit<Trigger>| {
        quoted
            .iter()
            .filter(|q| q.start <= hit.start && hit.end <= q.end)
            .any(|q| {
                hit.value == Trigger::AttackOnCivilians
                    || hit.value != Trigger::Territory && undated_statement(&sentence[q.clone()])
            })
    };
    let mut hits: Vec<_> = find_triggers(sentence)
        .into_iter()
        .filter(|hit| {
            !hedged(tokens, hit.start, hit.value)
                && !backing(hit)
                && !characterised(hit)
                && !money(hit)
        })
        .collect();
    // "captured Masaken Hanano after days of intense air strikes": the
    // strikes before a battle told in the same sentence, over days.
    if hits.len() > 1 {
        let prelude = |h: &phrase::Hit<Trigger>| {
            matches!(
                h.value,
                Trigger::AirStrike | Trigger::Bombardment | Trigger::Shelling
            ) && {
                // ("days of intense air strikes and artillery fire")
                let before = tokens_before(tokens, h.start, 7);
                before.windows(2).any(|w| {
                    matches!(w[0].lower.as_str(), "days" | "weeks" | "months") && w[1].lower == "of"
                })
            }
        };
        if hits.iter().any(|h| !prelude(h)) {
            hits.retain(|h| !prelude(h));
        }
    }
    // Read outside the lexicon: words may come between.
    for found in [
        trigger::find_agreement_to_give_up(tokens),
        trigger::find_people_taken(tokens),
    ]
    .into_iter()
    .flatten()
    {
        if !hits
            .iter()
            .any(|h| h.start < found.end && found.start < h.end)
        {
            hits.push(found);
            hits.sort_by_key(|h| h.start);
        }
    }
    // At a protest, "shot dead", "clashed with police" and "stormed" tell
    // what the protest met or did: they are the protest, not events of
    // their own.
    if hits.iter().any(|h| h.value == Trigger::Protest) {
        let cues = find_protest_cues(sentence);
        hits.retain(|h| {
            h.value == Trigger::Protest
                || !(cues.iter().any(|c| c.start <= h.start && h.end <= c.end)
                    || protested_against(tokens, h.start))
        });
    }
    // "clashes with mortars and heavy machine guns": the weapons of the
    // battle, not a shelling of their own.
    if hits.iter().any(|h| h.value == Trigger::Clash) {
        hits.retain(|h| {
            !(matches!(h.value, Trigger::Shelling | Trigger::Bombardment)
                && tokens_before(tokens, h.start, 3)
                    .iter()
                    .any(|t| matches!(t.lower.as_str(), "with" | "using")))
        });
    }
    let mut violent = hits
        .iter()
        .any(|h| h.value.is_violent() && !is_weak(sentence, h.start, h.end));
    // "gunmen killed 12 villagers": no word of a strike or a battle (not
    // even an "offensive"), the killing is the event.
    // (At a protest, who was killed is the protest's toll.)
    if !hits
        .iter()
        .any(|h| h.value.is_violent() || h.value == Trigger::Protest)
    {
        let armed = actors
            .iter()
            .any(|h| matches!(h.value.side, Side::State | Side::NonState));
        if let Some(hit) = trigger::find_civilian_killing(tokens, armed) {
            hits.push(hit);
            hits.sort_by_key(|h| h.start);
            violent = true;
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for hit in hits {
        let weak = is_weak(sentence, hit.start, hit.end);
        if violent && (!hit.value.is_violent() || weak) {
            continue;
        }
        let family = family(hit.value);
        if let Some(existing) = groups.iter_mut().find(|g| family_of_group(g) == family) {
            // "warplanes pounded": one air strike. A specific trigger wins.
            if hit.value == Trigger::AirStrike {
                existing.trigger = Trigger::AirStrike;
            }
            continue;
        }
        groups.push(Group {
            trigger: hit.value,
            at: hit.start,
            end: hit.end,
        });
    }
    // "executed 4 young men after they stormed the town of Inkhil": the
    // storming is how the killing happened, one attack.
    if groups
        .iter()
        .any(|g| matches!(g.trigger, Trigger::AttackOnCivilians | Trigger::Killing))
    {
        groups.retain(|g| {
            !(g.trigger == Trigger::Territory
                && tokens_before(tokens, g.at, 2)
                    .iter()
                    .any(|t| t.lower == "after"))
        });
    }
    // Territory taken in a clash: the capture is the event.
    if groups.iter().any(|g| g.trigger == Trigger::Territory) {
        groups.retain(|g| g.trigger != Trigger::Clash);
    }
    // "two rockets fired from Syria struck Hermel": what struck is the
    // rockets, one shelling (placed where they struck).
    if let (Some(shelling), Some(struck)) = (
        groups.iter().position(|g| g.trigger == Trigger::Shelling),
        groups
            .iter()
            .position(|g| g.trigger == Trigger::Bombardment),
    ) {
        if groups[shelling].at < groups[struck].at {
            groups.remove(struck);
        }
    }
    groups
}

fn family(trigger: Trigger) -> u8 {
    match trigger {
        Trigger::AirStrike | Trigger::Bombardment => 0,
        Trigger::Shelling => 1,
        Trigger::Explosive | Trigger::SuicideBomb => 2,
        Trigger::Clash => 3,
        Trigger::Territory => 4,
        Trigger::Evacuation => 5,
        Trigger::Agreement => 6,
        Trigger::Diplomacy => 7,
        Trigger::AttackOnCivilians | Trigger::Killing => 8,
        Trigger::Abduction => 9,
        Trigger::Protest => 10,
        Trigger::Riot => 11,
    }
}

fn family_of_group(group: &Group) -> u8 {
    family(group.trigger)
}

/// "offensive" and "assault" alone describe campaigns, not a clash at a
/// place: they count only when nothing more specific is in the sentence.
fn is_weak(sentence: &str, start: usize, end: usize) -> bool {
    matches!(
        &sentence[start..end].to_ascii_lowercase()[..],
        "offensive" | "assault" | "entered" | "met" | "talks"
    )
}

/// Words from which a quotation is a statement, not a term in quotes
/// ("outlaw groups", "terrorists").
const QUOTED_STATEMENT_WORDS: usize = 5;

/// A quoted statement that names no day: what someone says, not a
/// report of an event.
fn undated_statement(quote: &str) -> bool {
    let words: Vec<String> = quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let dated = words.iter().any(|w| {
        date::WEEKDAYS.contains(&w.as_str())
            || date::MONTHS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "yesterday"
                    | "today"
                    | "tonight"
                    | "overnight"
                    | "midnight"
                    | "morning"
                    | "evening"
            )
    });
    words.len() >= QUOTED_STATEMENT_WORDS && !dated
}

/// Byte ranges of a sentence's quotations (straight or curly double
/// quotes, in pairs; an unclosed one is left out). A sentence that
/// begins inside a quotation ("They are using tanks," an official said)
/// is quoted up to its closing quote.
fn quoted_spans(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        // A straight quote right after a comma or a stop closes.
        let closes_first = out.is_empty()
            && open.is_none()
            && (c == '”' || c == '"' && sentence[..i].ends_with([',', '.', '!', '?']));
        if closes_first {
            out.push(0..i);
            continue;
        }
        match (c, open) {
            ('"' | '“', None) => open = Some(i),
            ('"' | '”', Some(start)) => {
                out.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether "backed by", "supported by" or "with the support of" comes
/// within the three words before byte `at` ("backed by Russian
/// warplanes", "with the support of the US-led coalition").
fn backing_before(tokens: &[tokens::Token], at: usize) -> bool {
    let before = tokens_before(tokens, at, 4);
    before.windows(2).any(|w| {
        matches!(
            (w[0].lower.as_str(), w[1].lower.as_str()),
            ("backed" | "supported" | "aided" | "covered", "by") | ("support" | "cover", "of")
        )
    })
}

/// Habits, not events: "warplanes regularly bomb hideouts", "on which
/// they routinely launch rocket attacks"; and what is still to come right
/// after the trigger: "evacuations were expected to begin".
const HABITUAL: &[&str] = &[
    "regularly",
    "routinely",
    "frequently",
    "often",
    "usually",
    "expected",
    "scheduled",
    "due",
    "will",
];

/// "The offensive, launched on Nov. 27 from Idlib, has upended the front
/// lines": a campaign told by its start, not a battle at a place on a
/// day (the weak trigger alone: "offensive", "assault").
fn campaign_start(lower: &str, sentence: &str, group: &Group) -> bool {
    is_weak(sentence, group.at, group.end)
        && [" launched", " began", " started", "launch of"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A hedge word within the five words before the trigger.
fn hedged(tokens: &[tokens::Token], at: usize, trigger: Trigger) -> bool {
    if trigger == Trigger::Diplomacy {
        return false; // "will meet tomorrow" is still a meeting to code
    }
    // "Under the Russian-brokered agreement, fighters will be bused": the
    // agreement told before, what it provides.
    if trigger == Trigger::Agreement
        && tokens_before(tokens, at, 3)
            .iter()
            .any(|t| t.lower == "under")
    {
        return true;
    }
    let before = tokens_before(tokens, at, 5);
    before
        .iter()
        .any(|t| HEDGES.contains(&t.lower.as_str()) || HABITUAL.contains(&t.lower.as_str()))
        || tokens_after(tokens, at, 3)
            .iter()
            .any(|t| HABITUAL.contains(&t.lower.as_str()))
        // "Organizers have called for a new demonstration".
        || before.windows(2).any(|w| {
            matches!(w[0].lower.as_str(), "called" | "calling" | "calls" | "call")
                && w[1].lower == "for"
        })
        // "almost fully liberated": not done ("killed nearly 40" is a count).
        || before[before.len().saturating_sub(2)..]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "almost" | "nearly"))
}

fn nearest<T>(items: &[T], at: usize, position: impl Fn(&T) -> usize) -> Option<&T> {
    items.iter().min_by_key(|item| position(item).abs_diff(at))
}

/// The trigger group a fatality count belongs to: the nearest kept one.
fn nearest_group(groups: &[Group], kept: &[bool], at: usize) -> usize {
    (0..groups.len())
        .filter(|&g| kept[g])
        .min_by_key(|&g| groups[g].at.abs_diff(at))
        .unwrap_or(0)
}

/// Capitalised nouns that make a place's name a landmark's.
const LANDMARKS: &[&str] = &[
    "Square",
    "Street",
    "Roundabout",
    "Hospital",
    "Mosque",
    "University",
    "Stadium",
    "Bridge",
];

/// How many sentences back "the city" may point.
const ANAPHOR_SENTENCES: usize = 3;

/// Words that point back at the town just named ("the city centre").
const ANAPHORS: &[&str] = &[
    "the city",
    "the town",
    "the village",
    "the camp",
    "the neighbourhood",
    "the neighborhood",
];

/// Who speaks from a place ("officials in Daraa said"): the place is the
/// speaker's, not the event's. (Not a correspondent or activists "in east
/// Aleppo": they report what is around them.)
const SPEAKERS_IN: &[&str] = &[
    "officials in",
    "official in",
    "sources in",
    "source in",
    "spokesman in",
    "spokeswoman in",
];

/// The place for a trigger group. A place belongs to the trigger before it
/// ("strikes on X", "clashes south of X"), or to the first trigger when it
/// comes first. Among a group's places: real places before whole countries,
/// targets before origins ("fire from X that hit Y") and modifiers ("the X
/// suburb of Y"), then the most precise, then the nearest. Violence is never
/// placed abroad ("Moscow announced", "talks in Geneva").
fn choose_place<'p, P>(
    sentence: &str,
    places: &[&'p PlaceHit<P>],
    sentence_start: usize,
    group: &Group,
    groups: &[Group],
    index: usize,
) -> Option<&'p PlaceHit<P>> {
    let owner = |at: usize| groups.iter().rposition(|g| g.at <= at).unwrap_or(0);
    let distance = |at: usize| {
        if at >= group.end {
            at - group.end
        } else {
            (group.at - at) * 2
        }
    };
    // "fired from X": where it came from, not where it happened.
    let origin = |p: &PlaceHit<P>| {
        let phrase = p.phrase_span.start.max(sentence_start) - sentence_start;
        let before = sentence[..phrase.min(sentence.len())]
            .trim_end()
            .to_ascii_lowercase();
        before.ends_with(" from") || before == "from"
    };
    // Fighting happens in the country the article is about; a town abroad
    // is a place for it only when no town at home is named and the town
    // abroad is not where the fire came from ("mortar fire from Syria hit
    // homes in Akcakale").
    // (Where the fire came from is no town where it happened: "a rocket
    // fired from Afrin landed in Kilis".)
    let home_town_named = places
        .iter()
        .any(|p| !p.foreign && !p.country_level && !origin(p));
    // "local officials in Daraa said": where the speaker is.
    let speaker_at = |p: &PlaceHit<P>| {
        let before = sentence
            [..(p.phrase_span.start.max(sentence_start) - sentence_start).min(sentence.len())]
            .trim_end()
            .to_ascii_lowercase();
        SPEAKERS_IN.iter().any(|s| before.ends_with(s))
    };
    // "captured nearly all of the suburb except the largest town of
    // Douma": the place left out is not where it happened.
    let excepted = |p: &PlaceHit<P>| {
        let start = (p.phrase_span.start.max(sentence_start) - sentence_start).min(sentence.len());
        let before = &sentence[..start];
        let near = before
            .char_indices()
            .rev()
            .nth(40)
            .map_or(before, |(i, _)| &before[i..])
            .to_ascii_lowercase();
        ["except ", "exception of", "apart from", "other than"]
            .iter()
            .any(|w| near.contains(w))
    };
    places
        .iter()
        .copied()
        .filter(|p| p.span.start >= sentence_start)
        .filter(|p| owner(p.span.start - sentence_start) == index)
        .filter(|p| !speaker_at(p) && !excepted(p))
        .filter(|p| !(p.foreign && group.trigger.is_violent() && (home_town_named || origin(p))))
        .min_by_key(|p| {
            let at = p.span.start - sentence_start;
            let after = sentence
                .get(p.span.end - sentence_start..)
                .unwrap_or("")
                .trim_start()
                .to_ascii_lowercase();
            let modifier = [
                "suburb of",
                "suburbs of",
                "countryside of",
                "district of",
                "countryside town of",
            ]
            .iter()
            .any(|w| after.starts_with(w))
                // The area another place lies in: "the outskirts of
                // Kfarchouba in the Arqoub region" (not "the Kurdistan
                // Region", a name).
                || sentence
                    .get(p.span.end - sentence_start..)
                    .is_some_and(|a| {
                        let a = a.trim_start();
                        a.starts_with("region")
                            || a.starts_with("area ")
                            || a.starts_with("area,")
                            // A landmark named after a place ("al-Karama
                            // Square in the centre of Sweida city"): the
                            // city is where it is.
                            || LANDMARKS.iter().any(|l| a.starts_with(l))
                            // SOHR's "Daraa: Regular forces executed ...":
                            // the province the report is filed under.
                            || a.starts_with(':') && at == 0
                    });
            // "shelled the outskirts of Kfarchouba ..., while aircraft flew
            // over the Nabatieh and Tyre districts": another clause.
            let other_clause = sentence
                .get(group.end..at)
                .is_some_and(|between| between.contains(" while ") || between.contains(';'));
            (
                p.country_level,
                origin(p) || modifier,
                other_clause,
                p.geo_precision,
                distance(at),
            )
        })
}

/// States whose forces fight in Syria, Iraq and Lebanon as foreign ones:
/// territory they take is overtaken, not regained.
const FOREIGN_FORCES: &[&str] = &[
    "Military Forces of Turkey",
    "Military Forces of Russia",
    "Military Forces of the United States",
    "Military Forces of Israel",
    "Military Forces of Iran",
];

/// Forces whose strikes ("struck", "pounded", "targeted") are air strikes
/// unless artillery, tanks or mortars are named.
const AIR_POWERS: &[&str] = &[
    "Military Forces of Israel",
    "Military Forces of Russia",
    "Military Forces of the United States",
];

/// Words after "attacked" that say it attacked armed men or their posts.
const FORCES_ATTACKED: &[&str] = &[
    "soldiers",
    "troops",
    "forces",
    "army",
    "fighters",
    "militants",
    "rebels",
    "police",
    "policemen",
    "militia",
    "military",
];

/// Where civilians live and shelter: storming one is no capture.
const HOMES: &[&str] = &[
    "home",
    "homes",
    "house",
    "houses",
    "hospital",
    "hospitals",
    "school",
    "schools",
    "mosque",
    "church",
    "convent",
    "shelter",
    "shelters",
];

/// Words that name a state's forces without saying which state.
const STATE_TROOPS: &[&str] = &["troops", "soldiers", "army"];

/// Words that say the other side left a town before it was taken.
const WITHDREW: &[&str] = &[
    " withdrew",
    " pulled out",
    "without a fight",
    " handed over",
];

/// Whether the trigger of `group` is "stormed" with homes or other
/// buildings of civilians among the next three words.
fn storms_homes(sentence: &str, tokens: &[tokens::Token], group: &Group) -> bool {
    sentence[group.at..group.end].eq_ignore_ascii_case("stormed")
        && tokens_after(tokens, group.end, 3)
            .iter()
            .any(|t| HOMES.contains(&t.lower.as_str()))
}

/// Whether the trigger of `group` is "attacked" with armed men or their
/// posts among the next four words ("attacked an army checkpoint",
/// "attacked a checkpoint manned by the Popular Mobilization Forces").
fn attacks_forces(sentence: &str, tokens: &[tokens::Token], group: &Group) -> bool {
    let trigger = sentence[group.at..group.end].to_ascii_lowercase();
    if !trigger.ends_with("attacked") || trigger.starts_with("was") || trigger.starts_with("were") {
        return false;
    }
    tokens_after(tokens, group.end, 4).iter().any(|t| {
        let w = t.lower.as_str();
        TARGET_NOUNS.contains(&w) || FORCES_ATTACKED.contains(&w)
    })
}

/// Nouns after an actor's name that make it the target ("an Israeli army
/// position", "a Turkish military base").
const TARGET_NOUNS: &[&str] = &[
    "position",
    "positions",
    "base",
    "bases",
    "post",
    "posts",
    "outpost",
    "outposts",
    "convoy",
    "convoys",
    "patrol",
    "patrols",
    "checkpoint",
    "checkpoints",
    "headquarters",
    "barracks",
    "vehicle",
    "vehicles",
    "targets",
    "sites",
];

/// Who acted and who suffered: the first armed actor, then another side;
/// civilians as victims of violence when named. (A demonstration's sides
/// are [`Demonstration::roles`].)
fn roles(
    sentence: &str,
    tokens: &[tokens::Token],
    actors: &[phrase::Hit<actor::Actor>],
    at: usize,
    trigger: Trigger,
) -> (Option<&'static str>, Option<&'static str>) {
    let armed: Vec<_> = actors
        .iter()
        .filter(|h| matches!(h.value.side, Side::State | Side::NonState))
        .collect();
    // "targeted an Israeli army position": a side named as the target is
    // not the one acting.
    let target = |h: &&phrase::Hit<actor::Actor>| {
        let after = sentence.get(h.end..).unwrap_or("").trim_start();
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        TARGET_NOUNS.contains(&next.as_str())
    };
    // "Syrian government forces and Hezbollah fighters captured": of a
    // subject of two sides joined by "and", the first.
    let joined = |a: &phrase::Hit<actor::Actor>, b: &phrase::Hit<actor::Actor>| {
        let between = sentence.get(a.end..b.start).unwrap_or("").trim();
        (between == "and" || between.starts_with("and "))
            && between.split_whitespace().count() <= 3
            && !between.contains([',', ';', '.'])
    };
    // "Syrian troops, backed by Russian warplanes, recaptured": the backer
    // is not the subject.
    let backer = |h: &&phrase::Hit<actor::Actor>| backing_before(tokens, h.start);
    let acting: Vec<&phrase::Hit<actor::Actor>> = armed
        .iter()
        .copied()
        .filter(|h| !target(h) && !backer(h))
        .collect();
    let subject = acting.iter().rposition(|h| h.start <= at).map(|mut k| {
        while k > 0 && joined(acting[k - 1], acting[k]) {
            k -= 1;
        }
        acting[k]
    });
    let actor1 = subject
        .or_else(|| acting.first().copied())
        .or_else(|| armed.iter().find(|h| !backer(h)).copied())
        .map(|h| h.value);
    // A backer is on the acting side, never the other one.
    let armed: Vec<_> = armed.into_iter().filter(|h| !backer(h)).collect();
    let civilians = actors
        .iter()
        .find(|h| h.value.side == Side::Civilians)
        .map(|h| h.value);
    // The other side: one of another kind (a state against rebels) before
    // another group of the same kind ("rebels of the Free Syrian Army").
    let other = armed
        .iter()
        .map(|h| h.value)
        .find(|a| actor1.is_some_and(|x| x.side != a.side))
        .or_else(|| {
            // Not "rebels" for a rebel group, nor a group for "rebels".
            let generic = |a: actor::Actor| a.name == actor::REBELS.name;
            armed
                .iter()
                .map(|h| h.value)
                .find(|a| actor1.is_none_or(|x| x.name != a.name && !generic(x) && !generic(*a)))
        });
    let actor2 = match trigger {
        Trigger::Agreement | Trigger::Diplomacy | Trigger::Evacuation => other,
        _ => other.filter(|_| civilians.is_none()).or(civilians),
    };
    (actor1.map(|a| a.name), actor2.map(|a| a.name))
}

/// Adds counts to an event: "also killed" adds, a repeated count does not.
fn add_fatalities<P>(event: &mut Candidate<P>, counts: &[fatality::Fatalities]) {
    for count in counts {
        event.fatalities = Some(match event.fatalities {
            None => count.count,
            Some(known) if count.additional => known.saturating_add(count.count),
            Some(known) => known.max(count.count),
        });
    }
}

fn focus_hit<P: Clone>(place: &P) -> PlaceHit<P> {
    PlaceHit {
        span: 0..0,
        phrase_span: 0..0,
        mention: String::new(),
        geo_precision: 3,
        country_level: false,
        foreign: false,
        place: place.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Places found by a stand-in geocoder: the listed names, precision 1.
    fn hits(text: &str, names: &[&'static str]) -> Vec<PlaceHit<&'static str>> {
        let mut found = Vec::new();
        for name in names {
            for (at, _) in text.match_indices(name) {
                found.push(PlaceHit {
                    span: at..at + name.len(),
                    phrase_span: at..at + name.len(),
                    mention: name.to_string(),
                    geo_precision: 1,
                    country_level: false,
                    foreign: false,
                    place: *name,
                });
            }
        }
        found
    }

    fn article(text: &str, date: &str) -> Article {
        Article {
            id: "a".into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            text: text.into(),
            ..Article::default()
        }
    }

    #[test]
    fn one_sentence_two_events_in_two_places() {
        let text = "SANA said air strikes hit Douma in response to rebel mortar fire that hit Harasta and killed at least four people.";
        let a = article(text, "2018-04-07");
        let out = extract_article(&a, &hits(text, &["Douma", "Harasta"]), None);
        let summary: Vec<_> = out
            .events
            .iter()
            .map(|e| {
                (
                    e.sub_event_type,
                    e.place.as_ref().map(|p| p.place),
                    e.fatalities,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (SubEventType::AirDroneStrike, Some("Douma"), None),
                (
                    SubEventType::ShellingArtilleryMissileAttack,
                    Some("Harasta"),
                    Some(4)
                ),
            ]
        );
    }

    #[test]
    fn a_toll_per_town_gives_an_event_per_town() {
        // (sentence, names, (place, fatalities) per event)
        type Case = (
            &'static str,
            &'static [&'static str],
            &'static [(&'static str, u32)],
        );
        let cases: &[Case] = &[
            (
                "Air strikes killed 23 people in Idlib province on Monday, five in Kafranbel and three in Hass.",
                &["Kafranbel", "Hass"],
                &[("Kafranbel", 5), ("Hass", 3)],
            ),
            (
                "Shelling killed four civilians in Douma and two more in Harasta on Sunday.",
                &["Douma", "Harasta"],
                &[("Douma", 4), ("Harasta", 2)],
            ),
            // One town: the ordinary single event.
            (
                "Shelling killed four civilians in Douma on Sunday.",
                &["Douma"],
                &[("Douma", 4)],
            ),
        ];
        for (text, names, want) in cases {
            let a = article(text, "2019-05-20");
            let mut places = hits(text, names);
            // The province is placed too, at precision 3: its 23 is the total.
            if text.contains("Idlib") {
                places.push(PlaceHit {
                    geo_precision: 3,
                    ..hits(text, &["Idlib"]).remove(0)
                });
                places.sort_by_key(|p| p.span.start);
            }
            let out = extract_article(&a, &places, None);
            let got: Vec<(&str, u32)> = out
                .events
                .iter()
                .map(|e| (e.place.as_ref().unwrap().place, e.fatalities.unwrap()))
                .collect();
            assert_eq!(got, want.to_vec(), "{text}");
        }
    }

    #[test]
    fn tolls_per_town_after_a_strike_place_the_strike_in_each_town() {
        let text = "Air strikes killed at least 18 civilians in Idlib province on Tuesday. \
                    The Observatory said eight people were killed in Kafranbel, five in Saraqib and three in Hass.";
        let a = article(text, "2019-05-21");
        let mut places = hits(text, &["Kafranbel", "Saraqib", "Hass"]);
        places.push(PlaceHit {
            geo_precision: 3,
            ..hits(text, &["Idlib"]).remove(0)
        });
        places.sort_by_key(|p| p.span.start);
        let out = extract_article(&a, &places, None);
        let got: Vec<(SubEventType, &str, Option<u32>)> = out
            .events
            .iter()
            .map(|e| {
                (
                    e.sub_event_type,
                    e.place.as_ref().unwrap().place,
                    e.fatalities,
                )
            })
            .collect();
        // The province-wide event becomes the towns' events.
        assert_eq!(
            got,
            vec![
                (SubEventType::AirDroneStrike, "Kafranbel", Some(8)),
                (SubEventType::AirDroneStrike, "Saraqib", Some(5)),
                (SubEventType::AirDroneStrike, "Hass", Some(3)),
            ]
        );
    }

    /// A report, the places it names, and the events it gives: sub-event
    /// type, place and toll.
    type PlacedCase = (
        &'static str,
        &'static [&'static str],
        &'static [(SubEventType, &'static str, Option<u32>)],
    );

    /// Checks each case's placed events, read on `date` with `focus` as the
    /// article's focus.
    fn check_placed(cases: &[PlacedCase], date: &str, focus: Option<&&'static str>) {
        for (text, names, want) in cases {
            let out = extract_article(&article(text, date), &hits(text, names), focus);
            let got: Vec<(SubEventType, &str, Option<u32>)> = out
                .events
                .iter()
                .filter_map(|e| Some((e.sub_event_type, e.place.as_ref()?.place, e.fatalities)))
                .collect();
            assert_eq!(got, want.to_vec(), "{text}");
        }
    }

    /// A killing told with no word of how is the toll of the event just
    /// told in the same place, and an attack of its own elsewhere.
    #[test]
    fn a_killing_after_an_event_is_its_toll_in_the_same_place() {
        let cases: &[PlacedCase] = &[
            (
                "Government forces shelled Douma on Sunday. Militiamen then killed 12 civilians in Douma.",
                &["Douma"],
                &[(SubEventType::ShellingArtilleryMissileAttack, "Douma", Some(12))],
            ),
            (
                "Government forces shelled Douma on Sunday. Gunmen killed 12 villagers in Harasta.",
                &["Douma", "Harasta"],
                &[
                    (SubEventType::ShellingArtilleryMissileAttack, "Douma", None),
                    (SubEventType::Attack, "Harasta", Some(12)),
                ],
            ),
        ];
        check_placed(cases, "2019-08-12", None);
    }

    /// Places taken together in a list are each an event.
    #[test]
    fn each_place_of_a_list_taken_is_an_event() {
        let text = "Government forces seized the neighbourhoods of Haydariya, Sakhour and Sheikh Khodr on Monday.";
        let names = ["Haydariya", "Sakhour", "Sheikh Khodr"];
        let out = extract_article(&article(text, "2016-11-28"), &hits(text, &names), None);
        let got: Vec<(SubEventType, &str)> = out
            .events
            .iter()
            .filter_map(|e| Some((e.sub_event_type, e.place.as_ref()?.place)))
            .collect();
        let want: Vec<(SubEventType, &str)> = names
            .iter()
            .map(|&n| (SubEventType::GovernmentRegainsTerritory, n))
            .collect();
        assert_eq!(got, want);
        // Crowds in a town and in a province; the city that only says
        // where the town is, is not one of them.
        // (When the uprising began is not when they rallied.)
        let text = "Large crowds rallied in the Damascus suburb of Douma and in the southern province of Daraa, where the uprising began in March last year.";
        let mut places = hits(text, &["Damascus", "Douma"]);
        let daraa = hits(text, &["Daraa"]).remove(0);
        places.push(PlaceHit {
            geo_precision: 3,
            phrase_span: text.find("southern").unwrap()..daraa.span.end,
            ..daraa
        });
        let out = extract_article(&article(text, "2012-05-04"), &places, None);
        let got: Vec<(SubEventType, &str, Option<NaiveDate>, bool)> = out
            .events
            .iter()
            .filter_map(|e| {
                Some((
                    e.sub_event_type,
                    e.place.as_ref()?.place,
                    e.date,
                    e.background,
                ))
            })
            .collect();
        let day = NaiveDate::from_ymd_opt(2012, 5, 4);
        assert_eq!(
            got,
            [
                (SubEventType::PeacefulProtest, "Douma", day, false),
                (SubEventType::PeacefulProtest, "Daraa", day, false)
            ]
        );
    }

    #[test]
    fn shelling_amid_clashes_is_part_of_the_battle() {
        let cases: &[PlacedCase] = &[
            (
                "Clashes continue around Kafr Nabudah amid mutual shelling, and the Observatory documented the death of 11 soldiers.",
                &["Kafr Nabudah"],
                &[(SubEventType::ArmedClash, "Kafr Nabudah", Some(11))],
            ),
            // Fired from home, it landed abroad.
            (
                "On Friday, a rocket fired by the terrorists from Afrin landed in a garden in Kilis.",
                &["Afrin", "Kilis"],
                &[(SubEventType::ShellingArtilleryMissileAttack, "Kilis", None)],
            ),
            // What struck is the rockets: one shelling, where they struck.
            (
                "On Tuesday, two rockets fired from Syria struck the border town of Hermel.",
                &["Syria", "Hermel"],
                &[(SubEventType::ShellingArtilleryMissileAttack, "Hermel", None)],
            ),
            // A report filed under a province; storming as how a killing
            // happened.
            (
                "Daraa: Regular forces executed 4 young men after they stormed the town of Inkhil in the northern countryside of Daraa.",
                &["Daraa", "Inkhil"],
                &[(SubEventType::Attack, "Inkhil", Some(4))],
            ),
            // Days of strikes before a capture are the capture's.
            (
                "Pro-government forces captured Masaken Hanano on Saturday after days of intense air strikes and artillery fire.",
                &["Masaken Hanano"],
                &[(SubEventType::GovernmentRegainsTerritory, "Masaken Hanano", None)],
            ),
            // A town left by one side and taken by another.
            (
                "The SDF took control of Deir ez-Zor on Friday after government forces withdrew from the city.",
                &["Deir ez-Zor"],
                &[(SubEventType::NonViolentTransferOfTerritory, "Deir ez-Zor", None)],
            ),
            // A war's length is no battle.
            (
                "Buses left Aleppo on Thursday as an evacuation deal aimed at ending years of fighting got under way.",
                &["Aleppo"],
                &[(SubEventType::NonViolentTransferOfTerritory, "Aleppo", None)],
            ),
            // "The city" is the town just named.
            (
                "Rebels entered Afrin on Sunday. The Kurdish-led administration said its fighters had left. Hours later, an explosion tore through a building in the city centre, killing 11 people.",
                &["Afrin"],
                &[
                    (SubEventType::NonStateActorOvertakesTerritory, "Afrin", None),
                    (SubEventType::RemoteExplosive, "Afrin", Some(11)),
                ],
            ),
            // A square named after a place is in the city named.
            (
                "Thousands of people filled al-Karama Square in the centre of Sweida city on Thursday.",
                &["al-Karama", "Sweida"],
                &[(SubEventType::PeacefulProtest, "Sweida", None)],
            ),
            // Each target of strikes listed together, when no toll is told.
            (
                "Israeli jets struck several sites on Wednesday night, including the Hama military airport and the T4 air base.",
                &["Hama", "T4"],
                &[
                    (SubEventType::AirDroneStrike, "Hama", None),
                    (SubEventType::AirDroneStrike, "T4", None),
                ],
            ),
            // Troops, unnamed, are a state's.
            (
                "Troops took the village of Bazwaya on Monday.",
                &["Bazwaya"],
                &[(SubEventType::GovernmentRegainsTerritory, "Bazwaya", None)],
            ),
            // A town lost by one side was taken by the other.
            (
                "Government forces lost Hama on Thursday.",
                &["Hama"],
                &[(SubEventType::NonStateActorOvertakesTerritory, "Hama", None)],
            ),
            (
                "Rebels lost Saraqib on Thursday.",
                &["Saraqib"],
                &[(SubEventType::GovernmentRegainsTerritory, "Saraqib", None)],
            ),
            // A place in another clause is not where it was hit.
            (
                "Enemy artillery shelled the outskirts of Kfarchouba this afternoon, while aircraft flew over the villages of the Nabatieh district.",
                &["Kfarchouba", "Nabatieh"],
                &[(SubEventType::ShellingArtilleryMissileAttack, "Kfarchouba", None)],
            ),
            // The area a town lies in is not where it was hit.
            (
                "Enemy artillery shelled the outskirts of Kfarchouba in the Arqoub region on Wednesday.",
                &["Kfarchouba", "Arqoub"],
                &[(SubEventType::ShellingArtilleryMissileAttack, "Kfarchouba", None)],
            ),
            // The weapons of a battle are not a shelling of their own.
            (
                "Clashes with mortars and heavy machine guns broke out in al-Maqous on Sunday.",
                &["al-Maqous"],
                &[(SubEventType::ArmedClash, "al-Maqous", None)],
            ),
            // Where a speaker is, is not where it happened.
            (
                "Troops came under fire near Nawa on Wednesday. The troops returned fire, and local officials in Daraa said nine people were killed.",
                &["Nawa", "Daraa"],
                &[(SubEventType::ArmedClash, "Nawa", Some(9))],
            ),
            // Air strikes during a takeover are an event of their own.
            (
                "Government forces seized Handarat on Saturday as the area came under fierce air strikes.",
                &["Handarat"],
                &[
                    (SubEventType::GovernmentRegainsTerritory, "Handarat", None),
                    (SubEventType::AirDroneStrike, "Aleppo", None),
                ],
            ),
        ];
        // The article is about Aleppo: events without a place go there.
        check_placed(cases, "2019-08-12", Some(&"Aleppo"));
    }

    /// Who acted and what kind of event it was, from the sentence's shape.
    #[test]
    fn the_acting_side_and_the_kind_of_event() {
        use SubEventType as S;
        // (report, place, sub-event type, actor 1)
        let cases: &[(&str, &str, SubEventType, Option<&str>)] = &[
            // A backer is not the one who acts.
            (
                "Syrian regime forces, backed by Russian warplanes and Iranian-backed militias, took control of Maarat al-Numan on Tuesday.",
                "Maarat al-Numan",
                S::GovernmentRegainsTerritory,
                Some("Military Forces of Syria"),
            ),
            (
                "Syrian rebels backed by Turkish fire recaptured the strategic town of Saraqib on Thursday.",
                "Saraqib",
                S::NonStateActorOvertakesTerritory,
                Some("Opposition Rebels (Syria)"),
            ),
            (
                "On 26 June, Government of Syria (GoS) and allied forces took control of the town of Busra al-Harir.",
                "Busra al-Harir",
                S::GovernmentRegainsTerritory,
                Some("Military Forces of Syria"),
            ),
            (
                "Syrian government forces and Lebanese Hezbollah fighters captured the town of Qusair on Wednesday.",
                "Qusair",
                S::GovernmentRegainsTerritory,
                Some("Military Forces of Syria"),
            ),
            (
                "IS fighters seized the al-Tanf crossing on Thursday after government troops withdrew.",
                "al-Tanf",
                S::NonStateActorOvertakesTerritory,
                Some("Islamic State"),
            ),
            (
                "Turkish troops and allied Syrian rebels took control of the centre of Afrin on Sunday.",
                "Afrin",
                S::NonStateActorOvertakesTerritory,
                Some("Military Forces of Turkey"),
            ),
            (
                "The SDF on Tuesday took full control of Raqqa.",
                "Raqqa",
                S::NonStateActorOvertakesTerritory,
                Some("Syrian Democratic Forces"),
            ),
            (
                "Rebels attacked an army checkpoint on the edge of Rastan on Saturday, killing four soldiers.",
                "Rastan",
                S::ArmedClash,
                Some("Opposition Rebels (Syria)"),
            ),
            (
                "Gunmen attacked a wedding in Rastan on Saturday, killing four guests.",
                "Rastan",
                S::Attack,
                Some("Unidentified Armed Group (Syria)"),
            ),
            // A killing of civilians with no word of a strike or a battle.
            (
                "Government forces killed dozens of civilians in Baniyas on Friday.",
                "Baniyas",
                S::Attack,
                Some("Military Forces of Syria"),
            ),
            (
                "Islamic State militants executed 20 men in the town of Mayadin on Wednesday.",
                "Mayadin",
                S::Attack,
                Some("Islamic State"),
            ),
            (
                "Armed men kidnapped a doctor in Saraqib on Monday.",
                "Saraqib",
                S::Abduction,
                Some("Unidentified Armed Group (Syria)"),
            ),
            (
                "Militiamen stormed homes in the village of Taldou on Friday and killed entire families.",
                "Taldou",
                S::Attack,
                None,
            ),
            (
                "Rebels stormed the village of Taldou on Friday.",
                "Taldou",
                S::NonStateActorOvertakesTerritory,
                Some("Opposition Rebels (Syria)"),
            ),
            (
                "Israel struck the defence ministry in Damascus on Wednesday, killing three people.",
                "Damascus",
                S::AirDroneStrike,
                Some("Military Forces of Israel"),
            ),
            (
                "Israeli tank fire struck a village near Quneitra on Wednesday.",
                "Quneitra",
                S::ShellingArtilleryMissileAttack,
                Some("Military Forces of Israel"),
            ),
        ];
        for &(text, place, sub_event_type, actor1) in cases {
            let a = article(text, "2016-05-03");
            let out = extract_article(&a, &hits(text, &[place]), None);
            let got: Vec<(SubEventType, Option<&str>)> = out
                .events
                .iter()
                .map(|e| (e.sub_event_type, e.actor1))
                .collect();
            assert_eq!(got, vec![(sub_event_type, actor1)], "{text}");
        }
    }

    #[test]
    fn a_town_abroad_hosts_fighting_only_when_no_town_at_home_is_named() {
        // (sentence, places: (name, abroad, whole country), place of the event)
        type Case = (
            &'static str,
            &'static [(&'static str, bool, bool)],
            Option<&'static str>,
        );
        let cases: &[Case] = &[
            (
                "Mortar fire from Syria hit homes in Akcakale on Tuesday, killing five.",
                &[("Syria", false, true), ("Akcakale", true, false)],
                Some("Akcakale"),
            ),
            (
                "Turkish artillery in Kilis shelled Afrin on Tuesday, killing three.",
                &[("Kilis", true, false), ("Afrin", false, false)],
                Some("Afrin"),
            ),
            // Where the jets came from is not where they struck.
            (
                "Jets took off from Incirlik to strike targets on Tuesday, killing 12.",
                &[("Incirlik", true, false)],
                None,
            ),
        ];
        for (text, names, want) in cases {
            let a = article(text, "2016-05-03");
            let places: Vec<PlaceHit<&'static str>> = names
                .iter()
                .map(|&(name, abroad, country)| PlaceHit {
                    foreign: abroad,
                    country_level: country,
                    geo_precision: if country { 3 } else { 1 },
                    ..hits(text, &[name]).remove(0)
                })
                .collect();
            let out = extract_article(&a, &places, None);
            let got: Vec<&str> = out
                .events
                .iter()
                .filter_map(|e| e.place.as_ref().map(|p| p.place))
                .collect();
            assert_eq!(got, want.iter().copied().collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn counts_in_following_sentences_join_the_clash() {
        let text = "The fighting raged in areas south of Maaret al-Numan on Wednesday. At least 26 fighters were killed. The Observatory said 29 government troops were also killed in the fighting.";
        let a = article(text, "2020-01-16");
        let out = extract_article(&a, &hits(text, &["Maaret al-Numan"]), None);
        assert_eq!(out.events.len(), 1, "{:#?}", out.events);
        assert_eq!(out.events[0].fatalities, Some(55));
        assert_eq!(out.events[0].date, NaiveDate::from_ymd_opt(2020, 1, 15));
        assert_eq!(out.events[0].sub_event_type, SubEventType::ArmedClash);
    }

    #[test]
    fn tolls_so_far_are_background() {
        // (sentence, background?)
        let table = [
            ("The Observatory says more than 300 people have been killed in Sweida since the fighting began on Sunday.", true),
            ("More than 700 people, most of them civilians, have been killed in clashes in Latakia since Thursday, the monitor said.", true),
            ("Air strikes killed 12 people in Sweida on Sunday, the monitor said.", false),
        ];
        for (text, background) in table {
            let a = article(text, "2025-07-16");
            let places = hits(
                text,
                &[if text.contains("Latakia") {
                    "Latakia"
                } else {
                    "Sweida"
                }],
            );
            let out = extract_article(&a, &places, None);
            assert_eq!(out.events.len(), 1, "{text}: {:#?}", out.events);
            assert_eq!(out.events[0].background, background, "{text}");
        }
    }

    #[test]
    fn hedged_and_background_sentences() {
        let text = "The army threatened a renewed assault if they did not withdraw. Syria launched an offensive on Ghouta in mid-February, killing more than 1,600 civilians.";
        let a = article(text, "2018-04-07");
        let out = extract_article(&a, &hits(text, &["Ghouta"]), None);
        assert_eq!(out.events.len(), 1, "{:#?}", out.events);
        assert!(out.events[0].background);
        assert_eq!(out.events[0].fatalities, Some(1600));
        // What each sentence gives: no event, only background, or one.
        #[derive(Debug, PartialEq)]
        enum Gives {
            Nothing,
            Background,
            One,
        }
        let cases: &[(&str, &[&str], Gives)] = &[
            // A campaign told by its start.
            (
                "The offensive, launched on Wednesday from Idlib, has upended the front lines.",
                &["Idlib"],
                Gives::Background,
            ),
            // Calls, reactions and money.
            (
                "Organizers have called for a new demonstration in Sweida on Friday.",
                &["Sweida"],
                Gives::Nothing,
            ),
            (
                "The United States condemned the assault on Qusair on Wednesday.",
                &["Qusair"],
                Gives::Nothing,
            ),
            (
                "The dollar was sold for 2,620 pounds in Damascus on Tuesday.",
                &["Damascus"],
                Gives::Nothing,
            ),
            // A year in a clause of its own does not date the event.
            (
                "Local armed groups, many of them former rebels who signed deals in 2018, seized most of the city of Daraa.",
                &["Daraa"],
                Gives::One,
            ),
            // A state of siege.
            (
                "Rebels withdrew from Qusair, which had been under heavy bombardment since May, on Wednesday.",
                &["Qusair"],
                Gives::Background,
            ),
            // What someone says, unless it reports the day.
            (
                "\"The situation is very bad. They are using tanks and heavy artillery,\" an official in Kobani told Rudaw on Tuesday.",
                &["Kobani"],
                Gives::Nothing,
            ),
            (
                "\"Clashes broke out around midnight on Wednesday south of the city of Maaret al-Numan,\" the monitor's head said.",
                &["Maaret al-Numan"],
                Gives::One,
            ),
            // What an agreement told before provides.
            (
                "Under the Russian-brokered agreement, announced late Wednesday, fighters will be bused to Idlib.",
                &["Idlib"],
                Gives::Nothing,
            ),
            // A habit.
            (
                "Russian warplanes regularly bomb suspected IS hideouts around Sukhnah.",
                &["Sukhnah"],
                Gives::Nothing,
            ),
            // A word someone used of an attack.
            (
                "Speaker Nabih Berri described the raid on Nabatieh as \"a massacre against innocent people\".",
                &["Nabatieh"],
                Gives::Nothing,
            ),
            // The place left out; what is not done yet.
            (
                "Syrian troops have captured nearly all of the suburb except the largest town of Douma.",
                &["Douma"],
                Gives::Nothing,
            ),
            (
                "Eastern Ghouta has now been almost fully liberated with the exception of Douma.",
                &["Douma"],
                Gives::Nothing,
            ),
        ];
        for (text, names, want) in cases {
            let out = extract_article(&article(text, "2020-01-16"), &hits(text, names), None);
            let got = match out.events.as_slice() {
                [] => Gives::Nothing,
                events if events.iter().all(|e| e.background) => Gives::Background,
                [_] => Gives::One,
                _ => panic!("{text}: {:#?}", out.events),
            };
            assert_eq!(&got, want, "{text}: {:#?}", out.events);
        }
    }

    /// A whole country abroad that the sentence says the event was in is
    /// kept over a focus in another country.
    #[test]
    fn a_country_abroad_said_to_be_the_place_is_not_replaced_by_the_focus() {
        let text = "Suspected Jordanian air strikes on southern Syria early on Thursday killed at least ten people.";
        let syria = PlaceHit {
            country_level: true,
            foreign: true,
            geo_precision: 3,
            ..hits(text, &["Syria"]).remove(0)
        };
        let out = extract_article(&article(text, "2024-01-18"), &[syria], Some(&"Amman"));
        let places: Vec<&str> = out
            .events
            .iter()
            .filter_map(|e| Some(e.place.as_ref()?.place))
            .collect();
        assert_eq!(places, ["Syria"]);
    }

    #[test]
    fn no_place_takes_the_focus_or_no_point() {
        let text = "An aid convoy was attacked on Monday, killing some 20 people.";
        let a = article(text, "2016-09-24");
        let with_focus = extract_article(&a, &[], Some(&"Aleppo"));
        let event = &with_focus.events[0];
        assert_eq!(
            event.place.as_ref().map(|p| (p.place, p.geo_precision)),
            Some(("Aleppo", 3))
        );
        assert_eq!(event.sub_event_type, SubEventType::Attack);
        assert_eq!(event.fatalities, Some(20));
        assert_eq!(event.date, NaiveDate::from_ymd_opt(2016, 9, 19));
        let without = extract_article::<&str>(&a, &[], None);
        assert!(without.events.is_empty());
        assert_eq!(without.without_place, 1);
    }

    /// A toll in the next sentence belongs to the event just told, unless
    /// that sentence names another place.
    #[test]
    fn a_following_toll_elsewhere_is_not_added() {
        let cases = [
            (
                "Air strikes killed 10 people in Douma on Friday. At least 12 were killed.",
                12,
            ),
            (
                "Air strikes killed 10 people in Douma on Friday. At least 12 were killed in Harasta.",
                10,
            ),
            (
                "Air strikes killed 10 people in Douma on Friday. At least 12 died in Douma.",
                12,
            ),
        ];
        for (text, toll) in cases {
            let a = article(text, "2018-04-07");
            let out = extract_article(&a, &hits(text, &["Douma", "Harasta"]), None);
            assert_eq!(out.events[0].fatalities, Some(toll), "{text}");
        }
    }

    /// Placed by the focus alone, a sentence needs a date or a toll of its
    /// own to be an event.
    #[test]
    fn the_focus_places_only_concrete_events() {
        let cases = [
            ("Air strikes killed 12 people on Friday.", 1),
            ("Government shelling killed 12 people.", 1),
            ("Rebels shelled government positions on Friday.", 1),
            (
                "The daily air raids kept residents cowering in basements for weeks.",
                0,
            ),
            (
                "A military source said the bombardment was in preparation for a ground assault.",
                0,
            ),
            ("US, Russia take Syria battle to new heights", 0),
        ];
        for (text, events) in cases {
            let a = article(text, "2018-04-07");
            let out = extract_article(&a, &[], Some(&"Douma"));
            assert_eq!(out.events.len(), events, "{text}");
        }
    }

    #[test]
    fn undated_article_gives_undated_events() {
        let text = "Clashes erupted in Hama on Friday.";
        let a = article(text, "none");
        let out = extract_article(&a, &hits(text, &["Hama"]), None);
        assert_eq!(out.events[0].date, None);
    }

    /// ACLED's protest sub-types follow the force a protest met; the
    /// force is actor 1 when it used excessive force, actor 2 when it
    /// intervened; the toll of excessive force is the protesters killed.
    #[test]
    fn a_protest_is_coded_by_the_force_it_met() {
        use SubEventType as S;
        // (report, sub-event type, actor1, actor2, fatalities)
        type Case = (
            &'static str,
            SubEventType,
            Option<&'static str>,
            Option<&'static str>,
            Option<u32>,
        );
        const CROWD: Option<&str> = Some("Protesters (Syria)");
        const RIOTERS: Option<&str> = Some("Rioters (Syria)");
        const POLICE: Option<&str> = Some("Police Forces of Syria");
        const ARMY: Option<&str> = Some("Military Forces of Syria");
        let cases: &[Case] = &[
            (
                "Security forces opened fire on protesters in Daraa on Friday, killing 15.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(15),
            ),
            (
                "Troops fired live ammunition at demonstrators in Daraa on Friday, killing at least 15 and wounding dozens.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(15),
            ),
            (
                "Five protesters were shot dead by security forces in Daraa on Friday.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(5),
            ),
            // No cue but the count: protesters killed.
            (
                "Security forces killed 12 protesters in Hama on Friday.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(12),
            ),
            (
                "A car rammed into a crowd of protesters in Sweida on Friday, killing two.",
                S::ExcessiveForceAgainstProtesters,
                None,
                CROWD,
                Some(2),
            ),
            // The policemen killed beside them are not the protest's toll.
            (
                "Security forces opened fire on protesters in Daraa on Friday, killing 15, and two policemen were killed.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(15),
            ),
            (
                "Police fired tear gas to disperse hundreds of demonstrators in Sweida on Friday.",
                S::ProtestWithIntervention,
                CROWD,
                POLICE,
                None,
            ),
            (
                "Protesters rallied against the government in Idlib on Friday, and police fired tear gas.",
                S::ProtestWithIntervention,
                CROWD,
                POLICE,
                None,
            ),
            (
                "Dozens of protesters were arrested in Sweida on Friday.",
                S::ProtestWithIntervention,
                CROWD,
                None,
                None,
            ),
            (
                "Riot police used water cannon and rubber bullets against protesters in Sweida on Friday.",
                S::ProtestWithIntervention,
                CROWD,
                POLICE,
                None,
            ),
            (
                "Thousands rallied peacefully in Idlib on Friday.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Protesters rallied against the government in Idlib on Friday.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Demonstrators dispersed peacefully after a rally in Idlib on Friday.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            // What a protest is about is not what it met.
            (
                "Hundreds rallied in Sweida on Friday demanding the release of detainees arrested last month.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "No arrests were reported at the protest in Idlib on Friday.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Hundreds rallied in Daraa on Friday to mourn 12 people who died in detention.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            // The demonstrators' own violence: a riot, whatever met it.
            (
                "Protesters threw stones at security forces in Sweida on Friday.",
                S::ViolentDemonstration,
                RIOTERS,
                ARMY,
                None,
            ),
            (
                "Protesters clashed with police in Sweida on Friday.",
                S::ViolentDemonstration,
                RIOTERS,
                POLICE,
                None,
            ),
            (
                "Police fired tear gas at rioters in Sweida on Friday.",
                S::ViolentDemonstration,
                RIOTERS,
                POLICE,
                None,
            ),
            // Told over two sentences: the second says what the protest met.
            (
                "Thousands rallied in Daraa on Friday. Security forces later opened fire, killing 15.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(15),
            ),
            (
                "Police dispersed a protest in Daraa on Friday. Three protesters were later shot dead.",
                S::ExcessiveForceAgainstProtesters,
                POLICE,
                CROWD,
                Some(3),
            ),
            // A toll after a peaceful protest that is not its protesters'.
            (
                "Thousands rallied in Daraa on Friday. Two policemen died in a traffic accident.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            // A crowd that demonstrated, marched or was dispersed, though
            // no one says "protest"; what it protested is no event.
            (
                "Hundreds of people demonstrated in Sweida on Friday against the economic situation.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Thousands marched in Idlib on Friday to condemn the offensive.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Police fired tear gas to disperse hundreds of people who had gathered in Daraa on Friday.",
                S::ProtestWithIntervention,
                CROWD,
                POLICE,
                None,
            ),
            (
                "Hundreds gathered in Hama on Friday to protest against the bombing, chanting slogans.",
                S::PeacefulProtest,
                CROWD,
                None,
                None,
            ),
            (
                "Troops shot dead five protesters in Daraa on Friday, residents said.",
                S::ExcessiveForceAgainstProtesters,
                ARMY,
                CROWD,
                Some(5),
            ),
        ];
        for &(text, sub_event_type, actor1, actor2, fatalities) in cases {
            let a = article(text, "2023-09-02");
            let places = hits(text, &["Daraa", "Sweida", "Idlib", "Hama"]);
            let out = extract_article(&a, &places, None);
            let got: Vec<_> = out
                .events
                .iter()
                .map(|e| (e.sub_event_type, e.actor1, e.actor2, e.fatalities))
                .collect();
            assert_eq!(
                got,
                vec![(sub_event_type, actor1, actor2, fatalities)],
                "{text}"
            );
        }
    }

    #[test]
    fn territory_sub_type_follows_who_took_it() {
        let cases = [
            (
                "Government forces captured Handarat on Saturday.",
                SubEventType::GovernmentRegainsTerritory,
            ),
            (
                "Rebels captured Handarat on Saturday.",
                SubEventType::NonStateActorOvertakesTerritory,
            ),
        ];
        for (text, expected) in cases {
            let out = extract_article(
                &article(text, "2016-09-24"),
                &hits(text, &["Handarat"]),
                None,
            );
            assert_eq!(out.events[0].sub_event_type, expected, "{text}");
        }
    }
}
