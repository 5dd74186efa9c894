//! Per-sample random streams: the random inputs of sample i come from streams derived from
//! (seed, i, purpose) alone.
//!
//! The generator is `Xoshiro256PlusPlus` (Blackman & Vigna 2019, from `rand_xoshiro`: a named,
//! portable algorithm whose output never changes between crate versions). Its 256-bit state is
//! seeded from one 64-bit key by SplitMix64 (`seed_from_u64`), and the key hashes the triple
//! (seed, sample, purpose) with the SplitMix64 finaliser, so every dispersed quantity of every
//! sample has its own independent stream: adding a dispersion does not shift the others, and no
//! result depends on thread count, batch size or sharding.

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

/// What a stream is for: a fixed small integer per dispersed quantity, plus an index (the burn or
/// fragment node) for quantities drawn per item. Changing these values changes every result of
/// a seed, so they are part of the output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Purpose {
    /// The dispersed quantity (one of the `Purpose::*` constants' `quantity`).
    pub quantity: u32,
    /// Burn index or fragment node index; 0 for per-sample quantities.
    pub index: u32,
}

impl Purpose {
    /// Δv of burn `index`.
    pub const fn delta_v(index: u32) -> Purpose {
        Purpose { quantity: 1, index }
    }
    /// Start-time offset of burn `index`.
    pub const fn burn_start(index: u32) -> Purpose {
        Purpose { quantity: 2, index }
    }
    /// In-plane pointing offset of burn `index`.
    pub const fn burn_pitch(index: u32) -> Purpose {
        Purpose { quantity: 3, index }
    }
    /// Out-of-plane pointing offset of burn `index`.
    pub const fn burn_yaw(index: u32) -> Purpose {
        Purpose { quantity: 4, index }
    }
    /// Atmosphere density scale (per sample).
    pub const DENSITY_SCALE: Purpose = Purpose {
        quantity: 5,
        index: 0,
    };
    /// Vehicle break-up altitude (per sample).
    pub const BREAKUP_ALTITUDE: Purpose = Purpose {
        quantity: 6,
        index: 0,
    };
    /// Drag-coefficient scale of fragment node `index`.
    pub const fn fragment_cd_scale(index: u32) -> Purpose {
        Purpose { quantity: 7, index }
    }
    /// Heat-flux scale of fragment node `index`.
    pub const fn fragment_heat_scale(index: u32) -> Purpose {
        Purpose { quantity: 8, index }
    }
    /// Mass scale of fragment node `index`.
    pub const fn fragment_mass_scale(index: u32) -> Purpose {
        Purpose { quantity: 9, index }
    }
    /// Oxidation efficiency (per sample). Quantity 11: added after the first ten, so that every
    /// earlier stream, and so every earlier result, stays as it was.
    pub const OXIDATION_EFFICIENCY: Purpose = Purpose {
        quantity: 11,
        index: 0,
    };
    /// Emissivity scale of fragment node `index`.
    pub const fn emissivity_scale(index: u32) -> Purpose {
        Purpose {
            quantity: 10,
            index,
        }
    }

    /// Separation velocity of fragment node `index` (three draws, one per ECEF axis).
    /// Quantity 12: added after the first eleven, so every earlier stream stays as it was.
    pub const fn separation_velocity(index: u32) -> Purpose {
        Purpose {
            quantity: 12,
            index,
        }
    }

    fn key(self) -> u64 {
        (u64::from(self.quantity) << 32) | u64::from(self.index)
    }
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014; the `mix64` variant 13 constants used by
/// Java's `SplittableRandom` and by xoshiro's reference seeding).
pub fn splitmix64_mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The SplitMix64 increment ("golden gamma", 2⁶⁴/φ).
const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// The 64-bit key of stream (seed, sample, purpose): SplitMix64 steps absorbing one word each.
pub fn stream_key(seed: u64, sample: u64, purpose: Purpose) -> u64 {
    let mut h = splitmix64_mix(seed.wrapping_add(GOLDEN_GAMMA));
    h = splitmix64_mix(h ^ sample.wrapping_add(GOLDEN_GAMMA.wrapping_mul(2)));
    splitmix64_mix(h ^ purpose.key().wrapping_add(GOLDEN_GAMMA.wrapping_mul(3)))
}

/// An independent random stream for one (seed, sample, purpose).
#[derive(Debug, Clone)]
pub struct SampleStream {
    rng: Xoshiro256PlusPlus,
}

impl SampleStream {
    /// The stream of (seed, sample, purpose).
    pub fn new(seed: u64, sample: u64, purpose: Purpose) -> SampleStream {
        SampleStream {
            rng: Xoshiro256PlusPlus::seed_from_u64(stream_key(seed, sample, purpose)),
        }
    }

