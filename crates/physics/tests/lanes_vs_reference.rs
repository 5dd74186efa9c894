//! Every lanes kernel against its reference twin, lane by lane: over grids that contain every
//! breakpoint and its ±1-ulp neighbours (Kn = 1e-3 and 10, each Mach node of the drag table,
//! T = T_m, zero net heat), over seeded random samples, and over batch lengths that are not
//! multiples of the lane width (padded tails).
//!
//! Each tolerance is a named constant stating what was measured (`cargo test -p
//! reentry-physics --test lanes_vs_reference -- --nocapture` prints the measured values).

use reentry_lanes::{F64s, LANES, Mask};
use reentry_physics::aero::{
    self, CONTINUUM_DRAG_TABLE, CONTINUUM_KNUDSEN, FREE_MOLECULAR_KNUDSEN,
};
use reentry_physics::earth::{self, GravityModel};
use reentry_physics::heating::{self, ContinuumCorrelation};
use reentry_physics::thermal::lanes::MaterialLanes;
use reentry_physics::thermal::{self, Material};

/// Bit-identical: the lanes function performs the same IEEE operations in the same order
/// (+, −, ×, ÷, sqrt and selects only). Measured 0.
const EXACT: f64 = 0.0;

/// Bridge weight w(Kn) and everything blended with it (C_D, surface-average factor): wide's
/// ln and sin are not libm's. Measured max |Δw| = 2.2e-16 (absolute: w ∈ [0, 1], and near
/// Kn = 1e-3 w ≈ (π log10(Kn/1e-3)/8)² is dominated by the absolute error of log10); C_D
/// (≤ 2 w-errors) measured 4.4e-16. Bound ≈ 10×.
const BRIDGE_WEIGHT_ABS: f64 = 2e-15;

/// DKR heat flux: (V/7924.8)^3.15 as exp(3.15 ln x) in lanes, libm's powf in the reference.
/// The rounding of ln x is amplified by |3.15 ln x| (≈ 17 at 30 m/s, < 1 above 5 km/s):
/// measured max relative difference between 2.8e-15 (at 30.5 m/s) and 3e-15 (3.9e-16 with
/// wide's extended-precision pow, which costs 60 % more); bound 2×.
const DKR_REL: f64 = 6e-15;

/// Size scale (m/m0)^(1/3) by wide's cbrt. Measured max relative difference 2.2e-16; bound 4.5×.
const CBRT_REL: f64 = 1e-15;

/// Geodetic latitude and longitude (rad) through wide's cbrt and atan2. Measured max |Δ| =
/// 4.4e-16 rad (3 nm on the ground); bound ≈ 10×.
const GEODETIC_ANGLE_ABS_RAD: f64 = 5e-15;

/// Geodetic altitude through wide's cbrt. Measured max |Δh| = 2.6e-9 m (a few ulp of the
/// 6.4e6 m intermediate terms); bound ≈ 8×.
const GEODETIC_ALTITUDE_ABS_M: f64 = 2e-8;

/// Local axes through wide's sin_cos. Measured max |Δ| = 2.2e-16 (unit vectors); bound 10×.
const SIN_COS_ABS: f64 = 2e-15;

/// ECEF from geodetic through wide's sin_cos: |Δ| ≈ 2.2e-16 × 8.4e6 m. Measured max |Δ| =
/// 1.9e-9 m; bound ≈ 10×.
const ECEF_ABS_M: f64 = 2e-8;

/// SplitMix64 (Steele, Lea & Flood 2014): deterministic samples for the tests.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
    }

    fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        self.uniform(lo.ln(), hi.ln()).exp()
    }
}

/// `x` and its neighbours one ulp below and above.
fn with_neighbours(x: f64) -> [f64; 3] {
    [x.next_down(), x, x.next_up()]
}

/// Batch lengths that leave every possible tail (and more than one full batch).
const BATCH_LENGTHS: [usize; 6] = [1, 7, 8, 9, 42, 1023];

