//! Which SIMD instruction set this binary was compiled for, and which the running CPU offers.
//!
//! `wide` selects instructions at compile time, so a binary built for AVX2 executes AVX2
//! instructions unconditionally. [`check_cpu_supports_build`] lets the program stop with a clear
//! message instead of dying on an illegal instruction.

/// SIMD levels in increasing order of capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SimdLevel {
    /// No vector extension beyond the architecture baseline (SSE2 on x86-64).
    Baseline,
    /// AVX2 + FMA (x86-64-v3).
    Avx2Fma,
    /// AVX-512 F/BW/CD/DQ/VL (x86-64-v4).
    Avx512,
}

impl SimdLevel {
    /// Short name used in `--version` and `summary.json`.
    pub fn name(self) -> &'static str {
        match self {
            SimdLevel::Baseline => "baseline",
            SimdLevel::Avx2Fma => "avx2+fma",
            SimdLevel::Avx512 => "avx512",
        }
    }
}

/// The level the kernels were compiled for.
pub fn compiled() -> SimdLevel {
    if cfg!(all(
        target_feature = "avx512f",
        target_feature = "avx512dq",
        target_feature = "avx512vl"
    )) {
        SimdLevel::Avx512
    } else if cfg!(all(target_feature = "avx2", target_feature = "fma")) {
        SimdLevel::Avx2Fma
    } else {
        SimdLevel::Baseline
    }
}

/// The best level the running CPU offers.
pub fn available() -> SimdLevel {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512cd")
        {
            return SimdLevel::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return SimdLevel::Avx2Fma;
        }
    }
    SimdLevel::Baseline
}

/// `Err` with a user-facing message when the CPU lacks the instructions this binary was built for.
///
/// Must be called before any kernel runs (the CLI does it first thing in `main`). This function
/// itself is compiled without vector code paths that could fault: it only reads CPUID.
pub fn check_cpu_supports_build() -> Result<(), String> {
    let built = compiled();
    let cpu = available();
    if cpu < built {
        Err(format!(
            "this binary was built for {} but the CPU offers only {}; rebuild with \
             RUSTFLAGS=\"-C target-cpu=native\" cargo build --release",
            built.name(),
            cpu.name()
        ))
    } else {
        Ok(())
    }
}
