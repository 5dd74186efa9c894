//! The right-hand side over [`F64s`]: LANES states at once, branch-free (masks and
//! [`select`]); the twin of [`super::reference::rhs`], built on `reentry_physics::*::lanes` and
//! the atmosphere's `sample_lanes`. Lanes are independent: no value of one lane depends on
//! another's.

use reentry_atmosphere::nrlmsise00::ColumnLanes;
use reentry_atmosphere::{Atmosphere, AtmospherePointLanes};
use reentry_lanes::{F64s, LANES, Mask, mask_from_bools, math, select};
use reentry_physics::aero::lanes::{bridge_weight, continuum_drag_coefficient, knudsen, mach};
use reentry_physics::aero::{
    CONTINUUM_KNUDSEN as KNUDSEN_CONTINUUM, FREE_MOLECULAR_KNUDSEN as KNUDSEN_FREE_MOLECULAR,
};
use reentry_physics::earth::GravityModel;
use reentry_physics::earth::lanes::{
    GeodeticLanes, geodetic_altitude_m, geodetic_from_ecef, gravity_m_s2,
};
use reentry_physics::heating::lanes::{oxidation_heat_w, stagnation_heat_flux_w_m2};
use reentry_physics::heating::{
    CONTINUUM_SURFACE_AVERAGE_FACTOR, ContinuumCorrelation, FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR,
};
use reentry_physics::thermal::lanes::net_heat_w;

use super::{MASS, ModelEnvironment, NodeModel, STANDARD_GRAVITY_M_S2, STATE_LEN, TEMPERATURE};

/// A state per lane, component-major.
pub type StateLanes = [F64s; STATE_LEN];

/// [`NodeModel`] of LANES nodes.
#[derive(Debug, Clone, Copy)]
pub struct NodeLanes {
    /// Fragment lanes (heat balance tracked).
    pub is_fragment: Mask,
    /// Lanes with a fixed drag coefficient.
    pub has_fixed_drag_coefficient: Mask,
    /// Fixed drag coefficient (0 where bridged).
    pub fixed_drag_coefficient: F64s,
    /// Drag coefficient multiplier.
    pub drag_coefficient_scale: F64s,
    /// Reference area at the reference mass, m².
    pub reference_area_m2: F64s,
    /// Surface at the reference mass, m².
    pub surface_m2: F64s,
    /// Reference length at the reference mass, m.
    pub reference_length_m: F64s,
    /// Nose radius at the reference mass, m.
    pub nose_radius_m: F64s,
    /// Lift-to-drag ratio.
    pub lift_to_drag: F64s,
    /// Reference mass, kg.
    pub reference_mass_kg: F64s,
    /// Hollow lanes.
    pub hollow: Mask,
    /// Heat multiplier.
    pub heat_scale: F64s,
    /// Emissivity.
    pub emissivity: F64s,
    /// Specific heat, J/(kg K).
    pub specific_heat_j_kg_k: F64s,
    /// Melt switch temperature, K ([`NodeModel::melt_switch_temperature_k`]).
    pub melt_switch_temperature_k: F64s,
    /// Heat of fusion, J/kg.
    pub heat_of_fusion_j_kg: F64s,
    /// Thrust, N (0 off).
    pub thrust_n: F64s,
    /// Mass flow, kg/s.
    pub mass_flow_kg_s: F64s,
    /// Pitch offset, rad.
    pub pitch_rad: F64s,
    /// Yaw offset, rad.
    pub yaw_rad: F64s,
    /// Any lane thrusting (skips the thrust block otherwise; values are the same either way).
    pub any_thrust: bool,
    /// Any lane with lift.
    pub any_lift: bool,
    /// Every lane hollow (fixed geometry: the size-scale cube root is skipped, values unchanged).
    pub all_hollow: bool,
    /// Any fragment lane. Without one the batch has no heat balance: the heat flux, needed only
    /// by fragments' derivatives and peaks, reads 0 in the diagnostics (history rows recompute
    /// their diagnostics in the reference kernel).
    pub any_fragment: bool,
    /// Any lane with the bridged drag coefficient (else the C_D table is skipped).
    pub any_bridged: bool,
    /// Heat of oxidation per kg of O₂, J/kg.
    pub oxidation_heat_j_kg_o2: F64s,
    /// Onset temperature of oxidation heating, K.
    pub oxidation_onset_k: F64s,
    /// Any lane whose material oxidises (else the oxidation term, exactly 0, is skipped).
    pub any_oxidising: bool,
}

