//! Aerodynamics over [`F64s`] lanes: the twins of [`super::reference`] (same equations and
//! sources), branch-free.

use reentry_lanes::{F64s, math, select};

use super::reference::SOUND_SPEED_SQUARED_PER_KELVIN;
use super::{
    CONTINUUM_DRAG_TABLE, CONTINUUM_KNUDSEN, FREE_MOLECULAR_DRAG_COEFFICIENT,
    FREE_MOLECULAR_KNUDSEN,
};

/// Knudsen number Kn = λ / L_ref, as [`super::reference::knudsen`].
#[inline]
pub fn knudsen(mean_free_path_m: F64s, reference_length_m: F64s) -> F64s {
    mean_free_path_m / reference_length_m
}

/// Mach number V / √(γ R* T / M0), as [`super::reference::mach`].
#[inline]
pub fn mach(speed_m_s: F64s, temperature_k: F64s) -> F64s {
    speed_m_s / math::sqrt(F64s::splat(SOUND_SPEED_SQUARED_PER_KELVIN) * temperature_k)
}

/// Bridge weight w(Kn): 0 for Kn ≤ 1e-3, 1 for Kn ≥ 10, sin²(π (3/8 + log10 Kn / 8)) between,
/// as [`super::reference::bridge_weight`]; the ends are selected by mask.
#[inline]
pub fn bridge_weight(knudsen: F64s) -> F64s {
    let angle = F64s::splat(std::f64::consts::PI)
        * (F64s::splat(0.375) + math::log10(knudsen) / F64s::splat(8.0));
    let (s, _) = math::sin_cos(angle);
    let middle = s * s;
    let w = select(
        knudsen.simd_le(F64s::splat(CONTINUUM_KNUDSEN)),
        F64s::ZERO,
        middle,
    );
    select(
        knudsen.simd_ge(F64s::splat(FREE_MOLECULAR_KNUDSEN)),
        F64s::ONE,
        w,
    )
}

/// Continuum drag coefficient C_D,c(M): the piecewise-linear table as a blend of every segment's
/// line, each selected where M lies in its interval (same arithmetic as
/// [`super::reference::continuum_drag_coefficient`], hence bit-identical).
#[inline]
pub fn continuum_drag_coefficient(mach: F64s) -> F64s {
    let last = CONTINUUM_DRAG_TABLE.len() - 1;
    let mut cd = F64s::splat(CONTINUUM_DRAG_TABLE[last].1);
    // From the top segment down, so that the lowest segment containing M wins.
    for i in (0..last).rev() {
        let (m0, c0) = CONTINUUM_DRAG_TABLE[i];
        let (m1, c1) = CONTINUUM_DRAG_TABLE[i + 1];
        let slope = (c1 - c0) / (m1 - m0);
        let line = F64s::splat(c0) + (mach - F64s::splat(m0)) * F64s::splat(slope);
        cd = select(mach.simd_lt(F64s::splat(m1)), line, cd);
    }
    let (mach_first, cd_first) = CONTINUUM_DRAG_TABLE[0];
    select(
        mach.simd_le(F64s::splat(mach_first)),
        F64s::splat(cd_first),
        cd,
    )
}

/// Bridged drag coefficient C_D,c(M) + (2.0 − C_D,c(M)) w(Kn), as
/// [`super::reference::drag_coefficient`].
#[inline]
pub fn drag_coefficient(mach: F64s, knudsen: F64s) -> F64s {
    let continuum = continuum_drag_coefficient(mach);
    continuum + (F64s::splat(FREE_MOLECULAR_DRAG_COEFFICIENT) - continuum) * bridge_weight(knudsen)
}
