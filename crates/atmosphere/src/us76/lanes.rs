//! US76 over [`F64s`]: branch-free twin of [`super::reference`].
//!
//! Layer constants are blended with masks; the table rows of the lanes are read as 4-wide
//! vectors and transposed in registers (`columns_of_rows8`). A region (below or above 86 km) or a
//! temperature segment is skipped only when no lane is in it, which does not change any lane's
//! result. A batch with lanes on both sides of 86 km shares what the two formulations have in
//! common (one division by r0 + Z, one exponential) and, when its lanes below 86 km lie in one
//! half of the vector, evaluates the layered formulation on that half only. Every lane performs
//! the same operations whatever its neighbours are, so a lane's result does not depend on the
//! batch it is evaluated in (tested bit for bit).

use std::sync::LazyLock;

use reentry_lanes::{LANES, Mask, math, select};

use super::upper::{self, INTERVAL_COUNT, INVERSE_NODE_STEP_PER_M, Z7_M, Z8_M, Z9_M, Z10_M, Z12_M};
use super::{
    EARTH_RADIUS_M, HYDROSTATIC_CONSTANT_K_M, LOWER_LAYER_COUNT, MOLECULAR_WEIGHT_RATIO_80_86_KM,
    MOLECULAR_WEIGHT_RATIO_START_M, MOLECULAR_WEIGHT_RATIO_STEP_M, UPPER_REGION_BASE_M, layers,
};
use crate::{
    AtmosphereLanes, F64s, US76_GAS_CONSTANT_J_KMOL_K, US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL,
    mean_free_path_m_lanes,
};

/// US76 at geometric altitudes `altitude_m` (see [`super::reference::sample`]).
///
/// Both regions end in one exponential (P/P_b below 86 km, ρ above) and both divide by r0 + Z
/// (the geopotential height below, the exospheric temperature's ξ above): a batch with lanes in
/// both regions evaluates each once, on operands blended by region. When the lanes below 86 km
/// of such a batch all lie in one half of the vector (a batch of random altitudes that straddles
/// 86 km usually has one or two), the layered formulation runs on that half alone, with the same
/// operations per lane.
#[inline(always)]
pub fn sample(altitude_m: F64s) -> AtmosphereLanes {
    let z = altitude_m;
    let below = z.simd_lt(F64s::splat(UPPER_REGION_BASE_M));
    let (rho, t, p) = if below.all() {
        let lower = lower_exponent(geopotential_m(z));
        let (rho, tm, p) = lower_state(&lower, exp_normal(lower.exponent));
        (rho, tm * molecular_weight_ratio_where(z, below), p)
    } else if !below.any() {
        let upper = upper_exponent(z);
        let t = upper_temperature_k(z, None);
        upper_state(&upper, exp_normal(upper.ln_rho), t)
    } else {
        let r0 = F64s::splat(EARTH_RADIUS_M);
        // H = r0 Z/(r0 + Z) below 86 km, (r0 + Z10)/(r0 + Z) above, in one division.
        let numerator = select(below, r0 * z, F64s::splat(EARTH_RADIUS_M + Z10_M));
        let quotient = numerator / (r0 + z);
        let upper = upper_exponent(z);
        let t_u = upper_temperature_k(z, Some(quotient));
        let ratio = molecular_weight_ratio_where(z, below);
        let (rho_l, t_l, p_l, e) = if let Some(k) = below_half(below) {
            // All lanes below 86 km in half k.
            let lower = lower_exponent(halves(quotient)[k]);
            let e = exp_normal(select(
                below,
                with_half(upper.ln_rho, k, lower.exponent),
                upper.ln_rho,
            ));
            let (rho, tm, p) = lower_state(&lower, halves(e)[k]);
            let t = tm * halves(ratio)[k];
            let fill = F64s::ZERO;
            (
                with_half(fill, k, rho),
                with_half(fill, k, t),
                with_half(fill, k, p),
                e,
            )
        } else {
            let lower = lower_exponent(quotient);
            let e = exp_normal(select(below, lower.exponent, upper.ln_rho));
            let (rho, tm, p) = lower_state(&lower, e);
            (rho, tm * ratio, p, e)
        };
        let (rho_u, _, p_u) = upper_state(&upper, e, t_u);
        (
            select(below, rho_l, rho_u),
            select(below, t_l, t_u),
            select(below, p_l, p_u),
        )
    };
    AtmosphereLanes {
        density_kg_m3: rho,
        temperature_k: t,
        pressure_pa: p,
        mean_free_path_m: mean_free_path_m_lanes(t, p),
    }
}

