//! US76 over [`F64s`]: branch-free twin of [`super::reference`].
//!
//! Layer constants are blended with masks; table rows are gathered per lane. A region (below or
//! above 86 km) is skipped only when no lane is in it, which does not change any lane's result.

use reentry_lanes::{LANES, gather, math, select, to_indices};

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
        let (tm, _) = lower_layer(altitude_m);
        t = tm * molecular_weight_ratio(altitude_m);
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
    let s = ((altitude_m - F64s::splat(MOLECULAR_WEIGHT_RATIO_START_M))
        * F64s::splat(1.0 / MOLECULAR_WEIGHT_RATIO_STEP_M))
    .max(F64s::ZERO)
    .min(F64s::splat(last as f64));
    let i = to_indices(s, last - 1);
    let lo = gather(table, &i);
    let hi = gather(table, &i.map(|k| k + 1));
    let frac = s - F64s::from(i.map(|k| k as f64));
    frac.mul_add(hi - lo, lo)
}

/// Molecular-scale temperature T_M (K) and pressure P (Pa) below 86 km (NOAA-S/T 76-1562 eqs.
/// 23, 33 with H = r0 Z/(r0 + Z)).
#[inline]
fn lower_layer(altitude_m: F64s) -> (F64s, F64s) {
    let r0 = F64s::splat(EARTH_RADIUS_M);
    let h = r0 * altitude_m / (r0 + altitude_m);
    let layers = layers();
    let l0 = &layers[0];
    let mut hb = F64s::splat(l0.base_geopotential_m);
    let mut tb = F64s::splat(l0.base_molecular_temperature_k);
    let mut lapse = F64s::splat(l0.lapse_rate_k_m);
    let mut pb = F64s::splat(l0.base_pressure_pa);
    for layer in &layers[1..LOWER_LAYER_COUNT] {
        let m = h.simd_ge(F64s::splat(layer.base_geopotential_m));
        hb = select(m, F64s::splat(layer.base_geopotential_m), hb);
        tb = select(m, F64s::splat(layer.base_molecular_temperature_k), tb);
        lapse = select(m, F64s::splat(layer.lapse_rate_k_m), lapse);
        pb = select(m, F64s::splat(layer.base_pressure_pa), pb);
    }
    let dh = h - hb;
    let tm = lapse.mul_add(dh, tb);
    // ln(P/P_b) = (g0′M0/R*)/L · ln(T_M,b/T_M) for L ≠ 0, −(g0′M0/R*) ΔH/T_M,b for L = 0. The
    // ratio is the reference's T_M,b/T_M, rounded identically, since the power amplifies its
    // rounding up to 34×.
    let isothermal = lapse.simd_eq(F64s::ZERO);
    let k = F64s::splat(HYDROSTATIC_CONSTANT_K_M);
    let safe_lapse = select(isothermal, F64s::ONE, lapse);
    let gradient_exponent = k / safe_lapse * math::ln(tb / tm);
    let isothermal_exponent = -k * dh / tb;
    let p = pb * math::exp(select(isothermal, isothermal_exponent, gradient_exponent));
    (tm, p)
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
    let x = (z - F64s::splat(Z8_M)) * F64s::splat(1.0 / upper::ELLIPSE_SEMI_AXIS_M);
    let root = (F64s::ONE - x * x).max(F64s::ZERO).sqrt();
    let t8 = F64s::splat(upper::ELLIPSE_AMPLITUDE_K)
        .mul_add(root, F64s::splat(upper::ELLIPSE_CENTRE_TEMPERATURE_K));
    let t9 = F64s::splat(upper::LAPSE_RATE_9_K_M)
        .mul_add(z - F64s::splat(Z9_M), F64s::splat(upper::T9_K));
    let r = F64s::splat(EARTH_RADIUS_M + Z10_M) / (F64s::splat(EARTH_RADIUS_M) + z);
    let xi = (z - F64s::splat(Z10_M)) * r;
    let e = math::exp(F64s::splat(-upper::LAMBDA_PER_M) * xi);
    let t10 = F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K)
        - F64s::splat(upper::EXOSPHERIC_TEMPERATURE_K - upper::T10_K) * e;
    let mut t = F64s::splat(upper::T7_K);
    t = select(z.simd_ge(F64s::splat(Z8_M)), t8, t);
    t = select(z.simd_ge(F64s::splat(Z9_M)), t9, t);
    select(z.simd_ge(F64s::splat(Z10_M)), t10, t)
}

/// (ρ, T, P) at or above 86 km from the diffusion table (see [`upper::Table`]).
#[inline]
fn upper_state(z: F64s) -> (F64s, F64s, F64s) {
    let table = upper::table();
    let zc = z.max(F64s::splat(Z7_M)).min(F64s::splat(Z12_M));
    let s = (zc - F64s::splat(Z7_M)) * F64s::splat(INVERSE_NODE_STEP_PER_M);
    let j = to_indices(s, INTERVAL_COUNT - 1);
    let t = s - F64s::from(j.map(|k| k as f64));
    let rows: [&[f64; 8]; LANES] =
        std::array::from_fn(|l| &table.density_and_molecular_weight[j[l]]);
    let c = |i: usize| F64s::from(std::array::from_fn::<f64, LANES, _>(|l| rows[l][i]));
    let ln_rho = t.mul_add(t.mul_add(t.mul_add(c(3), c(2)), c(1)), c(0));
    let ln_rho = F64s::splat(table.top_ln_density_slope_per_m).mul_add(z - zc, ln_rho);
    let m = t.mul_add(t.mul_add(t.mul_add(c(7), c(6)), c(5)), c(4));
    let rho = math::exp(ln_rho);
    let temperature = upper_temperature_k(z);
    let p = rho * F64s::splat(US76_GAS_CONSTANT_J_KMOL_K) * temperature / m;
    (rho, temperature, p)
}
