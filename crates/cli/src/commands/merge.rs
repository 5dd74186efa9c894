//! `reentry merge DIR... --out DIR`: merge shard run directories into the run directory of the
//! unsharded run (DESIGN.md §4; rows in sample order, statistics recomputed from the merged
//! rows, `wall_time_s` the sum over shards).

use std::path::PathBuf;

use reentry_scenario::output::merge::{MergeError, merge};

use super::run::{draw_plots, print_summary, simd_text, version_text};
use super::{CliError, CliResult};

/// Arguments of `reentry merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shard directories (one per shard, each written by `reentry run --shard I/N`).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// The merged run directory.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Do not draw the plots.
    #[arg(long)]
    pub no_plots: bool,
    /// Print nothing on success.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs the subcommand.
pub fn run(args: MergeArgs) -> CliResult {
    let created = !args.out.exists();
    super::prepare_out_dir("--out", &args.out)?;
    let merged = merge(
        &args.dirs,
        &args.out,
        reentry_physics::earth::land::is_land,
        &version_text(),
        &simd_text(),
    )
    .map_err(|e| {
        if created {
            // Only if still empty: a failed merge leaves nothing behind it did not find.
            let _ = std::fs::remove_dir(&args.out);
        }
        match e {
            MergeError::Output(e) => CliError::Internal(anyhow::Error::new(e)),
            other => CliError::BadInput(other.to_string()),
        }
    })?;
    draw_plots(&args.out, args.no_plots, args.quiet);
    if !args.quiet {
        print_summary(&merged.info, &merged.statistics, &args.out);
    }
    Ok(())
}
