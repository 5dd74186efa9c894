//! The equirectangular map window of the footprint plot and the geometry that feeds it.
//!
//! A [`MapView`] is a longitude window `[west, east]` (degrees, unwrapped: `east` may exceed 180
//! so that a window across the antimeridian is one interval, e.g. 170°E..130°W is 170..230) and
//! a latitude window `[south, north]`. The projection is equirectangular with the standard
//! parallel at the window's middle latitude φ₀: x = (λ − λ_west) cos φ₀, y = φ, so shapes near
//! the middle of the map are not stretched east-west.

use std::sync::OnceLock;

use reentry_physics::earth::land::{self, Resolution, Ring};

/// Smallest margin around the data, degrees of latitude (about 220 km).
const MIN_MARGIN_DEG: f64 = 2.0;
/// Margin around the data as a fraction of its extent.
const MARGIN_FRACTION: f64 = 0.12;
/// cos φ₀ is not taken below this (windows reaching near a pole stay usable).
const MIN_COS_STANDARD_PARALLEL: f64 = 0.25;

/// An equirectangular map window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    west_deg: f64,
    east_deg: f64,
    south_deg: f64,
    north_deg: f64,
    standard_parallel_deg: f64,
}

impl MapView {
    /// A window from explicit bounds (`east_deg` > `west_deg`, unwrapped; `east_deg − west_deg`
    /// ≤ 360; latitudes within [-90, 90]); `None` if the bounds are not such a window.
    pub fn new(west_deg: f64, east_deg: f64, south_deg: f64, north_deg: f64) -> Option<MapView> {
        let valid = west_deg.is_finite()
            && east_deg.is_finite()
            && east_deg > west_deg
            && east_deg - west_deg <= 360.0 + 1e-9
            && south_deg >= -90.0
            && north_deg <= 90.0
            && north_deg > south_deg;
        valid.then_some(MapView {
            west_deg,
            east_deg,
            south_deg,
            north_deg,
            standard_parallel_deg: 0.5 * (south_deg + north_deg),
        })
    }

    /// The smallest window holding every `[lon, lat]` point (degrees) with a margin (12 % of the
    /// extent, at least 2°), widened to the aspect ratio `width_over_height` of the picture. The
    /// window is centred on the points across the largest gap in their longitudes, so a cloud
    /// around the antimeridian gives one window across it. No finite point: the whole world.
    pub fn fit(points_deg: &[[f64; 2]], width_over_height: f64) -> MapView {
        let points: Vec<[f64; 2]> = points_deg
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .map(|p| [wrap_longitude(p[0]), p[1].clamp(-90.0, 90.0)])
            .collect();
        let aspect = if width_over_height.is_finite() && width_over_height > 0.0 {
            width_over_height
        } else {
            1.6
        };
        if points.is_empty() {
            return MapView {
                west_deg: -180.0,
                east_deg: 180.0,
                south_deg: -90.0,
                north_deg: 90.0,
                standard_parallel_deg: 0.0,
            };
        }
        let (west, east) = longitude_extent(points.iter().map(|p| p[0]));
        let south = points.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
        let north = points
            .iter()
            .map(|p| p[1])
            .fold(f64::NEG_INFINITY, f64::max);
        let middle_lat = 0.5 * (south + north);
        let cos0 = middle_lat.to_radians().cos().max(MIN_COS_STANDARD_PARALLEL);
        let margin_lat = (MARGIN_FRACTION * (north - south))
            .max(MARGIN_FRACTION * (east - west) * cos0)
            .max(MIN_MARGIN_DEG);
        let margin_lon = margin_lat / cos0;
        let mut width = (east - west) + 2.0 * margin_lon;
        let mut height = (north - south) + 2.0 * margin_lat;
        if width * cos0 / height < aspect {
            width = height * aspect / cos0;
        } else {
            height = width * cos0 / aspect;
        }
        if width > 360.0 {
            width = 360.0;
        }
        height = height.min(180.0);
        let centre_lon = 0.5 * (west + east);
        let centre_lat = (middle_lat).clamp(-90.0 + 0.5 * height, 90.0 - 0.5 * height);
        let mut west_deg = centre_lon - 0.5 * width;
        // Keep window bounds in a familiar turn: west in [-180, 180).
        let shift = (wrap_longitude(west_deg) - west_deg).round();
        west_deg += shift;
        MapView {
            west_deg,
            east_deg: west_deg + width,
            south_deg: centre_lat - 0.5 * height,
            north_deg: centre_lat + 0.5 * height,
            standard_parallel_deg: middle_lat,
        }
    }

