//! US76 above 86 km: temperature segments, the species diffusion model, and its table.
//!
//! The report defines the number densities of N2, O, O2, Ar, He (86–1000 km) and H (150–1000 km)
//! by integrals of the diffusion equations (NOAA-S/T 76-1562 eqs. 36–40; every constant below
//! from `reference/atmosphere.md` §1.4–1.5). They are integrated once, at first use
//! ([`table`]), as ordinary differential equations in ln nᵢ with classical Runge–Kutta on an
//! [`INTEGRATION_STEP_M`] grid whose points include every breakpoint of the integrands (91, 95,
//! 97, 100, 110, 115, 120, 150 and 500 km). Hydrogen is integrated downwards from its boundary
//! value at 500 km with the escape-flux source term (the "+∫_Z^500" form of eq. 40).
//!
//! The table stores, every [`NODE_STEP_M`], the values and the exact slopes (from the same
//! right-hand sides) of ln ρ, the inverse mean molecular weight 1/M and each ln nᵢ, as cubic Hermite
//! polynomials per interval. The slopes are one-sided at the nodes, so the interpolant restarts
//! at every breakpoint where an integrand jumps (100, 150, 500 km). Pressure follows as
//! P = ρ R* T · (1/M) with T from the analytic segments (equal to P = n k T).

use std::sync::LazyLock;

use super::{AVOGADRO_PER_KMOL, EARTH_RADIUS_M, SpeciesNumberDensities, gravity_m_s2};
use crate::{US76_GAS_CONSTANT_J_KMOL_K, US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL};

/// Z7, base of the upper region (m).
pub const Z7_M: f64 = 86_000.0;
/// Z8, start of the elliptical temperature segment (m).
pub const Z8_M: f64 = 91_000.0;
/// Z9, start of the linear temperature segment (m).
pub const Z9_M: f64 = 110_000.0;
/// Z10, start of the exponential temperature segment (m).
pub const Z10_M: f64 = 120_000.0;
/// Z11, reference altitude of hydrogen (m).
pub const Z11_M: f64 = 500_000.0;
/// Z12, top of the model (m).
pub const Z12_M: f64 = 1_000_000.0;
/// Lowest altitude where hydrogen is defined (m).
pub const HYDROGEN_BASE_M: f64 = 150_000.0;

/// T7, kinetic temperature of the isothermal segment 86–91 km (K).
pub const T7_K: f64 = 186.8673;
/// Tc of the elliptical segment (K).
pub const ELLIPSE_CENTRE_TEMPERATURE_K: f64 = 263.1905;
/// A of the elliptical segment (K).
pub const ELLIPSE_AMPLITUDE_K: f64 = -76.3232;
/// a of the elliptical segment (m).
pub const ELLIPSE_SEMI_AXIS_M: f64 = -19_942.9;
/// T9 at 110 km (K).
pub const T9_K: f64 = 240.0;
/// L_K,9, gradient of the linear segment (K/m).
pub const LAPSE_RATE_9_K_M: f64 = 0.012;
/// T10 at 120 km (K).
pub const T10_K: f64 = 360.0;
/// Exospheric temperature T∞ (K).
pub const EXOSPHERIC_TEMPERATURE_K: f64 = 1000.0;
/// λ = L_K,9/(T∞ − T10) (1/m).
pub const LAMBDA_PER_M: f64 = LAPSE_RATE_9_K_M / (EXOSPHERIC_TEMPERATURE_K - T10_K);

/// Index of each species in the arrays of this module.
const N2: usize = 0;
const O: usize = 1;
const O2: usize = 2;
const AR: usize = 3;
const HE: usize = 4;
const H: usize = 5;

/// Molecular weights Mᵢ (kg/kmol) of N2, O, O2, Ar, He, H. NOAA-S/T 76-1562 Table 3.
pub const SPECIES_MOLECULAR_WEIGHT_KG_KMOL: [f64; 6] =
    [28.0134, 15.9994, 31.9988, 39.948, 4.0026, 1.00797];

