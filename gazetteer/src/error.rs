//! The crate's one error type.

use thiserror::Error;

/// Everything that can go wrong reading sources or index files. Messages
/// name the file, the line and the offending value.
#[derive(Debug, Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A row of a source file could not be parsed.
    #[error("{file}:{line}: {message}: {value:?}")]
    Row {
        /// The file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
        /// The offending value.
        value: String,
    },
    /// A file's format was not recognised.
    #[error("{file}: unrecognised format (first line {first_line:?}); expected a GeoNames dump (19 tab-separated columns) or a Levant TSV (header starting wof_id)")]
    UnknownFormat {
        /// The file.
        file: String,
        /// Its first line, shortened.
        first_line: String,
    },
    /// An index file is not an index of this version.
    #[error("{file}: not a gazetteer index of version {expected} (found header {found:?})")]
    Version {
        /// The file (or "<bytes>").
        file: String,
        /// The version this build reads.
        expected: u32,
        /// What was found.
        found: String,
    },
    /// An index file's body could not be decoded.
    #[error("{file}: corrupt index: {message}")]
    Corrupt {
        /// The file (or "<bytes>").
        file: String,
        /// The decoder's message.
        message: String,
    },
    /// No source at all was found to build an index from.
    #[error("no gazetteer sources found (looked for {looked_for})")]
    NoSources {
        /// The paths tried.
        looked_for: String,
    },
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A problem in one row that was skipped, kept for the load report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What was wrong, with the value.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}
