//! The one error type of the `shared` crate.

use thiserror::Error;

/// What can go wrong reading articles or event data. Every variant names the
/// input (file or article), and where it can, the line and the value.
#[derive(Debug, Error)]
pub enum Error {
    /// A JSONL line that is not a JSON object of the article schema.
    #[error("{file}:{line}: not a valid article: {message}")]
    BadJsonLine {
        file: String,
        line: usize,
        message: String,
    },
    /// A JSONL article object without a `text` field.
    #[error("{file}:{line}: article has no \"text\" field")]
    MissingText { file: String, line: usize },
    /// A date the reader could not read or that does not exist.
    #[error("{file}:{line}: unreadable date {value:?}; article kept as undated")]
    BadDate {
        file: String,
        line: usize,
        value: String,
    },
    /// Bytes that are not text.
    #[error("{file}: looks like a binary file (NUL byte at offset {offset}); skipped")]
    Binary { file: String, offset: usize },
    /// Bytes that are not UTF-8, decoded lossily.
    #[error("{file}: invalid UTF-8 at byte {offset}; decoded with replacement characters")]
    InvalidUtf8 { file: String, offset: usize },
    /// A stream that failed part-way (the rest of it is lost).
    #[error("{file}: cannot read past byte {offset}: {message}; the rest is lost")]
    Read {
        file: String,
        offset: usize,
        message: String,
    },
    /// Event data (GeoJSON) that does not follow RFC 7946 or our schema.
    #[error("{file}: {message}")]
    BadEvents { file: String, message: String },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Whether this problem lost input (a skipped file or line) rather than
    /// only warning about it (a repaired encoding, a date read as unknown).
    pub fn skips_input(&self) -> bool {
        matches!(
            self,
            Error::BadJsonLine { .. }
                | Error::MissingText { .. }
                | Error::Binary { .. }
                | Error::Read { .. }
                | Error::BadEvents { .. }
        )
    }
}
