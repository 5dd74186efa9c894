//! `reentry run SCENARIO.toml [--out DIR] [--samples N] [--seed S] [--threads N]
//! [--shard I/N | --shard-count N] [--kernel lanes|reference] [--no-plots] [--quiet]`
//! (DESIGN.md §4, Contract).
//!
//! Loads and validates the scenario, runs the samples of this shard
//! ([`reentry_montecarlo::run`]), streams `fragments.csv` (and the nominal `trajectory.csv`) into
//! a [`RunDirectory`] and commits it with `summary.json` last, then draws the plots.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use reentry_montecarlo::population::{initial_inclination_rad, orbit_average_density_per_km2};
use reentry_montecarlo::{
    FragmentRow, LonLatPolygon, RiskContext, RunPlan, RunSink, RunStatistics, Shard,
};
use reentry_scenario::output::run_directory::{
    self, FRAGMENTS_FILE, RunDirectory, TRAJECTORY_FILE,
};
use reentry_scenario::output::summary::{self, RunInfo};
use reentry_scenario::output::{fragments, trajectory};
use reentry_solver::{Fate, Kernel, Problem, TrajectoryPoint};

use super::{CliError, CliResult};

/// Trajectory kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KernelArg {
    /// SIMD batches (production path).
    Lanes,
    /// Plain f64, one trajectory at a time (slow; for checks).
    Reference,
}

/// Arguments of `reentry run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Output directory (default: out/<scenario name>, or out/<name>.shard-I-of-N for a shard).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Number of Monte Carlo samples (overrides [monte_carlo] samples; sample 0 is nominal).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub samples: Option<u64>,
    /// Seed of the random streams (overrides [monte_carlo] seed).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Run only the samples i with i mod N = I (0 <= I < N); merge the N directories with
    /// `reentry merge`.
    #[arg(long, value_name = "I/N", conflicts_with = "shard_count")]
    pub shard: Option<String>,
    /// Number of shards when the shard index comes from the scheduler (JOB_COMPLETION_INDEX,
    /// AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub shard_count: Option<u64>,
    /// Trajectory kernel.
    #[arg(long, value_enum, default_value = "lanes")]
    pub kernel: KernelArg,
    /// Do not draw the plots.
    #[arg(long)]
    pub no_plots: bool,
    /// No progress bar and no summary on the terminal.
    #[arg(long)]
    pub quiet: bool,
}

/// The version written into `summary.json` (shards must agree on it to be merged).
pub fn version_text() -> String {
    format!(
        "{} (commit {})",
        env!("CARGO_PKG_VERSION"),
        option_env!("REENTRY_GIT_COMMIT").unwrap_or("unknown")
    )
}

/// The SIMD level compiled in.
pub fn simd_text() -> String {
    reentry_lanes::simd_level::compiled().name().to_string()
}

fn parse_env_u64(name: &str, text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| format!("environment variable {name}='{text}' is not a non-negative integer"))
}

