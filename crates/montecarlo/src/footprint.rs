//! Footprint geometry (PHYSICS.md §8): along- and cross-track position of an impact relative to
//! the ground track of the break-up point, and point-in-polygon for the target zone.
//!
//! Distances are measured on a sphere of radius [`EARTH_MEAN_RADIUS_M`] (the IUGG mean radius
//! R₁ = 6371.0088 km): a footprint of a few thousand kilometres differs from the WGS-84
//! ellipsoid geodesic by up to 0.5 %, below the Monte Carlo spread it describes.

/// IUGG mean Earth radius R₁, m (Moritz 2000, Geodetic Reference System 1980, R₁ = (2a + b)/3).
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;

use reentry_physics::earth::reference::{ecef_from_geodetic, geodetic_from_ecef};
use reentry_physics::vector::{cross, dot, normalized};

/// Position of an impact relative to a ground track, m.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackOffset {
    /// Distance along the track from the break-up point to the foot of the perpendicular from
    /// the impact, m (positive in the direction of flight).
    pub downrange_m: f64,
    /// Signed perpendicular distance from the track, m (right of the direction of flight
    /// positive).
    pub crossrange_m: f64,
}

/// Along- and cross-track offset of `impact_ecef_m` from the great circle through the break-up
/// point `breakup_ecef_m` in the direction of the Earth-relative velocity `breakup_velocity_m_s`
/// (all ECEF; positions are projected radially onto the sphere, i.e. geocentric directions).
///
/// With p̂ the break-up direction, n̂ = (p̂ × v)/|p̂ × v| the track's pole (left of the flight
/// direction) and q̂ the impact direction:
/// crossrange = −R asin(q̂·n̂); foot f̂ = (q̂ − (q̂·n̂) n̂)/|…|;
/// downrange = R atan2((p̂ × f̂)·n̂, p̂·f̂). Spherical trigonometry (e.g. Vallado, Fundamentals
/// of Astrodynamics, §11.3 ground tracks). Returns `None` when the velocity is vertical or zero
/// (no track direction) or the impact lies on the track's pole.
pub fn track_offset(
    breakup_ecef_m: [f64; 3],
    breakup_velocity_m_s: [f64; 3],
    impact_ecef_m: [f64; 3],
) -> Option<TrackOffset> {
    let p = normalized(breakup_ecef_m);
    let pole = cross(p, breakup_velocity_m_s);
    let pole_norm = dot(pole, pole).sqrt();
    let speed = dot(breakup_velocity_m_s, breakup_velocity_m_s).sqrt();
    let has_direction = pole_norm > 1e-9 * speed && pole_norm.is_finite();
    if !has_direction {
        return None;
    }
    let n = [
        pole[0] / pole_norm,
        pole[1] / pole_norm,
        pole[2] / pole_norm,
    ];
    let q = normalized(impact_ecef_m);
    let qn = dot(q, n).clamp(-1.0, 1.0);
    let foot = [q[0] - qn * n[0], q[1] - qn * n[1], q[2] - qn * n[2]];
    if dot(foot, foot).sqrt() < 1e-12 {
        return None;
    }
    let f = normalized(foot);
    let along = dot(cross(p, f), n).atan2(dot(p, f));
    Some(TrackOffset {
        downrange_m: EARTH_MEAN_RADIUS_M * along,
        crossrange_m: -EARTH_MEAN_RADIUS_M * qn.asin(),
    })
}

/// The ground track that footprint distances are measured along: a break-up point and the
/// Earth-relative velocity there, both ECEF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroundTrack {
    /// Break-up position, ECEF m.
    pub breakup_ecef_m: [f64; 3],
    /// Earth-relative velocity at break-up, ECEF m/s.
    pub breakup_velocity_ecef_m_s: [f64; 3],
}

impl GroundTrack {
    /// Along- and cross-track offset of a point given in ECEF ([`track_offset`]).
    pub fn offset(&self, point_ecef_m: [f64; 3]) -> Option<TrackOffset> {
        track_offset(
            self.breakup_ecef_m,
            self.breakup_velocity_ecef_m_s,
            point_ecef_m,
        )
    }

