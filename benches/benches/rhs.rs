//! The solver's right-hand side (`reentry_solver::model::{reference, lanes}::rhs`): lane-
//! evaluations per second of the fragment equations (geodetic altitude, atmosphere, bridged drag,
//! J2 gravity, frame terms, bridged DKR heating, lumped heat balance), reference vs lanes, for
//! the canonical sphere ([`reentry_benches::canonical`]) with US76 and with the single-band
//! exponential atmosphere, at LANES states spread over 60–120 km (continuum to free-molecular).
//!
//! `cargo bench -p reentry-benches --bench rhs`; results and the roofline in docs/performance.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reentry_atmosphere::Atmosphere;
use reentry_lanes::{F64s, LANES};
use reentry_solver::model::{self, ModelEnvironment, NodeModel, STATE_LEN};

/// LANES states of the canonical sphere from 60 to 120 km (ECEF, m and m/s; mass and
/// temperature mid-flight): the altitude spread exercises every branch of the bridges.
fn states() -> [[f64; STATE_LEN]; LANES] {
    std::array::from_fn(|i| {
        let altitude_m = 60_000.0 + 60_000.0 * i as f64 / (LANES - 1) as f64;
        let latitude_rad = (-40.0 - i as f64).to_radians();
        let (r, v) = reentry_physics::earth::frames::ecef_state_from_entry(
            latitude_rad,
            (-150.0_f64).to_radians(),
            altitude_m,
            7_000.0,
            (-2.0_f64).to_radians(),
            (120.0_f64).to_radians(),
        );
        [
            r[0],
            r[1],
            r[2],
            v[0],
            v[1],
            v[2],
            1.2,
            700.0 + 30.0 * i as f64,
        ]
    })
}

fn bench_rhs(c: &mut Criterion) {
    let problem = reentry_benches::canonical::canonical_problem();
    let node = NodeModel::fragment(&problem.fragments[0]);
    let states = states();
    let atmospheres = [
        ("us76", Arc::new(Atmosphere::Us76)),
        ("exponential", Arc::clone(&problem.environment.atmosphere)),
    ];
    for (name, atmosphere) in atmospheres {
        let mut environment = problem.environment.clone();
        environment.atmosphere = Arc::clone(&atmosphere);
        let env = ModelEnvironment::new(&environment, problem.epoch.j2000_s);
        let mut group = c.benchmark_group(format!("rhs/{name}"));
        group.throughput(Throughput::Elements(LANES as u64));
        group.bench_function("reference", |b| {
            b.iter(|| {
                for y in &states {
                    black_box(model::reference::rhs(
                        0.0,
                        black_box(y),
                        &node,
                        &env,
                        &atmosphere,
                        None,
                    ));
                }
            })
        });
        let node_lanes = model::lanes::NodeLanes::gather(&[node; LANES]);
        let env_lanes = model::lanes::EnvironmentLanes::gather(&[env; LANES]);
        let y_lanes: [F64s; STATE_LEN] = std::array::from_fn(|c| {
            F64s::from(std::array::from_fn::<f64, LANES, _>(|i| states[i][c]))
        });
        group.bench_function("lanes", |b| {
            b.iter(|| {
                black_box(model::lanes::rhs(
                    F64s::ZERO,
                    black_box(&y_lanes),
                    &node_lanes,
                    &env_lanes,
                    &atmosphere,
                    None,
                ))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_rhs);
criterion_main!(benches);
