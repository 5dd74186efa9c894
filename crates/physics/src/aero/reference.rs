//! Aerodynamics of tumbling fragments in plain `f64` (PHYSICS.md §3).

use super::{
    CONTINUUM_DRAG_TABLE, CONTINUUM_KNUDSEN, FREE_MOLECULAR_DRAG_COEFFICIENT,
    FREE_MOLECULAR_KNUDSEN, GAS_CONSTANT_J_KMOL_K, HEAT_CAPACITY_RATIO,
    SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL,
};

/// γ R*/M0 of the speed of sound c = √(γ R* T / M0), J/(kg K) (≈ 401.87).
pub(crate) const SOUND_SPEED_SQUARED_PER_KELVIN: f64 =
    HEAT_CAPACITY_RATIO * GAS_CONSTANT_J_KMOL_K / SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL;

/// Knudsen number Kn = λ / L_ref (λ the mean free path, L_ref = 2 R_eq; both m). PHYSICS.md §3.
#[inline]
pub fn knudsen(mean_free_path_m: f64, reference_length_m: f64) -> f64 {
    mean_free_path_m / reference_length_m
}

/// Mach number M = V / c with c = √(γ R* T / M0), γ = 1.4, R* = 8314.32 J/(kmol K),
/// M0 = 28.9644 kg/kmol (US76 constants; T the kinetic temperature in K, V in m/s).
/// PHYSICS.md §3.
#[inline]
pub fn mach(speed_m_s: f64, temperature_k: f64) -> f64 {
    speed_m_s / (SOUND_SPEED_SQUARED_PER_KELVIN * temperature_k).sqrt()
}

/// Continuum–free-molecular bridge weight (PHYSICS.md §3):
/// w = 0 for Kn ≤ 1e-3, w = 1 for Kn ≥ 10, else w = sin²(π (3/8 + log10(Kn)/8)).
/// Continuous at both ends (sin² 0 = 0, sin² π/2 = 1).
#[inline]
pub fn bridge_weight(knudsen: f64) -> f64 {
    if knudsen <= CONTINUUM_KNUDSEN {
        0.0
    } else if knudsen >= FREE_MOLECULAR_KNUDSEN {
        1.0
    } else {
        let s = (std::f64::consts::PI * (0.375 + knudsen.log10() / 8.0)).sin();
        s * s
    }
}

/// Continuum drag coefficient C_D,c(M) on A_ref: piecewise linear through
/// [`CONTINUUM_DRAG_TABLE`] (0 → 0.47 … 5 → 0.92), constant below Mach 0 and beyond Mach 5.
/// PHYSICS.md §3.
#[inline]
pub fn continuum_drag_coefficient(mach: f64) -> f64 {
    let (mach_first, cd_first) = CONTINUUM_DRAG_TABLE[0];
    if mach <= mach_first {
        return cd_first;
    }
    for pair in CONTINUUM_DRAG_TABLE.windows(2) {
        let ((m0, c0), (m1, c1)) = (pair[0], pair[1]);
        if mach < m1 {
            return c0 + (c1 - c0) * (mach - m0) / (m1 - m0);
        }
    }
    CONTINUUM_DRAG_TABLE[CONTINUUM_DRAG_TABLE.len() - 1].1
}

/// Bridged drag coefficient on A_ref (PHYSICS.md §3):
/// C_D = C_D,c(M) + (C_D,fm − C_D,c(M)) · w(Kn), C_D,fm = 2.0.
#[inline]
pub fn drag_coefficient(mach: f64, knudsen: f64) -> f64 {
    let continuum = continuum_drag_coefficient(mach);
    continuum + (FREE_MOLECULAR_DRAG_COEFFICIENT - continuum) * bridge_weight(knudsen)
}
