//! The right-hand side in plain `f64`, one state at a time: the readable specification. The
//! physics comes from `reentry_physics::*::reference` and the atmosphere's `sample`.

use reentry_atmosphere::nrlmsise00::Column;
use reentry_atmosphere::{Atmosphere, AtmospherePoint, Epoch};
use reentry_physics::aero::reference::{bridge_weight, continuum_drag_coefficient, knudsen, mach};
use reentry_physics::earth::reference::{geodetic_from_ecef, gravity_m_s2};
use reentry_physics::heating::reference::{oxidation_heat_w, stagnation_heat_flux_w_m2};
use reentry_physics::heating::{
    CONTINUUM_SURFACE_AVERAGE_FACTOR, FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR,
};
use reentry_physics::thermal::reference::net_heat_w;

use super::{
    Aux, MASS, ModelEnvironment, NodeModel, STANDARD_GRAVITY_M_S2, STATE_LEN, TEMPERATURE,
};

/// Where a step's atmosphere column is taken ([`crate::HorizontalUpdate::PerStep`]): the
/// predicted midpoint of the step from (t0, y0) of size h, i.e. the position r0 + ½h·v0 at
/// t0 + ½h. Every stage is within about half a step's ground track of it.
pub fn column_point(
    env: &ModelEnvironment,
    t0_s: f64,
    h_s: f64,
    y0: &[f64; STATE_LEN],
) -> AtmospherePoint {
    let half = 0.5 * h_s;
    let geo = geodetic_from_ecef([
        y0[0] + half * y0[3],
        y0[1] + half * y0[4],
        y0[2] + half * y0[5],
    ]);
    AtmospherePoint {
        altitude_m: geo.altitude_m,
        latitude_rad: geo.latitude_rad,
        longitude_rad: geo.longitude_rad,
        epoch: Epoch {
            j2000_s: env.epoch_j2000_s + (t0_s + half),
        },
    }
}