/// Number densities at 86 km (1/m³) of N2, O, O2, Ar, He. NOAA-S/T 76-1562 Table 9.
pub const SPECIES_AT_86_KM_M3: [f64; 5] =
    [1.129794e20, 8.6e16, 3.030898e19, 1.351400e18, 7.5817e14];

/// Hydrogen number density at 500 km (1/m³). NOAA-S/T 76-1562.
pub const HYDROGEN_AT_500_KM_M3: f64 = 8.0e10;
/// Hydrogen escape flux φ (1/(m² s)). NOAA-S/T 76-1562.
pub const HYDROGEN_FLUX_M2_S: f64 = 7.2e11;

/// Molecular diffusion coefficient aᵢ (1/(m s)) of N2 (unused), O, O2, Ar, He, H. Table 6.
const DIFFUSION_A: [f64; 6] = [0.0, 6.986e20, 4.863e20, 4.487e20, 1.700e21, 3.305e21];
/// Molecular diffusion exponent bᵢ. Table 6.
const DIFFUSION_B: [f64; 6] = [0.0, 0.750, 0.750, 0.870, 0.691, 0.500];
/// Thermal diffusion factor αᵢ. Table 6.
const THERMAL_DIFFUSION_ALPHA: [f64; 6] = [0.0, 0.0, 0.0, 0.0, -0.40, -0.25];

/// Vertical flux coefficients (Table 7) of O, O2, Ar, He: Q (km⁻³), U (km), W (km⁻³).
const FLUX_QUW: [[f64; 3]; 5] = [
    [0.0, 0.0, 0.0],
    [-5.809644e-4, 56.90311, 2.706240e-5],
    [1.366212e-4, 86.0, 8.333333e-5],
    [9.434079e-5, 86.0, 8.333333e-5],
    [-2.457369e-4, 86.0, 6.666667e-4],
];
/// Second flux term of O (Table 7): q (km⁻³), u (km), w (km⁻³); applies at Z ≤ 97 km.
const FLUX_O_QUW: [f64; 3] = [-3.416248e-3, 97.0, 5.008765e-4];

/// Step (m) of the Runge–Kutta integration of the diffusion equations. Halving it changes the
/// table by less than `US76_INTEGRATION_CONVERGENCE` of the tests.
pub const INTEGRATION_STEP_M: f64 = 50.0;

/// Spacing (m) of the interpolation nodes. Every breakpoint is a node.
pub const NODE_STEP_M: f64 = 500.0;

/// 1/[`NODE_STEP_M`] (1/m), multiplied rather than divided in both kernels.
pub const INVERSE_NODE_STEP_PER_M: f64 = 1.0 / NODE_STEP_M;

/// Number of intervals of the table, 86–1000 km.
pub const INTERVAL_COUNT: usize = ((Z12_M - Z7_M) / NODE_STEP_M) as usize;

/// Kinetic temperature T (K) and its gradient dT/dZ (K/m) at geometric altitude `z_m`, with the
/// segment chosen by `region_m` (equal to `z_m` except when a one-sided limit is wanted).
///
/// NOAA-S/T 76-1562 eqs. 24–31: isothermal 86–91 km; elliptical T = Tc + A √(1 − ((Z − Z8)/a)²)
/// 91–110 km; linear 110–120 km; T = T∞ − (T∞ − T10) exp(−λ ξ), ξ = (Z − Z10)(r0 + Z10)/(r0 + Z)
/// above 120 km.
pub fn temperature_and_gradient(z_m: f64, region_m: f64) -> (f64, f64) {
    if region_m < Z8_M {
        (T7_K, 0.0)
    } else if region_m < Z9_M {
        let x = (z_m - Z8_M) / ELLIPSE_SEMI_AXIS_M;
        let root = (1.0 - x * x).max(0.0).sqrt();
        let t = ELLIPSE_CENTRE_TEMPERATURE_K + ELLIPSE_AMPLITUDE_K * root;
        let dt = -ELLIPSE_AMPLITUDE_K / ELLIPSE_SEMI_AXIS_M * x / root;
        (t, dt)
    } else if region_m < Z10_M {
        (T9_K + LAPSE_RATE_9_K_M * (z_m - Z9_M), LAPSE_RATE_9_K_M)
    } else {
        let r = (EARTH_RADIUS_M + Z10_M) / (EARTH_RADIUS_M + z_m);
        let xi = (z_m - Z10_M) * r;
        let e = (-LAMBDA_PER_M * xi).exp();
        let t = EXOSPHERIC_TEMPERATURE_K - (EXOSPHERIC_TEMPERATURE_K - T10_K) * e;
        let dt = LAMBDA_PER_M * (EXOSPHERIC_TEMPERATURE_K - T10_K) * r * r * e;
        (t, dt)
    }
}

