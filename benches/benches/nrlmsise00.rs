//! NRLMSISE-00, reference (plain `f64`, one point at a time) vs lanes (`F64s`, 8 points at once),
//! in points per second on one core; the same random inputs as the pymsis peer script
//! (`benches/peers/nrlmsise00_pymsis.py`): 0–1000 km (and three bands), all latitudes and
//! longitudes, any day and time, F10.7 and F10.7A 70–250, Ap 4–100, daily-Ap mode.
//!
//! Below 72.5 km also the columns (`lanes::lower_column`: the terms that do not depend on
//! altitude, once per horizontal point) and their evaluation at six altitudes per column, as one
//! integration step with `horizontal_update = "step"` does, against six whole-model evaluations.
//!
//! `cargo bench -p reentry-benches --bench nrlmsise00`; results in `docs/performance.md`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reentry_atmosphere::LANES;
use reentry_atmosphere::nrlmsise00::{
    Input, InputLanes, Switches, lanes, local_solar_time_h, reference,
};

/// Points per benchmark iteration (a multiple of LANES).
const POINTS: usize = 4096;

/// splitmix64 uniform in [0, 1).
struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

fn inputs(seed: u64, lo_km: f64, hi_km: f64) -> Vec<Input> {
    let mut r = SplitMix(seed);
    (0..POINTS)
        .map(|_| {
            let ut_s = r.range(0.0, 86_400.0);
            let lon = r.range(-180.0, 180.0);
            let ap = r.range(4.0, 100.0);
            Input {
                day_of_year: r.range(1.0, 366.0).floor(),
                ut_s,
                altitude_km: r.range(lo_km, hi_km),
                latitude_deg: r.range(-90.0, 90.0),
                longitude_deg: lon,
                local_solar_time_h: local_solar_time_h(ut_s, lon),
                f107a_sfu: r.range(70.0, 250.0),
                f107_sfu: r.range(70.0, 250.0),
                ap,
                ap_history: [ap; 7],
            }
        })
        .collect()
}

fn bench_nrlmsise00(c: &mut Criterion) {
    let switches = Switches::standard();
    for (name, lo, hi) in [
        ("0-1000km", 0.0, 1000.0),
        ("0-72.5km", 0.0, 72.5),
        ("72.5-120km", 72.5, 120.0),
        ("120-1000km", 120.0, 1000.0),
    ] {
        let pts = inputs(2002, lo, hi);
        let batches: Vec<InputLanes> = pts.chunks(LANES).map(InputLanes::from_inputs).collect();
        let mut group = c.benchmark_group(format!("nrlmsise00/{name}"));
        group.throughput(Throughput::Elements(POINTS as u64));
        group.sample_size(20);
        group.bench_function("reference", |b| {
            b.iter(|| {
                let mut acc = 0.0;
                for p in &pts {
                    let o = reference::gtd7(black_box(p), &switches);
                    acc += o.density_gtd7d_kg_m3 + o.temperature_k;
                }
                acc
            })
        });
        group.bench_function("lanes", |b| {
            b.iter(|| {
                let mut acc = reentry_atmosphere::F64s::ZERO;
                for p in &batches {
                    let o = lanes::gtd7(black_box(p), &switches);
                    acc += o.density_gtd7d_kg_m3 + o.temperature_k;
                }
                acc
            })
        });
        group.finish();
    }

    // One step's worth below 72.5 km: six stage altitudes around each point, whole model
    // against one column and six column evaluations. Throughput in stage evaluations.
    let pts = inputs(2003, 0.0, 72.0);
    let batches: Vec<InputLanes> = pts.chunks(LANES).map(InputLanes::from_inputs).collect();
    let stage_offsets_km = [0.0, -0.05, -0.1, -0.2, -0.25, -0.3];
    let mut group = c.benchmark_group("nrlmsise00/step-0-72km");
    group.throughput(Throughput::Elements(
        (POINTS * stage_offsets_km.len()) as u64,
    ));
    group.sample_size(20);
    group.bench_function("lanes whole model", |b| {
        b.iter(|| {
            let mut acc = reentry_atmosphere::F64s::ZERO;
            for p in &batches {
                for dz in stage_offsets_km {
                    let mut q = *p;
                    q.altitude_km = (p.altitude_km + reentry_atmosphere::F64s::splat(dz))
                        .max(reentry_atmosphere::F64s::ZERO);
                    let o = lanes::gtd7(black_box(&q), &switches);
                    acc += o.density_gtd7d_kg_m3;
                }
            }
            acc
        })
    });
    group.bench_function("lanes column", |b| {
        b.iter(|| {
            let mut acc = reentry_atmosphere::F64s::ZERO;
            for p in &batches {
                let column = lanes::lower_column(black_box(p), &switches);
                for dz in stage_offsets_km {
                    let z = (p.altitude_km + reentry_atmosphere::F64s::splat(dz))
                        .max(reentry_atmosphere::F64s::ZERO);
                    acc += column.at(z).density_gtd7d_kg_m3;
                }
            }
            acc
        })
    });
    group.finish();
}

criterion_group!(benches, bench_nrlmsise00);
criterion_main!(benches);
