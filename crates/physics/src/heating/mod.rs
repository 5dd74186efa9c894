//! Heating (PHYSICS.md §4): stagnation-point heat flux in continuum (Detra–Kemp–Riddell or
//! Sutton–Graves) and free-molecular flow, the Stanton-number bridge between them, and the
//! surface-average factor of a tumbling body; optionally, the heat of surface oxidation.
//!
//! [`reference`](mod@reference) holds the plain-`f64` functions, [`lanes`] their [`reentry_lanes::F64s`] twins.

pub mod lanes;
pub mod reference;

/// Continuum stagnation-point heating correlation (scenario key `[environment] heating`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ContinuumCorrelation {
    /// Detra, Kemp & Riddell (1957), the default (`dkr`).
    #[default]
    DetraKempRiddell,
    /// Sutton & Graves (1971), Earth air (`sutton-graves`).
    SuttonGraves,
}

/// Detra–Kemp–Riddell coefficient in SI, W/m^1.5: q = C/√R_n · √(ρ/ρ_SL) (V/V_c)^3.15.
/// Source: Detra, Kemp & Riddell, Jet Propulsion 27 (1957) 1256, converted to SI (PHYSICS.md §4).
pub const DKR_COEFFICIENT_W_M1_5: f64 = 1.1035e8;

/// Sea-level reference density of the DKR correlation, kg/m³.
pub const DKR_REFERENCE_DENSITY_KG_M3: f64 = 1.225;

/// Circular-orbit reference speed of the DKR correlation (26 000 ft/s), m/s.
pub const DKR_REFERENCE_SPEED_M_S: f64 = 7924.8;

/// Velocity exponent of the DKR correlation.
pub const DKR_SPEED_EXPONENT: f64 = 3.15;

/// Sutton–Graves constant for Earth air, kg^0.5/m (q = k √(ρ/R_n) V³).
/// Source: Sutton & Graves, NASA TR R-376 (1971); PHYSICS.md §4.
pub const SUTTON_GRAVES_K_EARTH: f64 = 1.7415e-4;

/// Energy accommodation coefficient α of the free-molecular heat flux (PHYSICS.md §4).
pub const ACCOMMODATION_COEFFICIENT: f64 = 1.0;

/// Surface-average factor F_c of a tumbling convex body in continuum flow (Lees distribution
/// averaged over random attitudes), PHYSICS.md §4.
pub const CONTINUUM_SURFACE_AVERAGE_FACTOR: f64 = 0.275;

/// Surface-average factor F_fm in free-molecular flow (projected / total area = 1/4),
/// PHYSICS.md §4.
pub const FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR: f64 = 0.25;

/// Mass fraction of oxygen (O₂ and O, counted as oxygen mass) in air, kg O / kg air: the US76
/// sea-level composition, mole fraction 0.209476 O₂ × 31.9988 / 28.9644 (U.S. Standard
/// Atmosphere 1976, Table 3). Air is well mixed below 86 km, where fragments do their heating.
pub const AIR_OXYGEN_MASS_FRACTION: f64 = 0.231_42;

/// Width of the temperature ramp over which oxidation heating switches on above a material's
/// onset temperature, K: k(T) = smoothstep((T − T_on)/ΔT). An estimate: surface oxidation rates
/// rise steeply (Arrhenius) over a few hundred kelvin before the oxygen supply limits them; the
/// C¹ ramp stands for that rise and keeps the right-hand side smooth for the integrator.
pub const OXIDATION_ONSET_RAMP_K: f64 = 100.0;

/// Floor on ½V² in the oxygen-transfer conductance Q_conv / (½V²), J/kg: keeps the ratio finite
/// at rest (where Q_conv is 0 anyway; the floor acts only below 1.4 m/s).
pub const OXIDATION_MIN_SPECIFIC_ENERGY_J_KG: f64 = 1.0;