/// Kinetic temperature (K) at geometric altitude `z_m` ≥ 86 km (see [`temperature_and_gradient`]).
pub fn temperature_k(z_m: f64) -> f64 {
    temperature_and_gradient(z_m, z_m).0
}

/// Eddy diffusion coefficient K (m²/s), NOAA-S/T 76-1562 eq. 41: 120 for 86 ≤ Z < 95 km,
/// 120 exp(1 − 400/(400 − (Z − 95)²)) (Z in km) for 95 ≤ Z < 115 km, 0 above.
fn eddy_diffusion_m2_s(z_m: f64, region_m: f64) -> f64 {
    if region_m < 95_000.0 {
        120.0
    } else if region_m < 115_000.0 {
        let d = z_m / 1000.0 - 95.0;
        120.0 * (1.0 - 400.0 / (400.0 - d * d)).exp()
    } else {
        0.0
    }
}

/// Vertical flux term vᵢ/(Dᵢ + K) (1/m) of species `i`, NOAA-S/T 76-1562 eq. 37 with Table 7:
/// Q (Z − U)² exp(−W (Z − U)³) + q (u − Z)² exp(−w (u − Z)³), Z in km, result converted from 1/km.
fn flux_term_per_m(i: usize, z_m: f64, region_m: f64) -> f64 {
    let z_km = z_m / 1000.0;
    let [q, u, w] = FLUX_QUW[i];
    let d = z_km - u;
    let mut per_km = q * d * d * (-w * d * d * d).exp();
    if i == O && region_m <= 97_000.0 {
        let [q2, u2, w2] = FLUX_O_QUW;
        let d2 = u2 - z_km;
        per_km += q2 * d2 * d2 * (-w2 * d2 * d2 * d2).exp();
    }
    per_km / 1000.0
}

/// d ln nᵢ/dZ (1/m) of N2, O, O2, Ar, He at `z_m` given ln nᵢ there (NOAA-S/T 76-1562 eqs. 36–37):
/// −T′/T − fᵢ − vᵢ/(Dᵢ + K), fᵢ = (g/(R* T)) (Dᵢ/(Dᵢ + K)) [Mᵢ + M K/Dᵢ + αᵢ R* T′/g],
/// Dᵢ = (aᵢ/n_b)(T/273.15)^bᵢ. N2: −T′/T − M g/(R* T). M is M0 at or below 100 km; above, M(N2)
/// for N2, O, O2 and the mean of the N2+O+O2 mixture for Ar and He (`reference/atmosphere.md` §1.5).
fn heavy_derivative_per_m(z_m: f64, region_m: f64, ln_n: &[f64; 5]) -> [f64; 5] {
    let (t, dt) = temperature_and_gradient(z_m, region_m);
    let g = gravity_m_s2(z_m);
    let g_rt = g / (US76_GAS_CONSTANT_J_KMOL_K * t);
    let above_100_km = region_m > 100_000.0;
    let n: [f64; 5] = std::array::from_fn(|i| ln_n[i].exp());
    let k = eddy_diffusion_m2_s(z_m, region_m);
    let m = &SPECIES_MOLECULAR_WEIGHT_KG_KMOL;
    let common = -dt / t;
    let mut out = [0.0; 5];
    out[N2] = common
        - g_rt
            * if above_100_km {
                m[N2]
            } else {
                US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL
            };
    let n_major = n[N2] + n[O] + n[O2];
    let mixture_m = (n[N2] * m[N2] + n[O] * m[O] + n[O2] * m[O2]) / n_major;
    for i in [O, O2, AR, HE] {
        let (background_m3, eddy_m) = if i == O || i == O2 {
            (n[N2], m[N2])
        } else {
            (n_major, mixture_m)
        };
        let eddy_m = if above_100_km {
            eddy_m
        } else {
            US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL
        };
        let d = DIFFUSION_A[i] / background_m3 * (t / 273.15).powf(DIFFUSION_B[i]);
        let f = g_rt
            * (d / (d + k))
            * (m[i]
                + eddy_m * k / d
                + THERMAL_DIFFUSION_ALPHA[i] * US76_GAS_CONSTANT_J_KMOL_K * dt / g);
        out[i] = common - f - flux_term_per_m(i, z_m, region_m);
    }
    out
}