/// Compares `lanes` with `reference` over `inputs` in batches of [`LANES`]; a short final
/// batch is padded with its first input. Asserts |Δ| ≤ `rel`·|reference| + `abs` lane by lane
/// (NaN must match NaN) and returns the largest |Δ| (when `rel` is 0) or |Δ|/|reference|.
fn compare<const N: usize>(
    name: &str,
    inputs: &[[f64; N]],
    reference: impl Fn([f64; N]) -> f64,
    lanes: impl Fn([F64s; N]) -> F64s,
    rel: f64,
    abs: f64,
) -> f64 {
    let mut worst: f64 = 0.0;
    for batch in inputs.chunks(LANES) {
        let args: [F64s; N] = std::array::from_fn(|k| {
            F64s::from(std::array::from_fn::<f64, LANES, _>(|lane| {
                batch.get(lane).unwrap_or(&batch[0])[k]
            }))
        });
        let out = lanes(args).to_array();
        for (lane, input) in batch.iter().enumerate() {
            let expected = reference(*input);
            let got = out[lane];
            if expected.is_nan() || got.is_nan() {
                assert!(
                    expected.is_nan() && got.is_nan(),
                    "{name}{input:?}: {got} vs {expected}"
                );
                continue;
            }
            let diff = (got - expected).abs();
            assert!(
                diff <= rel * expected.abs() + abs,
                "{name}{input:?}: lanes {got:e}, reference {expected:e} (Δ {diff:e})"
            );
            if diff > 0.0 {
                worst = worst.max(if rel == 0.0 {
                    diff
                } else {
                    diff / expected.abs()
                });
            }
        }
    }
    worst
}

/// [`compare`] over the full input set and over every length of [`BATCH_LENGTHS`].
fn compare_batches<const N: usize>(
    name: &str,
    inputs: &[[f64; N]],
    reference: impl Fn([f64; N]) -> f64 + Copy,
    lanes: impl Fn([F64s; N]) -> F64s + Copy,
    rel: f64,
    abs: f64,
) {
    let mut worst = compare(name, inputs, reference, lanes, rel, abs);
    for n in BATCH_LENGTHS {
        // Start the tail batches at an offset so that lane positions change.
        let start = (n * 3) % inputs.len().max(1);
        let slice: Vec<[f64; N]> = inputs.iter().cycle().skip(start).take(n).copied().collect();
        worst = worst.max(compare(name, &slice, reference, lanes, rel, abs));
    }
    eprintln!(
        "{name}: max difference {worst:e} over {} inputs",
        inputs.len()
    );
}

fn mask(x: F64s) -> Mask {
    x.simd_gt(F64s::splat(0.5))
}

fn knudsen_grid(rng: &mut SplitMix64) -> Vec<f64> {
    let mut values = vec![0.0, 1e-9, 1e-4, 0.01, 0.1, 1.0, 3.0, 100.0, 1e6];
    values.extend(with_neighbours(CONTINUUM_KNUDSEN));
    values.extend(with_neighbours(FREE_MOLECULAR_KNUDSEN));
    values.extend((0..2000).map(|_| rng.log_uniform(1e-6, 1e4)));
    values
}

fn mach_grid(rng: &mut SplitMix64) -> Vec<f64> {
    let mut values = vec![0.0, 1e-3, 0.3, 7.0, 25.0, 40.0];
    for (mach, _) in CONTINUUM_DRAG_TABLE {
        values.extend(with_neighbours(mach));
    }
    values.extend((0..2000).map(|_| rng.uniform(0.0, 30.0)));
    values
}