    /// West edge, degrees (unwrapped).
    pub fn west_deg(&self) -> f64 {
        self.west_deg
    }
    /// East edge, degrees (unwrapped: may exceed 180).
    pub fn east_deg(&self) -> f64 {
        self.east_deg
    }
    /// South edge, degrees.
    pub fn south_deg(&self) -> f64 {
        self.south_deg
    }
    /// North edge, degrees.
    pub fn north_deg(&self) -> f64 {
        self.north_deg
    }
    /// Standard parallel φ₀ of the projection, degrees.
    pub fn standard_parallel_deg(&self) -> f64 {
        self.standard_parallel_deg
    }

    /// Width over height of the window on paper: (east − west) cos φ₀ / (north − south).
    pub fn aspect_ratio(&self) -> f64 {
        (self.east_deg - self.west_deg) * self.cos_standard_parallel()
            / (self.north_deg - self.south_deg)
    }

    fn cos_standard_parallel(&self) -> f64 {
        self.standard_parallel_deg
            .to_radians()
            .cos()
            .max(MIN_COS_STANDARD_PARALLEL)
    }

    /// `longitude_deg` moved by whole turns into `[west, west + 360)`.
    pub fn unwrap_longitude(&self, longitude_deg: f64) -> f64 {
        self.west_deg + (longitude_deg - self.west_deg).rem_euclid(360.0)
    }

    /// Position of a point in the window as fractions `[across from the west edge, down from the
    /// north edge]`, both in [0, 1] inside the window; `None` outside it.
    pub fn to_unit(&self, longitude_deg: f64, latitude_deg: f64) -> Option<[f64; 2]> {
        let x = self.unwrap_longitude(longitude_deg);
        let u = (x - self.west_deg) / (self.east_deg - self.west_deg);
        let v = (self.north_deg - latitude_deg) / (self.north_deg - self.south_deg);
        ((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v)).then_some([u, v])
    }

    /// The land resolution that suits the window: 1:50m when it spans less than 100° of
    /// longitude, 1:110m for wider windows.
    pub fn land_resolution(&self) -> Resolution {
        if self.east_deg - self.west_deg < 100.0 {
            Resolution::Medium50m
        } else {
            Resolution::Coarse110m
        }
    }

    /// Land polygons clipped to the window, each with its nesting depth (even: land, odd: a
    /// lake inside land), in drawing order (shallower first).
    pub(crate) fn land_polygons(&self) -> Vec<(usize, Vec<(f64, f64)>)> {
        let resolution = self.land_resolution();
        let rings = land::rings(resolution);
        let depths = ring_depths(resolution);
        let mut out = Vec::new();
        for (ring, &depth) in rings.iter().zip(depths) {
            for shift in [-360.0, 0.0, 360.0] {
                if ring.max_deg()[0] + shift < self.west_deg
                    || ring.min_deg()[0] + shift > self.east_deg
                    || ring.max_deg()[1] < self.south_deg
                    || ring.min_deg()[1] > self.north_deg
                {
                    continue;
                }
                let shifted: Vec<(f64, f64)> = ring
                    .vertices_deg()
                    .iter()
                    .map(|v| (v[0] + shift, v[1]))
                    .collect();
                let clipped = clip_polygon(&shifted, self.rect());
                if clipped.len() >= 3 {
                    out.push((depth, clipped));
                }
            }
        }
        out.sort_by_key(|(depth, _)| *depth);
        out
    }

