//! Re-entry physics shared by the reference and lanes paths of the solver.
//!
//! - [`earth`]: WGS-84 constants, exact ECEF ↔ geodetic conversion, J2 gravity, GMST and
//!   TEME → ECEF, land polygons.
//! - [`aero`]: tumbling primitive [`aero::Shape`]s, reference area, Knudsen and Mach numbers,
//!   bridged drag coefficient.
//! - [`heating`]: stagnation-point heat flux (Detra–Kemp–Riddell, Sutton–Graves, free-molecular,
//!   Stanton bridge) and the surface average of a tumbling body.
//! - [`thermal`]: [`thermal::Material`], the lumped heat balance with melting, demise rule.
//! - [`vector`]: dot and cross products, norms of `[f64; 3]`.
//!
//! Each model folder holds `reference.rs` (plain `f64`, the readable specification) and
//! `lanes.rs` (the same functions over `F64s`). Everything is SI; see PHYSICS.md for sources.
//!
//! One step of a fragment's physics, the way the solver chains it:
//!
//! ```
//! use reentry_physics::aero::{reference as aero, Shape};
//! use reentry_physics::earth::reference::{ecef_from_geodetic, geodetic_from_ecef};
//! use reentry_physics::heating::{reference as heating, ContinuumCorrelation};
//! use reentry_physics::thermal::{reference as thermal, Material};
//!
//! // A 0.5 m titanium sphere at 80 km, 7300 m/s, 1200 K (US76 at 80 km: ρ, T, λ).
//! let position_m = ecef_from_geodetic(0.9, 0.3, 80e3);
//! let altitude_m = geodetic_from_ecef(position_m).altitude_m;
//! assert!((altitude_m - 80e3).abs() < 1e-6);
//! let (density_kg_m3, air_temperature_k, mean_free_path_m) = (1.846e-5, 198.64, 4.40e-3);
//! let geometry = Shape::Sphere { diameter_m: 0.5 }.geometry();
//! let kn = aero::knudsen(mean_free_path_m, geometry.reference_length_m());
//! let cd = aero::drag_coefficient(aero::mach(7300.0, air_temperature_k), kn);
//! assert!(cd > 0.92 && cd < 2.0);
//! let q_s = heating::stagnation_heat_flux_w_m2(
//!     ContinuumCorrelation::DetraKempRiddell,
//!     density_kg_m3,
//!     7300.0,
//!     geometry.equivalent_radius_m,
//! );
//! let heat_in_w = heating::surface_average_factor(kn) * q_s * geometry.surface_area_m2;
//! let titanium = Material {
//!     id: "titanium-6al4v".into(),
//!     density_kg_m3: 4430.0,
//!     specific_heat_j_kg_k: 670.0,
//!     melt_temperature_k: 1905.0,
//!     heat_of_fusion_j_kg: 338e3,
//!     emissivity: 0.77,
//!     ..Default::default() // no oxidation heating
//! };
//! let net_w = thermal::net_heat_w(heat_in_w, titanium.emissivity, 1200.0, geometry.surface_area_m2);
//! let mass_kg = titanium.density_kg_m3 * geometry.volume_m3;
//! let rates = thermal::heat_balance(net_w, mass_kg, 1200.0, &titanium);
//! assert!(rates.temperature_rate_k_s > 0.0 && rates.mass_rate_kg_s == 0.0);
//! ```

pub mod aero;
pub mod earth;
pub mod heating;
pub mod thermal;
pub mod vector;
