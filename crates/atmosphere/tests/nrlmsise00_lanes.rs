//! NRLMSISE-00 lanes kernel against the plain-f64 reference, lane by lane: every altitude
//! branch and the values one ulp either side of each breakpoint, both Ap modes, switch
//! variations, a seeded random sample over 0–1000 km, and batches of 1..=2·LANES+1 points.

use reentry_atmosphere::nrlmsise00::{
    Input, InputLanes, Nrlmsise00, Output, Switches, lanes, local_solar_time_h, reference,
};
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{AtmospherePoint, AtmospherePointLanes, Epoch, F64s, LANES};

/// Lanes vs reference, relative, every output. The lanes kernel folds each species' DENSU
/// powers and exponentials into one `exp` of a sum of logs and takes the harmonics by angle
/// addition; with `wide`'s exp/ln/sin_cos the largest difference measured over this file's
/// points (printed by the tests) is 7.2e-14, near 1000 km where ln n ≈ −40 magnifies the
/// rounding of the exponent; 1e-11 leaves two orders of magnitude of margin.
const LANES_REL_TOL: f64 = 1.0e-11;

/// Outputs that the model sets to exactly zero (O, H, N, anomalous O below 72.5 km) must be
/// exactly zero in both.
fn fields(o: &Output) -> [f64; 12] {
    [
        o.n_he_m3,
        o.n_o_m3,
        o.n_n2_m3,
        o.n_o2_m3,
        o.n_ar_m3,
        o.n_h_m3,
        o.n_n_m3,
        o.n_anomalous_o_m3,
        o.exospheric_temperature_k,
        o.temperature_k,
        o.density_gtd7_kg_m3,
        o.density_gtd7d_kg_m3,
    ]
}

const NAMES: [&str; 12] = [
    "He",
    "O",
    "N2",
    "O2",
    "Ar",
    "H",
    "N",
    "anom_O",
    "T_exo",
    "T",
    "rho_gtd7",
    "rho_gtd7d",
];

/// Largest relative difference over the fields, or an error text.
fn compare(a: &Output, b: &Output, what: &str) -> Result<f64, String> {
    let (fa, fb) = (fields(a), fields(b));
    let mut worst = 0.0f64;
    for k in 0..12 {
        let (x, y) = (fa[k], fb[k]);
        if y == 0.0 || x == 0.0 {
            // Tiny tails (anomalous O near 72.5 km is ~1e-40 m⁻³) may underflow differently.
            if (x - y).abs() > 1e-30 {
                return Err(format!(
                    "{what} {}: lanes {x:e} vs reference {y:e}",
                    NAMES[k]
                ));
            }
            continue;
        }
        let rel = (x / y - 1.0).abs();
        if rel.is_nan() || rel > LANES_REL_TOL {
            return Err(format!(
                "{what} {}: lanes {x:e} vs reference {y:e} (rel {rel:e})",
                NAMES[k]
            ));
        }
        worst = worst.max(rel);
    }
    Ok(worst)
}

/// SplitMix64: a fixed, portable stream for the random sample.
struct SplitMix(u64);
impl SplitMix {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }
}

fn random_input(rng: &mut SplitMix) -> Input {
    let ut_s = rng.range(0.0, 86_400.0);
    let lon = rng.range(-180.0, 180.0);
    let ap: [f64; 7] = std::array::from_fn(|_| rng.range(0.0, 300.0));
    Input {
        day_of_year: rng.range(1.0, 366.0).floor(),
        ut_s,
        altitude_km: if rng.next_f64() < 0.4 {
            rng.range(0.0, 130.0)
        } else {
            rng.range(0.0, 1000.0)
        },
        latitude_deg: rng.range(-90.0, 90.0),
        longitude_deg: lon,
        local_solar_time_h: local_solar_time_h(ut_s, lon),
        f107a_sfu: rng.range(65.0, 300.0),
        f107_sfu: rng.range(65.0, 300.0),
        ap: ap[0],
        ap_history: ap,
    }
}