impl NodeLanes {
    /// Gathers LANES node models (one per lane).
    pub fn gather(nodes: &[NodeModel; LANES]) -> NodeLanes {
        let f = |g: fn(&NodeModel) -> f64| {
            F64s::from(std::array::from_fn::<f64, LANES, _>(|i| g(&nodes[i])))
        };
        let m = |g: fn(&NodeModel) -> bool| mask_from_bools(std::array::from_fn(|i| g(&nodes[i])));
        NodeLanes {
            is_fragment: m(|n| n.is_fragment),
            has_fixed_drag_coefficient: m(|n| !n.fixed_drag_coefficient.is_nan()),
            fixed_drag_coefficient: f(|n| {
                if n.fixed_drag_coefficient.is_nan() {
                    0.0
                } else {
                    n.fixed_drag_coefficient
                }
            }),
            drag_coefficient_scale: f(|n| n.drag_coefficient_scale),
            reference_area_m2: f(|n| n.reference_area_m2),
            surface_m2: f(|n| n.surface_m2),
            reference_length_m: f(|n| n.reference_length_m),
            nose_radius_m: f(|n| n.nose_radius_m),
            lift_to_drag: f(|n| n.lift_to_drag),
            reference_mass_kg: f(|n| n.reference_mass_kg),
            hollow: m(|n| n.hollow),
            heat_scale: f(|n| n.heat_scale),
            emissivity: f(|n| n.emissivity),
            specific_heat_j_kg_k: f(|n| n.specific_heat_j_kg_k),
            melt_switch_temperature_k: f(|n| n.melt_switch_temperature_k),
            heat_of_fusion_j_kg: f(|n| n.heat_of_fusion_j_kg),
            thrust_n: f(|n| n.thrust_n),
            mass_flow_kg_s: f(|n| n.mass_flow_kg_s),
            pitch_rad: f(|n| n.pitch_rad),
            yaw_rad: f(|n| n.yaw_rad),
            any_thrust: nodes.iter().any(|n| n.thrust_n > 0.0),
            any_lift: nodes.iter().any(|n| n.lift_to_drag != 0.0),
            all_hollow: nodes.iter().all(|n| n.hollow),
            any_fragment: nodes.iter().any(|n| n.is_fragment),
            any_bridged: nodes.iter().any(|n| n.fixed_drag_coefficient.is_nan()),
            oxidation_heat_j_kg_o2: f(|n| n.oxidation_heat_j_kg_o2),
            // An infinite onset (the vehicle) would give ∞ − ∞ in the ramp of a lane with no
            // oxidation heat; any finite value gives the same 0 there.
            oxidation_onset_k: f(|n| n.oxidation_onset_k.min(1e9)),
            any_oxidising: nodes
                .iter()
                .any(|n| n.is_fragment && n.oxidation_heat_j_kg_o2 > 0.0),
        }
    }
}

/// Per-lane environment values (the model choices are shared by the batch).
#[derive(Debug, Clone, Copy)]
pub struct EnvironmentLanes {
    /// Density multiplier.
    pub density_scale: F64s,
    /// Earth rotation rate of the frame terms, rad/s.
    pub rotation_rate_rad_s: F64s,
    /// Epoch of t = 0, s since J2000.
    pub epoch_j2000_s: F64s,
    /// Gravity model (same for the batch).
    pub gravity: GravityModel,
    /// Heating correlation (same for the batch).
    pub heating: ContinuumCorrelation,
    /// Oxidation efficiency η.
    pub oxidation_efficiency: F64s,
}