/// Half of [`F64s`]: four lanes.
type Half = wide::f64x4;

/// The two halves of `v`: lanes 0–3 and 4–7.
#[inline(always)]
fn halves(v: F64s) -> [Half; 2] {
    wide::bytemuck::cast(v)
}

/// `v` with half `k` replaced by `h`.
#[inline(always)]
fn with_half(v: F64s, k: usize, h: Half) -> F64s {
    let mut parts = halves(v);
    parts[k] = h;
    wide::bytemuck::cast(parts)
}

/// Kinetic temperature (K) at geometric altitudes `altitude_m` (m). A batch with lanes on both
/// sides of 86 km shares the division by r0 + Z and narrows the layered formulation to one half
/// of the vector where it can, as [`sample`] does.
#[inline(always)]
pub fn temperature_k(altitude_m: F64s) -> F64s {
    let z = altitude_m;
    let below = z.simd_lt(F64s::splat(UPPER_REGION_BASE_M));
    if below.all() {
        let h = geopotential_m(z);
        let c: [F64s; 5] = lower_layer_of(h);
        return lower_molecular_temperature_k(h, &c) * molecular_weight_ratio_where(z, below);
    }
    if !below.any() {
        return upper_temperature_k(z, None);
    }
    let r0 = F64s::splat(EARTH_RADIUS_M);
    let numerator = select(below, r0 * z, F64s::splat(EARTH_RADIUS_M + Z10_M));
    let quotient = numerator / (r0 + z);
    let ratio = molecular_weight_ratio_where(z, below);
    let t_l = match below_half(below) {
        Some(k) => {
            let h = halves(quotient)[k];
            let c: [Half; 5] = lower_layer_of(h);
            with_half(
                F64s::ZERO,
                k,
                lower_molecular_temperature_k(h, &c) * halves(ratio)[k],
            )
        }
        None => {
            let c: [F64s; 5] = lower_layer_of(quotient);
            lower_molecular_temperature_k(quotient, &c) * ratio
        }
    };
    select(below, t_l, upper_temperature_k(z, Some(quotient)))
}

/// The half of the vector (0: lanes 0–3, 1: lanes 4–7) that holds every lane of `mask`, if one
/// does.
#[inline(always)]
fn below_half(mask: Mask) -> Option<usize> {
    let bits = mask.to_bitmask();
    let low_half = (1u32 << (LANES / 2)) - 1;
    if bits & !low_half == 0 {
        Some(0)
    } else if bits & low_half == 0 {
        Some(1)
    } else {
        None
    }
}

/// M/M0 (see [`super::reference::molecular_weight_ratio`]).
#[inline]
pub fn molecular_weight_ratio(altitude_m: F64s) -> F64s {
    molecular_weight_ratio_where(altitude_m, F64s::splat(f64::from_bits(u64::MAX)))
}

