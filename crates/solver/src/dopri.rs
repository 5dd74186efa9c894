//! Dormand–Prince 5(4) coefficients (Dormand & Prince 1980, J. Comp. Appl. Math. 6; dense output
//! of Hairer, Nørsett & Wanner, Solving ODEs I, §II.6, the `DOPRI5` code) and the step-size
//! controller both paths use.

/// Nodes c_i.
pub const C: [f64; 7] = [0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0];
/// Row 2 of A.
pub const A21: f64 = 1.0 / 5.0;
/// Row 3 of A.
pub const A3: [f64; 2] = [3.0 / 40.0, 9.0 / 40.0];
/// Row 4 of A.
pub const A4: [f64; 3] = [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0];
/// Row 5 of A.
pub const A5: [f64; 4] = [
    19372.0 / 6561.0,
    -25360.0 / 2187.0,
    64448.0 / 6561.0,
    -212.0 / 729.0,
];
/// Row 6 of A.
pub const A6: [f64; 5] = [
    9017.0 / 3168.0,
    -355.0 / 33.0,
    46732.0 / 5247.0,
    49.0 / 176.0,
    -5103.0 / 18656.0,
];
/// Row 7 of A = the 5th-order weights b (FSAL; b2 = 0).
pub const B: [f64; 6] = [
    35.0 / 384.0,
    0.0,
    500.0 / 1113.0,
    125.0 / 192.0,
    -2187.0 / 6784.0,
    11.0 / 84.0,
];
/// Error weights b − b̂ for k1..k7 (k2's is 0).
pub const E: [f64; 7] = [
    71.0 / 57600.0,
    0.0,
    -71.0 / 16695.0,
    71.0 / 1920.0,
    -17253.0 / 339200.0,
    22.0 / 525.0,
    -1.0 / 40.0,
];
/// Dense-output weights d_i for k1..k7 (k2's is 0).
pub const D: [f64; 7] = [
    -12715105075.0 / 11282082432.0,
    0.0,
    87487479700.0 / 32700410799.0,
    -10690763975.0 / 1880347072.0,
    701980252875.0 / 199316789632.0,
    -1453857185.0 / 822651844.0,
    69997945.0 / 29380423.0,
];

/// Safety factor of the step-size controller.
pub const SAFETY: f64 = 0.9;
/// Smallest step-size change factor.
pub const MIN_FACTOR: f64 = 0.2;
/// Largest step-size change factor.
pub const MAX_FACTOR: f64 = 5.0;
/// Largest step, s (keeps orbit-phase steps short enough that output and event checks stay
/// meaningful; a circular LEO orbit at the default tolerance takes ~60 s steps anyway).
pub const MAX_STEP_S: f64 = 300.0;
/// First step of a flight, s.
pub const FIRST_STEP_S: f64 = 1.0;
/// A step shorter than this (s) means the integration cannot proceed: the node ends `non-finite`.
pub const MIN_STEP_S: f64 = 1e-10;

/// Step-size factor for the error norm `err` (err ≤ 1 accepts): 0.9 err^(−1/5), clamped to
/// [0.2, 5]. A non-finite err gives the smallest factor.
pub fn step_factor(err: f64) -> f64 {
    if err.is_nan() {
        return MIN_FACTOR;
    }
    (SAFETY * err.powf(-0.2)).clamp(MIN_FACTOR, MAX_FACTOR)
}

/// Gustafsson's predictive step-size factor (Gustafsson 1994, BIT 34; the `facgus` of Hairer
/// and Wanner's RADAU5): with err ≈ C h⁵ and C changing from this step to the next by the same
/// ratio as from the last accepted step to this one, the factor whose next error is predicted
/// at SAFETY⁵, 0.9 (h/h_prev)(err_prev/err²)^(1/5), clamped like [`step_factor`]. It is written
/// with the plain factors the controller has already computed, f = 0.9 err^(−1/5) (see
/// [`trend_factor`]), as (h/h_prev) f²/f_prev: no power function per step. `h_s`, `trend`: the
/// step just accepted; `h_prev_s`, `trend_prev`: the accepted step before it.
pub fn predictive_factor(h_s: f64, trend: f64, h_prev_s: f64, trend_prev: f64) -> f64 {
    let factor = h_s / h_prev_s * trend * trend / trend_prev;
    if factor.is_nan() {
        return MIN_FACTOR;
    }
    factor.clamp(MIN_FACTOR, MAX_FACTOR)
}

