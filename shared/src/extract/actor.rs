//! Actors: the many names the press gives the sides of a war, normalised to
//! ACLED-style names ("the regime", "Syria's army", "government troops" are
//! all "Military Forces of Syria").

use super::phrase::{Hit, Lexicon};
use std::sync::OnceLock;

/// A normalised actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Actor {
    pub name: &'static str,
    pub side: Side,
}

/// What kind of actor: decides roles (who acts, who suffers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    State,
    NonState,
    Civilians,
    Protesters,
}

const SYRIA: Actor = Actor {
    name: "Military Forces of Syria",
    side: Side::State,
};
const RUSSIA: Actor = Actor {
    name: "Military Forces of Russia",
    side: Side::State,
};
const TURKEY: Actor = Actor {
    name: "Military Forces of Turkey",
    side: Side::State,
};
const USA: Actor = Actor {
    name: "Military Forces of the United States",
    side: Side::State,
};
const ISRAEL: Actor = Actor {
    name: "Military Forces of Israel",
    side: Side::State,
};
const IRAN: Actor = Actor {
    name: "Military Forces of Iran",
    side: Side::State,
};
const IRAQ: Actor = Actor {
    name: "Military Forces of Iraq",
    side: Side::State,
};
const LEBANON: Actor = Actor {
    name: "Military Forces of Lebanon",
    side: Side::State,
};
const JORDAN: Actor = Actor {
    name: "Military Forces of Jordan",
    side: Side::State,
};
pub const REBELS: Actor = Actor {
    name: "Opposition Rebels (Syria)",
    side: Side::NonState,
};
pub const CIVILIANS: Actor = Actor {
    name: "Civilians (Syria)",
    side: Side::Civilians,
};
/// Demonstrators, peaceful ones.
pub const PROTESTERS: Actor = Actor {
    name: "Protesters (Syria)",
    side: Side::Protesters,
};
/// Demonstrators who turn violent: ACLED names them apart.
pub const RIOTERS: Actor = Actor {
    name: "Rioters (Syria)",
    side: Side::Protesters,
};
/// Armed men no report names ("gunmen"): ACLED's unidentified armed group.
const UNIDENTIFIED: Actor = Actor {
    name: "Unidentified Armed Group (Syria)",
    side: Side::NonState,
};
const POLICE: Actor = Actor {
    name: "Police Forces of Syria",
    side: Side::State,
};

const fn group(name: &'static str) -> Actor {
    Actor {
        name,
        side: Side::NonState,
    }
}

