//! The machine's double-precision FMA peak on one core, measured with the lanes type
//! (`reentry_lanes::F64s`, LANES = 8): independent accumulator chains `acc = acc·a + b`, 2 flops
//! per lane per FMA. Enough chains to cover FMA latency × throughput on current x86 cores (4
//! cycles × 2 pipes = 8 registers in flight) without spilling: 6 F64s = 12 ymm registers on
//! AVX2 (16 ymm in all; 16 chains spilled to the stack and measured half the peak), 12 F64s =
//! 12 zmm on AVX-512. The roofline in docs/performance.md
//! divides the solver's flop rate by this.
//!
//! `cargo run --release -p reentry-benches --example fma_peak` (prints GFLOP/s, best of 5).

use std::hint::black_box;
use std::time::Instant;

use reentry_lanes::{F64s, LANES};

/// Independent accumulator chains (F64s each).
const CHAINS: usize = if cfg!(target_feature = "avx512f") {
    12
} else {
    6
};
/// FMA rounds per timed run.
const ROUNDS: usize = 20_000_000;

fn run(a: F64s, b: F64s) -> (f64, F64s) {
    let mut acc: [F64s; CHAINS] = std::array::from_fn(|i| F64s::splat(1.0 + i as f64 * 1e-3));
    let start = Instant::now();
    for _ in 0..ROUNDS {
        for x in acc.iter_mut() {
            *x = x.mul_add(a, b);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let sum = acc.iter().fold(F64s::ZERO, |s, &x| s + x);
    (seconds, sum)
}

fn main() {
    // a slightly below 1 and b small keep the chains finite and away from denormals.
    let a = black_box(F64s::splat(0.999_999_9));
    let b = black_box(F64s::splat(1e-7));
    let mut best = f64::INFINITY;
    let mut checksum = F64s::ZERO;
    for _ in 0..5 {
        let (seconds, sum) = run(a, b);
        best = best.min(seconds);
        checksum += sum;
    }
    let flops = (ROUNDS * CHAINS * LANES * 2) as f64;
    println!(
        "{{\"simd\": \"{}\", \"fma_gflop_s\": {:.2}, \"checksum\": {:e}}}",
        reentry_lanes::simd_level::compiled().name(),
        flops / best / 1e9,
        checksum.to_array()[0]
    );
}
