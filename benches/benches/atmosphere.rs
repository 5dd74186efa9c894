//! Atmosphere kernels, reference (plain `f64`, one point at a time) vs lanes (`F64s`, 8 points at
//! once): US76 and Vallado's exponential model, in points per second on one core.
//!
//! `cargo bench -p reentry-benches --bench atmosphere`; results in `docs/performance.md`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::{F64s, LANES, us76};

/// Points per benchmark iteration (a multiple of LANES; 32 KiB of altitudes, cache-resident).
const POINTS: usize = 4096;

/// Seeded uniform altitudes (m) in [lo, hi) (splitmix64).
fn altitudes(seed: u64, lo_m: f64, hi_m: f64) -> Vec<f64> {
    let mut state = seed;
    (0..POINTS)
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
        .map(|c| F64s::from(<[f64; LANES]>::try_from(c).expect("POINTS is a multiple of LANES")))
        .collect()
}

fn bench_us76(c: &mut Criterion) {
    // Force the one-time table build outside the timing.
    let _ = us76::reference::sample(500_000.0);
    for (name, lo, hi) in [
        ("0-1000km", 0.0, 1_000_000.0),
        ("0-86km", 0.0, 86_000.0),
        ("86-1000km", 86_000.0, 1_000_000.0),
    ] {
        let z = altitudes(76, lo, hi);
        let zl = lanes_of(&z);
        let mut group = c.benchmark_group(format!("us76/{name}"));
        group.throughput(Throughput::Elements(POINTS as u64));
        group.bench_function("reference", |b| {
            b.iter(|| {
                let mut acc = 0.0;
                for &h in &z {
                    let s = us76::reference::sample(black_box(h));
                    acc += s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m;
                }
                acc
            })
        });
        group.bench_function("lanes", |b| {
            b.iter(|| {
                let mut acc = F64s::ZERO;
                for &h in &zl {
                    let s = us76::lanes::sample(black_box(h));
                    acc += s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m;
                }
                acc
            })
        });
        group.finish();
    }
}

fn bench_exponential(c: &mut Criterion) {
    let model = Exponential::vallado();
    let z = altitudes(84, 0.0, 1_000_000.0);
    let zl = lanes_of(&z);
    let mut group = c.benchmark_group("exponential/density");
    group.throughput(Throughput::Elements(POINTS as u64));
    group.bench_function("reference", |b| {
        b.iter(|| {
            z.iter()
                .map(|&h| model.density_kg_m3(black_box(h)))
                .sum::<f64>()
        })
    });
    group.bench_function("lanes", |b| {
        b.iter(|| {
            zl.iter().fold(F64s::ZERO, |acc, &h| {
                acc + model.density_kg_m3_lanes(black_box(h))
            })
        })
    });
    group.finish();
    let mut group = c.benchmark_group("exponential/sample");
    group.throughput(Throughput::Elements(POINTS as u64));
    group.bench_function("reference", |b| {
        b.iter(|| {
            z.iter()
                .map(|&h| {
                    let s = model.sample(black_box(h));
                    s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m
                })
                .sum::<f64>()
        })
    });
    group.bench_function("lanes", |b| {
        b.iter(|| {
            zl.iter().fold(F64s::ZERO, |acc, &h| {
                let s = model.sample_lanes(black_box(h));
                acc + s.density_kg_m3 + s.pressure_pa + s.temperature_k + s.mean_free_path_m
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench_us76, bench_exponential);
criterion_main!(benches);