const ACTORS: &[(&str, Actor)] = &[
    ("government forces", SYRIA),
    ("government troops", SYRIA),
    ("government soldiers", SYRIA),
    ("pro-government forces", SYRIA),
    ("regime forces", SYRIA),
    ("regime troops", SYRIA),
    ("syrian regime", SYRIA),
    ("syrian arab army", SYRIA),
    ("saa", SYRIA),
    // OCHA's "Government of Syria (GoS)", SOHR's "regular forces", SANA's
    // "our armed forces" and "army units".
    ("government of syria", SYRIA),
    ("gos", SYRIA),
    ("regular forces", SYRIA),
    ("our armed forces", SYRIA),
    ("army units", SYRIA),
    ("the regime", SYRIA),
    ("assad regime", SYRIA),
    ("syrian army", SYRIA),
    ("syrian troops", SYRIA),
    ("syrian forces", SYRIA),
    ("syrian government", SYRIA),
    ("syrian government forces", SYRIA),
    ("syrian warplanes", SYRIA),
    ("syrian air strikes", SYRIA),
    ("syrian military", SYRIA),
    ("syria's army", SYRIA),
    ("syria army", SYRIA),
    ("syria's military", SYRIA),
    ("the army", SYRIA),
    ("the government", SYRIA),
    ("government strikes", SYRIA),
    ("loyalist forces", SYRIA),
    ("russian warplanes", RUSSIA),
    ("russian jets", RUSSIA),
    ("russian air strikes", RUSSIA),
    ("russian forces", RUSSIA),
    ("russian military", RUSSIA),
    ("russian army", RUSSIA),
    ("russian and syrian air strikes", RUSSIA),
    ("turkish forces", TURKEY),
    ("turkish army", TURKEY),
    ("turkish troops", TURKEY),
    ("turkish military", TURKEY),
    ("turkish drone", TURKEY),
    ("turkish drones", TURKEY),
    ("turkish air strikes", TURKEY),
    ("turkish airstrikes", TURKEY),
    ("turkish warplanes", TURKEY),
    ("turkish jets", TURKEY),
    ("turkish artillery", TURKEY),
    ("turkish shelling", TURKEY),
    ("russian shelling", RUSSIA),
    ("government shelling", SYRIA),
    ("regime shelling", SYRIA),
    ("israeli missile", ISRAEL),
    ("israeli missiles", ISRAEL),
    ("russian strikes", RUSSIA),
    ("russian airstrikes", RUSSIA),
    ("russian air strike", RUSSIA),
    ("russian drone", RUSSIA),
    ("russian drones", RUSSIA),
    ("coalition air strikes", USA),
    ("coalition airstrikes", USA),
    ("coalition warplanes", USA),
    ("us forces", USA),
    ("u.s. forces", USA),
    ("us troops", USA),
    ("u.s. troops", USA),
    ("us military", USA),
    ("u.s. military", USA),
    ("american forces", USA),
    ("us drone", USA),
    ("israeli air strikes", ISRAEL),
    ("israeli airstrikes", ISRAEL),
    ("israeli air strike", ISRAEL),
    ("israeli airstrike", ISRAEL),
    ("israeli strike", ISRAEL),
    ("israeli drone", ISRAEL),
    ("israeli drones", ISRAEL),
    ("israeli forces", ISRAEL),
    ("israeli troops", ISRAEL),
    ("israeli army", ISRAEL),
    ("israeli military", ISRAEL),
    ("israeli artillery", ISRAEL),
    ("israeli shelling", ISRAEL),
    ("israeli tank", ISRAEL),
    ("israeli tanks", ISRAEL),
    ("idf", ISRAEL),
    ("iraqi forces", IRAQ),
    ("iraqi army", IRAQ),
    ("iraqi troops", IRAQ),
    ("iraqi security forces", IRAQ),
    ("turkish security forces", TURKEY),
    ("lebanese security forces", LEBANON),
    ("jordanian security forces", JORDAN),
    ("israeli security forces", ISRAEL),
    ("lebanese army", LEBANON),
    ("lebanese troops", LEBANON),
    ("jordanian army", JORDAN),
    ("jordanian troops", JORDAN),
    ("jordanian forces", JORDAN),
    ("jordanian air force", JORDAN),
    ("government warplanes", SYRIA),
    ("government helicopters", SYRIA),
    ("regime warplanes", SYRIA),
    ("regime helicopters", SYRIA),
    ("us strike", USA),
    ("us-led coalition", USA),
    ("u.s.-led coalition", USA),
    ("american warplanes", USA),
    ("israeli strikes", ISRAEL),
    ("israeli warplanes", ISRAEL),
    ("israeli jets", ISRAEL),
    ("iranian forces", IRAN),
    ("iranian militia", IRAN),
    ("rebels", REBELS),
    ("rebel", REBELS),
    ("rebel groups", REBELS),
    ("opposition fighters", REBELS),
    ("opposition forces", REBELS),
    ("anti-government fighters", REBELS),
    ("insurgents", REBELS),
    ("militants", REBELS),
    // SANA's word for any armed opposition.
    ("terrorists", REBELS),
    ("terrorist groups", REBELS),
    ("armed terrorist groups", REBELS),
    ("free syrian army", group("Free Syrian Army")),
    ("jaish al-islam", group("Jaish al-Islam")),
    ("army of islam", group("Jaish al-Islam")),
    ("hayat tahrir al-sham", group("Hayat Tahrir al-Sham")),
    ("hts", group("Hayat Tahrir al-Sham")),
    ("tahrir al-sham", group("Hayat Tahrir al-Sham")),
    ("nusra front", group("Jabhat al-Nusra")),
    ("al-nusra", group("Jabhat al-Nusra")),
    ("al nusra", group("Jabhat al-Nusra")),
    ("jabhat al-nusra", group("Jabhat al-Nusra")),
    ("jabhat fateh al-sham", group("Jabhat al-Nusra")),
    ("ahrar al-sham", group("Ahrar al-Sham")),
    ("ahrar a-sham", group("Ahrar al-Sham")),
    ("faylaq al-rahman", group("Faylaq al-Rahman")),
    ("failaq al-rahman", group("Faylaq al-Rahman")),
    ("failaq a-rahman", group("Faylaq al-Rahman")),
    ("islamic state", group("Islamic State")),
    ("isis", group("Islamic State")),
    ("isil", group("Islamic State")),
    // AP style of 2014-17 ("IS fighters"); "IS" alone is the verb.
    ("is fighters", group("Islamic State")),
    ("is militants", group("Islamic State")),
    ("is jihadists", group("Islamic State")),
    ("is extremists", group("Islamic State")),
    ("is group", group("Islamic State")),
    ("daesh", group("Islamic State")),
    (
        "syrian democratic forces",
        group("Syrian Democratic Forces"),
    ),
    ("sdf", group("Syrian Democratic Forces")),
    ("ypg", group("YPG: People's Protection Units")),
    ("kurdish fighters", group("YPG: People's Protection Units")),
    ("kurdish forces", group("YPG: People's Protection Units")),
    ("kurdish-led forces", group("Syrian Democratic Forces")),
    ("hezbollah", group("Hezbollah")),
    ("syrian national army", group("SNA: Syrian National Army")),
    ("sna", group("SNA: Syrian National Army")),
    ("turkish-backed forces", group("SNA: Syrian National Army")),
    ("turkey-backed forces", group("SNA: Syrian National Army")),
    (
        "turkish-backed factions",
        group("SNA: Syrian National Army"),
    ),
    ("turkey-backed factions", group("SNA: Syrian National Army")),
    ("turkish-backed rebels", group("SNA: Syrian National Army")),
    ("pkk", group("PKK: Kurdistan Workers Party")),
    (
        "kurdistan workers party",
        group("PKK: Kurdistan Workers Party"),
    ),
    (
        "popular mobilisation forces",
        group("PMF: Popular Mobilization Forces"),
    ),
    (
        "popular mobilization forces",
        group("PMF: Popular Mobilization Forces"),
    ),
    ("pmf", group("PMF: Popular Mobilization Forces")),
    ("gunmen", UNIDENTIFIED),
    ("gunman", UNIDENTIFIED),
    ("armed men", UNIDENTIFIED),
    ("unidentified gunmen", UNIDENTIFIED),
    ("masked gunmen", UNIDENTIFIED),
    ("unknown gunmen", UNIDENTIFIED),
    ("civilians", CIVILIANS),
    ("civilian", CIVILIANS),
    ("residents", CIVILIANS),
    ("children", CIVILIANS),
    ("aid convoy", CIVILIANS),
    ("motorists", CIVILIANS),
    ("protesters", PROTESTERS),
    ("protester", PROTESTERS),
    ("demonstrators", PROTESTERS),
    ("demonstrator", PROTESTERS),
];

