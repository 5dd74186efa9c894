//! reentry-scenario (being built).
