//! US76 over [`F64s`]: branch-free twin of [`super::reference`].
//!
//! Layer constants are blended with masks; table rows are gathered per lane. A region (below or
//! above 86 km) is skipped only when no lane is in it, which does not change any lane's result.

use std::sync::LazyLock;

use reentry_lanes::{LANES, floor_clamped, gather, math, select};

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
#[inline]
pub fn sample(altitude_m: F64s) -> AtmosphereLanes {
    let below = altitude_m.simd_lt(F64s::splat(UPPER_REGION_BASE_M));
    let (mut rho, mut t, mut p) = (F64s::ZERO, F64s::ZERO, F64s::ZERO);
    if below.any() {
        (rho, t, p) = lower_state(altitude_m);
    }
    if !below.all() {
        let (rho_u, t_u, p_u) = upper_state(altitude_m);
        rho = select(below, rho, rho_u);
        t = select(below, t, t_u);
        p = select(below, p, p_u);
    }
    AtmosphereLanes {
        density_kg_m3: rho,
        temperature_k: t,
        pressure_pa: p,
        mean_free_path_m: mean_free_path_m_lanes(t, p),
    }
}

/// Kinetic temperature (K) at geometric altitudes `altitude_m` (m).
#[inline]
pub fn temperature_k(altitude_m: F64s) -> F64s {
    let below = altitude_m.simd_lt(F64s::splat(UPPER_REGION_BASE_M));
    let mut t = F64s::ZERO;
    if below.any() {
        let (h, c) = lower_layer_of(altitude_m);
        t = lower_molecular_temperature_k(h, &c) * molecular_weight_ratio(altitude_m);
    }
    if !below.all() {
        t = select(below, t, upper_temperature_k(altitude_m));
    }
    t
}

/// M/M0 (see [`super::reference::molecular_weight_ratio`]).
#[inline]
pub fn molecular_weight_ratio(altitude_m: F64s) -> F64s {
    let table = &MOLECULAR_WEIGHT_RATIO_80_86_KM;
    let last = table.len() - 1;
    // Below 80 km the ratio is 1 in every lane: skip the gathers then.
    if !altitude_m
        .simd_gt(F64s::splat(MOLECULAR_WEIGHT_RATIO_START_M))
        .any()
    {
        return F64s::splat(table[0]);
    }
    let s = ((altitude_m - F64s::splat(MOLECULAR_WEIGHT_RATIO_START_M))
        * F64s::splat(1.0 / MOLECULAR_WEIGHT_RATIO_STEP_M))
    .fast_max(F64s::ZERO)
    .fast_min(F64s::splat(last as f64));
    let (i_f, i) = floor_clamped(s, last - 1);
    let lo = gather(table, &i);
    let hi = gather(table, &i.map(|k| k + 1));
    (s - i_f).mul_add(hi - lo, lo)
}

/// Geopotential height H (m′) and the constants of each lane's layer (see
/// [`lower_layer_constants`]), blended by masks.
#[inline]
fn lower_layer_of(altitude_m: F64s) -> (F64s, [F64s; 6]) {
    let r0 = F64s::splat(EARTH_RADIUS_M);
    let h = r0 * altitude_m / (r0 + altitude_m);
    let layers = lower_layer_constants();
    let mut c = layers[0];
    for layer in &layers[1..] {
        let m = h.simd_ge(layer[0]);
        for k in 0..6 {
            c[k] = select(m, layer[k], c[k]);
        }
    }
    (h, c)
}

/// Molecular-scale temperature T_M (K) below 86 km: T_M,b + L (H − H_b), not fused, as in the
/// reference (T_M,b/T_M is raised to a power of up to 34, which would amplify a one-ulp
/// difference).
#[inline]
fn lower_molecular_temperature_k(h: F64s, c: &[F64s; 6]) -> F64s {
    c[1] + c[2] * (h - c[0])
}

