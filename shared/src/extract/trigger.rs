//! Event triggers: the words that say something happened, mapped to ACLED's
//! taxonomy. General conflict-reporting vocabulary, not tuned to any article.

use super::phrase::{Hit, Lexicon};
use super::tokens::Token;
use crate::event::SubEventType;
use std::sync::OnceLock;

/// What a trigger says happened, before actors decide the final sub-type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trigger {
    AirStrike,
    /// "bombardment", "bombing": air strike when aircraft are named in the
    /// sentence, shelling otherwise.
    Bombardment,
    Shelling,
    Explosive,
    SuicideBomb,
    Clash,
    /// Territory changing hands: who took it decides the sub-type.
    Territory,
    Evacuation,
    Agreement,
    /// Meetings and talks: Strategic developments / Other.
    Diplomacy,
    AttackOnCivilians,
    /// A killing of civilians told with no word of how ("gunmen killed 12
    /// villagers", see [`find_civilian_killing`]): an attack, or the toll
    /// of the event told just before.
    Killing,
    Abduction,
    Protest,
    Riot,
}

impl Trigger {
    /// Violent triggers make an event even in a sentence that also talks about
    /// truces; non-violent ones only when nothing violent is in the sentence.
    pub fn is_violent(self) -> bool {
        !matches!(
            self,
            Trigger::Evacuation | Trigger::Agreement | Trigger::Diplomacy | Trigger::Protest
        )
    }

    /// The sub-event type; `government_acts` says whether the acting side is
    /// a state force (territory taken by the state is "regained").
    pub fn sub_event_type(self, aircraft_named: bool, government_acts: bool) -> SubEventType {
        use SubEventType as S;
        match self {
            Trigger::AirStrike => S::AirDroneStrike,
            Trigger::Bombardment if aircraft_named => S::AirDroneStrike,
            Trigger::Bombardment | Trigger::Shelling => S::ShellingArtilleryMissileAttack,
            Trigger::Explosive => S::RemoteExplosive,
            Trigger::SuicideBomb => S::SuicideBomb,
            Trigger::Clash => S::ArmedClash,
            Trigger::Territory if government_acts => S::GovernmentRegainsTerritory,
            Trigger::Territory => S::NonStateActorOvertakesTerritory,
            Trigger::Evacuation => S::NonViolentTransferOfTerritory,
            Trigger::Agreement => S::Agreement,
            Trigger::Diplomacy => S::Other,
            Trigger::AttackOnCivilians | Trigger::Killing => S::Attack,
            Trigger::Abduction => S::Abduction,
            Trigger::Protest => S::PeacefulProtest,
            Trigger::Riot => S::ViolentDemonstration,
        }
    }
}