/// dn_H/dZ (1/m⁴) from NOAA-S/T 76-1562 eqs. 39–40 in differential form:
/// −n_H [(1 + α_H) T′/T + g M_H/(R* T)] − φ/D_H below 500 km (no flux term above),
/// D_H = (a_H/n_b)(T/273.15)^b_H with n_b the sum of the five heavier species.
fn hydrogen_derivative_m4(z_m: f64, region_m: f64, n_h_m3: f64, background_m3: f64) -> f64 {
    let (t, dt) = temperature_and_gradient(z_m, region_m);
    let g = gravity_m_s2(z_m);
    let mut d = -n_h_m3
        * ((1.0 + THERMAL_DIFFUSION_ALPHA[H]) * dt / t
            + g * SPECIES_MOLECULAR_WEIGHT_KG_KMOL[H] / (US76_GAS_CONSTANT_J_KMOL_K * t));
    if region_m < Z11_M {
        d -= HYDROGEN_FLUX_M2_S * background_m3
            / (DIFFUSION_A[H] * (t / 273.15).powf(DIFFUSION_B[H]));
    }
    d
}

/// The integrated profile: number densities at every `step_m` from 86 to 1000 km.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Step of the grid (m); point k is at 86 km + k·step.
    pub step_m: f64,
    /// ln n of N2, O, O2, Ar, He at each grid point.
    pub ln_heavy: Vec<[f64; 5]>,
    /// n_H (1/m³) at each grid point (zero below 150 km).
    pub hydrogen_m3: Vec<f64>,
}

impl Profile {
    /// Altitude (m) of grid point `k`.
    pub fn altitude_m(&self, k: usize) -> f64 {
        Z7_M + k as f64 * self.step_m
    }

    /// Species number densities at grid point `k`.
    pub fn species(&self, k: usize) -> SpeciesNumberDensities {
        let n = self.ln_heavy[k].map(f64::exp);
        SpeciesNumberDensities {
            n2_m3: n[N2],
            o_m3: n[O],
            o2_m3: n[O2],
            ar_m3: n[AR],
            he_m3: n[HE],
            h_m3: self.hydrogen_m3[k],
        }
    }
}

