//! The built-in validation cases of `reentry validate`.
//!
//! Every case computes a quantity through the public API of a crate (atmosphere models, physics
//! functions, the trajectory solver, the scenario loader and the Monte Carlo driver) and
//! compares it with a number copied from a published or hand-checkable reference, named next to
//! the number. A [`Criterion`] says what "agrees" means: a relative or absolute tolerance, or an
//! observed range. [`run_all`] returns one [`CaseResult`] per row of the table;
//! [`format_table`] and [`format_markdown`] print it.

mod atmosphere;
mod observed;
mod physics;
mod trajectory;

use std::fmt::Write as _;

/// What the computed value is compared against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Criterion {
    /// |computed − expected| / |expected| ≤ tolerance.
    Relative {
        /// Reference value.
        expected: f64,
        /// Largest accepted relative error.
        tolerance: f64,
    },
    /// |computed − expected| ≤ tolerance (in the quantity's unit).
    Absolute {
        /// Reference value.
        expected: f64,
        /// Largest accepted absolute error.
        tolerance: f64,
    },
    /// An observed range: min ≤ computed ≤ max. The error is the distance outside the range.
    Within {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// An observed upper bound: computed ≤ max.
    AtMost {
        /// Upper bound.
        max: f64,
    },
}

/// One row of the validation table.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// Case name (a group of rows), e.g. `US76 Table I`.
    pub case: String,
    /// The quantity compared, with its unit, e.g. `rho(86 km) kg/m3`.
    pub quantity: String,
    /// The reference and how close the computed value must be.
    pub criterion: Criterion,
    /// The value the tool computed (NaN when the computation failed).
    pub computed: f64,
    /// A documented disagreement between the model and an observation, with its reason: the
    /// row is shown (marked `known`) but does not fail the run. Only for comparisons where the
    /// model's known limits, not a defect, explain the difference (docs/validation.md).
    pub known_discrepancy: Option<&'static str>,
}

/// Outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Within the criterion.
    Pass,
    /// Outside the criterion.
    Fail,
    /// Outside the criterion, for a documented reason ([`CaseResult::known_discrepancy`]).
    Known,
}

impl CaseResult {
    /// A row.
    pub fn new(
        case: impl Into<String>,
        quantity: impl Into<String>,
        criterion: Criterion,
        computed: f64,
    ) -> CaseResult {
        CaseResult {
            case: case.into(),
            quantity: quantity.into(),
            criterion,
            computed,
            known_discrepancy: None,
        }
    }

    /// Marks the row as a documented model-versus-observation discrepancy.
    pub fn known_discrepancy(mut self, reason: &'static str) -> CaseResult {
        self.known_discrepancy = Some(reason);
        self
    }

    /// Pass, fail, or a documented discrepancy.
    pub fn status(&self) -> Status {
        if self.pass() {
            Status::Pass
        } else if self.known_discrepancy.is_some() {
            Status::Known
        } else {
            Status::Fail
        }
    }

    /// Relative row: `|computed/expected − 1| ≤ tolerance`.
    pub fn relative(
        case: impl Into<String>,
        quantity: impl Into<String>,
        expected: f64,
        computed: f64,
        tolerance: f64,
    ) -> CaseResult {
        CaseResult::new(
            case,
            quantity,
            Criterion::Relative {
                expected,
                tolerance,
            },
            computed,
        )
    }

    /// The error in the sense of the criterion (relative, absolute, or distance outside the
    /// range; 0 inside it). Infinite when the computed value is not finite.
    pub fn error(&self) -> f64 {
        if !self.computed.is_finite() {
            return f64::INFINITY;
        }
        match self.criterion {
            Criterion::Relative { expected, .. } => ((self.computed - expected) / expected).abs(),
            Criterion::Absolute { expected, .. } => (self.computed - expected).abs(),
            Criterion::Within { min, max } => {
                (min - self.computed).max(self.computed - max).max(0.0)
            }
            Criterion::AtMost { max } => (self.computed - max).max(0.0),
        }
    }

    /// The largest accepted error (0 for ranges).
    pub fn tolerance(&self) -> f64 {
        match self.criterion {
            Criterion::Relative { tolerance, .. } | Criterion::Absolute { tolerance, .. } => {
                tolerance
            }
            Criterion::Within { .. } | Criterion::AtMost { .. } => 0.0,
        }
    }

    /// Whether the row passes.
    pub fn pass(&self) -> bool {
        self.error() <= self.tolerance()
    }

    /// The expected column as text.
    pub fn expected_text(&self) -> String {
        match self.criterion {
            Criterion::Relative { expected, .. } | Criterion::Absolute { expected, .. } => {
                number(expected)
            }
            Criterion::Within { min, max } => format!("{} .. {}", number(min), number(max)),
            Criterion::AtMost { max } => format!("<= {}", number(max)),
        }
    }

    /// The tolerance column as text.
    pub fn tolerance_text(&self) -> String {
        match self.criterion {
            Criterion::Relative { tolerance, .. } => format!("{} rel", number(tolerance)),
            Criterion::Absolute { tolerance, .. } => format!("{} abs", number(tolerance)),
            Criterion::Within { .. } | Criterion::AtMost { .. } => "range".to_string(),
        }
    }

