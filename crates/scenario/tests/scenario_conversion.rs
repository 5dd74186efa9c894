//! Conversions of valid inputs: units to SI, dispersion semantics (DESIGN.md §6), the fragment
//! tree order, atmosphere selection, defaults. Expected values are computed by hand from the
//! numbers typed in each scenario text.

use std::path::{Path, PathBuf};

use reentry_atmosphere::Atmosphere;
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_montecarlo::{Applied, Dispersion, Distribution};
use reentry_physics::aero::Shape;
use reentry_scenario::{Scenario, load, load_str};
use reentry_solver::{Gravity, HeatingModel, InitialState, Parent, StateFrame};

const HEADER: &str = r#"[scenario]
name = "conversion"
epoch_utc = "2026-03-16T17:05:00Z"

[initial.entry]
lat_deg = -30.0
lon_deg = -175.0
alt_km = 110.0
speed_m_s = 7550.0
flight_path_angle_deg = -1.3
heading_deg = 110.0
"#;

fn load_text(text: &str) -> Scenario {
    match load_str(Path::new("conversion.toml"), text) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn tree_is_ordered_parents_first_and_keeps_file_order_otherwise() {
    let text = format!(
        "{HEADER}
[vehicle]
mass_kg = 1000.0
cd = 2.0
area_m2 = 5.0

[[fragment]]
id = \"bolt\"
parent = \"bracket\"
shape = \"cylinder\"
diameter_m = 0.01
length_m = 0.05
mass_kg = 0.02
material = \"stainless-316\"

[[fragment]]
id = \"panel\"
shape = \"plate\"
length_m = 1.0
width_m = 0.5
thickness_m = 0.004
mass_kg = 5.0
material = \"aluminium-6061\"

[[fragment]]
id = \"bracket\"
parent = \"panel\"
shape = \"box\"
length_m = 0.1
width_m = 0.05
height_m = 0.02
mass_kg = 0.2
material = \"titanium-6al4v\"
count = 3
"
    );
    let s = load_text(&text);
    let f = &s.problem.fragments;
    let order: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(order, ["panel", "bracket", "bolt"]);
    assert_eq!(f[0].parent, Parent::Vehicle);
    assert_eq!(f[1].parent, Parent::Fragment(0));
    assert_eq!(f[2].parent, Parent::Fragment(1));
    assert_eq!(f[1].count, 3);
    assert_eq!(
        f[1].shape,
        Shape::Box {
            length_m: 0.1,
            width_m: 0.05,
            height_m: 0.02
        }
    );
    // Defaults of a fragment (PHYSICS.md §5, DESIGN.md §6).
    assert_eq!(
        (f[0].cd_scale, f[0].heat_scale, f[0].emissivity_scale),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(
        (
            f[0].drag_coefficient,
            f[0].reference_area_m2,
            f[0].nose_radius_m
        ),
        (None, None, None)
    );
    assert!(!f[0].hollow);
    // Defaults of the vehicle and environment.
    let v = s
        .problem
        .vehicle
        .as_ref()
        .map(|v| (v.breakup_altitude_m, v.lift_to_drag));
    assert_eq!(v, Some((78_000.0, 0.0)));
    let env = &s.problem.environment;
    assert!(matches!(env.atmosphere.as_ref(), Atmosphere::Us76));
    assert_eq!(
        (
            env.density_scale,
            env.gravity,
            env.heating,
            env.rotating_earth
        ),
        (1.0, Gravity::J2, HeatingModel::DetraKempRiddell, true)
    );
    assert_eq!(s.trajectory_step_s, 1.0);
    assert!(!s.uncontrolled);
}

#[test]
fn optional_fragment_keys_convert_to_si() {
    let text = format!(
        "{HEADER}
[vehicle]
mass_kg = 1000.0
cd = 2.0
area_m2 = 5.0
breakup_altitude_km = 80.5
lift_to_drag = 0.3

[[fragment]]
id = \"array\"
shape = \"plate\"
length_m = 2.0
width_m = 1.0
thickness_m = 0.02
mass_kg = 20.0
material = \"cfrp\"
release_altitude_km = 95.5
cd = 1.9
cd_scale = 1.1
area_m2 = 1.2
nose_radius_m = 0.3
heat_scale = 0.9
emissivity_scale = 1.05
initial_temperature_k = 250.0
hollow = true
"
    );
    let s = load_text(&text);
    let f = &s.problem.fragments[0];
    assert_eq!(f.release_altitude_m, Some(95_500.0));
    assert_eq!(
        (f.drag_coefficient, f.reference_area_m2, f.nose_radius_m),
        (Some(1.9), Some(1.2), Some(0.3))
    );
    assert_eq!(
        (
            f.cd_scale,
            f.heat_scale,
            f.emissivity_scale,
            f.initial_temperature_k
        ),
        (1.1, 0.9, 1.05, 250.0)
    );
    assert!(f.hollow);
    let v = s
        .problem
        .vehicle
        .as_ref()
        .map(|v| (v.breakup_altitude_m, v.lift_to_drag));
    assert_eq!(v, Some((80_500.0, 0.3)));
}

#[test]
fn dispersions_follow_the_design_semantics() {
    let text = format!(
        "{HEADER}
[[burn]]
start_utc = \"2026-03-16T17:06:40Z\"
delta_v_m_s = 50.0
thrust_n = 2000.0
isp_s = 300.0
pitch_deg = 2.0

[vehicle]
mass_kg = 1000.0
cd = 2.0
area_m2 = 5.0

[[fragment]]
id = \"tank\"
shape = \"sphere\"
diameter_m = 0.5
mass_kg = 10.0
material = \"titanium-6al4v\"
hollow = true

[monte_carlo]
samples = 500
seed = 42

[monte_carlo.dispersions]
delta_v_m_s = {{ dist = \"normal\", sigma = 1.5 }}
burn_start_s = {{ dist = \"normal\", sigma = 2.0, mean = 0.5 }}
burn_pitch_deg = {{ dist = \"normal\", sigma = 1.0 }}
burn_yaw_deg = {{ dist = \"normal\", sigma = 0.5 }}
density_scale = {{ dist = \"lognormal\", sigma = 0.15 }}
breakup_altitude_km = {{ dist = \"uniform\", min = 72.0, max = 84.0 }}
fragment_cd_scale = {{ dist = \"normal\", sigma = 0.1 }}
fragment_heat_scale = {{ dist = \"uniform\", min = 0.8, max = 1.2 }}
fragment_mass_scale = {{ dist = \"normal\", sigma = 0.05, mean = 0.95 }}
emissivity_scale = {{ dist = \"lognormal\", sigma = 0.2 }}
"
    );
    let s = load_text(&text);
    assert_eq!((s.monte_carlo.samples, s.monte_carlo.seed), (500, 42));
    let burn = s.problem.burns[0];
    // 17:06:40 − 17:05:00 = 100 s.
    assert_eq!(burn.start_s, 100.0);
    assert_eq!(burn.pitch_rad, 2.0f64.to_radians());
    assert_eq!(burn.yaw_rad, 0.0);
    let d = &s.monte_carlo.dispersions;
    let normal = |mean: f64, sigma: f64, applied: Applied| {
        Some(Dispersion {
            distribution: Distribution::Normal { mean, sigma },
            applied,
        })
    };
    let deg = 1.0f64.to_radians();
    assert_eq!(d.delta_v_m_s, normal(0.0, 1.5, Applied::Offset));
    assert_eq!(d.burn_start_s, normal(0.5, 2.0, Applied::Offset));
    assert_eq!(d.burn_pitch_rad, normal(0.0, deg, Applied::Offset));
    assert_eq!(d.burn_yaw_rad, normal(0.0, 0.5 * deg, Applied::Offset));
    assert_eq!(
        d.density_scale,
        Some(Dispersion {
            distribution: Distribution::LogNormal {
                mu: 0.0,
                sigma: 0.15
            },
            applied: Applied::Factor
        })
    );
    assert_eq!(
        d.breakup_altitude_m,
        Some(Dispersion {
            distribution: Distribution::Uniform {
                min: 72_000.0,
                max: 84_000.0
            },
            applied: Applied::Value
        })
    );
    assert_eq!(d.fragment_cd_scale, normal(1.0, 0.1, Applied::Factor));
    assert_eq!(
        d.fragment_heat_scale,
        Some(Dispersion {
            distribution: Distribution::Uniform { min: 0.8, max: 1.2 },
            applied: Applied::Factor
        })
    );
    assert_eq!(d.fragment_mass_scale, normal(0.95, 0.05, Applied::Factor));
    assert!(matches!(
        d.emissivity_scale,
        Some(Dispersion {
            distribution: Distribution::LogNormal {
                mu: 0.0,
                sigma: 0.2
            },
            ..
        })
    ));
}

#[test]
fn normal_breakup_dispersion_is_an_offset_in_metres() {
    let text = format!(
        "{HEADER}
[vehicle]
mass_kg = 1000.0
cd = 2.0
area_m2 = 5.0

[monte_carlo]
samples = 2
[monte_carlo.dispersions]
breakup_altitude_km = {{ dist = \"normal\", sigma = 2.0 }}
"
    );
    let s = load_text(&text);
    assert_eq!(
        s.monte_carlo.dispersions.breakup_altitude_m,
        Some(Dispersion {
            distribution: Distribution::Normal {
                mean: 0.0,
                sigma: 2000.0
            },
            applied: Applied::Offset
        })
    );
    // 78 km ± 6 × 6 km reaches 114 km, above the 110 km start.
    let wide = text.replace("sigma = 2.0", "sigma = 6.0");
    let e = load_str(Path::new("conversion.toml"), &wide).err();
    let message = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("outside 0..110"), "{message}");
}

#[test]
fn state_vector_start() {
    // An ECEF point on the equator 400 km above the ellipsoid, moving east at 7.67 km/s.
    let text = r#"[scenario]
name = "state"
epoch_utc = "2026-03-16T13:24:00Z"
uncontrolled = true
ut1_minus_utc_s = 0.05

[initial.state]
frame = "ecef"
r_m = [6778137.0, 0.0, 0.0]
v_m_s = [0.0, 7670.0, 0.0]

[[fragment]]
id = "ball"
shape = "sphere"
diameter_m = 0.3
mass_kg = 30.0
material = "stainless-316"

[simulation]
max_time_s = 86400.0

[output]
trajectory_step_s = 5.0
"#;
    let s = load_text(text);
    assert!(matches!(
        s.problem.initial,
        InitialState::StateVector {
            frame: StateFrame::Ecef,
            ..
        }
    ));
    // Geodetic altitude of an equatorial point = |r| − a = 400 km (to the conversion's 1e-8 m).
    assert!(
        (s.initial_altitude_m - 400_000.0).abs() < 1e-6,
        "{}",
        s.initial_altitude_m
    );
    assert_eq!(s.problem.tolerances.max_time_s, 86_400.0);
    assert_eq!(s.trajectory_step_s, 5.0);
    assert!(s.uncontrolled);
    assert_eq!(s.ut1_minus_utc_s, 0.05);
    assert_eq!(s.problem.fragments[0].parent, Parent::None);

    let inside = text.replace("6778137.0", "6000000.0");
    let message = load_str(Path::new("state.toml"), &inside)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("initial.state.r_m")
            && message.contains("geodetic altitude of 0 to 2000 km"),
        "{message}"
    );
}

#[test]
fn exponential_atmosphere_bands() {
    let one_band = format!(
        "{HEADER}
[environment]
atmosphere = \"exponential\"
rho0_kg_m3 = 1.225
scale_height_km = 7.2
density_scale = 1.5
gravity = \"point-mass\"
heating = \"sutton-graves\"

[[fragment]]
id = \"ball\"
shape = \"sphere\"
diameter_m = 0.3
mass_kg = 30.0
material = \"stainless-316\"
"
    );
    let s = load_text(&one_band);
    let env = &s.problem.environment;
    match env.atmosphere.as_ref() {
        Atmosphere::Exponential(model) => {
            let bands = model.bands();
            assert_eq!(bands.len(), 1);
            assert_eq!(
                (bands[0].base_density_kg_m3, bands[0].scale_height_m),
                (1.225, 7200.0)
            );
        }
        other => panic!("expected an exponential model, got {other:?}"),
    }
    assert_eq!(
        (env.density_scale, env.gravity, env.heating),
        (1.5, Gravity::PointMass, HeatingModel::SuttonGraves)
    );
    let vallado = one_band.replace("rho0_kg_m3 = 1.225\nscale_height_km = 7.2\n", "");
    let s = load_text(&vallado);
    match s.problem.environment.atmosphere.as_ref() {
        // Vallado's Table 8-4 has 28 bands (0 km to above 1000 km).
        Atmosphere::Exponential(model) => assert_eq!(model.bands().len(), 28),
        other => panic!("expected an exponential model, got {other:?}"),
    }
}

/// A space-weather file in the CelesTrak SW-All.csv layout (the columns the loader needs).
fn space_weather_file(name: &str, first_day: u32, days: u32) -> PathBuf {
    let mut text = String::from("DATE,AP_AVG,F10.7_OBS,F10.7_OBS_CENTER81\n");
    for d in first_day..first_day + days {
        text.push_str(&format!("2026-03-{d:02},7,140.5,150.2\n"));
    }
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("{}: {e}", path.display());
    }
    path
}

#[test]
fn nrlmsise00_with_constant_or_file_space_weather() {
    let constant = format!(
        "{HEADER}
[environment]
atmosphere = \"nrlmsise00\"
f107 = 120.0
f107a = 130.0
ap = 15.0

[[fragment]]
id = \"ball\"
shape = \"sphere\"
diameter_m = 0.3
mass_kg = 30.0
material = \"stainless-316\"
"
    );
    let s = load_text(&constant);
    match s.problem.environment.atmosphere.as_ref() {
        Atmosphere::Nrlmsise00(model) => assert_eq!(
            model.space_weather(),
            &SpaceWeather::Constant {
                f107_sfu: 120.0,
                f107a_sfu: 130.0,
                ap: 15.0
            }
        ),
        other => panic!("expected NRLMSISE-00, got {other:?}"),
    }

    // The file is found relative to the scenario; it covers 2026-03-13..16, and the 3 h of an
    // entry start from 17:05 on the 16th stay within the 16th.
    let sw = space_weather_file("sw-covering.csv", 13, 4);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let with_file = constant.replace(
        "f107 = 120.0\nf107a = 130.0\nap = 15.0",
        "space_weather_file = \"sw-covering.csv\"",
    );
    let scenario_path = dir.join("with-space-weather.toml");
    if let Err(e) = std::fs::write(&scenario_path, &with_file) {
        panic!("{e}");
    }
    let s = load(&scenario_path);
    assert!(
        s.is_ok(),
        "{}",
        s.err().map(|e| e.to_string()).unwrap_or_default()
    );
    if let Some(Atmosphere::Nrlmsise00(model)) = s
        .ok()
        .map(|s| s.problem.environment.atmosphere.as_ref().clone())
    {
        assert!(matches!(model.space_weather(), SpaceWeather::Table(t) if t.path() == sw));
    }

    // A file that ends before the epoch: the message names the key and the coverage needed.
    space_weather_file("sw-short.csv", 10, 3);
    let short = with_file.replace("sw-covering.csv", "sw-short.csv");
    let scenario_path = dir.join("with-short-space-weather.toml");
    if let Err(e) = std::fs::write(&scenario_path, &short) {
        panic!("{e}");
    }
    let message = load(&scenario_path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("environment.space_weather_file")
            && message.contains("covering scenario.epoch_utc to the time limit"),
        "{message}"
    );
}
