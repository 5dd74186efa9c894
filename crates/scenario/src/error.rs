//! Errors of scenario loading: one message naming the file, line:column, key, value and what is
//! allowed (`<file>:<line>:<col>: <key>: <what is wrong>; allowed: <range with unit>`).

use std::fmt;
use std::path::PathBuf;

/// Where in a scenario file something is: the file, and the 1-based line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The scenario file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location without line information (the whole file).
    pub fn file(file: impl Into<PathBuf>) -> Location {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// The location of byte `offset` of `text`, the contents of `file`.
    pub fn at_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Renders the optional item a key belongs to, e.g. ` (fragment "ktdu-tank")`.
fn item_suffix(item: &Option<String>) -> String {
    item.as_ref()
        .map_or_else(String::new, |i| format!(" ({i})"))
}

/// Renders an optional key before a message: `vehicle.mass_kg: `.
fn key_prefix(key: &Option<String>) -> String {
    key.as_ref().map_or_else(String::new, |k| format!("{k}: "))
}

/// Renders a value as written in the file, but in exponent form when the plain form is long
/// (`1e308`, not 309 digits).
fn value_text(value: &f64) -> String {
    let plain = value.to_string();
    if plain.len() > 24 {
        format!("{value:e}")
    } else {
        plain
    }
}

/// Renders a unit after a value: ` kg`, or nothing for a dimensionless key.
fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}

/// A scenario file that cannot be turned into a valid [`crate::Scenario`].
///
/// `Display` is one line: `<file>:<line>:<col>: <key>: <what is wrong>; allowed: <what is>`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file cannot be read (missing, a directory, no permission, not UTF-8).
    #[error("{}: cannot read the scenario file: {source}; allowed: a readable UTF-8 TOML file", .file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Why it cannot be read.
        #[source]
        source: std::io::Error,
    },
    /// The file holds no TOML key at all (empty, blank or only comments).
    #[error(
        "{}: the scenario file is empty; allowed: a TOML scenario with [scenario], one [initial.*] table and a [vehicle] or [[fragment]] (docs/scenario-reference.md)",
        .file.display()
    )]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// The text is not valid TOML.
    #[error("{location}: {}TOML syntax error: {message}; allowed: TOML 1.0 syntax (each key once per table)", key_prefix(.key))]
    Syntax {
        /// Where the parser stopped.
        location: Location,
        /// The dotted key on that line, when there is one.
        key: Option<String>,
        /// The parser's description.
        message: String,
    },
    /// A key that the schema does not know (often a typo or a key in the wrong table).
    #[error("{location}: {key}{}: unknown key; allowed: {allowed}", item_suffix(.item))]
    UnknownKey {
        /// Where the key is.
        location: Location,
        /// Dotted key path, e.g. `vehicle.mass`.
        key: String,
        /// The array element it belongs to, e.g. `fragment "ktdu-tank"`.
        item: Option<String>,
        /// The keys this table accepts.
        allowed: String,
    },
    /// A value of the wrong TOML type (e.g. a string where a number is expected).
    #[error("{location}: {key}{}: wrong type: {found}; allowed: {allowed}", item_suffix(.item))]
    WrongType {
        /// Where the value is.
        location: Location,
        /// Dotted key path.
        key: String,
        /// The array element it belongs to.
        item: Option<String>,
        /// What was found, as the TOML parser describes it.
        found: String,
        /// The type, unit and range expected.
        allowed: String,
    },
    /// A required key (or table) is absent.
    #[error("{location}: {key}{}: missing; allowed: {allowed}", item_suffix(.item))]
    MissingKey {
        /// Where it was expected (the enclosing table).
        location: Location,
        /// Dotted key path.
        key: String,
        /// The array element it belongs to.
        item: Option<String>,
        /// What it must be.
        allowed: String,
    },
    /// A number outside its allowed range (or not finite).
    #[error("{location}: {key}{}: {}{} is out of range; allowed: {allowed}", item_suffix(.item), value_text(.value), unit_suffix(.unit))]
    OutOfRange {
        /// Where the value is.
        location: Location,
        /// Dotted key path.
        key: String,
        /// The array element it belongs to.
        item: Option<String>,
        /// The value as written (in the key's unit).
        value: f64,
        /// The key's unit (as in its name, e.g. `kg`, `km`, `deg`), or empty.
        unit: &'static str,
        /// The allowed range with its unit.
        allowed: String,
    },
    /// A value that is not acceptable for another reason (unknown name, broken reference, cycle,
    /// bad checksum, inconsistent with another key).
    #[error("{location}: {key}{}: {problem}; allowed: {allowed}", item_suffix(.item))]
    Invalid {
        /// Where the value is.
        location: Location,
        /// Dotted key path.
        key: String,
        /// The array element it belongs to.
        item: Option<String>,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        problem: String,
        /// What would be accepted.
        allowed: String,
    },
}

impl ScenarioError {
    /// The location of the error (file, and line:column when known).
    pub fn location(&self) -> Location {
        match self {
            ScenarioError::Unreadable { file, .. } | ScenarioError::Empty { file } => {
                Location::file(file.clone())
            }
            ScenarioError::Syntax { location, .. }
            | ScenarioError::UnknownKey { location, .. }
            | ScenarioError::WrongType { location, .. }
            | ScenarioError::MissingKey { location, .. }
            | ScenarioError::OutOfRange { location, .. }
            | ScenarioError::Invalid { location, .. } => location.clone(),
        }
    }

    /// The dotted key the error is about, if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            ScenarioError::Unreadable { .. } | ScenarioError::Empty { .. } => None,
            ScenarioError::Syntax { key, .. } => key.as_deref(),
            ScenarioError::UnknownKey { key, .. }
            | ScenarioError::WrongType { key, .. }
            | ScenarioError::MissingKey { key, .. }
            | ScenarioError::OutOfRange { key, .. }
            | ScenarioError::Invalid { key, .. } => Some(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters_from_one() {
        let text = "a = 1\nbé = 2\n";
        let at = Location::at_offset("f.toml", text, text.find('=').unwrap_or(0));
        assert_eq!((at.line, at.column), (Some(1), Some(3)));
        let second = text.rfind('=').unwrap_or(0);
        let at = Location::at_offset("f.toml", text, second);
        assert_eq!((at.line, at.column), (Some(2), Some(4)));
        assert_eq!(at.to_string(), "f.toml:2:4");
        assert_eq!(Location::file("f.toml").to_string(), "f.toml");
    }
}
