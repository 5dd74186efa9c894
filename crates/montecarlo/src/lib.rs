//! Monte Carlo over a scenario's uncertainties: dispersions, per-sample random streams, the
//! rayon driver with shards, and the risk and footprint statistics of a run.
//!
//! - [`dispersion`]: what varies ([`Dispersions`]) and [`apply`], which turns the nominal
//!   [`Problem`](reentry_solver::Problem) into the problem of sample i.
//! - [`stream`]: the random stream of (seed, sample, purpose) (`Xoshiro256PlusPlus`).
//! - [`driver`]: [`run`] solves the samples of a [`Shard`] on a thread pool and streams
//!   [`FragmentRow`]s in sample order to a [`RunSink`].
//! - [`record`]: [`FragmentRow`], one row of `fragments.csv`, and the casualty area.
//! - [`statistics`]: [`StatisticsAccumulator`] reduces rows in sample order to [`RunStatistics`].
//! - [`footprint`]: along/cross-track offsets and the target-zone polygon.
//! - [`population`]: the embedded population grid (casualty expectation).
//!
//! Sample 0 is the nominal run (no dispersion). Sample i draws its inputs from random streams
//! derived from (seed, i, purpose) alone, so results do not depend on thread count, batch size
//! or sharding.
//!
//! ```
//! use reentry_montecarlo::{Dispersion, Distribution, Applied};
//! use reentry_montecarlo::stream::{Purpose, SampleStream};
//! let scale = Dispersion {
//!     distribution: Distribution::LogNormal { mu: 0.0, sigma: 0.15 },
//!     applied: Applied::Factor,
//! };
//! let a = scale.apply_to(1.0, &mut SampleStream::new(42, 7, Purpose::DENSITY_SCALE));
//! let b = scale.apply_to(1.0, &mut SampleStream::new(42, 7, Purpose::DENSITY_SCALE));
//! assert_eq!(a, b); // the same (seed, sample, purpose) always gives the same draw
//! assert!(a > 0.0);
//! ```

pub mod dispersion;
pub mod driver;
pub mod footprint;
pub mod population;
pub mod record;
pub mod statistics;
pub mod stream;

pub use dispersion::{Applied, Dispersion, Dispersions, Distribution, apply};
pub use driver::{DriverError, RunPlan, RunSink, Shard, run};
pub use footprint::{GroundTrack, LonLatPolygon, PolygonFlaw, TrackOffset, track_offset};
pub use record::{FragmentRow, breakup_track, debris_casualty_area_m2, sample_rows};
pub use statistics::{RiskContext, RunStatistics, StatisticsAccumulator, Survivor, percentile};
