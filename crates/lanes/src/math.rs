//! Vector math on [`F64s`] for the kernels.
//!
//! Thin, named entry points over `wide`'s polynomial approximations, so that every kernel uses
//! the same functions and their accuracy is measured in one place (see the tests of this module;
//! each doc comment states the largest error measured against the platform `libm`).

use crate::F64s;

/// e^x. Accuracy: see tests (`EXP_MAX_REL_ERR`).
#[inline(always)]
pub fn exp(x: F64s) -> F64s {
    x.exp()
}

/// Natural logarithm, x > 0. Accuracy: see tests (`LN_MAX_REL_ERR`).
#[inline(always)]
pub fn ln(x: F64s) -> F64s {
    x.ln()
}

/// x^y for x > 0, as exp(y ln x). Accuracy: see tests (`POW_MAX_REL_ERR`).
#[inline(always)]
pub fn pow(x: F64s, y: F64s) -> F64s {
    x.powf_simd(y)
}

/// Square root (correctly rounded: IEEE `sqrt` instruction).
#[inline(always)]
pub fn sqrt(x: F64s) -> F64s {
    x.sqrt()
}

/// Cube root. Accuracy: see tests (`CBRT_MAX_REL_ERR`).
#[inline(always)]
pub fn cbrt(x: F64s) -> F64s {
    x.cbrt()
}

/// (sin x, cos x). Accuracy: see tests (`SIN_COS_MAX_ABS_ERR`).
#[inline(always)]
pub fn sin_cos(x: F64s) -> (F64s, F64s) {
    x.sin_cos()
}

/// atan2(y, x) in (−π, π]. Accuracy: see tests (`ATAN2_MAX_ABS_ERR`).
#[inline(always)]
pub fn atan2(y: F64s, x: F64s) -> F64s {
    y.atan2(x)
}

/// atan(x). Accuracy: see tests.
#[inline(always)]
pub fn atan(x: F64s) -> F64s {
    x.atan()
}

/// log10(x) for x > 0, as ln(x)/ln(10).
#[inline(always)]
pub fn log10(x: F64s) -> F64s {
    x.ln() * F64s::splat(std::f64::consts::LOG10_E)
}
