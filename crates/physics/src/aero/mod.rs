//! Aerodynamics of tumbling fragments (PHYSICS.md §3).
//!
//! A [`Shape`] gives its [`ShapeGeometry`]: surface S, reference area A_ref = S/4 (Cauchy's
//! mean projected area of a tumbling convex body), equivalent radius R_eq = √(S/4π) and volume.
//! [`reference`](mod@reference) and [`lanes`] hold the Knudsen number λ/(2 R_eq), the Mach number, the
//! continuum–free-molecular bridge weight w(Kn) and the drag coefficient
//! C_D = C_D,c(M) + (2.0 − C_D,c(M)) w(Kn) on A_ref, with C_D,c(M) the piecewise-linear
//! [`CONTINUUM_DRAG_TABLE`]. Two analytic checks (free-molecular and modified-Newtonian sphere)
//! sit beside them in [`reference`](mod@reference).

/// A primitive shape with its dimensions (m).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Sphere of diameter d.
    Sphere {
        /// Diameter, m.
        diameter_m: f64,
    },
    /// Cylinder of diameter d and length l.
    Cylinder {
        /// Diameter, m.
        diameter_m: f64,
        /// Length, m.
        length_m: f64,
    },
    /// Rectangular box l × w × h.
    Box {
        /// Length, m.
        length_m: f64,
        /// Width, m.
        width_m: f64,
        /// Height, m.
        height_m: f64,
    },
    /// Flat plate l × w × t.
    Plate {
        /// Length, m.
        length_m: f64,
        /// Width, m.
        width_m: f64,
        /// Thickness, m.
        thickness_m: f64,
    },
}

impl Shape {
    /// The name used in scenario files and `fragments.csv`.
    pub fn name(&self) -> &'static str {
        match self {
            Shape::Sphere { .. } => "sphere",
            Shape::Cylinder { .. } => "cylinder",
            Shape::Box { .. } => "box",
            Shape::Plate { .. } => "plate",
        }
    }
}

pub mod lanes;
pub mod reference;

/// Free-molecular drag coefficient on A_ref = S/4 (PHYSICS.md §3: the common engineering value;
/// diffuse reflection gives 2.06–2.14 for a sphere at speed ratios 10–25).
pub const FREE_MOLECULAR_DRAG_COEFFICIENT: f64 = 2.0;

/// Knudsen number at and below which the flow is continuum (bridge weight 0), PHYSICS.md §3.
pub const CONTINUUM_KNUDSEN: f64 = 1e-3;

/// Knudsen number at and above which the flow is free-molecular (bridge weight 1), PHYSICS.md §3.
pub const FREE_MOLECULAR_KNUDSEN: f64 = 10.0;

/// Ratio of specific heats of air used for the speed of sound (PHYSICS.md §3).
pub const HEAT_CAPACITY_RATIO: f64 = 1.4;

/// US76 universal gas constant R*, J/(kmol K) (NOAA-S/T 76-1562; PHYSICS.md §3).
pub const GAS_CONSTANT_J_KMOL_K: f64 = 8314.32;

/// US76 sea-level mean molecular weight M0, kg/kmol (NOAA-S/T 76-1562).
pub const SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL: f64 = 28.9644;

/// Nodes (Mach, C_D) of the continuum drag curve C_D,c(M) on A_ref (PHYSICS.md §3: sphere drag
/// curve; the tumbling Newtonian limit of any convex body on S/4 is the sphere's 0.92).
/// Piecewise linear between nodes, constant outside.
pub const CONTINUUM_DRAG_TABLE: [(f64, f64); 9] = [
    (0.0, 0.47),
    (0.6, 0.50),
    (0.8, 0.60),
    (1.0, 0.85),
    (1.2, 1.00),
    (1.5, 1.02),
    (2.0, 0.98),
    (3.0, 0.94),
    (5.0, 0.92),
];

/// Geometry of a shape (PHYSICS.md §3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeGeometry {
    /// Total wetted surface S, m².
    pub surface_area_m2: f64,
    /// Reference area A_ref = S/4 (mean projected area of a randomly tumbling convex body,
    /// Cauchy's theorem), m².
    pub reference_area_m2: f64,
    /// Equivalent radius R_eq = √(S/4π) (the radius for a sphere), m. The reference length of
    /// the Knudsen number is 2 R_eq; the default stagnation nose radius is R_eq.
    pub equivalent_radius_m: f64,
    /// Enclosed volume, m³.
    pub volume_m3: f64,
}

impl ShapeGeometry {
    /// Reference length L_ref = 2 R_eq, m (PHYSICS.md §3).
    pub fn reference_length_m(&self) -> f64 {
        2.0 * self.equivalent_radius_m
    }

    /// The geometry of the same shape with every length multiplied by `size_scale` (a solid
    /// fragment ablating at constant shape, PHYSICS.md §5: S, A_ref ∝ s², R_eq ∝ s, V ∝ s³).
    pub fn scaled(&self, size_scale: f64) -> ShapeGeometry {
        let s2 = size_scale * size_scale;
        ShapeGeometry {
            surface_area_m2: self.surface_area_m2 * s2,
            reference_area_m2: self.reference_area_m2 * s2,
            equivalent_radius_m: self.equivalent_radius_m * size_scale,
            volume_m3: self.volume_m3 * s2 * size_scale,
        }
    }
}

