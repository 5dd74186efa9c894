//! Aerodynamics of tumbling fragments (PHYSICS.md §3).

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