const TRIGGERS: &[(&str, Trigger)] = &[
    // Air and drone strikes.
    ("air strike", Trigger::AirStrike),
    ("air strikes", Trigger::AirStrike),
    ("airstrike", Trigger::AirStrike),
    ("airstrikes", Trigger::AirStrike),
    ("air raid", Trigger::AirStrike),
    ("air raids", Trigger::AirStrike),
    ("drone strike", Trigger::AirStrike),
    ("drone strikes", Trigger::AirStrike),
    ("drone attack", Trigger::AirStrike),
    ("drone hit", Trigger::AirStrike),
    ("drone hits", Trigger::AirStrike),
    ("warplanes", Trigger::AirStrike),
    ("warplane", Trigger::AirStrike),
    ("jets pounded", Trigger::AirStrike),
    ("barrel bomb", Trigger::AirStrike),
    ("barrel bombs", Trigger::AirStrike),
    ("aerial bombardment", Trigger::AirStrike),
    ("air attack", Trigger::AirStrike),
    ("air attacks", Trigger::AirStrike),
    ("helicopter gunships", Trigger::AirStrike),
    ("bombardment", Trigger::Bombardment),
    ("bombing", Trigger::AirStrike),
    ("bombed", Trigger::AirStrike),
    ("pounded", Trigger::Bombardment),
    ("pounds", Trigger::Bombardment),
    ("strikes hit", Trigger::Bombardment),
    // Strikes of unnamed means: an air strike when aircraft are named
    // ("Turkish drones struck"). Not a bare "strike" (workers strike).
    ("struck", Trigger::Bombardment),
    ("strike hit", Trigger::Bombardment),
    ("strike killed", Trigger::Bombardment),
    ("strikes killed", Trigger::Bombardment),
    ("strike targeted", Trigger::Bombardment),
    ("strikes targeted", Trigger::Bombardment),
    ("targeted", Trigger::Bombardment),
    ("bombarded", Trigger::Bombardment),
    ("israeli strike", Trigger::Bombardment),
    ("israeli strikes", Trigger::Bombardment),
    ("russian strikes", Trigger::Bombardment),
    ("turkish strikes", Trigger::Bombardment),
    ("coalition strikes", Trigger::Bombardment),
    // Shelling, rockets, artillery, missiles.
    ("shelling", Trigger::Shelling),
    ("shelled", Trigger::Shelling),
    ("shells", Trigger::Shelling),
    ("mortar", Trigger::Shelling),
    ("mortars", Trigger::Shelling),
    ("mortar fire", Trigger::Shelling),
    ("mortar attacks", Trigger::Shelling),
    ("rocket fire", Trigger::Shelling),
    ("rocket attack", Trigger::Shelling),
    ("rocket attacks", Trigger::Shelling),
    ("rockets", Trigger::Shelling),
    ("rocket", Trigger::Shelling),
    ("artillery", Trigger::Shelling),
    ("artillery fire", Trigger::Shelling),
    ("missile strike", Trigger::Shelling),
    ("missile strikes", Trigger::Shelling),
    ("missiles", Trigger::Shelling),
    ("missile", Trigger::Shelling),
    ("ballistic missile", Trigger::Shelling),
    // Explosives.
    ("car bomb", Trigger::Explosive),
    ("roadside bomb", Trigger::Explosive),
    ("landmine", Trigger::Explosive),
    ("land mine", Trigger::Explosive),
    ("improvised explosive device", Trigger::Explosive),
    ("ied", Trigger::Explosive),
    ("explosive device", Trigger::Explosive),
    ("bomb blast", Trigger::Explosive),
    ("explosion", Trigger::Explosive),
    ("exploded", Trigger::Explosive),
    ("blew up", Trigger::Explosive),
    ("detonated", Trigger::Explosive),
    ("mine exploded", Trigger::Explosive),
    ("mine blast", Trigger::Explosive),
    ("unexploded ordnance", Trigger::Explosive),
    ("blast", Trigger::Explosive),
    ("suicide bomber", Trigger::SuicideBomb),
    ("suicide bombing", Trigger::SuicideBomb),
    ("suicide attack", Trigger::SuicideBomb),
    ("suicide car bomb", Trigger::SuicideBomb),
    ("suicide car bombs", Trigger::SuicideBomb),
    ("suicide bombers", Trigger::SuicideBomb),
    ("suicide attackers", Trigger::SuicideBomb),
    ("suicide attacker", Trigger::SuicideBomb),
    ("suicide bombings", Trigger::SuicideBomb),
    // Battles.
    ("clashes", Trigger::Clash),
    // A counter-attack is fighting, whoever it hits.
    ("counter-attacked", Trigger::Clash),
    ("counterattacked", Trigger::Clash),
    ("counter-attack", Trigger::Clash),
    ("counterattack", Trigger::Clash),
    ("counter-offensive", Trigger::Clash),
    ("counteroffensive", Trigger::Clash),
    ("clash", Trigger::Clash),
    ("clashed", Trigger::Clash),
    ("fighting", Trigger::Clash),
    ("fought", Trigger::Clash),
    ("battled", Trigger::Clash),
    ("battling", Trigger::Clash),
    ("battle", Trigger::Clash),
    ("battles", Trigger::Clash),
    ("gun battle", Trigger::Clash),
    ("firefight", Trigger::Clash),
    ("ambush", Trigger::Clash),
    ("ambushed", Trigger::Clash),
    ("ground assault", Trigger::Clash),
    ("ground attack", Trigger::Clash),
    ("offensive", Trigger::Clash),
    ("assault", Trigger::Clash),
    // A repelled advance is a battle, not a change of hands.
    ("repelled", Trigger::Clash),
    ("repulsed", Trigger::Clash),
    ("fended off", Trigger::Clash),
    ("beat back", Trigger::Clash),
    ("attempt to advance", Trigger::Clash),
    ("attempted to advance", Trigger::Clash),
    ("tried to advance", Trigger::Clash),
    ("attempt to storm", Trigger::Clash),
    ("tried to storm", Trigger::Clash),
    // Fire traded with a side that is there is a battle.
    ("exchanged fire", Trigger::Clash),
    ("returned fire", Trigger::Clash),
    ("came under fire", Trigger::Clash),
    ("launched an attack", Trigger::Clash),
    ("captured", Trigger::Territory),
    // Official words for a recapture (Iraq's "liberation", SANA's
    // "restored security and stability to").
    ("liberated", Trigger::Territory),
    ("liberation of", Trigger::Territory),
    ("full liberation", Trigger::Territory),
    ("restored security and stability", Trigger::Territory),
    ("restored security", Trigger::Territory),
    ("seized", Trigger::Territory),
    ("retook", Trigger::Territory),
    ("retaken", Trigger::Territory),
    ("recaptured", Trigger::Territory),
    ("regained", Trigger::Territory),
    ("took control", Trigger::Territory),
    // "troops took the village of Bazwaya" (not "took the decision").
    ("took the village", Trigger::Territory),
    ("took the town", Trigger::Territory),
    ("took the city", Trigger::Territory),
    ("took the district", Trigger::Territory),
    ("took the neighbourhood", Trigger::Territory),
    ("took the neighborhood", Trigger::Territory),
    ("taking the village", Trigger::Territory),
    ("taking the town", Trigger::Territory),
    ("taking the city", Trigger::Territory),
    ("took over", Trigger::Territory),
    ("taken control", Trigger::Territory),
    ("secure control", Trigger::Territory),
    ("gained control", Trigger::Territory),
    ("took full control", Trigger::Territory),
    ("taken full control", Trigger::Territory),
    ("seized control", Trigger::Territory),
    ("wrested control", Trigger::Territory),
    ("seizing", Trigger::Territory),
    ("capturing", Trigger::Territory),
    ("recapturing", Trigger::Territory),
    ("swept into", Trigger::Territory),
    // An advance into a town is fighting there, not yet control of it.
    ("advanced into", Trigger::Clash),
    ("advanced deeper into", Trigger::Clash),
    ("pushed into", Trigger::Clash),
    ("stormed", Trigger::Territory),
    ("overran", Trigger::Territory),
    ("has fallen", Trigger::Territory),
    ("fell to", Trigger::Territory),
    // A side that "lost" a town (the roles turn: see `extract_article`).
    ("forces lost", Trigger::Territory),
    ("troops lost", Trigger::Territory),
    ("army lost", Trigger::Territory),
    ("regime lost", Trigger::Territory),
    ("rebels lost", Trigger::Territory),
    ("fighters lost", Trigger::Territory),
    ("militants lost", Trigger::Territory),
    // Strikes of unnamed means on a place ("a strike attributed to Israel
    // on a military base").
    ("strikes on", Trigger::Bombardment),
    ("strike attributed", Trigger::Bombardment),
    ("strikes attributed", Trigger::Bombardment),
    // A town that "fell" on a day was taken ("a shell fell on a house" is
    // not a day).
    ("fell on monday", Trigger::Territory),
    ("fell on tuesday", Trigger::Territory),
    ("fell on wednesday", Trigger::Territory),
    ("fell on thursday", Trigger::Territory),
    ("fell on friday", Trigger::Territory),
    ("fell on saturday", Trigger::Territory),
    ("fell on sunday", Trigger::Territory),
    ("fell overnight", Trigger::Territory),
    ("gain ground", Trigger::Territory),
    ("gained ground", Trigger::Territory),
    ("entered", Trigger::Territory),
    // Non-violent transfers and agreements.
    ("evacuation", Trigger::Evacuation),
    ("evacuations", Trigger::Evacuation),
    ("evacuated", Trigger::Evacuation),
    ("bused", Trigger::Evacuation),
    ("bussed", Trigger::Evacuation),
    ("left in convoys", Trigger::Evacuation),
    ("withdrawal deal", Trigger::Agreement),
    ("pull-out deal", Trigger::Agreement),
    ("ceasefire deal", Trigger::Agreement),
    ("truce deal", Trigger::Agreement),
    ("reconciliation deal", Trigger::Agreement),
    ("brokered an agreement", Trigger::Agreement),
    ("brokered a deal", Trigger::Agreement),
    ("announced a ceasefire", Trigger::Agreement),
    ("announced a truce", Trigger::Agreement),
    ("ceasefire announced", Trigger::Agreement),
    ("truce announced", Trigger::Agreement),
    ("agreed to a ceasefire", Trigger::Agreement),
    ("signed an agreement", Trigger::Agreement),
    ("reached an agreement", Trigger::Agreement),
    ("reached a deal", Trigger::Agreement),
    ("reached a new agreement", Trigger::Agreement),
    ("agreement brokered", Trigger::Agreement),
    ("deal brokered", Trigger::Agreement),
    ("brokered agreement", Trigger::Agreement),
    ("brokered deal", Trigger::Agreement),
    ("deal reached", Trigger::Agreement),
    ("agreement reached", Trigger::Agreement),
    ("ceasefire agreed", Trigger::Agreement),
    ("truce agreed", Trigger::Agreement),
    ("agreed on a ceasefire", Trigger::Agreement),
    ("agreed to a truce", Trigger::Agreement),
    // (A side that "agreed ... to surrender": `find_agreement_to_give_up`.)
    ("demanded an immediate ceasefire", Trigger::Agreement),
    ("resolution adopted", Trigger::Agreement),
    ("adopted a resolution", Trigger::Agreement),
    ("meeting", Trigger::Diplomacy),
    ("will meet", Trigger::Diplomacy),
    ("met", Trigger::Diplomacy),
    ("talks", Trigger::Diplomacy),
    ("peace talks", Trigger::Diplomacy),
    ("summit", Trigger::Diplomacy),
    // Violence against civilians.
    ("massacre", Trigger::AttackOnCivilians),
    ("massacred", Trigger::AttackOnCivilians),
    ("executed", Trigger::AttackOnCivilians),
    ("was attacked", Trigger::AttackOnCivilians),
    ("were attacked", Trigger::AttackOnCivilians),
    ("attacked", Trigger::AttackOnCivilians),
    ("shot dead", Trigger::AttackOnCivilians),
    ("shot and killed", Trigger::AttackOnCivilians),
    ("gunned down", Trigger::AttackOnCivilians),
    ("assassinated", Trigger::AttackOnCivilians),
    ("assassination", Trigger::AttackOnCivilians),
    ("beheaded", Trigger::AttackOnCivilians),
    ("beheading", Trigger::AttackOnCivilians),
    ("slaughtered", Trigger::AttackOnCivilians),
    ("executions", Trigger::AttackOnCivilians),
    ("summary executions", Trigger::AttackOnCivilians),
    ("abducted", Trigger::Abduction),
    ("kidnapped", Trigger::Abduction),
    ("kidnapping", Trigger::Abduction),
    ("kidnappings", Trigger::Abduction),
    ("abduction", Trigger::Abduction),
    ("abductions", Trigger::Abduction),
    ("taken hostage", Trigger::Abduction),
    ("took hostage", Trigger::Abduction),
    ("seized hostages", Trigger::Abduction),
    // Demonstrations.
    ("protest", Trigger::Protest),
    ("protests", Trigger::Protest),
    ("protesters", Trigger::Protest),
    ("protester", Trigger::Protest),
    ("demonstration", Trigger::Protest),
    ("demonstrations", Trigger::Protest),
    ("demonstrators", Trigger::Protest),
    ("demonstrator", Trigger::Protest),
    ("rally", Trigger::Protest),
    ("rallied", Trigger::Protest),
    ("took to the streets", Trigger::Protest),
    // (Not "demonstrated" nor "protested": "the attack demonstrated its
    // reach", "Ankara protested the strike".)
    ("sit-in", Trigger::Protest),
    // A crowd that demonstrated, protested or marched ("demonstrated its
    // power", "Russia protested", "troops marched in" are no protests).
    ("people demonstrated", Trigger::Protest),
    ("hundreds demonstrated", Trigger::Protest),
    ("thousands demonstrated", Trigger::Protest),
    ("dozens demonstrated", Trigger::Protest),
    ("residents demonstrated", Trigger::Protest),
    ("people protested", Trigger::Protest),
    ("hundreds protested", Trigger::Protest),
    ("thousands protested", Trigger::Protest),
    ("dozens protested", Trigger::Protest),
    ("residents protested", Trigger::Protest),
    ("people marched", Trigger::Protest),
    ("hundreds marched", Trigger::Protest),
    ("thousands marched", Trigger::Protest),
    ("dozens marched", Trigger::Protest),
    ("residents marched", Trigger::Protest),
    // A crowd gathered or filled a square.
    ("people gathered", Trigger::Protest),
    ("hundreds gathered", Trigger::Protest),
    ("thousands gathered", Trigger::Protest),
    ("crowds gathered", Trigger::Protest),
    ("people filled", Trigger::Protest),
    ("thousands filled", Trigger::Protest),
    ("crowds filled", Trigger::Protest),
    ("protesters marched", Trigger::Protest),
    ("demonstrators marched", Trigger::Protest),
    // A crowd met with force or chanting, though no one says "protest".
    ("chanting slogans", Trigger::Protest),
    ("chanted slogans", Trigger::Protest),
    ("shouting slogans", Trigger::Protest),
    ("to disperse", Trigger::Protest),
    ("riot", Trigger::Riot),
    ("riots", Trigger::Riot),
    ("rioters", Trigger::Riot),
];

