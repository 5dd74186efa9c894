//! Earth model (PHYSICS.md §1): WGS-84, geodetic coordinates, gravity, time and frames, land.
//!
//! - [`reference`](mod@reference): exact ECEF ↔ geodetic conversion (Vermeille 2002), gravity with J2, local
//!   east/north/up axes, in plain `f64`.
//! - [`lanes`]: the same conversion and gravity over [`reentry_lanes::F64s`].
//! - [`frames`]: GMST (IAU 1982), TEME → ECEF, entry state (lat, lon, alt, speed, γ, heading)
//!   ↔ ECEF state.
//! - [`land`]: is a point on land?
//! - [`track`]: along- and cross-track distances from the ground track of a break-up, and back.

pub mod frames;
pub mod land;
pub mod lanes;
pub mod reference;
pub mod track;

/// Earth's gravitational parameter GM, m³/s². Source: WGS-84 (NIMA TR8350.2, 3rd ed., Table 3.1,
/// value including the atmosphere), equal to the IERS 2010 value.
pub const GM_M3_S2: f64 = 3.986004418e14;

/// Earth's mean angular velocity ω, rad/s. Source: WGS-84 (NIMA TR8350.2, Table 3.1).
pub const ROTATION_RATE_RAD_S: f64 = 7.292115e-5;

/// WGS-84 semi-major (equatorial) axis a, m. Source: NIMA TR8350.2, Table 3.1.
pub const EQUATORIAL_RADIUS_M: f64 = 6_378_137.0;

/// WGS-84 flattening f = (a − b)/a. Source: NIMA TR8350.2, Table 3.1 (1/f = 298.257223563).
pub const FLATTENING: f64 = 1.0 / 298.257_223_563;

/// WGS-84 semi-minor (polar) axis b = a (1 − f), m.
pub const POLAR_RADIUS_M: f64 = EQUATORIAL_RADIUS_M * (1.0 - FLATTENING);

/// First eccentricity squared of the WGS-84 ellipsoid, e² = f (2 − f) (≈ 6.69438e-3).
pub const ECCENTRICITY_SQUARED: f64 = FLATTENING * (2.0 - FLATTENING);

/// Unnormalised second zonal harmonic J2 (= −C20). Source: EGM-96 (Lemoine et al. 1998,
/// NASA/TP-1998-206861), C̄20 = −4.84165371736e-4 unnormalised by √5: 1.08262668e-3.
pub const J2: f64 = 1.082_626_68e-3;

/// Standard acceleration of gravity g0, m/s² (CGPM 1901, exact; used for g-loads and Isp).
pub const STANDARD_GRAVITY_M_S2: f64 = 9.80665;

/// Stefan–Boltzmann constant σ, W/(m² K⁴). Source: CODATA 2018 (exact from h, c, k_B).
pub const STEFAN_BOLTZMANN_W_M2_K4: f64 = 5.670_374_419e-8;

/// Boltzmann constant k_B, J/K. Source: CODATA 2018 (exact, SI 2019).
pub const BOLTZMANN_J_K: f64 = 1.380_649e-23;

/// Geodetic (WGS-84) coordinates of a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geodetic {
    /// Geodetic latitude φ, rad, in [−π/2, π/2].
    pub latitude_rad: f64,
    /// Longitude λ, rad, east positive, in (−π, π].
    pub longitude_rad: f64,
    /// Height above the WGS-84 ellipsoid along its normal, m.
    pub altitude_m: f64,
}

/// Gravity field model. The solver maps its own `Gravity` option onto this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GravityModel {
    /// Point mass: g = −GM r / |r|³.
    PointMass,
    /// Point mass plus the J2 zonal term (PHYSICS.md §1), the default.
    #[default]
    J2,
}