/// M/M0 in the lanes of `wanted`; the other lanes get an unspecified value.
#[inline]
fn molecular_weight_ratio_where(altitude_m: F64s, wanted: Mask) -> F64s {
    let table = &MOLECULAR_WEIGHT_RATIO_80_86_KM;
    let last = table.len() - 1;
    // Below 80 km the ratio is 1: skip the gathers when no wanted lane is above.
    if !(altitude_m.simd_gt(F64s::splat(MOLECULAR_WEIGHT_RATIO_START_M)) & wanted).any() {
        return F64s::splat(table[0]);
    }
    let s = ((altitude_m - F64s::splat(MOLECULAR_WEIGHT_RATIO_START_M))
        * F64s::splat(1.0 / MOLECULAR_WEIGHT_RATIO_STEP_M))
    .fast_max(F64s::ZERO)
    .fast_min(F64s::splat(last as f64));
    let (i_f, i) = floor_and_indices(s, last - 1);
    let lo = F64s::from(std::array::from_fn::<f64, LANES, _>(|l| table[i[l]]));
    let hi = F64s::from(std::array::from_fn::<f64, LANES, _>(|l| table[i[l] + 1]));
    (s - i_f).mul_add(hi - lo, lo)
}

/// Geopotential height H = r0 Z/(r0 + Z) (m′), as in [`super::geopotential_altitude_m`].
#[inline(always)]
fn geopotential_m(altitude_m: F64s) -> F64s {
    let r0 = F64s::splat(EARTH_RADIUS_M);
    r0 * altitude_m / (r0 + altitude_m)
}

/// The operations of the layered formulation below 86 km, on a full batch ([`F64s`]) or on half
/// of one ([`Half`]): the same IEEE operations and the same logarithm per lane, so a lane's
/// result does not depend on the width it was computed at.
trait LowerLanes:
    Copy
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
{
    fn splat(x: f64) -> Self;
    fn simd_ge(self, other: Self) -> Self;
    fn simd_eq(self, other: Self) -> Self;
    /// `mask ? if_true : if_false`, lane by lane.
    fn select(mask: Self, if_true: Self, if_false: Self) -> Self;
    fn ln(self) -> Self;
}

impl LowerLanes for F64s {
    #[inline(always)]
    fn splat(x: f64) -> Self {
        F64s::splat(x)
    }
    #[inline(always)]
    fn simd_ge(self, other: Self) -> Self {
        F64s::simd_ge(self, other)
    }
    #[inline(always)]
    fn simd_eq(self, other: Self) -> Self {
        F64s::simd_eq(self, other)
    }
    #[inline(always)]
    fn select(mask: Self, if_true: Self, if_false: Self) -> Self {
        select(mask, if_true, if_false)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        math::ln(self)
    }
}

impl LowerLanes for Half {
    #[inline(always)]
    fn splat(x: f64) -> Self {
        Half::splat(x)
    }
    #[inline(always)]
    fn simd_ge(self, other: Self) -> Self {
        Half::simd_ge(self, other)
    }
    #[inline(always)]
    fn simd_eq(self, other: Self) -> Self {
        Half::simd_eq(self, other)
    }
    #[inline(always)]
    fn select(mask: Self, if_true: Self, if_false: Self) -> Self {
        mask.select(if_true, if_false)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        // `wide`'s f64x4 logarithm: the algorithm of its f64x8 one (`math::ln`), lane by lane.
        Half::ln(self)
    }
}

/// The constants of each lane's layer at geopotential height `h` (see
/// [`lower_layer_constants`]), blended by masks.
#[inline(always)]
fn lower_layer_of<V: LowerLanes>(h: V) -> [V; 5] {
    let layers = lower_layer_constants();
    let mut c = layers[0].map(V::splat);
    for layer in &layers[1..] {
        let m = h.simd_ge(V::splat(layer[0]));
        for k in 0..5 {
            c[k] = V::select(m, V::splat(layer[k]), c[k]);
        }
    }
    c
}

/// Molecular-scale temperature T_M (K) below 86 km: T_M,b + L (H − H_b), not fused, as in the
/// reference (T_M,b/T_M is raised to a power of up to 34, which would amplify a one-ulp
/// difference).
#[inline(always)]
fn lower_molecular_temperature_k<V: LowerLanes>(h: V, c: &[V; 5]) -> V {
    c[1] + c[2] * (h - c[0])
}