/// Integrates the diffusion equations with classical fourth-order Runge–Kutta, step `step_m`
/// (must divide 250 m so that every breakpoint is a grid point). Heavy species go upwards from
/// 86 km; hydrogen downwards from 500 km to 150 km and upwards from 500 km to 1000 km, with
/// steps of 2·`step_m` so that its stage points are grid points of the heavy species.
pub fn integrate(step_m: f64) -> Profile {
    let count = ((Z12_M - Z7_M) / step_m).round() as usize;
    let mut ln_heavy = Vec::with_capacity(count + 1);
    let mut y: [f64; 5] = SPECIES_AT_86_KM_M3.map(f64::ln);
    ln_heavy.push(y);
    let add = |y: &[f64; 5], k: &[f64; 5], s: f64| -> [f64; 5] {
        std::array::from_fn(|i| y[i] + s * k[i])
    };
    for k in 0..count {
        let z = Z7_M + k as f64 * step_m;
        let mid = z + 0.5 * step_m;
        let k1 = heavy_derivative_per_m(z, mid, &y);
        let k2 = heavy_derivative_per_m(mid, mid, &add(&y, &k1, 0.5 * step_m));
        let k3 = heavy_derivative_per_m(mid, mid, &add(&y, &k2, 0.5 * step_m));
        let k4 = heavy_derivative_per_m(z + step_m, mid, &add(&y, &k3, step_m));
        y = std::array::from_fn(|i| {
            y[i] + step_m / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
        });
        ln_heavy.push(y);
    }

    let background = |k: usize| -> f64 { ln_heavy[k].iter().map(|v| v.exp()).sum() };
    let mut hydrogen_m3 = vec![0.0; count + 1];
    let index_of = |z: f64| ((z - Z7_M) / step_m).round() as usize;
    let k500 = index_of(Z11_M);
    let k150 = index_of(HYDROGEN_BASE_M);
    hydrogen_m3[k500] = HYDROGEN_AT_500_KM_M3;
    // Two grid steps per hydrogen step: stages at k, k ± 1, k ± 2.
    for (direction, stop) in [(-1_isize, k150), (1_isize, count)] {
        let mut k = k500;
        let mut n = HYDROGEN_AT_500_KM_M3;
        let h = 2.0 * step_m * direction as f64;
        while k != stop {
            let k_mid = (k as isize + direction) as usize;
            let k_end = (k as isize + 2 * direction) as usize;
            let (z, z_mid, z_end) = (
                Z7_M + k as f64 * step_m,
                Z7_M + k_mid as f64 * step_m,
                Z7_M + k_end as f64 * step_m,
            );
            let (b0, b1, b2) = (background(k), background(k_mid), background(k_end));
            let k1 = hydrogen_derivative_m4(z, z_mid, n, b0);
            let k2 = hydrogen_derivative_m4(z_mid, z_mid, n + 0.5 * h * k1, b1);
            let k3 = hydrogen_derivative_m4(z_mid, z_mid, n + 0.5 * h * k2, b1);
            let k4 = hydrogen_derivative_m4(z_end, z_mid, n + h * k3, b2);
            n += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
            hydrogen_m3[k_end] = n;
            k = k_end;
        }
    }
    // Grid points between hydrogen steps get one RK4 step of `step_m` from the point below (the
    // background at the stage midpoint is the mean of its neighbours: the table uses only the
    // points of the main integration).
    for k in (k150..count).filter(|k| (k - k150) % 2 == 1) {
        let z0 = Z7_M + (k - 1) as f64 * step_m;
        let z1 = z0 + step_m;
        let region = 0.5 * (z0 + z1);
        let n0 = hydrogen_m3[k - 1];
        let (b0, b1) = (background(k - 1), background(k));
        let bm = 0.5 * (b0 + b1);
        let h = step_m;
        let k1 = hydrogen_derivative_m4(z0, region, n0, b0);
        let k2 = hydrogen_derivative_m4(region, region, n0 + 0.5 * h * k1, bm);
        let k3 = hydrogen_derivative_m4(region, region, n0 + 0.5 * h * k2, bm);
        let k4 = hydrogen_derivative_m4(z1, region, n0 + h * k3, b1);
        hydrogen_m3[k] = n0 + h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
    }
    Profile {
        step_m,
        ln_heavy,
        hydrogen_m3,
    }
}

/// Cubic Hermite coefficients of one interval of length `h_m`: value y0, y1 and slopes d0, d1
/// (per metre) at its ends, as c0 + t (c1 + t (c2 + t c3)), t = (Z − Z0)/h ∈ [0, 1].
fn hermite(y0: f64, y1: f64, d0: f64, d1: f64, h_m: f64) -> [f64; 4] {
    let (s0, s1) = (d0 * h_m, d1 * h_m);
    [
        y0,
        s0,
        3.0 * (y1 - y0) - 2.0 * s0 - s1,
        2.0 * (y0 - y1) + s0 + s1,
    ]
}

/// Evaluates `hermite` coefficients at t: c0 + t (c1 + t (c2 + t c3)), fused multiply-adds
/// as in the lanes kernel.
#[inline]
pub fn horner(c: &[f64; 4], t: f64) -> f64 {
    t.mul_add(t.mul_add(t.mul_add(c[3], c[2]), c[1]), c[0])
}

