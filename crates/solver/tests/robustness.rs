//! Nothing panics: a state that turns non-finite ends its node with `non-finite` (and its
//! children with it), in both kernels and inside a batch of healthy lanes; a time limit ends a
//! node with `time-limit`; nothing hangs.

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

/// `solve_batch` of one problem in both kernels, each on its own thread: a solve still running
/// after a minute fails the test instead of hanging it.
fn solve_within_a_minute(p: &Problem) -> Vec<reentry_solver::SampleOutcome> {
    [Kernel::Reference, Kernel::Lanes]
        .into_iter()
        .map(|kernel| {
            let (send, receive) = std::sync::mpsc::channel();
            let problem = p.clone();
            std::thread::spawn(move || {
                let mut out = solve_batch(std::slice::from_ref(&problem), kernel);
                let _ = send.send(out.remove(0));
            });
            receive
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("{kernel:?}: no result after 60 s"))
        })
        .collect()
}

/// A burn whose Δv is so small that it takes no representable time (1 − e^(−Δv/ve) rounds to 0)
/// is no burn at all. Its end used to be a boundary at the current time: the step to it had
/// length 0, and so had every step grown from it, for ever.
#[test]
fn a_burn_too_short_to_move_the_clock_is_no_burn() {
    let plain = solve_batch(&[common::p3()], Kernel::Reference).remove(0);
    let mut p = common::p3();
    p.burns = vec![reentry_solver::Burn {
        start_s: 10.0,
        delta_v_m_s: 1e-20,
        thrust_n: 2950.0,
        isp_s: 302.0,
        pitch_rad: 0.0,
        yaw_rad: 0.0,
    }];
    for out in solve_within_a_minute(&p) {
        let fates: Vec<Fate> = out.nodes.iter().map(|n| n.fate).collect();
        let expected: Vec<Fate> = plain.nodes.iter().map(|n| n.fate).collect();
        assert_eq!(fates, expected);
        // The vehicle burnt nothing: it breaks up with all its mass.
        assert_eq!(out.nodes[0].mass_kg, 4000.0);
    }
}

/// A vehicle whose fragments make up its whole mass and are all released in flight keeps, after
/// the last release, only the rounding of the subtracted masses (here 7e-15 kg): it has come
/// apart there. Flying on, that crumb stopped dead in the air and its steps shrank below the
/// smallest step (non-finite).
#[test]
fn a_vehicle_made_up_of_its_fragments_comes_apart_at_its_last_release() {
    let mut p = common::p3();
    let masses = [13.9, 10.3, 55.1];
    let altitudes_m = [100e3, 95e3, 90e3];
    for ((f, m), alt) in p.fragments.iter_mut().zip(masses).zip(altitudes_m) {
        f.mass_kg = m;
        f.release_altitude_m = Some(alt);
    }
    // The vehicle weighs what its fragments weigh together (79.30000000000001 kg in f64).
    let total: f64 = masses.iter().sum();
    p.vehicle.as_mut().expect("p3 has a vehicle").mass_kg = total;
    for out in solve_within_a_minute(&p) {
        let vehicle = &out.nodes[0];
        assert_eq!(vehicle.fate, Fate::BrokeUp);
        assert_eq!(vehicle.mass_kg, 0.0);
        assert!(
            (vehicle.end_altitude_m - 90e3).abs() < 1.0,
            "came apart at {} m, not at the last release",
            vehicle.end_altitude_m
        );
        for n in &out.nodes[1..] {
            assert!(
                matches!(n.fate, Fate::Demised | Fate::Landed),
                "{:?}: {:?}",
                n.node,
                n.fate
            );
        }
    }
}