#[test]
fn aero_lanes_match_reference() {
    let mut rng = SplitMix64(0xAE20);
    let kn = knudsen_grid(&mut rng);
    let mach = mach_grid(&mut rng);

    let inputs: Vec<[f64; 2]> = (0..3000)
        .map(|_| [rng.log_uniform(1e-9, 1e3), rng.log_uniform(1e-3, 10.0)])
        .collect();
    compare_batches(
        "knudsen",
        &inputs,
        |[l, r]| aero::reference::knudsen(l, r),
        |[l, r]| aero::lanes::knudsen(l, r),
        EXACT,
        0.0,
    );
    let inputs: Vec<[f64; 2]> = (0..3000)
        .map(|_| [rng.uniform(0.0, 8000.0), rng.uniform(180.0, 2000.0)])
        .collect();
    compare_batches(
        "mach",
        &inputs,
        |[v, t]| aero::reference::mach(v, t),
        |[v, t]| aero::lanes::mach(v, t),
        EXACT,
        0.0,
    );
    let inputs: Vec<[f64; 1]> = kn.iter().map(|&k| [k]).collect();
    compare_batches(
        "bridge_weight",
        &inputs,
        |[k]| aero::reference::bridge_weight(k),
        |[k]| aero::lanes::bridge_weight(k),
        0.0,
        BRIDGE_WEIGHT_ABS,
    );
    let inputs: Vec<[f64; 1]> = mach.iter().map(|&m| [m]).collect();
    compare_batches(
        "continuum_drag_coefficient",
        &inputs,
        |[m]| aero::reference::continuum_drag_coefficient(m),
        |[m]| aero::lanes::continuum_drag_coefficient(m),
        EXACT,
        0.0,
    );
    // Every (Mach, Kn) pair of the two grids' breakpoints plus random pairs.
    let mut inputs: Vec<[f64; 2]> = Vec::new();
    for &m in mach.iter().take(33) {
        for &k in kn.iter().take(15) {
            inputs.push([m, k]);
        }
    }
    inputs.extend(mach.iter().zip(&kn).map(|(&m, &k)| [m, k]));
    compare_batches(
        "drag_coefficient",
        &inputs,
        |[m, k]| aero::reference::drag_coefficient(m, k),
        |[m, k]| aero::lanes::drag_coefficient(m, k),
        0.0,
        // C_D ≤ 2 times the weight's error.
        2.0 * BRIDGE_WEIGHT_ABS,
    );
}

#[test]
fn heating_lanes_match_reference() {
    let mut rng = SplitMix64(0x4EA7);
    let mut inputs: Vec<[f64; 3]> = vec![
        [0.0, 7300.0, 0.1],
        [1e-5, 0.0, 0.1],
        [0.0, 0.0, 1.0],
        [1.225, 300.0, 2.0],
    ];
    inputs.extend((0..3000).map(|_| {
        [
            rng.log_uniform(1e-13, 1.3),
            rng.uniform(0.0, 8000.0),
            rng.log_uniform(1e-3, 3.0),
        ]
    }));
    for (correlation, rel) in [
        (ContinuumCorrelation::DetraKempRiddell, DKR_REL),
        (ContinuumCorrelation::SuttonGraves, EXACT),
    ] {
        compare_batches(
            &format!("continuum_heat_flux_w_m2 {correlation:?}"),
            &inputs,
            |[rho, v, rn]| heating::reference::continuum_heat_flux_w_m2(correlation, rho, v, rn),
            |[rho, v, rn]| heating::lanes::continuum_heat_flux_w_m2(correlation, rho, v, rn),
            rel,
            0.0,
        );
        compare_batches(
            &format!("stagnation_heat_flux_w_m2 {correlation:?}"),
            &inputs,
            |[rho, v, rn]| heating::reference::stagnation_heat_flux_w_m2(correlation, rho, v, rn),
            |[rho, v, rn]| heating::lanes::stagnation_heat_flux_w_m2(correlation, rho, v, rn),
            rel,
            0.0,
        );
    }
    compare_batches(
        "free_molecular_heat_flux_w_m2",
        &inputs,
        |[rho, v, _]| heating::reference::free_molecular_heat_flux_w_m2(rho, v),
        |[rho, v, _]| heating::lanes::free_molecular_heat_flux_w_m2(rho, v),
        EXACT,
        0.0,
    );
    let kn: Vec<[f64; 1]> = knudsen_grid(&mut rng).into_iter().map(|k| [k]).collect();
    compare_batches(
        "surface_average_factor",
        &kn,
        |[k]| heating::reference::surface_average_factor(k),
        |[k]| heating::lanes::surface_average_factor(k),
        0.0,
        // |F_fm − F_c| = 0.025 times the weight's error.
        BRIDGE_WEIGHT_ABS,
    );
}