/// Values and one-sided slopes at a node: ln nᵢ (6, ln 0 = −∞ for absent H), d ln nᵢ/dZ, ln ρ, 1/M.
#[derive(Debug, Clone, Copy)]
struct NodeState {
    ln_n: [f64; 6],
    d_ln_n: [f64; 6],
    ln_rho: f64,
    d_ln_rho: f64,
    inverse_molecular_weight: f64,
    d_inverse_molecular_weight: f64,
}

fn node_state(z_m: f64, region_m: f64, ln_heavy: &[f64; 5], hydrogen_m3: f64) -> NodeState {
    let heavy_slope = heavy_derivative_per_m(z_m, region_m, ln_heavy);
    let has_h = region_m > HYDROGEN_BASE_M;
    let mut ln_n = [0.0; 6];
    let mut d_ln_n = [0.0; 6];
    ln_n[..5].copy_from_slice(ln_heavy);
    d_ln_n[..5].copy_from_slice(&heavy_slope);
    let background: f64 = ln_heavy.iter().map(|v| v.exp()).sum();
    if has_h {
        ln_n[H] = hydrogen_m3.ln();
        d_ln_n[H] = hydrogen_derivative_m4(z_m, region_m, hydrogen_m3, background) / hydrogen_m3;
    } else {
        ln_n[H] = f64::NEG_INFINITY;
    }
    let count = if has_h { 6 } else { 5 };
    let (mut mass, mut d_mass, mut number, mut d_number) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..count {
        let n = ln_n[i].exp();
        let m = SPECIES_MOLECULAR_WEIGHT_KG_KMOL[i];
        mass += n * m;
        d_mass += n * m * d_ln_n[i];
        number += n;
        d_number += n * d_ln_n[i];
    }
    let d_ln_rho = d_mass / mass;
    // 1/M = n/(Σ nᵢMᵢ): d(1/M)/dZ = (1/M)(d ln n/dZ − d ln ρ/dZ).
    let inverse_molecular_weight = number / mass;
    NodeState {
        ln_n,
        d_ln_n,
        ln_rho: (mass / AVOGADRO_PER_KMOL).ln(),
        d_ln_rho,
        inverse_molecular_weight,
        d_inverse_molecular_weight: inverse_molecular_weight * (d_number / number - d_ln_rho),
    }
}

/// One row of [`Table::density_and_inverse_molecular_weight`]: eight coefficients aligned to a
/// 64-byte cache line, so that reading a row touches one line whatever the allocator returns.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(64))]
pub struct CacheLineRow(pub [f64; 8]);

/// The US76 table above 86 km (see the module docs).
#[derive(Debug, Clone)]
pub struct Table {
    /// Per interval: Hermite coefficients of ln ρ (kg/m³) then of 1/M (kmol/kg), one cache line.
    pub density_and_inverse_molecular_weight: Vec<CacheLineRow>,
    /// Per interval: Hermite coefficients of ln nᵢ (1/m³) of N2, O, O2, Ar, He, H
    /// (H intervals below 150 km hold NaN and are not used).
    pub species: Vec<[[f64; 4]; 6]>,
    /// d ln ρ/dZ at 1000 km (1/m), continued above.
    pub top_ln_density_slope_per_m: f64,
    /// d ln nᵢ/dZ at 1000 km (1/m), continued above.
    pub top_ln_species_slope_per_m: [f64; 6],
}

/// The table, built at first use (about 20 ms in an optimised build).
pub fn table() -> &'static Table {
    static TABLE: LazyLock<Table> = LazyLock::new(|| Table::build(INTEGRATION_STEP_M));
    &TABLE
}

