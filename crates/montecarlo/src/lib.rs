//! reentry-montecarlo (being built).