/// The shard of this process: `--shard I/N`, else the scheduler's array index
/// (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` with `SLURM_ARRAY_TASK_COUNT` or
/// `--shard-count`; `JOB_COMPLETION_INDEX` or `AWS_BATCH_JOB_ARRAY_INDEX` with `--shard-count`),
/// else the whole run (`None`). `env` looks up an environment variable.
pub fn resolve_shard(
    shard: Option<&str>,
    shard_count: Option<u64>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, String> {
    if let Some(text) = shard {
        return summary::parse_shard(text).map(Some).ok_or_else(|| {
            format!(
                "--shard {text}: expected I/N with integers 0 <= I < N (e.g. --shard 0/4 .. --shard 3/4)"
            )
        });
    }
    if shard_count == Some(0) {
        return Err("--shard-count 0: the number of shards must be at least 1".into());
    }
    let build = |index: u64, count: u64, source: &str| -> Result<Option<Shard>, String> {
        if index < count {
            Ok(Some(Shard { index, count }))
        } else {
            Err(format!(
                "{source} gives shard index {index}, but there are {count} shards (allowed 0..{})",
                count - 1
            ))
        }
    };
    if let Some(id) = env("SLURM_ARRAY_TASK_ID") {
        let id = parse_env_u64("SLURM_ARRAY_TASK_ID", &id)?;
        let min = match env("SLURM_ARRAY_TASK_MIN") {
            Some(m) => parse_env_u64("SLURM_ARRAY_TASK_MIN", &m)?,
            None => 0,
        };
        let count = match (shard_count, env("SLURM_ARRAY_TASK_COUNT")) {
            (Some(n), _) => n,
            (None, Some(c)) => parse_env_u64("SLURM_ARRAY_TASK_COUNT", &c)?,
            (None, None) => {
                return Err("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard-count N".into());
            }
        };
        if count == 0 {
            return Err("SLURM_ARRAY_TASK_COUNT=0: the number of shards must be at least 1".into());
        }
        let index = id.checked_sub(min).ok_or_else(|| {
            format!("SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={min}")
        })?;
        return build(index, count, "SLURM_ARRAY_TASK_ID");
    }
    for name in ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
        if let Some(text) = env(name) {
            let index = parse_env_u64(name, &text)?;
            let Some(count) = shard_count else {
                return Err(format!(
                    "{name} is set (an array job): give --shard-count N so each task runs its share, or --shard I/N"
                ));
            };
            return build(index, count, name);
        }
    }
    match shard_count {
        Some(n) => Err(format!(
            "--shard-count {n} needs the shard index from the scheduler (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX), and none is set; use --shard I/{n} to pick one"
        )),
        None => Ok(None),
    }
}

/// Writes rows and the nominal trajectory as the driver delivers them.
struct FileSink<'a> {
    problem: &'a Problem,
    fragments: BufWriter<std::fs::File>,
    fragments_path: PathBuf,
    trajectory: Option<BufWriter<std::fs::File>>,
    trajectory_path: PathBuf,
    progress: Option<indicatif::ProgressBar>,
}

