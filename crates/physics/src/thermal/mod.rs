//! Lumped (0-D) thermal model, melting and demise (PHYSICS.md §5).
//!
//! A fragment is one temperature T and one mass m of a [`Material`] (constant c_p). The net heat
//! Q_in − ε σ T⁴ S heats it below the melt temperature T_m and melts it at T_m
//! ([`reference::heat_balance`]); a solid fragment shrinks at constant shape, linear size
//! (m/m0)^⅓, a hollow one keeps its outer size ([`reference::size_scale`]); it has demised at
//! m ≤ 1e-3 m0 (solid) or m ≤ 0.05 m0 (hollow, wall burnt through). [`lanes`] holds the twins
//! with per-lane material properties ([`lanes::MaterialLanes`]).

/// Thermophysical properties of a material (constant c_p).
///
/// The two oxidation fields feed the optional oxidation heating of
/// [`crate::heating::reference::oxidation_heat_w`]; 0 J/kg (the default) means the material does
/// not oxidise in the model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Material {
    /// Identifier used in scenario files, e.g. `titanium-6al4v`.
    pub id: String,
    /// Density, kg/m³.
    pub density_kg_m3: f64,
    /// Specific heat capacity, J/(kg·K).
    pub specific_heat_j_kg_k: f64,
    /// Melt temperature, K.
    pub melt_temperature_k: f64,
    /// Heat of fusion, J/kg.
    pub heat_of_fusion_j_kg: f64,
    /// Total hemispherical emissivity.
    pub emissivity: f64,
    /// Heat released per kilogram of oxygen consumed by surface oxidation (or, for organics,
    /// combustion), J/kg O₂; 0 when the material is not oxidised in the model.
    pub oxidation_heat_j_kg_o2: f64,
    /// Wall temperature above which oxidation heating switches on (over
    /// [`crate::heating::OXIDATION_ONSET_RAMP_K`]), K.
    pub oxidation_onset_k: f64,
}

pub mod lanes;
pub mod reference;

/// Demise threshold of a solid fragment: demised when m ≤ 1e-3 · m0 (PHYSICS.md §5).
pub const DEMISE_MASS_FRACTION_SOLID: f64 = 1e-3;

/// Demise threshold of a hollow fragment: demised when m ≤ 0.05 · m0, its wall burnt through
/// (PHYSICS.md §5).
pub const DEMISE_MASS_FRACTION_HOLLOW: f64 = 0.05;

/// Default initial temperature of a fragment, K (PHYSICS.md §5).
pub const DEFAULT_INITIAL_TEMPERATURE_K: f64 = 300.0;

/// Rates of the lumped heat balance (PHYSICS.md §5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThermalRates {
    /// dT/dt, K/s.
    pub temperature_rate_k_s: f64,
    /// dm/dt, kg/s (≤ 0: mass is only ever lost).
    pub mass_rate_kg_s: f64,
}

/// The mass fraction m/m0 at or below which a fragment has demised (PHYSICS.md §5):
/// [`DEMISE_MASS_FRACTION_HOLLOW`] if hollow, else [`DEMISE_MASS_FRACTION_SOLID`].
pub fn demise_mass_fraction(hollow: bool) -> f64 {
    if hollow {
        DEMISE_MASS_FRACTION_HOLLOW
    } else {
        DEMISE_MASS_FRACTION_SOLID
    }
}
