//! Lumped heat balance over [`F64s`] lanes: the twins of [`super::reference`], branch-free,
//! with per-lane material properties.

use reentry_lanes::{F64s, LANES, Mask, math, select};

use super::{DEMISE_MASS_FRACTION_HOLLOW, DEMISE_MASS_FRACTION_SOLID, Material};
use crate::earth::STEFAN_BOLTZMANN_W_M2_K4;

/// [`Material`] properties of [`LANES`] fragments, one per lane.
#[derive(Debug, Clone, Copy)]
pub struct MaterialLanes {
    /// Density, kg/m³.
    pub density_kg_m3: F64s,
    /// Specific heat capacity, J/(kg K).
    pub specific_heat_j_kg_k: F64s,
    /// Melt temperature, K.
    pub melt_temperature_k: F64s,
    /// Heat of fusion, J/kg.
    pub heat_of_fusion_j_kg: F64s,
    /// Total hemispherical emissivity.
    pub emissivity: F64s,
}

impl MaterialLanes {
    /// Gathers the properties of one material per lane.
    pub fn from_materials(materials: [&Material; LANES]) -> MaterialLanes {
        let gather = |f: fn(&Material) -> f64| F64s::from(materials.map(f));
        MaterialLanes {
            density_kg_m3: gather(|m| m.density_kg_m3),
            specific_heat_j_kg_k: gather(|m| m.specific_heat_j_kg_k),
            melt_temperature_k: gather(|m| m.melt_temperature_k),
            heat_of_fusion_j_kg: gather(|m| m.heat_of_fusion_j_kg),
            emissivity: gather(|m| m.emissivity),
        }
    }

    /// The same material in every lane.
    pub fn splat(material: &Material) -> MaterialLanes {
        MaterialLanes::from_materials([material; LANES])
    }
}

/// [`super::ThermalRates`] for [`LANES`] fragments.
#[derive(Debug, Clone, Copy)]
pub struct ThermalRatesLanes {
    /// dT/dt, K/s.
    pub temperature_rate_k_s: F64s,
    /// dm/dt, kg/s (≤ 0).
    pub mass_rate_kg_s: F64s,
}

/// Q_in − ε σ T⁴ S, W, as [`super::reference::net_heat_w`].
#[inline]
pub fn net_heat_w(
    heat_in_w: F64s,
    emissivity: F64s,
    temperature_k: F64s,
    surface_area_m2: F64s,
) -> F64s {
    let t2 = temperature_k * temperature_k;
    heat_in_w - emissivity * F64s::splat(STEFAN_BOLTZMANN_W_M2_K4) * t2 * t2 * surface_area_m2
}

/// Heat balance with melting at T ≥ T_m and Q_net > 0, as
/// [`super::reference::heat_balance`] (both branches computed, selected by mask).
#[inline]
pub fn heat_balance(
    net_heat_w: F64s,
    mass_kg: F64s,
    temperature_k: F64s,
    material: &MaterialLanes,
) -> ThermalRatesLanes {
    let melting =
        temperature_k.simd_ge(material.melt_temperature_k) & net_heat_w.simd_gt(F64s::ZERO);
    let heating_rate = net_heat_w / (mass_kg * material.specific_heat_j_kg_k);
    let melting_rate = -net_heat_w / material.heat_of_fusion_j_kg;
    ThermalRatesLanes {
        temperature_rate_k_s: select(melting, F64s::ZERO, heating_rate),
        mass_rate_kg_s: select(melting, melting_rate, F64s::ZERO),
    }
}

/// Linear size factor (m/m0)^(1/3) where solid, 1 where hollow (`hollow` a lane mask), as
/// [`super::reference::size_scale`].
#[inline]
pub fn size_scale(mass_kg: F64s, initial_mass_kg: F64s, hollow: Mask) -> F64s {
    select(hollow, F64s::ONE, math::cbrt(mass_kg / initial_mass_kg))
}

/// (q / (ε σ))^(1/4), K, as [`super::reference::radiative_equilibrium_temperature_k`].
#[inline]
pub fn radiative_equilibrium_temperature_k(heat_flux_w_m2: F64s, emissivity: F64s) -> F64s {
    math::sqrt(math::sqrt(
        heat_flux_w_m2 / (emissivity * F64s::splat(STEFAN_BOLTZMANN_W_M2_K4)),
    ))
}

/// Demise mask: m ≤ 1e-3 m0 (solid) or m ≤ 0.05 m0 (hollow lanes), as
/// [`super::reference::is_demised`].
#[inline]
pub fn is_demised(mass_kg: F64s, initial_mass_kg: F64s, hollow: Mask) -> Mask {
    let fraction = select(
        hollow,
        F64s::splat(DEMISE_MASS_FRACTION_HOLLOW),
        F64s::splat(DEMISE_MASS_FRACTION_SOLID),
    );
    mass_kg.simd_le(fraction * initial_mass_kg)
}
