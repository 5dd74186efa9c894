//! Atmosphere kernels, reference (plain `f64`, one point at a time) vs lanes (`F64s`, 8 points at
//! once): US76 and Vallado's exponential model, in points per second on one core.
//!
//! `cargo bench -p reentry-benches --bench atmosphere` (criterion; a filter such as `us76/0-86km`
//! selects cases); results in `docs/performance.md`. On a loaded machine criterion times the
//! reference and the lanes kernel seconds apart, under different load:
//! `ATMOSPHERE_MIN_OF=400 cargo bench -p reentry-benches --bench atmosphere` instead alternates
//! one pass of each over the same points, `runs` times, and prints the fastest pass of each and
//! their ratio.
//!
//! Both kernels see the same points (the lanes ones packed 8 to a vector beforehand), hidden from
//! the optimiser as a slice through `black_box`, and produce the same outputs, all of which are
//! summed into the result.
//!
//! Each pass evaluates [`DEFAULT_POINTS`] seeded uniform altitudes, the same ones every pass.
//! The reference's branches on the altitude (region, layer, temperature segment, exponential
//! band) then follow a sequence the branch predictor partly learns over repeated passes, which
//! a stream of new altitudes would not allow: `ATMOSPHERE_POINTS=65536` evaluates a set too
//! long to be learned (512 KiB of altitudes, still cache-resident at L2).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::{AtmosphereLanes, AtmosphereSample, F64s, LANES, us76};

/// Points per pass unless `ATMOSPHERE_POINTS` says otherwise (32 KiB of altitudes,
/// cache-resident).
const DEFAULT_POINTS: usize = 4096;

