//! Helpers shared by the `run_*` end-to-end tests (included with `mod run_common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A vehicle that breaks up at 78 km into three children (the public reference case p3 of
/// the project reference notes, solver-cases/p3-vehicle-breakup.toml), with a target zone and the
/// flagship's kinds of dispersion, so a few samples exercise every column and statistic.
pub const P3_MONTE_CARLO: &str = r#"
[scenario]
name = "p3-monte-carlo"
epoch_utc = "2026-03-16T17:05:00Z"

[initial.entry]
lat_deg = -30.0
lon_deg = -175.0
alt_km = 110.0
speed_m_s = 7550.0
flight_path_angle_deg = -1.3
heading_deg = 110.0

[environment]
atmosphere = "us76"
gravity = "j2"
heating = "dkr"
oxidation_efficiency = 0.5

[vehicle]
name = "test vehicle"
mass_kg = 4000.0
cd = 1.8
area_m2 = 12.0
breakup_altitude_km = 78.0

[[fragment]]
id = "he-bottle"
shape = "sphere"
diameter_m = 0.4
mass_kg = 14.0
material = "titanium-6al4v"
hollow = true

[[fragment]]
id = "panel"
shape = "plate"
length_m = 1.0
width_m = 0.8
thickness_m = 0.005
mass_kg = 10.0
material = "aluminium-2024"
hollow = false

[[fragment]]
id = "engine"
shape = "cylinder"
diameter_m = 0.6
length_m = 0.9
mass_kg = 55.0
material = "stainless-316"
hollow = true

[target_zone]
polygon_deg = [[-152.0, -32.0], [-146.0, -32.0], [-146.0, -38.0], [-152.0, -38.0]]

[monte_carlo]
samples = 12
seed = 42
[monte_carlo.dispersions]
density_scale = { dist = "lognormal", sigma = 0.15 }
oxidation_efficiency = { dist = "uniform", min = 0.0, max = 1.0 }
breakup_altitude_km = { dist = "uniform", min = 72.0, max = 84.0 }
fragment_cd_scale = { dist = "normal", sigma = 0.1 }
fragment_heat_scale = { dist = "normal", sigma = 0.1 }
fragment_mass_scale = { dist = "normal", sigma = 0.05 }
emissivity_scale = { dist = "normal", sigma = 0.1 }
"#;

/// A fresh scratch directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reentry-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Writes `text` as `name` in `dir` and returns its path.
pub fn write_scenario(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scenario file");
    path
}

/// Runs the `reentry` binary with `args` (no terminal: no progress bar).
pub fn reentry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reentry"))
        .args(args)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("AWS_BATCH_JOB_ARRAY_INDEX")
        .output()
        .expect("run reentry")
}

/// Asserts success and returns stdout.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `summary.json` without the keys that legitimately differ between equivalent runs
/// (wall time).
pub fn summary_statistics(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("summary.json")).expect("summary.json");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("summary JSON");
    if let Some(object) = value.as_object_mut() {
        object.remove("wall_time_s");
    }
    value
}

/// A path as `&str` for the command line.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}
