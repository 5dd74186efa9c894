//! Run-directory writers and readers: `fragments.csv`, `trajectory.csv`, `summary.json`
//! (DESIGN.md §5, Contract), written atomically.
//!
//! - [`run_directory::RunDirectory`]: files are written under temporary names inside the output
//!   directory and renamed into place by [`run_directory::RunDirectory::commit`], `summary.json`
//!   last; a run that fails or is interrupted leaves no `summary.json`.
//! - [`fragments`]: the `fragments.csv` header, row writer and a streaming reader (for merge).
//! - [`trajectory`]: `trajectory.csv` of the nominal sample.
//! - [`merge`]: shard directories → one run directory, checked for consistency.
//! - [`summary`]: `summary.json` from [`reentry_montecarlo::RunStatistics`] and the run's
//!   identity, and the reader merge uses to check shards against each other.
//!
//! Numbers are written with Rust's `{}` formatting of `f64` (shortest text that reads back to
//! the same bits), so a CSV written, read and written again is byte-identical.

pub mod fragments;
pub mod merge;
pub mod run_directory;
pub mod summary;
pub mod trajectory;

use std::path::PathBuf;

/// A run-directory file could not be written or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file does not have the expected content.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when the whole file is concerned).
        line: u64,
        /// What is wrong and what was expected.
        message: String,
    },
}

impl OutputError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> OutputError {
        OutputError::Io {
            path: path.into(),
            source,
        }
    }
}

/// `{}` of an optional number; empty when absent or not finite-or-infinite (NaN).
pub(crate) fn cell(value: Option<f64>) -> String {
    match value {
        Some(v) if !v.is_nan() => format!("{v}"),
        _ => String::new(),
    }
}

/// A text cell, quoted (RFC 4180) only if it contains a comma, a quote or a line break.
pub(crate) fn text_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Splits one CSV line into cells (RFC 4180 quotes).
pub(crate) fn split_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if current.is_empty() => quoted = true,
            (',', false) => cells.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    cells.push(current);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip() {
        let texts = ["plain", "with,comma", "with \"quote\"", ""];
        let line = texts
            .iter()
            .map(|t| text_cell(t))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(split_cells(&line), texts);
        assert_eq!(cell(Some(0.1)), "0.1");
        assert_eq!(cell(None), "");
        assert_eq!(cell(Some(f64::NAN)), "");
    }
}
