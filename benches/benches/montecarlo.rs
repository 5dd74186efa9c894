//! Monte Carlo throughput: samples/s and fragment trajectories/s of the ATV-1-like scenario
//! (17 fragment nodes under a vehicle, entry state at 120 km, dispersed), with 1 and 2 worker
//! threads; the ratio of the two gives the parallel efficiency. Results in docs/performance.md.
//!
//! `cargo bench -p reentry-benches --bench montecarlo` (set `REENTRY_BENCH_SCENARIO` to bench
//! another scenario file).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reentry_montecarlo::{
    Applied, Dispersion, Distribution, FragmentRow, RiskContext, RunPlan, RunSink, Shard,
};
use reentry_solver::{Kernel, TrajectoryPoint};

/// Samples per measured run: 32 work units of 8 samples, so 2 threads stay balanced.
const SAMPLES: u64 = 256;

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
    // REENTRY_BENCH_SCENARIO points a copied bench binary at the file on another machine.
    let path = std::env::var_os("REENTRY_BENCH_SCENARIO")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/atv-1-like.toml")
        });
    let scenario = match reentry_scenario::load(&path) {
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
        samples: SAMPLES,
        seed: 42,
        shard: Shard::WHOLE,
        kernel: Kernel::Lanes,
        threads: Some(threads),
        samples_per_chunk: RunPlan::samples_per_chunk_for(SAMPLES, threads),
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
    samples.throughput(Throughput::Elements(SAMPLES));
    for threads in [1, 2] {
        samples.bench_function(format!("atv-1-like/threads-{threads}"), |b| {
            b.iter(|| black_box(run(threads)))
        });
    }
    samples.finish();

    let mut trajectories = c.benchmark_group("montecarlo_fragment_trajectories");
    trajectories.sample_size(10);
    trajectories.throughput(Throughput::Elements(rows));
    for threads in [1, 2] {
        trajectories.bench_function(format!("atv-1-like/threads-{threads}"), |b| {
            b.iter(|| black_box(run(threads)))
        });
    }
    trajectories.finish();
}

criterion_group!(benches, bench_montecarlo);
criterion_main!(benches);