    /// Coastline polylines inside the window: the ring edges without the artificial ones (cuts
    /// along the antimeridian and the closure through the South Pole).
    pub(crate) fn coastlines(&self) -> Vec<Vec<(f64, f64)>> {
        let mut lines = Vec::new();
        for ring in land::rings(self.land_resolution()) {
            for shift in [-360.0, 0.0, 360.0] {
                if ring.max_deg()[0] + shift < self.west_deg
                    || ring.min_deg()[0] + shift > self.east_deg
                    || ring.max_deg()[1] < self.south_deg
                    || ring.min_deg()[1] > self.north_deg
                {
                    continue;
                }
                let v = ring.vertices_deg();
                let mut current: Vec<(f64, f64)> = Vec::new();
                for i in 0..v.len() {
                    let a = v[i];
                    let b = v[(i + 1) % v.len()];
                    let artificial = (a[0].abs() == 180.0 && a[0] == b[0])
                        || (a[1].abs() == 90.0 || b[1].abs() == 90.0);
                    let segment = if artificial {
                        None
                    } else {
                        clip_segment((a[0] + shift, a[1]), (b[0] + shift, b[1]), self.rect())
                    };
                    extend_polyline(&mut lines, &mut current, segment);
                }
                end_polyline(&mut lines, &mut current);
            }
        }
        lines
    }

    /// A path of `[lon, lat]` points (e.g. a ground track) as polylines in window coordinates:
    /// longitudes unwrapped along the path, copies a turn apart tried, and clipped to the window.
    pub(crate) fn clip_path(&self, path_deg: &[[f64; 2]]) -> Vec<Vec<(f64, f64)>> {
        let mut unwrapped: Vec<(f64, f64)> = Vec::with_capacity(path_deg.len());
        for p in path_deg {
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let lon = match unwrapped.last() {
                Some(&(previous, _)) => previous + wrap_longitude(p[0] - previous),
                None => self.unwrap_longitude(p[0]),
            };
            unwrapped.push((lon, p[1]));
        }
        let mut lines = Vec::new();
        for shift in [-720.0, -360.0, 0.0, 360.0, 720.0] {
            let mut current: Vec<(f64, f64)> = Vec::new();
            for pair in unwrapped.windows(2) {
                let a = (pair[0].0 + shift, pair[0].1);
                let b = (pair[1].0 + shift, pair[1].1);
                extend_polyline(&mut lines, &mut current, clip_segment(a, b, self.rect()));
            }
            end_polyline(&mut lines, &mut current);
        }
        lines
    }

    /// A polygon of `[lon, lat]` vertices (e.g. the target zone) in window coordinates:
    /// longitudes unwrapped along the outline, placed in the turn that overlaps the window most,
    /// then clipped to the window.
    pub(crate) fn clip_polygon_deg(&self, polygon_deg: &[[f64; 2]]) -> Vec<(f64, f64)> {
        let mut unwrapped: Vec<(f64, f64)> = Vec::with_capacity(polygon_deg.len());
        for p in polygon_deg {
            let lon = match unwrapped.last() {
                Some(&(previous, _)) => previous + wrap_longitude(p[0] - previous),
                None => self.unwrap_longitude(p[0]),
            };
            unwrapped.push((lon, p[1]));
        }
        let mut best: Vec<(f64, f64)> = Vec::new();
        let mut best_area = 0.0;
        for shift in [-360.0, 0.0, 360.0] {
            let shifted: Vec<(f64, f64)> = unwrapped.iter().map(|&(x, y)| (x + shift, y)).collect();
            let clipped = clip_polygon(&shifted, self.rect());
            let area = polygon_area(&clipped).abs();
            if area > best_area {
                best_area = area;
                best = clipped;
            }
        }
        best
    }

    /// A point in window coordinates, `None` outside the window.
    pub(crate) fn place(&self, longitude_deg: f64, latitude_deg: f64) -> Option<(f64, f64)> {
        self.to_unit(longitude_deg, latitude_deg)
            .map(|_| (self.unwrap_longitude(longitude_deg), latitude_deg))
    }

