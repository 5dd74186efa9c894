//! The trajectory solver: from an initial state through burns, entry, break-up and demise to the
//! ground, for every node of a fragment tree.
//!
//! - [`problem`]: what to solve ([`Problem`]: initial state, burns, environment, vehicle,
//!   fragment tree), already validated and in SI units.
//! - [`outcome`]: what comes out ([`SampleOutcome`], one [`FragmentOutcome`] per node, optional
//!   trajectory history of the nominal sample).
//!
//! Two paths compute the same physics: the plain-`f64` reference path (one trajectory at a time,
//! the oracle) and the lanes path (LANES trajectories per SIMD batch, refilled from a work queue).
//!
//! How it fits together:
//! - [`model`]: the right-hand side (ECEF equations of motion with J2, Earth-rotation terms,
//!   drag, lift, thrust, the lumped heat balance) in [`model::reference`] and [`model::lanes`];
//! - [`dopri`]: the Dormand–Prince 5(4) pair with its dense output and step-size controller;
//! - [`flight`]: one node's flight bookkeeping shared by both paths (hard boundaries at burn
//!   start and end and the time limit, events located on the dense output, peaks, history rows);
//! - [`tree`]: the fragment tree of one sample (releases, contained children, outcomes);
//! - [`initial`]: the initial ECEF state (SGP4, TEME, entry state);
//! - [`reference`](mod@reference) and [`lanes`]: the two stepping engines.
//!
//! ```
//! use std::sync::Arc;
//! use reentry_atmosphere::{Atmosphere, Epoch};
//! use reentry_physics::aero::Shape;
//! use reentry_physics::thermal::Material;
//! use reentry_solver::*;
//!
//! // A solid aluminium sphere released at 78 km (solver case p1).
//! let problem = Problem {
//!     epoch: Epoch::parse_rfc3339("2026-03-16T17:10:00Z").unwrap(),
//!     initial: InitialState::Entry(EntryState {
//!         latitude_rad: (-35.0f64).to_radians(),
//!         longitude_rad: (-160.0f64).to_radians(),
//!         altitude_m: 78e3,
//!         speed_m_s: 7400.0,
//!         flight_path_angle_rad: (-1.0f64).to_radians(),
//!         heading_rad: 100.0f64.to_radians(),
//!     }),
//!     burns: vec![],
//!     environment: Environment {
//!         atmosphere: Arc::new(Atmosphere::Us76),
//!         density_scale: 1.0,
//!         gravity: Gravity::J2,
//!         heating: HeatingModel::DetraKempRiddell,
//!         rotating_earth: true,
//!         oxidation_efficiency: 0.0,
//!         horizontal_update: HorizontalUpdate::EveryStage,
//!     },
//!     vehicle: None,
//!     fragments: vec![FragmentSpec {
//!         id: "al-sphere".into(),
//!         parent: Parent::None,
//!         count: 1,
//!         shape: Shape::Sphere { diameter_m: 0.12 },
//!         material: Material {
//!             id: "aluminium-6061".into(),
//!             density_kg_m3: 2700.0,
//!             specific_heat_j_kg_k: 896.0,
//!             melt_temperature_k: 855.0,
//!             heat_of_fusion_j_kg: 386e3,
//!             emissivity: 0.30,
//!             ..Default::default()
//!         },
//!         hollow: false,
//!         mass_kg: 2.443,
//!         release_altitude_m: None,
//!         drag_coefficient: None,
//!         cd_scale: 1.0,
//!         reference_area_m2: None,
//!         nose_radius_m: None,
//!         heat_scale: 1.0,
//!         emissivity_scale: 1.0,
//!         initial_temperature_k: 300.0,
//!         separation_velocity_ecef_m_s: [0.0; 3],
//!     }],
//!     tolerances: Tolerances::default(),
//! };
//! let out = solve(&problem, &SolveOptions::default());
//! let sphere = &out.nodes[0];
//! assert_eq!(sphere.fate, Fate::Demised);
//! // The independent solution demises it at 60.19 km (reference/solver-cases).
//! assert!((sphere.demise_altitude_m.unwrap() / 1e3 - 60.19).abs() < 0.1);
//! ```

pub mod dopri;
pub mod flight;
pub mod initial;
pub mod lanes;
pub mod model;
pub mod outcome;
pub mod problem;
pub mod reference;
pub mod terminal;
pub mod tree;

pub use outcome::{Fate, FragmentOutcome, NodeId, SampleOutcome, TrajectoryPoint};
pub use problem::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, HorizontalUpdate,
    InitialState, Parent, Problem, StateFrame, Tolerances, Vehicle, subtree_mass_kg,
};

/// Which implementation integrates the trajectories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kernel {
    /// SIMD batches of LANES trajectories (production path).
    #[default]
    Lanes,
    /// Plain `f64`, one trajectory at a time (the oracle; slow).
    Reference,
}

/// Options of a solve.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SolveOptions {
    /// Implementation.
    pub kernel: Kernel,
    /// Record a time history with this output step (s); `None` records none.
    pub trajectory_step_s: Option<f64>,
}

/// Solves one sample: every node of the fragment tree from the initial state to its end.
pub fn solve(problem: &Problem, options: &SolveOptions) -> SampleOutcome {
    match options.kernel {
        Kernel::Reference => reference::solve(problem, options.trajectory_step_s),
        Kernel::Lanes => {
            lanes::solve_problems(std::slice::from_ref(problem), options.trajectory_step_s)
                .pop()
                .unwrap_or_default()
        }
    }
}

/// Solves many samples together (no time histories). With [`Kernel::Lanes`] all nodes of all
/// samples share one work queue, so lanes stay full; every result is identical to solving that
/// sample alone.
pub fn solve_batch(problems: &[Problem], kernel: Kernel) -> Vec<SampleOutcome> {
    match kernel {
        Kernel::Reference => problems.iter().map(|p| reference::solve(p, None)).collect(),
        Kernel::Lanes => lanes::solve_problems(problems, None),
    }
}
