//! U.S. Standard Atmosphere 1976, 0–1000 km (NOAA-S/T 76-1562).

pub mod lanes;
pub mod reference;
