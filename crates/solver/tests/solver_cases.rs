//! The end-to-end oracle: the four public solver cases (reference/solver-cases/, results of an
//! independent implementation of PHYSICS.md: DOP853 at rtol 1e-12), through both kernels.

mod common;

use reentry_solver::{Fate, FragmentOutcome, Kernel, Problem, SolveOptions, solve};

/// Positions within 0.01° (solver-cases/README.md).
const POSITION_TOL_DEG: f64 = 0.01;
/// Demise altitude within 0.1 km.
const DEMISE_ALTITUDE_TOL_KM: f64 = 0.1;
/// Speeds and masses within 1 %.
const SPEED_MASS_REL_TOL: f64 = 0.01;
/// Peak heat flux within 2 %.
const HEAT_FLUX_REL_TOL: f64 = 0.02;

/// One row of solver-cases/expected.csv: fragment, fate, end_lat_deg, end_lon_deg,
/// demise_alt_km, impact_speed_m_s, mass_kg, peak_heat_flux_w_m2, end_time_s, peak_decel_g.
struct Expected {
    fate: &'static str,
    end_time_s: f64,
    lat_deg: f64,
    lon_deg: f64,
    demise_alt_km: Option<f64>,
    impact_speed_m_s: Option<f64>,
    mass_kg: f64,
    peak_heat_flux_w_m2: Option<f64>,
    peak_decel_g: f64,
}

// Copied from the project reference notes, solver-cases/expected.csv (independent implementation).
const P1: [Expected; 1] = [Expected {
    fate: "demised",
    end_time_s: 110.493339,
    lat_deg: -35.86604778,
    lon_deg: -151.8371398,
    demise_alt_km: Some(60.18948879),
    impact_speed_m_s: None,
    mass_kg: 0.002443,
    peak_heat_flux_w_m2: Some(4509429.036),
    peak_decel_g: 19.31809988,
}];
const P2: [Expected; 2] = [
    Expected {
        fate: "landed",
        end_time_s: 440.986949,
        lat_deg: 29.11889831,
        lon_deg: -94.26001654,
        demise_alt_km: None,
        impact_speed_m_s: Some(60.04893356),
        mass_kg: 30.0,
        peak_heat_flux_w_m2: Some(1082939.308),
        peak_decel_g: 6.808134218,
    },
    Expected {
        fate: "landed",
        end_time_s: 506.1825667,
        lat_deg: 28.56038551,
        lon_deg: -95.5701467,
        demise_alt_km: None,
        impact_speed_m_s: Some(45.19219628),
        mass_kg: 250.0,
        peak_heat_flux_w_m2: Some(443852.8149),
        peak_decel_g: 6.39239592,
    },
];
const P3: [Expected; 4] = [
    Expected {
        fate: "broke-up",
        end_time_s: 214.6943122,
        lat_deg: -33.80004164,
        lon_deg: -158.7166338,
        demise_alt_km: None,
        impact_speed_m_s: None,
        mass_kg: 4000.0,
        peak_heat_flux_w_m2: None,
        peak_decel_g: 0.3826924007,
    },
    Expected {
        fate: "landed",
        end_time_s: 651.0764907,
        lat_deg: -34.89239986,
        lon_deg: -148.0016508,
        demise_alt_km: None,
        impact_speed_m_s: Some(61.55996695),
        mass_kg: 14.0,
        peak_heat_flux_w_m2: Some(1358107.677),
        peak_decel_g: 6.855702984,
    },
    Expected {
        fate: "demised",
        end_time_s: 274.6144969,
        lat_deg: -34.30902315,
        lon_deg: -154.9420772,
        demise_alt_km: Some(68.87953267),
        impact_speed_m_s: None,
        mass_kg: 0.01,
        peak_heat_flux_w_m2: Some(686784.9296),
        peak_decel_g: 18.53029281,
    },
    Expected {
        fate: "landed",
        end_time_s: 664.6526923,
        lat_deg: -34.87451817,
        lon_deg: -148.3316902,
        demise_alt_km: None,
        impact_speed_m_s: Some(57.48591357),
        mass_kg: 55.0,
        peak_heat_flux_w_m2: Some(888362.4411),
        peak_decel_g: 6.705873664,
    },
];
const P4: [Expected; 3] = [
    Expected {
        fate: "broke-up",
        end_time_s: 13847.77562,
        lat_deg: -41.26191246,
        lon_deg: -171.7328993,
        demise_alt_km: None,
        impact_speed_m_s: None,
        mass_kg: 5588.528062,
        peak_heat_flux_w_m2: None,
        peak_decel_g: 0.3478878219,
    },
    Expected {
        fate: "landed",
        end_time_s: 14290.27293,
        lat_deg: -46.22375835,
        lon_deg: -160.7222184,
        demise_alt_km: None,
        impact_speed_m_s: Some(61.59127113),
        mass_kg: 14.0,
        peak_heat_flux_w_m2: Some(1345510.374),
        peak_decel_g: 6.957428435,
    },
    Expected {
        fate: "landed",
        end_time_s: 14227.07986,
        lat_deg: -47.70765114,
        lon_deg: -156.2405638,
        demise_alt_km: None,
        impact_speed_m_s: Some(114.3670486),
        mass_kg: 110.0,
        peak_heat_flux_w_m2: Some(1981800.603),
        peak_decel_g: 8.016167026,
    },
];