/// The forces that meet a demonstration. Read only for one: elsewhere
/// "police" is mostly who reported ("police said"), not a side.
const FORCES: &[(&str, Actor)] = &[
    ("police", POLICE),
    ("riot police", POLICE),
    ("policemen", POLICE),
    ("policeman", POLICE),
    ("police officers", POLICE),
    ("security forces", SYRIA),
    ("security personnel", SYRIA),
    ("soldiers", SYRIA),
    ("troops", SYRIA),
];

fn actors() -> &'static Lexicon<Actor> {
    static LEXICON: OnceLock<Lexicon<Actor>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(ACTORS))
}

fn forces() -> &'static Lexicon<Actor> {
    static LEXICON: OnceLock<Lexicon<Actor>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(FORCES))
}

/// Civilians, protesters, rioters and police are of the country the event
/// is in ("Civilians (Lebanon)"); the lexicon names them for Syria.
pub fn in_country(name: &'static str, country: &str) -> &'static str {
    const OF_SYRIA: [&str; 5] = [
        CIVILIANS.name,
        PROTESTERS.name,
        RIOTERS.name,
        POLICE.name,
        UNIDENTIFIED.name,
    ];
    const COUNTRIES: &[(&str, [&str; 5])] = &[
        (
            "LB",
            [
                "Civilians (Lebanon)",
                "Protesters (Lebanon)",
                "Rioters (Lebanon)",
                "Police Forces of Lebanon",
                "Unidentified Armed Group (Lebanon)",
            ],
        ),
        (
            "IQ",
            [
                "Civilians (Iraq)",
                "Protesters (Iraq)",
                "Rioters (Iraq)",
                "Police Forces of Iraq",
                "Unidentified Armed Group (Iraq)",
            ],
        ),
        (
            "TR",
            [
                "Civilians (Turkey)",
                "Protesters (Turkey)",
                "Rioters (Turkey)",
                "Police Forces of Turkey",
                "Unidentified Armed Group (Turkey)",
            ],
        ),
        (
            "JO",
            [
                "Civilians (Jordan)",
                "Protesters (Jordan)",
                "Rioters (Jordan)",
                "Police Forces of Jordan",
                "Unidentified Armed Group (Jordan)",
            ],
        ),
        (
            "IL",
            [
                "Civilians (Israel)",
                "Protesters (Israel)",
                "Rioters (Israel)",
                "Police Forces of Israel",
                "Unidentified Armed Group (Israel)",
            ],
        ),
        (
            "PS",
            [
                "Civilians (Palestine)",
                "Protesters (Palestine)",
                "Rioters (Palestine)",
                "Police Forces of Palestine",
                "Unidentified Armed Group (Palestine)",
            ],
        ),
        (
            "IR",
            [
                "Civilians (Iran)",
                "Protesters (Iran)",
                "Rioters (Iran)",
                "Police Forces of Iran",
                "Unidentified Armed Group (Iran)",
            ],
        ),
    ];
    let Some((_, names)) = COUNTRIES.iter().find(|(c, _)| *c == country) else {
        return name;
    };
    match OF_SYRIA.iter().position(|n| *n == name) {
        Some(k) => names[k],
        None => name,
    }
}

/// States named for their forces when they strike: "Israel struck",
/// "Turkey shelled", "Russia said it bombed".
const STRIKING_STATES: &[(&str, Actor)] = &[
    ("israel", ISRAEL),
    ("turkey", TURKEY),
    ("russia", RUSSIA),
    ("iran", IRAN),
    ("the united states", USA),
    ("the us", USA),
    ("the u.s.", USA),
];

/// Verbs of striking after a state's name (see [`STRIKING_STATES`]).
const STRIKE_VERBS: &[&str] = &[
    "struck", "bombed", "shelled", "hit", "attacked", "targeted", "pounded", "launched", "fired",
];

/// "Israel struck" as (the phrase, the length of the state's name, the
/// state's forces), with "Israel said it struck" too.
fn striking_states() -> &'static Lexicon<(usize, Actor)> {
    static LEXICON: OnceLock<Lexicon<(usize, Actor)>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut entries: Vec<(String, (usize, Actor))> = Vec::new();
        for &(state, actor) in STRIKING_STATES {
            for verb in STRIKE_VERBS {
                for phrase in [format!("{state} {verb}"), format!("{state} said it {verb}")] {
                    entries.push((phrase, (state.len(), actor)));
                }
            }
        }
        let entries: Vec<(&str, (usize, Actor))> =
            entries.iter().map(|(p, v)| (p.as_str(), *v)).collect();
        Lexicon::new(&entries)
    })
}