/// What a sentence about a protest says the protest met or did: ACLED's
/// sub-type turns on who used force and how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProtestCue {
    /// Dispersed or suppressed without serious injury.
    Intervention,
    /// Lethal force, or force that injures seriously.
    ExcessiveForce,
    /// The demonstrators themselves violent: a riot.
    Violence,
}

/// Phrases that hold a trigger word but tell of no event: "riot police"
/// are police, whatever they are doing.
const NOT_EVENTS: &[(&str, ())] = &[
    ("riot police", ()),
    ("anti-riot police", ()),
    ("riot gear", ()),
    ("riot squad", ()),
    ("anti-riot", ()),
    // A war's length, not a battle: "ending years of fighting".
    ("years of fighting", ()),
    ("months of fighting", ()),
    ("weeks of fighting", ()),
    ("years of war", ()),
];

/// Protest cues. Read only in a sentence that tells of a protest (or right
/// after one): "opened fire" alone is not an event, and outside a protest
/// "shot dead" is violence against civilians.
const PROTEST_CUES: &[(&str, ProtestCue)] = &[
    // Dispersal and arrests: the means ACLED names for an intervention.
    ("tear gas", ProtestCue::Intervention),
    ("teargas", ProtestCue::Intervention),
    ("rubber bullets", ProtestCue::Intervention),
    ("rubber-coated bullets", ProtestCue::Intervention),
    ("plastic bullets", ProtestCue::Intervention),
    ("water cannon", ProtestCue::Intervention),
    ("water cannons", ProtestCue::Intervention),
    ("stun grenades", ProtestCue::Intervention),
    ("pepper spray", ProtestCue::Intervention),
    ("batons", ProtestCue::Intervention),
    ("baton charge", ProtestCue::Intervention),
    ("baton-charged", ProtestCue::Intervention),
    ("warning shots", ProtestCue::Intervention),
    ("fired into the air", ProtestCue::Intervention),
    ("fired in the air", ProtestCue::Intervention),
    // Not a bare "dispersed": "the crowd dispersed peacefully".
    ("to disperse", ProtestCue::Intervention),
    ("dispersing", ProtestCue::Intervention),
    ("dispersed the", ProtestCue::Intervention),
    ("dispersed a", ProtestCue::Intervention),
    ("dispersed protesters", ProtestCue::Intervention),
    ("dispersed demonstrators", ProtestCue::Intervention),
    ("forcibly dispersed", ProtestCue::Intervention),
    ("were dispersed", ProtestCue::Intervention),
    ("was dispersed", ProtestCue::Intervention),
    ("broke up", ProtestCue::Intervention),
    ("cracked down", ProtestCue::Intervention),
    ("arrested", ProtestCue::Intervention),
    ("arrests", ProtestCue::Intervention),
    ("detained", ProtestCue::Intervention),
    ("rounded up", ProtestCue::Intervention),
    // Lethal or seriously injuring force.
    ("opened fire", ProtestCue::ExcessiveForce),
    ("open fire", ProtestCue::ExcessiveForce),
    ("opening fire", ProtestCue::ExcessiveForce),
    ("fired on", ProtestCue::ExcessiveForce),
    ("fired at", ProtestCue::ExcessiveForce),
    ("fired into the crowd", ProtestCue::ExcessiveForce),
    ("live fire", ProtestCue::ExcessiveForce),
    ("live ammunition", ProtestCue::ExcessiveForce),
    ("live rounds", ProtestCue::ExcessiveForce),
    ("live bullets", ProtestCue::ExcessiveForce),
    ("shot dead", ProtestCue::ExcessiveForce),
    ("shot and killed", ProtestCue::ExcessiveForce),
    ("shot and wounded", ProtestCue::ExcessiveForce),
    ("gunned down", ProtestCue::ExcessiveForce),
    ("mowed down", ProtestCue::ExcessiveForce),
    ("ran over", ProtestCue::ExcessiveForce),
    ("run over", ProtestCue::ExcessiveForce),
    ("rammed", ProtestCue::ExcessiveForce),
    ("seriously injured", ProtestCue::ExcessiveForce),
    ("seriously wounded", ProtestCue::ExcessiveForce),
    ("critically injured", ProtestCue::ExcessiveForce),
    ("critically wounded", ProtestCue::ExcessiveForce),
    ("killing protesters", ProtestCue::ExcessiveForce),
    ("killed protesters", ProtestCue::ExcessiveForce),
    ("killing demonstrators", ProtestCue::ExcessiveForce),
    ("killed demonstrators", ProtestCue::ExcessiveForce),
    // The demonstrators' own violence.
    ("threw stones", ProtestCue::Violence),
    ("throwing stones", ProtestCue::Violence),
    ("hurled stones", ProtestCue::Violence),
    ("hurling stones", ProtestCue::Violence),
    ("threw rocks", ProtestCue::Violence),
    ("throwing rocks", ProtestCue::Violence),
    ("hurled rocks", ProtestCue::Violence),
    ("stone-throwing", ProtestCue::Violence),
    ("rock-throwing", ProtestCue::Violence),
    ("pelted", ProtestCue::Violence),
    ("molotov cocktails", ProtestCue::Violence),
    ("petrol bombs", ProtestCue::Violence),
    ("torched", ProtestCue::Violence),
    ("set fire to", ProtestCue::Violence),
    ("set on fire", ProtestCue::Violence),
    ("set ablaze", ProtestCue::Violence),
    ("ransacked", ProtestCue::Violence),
    ("looted", ProtestCue::Violence),
    ("vandalised", ProtestCue::Violence),
    ("vandalized", ProtestCue::Violence),
    ("smashed", ProtestCue::Violence),
    ("stormed", ProtestCue::Violence),
    ("forced their way into", ProtestCue::Violence),
    ("broke into", ProtestCue::Violence),
    ("welded", ProtestCue::Violence),
    ("attacked police", ProtestCue::Violence),
    ("scuffled with", ProtestCue::Violence),
    ("clashed with police", ProtestCue::Violence),
    ("clashed with riot police", ProtestCue::Violence),
    ("clashed with security forces", ProtestCue::Violence),
    ("clashed with troops", ProtestCue::Violence),
    ("clashes with police", ProtestCue::Violence),
    ("clashes with security forces", ProtestCue::Violence),
];

