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

pub mod outcome;
pub mod problem;

pub use outcome::{Fate, FragmentOutcome, NodeId, SampleOutcome, TrajectoryPoint};
pub use problem::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, InitialState, Parent,
    Problem, StateFrame, Tolerances, Vehicle,
};