/// Right-hand side of the state `y` = [r (m), v (m/s), m (kg), T (K)] (ECEF) at time `t_s`
/// after the epoch, with its diagnostics (PHYSICS.md §1, §3–§5, §7):
///
/// - r' = v;
/// - v' = g(r) − 2ω×v − ω×(ω×r) + a_aero + a_thrust, with drag a = −½ρ|v|v C_D A/m (ρ times
///   `density_scale`; C_D bridged in Mach and Knudsen for a fragment unless fixed), lift
///   (L/D)·|drag| perpendicular to v in the plane of v and the local vertical, thrust F/m along
///   −v_inertial (v_inertial = v + ω×r) turned by the burn's pitch and yaw;
/// - m' = −Q_net/h_f while melting (T ≥ T_m, Q_net > 0), −F/(Isp g0) while a burn is on;
/// - T' = Q_net/(m c_p) otherwise, Q_net = Q_conv + Q_ox − ε σ T⁴ S with the convective heat
///   Q_conv = heat_scale · F(Kn) · q_s · S and the optional oxidation heat Q_ox
///   (`heating::reference::oxidation_heat_w`, 0 unless η > 0 and the material oxidises).
///
/// A solid fragment's S, A_ref ∝ (m/m0)^⅔ and L_ref, R_n ∝ (m/m0)^⅓; a hollow one keeps them.
pub fn rhs(
    t_s: f64,
    y: &[f64; STATE_LEN],
    node: &NodeModel,
    env: &ModelEnvironment,
    atmosphere: &Atmosphere,
    column: Option<&Column>,
) -> ([f64; STATE_LEN], Aux) {
    let r = [y[0], y[1], y[2]];
    let v = [y[3], y[4], y[5]];
    let mass_kg = y[MASS];
    let temperature_k = y[TEMPERATURE];
    let geo = geodetic_from_ecef(r);
    let air = atmosphere.sample_in(
        column,
        &AtmospherePoint {
            altitude_m: geo.altitude_m,
            latitude_rad: geo.latitude_rad,
            longitude_rad: geo.longitude_rad,
            epoch: Epoch {
                j2000_s: env.epoch_j2000_s + t_s,
            },
        },
    );
    let density_kg_m3 = air.density_kg_m3 * env.density_scale;
    let speed_m_s = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();

    let size = if node.hollow {
        1.0
    } else {
        (mass_kg / node.reference_mass_kg).cbrt()
    };
    let area_m2 = node.reference_area_m2 * size * size;
    let surface_m2 = node.surface_m2 * size * size;
    let length_m = node.reference_length_m * size;
    let nose_radius_m = node.nose_radius_m * size;

    let mach = mach(speed_m_s, air.temperature_k);
    let knudsen = knudsen(air.mean_free_path_m, length_m);
    let weight = bridge_weight(knudsen);
    let drag_coefficient = if node.fixed_drag_coefficient.is_nan() {
        let continuum = continuum_drag_coefficient(mach);
        continuum + (reentry_physics::aero::FREE_MOLECULAR_DRAG_COEFFICIENT - continuum) * weight
    } else {
        node.fixed_drag_coefficient
    } * node.drag_coefficient_scale;

    let drag_per_speed = 0.5 * density_kg_m3 * speed_m_s * drag_coefficient * area_m2 / mass_kg;
    let mut a_aero = [
        -drag_per_speed * v[0],
        -drag_per_speed * v[1],
        -drag_per_speed * v[2],
    ];
    if node.lift_to_drag != 0.0 && speed_m_s > 0.0 {
        let (sl, cl) = geo.latitude_rad.sin_cos();
        let (so, co) = geo.longitude_rad.sin_cos();
        let up = [cl * co, cl * so, sl];
        let u = [v[0] / speed_m_s, v[1] / speed_m_s, v[2] / speed_m_s];
        let d = up[0] * u[0] + up[1] * u[1] + up[2] * u[2];
        let l = [up[0] - d * u[0], up[1] - d * u[1], up[2] - d * u[2]];
        let ln = (l[0] * l[0] + l[1] * l[1] + l[2] * l[2]).sqrt();
        if ln > 0.0 {
            let lift = node.lift_to_drag * drag_per_speed * speed_m_s / ln;
            for i in 0..3 {
                a_aero[i] += lift * l[i];
            }
        }
    }
    let deceleration_g = (a_aero[0] * a_aero[0] + a_aero[1] * a_aero[1] + a_aero[2] * a_aero[2])
        .sqrt()
        / STANDARD_GRAVITY_M_S2;

    let g = gravity_m_s2(r, env.gravity);
    let w = env.rotation_rate_rad_s;
    let mut a = [
        g[0] + 2.0 * w * v[1] + w * w * r[0] + a_aero[0],
        g[1] - 2.0 * w * v[0] + w * w * r[1] + a_aero[1],
        g[2] + a_aero[2],
    ];

    let mut dm = 0.0;
    let mut dtemp = 0.0;
    if node.thrust_n > 0.0 {
        let dir = thrust_direction(r, v, w, node.pitch_rad, node.yaw_rad);
        let f = node.thrust_n / mass_kg;
        for i in 0..3 {
            a[i] += f * dir[i];
        }
        dm -= node.mass_flow_kg_s;
    }

    let heat_flux_w_m2 =
        stagnation_heat_flux_w_m2(env.heating, density_kg_m3, speed_m_s, nose_radius_m);
    if node.is_fragment {
        // F = F_c + (F_fm − F_c) w(Kn) (heating::reference::surface_average_factor), reusing w.
        let surface_factor = CONTINUUM_SURFACE_AVERAGE_FACTOR
            + (FREE_MOLECULAR_SURFACE_AVERAGE_FACTOR - CONTINUUM_SURFACE_AVERAGE_FACTOR) * weight;
        let convective_heat_w = node.heat_scale * surface_factor * heat_flux_w_m2 * surface_m2;
        let heat_in_w = convective_heat_w
            + oxidation_heat_w(
                env.oxidation_efficiency,
                node.oxidation_heat_j_kg_o2,
                node.oxidation_onset_k,
                convective_heat_w,
                speed_m_s,
                temperature_k,
            );
        let q_net_w = net_heat_w(heat_in_w, node.emissivity, temperature_k, surface_m2);
        // Heat balance with melting (thermal::reference::heat_balance, PHYSICS.md §5), the switch
        // at T_m armed once melting has begun (NodeModel::melt_switch_temperature_k).
        if temperature_k >= node.melt_switch_temperature_k && q_net_w > 0.0 {
            dm -= q_net_w / node.heat_of_fusion_j_kg;
        } else {
            dtemp = q_net_w / (mass_kg * node.specific_heat_j_kg_k);
        }
    }

    (
        [v[0], v[1], v[2], a[0], a[1], a[2], dm, dtemp],
        Aux {
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

/// Unit thrust direction (PHYSICS.md §7): −v̂_inertial (v_inertial = v + ω×r, ω = (0, 0, w)),
/// turned by `pitch_rad` towards the radial direction within the orbital plane and by `yaw_rad`
/// towards the orbit normal r × v_inertial: d = cos ψ (cos θ b̂ + sin θ û) + sin ψ n̂.
pub fn thrust_direction(
    r: [f64; 3],
    v: [f64; 3],
    w: f64,
    pitch_rad: f64,
    yaw_rad: f64,
) -> [f64; 3] {
    let norm = |a: [f64; 3]| (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt();
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
    let (sp, cp) = pitch_rad.sin_cos();
    let (sy, cy) = yaw_rad.sin_cos();
    std::array::from_fn(|i| cy * (cp * back[i] + sp * up[i] / upn) + sy * h[i] / hn)
}