/// Molecular-scale temperature T_M (K) and pressure P (Pa) below 86 km (NOAA-S/T 76-1562 eqs.
/// 23, 33 with H = r0 Z/(r0 + Z)).
#[inline]
fn lower_layer(altitude_m: F64s) -> (F64s, F64s) {
    let (h, c) = lower_layer_of(altitude_m);
    let [hb, tb, _, pb, exponent, iso] = c;
    let tm = lower_molecular_temperature_k(h, &c);
    // ln(P/P_b) = (g0′M0/R*)/L · ln(T_M,b/T_M) for L ≠ 0, −(g0′M0/R*) ΔH/T_M,b for L = 0; one of
    // the two coefficients is zero in each layer.
    let p = pb * math::exp(exponent.mul_add(math::ln(tb / tm), iso * (h - hb)));
    (tm, p)
}

/// Per layer, splatted: H_b, T_M,b, L, P_b, g0′M0/(R* L) (0 if L = 0), −g0′M0/(R* T_M,b) (0 if
/// L ≠ 0).
fn lower_layer_constants() -> &'static [[F64s; 6]; LOWER_LAYER_COUNT] {
    static CONSTANTS: LazyLock<[[F64s; 6]; LOWER_LAYER_COUNT]> = LazyLock::new(|| {
        layers().map(|l| {
            let isothermal = l.lapse_rate_k_m == 0.0;
            [
                l.base_geopotential_m,
                l.base_molecular_temperature_k,
                l.lapse_rate_k_m,
                l.base_pressure_pa,
                if isothermal {
                    0.0
                } else {
                    HYDROSTATIC_CONSTANT_K_M / l.lapse_rate_k_m
                },
                if isothermal {
                    -HYDROSTATIC_CONSTANT_K_M / l.base_molecular_temperature_k
                } else {
                    0.0
                },
            ]
            .map(F64s::splat)
        })
    });
    &CONSTANTS
}

/// (ρ, T, P) below 86 km.
#[inline]
fn lower_state(altitude_m: F64s) -> (F64s, F64s, F64s) {
    let (tm, p) = lower_layer(altitude_m);
    let rho =
        p * F64s::splat(US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL / US76_GAS_CONSTANT_J_KMOL_K) / tm;
    (rho, tm * molecular_weight_ratio(altitude_m), p)
}

/// Kinetic temperature (K) above 86 km: the four segments blended by masks
/// (see [`upper::temperature_and_gradient`]).
#[inline]
fn upper_temperature_k(z: F64s) -> F64s {
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
        let r = F64s::splat(EARTH_RADIUS_M + Z10_M) / (F64s::splat(EARTH_RADIUS_M) + z);
        let xi = (z - F64s::splat(Z10_M)) * r;
        let e = math::exp(F64s::splat(-upper::LAMBDA_PER_M) * xi);
        let t10 = F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K)
            - F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K - upper::T10_K) * e;
        t = select(in_10, t10, t);
    }
    t
}

/// (ρ, T, P) at or above 86 km from the diffusion table (see [`upper::Table`]).
#[inline]
fn upper_state(z: F64s) -> (F64s, F64s, F64s) {
    let table = upper::table();
    // fast_max/fast_min: a NaN lane becomes 86 km instead of poisoning the index.
    let zc = z.fast_max(F64s::splat(Z7_M)).fast_min(F64s::splat(Z12_M));
    let s = (zc - F64s::splat(Z7_M)) * F64s::splat(INVERSE_NODE_STEP_PER_M);
    let (jf, j) = floor_clamped(s, INTERVAL_COUNT - 1);
    let t = s - jf;
    let rows: [&[f64; 8]; LANES] =
        std::array::from_fn(|l| &table.density_and_inverse_molecular_weight[j[l]]);
    let c: [F64s; 8] =
        std::array::from_fn(|k| F64s::from(std::array::from_fn::<f64, LANES, _>(|l| rows[l][k])));
    let ln_rho = t.mul_add(t.mul_add(t.mul_add(c[3], c[2]), c[1]), c[0]);
    let ln_rho = F64s::splat(table.top_ln_density_slope_per_m).mul_add(z - zc, ln_rho);
    let inverse_m = t.mul_add(t.mul_add(t.mul_add(c[7], c[6]), c[5]), c[4]);
    let rho = math::exp(ln_rho);
    let temperature = upper_temperature_k(z);
    let p = rho * F64s::splat(US76_GAS_CONSTANT_J_KMOL_K) * temperature * inverse_m;
    (rho, temperature, p)
}
