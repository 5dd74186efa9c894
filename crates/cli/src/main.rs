//! The `reentry` command-line tool.
fn main() {}
