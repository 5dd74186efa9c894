//! The equations of motion and the heat balance that the solver integrates (PHYSICS.md §1,
//! §3–§5, §7), resolved per node into [`NodeModel`] parameters.
//!
//! [`reference`](mod@reference) evaluates them in plain `f64` (the oracle), [`lanes`] over [`reentry_lanes::F64s`]
//! (branch-free). Both compute the same quantities with the same names; they share only the
//! constants and parameter structs of this module.
//!
//! State layout (both paths): `[x, y, z, vx, vy, vz, mass, temperature]` in ECEF, SI units.

pub mod lanes;
pub mod reference;

use reentry_physics::earth::GravityModel;
use reentry_physics::heating::ContinuumCorrelation;

use crate::problem::{Burn, FragmentSpec, Gravity, HeatingModel, Vehicle};

/// Number of state components.
pub const STATE_LEN: usize = 8;
/// Index of the mass component.
pub const MASS: usize = 6;
/// Index of the temperature component.
pub const TEMPERATURE: usize = 7;

pub use reentry_physics::earth::{ROTATION_RATE_RAD_S, STANDARD_GRAVITY_M_S2};
pub use reentry_physics::thermal::{DEMISE_MASS_FRACTION_HOLLOW, DEMISE_MASS_FRACTION_SOLID};

/// Environment switches of one solve, copied out of [`crate::Environment`] for the kernels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelEnvironment {
    /// Density multiplier.
    pub density_scale: f64,
    /// Gravity model.
    pub gravity: GravityModel,
    /// Continuum heating correlation.
    pub heating: ContinuumCorrelation,
    /// Earth rotation rate used for the frame terms, rad/s (0 for a non-rotating Earth).
    pub rotation_rate_rad_s: f64,
    /// Epoch of t = 0, seconds since J2000 (UTC).
    pub epoch_j2000_s: f64,
    /// Oxidation efficiency η of the optional oxidation heating (0: off).
    pub oxidation_efficiency: f64,
    /// The atmosphere's horizontal terms once per step ([`crate::HorizontalUpdate::PerStep`]).
    pub column_per_step: bool,
}

impl ModelEnvironment {
    /// From the problem's environment.
    pub fn new(env: &crate::Environment, epoch_j2000_s: f64) -> ModelEnvironment {
        ModelEnvironment {
            density_scale: env.density_scale,
            gravity: match env.gravity {
                Gravity::J2 => GravityModel::J2,
                Gravity::PointMass => GravityModel::PointMass,
            },
            heating: match env.heating {
                HeatingModel::DetraKempRiddell => ContinuumCorrelation::DetraKempRiddell,
                HeatingModel::SuttonGraves => ContinuumCorrelation::SuttonGraves,
            },
            rotation_rate_rad_s: if env.rotating_earth {
                ROTATION_RATE_RAD_S
            } else {
                0.0
            },
            epoch_j2000_s,
            oxidation_efficiency: env.oxidation_efficiency,
            column_per_step: env.horizontal_update == crate::HorizontalUpdate::PerStep,
        }
    }
}

/// The per-node parameters of the right-hand side (a vehicle or a fragment), resolved from the
/// problem once when the node starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeModel {
    /// A fragment (heat balance tracked, bridged aerodynamics); else the intact vehicle.
    pub is_fragment: bool,
    /// Fixed drag coefficient (vehicle C_D or a fragment's override), or NaN for the bridged
    /// model.
    pub fixed_drag_coefficient: f64,
    /// Multiplier on the drag coefficient.
    pub drag_coefficient_scale: f64,
    /// Reference area at the release mass, m².
    pub reference_area_m2: f64,
    /// Total surface at the release mass, m².
    pub surface_m2: f64,
    /// Reference length L_ref at the release mass, m.
    pub reference_length_m: f64,
    /// Nose radius at the release mass, m.
    pub nose_radius_m: f64,
    /// Lift-to-drag ratio (vehicle).
    pub lift_to_drag: f64,
    /// Mass the geometry refers to (release mass), kg.
    pub reference_mass_kg: f64,
    /// Hollow: geometry fixed while the wall melts.
    pub hollow: bool,
    /// Multiplier on the surface-averaged heat flux.
    pub heat_scale: f64,
    /// Emissivity (already scaled and clamped to ≤ 1).
    pub emissivity: f64,
    /// Specific heat, J/(kg K).
    pub specific_heat_j_kg_k: f64,
    /// Melt temperature, K.
    pub melt_temperature_k: f64,
    /// Temperature from which the right-hand side melts (T ≥ it with Q_net > 0), K: T_m once
    /// melting has begun, +∞ while the fragment heats up towards T_m. Keeping the switch out of
    /// the heating phase keeps the right-hand side smooth inside the step that crosses T_m, whose
    /// crossing is then located as an event (where the switch turns to T_m).
    pub melt_switch_temperature_k: f64,
    /// Heat of fusion, J/kg.
    pub heat_of_fusion_j_kg: f64,
    /// Heat of oxidation per kg of O₂ consumed, J/kg (0: the material does not oxidise).
    pub oxidation_heat_j_kg_o2: f64,
    /// Onset temperature of oxidation heating, K.
    pub oxidation_onset_k: f64,
    /// Demise when the mass falls to this, kg (0 for the vehicle).
    pub demise_mass_kg: f64,
    /// Thrust while a burn is on, N (0 off).
    pub thrust_n: f64,
    /// Mass flow while a burn is on, kg/s (positive; 0 off).
    pub mass_flow_kg_s: f64,
    /// Burn pointing pitch offset from retrograde, rad.
    pub pitch_rad: f64,
    /// Burn pointing yaw offset, rad.
    pub yaw_rad: f64,
}

