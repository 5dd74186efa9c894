//! Earth geometry and gravity over [`F64s`] lanes: the twins of [`super::reference`], same
//! equations and sources, branch-free.

use reentry_lanes::{F64s, math};

pub use super::GravityModel;
use super::{ECCENTRICITY_SQUARED, EQUATORIAL_RADIUS_M, GM_M3_S2, J2};

/// [`super::Geodetic`] for [`reentry_lanes::LANES`] points.
#[derive(Debug, Clone, Copy)]
pub struct GeodeticLanes {
    /// Geodetic latitude, rad.
    pub latitude_rad: F64s,
    /// Longitude, rad, in (−π, π].
    pub longitude_rad: F64s,
    /// Height above the WGS-84 ellipsoid, m.
    pub altitude_m: F64s,
}

/// Geodetic coordinates from ECEF positions (m): Vermeille (2002) closed form, as
/// [`super::reference::geodetic_from_ecef`] (same domain: more than ~43 km from the centre).
#[inline]
pub fn geodetic_from_ecef(x_m: F64s, y_m: F64s, z_m: F64s) -> GeodeticLanes {
    let (d, dz, altitude_m) = vermeille(x_m, y_m, z_m);
    GeodeticLanes {
        latitude_rad: F64s::splat(2.0) * math::atan2(z_m, d + dz),
        longitude_rad: math::atan2(y_m, x_m),
        altitude_m,
    }
}

/// Geodetic altitude (m) of ECEF positions (m): the altitude of [`geodetic_from_ecef`], the same
/// operations and so the same value to the last bit, without the two arc tangents.
#[inline]
pub fn geodetic_altitude_m(x_m: F64s, y_m: F64s, z_m: F64s) -> F64s {
    vermeille(x_m, y_m, z_m).2
}

/// The shared part of Vermeille's (2002) closed form: (D, √(D² + z²), h) with
/// p, q, r, s, t, u, v, w, k, D as in [`super::reference::geodetic_from_ecef`] and
/// h = (k + e² − 1)/k · √(D² + z²).
#[inline(always)]
fn vermeille(x_m: F64s, y_m: F64s, z_m: F64s) -> (F64s, F64s, F64s) {
    let one = F64s::ONE;
    let two = F64s::splat(2.0);
    let inv_a2 = F64s::splat(1.0 / (EQUATORIAL_RADIUS_M * EQUATORIAL_RADIUS_M));
    let e2 = F64s::splat(ECCENTRICITY_SQUARED);
    let e4 = F64s::splat(ECCENTRICITY_SQUARED * ECCENTRICITY_SQUARED);
    let rho2 = x_m * x_m + y_m * y_m;
    let rho = math::sqrt(rho2);
    let p = rho2 * inv_a2;
    let q = F64s::splat(1.0 - ECCENTRICITY_SQUARED) * z_m * z_m * inv_a2;
    let r = (p + q - e4) * F64s::splat(1.0 / 6.0);
    let s = e4 * p * q / (F64s::splat(4.0) * r * r * r);
    let t = math::cbrt(one + s + math::sqrt(s * (two + s)));
    let u = r * (one + t + one / t);
    let v = math::sqrt(u * u + e4 * q);
    let w = e2 * (u + v - q) / (two * v);
    let k = math::sqrt(u + v + w * w) - w;
    let d = k * rho / (k + e2);
    let dz = math::sqrt(d * d + z_m * z_m);
    (d, dz, (k + e2 - one) / k * dz)
}

/// Gravitational acceleration (m/s², ECEF axes) at ECEF positions (m): point mass or J2, as
/// [`super::reference::gravity_m_s2`] (PHYSICS.md §1). The model is the same for every lane.
#[inline]
pub fn gravity_m_s2(x_m: F64s, y_m: F64s, z_m: F64s, model: GravityModel) -> [F64s; 3] {
    let r2 = x_m * x_m + y_m * y_m + z_m * z_m;
    let r = math::sqrt(r2);
    let mu_r3 = F64s::splat(GM_M3_S2) / (r2 * r);
    let (factor_xy, factor_z) = match model {
        GravityModel::PointMass => (F64s::ONE, F64s::ONE),
        GravityModel::J2 => {
            let j2_term = F64s::splat(1.5 * J2 * EQUATORIAL_RADIUS_M * EQUATORIAL_RADIUS_M) / r2;
            let z2_r2 = z_m * z_m / r2;
            let five_z2_r2 = F64s::splat(5.0) * z2_r2;
            (
                F64s::ONE + j2_term * (F64s::ONE - five_z2_r2),
                F64s::ONE + j2_term * (F64s::splat(3.0) - five_z2_r2),
            )
        }
    };
    [
        -mu_r3 * x_m * factor_xy,
        -mu_r3 * y_m * factor_xy,
        -mu_r3 * z_m * factor_z,
    ]
}

/// Local east, north and up unit vectors (ECEF components) at geodetic latitudes and longitudes
/// (rad), rows `[east, north, up]` with one component per lane, as
/// [`super::reference::east_north_up`].
#[inline]
pub fn east_north_up(latitude_rad: F64s, longitude_rad: F64s) -> [[F64s; 3]; 3] {
    let (sin_lat, cos_lat) = math::sin_cos(latitude_rad);
    let (sin_lon, cos_lon) = math::sin_cos(longitude_rad);
    [
        [-sin_lon, cos_lon, F64s::ZERO],
        [-sin_lat * cos_lon, -sin_lat * sin_lon, cos_lat],
        [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat],
    ]
}

/// ECEF positions (m) of geodetic points (rad, m), as [`super::reference::ecef_from_geodetic`]
/// (N = a / √(1 − e² sin² φ); x = (N + h) cos φ cos λ, y = (N + h) cos φ sin λ,
/// z = (N (1 − e²) + h) sin φ).
#[inline]
pub fn ecef_from_geodetic(latitude_rad: F64s, longitude_rad: F64s, altitude_m: F64s) -> [F64s; 3] {
    let (sin_lat, cos_lat) = math::sin_cos(latitude_rad);
    let (sin_lon, cos_lon) = math::sin_cos(longitude_rad);
    let n = F64s::splat(EQUATORIAL_RADIUS_M)
        / math::sqrt(F64s::ONE - F64s::splat(ECCENTRICITY_SQUARED) * sin_lat * sin_lat);
    [
        (n + altitude_m) * cos_lat * cos_lon,
        (n + altitude_m) * cos_lat * sin_lon,
        (n * F64s::splat(1.0 - ECCENTRICITY_SQUARED) + altitude_m) * sin_lat,
    ]
}
