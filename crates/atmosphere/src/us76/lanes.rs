//! US76 over lanes (placeholder until the full model lands).
use crate::{AtmosphereLanes, F64s};

/// US76 at geometric altitudes `altitude_m`.
pub fn sample(_altitude_m: F64s) -> AtmosphereLanes {
    unimplemented!("US76 lanes")
}