/// 0.9 err^(−1/5) of an accepted step (err ≤ 1) for [`predictive_factor`], from `factor`, the
/// [`step_factor`] (or its lanes twin) of that err: unclamped there for 1e-2 ≤ err ≤ 1. Errors
/// below 1e-2 count as 1e-2, as in RADAU5: they say nothing about the trend.
pub fn trend_factor(err: f64, factor: f64) -> f64 {
    /// 0.9 (1e-2)^(−1/5) = 0.9 · 10^(2/5).
    const AT_ONE_PERCENT: f64 = SAFETY * 2.511_886_431_509_580_5;
    if err < 1e-2 { AT_ONE_PERCENT } else { factor }
}

/// [`step_factor`] for lanes (the same formula; `wide`'s pow instead of libm's, so equal to
/// within a few ulp).
pub fn step_factor_lanes(err: reentry_lanes::F64s) -> reentry_lanes::F64s {
    use reentry_lanes::{F64s, math, select};
    let factor = (F64s::splat(SAFETY) * math::pow(err, F64s::splat(-0.2)))
        .max(F64s::splat(MIN_FACTOR))
        .min(F64s::splat(MAX_FACTOR));
    // err = 0 allows the largest step; a NaN error the smallest.
    let factor = select(err.simd_le(F64s::ZERO), F64s::splat(MAX_FACTOR), factor);
    select(err.simd_eq(err), factor, F64s::splat(MIN_FACTOR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_predictive_factor_follows_the_error_trend() {
        let trend = |err: f64| trend_factor(err, step_factor(err));
        // 0.9 (h/h_prev)(err_prev/err²)^(1/5), written out.
        let direct = |h: f64, err: f64, h_prev: f64, err_prev: f64| {
            let (e, ep) = (err.max(1e-2), err_prev.max(1e-2));
            (SAFETY * (h / h_prev) * (ep / (e * e)).powf(0.2)).clamp(MIN_FACTOR, MAX_FACTOR)
        };
        for (h, err, h_prev, err_prev) in [
            (2.0, 0.3, 2.0, 0.3),
            (1.5, 0.8, 1.5, 0.4),
            (1.0, 0.05, 2.0, 0.9),
            (3.0, 1e-5, 2.5, 0.2),
            (1.0, 0.5, 1e-6, 0.5),
            (1.0, 0.5, 1e6, 0.5),
        ] {
            let f = predictive_factor(h, trend(err), h_prev, trend(err_prev));
            let g = direct(h, err, h_prev, err_prev);
            assert!(
                (f - g).abs() < 1e-14 * g,
                "{h} {err} {h_prev} {err_prev}: {f} vs {g}"
            );
        }
        // Error steady at a steady step: the plain factor. Error doubling per step at a steady
        // step: the plain factor times 2^(−1/5), so that the next error is predicted at SAFETY⁵.
        for err in [0.05, 0.2, 0.45] {
            let steady = predictive_factor(2.0, trend(err), 2.0, trend(err));
            assert!((steady - step_factor(err)).abs() < 1e-15);
            let doubling = predictive_factor(1.5, trend(2.0 * err), 1.5, trend(err));
            let expected = step_factor(2.0 * err) * 2f64.powf(-0.2);
            assert!(
                (doubling - expected).abs() < 1e-14,
                "{doubling} vs {expected}"
            );
        }
        // The factor at 1e-2 below it, unclamped between 1e-2 and 1.
        assert!((trend(1e-9) - trend(1e-2)).abs() < 1e-15);
        assert!((trend(1e-2) - SAFETY * 1e-2f64.powf(-0.2)).abs() < 1e-15);
        assert_eq!(predictive_factor(1.0, f64::NAN, 1.0, 1.0), MIN_FACTOR);
    }
}
