//! `reentry check` (being built).

use super::CliResult;

/// Arguments of `reentry check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// Runs the subcommand.
pub fn run(_args: CheckArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry check' is not available in this build yet".into(),
    ))
}
