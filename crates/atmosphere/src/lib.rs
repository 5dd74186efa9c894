//! Atmosphere models of the reentry solver.
//!
//! - [`us76`]: U.S. Standard Atmosphere 1976, 0–1000 km (the default).
//! - [`nrlmsise00`]: NRLMSISE-00 with constant or file-based space weather ([`space_weather`]).
//! - [`exponential`]: Vallado's banded exponential model and a single-band form.
//!
//! Each model has a plain-`f64` `reference` implementation (readable, the test oracle) and a
//! `lanes` implementation over [`F64s`] with the same function names. [`Atmosphere`] selects a
//! model and evaluates it for one point ([`Atmosphere::sample`]) or for [`LANES`] points at once
//! ([`Atmosphere::sample_lanes`]).
//!
//! Altitudes are geodetic (WGS-84) in metres; US76 and the exponential model treat them as the
//! geometric altitude of their definitions.

pub mod exponential;
pub mod nrlmsise00;
pub mod space_weather;
pub mod time;
pub mod us76;

pub use reentry_lanes::{F64s, LANES};
pub use time::Epoch;

/// US76 mean collision diameter σ (m), used for the mean free path of every model.
/// Source: NOAA-S/T 76-1562, Table 2 constants.
pub const COLLISION_DIAMETER_M: f64 = 3.65e-10;

/// Boltzmann constant k_B (J/K), CODATA 2018 (PHYSICS.md §1).
pub const BOLTZMANN_J_K: f64 = 1.380649e-23;

/// US76 universal gas constant R* (J/(kmol·K)) as defined in the report (not the modern value).
pub const US76_GAS_CONSTANT_J_KMOL_K: f64 = 8314.32;

/// US76 sea-level mean molecular weight M0 (kg/kmol).
pub const US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL: f64 = 28.9644;

/// The state of the air at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AtmosphereSample {
    /// Mass density used for drag (gtd7d for NRLMSISE-00), kg/m³.
    pub density_kg_m3: f64,
    /// Kinetic temperature, K.
    pub temperature_k: f64,
    /// Pressure, Pa.
    pub pressure_pa: f64,
    /// Mean free path λ = k_B T / (√2 π σ² p), m.
    pub mean_free_path_m: f64,
}

/// [`AtmosphereSample`] for [`LANES`] points.
#[derive(Debug, Clone, Copy)]
pub struct AtmosphereLanes {
    /// Mass density used for drag, kg/m³.
    pub density_kg_m3: F64s,
    /// Kinetic temperature, K.
    pub temperature_k: F64s,
    /// Pressure, Pa.
    pub pressure_pa: F64s,
    /// Mean free path, m.
    pub mean_free_path_m: F64s,
}

/// Where and when the atmosphere is evaluated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AtmospherePoint {
    /// Geodetic altitude, m.
    pub altitude_m: f64,
    /// Geodetic latitude, rad.
    pub latitude_rad: f64,
    /// Longitude, rad (east positive).
    pub longitude_rad: f64,
    /// UTC epoch.
    pub epoch: Epoch,
}

/// [`AtmospherePoint`] for [`LANES`] points.
#[derive(Debug, Clone, Copy)]
pub struct AtmospherePointLanes {
    /// Geodetic altitude, m.
    pub altitude_m: F64s,
    /// Geodetic latitude, rad.
    pub latitude_rad: F64s,
    /// Longitude, rad.
    pub longitude_rad: F64s,
    /// UTC epoch of each lane, seconds since J2000 (see [`Epoch::j2000_s`]).
    pub epoch_j2000_s: F64s,
}

/// A configured atmosphere model.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Atmosphere {
    /// U.S. Standard Atmosphere 1976.
    Us76,
    /// Exponential density (Vallado bands or one band) with US76 temperature.
    Exponential(exponential::Exponential),
    /// NRLMSISE-00 with its space weather and switches.
    Nrlmsise00(Box<nrlmsise00::Nrlmsise00>),
}

impl Atmosphere {
    /// Evaluates the model at one point (plain `f64` reference path).
    pub fn sample(&self, point: &AtmospherePoint) -> AtmosphereSample {
        match self {
            Atmosphere::Us76 => us76::reference::sample(point.altitude_m),
            Atmosphere::Exponential(model) => model.sample(point.altitude_m),
            Atmosphere::Nrlmsise00(model) => model.sample(point),
        }
    }

    /// Evaluates the model at [`LANES`] points at once (SIMD path).
    pub fn sample_lanes(&self, points: &AtmospherePointLanes) -> AtmosphereLanes {
        match self {
            Atmosphere::Us76 => us76::lanes::sample(points.altitude_m),
            Atmosphere::Exponential(model) => model.sample_lanes(points.altitude_m),
            Atmosphere::Nrlmsise00(model) => model.sample_lanes(points),
        }
    }

