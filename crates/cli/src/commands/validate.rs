//! `reentry validate`: runs the built-in validation cases and prints one table (case,
//! quantity, expected, computed, error, tolerance, pass). Exit code 0 when every case passes
//! (rows marked `known` are documented model-versus-observation discrepancies and are shown,
//! not failed), 1 when any fails.

use std::path::PathBuf;

use anyhow::Context as _;

use super::CliResult;
use crate::validation::{self, ValidationOptions};

/// Arguments of `reentry validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Also write the table to DIR/validation.md (markdown) and DIR/validation.txt.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the table as markdown instead of aligned text.
    #[arg(long)]
    pub markdown: bool,
    /// Monte Carlo samples of the flagship scenario for the observed-range cases.
    #[arg(long, value_name = "N", default_value_t = validation::DEFAULT_PROGRESS_SAMPLES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub progress_samples: u64,
}

/// Runs the subcommand.
pub fn run(args: ValidateArgs) -> CliResult {
    if let Some(dir) = &args.out {
        // Before the cases run (minutes), not after.
        super::prepare_out_dir("--out", dir)?;
    }
    let options = ValidationOptions {
        progress_samples: args.progress_samples,
    };
    let rows = validation::run_all(&options);
    let text = validation::format_table(&rows);
    let markdown = validation::format_markdown(&rows);
    if args.markdown {
        print!("{markdown}");
    } else {
        print!("{text}");
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
        for (name, content) in [("validation.md", &markdown), ("validation.txt", &text)] {
            let path = dir.join(name);
            std::fs::write(&path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    let failed = rows
        .iter()
        .filter(|r| r.status() == validation::Status::Fail)
        .count();
    if failed > 0 {
        // A failing case is neither bad input (2) nor a crash: report it and exit 1 (DESIGN.md
        // §4 reserves 1 for "not successful" beyond bad input).
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        eprintln!(
            "reentry: {failed} of {} validation cases fail (rows marked NO)",
            rows.len()
        );
        std::process::exit(1);
    }
    Ok(())
}
