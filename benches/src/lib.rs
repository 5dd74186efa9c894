//! Shared set-up of the criterion benches (see `benches/*.rs`).
/// The canonical problem of the peer comparison (benches/peers/canonical/).
pub mod canonical;

/// The number of alternating reference/lanes passes asked for in the environment variable `var`
/// (the benches' `*_MIN_OF` mode, which times both kernels side by side instead of seconds apart
/// as criterion does); `None` when it is unset or not a number, at least 1 otherwise.
pub fn min_of_runs(var: &str) -> Option<usize> {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map(|runs| runs.max(1))
}
