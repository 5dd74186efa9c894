//! Exponential model against Vallado's table, and lanes against reference.

use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::{Atmosphere, LANES, us76};

/// Density at the top of each band (kg/m³), `reference/vallado_exponential.csv` column
/// `rho_at_top_of_band_kg_m3` (computed from Vallado Table 8-4, 5 significant digits), for the
/// bands with base 0, 25, …, 900 km.
const RHO_AT_TOP_OF_BAND: [(f64, f64); 27] = [
    (25.0, 3.8937e-02),
    (30.0, 1.7739e-02),
    (40.0, 3.9720e-03),
    (50.0, 1.0570e-03),
    (60.0, 3.2059e-04),
    (70.0, 8.7694e-05),
    (80.0, 1.9048e-05),
    (90.0, 3.3961e-06),
    (100.0, 5.2970e-07),
    (110.0, 9.6618e-08),
    (120.0, 2.4382e-08),
    (130.0, 8.4836e-09),
    (140.0, 3.8451e-09),
    (150.0, 2.0700e-09),
    (180.0, 5.4639e-10),
    (200.0, 2.7890e-10),
    (250.0, 7.2481e-11),
    (300.0, 2.4180e-11),
    (350.0, 9.5179e-12),
    (400.0, 3.7250e-12),
    (450.0, 1.5850e-12),
    (500.0, 6.9670e-13),
    (600.0, 1.4540e-13),
    (700.0, 3.6140e-14),
    (800.0, 1.1700e-14),
    (900.0, 5.2450e-15),
    (1000.0, 3.0190e-15),
];

/// Half a unit in the 5th significant digit of the CSV values.
const TOP_OF_BAND_MAX_REL_ERR: f64 = 1.3e-4;

/// Lanes vs reference, relative, over ρ, T, P and λ. Measured 6.7e-16 (both kernels multiply by
/// the same stored 1/H, so only wide's exp and libm's differ, by ≤ 1 ulp each); 3× margin.
const LANES_MAX_REL_DIFF: f64 = 2e-15;

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

#[test]
fn band_bases_give_the_nominal_density() {
    let model = Exponential::vallado();
    assert_eq!(model.bands().len(), 28);
    for band in model.bands() {
        assert_eq!(
            model.density_kg_m3(band.base_altitude_m),
            band.base_density_kg_m3
        );
    }
}

#[test]
fn band_tops_match_vallado_csv() {
    let model = Exponential::vallado();
    for (band, &(top_km, want)) in model.bands().iter().zip(&RHO_AT_TOP_OF_BAND) {
        let top_m = top_km * 1000.0;
        // The band's own formula at its top (just below the next base).
        let got =
            band.base_density_kg_m3 * (-(top_m - band.base_altitude_m) / band.scale_height_m).exp();
        assert!(
            rel(got, want) <= TOP_OF_BAND_MAX_REL_ERR,
            "top {top_km} km: {got} vs {want}"
        );
        let below = model.density_kg_m3(f64::from_bits(top_m.to_bits() - 1));
        assert!(rel(below, want) <= TOP_OF_BAND_MAX_REL_ERR);
    }
}

#[test]
fn single_band_is_analytic() {
    let model = Exponential::single_band(1.225, 7_200.0);
    for h in [-5_000.0, 0.0, 7_200.0, 80_000.0, 300_000.0] {
        let want = 1.225 * (-h / 7_200.0f64).exp();
        assert!(rel(model.density_kg_m3(h), want) < 1e-15);
    }
}

#[test]
fn temperature_and_pressure_follow_us76() {
    let model = Exponential::vallado();
    for h in [0.0, 11_000.0, 85_000.0, 150_000.0, 700_000.0] {
        let s = model.sample(h);
        assert_eq!(s.temperature_k, us76::reference::temperature_k(h));
        let p = s.density_kg_m3 * 8314.32 * s.temperature_k / 28.9644;
        assert!(rel(s.pressure_pa, p) < 1e-15);
    }
    let atmosphere = Atmosphere::Exponential(Exponential::vallado());
    let (lo, hi) = atmosphere.altitude_range_m();
    assert!(lo <= 0.0 && hi >= 1_000_000.0);
}

fn grid() -> Vec<f64> {
    let mut z: Vec<f64> = Vec::new();
    for band in Exponential::vallado().bands() {
        let b = band.base_altitude_m;
        if b > 0.0 {
            z.extend([
                f64::from_bits(b.to_bits() - 1),
                b,
                f64::from_bits(b.to_bits() + 1),
            ]);
        } else {
            z.extend([-1e-300, 0.0, 1e-300]);
        }
    }
    z.extend([-5_000.0, 1_500_000.0]);
    let mut state: u64 = 0x5EED_E4B0;
    for _ in 0..5_000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        z.push(-5_000.0 + 1_005_000.0 * (state >> 11) as f64 / (1u64 << 53) as f64);
    }
    z
}

fn check(model: &Exponential, altitudes: &[f64], batch: usize) -> f64 {
    let mut worst: f64 = 0.0;
    for chunk in altitudes.chunks(batch) {
        for part in chunk.chunks(LANES) {
            let out = model.sample_lanes(reentry_lanes::load_padded(part, 1.0e5));
            let (rho, t, p, mfp) = (
                out.density_kg_m3.to_array(),
                out.temperature_k.to_array(),
                out.pressure_pa.to_array(),
                out.mean_free_path_m.to_array(),
            );
            for (l, &h) in part.iter().enumerate() {
                let r = model.sample(h);
                for (a, b) in [
                    (rho[l], r.density_kg_m3),
                    (t[l], r.temperature_k),
                    (p[l], r.pressure_pa),
                    (mfp[l], r.mean_free_path_m),
                ] {
                    let e = rel(a, b);
                    assert!(e <= LANES_MAX_REL_DIFF, "at {h} m: {a} vs {b}");
                    worst = worst.max(e);
                }
            }
        }
    }
    worst
}

#[test]
fn lanes_match_reference() {
    let z = grid();
    for model in [
        Exponential::vallado(),
        Exponential::single_band(1.225, 7_249.0),
    ] {
        let worst = check(&model, &z, LANES);
        println!("exponential lanes vs reference: {worst:.2e}");
        for batch in 1..=2 * LANES + 1 {
            check(&model, &z[..batch * 3], batch);
        }
    }
}

#[test]
fn non_finite_and_extreme_altitudes_do_not_panic() {
    let model = Exponential::vallado();
    let odd = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e300,
        -1e300,
        -5e5,
        2.0e7,
        0.0,
    ];
    for &h in &odd {
        let _ = model.sample(h);
    }
    let out = model.sample_lanes(reentry_atmosphere::F64s::from(odd));
    assert_eq!(out.density_kg_m3.to_array()[7], 1.225);
}
