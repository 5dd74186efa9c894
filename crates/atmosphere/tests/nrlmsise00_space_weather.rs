//! Space-weather files for NRLMSISE-00: lookups by date against pymsis's own lookup on the same
//! CelesTrak excerpt (tests/data/nrlmsise00_sw_expected.py), and the errors users see.

use std::path::{Path, PathBuf};

use reentry_atmosphere::Epoch;
use reentry_atmosphere::space_weather::{SpaceWeather, SpaceWeatherError};

/// pymsis averages the eight 3-hour ap values by a convolution with weights 1/8; we sum and
/// divide by 8. Measured difference 0 or 1 ulp of values below 400.
const AP_MEAN_ABS_TOL: f64 = 1e-12;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn lookups_match_pymsis_convention() {
    let sw = SpaceWeather::from_csv_file(&data("nrlmsise00_sw_excerpt.csv")).expect("file reads");
    let text = std::fs::read_to_string(data("nrlmsise00_sw_expected.csv")).expect("expected");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let epoch = Epoch::parse_rfc3339(c[0]).expect("date");
        let v: Vec<f64> = c[1..].iter().map(|x| x.parse().expect("number")).collect();
        let got = sw.indices_at(epoch, true).expect("covered");
        assert_eq!(got.f107_sfu, v[0], "{}: F10.7 of the previous day", c[0]);
        assert_eq!(got.f107a_sfu, v[1], "{}: centred 81-day mean", c[0]);
        assert_eq!(got.ap, v[2], "{}: daily Ap", c[0]);
        for k in 0..7 {
            assert!(
                (got.ap_history[k] - v[2 + k]).abs() <= AP_MEAN_ABS_TOL,
                "{} ap[{k}]: {} vs {}",
                c[0],
                got.ap_history[k],
                v[2 + k]
            );
        }
        // Without the history only the two days are needed; the daily values are the same.
        let daily = sw.indices_at(epoch, false).expect("covered");
        assert_eq!(
            (daily.f107_sfu, daily.f107a_sfu, daily.ap),
            (v[0], v[1], v[2])
        );
        n += 1;
    }
    assert_eq!(n, 65);
}

#[test]
fn date_outside_the_file_names_date_and_range() {
    let path = data("nrlmsise00_sw_excerpt.csv");
    let sw = SpaceWeather::from_csv_file(&path).expect("file reads");
    let after = Epoch::parse_rfc3339("2000-05-01T06:00:00Z").expect("date");
    let msg = sw
        .indices_at(after, false)
        .expect_err("outside")
        .to_string();
    assert!(msg.contains("2000-05-01"), "{msg}");
    assert!(msg.contains("2000-01-01 to 2000-04-30"), "{msg}");
    assert!(msg.contains("nrlmsise00_sw_excerpt.csv"), "{msg}");
    // The first day has no previous day for F10.7.
    let first = Epoch::parse_rfc3339("2000-01-01T12:00:00Z").expect("date");
    let msg = sw
        .indices_at(first, false)
        .expect_err("no previous day")
        .to_string();
    assert!(msg.contains("1999-12-31"), "{msg}");
    // The history needs three days back.
    let third = Epoch::parse_rfc3339("2000-01-03T01:00:00Z").expect("date");
    assert!(sw.indices_at(third, false).is_ok());
    assert!(sw.indices_at(third, true).is_err());
    assert!(
        sw.check_covers(
            Epoch::parse_rfc3339("2000-04-29T00:00:00Z").expect("date"),
            Epoch::parse_rfc3339("2000-05-02T00:00:00Z").expect("date"),
            false
        )
        .is_err()
    );
}

fn parse(text: &str) -> Result<SpaceWeather, SpaceWeatherError> {
    let dir = std::env::temp_dir().join(format!("reentry-sw-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("sw-{}.csv", text.len()));
    std::fs::write(&path, text).expect("write");
    let r = SpaceWeather::from_csv_file(&path);
    let _ = std::fs::remove_file(&path);
    r
}

const HEADER: &str = "DATE,AP1,AP2,AP3,AP4,AP5,AP6,AP7,AP8,AP_AVG,F10.7_OBS,F10.7_OBS_CENTER81";

#[test]
fn bad_files_give_line_and_column() {
    let msg = parse("DATE,AP_AVG,F10.7_OBS\n2000-01-01,3,150\n").expect_err("missing column");
    assert!(msg.to_string().contains("F10.7_OBS_CENTER81"), "{msg}");

    let text = format!(
        "{HEADER}\n2000-01-01,1,2,3,4,5,6,7,8,5,150.1,149\n2000-01-02,1,2,x,4,5,6,7,8,5,150,149\n"
    );
    let msg = parse(&text).expect_err("bad cell").to_string();
    assert!(msg.contains("line 3, column 4 (AP3)"), "{msg}");
    assert!(msg.contains("'x'"), "{msg}");

    let text = format!(
        "{HEADER}\n2000-01-02,1,2,3,4,5,6,7,8,5,150,149\n2000-01-01,1,2,3,4,5,6,7,8,5,150,149\n"
    );
    let msg = parse(&text).expect_err("order").to_string();
    assert!(msg.contains("line 3"), "{msg}");

    let text = format!("{HEADER}\n2000-13-01,1,2,3,4,5,6,7,8,5,150,149\n");
    let msg = parse(&text).expect_err("date").to_string();
    assert!(msg.contains("line 2, column 1 (DATE)"), "{msg}");

    let text = format!("{HEADER}\n2000-01-01,1,2,3,4,5,6,7,8,5,5000,149\n");
    let msg = parse(&text).expect_err("range").to_string();
    assert!(
        msg.contains("column 11 (F10.7_OBS)") && msg.contains("0 to 2000"),
        "{msg}"
    );

    assert!(parse(&format!("{HEADER}\n")).is_err());
    let missing = std::path::Path::new("/nonexistent/sw.csv");
    let msg = SpaceWeather::from_csv_file(missing)
        .expect_err("missing")
        .to_string();
    assert!(msg.contains("/nonexistent/sw.csv"), "{msg}");
}

#[test]
fn missing_values_leave_dates_uncovered() {
    // A gap (negative = missing in CelesTrak files) is an uncovered date, not an error.
    let text = format!(
        "{HEADER}\n2000-01-01,1,2,3,4,5,6,7,8,5,150,149\n2000-01-02,1,2,3,4,5,6,7,8,-1,150,149\n2000-01-03,1,2,3,4,5,6,7,8,5,151,149\n2000-01-05,1,2,3,4,5,6,7,8,5,152,149\n"
    );
    let sw = parse(&text).expect("parses");
    let at = |s: &str| Epoch::parse_rfc3339(s).expect("date");
    assert!(sw.indices_at(at("2000-01-02T12:00:00Z"), false).is_err());
    // 2000-01-03 needs the F10.7 of 2000-01-02, whose row is incomplete.
    assert!(sw.indices_at(at("2000-01-03T12:00:00Z"), false).is_err());
    assert!(sw.indices_at(at("2000-01-04T12:00:00Z"), false).is_err());
    let v = sw.indices_at(at("2000-01-05T12:00:00Z"), false);
    assert!(
        v.is_err(),
        "2000-01-04 is missing, so the previous-day F10.7 of 01-05 is too"
    );
}
