//! The `reentry` command-line tool (DESIGN.md §4, Contract).
//!
//! Exit codes: 0 success, 2 bad input (one message naming the file, the key and what is
//! allowed), 1 internal failure.

mod commands;
mod validation;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Destructive re-entry solver: trajectories, break-up, demise, footprint and casualty risk.
#[derive(Debug, Parser)]
#[command(name = "reentry", version = commands::version::VERSION_LINE.as_str(), about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario (Monte Carlo if it has [monte_carlo]) and write a run directory.
    Run(commands::run::RunArgs),
    /// Validate a scenario and print what would run.
    Check(commands::check::CheckArgs),
    /// Evaluate an atmosphere model at the points of a CSV file.
    Atmosphere(commands::atmosphere::AtmosphereArgs),
    /// Merge shard run directories into one.
    Merge(commands::merge::MergeArgs),
    /// (Re)draw the plots of a run directory.
    Plot(commands::plot::PlotArgs),
    /// Run the built-in validation cases and print a table.
    Validate(commands::validate::ValidateArgs),
}

fn main() -> ExitCode {
    if let Err(message) = reentry_lanes::simd_level::check_cpu_supports_build() {
        eprintln!("reentry: {message}");
        return ExitCode::from(1);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => commands::run::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Atmosphere(args) => commands::atmosphere::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Plot(args) => commands::plot::run(args),
        Command::Validate(args) => commands::validate::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reentry: {}", error.message());
            ExitCode::from(error.exit_code())
        }
    }
}
