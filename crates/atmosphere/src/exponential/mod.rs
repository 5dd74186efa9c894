//! Exponential atmosphere (placeholder until the model lands).
use crate::{AtmosphereLanes, AtmosphereSample, F64s};

/// Exponential density model.
#[derive(Debug, Clone)]
pub struct Exponential;

impl Exponential {
    /// One point.
    pub fn sample(&self, _altitude_m: f64) -> AtmosphereSample {
        unimplemented!()
    }
    /// Lanes.
    pub fn sample_lanes(&self, _altitude_m: F64s) -> AtmosphereLanes {
        unimplemented!()
    }
}
