//! Terminal descent: the rest of a slow fall by quadrature instead of integration
//! ([`crate::Tolerances::terminal_descent`]).
//!
//! Below Mach 0.3 in continuum flow a cooling fragment falls at about its terminal speed V_t(h),
//! where drag balances the effective gravity. The explicit integrator's step is then bounded by
//! the drag relaxation time V_t/g (a few seconds), not by accuracy: in the Progress MS-31 Monte
//! Carlo a third of the attempted steps are such tails. A flight that reaches that state
//! ([`ready`]) ends by quadrature ([`descend`]):
//!
//! - V_t at nodes on the vertical through the takeover point, from the model's own right-hand
//!   side: V ← V √(g / D(V)), with D(V) the drag deceleration at a vertical fall at speed V (exact
//!   in one pass for a constant C_D; three passes leave 1e-6 for the slow C_D(M) below Mach 0.3);
//! - the fall speed w = V_t (1 + δ), δ = V_t (dV_t/dh) / (2g): a falling body lags its terminal
//!   speed in the denser air below by δ to first order (δ ≤ 0.05 at takeover, so the neglected
//!   second order is ≤ 2.5e-3 of the speed and less lower down);
//! - the fall time ∫ dh / w by Simpson's rule on nodes at most 3 km apart;
//! - the horizontal drift ∫ a_h / g dh, with a_h the model's horizontal acceleration at terminal
//!   speed (Coriolis, and gravity's horizontal part), which drag balances at a horizontal speed
//!   a_h V_t / g; plus the decay of the takeover's horizontal velocity v_h, v_h V / g;
//! - mass and temperature stay as they are: the fragment is cooling below its melt temperature
//!   and oxidation onset, and its convective heating only falls as V_t drops
//!   (q ∝ √ρ V³·¹⁵ ∝ ρ^−1.1).
//!
//! The end state is on the ground, at the end time, with the fall's final velocity.

use reentry_physics::aero::CONTINUUM_KNUDSEN;
use reentry_physics::earth::reference::{east_north_up, ecef_from_geodetic, geodetic_from_ecef};
use reentry_physics::vector::{dot, norm, normalized};

use crate::flight::State;
use crate::model::{Aux, MASS, NodeModel, TEMPERATURE};

/// Takeover only below this Mach number (C_D,c(M) is nearly flat there).
pub const MAX_MACH: f64 = 0.3;
/// Takeover only while the lag δ = V²/(4 g H) with H = 6 km is below this.
pub const MAX_LAG: f64 = 0.05;
/// Takeover only while the horizontal speed is below this fraction of the speed.
pub const MAX_HORIZONTAL_FRACTION: f64 = 0.2;
/// Largest altitude interval between two quadrature nodes, m.
const MAX_NODE_SPACING_M: f64 = 3_000.0;
/// Scale height of the takeover's lag screen, m (below most of the model's scale heights
/// under 80 km, so the screen errs on the safe side).
const SCREEN_SCALE_HEIGHT_M: f64 = 6_000.0;
/// Standard gravity of the lag screen, m/s².
const SCREEN_GRAVITY_M_S2: f64 = 9.80665;

/// Whether a fragment at `y` (diagnostics `aux`, derivative `dydt`) may end by terminal descent:
/// subsonic below [`MAX_MACH`], continuum, descending nearly vertically, close to its terminal
/// speed ([`MAX_LAG`]), and cooling below its melt temperature and oxidation onset.
pub fn ready(node: &NodeModel, y: &State, aux: &Aux, dydt: &State) -> bool {
    if !node.is_fragment || node.thrust_n > 0.0 {
        return false;
    }
    let up = normalized([y[0], y[1], y[2]]);
    let v = [y[3], y[4], y[5]];
    let speed = aux.speed_m_s;
    let vertical = dot(v, up);
    let horizontal = (speed * speed - vertical * vertical).max(0.0).sqrt();
    let lag = speed * speed / (4.0 * SCREEN_GRAVITY_M_S2 * SCREEN_SCALE_HEIGHT_M);
    let t = y[TEMPERATURE];
    aux.mach < MAX_MACH
        && aux.knudsen < CONTINUUM_KNUDSEN
        && vertical < 0.0
        && horizontal <= MAX_HORIZONTAL_FRACTION * speed
        && lag < MAX_LAG
        && t < node.melt_temperature_k
        && node.melt_switch_temperature_k.is_infinite()
        && (node.oxidation_heat_j_kg_o2 <= 0.0 || t < node.oxidation_onset_k)
        && dydt[TEMPERATURE] <= 0.0
        && aux.altitude_m > 0.0
}

/// The end of a terminal descent: time, state on the ground, and the largest heat flux and
/// deceleration met on the way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Landing {
    /// Time of impact, s.
    pub t_s: f64,
    /// State at impact (ECEF position on the ground, velocity, unchanged mass and temperature).
    pub y: State,
    /// Largest stagnation heat flux over the nodes, W/m².
    pub peak_heat_flux_w_m2: f64,
    /// Largest deceleration over the nodes, g0.
    pub peak_deceleration_g: f64,
}