/// Every altitude (km) where a branch of the model changes, with its neighbours one ulp away.
fn breakpoint_altitudes_km() -> Vec<f64> {
    let breaks: [f64; 22] = [
        0.0, 10.0, 15.0, 20.0, 32.5, 45.0, 55.0, 62.5, 72.5, 90.0, 100.0, 110.0, 120.0, 123.435,
        160.0, 200.0, 240.0, 250.0, 300.0, 320.0, 450.0, 1000.0,
    ];
    let mut v = Vec::new();
    for b in breaks {
        v.push(b);
        if b > 0.0 {
            v.push(f64::from_bits(b.to_bits() - 1));
        }
        v.push(f64::from_bits(b.to_bits() + 1));
    }
    v.extend([
        5.0, 25.0, 40.0, 50.0, 65.0, 70.0, 75.0, 80.0, 95.0, 105.0, 115.0, 130.0, 400.0,
    ]);
    v.extend([500.0, 600.0, 700.0, 800.0, 900.0, 999.0]);
    v
}

/// Runs the lanes kernel on `inputs` in batches of `batch` (≤ LANES) and compares each lane.
fn check_batches(inputs: &[Input], switches: &Switches, batch: usize) -> Result<f64, String> {
    let mut worst = 0.0f64;
    for chunk in inputs.chunks(batch) {
        let out = lanes::gtd7(&InputLanes::from_inputs(chunk), switches);
        for (i, input) in chunk.iter().enumerate() {
            let r = reference::gtd7(input, switches);
            let what = format!("alt {} km lane {i}", input.altitude_km);
            worst = worst.max(compare(&out.lane(i), &r, &what)?);
        }
    }
    Ok(worst)
}

fn base_input(altitude_km: f64) -> Input {
    Input {
        day_of_year: 172.0,
        ut_s: 29_000.0,
        altitude_km,
        latitude_deg: 60.0,
        longitude_deg: -70.0,
        local_solar_time_h: 16.0,
        f107a_sfu: 150.0,
        f107_sfu: 150.0,
        ap: 4.0,
        ap_history: [100.0, 80.0, 60.0, 50.0, 40.0, 30.0, 20.0],
    }
}

#[test]
fn every_branch_and_breakpoint_both_ap_modes() {
    let alts = breakpoint_altitudes_km();
    // Mix latitudes and times across lanes so each batch holds different branches.
    let inputs: Vec<Input> = alts
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let mut i = base_input(a);
            i.latitude_deg = -85.0 + (k as f64 * 37.0) % 170.0;
            i.longitude_deg = -180.0 + (k as f64 * 53.0) % 360.0;
            i.ut_s = (k as f64 * 3_700.0) % 86_400.0;
            i.local_solar_time_h = local_solar_time_h(i.ut_s, i.longitude_deg);
            i
        })
        .collect();
    let mut worst = 0.0f64;
    for switches in [Switches::standard(), Switches::with_ap_history()] {
        worst =
            worst.max(check_batches(&inputs, &switches, LANES).unwrap_or_else(|e| panic!("{e}")));
    }
    eprintln!("breakpoints: worst lanes/reference relative difference {worst:e}");
}

#[test]
fn switch_variations() {
    let inputs: Vec<Input> = breakpoint_altitudes_km()
        .into_iter()
        .map(base_input)
        .collect();
    let mut worst = 0.0f64;
    for index in 1..=23 {
        for value in [0i8, 2] {
            let mut sw = Switches::standard();
            sw.set(index, value).expect("valid switch");
            let w = check_batches(&inputs, &sw, LANES)
                .unwrap_or_else(|e| panic!("switch {index} = {value}: {e}"));
            worst = worst.max(w);
        }
    }
    eprintln!("switch variations: worst relative difference {worst:e}");
}

#[test]
fn seeded_random_sample_and_batch_tails() {
    let mut rng = SplitMix(0x5EED_2026_0316);
    let inputs: Vec<Input> = (0..2_000).map(|_| random_input(&mut rng)).collect();
    let mut worst = 0.0f64;
    for switches in [Switches::standard(), Switches::with_ap_history()] {
        for batch in 1..=LANES {
            let w = check_batches(&inputs[..203], &switches, batch)
                .unwrap_or_else(|e| panic!("batch {batch}: {e}"));
            worst = worst.max(w);
        }
        worst =
            worst.max(check_batches(&inputs, &switches, LANES).unwrap_or_else(|e| panic!("{e}")));
    }
    eprintln!("random: worst relative difference {worst:e}");
}

