//! The configured model: switches, space-weather sources, and what a kernel does outside a
//! space-weather file.

use std::path::Path;

use reentry_atmosphere::nrlmsise00::{Nrlmsise00, SwitchError, Switches, reference};
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{Atmosphere, AtmospherePoint, Epoch};

#[test]
fn switches_accept_the_model_values_only() {
    let mut sw = Switches::standard();
    assert_eq!(sw.get(9), Some(1));
    assert!(!sw.uses_ap_history());
    sw.set(9, -1).expect("switch 9 = -1 selects the ap history");
    assert!(sw.uses_ap_history());
    assert_eq!(sw, Switches::with_ap_history());
    for i in 1..=23 {
        for v in [0, 1, 2] {
            assert!(sw.set(i, v).is_ok());
        }
    }
    assert_eq!(sw.set(0, 1), Err(SwitchError::Index { index: 0 }));
    assert_eq!(sw.set(24, 1), Err(SwitchError::Index { index: 24 }));
    assert_eq!(
        sw.set(7, -1),
        Err(SwitchError::Value {
            index: 7,
            value: -1
        })
    );
    assert_eq!(sw.set(9, 3), Err(SwitchError::Value { index: 9, value: 3 }));
    assert_eq!(sw.get(0), None);
    assert!(
        sw.set(9, 3)
            .expect_err("3")
            .to_string()
            .contains("switch 9 = 3")
    );
}

fn point(epoch: &str, altitude_km: f64) -> AtmospherePoint {
    AtmospherePoint {
        altitude_m: altitude_km * 1000.0,
        latitude_rad: 0.3,
        longitude_rad: -1.2,
        epoch: Epoch::parse_rfc3339(epoch).expect("epoch"),
    }
}

#[test]
fn constant_space_weather_matches_the_model_at_the_same_inputs() {
    let model = Nrlmsise00::new(SpaceWeather::Constant {
        f107_sfu: 120.0,
        f107a_sfu: 140.0,
        ap: 12.0,
    });
    let p = point("2026-03-16T13:24:00Z", 250.0);
    let input = model.input_at(&p);
    assert_eq!(input.day_of_year, 75.0);
    assert_eq!(input.ut_s, 48_240.0);
    assert_eq!(
        (input.f107_sfu, input.f107a_sfu, input.ap),
        (120.0, 140.0, 12.0)
    );
    let lon_deg = p.longitude_rad.to_degrees();
    assert!((input.local_solar_time_h - (13.4 + lon_deg / 15.0)).abs() < 1e-12);
    let direct = reference::gtd7(&input, &Switches::standard());
    let s = model.sample(&p);
    assert_eq!(s.density_kg_m3, direct.density_gtd7d_kg_m3);
    assert_eq!(s.temperature_k, direct.temperature_k);
    // Through the crate's model enum as the solver uses it.
    let atm = Atmosphere::Nrlmsise00(Box::new(model));
    assert_eq!(atm.sample(&p), s);
}

#[test]
fn outside_a_space_weather_file_the_kernel_gives_nan_and_the_check_says_why() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nrlmsise00_sw_excerpt.csv");
    let sw = SpaceWeather::from_csv_file(&path).expect("file");
    let inside = point("2000-03-01T06:00:00Z", 300.0);
    let outside = point("2026-03-16T13:24:00Z", 300.0);
    assert!(
        sw.check_covers(inside.epoch, inside.epoch.plus_seconds(86_400.0), true)
            .is_ok()
    );
    let err = sw
        .check_covers(outside.epoch, outside.epoch, false)
        .expect_err("not covered");
    assert!(err.to_string().contains("2026-03-16"), "{err}");
    let model = Nrlmsise00::new(sw);
    assert!(model.sample(&inside).density_kg_m3 > 0.0);
    assert!(model.sample(&outside).density_kg_m3.is_nan());
}
