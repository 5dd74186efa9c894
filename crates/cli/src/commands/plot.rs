//! `reentry plot` (being built).

use super::CliResult;

/// Arguments of `reentry plot`.
#[derive(Debug, clap::Args)]
pub struct PlotArgs {}

/// Runs the subcommand.
pub fn run(_args: PlotArgs) -> CliResult {
    Err(super::CliError::BadInput(
        "'reentry plot' is not available in this build yet".into(),
    ))
}
