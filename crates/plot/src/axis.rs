//! [`TickedRange`]: a linear `f64` axis whose ticks (and grid lines) are chosen by the caller,
//! so a map's graticule falls on whole degrees and a chart's ticks on round values.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A linear axis over `low..high` with the given tick values.
#[derive(Debug, Clone)]
pub(crate) struct TickedRange {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
}

impl TickedRange {
    pub(crate) fn new(low: f64, high: f64, ticks: Vec<f64>) -> TickedRange {
        TickedRange { low, high, ticks }
    }
}

impl Ranged for TickedRange {
    // Labels always come from the caller's formatter; the default is only a fallback.
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.high - self.low;
        if !(span.is_finite() && span != 0.0) {
            return (limit.0 + limit.1) / 2;
        }
        let t = (value - self.low) / span;
        let pixels = f64::from(limit.1 - limit.0) * t;
        // Same rounding as plotters' own f64 axes, clamped far outside so i32 never overflows.
        limit.0 + (pixels + 1e-3).floor().clamp(-1e6, 1e6) as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.ticks.clone()
    }

    fn range(&self) -> Range<f64> {
        self.low..self.high
    }
}
