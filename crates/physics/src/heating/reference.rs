//! Heat flux in plain `f64` (PHYSICS.md §4).

pub use super::ContinuumCorrelation;
use super::{
    ACCOMMODATION_COEFFICIENT, AIR_OXYGEN_MASS_FRACTION, CONTINUUM_SURFACE_AVERAGE_FACTOR,
    DKR_COEFFICIENT_W_M1_5, DKR_REFERENCE_DENSITY_KG_M3, DKR_REFERENCE_SPEED_M_S,
    DKR_SPEED_EXPONENT, FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR, OXIDATION_MIN_SPECIFIC_ENERGY_J_KG,
    OXIDATION_ONSET_RAMP_K, SUTTON_GRAVES_K_EARTH,
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

/// Heat of surface oxidation into a fragment, W (an option; PHYSICS.md §4 leaves it out by
/// default, as the SDC4 cross-comparison and MORSAT do):
///
/// Q_ox = η · Y_O · Δh_ox · Q_conv / (½V²) · k(T),  k(T) = smoothstep((T − T_on) / ΔT).
///
/// - Q_conv / (½V²) is the mass-transfer conductance of the boundary layer, kg/s: by the
///   Reynolds analogy with Lewis number 1 the oxygen reaching the wall is Y_O times the heat
///   transfer coefficient Q_conv / (h₀ − h_w), and h₀ − h_w ≈ ½V² at entry speeds. The same ratio
///   holds in free-molecular flow (q = ½ρV³ with full accommodation, oxygen flux Y_O ρV).
/// - Y_O = [`AIR_OXYGEN_MASS_FRACTION`]; Δh_ox (J per kg O₂) the material's heat of oxidation;
///   η ∈ [0, 1] the oxidation efficiency (1: every oxygen molecule reaching the wall reacts, the
///   diffusion limit). ORSAT's oxidation heat rate has the same structure, "an empirical constant
///   times the cold wall heat rate times the oxide heat of formation" (Rochelle et al. 1997,
///   NTRS 19970040121), with its factor between 0 and 1.
/// - k(T) switches the reaction on over [`OXIDATION_ONSET_RAMP_K`] above the onset temperature
///   T_on (C¹ smoothstep s²(3 − 2s), s clamped to [0, 1]).
///
/// Units: η and Δh_ox as above, Q_conv W (the surface-integrated convective heat), V m/s, T and
/// T_on K. Returns 0 for η = 0 or Δh_ox = 0.
#[inline]
pub fn oxidation_heat_w(
    efficiency: f64,
    oxidation_heat_j_kg_o2: f64,
    onset_k: f64,
    convective_heat_w: f64,
    speed_m_s: f64,
    temperature_k: f64,
) -> f64 {
    let s = ((temperature_k - onset_k) / OXIDATION_ONSET_RAMP_K).clamp(0.0, 1.0);
    let onset = s * s * (3.0 - 2.0 * s);
    let specific_energy_j_kg =
        (0.5 * speed_m_s * speed_m_s).max(OXIDATION_MIN_SPECIFIC_ENERGY_J_KG);
    efficiency * AIR_OXYGEN_MASS_FRACTION * oxidation_heat_j_kg_o2 * convective_heat_w
        / specific_energy_j_kg
        * onset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Oxidation heat by hand: Ti (Δh = 29.5 MJ/kg O₂), η = 1, Q_conv = 1 kW at 7 km/s:
    /// 0.23142 × 29.5e6 × 1000 / 24.5e6 = 278.6486 W at the full rate (T ≥ T_on + 100 K), half
    /// of it in the middle of the ramp, none below the onset or with η = 0.
    #[test]
    fn oxidation_heat_by_hand() {
        let q = |eta: f64, t: f64| oxidation_heat_w(eta, 29.5e6, 1100.0, 1000.0, 7000.0, t);
        let full: f64 = 0.231_42 * 29.5e6 * 1000.0 / 24.5e6;
        assert!((full - 278.6486).abs() < 1e-4);
        assert!((q(1.0, 1250.0) - full).abs() < 1e-12 * full);
        assert!((q(1.0, 1200.0) - full).abs() < 1e-12 * full);
        assert!((q(1.0, 1150.0) - 0.5 * full).abs() < 1e-12 * full);
        assert!((q(0.4, 1300.0) - 0.4 * full).abs() < 1e-12 * full);
        assert_eq!(q(1.0, 1100.0), 0.0);
        assert_eq!(q(1.0, 300.0), 0.0);
        assert_eq!(q(0.0, 1500.0), 0.0);
        // At rest the convective heat is 0 and so is the oxidation heat (no 0/0).
        assert_eq!(oxidation_heat_w(1.0, 29.5e6, 1100.0, 0.0, 0.0, 1500.0), 0.0);
    }

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