    fn rect(&self) -> Rect {
        Rect {
            x0: self.west_deg,
            x1: self.east_deg,
            y0: self.south_deg,
            y1: self.north_deg,
        }
    }
}

/// Longitude moved by whole turns into [-180, 180).
pub fn wrap_longitude(longitude_deg: f64) -> f64 {
    (longitude_deg + 180.0).rem_euclid(360.0) - 180.0
}

/// Label of a longitude: "150°E", "180°", "170°W", "0°".
pub fn longitude_label(longitude_deg: f64, step_deg: f64) -> String {
    let lon = wrap_longitude(longitude_deg + 1e-9) - 1e-9;
    let text = crate::style::format_tick(lon.abs(), step_deg);
    if lon.abs() < 1e-6 || (lon.abs() - 180.0).abs() < 1e-6 {
        format!("{}°", crate::style::format_tick(lon.abs(), step_deg))
    } else if lon > 0.0 {
        format!("{text}°E")
    } else {
        format!("{text}°W")
    }
}

/// Label of a latitude: "45°S", "0°", "10°N".
pub fn latitude_label(latitude_deg: f64, step_deg: f64) -> String {
    let text = crate::style::format_tick(latitude_deg.abs(), step_deg);
    if latitude_deg.abs() < 1e-6 {
        "0°".to_string()
    } else if latitude_deg > 0.0 {
        format!("{text}°N")
    } else {
        format!("{text}°S")
    }
}

/// Graticule step for a span of degrees: 1, 2, 5, 10, 15, 20, 30 or 45°, about 4 to 8 lines.
pub(crate) fn graticule_step(span_deg: f64) -> f64 {
    const STEPS: [f64; 10] = [0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0];
    STEPS
        .iter()
        .copied()
        .find(|s| span_deg / s <= 8.0)
        .unwrap_or(60.0)
}

/// The extent `[west, east]` (east ≥ west, unwrapped) of longitudes in [-180, 180): the
/// complement of the largest gap between neighbours on the circle.
fn longitude_extent(longitudes: impl Iterator<Item = f64>) -> (f64, f64) {
    let mut lons: Vec<f64> = longitudes.collect();
    lons.sort_by(f64::total_cmp);
    lons.dedup();
    if lons.len() <= 1 {
        let lon = lons.first().copied().unwrap_or(0.0);
        return (lon, lon);
    }
    let n = lons.len();
    // Gap after lons[i] (to lons[i + 1], or around the circle to lons[0] + 360).
    let mut largest = (lons[0] + 360.0 - lons[n - 1], n - 1);
    for i in 0..n - 1 {
        let gap = lons[i + 1] - lons[i];
        if gap > largest.0 {
            largest = (gap, i);
        }
    }
    let (_, i) = largest;
    if i == n - 1 {
        (lons[0], lons[n - 1])
    } else {
        (lons[i + 1], lons[i] + 360.0)
    }
}

/// Nesting depth of each ring of `resolution` (how many other rings hold its first vertex):
/// even for land, odd for lakes in land.
fn ring_depths(resolution: Resolution) -> &'static [usize] {
    static MEDIUM: OnceLock<Vec<usize>> = OnceLock::new();
    static COARSE: OnceLock<Vec<usize>> = OnceLock::new();
    let compute = || {
        let rings: &[Ring] = land::rings(resolution);
        rings
            .iter()
            .enumerate()
            .map(|(i, ring)| {
                let v = ring.vertices_deg()[0];
                rings
                    .iter()
                    .enumerate()
                    .filter(|&(j, other)| j != i && other.contains(v[0], v[1]))
                    .count()
            })
            .collect()
    };
    match resolution {
        Resolution::Medium50m => MEDIUM.get_or_init(compute),
        Resolution::Coarse110m => COARSE.get_or_init(compute),
    }
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

