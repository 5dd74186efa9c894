//! Run-directory writers: `fragments.csv`, `trajectory.csv`, `summary.json` (DESIGN.md §5).