    /// The model's horizontal terms at `point`'s latitude, longitude and epoch, for
    /// [`Atmosphere::sample_in`] at other altitudes: `None` for the models that depend on the
    /// altitude only (US76, exponential). See [`nrlmsise00::Column`].
    pub fn column(&self, point: &AtmospherePoint) -> Option<nrlmsise00::Column> {
        match self {
            Atmosphere::Nrlmsise00(model) => Some(model.column(point)),
            Atmosphere::Us76 | Atmosphere::Exponential(_) => None,
        }
    }

    /// [`Atmosphere::column`] at [`LANES`] points.
    pub fn column_lanes(&self, points: &AtmospherePointLanes) -> Option<nrlmsise00::ColumnLanes> {
        match self {
            Atmosphere::Nrlmsise00(model) => Some(model.column_lanes(points)),
            Atmosphere::Us76 | Atmosphere::Exponential(_) => None,
        }
    }

    /// [`Atmosphere::sample`] with the horizontal terms of `column` where the model takes them
    /// from a column (NRLMSISE-00 below 72.5 km), or of the point itself for `None`.
    pub fn sample_in(
        &self,
        column: Option<&nrlmsise00::Column>,
        point: &AtmospherePoint,
    ) -> AtmosphereSample {
        match (self, column) {
            (Atmosphere::Nrlmsise00(model), Some(c)) => model.sample_in(c, point),
            _ => self.sample(point),
        }
    }

    /// Whether [`Atmosphere::sample_lanes_in`] with `column` at these altitudes reads the
    /// points' latitude, longitude and epoch: not for the altitude-only models, nor when every
    /// lane is inside its column (NRLMSISE-00 below 72.5 km).
    pub fn reads_horizontal_lanes(
        &self,
        column: Option<&nrlmsise00::ColumnLanes>,
        altitude_m: F64s,
    ) -> bool {
        match (self, column) {
            (Atmosphere::Us76 | Atmosphere::Exponential(_), _) => false,
            (Atmosphere::Nrlmsise00(_), Some(_)) => {
                !nrlmsise00::below_ceiling_lanes(altitude_m).all()
            }
            (Atmosphere::Nrlmsise00(_), None) => true,
        }
    }

    /// [`Atmosphere::sample_in`] at [`LANES`] points.
    pub fn sample_lanes_in(
        &self,
        column: Option<&nrlmsise00::ColumnLanes>,
        points: &AtmospherePointLanes,
    ) -> AtmosphereLanes {
        match (self, column) {
            (Atmosphere::Nrlmsise00(model), Some(c)) => model.sample_lanes_in(c, points),
            _ => self.sample_lanes(points),
        }
    }

    /// Lowest and highest altitude (m) the model is defined for; outside it the documented
    /// extrapolation applies (callers that take user input reject points outside).
    pub fn altitude_range_m(&self) -> (f64, f64) {
        match self {
            Atmosphere::Us76 | Atmosphere::Exponential(_) => (-5_000.0, 1_000_000.0),
            Atmosphere::Nrlmsise00(_) => (0.0, 1_000_000.0),
        }
    }
}

/// Mean free path λ = k_B T / (√2 π σ² p) (PHYSICS.md §2), m.
#[inline]
pub fn mean_free_path_m(temperature_k: f64, pressure_pa: f64) -> f64 {
    BOLTZMANN_J_K * temperature_k
        / (std::f64::consts::SQRT_2
            * std::f64::consts::PI
            * COLLISION_DIAMETER_M
            * COLLISION_DIAMETER_M
            * pressure_pa)
}

/// Ratio of specific heats γ of air (PHYSICS.md §3; NOAA-S/T 76-1562).
pub const AIR_HEAT_CAPACITY_RATIO: f64 = 1.4;

/// Speed of sound c = √(γ R* T / M0) (m/s) at kinetic temperature `temperature_k` (K), with the US76
/// R* and M0 for every model (PHYSICS.md §3; NOAA-S/T 76-1562 eq. 50).
#[inline]
pub fn speed_of_sound_m_s(temperature_k: f64) -> f64 {
    (AIR_HEAT_CAPACITY_RATIO * US76_GAS_CONSTANT_J_KMOL_K / US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL
        * temperature_k)
        .sqrt()
}

/// [`speed_of_sound_m_s`] for lanes.
#[inline]
pub fn speed_of_sound_m_s_lanes(temperature_k: F64s) -> F64s {
    (F64s::splat(
        AIR_HEAT_CAPACITY_RATIO * US76_GAS_CONSTANT_J_KMOL_K
            / US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL,
    ) * temperature_k)
        .sqrt()
}

impl AtmosphereSample {
    /// Speed of sound (m/s) at this sample's temperature ([`speed_of_sound_m_s`]).
    pub fn speed_of_sound_m_s(&self) -> f64 {
        speed_of_sound_m_s(self.temperature_k)
    }
}

/// [`mean_free_path_m`] for lanes.
#[inline]
pub fn mean_free_path_m_lanes(temperature_k: F64s, pressure_pa: F64s) -> F64s {
    let c = BOLTZMANN_J_K
        / (std::f64::consts::SQRT_2
            * std::f64::consts::PI
            * COLLISION_DIAMETER_M
            * COLLISION_DIAMETER_M);
    F64s::splat(c) * temperature_k / pressure_pa
}