/// The rest of the fall from (t0, y0) at `altitude0_m` by quadrature, with the model's
/// right-hand side `rhs(t, y)`. `None` when the model does not give a terminal speed at some
/// node (then the caller keeps integrating).
pub fn descend(
    t0_s: f64,
    y0: &State,
    rhs: &mut dyn FnMut(f64, &State) -> (State, Aux),
) -> Option<Landing> {
    let geo = geodetic_from_ecef([y0[0], y0[1], y0[2]]);
    let (lat, lon, h0) = (geo.latitude_rad, geo.longitude_rad, geo.altitude_m);
    if !positive(h0) {
        return None;
    }
    let [east, north, up] = east_north_up(lat, lon);
    let (mass_kg, temperature_k) = (y0[MASS], y0[TEMPERATURE]);
    let state = |r: [f64; 3], fall_m_s: f64| -> State {
        [
            r[0],
            r[1],
            r[2],
            -fall_m_s * up[0],
            -fall_m_s * up[1],
            -fall_m_s * up[2],
            mass_kg,
            temperature_k,
        ]
    };
    // Effective gravity along the vertical at the takeover point (drag is zero at rest); it
    // varies by 0.3 % over the fall, which the 1/r² scaling below follows.
    let r0 = norm([y0[0], y0[1], y0[2]]);
    let (k_rest, _) = rhs(t0_s, &state(ecef_from_geodetic(lat, lon, h0), 0.0));
    let g0 = -dot([k_rest[3], k_rest[4], k_rest[5]], up);
    if !positive(g0) {
        return None;
    }

    // Nodes from the takeover altitude down to the ground, an even number of intervals.
    let intervals = 2 * ((h0 / (2.0 * MAX_NODE_SPACING_M)).ceil() as usize).max(1);
    let dh = h0 / intervals as f64;
    let mut speed: Vec<f64> = Vec::with_capacity(intervals + 1);
    let mut gravity = Vec::with_capacity(intervals + 1);
    let mut horizontal = Vec::with_capacity(intervals + 1);
    let mut peak_q = 0.0f64;
    let mut peak_decel = 0.0f64;
    let mut guess = norm([y0[3], y0[4], y0[5]]).max(1e-3);
    let mut t_s = t0_s;
    for j in 0..=intervals {
        let h = h0 - j as f64 * dh;
        let position = ecef_from_geodetic(lat, lon, h);
        let r = norm(position);
        let g = g0 * (r0 / r) * (r0 / r);
        let mut v = guess;
        let mut k = [0.0; 8];
        let mut aux = Aux::default();
        for _ in 0..3 {
            (k, aux) = rhs(t_s, &state(position, v));
            let drag = dot([k[3], k[4], k[5]], up) + g;
            if !positive(drag) {
                return None;
            }
            v *= (g / drag).sqrt();
        }
        if !positive(v) {
            return None;
        }
        peak_q = peak_q.max(aux.heat_flux_w_m2);
        peak_decel = peak_decel.max(aux.deceleration_g);
        let a = [k[3], k[4], k[5]];
        let a_up = dot(a, up);
        horizontal.push([
            a[0] - a_up * up[0],
            a[1] - a_up * up[1],
            a[2] - a_up * up[2],
        ]);
        gravity.push(g);
        speed.push(v);
        // The next node's guess: V_t ∝ ρ^−½, about e^(Δh/2H) lower with H near 7 km.
        guess = v * (-dh / 14_000.0).exp();
        // Running time for the time-dependent atmosphere (trapezoid; the result uses Simpson).
        if j > 0 {
            t_s += dh * 0.5 * (1.0 / speed[j - 1] + 1.0 / v);
        }
    }
    // Fall speed with the lag: w = V (1 + V dV/dh / (2g)), dV/dh by second-order differences
    // (h falls with j; one-sided at the ends).
    let n = intervals;
    let fall: Vec<f64> = (0..=n)
        .map(|j| {
            let dvdh = if j == 0 {
                (3.0 * speed[0] - 4.0 * speed[1] + speed[2]) / (2.0 * dh)
            } else if j == n {
                (-3.0 * speed[n] + 4.0 * speed[n - 1] - speed[n - 2]) / (2.0 * dh)
            } else {
                (speed[j - 1] - speed[j + 1]) / (2.0 * dh)
            };
            speed[j] * (1.0 + speed[j] * dvdh / (2.0 * gravity[j]))
        })
        .collect();
    let simpson = |f: &dyn Fn(usize) -> f64| -> f64 {
        let mut s = f(0) + f(n);
        for j in 1..n {
            s += if j % 2 == 1 { 4.0 } else { 2.0 } * f(j);
        }
        s * dh / 3.0
    };
    let fall_time_s = simpson(&|j| 1.0 / fall[j]);
    if !positive(fall_time_s) {
        return None;
    }
    // Horizontal drift: the takeover's horizontal velocity decays over V/g, and the horizontal
    // acceleration at terminal speed is balanced at a speed a_h V / g.
    let v0 = [y0[3], y0[4], y0[5]];
    let v0_up = dot(v0, up);
    let v0_h = [
        v0[0] - v0_up * up[0],
        v0[1] - v0_up * up[1],
        v0[2] - v0_up * up[2],
    ];
    let relax0_s = speed[0] / gravity[0];
    let mut drift = [0.0; 3];
    for (c, d) in drift.iter_mut().enumerate() {
        *d = v0_h[c] * relax0_s + simpson(&|j| horizontal[j][c] / gravity[j]);
    }
    // Keep the drift horizontal (east and north components only).
    let de = dot(drift, east);
    let dn = dot(drift, north);
    let ground = ecef_from_geodetic(lat, lon, 0.0);
    let w_ground = fall[n];
    let h_ground = horizontal[n];
    let relax_ground_s = speed[n] / gravity[n];
    let mut y = [0.0; 8];
    for c in 0..3 {
        y[c] = ground[c] + de * east[c] + dn * north[c];
        y[3 + c] = -w_ground * up[c] + h_ground[c] * relax_ground_s;
    }
    y[MASS] = mass_kg;
    y[TEMPERATURE] = temperature_k;
    Some(Landing {
        t_s: t0_s + fall_time_s,
        y,
        peak_heat_flux_w_m2: peak_q,
        peak_deceleration_g: peak_decel,
    })
}

/// A finite, strictly positive number (NaN is not).
fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}
