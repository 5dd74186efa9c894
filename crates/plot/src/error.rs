//! [`PlotError`]: what went wrong, naming the file.

use std::path::PathBuf;

/// A run directory that cannot be read or a plot that cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlotError {
    /// The run directory does not exist or is not a directory.
    #[error("{path}: not a run directory (no such directory)")]
    NotADirectory {
        /// The path given.
        path: PathBuf,
    },
    /// A file every run directory holds is missing.
    #[error("{path}: missing; a run directory written by `reentry run` holds {expected}")]
    MissingFile {
        /// The missing file.
        path: PathBuf,
        /// What a run directory holds.
        expected: &'static str,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
    /// A CSV file lacks a column.
    #[error("{path}: missing column `{column}` in the header line")]
    MissingColumn {
        /// The CSV file.
        path: PathBuf,
        /// The column name.
        column: &'static str,
    },
    /// A CSV cell does not hold what its column needs.
    #[error("{path}:{line}: column `{column}` = {value:?}: expected {expected}")]
    BadCell {
        /// The CSV file.
        path: PathBuf,
        /// Line number, 1-based (the header is line 1).
        line: usize,
        /// The column name.
        column: &'static str,
        /// The cell as written.
        value: String,
        /// What the column accepts.
        expected: &'static str,
    },
    /// `summary.json` is not JSON, or a key holds the wrong kind of value.
    #[error("{path}: {message}")]
    BadJson {
        /// The JSON file.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },
    /// The plotting library failed while drawing a file.
    #[error("{path}: cannot draw: {message}")]
    Draw {
        /// The picture being drawn.
        path: PathBuf,
        /// The drawing library's message.
        message: String,
    },
}
