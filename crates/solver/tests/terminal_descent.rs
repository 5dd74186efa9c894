//! `Tolerances::terminal_descent` against step-by-step integration to the ground: the same
//! fates, masses unchanged, impacts within metres and impact speeds within 0.5 %, on US76 and
//! NRLMSISE-00 entries whose survivors fall at 20–100 m/s; and fewer steps.

mod common;

use reentry_solver::{
    Fate, HorizontalUpdate, InitialState, Kernel, Problem, lanes, reference, solve_batch,
};

/// Impact points agree to this (m). Measured worst: printed by the test (about 1 m on these
/// entries; 1.3 m over 100 samples of the Progress MS-31 run).
const POSITION_TOL_M: f64 = 25.0;
/// Impact times agree to this (s): the quadrature's lag term is first order in
/// δ = V_t dV_t/dh / (2g) ≤ 0.05, so about δ² of the fall time is left.
const TIME_TOL_S: f64 = 2.0;
/// Impact speeds agree to this relative amount (the same second-order lag).
const SPEED_REL_TOL: f64 = 5e-3;

fn problems() -> Vec<Problem> {
    let msis = common::nrlmsise00(150.0, 150.0, 4.0);
    let mut out = Vec::new();
    for (k, base) in [common::p2(), common::p3()].into_iter().enumerate() {
        for j in 0..3 {
            let mut p = base.clone();
            if let InitialState::Entry(e) = &mut p.initial {
                e.heading_rad += 0.5 * j as f64 + 0.2 * k as f64;
                e.flight_path_angle_rad -= (0.5 * j as f64).to_radians();
            }
            out.push(p.clone());
            p.environment.atmosphere = msis.clone();
            if j == 2 {
                p.environment.horizontal_update = HorizontalUpdate::PerStep;
            }
            out.push(p);
        }
    }
    out
}

fn with_terminal_descent(problems: &[Problem]) -> Vec<Problem> {
    problems
        .iter()
        .cloned()
        .map(|mut p| {
            p.tolerances.terminal_descent = true;
            p
        })
        .collect()
}

#[test]
fn terminal_descent_lands_where_the_integration_does() {
    let integrated = problems();
    let quadrature = with_terminal_descent(&integrated);
    for kernel in [Kernel::Reference, Kernel::Lanes] {
        let a = solve_batch(&integrated, kernel);
        let b = solve_batch(&quadrature, kernel);
        let (mut worst_m, mut worst_s, mut worst_v) = (0.0f64, 0.0f64, 0.0f64);
        let mut landed = 0;
        for (sa, sb) in a.iter().zip(&b) {
            for (x, y) in sa.nodes.iter().zip(&sb.nodes) {
                assert_eq!(x.fate, y.fate, "{kernel:?} {:?}", x.node);
                assert_eq!(x.mass_kg, y.mass_kg, "{kernel:?} {:?}: mass", x.node);
                if x.fate != Fate::Landed {
                    continue;
                }
                landed += 1;
                let d = common::end_distance_m(x, y);
                worst_m = worst_m.max(d);
                worst_s = worst_s.max((x.end_time_s - y.end_time_s).abs());
                let (u, v) = (
                    x.impact_speed_m_s.expect("landed"),
                    y.impact_speed_m_s.expect("landed"),
                );
                worst_v = worst_v.max((u / v - 1.0).abs());
                assert!(
                    y.end_altitude_m.abs() < 1.0,
                    "{kernel:?} {:?}: ends at {} m",
                    y.node,
                    y.end_altitude_m
                );
            }
        }
        eprintln!(
            "{kernel:?}: {landed} landed objects; terminal descent vs integration: impacts within \
             {worst_m:.2} m, times within {worst_s:.3} s, speeds within {worst_v:.2e}"
        );
        assert!(landed >= 12, "{landed}");
        assert!(worst_m < POSITION_TOL_M, "{kernel:?}: {worst_m} m");
        assert!(worst_s < TIME_TOL_S, "{kernel:?}: {worst_s} s");
        assert!(worst_v < SPEED_REL_TOL, "{kernel:?}: {worst_v:e}");
    }
}

#[test]
fn terminal_descent_saves_steps_on_both_paths() {
    let integrated = problems();
    let quadrature = with_terminal_descent(&integrated);
    let steps = |ps: &[Problem]| -> u64 {
        ps.iter()
            .map(|p| reference::solve_with_steps(p, None).1)
            .sum()
    };
    let (a, b) = (steps(&integrated), steps(&quadrature));
    eprintln!("reference steps: {a} integrated, {b} with terminal descent");
    assert!(b * 10 < a * 9, "{b} of {a}");
    let lane_steps = |ps: &[Problem]| lanes::solve_problems_with_stats(ps, None).1.lane_steps;
    let (a, b) = (lane_steps(&integrated), lane_steps(&quadrature));
    eprintln!("lane steps: {a} integrated, {b} with terminal descent");
    assert!(b * 10 < a * 9, "{b} of {a}");
}

/// A flight whose time history is recorded is integrated to the ground, so the rows cover it.
#[test]
fn recorded_flights_are_integrated_to_the_ground() {
    let p = with_terminal_descent(&[common::p2()]).remove(0);
    let with_rows = reference::solve(&p, Some(1.0));
    let mut integrated = p.clone();
    integrated.tolerances.terminal_descent = false;
    assert_eq!(with_rows, reference::solve(&integrated, Some(1.0)));
}