impl EnvironmentLanes {
    /// Gathers LANES environments (gravity and heating from the first).
    pub fn gather(envs: &[ModelEnvironment; LANES]) -> EnvironmentLanes {
        let f = |g: fn(&ModelEnvironment) -> f64| {
            F64s::from(std::array::from_fn::<f64, LANES, _>(|i| g(&envs[i])))
        };
        EnvironmentLanes {
            density_scale: f(|e| e.density_scale),
            rotation_rate_rad_s: f(|e| e.rotation_rate_rad_s),
            epoch_j2000_s: f(|e| e.epoch_j2000_s),
            gravity: envs[0].gravity,
            heating: envs[0].heating,
            oxidation_efficiency: f(|e| e.oxidation_efficiency),
        }
    }
}

/// [`super::Aux`] for LANES states.
#[derive(Debug, Clone, Copy)]
pub struct AuxLanes {
    /// Geodetic latitude, rad.
    pub latitude_rad: F64s,
    /// Longitude, rad.
    pub longitude_rad: F64s,
    /// Geodetic altitude, m.
    pub altitude_m: F64s,
    /// Earth-relative speed, m/s.
    pub speed_m_s: F64s,
    /// Density (scaled), kg/m³.
    pub density_kg_m3: F64s,
    /// Mach number.
    pub mach: F64s,
    /// Knudsen number.
    pub knudsen: F64s,
    /// Bridged stagnation heat flux q_s, W/m².
    pub heat_flux_w_m2: F64s,
    /// Aerodynamic deceleration, g0.
    pub deceleration_g: F64s,
}

impl AuxLanes {
    /// Lane `i` as a plain [`super::Aux`].
    pub fn lane(arrays: &[[f64; LANES]; 9], i: usize) -> super::Aux {
        super::Aux {
            latitude_rad: arrays[0][i],
            longitude_rad: arrays[1][i],
            altitude_m: arrays[2][i],
            speed_m_s: arrays[3][i],
            density_kg_m3: arrays[4][i],
            mach: arrays[5][i],
            knudsen: arrays[6][i],
            heat_flux_w_m2: arrays[7][i],
            deceleration_g: arrays[8][i],
        }
    }

    /// All fields as arrays (for [`AuxLanes::lane`]).
    pub fn to_arrays(&self) -> [[f64; LANES]; 9] {
        [
            self.latitude_rad.to_array(),
            self.longitude_rad.to_array(),
            self.altitude_m.to_array(),
            self.speed_m_s.to_array(),
            self.density_kg_m3.to_array(),
            self.mach.to_array(),
            self.knudsen.to_array(),
            self.heat_flux_w_m2.to_array(),
            self.deceleration_g.to_array(),
        ]
    }
}

/// [`super::reference::column_point`] for LANES steps.
pub fn column_points(
    env: &EnvironmentLanes,
    t0_s: F64s,
    h_s: F64s,
    y0: &StateLanes,
) -> AtmospherePointLanes {
    let half = F64s::splat(0.5) * h_s;
    let geo = geodetic_from_ecef(
        y0[0] + half * y0[3],
        y0[1] + half * y0[4],
        y0[2] + half * y0[5],
    );
    AtmospherePointLanes {
        altitude_m: geo.altitude_m,
        latitude_rad: geo.latitude_rad,
        longitude_rad: geo.longitude_rad,
        epoch_j2000_s: env.epoch_j2000_s + (t0_s + half),
    }
}

