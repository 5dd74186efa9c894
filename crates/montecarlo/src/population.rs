//! World population for casualty expectation (PHYSICS.md §8).
//!
//! Embedded data (CC BY 4.0; credit: CIESIN, Columbia University, Gridded Population of the
//! World v4.11, UN WPP-adjusted population count 2020, aggregated to 1°):
//! - `data/population_2020_1deg.csv`: persons per 1° cell (180 rows from 90°N, 360 columns from
//!   180°W);
//! - `data/population_2020_by_latitude.csv`: persons per 1° latitude band and the density over
//!   the band's whole area (land and sea).
//!
//! Cell areas are those of a sphere of radius [`POPULATION_SPHERE_RADIUS_KM`] = 6371.0 km, the
//! radius of the band file's `band_area_km2` column (2πR²(sin φ_N − sin φ_S); it matches that
//! column to its 0.1 km² rounding), so grid and band densities share one convention.

use std::sync::LazyLock;

/// Radius of the sphere the population files' areas refer to, km (see the module docs).
pub const POPULATION_SPHERE_RADIUS_KM: f64 = 6371.0;

const GRID_CSV: &str = include_str!("../data/population_2020_1deg.csv");
const BANDS_CSV: &str = include_str!("../data/population_2020_by_latitude.csv");

/// Rows (1° latitude bands from 90°N) and columns (1° from 180°W) of the grid.
const ROWS: usize = 180;
const COLUMNS: usize = 360;

/// Persons per km² of every 1° cell, row-major from (90°N, 180°W).
static GRID_DENSITY_PER_KM2: LazyLock<Vec<f64>> = LazyLock::new(|| {
    let mut density = Vec::with_capacity(ROWS * COLUMNS);
    for (row, line) in GRID_CSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .enumerate()
    {
        let area_km2 = cell_area_km2(row);
        for cell in line.split(',') {
            // The embedded file is checked by the tests below; a malformed cell cannot occur.
            let persons: f64 = cell.trim().parse().unwrap_or(0.0);
            density.push(persons / area_km2);
        }
    }
    density
});

/// (north edge °, south edge °, density persons/km²) of each latitude band, from 90°N down.
static BANDS: LazyLock<Vec<(f64, f64, f64)>> = LazyLock::new(|| {
    BANDS_CSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("lat_") && !l.trim().is_empty())
        .filter_map(|line| {
            let f: Vec<f64> = line
                .split(',')
                .filter_map(|c| c.trim().parse().ok())
                .collect();
            (f.len() == 5).then(|| (f[0], f[1], f[4]))
        })
        .collect()
});

/// Area of one 1° cell in grid row `row` (row 0 = 90°N..89°N), km²:
/// A = (π/180) R² (sin φ_N − sin φ_S) on the sphere of radius R.
fn cell_area_km2(row: usize) -> f64 {
    let north = (90.0 - row as f64).to_radians();
    let south = (89.0 - row as f64).to_radians();
    let r_km = POPULATION_SPHERE_RADIUS_KM;
    1f64.to_radians() * r_km * r_km * (north.sin() - south.sin())
}

/// Population density of the 1° cell containing (latitude, longitude), persons/km²
/// (GPWv4 2020 count / cell area). Latitude 90° falls in the northernmost row; longitudes wrap.
pub fn density_per_km2(latitude_deg: f64, longitude_deg: f64) -> f64 {
    if !latitude_deg.is_finite() || !longitude_deg.is_finite() {
        return 0.0;
    }
    let row = ((90.0 - latitude_deg).floor().max(0.0) as usize).min(ROWS - 1);
    let column = ((longitude_deg + 180.0).rem_euclid(360.0).floor() as usize).min(COLUMNS - 1);
    GRID_DENSITY_PER_KM2[row * COLUMNS + column]
}