/// ACLED's protest sub-type from what the sentence says the protest met.
/// Demonstrators' own violence makes it a riot whatever force met it;
/// lethal force (or protesters counted dead) outranks dispersal.
pub fn protest_sub_event_type(cues: &[ProtestCue], protesters_killed: bool) -> SubEventType {
    if cues.contains(&ProtestCue::Violence) {
        SubEventType::ViolentDemonstration
    } else if protesters_killed || cues.contains(&ProtestCue::ExcessiveForce) {
        SubEventType::ExcessiveForceAgainstProtesters
    } else if cues.contains(&ProtestCue::Intervention) {
        SubEventType::ProtestWithIntervention
    } else {
        SubEventType::PeacefulProtest
    }
}

/// The demonstration sub-types by the force they saw, least first.
const BY_FORCE: [SubEventType; 4] = [
    SubEventType::PeacefulProtest,
    SubEventType::ProtestWithIntervention,
    SubEventType::ExcessiveForceAgainstProtesters,
    SubEventType::ViolentDemonstration,
];

/// Whether a sub-type is one of a demonstration (a protest or a riot).
pub fn is_demonstration(sub: SubEventType) -> bool {
    BY_FORCE.contains(&sub)
}

/// Of two tellings of one demonstration, the one that saw more force: a
/// protest dispersed, then fired on, was met with excessive force.
pub fn more_force(a: SubEventType, b: SubEventType) -> SubEventType {
    let rank = |s: SubEventType| BY_FORCE.iter().position(|x| *x == s);
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Words naming aircraft: they make a "bombardment" an air strike.
const AIRCRAFT: &[(&str, ())] = &[
    ("air", ()),
    ("aircraft", ()),
    ("warplanes", ()),
    ("warplane", ()),
    ("jets", ()),
    ("helicopters", ()),
    ("airstrikes", ()),
    ("drone", ()),
    ("drones", ()),
];

fn triggers() -> &'static Lexicon<Trigger> {
    static LEXICON: OnceLock<Lexicon<Trigger>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(TRIGGERS))
}

