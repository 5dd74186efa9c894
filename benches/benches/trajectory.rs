//! Trajectory solver, reference (plain `f64`, one trajectory at a time) vs lanes (LANES
//! trajectories per SIMD batch, refilled from the work queue), on one core.
//!
//! Workload: 32 entries of a vehicle that breaks up at 78 km into a titanium bottle (lands), an
//! aluminium plate (demises) and a steel cylinder (lands) — solver case p3 with the entry
//! heading and speed varied, 128 node flights in all. Two throughputs:
//! - `trajectory/flights`: node flights (fragment trajectories) per second;
//! - `trajectory/lane-steps`: attempted Runge–Kutta steps per second (each 7 right-hand-side
//!   evaluations: 6 stages and the dense-output midpoint).
//!
//! `cargo bench -p reentry-benches --bench trajectory`; results in `docs/performance.md`.
//! On a shared machine, `TRAJECTORY_MIN_OF=15 cargo bench -p reentry-benches --bench trajectory`
//! instead times the two kernels interleaved and reports the fastest of 15 runs of each, which
//! load from other processes disturbs far less than a mean.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group};
use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_physics::aero::Shape;
use reentry_physics::thermal::Material;
use reentry_solver::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, InitialState, Kernel,
    Parent, Problem, Tolerances, Vehicle, lanes, reference, solve_batch,
};

/// Entries in the first workload.
const ENTRIES: usize = 32;
/// Deorbits in the second workload.
const DEORBITS: usize = 16;

/// PHYSICS.md §5 rows used here.
fn material(id: &str, rho: f64, cp: f64, tm: f64, hf: f64, eps: f64) -> Material {
    Material {
        id: id.into(),
        density_kg_m3: rho,
        specific_heat_j_kg_k: cp,
        melt_temperature_k: tm,
        heat_of_fusion_j_kg: hf,
        emissivity: eps,
        ..Default::default()
    }
}

fn child(id: &str, shape: Shape, mass_kg: f64, material: Material, hollow: bool) -> FragmentSpec {
    FragmentSpec {
        parent: Parent::Vehicle,
        ..FragmentSpec::new(id, shape, material, mass_kg, hollow)
    }
}

/// Solver case p3 (reference/solver-cases/p3-vehicle-breakup.toml), entry `k` of the set.
fn entry(k: usize, atmosphere: &Arc<Atmosphere>) -> Problem {
    Problem {
        epoch: Epoch::parse_rfc3339("2026-03-16T17:05:00Z").expect("epoch"),
        initial: InitialState::Entry(EntryState {
            latitude_rad: (-30.0f64).to_radians(),
            longitude_rad: (-175.0f64).to_radians(),
            altitude_m: 110e3,
            speed_m_s: 7550.0 + 5.0 * k as f64,
            flight_path_angle_rad: (-1.3 - 0.02 * k as f64).to_radians(),
            heading_rad: (110.0 + k as f64).to_radians(),
        }),
        burns: Vec::new(),
        environment: Environment {
            atmosphere: atmosphere.clone(),
            density_scale: 1.0,
            gravity: Gravity::J2,
            heating: HeatingModel::DetraKempRiddell,
            rotating_earth: true,
            oxidation_efficiency: 0.0,
            horizontal_update: reentry_solver::HorizontalUpdate::EveryStage,
        },
        vehicle: Some(Vehicle {
            name: "test vehicle".into(),
            mass_kg: 4000.0,
            drag_coefficient: 1.8,
            reference_area_m2: 12.0,
            breakup_altitude_m: 78e3,
            lift_to_drag: 0.0,
        }),
        fragments: vec![
            child(
                "he-bottle",
                Shape::Sphere { diameter_m: 0.4 },
                14.0,
                material("titanium-6al4v", 4430.0, 670.0, 1905.0, 338e3, 0.77),
                true,
            ),
            child(
                "panel",
                Shape::Plate {
                    length_m: 1.0,
                    width_m: 0.8,
                    thickness_m: 0.005,
                },
                10.0,
                material("aluminium-2024", 2780.0, 875.0, 860.0, 390e3, 0.30),
                false,
            ),
            child(
                "engine",
                Shape::Cylinder {
                    diameter_m: 0.6,
                    length_m: 0.9,
                },
                55.0,
                material("stainless-316", 8000.0, 640.0, 1665.0, 270e3, 0.85),
                true,
            ),
        ],
        tolerances: Tolerances::default(),
    }
}

