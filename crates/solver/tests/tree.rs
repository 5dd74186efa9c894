//! The fragment tree (PHYSICS.md §6): in-flight releases at a child's own altitude, children of
//! a demised fragment released at its demise with its state and temperature, children of a
//! landed parent landing with it, burns on a single root without a vehicle.

mod common;

use reentry_physics::aero::Shape;
use reentry_solver::{Fate, Kernel, NodeId, Parent, SolveOptions, solve};

/// Released nodes start within this of their release altitude (m): the crossing is located to
/// 1 µs, i.e. to 1 mm at the < 1 km/s sink rate of an entry, and the step to it adds the
/// integration error of one step (mm).
const RELEASE_ALTITUDE_TOL_M: f64 = 1.0;

#[test]
fn releases_demise_children_and_contained_children() {
    let mut p = common::p3();
    // A solar panel lost at 95 km, before break-up.
    let mut panel = common::fragment(
        "solar-array",
        Parent::Vehicle,
        Shape::Plate {
            length_m: 2.0,
            width_m: 1.0,
            thickness_m: 0.02,
        },
        8.0,
        "aluminium-2024",
        false,
    );
    panel.release_altitude_m = Some(95e3);
    p.fragments.push(panel); // index 3
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
        let out = solve(
            &p,
            &SolveOptions {
                kernel,
                trajectory_step_s: None,
            },
        );
        let node = |id: NodeId| out.nodes.iter().find(|n| n.node == id).expect("node");
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
