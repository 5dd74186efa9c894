//! Scenario files and run directories.
//!
//! Input side: a TOML scenario (DESIGN.md §6) is parsed into a serde mirror with
//! `deny_unknown_fields`, then converted once into a validated [`Scenario`]: SI units, ranges
//! checked, the fragment tree ordered, materials resolved from the built-in table
//! ([`materials`]) or the file's own `[[material]]` tables. [`load`] does both; every failure is
//! a [`ScenarioError`] whose one-line message names the file, line:column, key, value and the
//! allowed range ([`keys`] is the reference of every key).
//! Output side: the run-directory writers (`fragments.csv`, `trajectory.csv`, `summary.json`).
//!
//! ```
//! let text = r#"
//! [scenario]
//! name = "sphere"
//! epoch_utc = "2026-03-16T17:10:00Z"
//! [initial.entry]
//! lat_deg = -35.0
//! lon_deg = -160.0
//! alt_km = 78.0
//! speed_m_s = 7400.0
//! flight_path_angle_deg = -1.0
//! heading_deg = 100.0
//! [[fragment]]
//! id = "al-sphere"
//! shape = "sphere"
//! diameter_m = 0.12
//! mass_kg = 2.443
//! material = "aluminium-6061"
//! "#;
//! let scenario = reentry_scenario::load_str(std::path::Path::new("sphere.toml"), text)?;
//! assert_eq!(scenario.problem.fragments[0].material.melt_temperature_k, 855.0);
//! assert_eq!(scenario.monte_carlo.samples, 1);
//!
//! let bad = text.replace("mass_kg = 2.443", "mass_kg = -1.0");
//! let error = reentry_scenario::load_str(std::path::Path::new("sphere.toml"), &bad).unwrap_err();
//! assert!(error.to_string().starts_with("sphere.toml:16:11: fragment.mass_kg"));
//! # Ok::<(), reentry_scenario::ScenarioError>(())
//! ```

mod convert;
pub mod error;
pub mod keys;
pub mod materials;
pub mod output;
mod schema;

use std::path::{Path, PathBuf};

pub use convert::{
    DEFAULT_MAX_TIME_ENTRY_S, DEFAULT_MAX_TIME_ORBIT_S, DISPERSION_SIGMAS,
    MASS_OVER_SOLID_TOLERANCE, MAX_TLE_AGE_DAYS, MIN_BALLISTIC_COEFFICIENT_KG_M2,
};
pub use error::{Location, ScenarioError};
pub use materials::MaterialEntry;

/// Monte Carlo settings of a scenario (`[monte_carlo]`; 1 sample without it).
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarloSettings {
    /// Number of samples, >= 1 (sample 0 is the nominal run).
    pub samples: u64,
    /// Seed of the per-sample random streams.
    pub seed: u64,
    /// What varies between samples (SI units).
    pub dispersions: reentry_montecarlo::Dispersions,
}

/// A validated scenario: everything in SI, every value in range.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// `[scenario] name` (safe as a folder name).
    pub name: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// The nominal problem (sample 0), SI.
    pub problem: reentry_solver::Problem,
    /// Samples, seed and dispersions.
    pub monte_carlo: MonteCarloSettings,
    /// Target zone polygon, `[lon, lat]` in degrees, if any.
    pub target_zone_deg: Option<Vec<[f64; 2]>>,
    /// `[output] trajectory_step_s`, default 1 s.
    pub trajectory_step_s: f64,
    /// `[scenario] uncontrolled`: the casualty expectation is orbit-averaged.
    pub uncontrolled: bool,
    /// `[scenario] ut1_minus_utc_s` (UT1 − UTC for Earth orientation), s; default 0.
    pub ut1_minus_utc_s: f64,
    /// Geodetic altitude of the initial state at the epoch, m (for a TLE: SGP4 at the epoch).
    pub initial_altitude_m: f64,
}

/// Reads, parses and validates a scenario file.
///
/// Errors: unreadable or empty file, TOML syntax, unknown keys, wrong types, values out of range
/// and inconsistent inputs, each as one [`ScenarioError`] naming the file and line:column.
#[allow(clippy::result_large_err)] // one structured error per load, never on a hot path
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Unreadable {
        file: path.to_path_buf(),
        source,
    })?;
    load_str(path, &text)
}

/// Parses and validates scenario text; `path` names it in messages and anchors relative paths
/// (e.g. `space_weather_file`).
#[allow(clippy::result_large_err)] // as for `load`
pub fn load_str(path: &Path, text: &str) -> Result<Scenario, ScenarioError> {
    let ctx = convert::Ctx::new(path, text);
    let file: schema::ScenarioFile = ctx.deserialize()?;
    let is_empty = file.scenario.is_none()
        && file.initial.is_none()
        && file.burn.is_empty()
        && file.environment.is_none()
        && file.vehicle.is_none()
        && file.fragment.is_empty()
        && file.material.is_empty()
        && file.target_zone.is_none()
        && file.monte_carlo.is_none()
        && file.output.is_none()
        && file.simulation.is_none();
    if is_empty {
        return Err(ScenarioError::Empty {
            file: path.to_path_buf(),
        });
    }
    convert::convert(&ctx, &file)
}