/// The right-hand side of [`super::reference::rhs`] (same equations, units and sources) for
/// LANES states at times `t_s`.
pub fn rhs(
    t_s: F64s,
    y: &StateLanes,
    node: &NodeLanes,
    env: &EnvironmentLanes,
    atmosphere: &Atmosphere,
    column: Option<&ColumnLanes>,
) -> (StateLanes, AuxLanes) {
    let zero = F64s::ZERO;
    let (x, yy, z) = (y[0], y[1], y[2]);
    let (vx, vy, vz) = (y[3], y[4], y[5]);
    let mass_kg = y[MASS];
    let temperature_k = y[TEMPERATURE];
    // US76, the exponential model and an atmosphere column need the altitude only: skip the
    // two arc tangents of the full conversion there (latitude and longitude then read NaN in the
    // diagnostics; every output that reports them converts the state itself).
    let altitude_only =
        column.is_some() || matches!(atmosphere, Atmosphere::Us76 | Atmosphere::Exponential(_));
    let geo = if node.any_lift || !altitude_only {
        geodetic_from_ecef(x, yy, z)
    } else {
        let altitude_m = geodetic_altitude_m(x, yy, z);
        if atmosphere.reads_horizontal_lanes(column, altitude_m) {
            geodetic_from_ecef(x, yy, z)
        } else {
            GeodeticLanes {
                latitude_rad: F64s::splat(f64::NAN),
                longitude_rad: F64s::splat(f64::NAN),
                altitude_m,
            }
        }
    };
    let air = atmosphere.sample_lanes_in(
        column,
        &AtmospherePointLanes {
            altitude_m: geo.altitude_m,
            latitude_rad: geo.latitude_rad,
            longitude_rad: geo.longitude_rad,
            epoch_j2000_s: env.epoch_j2000_s + t_s,
        },
    );
    let density_kg_m3 = air.density_kg_m3 * env.density_scale;
    let speed_m_s = math::sqrt(vx * vx + vy * vy + vz * vz);

    let size = if node.all_hollow {
        F64s::ONE
    } else {
        select(
            node.hollow,
            F64s::ONE,
            math::cbrt(mass_kg / node.reference_mass_kg),
        )
    };
    let size2 = size * size;
    let area_m2 = node.reference_area_m2 * size2;
    let surface_m2 = node.surface_m2 * size2;
    let length_m = node.reference_length_m * size;
    let nose_radius_m = node.nose_radius_m * size;

    let mach = mach(speed_m_s, air.temperature_k);
    let knudsen = knudsen(air.mean_free_path_m, length_m);
    // w(Kn) is exactly 0 in continuum and 1 in free-molecular flow: skip its log10 and sine when
    // every lane is in one of them (most of a fragment's flight below ~70 km is continuum).
    let weight = if !(node.any_fragment || node.any_bridged)
        || !knudsen.simd_gt(F64s::splat(KNUDSEN_CONTINUUM)).any()
    {
        zero
    } else if !knudsen.simd_lt(F64s::splat(KNUDSEN_FREE_MOLECULAR)).any() {
        F64s::ONE
    } else {
        bridge_weight(knudsen)
    };
    let bridged = if node.any_bridged {
        let continuum = continuum_drag_coefficient(mach);
        continuum
            + (F64s::splat(reentry_physics::aero::FREE_MOLECULAR_DRAG_COEFFICIENT) - continuum)
                * weight
    } else {
        zero
    };
    let drag_coefficient = select(
        node.has_fixed_drag_coefficient,
        node.fixed_drag_coefficient,
        bridged,
    ) * node.drag_coefficient_scale;

    let drag_per_speed =
        F64s::splat(0.5) * density_kg_m3 * speed_m_s * drag_coefficient * area_m2 / mass_kg;
    let mut ax_aero = -drag_per_speed * vx;
    let mut ay_aero = -drag_per_speed * vy;
    let mut az_aero = -drag_per_speed * vz;
    if node.any_lift {
        let (sl, cl) = math::sin_cos(geo.latitude_rad);
        let (so, co) = math::sin_cos(geo.longitude_rad);
        let up = [cl * co, cl * so, sl];
        let inv_speed = F64s::ONE / speed_m_s;
        let u = [vx * inv_speed, vy * inv_speed, vz * inv_speed];
        let d = up[0] * u[0] + up[1] * u[1] + up[2] * u[2];
        let l = [up[0] - d * u[0], up[1] - d * u[1], up[2] - d * u[2]];
        let ln = math::sqrt(l[0] * l[0] + l[1] * l[1] + l[2] * l[2]);
        let ok = ln.simd_gt(zero) & speed_m_s.simd_gt(zero) & node.lift_to_drag.simd_ne(zero);
        let lift = node.lift_to_drag * drag_per_speed * speed_m_s / ln;
        ax_aero += select(ok, lift * l[0], zero);
        ay_aero += select(ok, lift * l[1], zero);
        az_aero += select(ok, lift * l[2], zero);
    }
    let deceleration_g = math::sqrt(ax_aero * ax_aero + ay_aero * ay_aero + az_aero * az_aero)
        * F64s::splat(1.0 / STANDARD_GRAVITY_M_S2);

    let g = gravity_m_s2(x, yy, z, env.gravity);
    let w = env.rotation_rate_rad_s;
    let two = F64s::splat(2.0);
    let mut ax = g[0] + two * w * vy + w * w * x + ax_aero;
    let mut ay = g[1] - two * w * vx + w * w * yy + ay_aero;
    let mut az = g[2] + az_aero;

    let mut dm = zero;
    if node.any_thrust {
        let on = node.thrust_n.simd_gt(zero);
        let dir = thrust_direction([x, yy, z], [vx, vy, vz], w, node.pitch_rad, node.yaw_rad);
        let f = node.thrust_n / mass_kg;
        ax += select(on, f * dir[0], zero);
        ay += select(on, f * dir[1], zero);
        az += select(on, f * dir[2], zero);
        dm -= select(on, node.mass_flow_kg_s, zero);
    }

    let (heat_flux_w_m2, dm_melt, dtemp) = if node.any_fragment {
        let heat_flux_w_m2 =
            stagnation_heat_flux_w_m2(env.heating, density_kg_m3, speed_m_s, nose_radius_m);
        // F = F_c + (F_fm − F_c) w(Kn) (heating::lanes::surface_average_factor), reusing w.
        let surface_factor = F64s::splat(CONTINUUM_SURFACE_AVERAGE_FACTOR)
            + F64s::splat(FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR - CONTINUUM_SURFACE_AVERAGE_FACTOR)
                * weight;
        let convective_heat_w = node.heat_scale * surface_factor * heat_flux_w_m2 * surface_m2;
        let heat_in_w = if node.any_oxidising {
            convective_heat_w
                + oxidation_heat_w(
                    env.oxidation_efficiency,
                    node.oxidation_heat_j_kg_o2,
                    node.oxidation_onset_k,
                    convective_heat_w,
                    speed_m_s,
                    temperature_k,
                )
        } else {
            convective_heat_w
        };
        let q_net_w = net_heat_w(heat_in_w, node.emissivity, temperature_k, surface_m2);
        let melting = temperature_k.simd_ge(node.melt_switch_temperature_k) & q_net_w.simd_gt(zero);
        let dm_melt = select(
            node.is_fragment & melting,
            -q_net_w / node.heat_of_fusion_j_kg,
            zero,
        );
        let dtemp = select(
            node.is_fragment & !melting,
            q_net_w / (mass_kg * node.specific_heat_j_kg_k),
            zero,
        );
        (heat_flux_w_m2, dm_melt, dtemp)
    } else {
        (zero, zero, zero)
    };
    dm += dm_melt;

    (
        [vx, vy, vz, ax, ay, az, dm, dtemp],
        AuxLanes {
            latitude_rad: geo.latitude_rad,
            longitude_rad: geo.longitude_rad,
            altitude_m: geo.altitude_m,
            speed_m_s,
            density_kg_m3,
            mach,
            knudsen,
            heat_flux_w_m2,
            deceleration_g,
        },
    )
}

