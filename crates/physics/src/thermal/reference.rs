//! Lumped heat balance, melting and size scaling in plain `f64` (PHYSICS.md §5).

use super::Material;
pub use super::ThermalRates;
use crate::earth::STEFAN_BOLTZMANN_W_M2_K4;

/// Net heat into a fragment, W: Q_net = Q_in − ε σ T⁴ S (re-radiation to cold surroundings,
/// PHYSICS.md §5). Q_in in W, T in K, S in m², σ = 5.670374419e-8 W/(m² K⁴).
#[inline]
pub fn net_heat_w(
    heat_in_w: f64,
    emissivity: f64,
    temperature_k: f64,
    surface_area_m2: f64,
) -> f64 {
    let t2 = temperature_k * temperature_k;
    heat_in_w - emissivity * STEFAN_BOLTZMANN_W_M2_K4 * t2 * t2 * surface_area_m2
}

/// Rates of the lumped (0-D) heat balance with melting (PHYSICS.md §5):
/// - melting, when T ≥ T_m and Q_net > 0: dT/dt = 0, dm/dt = −Q_net / h_f;
/// - otherwise (below T_m, or Q_net ≤ 0 at any T): dT/dt = Q_net / (m c_p), dm/dt = 0.
///
/// Melting is a switch at T = T_m. "Melting" is `temperature_k >= melt_temperature_k`, so the
/// rates are defined when T is exactly T_m (the solver clamps T to T_m when a step crosses it):
/// at T = T_m with Q_net > 0 the fragment melts at constant temperature. Molten mass is gone
/// for good (no re-solidification): with Q_net ≤ 0 the remaining solid simply cools. A T above
/// T_m (overshoot of a step) with Q_net > 0 also melts at constant T.
///
/// Units: Q_net W, m kg (> 0; not asserted, an integrator's trial stage may overshoot), T K,
/// material c_p J/(kg K), h_f J/kg.
#[inline]
pub fn heat_balance(
    net_heat_w: f64,
    mass_kg: f64,
    temperature_k: f64,
    material: &Material,
) -> ThermalRates {
    let melting = temperature_k >= material.melt_temperature_k && net_heat_w > 0.0;
    if melting {
        ThermalRates {
            temperature_rate_k_s: 0.0,
            mass_rate_kg_s: -net_heat_w / material.heat_of_fusion_j_kg,
        }
    } else {
        ThermalRates {
            temperature_rate_k_s: net_heat_w / (mass_kg * material.specific_heat_j_kg_k),
            mass_rate_kg_s: 0.0,
        }
    }
}

/// Linear size factor of an ablating fragment (PHYSICS.md §5): s = (m/m0)^(1/3) for a solid
/// fragment (same shape and density: S, A_ref ∝ s², R_eq, L_ref ∝ s), s = 1 for a hollow one
/// (its outer size is kept while the wall melts). Masses in kg, m0 > 0.
#[inline]
pub fn size_scale(mass_kg: f64, initial_mass_kg: f64, hollow: bool) -> f64 {
    if hollow {
        1.0
    } else {
        (mass_kg / initial_mass_kg).cbrt()
    }
}

/// Radiative-equilibrium wall temperature T_eq = (q / (ε σ))^(1/4), K, for an absorbed heat
/// flux q (W/m²) and emissivity ε (validation-cases.md §4).
#[inline]
pub fn radiative_equilibrium_temperature_k(heat_flux_w_m2: f64, emissivity: f64) -> f64 {
    (heat_flux_w_m2 / (emissivity * STEFAN_BOLTZMANN_W_M2_K4))
        .sqrt()
        .sqrt()
}

/// `true` when a fragment of mass m (kg) started at m0 (kg) has demised: m ≤ 1e-3 m0 (solid)
/// or m ≤ 0.05 m0 (hollow), PHYSICS.md §5.
#[inline]
pub fn is_demised(mass_kg: f64, initial_mass_kg: f64, hollow: bool) -> bool {
    mass_kg <= super::demise_mass_fraction(hollow) * initial_mass_kg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aluminium() -> Material {
        // PHYSICS.md §5, aluminium-6061.
        Material {
            id: "aluminium-6061".into(),
            density_kg_m3: 2700.0,
            specific_heat_j_kg_k: 896.0,
            melt_temperature_k: 855.0,
            heat_of_fusion_j_kg: 386e3,
            emissivity: 0.30,
            ..Default::default()
        }
    }

    /// The switch at T = T_m: exactly at T_m with heat coming in the fragment melts; one ulp
    /// below it heats; with no net heat or net cooling it never melts (no re-solidification,
    /// the lost mass stays lost: dm/dt is never positive).
    #[test]
    fn melting_switch_at_melt_temperature() {
        let al = aluminium();
        let tm = al.melt_temperature_k;
        let at = heat_balance(1000.0, 2.0, tm, &al);
        assert_eq!(at.temperature_rate_k_s, 0.0);
        assert_eq!(at.mass_rate_kg_s, -1000.0 / 386e3);
        let below = heat_balance(1000.0, 2.0, tm.next_down(), &al);
        assert_eq!(below.temperature_rate_k_s, 1000.0 / (2.0 * 896.0));
        assert_eq!(below.mass_rate_kg_s, 0.0);
        let above = heat_balance(1000.0, 2.0, tm.next_up(), &al);
        assert_eq!(above.temperature_rate_k_s, 0.0);
        for q in [0.0, -500.0] {
            let r = heat_balance(q, 2.0, tm, &al);
            assert_eq!(r.mass_rate_kg_s, 0.0);
            assert_eq!(r.temperature_rate_k_s, q / (2.0 * 896.0));
        }
    }

    #[test]
    fn size_scale_and_demise_rule() {
        assert_eq!(size_scale(0.125, 1.0, false), 0.5);
        assert_eq!(size_scale(0.125, 1.0, true), 1.0);
        assert!(is_demised(1e-3, 1.0, false) && !is_demised(1.1e-3, 1.0, false));
        assert!(is_demised(0.05, 1.0, true) && !is_demised(0.051, 1.0, true));
        // Radiation: ε σ T⁴ S at 1000 K, ε = 0.5, 2 m²: 0.5 × 5.670374419e-8 × 1e12 × 2.
        assert!((net_heat_w(0.0, 0.5, 1000.0, 2.0) + 56_703.744_19).abs() < 1e-8);
    }
}
