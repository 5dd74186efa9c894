//! Plain-`f64` US76: the readable specification and test oracle of [`super::lanes`].

use super::{
    LOWER_LAYER_COUNT, MOLECULAR_WEIGHT_RATIO_80_86_KM, MOLECULAR_WEIGHT_RATIO_START_M,
    MOLECULAR_WEIGHT_RATIO_STEP_M, UPPER_REGION_BASE_M, geopotential_altitude_m, layer_state,
    layers, upper,
};
use crate::{
    AtmosphereSample, US76_GAS_CONSTANT_J_KMOL_K, US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL,
    mean_free_path_m,
};

/// US76 at geometric altitude `altitude_m` (m; valid −5 km to 1000 km, continued above).
///
/// Below 86 km: T_M and P of the geopotential layer (NOAA-S/T 76-1562 eqs. 23, 33), ρ = P M0/(R* T_M),
/// kinetic T = T_M·(M/M0). Above: T from the segments, ρ and 1/M from the diffusion table,
/// P = ρ R* T/M. Mean free path from T and P (PHYSICS.md §2).
#[inline]
pub fn sample(altitude_m: f64) -> AtmosphereSample {
    let (density_kg_m3, temperature_k, pressure_pa) = if altitude_m < UPPER_REGION_BASE_M {
        lower_state(altitude_m)
    } else {
        upper_state(altitude_m)
    };
    AtmosphereSample {
        density_kg_m3,
        temperature_k,
        pressure_pa,
        mean_free_path_m: mean_free_path_m(temperature_k, pressure_pa),
    }
}

/// Kinetic temperature (K) at geometric altitude `altitude_m` (m).
pub fn temperature_k(altitude_m: f64) -> f64 {
    if altitude_m < UPPER_REGION_BASE_M {
        lower_state(altitude_m).1
    } else {
        upper::temperature_k(altitude_m)
    }
}

/// M/M0 at geometric altitude `altitude_m` (m): 1 below 80 km, linear in the report's 80–86 km
/// table, its 86 km value above (NOAA-S/T 76-1562 Table 8).
pub fn molecular_weight_ratio(altitude_m: f64) -> f64 {
    let table = &MOLECULAR_WEIGHT_RATIO_80_86_KM;
    let s = (altitude_m - MOLECULAR_WEIGHT_RATIO_START_M) * (1.0 / MOLECULAR_WEIGHT_RATIO_STEP_M);
    if s <= 0.0 {
        table[0]
    } else if s >= (table.len() - 1) as f64 {
        table[table.len() - 1]
    } else {
        let i = s.floor() as usize;
        (s - i as f64).mul_add(table[i + 1] - table[i], table[i])
    }
}

/// (ρ, T, P) below 86 km.
fn lower_state(altitude_m: f64) -> (f64, f64, f64) {
    let h = geopotential_altitude_m(altitude_m);
    let layers = layers();
    let b = (1..LOWER_LAYER_COUNT)
        .rev()
        .find(|&b| h >= layers[b].base_geopotential_m)
        .unwrap_or(0);
    let (tm, p) = layer_state(&layers[b], h);
    let rho = p * US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL / (US76_GAS_CONSTANT_J_KMOL_K * tm);
    (rho, tm * molecular_weight_ratio(altitude_m), p)
}

/// (ρ, T, P) at or above 86 km.
fn upper_state(altitude_m: f64) -> (f64, f64, f64) {
    let t = upper::temperature_k(altitude_m);
    let (rho, inverse_m) = upper::table().density_and_inverse_molecular_weight(altitude_m);
    (rho, t, rho * US76_GAS_CONSTANT_J_KMOL_K * t * inverse_m)
}
