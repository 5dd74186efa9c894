//! `reentry validate` (being built).

use super::CliResult;

/// Arguments of `reentry validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {}

/// Runs the subcommand.
pub fn run(_args: ValidateArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry validate' is not available in this build yet".into(),
    ))
}
