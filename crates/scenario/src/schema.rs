//! The serde mirror of a scenario file (DESIGN.md §6, Contract): one struct per TOML table,
//! `deny_unknown_fields` everywhere, every value wrapped in [`Spanned`] so that range errors can
//! name the line and column. Required keys are `Option` here and checked in `convert`, which
//! then reports them with the enclosing table's location. Nothing here is validated: see
//! `convert` for units and ranges.

use serde::Deserialize;
use toml::Spanned;

/// A value with its byte span in the file.
pub(crate) type S<T> = Spanned<T>;

/// A UTC time: an RFC 3339 string, or a TOML offset date-time written without quotes.
pub(crate) type TimeValue = toml::Value;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioFile {
    pub scenario: Option<S<ScenarioTable>>,
    pub initial: Option<S<InitialTable>>,
    #[serde(default)]
    pub burn: Vec<S<BurnTable>>,
    pub environment: Option<S<EnvironmentTable>>,
    pub vehicle: Option<S<VehicleTable>>,
    #[serde(default)]
    pub fragment: Vec<S<FragmentTable>>,
    #[serde(default)]
    pub material: Vec<S<MaterialTable>>,
    pub target_zone: Option<S<TargetZoneTable>>,
    pub monte_carlo: Option<S<MonteCarloTable>>,
    pub output: Option<S<OutputTable>>,
    pub simulation: Option<S<SimulationTable>>,
}

/// `[scenario]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioTable {
    pub name: Option<S<String>>,
    pub epoch_utc: Option<S<TimeValue>>,
    pub ut1_minus_utc_s: Option<S<f64>>,
    pub uncontrolled: Option<S<bool>>,
}

/// `[initial]`: exactly one of its sub-tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InitialTable {
    pub tle: Option<S<TleTable>>,
    pub state: Option<S<StateTable>>,
    pub entry: Option<S<EntryTable>>,
}

/// `[initial.tle]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TleTable {
    pub line1: Option<S<String>>,
    pub line2: Option<S<String>>,
}

/// `[initial.state]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StateTable {
    pub frame: Option<S<String>>,
    pub r_m: Option<S<Vec<f64>>>,
    pub v_m_s: Option<S<Vec<f64>>>,
}

/// `[initial.entry]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryTable {
    pub lat_deg: Option<S<f64>>,
    pub lon_deg: Option<S<f64>>,
    pub alt_km: Option<S<f64>>,
    pub speed_m_s: Option<S<f64>>,
    pub flight_path_angle_deg: Option<S<f64>>,
    pub heading_deg: Option<S<f64>>,
}

/// `[[burn]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BurnTable {
    pub start_utc: Option<S<TimeValue>>,
    pub delta_v_m_s: Option<S<f64>>,
    pub thrust_n: Option<S<f64>>,
    pub isp_s: Option<S<f64>>,
    pub pitch_deg: Option<S<f64>>,
    pub yaw_deg: Option<S<f64>>,
}

/// `[environment]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnvironmentTable {
    pub atmosphere: Option<S<String>>,
    pub f107: Option<S<f64>>,
    pub f107a: Option<S<f64>>,
    pub ap: Option<S<f64>>,
    pub space_weather_file: Option<S<String>>,
    pub rho0_kg_m3: Option<S<f64>>,
    pub scale_height_km: Option<S<f64>>,
    pub density_scale: Option<S<f64>>,
    pub gravity: Option<S<String>>,
    pub heating: Option<S<String>>,
    pub oxidation_efficiency: Option<S<f64>>,
    pub horizontal_update: Option<S<String>>,
}

/// `[vehicle]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VehicleTable {
    pub name: Option<S<String>>,
    pub mass_kg: Option<S<f64>>,
    pub cd: Option<S<f64>>,
    pub area_m2: Option<S<f64>>,
    pub breakup_altitude_km: Option<S<f64>>,
    pub lift_to_drag: Option<S<f64>>,
}

/// `[[fragment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FragmentTable {
    pub id: Option<S<String>>,
    pub parent: Option<S<String>>,
    pub count: Option<S<i64>>,
    pub shape: Option<S<String>>,
    pub diameter_m: Option<S<f64>>,
    pub length_m: Option<S<f64>>,
    pub width_m: Option<S<f64>>,
    pub height_m: Option<S<f64>>,
    pub thickness_m: Option<S<f64>>,
    pub mass_kg: Option<S<f64>>,
    pub material: Option<S<String>>,
    pub hollow: Option<S<bool>>,
    pub release_altitude_km: Option<S<f64>>,
    pub cd: Option<S<f64>>,
    pub cd_scale: Option<S<f64>>,
    pub area_m2: Option<S<f64>>,
    pub nose_radius_m: Option<S<f64>>,
    pub heat_scale: Option<S<f64>>,
    pub emissivity_scale: Option<S<f64>>,
    pub initial_temperature_k: Option<S<f64>>,
}

/// `[[material]]` (in a scenario, and in the built-in `data/materials.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MaterialTable {
    pub id: Option<S<String>>,
    pub density_kg_m3: Option<S<f64>>,
    pub specific_heat_j_kg_k: Option<S<f64>>,
    pub melt_temperature_k: Option<S<f64>>,
    pub heat_of_fusion_kj_kg: Option<S<f64>>,
    pub emissivity: Option<S<f64>>,
    pub oxidation_heat_mj_kg_o2: Option<S<f64>>,
    pub oxidation_onset_k: Option<S<f64>>,
    pub basis: Option<S<String>>,
}

/// The built-in material file: `[[material]]` tables only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MaterialFile {
    #[serde(default)]
    pub material: Vec<S<MaterialTable>>,
}

/// `[target_zone]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetZoneTable {
    pub polygon_deg: Option<S<Polygon>>,
}

/// `[[lon, lat], ...]` with the span of every point and number.
pub(crate) type Polygon = Vec<S<Vec<S<f64>>>>;

/// `[monte_carlo]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MonteCarloTable {
    pub samples: Option<S<i64>>,
    pub seed: Option<S<i64>>,
    pub dispersions: Option<S<DispersionsTable>>,
}

/// `[monte_carlo.dispersions]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DispersionsTable {
    pub delta_v_m_s: Option<S<DispersionTable>>,
    pub burn_start_s: Option<S<DispersionTable>>,
    pub burn_pitch_deg: Option<S<DispersionTable>>,
    pub burn_yaw_deg: Option<S<DispersionTable>>,
    pub density_scale: Option<S<DispersionTable>>,
    pub oxidation_efficiency: Option<S<DispersionTable>>,
    pub breakup_altitude_km: Option<S<DispersionTable>>,
    pub fragment_cd_scale: Option<S<DispersionTable>>,
    pub fragment_heat_scale: Option<S<DispersionTable>>,
    pub fragment_mass_scale: Option<S<DispersionTable>>,
    pub emissivity_scale: Option<S<DispersionTable>>,
    pub separation_delta_v_m_s: Option<S<DispersionTable>>,
}

/// One dispersion: `{ dist = "normal"|"uniform"|"lognormal", sigma, mean, min, max }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DispersionTable {
    pub dist: Option<S<String>>,
    pub sigma: Option<S<f64>>,
    pub mean: Option<S<f64>>,
    pub min: Option<S<f64>>,
    pub max: Option<S<f64>>,
}

/// `[output]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutputTable {
    pub trajectory_step_s: Option<S<f64>>,
}

/// `[simulation]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SimulationTable {
    pub max_time_s: Option<S<f64>>,
    pub terminal_descent: Option<S<bool>>,
}
