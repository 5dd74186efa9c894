//! Earth model (PHYSICS.md §1).