impl Table {
    /// Integrates with `integration_step_m` (see [`integrate`]) and tabulates every [`NODE_STEP_M`].
    pub fn build(integration_step_m: f64) -> Table {
        let profile = integrate(integration_step_m);
        let per_node = (NODE_STEP_M / integration_step_m).round() as usize;
        let mut density_and_inverse_molecular_weight = Vec::with_capacity(INTERVAL_COUNT);
        let mut species = Vec::with_capacity(INTERVAL_COUNT);
        let mut last_right = None;
        for j in 0..INTERVAL_COUNT {
            let (k0, k1) = (j * per_node, (j + 1) * per_node);
            let (z0, z1) = (profile.altitude_m(k0), profile.altitude_m(k1));
            let mid = 0.5 * (z0 + z1);
            let a = node_state(z0, mid, &profile.ln_heavy[k0], profile.hydrogen_m3[k0]);
            let b = node_state(z1, mid, &profile.ln_heavy[k1], profile.hydrogen_m3[k1]);
            let rho = hermite(a.ln_rho, b.ln_rho, a.d_ln_rho, b.d_ln_rho, NODE_STEP_M);
            let m = hermite(
                a.inverse_molecular_weight,
                b.inverse_molecular_weight,
                a.d_inverse_molecular_weight,
                b.d_inverse_molecular_weight,
                NODE_STEP_M,
            );
            density_and_inverse_molecular_weight.push(CacheLineRow([
                rho[0], rho[1], rho[2], rho[3], m[0], m[1], m[2], m[3],
            ]));
            species.push(std::array::from_fn(|i| {
                if a.ln_n[i].is_finite() {
                    hermite(a.ln_n[i], b.ln_n[i], a.d_ln_n[i], b.d_ln_n[i], NODE_STEP_M)
                } else {
                    [f64::NAN; 4]
                }
            }));
            last_right = Some(b);
        }
        let top = last_right.expect("the table has intervals");
        Table {
            density_and_inverse_molecular_weight,
            species,
            top_ln_density_slope_per_m: top.d_ln_rho,
            top_ln_species_slope_per_m: top.d_ln_n,
        }
    }

    /// Interval index and position t ∈ [0, 1] for `z_m`, clamped to 86–1000 km; also the
    /// distance (m) above 1000 km (zero below).
    #[inline]
    pub fn locate(z_m: f64) -> (usize, f64, f64) {
        let zc = z_m.clamp(Z7_M, Z12_M);
        let s = (zc - Z7_M) * INVERSE_NODE_STEP_PER_M;
        let jf = s.floor().min((INTERVAL_COUNT - 1) as f64);
        (jf as usize, s - jf, z_m - zc)
    }

    /// Mass density ρ (kg/m³) and inverse mean molecular weight 1/M (kmol/kg) at `z_m` ≥ 86 km
    /// (above 1000 km ρ continues with its 1000 km scale height and 1/M is held).
    pub fn density_and_inverse_molecular_weight(&self, z_m: f64) -> (f64, f64) {
        let (j, t, above_m) = Self::locate(z_m);
        let c = &self.density_and_inverse_molecular_weight[j].0;
        let ln_rho = self
            .top_ln_density_slope_per_m
            .mul_add(above_m, horner(&[c[0], c[1], c[2], c[3]], t));
        (ln_rho.exp(), horner(&[c[4], c[5], c[6], c[7]], t))
    }

    /// Mass density ρ (kg/m³) and mean molecular weight M (kg/kmol) at `z_m` ≥ 86 km.
    pub fn density_and_molecular_weight(&self, z_m: f64) -> (f64, f64) {
        let (rho, inverse_m) = self.density_and_inverse_molecular_weight(z_m);
        (rho, 1.0 / inverse_m)
    }

    /// Species number densities at `z_m` ≥ 86 km.
    pub fn species(&self, z_m: f64) -> SpeciesNumberDensities {
        let (j, t, above_m) = Self::locate(z_m);
        let n: [f64; 6] = std::array::from_fn(|i| {
            if i == H && z_m < HYDROGEN_BASE_M {
                0.0
            } else {
                self.top_ln_species_slope_per_m[i]
                    .mul_add(above_m, horner(&self.species[j][i], t))
                    .exp()
            }
        });
        SpeciesNumberDensities {
            n2_m3: n[N2],
            o_m3: n[O],
            o2_m3: n[O2],
            ar_m3: n[AR],
            he_m3: n[HE],
            h_m3: n[H],
        }
    }
}
