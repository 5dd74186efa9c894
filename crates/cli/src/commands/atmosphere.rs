//! `reentry atmosphere` (being built).

use super::CliResult;

/// Arguments of `reentry atmosphere`.
#[derive(Debug, clap::Args)]
pub struct AtmosphereArgs {}

/// Runs the subcommand.
pub fn run(_args: AtmosphereArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry atmosphere' is not available in this build yet".into(),
    ))
}
