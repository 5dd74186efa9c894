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

/// Oxidation heating (an option, off by default) only adds heat: with the efficiency raised from
/// 0 to 1, an oxidising aluminium sphere keeps less mass (or demises) and an oxidising titanium
/// sphere peaks hotter, while a fragment whose material does not oxidise flies exactly as
/// before. Materials as the built-in table (crates/scenario/data/materials.toml): Al₂O₃ 34.91 MJ
/// per kg O₂ from T_m − 100 K, TiO₂ 29.50 MJ per kg O₂ from 1100 K.
#[test]
fn oxidation_heating_only_adds_heat() {
    let options = SolveOptions {
        kernel: Kernel::Lanes,
        trajectory_step_s: None,
    };
    let mut base = common::p2();
    // Fragment 0: the Ti sphere, oxidising; fragment 1: the steel tank, not oxidising here.
    base.fragments[0].material.oxidation_heat_j_kg_o2 = 29.50e6;
    base.fragments[0].material.oxidation_onset_k = 1100.0;
    let d = 0.3;
    let mut al = common::fragment(
        "al-sphere-0.3",
        Parent::None,
        Shape::Sphere { diameter_m: d },
        2700.0 * std::f64::consts::PI * d * d * d / 6.0,
        "aluminium-6061",
        false,
    );
    al.material.oxidation_heat_j_kg_o2 = 34.91e6;
    al.material.oxidation_onset_k = al.material.melt_temperature_k - 100.0;
    base.fragments.push(al);

    let run = |efficiency: f64| {
        let mut p = base.clone();
        p.environment.oxidation_efficiency = efficiency;
        solve(&p, &options)
    };
    let landed_kg = |n: &reentry_solver::FragmentOutcome| {
        if n.fate == Fate::Landed {
            n.mass_kg
        } else {
            0.0
        }
    };
    let (off, half, full) = (run(0.0), run(0.5), run(1.0));

    // The aluminium sphere survives in part without oxidation and loses mass as η grows.
    let al_kg = [&off, &half, &full].map(|o| landed_kg(&o.nodes[2]));
    assert!(al_kg[0] > 0.0, "lands without oxidation: {al_kg:?}");
    assert!(
        al_kg[1] <= al_kg[0] && al_kg[2] <= al_kg[1] && al_kg[2] < 0.9 * al_kg[0],
        "aluminium landed mass falls with η: {al_kg:?}"
    );
    // The titanium sphere peaks hotter (it stays below its melt temperature either way).
    let ti_peak = [&off, &half, &full].map(|o| o.nodes[0].peak_temperature_k.unwrap_or(0.0));
    assert!(
        ti_peak[1] > ti_peak[0] && ti_peak[2] > ti_peak[1],
        "titanium peak temperature rises with η: {ti_peak:?}"
    );
    // The steel tank's material does not oxidise here: same flight, bit for bit.
    assert_eq!(
        format!("{:?}", off.nodes[1]),
        format!("{:?}", full.nodes[1])
    );
}
