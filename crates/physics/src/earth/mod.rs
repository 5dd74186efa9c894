//! Earth model (PHYSICS.md §1): WGS-84, geodetic coordinates, gravity, time and frames, land.

pub mod land;