/// Below 86 km, before the exponential: T_M (K), P_b (Pa) and the exponent of
/// P = P_b exp(exponent) (NOAA-S/T 76-1562 eqs. 23, 33).
struct LowerExponent<V> {
    molecular_temperature_k: V,
    base_pressure_pa: V,
    exponent: V,
}

/// [`LowerExponent`] at geopotential height `h` (m′).
#[inline(always)]
fn lower_exponent<V: LowerLanes>(h: V) -> LowerExponent<V> {
    let c = lower_layer_of(h);
    let [hb, tb, lapse, pb, coefficient] = c;
    let tm = lower_molecular_temperature_k(h, &c);
    // ln(P/P_b) = (g0′M0/R*)/L · ln(T_M,b/T_M) for L ≠ 0, −(g0′M0/R*)/T_M,b · ΔH for L = 0.
    let isothermal = lapse.simd_eq(V::splat(0.0));
    LowerExponent {
        molecular_temperature_k: tm,
        base_pressure_pa: pb,
        exponent: coefficient * V::select(isothermal, h - hb, (tb / tm).ln()),
    }
}

/// Per layer: H_b, T_M,b, L, P_b, and the coefficient of the exponent: g0′M0/(R* L) if L ≠ 0,
/// −g0′M0/(R* T_M,b) if L = 0.
fn lower_layer_constants() -> &'static [[f64; 5]; LOWER_LAYER_COUNT] {
    static CONSTANTS: LazyLock<[[f64; 5]; LOWER_LAYER_COUNT]> = LazyLock::new(|| {
        layers().map(|l| {
            [
                l.base_geopotential_m,
                l.base_molecular_temperature_k,
                l.lapse_rate_k_m,
                l.base_pressure_pa,
                if l.lapse_rate_k_m == 0.0 {
                    -HYDROSTATIC_CONSTANT_K_M / l.base_molecular_temperature_k
                } else {
                    HYDROSTATIC_CONSTANT_K_M / l.lapse_rate_k_m
                },
            ]
        })
    });
    &CONSTANTS
}

/// (ρ, T_M, P) below 86 km from [`lower_exponent`] and `e` = exp(its exponent); the kinetic
/// temperature is T_M·(M/M0).
#[inline(always)]
fn lower_state<V: LowerLanes>(lower: &LowerExponent<V>, e: V) -> (V, V, V) {
    let tm = lower.molecular_temperature_k;
    let p = lower.base_pressure_pa * e;
    let rho =
        p * V::splat(US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL / US76_GAS_CONSTANT_J_KMOL_K) / tm;
    (rho, tm, p)
}

/// Kinetic temperature (K) above 86 km: the four segments blended by masks (see
/// [`upper::temperature_and_gradient`]). `ratio` is (r0 + Z10)/(r0 + Z) where the caller has it.
#[inline(always)]
fn upper_temperature_k(z: F64s, ratio: Option<F64s>) -> F64s {
    let in_8 = z.simd_ge(F64s::splat(Z8_M));
    let in_9 = z.simd_ge(F64s::splat(Z9_M));
    let in_10 = z.simd_ge(F64s::splat(Z10_M));
    let mut t = F64s::splat(upper::T7_K);
    // A segment no lane is in is skipped (no lane's value changes).
    if (in_8 & !in_9).any() {
        let x = (z - F64s::splat(Z8_M)) / F64s::splat(upper::ELLIPSE_SEMI_AXIS_M);
        let root = (F64s::ONE - x * x).max(F64s::ZERO).sqrt();
        let t8 = F64s::splat(upper::ELLIPSE_CENTRE_TEMPERATURE_K)
            + F64s::splat(upper::ELLIPSE_AMPLITUDE_K) * root;
        t = select(in_8, t8, t);
    }
    let t9 =
        F64s::splat(upper::T9_K) + F64s::splat(upper::LAPSE_RATE_9_K_M) * (z - F64s::splat(Z9_M));
    t = select(in_9, t9, t);
    if in_10.any() {
        let r = ratio.unwrap_or_else(|| {
            F64s::splat(EARTH_RADIUS_M + Z10_M) / (F64s::splat(EARTH_RADIUS_M) + z)
        });
        let xi = (z - F64s::splat(Z10_M)) * r;
        // −λξ ∈ (−122, 0] in the lanes at or above Z10 (ξ < r0 + Z10); the others are
        // discarded by the select below.
        let e = exp_in_range(F64s::splat(-upper::LAMBDA_PER_M) * xi);
        let t10 = F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K)
            - F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K - upper::T10_K) * e;
        t = select(in_10, t10, t);
    }
    t
}

