//! Heating (PHYSICS.md §4): stagnation-point heat flux in continuum (Detra–Kemp–Riddell or
//! Sutton–Graves) and free-molecular flow, the Stanton-number bridge between them, and the
//! surface-average factor of a tumbling body.
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
