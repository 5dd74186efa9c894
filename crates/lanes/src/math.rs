//! Vector math on [`F64s`] for the kernels.
//!
//! Thin, named entry points over `wide`'s polynomial approximations, so that every kernel uses
//! the same functions and their accuracy is measured in one place (`tests/math_accuracy.rs`, 200 000
//! seeded points per function in an x86-64-v3 build; each doc comment states the largest error
//! measured against the platform `libm` and the tested bound).

use crate::F64s;

/// e^x. Largest relative error measured against libm over x ∈ [−700, 700]: 2.2e-16
/// (`tests/math_accuracy.rs`, `EXP_MAX_REL_ERR` = 5e-16).
#[inline(always)]
pub fn exp(x: F64s) -> F64s {
    x.exp()
}

/// Natural logarithm, x > 0. Largest relative error measured against libm over [1e-300, 1e300]
/// and [0.5, 2]: 2.2e-16 (`LN_MAX_REL_ERR` = 5e-16).
#[inline(always)]
pub fn ln(x: F64s) -> F64s {
    x.ln()
}

/// x^y for x > 0 (extended-precision log inside). Largest relative error measured against libm
/// over x ∈ [1e-10, 1e10], y ∈ [−20, 20]: 3.5e-16 (`POW_MAX_REL_ERR` = 1e-15).
#[inline(always)]
pub fn pow(x: F64s, y: F64s) -> F64s {
    x.powf_simd(y)
}

/// Square root (correctly rounded: IEEE `sqrt` instruction; equal to libm in every test point).
#[inline(always)]
pub fn sqrt(x: F64s) -> F64s {
    x.sqrt()
}

/// Cube root. Largest relative error measured against libm over ±[1e-300, 1e300]: 3.5e-16
/// (`CBRT_MAX_REL_ERR` = 1e-15).
#[inline(always)]
pub fn cbrt(x: F64s) -> F64s {
    x.cbrt()
}

/// (sin x, cos x). Largest absolute error measured against libm over x ∈ [−100π, 100π]: 2.2e-16
/// (`SIN_COS_MAX_ABS_ERR` = 5e-16); reduce larger arguments first.
#[inline(always)]
pub fn sin_cos(x: F64s) -> (F64s, F64s) {
    x.sin_cos()
}

/// atan2(y, x) in (−π, π]. Largest absolute error measured against libm over x, y ∈ [−1e3, 1e3]
/// and the axes: 4.4e-16 rad (`ATAN2_MAX_ABS_ERR` = 1e-15).
#[inline(always)]
pub fn atan2(y: F64s, x: F64s) -> F64s {
    y.atan2(x)
}

/// atan(x). Largest absolute error measured against libm over ±[1e-6, 1e6]: 2.2e-16 rad
/// (`ATAN_MAX_ABS_ERR` = 5e-16).
#[inline(always)]
pub fn atan(x: F64s) -> F64s {
    x.atan()
}

/// log10(x) for x > 0, as ln(x)·log10(e). Largest relative error measured against libm over
/// [1e-300, 1e300] where |log10 x| ≥ 0.1: 2.6e-16 (`LOG10_MAX_REL_ERR` = 1e-15).
#[inline(always)]
pub fn log10(x: F64s) -> F64s {
    x.ln() * F64s::splat(std::f64::consts::LOG10_E)
}
