//! Heating (PHYSICS.md §4).
