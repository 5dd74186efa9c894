//! NRLMSISE-00 (placeholder until the model lands).
use crate::{AtmosphereLanes, AtmospherePoint, AtmospherePointLanes, AtmosphereSample};

/// NRLMSISE-00 configured with space weather and switches.
#[derive(Debug, Clone)]
pub struct Nrlmsise00;

impl Nrlmsise00 {
    /// One point.
    pub fn sample(&self, _point: &AtmospherePoint) -> AtmosphereSample {
        unimplemented!()
    }
    /// Lanes.
    pub fn sample_lanes(&self, _points: &AtmospherePointLanes) -> AtmosphereLanes {
        unimplemented!()
    }
}
