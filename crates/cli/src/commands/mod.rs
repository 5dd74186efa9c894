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
    /// The one-line message for standard error. Control characters that came with the input
    /// (a newline or an escape sequence in a name, a file name or a cell) are shown escaped, so
    /// the message stays one line and cannot drive the terminal.
    pub fn message(&self) -> String {
        let text = match self {
            CliError::BadInput(m) => m.clone(),
            CliError::Internal(e) => {
                // Errors that already print their cause (`path: os error`) are not repeated.
                let mut text = e.to_string();
                for cause in e.chain().skip(1) {
                    let cause = cause.to_string();
                    if !text.contains(&cause) {
                        text = format!("{text}: {cause}");
                    }
                }
                format!("internal error: {text}")
            }
        };
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
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

/// Makes sure the output directory `dir` (given as `flag DIR`) exists and is a directory,
/// creating it and its parents; a path that cannot be one (an existing file, a file on the
/// way, no permission) is the user's input, reported before any work starts.
pub fn prepare_out_dir(flag: &str, dir: &std::path::Path) -> CliResult {
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::BadInput(format!(
            "{flag} {}: exists and is not a directory; give a directory for the output files",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::BadInput(format!(
            "{flag} {}: cannot create the directory: {e}; give a directory that can be created and written",
            dir.display()
        ))
    })
}
