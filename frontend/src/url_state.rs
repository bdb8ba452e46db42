//! Shareable state in the URL hash: `#from=2018-04-01&to=2018-04-30&unit=month
//! &cum=1&types=110111&actor=...&minf=5&q=...&sel=EVENT_ID&map=lon,lat,zoom`.
//! Every key is optional; what is missing takes its default.

use crate::dates;
use crate::model::{Filters, TimeWindow, Unit, View};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    pub window: Option<TimeWindow>,
    pub filters: Filters,
    pub selected: Option<String>,
    pub view: Option<View>,
}

impl UrlState {
    /// Reads a hash (with or without its leading `#`). Bad values are ignored.
    pub fn parse(hash: &str) -> UrlState {
        let mut state = UrlState::default();
        let (mut from, mut to, mut unit, mut cum) = (None, None, Unit::Range, false);
        for pair in hash.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "from" => from = dates::parse_day(&value),
                "to" => to = dates::parse_day(&value),
                "unit" => unit = Unit::from_key(&value).unwrap_or(Unit::Range),
                "cum" => cum = value == "1",
                "types" if value.len() == 6 && value.bytes().all(|b| b == b'0' || b == b'1') => {
                    for (slot, b) in state.filters.types.iter_mut().zip(value.bytes()) {
                        *slot = b == b'1';
                    }
                }
                "actor" => state.filters.actor = value,
                "minf" => state.filters.min_fatalities = value.parse().unwrap_or(0),
                "q" => state.filters.text = value,
                "bg" => state.filters.background = value == "1",
                "sel" if !value.is_empty() => state.selected = Some(value),
                "map" => {
                    let parts: Vec<f64> = value.split(',').filter_map(|p| p.parse().ok()).collect();
                    if let [lon, lat, zoom] = parts[..] {
                        if (-180.0..=180.0).contains(&lon)
                            && (-90.0..=90.0).contains(&lat)
                            && (0.0..=24.0).contains(&zoom)
                        {
                            state.view = Some(View { lon, lat, zoom });
                        }
                    }
                }
                _ => {}
            }
        }
        if let (Some(start), Some(end)) = (from, to) {
            if start <= end {
                state.window = Some(TimeWindow {
                    start,
                    end,
                    unit,
                    cumulative: cum,
                });
            }
        }
        state
    }

    /// Writes the hash (without `#`); defaults are left out.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        if let Some(w) = &self.window {
            parts.push(format!("from={}", dates::iso(w.start)));
            parts.push(format!("to={}", dates::iso(w.end)));
            parts.push(format!("unit={}", w.unit.key()));
            if w.cumulative {
                parts.push("cum=1".into());
            }
        }
        let f = &self.filters;
        if f.types != [true; 6] {
            parts.push(format!(
                "types={}",
                f.types
                    .iter()
                    .map(|t| if *t { '1' } else { '0' })
                    .collect::<String>()
            ));
        }
        if !f.actor.is_empty() {
            parts.push(format!("actor={}", encode(&f.actor)));
        }
        if f.min_fatalities > 0 {
            parts.push(format!("minf={}", f.min_fatalities));
        }
        if !f.text.is_empty() {
            parts.push(format!("q={}", encode(&f.text)));
        }
        if f.background {
            parts.push("bg=1".to_string());
        }
        if let Some(sel) = &self.selected {
            parts.push(format!("sel={}", encode(sel)));
        }
        if let Some(v) = &self.view {
            parts.push(format!("map={:.4},{:.4},{:.2}", v.lon, v.lat, v.zoom));
        }
        parts.join("&")
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (and `+` as space); invalid sequences stay as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let d = |s| dates::parse_day(s).unwrap();
        let state = UrlState {
            window: Some(TimeWindow {
                start: d("2018-04-01"),
                end: d("2018-04-30"),
                unit: Unit::Month,
                cumulative: true,
            }),
            filters: Filters {
                types: [true, false, true, true, true, true],
                actor: "Jaish al-Islam".into(),
                min_fatalities: 5,
                text: "Douma & Harasta=?".into(),
                background: true,
            },
            selected: Some("ev/1 #2".into()),
            view: Some(View {
                lon: 36.5,
                lat: 33.5,
                zoom: 8.25,
            }),
        };
        let hash = state.to_hash();
        assert_eq!(UrlState::parse(&format!("#{hash}")), state);
        assert_eq!(UrlState::parse(""), UrlState::default());
    }

    #[test]
    fn bad_values_are_ignored() {
        let s = UrlState::parse("from=2018-13-01&to=2018-04-01&map=500,1,2&types=12&minf=x&%zz");
        assert_eq!(s, UrlState::default());
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%E2%80%93"), "–");
    }
}