#[test]
fn model_sample_lanes_matches_sample_for_every_batch_size() {
    let model = Nrlmsise00::new(SpaceWeather::Constant {
        f107_sfu: 180.0,
        f107a_sfu: 160.0,
        ap: 15.0,
    });
    let epoch = Epoch::parse_rfc3339("2026-03-16T13:24:00Z").expect("epoch");
    let mut rng = SplitMix(7);
    let points: Vec<AtmospherePoint> = (0..2 * LANES + 1)
        .map(|_| AtmospherePoint {
            altitude_m: rng.range(0.0, 1.0e6),
            latitude_rad: rng.range(-1.5, 1.5),
            longitude_rad: rng.range(-3.1, 3.1),
            epoch: epoch.plus_seconds(rng.range(0.0, 5_000.0)),
        })
        .collect();
    for n in 1..=2 * LANES + 1 {
        for chunk in points[..n].chunks(LANES) {
            let pad = |f: &dyn Fn(&AtmospherePoint) -> f64| {
                F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
                    f(&chunk[i.min(chunk.len() - 1)])
                }))
            };
            let lanes_points = AtmospherePointLanes {
                altitude_m: pad(&|p| p.altitude_m),
                latitude_rad: pad(&|p| p.latitude_rad),
                longitude_rad: pad(&|p| p.longitude_rad),
                epoch_j2000_s: pad(&|p| p.epoch.j2000_s),
            };
            let out = model.sample_lanes(&lanes_points);
            for (i, p) in chunk.iter().enumerate() {
                let r = model.sample(p);
                let l = [
                    out.density_kg_m3.to_array()[i],
                    out.temperature_k.to_array()[i],
                    out.pressure_pa.to_array()[i],
                    out.mean_free_path_m.to_array()[i],
                ];
                let e = [
                    r.density_kg_m3,
                    r.temperature_k,
                    r.pressure_pa,
                    r.mean_free_path_m,
                ];
                for k in 0..4 {
                    assert!(
                        (l[k] / e[k] - 1.0).abs() <= LANES_REL_TOL,
                        "n {n} lane {i} field {k}: {} vs {}",
                        l[k],
                        e[k]
                    );
                }
            }
        }
    }
}

/// A lane's outputs are bit for bit the same whichever branch its neighbours pull the batch
/// into: a batch wholly at or below 62.5 km leaves out GTS7's species at 72.5 km (GTD7 weighs
/// them by 0 there), one reaching above 62.5 km computes them, one reaching 72.5 km computes
/// the thermosphere too. The solver's lanes rely on this for results that do not depend on
/// which fragments share a batch.
#[test]
fn lane_results_do_not_depend_on_the_branch_of_their_neighbours() {
    let low: Vec<Input> = [0.0, 10.0, 32.5, 40.0, 55.0, 62.5, 61.0, 20.0]
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let mut i = base_input(a);
            i.latitude_deg = -60.0 + 15.0 * k as f64;
            i.longitude_deg = -150.0 + 40.0 * k as f64;
            i
        })
        .collect();
    for switches in [Switches::standard(), Switches::with_ap_history()] {
        let alone = lanes::gtd7(
            &InputLanes::from_inputs(&low[..LANES.min(low.len())]),
            &switches,
        );
        for neighbour_km in [62.5 + 1e-9, 65.0, 72.5, 300.0] {
            let mut mixed = low[..LANES.min(low.len())].to_vec();
            let last = mixed.len() - 1;
            mixed[last] = base_input(neighbour_km);
            let out = lanes::gtd7(&InputLanes::from_inputs(&mixed), &switches);
            for (i, point) in low.iter().enumerate().take(last) {
                let (a, b) = (fields(&alone.lane(i)), fields(&out.lane(i)));
                for (k, (x, y)) in a.iter().zip(&b).enumerate() {
                    assert_eq!(
                        x.to_bits(),
                        y.to_bits(),
                        "lane {i} at {} km, field {k}, neighbour at {neighbour_km} km: {x} vs {y}",
                        point.altitude_km
                    );
                }
            }
        }
    }
}
