//! `reentry atmosphere --model nrlmsise00` against DESIGN.md §4 (Contract): the NRLMSISE-00
//! columns, the documented test case 1, space weather from flags, rows and a file, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reentry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reentry"))
        .args(args)
        .output()
        .expect("the reentry binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("atmosphere_nrlmsise00_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Header and rows of the CSV on standard output.
fn table(o: &Output) -> (Vec<String>, Vec<Vec<f64>>) {
    assert!(o.status.success(), "{}", stderr(o));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(|c| c.parse().expect("number")).collect())
        .collect();
    (header, rows)
}

/// The CelesTrak SW-All.csv excerpt the atmosphere crate tests with.
fn sw_excerpt() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../atmosphere/tests/data/nrlmsise00_sw_excerpt.csv")
}

/// Documented outputs are printed with 7 significant digits (5e-7 rounding).
const DOCUMENTED_REL_TOL: f64 = 1.0e-6;

#[test]
fn columns_and_documented_case_1() {
    let dir = scratch("case1");
    // Test case 1 of the model's documentation (lst 16 h given explicitly; F10.7 = F10.7A =
    // 150, Ap = 4 are the defaults).
    let input = write(
        &dir,
        "p.csv",
        "alt_km,lat_deg,lon_deg,doy,ut_s,lst_h\n400,60,-70,172,29000,16\n",
    );
    let out = reentry(&["atmosphere", "--model", "nrlmsise00", "--input", s(&input)]);
    let (header, rows) = table(&out);
    assert_eq!(
        header[6..],
        [
            "rho_kg_m3",
            "t_k",
            "p_pa",
            "mfp_m",
            "rho_gtd7_kg_m3",
            "t_exo_k",
            "n_he_m3",
            "n_o_m3",
            "n_n2_m3",
            "n_o2_m3",
            "n_ar_m3",
            "n_h_m3",
            "n_n_m3",
            "n_anom_o_m3"
        ]
    );
    let r = &rows[0];
    let col = |name: &str| r[header.iter().position(|h| h == name).expect(name)];
    // Documented (cgs) values × 1e6 (cm⁻³ → m⁻³) or × 1e3 (g/cm³ → kg/m³); gtd7d from the C port.
    for (name, expected) in [
        ("rho_kg_m3", 4.075422e-12),
        ("rho_gtd7_kg_m3", 4.074714e-12),
        ("t_k", 1241.416),
        ("t_exo_k", 1250.540),
        ("n_he_m3", 6.665177e11),
        ("n_o_m3", 1.138806e14),
        ("n_n2_m3", 1.998211e13),
        ("n_o2_m3", 4.022764e11),
        ("n_ar_m3", 3.557465e9),
        ("n_h_m3", 3.475312e10),
        ("n_n_m3", 4.095913e12),
        ("n_anom_o_m3", 2.667273e10),
    ] {
        let rel = (col(name) / expected - 1.0).abs();
        assert!(
            rel <= DOCUMENTED_REL_TOL,
            "{name}: {} vs {expected}",
            col(name)
        );
    }
    // p = n k T over the seven species.
    let n: f64 = [
        "n_he_m3", "n_o_m3", "n_n2_m3", "n_o2_m3", "n_ar_m3", "n_h_m3", "n_n_m3",
    ]
    .iter()
    .map(|c| col(c))
    .sum();
    let p = n * 1.380649e-23 * col("t_k");
    assert!((col("p_pa") / p - 1.0).abs() < 1e-12);
}

#[test]
fn flags_and_row_columns_set_space_weather() {
    let dir = scratch("flags");
    let input = write(&dir, "p.csv", "alt_km,doy\n400,172\n");
    let flagged = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--f107",
        "180",
        "--f107a",
        "160",
        "--ap",
        "30",
    ]);
    let by_row = write(
        &dir,
        "q.csv",
        "alt_km,doy,f107,f107a,ap\n400,172,180,160,30\n",
    );
    let rows = reentry(&["atmosphere", "--model", "nrlmsise00", "--input", s(&by_row)]);
    let (_, a) = table(&flagged);
    let (_, b) = table(&rows);
    // Same model outputs (the row file has three more input columns).
    assert_eq!(a[0][2..], b[0][5..]);
    let default = reentry(&["atmosphere", "--model", "nrlmsise00", "--input", s(&input)]);
    let (_, c) = table(&default);
    assert!(
        a[0][2] > 1.5 * c[0][2],
        "more solar and magnetic activity, denser at 400 km"
    );
}

#[test]
fn space_weather_file_is_looked_up_by_date() {
    let dir = scratch("file");
    // 2000-01-09T04:03:08Z: pymsis's own lookup on the same file gives F10.7 = 154.7 (previous
    // day), F10.7A = 164.3, Ap = 3 (tests/data/nrlmsise00_sw_expected.csv of the atmosphere crate).
    let input = write(
        &dir,
        "p.csv",
        "alt_km,lat_deg,lon_deg,year,doy,ut_s\n350,-20,45,2000,9,14588\n",
    );
    let from_file = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--space-weather",
        s(&sw_excerpt()),
    ]);
    let explicit = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--f107",
        "154.7",
        "--f107a",
        "164.3",
        "--ap",
        "3",
    ]);
    assert_eq!(table(&from_file).1, table(&explicit).1);
}

#[test]
fn date_outside_the_file_is_bad_input_and_writes_nothing() {
    let dir = scratch("outside");
    let input = write(
        &dir,
        "p.csv",
        "alt_km,year,doy,ut_s\n300,2000,9,0\n300,2001,60,0\n",
    );
    let out_path = dir.join("out.csv");
    let out = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--space-weather",
        s(&sw_excerpt()),
        "--output",
        s(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("p.csv:3"), "{msg}");
    assert!(msg.contains("2001-03-01"), "{msg}");
    assert!(msg.contains("2000-01-01 to 2000-04-30"), "{msg}");
    assert!(!out_path.exists());
}

#[test]
fn bad_space_weather_file_and_altitude_are_bad_input() {
    let dir = scratch("bad");
    let input = write(&dir, "p.csv", "alt_km\n300\n");
    let sw = write(&dir, "sw.csv", "DATE,AP_AVG,F10.7_OBS\n2000-01-01,3,150\n");
    let out = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--space-weather",
        s(&sw),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("F10.7_OBS_CENTER81"),
        "{}",
        stderr(&out)
    );
    let missing = reentry(&[
        "atmosphere",
        "--model",
        "nrlmsise00",
        "--input",
        s(&input),
        "--space-weather",
        "/nonexistent/sw.csv",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/nonexistent/sw.csv"));
    let high = write(&dir, "h.csv", "alt_km\n1200\n");
    let out = reentry(&["atmosphere", "--model", "nrlmsise00", "--input", s(&high)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("alt_km"), "{}", stderr(&out));
}