impl NodeModel {
    /// The intact vehicle: constant C_D and area, no heat balance. Knudsen number and the
    /// diagnostic heat flux use the equivalent radius of the reference area, √(A/π).
    pub fn vehicle(vehicle: &Vehicle) -> NodeModel {
        let radius_m = (vehicle.reference_area_m2 / std::f64::consts::PI).sqrt();
        NodeModel {
            is_fragment: false,
            fixed_drag_coefficient: vehicle.drag_coefficient,
            drag_coefficient_scale: 1.0,
            reference_area_m2: vehicle.reference_area_m2,
            surface_m2: 4.0 * vehicle.reference_area_m2,
            reference_length_m: 2.0 * radius_m,
            nose_radius_m: radius_m,
            lift_to_drag: vehicle.lift_to_drag,
            reference_mass_kg: vehicle.mass_kg,
            hollow: true,
            heat_scale: 0.0,
            emissivity: 0.0,
            specific_heat_j_kg_k: 1.0,
            melt_temperature_k: f64::INFINITY,
            melt_switch_temperature_k: f64::INFINITY,
            heat_of_fusion_j_kg: 1.0,
            oxidation_heat_j_kg_o2: 0.0,
            oxidation_onset_k: f64::INFINITY,
            demise_mass_kg: 0.0,
            thrust_n: 0.0,
            mass_flow_kg_s: 0.0,
            pitch_rad: 0.0,
            yaw_rad: 0.0,
        }
    }

    /// A fragment node at its release (mass = `spec.mass_kg`).
    pub fn fragment(spec: &FragmentSpec) -> NodeModel {
        let geometry = spec.shape.geometry();
        let (surface_m2, area_m2, length_m) = (
            geometry.surface_area_m2,
            geometry.reference_area_m2,
            geometry.reference_length_m(),
        );
        let fraction = reentry_physics::thermal::demise_mass_fraction(spec.hollow);
        NodeModel {
            is_fragment: true,
            fixed_drag_coefficient: spec.drag_coefficient.unwrap_or(f64::NAN),
            drag_coefficient_scale: spec.cd_scale,
            reference_area_m2: spec.reference_area_m2.unwrap_or(area_m2),
            surface_m2,
            reference_length_m: length_m,
            nose_radius_m: spec.nose_radius_m.unwrap_or(geometry.equivalent_radius_m),
            lift_to_drag: 0.0,
            reference_mass_kg: spec.mass_kg,
            hollow: spec.hollow,
            heat_scale: spec.heat_scale,
            emissivity: (spec.material.emissivity * spec.emissivity_scale).min(1.0),
            specific_heat_j_kg_k: spec.material.specific_heat_j_kg_k,
            melt_temperature_k: spec.material.melt_temperature_k,
            melt_switch_temperature_k: f64::INFINITY,
            heat_of_fusion_j_kg: spec.material.heat_of_fusion_j_kg,
            oxidation_heat_j_kg_o2: spec.material.oxidation_heat_j_kg_o2,
            oxidation_onset_k: spec.material.oxidation_onset_k,
            demise_mass_kg: fraction * spec.mass_kg,
            thrust_n: 0.0,
            mass_flow_kg_s: 0.0,
            pitch_rad: 0.0,
            yaw_rad: 0.0,
        }
    }

    /// This node with `burn` firing (or with the thrust off for `None`).
    pub fn with_burn(mut self, burn: Option<&Burn>) -> NodeModel {
        match burn {
            Some(b) => {
                self.thrust_n = b.thrust_n;
                self.mass_flow_kg_s = b.thrust_n / (b.isp_s * STANDARD_GRAVITY_M_S2);
                self.pitch_rad = b.pitch_rad;
                self.yaw_rad = b.yaw_rad;
            }
            None => {
                self.thrust_n = 0.0;
                self.mass_flow_kg_s = 0.0;
                self.pitch_rad = 0.0;
                self.yaw_rad = 0.0;
            }
        }
        self
    }
}

/// Diagnostic quantities at one state (outputs, events and peaks).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Aux {
    /// Geodetic latitude, rad.
    pub latitude_rad: f64,
    /// Longitude, rad.
    pub longitude_rad: f64,
    /// Geodetic altitude, m.
    pub altitude_m: f64,
    /// Earth-relative speed, m/s.
    pub speed_m_s: f64,
    /// Air density (scaled), kg/m³.
    pub density_kg_m3: f64,
    /// Mach number.
    pub mach: f64,
    /// Knudsen number.
    pub knudsen: f64,
    /// Bridged stagnation heat flux q_s, W/m².
    pub heat_flux_w_m2: f64,
    /// Aerodynamic deceleration, g0.
    pub deceleration_g: f64,
}