fn protest_cues() -> &'static Lexicon<ProtestCue> {
    static LEXICON: OnceLock<Lexicon<ProtestCue>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(PROTEST_CUES))
}

fn not_events() -> &'static Lexicon<()> {
    static LEXICON: OnceLock<Lexicon<()>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(NOT_EVENTS))
}

fn aircraft() -> &'static Lexicon<()> {
    static LEXICON: OnceLock<Lexicon<()>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(AIRCRAFT))
}

/// Every trigger in a sentence, in order.
pub fn find_triggers(sentence: &str) -> Vec<Hit<Trigger>> {
    let not_events = not_events().find_all(sentence);
    triggers()
        .find_all(sentence)
        .into_iter()
        .filter(|h| {
            !not_events
                .iter()
                .any(|n| n.start <= h.start && h.end <= n.end)
        })
        .collect()
}

/// Verbs of killing whose object, when it is civilians, makes the killing
/// itself the event ("gunmen killed 12 villagers").
const KILLING_VERBS: &[&str] = &[
    "killed",
    "killing",
    "kill",
    "kills",
    "murdered",
    "murdering",
    "shot",
    "shooting",
];

/// Nouns of a killing told as a thing ("the killing of 60 civilians").
const KILLING_NOUNS: &[&str] = &["killing", "killings", "murder", "murders", "execution"];

