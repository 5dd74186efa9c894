//! Heat flux in plain `f64` (PHYSICS.md §4).

pub use super::ContinuumCorrelation;
use super::{
    ACCOMMODATION_COEFFICIENT, CONTINUUM_SURFACE_AVERAGE_FACTOR, DKR_COEFFICIENT_W_M1_5,
    DKR_REFERENCE_DENSITY_KG_M3, DKR_REFERENCE_SPEED_M_S, DKR_SPEED_EXPONENT,
    FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR, SUTTON_GRAVES_K_EARTH,
};
use crate::aero::reference::bridge_weight;

/// Continuum stagnation-point heat flux (cold wall), W/m² (PHYSICS.md §4):
/// - Detra–Kemp–Riddell: q_c = 1.1035e8 / √R_n · √(ρ / 1.225) · (V / 7924.8)^3.15;
/// - Sutton–Graves: q_c = 1.7415e-4 · √(ρ / R_n) · V³.
///
/// ρ in kg/m³, V (speed relative to the air) in m/s, R_n in m (> 0).
#[inline]
pub fn continuum_heat_flux_w_m2(
    correlation: ContinuumCorrelation,
    density_kg_m3: f64,
    speed_m_s: f64,
    nose_radius_m: f64,
) -> f64 {
    match correlation {
        ContinuumCorrelation::DetraKempRiddell => {
            DKR_COEFFICIENT_W_M1_5 / nose_radius_m.sqrt()
                * (density_kg_m3 / DKR_REFERENCE_DENSITY_KG_M3).sqrt()
                * (speed_m_s / DKR_REFERENCE_SPEED_M_S).powf(DKR_SPEED_EXPONENT)
        }
        ContinuumCorrelation::SuttonGraves => {
            SUTTON_GRAVES_K_EARTH
                * (density_kg_m3 / nose_radius_m).sqrt()
                * speed_m_s
                * speed_m_s
                * speed_m_s
        }
    }
}

/// Free-molecular stagnation heat flux q_fm = α · ½ ρ V³ with α = 1 (PHYSICS.md §4), W/m²
/// (ρ in kg/m³, V in m/s).
#[inline]
pub fn free_molecular_heat_flux_w_m2(density_kg_m3: f64, speed_m_s: f64) -> f64 {
    ACCOMMODATION_COEFFICIENT * 0.5 * density_kg_m3 * speed_m_s * speed_m_s * speed_m_s
}

/// Bridged stagnation heat flux q_s, W/m² (PHYSICS.md §4, Koppenwallner form):
/// St_c = q_c / (½ρV³), St_fm = α, St = St_c / √(1 + (St_c/St_fm)²), q_s = St · ½ρV³.
///
/// Computed as the algebraically identical q_s = q_c q_fm / √(q_c² + q_fm²) (q_fm = α ½ρV³),
/// which needs no division by ½ρV³ and gives 0 (not 0/0) for ρ = 0 or V = 0. q_s ≤ min(q_c,
/// q_fm): smooth, and never above the free-molecular limit.
#[inline]
pub fn stagnation_heat_flux_w_m2(
    correlation: ContinuumCorrelation,
    density_kg_m3: f64,
    speed_m_s: f64,
    nose_radius_m: f64,
) -> f64 {
    let continuum = continuum_heat_flux_w_m2(correlation, density_kg_m3, speed_m_s, nose_radius_m);
    let free_molecular = free_molecular_heat_flux_w_m2(density_kg_m3, speed_m_s);
    let norm = (continuum * continuum + free_molecular * free_molecular).sqrt();
    if norm > 0.0 {
        continuum * free_molecular / norm
    } else {
        0.0
    }
}

/// Surface-average factor of a tumbling body, F = F_c + (F_fm − F_c) · w(Kn), F_c = 0.275,
/// F_fm = 0.25, w the drag bridge weight ([`bridge_weight`]). PHYSICS.md §4:
/// q_avg = F · q_s (times a fragment's `heat_scale`).
#[inline]
pub fn surface_average_factor(knudsen: f64) -> f64 {
    CONTINUUM_SURFACE_AVERAGE_FACTOR
        + (FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR - CONTINUUM_SURFACE_AVERAGE_FACTOR)
            * bridge_weight(knudsen)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// F is F_c = 0.275 in continuum, F_fm = 0.25 in free-molecular flow, halfway where the
    /// bridge weight is ½ (Kn = 0.1).
    #[test]
    fn surface_average_factor_limits() {
        assert_eq!(surface_average_factor(1e-4), 0.275);
        assert_eq!(surface_average_factor(1e-3), 0.275);
        assert_eq!(surface_average_factor(10.0), 0.25);
        assert_eq!(surface_average_factor(1e3), 0.25);
        assert!((surface_average_factor(0.1) - 0.2625).abs() < 1e-15);
    }

    /// Sutton–Graves scales as √(ρ/R_n) V³ and DKR as √(ρ/R_n) V^3.15 (hand ratios).
    #[test]
    fn correlation_scaling() {
        let sg =
            |rho, v, rn| continuum_heat_flux_w_m2(ContinuumCorrelation::SuttonGraves, rho, v, rn);
        let dkr = |rho, v, rn| {
            continuum_heat_flux_w_m2(ContinuumCorrelation::DetraKempRiddell, rho, v, rn)
        };
        assert!((sg(4e-5, 7000.0, 0.1) / sg(1e-5, 7000.0, 0.1) - 2.0).abs() < 1e-15);
        assert!((sg(1e-5, 7000.0, 0.4) / sg(1e-5, 7000.0, 0.1) - 0.5).abs() < 1e-15);
        assert!((sg(1e-5, 8000.0, 0.1) / sg(1e-5, 4000.0, 0.1) - 8.0).abs() < 1e-14);
        assert!((dkr(1e-5, 8000.0, 0.1) / dkr(1e-5, 4000.0, 0.1) - 2f64.powf(3.15)).abs() < 1e-13);
        // DKR at its reference point: ρ = 1.225, V = 7924.8, R_n = 1 m gives the coefficient.
        assert!((dkr(1.225, 7924.8, 1.0) - DKR_COEFFICIENT_W_M1_5).abs() < 1e-6);
    }
}