/// At or above 86 km, before the exponential: ln ρ and 1/M from the diffusion table (see
/// [`upper::Table`]).
struct UpperExponent {
    ln_rho: F64s,
    inverse_molecular_weight: F64s,
}

#[inline(always)]
fn upper_exponent(z: F64s) -> UpperExponent {
    let table = upper::table();
    // fast_max/fast_min: a NaN lane becomes 86 km instead of poisoning the index.
    let zc = z.fast_max(F64s::splat(Z7_M)).fast_min(F64s::splat(Z12_M));
    let s = (zc - F64s::splat(Z7_M)) * F64s::splat(INVERSE_NODE_STEP_PER_M);
    let (jf, j) = floor_and_indices(s, INTERVAL_COUNT - 1);
    let t = s - jf;
    let c = columns_of_rows8(std::array::from_fn(|l| {
        &table.density_and_inverse_molecular_weight[j[l]].0
    }));
    let ln_rho = t.mul_add(t.mul_add(t.mul_add(c[3], c[2]), c[1]), c[0]);
    UpperExponent {
        ln_rho: F64s::splat(table.top_ln_density_slope_per_m).mul_add(z - zc, ln_rho),
        inverse_molecular_weight: t.mul_add(t.mul_add(t.mul_add(c[7], c[6]), c[5]), c[4]),
    }
}

/// (ρ, T, P) at or above 86 km from [`upper_exponent`], `rho` = exp(ln ρ) and the temperature.
#[inline(always)]
fn upper_state(upper: &UpperExponent, rho: F64s, temperature_k: F64s) -> (F64s, F64s, F64s) {
    let p = rho
        * F64s::splat(US76_GAS_CONSTANT_J_KMOL_K)
        * temperature_k
        * upper.inverse_molecular_weight;
    (rho, temperature_k, p)
}

/// Column k of `rows[l]` in lane l: eight table rows of eight coefficients turned into eight
/// vectors. With AVX each row is read as two 4-wide vectors and the four 4×4 blocks are
/// transposed in registers (16 loads and 32 shuffles instead of 64 loads and inserts; `wide` has
/// no gather); the values are the same either way.
#[inline(always)]
pub(crate) fn columns_of_rows8(rows: [&[f64; 8]; LANES]) -> [F64s; 8] {
    #[cfg(all(target_arch = "x86_64", target_feature = "avx"))]
    {
        use safe_arch::m256d;
        use wide::bytemuck::cast;
        let halves: [[m256d; 2]; LANES] = std::array::from_fn(|l| cast(*rows[l]));
        let mut c = [F64s::ZERO; 8];
        for h in 0..2 {
            let lo = transpose4([halves[0][h], halves[1][h], halves[2][h], halves[3][h]]);
            let hi = transpose4([halves[4][h], halves[5][h], halves[6][h], halves[7][h]]);
            for k in 0..4 {
                c[4 * h + k] = cast([lo[k], hi[k]]);
            }
        }
        c
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "avx")))]
    {
        std::array::from_fn(|k| F64s::from(std::array::from_fn::<f64, LANES, _>(|l| rows[l][k])))
    }
}

