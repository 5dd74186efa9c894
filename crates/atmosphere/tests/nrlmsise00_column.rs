//! NRLMSISE-00 columns: below 72.5 km the model is a vertical profile whose shape depends only on
//! latitude, longitude, time and space weather. A column evaluated at the point's own altitude
//! is the model bit for bit (reference and lanes); a column's lane taken to the reference path
//! agrees with the lanes path to rounding; above the ceiling the whole model is used.

use reentry_atmosphere::nrlmsise00::{COLUMN_CEILING_KM, Nrlmsise00, Switches};
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{
    AtmosphereLanes, AtmospherePoint, AtmospherePointLanes, AtmosphereSample, Epoch, F64s, LANES,
};

fn models() -> [Nrlmsise00; 2] {
    let weather = SpaceWeather::Constant {
        f107_sfu: 180.0,
        f107a_sfu: 160.0,
        ap: 15.0,
    };
    [
        Nrlmsise00::new(weather.clone()),
        Nrlmsise00::new(weather).with_switches(Switches::with_ap_history()),
    ]
}

/// Points over the globe and a day, at altitudes of every branch below the ceiling (and, with
/// `above`, some at or above it).
fn points(n: usize, above: bool) -> Vec<AtmospherePoint> {
    let epoch = Epoch::parse_rfc3339("2026-03-16T16:40:00Z").expect("epoch");
    let below_km = [
        0.0, 5.0, 20.0, 32.5, 40.0, 55.0, 62.5, 65.0, 70.0, 72.499_999,
    ];
    let above_km = [72.5, 78.0, 95.0, 300.0];
    (0..n)
        .map(|k| {
            let altitude_km = if above && k % 3 == 0 {
                above_km[k % above_km.len()]
            } else {
                let base = below_km[k % below_km.len()];
                (base + 0.013 * (k / below_km.len()) as f64).min(COLUMN_CEILING_KM - 1e-6)
            };
            AtmospherePoint {
                altitude_m: 1000.0 * altitude_km,
                latitude_rad: (-1.45 + 0.173 * k as f64) % 1.5,
                longitude_rad: (-3.1 + 0.377 * k as f64) % 3.1,
                epoch: epoch.plus_seconds(97.0 * k as f64),
            }
        })
        .collect()
}

fn lanes_of(chunk: &[AtmospherePoint]) -> AtmospherePointLanes {
    let col = |f: &dyn Fn(&AtmospherePoint) -> f64| {
        F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
            f(&chunk[i.min(chunk.len() - 1)])
        }))
    };
    AtmospherePointLanes {
        altitude_m: col(&|p| p.altitude_m),
        latitude_rad: col(&|p| p.latitude_rad),
        longitude_rad: col(&|p| p.longitude_rad),
        epoch_j2000_s: col(&|p| p.epoch.j2000_s),
    }
}

fn bits(s: &AtmosphereSample) -> [u64; 4] {
    [
        s.density_kg_m3.to_bits(),
        s.temperature_k.to_bits(),
        s.pressure_pa.to_bits(),
        s.mean_free_path_m.to_bits(),
    ]
}

fn lane(s: &AtmosphereLanes, i: usize) -> AtmosphereSample {
    let l = |v: F64s| v.to_array()[i];
    AtmosphereSample {
        density_kg_m3: l(s.density_kg_m3),
        temperature_k: l(s.temperature_k),
        pressure_pa: l(s.pressure_pa),
        mean_free_path_m: l(s.mean_free_path_m),
    }
}

#[test]
fn a_column_at_the_points_own_altitude_is_the_model_bit_for_bit() {
    for model in models() {
        for p in points(200, true) {
            let column = model.column(&p);
            assert_eq!(
                bits(&model.sample_in(&column, &p)),
                bits(&model.sample(&p)),
                "reference at {} km",
                p.altitude_m / 1000.0
            );
        }
        let pts = points(203, true);
        for chunk in pts.chunks(LANES) {
            let batch = lanes_of(chunk);
            let column = model.column_lanes(&batch);
            let with = model.sample_lanes_in(&column, &batch);
            let without = model.sample_lanes(&batch);
            for (i, p) in chunk.iter().enumerate() {
                assert_eq!(
                    bits(&lane(&with, i)),
                    bits(&lane(&without, i)),
                    "lanes at {} km",
                    p.altitude_m / 1000.0
                );
            }
        }
    }
}

#[test]
fn a_lane_of_a_column_on_the_reference_path_agrees_with_the_lanes_path() {
    let mut worst = 0.0f64;
    for model in models() {
        let pts = points(160, false);
        for chunk in pts.chunks(LANES) {
            let batch = lanes_of(chunk);
            let column = model.column_lanes(&batch);
            let lanes = model.sample_lanes_in(&column, &batch);
            for (i, p) in chunk.iter().enumerate() {
                let one = model.sample_in(&column.lane(i), p);
                let l = lane(&lanes, i);
                for (a, b) in [
                    (one.density_kg_m3, l.density_kg_m3),
                    (one.temperature_k, l.temperature_k),
                    (one.pressure_pa, l.pressure_pa),
                    (one.mean_free_path_m, l.mean_free_path_m),
                ] {
                    let rel = (a / b - 1.0).abs();
                    assert!(rel < 1e-11, "{} km: {a} vs {b}", p.altitude_m / 1000.0);
                    worst = worst.max(rel);
                }
            }
        }
    }
    eprintln!("column lanes vs reference: worst relative difference {worst:e}");
}

/// A column carried away from its point changes the density by the model's horizontal gradient
/// only: about 1e-4 per km at 70 km and less below (the size the solver's once-per-step
/// columns rely on); at the point itself it is exact.
#[test]
fn a_column_moved_one_kilometre_changes_the_density_by_the_horizontal_gradient_only() {
    let model = &models()[0];
    let km_rad = 1.0 / 6371.0;
    let mut worst = 0.0f64;
    for p in points(120, false) {
        let column = model.column(&p);
        for (dlat, dlon) in [(km_rad, 0.0), (0.0, km_rad / p.latitude_rad.cos())] {
            let moved = AtmospherePoint {
                latitude_rad: p.latitude_rad + dlat,
                longitude_rad: p.longitude_rad + dlon,
                ..p
            };
            let exact = model.sample(&moved).density_kg_m3;
            let from_column = model.sample_in(&column, &moved).density_kg_m3;
            worst = worst.max((from_column / exact - 1.0).abs());
        }
    }
    eprintln!("column moved 1 km: worst relative density change {worst:e}");
    assert!(worst > 0.0, "the column must not follow the point");
    assert!(worst < 2e-4, "{worst:e}");
}