    /// Along- and cross-track offset of a geodetic point (degrees, km), as the rows of
    /// `fragments.csv` give impact points.
    pub fn offset_of_geodetic(
        &self,
        latitude_deg: f64,
        longitude_deg: f64,
        altitude_km: f64,
    ) -> Option<TrackOffset> {
        self.offset(ecef_from_geodetic(
            latitude_deg.to_radians(),
            longitude_deg.to_radians(),
            altitude_km * 1000.0,
        ))
    }

    /// The break-up point: geodetic latitude (°), longitude (°), altitude (km) and the heading
    /// of the Earth-relative velocity (°, clockwise from north), for people reading a summary.
    pub fn breakup_geodetic(&self) -> (f64, f64, f64, f64) {
        let g = geodetic_from_ecef(self.breakup_ecef_m);
        let (sin_lat, cos_lat) = g.latitude_rad.sin_cos();
        let (sin_lon, cos_lon) = g.longitude_rad.sin_cos();
        let east = [-sin_lon, cos_lon, 0.0];
        let north = [-sin_lat * cos_lon, -sin_lat * sin_lon, cos_lat];
        let v = self.breakup_velocity_ecef_m_s;
        let heading_deg = dot(v, east)
            .atan2(dot(v, north))
            .to_degrees()
            .rem_euclid(360.0);
        (
            g.latitude_rad.to_degrees(),
            g.longitude_rad.to_degrees(),
            g.altitude_m / 1000.0,
            heading_deg,
        )
    }
}

/// A polygon in longitude/latitude degrees (the `[target_zone]` of a scenario).
///
/// Longitudes are unwrapped vertex by vertex (each within 180° of the previous one), so a
/// polygon that crosses the antimeridian is one contiguous region, e.g. [[170, 0], [-170, 0],
/// [-170, 10], [170, 10]] spans 20° of longitude, not 340°.
#[derive(Debug, Clone, PartialEq)]
pub struct LonLatPolygon {
    vertices_deg: Vec<[f64; 2]>,
}

fn wrap_180(angle_deg: f64) -> f64 {
    let a = (angle_deg + 180.0).rem_euclid(360.0) - 180.0;
    if a == -180.0 { 180.0 } else { a }
}

impl LonLatPolygon {
    /// From `[lon, lat]` vertices in degrees (not repeated at the end).
    pub fn new(vertices_deg: &[[f64; 2]]) -> LonLatPolygon {
        let mut unwrapped: Vec<[f64; 2]> = Vec::with_capacity(vertices_deg.len());
        for &[lon, lat] in vertices_deg {
            let lon = match unwrapped.last() {
                Some(&[previous, _]) => previous + wrap_180(lon - previous),
                None => lon,
            };
            unwrapped.push([lon, lat]);
        }
        LonLatPolygon {
            vertices_deg: unwrapped,
        }
    }

    /// The unwrapped vertices, `[lon, lat]` degrees.
    pub fn vertices_deg(&self) -> &[[f64; 2]] {
        &self.vertices_deg
    }

    /// Whether the point lies inside (even–odd crossing rule on the unwrapped lon/lat plane;
    /// the point's longitude is tried at its value and ±360°, so it matches the polygon's
    /// unwrapped range).
    pub fn contains(&self, longitude_deg: f64, latitude_deg: f64) -> bool {
        let lon = wrap_180(longitude_deg);
        [lon, lon - 360.0, lon + 360.0]
            .into_iter()
            .any(|x| self.contains_plane(x, latitude_deg))
    }

    fn contains_plane(&self, x: f64, y: f64) -> bool {
        let v = &self.vertices_deg;
        let mut inside = false;
        let mut j = v.len().wrapping_sub(1);
        for i in 0..v.len() {
            let [xi, yi] = v[i];
            let [xj, yj] = v[j];
            if (yi > y) != (yj > y) {
                let x_cross = xi + (y - yi) * (xj - xi) / (yj - yi);
                if x < x_cross {
                    inside = !inside;
                }
            }
            j = i;
        }
        inside
    }