/// Solver case p4 (reference/solver-cases/p4-tle-deorbit.toml): the ISS TLE, a 3 h coast, a
/// 110 m/s retrograde burn (start moved by `k` s), entry, break-up at 78 km, two children. The
/// orbit phase, where only vehicles fly, dominates its steps.
fn deorbit(k: usize, atmosphere: &Arc<Atmosphere>) -> Problem {
    let mut p = entry(0, atmosphere);
    p.epoch = Epoch::parse_rfc3339("2026-03-16T13:24:00Z").expect("epoch");
    p.initial = InitialState::Tle {
        line1: "1 25544U 98067A   26076.83874734  .00009567  00000+0  18567-3 0  9991".into(),
        line2: "2 25544  51.6336  32.0723 0006231 202.9067 157.1644 15.48349303557590".into(),
    };
    p.burns = vec![Burn {
        start_s: 11_490.0 + k as f64,
        delta_v_m_s: 110.0,
        thrust_n: 2950.0,
        isp_s: 302.0,
        pitch_rad: 0.0,
        yaw_rad: 0.0,
    }];
    if let Some(v) = p.vehicle.as_mut() {
        v.mass_kg = 5800.0;
        v.reference_area_m2 = 15.0;
    }
    p.fragments.truncate(1);
    p
}

fn bench_trajectory(c: &mut Criterion) {
    let atmosphere = Arc::new(Atmosphere::Us76);
    let problems: Vec<Problem> = (0..ENTRIES).map(|k| entry(k, &atmosphere)).collect();
    let flights: u64 = (ENTRIES * 4) as u64;
    let reference_steps: u64 = problems
        .iter()
        .map(|p| reference::solve_with_steps(p, None).1)
        .sum();
    let lane_steps = lanes::solve_problems_with_stats(&problems, None)
        .1
        .lane_steps;
    eprintln!("attempted steps: reference {reference_steps}, lanes {lane_steps}");

    let mut group = c.benchmark_group("trajectory/flights");
    group.throughput(Throughput::Elements(flights));
    group.sample_size(20);
    group.bench_function("reference", |b| {
        b.iter(|| solve_batch(black_box(&problems), Kernel::Reference))
    });
    group.bench_function("lanes", |b| {
        b.iter(|| solve_batch(black_box(&problems), Kernel::Lanes))
    });
    group.finish();

    let mut group = c.benchmark_group("trajectory/lane-steps");
    group.sample_size(20);
    group.throughput(Throughput::Elements(reference_steps));
    group.bench_function("reference", |b| {
        b.iter(|| solve_batch(black_box(&problems), Kernel::Reference))
    });
    group.throughput(Throughput::Elements(lane_steps));
    group.bench_function("lanes", |b| {
        b.iter(|| solve_batch(black_box(&problems), Kernel::Lanes))
    });
    group.finish();

    let deorbits: Vec<Problem> = (0..DEORBITS).map(|k| deorbit(k, &atmosphere)).collect();
    let mut group = c.benchmark_group("trajectory/deorbit-flights");
    group.throughput(Throughput::Elements((DEORBITS * 2) as u64));
    group.sample_size(10);
    group.bench_function("reference", |b| {
        b.iter(|| solve_batch(black_box(&deorbits), Kernel::Reference))
    });
    group.bench_function("lanes", |b| {
        b.iter(|| solve_batch(black_box(&deorbits), Kernel::Lanes))
    });
    group.finish();
}

/// Interleaved reference/lanes runs of both workloads; the fastest of `runs` of each.
fn min_of(runs: usize) {
    let atmosphere = Arc::new(Atmosphere::Us76);
    let entries: Vec<Problem> = (0..ENTRIES).map(|k| entry(k, &atmosphere)).collect();
    let deorbits: Vec<Problem> = (0..DEORBITS).map(|k| deorbit(k, &atmosphere)).collect();
    println!("entries (p3-like, {} flights):", ENTRIES * 4);
    min_of_workload(runs, &entries, (ENTRIES * 4) as f64);
    println!("deorbits (p4-like, {} flights):", DEORBITS * 2);
    min_of_workload(runs, &deorbits, (DEORBITS * 2) as f64);
}

fn min_of_workload(runs: usize, problems: &[Problem], flights: f64) {
    let reference_steps: u64 = problems
        .iter()
        .map(|p| reference::solve_with_steps(p, None).1)
        .sum();
    let lane_steps = lanes::solve_problems_with_stats(problems, None)
        .1
        .lane_steps;
    let (mut best_reference, mut best_lanes) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..runs {
        let t = std::time::Instant::now();
        black_box(solve_batch(black_box(problems), Kernel::Reference));
        best_reference = best_reference.min(t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        black_box(solve_batch(black_box(problems), Kernel::Lanes));
        best_lanes = best_lanes.min(t.elapsed().as_secs_f64());
    }
    for (name, t, steps) in [
        ("reference", best_reference, reference_steps),
        ("lanes", best_lanes, lane_steps),
    ] {
        println!(
            "{name}: {:.2} ms, {:.0} flights/s, {:.0} lane-steps/s ({steps} steps)",
            t * 1e3,
            flights / t,
            steps as f64 / t
        );
    }
    println!("lanes / reference: {:.2}", best_reference / best_lanes);
}

criterion_group!(benches, bench_trajectory);

fn main() {
    if let Some(runs) = reentry_benches::min_of_runs("TRAJECTORY_MIN_OF") {
        min_of(runs);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
