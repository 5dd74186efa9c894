//! The one place that names the SIMD type of the solver.
//!
//! Every kernel in the workspace works on [`F64s`], a vector of [`LANES`] `f64` values, one per
//! independent trajectory (or atmosphere point). Piecewise physics is written branch-free: both
//! sides are computed and blended with [`select`] on a [`Mask`]. The vector math the kernels need
//! lives in [`math`], each function with its measured accuracy against the platform `libm`.
//!
//! ```
//! use reentry_lanes::{F64s, LANES, math, select};
//! let x = F64s::splat(2.0);
//! let y = math::exp(x);
//! assert!((y.to_array()[0] - 2.0f64.exp()).abs() < 1e-14 * 2.0f64.exp());
//! let m = x.simd_gt(F64s::splat(1.0));
//! assert_eq!(select(m, F64s::ONE, F64s::ZERO).to_array(), [1.0; LANES]);
//! ```

pub mod math;
pub mod simd_level;

/// Eight `f64` lanes. With AVX-512 (x86-64-v4) this is one register; with AVX2 (the default
/// x86-64-v3 build) two 256-bit registers, which gives the out-of-order core two independent
/// dependency chains per instruction stream.
pub type F64s = wide::f64x8;

/// Number of lanes in [`F64s`].
pub const LANES: usize = 8;

/// A lane mask: all bits set in a lane where the condition holds (the representation `wide` uses).
pub type Mask = wide::f64x8;

/// `mask ? if_true : if_false`, lane by lane.
#[inline(always)]
pub fn select(mask: Mask, if_true: F64s, if_false: F64s) -> F64s {
    mask.select(if_true, if_false)
}

/// Loads up to [`LANES`] values; missing lanes are filled with `fill`.
#[inline]
pub fn load_padded(values: &[f64], fill: f64) -> F64s {
    let mut a = [fill; LANES];
    let n = values.len().min(LANES);
    a[..n].copy_from_slice(&values[..n]);
    F64s::from(a)
}

/// `true` in every lane where the mask is set, as a plain array.
#[inline]
pub fn mask_to_bools(mask: Mask) -> [bool; LANES] {
    let bits = mask.to_bitmask();
    std::array::from_fn(|i| bits & (1 << i) != 0)
}

/// A mask from plain booleans.
#[inline]
pub fn mask_from_bools(b: [bool; LANES]) -> Mask {
    let a: [f64; LANES] =
        std::array::from_fn(|i| if b[i] { f64::from_bits(u64::MAX) } else { 0.0 });
    F64s::from(a)
}

/// ⌊x⌋ clamped to `0..=max_index`, both as lanes and as table indices (NaN gives 0): the
/// interval index and, subtracted from x, the position inside it. Floor and clamp run in SIMD;
/// only the conversion to `usize` is per lane (and clamps again, so no index can be out of range).
#[inline]
pub fn floor_clamped(x: F64s, max_index: usize) -> (F64s, [usize; LANES]) {
    // fast_max/fast_min return their constant operand for a NaN lane.
    let f = x
        .floor()
        .fast_max(F64s::ZERO)
        .fast_min(F64s::splat(max_index as f64));
    let a = f.to_array();
    (f, std::array::from_fn(|i| (a[i] as usize).min(max_index)))
}

/// Table indices from lane values: ⌊x⌋ clamped to `0..=max_index` (NaN gives 0), for [`gather`].
#[inline]
pub fn to_indices(x: F64s, max_index: usize) -> [usize; LANES] {
    floor_clamped(x, max_index).1
}

/// `table[indices[i]]` in lane i (a gather; the indices come from [`to_indices`]).
#[inline]
pub fn gather(table: &[f64], indices: &[usize; LANES]) -> F64s {
    F64s::from(std::array::from_fn::<f64, LANES, _>(|i| table[indices[i]]))
}
