//! Every file under scenarios/ (recursively) loads and converts, and the public solver cases
//! convert to the values their TOML states.

use std::path::{Path, PathBuf};

use reentry_scenario::{Scenario, load};
use reentry_solver::{InitialState, Parent};

/// The repository's scenarios/ folder.
fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// Every `.toml` file below `dir`, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn load_ok(path: &Path) -> Scenario {
    match load(path) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_scenario_file_loads() {
    let files = toml_files(&scenarios_dir());
    assert!(
        files.len() >= 4,
        "expected at least the four public cases, found {files:?}"
    );
    let mut failures = Vec::new();
    for file in &files {
        match load(file) {
            Ok(s) => {
                assert!(!s.problem.fragments.is_empty() || s.problem.vehicle.is_some());
                // Parents come before their children.
                for (i, f) in s.problem.fragments.iter().enumerate() {
                    if let Parent::Fragment(p) = f.parent {
                        assert!(p < i, "{}: {} before its parent", file.display(), f.id);
                    }
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Values typed in scenarios/validation/p*.toml (copied from the public solver cases), after the
/// unit conversions of the loader.
#[test]
fn public_cases_convert_to_si() {
    let dir = scenarios_dir().join("validation");
    let p1 = load_ok(&dir.join("p1-aluminium-sphere.toml"));
    let InitialState::Entry(e) = p1.problem.initial else {
        panic!("p1 starts from an entry state")
    };
    assert_eq!(e.altitude_m, 78_000.0);
    assert_eq!(e.latitude_rad, (-35.0f64).to_radians());
    assert_eq!(e.flight_path_angle_rad, (-1.0f64).to_radians());
    let sphere = &p1.problem.fragments[0];
    assert_eq!(
        (sphere.mass_kg, sphere.parent, sphere.hollow),
        (2.443, Parent::None, false)
    );
    assert_eq!(sphere.material.heat_of_fusion_j_kg, 386e3);
    assert_eq!(sphere.initial_temperature_k, 300.0);
    assert_eq!(p1.problem.tolerances.max_time_s, 3.0 * 3600.0);
    assert_eq!(p1.monte_carlo.samples, 1);

    let p3 = load_ok(&dir.join("p3-vehicle-breakup.toml"));
    let vehicle = p3
        .problem
        .vehicle
        .as_ref()
        .map(|v| (v.mass_kg, v.breakup_altitude_m));
    assert_eq!(vehicle, Some((4000.0, 78_000.0)));
    assert!(
        p3.problem
            .fragments
            .iter()
            .all(|f| f.parent == Parent::Vehicle)
    );

    let p4 = load_ok(&dir.join("p4-tle-deorbit.toml"));
    assert!(matches!(p4.problem.initial, InitialState::Tle { .. }));
    // 2026-03-16T16:35:30Z − 13:24:00Z = 3 h 11 min 30 s.
    assert_eq!(p4.problem.burns[0].start_s, 11_490.0);
    assert_eq!(p4.problem.burns[0].delta_v_m_s, 110.0);
    assert_eq!(p4.problem.tolerances.max_time_s, 30.0 * 86_400.0);
    // The ISS flew at 410–425 km in March 2026 (its TLE's mean motion 15.4835 rev/day gives a
    // semi-major axis of 6793 km); 380–440 km brackets the geodetic altitude anywhere on the orbit.
    let altitude_km = p4.initial_altitude_m / 1e3;
    assert!((380.0..440.0).contains(&altitude_km), "{altitude_km}");
}
