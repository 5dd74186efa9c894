//! `reentry run` (being built).

use super::CliResult;

/// Arguments of `reentry run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {}

/// Runs the subcommand.
pub fn run(_args: RunArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry run' is not available in this build yet".into(),
    ))
}
