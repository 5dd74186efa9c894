//! Earth orientation and state conversions (PHYSICS.md §1, DESIGN.md §6).
//!
//! - [`gmst_rad`]: Greenwich mean sidereal time, IAU 1982.
//! - [`teme_to_ecef`]: an SGP4 (TEME) state to the Earth-fixed frame (polar motion neglected).
//! - [`ecef_state_from_entry`] / [`entry_from_ecef_state`]: an entry-interface state (geodetic
//!   latitude, longitude, altitude, Earth-relative speed, flight path angle, heading) ↔ ECEF.

use super::ROTATION_RATE_RAD_S;
use super::reference::{east_north_up, ecef_from_geodetic, geodetic_from_ecef};
use crate::vector::dot;

/// Julian date of the J2000.0 epoch (2000-01-01 12:00 TT; used here on the UT1 scale as in
/// the IAU 1982 GMST formula).
pub const J2000_JULIAN_DATE: f64 = 2_451_545.0;

/// Greenwich mean sidereal time (rad, in [0, 2π)) at a UT1 Julian date.
///
/// IAU 1982 (Aoki et al. 1982), Vallado, Fundamentals of Astrodynamics, 4th ed., eq. 3-47:
/// T = (JD_UT1 − 2451545.0)/36525,
/// GMST = 67310.54841 s + (876600 h · 3600 s/h + 8640184.812866 s) T + 0.093104 s T²
///        − 6.2e-6 s T³, reduced modulo 86400 s and converted at 2π/86400 rad/s.
///
/// A single `f64` Julian date resolves about 40 µs of time (5e-10 day), i.e. 3e-9 rad of GMST.
pub fn gmst_rad(ut1_julian_date: f64) -> f64 {
    let t = (ut1_julian_date - J2000_JULIAN_DATE) / 36_525.0;
    let gmst_s = 67_310.548_41 + (876_600.0 * 3_600.0 + 8_640_184.812_866) * t + 0.093_104 * t * t
        - 6.2e-6 * t * t * t;
    gmst_s.rem_euclid(86_400.0) * (std::f64::consts::TAU / 86_400.0)
}

/// Greenwich mean sidereal time (rad, in [0, 2π)) at UT1 seconds since J2000.0
/// (2000-01-01 12:00 UT1, 86 400 s days; `reentry_atmosphere::Epoch::j2000_s` plus UT1 − UTC).
///
/// The same IAU 1982 formula as [`gmst_rad`] (Vallado eq. 3-47), with its whole-day term
/// (876600 h · 3600 s/h) T = 86400 s · days reduced exactly:
/// GMST = 67310.54841 s + (s mod 86400) + 8640184.812866 s T + 0.093104 s T² − 6.2e-6 s T³,
/// T = s / (86400 · 36525).
///
/// An `f64` of seconds resolves better than a microsecond over centuries, about 80× finer than a
/// single Julian date (4e-5 s); prefer it where the epoch is held in seconds.
pub fn gmst_rad_from_j2000_s(ut1_j2000_s: f64) -> f64 {
    let t = ut1_j2000_s / (86_400.0 * 36_525.0);
    let gmst_s = 67_310.548_41
        + ut1_j2000_s.rem_euclid(86_400.0)
        + 8_640_184.812_866 * t
        + 0.093_104 * t * t
        - 6.2e-6 * t * t * t;
    gmst_s.rem_euclid(86_400.0) * (std::f64::consts::TAU / 86_400.0)
}

/// Rotates a TEME state (m, m/s) into ECEF (m, m/s) given GMST (rad).
///
/// r_ecef = R3(θ) r_teme, v_ecef = R3(θ) v_teme − ω × r_ecef, with θ = GMST,
/// R3(θ) = [[cos θ, sin θ, 0], [−sin θ, cos θ, 0], [0, 0, 1]] and ω = (0, 0, ω_E).
/// TEME → pseudo-Earth-fixed is the rotation by GMST alone (Vallado et al. 2006, "Revisiting
/// Spacetrack Report #3", AIAA 2006-6753); PEF → ITRF, the polar motion (about 0.4″: 10–20 m at
/// LEO radii), is neglected (PHYSICS.md §1).
pub fn teme_to_ecef(
    position_m: [f64; 3],
    velocity_m_s: [f64; 3],
    gmst_rad: f64,
) -> ([f64; 3], [f64; 3]) {
    let (s, c) = gmst_rad.sin_cos();
    let rotate = |a: [f64; 3]| [c * a[0] + s * a[1], -s * a[0] + c * a[1], a[2]];
    let r = rotate(position_m);
    let v_rot = rotate(velocity_m_s);
    // ω × r = (−ω r_y, ω r_x, 0)
    let v = [
        v_rot[0] + ROTATION_RATE_RAD_S * r[1],
        v_rot[1] - ROTATION_RATE_RAD_S * r[0],
        v_rot[2],
    ];
    (r, v)
}

