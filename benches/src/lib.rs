//! Shared set-up of the criterion benches (see `benches/*.rs`).
