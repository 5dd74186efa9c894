//! Re-entry physics shared by the reference and lanes paths of the solver.
//!
//! - [`earth`]: WGS-84 constants, exact ECEF ↔ geodetic conversion, J2 gravity, GMST and
//!   TEME → ECEF, land polygons.
//! - [`aero`]: tumbling primitive [`aero::Shape`]s, reference area, Knudsen and Mach numbers,
//!   bridged drag coefficient.
//! - [`heating`]: stagnation-point heat flux (Detra–Kemp–Riddell, Sutton–Graves, free-molecular,
//!   Stanton bridge) and the surface average of a tumbling body.
//! - [`thermal`]: [`thermal::Material`], the lumped heat balance with melting, demise rule.
//!
//! Each model folder holds `reference.rs` (plain `f64`, the readable specification) and
//! `lanes.rs` (the same functions over `F64s`). Everything is SI; see PHYSICS.md for sources.

pub mod aero;
pub mod earth;
pub mod heating;
pub mod thermal;
