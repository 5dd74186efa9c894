//! Physical sanity (PHYSICS.md §9, reference/validation-cases.md §6): the Delta II second
//! stage's recovered items, released at 77.8 km (7.4 km/s, γ = −1°), both reached the ground in
//! 1997; and what the model says of solid aluminium spheres from the same release (no
//! observation). The table printed here is the one in docs/validation.md.

mod common;

use reentry_physics::aero::Shape;
use reentry_solver::{Fate, Kernel, Parent, SolveOptions, solve};

#[test]
fn delta_ii_items_survive_and_aluminium_spheres_report() {
    let mut p = common::p2();
    for d in [0.1, 0.2, 0.3] {
        // Solid sphere: m = ρ π d³/6 with aluminium-6061's 2700 kg/m³.
        let mass_kg = 2700.0 * std::f64::consts::PI * d * d * d / 6.0;
        p.fragments.push(common::fragment(
            &format!("al-sphere-{d}"),
            Parent::None,
            Shape::Sphere { diameter_m: d },
            mass_kg,
            "aluminium-6061",
            false,
        ));
    }
    let out = solve(
        &p,
        &SolveOptions {
            kernel: Kernel::Lanes,
            trajectory_step_s: None,
        },
    );
    eprintln!(
        "| object | fate | end alt / demise alt (km) | impact speed (m/s) | mass (kg) | peak q_s (MW/m²) | peak T (K) | peak decel (g) |"
    );
    for (n, f) in out.nodes.iter().zip(&p.fragments) {
        eprintln!(
            "| {} | {} | {} | {} | {:.4} | {:.3} | {:.0} | {:.2} |",
            f.id,
            n.fate.as_str(),
            n.demise_altitude_m
                .map_or(format!("{:.2}", n.end_altitude_m / 1e3), |a| format!(
                    "{:.2}",
                    a / 1e3
                )),
            n.impact_speed_m_s
                .map_or("–".to_string(), |v| format!("{v:.1}")),
            n.mass_kg,
            n.peak_heat_flux_w_m2.unwrap_or(0.0) / 1e6,
            n.peak_temperature_k.unwrap_or(0.0),
            n.peak_deceleration_g
        );
    }
    // Observed: both items were recovered on the ground (Ailor et al. 2005).
    assert_eq!(
        out.nodes[0].fate,
        Fate::Landed,
        "Ti-6Al-4V pressurant sphere"
    );
    assert_eq!(out.nodes[1].fate, Fate::Landed, "steel propellant tank");
    // Neither melted: peak temperature below the melt temperature, mass intact.
    assert!(out.nodes[0].peak_temperature_k.is_some_and(|t| t < 1905.0));
    assert!(out.nodes[1].peak_temperature_k.is_some_and(|t| t < 1665.0));
    // Survivors of orbital entries hit at terminal speed, well below 300 m/s (Ostrom 2015).
    assert!(
        out.nodes[..2]
            .iter()
            .all(|n| n.impact_speed_m_s.is_some_and(|v| v > 20.0 && v < 300.0))
    );
    // The aluminium spheres are reported, not judged; they must end cleanly.
    assert!(
        out.nodes[2..]
            .iter()
            .all(|n| matches!(n.fate, Fate::Landed | Fate::Demised))
    );
}
