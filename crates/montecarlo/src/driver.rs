//! The Monte Carlo driver: the samples of one shard, solved in chunks on a rayon pool, streamed
//! to a [`RunSink`] in sample order and reduced to [`RunStatistics`].
//!
//! Work is a list of units in sample order: the nominal sample 0 alone (solved with a time
//! history for `trajectory.csv`), then chunks of
//! [`RunPlan::samples_per_chunk`] samples solved together by
//! [`reentry_solver::solve_batch`]. Every shard solves the nominal sample, whether or not it
//! owns it: its break-up ground track is the reference of the footprint along the nominal
//! track ([`RunStatistics::along_nominal_track_km`]); a shard that does not own sample 0 writes
//! none of its rows. Every pool thread takes the next unit from an atomic counter
//! (so units start in order) and sends its rows over a channel; the calling thread puts them
//! back in order, hands them to the sink and keeps only the per-sample scalars the statistics
//! need. Memory stays bounded by the units in flight, whatever the sample count: a worker waits
//! before starting a unit more than a fixed window (8 per thread + 16) ahead of the last unit
//! flushed. Nothing depends on which thread ran what: sample i's inputs come from (seed, i)
//! alone, and reduction happens in sample order on one thread.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use reentry_solver::{Kernel, Problem, SolveOptions, TrajectoryPoint};

use crate::dispersion::{Dispersions, apply};
use crate::footprint::GroundTrack;
use crate::record::{FragmentRow, breakup_track, sample_rows};
use crate::statistics::{RiskContext, RunStatistics, StatisticsAccumulator};

/// One shard of a run: the samples i with i mod count = index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Shard index, 0 ≤ index < count.
    pub index: u64,
    /// Number of shards, ≥ 1.
    pub count: u64,
}

impl Shard {
    /// The whole run as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Whether this shard runs sample `sample`.
    pub fn owns(&self, sample: u64) -> bool {
        self.count > 0 && sample % self.count == self.index
    }

    /// The samples of this shard among `0..samples`, ascending.
    pub fn samples(&self, samples: u64) -> impl Iterator<Item = u64> + use<> {
        let step = self.count.max(1);
        (self.index..samples).step_by(step as usize)
    }
}

/// How to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunPlan {
    /// Total samples of the run (all shards).
    pub samples: u64,
    /// Seed of the random streams.
    pub seed: u64,
    /// Which samples this process runs.
    pub shard: Shard,
    /// Trajectory kernel.
    pub kernel: Kernel,
    /// Worker threads (`None`: rayon's default, one per core).
    pub threads: Option<usize>,
    /// Samples solved together per work unit.
    pub samples_per_chunk: usize,
    /// Output step of the nominal time history, s.
    pub trajectory_step_s: f64,
}

impl RunPlan {
    /// Default samples per work unit for large runs: 16 samples × a few nodes keeps every SIMD
    /// lane busy, also through the vehicle phase (one node per sample).
    pub const DEFAULT_SAMPLES_PER_CHUNK: usize = 16;

    /// Smallest unit that still fills the SIMD lanes in the vehicle phase (one lane per sample).
    pub const MIN_SAMPLES_PER_CHUNK: usize = reentry_lanes::LANES;

    /// Samples per unit for `samples_in_shard` samples on `threads` threads: 16 when every
    /// thread gets at least 8 such units, else 8 (= LANES), so small runs still balance (a
    /// thread's last unit is at most 1/8 of its work).
    pub fn samples_per_chunk_for(samples_in_shard: u64, threads: usize) -> usize {
        let per_thread = samples_in_shard / threads.max(1) as u64;
        if per_thread >= 8 * Self::DEFAULT_SAMPLES_PER_CHUNK as u64 {
            Self::DEFAULT_SAMPLES_PER_CHUNK
        } else {
            Self::MIN_SAMPLES_PER_CHUNK
        }
    }
}

/// Where results go, in sample order. Calls happen on the thread that called [`run`].
pub trait RunSink {
    /// The nominal sample's time history (only on the shard that owns sample 0; before its rows).
    fn trajectory(&mut self, points: &[TrajectoryPoint]) -> std::io::Result<()>;
    /// The rows of one sample.
    fn sample_rows(&mut self, rows: &[FragmentRow]) -> std::io::Result<()>;
    /// Progress: `done` of `total` samples of this shard are complete.
    fn progress(&mut self, done: u64, total: u64) {
        let _ = (done, total);
    }
}

