//! reentry-plot (being built).
