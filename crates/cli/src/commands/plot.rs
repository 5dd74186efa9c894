//! `reentry plot DIR`: (re)draws the plots of a run directory (DESIGN.md §4, §5).
//!
//! Prints the files written, one a line; plots that cannot be drawn from the directory (a shard
//! has no `trajectory.csv`) are named on standard error. Exit 2 when DIR is not a run directory
//! or one of its files is malformed (the message names the file, the line and the column).

use std::path::PathBuf;

use reentry_plot::PlotError;

use super::{CliError, CliResult};

/// Arguments of `reentry plot`.
#[derive(Debug, clap::Args)]
pub struct PlotArgs {
    /// The run directory written by `reentry run` (or `reentry merge`).
    pub dir: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: PlotArgs) -> CliResult {
    let report = reentry_plot::draw_run_directory_report(&args.dir).map_err(classify)?;
    for path in &report.written {
        println!("{}", path.display());
    }
    for skipped in &report.skipped {
        eprintln!("reentry: warning: not drawn: {skipped}");
    }
    Ok(())
}

/// A missing or malformed run directory is the user's input (exit 2); a failure to write or
/// draw is internal (exit 1).
fn classify(error: PlotError) -> CliError {
    match error {
        PlotError::NotADirectory { .. }
        | PlotError::MissingFile { .. }
        | PlotError::MissingColumn { .. }
        | PlotError::BadCell { .. }
        | PlotError::BadJson { .. } => CliError::BadInput(error.to_string()),
        // A run file that is not text (not UTF-8) is malformed input, not a failure to read.
        PlotError::Io { ref source, .. } if source.kind() == std::io::ErrorKind::InvalidData => {
            CliError::BadInput(error.to_string())
        }
        other => CliError::Internal(anyhow::Error::new(other).context("drawing the plots")),
    }
}
