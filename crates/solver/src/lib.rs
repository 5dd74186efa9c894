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

pub mod dopri;
pub mod flight;
pub mod initial;
pub mod lanes;
pub mod model;
pub mod outcome;
pub mod problem;
pub mod reference;
pub mod tree;

pub use outcome::{Fate, FragmentOutcome, NodeId, SampleOutcome, TrajectoryPoint};
pub use problem::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, InitialState, Parent,
    Problem, StateFrame, Tolerances, Vehicle,
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
        Kernel::Lanes => lanes::solve_problems(std::slice::from_ref(problem), options.trajectory_step_s)
            .pop()
            .unwrap_or_default(),
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
