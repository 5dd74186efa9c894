//! Throughput of the physics kernels, reference (`f64`, one point per call) against lanes
//! (`F64s`, eight points per call), over the same inputs.
//!
//! `cargo run --release -p reentry-physics --example kernel_speed`
//!
//! Prints nanoseconds per point for each kernel and the speed ratio. A quick measurement, not
//! a benchmark harness: the criterion benches in `benches/` are the reference numbers.

use std::hint::black_box;
use std::time::Instant;

use reentry_lanes::{F64s, LANES};
use reentry_physics::aero;
use reentry_physics::earth::{self, GravityModel};
use reentry_physics::heating::{self, ContinuumCorrelation};

const POINTS: usize = 4096;
const REPEATS: usize = 400;

/// SplitMix64: deterministic inputs.
struct SplitMix64(u64);

impl SplitMix64 {
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        lo + (hi - lo) * ((z >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// Best of five timings of `REPEATS` passes, in ns per point.
fn time_ns_per_point(mut pass: impl FnMut() -> f64) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0.0;
            for _ in 0..REPEATS {
                sink += pass();
            }
            black_box(sink);
            start.elapsed().as_secs_f64() * 1e9 / (REPEATS * POINTS) as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn lanes_of(values: &[f64]) -> Vec<F64s> {
    values
        .chunks(LANES)
        .map(|c| F64s::from(<[f64; LANES]>::try_from(c).unwrap()))
        .collect()
}

fn report(name: &str, reference_ns: f64, lanes_ns: f64) {
    println!(
        "{name:<34} reference {reference_ns:7.2} ns/point   lanes {lanes_ns:7.2} ns/point   ratio {:5.2}",
        reference_ns / lanes_ns
    );
}

fn main() {
    let mut rng = SplitMix64(7);
    let xyz: Vec<[f64; 3]> = (0..POINTS)
        .map(|_| {
            earth::reference::ecef_from_geodetic(
                rng.uniform(-1.5, 1.5),
                rng.uniform(-3.0, 3.0),
                rng.uniform(0.0, 400e3),
            )
        })
        .collect();
    let (x, y, z): (Vec<f64>, Vec<f64>, Vec<f64>) = (
        xyz.iter().map(|p| p[0]).collect(),
        xyz.iter().map(|p| p[1]).collect(),
        xyz.iter().map(|p| p[2]).collect(),
    );
    let (xl, yl, zl) = (lanes_of(&x), lanes_of(&y), lanes_of(&z));
    let mach: Vec<f64> = (0..POINTS).map(|_| rng.uniform(0.0, 30.0)).collect();
    let kn: Vec<f64> = (0..POINTS)
        .map(|_| 10f64.powf(rng.uniform(-4.0, 2.0)))
        .collect();
    let rho: Vec<f64> = (0..POINTS)
        .map(|_| 10f64.powf(rng.uniform(-9.0, -3.0)))
        .collect();
    let speed: Vec<f64> = (0..POINTS).map(|_| rng.uniform(1000.0, 8000.0)).collect();
    let (mach_l, kn_l, rho_l, speed_l) = (
        lanes_of(&mach),
        lanes_of(&kn),
        lanes_of(&rho),
        lanes_of(&speed),
    );
    let nose = F64s::splat(0.3);

    let r = time_ns_per_point(|| {
        xyz.iter()
            .map(|&p| earth::reference::geodetic_from_ecef(black_box(p)).altitude_m)
            .sum()
    });
    let l = time_ns_per_point(|| {
        let mut s = F64s::ZERO;
        for i in 0..xl.len() {
            s += earth::lanes::geodetic_from_ecef(black_box(xl[i]), yl[i], zl[i]).altitude_m;
        }
        s.reduce_add()
    });
    report("geodetic_from_ecef", r, l);

    let r = time_ns_per_point(|| {
        xyz.iter()
            .map(|&p| earth::reference::gravity_m_s2(black_box(p), GravityModel::J2)[2])
            .sum()
    });
    let l = time_ns_per_point(|| {
        let mut s = F64s::ZERO;
        for i in 0..xl.len() {
            s += earth::lanes::gravity_m_s2(black_box(xl[i]), yl[i], zl[i], GravityModel::J2)[2];
        }
        s.reduce_add()
    });
    report("gravity_m_s2 (J2)", r, l);

    let r = time_ns_per_point(|| {
        mach.iter()
            .zip(&kn)
            .map(|(&m, &k)| aero::reference::drag_coefficient(black_box(m), k))
            .sum()
    });
    let l = time_ns_per_point(|| {
        let mut s = F64s::ZERO;
        for i in 0..mach_l.len() {
            s += aero::lanes::drag_coefficient(black_box(mach_l[i]), kn_l[i]);
        }
        s.reduce_add()
    });
    report("drag_coefficient", r, l);

    for correlation in [
        ContinuumCorrelation::DetraKempRiddell,
        ContinuumCorrelation::SuttonGraves,
    ] {
        let r = time_ns_per_point(|| {
            rho.iter()
                .zip(&speed)
                .map(|(&d, &v)| {
                    heating::reference::stagnation_heat_flux_w_m2(correlation, black_box(d), v, 0.3)
                })
                .sum()
        });
        let l = time_ns_per_point(|| {
            let mut s = F64s::ZERO;
            for i in 0..rho_l.len() {
                s += heating::lanes::stagnation_heat_flux_w_m2(
                    correlation,
                    black_box(rho_l[i]),
                    speed_l[i],
                    nose,
                );
            }
            s.reduce_add()
        });
        report(&format!("stagnation_heat_flux ({correlation:?})"), r, l);
    }
}