/// People killed who are not fighters: ACLED's violence against civilians.
const CIVILIAN_VICTIMS: &[&str] = &[
    "civilians",
    "civilian",
    "people",
    "residents",
    "villagers",
    "passengers",
    "men",
    "women",
    "children",
    "man",
    "woman",
    "child",
    "boy",
    "boys",
    "girl",
    "girls",
    "family",
    "families",
    "relatives",
    "worshippers",
    "farmers",
    "farmer",
    "shepherds",
    "shepherd",
    "workers",
    "nuns",
    "priest",
    "doctor",
    "doctors",
    "teacher",
    "journalist",
    "journalists",
    "detainees",
    "prisoners",
    "hostages",
    "displaced",
    "refugees",
];

/// Who kills with their own hands, named without a group's name
/// ("gunmen", "soldiers"): the sentence's armed side.
const KILLERS: &[&str] = &[
    "gunmen",
    "gunman",
    "attackers",
    "assailants",
    "militiamen",
    "militia",
    "militias",
    "fighters",
    "soldiers",
    "troops",
    "forces",
    "jihadists",
    "militants",
    "snipers",
    "sniper",
    "shabiha",
];

/// A killing of civilians told with no other violent word: "gunmen killed
/// 12 villagers", "soldiers shot dead a family of six", "the killing of 60
/// civilians". Active verbs count only with a killer in the sentence
/// (`armed`: the sentence names an armed side): "12 civilians were killed"
/// says nothing of how. The hit is the verb or noun.
pub fn find_civilian_killing(tokens: &[Token], armed: bool) -> Option<Hit<Trigger>> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let killer = armed || words.iter().any(|w| KILLERS.contains(w));
    let victims_within = |from: usize, n: usize| {
        words[from.min(words.len())..(from + n).min(words.len())]
            .iter()
            .any(|w| CIVILIAN_VICTIMS.contains(w))
    };
    for (k, w) in words.iter().enumerate() {
        let noun = KILLING_NOUNS.contains(w)
            && words.get(k + 1) == Some(&"of")
            && k.checked_sub(1)
                .is_some_and(|p| matches!(words[p], "the" | "a"));
        // "were killed" says nothing of who; "the war, which has killed
        // 300,000 people" is a war's toll.
        let passive_or_toll = k.checked_sub(1).is_some_and(|p| {
            matches!(
                words[p],
                "was"
                    | "were"
                    | "been"
                    | "be"
                    | "being"
                    | "has"
                    | "have"
                    | "had"
                    | "which"
                    | "that"
            )
        });
        let active = KILLING_VERBS.contains(w) && killer && !passive_or_toll && !noun;
        if (noun || active) && victims_within(k + 1, 6) {
            return Some(Hit {
                start: tokens[k].span.start,
                end: tokens[k].span.end,
                value: Trigger::Killing,
            });
        }
    }
    None
}

/// People "taken" by force: "Twelve nuns have been taken from their
/// convent" (an abduction; a town "taken" is not people). The hit is
/// "taken".
pub fn find_people_taken(tokens: &[Token]) -> Option<Hit<Trigger>> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let at = (1..words.len()).find(|&k| {
        matches!(words[k], "taken" | "snatched")
            && matches!(words[k - 1], "been" | "were" | "was")
            && words[k.saturating_sub(7)..k]
                .iter()
                .any(|w| CIVILIAN_VICTIMS.contains(w))
            // ("taken to hospital", "taken into custody")
            && !matches!(words.get(k + 1), Some(&"to") | Some(&"into"))
    })?;
    Some(Hit {
        start: tokens[at].span.start,
        end: tokens[at].span.end,
        value: Trigger::Abduction,
    })
}

