//! The fragment tree (PHYSICS.md §6): in-flight releases at a child's own altitude, children of
//! a demised fragment released at its demise with its state and temperature, children of a
//! landed parent landing with it, burns on a single root without a vehicle.

mod common;

use reentry_physics::aero::Shape;
use reentry_solver::{
    Fate, FragmentOutcome, FragmentSpec, Kernel, NodeId, Parent, Problem, SampleOutcome,
    SolveOptions, solve,
};

/// Released nodes start within this of their release altitude (m): the crossing is located to
/// 1 µs, i.e. to 1 mm at the < 1 km/s sink rate of an entry, and the step to it adds the
/// integration error of one step (mm).
const RELEASE_ALTITUDE_TOL_M: f64 = 1.0;

/// An aluminium plate `length_m` × 1 m × 2 cm of `mass_kg`, a child of the vehicle released at
/// `release_altitude_m`.
fn released_panel(id: &str, length_m: f64, mass_kg: f64, release_altitude_m: f64) -> FragmentSpec {
    let mut panel = common::fragment(
        id,
        Parent::Vehicle,
        Shape::Plate {
            length_m,
            width_m: 1.0,
            thickness_m: 0.02,
        },
        mass_kg,
        "aluminium-2024",
        false,
    );
    panel.release_altitude_m = Some(release_altitude_m);
    panel
}

/// `problem` solved with `kernel`, without time histories.
fn solve_with(problem: &Problem, kernel: Kernel) -> SampleOutcome {
    solve(
        problem,
        &SolveOptions {
            kernel,
            trajectory_step_s: None,
        },
    )
}

/// The outcome of `node`.
fn outcome(out: &SampleOutcome, node: NodeId) -> &FragmentOutcome {
    out.nodes.iter().find(|n| n.node == node).expect("node")
}

#[test]
fn releases_demise_children_and_contained_children() {
    let mut p = common::p3();
    // A solar panel lost at 95 km, before break-up.
    p.fragments
        .push(released_panel("solar-array", 2.0, 8.0, 95e3)); // index 3
    // A steel bolt inside the demising aluminium panel (index 1): released at its demise.
    p.fragments.push(common::fragment(
        "bolt",
        Parent::Fragment(1),
        Shape::Cylinder {
            diameter_m: 0.02,
            length_m: 0.05,
        },
        0.12,
        "stainless-316",
        false,
    )); // index 4
    // A titanium part inside the landing engine (index 2): lands with it.
    p.fragments.push(common::fragment(
        "inner",
        Parent::Fragment(2),
        Shape::Sphere { diameter_m: 0.1 },
        1.0,
        "titanium-6al4v",
        false,
    )); // index 5
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_with(&p, kernel);
        let node = |id: NodeId| outcome(&out, id);
        let vehicle = node(NodeId::Vehicle);
        assert_eq!(vehicle.fate, Fate::BrokeUp);
        let array = node(NodeId::Fragment(3));
        let release = array.release_altitude_m.expect("released");
        assert!(
            (release - 95e3).abs() < RELEASE_ALTITUDE_TOL_M,
            "{kernel:?}: {release}"
        );
        assert_ne!(array.fate, Fate::NonFinite);
        let plate = node(NodeId::Fragment(1));
        assert_eq!(plate.fate, Fate::Demised);
        let bolt = node(NodeId::Fragment(4));
        let bolt_release = bolt
            .release_altitude_m
            .expect("released at the plate's demise");
        assert!(
            (bolt_release - plate.demise_altitude_m.expect("demised")).abs()
                < RELEASE_ALTITUDE_TOL_M
        );
        assert!(bolt.end_time_s > plate.end_time_s);
        // The bolt starts at the plate's temperature (T_m of aluminium-2024, 860 K), below its own
        // melt temperature, so its peak is at least that.
        assert!(bolt.peak_temperature_k.is_some_and(|t| t >= 860.0 - 1e-9));
        let engine = node(NodeId::Fragment(2));
        let inner = node(NodeId::Fragment(5));
        assert_eq!(engine.fate, Fate::Landed);
        assert_eq!(inner.fate, Fate::Landed);
        assert_eq!(inner.end_time_s, engine.end_time_s);
        assert_eq!(inner.end_position_ecef_m, engine.end_position_ecef_m);
        assert_eq!(inner.impact_speed_m_s, engine.impact_speed_m_s);
        assert_eq!(inner.mass_kg, 1.0);
        assert_eq!(inner.release_altitude_m, None);
    }
}