    /// Next raw 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Uniform on [0, 1): the top 53 bits of one output, times 2⁻⁵³.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1]: never 0, so its logarithm is finite.
    pub fn uniform_open_zero(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal N(0, 1) by the Box–Muller transform (Box & Muller 1958):
    /// z = √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1], u₂ ∈ [0, 1). Written here (not `rand_distr`) so
    /// the draws of a seed never change with a dependency's version. One normal per two outputs
    /// (the sine partner is discarded, keeping each draw a fixed function of the stream position).
    pub fn standard_normal(&mut self) -> f64 {
        let u1 = self.uniform_open_zero();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// First outputs of xoshiro256++ seeded by SplitMix64 from 0 — the reference C code's
    /// `splitmix64.c` then `xoshiro256plusplus.c` (Vigna, prng.di.unimi.it): SplitMix64 from
    /// state 0 gives s = {0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f,
    /// 0xf88bb8a8724c81ec}; the first output rotl(s0 + s3, 23) + s0 is below.
    #[test]
    fn generator_is_xoshiro256plusplus_seeded_by_splitmix64() {
        let s0: u64 = 0xe220_a839_7b1d_cdaf;
        let s3: u64 = 0xf88b_b8a8_724c_81ec;
        let expected = s0.wrapping_add(s3).rotate_left(23).wrapping_add(s0);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(0);
        assert_eq!(rng.next_u64(), expected);
    }

    #[test]
    fn splitmix64_matches_published_sequence() {
        // SplitMix64 from state 0: first output 0xe220a8397b1dcdaf (Vigna's splitmix64.c).
        assert_eq!(splitmix64_mix(GOLDEN_GAMMA), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn streams_differ_by_seed_sample_and_purpose() {
        let base = stream_key(42, 7, Purpose::DENSITY_SCALE);
        assert_ne!(base, stream_key(43, 7, Purpose::DENSITY_SCALE));
        assert_ne!(base, stream_key(42, 8, Purpose::DENSITY_SCALE));
        assert_ne!(base, stream_key(42, 7, Purpose::BREAKUP_ALTITUDE));
        assert_ne!(
            stream_key(42, 7, Purpose::fragment_cd_scale(0)),
            stream_key(42, 7, Purpose::fragment_cd_scale(1))
        );
        let mut a = SampleStream::new(42, 7, Purpose::DENSITY_SCALE);
        let mut b = SampleStream::new(42, 7, Purpose::DENSITY_SCALE);
        for _ in 0..10 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    /// Mean and variance of 200 000 draws against N(0, 1): the standard error of the mean is
    /// 1/√n = 0.0022 and of the variance √(2/n) = 0.0032; the bounds are about 4.5 standard errors.
    #[test]
    fn box_muller_moments() {
        const N: usize = 200_000;
        const MEAN_BOUND: f64 = 0.01;
        const VARIANCE_BOUND: f64 = 0.015;
        let mut s = SampleStream::new(1, 1, Purpose::DENSITY_SCALE);
        let draws: Vec<f64> = (0..N).map(|_| s.standard_normal()).collect();
        let mean = draws.iter().sum::<f64>() / N as f64;
        let var = draws.iter().map(|z| (z - mean) * (z - mean)).sum::<f64>() / (N - 1) as f64;
        assert!(mean.abs() < MEAN_BOUND, "mean {mean}");
        assert!((var - 1.0).abs() < VARIANCE_BOUND, "variance {var}");
        // Tail: P(|z| > 2) = 0.0455 for N(0, 1); binomial standard error 0.00047.
        let tail = draws.iter().filter(|z| z.abs() > 2.0).count() as f64 / N as f64;
        assert!((tail - 0.0455).abs() < 0.003, "tail {tail}");
    }

    #[test]
    fn uniforms_stay_in_range() {
        let mut s = SampleStream::new(0, 0, Purpose::BREAKUP_ALTITUDE);
        for _ in 0..10_000 {
            let u = s.uniform();
            assert!((0.0..1.0).contains(&u));
            let v = s.uniform_open_zero();
            assert!(v > 0.0 && v <= 1.0);
        }
    }
}
