//! Footprint geometry (PHYSICS.md §8): the target-zone polygon and its point-in-polygon test; the
//! along- and cross-track measure of impacts comes from `reentry_physics::earth::track`.

pub use reentry_physics::earth::track::{
    EARTH_MEAN_RADIUS_M, GroundTrack, TrackOffset, track_offset,
};

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

    /// The first flaw of the ring of unwrapped vertices (the last point joins the first): all
    /// points on one line, or two edges that meet other than at the point they share. Repeated
    /// consecutive points (a ring closed by repeating its first point) are zero-length edges and
    /// are skipped. Edges are swept in order of their smallest longitude, so only edges that
    /// overlap in longitude are compared.
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
