//! The event: one ACLED-style record, the unit everything else produces or
//! consumes. Field names follow ACLED so an analyst can put our output beside
//! an ACLED export; see `DESIGN.md` for the meaning of each.

use serde::{Deserialize, Serialize};

/// ACLED's six event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventType {
    #[serde(rename = "Battles")]
    Battles,
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    #[serde(rename = "Protests")]
    Protests,
    #[serde(rename = "Riots")]
    Riots,
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

impl EventType {
    /// Every type, in ACLED's order (for filters and legends).
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::Protests,
        EventType::Riots,
        EventType::StrategicDevelopments,
    ];

    /// ACLED's label, as written in the data.
    pub fn label(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }
}

/// ACLED's sub-event types (the ones rule-based extraction can tell apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SubEventType {
    #[serde(rename = "Armed clash")]
    ArmedClash,
    #[serde(rename = "Government regains territory")]
    GovernmentRegainsTerritory,
    #[serde(rename = "Non-state actor overtakes territory")]
    NonStateActorOvertakesTerritory,
    #[serde(rename = "Air/drone strike")]
    AirDroneStrike,
    #[serde(rename = "Shelling/artillery/missile attack")]
    ShellingArtilleryMissileAttack,
    #[serde(rename = "Remote explosive/landmine/IED")]
    RemoteExplosive,
    #[serde(rename = "Suicide bomb")]
    SuicideBomb,
    #[serde(rename = "Attack")]
    Attack,
    #[serde(rename = "Abduction/forced disappearance")]
    Abduction,
    #[serde(rename = "Peaceful protest")]
    PeacefulProtest,
    #[serde(rename = "Protest with intervention")]
    ProtestWithIntervention,
    #[serde(rename = "Excessive force against protesters")]
    ExcessiveForceAgainstProtesters,
    #[serde(rename = "Violent demonstration")]
    ViolentDemonstration,
    #[serde(rename = "Agreement")]
    Agreement,
    #[serde(rename = "Non-violent transfer of territory")]
    NonViolentTransferOfTerritory,
    #[serde(rename = "Headquarters or base established")]
    HeadquartersOrBaseEstablished,
    #[serde(rename = "Other")]
    Other,
}

impl SubEventType {
    /// Every sub-event type, in ACLED's order (for filters, legends, checks).
    pub const ALL: [SubEventType; 17] = [
        SubEventType::ArmedClash,
        SubEventType::GovernmentRegainsTerritory,
        SubEventType::NonStateActorOvertakesTerritory,
        SubEventType::AirDroneStrike,
        SubEventType::ShellingArtilleryMissileAttack,
        SubEventType::RemoteExplosive,
        SubEventType::SuicideBomb,
        SubEventType::Attack,
        SubEventType::Abduction,
        SubEventType::PeacefulProtest,
        SubEventType::ProtestWithIntervention,
        SubEventType::ExcessiveForceAgainstProtesters,
        SubEventType::ViolentDemonstration,
        SubEventType::Agreement,
        SubEventType::NonViolentTransferOfTerritory,
        SubEventType::HeadquartersOrBaseEstablished,
        SubEventType::Other,
    ];

    /// The event type this sub-event type belongs to in ACLED's taxonomy.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                EventType::Battles
            }
            AirDroneStrike | ShellingArtilleryMissileAttack | RemoteExplosive | SuicideBomb => {
                EventType::ExplosionsRemoteViolence
            }
            Attack | Abduction => EventType::ViolenceAgainstCivilians,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => {
                EventType::Protests
            }
            ViolentDemonstration => EventType::Riots,
            Agreement | NonViolentTransferOfTerritory | HeadquartersOrBaseEstablished | Other => {
                EventType::StrategicDevelopments
            }
        }
    }

    /// ACLED's label, as written in the data.
    pub fn label(self) -> &'static str {
        use SubEventType::*;
        match self {
            ArmedClash => "Armed clash",
            GovernmentRegainsTerritory => "Government regains territory",
            NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
            AirDroneStrike => "Air/drone strike",
            ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
            RemoteExplosive => "Remote explosive/landmine/IED",
            SuicideBomb => "Suicide bomb",
            Attack => "Attack",
            Abduction => "Abduction/forced disappearance",
            PeacefulProtest => "Peaceful protest",
            ProtestWithIntervention => "Protest with intervention",
            ExcessiveForceAgainstProtesters => "Excessive force against protesters",
            ViolentDemonstration => "Violent demonstration",
            Agreement => "Agreement",
            NonViolentTransferOfTerritory => "Non-violent transfer of territory",
            HeadquartersOrBaseEstablished => "Headquarters or base established",
            Other => "Other",
        }
    }
}

