//! The lanes path (being built): falls back to the reference path.

use crate::{Problem, SampleOutcome};

/// Solves problems with the lanes engine.
pub fn solve_problems(problems: &[Problem], output_step_s: Option<f64>) -> Vec<SampleOutcome> {
    problems.iter().map(|p| crate::reference::solve(p, output_step_s)).collect()
}