    /// The error column as text.
    pub fn error_text(&self) -> String {
        let error = self.error();
        if error.is_infinite() {
            "n/a".to_string()
        } else {
            number(error)
        }
    }
}

/// Monte Carlo samples of the flagship scenario in the observed-range cases: enough for
/// percentiles of the footprint, few enough that `reentry validate` finishes in well under a
/// minute.
pub const DEFAULT_PROGRESS_SAMPLES: u64 = 50;

/// Settings of a validation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidationOptions {
    /// Monte Carlo samples of the flagship scenario for the observed-range cases.
    pub progress_samples: u64,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            progress_samples: DEFAULT_PROGRESS_SAMPLES,
        }
    }
}

/// Runs every built-in case, in table order.
pub fn run_all(options: &ValidationOptions) -> Vec<CaseResult> {
    let mut rows = Vec::new();
    rows.extend(atmosphere::us76_published());
    rows.extend(atmosphere::nrlmsise00_test_cases());
    rows.extend(physics::cases());
    rows.extend(trajectory::cases());
    rows.extend(observed::cases(options));
    rows
}

/// A number in a short, readable form: 5 significant digits, scientific notation outside
/// 1e-3 .. 1e6.
pub fn number(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else if !x.is_finite() {
        format!("{x}")
    } else if (1e-3..1e6).contains(&x.abs()) {
        let digits = 4 - x.abs().log10().floor() as i32;
        format!("{:.*}", digits.max(0) as usize, x)
    } else {
        format!("{x:.4e}")
    }
}

const HEADER: [&str; 7] = [
    "case",
    "quantity",
    "expected",
    "computed",
    "error",
    "tolerance",
    "pass",
];

fn cells(row: &CaseResult) -> [String; 7] {
    [
        row.case.clone(),
        row.quantity.clone(),
        row.expected_text(),
        number(row.computed),
        row.error_text(),
        row.tolerance_text(),
        match row.status() {
            Status::Pass => "yes",
            Status::Fail => "NO",
            Status::Known => "known",
        }
        .to_string(),
    ]
}

/// A plain-text table with aligned columns and a closing count line.
pub fn format_table(rows: &[CaseResult]) -> String {
    let body: Vec<[String; 7]> = rows.iter().map(cells).collect();
    let mut widths = HEADER.map(|h| h.chars().count());
    for line in &body {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_line = |cells: &[String]| {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = width - cell.chars().count();
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_line(&HEADER.map(String::from));
    push_line(&widths.map(|w| "-".repeat(w)));
    for line in &body {
        push_line(line);
    }
    let _ = writeln!(out, "{}", summary_line(rows));
    out
}

/// A markdown table (the generated section of docs/validation.md).
pub fn format_markdown(rows: &[CaseResult]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(HEADER.len()));
    for row in rows {
        let line = cells(row).map(|cell| cell.replace('|', "\\|"));
        let _ = writeln!(out, "| {} |", line.join(" | "));
    }
    let _ = writeln!(out, "\n{}", summary_line(rows));
    out
}

/// `N of M cases pass` (and how many fail or are known discrepancies).
pub fn summary_line(rows: &[CaseResult]) -> String {
    let count = |status| rows.iter().filter(|r| r.status() == status).count();
    let (passed, failed, known) = (
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Known),
    );
    let mut line = format!("{passed} of {} cases pass", rows.len());
    if known > 0 {
        line.push_str(&format!(
            "; {known} known discrepancies (model vs observation, listed below)"
        ));
    }
    if failed > 0 {
        line.push_str(&format!("; {failed} FAIL"));
    }
    line.push('.');
    for row in rows.iter().filter(|r| r.status() == Status::Known) {
        if let Some(reason) = row.known_discrepancy {
            line.push_str(&format!(
                "\nknown: {} / {}: {reason}",
                row.case, row.quantity
            ));
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_pass_and_fail_at_their_bounds() {
        assert!(CaseResult::relative("c", "q", 100.0, 100.05, 1e-3).pass());
        assert!(!CaseResult::relative("c", "q", 100.0, 100.2, 1e-3).pass());
        let within = |x| CaseResult::new("c", "q", Criterion::Within { min: 1.0, max: 2.0 }, x);
        assert!(within(1.5).pass());
        assert!(!within(2.5).pass());
        assert!((within(2.5).error() - 0.5).abs() < 1e-15);
        assert!(!CaseResult::new("c", "q", Criterion::AtMost { max: 0.1 }, f64::NAN).pass());
        let absolute = CaseResult::new(
            "c",
            "q",
            Criterion::Absolute {
                expected: 10.0,
                tolerance: 0.5,
            },
            10.4,
        );
        assert!(absolute.pass());
        let known = CaseResult::new("c", "q", Criterion::AtMost { max: 0.1 }, 0.2)
            .known_discrepancy("reason");
        assert_eq!(known.status(), Status::Known);
        assert!(summary_line(&[known]).contains("1 known discrepancies"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(1.225), "1.2250");
        assert_eq!(number(216.65), "216.65");
        assert_eq!(number(3.561e-15), "3.5610e-15");
        assert_eq!(number(0.0), "0");
    }
}
