//! eventmap's gazetteer: every place in Syria, spelled the way the press
//! spells it.
//!
//! Architecture, one concern per module:
//!
//! * [`place`]: the [`Place`] record and [`PlaceKind`].
//! * [`normalize`]: name normalisation for Arabic transliteration (the part
//!   that matters most): *Maaret al-Numan* = *Ma'arrat an-Nu'man*.
//! * [`sources`]: parsers for the layers (GeoNames dumps, the Levant WOF TSV,
//!   our curated TSV, GeoNames admin tables). Bad rows become [`Warning`]s.
//! * [`index`]: the [`Builder`] that merges layers and the built
//!   [`Gazetteer`] with its compact byte form (places decoded lazily).
//! * [`matcher`]: one pass over a normalised text finding every name (an
//!   aho-corasick automaton over word codes for names of three words or
//!   more, entered where a filter of their first two words passes; a hash
//!   table of word pairs for names of two; a vocabulary lookup for
//!   one-word names), spans mapped back to the original text.
//! * `load` (feature `fs`): source discovery, caching, `load_or_build`, and
//!   the body of `eventmap gazetteer build`.
//!
//! Deciding *which* Douma a text means is the geocoder's job
//! (`shared::geocode`); this crate finds names and candidates.
//!
//! ```
//! use gazetteer::{Builder, Gazetteer};
//!
//! // The curated layer is embedded; real builds add GeoNames and WOF layers.
//! let mut b = Builder::new();
//! b.add_curated(gazetteer::sources::curated::CURATED_TSV, "curated.tsv").unwrap();
//! let g: Gazetteer = Gazetteer::from_bytes(&b.build().to_bytes(), "mem").unwrap();
//!
//! let text = "Shelling hit Masakin Hanano and the Eastern Ghouta.";
//! let found: Vec<&str> = g.find_names(text).iter().map(|m| &text[m.span.clone()]).collect();
//! // Every key is found: "the" folds as Qamishli's Tayy district does;
//! // telling words from places is the geocoder's job (`shared::geocode`).
//! assert_eq!(found, ["Masakin Hanano", "the", "Eastern Ghouta"]);
//! let m = &g.find_names(text)[0];
//! let place = g.place(g.named(m.key_id).next().unwrap().place);
//! assert_eq!(place.id, "curated:masaken-hanano");
//! ```

pub mod error;
pub mod index;
#[cfg(feature = "fs")]
pub mod load;
pub mod matcher;
mod memo;
pub mod normalize;
pub mod place;
pub mod sources;

pub use error::{Error, Result, Warning};
pub use index::{Builder, Gazetteer};
pub use place::{Place, PlaceKind};

/// Attribution for the place data, to show wherever results are shown.
pub const ATTRIBUTION: &str = "Place data: Who's On First (https://whosonfirst.org/docs/licenses/), \
GeoNames (CC BY 4.0, https://www.geonames.org/), curated eventmap places (sources per row in gazetteer/curated.tsv).";