/// Sutherland–Hodgman clipping of a closed polygon to a rectangle.
fn clip_polygon(polygon: &[(f64, f64)], rect: Rect) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = polygon.to_vec();
    type Inside = fn(&(f64, f64), &Rect) -> bool;
    let edges: [(Inside, u8); 4] = [
        (|p, r| p.0 >= r.x0, 0),
        (|p, r| p.0 <= r.x1, 1),
        (|p, r| p.1 >= r.y0, 2),
        (|p, r| p.1 <= r.y1, 3),
    ];
    for (inside, edge) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut previous = input[input.len() - 1];
        for &current in &input {
            let current_in = inside(&current, &rect);
            let previous_in = inside(&previous, &rect);
            if current_in {
                if !previous_in {
                    out.push(intersect(previous, current, edge, rect));
                }
                out.push(current);
            } else if previous_in {
                out.push(intersect(previous, current, edge, rect));
            }
            previous = current;
        }
    }
    out
}

fn intersect(a: (f64, f64), b: (f64, f64), edge: u8, rect: Rect) -> (f64, f64) {
    match edge {
        0 | 1 => {
            let x = if edge == 0 { rect.x0 } else { rect.x1 };
            let t = (x - a.0) / (b.0 - a.0);
            (x, a.1 + t * (b.1 - a.1))
        }
        _ => {
            let y = if edge == 2 { rect.y0 } else { rect.y1 };
            let t = (y - a.1) / (b.1 - a.1);
            (a.0 + t * (b.0 - a.0), y)
        }
    }
}