fn lon_diff_deg(a: f64, b: f64) -> f64 {
    ((a - b + 540.0).rem_euclid(360.0) - 180.0).abs()
}

fn compare(name: &str, got: &[FragmentOutcome], expected: &[Expected]) -> Vec<String> {
    let mut failures = Vec::new();
    assert_eq!(got.len(), expected.len(), "{name}: node count");
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        let lat = g.end_latitude_rad.to_degrees();
        let lon = g.end_longitude_rad.to_degrees();
        eprintln!(
            "{name}[{i}] {} t {:.3} ({:.3}) lat {:.5} ({:.5}) lon {:.5} ({:.5}) demise {:?} ({:?}) v {:?} ({:?}) m {:.6} ({}) q {:?} ({:?}) T {:?} decel {:.4} ({:.4})",
            g.fate.as_str(),
            g.end_time_s,
            e.end_time_s,
            lat,
            e.lat_deg,
            lon,
            e.lon_deg,
            g.demise_altitude_m.map(|a| a / 1e3),
            e.demise_alt_km,
            g.impact_speed_m_s,
            e.impact_speed_m_s,
            g.mass_kg,
            e.mass_kg,
            g.peak_heat_flux_w_m2,
            e.peak_heat_flux_w_m2,
            g.peak_temperature_k,
            g.peak_deceleration_g,
            e.peak_decel_g
        );
        let mut fail = |what: String| failures.push(format!("{name}[{i}]: {what}"));
        if g.fate.as_str() != e.fate {
            fail(format!("fate {} vs {}", g.fate.as_str(), e.fate));
            continue;
        }
        if (lat - e.lat_deg).abs() > POSITION_TOL_DEG
            || lon_diff_deg(lon, e.lon_deg) > POSITION_TOL_DEG
        {
            fail(format!(
                "position ({lat}, {lon}) vs ({}, {})",
                e.lat_deg, e.lon_deg
            ));
        }
        if let (Some(a), Some(b)) = (g.demise_altitude_m, e.demise_alt_km)
            && (a / 1e3 - b).abs() > DEMISE_ALTITUDE_TOL_KM
        {
            fail(format!("demise altitude {} km vs {b}", a / 1e3));
        }
        if let (Some(a), Some(b)) = (g.impact_speed_m_s, e.impact_speed_m_s)
            && ((a - b) / b).abs() > SPEED_MASS_REL_TOL
        {
            fail(format!("impact speed {a} vs {b}"));
        }
        if ((g.mass_kg - e.mass_kg) / e.mass_kg).abs() > SPEED_MASS_REL_TOL {
            fail(format!("mass {} vs {}", g.mass_kg, e.mass_kg));
        }
        if let (Some(a), Some(b)) = (g.peak_heat_flux_w_m2, e.peak_heat_flux_w_m2)
            && ((a - b) / b).abs() > HEAT_FLUX_REL_TOL
        {
            fail(format!("peak heat flux {a} vs {b}"));
        }
    }
    failures
}

fn run(name: &str, problem: &Problem, expected: &[Expected], kernel: Kernel) {
    let out = solve(
        problem,
        &SolveOptions {
            kernel,
            trajectory_step_s: None,
        },
    );
    let failures = compare(name, &out.nodes, expected);
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(out.nodes.iter().all(|n| n.fate != Fate::NonFinite));
}

#[test]
fn p1_aluminium_sphere_reference() {
    run("p1", &common::p1(), &P1, Kernel::Reference);
}

#[test]
fn p2_delta_ii_items_reference() {
    run("p2", &common::p2(), &P2, Kernel::Reference);
}

#[test]
fn p3_vehicle_breakup_reference() {
    run("p3", &common::p3(), &P3, Kernel::Reference);
}

#[test]
fn p4_tle_deorbit_reference() {
    run("p4", &common::p4(), &P4, Kernel::Reference);
}

#[test]
fn p1_to_p4_lanes() {
    run("p1", &common::p1(), &P1, Kernel::Lanes);
    run("p2", &common::p2(), &P2, Kernel::Lanes);
    run("p3", &common::p3(), &P3, Kernel::Lanes);
    run("p4", &common::p4(), &P4, Kernel::Lanes);
}
