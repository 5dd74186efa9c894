//! Scenario files and run directories.
//!
//! Input side: a TOML scenario (DESIGN.md §6) is parsed into a serde mirror with
//! `deny_unknown_fields`, then converted once into a validated [`Scenario`]: SI units, ranges
//! checked, the fragment tree ordered, materials resolved from the built-in table.
//! Output side: the run-directory writers (`fragments.csv`, `trajectory.csv`, `summary.json`).

pub mod output;
