//! Heat flux over [`F64s`] lanes: the twins of [`super::reference`] (same equations and
//! sources), branch-free. The correlation is the same for every lane of a batch.

use reentry_lanes::{F64s, math, select};

pub use super::ContinuumCorrelation;
use super::{
    ACCOMMODATION_COEFFICIENT, AIR_OXYGEN_MASS_FRACTION, CONTINUUM_SURFACE_AVERAGE_FACTOR,
    DKR_COEFFICIENT_W_M1_5, DKR_REFERENCE_DENSITY_KG_M3, DKR_REFERENCE_SPEED_M_S,
    DKR_SPEED_EXPONENT, FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR, OXIDATION_MIN_SPECIFIC_ENERGY_J_KG,
    OXIDATION_ONSET_RAMP_K, SUTTON_GRAVES_K_EARTH,
};
use crate::aero::lanes::bridge_weight;

/// Continuum stagnation-point heat flux (DKR or Sutton–Graves), W/m², as
/// [`super::reference::continuum_heat_flux_w_m2`]. (V/7924.8)^3.15 is exp(3.15 ln(V/7924.8)).
#[inline]
pub fn continuum_heat_flux_w_m2(
    correlation: ContinuumCorrelation,
    density_kg_m3: F64s,
    speed_m_s: F64s,
    nose_radius_m: F64s,
) -> F64s {
    match correlation {
        ContinuumCorrelation::DetraKempRiddell => {
            // (V/V_ref)^3.15 as exp(3.15 ln(V/V_ref)): `wide`'s general pow spends ~60 % more
            // on special cases that cannot occur here (the base is ≥ 0; a zero speed gives
            // ln 0 = −∞ and exp(−∞) = 0, as the reference's powf does).
            let speed_ratio = speed_m_s / F64s::splat(DKR_REFERENCE_SPEED_M_S);
            F64s::splat(DKR_COEFFICIENT_W_M1_5) / math::sqrt(nose_radius_m)
                * math::sqrt(density_kg_m3 / F64s::splat(DKR_REFERENCE_DENSITY_KG_M3))
                * math::exp(F64s::splat(DKR_SPEED_EXPONENT) * math::ln(speed_ratio))
        }
        ContinuumCorrelation::SuttonGraves => {
            F64s::splat(SUTTON_GRAVES_K_EARTH)
                * math::sqrt(density_kg_m3 / nose_radius_m)
                * speed_m_s
                * speed_m_s
                * speed_m_s
        }
    }
}

/// Free-molecular stagnation heat flux α ½ ρ V³, W/m², as
/// [`super::reference::free_molecular_heat_flux_w_m2`].
#[inline]
pub fn free_molecular_heat_flux_w_m2(density_kg_m3: F64s, speed_m_s: F64s) -> F64s {
    F64s::splat(ACCOMMODATION_COEFFICIENT)
        * F64s::splat(0.5)
        * density_kg_m3
        * speed_m_s
        * speed_m_s
        * speed_m_s
}

/// Bridged stagnation heat flux q_s = q_c q_fm / √(q_c² + q_fm²) (0 where both vanish), W/m²,
/// as [`super::reference::stagnation_heat_flux_w_m2`].
#[inline]
pub fn stagnation_heat_flux_w_m2(
    correlation: ContinuumCorrelation,
    density_kg_m3: F64s,
    speed_m_s: F64s,
    nose_radius_m: F64s,
) -> F64s {
    let continuum = continuum_heat_flux_w_m2(correlation, density_kg_m3, speed_m_s, nose_radius_m);
    let free_molecular = free_molecular_heat_flux_w_m2(density_kg_m3, speed_m_s);
    let norm = math::sqrt(continuum * continuum + free_molecular * free_molecular);
    let bridged = continuum * free_molecular / norm;
    select(norm.simd_gt(F64s::ZERO), bridged, F64s::ZERO)
}

/// Surface-average factor F = 0.275 + (0.25 − 0.275) w(Kn), as
/// [`super::reference::surface_average_factor`].
#[inline]
pub fn surface_average_factor(knudsen: F64s) -> F64s {
    F64s::splat(CONTINUUM_SURFACE_AVERAGE_FACTOR)
        + F64s::splat(FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR - CONTINUUM_SURFACE_AVERAGE_FACTOR)
            * bridge_weight(knudsen)
}

/// Heat of surface oxidation, W, as [`super::reference::oxidation_heat_w`] (same equation and
/// operation order, so the lanes agree with it to rounding).
#[inline]
pub fn oxidation_heat_w(
    efficiency: F64s,
    oxidation_heat_j_kg_o2: F64s,
    onset_k: F64s,
    convective_heat_w: F64s,
    speed_m_s: F64s,
    temperature_k: F64s,
) -> F64s {
    let s = ((temperature_k - onset_k) / F64s::splat(OXIDATION_ONSET_RAMP_K))
        .max(F64s::splat(0.0))
        .min(F64s::splat(1.0));
    let onset = s * s * (F64s::splat(3.0) - F64s::splat(2.0) * s);
    let specific_energy_j_kg = (F64s::splat(0.5) * speed_m_s * speed_m_s)
        .max(F64s::splat(OXIDATION_MIN_SPECIFIC_ENERGY_J_KG));
    efficiency * F64s::splat(AIR_OXYGEN_MASS_FRACTION) * oxidation_heat_j_kg_o2 * convective_heat_w
        / specific_energy_j_kg
        * onset
}
