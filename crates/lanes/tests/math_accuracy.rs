//! Accuracy of `reentry_lanes::math` against the platform libm (Rust `std`), over wide ranges.
//!
//! Each bound is a named constant: the largest error measured here (x86-64-v3 build, 200 000
//! seeded points per function plus special points), times a small margin. The same numbers are
//! stated in the doc comments of `src/math.rs`.

use reentry_lanes::{F64s, LANES, math};

/// exp, relative, x ∈ [−700, 700]. Measured 2.2e-16 (1 ulp); bound 2.3×.
const EXP_MAX_REL_ERR: f64 = 5e-16;
/// ln, relative, x ∈ [1e-300, 1e300] (log-uniform) and [0.5, 2]. Measured 2.2e-16; bound 2.3×.
const LN_MAX_REL_ERR: f64 = 5e-16;
/// pow, relative, x ∈ [1e-10, 1e10] (log-uniform), y ∈ [−20, 20]. Measured 3.5e-16; bound 2.8×.
const POW_MAX_REL_ERR: f64 = 1e-15;
/// cbrt, relative, ±[1e-300, 1e300] (log-uniform). Measured 3.5e-16; bound 2.8×.
const CBRT_MAX_REL_ERR: f64 = 1e-15;
/// sin and cos, absolute, x ∈ [−100π, 100π]. Measured 2.2e-16; bound 2.3×.
const SIN_COS_MAX_ABS_ERR: f64 = 5e-16;
/// atan2, absolute (rad), x, y ∈ [−1e3, 1e3] and the axes. Measured 4.4e-16; bound 2.3×.
const ATAN2_MAX_ABS_ERR: f64 = 1e-15;
/// atan, absolute (rad), ±[1e-6, 1e6] (log-uniform). Measured 2.2e-16; bound 2.3×.
const ATAN_MAX_ABS_ERR: f64 = 5e-16;
/// log10, relative, x ∈ [1e-300, 1e300] (log-uniform), |log10 x| ≥ 0.1. Measured 2.6e-16;
/// bound 3.9×.
const LOG10_MAX_REL_ERR: f64 = 1e-15;

const POINTS: usize = 200_000;

/// Seeded uniform numbers in [0, 1) (splitmix64; the test replays exactly).
struct Uniform(u64);

impl Uniform {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
    fn log_range(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.next()).exp()
    }
}

/// Largest error of `lanes` against `scalar` over `points` (absolute if `absolute`, else relative).
fn max_err(
    points: &[f64],
    lanes: impl Fn(F64s) -> F64s,
    scalar: impl Fn(f64) -> f64,
    absolute: bool,
) -> (f64, f64) {
    let mut worst = (0.0, 0.0);
    for part in points.chunks(LANES) {
        let got = lanes(reentry_lanes::load_padded(part, part[0])).to_array();
        for (l, &x) in part.iter().enumerate() {
            let want = scalar(x);
            let e = if absolute {
                (got[l] - want).abs()
            } else {
                ((got[l] - want) / want).abs()
            };
            assert!(!e.is_nan(), "NaN at {x}: {} vs {want}", got[l]);
            if e > worst.0 {
                worst = (e, x);
            }
        }
    }
    worst
}

fn report(name: &str, (err, at): (f64, f64), bound: f64) {
    println!("{name}: max error {err:.2e} at {at:e} (bound {bound:.1e})");
    assert!(err <= bound, "{name}: {err:e} at {at:e} exceeds {bound:e}");
}

#[test]
fn exp_accuracy() {
    let mut u = Uniform(1);
    let mut x: Vec<f64> = (0..POINTS).map(|_| u.range(-700.0, 700.0)).collect();
    x.extend([0.0, -0.0, 1.0, -1.0, 1e-300, 709.0, -708.0]);
    report(
        "exp",
        max_err(&x, math::exp, f64::exp, false),
        EXP_MAX_REL_ERR,
    );
}

#[test]
fn ln_accuracy() {
    let mut u = Uniform(2);
    let mut x: Vec<f64> = (0..POINTS).map(|_| u.log_range(1e-300, 1e300)).collect();
    x.extend(
        (0..POINTS)
            .map(|_| u.range(0.5, 2.0))
            .filter(|v| (v - 1.0).abs() > 1e-3),
    );
    x.extend([f64::MIN_POSITIVE, 2.0, 0.5, 10.0, f64::MAX]);
    report("ln", max_err(&x, math::ln, f64::ln, false), LN_MAX_REL_ERR);
}