/// Liang–Barsky clipping of the segment a→b to a rectangle.
fn clip_segment(a: (f64, f64), b: (f64, f64), rect: Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - rect.x0),
        (dx, rect.x1 - a.0),
        (-dy, a.1 - rect.y0),
        (dy, rect.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

fn polygon_area(polygon: &[(f64, f64)]) -> f64 {
    let n = polygon.len();
    (0..n)
        .map(|i| {
            let (x0, y0) = polygon[(i + n - 1) % n];
            let (x1, y1) = polygon[i];
            x0 * y1 - x1 * y0
        })
        .sum::<f64>()
        * 0.5
}

/// Appends a clipped segment to the polyline being built, starting a new polyline where the
/// segment does not continue it; `None` (a segment outside the window) ends the current one.
fn extend_polyline(
    lines: &mut Vec<Vec<(f64, f64)>>,
    current: &mut Vec<(f64, f64)>,
    segment: Option<((f64, f64), (f64, f64))>,
) {
    match segment {
        Some((p, q)) => {
            if current.last() != Some(&p) {
                end_polyline(lines, current);
                current.push(p);
            }
            current.push(q);
        }
        None => end_polyline(lines, current),
    }
}

/// Keeps the polyline being built if it has a segment, and starts an empty one.
fn end_polyline(lines: &mut Vec<Vec<(f64, f64)>>, current: &mut Vec<(f64, f64)>) {
    if current.len() >= 2 {
        lines.push(std::mem::take(current));
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_across_the_antimeridian() {
        // A South Pacific cloud from 170°E to 150°W and a zone to 105°W.
        let points = [
            [170.0, -40.0],
            [-175.0, -44.0],
            [-150.0, -47.0],
            [-105.0, -56.0],
        ];
        let view = MapView::fit(&points, 1.5);
        assert!(
            view.west_deg() < 170.0 && view.west_deg() > 150.0,
            "{view:?}"
        );
        assert!(
            view.east_deg() > 255.0 && view.east_deg() < 280.0,
            "{view:?}"
        );
        assert!((view.aspect_ratio() - 1.5).abs() < 1e-9);
        for p in points {
            assert!(view.to_unit(p[0], p[1]).is_some(), "{p:?} in {view:?}");
        }
        // 170°E is west of 180°, which is west of 150°W.
        let a = view.to_unit(170.0, -45.0).unwrap()[0];
        let b = view.to_unit(180.0, -45.0).unwrap()[0];
        let c = view.to_unit(-150.0, -45.0).unwrap()[0];
        assert!(a < b && b < c);
    }

    #[test]
    fn fit_degenerate_and_global_clouds() {
        // One point: the 2° minimum margin each way, widened to the aspect.
        let view = MapView::fit(&[[10.0, 45.0]], 1.5);
        assert!(view.north_deg() - 45.0 >= 2.0 - 1e-9 && 45.0 - view.south_deg() >= 2.0 - 1e-9);
        assert!((view.aspect_ratio() - 1.5).abs() < 1e-9);
        // Impacts all round the world (an uncontrolled decay): a whole turn, inside ±90°.
        let ring: Vec<[f64; 2]> = (0..36)
            .map(|k| {
                [
                    -180.0 + 10.0 * f64::from(k),
                    51.0 * (f64::from(k) * 0.7).sin(),
                ]
            })
            .collect();
        let view = MapView::fit(&ring, 1.6);
        assert!(
            (view.east_deg() - view.west_deg() - 360.0).abs() < 1e-9,
            "{view:?}"
        );
        assert!(
            view.south_deg() >= -90.0 && view.north_deg() <= 90.0,
            "{view:?}"
        );
        for p in &ring {
            assert!(view.to_unit(p[0], p[1]).is_some(), "{p:?} in {view:?}");
        }
        // Nothing finite: the world.
        let view = MapView::fit(&[[f64::NAN, 0.0]], 1.6);
        assert_eq!((view.west_deg(), view.east_deg()), (-180.0, 180.0));
    }

    #[test]
    fn unit_positions_are_linear_in_degrees() {
        let view = MapView::new(160.0, 260.0, -70.0, -20.0).unwrap();
        assert_eq!(view.to_unit(160.0, -20.0), Some([0.0, 0.0]));
        assert_eq!(view.to_unit(-100.0, -70.0), Some([1.0, 1.0]));
        let nemo = view.to_unit(-123.39, -48.88).unwrap();
        assert!((nemo[0] - (236.61 - 160.0) / 100.0).abs() < 1e-12);
        assert!((nemo[1] - (48.88 - 20.0) / 50.0).abs() < 1e-12);
        assert_eq!(view.to_unit(0.0, -45.0), None);
    }

    #[test]
    fn extent_of_longitudes() {
        assert_eq!(
            longitude_extent([10.0, 20.0, 15.0].into_iter()),
            (10.0, 20.0)
        );
        assert_eq!(
            longitude_extent([170.0, -170.0].into_iter()),
            (170.0, 190.0)
        );
        assert_eq!(longitude_extent([5.0].into_iter()), (5.0, 5.0));
    }

    #[test]
    fn labels() {
        assert_eq!(longitude_label(190.0, 10.0), "170°W");
        assert_eq!(longitude_label(180.0, 10.0), "180°");
        assert_eq!(longitude_label(-180.0, 10.0), "180°");
        assert_eq!(longitude_label(150.0, 10.0), "150°E");
        assert_eq!(latitude_label(-45.0, 5.0), "45°S");
        assert_eq!(latitude_label(2.5, 0.5), "2.5°N");
    }

    #[test]
    fn clipping() {
        let rect = Rect {
            x0: 0.0,
            x1: 10.0,
            y0: 0.0,
            y1: 10.0,
        };
        let square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        assert!((polygon_area(&clip_polygon(&square, rect)) - 25.0).abs() < 1e-12);
        assert_eq!(
            clip_segment((-5.0, 5.0), (15.0, 5.0), rect),
            Some(((0.0, 5.0), (10.0, 5.0)))
        );
        assert_eq!(clip_segment((-5.0, -5.0), (-1.0, 20.0), rect), None);
    }

    #[test]
    fn track_across_the_antimeridian_is_one_line() {
        let view = MapView::new(160.0, 220.0, -60.0, -30.0).unwrap();
        let track = [
            [170.0, -40.0],
            [179.0, -42.0],
            [-179.0, -43.0],
            [-170.0, -45.0],
        ];
        let lines = view.clip_path(&track);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].len(), 4);
        assert!((lines[0][3].0 - 190.0).abs() < 1e-12);
    }
}
