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
            let slope = (c1 - c0) / (m1 - m0);
            return c0 + (mach - m0) * slope;
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

/// Free-molecular drag coefficient of a sphere (on its cross-section π d²/4, which equals S/4),
/// diffuse reflection with full accommodation, speed ratio S = V / √(2 k_B T / m) and
/// wall-to-gas temperature ratio τ = T_w / T:
///
/// C_D = (2S² + 1)/(√π S³) e^(−S²) + (4S⁴ + 4S² − 1)/(2S⁴) erf S + (2√π / (3S)) √τ.
///
/// Source: Bird, Molecular Gas Dynamics and the Direct Simulation of Gas Flows (1994), ch. 7
/// (free-molecule flow); numbers in validation-cases.md §2. An analytic check for the engineering constant
/// [`super::FREE_MOLECULAR_DRAG_COEFFICIENT`] = 2.0, not used by the solver. S > 0, τ ≥ 0.
pub fn free_molecular_sphere_drag_coefficient(
    speed_ratio: f64,
    wall_to_gas_temperature_ratio: f64,
) -> f64 {
    let s = speed_ratio;
    let s2 = s * s;
    let sqrt_pi = std::f64::consts::PI.sqrt();
    (2.0 * s2 + 1.0) / (sqrt_pi * s2 * s) * (-s2).exp()
        + (4.0 * s2 * s2 + 4.0 * s2 - 1.0) / (2.0 * s2 * s2) * erf(s)
        + 2.0 * sqrt_pi / (3.0 * s) * wall_to_gas_temperature_ratio.sqrt()
}

/// Modified-Newtonian drag coefficient of a sphere, C_D = C_p,max / 2, with C_p,max the
/// stagnation pressure coefficient behind a normal shock (Rayleigh pitot formula, γ = 1.4):
///
/// p₀₂/p∞ = [(γ+1)² M² / (4γM² − 2(γ−1))]^(γ/(γ−1)) · (1 − γ + 2γM²)/(γ+1),
/// C_p,max = 2 (p₀₂/p∞ − 1) / (γ M²).
///
/// Source: Rayleigh pitot formula (NACA Report 1135, 1953); modified Newtonian theory and the
/// sphere's C_D = C_p,max/2: Anderson, Hypersonic and High-Temperature Gas Dynamics, 2nd ed.,
/// ch. 3; numbers in validation-cases.md §2 (0.9197 as
/// M → ∞, the continuum limit of [`super::CONTINUUM_DRAG_TABLE`]). Supersonic: M ≥ 1.
pub fn modified_newtonian_sphere_drag_coefficient(mach: f64) -> f64 {
    let gamma = HEAT_CAPACITY_RATIO;
    let m2 = mach * mach;
    let pitot_ratio = ((gamma + 1.0).powi(2) * m2 / (4.0 * gamma * m2 - 2.0 * (gamma - 1.0)))
        .powf(gamma / (gamma - 1.0))
        * (1.0 - gamma + 2.0 * gamma * m2)
        / (gamma + 1.0);
    let pressure_coefficient_max = 2.0 * (pitot_ratio - 1.0) / (gamma * m2);
    pressure_coefficient_max / 2.0
}

/// Error function for x ≥ 0 by the everywhere-positive series
/// erf x = (2/√π) e^(−x²) Σ_n 2ⁿ x^(2n+1) / (1·3·5···(2n+1)) (Abramowitz & Stegun 7.1.6),
/// which has no cancellation; erf x = 1 to double precision beyond x = 6 (erfc 6 ≈ 2e-17).
/// Odd: erf(−x) = −erf(x).
fn erf(x: f64) -> f64 {
    if x < 0.0 {
        return -erf(-x);
    }
    if x > 6.0 {
        return 1.0;
    }
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term > 1e-17 * sum {
        n += 1.0;
        term *= 2.0 * x2 / (2.0 * n + 1.0);
        sum += term;
    }
    2.0 / std::f64::consts::PI.sqrt() * (-x2).exp() * sum
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erf at x = 0.5, 1, 2 (Abramowitz & Stegun Table 7.1, 10 digits).
    #[test]
    fn erf_matches_table() {
        for (x, expected) in [
            (0.5, 0.520_499_877_8),
            (1.0, 0.842_700_792_9),
            (2.0, 0.995_322_265_0),
        ] {
            assert!((erf(x) - expected).abs() < 1e-10, "erf({x}) = {}", erf(x));
        }
        assert_eq!(erf(0.0), 0.0);
    }
}