/// Every actor named in a sentence, in order: the lexicon's, and a state
/// named for its forces as it strikes ("Israel struck": the hit is the
/// state's name).
pub fn find_actors(sentence: &str) -> Vec<Hit<Actor>> {
    let mut hits = actors().find_all(sentence);
    let states: Vec<Hit<Actor>> = striking_states()
        .find_all(sentence)
        .into_iter()
        .map(|h| Hit {
            start: h.start,
            end: h.start + h.value.0,
            value: h.value.1,
        })
        .filter(|h| !hits.iter().any(|n| n.start < h.end && h.start < n.end))
        .collect();
    if !states.is_empty() {
        hits.extend(states);
        hits.sort_by_key(|h| h.start);
    }
    // "Islamic State militants", "Nusra rebels": the generic noun after a
    // group's name is that group, not a second side.
    let mut k = 1;
    while k < hits.len() {
        let (before, generic) = (&hits[k - 1], &hits[k]);
        let adjoining = sentence
            .get(before.end..generic.start)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace));
        if adjoining
            && matches!(before.value.side, Side::State | Side::NonState)
            && [REBELS, UNIDENTIFIED].contains(&generic.value)
            && before.value != generic.value
        {
            hits[k - 1].end = generic.end;
            hits.remove(k);
        } else {
            k += 1;
        }
    }
    hits
}

