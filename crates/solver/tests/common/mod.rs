//! Problems of the public solver cases (reference/solver-cases/*.toml), built by hand with the
//! material properties of PHYSICS.md §5.
#![allow(dead_code)]

use std::sync::Arc;

use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_physics::aero::Shape;
use reentry_physics::thermal::Material;
use reentry_solver::{
    Burn, EntryState, Environment, FragmentOutcome, FragmentSpec, Gravity, HeatingModel,
    InitialState, Parent, Problem, Tolerances, Vehicle,
};

/// A material row of PHYSICS.md §5 (ρ, c_p, T_m, h_f in kJ/kg, ε).
pub fn material(id: &str) -> Material {
    let (rho, cp, tm, hf_kj, eps) = match id {
        "aluminium-6061" => (2700.0, 896.0, 855.0, 386.0, 0.30),
        "aluminium-2024" => (2780.0, 875.0, 860.0, 390.0, 0.30),
        "titanium-6al4v" => (4430.0, 670.0, 1905.0, 338.0, 0.77),
        "stainless-316" => (8000.0, 640.0, 1665.0, 270.0, 0.85),
        other => panic!("material {other} not in the test table"),
    };
    Material {
        id: id.to_string(),
        density_kg_m3: rho,
        specific_heat_j_kg_k: cp,
        melt_temperature_k: tm,
        heat_of_fusion_j_kg: hf_kj * 1e3,
        emissivity: eps,
        ..Default::default()
    }
}

/// A fragment with the scenario defaults (count 1, no overrides, scales 1, 300 K).
pub fn fragment(
    id: &str,
    parent: Parent,
    shape: Shape,
    mass_kg: f64,
    material_id: &str,
    hollow: bool,
) -> FragmentSpec {
    FragmentSpec {
        parent,
        ..FragmentSpec::new(id, shape, material(material_id), mass_kg, hollow)
    }
}

/// US76, J2, DKR, rotating Earth.
pub fn environment() -> Environment {
    Environment {
        atmosphere: Arc::new(Atmosphere::Us76),
        density_scale: 1.0,
        gravity: Gravity::J2,
        heating: HeatingModel::DetraKempRiddell,
        rotating_earth: true,
        oxidation_efficiency: 0.0,
        horizontal_update: reentry_solver::HorizontalUpdate::EveryStage,
    }
}

/// An entry state in degrees and km.
pub fn entry(
    lat_deg: f64,
    lon_deg: f64,
    alt_km: f64,
    speed_m_s: f64,
    fpa_deg: f64,
    heading_deg: f64,
) -> InitialState {
    InitialState::Entry(EntryState {
        latitude_rad: lat_deg.to_radians(),
        longitude_rad: lon_deg.to_radians(),
        altitude_m: alt_km * 1e3,
        speed_m_s,
        flight_path_angle_rad: fpa_deg.to_radians(),
        heading_rad: heading_deg.to_radians(),
    })
}

fn epoch(text: &str) -> Epoch {
    Epoch::parse_rfc3339(text).expect("test epoch")
}

/// p1-aluminium-sphere.toml.
pub fn p1() -> Problem {
    Problem {
        epoch: epoch("2026-03-16T17:10:00Z"),
        initial: entry(-35.0, -160.0, 78.0, 7400.0, -1.0, 100.0),
        burns: Vec::new(),
        environment: environment(),
        vehicle: None,
        fragments: vec![fragment(
            "al-sphere",
            Parent::None,
            Shape::Sphere { diameter_m: 0.12 },
            2.443,
            "aluminium-6061",
            false,
        )],
        tolerances: Tolerances::default(),
    }
}

/// p2-delta-ii-items.toml.
pub fn p2() -> Problem {
    Problem {
        epoch: epoch("1997-01-22T09:30:00Z"),
        initial: entry(25.0, -103.0, 77.8, 7400.0, -1.0, 60.0),
        burns: Vec::new(),
        environment: environment(),
        vehicle: None,
        fragments: vec![
            fragment(
                "pressurant-sphere",
                Parent::None,
                Shape::Sphere { diameter_m: 0.6 },
                30.0,
                "titanium-6al4v",
                true,
            ),
            fragment(
                "propellant-tank",
                Parent::None,
                Shape::Cylinder {
                    diameter_m: 1.6,
                    length_m: 2.5,
                },
                250.0,
                "stainless-316",
                true,
            ),
        ],
        tolerances: Tolerances::default(),
    }
}

