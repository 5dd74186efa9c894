//! One module per subcommand; [`CliError`] carries the exit code.

pub mod atmosphere;
pub mod check;
pub mod merge;
pub mod plot;
pub mod run;
pub mod validate;
pub mod version;

/// A failed command: bad input (exit 2) or an internal failure (exit 1).
#[derive(Debug)]
pub enum CliError {
    /// The user's input is wrong: the message names the file, the key and what is allowed.
    BadInput(String),
    /// Something failed that is not the user's fault.
    Internal(anyhow::Error),
}

impl CliError {
    /// The one-line (or few-line) message for standard error.
    pub fn message(&self) -> String {
        match self {
            CliError::BadInput(m) => m.clone(),
            CliError::Internal(e) => format!("internal error: {e:#}"),
        }
    }

    /// Process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::BadInput(_) => 2,
            CliError::Internal(_) => 1,
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> Self {
        CliError::Internal(e)
    }
}

/// Result of a subcommand.
pub type CliResult = Result<(), CliError>;