/// [`columns_of_rows8`] for rows of four.
#[inline(always)]
pub(crate) fn columns_of_rows4(rows: [&[f64; 4]; LANES]) -> [F64s; 4] {
    #[cfg(all(target_arch = "x86_64", target_feature = "avx"))]
    {
        use safe_arch::m256d;
        use wide::bytemuck::cast;
        let r: [m256d; LANES] = std::array::from_fn(|l| cast(*rows[l]));
        let lo = transpose4([r[0], r[1], r[2], r[3]]);
        let hi = transpose4([r[4], r[5], r[6], r[7]]);
        std::array::from_fn(|k| cast([lo[k], hi[k]]))
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "avx")))]
    {
        std::array::from_fn(|k| F64s::from(std::array::from_fn::<f64, LANES, _>(|l| rows[l][k])))
    }
}

/// 4×4 transpose of doubles: in-lane unpacks, then 128-bit lane exchanges.
#[cfg(all(target_arch = "x86_64", target_feature = "avx"))]
#[inline(always)]
fn transpose4(r: [safe_arch::m256d; 4]) -> [safe_arch::m256d; 4] {
    use safe_arch::{permute2z_m256d, unpack_hi_m256d, unpack_lo_m256d};
    let t0 = unpack_lo_m256d(r[0], r[1]);
    let t1 = unpack_hi_m256d(r[0], r[1]);
    let t2 = unpack_lo_m256d(r[2], r[3]);
    let t3 = unpack_hi_m256d(r[2], r[3]);
    [
        permute2z_m256d::<0x20>(t0, t2),
        permute2z_m256d::<0x20>(t1, t3),
        permute2z_m256d::<0x31>(t0, t2),
        permute2z_m256d::<0x31>(t1, t3),
    ]
}

/// 2⁵²: added to an integral `f64` in [0, 2³²) it leaves the integer in the low mantissa bits.
const INDEX_MAGIC: f64 = 4_503_599_627_370_496.0;

/// ⌊x⌋ clamped to `0..=max_index` (NaN gives 0), as lanes and as table indices, like
/// [`reentry_lanes::floor_clamped`] but converted by [`indices_of_integral`].
#[inline(always)]
pub(crate) fn floor_and_indices(x: F64s, max_index: usize) -> (F64s, [usize; LANES]) {
    // fast_max/fast_min return their constant operand for a NaN lane.
    let f = x
        .floor()
        .fast_max(F64s::ZERO)
        .fast_min(F64s::splat(max_index as f64));
    (f, indices_of_integral(f, max_index))
}

/// Table indices from lanes that already hold integers in `0..=max_index`: one vector addition
/// of 2⁵² leaves each integer in the low bits of its lane, instead of a saturating
/// float-to-integer conversion per lane. `max_index` must be below 2³²; where it is one less
/// than a power of two the index is masked with it, which changes no valid value and lets the
/// compiler drop the bounds check on a table of that length.
#[inline(always)]
pub(crate) fn indices_of_integral(f: F64s, max_index: usize) -> [usize; LANES] {
    let bits = (f + F64s::splat(INDEX_MAGIC)).to_array();
    std::array::from_fn(|l| {
        let i = bits[l].to_bits() as u32 as usize;
        if (max_index + 1).is_power_of_two() {
            i & max_index
        } else {
            i.min(max_index)
        }
    })
}

/// Below this argument e^x is under the smallest normal `f64` (ln 2⁻¹⁰²²) and [`exp_normal`]
/// returns 0.
pub const EXP_NORMAL_MIN_ARGUMENT: f64 = -708.396_418_532_264_1;

/// Above this argument e^x overflows (ln of the largest `f64`) and [`exp_normal`] returns +∞.
pub const EXP_MAX_ARGUMENT: f64 = 709.782_712_893_384;