#[test]
fn a_single_root_without_vehicle_performs_the_burns() {
    // p4's orbit and burn flown by a lone steel sphere instead of the vehicle.
    let mut p = common::p4();
    let vehicle = p.vehicle.take().expect("p4 has a vehicle");
    let mut sphere = common::fragment(
        "ballast",
        Parent::None,
        Shape::Sphere { diameter_m: 4.0 },
        vehicle.mass_kg,
        "stainless-316",
        true,
    );
    sphere.drag_coefficient = Some(vehicle.drag_coefficient);
    sphere.reference_area_m2 = Some(vehicle.reference_area_m2);
    p.fragments = vec![sphere];
    let out = solve(&p, &SolveOptions::default());
    let n = &out.nodes[0];
    assert_ne!(n.fate, Fate::NonFinite);
    // Rocket equation with Δv 110 m/s, Isp 302 s: the burn consumed m0 (1 − e^(−Δv/(Isp g0))).
    let burned = vehicle.mass_kg * (1.0 - (-110.0f64 / (302.0 * 9.80665)).exp());
    assert!(
        n.mass_kg <= vehicle.mass_kg - burned + 1e-6,
        "mass {}",
        n.mass_kg
    );
    // It re-enters and ends in the South Pacific as p4's vehicle does (break-up at -41.26°).
    assert!(
        n.end_time_s > 13_000.0 && n.end_time_s < 16_000.0,
        "{}",
        n.end_time_s
    );
}

#[test]
fn the_vehicle_hands_over_the_mass_of_what_it_releases_in_flight() {
    let mut p = common::p3();
    // Two solar panels lost at 95 km, and at 90 km a bracket holding three bolts (released
    // when the bracket demises): 2 × 8 kg, then 20 kg + 3 × 0.5 kg leave the vehicle.
    let mut panel = released_panel("solar-array", 2.0, 8.0, 95e3);
    panel.count = 2;
    p.fragments.push(panel); // index 3
    let mut bracket = common::fragment(
        "bracket",
        Parent::Vehicle,
        Shape::Box {
            length_m: 0.4,
            width_m: 0.3,
            height_m: 0.1,
        },
        20.0,
        "aluminium-2024",
        false,
    );
    bracket.release_altitude_m = Some(90e3);
    p.fragments.push(bracket); // index 4
    let mut bolt = common::fragment(
        "bolt",
        Parent::Fragment(4),
        Shape::Cylinder {
            diameter_m: 0.02,
            length_m: 0.05,
        },
        0.5,
        "stainless-316",
        false,
    );
    bolt.count = 3;
    p.fragments.push(bolt); // index 5
    let handed_kg = 2.0 * 8.0 + 20.0 + 3.0 * 0.5;
    // The same pieces released at break-up instead: the vehicle keeps its mass to 78 km.
    let mut at_breakup = p.clone();
    at_breakup.fragments[3].release_altitude_m = None;
    at_breakup.fragments[4].release_altitude_m = None;
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let (out, out_at_breakup) = (solve_with(&p, kernel), solve_with(&at_breakup, kernel));
        let lighter = outcome(&out, NodeId::Vehicle);
        let heavier = outcome(&out_at_breakup, NodeId::Vehicle);
        assert_eq!(lighter.fate, Fate::BrokeUp);
        // No burn: the vehicle's mass changes only at the releases.
        assert_eq!(lighter.mass_kg, 4000.0 - handed_kg, "{kernel:?}");
        assert_eq!(heavier.mass_kg, 4000.0, "{kernel:?}");
        // Lighter below 95 km, its drag decelerates it more: it is slower at break-up.
        let speed = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
        assert!(
            speed(lighter.end_velocity_ecef_m_s) < speed(heavier.end_velocity_ecef_m_s),
            "{kernel:?}"
        );
    }
}

#[test]
fn a_release_never_leaves_the_vehicle_lighter_than_what_it_still_carries() {
    // Fragment masses that outweigh the vehicle (a Monte Carlo mass dispersion can draw them):
    // after handing over the 90 kg panel, the 100 kg vehicle is the 50 kg engine it still
    // carries, not 10 kg.
    let mut p = common::p3();
    p.vehicle.as_mut().expect("p3 has a vehicle").mass_kg = 100.0;
    p.fragments[0].mass_kg = 50.0;
    p.fragments.truncate(1);
    p.fragments.push(released_panel("panel", 2.0, 90.0, 95e3));
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_with(&p, kernel);
        let vehicle = outcome(&out, NodeId::Vehicle);
        assert_eq!(vehicle.fate, Fate::BrokeUp, "{kernel:?}");
        assert_eq!(vehicle.mass_kg, 50.0, "{kernel:?}");
    }
}