/// An entry-interface state in the conventions of DESIGN.md §6, all SI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntryState {
    /// Geodetic latitude, rad.
    pub latitude_rad: f64,
    /// Longitude, rad (east positive).
    pub longitude_rad: f64,
    /// Geodetic altitude, m.
    pub altitude_m: f64,
    /// Speed relative to the rotating Earth, m/s.
    pub speed_m_s: f64,
    /// Angle of the Earth-relative velocity above the local horizontal plane (normal to the
    /// ellipsoid normal), rad; negative when descending.
    pub flight_path_angle_rad: f64,
    /// Azimuth of the Earth-relative velocity, rad, clockwise from north, in (−π, π].
    pub heading_rad: f64,
}

/// ECEF position (m) and Earth-relative velocity (m/s) of an entry state (DESIGN.md §6).
///
/// r = ecef_from_geodetic(φ, λ, h);
/// v = V [cos γ (sin ψ ê + cos ψ n̂) + sin γ û], with (ê, n̂, û) the local east, north and up
/// (ellipsoid normal) axes of [`east_north_up`], γ the flight path angle above the horizontal
/// plane and ψ the heading clockwise from north.
pub fn ecef_state_from_entry(
    latitude_rad: f64,
    longitude_rad: f64,
    altitude_m: f64,
    speed_m_s: f64,
    flight_path_angle_rad: f64,
    heading_rad: f64,
) -> ([f64; 3], [f64; 3]) {
    let r = ecef_from_geodetic(latitude_rad, longitude_rad, altitude_m);
    let [east, north, up] = east_north_up(latitude_rad, longitude_rad);
    let (sin_g, cos_g) = flight_path_angle_rad.sin_cos();
    let (sin_h, cos_h) = heading_rad.sin_cos();
    let v_east = speed_m_s * cos_g * sin_h;
    let v_north = speed_m_s * cos_g * cos_h;
    let v_up = speed_m_s * sin_g;
    let v = std::array::from_fn(|i| v_east * east[i] + v_north * north[i] + v_up * up[i]);
    (r, v)
}

/// The inverse of [`ecef_state_from_entry`]: geodetic position, Earth-relative speed, flight
/// path angle γ = atan2(v·û, √((v·ê)² + (v·n̂)²)) and heading ψ = atan2(v·ê, v·n̂) of an ECEF state (m, m/s).
///
/// For a zero velocity γ and ψ are 0; for a vertical velocity ψ is atan2(±0, ±0) (0 or ±π).
pub fn entry_from_ecef_state(position_m: [f64; 3], velocity_m_s: [f64; 3]) -> EntryState {
    let geodetic = geodetic_from_ecef(position_m);
    let [east, north, up] = east_north_up(geodetic.latitude_rad, geodetic.longitude_rad);
    let v_east = dot(velocity_m_s, east);
    let v_north = dot(velocity_m_s, north);
    let v_up = dot(velocity_m_s, up);
    let horizontal_m_s = v_east.hypot(v_north);
    let speed_m_s = dot(velocity_m_s, velocity_m_s).sqrt();
    EntryState {
        latitude_rad: geodetic.latitude_rad,
        longitude_rad: geodetic.longitude_rad,
        altitude_m: geodetic.altitude_m,
        speed_m_s,
        // atan2 rather than asin: accurate near ±90° and defined for a zero velocity.
        flight_path_angle_rad: v_up.atan2(horizontal_m_s),
        heading_rad: v_east.atan2(v_north),
    }
}
