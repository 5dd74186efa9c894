//! U.S. Standard Atmosphere 1976, −5 to 1000 km (NOAA-S/T 76-1562, NASA-TM-X-74335).
//!
//! - Below 86 km: the seven geopotential layers in closed form (molecular-scale temperature
//!   linear in geopotential height), kinetic temperature T = T_M·(M/M0) with the report's
//!   80–86 km M/M0 table ([`MOLECULAR_WEIGHT_RATIO_80_86_KM`]).
//! - 86–1000 km: the report's temperature segments (isothermal, elliptical, linear,
//!   exponential) and the diffusion model for N2, O, O2, Ar, He and H, integrated once at first
//!   use into a table with exact slopes and interpolated with piecewise cubic Hermite
//!   polynomials in ln n (see [`upper`]).
//! - Above 1000 km: ln ρ and ln n continue linearly with the 1000 km slope (the 1000 km scale
//!   height); below 0 km the first layer is extended.
//!
//! [`reference`](mod@reference) is the plain-`f64` specification, [`lanes`] the branch-free SIMD
//! kernel with the same function names. All altitudes are geometric altitudes in metres.

pub mod lanes;
pub mod published;
pub mod reference;
pub mod upper;

use std::sync::LazyLock;

use crate::{US76_GAS_CONSTANT_J_KMOL_K, US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL};

/// Standard gravity g0 (m/s²); with geopotential metres g0′ = 9.80665 m²/(s²·m′). NOAA-S/T 76-1562.
pub const STANDARD_GRAVITY_M_S2: f64 = 9.80665;

/// Effective Earth radius r0 (m) of the H↔Z conversion and of g(Z). NOAA-S/T 76-1562.
pub const EARTH_RADIUS_M: f64 = 6_356_766.0;

/// Sea-level pressure P0 (Pa). NOAA-S/T 76-1562.
pub const SEA_LEVEL_PRESSURE_PA: f64 = 101_325.0;

/// Avogadro constant N_A as defined in the report (1/kmol). NOAA-S/T 76-1562.
pub const AVOGADRO_PER_KMOL: f64 = 6.022169e26;

/// Boltzmann constant of the report, k = R*/N_A (J/K); used for P = n k T above 86 km so that the
/// two regions join (the mean free path uses the CODATA value, PHYSICS.md §2).
pub const US76_BOLTZMANN_J_K: f64 = US76_GAS_CONSTANT_J_KMOL_K / AVOGADRO_PER_KMOL;

/// g0′·M0/R* (K per geopotential metre): the hydrostatic constant of the layers below 86 km.
pub const HYDROSTATIC_CONSTANT_K_M: f64 =
    STANDARD_GRAVITY_M_S2 * US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL / US76_GAS_CONSTANT_J_KMOL_K;

/// Geometric altitude (m) where the layered lower atmosphere ends and the diffusion model begins.
pub const UPPER_REGION_BASE_M: f64 = 86_000.0;

/// Highest altitude (m) of the model's definition; above it the 1000 km scale height continues.
pub const TOP_ALTITUDE_M: f64 = 1_000_000.0;

/// Number of geopotential layers below 86 km.
pub const LOWER_LAYER_COUNT: usize = 7;

/// Base geopotential height H_b (m′) of layers 0..6. NOAA-S/T 76-1562 Table 4
/// (`reference/atmosphere.md` §1.2).
pub const LAYER_BASE_GEOPOTENTIAL_M: [f64; LOWER_LAYER_COUNT] = [
    0.0, 11_000.0, 20_000.0, 32_000.0, 47_000.0, 51_000.0, 71_000.0,
];

/// Molecular-scale temperature gradient L_M,b (K/m′) of layers 0..6. NOAA-S/T 76-1562 Table 4.
pub const LAYER_LAPSE_RATE_K_M: [f64; LOWER_LAYER_COUNT] =
    [-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3];

/// Sea-level molecular-scale temperature T_M,0 (K). NOAA-S/T 76-1562.
pub const SEA_LEVEL_TEMPERATURE_K: f64 = 288.15;

/// M/M0 at geometric altitudes 80.0, 80.5, …, 86.0 km, linear in between (NOAA-S/T 76-1562
/// Table 8; `reference/atmosphere.md` §1.3).
pub const MOLECULAR_WEIGHT_RATIO_80_86_KM: [f64; 13] = [
    1.000000, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.999870, 0.999829, 0.999786,
    0.999741, 0.999694, 0.999641, 0.999579,
];

/// Geometric altitude (m) of the first entry of [`MOLECULAR_WEIGHT_RATIO_80_86_KM`].
pub const MOLECULAR_WEIGHT_RATIO_START_M: f64 = 80_000.0;

/// Spacing (m) of [`MOLECULAR_WEIGHT_RATIO_80_86_KM`].
pub const MOLECULAR_WEIGHT_RATIO_STEP_M: f64 = 500.0;

/// One geopotential layer below 86 km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layer {
    /// Base geopotential height H_b, m′.
    pub base_geopotential_m: f64,
    /// Molecular-scale temperature at the base T_M,b, K.
    pub base_molecular_temperature_k: f64,
    /// Gradient L_M,b of T_M in geopotential height, K/m′.
    pub lapse_rate_k_m: f64,
    /// Pressure at the base P_b, Pa.
    pub base_pressure_pa: f64,
}