#[test]
fn oxidation_lanes_match_reference() {
    let mut rng = SplitMix64(0x0C5D);
    // [η, Δh_ox, T_on, Q_conv, V, T]: the ramp's ends and middle, rest, and random states.
    let mut inputs: Vec<[f64; 6]> = vec![
        [1.0, 29.5e6, 1100.0, 1e4, 7000.0, 1100.0],
        [1.0, 29.5e6, 1100.0, 1e4, 7000.0, 1150.0],
        [1.0, 29.5e6, 1100.0, 1e4, 7000.0, 1200.0],
        [0.5, 13.1e6, 500.0, 0.0, 0.0, 600.0],
        [0.0, 34.91e6, 770.0, 1e5, 3000.0, 870.0],
    ];
    inputs.extend((0..3000).map(|_| {
        [
            rng.uniform(0.0, 1.0),
            rng.uniform(0.0, 35e6),
            rng.uniform(400.0, 1400.0),
            rng.log_uniform(1e-3, 1e6),
            rng.uniform(0.0, 8000.0),
            rng.uniform(200.0, 2000.0),
        ]
    }));
    compare_batches(
        "oxidation_heat_w",
        &inputs,
        |[e, h, on, q, v, t]| heating::reference::oxidation_heat_w(e, h, on, q, v, t),
        |[e, h, on, q, v, t]| heating::lanes::oxidation_heat_w(e, h, on, q, v, t),
        EXACT,
        0.0,
    );
}

/// PHYSICS.md §5 rows: one material per lane position, cycling.
fn materials() -> Vec<Material> {
    let row = |id: &str, rho, cp, tm, hf, eps| Material {
        id: id.into(),
        density_kg_m3: rho,
        specific_heat_j_kg_k: cp,
        melt_temperature_k: tm,
        heat_of_fusion_j_kg: hf,
        emissivity: eps,
        ..Default::default()
    };
    vec![
        row("aluminium-6061", 2700.0, 896.0, 855.0, 386e3, 0.30),
        row("titanium-6al4v", 4430.0, 670.0, 1905.0, 338e3, 0.77),
        row("stainless-316", 8000.0, 640.0, 1665.0, 270e3, 0.85),
        row("copper", 8960.0, 440.0, 1356.0, 243e3, 0.60),
        row("cfrp", 1600.0, 1100.0, 800.0, 1350e3, 0.85),
        row("electronics", 3000.0, 790.0, 646.0, 49e3, 0.40),
        row("battery-li", 2000.0, 1000.0, 630.0, 261e3, 0.50),
        row("soft-waste", 250.0, 1500.0, 600.0, 800e3, 0.90),
    ]
}