#[test]
fn pow_accuracy() {
    let mut u = Uniform(3);
    let mut worst = (0.0f64, 0.0);
    for _ in 0..POINTS / LANES {
        let xs: [f64; LANES] = std::array::from_fn(|_| u.log_range(1e-10, 1e10));
        let ys: [f64; LANES] = std::array::from_fn(|_| u.range(-20.0, 20.0));
        let got = math::pow(F64s::from(xs), F64s::from(ys)).to_array();
        for l in 0..LANES {
            let want = xs[l].powf(ys[l]);
            let e = ((got[l] - want) / want).abs();
            if e > worst.0 {
                worst = (e, xs[l]);
            }
        }
    }
    report("pow", worst, POW_MAX_REL_ERR);
}

#[test]
fn cbrt_accuracy() {
    let mut u = Uniform(4);
    let x: Vec<f64> = (0..POINTS)
        .map(|i| {
            let v = u.log_range(1e-300, 1e300);
            if i % 2 == 0 { v } else { -v }
        })
        .collect();
    report(
        "cbrt",
        max_err(&x, math::cbrt, f64::cbrt, false),
        CBRT_MAX_REL_ERR,
    );
}

#[test]
fn sin_cos_accuracy() {
    let mut u = Uniform(5);
    let pi = std::f64::consts::PI;
    let mut x: Vec<f64> = (0..POINTS)
        .map(|_| u.range(-100.0 * pi, 100.0 * pi))
        .collect();
    x.extend([0.0, pi / 2.0, pi, -pi, 2.0 * pi, 1e-10]);
    report(
        "sin",
        max_err(&x, |v| math::sin_cos(v).0, f64::sin, true),
        SIN_COS_MAX_ABS_ERR,
    );
    report(
        "cos",
        max_err(&x, |v| math::sin_cos(v).1, f64::cos, true),
        SIN_COS_MAX_ABS_ERR,
    );
}

#[test]
fn atan2_accuracy() {
    let mut u = Uniform(6);
    let mut worst = (0.0f64, 0.0);
    let mut pairs: Vec<(f64, f64)> = (0..POINTS)
        .map(|_| (u.range(-1e3, 1e3), u.range(-1e3, 1e3)))
        .collect();
    pairs.extend([
        (0.0, 1.0),
        (1.0, 0.0),
        (0.0, -1.0),
        (-1.0, 0.0),
        (1.0, 1.0),
        (-1.0, -1.0),
    ]);
    for part in pairs.chunks(LANES) {
        let y = reentry_lanes::load_padded(&part.iter().map(|p| p.0).collect::<Vec<_>>(), 1.0);
        let x = reentry_lanes::load_padded(&part.iter().map(|p| p.1).collect::<Vec<_>>(), 1.0);
        let got = math::atan2(y, x).to_array();
        for (l, &(yl, xl)) in part.iter().enumerate() {
            let e = (got[l] - yl.atan2(xl)).abs();
            if e > worst.0 {
                worst = (e, yl / xl);
            }
        }
    }
    report("atan2", worst, ATAN2_MAX_ABS_ERR);
}

#[test]
fn atan_accuracy() {
    let mut u = Uniform(7);
    let mut x: Vec<f64> = (0..POINTS)
        .map(|i| {
            let v = u.log_range(1e-6, 1e6);
            if i % 2 == 0 { v } else { -v }
        })
        .collect();
    x.extend([0.0, 1.0, -1.0]);
    report(
        "atan",
        max_err(&x, math::atan, f64::atan, true),
        ATAN_MAX_ABS_ERR,
    );
}

#[test]
fn log10_accuracy() {
    let mut u = Uniform(8);
    let x: Vec<f64> = (0..POINTS)
        .map(|_| u.log_range(1e-300, 1e300))
        .filter(|v| v.log10().abs() >= 0.1)
        .collect();
    report(
        "log10",
        max_err(&x, math::log10, f64::log10, false),
        LOG10_MAX_REL_ERR,
    );
}

#[test]
fn sqrt_is_correctly_rounded() {
    let mut u = Uniform(9);
    let x: Vec<f64> = (0..POINTS).map(|_| u.log_range(1e-300, 1e300)).collect();
    report("sqrt", max_err(&x, math::sqrt, f64::sqrt, false), 0.0);
}
