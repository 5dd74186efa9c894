//! Nothing panics: a state that turns non-finite ends its node with `non-finite` (and its
//! children with it), in both kernels and inside a batch of healthy lanes; a time limit ends a
//! node with `time-limit`.

mod common;

use reentry_solver::{Fate, Kernel, Parent, Problem, solve_batch};

fn broken() -> Problem {
    // A zero heat of fusion: the mass rate becomes infinite when the sphere starts to melt,
    // half-way down.
    let mut p = common::p1();
    p.fragments[0].material.heat_of_fusion_j_kg = 0.0;
    p
}

#[test]
fn non_finite_lanes_end_cleanly_next_to_healthy_ones() {
    let mut with_child = common::p3();
    with_child
        .vehicle
        .as_mut()
        .expect("p3 has a vehicle")
        .mass_kg = f64::NAN;
    let problems = vec![
        common::p1(),
        broken(),
        common::p2(),
        with_child,
        common::p1(),
    ];
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_batch(&problems, kernel);
        assert_eq!(out[0].nodes[0].fate, Fate::Demised, "{kernel:?}");
        assert_eq!(out[1].nodes[0].fate, Fate::NonFinite, "{kernel:?}");
        assert_eq!(out[2].nodes[0].fate, Fate::Landed, "{kernel:?}");
        assert!(
            out[3].nodes.iter().all(|n| n.fate == Fate::NonFinite),
            "{kernel:?}: children end with their parent"
        );
        assert_eq!(out[4], out[0], "{kernel:?}");
    }
}

/// An entry a hair above the ground (1 nm: the two kernels' geodetic altitudes differ by about
/// that much there) lands at once in both kernels. The lanes kernel used to put it just below
/// the ground, miss the crossing and fly underground to the time limit.
#[test]
fn entry_a_hair_above_the_ground_lands_at_once() {
    let mut p = common::p1();
    p.initial = common::entry(-35.0, -160.0, 1e-12, 7400.0, -1.0, 100.0);
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_batch(std::slice::from_ref(&p), kernel);
        let n = &out[0].nodes[0];
        assert_eq!(n.fate, Fate::Landed, "{kernel:?}");
        assert!(n.end_time_s < 1e-3, "{kernel:?}: {} s", n.end_time_s);
        assert!(
            n.end_altitude_m.abs() < 1e-3,
            "{kernel:?}: {} m",
            n.end_altitude_m
        );
    }
}

#[test]
fn time_limit_ends_the_flight_at_the_limit() {
    let mut p = common::p2();
    p.tolerances.max_time_s = 100.0;
    let mut child = p.fragments[0].clone();
    child.id = "inside".into();
    child.parent = Parent::Fragment(0);
    p.fragments.push(child);
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_batch(std::slice::from_ref(&p), kernel);
        for n in &out[0].nodes {
            assert_eq!(n.fate, Fate::TimeLimit, "{kernel:?} {:?}", n.node);
            assert_eq!(n.end_time_s, 100.0);
        }
    }
}