fn p3_p4_vehicle(name: &str, mass_kg: f64, cd: f64, area_m2: f64) -> Vehicle {
    Vehicle {
        name: name.to_string(),
        mass_kg,
        drag_coefficient: cd,
        reference_area_m2: area_m2,
        breakup_altitude_m: 78e3,
        lift_to_drag: 0.0,
    }
}

/// p3-vehicle-breakup.toml.
pub fn p3() -> Problem {
    Problem {
        epoch: epoch("2026-03-16T17:05:00Z"),
        initial: entry(-30.0, -175.0, 110.0, 7550.0, -1.3, 110.0),
        burns: Vec::new(),
        environment: environment(),
        vehicle: Some(p3_p4_vehicle("test vehicle", 4000.0, 1.8, 12.0)),
        fragments: vec![
            fragment(
                "he-bottle",
                Parent::Vehicle,
                Shape::Sphere { diameter_m: 0.4 },
                14.0,
                "titanium-6al4v",
                true,
            ),
            fragment(
                "panel",
                Parent::Vehicle,
                Shape::Plate {
                    length_m: 1.0,
                    width_m: 0.8,
                    thickness_m: 0.005,
                },
                10.0,
                "aluminium-2024",
                false,
            ),
            fragment(
                "engine",
                Parent::Vehicle,
                Shape::Cylinder {
                    diameter_m: 0.6,
                    length_m: 0.9,
                },
                55.0,
                "stainless-316",
                true,
            ),
        ],
        tolerances: Tolerances::default(),
    }
}

/// p4-tle-deorbit.toml: ISS TLE, burn at 16:35:30 (11 490 s after the 13:24:00 epoch).
pub fn p4() -> Problem {
    Problem {
        epoch: epoch("2026-03-16T13:24:00Z"),
        initial: InitialState::Tle {
            line1: "1 25544U 98067A   26076.83874734  .00009567  00000+0  18567-3 0  9991".into(),
            line2: "2 25544  51.6336  32.0723 0006231 202.9067 157.1644 15.48349303557590".into(),
        },
        burns: vec![Burn {
            start_s: 11_490.0,
            delta_v_m_s: 110.0,
            thrust_n: 2950.0,
            isp_s: 302.0,
            pitch_rad: 0.0,
            yaw_rad: 0.0,
        }],
        environment: environment(),
        vehicle: Some(p3_p4_vehicle("Progress-like", 5800.0, 1.8, 15.0)),
        fragments: vec![
            fragment(
                "he-bottle",
                Parent::Vehicle,
                Shape::Sphere { diameter_m: 0.4 },
                14.0,
                "titanium-6al4v",
                true,
            ),
            fragment(
                "docking-probe",
                Parent::Vehicle,
                Shape::Cylinder {
                    diameter_m: 0.35,
                    length_m: 0.9,
                },
                110.0,
                "stainless-316",
                true,
            ),
        ],
        tolerances: Tolerances::default(),
    }
}

/// NRLMSISE-00 with constant space weather (F10.7, its 81-day mean, daily Ap), one model to
/// share between problems.
pub fn nrlmsise00(f107_sfu: f64, f107a_sfu: f64, ap: f64) -> Arc<Atmosphere> {
    Arc::new(Atmosphere::Nrlmsise00(Box::new(
        reentry_atmosphere::nrlmsise00::Nrlmsise00::new(
            reentry_atmosphere::space_weather::SpaceWeather::Constant {
                f107_sfu,
                f107a_sfu,
                ap,
            },
        ),
    )))
}

/// Distance between two nodes' end points (ECEF), m.
pub fn end_distance_m(a: &FragmentOutcome, b: &FragmentOutcome) -> f64 {
    (0..3)
        .map(|i| (a.end_position_ecef_m[i] - b.end_position_ecef_m[i]).powi(2))
        .sum::<f64>()
        .sqrt()
}