#[test]
fn a_vehicle_that_releases_all_its_mass_in_flight_comes_apart_there() {
    // The 4000 kg vehicle is one 4000 kg panel, released at 95 km: the vehicle ends there
    // (broken up, nothing left) instead of flying on with no mass.
    let mut p = common::p3();
    let mut panel = released_panel("panel", 10.0, 4000.0, 95e3);
    panel.shape = Shape::Plate {
        length_m: 10.0,
        width_m: 10.0,
        thickness_m: 0.05,
    };
    p.fragments = vec![panel];
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve_with(&p, kernel);
        let vehicle = outcome(&out, NodeId::Vehicle);
        assert_eq!(vehicle.fate, Fate::BrokeUp, "{kernel:?}");
        assert_eq!(vehicle.mass_kg, 0.0, "{kernel:?}");
        assert!(
            (vehicle.end_altitude_m - 95e3).abs() < RELEASE_ALTITUDE_TOL_M,
            "{kernel:?}: {}",
            vehicle.end_altitude_m
        );
        assert_ne!(
            outcome(&out, NodeId::Fragment(0)).fate,
            Fate::NonFinite,
            "{kernel:?}"
        );
    }
}

/// A released node starts with its parent's velocity plus its separation velocity
/// (PHYSICS.md §6), in both kernels and in a batch; a node without one starts with the parent's
/// velocity, so the scenario without separation is unchanged; a node that lands inside its
/// parent never separates.
#[test]
fn a_released_node_starts_with_its_separation_velocity() {
    let mut p = common::p3();
    // Engine (index 2): thrown 150 m/s to one side at the break-up.
    let separation = [0.0, 120.0, -90.0];
    p.fragments[2].separation_velocity_ecef_m_s = separation;
    // A part inside the engine: it lands with it and never separates.
    p.fragments.push(common::fragment(
        "inner",
        Parent::Fragment(2),
        Shape::Sphere { diameter_m: 0.1 },
        1.0,
        "titanium-6al4v",
        false,
    ));
    p.fragments[3].separation_velocity_ecef_m_s = [1e3, 0.0, 0.0];
    let without = {
        let mut q = p.clone();
        q.fragments[2].separation_velocity_ecef_m_s = [0.0; 3];
        q
    };
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let out = solve(
            &p,
            &SolveOptions {
                kernel,
                trajectory_step_s: Some(1.0),
            },
        );
        let vehicle = outcome(&out, NodeId::Vehicle);
        let v = vehicle.end_velocity_ecef_m_s;
        let expected: f64 = (0..3)
            .map(|k| (v[k] + separation[k]).powi(2))
            .sum::<f64>()
            .sqrt();
        let first = out
            .trajectory
            .iter()
            .find(|t| t.node == NodeId::Fragment(2))
            .expect("engine history");
        assert_eq!(first.time_s, vehicle.end_time_s, "{kernel:?}");
        assert!(
            (first.speed_m_s - expected).abs() < 1e-9 * expected,
            "{kernel:?}: {} vs {expected}",
            first.speed_m_s
        );
        // The other children keep the parent's velocity: same outcomes as without separation.
        let plain = solve_with(&without, kernel);
        assert_eq!(out.nodes[..3], plain.nodes[..3], "{kernel:?}");
        let engine = outcome(&out, NodeId::Fragment(2));
        assert_ne!(
            engine.end_position_ecef_m,
            outcome(&plain, NodeId::Fragment(2)).end_position_ecef_m
        );
        let inner = outcome(&out, NodeId::Fragment(3));
        assert_eq!(engine.fate, Fate::Landed, "{kernel:?}");
        assert_eq!(inner.end_position_ecef_m, engine.end_position_ecef_m);
    }
    // A batch gives the same engine impact as the single solve.
    let batch = reentry_solver::solve_batch(&[without.clone(), p.clone()], Kernel::Lanes);
    let single = solve_with(&p, Kernel::Lanes);
    assert_eq!(
        outcome(&batch[1], NodeId::Fragment(2)).end_position_ecef_m,
        outcome(&single, NodeId::Fragment(2)).end_position_ecef_m
    );
}