impl RunSink for FileSink<'_> {
    fn trajectory(&mut self, points: &[TrajectoryPoint]) -> std::io::Result<()> {
        match self.trajectory.as_mut() {
            Some(out) => trajectory::write(out, self.problem, points),
            None => Ok(()),
        }
        .map_err(|e| {
            std::io::Error::new(e.kind(), format!("{}: {e}", self.trajectory_path.display()))
        })
    }

    fn sample_rows(&mut self, rows: &[FragmentRow]) -> std::io::Result<()> {
        fragments::write_rows(&mut self.fragments, rows).map_err(|e| {
            std::io::Error::new(e.kind(), format!("{}: {e}", self.fragments_path.display()))
        })
    }

    fn progress(&mut self, done: u64, total: u64) {
        if let Some(bar) = &self.progress {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

fn progress_bar(total: u64, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {pos}/{len} samples [{elapsed_precise} < {eta_precise}] {wide_bar}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

fn default_out(name: &str, shard: Option<Shard>) -> PathBuf {
    let base = Path::new("out");
    match shard {
        Some(s) => base.join(format!("{name}.shard-{}-of-{}", s.index, s.count)),
        None => base.join(name),
    }
}

/// Most worker threads a run starts. Each is an operating-system thread with its own stack; tens
/// of thousands take minutes to start and gain nothing on any machine that exists.
const MAX_THREADS: usize = 1024;

/// How many of the heaviest survivors the printed summary names (all of them are in
/// `summary.json`).
const HEAVIEST_SURVIVORS_PRINTED: usize = 4;

/// Runs the subcommand.
pub fn run(args: RunArgs) -> CliResult {
    let shard = resolve_shard(args.shard.as_deref(), args.shard_count, |k| {
        std::env::var(k).ok()
    })
    .map_err(CliError::BadInput)?;
    if let Some(n) = args.threads
        && !(1..=MAX_THREADS).contains(&n)
    {
        return Err(CliError::BadInput(format!(
            "--threads {n}: allowed: 1 to {MAX_THREADS} (one per core is the default)"
        )));
    }
    if args.samples == Some(0) {
        return Err(CliError::BadInput(
            "--samples 0: a run has at least 1 sample (sample 0 is the nominal run)".into(),
        ));
    }
    if let Some(n) = args.samples {
        let key = "monte_carlo.samples";
        if !reentry_scenario::keys::spec(key).is_some_and(|spec| spec.contains(n as f64)) {
            return Err(CliError::BadInput(format!(
                "--samples {n}: too many samples; allowed: {} (as [monte_carlo] samples)",
                reentry_scenario::keys::allowed(key)
            )));
        }
    }
    let scenario =
        reentry_scenario::load(&args.scenario).map_err(|e| CliError::BadInput(e.to_string()))?;
    let samples = args.samples.unwrap_or(scenario.monte_carlo.samples).max(1);
    let seed = args.seed.unwrap_or(scenario.monte_carlo.seed);
    let kernel = match args.kernel {
        KernelArg::Lanes => Kernel::Lanes,
        KernelArg::Reference => Kernel::Reference,
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&scenario.name, shard));
    let problem = &scenario.problem;
    let plan = RunPlan {
        samples,
        seed,
        shard: shard.unwrap_or(Shard::WHOLE),
        kernel,
        threads: args.threads,
        samples_per_chunk: RunPlan::DEFAULT_SAMPLES_PER_CHUNK,
        trajectory_step_s: scenario.trajectory_step_s,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let plan = RunPlan {
        samples_per_chunk: RunPlan::samples_per_chunk_for(
            plan.shard.samples(samples).count() as u64,
            threads,
        ),
        ..plan
    };
    let orbit_average_density_per_km2 = if scenario.uncontrolled {
        initial_inclination_rad(problem).map(orbit_average_density_per_km2)
    } else {
        None
    };
    let context = RiskContext {
        target_zone: scenario.target_zone_deg.as_deref().map(LonLatPolygon::new),
        is_land: reentry_physics::earth::land::is_land,
        orbit_average_density_per_km2,
    };
    let mut materials: Vec<(String, f64)> = problem
        .fragments
        .iter()
        .map(|f| (f.material.id.clone(), f.material.melt_temperature_k))
        .collect();
    materials.sort_by(|a, b| a.0.cmp(&b.0));
    materials.dedup_by(|a, b| a.0 == b.0);

    super::prepare_out_dir("--out", &out)?;
    // The loader has just read the file; a failure to read it again is an internal error.
    let scenario_digest = summary::digest(
        &std::fs::read(&args.scenario)
            .with_context(|| format!("cannot read {}", args.scenario.display()))?,
    );
    let started = Instant::now();
    let mut directory = RunDirectory::begin(&out)
        .with_context(|| format!("cannot prepare the output directory {}", out.display()))?;
    let mut fragments_out = directory
        .create(FRAGMENTS_FILE)
        .context("cannot create fragments.csv")?;
    writeln!(fragments_out, "{}", fragments::HEADER)
        .with_context(|| format!("cannot write {}", out.join(FRAGMENTS_FILE).display()))?;
    let trajectory_out = if plan.shard.owns(0) {
        Some(
            directory
                .create(TRAJECTORY_FILE)
                .context("cannot create trajectory.csv")?,
        )
    } else {
        None
    };
    let shard_samples = plan.shard.samples(samples).count() as u64;
    let mut sink = FileSink {
        problem,
        fragments: fragments_out,
        fragments_path: out.join(FRAGMENTS_FILE),
        trajectory: trajectory_out,
        trajectory_path: out.join(TRAJECTORY_FILE),
        progress: progress_bar(shard_samples, args.quiet),
    };
    let statistics = reentry_montecarlo::run(
        problem,
        &scenario.monte_carlo.dispersions,
        &plan,
        context,
        &mut sink,
    )
    .map_err(|e| CliError::Internal(anyhow::Error::new(e)))?;
    if let Some(bar) = &sink.progress {
        bar.finish_and_clear();
    }
    let FileSink {
        fragments: fragments_out,
        trajectory: trajectory_out,
        ..
    } = sink;
    run_directory::finish(fragments_out, FRAGMENTS_FILE).context("cannot write fragments.csv")?;
    if let Some(t) = trajectory_out {
        run_directory::finish(t, TRAJECTORY_FILE).context("cannot write trajectory.csv")?;
    }
    let info = RunInfo {
        scenario: scenario.name.clone(),
        seed,
        samples,
        shard,
        version: version_text(),
        simd: simd_text(),
        wall_time_s: started.elapsed().as_secs_f64(),
        target_zone_deg: scenario.target_zone_deg.clone(),
        materials,
        scenario_file: scenario.path.display().to_string(),
        scenario_digest,
        kernel: match kernel {
            Kernel::Lanes => "lanes",
            Kernel::Reference => "reference",
        }
        .to_string(),
        orbit_average_density_per_km2,
        trajectory_step_s: scenario.trajectory_step_s,
    };
    directory
        .commit(&summary::to_json(&info, &statistics, shard_samples))
        .with_context(|| format!("cannot complete the run directory {}", out.display()))?;
    draw_plots(&out, args.no_plots, args.quiet);
    if !args.quiet {
        print_summary(&info, &statistics, &out);
    }
    Ok(())
}

/// Draws the plots of a run directory; a plotting failure is a warning, not a failed run (the
/// result files are complete without the pictures).
pub fn draw_plots(dir: &Path, no_plots: bool, quiet: bool) {
    if no_plots {
        return;
    }
    if let Err(e) = reentry_plot::draw_run_directory(dir)
        && !quiet
    {
        eprintln!(
            "reentry: warning: plots of {} not drawn: {e}",
            dir.display()
        );
    }
}

/// A number of the printed summary: four significant figures (whole numbers from 1000 up), no
/// trailing zeros. summary.json keeps every digit; this is for reading.
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{}", if v == 0.0 { 0.0 } else { v });
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(0, 8) as usize;
    let text = format!("{v:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn figure(value: Option<f64>, unit: &str) -> String {
    match value {
        Some(v) if unit.is_empty() => short(v),
        Some(v) => format!("{} {unit}", short(v)),
        None => "n/a".into(),
    }
}

/// A casualty expectation: 0, or three significant figures in exponent form.
fn expectation(e: f64) -> String {
    if e == 0.0 {
        "0".into()
    } else {
        format!("{e:.2e}")
    }
}

/// The short human summary printed at the end of `run` and `merge`.
pub fn print_summary(info: &RunInfo, s: &RunStatistics, out: &Path) {
    let shard = info
        .shard
        .map(|sh| {
            format!(
                " (shard {}/{}, {} samples here)",
                sh.index, sh.count, s.samples
            )
        })
        .unwrap_or_default();
    println!(
        "{}: {} samples, seed {}{shard}",
        info.scenario, info.samples, info.seed
    );
    let fates: Vec<String> = Fate::ALL
        .iter()
        .zip(s.fates)
        .map(|(f, n)| format!("{} {n}", f.as_str()))
        .collect();
    println!(
        "  objects: {} ({} trajectories)",
        fates.join(", "),
        s.fragments_simulated
    );
    println!(
        "  surviving mass: mean {}, 5–95 % {} – {}",
        figure(s.surviving_mass_kg.mean, "kg"),
        figure(s.surviving_mass_kg.p05, "kg"),
        figure(s.surviving_mass_kg.p95, "kg")
    );
    // The heaviest survivors, per re-entry: what a safety analyst reads first.
    let samples = s.samples.max(1) as f64;
    let heaviest: Vec<String> = s
        .survivors
        .iter()
        .take(HEAVIEST_SURVIVORS_PRINTED)
        .map(|v| {
            format!(
                "{} {}",
                v.fragment,
                figure(Some(v.landed_mass_kg / samples), "kg")
            )
        })
        .collect();
    if !heaviest.is_empty() {
        println!("  heaviest survivors per re-entry: {}", heaviest.join(", "));
    }
    println!(
        "  casualty area: mean {}; hazardous objects per sample: mean {}, max {}",
        figure(s.casualty_area_m2.mean, "m²"),
        figure(s.hazardous_fragments_mean, ""),
        s.hazardous_fragments_max
    );
    println!(
        "  footprint (0.15–99.85 %) from each break-up: along track {} to {}, cross track {} to {}",
        figure(s.along_track_km.p00_15, "km"),
        figure(s.along_track_km.p99_85, "km"),
        figure(s.cross_track_km.p00_15, "km"),
        figure(s.cross_track_km.p99_85, "km")
    );
    if s.nominal_track.is_some() {
        println!(
            "  along the nominal track: {} to {}, cross track {} to {}",
            figure(s.along_nominal_track_km.p00_15, "km"),
            figure(s.along_nominal_track_km.p99_85, "km"),
            figure(s.cross_nominal_track_km.p00_15, "km"),
            figure(s.cross_nominal_track_km.p99_85, "km")
        );
    }
    println!(
        "  P(outside target zone) {}, P(land impact) {}, casualty expectation mean {}{}",
        figure(s.p_outside_target_zone, ""),
        figure(s.p_land_impact, ""),
        s.casualty_expectation_mean
            .map(expectation)
            .unwrap_or_else(|| "n/a".into()),
        s.casualty_expectation_orbit_average
            .map(|e| format!(", orbit-averaged {}", expectation(e)))
            .unwrap_or_default()
    );
    println!(
        "  wall time {:.2} s; output {}",
        info.wall_time_s,
        out.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_numbers_have_four_significant_figures() {
        let cases = [
            (1129.6401, "1130"),
            (778.6127, "778.6"),
            (-884.2301, "-884.2"),
            (2211.7873, "2212"),
            (-1.3601, "-1.36"),
            (97.5, "97.5"),
            (0.005, "0.005"),
            (0.0, "0"),
            (-0.0, "0"),
            (123456.7, "123457"),
            (f64::NAN, "NaN"),
        ];
        for (v, text) in cases {
            assert_eq!(short(v), text, "{v}");
        }
        assert_eq!(figure(Some(1129.6401), "kg"), "1130 kg");
        assert_eq!(figure(None, "kg"), "n/a");
        assert_eq!(expectation(0.0), "0");
        assert_eq!(expectation(4.7012e-4), "4.70e-4");
    }

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn shard_flag_and_scheduler_indices() {
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            resolve_shard(Some("1/3"), None, env(&none)),
            Ok(Some(Shard { index: 1, count: 3 }))
        );
        assert!(resolve_shard(Some("3/3"), None, env(&none)).is_err());
        assert_eq!(resolve_shard(None, None, env(&none)), Ok(None));
        assert!(resolve_shard(None, Some(4), env(&none)).is_err());
        let slurm = [
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(
            resolve_shard(None, None, env(&slurm)),
            Ok(Some(Shard { index: 3, count: 4 }))
        );
        let slurm1 = [
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(
            resolve_shard(None, None, env(&slurm1)),
            Ok(Some(Shard { index: 3, count: 4 }))
        );
        let k8s = [("JOB_COMPLETION_INDEX", "2")];
        assert_eq!(
            resolve_shard(None, Some(5), env(&k8s)),
            Ok(Some(Shard { index: 2, count: 5 }))
        );
        assert!(resolve_shard(None, None, env(&k8s)).is_err());
        assert!(resolve_shard(None, Some(2), env(&k8s)).is_err());
        let aws = [("AWS_BATCH_JOB_ARRAY_INDEX", "0")];
        assert_eq!(
            resolve_shard(None, Some(2), env(&aws)),
            Ok(Some(Shard { index: 0, count: 2 }))
        );
        // The flag wins over the environment.
        assert_eq!(
            resolve_shard(Some("0/2"), None, env(&slurm)),
            Ok(Some(Shard { index: 0, count: 2 }))
        );
    }
}