/// [`super::reference::thrust_direction`] for lanes.
pub fn thrust_direction(
    r: [F64s; 3],
    v: [F64s; 3],
    w: F64s,
    pitch_rad: F64s,
    yaw_rad: F64s,
) -> [F64s; 3] {
    let norm = |a: [F64s; 3]| math::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    let vi = [v[0] - w * r[1], v[1] + w * r[0], v[2]];
    let vin = norm(vi);
    let back = [-vi[0] / vin, -vi[1] / vin, -vi[2] / vin];
    let rn = norm(r);
    let radial = [r[0] / rn, r[1] / rn, r[2] / rn];
    let along = radial[0] * back[0] + radial[1] * back[1] + radial[2] * back[2];
    let up = [
        radial[0] - along * back[0],
        radial[1] - along * back[1],
        radial[2] - along * back[2],
    ];
    let upn = norm(up);
    let h = [
        r[1] * vi[2] - r[2] * vi[1],
        r[2] * vi[0] - r[0] * vi[2],
        r[0] * vi[1] - r[1] * vi[0],
    ];
    let hn = norm(h);
    let (sp, cp) = math::sin_cos(pitch_rad);
    let (sy, cy) = math::sin_cos(yaw_rad);
    std::array::from_fn(|i| cy * (cp * back[i] + sp * up[i] / upn) + sy * h[i] / hn)
}