/// A run that could not complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// The sink failed (disk full, permissions…).
    #[error("writing results failed: {0}")]
    Sink(#[from] std::io::Error),
    /// The thread pool could not be built.
    #[error("cannot start {threads} worker threads: {message}")]
    ThreadPool {
        /// Threads asked for.
        threads: usize,
        /// The pool builder's message.
        message: String,
    },
    /// The solver panicked (an internal failure, never the user's input).
    #[error("the solver failed on samples {first}..={last}: {message}")]
    SolverPanicked {
        /// First sample of the failed unit.
        first: u64,
        /// Last sample of the failed unit.
        last: u64,
        /// The panic message.
        message: String,
    },
}

struct UnitResult {
    samples: Vec<Vec<FragmentRow>>,
    trajectory: Option<Vec<TrajectoryPoint>>,
    /// The nominal unit's break-up ground track (`Some` only for the nominal unit).
    nominal_track: Option<Option<GroundTrack>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    /// Sample 0, solved alone with a time history; its rows and trajectory are written when
    /// the shard owns it, else only its break-up track is kept.
    Nominal { owned: bool },
    /// A chunk of dispersed samples, solved together.
    Batch,
}

struct Unit {
    samples: Vec<u64>,
    kind: UnitKind,
}

fn units(plan: &RunPlan) -> Vec<Unit> {
    let chunk = plan.samples_per_chunk.max(1);
    let mut units = Vec::new();
    let mut rest: Vec<u64> = plan.shard.samples(plan.samples).collect();
    if plan.samples > 0 {
        let owned = rest.first() == Some(&0);
        if owned {
            rest.remove(0);
        }
        units.push(Unit {
            samples: vec![0],
            kind: UnitKind::Nominal { owned },
        });
    }
    for c in rest.chunks(chunk) {
        units.push(Unit {
            samples: c.to_vec(),
            kind: UnitKind::Batch,
        });
    }
    units
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn solve_unit(
    unit: &Unit,
    nominal: &Problem,
    dispersions: &Dispersions,
    plan: &RunPlan,
) -> Result<UnitResult, DriverError> {
    let problems: Vec<Problem> = unit
        .samples
        .iter()
        .map(|&i| apply(nominal, dispersions, plan.seed, i))
        .collect();
    let solved = catch_unwind(AssertUnwindSafe(|| {
        if let UnitKind::Nominal { .. } = unit.kind {
            // Always with its time history, owned or not: the same call gives the same bits,
            // so every shard sees the same nominal break-up.
            let options = SolveOptions {
                kernel: plan.kernel,
                trajectory_step_s: Some(plan.trajectory_step_s),
            };
            vec![reentry_solver::solve(&problems[0], &options)]
        } else {
            reentry_solver::solve_batch(&problems, plan.kernel)
        }
    }));
    let mut outcomes = solved.map_err(|payload| DriverError::SolverPanicked {
        first: unit.samples[0],
        last: unit.samples[unit.samples.len() - 1],
        message: panic_message(payload.as_ref()),
    })?;
    if let UnitKind::Nominal { owned: false } = unit.kind {
        return Ok(UnitResult {
            samples: Vec::new(),
            trajectory: None,
            nominal_track: Some(breakup_track(&outcomes[0])),
        });
    }
    let nominal = unit.kind != UnitKind::Batch;
    let trajectory = nominal.then(|| std::mem::take(&mut outcomes[0].trajectory));
    let samples = unit
        .samples
        .iter()
        .zip(problems.iter().zip(outcomes.iter()))
        .map(|(&i, (problem, outcome))| sample_rows(i, problem, outcome))
        .collect();
    Ok(UnitResult {
        samples,
        trajectory,
        nominal_track: nominal.then(|| breakup_track(&outcomes[0])),
    })
}

/// Runs the samples of `plan.shard`, streaming rows to `sink` in sample order, and returns the
/// statistics of this shard's samples.
pub fn run(
    nominal: &Problem,
    dispersions: &Dispersions,
    plan: &RunPlan,
    context: RiskContext,
    sink: &mut dyn RunSink,
) -> Result<RunStatistics, DriverError> {
    let units = units(plan);
    let total: u64 = units
        .iter()
        .filter(|u| u.kind != UnitKind::Nominal { owned: false })
        .map(|u| u.samples.len() as u64)
        .sum();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = plan.threads {
        builder = builder.num_threads(threads);
    }
    let pool = builder.build().map_err(|e| DriverError::ThreadPool {
        threads: plan.threads.unwrap_or(0),
        message: e.to_string(),
    })?;
    let next = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    // Back-pressure: a worker does not start unit k before unit k − window has been flushed, so
    // one slow unit cannot make the reorder buffer hold the rest of the run.
    let flushed_units = AtomicUsize::new(0);
    let window = 8 * pool.current_num_threads() + 16;
    let (sender, receiver) = mpsc::channel::<(usize, Result<UnitResult, DriverError>)>();
    let mut accumulator = StatisticsAccumulator::new(context);

    let mut outcome: Result<(), DriverError> = Ok(());
    std::thread::scope(|scope| {
        let worker_sender = sender;
        let (units, next, abort, flushed_units) = (&units, &next, &abort, &flushed_units);
        scope.spawn(move || {
            pool.broadcast(|_| {
                let sender = worker_sender.clone();
                loop {
                    if abort.load(Ordering::Relaxed) {
                        break;
                    }
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(k) else { break };
                    while k >= flushed_units.load(Ordering::Acquire) + window
                        && !abort.load(Ordering::Relaxed)
                    {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    if abort.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = solve_unit(unit, nominal, dispersions, plan);
                    if sender.send((k, result)).is_err() {
                        break;
                    }
                }
            });
            drop(worker_sender);
        });

        let mut pending: BTreeMap<usize, UnitResult> = BTreeMap::new();
        let mut expected = 0usize;
        let mut done = 0u64;
        for (k, result) in receiver.iter() {
            match result {
                Ok(r) => {
                    pending.insert(k, r);
                }
                Err(e) => {
                    abort.store(true, Ordering::Relaxed);
                    outcome = Err(e);
                    break;
                }
            }
            while let Some(r) = pending.remove(&expected) {
                expected += 1;
                flushed_units.store(expected, Ordering::Release);
                if let Some(track) = r.nominal_track {
                    accumulator.set_nominal_track(track);
                }
                let flushed = (|| -> std::io::Result<()> {
                    if let Some(points) = &r.trajectory {
                        sink.trajectory(points)?;
                    }
                    for rows in &r.samples {
                        sink.sample_rows(rows)?;
                        accumulator.add_sample(rows);
                    }
                    Ok(())
                })();
                if let Err(e) = flushed {
                    abort.store(true, Ordering::Relaxed);
                    outcome = Err(DriverError::Sink(e));
                    break;
                }
                done += r.samples.len() as u64;
                sink.progress(done, total);
            }
            if outcome.is_err() {
                break;
            }
        }
        // Leaving the loop drops nothing the workers wait on: they see `abort` or run out of
        // units, and their sends to a dropped receiver fail harmlessly.
        drop(receiver);
    });
    outcome?;
    Ok(accumulator.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_samples() {
        let all: Vec<u64> = (0..3)
            .flat_map(|index| Shard { index, count: 3 }.samples(10).collect::<Vec<_>>())
            .collect();
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert!(Shard { index: 2, count: 3 }.owns(5));
        assert_eq!(Shard::WHOLE.samples(3).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn units_put_the_nominal_first_and_alone() {
        let plan = RunPlan {
            samples: 20,
            seed: 1,
            shard: Shard { index: 0, count: 2 },
            kernel: Kernel::Lanes,
            threads: Some(1),
            samples_per_chunk: 4,
            trajectory_step_s: 1.0,
        };
        let u = units(&plan);
        assert_eq!(u[0].kind, UnitKind::Nominal { owned: true });
        assert_eq!(u[0].samples, vec![0]);
        assert_eq!(u[1].samples, vec![2, 4, 6, 8]);
        assert_eq!(u.iter().map(|u| u.samples.len()).sum::<usize>(), 10);
        let other = units(&RunPlan {
            shard: Shard { index: 1, count: 2 },
            ..plan
        });
        // A shard without sample 0 still solves it first, for its break-up track only.
        assert_eq!(other[0].kind, UnitKind::Nominal { owned: false });
        assert_eq!(other[0].samples, vec![0]);
        assert_eq!(other[1].samples, vec![1, 3, 5, 7]);
        assert_eq!(other[1].kind, UnitKind::Batch);
    }

    struct Collect {
        rows: Vec<FragmentRow>,
        trajectory_points: usize,
    }

    impl RunSink for Collect {
        fn trajectory(&mut self, points: &[TrajectoryPoint]) -> std::io::Result<()> {
            self.trajectory_points = points.len();
            Ok(())
        }
        fn sample_rows(&mut self, rows: &[FragmentRow]) -> std::io::Result<()> {
            self.rows.extend_from_slice(rows);
            Ok(())
        }
    }

    /// Rows do not depend on the unit size or the thread count (the solver's batch invariance
    /// and the per-sample streams), and arrive in sample order.
    #[test]
    fn rows_are_independent_of_chunking_and_threads() {
        use crate::dispersion::{Applied, Dispersion, Distribution};
        let mut problem = crate::dispersion::test_problem();
        problem.burns.clear();
        let dispersions = Dispersions {
            density_scale: Some(Dispersion {
                distribution: Distribution::LogNormal {
                    mu: 0.0,
                    sigma: 0.15,
                },
                applied: Applied::Factor,
            }),
            fragment_mass_scale: Some(Dispersion {
                distribution: Distribution::Normal {
                    mean: 1.0,
                    sigma: 0.05,
                },
                applied: Applied::Factor,
            }),
            ..Dispersions::default()
        };
        let context = RiskContext {
            target_zone: None,
            is_land: |_, _| false,
            orbit_average_density_per_km2: None,
        };
        let go_n = |samples: u64, chunk: usize, threads: usize| {
            let plan = RunPlan {
                samples,
                seed: 5,
                shard: Shard::WHOLE,
                kernel: Kernel::Lanes,
                threads: Some(threads),
                samples_per_chunk: chunk,
                trajectory_step_s: 5.0,
            };
            let mut sink = Collect {
                rows: Vec::new(),
                trajectory_points: 0,
            };
            let stats = run(&problem, &dispersions, &plan, context.clone(), &mut sink).unwrap();
            (sink, stats)
        };
        let go = |chunk: usize, threads: usize| go_n(11, chunk, threads);
        let (base, base_stats) = go(16, 1);
        assert!(base.trajectory_points > 0);
        assert_eq!(base.rows.len(), 11 * 3);
        let samples: Vec<u64> = base.rows.iter().map(|r| r.sample).collect();
        assert!(samples.windows(2).all(|w| w[0] <= w[1]));
        for (chunk, threads) in [(1, 2), (3, 2), (8, 1)] {
            let (other, stats) = go(chunk, threads);
            assert_eq!(other.rows, base.rows, "chunk {chunk}, threads {threads}");
            assert_eq!(stats, base_stats);
        }
        // Every shard measures along the same nominal track; only shard 0 writes sample 0.
        assert!(base_stats.nominal_track.is_some());
        let shard_plan = RunPlan {
            samples: 11,
            seed: 5,
            shard: Shard { index: 1, count: 3 },
            kernel: Kernel::Lanes,
            threads: Some(2),
            samples_per_chunk: 2,
            trajectory_step_s: 5.0,
        };
        let mut shard_sink = Collect {
            rows: Vec::new(),
            trajectory_points: 0,
        };
        let shard_stats = run(
            &problem,
            &dispersions,
            &shard_plan,
            context.clone(),
            &mut shard_sink,
        )
        .unwrap();
        assert_eq!(shard_stats.nominal_track, base_stats.nominal_track);
        assert_eq!(shard_sink.trajectory_points, 0);
        assert_eq!(shard_stats.samples, 4);
        assert!(shard_sink.rows.iter().all(|r| r.sample % 3 == 1));
        // 60 one-sample units on 2 threads: more units than the back-pressure window (32).
        let (long_base, _) = go_n(60, 16, 1);
        let (long, _) = go_n(60, 1, 2);
        assert_eq!(long.rows, long_base.rows);
    }
}