#[test]
fn thermal_lanes_match_reference() {
    let mut rng = SplitMix64(0x7E4A);
    let materials = materials();
    // Inputs: [material index, net heat W, mass kg, temperature K].
    let mut inputs: Vec<[f64; 4]> = Vec::new();
    for (i, m) in materials.iter().enumerate() {
        for t in with_neighbours(m.melt_temperature_k) {
            for q in [-1e3, -f64::MIN_POSITIVE, 0.0, f64::MIN_POSITIVE, 1e3] {
                inputs.push([i as f64, q, 2.5, t]);
            }
        }
    }
    inputs.extend((0..3000).map(|_| {
        let i = (rng.next_u64() % materials.len() as u64) as usize;
        let tm = materials[i].melt_temperature_k;
        [
            i as f64,
            rng.uniform(-1e5, 1e5),
            rng.log_uniform(1e-3, 1e3),
            rng.uniform(200.0, tm + 50.0),
        ]
    }));
    let material_lanes = |index: F64s| {
        let idx = index.to_array();
        MaterialLanes::from_materials(std::array::from_fn(|lane| &materials[idx[lane] as usize]))
    };
    compare_batches(
        "heat_balance temperature_rate_k_s",
        &inputs,
        |[i, q, m, t]| {
            thermal::reference::heat_balance(q, m, t, &materials[i as usize]).temperature_rate_k_s
        },
        |[i, q, m, t]| {
            thermal::lanes::heat_balance(q, m, t, &material_lanes(i)).temperature_rate_k_s
        },
        EXACT,
        0.0,
    );
    compare_batches(
        "heat_balance mass_rate_kg_s",
        &inputs,
        |[i, q, m, t]| {
            thermal::reference::heat_balance(q, m, t, &materials[i as usize]).mass_rate_kg_s
        },
        |[i, q, m, t]| thermal::lanes::heat_balance(q, m, t, &material_lanes(i)).mass_rate_kg_s,
        EXACT,
        0.0,
    );
    // Inputs: [heat in W, emissivity, temperature K, surface m²].
    let inputs: Vec<[f64; 4]> = (0..3000)
        .map(|_| {
            [
                rng.uniform(0.0, 1e6),
                rng.uniform(0.1, 0.95),
                rng.uniform(200.0, 3000.0),
                rng.log_uniform(1e-4, 50.0),
            ]
        })
        .collect();
    compare_batches(
        "net_heat_w",
        &inputs,
        |[q, e, t, s]| thermal::reference::net_heat_w(q, e, t, s),
        |[q, e, t, s]| thermal::lanes::net_heat_w(q, e, t, s),
        EXACT,
        0.0,
    );
    compare_batches(
        "radiative_equilibrium_temperature_k",
        &inputs,
        |[q, e, _, _]| thermal::reference::radiative_equilibrium_temperature_k(q, e),
        |[q, e, _, _]| thermal::lanes::radiative_equilibrium_temperature_k(q, e),
        EXACT,
        0.0,
    );
    // Inputs: [mass kg, initial mass kg, hollow 0/1], with both demise thresholds ±1 ulp.
    let mut inputs: Vec<[f64; 3]> = Vec::new();
    for hollow in [0.0, 1.0] {
        for fraction in [
            thermal::DEMISE_MASS_FRACTION_SOLID,
            thermal::DEMISE_MASS_FRACTION_HOLLOW,
        ] {
            for m in with_neighbours(fraction * 40.0) {
                inputs.push([m, 40.0, hollow]);
            }
        }
        inputs.push([40.0, 40.0, hollow]);
    }
    inputs.extend((0..3000).map(|_| {
        let m0 = rng.log_uniform(1e-2, 1e3);
        [
            m0 * rng.log_uniform(1e-5, 1.0),
            m0,
            (rng.next_u64() % 2) as f64,
        ]
    }));
    compare_batches(
        "size_scale",
        &inputs,
        |[m, m0, h]| thermal::reference::size_scale(m, m0, h > 0.5),
        |[m, m0, h]| thermal::lanes::size_scale(m, m0, mask(h)),
        CBRT_REL,
        0.0,
    );
    let as_f64 = |b: bool| if b { 1.0 } else { 0.0 };
    compare_batches(
        "is_demised",
        &inputs,
        |[m, m0, h]| as_f64(thermal::reference::is_demised(m, m0, h > 0.5)),
        |[m, m0, h]| {
            let demised = thermal::lanes::is_demised(m, m0, mask(h));
            reentry_lanes::select(demised, F64s::ONE, F64s::ZERO)
        },
        EXACT,
        0.0,
    );
}