/// The seven layers with base temperatures and pressures derived from the definition (T0, P0,
/// the gradients and the hydrostatic equation), not copied from the printed tables.
pub fn layers() -> &'static [Layer; LOWER_LAYER_COUNT] {
    static LAYERS: LazyLock<[Layer; LOWER_LAYER_COUNT]> = LazyLock::new(|| {
        let mut layers = [Layer {
            base_geopotential_m: 0.0,
            base_molecular_temperature_k: SEA_LEVEL_TEMPERATURE_K,
            lapse_rate_k_m: LAYER_LAPSE_RATE_K_M[0],
            base_pressure_pa: SEA_LEVEL_PRESSURE_PA,
        }; LOWER_LAYER_COUNT];
        for b in 1..LOWER_LAYER_COUNT {
            let below = layers[b - 1];
            let h = LAYER_BASE_GEOPOTENTIAL_M[b];
            let (t, p) = layer_state(&below, h);
            layers[b] = Layer {
                base_geopotential_m: h,
                base_molecular_temperature_k: t,
                lapse_rate_k_m: LAYER_LAPSE_RATE_K_M[b],
                base_pressure_pa: p,
            };
        }
        layers
    });
    &LAYERS
}

/// Molecular-scale temperature T_M (K) and pressure P (Pa) at geopotential height `h` (m′) in
/// `layer`: T_M = T_M,b + L (H − H_b); P = P_b (T_M,b/T_M)^(g0′M0/(R* L)) for L ≠ 0,
/// P = P_b exp(−g0′M0 (H − H_b)/(R* T_M,b)) for L = 0 (NOAA-S/T 76-1562 eqs. 23, 33a, 33b).
pub fn layer_state(layer: &Layer, geopotential_m: f64) -> (f64, f64) {
    let dh = geopotential_m - layer.base_geopotential_m;
    let tm = layer.base_molecular_temperature_k + layer.lapse_rate_k_m * dh;
    let p = if layer.lapse_rate_k_m == 0.0 {
        layer.base_pressure_pa
            * (-HYDROSTATIC_CONSTANT_K_M * dh / layer.base_molecular_temperature_k).exp()
    } else {
        layer.base_pressure_pa
            * (layer.base_molecular_temperature_k / tm)
                .powf(HYDROSTATIC_CONSTANT_K_M / layer.lapse_rate_k_m)
    };
    (tm, p)
}

/// Geopotential height H = r0 Z/(r0 + Z) (m′) from geometric altitude Z (m). NOAA-S/T 76-1562 eq. 18.
#[inline]
pub fn geopotential_altitude_m(geometric_altitude_m: f64) -> f64 {
    EARTH_RADIUS_M * geometric_altitude_m / (EARTH_RADIUS_M + geometric_altitude_m)
}

/// Geometric altitude Z = r0 H/(r0 − H) (m) from geopotential height H (m′). NOAA-S/T 76-1562 eq. 19.
#[inline]
pub fn geometric_altitude_m(geopotential_altitude_m: f64) -> f64 {
    EARTH_RADIUS_M * geopotential_altitude_m / (EARTH_RADIUS_M - geopotential_altitude_m)
}

/// Acceleration of gravity g(Z) = g0 (r0/(r0 + Z))² (m/s²). NOAA-S/T 76-1562 eq. 17.
#[inline]
pub fn gravity_m_s2(geometric_altitude_m: f64) -> f64 {
    let r = EARTH_RADIUS_M / (EARTH_RADIUS_M + geometric_altitude_m);
    STANDARD_GRAVITY_M_S2 * r * r
}

/// Number densities (1/m³) of the species of the diffusion model, 86–1000 km.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SpeciesNumberDensities {
    /// Molecular nitrogen N2.
    pub n2_m3: f64,
    /// Atomic oxygen O.
    pub o_m3: f64,
    /// Molecular oxygen O2.
    pub o2_m3: f64,
    /// Argon Ar.
    pub ar_m3: f64,
    /// Helium He.
    pub he_m3: f64,
    /// Atomic hydrogen H (zero below 150 km, where the report does not define it).
    pub h_m3: f64,
}

impl SpeciesNumberDensities {
    /// Total number density Σ n_i, 1/m³.
    pub fn total_m3(&self) -> f64 {
        self.n2_m3 + self.o_m3 + self.o2_m3 + self.ar_m3 + self.he_m3 + self.h_m3
    }
}

/// Species number densities (1/m³) at geometric altitude `altitude_m`, for 86 km ≤ Z ≤ 1000 km
/// (above 1000 km each continues with its 1000 km scale height); `None` below 86 km, where the
/// report gives no species breakdown (the air is the sea-level mixture).
///
/// Source: NOAA-S/T 76-1562 eqs. 36–40 integrated once (see [`upper`]); matches Table VIII to
/// within the tolerances of `tests/us76.rs`.
pub fn species_number_densities_m3(altitude_m: f64) -> Option<SpeciesNumberDensities> {
    if altitude_m < UPPER_REGION_BASE_M || altitude_m.is_nan() {
        None
    } else {
        Some(upper::table().species(altitude_m))
    }
}