/// What a side agrees to do when it gives up a town.
const GIVING_UP: &[&str] = &[
    "surrender",
    "hand",
    "withdraw",
    "evacuate",
    "leave",
    "disarm",
];

/// A side that "agreed on Wednesday night to surrender the town": an
/// agreement, with the words between (the lexicon has "agreed to
/// surrender" only when they touch). The hit is "agreed".
pub fn find_agreement_to_give_up(tokens: &[Token]) -> Option<Hit<Trigger>> {
    let at = tokens.iter().position(|t| t.lower == "agreed")?;
    let rest = &tokens[at + 1..(at + 8).min(tokens.len())];
    let to = rest.iter().position(|t| t.lower == "to")?;
    rest.get(to + 1)
        .filter(|t| GIVING_UP.contains(&t.lower.as_str()))
        .map(|_| Hit {
            start: tokens[at].span.start,
            end: tokens[at].span.end,
            value: Trigger::Agreement,
        })
}

/// Every protest cue in a sentence, in order (denials are the caller's).
pub fn find_protest_cues(sentence: &str) -> Vec<Hit<ProtestCue>> {
    protest_cues().find_all(sentence)
}

/// Whether the sentence names aircraft.
pub fn names_aircraft(sentence: &str) -> bool {
    !aircraft().find_all(sentence).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_triggers_the_ways_the_press_writes_them() {
        let cases: &[(&str, &[Trigger])] = &[
            ("Air strikes killed 40 civilians.", &[Trigger::AirStrike]),
            (
                "Syrian warplanes again pounded the districts.",
                &[Trigger::AirStrike, Trigger::Bombardment],
            ),
            (
                "Rebel mortar fire hit several suburbs.",
                &[Trigger::Shelling],
            ),
            ("Clashes broke out south of the city.", &[Trigger::Clash]),
            ("The troops came under fire from gunmen.", &[Trigger::Clash]),
            (
                "Kurdish fighters battled militants street by street.",
                &[Trigger::Clash],
            ),
            (
                "Troops took the village of Bazwaya on Monday.",
                &[Trigger::Territory],
            ),
            (
                "Two suicide bombers blew themselves up in the market.",
                &[Trigger::SuicideBomb],
            ),
            (
                "Hundreds of people gathered in Umayyad Square.",
                &[Trigger::Protest],
            ),
            (
                "A ceasefire agreed on Tuesday between the ministry and Druze leaders.",
                &[Trigger::Agreement],
            ),
            (
                "Rebels launched an attack on regime positions.",
                &[Trigger::Clash],
            ),
            (
                "CTS troops announced the full liberation of Gogjali.",
                &[Trigger::Territory],
            ),
            (
                "Army units restored security and stability to the village.",
                &[Trigger::Territory],
            ),
            ("Rebels counter-attacked near the town.", &[Trigger::Clash]),
            (
                "Government forces seized ground from rebels.",
                &[Trigger::Territory],
            ),
            (
                "\"Handarat has fallen\", an official said.",
                &[Trigger::Territory],
            ),
            (
                "An aid convoy was attacked on Monday.",
                &[Trigger::AttackOnCivilians],
            ),
            // (Two words of one event: one trigger group downstream.)
            (
                "A car bomb exploded at a checkpoint.",
                &[Trigger::Explosive, Trigger::Explosive],
            ),
            (
                "A drone hit a car; unknown gunmen assassinated an official.",
                &[Trigger::AirStrike, Trigger::AttackOnCivilians],
            ),
            (
                "Fighters were bused to northern Syria.",
                &[Trigger::Evacuation],
            ),
            (
                "The ceasefire announced by the army.",
                &[Trigger::Agreement],
            ),
            (
                "US officials will meet tomorrow in Geneva.",
                &[Trigger::Diplomacy],
            ),
            (
                "Protesters rallied against the government.",
                &[Trigger::Protest, Trigger::Protest],
            ),
            (
                "Rebels repelled an attempt by troops to advance on the town.",
                &[Trigger::Clash],
            ),
            ("Riot police stood by; anti-riot units waited.", &[]),
            ("The weather was fine and the market busy.", &[]),
            ("An embattled leader.", &[]),
        ];
        for (sentence, expected) in cases {
            let found: Vec<Trigger> = find_triggers(sentence).iter().map(|h| h.value).collect();
            assert_eq!(found, *expected, "{sentence}");
        }
    }

    #[test]
    fn protest_cues_say_what_a_protest_met() {
        use ProtestCue as C;
        use SubEventType as S;
        // (sentence, cues, protesters counted dead, sub-event type)
        let cases: &[(&str, &[ProtestCue], bool, SubEventType)] = &[
            (
                "Thousands rallied in Idlib.",
                &[],
                false,
                S::PeacefulProtest,
            ),
            (
                "Police fired tear gas to disperse the crowd.",
                &[C::Intervention, C::Intervention],
                false,
                S::ProtestWithIntervention,
            ),
            (
                "Troops opened fire on protesters.",
                &[C::ExcessiveForce],
                false,
                S::ExcessiveForceAgainstProtesters,
            ),
            (
                "Five protesters were killed.",
                &[],
                true,
                S::ExcessiveForceAgainstProtesters,
            ),
            // Lethal force outranks dispersal.
            (
                "Police fired tear gas and then live ammunition.",
                &[C::Intervention, C::ExcessiveForce],
                false,
                S::ExcessiveForceAgainstProtesters,
            ),
            // The demonstrators' own violence outranks the force that met it.
            (
                "Protesters threw stones and police opened fire.",
                &[C::Violence, C::ExcessiveForce],
                false,
                S::ViolentDemonstration,
            ),
            (
                "Protesters clashed with security forces.",
                &[C::Violence],
                false,
                S::ViolentDemonstration,
            ),
            // Not a cue: a crowd dispersing of itself.
            (
                "The crowd dispersed peacefully.",
                &[],
                false,
                S::PeacefulProtest,
            ),
        ];
        for &(sentence, cues, killed, sub) in cases {
            let found: Vec<ProtestCue> = find_protest_cues(sentence)
                .iter()
                .map(|h| h.value)
                .collect();
            assert_eq!(found, cues, "{sentence}");
            assert_eq!(protest_sub_event_type(&found, killed), sub, "{sentence}");
        }
    }

    #[test]
    fn more_force_keeps_the_most_a_demonstration_met() {
        use SubEventType as S;
        let table = [
            (
                S::PeacefulProtest,
                S::ProtestWithIntervention,
                S::ProtestWithIntervention,
            ),
            (
                S::ExcessiveForceAgainstProtesters,
                S::ProtestWithIntervention,
                S::ExcessiveForceAgainstProtesters,
            ),
            (
                S::ViolentDemonstration,
                S::PeacefulProtest,
                S::ViolentDemonstration,
            ),
        ];
        for (a, b, want) in table {
            assert_eq!(more_force(a, b), want, "{a:?} {b:?}");
        }
        assert!(is_demonstration(S::ExcessiveForceAgainstProtesters));
        assert!(!is_demonstration(S::Attack));
    }

    #[test]
    fn bombardment_is_an_air_strike_only_with_aircraft() {
        assert_eq!(
            Trigger::Bombardment.sub_event_type(true, true),
            SubEventType::AirDroneStrike
        );
        assert_eq!(
            Trigger::Bombardment.sub_event_type(false, true),
            SubEventType::ShellingArtilleryMissileAttack
        );
        assert_eq!(
            Trigger::Territory.sub_event_type(false, false),
            SubEventType::NonStateActorOvertakesTerritory
        );
    }
    /// Whether `find` finds something in each sentence of `table`.
    fn check_finder(table: &[(&str, bool)], find: fn(&[Token]) -> Option<Hit<Trigger>>) {
        for (sentence, want) in table {
            let tokens = crate::extract::tokens::tokenize(sentence);
            assert_eq!(find(&tokens).is_some(), *want, "{sentence}");
        }
    }

    #[test]
    fn people_taken_by_force_are_abducted() {
        check_finder(
            &[
                (
                    "Twelve nuns have been taken from their convent in Maaloula.",
                    true,
                ),
                ("Two children were snatched from a school.", true),
                ("The wounded civilians were taken to hospital.", false),
                ("The town was taken by rebels on Monday.", false),
            ],
            find_people_taken,
        );
    }

    #[test]
    fn an_agreement_to_give_up_a_town_may_have_words_between() {
        check_finder(
            &[
                (
                    "Rebels agreed on Wednesday night to surrender the town.",
                    true,
                ),
                ("The SDF agreed to hand over villages west of Manbij.", true),
                ("The sides agreed to meet again next week.", false),
                ("Rebels refused to surrender.", false),
            ],
            find_agreement_to_give_up,
        );
    }

    /// A killing of civilians is found as a verb with a killer, or as a
    /// noun; a passive toll with no one who killed is not one.
    #[test]
    fn a_killing_of_civilians_needs_a_killer_or_a_noun() {
        use crate::extract::tokens::tokenize;
        // (sentence, the sentence names an armed side, the word found)
        let table: &[(&str, bool, Option<&str>)] = &[
            (
                "Gunmen killed 12 villagers in Kafr Nabudah.",
                false,
                Some("killed"),
            ),
            (
                "Soldiers shot a family of six at a checkpoint.",
                false,
                Some("shot"),
            ),
            (
                "Residents condemned the killing of 60 civilians.",
                false,
                Some("killing"),
            ),
            (
                "Government forces killed dozens of civilians.",
                true,
                Some("killed"),
            ),
            // No one who killed: a toll, not an event of its own.
            (
                "Twelve civilians were killed in Douma on Sunday.",
                false,
                None,
            ),
            ("The bodies of five men were found.", false, None),
            // Fighters killed are a battle's toll.
            ("Gunmen killed four soldiers at a checkpoint.", false, None),
            // Passive, though a killer is named; a war's toll.
            ("Five people were killed by gunmen.", false, None),
            (
                "The war, which has killed 300,000 people, goes on.",
                true,
                None,
            ),
        ];
        for (sentence, armed, want) in table {
            let got =
                find_civilian_killing(&tokenize(sentence), *armed).map(|h| &sentence[h.span()]);
            assert_eq!(got, *want, "{sentence}");
        }
    }
}