/// Every force named in a sentence about a demonstration, in order: the
/// actors, with the police and unnamed security forces besides.
pub fn find_forces(sentence: &str) -> Vec<Hit<Actor>> {
    let named: Vec<Hit<Actor>> = find_actors(sentence)
        .into_iter()
        .filter(|h| matches!(h.value.side, Side::State | Side::NonState))
        .collect();
    let mut all = named.clone();
    // "Iraqi security forces" is Iraq's, not an unnamed force inside it.
    all.extend(
        forces()
            .find_all(sentence)
            .into_iter()
            .filter(|f| !named.iter().any(|n| n.start < f.end && f.start < n.end)),
    );
    all.sort_by_key(|h| h.start);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_actor_names() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Syrian government forces seized ground from rebels",
                &["Military Forces of Syria", "Opposition Rebels (Syria)"],
            ),
            (
                "Syria's army clashed with Army of Islam fighters",
                &["Military Forces of Syria", "Jaish al-Islam"],
            ),
            (
                "Russian warplanes hit HTS positions",
                &["Military Forces of Russia", "Hayat Tahrir al-Sham"],
            ),
            (
                "the Nusra Front and the regime",
                &["Jabhat al-Nusra", "Military Forces of Syria"],
            ),
            ("19 civilians were killed", &["Civilians (Syria)"]),
            (
                "Israeli air strikes hit Turkish-backed factions and the PMF",
                &[
                    "Military Forces of Israel",
                    "SNA: Syrian National Army",
                    "PMF: Popular Mobilization Forces",
                ],
            ),
            (
                "Jordanian troops killed smugglers",
                &["Military Forces of Jordan"],
            ),
            ("the weather", &[]),
        ];
        for (sentence, expected) in cases {
            let names: Vec<&str> = find_actors(sentence).iter().map(|h| h.value.name).collect();
            assert_eq!(names, *expected, "{sentence}");
        }
    }

    #[test]
    fn forces_at_a_demonstration() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Riot police fired tear gas at protesters",
                &["Police Forces of Syria"],
            ),
            (
                "Security forces opened fire on demonstrators",
                &["Military Forces of Syria"],
            ),
            (
                "Iraqi security forces and police dispersed the crowd",
                &["Military Forces of Iraq", "Police Forces of Syria"],
            ),
            ("Hundreds rallied in the square", &[]),
        ];
        for (sentence, expected) in cases {
            let names: Vec<&str> = find_forces(sentence).iter().map(|h| h.value.name).collect();
            assert_eq!(names, *expected, "{sentence}");
        }
        // Only a demonstration reads the police as a side.
        assert!(find_actors("Police said a car bomb killed five").is_empty());
    }

    #[test]
    fn civilians_are_of_the_events_country() {
        let table = [
            ("Civilians (Syria)", "LB", "Civilians (Lebanon)"),
            ("Protesters (Syria)", "IQ", "Protesters (Iraq)"),
            ("Civilians (Syria)", "SY", "Civilians (Syria)"),
            ("Civilians (Syria)", "FR", "Civilians (Syria)"),
            ("Rioters (Syria)", "LB", "Rioters (Lebanon)"),
            ("Police Forces of Syria", "IQ", "Police Forces of Iraq"),
            ("Police Forces of Syria", "SY", "Police Forces of Syria"),
            // The army of a state abroad stays that state's.
            ("Military Forces of Syria", "LB", "Military Forces of Syria"),
            ("Hezbollah", "LB", "Hezbollah"),
        ];
        for (name, country, want) in table {
            assert_eq!(in_country(name, country), want, "{name} in {country}");
        }
    }
}