    /// The first flaw of the ring of unwrapped vertices (the last point joins the first): all points on one line, or
    /// two edges that meet other than at the point they share. Repeated consecutive points (a ring
    /// closed by repeating its first point) are zero-length edges and are skipped. Edges are swept
    /// in order of their smallest longitude, so only edges that overlap in longitude are compared.
    pub fn flaw(&self) -> Option<PolygonFlaw> {
        let v = &self.vertices_deg[..];
        // On one line: every point is on the line from the first to the farthest point.
        let rel = |p: [f64; 2]| [p[0] - v[0][0], p[1] - v[0][1]];
        let far = v
            .iter()
            .map(|&p| rel(p))
            .max_by(|a, b| a[0].hypot(a[1]).total_cmp(&b[0].hypot(b[1])))?;
        let length_squared = far[0] * far[0] + far[1] * far[1];
        let collinear = v.iter().all(|&p| {
            let r = rel(p);
            (r[0] * far[1] - r[1] * far[0]).abs() <= 64.0 * f64::EPSILON * length_squared
        });
        if collinear {
            return Some(PolygonFlaw::NoArea);
        }
        let n = v.len();
        let orient = |a: [f64; 2], b: [f64; 2], c: [f64; 2]| {
            (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        };
        // `p` on segment a–b, given that the three are collinear.
        let within = |a: [f64; 2], b: [f64; 2], p: [f64; 2]| {
            p[0] >= a[0].min(b[0])
                && p[0] <= a[0].max(b[0])
                && p[1] >= a[1].min(b[1])
                && p[1] <= a[1].max(b[1])
        };
        let meet = |(p1, p2): ([f64; 2], [f64; 2]), (q1, q2): ([f64; 2], [f64; 2])| {
            let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
            let (d3, d4) = (orient(p1, p2, q1), orient(p1, p2, q2));
            (d1 * d2 < 0.0 && d3 * d4 < 0.0)
                || (d1 == 0.0 && within(q1, q2, p1))
                || (d2 == 0.0 && within(q1, q2, p2))
                || (d3 == 0.0 && within(p1, p2, q1))
                || (d4 == 0.0 && within(p1, p2, q2))
        };
        // Edges of non-zero length: (index of the start point, start, end).
        let edges: Vec<(usize, [f64; 2], [f64; 2])> = (0..n)
            .map(|i| (i, v[i], v[(i + 1) % n]))
            .filter(|(_, a, b)| a != b)
            .collect();
        let m = edges.len();
        let mut order: Vec<usize> = (0..m).collect();
        let min_x = |k: usize| edges[k].1[0].min(edges[k].2[0]);
        order.sort_by(|&a, &b| min_x(a).total_cmp(&min_x(b)));
        for (rank, &k) in order.iter().enumerate() {
            let (i, a, b) = edges[k];
            let max_x = a[0].max(b[0]);
            for &l in &order[rank + 1..] {
                if min_x(l) > max_x {
                    break;
                }
                let (j, c, d) = edges[l];
                let (first, second) = (k.min(l), k.max(l));
                let adjacent = second == first + 1 || (first == 0 && second == m - 1);
                let crosses = if adjacent {
                    // Neighbours share a point; they overlap only if the ring turns straight back.
                    let (shared, p, q) = if b == c { (b, a, d) } else { (a, b, c) };
                    orient(p, shared, q) == 0.0
                        && (p[0] - shared[0]) * (q[0] - shared[0])
                            + (p[1] - shared[1]) * (q[1] - shared[1])
                            > 0.0
                } else {
                    meet((a, b), (c, d))
                };
                if crosses {
                    return Some(PolygonFlaw::Crossing(i.min(j), i.max(j)));
                }
            }
        }
        None
    }
}

/// Why a polygon is not a simple ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolygonFlaw {
    /// All points on one line.
    NoArea,
    /// The edges starting at these two vertices (indices into the points) cross or touch.
    Crossing(usize, usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round-off of the trigonometry at a few thousand km: measured < 1e-8 m; 1 mm bound.
    const DISTANCE_TOLERANCE_M: f64 = 1e-3;

    fn ecef(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
        let (lat, lon) = (lat_deg.to_radians(), lon_deg.to_radians());
        let r = 6_378_137.0;
        [
            r * lat.cos() * lon.cos(),
            r * lat.cos() * lon.sin(),
            r * lat.sin(),
        ]
    }

    #[test]
    fn one_degree_east_along_an_eastward_track() {
        // Break-up at (0, 0) flying east (+y in ECEF): an impact 1° east is 111.195 km downrange.
        let one_degree_m = EARTH_MEAN_RADIUS_M * 1f64.to_radians();
        let o = track_offset(ecef(0.0, 0.0), [0.0, 7000.0, 0.0], ecef(0.0, 1.0)).unwrap();
        assert!((o.downrange_m - one_degree_m).abs() < DISTANCE_TOLERANCE_M);
        assert!(o.crossrange_m.abs() < DISTANCE_TOLERANCE_M);
        // 1° south of the break-up point is 1° to the right of an eastward track.
        let o = track_offset(ecef(0.0, 0.0), [0.0, 7000.0, 0.0], ecef(-1.0, 0.0)).unwrap();
        assert!(o.downrange_m.abs() < DISTANCE_TOLERANCE_M);
        assert!((o.crossrange_m - one_degree_m).abs() < DISTANCE_TOLERANCE_M);
        // Behind the break-up point: negative downrange.
        let o = track_offset(ecef(0.0, 0.0), [0.0, 7000.0, 0.0], ecef(0.0, -2.0)).unwrap();
        assert!((o.downrange_m + 2.0 * one_degree_m).abs() < DISTANCE_TOLERANCE_M);
    }

    #[test]
    fn off_track_impact_uses_the_foot_of_the_perpendicular() {
        // Northward track along the prime meridian from (0, 0), impact at (10°N, 5°E) on the
        // sphere q̂ = (cos φ cos λ, cos φ sin λ, sin φ): the track is the great circle y = 0, so
        // the cross-track angle is asin(q_y) and the foot lies at atan2(q_z, q_x) along it.
        let (lat, lon) = (10f64.to_radians(), 5f64.to_radians());
        let q = [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()];
        let cross_expected = EARTH_MEAN_RADIUS_M * q[1].asin();
        let along_expected = EARTH_MEAN_RADIUS_M * q[2].atan2(q[0]);
        let o = track_offset(ecef(0.0, 0.0), [0.0, 0.0, 7000.0], ecef(10.0, 5.0)).unwrap();
        assert!((o.crossrange_m - cross_expected).abs() < DISTANCE_TOLERANCE_M);
        assert!((o.downrange_m - along_expected).abs() < DISTANCE_TOLERANCE_M);
        // East of a northward track is right of it.
        assert!(o.crossrange_m > 0.0);
    }

    #[test]
    fn vertical_velocity_has_no_track() {
        assert!(track_offset(ecef(0.0, 0.0), [100.0, 0.0, 0.0], ecef(0.0, 1.0)).is_none());
    }

    #[test]
    fn polygon_contains_and_antimeridian() {
        let zone = LonLatPolygon::new(&[
            [-165.0, -36.0],
            [-105.0, -36.0],
            [-105.0, -56.0],
            [-165.0, -56.0],
        ]);
        assert!(zone.contains(-140.0, -45.0));
        assert!(!zone.contains(-100.0, -45.0));
        assert!(!zone.contains(-140.0, -30.0));
        assert!(zone.contains(220.0, -45.0)); // same meridian as −140°
        let across =
            LonLatPolygon::new(&[[170.0, 0.0], [-170.0, 0.0], [-170.0, 10.0], [170.0, 10.0]]);
        assert!(across.contains(179.5, 5.0));
        assert!(across.contains(-179.5, 5.0));
        assert!(across.contains(180.0, 5.0));
        assert!(!across.contains(0.0, 5.0));
        assert!(!across.contains(160.0, 5.0));
        assert!(!across.contains(-160.0, 5.0));
    }
}
