//! Monte Carlo over a scenario's uncertainties.
//!
//! - [`dispersion`]: what varies ([`Dispersions`]) and how each draw is applied.
//!
//! Sample 0 is the nominal run (no dispersion). Sample i draws its inputs from random streams
//! derived from (seed, i, purpose) alone, so results do not depend on thread count, batch size
//! or sharding.

pub mod dispersion;

pub use dispersion::{Applied, Dispersion, Dispersions, Distribution};
