//! `reentry merge` (being built).

use super::CliResult;

/// Arguments of `reentry merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {}

/// Runs the subcommand.
pub fn run(_args: MergeArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry merge' is not available in this build yet".into(),
    ))
}