/// e^x, the arithmetic of [`math::exp`] (`wide`'s: x = r ln 2 + y with r = round(x/ln 2) and
/// ln 2 in two parts, the degree-13 Taylor polynomial of e^y, times 2^r built in the exponent
/// bits) without its handling of subnormal results: 0 below [`EXP_NORMAL_MIN_ARGUMENT`],
/// +∞ above [`EXP_MAX_ARGUMENT`], NaN for NaN. For x in [−708.39, 709.43] every result is
/// bit-identical to [`math::exp`] (tested over seeded arguments below); between 709.44 and
/// 709.78 the reduced argument exceeds ln 2/2 and the relative error grows to 1e-13. About two
/// thirds of the cost of [`math::exp`], which tests for special cases in each half of the vector.
#[inline(always)]
pub fn exp_normal(x: F64s) -> F64s {
    let c = F64s::splat;
    let e = exp_in_range(x);
    let e = select(x.simd_lt(c(EXP_NORMAL_MIN_ARGUMENT)), F64s::ZERO, e);
    select(x.simd_gt(c(EXP_MAX_ARGUMENT)), c(f64::INFINITY), e)
}

/// [`exp_normal`] without any range handling: bit-identical to it (and to [`math::exp`]) for x
/// in [−708.39, 709.43]; any other lane (NaN included) gets an unspecified value. For callers
/// whose arguments are bounded by construction, or that discard the lanes where they are not.
#[inline(always)]
pub fn exp_in_range(x: F64s) -> F64s {
    use wide::bytemuck::cast;
    let c = F64s::splat;
    // The clamp only keeps the exponent field built below valid; in range it changes nothing.
    let r = (x * c(std::f64::consts::LOG2_E))
        .round_ties_even()
        .fast_max(c(-1022.0))
        .fast_min(c(1023.0));
    let y = r.mul_neg_add(c(0.693_145_751_953_125), x);
    let y = r.mul_neg_add(c(1.428_606_820_309_417_3e-6), y);
    let y2 = y * y;
    let y4 = y2 * y2;
    let y8 = y4 * y4;
    // Σ yᵏ/k!, k = 1..13, grouped as `wide`'s polynomial_13.
    let z = y8.mul_add(
        y4.mul_add(
            y.mul_add(c(1.0 / 6_227_020_800.0), c(1.0 / 479_001_600.0)),
            y2.mul_add(
                y.mul_add(c(1.0 / 39_916_800.0), c(1.0 / 3_628_800.0)),
                y.mul_add(c(1.0 / 362_880.0), c(1.0 / 40_320.0)),
            ),
        ),
        y4.mul_add(
            y2.mul_add(
                y.mul_add(c(1.0 / 5_040.0), c(1.0 / 720.0)),
                y.mul_add(c(1.0 / 120.0), c(1.0 / 24.0)),
            ),
            y2.mul_add(y.mul_add(c(1.0 / 6.0), c(0.5)), y),
        ),
    );
    // 2^r: r + 1023 in the low bits of r + 1023 + 2⁵², shifted into the exponent field.
    let biased = r + c(1023.0 + INDEX_MAGIC);
    let scale: F64s = cast(cast::<F64s, wide::i64x8>(biased) << 52);
    (z + F64s::ONE) * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `exp_normal` repeats `math::exp`'s arithmetic without its subnormal handling: bit-identical
    /// on the arguments where e^x is a normal number (seeded arguments over the whole range and
    /// near zero, where the kernels use it), and 0 / +∞ / NaN beyond.
    #[test]
    fn exp_normal_is_bit_identical_to_math_exp_in_range() {
        let mut state: u64 = 0x00E0_0076;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for k in 0..100_000 {
            let x: [f64; LANES] = std::array::from_fn(|_| {
                if k % 2 == 0 {
                    -708.39 + (709.43 + 708.39) * next()
                } else {
                    -40.0 + 41.0 * next()
                }
            });
            let a = math::exp(F64s::from(x)).to_array();
            let b = exp_normal(F64s::from(x)).to_array();
            let c = exp_in_range(F64s::from(x)).to_array();
            for l in 0..LANES {
                assert_eq!(a[l].to_bits(), b[l].to_bits(), "exp({})", x[l]);
                assert_eq!(a[l].to_bits(), c[l].to_bits(), "exp({})", x[l]);
            }
        }
        let special = exp_normal(F64s::from([
            f64::NAN,
            f64::NEG_INFINITY,
            f64::INFINITY,
            -1000.0,
            -708.4,
            710.0,
            0.0,
            1.0,
        ]))
        .to_array();
        assert!(special[0].is_nan());
        assert_eq!(
            &special[1..6],
            &[0.0, f64::INFINITY, 0.0, 0.0, f64::INFINITY]
        );
        assert_eq!(special[6], 1.0);
        assert_eq!(special[7], math::exp(F64s::ONE).to_array()[0]);
    }

    /// A lane below 86 km gets the same bits whether its batch is all below 86 km (full-width
    /// path), straddles 86 km with the lanes below in one half (half-width path) or in both
    /// halves (full-width blended path).
    #[test]
    fn lanes_below_86_km_do_not_depend_on_their_neighbours() {
        let mut state: u64 = 0x0086_0086;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let bits = |s: &AtmosphereLanes, l: usize| {
            [
                s.density_kg_m3.to_array()[l].to_bits(),
                s.temperature_k.to_array()[l].to_bits(),
                s.pressure_pa.to_array()[l].to_bits(),
                s.mean_free_path_m.to_array()[l].to_bits(),
            ]
        };
        for _ in 0..4_000 {
            let low = -5_000.0 + 91_000.0 * next();
            let low = low.min(85_999.0);
            let alone = sample(F64s::splat(low));
            for l in 0..LANES {
                // One lane below, the rest above 86 km; then a second lane below, in the same
                // half and in the other one.
                let mut z: [f64; LANES] = std::array::from_fn(|_| 86_000.0 + 914_000.0 * next());
                z[l] = low;
                let one = sample(F64s::from(z));
                assert_eq!(bits(&one, l), bits(&alone, 0), "{low} m in lane {l}");
                assert_eq!(
                    temperature_k(F64s::from(z)).to_array()[l].to_bits(),
                    bits(&alone, 0)[1],
                    "T at {low} m in lane {l}"
                );
                for other in [l ^ 1, (l + LANES / 2) % LANES] {
                    let mut z2 = z;
                    z2[other] = 86_000.0 * next();
                    let two = sample(F64s::from(z2));
                    assert_eq!(bits(&two, l), bits(&alone, 0), "{low} m in lane {l}");
                    assert_eq!(
                        temperature_k(F64s::from(z2)).to_array()[l].to_bits(),
                        bits(&alone, 0)[1],
                        "T at {low} m in lane {l}"
                    );
                }
            }
        }
    }

    /// The register transposes give the columns of the rows, lane by lane.
    #[test]
    fn columns_of_rows_are_the_columns() {
        let rows8: Vec<[f64; 8]> = (0..LANES)
            .map(|l| std::array::from_fn(|k| (10 * l + k) as f64 + 0.5))
            .collect();
        let c8 = columns_of_rows8(std::array::from_fn(|l| &rows8[l]));
        let rows4: Vec<[f64; 4]> = (0..LANES)
            .map(|l| std::array::from_fn(|k| -((10 * l + k) as f64)))
            .collect();
        let c4 = columns_of_rows4(std::array::from_fn(|l| &rows4[l]));
        for l in 0..LANES {
            for k in 0..8 {
                assert_eq!(c8[k].to_array()[l], rows8[l][k]);
            }
            for k in 0..4 {
                assert_eq!(c4[k].to_array()[l], rows4[l][k]);
            }
        }
    }
}
