//! Shared set-up of the criterion benches (see `benches/*.rs`).
/// The canonical problem of the peer comparison (benches/peers/canonical/).
pub mod canonical;