/// One article an event was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceRef {
    pub article_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    /// The article's publication day, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// An event's properties: every key is always written, `null` where unknown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventProperties {
    /// Stable across runs for the same input.
    pub event_id: String,
    /// The day the event happened (`YYYY-MM-DD`), not the article's day.
    pub event_date: Option<String>,
    /// 1 = that day; 2 = within a week around it; 3 = within the month.
    pub time_precision: u8,
    pub event_type: EventType,
    pub sub_event_type: SubEventType,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    /// The gazetteer's name for the place.
    pub location: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// 1 = the named place itself; 2 = near it or part of it; 3 = a larger region.
    pub geo_precision: u8,
    /// The words in the text that named the place.
    pub place_mention: String,
    /// The gazetteer record: `geonames:170592`, `wof:...`, `curated:...`.
    pub place_id: String,
    /// ACLED's conservative count; `None` when the text gives none.
    pub fatalities: Option<u32>,
    /// The sentence(s) the event was read from, as written.
    pub notes: String,
    pub sources: Vec<SourceRef>,
    /// A summary of earlier fighting rather than a new event.
    pub background: bool,
}

/// An event placed on the map: a GeoJSON Point feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub longitude: f64,
    pub latitude: f64,
    pub properties: EventProperties,
}

impl Event {
    /// A plain event for tests and examples: an air strike at (`lon`,
    /// `lat`) on `date`, reported by one article, nothing else known.
    pub fn sample(id: &str, article: &str, date: Option<&str>, lon: f64, lat: f64) -> Event {
        Event {
            longitude: lon,
            latitude: lat,
            properties: EventProperties {
                event_id: id.into(),
                event_date: date.map(str::to_string),
                time_precision: 1,
                event_type: EventType::ExplosionsRemoteViolence,
                sub_event_type: SubEventType::AirDroneStrike,
                actor1: None,
                actor2: None,
                location: "Douma".into(),
                admin1: None,
                admin2: None,
                country: "SY".into(),
                geo_precision: 1,
                place_mention: "Douma".into(),
                place_id: format!("p-{lon}"),
                fatalities: None,
                notes: format!("{article} says"),
                sources: vec![SourceRef {
                    article_id: article.into(),
                    title: None,
                    source: None,
                    date: None,
                    url: None,
                }],
                background: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label is what the data says: the name serde writes and reads.
    #[test]
    fn labels_are_the_serde_names() {
        for sub in SubEventType::ALL {
            let written = serde_json::to_string(&sub).unwrap();
            assert_eq!(written, format!("\"{}\"", sub.label()), "{sub:?}");
            assert_eq!(serde_json::from_str::<SubEventType>(&written).unwrap(), sub);
        }
        for t in EventType::ALL {
            let written = serde_json::to_string(&t).unwrap();
            assert_eq!(written, format!("\"{}\"", t.label()), "{t:?}");
        }
    }

    #[test]
    fn protest_sub_types_are_protests_and_violence_by_demonstrators_a_riot() {
        use SubEventType as S;
        let table = [
            (S::PeacefulProtest, EventType::Protests),
            (S::ProtestWithIntervention, EventType::Protests),
            (S::ExcessiveForceAgainstProtesters, EventType::Protests),
            (S::ViolentDemonstration, EventType::Riots),
        ];
        for (sub, event_type) in table {
            assert_eq!(sub.event_type(), event_type, "{sub:?}");
        }
    }
}
