//! Monte Carlo throughput: samples/s and fragment trajectories/s with 1 and 2 worker threads
//! (the ratio of the two gives the parallel efficiency), for the ATV-1-like scenario (17 fragment
//! nodes under a vehicle, entry state at 120 km, US76, dispersed) and the flagship Progress
//! MS-31 scenario (TLE, 3 h coast, burn, 36 fragment nodes, NRLMSISE-00 with its horizontal
//! terms once per step, its own dispersions). Results in docs/performance.md.
//!
//! `cargo bench -p reentry-benches --bench montecarlo` (set `REENTRY_BENCH_SCENARIO` to bench
//! another scenario file instead).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reentry_montecarlo::{
    Applied, Dispersion, Distribution, FragmentRow, RiskContext, RunPlan, RunSink, Shard,
};
use reentry_solver::{Kernel, TrajectoryPoint};

/// Samples per measured run of the ATV-1-like scenario: 32 work units of 8 samples, so 2
/// threads stay balanced.
const SAMPLES: u64 = 256;
/// Samples per measured run of the Progress MS-31 scenario (about 12 ms each on one core):
/// 8 work units of 8.
const PROGRESS_SAMPLES: u64 = 64;

/// Counts rows instead of writing them (the benchmark measures the driver and solver).
struct CountingSink {
    rows: u64,
}

impl RunSink for CountingSink {
    fn trajectory(&mut self, points: &[TrajectoryPoint]) -> std::io::Result<()> {
        black_box(points);
        Ok(())
    }
    fn sample_rows(&mut self, rows: &[FragmentRow]) -> std::io::Result<()> {
        self.rows += rows.len() as u64;
        black_box(rows);
        Ok(())
    }
}

fn bench_montecarlo(c: &mut Criterion) {
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    // REENTRY_BENCH_SCENARIO points a copied bench binary at the file on another machine.
    match std::env::var_os("REENTRY_BENCH_SCENARIO") {
        Some(path) => bench_scenario(c, "scenario", Path::new(&path), SAMPLES),
        None => {
            bench_scenario(c, "atv-1-like", &scenarios.join("atv-1-like.toml"), SAMPLES);
            bench_scenario(
                c,
                "progress-ms-31",
                &scenarios.join("progress-ms-31.toml"),
                PROGRESS_SAMPLES,
            );
        }
    }
}

fn bench_scenario(c: &mut Criterion, name: &str, path: &Path, samples_per_run: u64) {
    let scenario = match reentry_scenario::load(path) {
        Ok(s) => s,
        Err(e) => panic!("benchmark scenario: {e}"),
    };
    let mut dispersions = scenario.monte_carlo.dispersions.clone();
    if dispersions == reentry_montecarlo::Dispersions::default() {
        // Disperse the scenario like the flagship's [monte_carlo] block if it has none.
        let factor = |sigma| {
            Some(Dispersion {
                distribution: Distribution::Normal { mean: 1.0, sigma },
                applied: Applied::Factor,
            })
        };
        dispersions.density_scale = Some(Dispersion {
            distribution: Distribution::LogNormal {
                mu: 0.0,
                sigma: 0.15,
            },
            applied: Applied::Factor,
        });
        dispersions.breakup_altitude_m = Some(Dispersion {
            distribution: Distribution::Uniform {
                min: 72e3,
                max: 84e3,
            },
            applied: Applied::Value,
        });
        dispersions.fragment_cd_scale = factor(0.1);
        dispersions.fragment_heat_scale = factor(0.1);
        dispersions.fragment_mass_scale = factor(0.05);
    }
    let context = RiskContext {
        target_zone: None,
        is_land: reentry_physics::earth::land::is_land,
        orbit_average_density_per_km2: None,
    };
    let plan = |threads| RunPlan {
        samples: samples_per_run,
        seed: 42,
        shard: Shard::WHOLE,
        kernel: Kernel::Lanes,
        threads: Some(threads),
        samples_per_chunk: RunPlan::samples_per_chunk_for(samples_per_run, threads),
        trajectory_step_s: 1.0,
    };
    let run = |threads| {
        let mut sink = CountingSink { rows: 0 };
        let stats = reentry_montecarlo::run(
            &scenario.problem,
            &dispersions,
            &plan(threads),
            context.clone(),
            &mut sink,
        );
        match stats {
            Ok(s) => (s, sink.rows),
            Err(e) => panic!("benchmark run failed: {e}"),
        }
    };
    let (_, rows) = run(1);

    let mut samples = c.benchmark_group("montecarlo_samples");
    samples.sample_size(10);
    samples.throughput(Throughput::Elements(samples_per_run));
    for threads in [1, 2] {
        samples.bench_function(format!("{name}/threads-{threads}"), |b| {
            b.iter(|| black_box(run(threads)))
        });
    }
    samples.finish();

    let mut trajectories = c.benchmark_group("montecarlo_fragment_trajectories");
    trajectories.sample_size(10);
    trajectories.throughput(Throughput::Elements(rows));
    for threads in [1, 2] {
        trajectories.bench_function(format!("{name}/threads-{threads}"), |b| {
            b.iter(|| black_box(run(threads)))
        });
    }
    trajectories.finish();
}

criterion_group!(benches, bench_montecarlo);
criterion_main!(benches);