impl Shape {
    /// Surface, reference area, equivalent radius and volume (PHYSICS.md §3 table):
    /// sphere S = π d², V = π d³/6; cylinder S = π d²/2 + π d l, V = π d² l/4;
    /// box S = 2(lw + lh + wh), V = l w h; plate S = 2(lw + lt + wt), V = l w t;
    /// A_ref = S/4, R_eq = √(S/4π). Dimensions in m.
    pub fn geometry(&self) -> ShapeGeometry {
        use std::f64::consts::PI;
        let (surface_area_m2, volume_m3) = match *self {
            Shape::Sphere { diameter_m: d } => (PI * d * d, PI * d * d * d / 6.0),
            Shape::Cylinder {
                diameter_m: d,
                length_m: l,
            } => (PI * d * d / 2.0 + PI * d * l, PI * d * d * l / 4.0),
            Shape::Box {
                length_m: l,
                width_m: w,
                height_m: h,
            } => (2.0 * (l * w + l * h + w * h), l * w * h),
            Shape::Plate {
                length_m: l,
                width_m: w,
                thickness_m: t,
            } => (2.0 * (l * w + l * t + w * t), l * w * t),
        };
        ShapeGeometry {
            surface_area_m2,
            reference_area_m2: surface_area_m2 / 4.0,
            equivalent_radius_m: (surface_area_m2 / (4.0 * PI)).sqrt(),
            volume_m3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// PHYSICS.md §3 table, worked by hand for simple dimensions.
    #[test]
    fn geometry_table() {
        let sphere = Shape::Sphere { diameter_m: 2.0 }.geometry();
        assert_eq!(sphere.surface_area_m2, 4.0 * PI);
        assert_eq!(sphere.reference_area_m2, PI); // the cross-section π r²
        assert!((sphere.equivalent_radius_m - 1.0).abs() < 1e-15);
        assert!((sphere.volume_m3 - 4.0 * PI / 3.0).abs() < 1e-15);
        assert!((sphere.reference_length_m() - 2.0).abs() < 1e-15);

        let cylinder = Shape::Cylinder {
            diameter_m: 2.0,
            length_m: 3.0,
        }
        .geometry();
        assert!((cylinder.surface_area_m2 - (2.0 * PI + 6.0 * PI)).abs() < 1e-14);
        assert!((cylinder.volume_m3 - 3.0 * PI).abs() < 1e-14);
        assert!((cylinder.reference_area_m2 - 2.0 * PI).abs() < 1e-14);
        assert!((cylinder.equivalent_radius_m - 2.0f64.sqrt()).abs() < 1e-15);

        let cube = Shape::Box {
            length_m: 1.0,
            width_m: 2.0,
            height_m: 3.0,
        }
        .geometry();
        assert_eq!(cube.surface_area_m2, 22.0);
        assert_eq!(cube.volume_m3, 6.0);
        assert_eq!(cube.reference_area_m2, 5.5);

        let plate = Shape::Plate {
            length_m: 2.0,
            width_m: 1.0,
            thickness_m: 0.01,
        }
        .geometry();
        assert!((plate.surface_area_m2 - 4.06).abs() < 1e-14);
        assert!((plate.volume_m3 - 0.02).abs() < 1e-15);
    }

    #[test]
    fn scaled_geometry_follows_the_cube_law() {
        let g = Shape::Cylinder {
            diameter_m: 0.4,
            length_m: 1.2,
        }
        .geometry();
        let s = g.scaled(0.5);
        assert!((s.surface_area_m2 / g.surface_area_m2 - 0.25).abs() < 1e-15);
        assert!((s.reference_area_m2 / g.reference_area_m2 - 0.25).abs() < 1e-15);
        assert!((s.equivalent_radius_m / g.equivalent_radius_m - 0.5).abs() < 1e-15);
        assert!((s.volume_m3 / g.volume_m3 - 0.125).abs() < 1e-15);
    }

    /// The bridge is continuous at both regime limits and monotonic between them; the drag
    /// table is continuous at every node.
    #[test]
    fn bridge_and_table_are_continuous() {
        use reference::{bridge_weight, continuum_drag_coefficient};
        assert_eq!(bridge_weight(CONTINUUM_KNUDSEN), 0.0);
        assert!(bridge_weight(CONTINUUM_KNUDSEN.next_up()) < 1e-30);
        assert_eq!(bridge_weight(FREE_MOLECULAR_KNUDSEN), 1.0);
        assert!(1.0 - bridge_weight(FREE_MOLECULAR_KNUDSEN.next_down()) < 1e-15);
        assert!((bridge_weight(0.1) - 0.5).abs() < 1e-15); // sin²(π/4) at log10 Kn = −1
        let mut previous = 0.0;
        for i in 0..=400 {
            let w = bridge_weight(10f64.powf(-3.5 + i as f64 * 0.01));
            assert!(w >= previous);
            previous = w;
        }
        for (mach, cd) in CONTINUUM_DRAG_TABLE {
            assert_eq!(continuum_drag_coefficient(mach), cd);
            assert!((continuum_drag_coefficient(mach.next_down()) - cd).abs() < 1e-14);
            assert!((continuum_drag_coefficient(mach.next_up()) - cd).abs() < 1e-14);
        }
        assert!((continuum_drag_coefficient(0.7) - 0.55).abs() < 1e-15); // mid-segment
        assert_eq!(continuum_drag_coefficient(100.0), 0.92);
        assert_eq!(continuum_drag_coefficient(-1.0), 0.47);
    }
}