/// Orbit-averaged population density for an orbit of inclination `inclination_rad`,
/// persons/km²: Σ over 1° bands of w_band × density_band, with the time fraction a circular
/// orbit spends in the band w = ∫ f(φ; i) dφ, f(φ; i) = cos φ / (π √(sin² i − sin² φ))
/// (PHYSICS.md §8), integrated in closed form per band:
/// w = [asin(sin φ_N / sin i) − asin(sin φ_S / sin i)] / π with the edges clipped to ±i.
/// A retrograde orbit uses 180° − i. Equatorial orbits (i → 0) use the band at the equator.
pub fn orbit_average_density_per_km2(inclination_rad: f64) -> f64 {
    let i = if inclination_rad > std::f64::consts::FRAC_PI_2 {
        std::f64::consts::PI - inclination_rad
    } else {
        inclination_rad
    }
    .abs();
    let sin_i = i.sin();
    if sin_i < 1e-9 {
        // All time at the equator: the mean of the two bands that touch it.
        let at_equator: Vec<f64> = BANDS
            .iter()
            .filter(|(n, s, _)| *n == 0.0 || *s == 0.0)
            .map(|b| b.2)
            .collect();
        return at_equator.iter().sum::<f64>() / at_equator.len().max(1) as f64;
    }
    let edge = |phi_deg: f64| -> f64 {
        let phi = phi_deg.to_radians().clamp(-i, i);
        (phi.sin() / sin_i).clamp(-1.0, 1.0).asin()
    };
    BANDS
        .iter()
        .map(|&(north, south, density)| {
            (edge(north) - edge(south)) / std::f64::consts::PI * density
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_has_every_cell_and_the_world_population() {
        assert_eq!(GRID_DENSITY_PER_KM2.len(), ROWS * COLUMNS);
        // Reference README: 7.76 billion in all (GPWv4.11 2020, UN WPP-adjusted).
        let total: f64 = (0..ROWS)
            .map(|row| {
                (0..COLUMNS)
                    .map(|c| GRID_DENSITY_PER_KM2[row * COLUMNS + c] * cell_area_km2(row))
                    .sum::<f64>()
            })
            .sum();
        assert!((total / 7.76e9 - 1.0).abs() < 0.005, "total {total}");
        assert_eq!(BANDS.len(), 180);
    }

    /// The band file's area column (rounded to 0.1 km²) against the formula.
    #[test]
    fn cell_area_matches_band_file() {
        // Band file rows 90..89°N: 38842.6 km²; 0..1°S: 4450926.2 km² (rounded to 0.1 km²).
        const FILE_ROUNDING_KM2: f64 = 0.05;
        assert!((cell_area_km2(0) * 360.0 - 38_842.6).abs() < FILE_ROUNDING_KM2);
        assert!((cell_area_km2(90) * 360.0 - 4_450_926.2).abs() < FILE_ROUNDING_KM2);
    }

    #[test]
    fn density_lookup() {
        // Open ocean (South Pacific target zone) is empty; a cell over the Ganges plain is dense.
        assert_eq!(density_per_km2(-45.0, -140.0), 0.0);
        assert!(density_per_km2(25.5, 85.5) > 300.0);
        assert_eq!(
            density_per_km2(25.5, 85.5),
            density_per_km2(25.5, 85.5 - 360.0)
        );
        assert_eq!(density_per_km2(f64::NAN, 0.0), 0.0);
    }

    /// PHYSICS.md §8: for i = 51.6° the orbit-averaged density is ≈ 17.4 persons/km² (the value
    /// is quoted to three figures, so the bound is half a unit of the last figure plus the 1° band
    /// quantisation: 0.1 persons/km²).
    #[test]
    fn orbit_average_for_iss_inclination() {
        const QUOTED_PRECISION_PER_KM2: f64 = 0.1;
        let d = orbit_average_density_per_km2(51.6f64.to_radians());
        assert!((d - 17.4).abs() < QUOTED_PRECISION_PER_KM2, "density {d}");
    }

    /// The band weights integrate to 1 (validation-cases.md §5).
    #[test]
    fn band_weights_sum_to_one() {
        let i: f64 = 51.6f64.to_radians();
        let edge = |phi_deg: f64| -> f64 {
            let phi = phi_deg.to_radians().clamp(-i, i);
            (phi.sin() / i.sin()).clamp(-1.0, 1.0).asin()
        };
        let total: f64 = BANDS
            .iter()
            .map(|&(n, s, _)| (edge(n) - edge(s)) / std::f64::consts::PI)
            .sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
}

/// WGS-84 equatorial radius, m, and first eccentricity squared (PHYSICS.md §1).
const WGS84_A_M: f64 = 6_378_137.0;
const WGS84_E2: f64 = 6.694_379_990_141_32e-3;
/// Earth rotation rate, rad/s (WGS-84).
const EARTH_ROTATION_RAD_S: f64 = 7.292_115e-5;

/// Inclination of the orbit the problem starts on, rad, for the orbit-averaged casualty
/// expectation of an uncontrolled entry: from TLE line 2 (columns 9–16); for a state vector or
/// an entry state, i = acos(h_z/|h|) with h = r × v_inertial, v_inertial = v_ecef + ω × r
/// (TEME is treated as inertial: its z axis is the true pole). An entry state is converted with
/// the WGS-84 geodetic → ECEF formulas and the local east-north-up frame of its geodetic
/// latitude. `None` if the state has no angular momentum or the TLE field does not parse.
pub fn initial_inclination_rad(problem: &reentry_solver::Problem) -> Option<f64> {
    use reentry_solver::{InitialState, StateFrame};
    let (r, v) = match &problem.initial {
        InitialState::Tle { line2, .. } => {
            return line2
                .get(8..16)?
                .trim()
                .parse::<f64>()
                .ok()
                .map(f64::to_radians);
        }
        InitialState::StateVector {
            frame,
            position_m,
            velocity_m_s,
        } => {
            let r = *position_m;
            let mut v = *velocity_m_s;
            if *frame == StateFrame::Ecef {
                v[0] -= EARTH_ROTATION_RAD_S * r[1];
                v[1] += EARTH_ROTATION_RAD_S * r[0];
            }
            (r, v)
        }
        InitialState::Entry(e) => {
            let (sl, cl) = e.latitude_rad.sin_cos();
            let (so, co) = e.longitude_rad.sin_cos();
            let n = WGS84_A_M / (1.0 - WGS84_E2 * sl * sl).sqrt();
            let r = [
                (n + e.altitude_m) * cl * co,
                (n + e.altitude_m) * cl * so,
                (n * (1.0 - WGS84_E2) + e.altitude_m) * sl,
            ];
            let (sg, cg) = e.flight_path_angle_rad.sin_cos();
            let (sh, ch) = e.heading_rad.sin_cos();
            let (east, north, up) = (
                e.speed_m_s * cg * sh,
                e.speed_m_s * cg * ch,
                e.speed_m_s * sg,
            );
            let v = [
                -so * east - sl * co * north + cl * co * up - EARTH_ROTATION_RAD_S * r[1],
                co * east - sl * so * north + cl * so * up + EARTH_ROTATION_RAD_S * r[0],
                cl * north + sl * up,
            ];
            (r, v)
        }
    };
    let h = [
        r[1] * v[2] - r[2] * v[1],
        r[2] * v[0] - r[0] * v[2],
        r[0] * v[1] - r[1] * v[0],
    ];
    let norm = (h[0] * h[0] + h[1] * h[1] + h[2] * h[2]).sqrt();
    (norm > 0.0 && norm.is_finite()).then(|| (h[2] / norm).clamp(-1.0, 1.0).acos())
}

#[cfg(test)]
mod inclination_tests {
    use super::*;

    /// An entry state on the equator heading due north with 7400 m/s Earth-relative speed:
    /// v_inertial has east component ωa = 465.1 m/s, so i = atan2(7400 cos γ, 465.1) (γ small).
    #[test]
    fn entry_state_inclination() {
        let problem = crate::dispersion::test_problem();
        let i = initial_inclination_rad(&problem).unwrap();
        let gamma = (-1.5f64).to_radians();
        let north = 7400.0 * gamma.cos();
        let east = EARTH_ROTATION_RAD_S * (WGS84_A_M + 120e3);
        let expected = north.atan2(east);
        assert!(
            (i - expected).abs() < 1e-9,
            "{} vs {}",
            i.to_degrees(),
            expected.to_degrees()
        );
    }

    #[test]
    fn tle_inclination() {
        let mut problem = crate::dispersion::test_problem();
        problem.initial = reentry_solver::InitialState::Tle {
            line1: "1 25544U 98067A   26076.83874734  .00009567  00000+0  18567-3 0  9991".into(),
            line2: "2 25544  51.6336  32.0723 0006231 202.9067 157.1644 15.48349303557590".into(),
        };
        let i = initial_inclination_rad(&problem).unwrap();
        assert!((i.to_degrees() - 51.6336).abs() < 1e-12);
    }
}