/// ECEF points from −10 km to 2000 km altitude, poles and equator included.
fn ecef_points(rng: &mut SplitMix64) -> Vec<[f64; 3]> {
    let mut points = Vec::new();
    for lat_deg in [-90.0, -45.0, 0.0, 1e-9, 51.6, 89.999, 90.0] {
        for h in [-10e3, 0.0, 80e3, 400e3, 2000e3] {
            for lon_deg in [-180.0, 0.0, 33.0, 180.0] {
                points.push(earth::reference::ecef_from_geodetic(
                    f64::to_radians(lat_deg),
                    f64::to_radians(lon_deg),
                    h,
                ));
            }
        }
    }
    points.extend((0..3000).map(|_| {
        earth::reference::ecef_from_geodetic(
            rng.uniform(-std::f64::consts::FRAC_PI_2, std::f64::consts::FRAC_PI_2),
            rng.uniform(-std::f64::consts::PI, std::f64::consts::PI),
            rng.uniform(-10e3, 2000e3),
        )
    }));
    points
}

#[test]
fn earth_lanes_match_reference() {
    let mut rng = SplitMix64(0xEA27);
    let points = ecef_points(&mut rng);
    compare_batches(
        "geodetic latitude_rad",
        &points,
        |p| earth::reference::geodetic_from_ecef(p).latitude_rad,
        |[x, y, z]| earth::lanes::geodetic_from_ecef(x, y, z).latitude_rad,
        0.0,
        GEODETIC_ANGLE_ABS_RAD,
    );
    compare_batches(
        "geodetic longitude_rad",
        &points,
        |p| earth::reference::geodetic_from_ecef(p).longitude_rad,
        |[x, y, z]| earth::lanes::geodetic_from_ecef(x, y, z).longitude_rad,
        0.0,
        GEODETIC_ANGLE_ABS_RAD,
    );
    compare_batches(
        "geodetic altitude_m",
        &points,
        |p| earth::reference::geodetic_from_ecef(p).altitude_m,
        |[x, y, z]| earth::lanes::geodetic_from_ecef(x, y, z).altitude_m,
        0.0,
        GEODETIC_ALTITUDE_ABS_M,
    );
    let angles: Vec<[f64; 2]> = points
        .iter()
        .map(|&p| {
            let g = earth::reference::geodetic_from_ecef(p);
            [g.latitude_rad, g.longitude_rad]
        })
        .collect();
    for row in 0..3 {
        for column in 0..3 {
            compare_batches(
                &format!("east_north_up[{row}][{column}]"),
                &angles,
                |[lat, lon]| earth::reference::east_north_up(lat, lon)[row][column],
                |[lat, lon]| earth::lanes::east_north_up(lat, lon)[row][column],
                0.0,
                SIN_COS_ABS,
            );
        }
    }
    let geodetic: Vec<[f64; 3]> = points
        .iter()
        .map(|&p| {
            let g = earth::reference::geodetic_from_ecef(p);
            [g.latitude_rad, g.longitude_rad, g.altitude_m]
        })
        .collect();
    for axis in 0..3 {
        compare_batches(
            &format!("ecef_from_geodetic axis {axis}"),
            &geodetic,
            |[lat, lon, h]| earth::reference::ecef_from_geodetic(lat, lon, h)[axis],
            |[lat, lon, h]| earth::lanes::ecef_from_geodetic(lat, lon, h)[axis],
            0.0,
            ECEF_ABS_M,
        );
    }
    for model in [GravityModel::PointMass, GravityModel::J2] {
        for axis in 0..3 {
            compare_batches(
                &format!("gravity_m_s2 {model:?} axis {axis}"),
                &points,
                |p| earth::reference::gravity_m_s2(p, model)[axis],
                |[x, y, z]| earth::lanes::gravity_m_s2(x, y, z, model)[axis],
                EXACT,
                0.0,
            );
        }
    }
}
