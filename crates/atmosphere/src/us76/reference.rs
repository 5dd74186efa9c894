//! Plain-`f64` US76 (placeholder until the full model lands).
use crate::AtmosphereSample;

/// US76 at geometric altitude `altitude_m`.
pub fn sample(_altitude_m: f64) -> AtmosphereSample {
    unimplemented!("US76 reference")
}
