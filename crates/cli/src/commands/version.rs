//! `reentry --version`: version, git commit, SIMD level compiled in and offered by the CPU.

use std::sync::LazyLock;

use reentry_lanes::simd_level;

/// The text printed after `reentry ` by `--version`.
pub static VERSION_LINE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (commit {}; SIMD compiled: {}, CPU offers: {})",
        env!("CARGO_PKG_VERSION"),
        option_env!("REENTRY_GIT_COMMIT").unwrap_or("unknown"),
        simd_level::compiled().name(),
        simd_level::available().name()
    )
});
