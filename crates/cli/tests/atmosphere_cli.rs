//! `reentry atmosphere` against DESIGN.md §4 (Contract): columns, defaults, outputs, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reentry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reentry"))
        .args(args)
        .output()
        .expect("the reentry binary runs")
}

/// A fresh directory under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("atmosphere_cli_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Parses the CSV the command wrote: header and rows of cells.
fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Published US76 Table I values (`reference/us76_published.csv`): T, P, ρ at 0, 11.019 and
/// 500 km.
const PUBLISHED: [(f64, f64, f64, f64); 3] = [
    (0.0, 288.15, 101325.0, 1.225),
    (11.019, 216.65, 22632.0, 0.36392),
    (500.0, 999.24, 3.0236e-07, 5.215e-13),
];

/// Same bound as the library test of Table I (3e-4 relative).
const PUBLISHED_MAX_REL_ERR: f64 = 3e-4;

#[test]
fn us76_to_stdout_echoes_input_columns_and_appends_the_contract_columns() {
    let dir = scratch("us76_stdout");
    let input = write(
        &dir,
        "points.csv",
        "lat_deg,alt_km,note\n10,0,a\n-20,11.019,b\n0,500,c\n",
    );
    let out = reentry(&["atmosphere", "--model", "us76", "--input", s(&input)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, rows) = parse(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        header,
        [
            "lat_deg",
            "alt_km",
            "note",
            "rho_kg_m3",
            "t_k",
            "p_pa",
            "mfp_m"
        ]
    );
    assert_eq!(rows.len(), 3);
    for (row, &(alt_km, t, p, rho)) in rows.iter().zip(&PUBLISHED) {
        assert_eq!(row[1].parse::<f64>().ok(), Some(alt_km));
        let v: Vec<f64> = row[3..]
            .iter()
            .map(|c| c.parse().expect("number"))
            .collect();
        for (got, want) in [(v[0], rho), (v[1], t), (v[2], p)] {
            assert!(
                ((got - want) / want).abs() <= PUBLISHED_MAX_REL_ERR,
                "{got} vs {want}"
            );
        }
        // λ = k_B T/(√2 π d² p), d = 3.65e-10 m (PHYSICS.md §2).
        let mfp = 1.380649e-23 * v[1]
            / (std::f64::consts::SQRT_2 * std::f64::consts::PI * 3.65e-10f64.powi(2) * v[2]);
        assert!(((v[3] - mfp) / mfp).abs() < 1e-14);
    }
    assert_eq!(&rows[0][..3], ["10", "0", "a"]);
}

#[test]
fn numbers_are_written_in_shortest_round_trip_form() {
    let dir = scratch("round_trip");
    let input = write(&dir, "p.csv", "alt_km\n42.5\n");
    let output = dir.join("out.csv");
    let out = reentry(&[
        "atmosphere",
        "--model",
        "us76",
        "--input",
        s(&input),
        "--output",
        s(&output),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "with --output nothing goes to stdout"
    );
    let (_, rows) = parse(&std::fs::read_to_string(&output).expect("output written"));
    let sample = reentry_atmosphere::us76::reference::sample(42_500.0);
    assert_eq!(rows[0][1], format!("{}", sample.density_kg_m3));
    assert_eq!(rows[0][2], format!("{}", sample.temperature_k));
    assert_eq!(rows[0][3], format!("{}", sample.pressure_pa));
    assert_eq!(rows[0][4], format!("{}", sample.mean_free_path_m));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");
}

#[test]
fn exponential_model_uses_vallado_bands() {
    let dir = scratch("exponential");
    let input = write(&dir, "p.csv", "alt_km,lon_deg\n400,15\n");
    let out = reentry(&["atmosphere", "--model", "exponential", "--input", s(&input)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, rows) = parse(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(header[2..], ["rho_kg_m3", "t_k", "p_pa", "mfp_m"]);
    // Vallado Table 8-4: ρ0 = 3.725e-12 kg/m³ at the 400 km base.
    assert_eq!(rows[0][2].parse::<f64>().ok(), Some(3.725e-12));
}

#[test]
fn space_weather_flags_exist_and_are_checked() {
    let dir = scratch("flags");
    let input = write(&dir, "p.csv", "alt_km\n100\n");
    let ok = reentry(&[
        "atmosphere",
        "--model",
        "us76",
        "--input",
        s(&input),
        "--f107",
        "70",
        "--f107a",
        "80",
        "--ap",
        "15",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let bad = reentry(&[
        "atmosphere",
        "--model",
        "us76",
        "--input",
        s(&input),
        "--ap",
        "-3",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--ap"), "{}", stderr(&bad));
    let both = reentry(&[
        "atmosphere",
        "--model",
        "us76",
        "--input",
        s(&input),
        "--f107",
        "70",
        "--space-weather",
        "sw.csv",
    ]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "--f107 and --space-weather exclude each other"
    );
}

/// Runs a bad input and checks: exit code 2, the message names what it must, no output file.
fn expect_bad_input(name: &str, input_text: Option<&str>, extra: &[&str], must_name: &[&str]) {
    let dir = scratch(name);
    let input = match input_text {
        Some(text) => write(&dir, "points.csv", text),
        None => dir.join("missing.csv"),
    };
    let output = dir.join("out.csv");
    let mut args = vec!["atmosphere", "--input", s(&input), "--output", s(&output)];
    if !extra.contains(&"--model") {
        args.extend(["--model", "us76"]);
    }
    args.extend(extra);
    let out = reentry(&args);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{name}: {message}");
    for needle in must_name {
        assert!(
            message.contains(needle),
            "{name}: message lacks '{needle}': {message}"
        );
    }
    assert!(!output.exists(), "{name}: an output file was written");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .collect();
    assert!(
        files
            .iter()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")),
        "{name}: temporary file left"
    );
}

#[test]
fn missing_alt_km_column_is_rejected() {
    expect_bad_input(
        "no_alt",
        Some("lat_deg,lon_deg\n1,2\n"),
        &[],
        &["points.csv:1", "alt_km"],
    );
}

#[test]
fn non_numeric_cell_is_rejected_with_line_and_column() {
    expect_bad_input(
        "non_numeric",
        Some("lat_deg,alt_km\n0,10\n0,ten\n"),
        &[],
        &["points.csv:3:2", "alt_km", "'ten'"],
    );
}

#[test]
fn nan_is_rejected_with_line_and_column() {
    expect_bad_input(
        "nan",
        Some("alt_km,lat_deg\n10,NaN\n"),
        &[],
        &["points.csv:2:2", "lat_deg", "NaN"],
    );
}

#[test]
fn altitude_outside_the_model_range_is_rejected() {
    expect_bad_input(
        "range",
        Some("alt_km\n10\n1200\n"),
        &[],
        &["points.csv:3:1", "alt_km", "1200", "us76", "1000"],
    );
    expect_bad_input(
        "range_low",
        Some("alt_km\n-6\n"),
        &["--model", "exponential"],
        &["points.csv:2:1", "-6", "exponential", "-5"],
    );
}

#[test]
fn unknown_model_is_rejected() {
    expect_bad_input(
        "unknown_model",
        Some("alt_km\n10\n"),
        &["--model", "msis90"],
        &["msis90", "us76"],
    );
}

#[test]
fn nrlmsise00_not_yet_wired_is_a_clear_bad_input() {
    let dir = scratch("nrlmsise");
    let input = write(&dir, "p.csv", "alt_km\n10\n");
    let out = reentry(&["atmosphere", "--model", "nrlmsise00", "--input", s(&input)]);
    // Once the model is wired this becomes a success; until then a clear exit 2.
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("nrlmsise00"));
    }
}

#[test]
fn unreadable_file_is_rejected() {
    expect_bad_input("unreadable", None, &[], &["missing.csv"]);
}

#[test]
fn ragged_row_and_out_of_range_day_are_rejected() {
    expect_bad_input(
        "ragged",
        Some("alt_km,lat_deg\n10\n"),
        &[],
        &["points.csv:2", "1 cells"],
    );
    expect_bad_input(
        "doy",
        Some("alt_km,doy\n10,400\n"),
        &[],
        &["points.csv:2:2", "doy", "366"],
    );
}

/// `reentry --version` (DESIGN.md §4): version, git commit, SIMD level compiled in and available.
#[test]
fn version_names_commit_and_both_simd_levels() {
    let out = reentry(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("reentry "), "{text}");
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
    let commit = text
        .split("commit ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("a commit field");
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "commit field '{commit}'"
    );
    let levels = ["baseline", "avx2+fma", "avx512"];
    let compiled = text
        .split("SIMD compiled: ")
        .nth(1)
        .expect("compiled level");
    assert!(levels.iter().any(|l| compiled.starts_with(l)), "{text}");
    let offered = text.split("CPU offers: ").nth(1).expect("available level");
    assert!(levels.iter().any(|l| offered.starts_with(l)), "{text}");
}