/// Points per pass: `ATMOSPHERE_POINTS` rounded down to a multiple of LANES (at least LANES),
/// or [`DEFAULT_POINTS`].
fn points() -> usize {
    std::env::var("ATMOSPHERE_POINTS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(DEFAULT_POINTS, |n| (n / LANES).max(1) * LANES)
}

/// Seeded uniform altitudes (m) in [lo, hi) (splitmix64).
fn altitudes(seed: u64, lo_m: f64, hi_m: f64) -> Vec<f64> {
    let mut state = seed;
    (0..points())
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = state;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^= x >> 31;
            lo_m + (hi_m - lo_m) * (x >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn lanes_of(z: &[f64]) -> Vec<F64s> {
    z.chunks(LANES)
        .map(|c| F64s::from(<[f64; LANES]>::try_from(c).expect("a multiple of LANES points")))
        .collect()
}

/// The US76 altitude ranges: the whole model, each region alone.
const US76_CASES: [(&str, f64, f64); 3] = [
    ("0-1000km", 0.0, 1_000_000.0),
    ("0-86km", 0.0, 86_000.0),
    ("86-1000km", 86_000.0, 1_000_000.0),
];

fn sum_sample(s: AtmosphereSample) -> f64 {
    s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m
}

fn sum_lanes(s: AtmosphereLanes) -> F64s {
    s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m
}

/// One pass of the reference kernel `f` over `z`. The points are hidden from the optimiser as a
/// slice, not one by one: `black_box` on each 8-lane point sends it through memory, which cost
/// the AVX-512 build's lanes (one 512-bit register per point) more than the kernel itself.
fn pass_reference(z: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    black_box(z).iter().map(|&h| f(h)).sum()
}

/// One pass of the lanes kernel `f` over `zl` (points hidden as in [`pass_reference`]).
fn pass_lanes(zl: &[F64s], f: impl Fn(F64s) -> F64s) -> F64s {
    black_box(zl).iter().fold(F64s::ZERO, |acc, &h| acc + f(h))
}

/// A benchmark case: name, reference points, lanes points.
struct Case {
    name: String,
    z: Vec<f64>,
    zl: Vec<F64s>,
}

fn us76_cases() -> Vec<Case> {
    // Force the one-time table build outside the timing.
    let _ = us76::reference::sample(500_000.0);
    let mut cases: Vec<Case> = US76_CASES
        .iter()
        .map(|&(name, lo, hi)| {
            let z = altitudes(76, lo, hi);
            let zl = lanes_of(&z);
            Case {
                name: format!("us76/{name}"),
                z,
                zl,
            }
        })
        .collect();
    // The whole-model points in descending order: each batch of 8 holds neighbouring altitudes
    // and at most one batch straddles 86 km, as when the lanes are trajectories flying together.
    let mut z = altitudes(76, 0.0, 1_000_000.0);
    z.sort_by(|a, b| b.total_cmp(a));
    let zl = lanes_of(&z);
    cases.push(Case {
        name: "us76/0-1000km-descending".to_string(),
        z,
        zl,
    });
    cases
}

fn exponential_points() -> (Vec<f64>, Vec<F64s>) {
    let z = altitudes(84, 0.0, 1_000_000.0);
    let zl = lanes_of(&z);
    (z, zl)
}

fn bench_us76(c: &mut Criterion) {
    for case in us76_cases() {
        let mut group = c.benchmark_group(&case.name);
        group.throughput(Throughput::Elements(points() as u64));
        group.bench_function("reference", |b| {
            b.iter(|| pass_reference(&case.z, |h| sum_sample(us76::reference::sample(h))))
        });
        group.bench_function("lanes", |b| {
            b.iter(|| pass_lanes(&case.zl, |h| sum_lanes(us76::lanes::sample(h))))
        });
        group.finish();
    }
}

fn bench_exponential(c: &mut Criterion) {
    let model = Exponential::vallado();
    let (z, zl) = exponential_points();
    let mut group = c.benchmark_group("exponential/density");
    group.throughput(Throughput::Elements(points() as u64));
    group.bench_function("reference", |b| {
        b.iter(|| pass_reference(&z, |h| model.density_kg_m3(h)))
    });
    group.bench_function("lanes", |b| {
        b.iter(|| pass_lanes(&zl, |h| model.density_kg_m3_lanes(h)))
    });
    group.finish();
    let mut group = c.benchmark_group("exponential/sample");
    group.throughput(Throughput::Elements(points() as u64));
    group.bench_function("reference", |b| {
        b.iter(|| pass_reference(&z, |h| sum_sample(model.sample(h))))
    });
    group.bench_function("lanes", |b| {
        b.iter(|| pass_lanes(&zl, |h| sum_lanes(model.sample_lanes(h))))
    });
    group.finish();
}

/// Alternates one reference pass and one lanes pass, `runs` times; prints the fastest of each
/// (ns per point, Mpoints/s) and their ratio.
fn min_of_case(name: &str, runs: usize, reference: impl Fn() -> f64, lanes: impl Fn() -> F64s) {
    let (mut best_reference, mut best_lanes) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..runs {
        let t = std::time::Instant::now();
        black_box(reference());
        best_reference = best_reference.min(t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        black_box(lanes());
        best_lanes = best_lanes.min(t.elapsed().as_secs_f64());
    }
    let n = points() as f64;
    let per_point = |t: f64| t * 1e9 / n;
    println!(
        "{name:<26} reference {:6.2} ns/point ({:6.1} Mpoints/s)   lanes {:6.2} ns/point \
         ({:6.1} Mpoints/s)   lanes / reference {:.2}",
        per_point(best_reference),
        n / best_reference / 1e6,
        per_point(best_lanes),
        n / best_lanes / 1e6,
        best_reference / best_lanes
    );
}

fn min_of(runs: usize) {
    println!(
        "fastest of {runs} alternating passes over {} points:",
        points()
    );
    for case in us76_cases() {
        min_of_case(
            &case.name,
            runs,
            || pass_reference(&case.z, |h| sum_sample(us76::reference::sample(h))),
            || pass_lanes(&case.zl, |h| sum_lanes(us76::lanes::sample(h))),
        );
    }
    let model = Exponential::vallado();
    let (z, zl) = exponential_points();
    min_of_case(
        "exponential/density",
        runs,
        || pass_reference(&z, |h| model.density_kg_m3(h)),
        || pass_lanes(&zl, |h| model.density_kg_m3_lanes(h)),
    );
    min_of_case(
        "exponential/sample",
        runs,
        || pass_reference(&z, |h| sum_sample(model.sample(h))),
        || pass_lanes(&zl, |h| sum_lanes(model.sample_lanes(h))),
    );
}

criterion_group!(benches, bench_us76, bench_exponential);

fn main() {
    if let Some(runs) = reentry_benches::min_of_runs("ATMOSPHERE_MIN_OF") {
        min_of(runs);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
