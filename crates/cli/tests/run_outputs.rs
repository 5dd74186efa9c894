//! Run-directory contents against reference numbers, and the bad-input and failure rules
//! (exit codes, no `summary.json` from a failed run).

mod run_common;

use run_common::*;

/// Published results of the independent implementation for case p3
/// (the project reference notes, solver-cases/expected.csv): vehicle break-up point and the he-bottle
/// impact (geodetic degrees).
const P3_BREAKUP_LAT_LON_DEG: (f64, f64) = (-33.80004164, -158.7166338);
const P3_HE_BOTTLE_IMPACT_LAT_LON_DEG: (f64, f64) = (-34.89239986, -148.0016508);
/// The solver-cases README: positions agree within about 0.01° (1.1 km); the distance bound
/// allows that at both ends plus the break-up altitude (78 km) above the sphere, which shrinks
/// angles measured at the surface by nothing but moves the ground point by < 0.01 km.
const FOOTPRINT_TOLERANCE_KM: f64 = 2.5;
/// Impact position vs the reference case: the README's "within about 0.01°", doubled because
/// this run's nominal sample is solved at the default tolerances.
const POSITION_TOLERANCE_DEG: f64 = 0.02;
/// WGS-84 first eccentricity squared, to turn geodetic into geocentric latitude at the surface.
const WGS84_E2: f64 = 6.694_379_990_141_32e-3;
const MEAN_RADIUS_KM: f64 = 6371.0088;

/// Asserts that `output` is bad input: exit code 2 and one line on stderr starting with
/// `prefix`; returns that line.
fn one_line_exit_2(output: &std::process::Output, prefix: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr)
        .trim_end()
        .to_string();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with(prefix), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

fn unit(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    let psi = ((1.0 - WGS84_E2) * lat_deg.to_radians().tan()).atan();
    let lon = lon_deg.to_radians();
    [psi.cos() * lon.cos(), psi.cos() * lon.sin(), psi.sin()]
}

#[test]
fn nominal_rows_and_footprint_match_the_reference_case() {
    let dir = scratch("outputs");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    let stdout = ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "8",
        "--no-plots",
    ]));
    assert!(stdout.contains("8 samples"), "{stdout}");
    let text = std::fs::read_to_string(out.join("fragments.csv")).expect("fragments.csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "sample,fragment,parent,count,material,shape,fate,release_alt_km,end_time_s,end_lat_deg,end_lon_deg,end_alt_km,demise_alt_km,impact_speed_m_s,mass_kg,impact_energy_j,casualty_area_m2,peak_heat_flux_w_m2,peak_temperature_k,peak_decel_g,downrange_km,crossrange_km"
        )
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let vehicle = &rows[0];
    assert_eq!(
        &vehicle[..7],
        &["0", "vehicle", "", "1", "", "vehicle", "broke-up"]
    );
    let bottle = rows
        .iter()
        .find(|r| r[0] == "0" && r[1] == "he-bottle")
        .expect("he-bottle row");
    assert_eq!(bottle[6], "landed");
    let lat: f64 = bottle[9].parse().unwrap();
    let lon: f64 = bottle[10].parse().unwrap();
    assert!(
        (lat - P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.0).abs() < POSITION_TOLERANCE_DEG,
        "lat {lat}"
    );
    assert!(
        (lon - P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.1).abs() < POSITION_TOLERANCE_DEG,
        "lon {lon}"
    );
    // Casualty area of a 0.4 m sphere (A = π 0.4²/4 = 0.1257 m²): (0.6 + √A)² = 0.9110 m²,
    // as in expected.csv (0.9110526304).
    let dca: f64 = bottle[16].parse().unwrap();
    assert!((dca - 0.9110526304).abs() < 1e-6, "dca {dca}");
    // Downrange/crossrange: on the sphere, the impact's distance from the break-up point c and
    // its offsets satisfy cos c = cos(down/R) cos(cross/R) (right spherical triangle).
    let down: f64 = bottle[20].parse().unwrap();
    let cross: f64 = bottle[21].parse().unwrap();
    let p = unit(P3_BREAKUP_LAT_LON_DEG.0, P3_BREAKUP_LAT_LON_DEG.1);
    let q = unit(
        P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.0,
        P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.1,
    );
    let c_km = MEAN_RADIUS_KM * (p[0] * q[0] + p[1] * q[1] + p[2] * q[2]).acos();
    let from_offsets_km =
        MEAN_RADIUS_KM * ((down / MEAN_RADIUS_KM).cos() * (cross / MEAN_RADIUS_KM).cos()).acos();
    assert!(down > 900.0, "downrange {down} km");
    assert!(
        (from_offsets_km - c_km).abs() < FOOTPRINT_TOLERANCE_KM,
        "{from_offsets_km} vs {c_km}"
    );
    // The panel demises: empty impact cells, demise altitude filled.
    let panel = rows
        .iter()
        .find(|r| r[0] == "0" && r[1] == "panel")
        .expect("panel row");
    assert_eq!(panel[6], "demised");
    assert!(panel[12].parse::<f64>().is_ok() && panel[13].is_empty() && panel[20].is_empty());

    let summary = summary_statistics(&out);
    for key in [
        "scenario",
        "seed",
        "samples",
        "shard",
        "version",
        "simd",
        "fragments_simulated",
        "fates",
        "surviving_mass_kg",
        "casualty_area_m2",
        "hazardous_fragments",
        "footprint",
        "p_outside_target_zone",
        "p_land_impact",
        "casualty_expectation",
        "casualty_expectation_orbit_average",
        "target_zone_deg",
        "materials",
        "scenario_file",
        "kernel",
    ] {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["samples"], 8);
    assert_eq!(summary["fragments_simulated"], 32);
    assert_eq!(summary["fates"]["broke-up"], 8);
    // The impacts are far out in the South Pacific: no land, no people.
    assert_eq!(summary["p_land_impact"], 0.0);
    assert_eq!(summary["casualty_expectation"]["mean"], 0.0);
    assert_eq!(
        summary["materials"]["titanium-6al4v"]["melt_temperature_k"],
        1905.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shard_out_of_range_exits_2_and_writes_nothing() {
    let dir = scratch("shard-range");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    let output = reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--shard",
        "3/3",
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--shard 3/3"), "{stderr}");
    assert!(!out.exists());
    let output = reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--shard-count",
        "3",
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let output = reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--threads",
        "0",
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let output = reentry(&["run", s(&scenario), "--out", s(&file), "--quiet"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--samples` beyond the scenario's limit of 1e8 is bad input (it panicked on a capacity
/// overflow, or ran without end), as are `--threads` outside 1–1024 (tens of thousands of
/// threads took minutes to start) and an `--out` that cannot be created (a file in the way was
/// an internal error); none leaves a run directory.
#[test]
fn samples_beyond_the_limit_and_an_uncreatable_out_exit_2() {
    let dir = scratch("samples-limit");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    for samples in ["18446744073709551615", "100000001"] {
        let output = reentry(&[
            "run",
            s(&scenario),
            "--out",
            s(&out),
            "--samples",
            samples,
            "--quiet",
        ]);
        let line = one_line_exit_2(&output, &format!("reentry: --samples {samples}: "));
        assert!(line.contains("allowed: an integer 1 to 1e8"), "{line}");
        assert!(!out.exists());
    }
    for threads in ["0", "1025"] {
        let output = reentry(&["run", s(&scenario), "--out", s(&out), "--threads", threads]);
        let line = one_line_exit_2(&output, &format!("reentry: --threads {threads}: "));
        assert!(
            line.ends_with("allowed: 1 to 1024 (one per core is the default)"),
            "{line}"
        );
        assert!(!out.exists());
    }
    let output = reentry(&["run", s(&scenario), "--out", s(&out), "--samples", "-1"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("invalid value '-1' for '--samples <N>'"),
        "{stderr}"
    );
    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let under_file = file.join("run");
    let output = reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&under_file),
        "--samples",
        "2",
        "--no-plots",
        "--quiet",
    ]);
    one_line_exit_2(
        &output,
        &format!(
            "reentry: --out {}: cannot create the directory",
            s(&under_file)
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_scenario_exits_2_with_the_file_named() {
    let dir = scratch("bad-scenario");
    let scenario = write_scenario(
        &dir,
        "bad.toml",
        &P3_MONTE_CARLO.replace("samples = 12", "samples = -3"),
    );
    let out = dir.join("run");
    let output = reentry(&["run", s(&scenario), "--out", s(&out), "--quiet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.toml"));
    assert!(!out.join("summary.json").exists());
    let missing = reentry(&["run", s(&dir.join("missing.toml")), "--quiet"]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run that fails after it started removes the previous run's summary.json and leaves none.
#[test]
fn failed_run_leaves_no_summary() {
    let dir = scratch("failed-run");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "2",
        "--no-plots",
        "--quiet",
    ]));
    assert!(out.join("summary.json").exists());
    // Make the output unwritable in a way the run discovers only after it began: fragments.csv
    // replaced by a non-empty directory that cannot be removed as a file.
    std::fs::remove_file(out.join("fragments.csv")).unwrap();
    std::fs::create_dir_all(out.join("fragments.csv").join("blocker")).unwrap();
    let output = reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "2",
        "--no-plots",
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!out.join("summary.json").exists());
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `merge --out` at a file is bad input (it was an internal error that printed the OS error
/// twice), and a merge that fails leaves no directory it created.
#[test]
fn merge_out_at_a_file_exits_2_and_a_failed_merge_creates_nothing() {
    let dir = scratch("merge-out");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let shard = dir.join("no-such-shard");
    let output = reentry(&["merge", s(&shard), "--out", s(&file), "--quiet"]);
    one_line_exit_2(
        &output,
        &format!("reentry: --out {}: exists and is not a directory", s(&file)),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");
    let merged = dir.join("merged");
    let output = reentry(&["merge", s(&shard), "--out", s(&merged), "--quiet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!merged.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_rejects_incomplete_or_duplicate_shards() {
    let dir = scratch("merge-checks");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let shard = |index: u32| {
        let out = dir.join(format!("shard-{index}"));
        ok(reentry(&[
            "run",
            s(&scenario),
            "--out",
            s(&out),
            "--shard",
            &format!("{index}/2"),
            "--samples",
            "4",
            "--no-plots",
            "--quiet",
        ]));
        out
    };
    let (a, b) = (shard(0), shard(1));
    let merged = dir.join("merged");
    let missing = reentry(&["merge", s(&a), "--out", s(&merged), "--quiet"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("1/2"));
    let twice = reentry(&["merge", s(&a), s(&a), "--out", s(&merged), "--quiet"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(!merged.join("summary.json").exists());
    // A shard with another seed does not belong to the run.
    let other = dir.join("other-seed");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&other),
        "--shard",
        "1/2",
        "--samples",
        "4",
        "--seed",
        "7",
        "--no-plots",
        "--quiet",
    ]));
    let mixed = reentry(&["merge", s(&a), s(&other), "--out", s(&merged), "--quiet"]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("seed"));
    // A shard run from an edited scenario (same name, seed and samples) is refused too.
    let edited = write_scenario(
        &dir,
        "p3-edited.toml",
        &P3_MONTE_CARLO.replace("mass_kg = 14.0", "mass_kg = 15.0"),
    );
    let other_text = dir.join("other-text");
    ok(reentry(&[
        "run",
        s(&edited),
        "--out",
        s(&other_text),
        "--shard",
        "1/2",
        "--samples",
        "4",
        "--no-plots",
        "--quiet",
    ]));
    let mixed = reentry(&[
        "merge",
        s(&a),
        s(&other_text),
        "--out",
        s(&merged),
        "--quiet",
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("scenario text"));
    let into_shard = reentry(&["merge", s(&a), s(&b), "--out", s(&a), "--quiet"]);
    assert_eq!(into_shard.status.code(), Some(2));
    assert!(
        a.join("summary.json").exists(),
        "a refused merge must not touch the shards"
    );
    ok(reentry(&[
        "merge",
        s(&b),
        s(&a),
        "--out",
        s(&merged),
        "--no-plots",
        "--quiet",
    ]));
    assert!(merged.join("summary.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `[scenario] uncontrolled = true`: the orbit-averaged casualty expectation is the mean total
/// casualty area (km²) times the orbit-averaged density of the entry orbit's inclination.
#[test]
fn uncontrolled_entry_reports_the_orbit_average() {
    let dir = scratch("uncontrolled");
    let text = P3_MONTE_CARLO.replace(
        "epoch_utc = \"2026-03-16T17:05:00Z\"",
        "epoch_utc = \"2026-03-16T17:05:00Z\"\nuncontrolled = true",
    );
    let scenario = write_scenario(&dir, "p3-uncontrolled.toml", &text);
    let out = dir.join("run");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "3",
        "--no-plots",
        "--quiet",
    ]));
    let summary = summary_statistics(&out);
    let density = summary["orbit_average_density_per_km2"]
        .as_f64()
        .expect("orbit-averaged density");
    // Latitude-band densities of the population file lie between 0 and ~80 persons/km².
    assert!(density > 1.0 && density < 80.0, "density {density}");
    let area = summary["casualty_area_m2"]["mean"].as_f64().unwrap();
    let expectation = summary["casualty_expectation_orbit_average"]
        .as_f64()
        .unwrap();
    // serde_json's default float parser may be 1 ulp off: compare to 4 ulp.
    const JSON_PARSE_RELATIVE: f64 = 1e-15;
    let expected = area * 1e-6 * density;
    assert!(
        (expectation - expected).abs() <= JSON_PARSE_RELATIVE * expected,
        "{expectation} vs {expected}"
    );
    // Two shards merged reproduce the figure exactly.
    for index in 0..2 {
        ok(reentry(&[
            "run",
            s(&scenario),
            "--out",
            s(&dir.join(format!("shard-{index}"))),
            "--shard",
            &format!("{index}/2"),
            "--samples",
            "3",
            "--no-plots",
            "--quiet",
        ]));
    }
    let merged = dir.join("merged");
    ok(reentry(&[
        "merge",
        s(&dir.join("shard-0")),
        s(&dir.join("shard-1")),
        "--out",
        s(&merged),
        "--no-plots",
        "--quiet",
    ]));
    assert_eq!(summary_statistics(&merged), summary);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run killed half-way (SIGKILL: no clean-up code runs) leaves no summary.json, even where an
/// earlier run had completed.
#[test]
fn interrupted_run_leaves_no_summary() {
    let dir = scratch("interrupted");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "2",
        "--no-plots",
        "--quiet",
    ]));
    assert!(out.join("summary.json").exists());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reentry"))
        .args([
            "run",
            s(&scenario),
            "--out",
            s(&out),
            "--samples",
            "1000000",
            "--threads",
            "1",
            "--no-plots",
            "--quiet",
        ])
        .spawn()
        .expect("start reentry");
    // Wait until the run is under way (its temporary fragments file exists), then kill it.
    let started = std::time::Instant::now();
    loop {
        let writing = std::fs::read_dir(&out)
            .map(|entries| {
                entries.filter_map(|e| e.ok()).any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".fragments.csv.tmp-")
                })
            })
            .unwrap_or(false);
        if writing || started.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(!out.join("summary.json").exists());
    assert!(!out.join("fragments.csv").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--kernel reference` runs the plain-f64 path: same reference impact, `kernel` recorded.
#[test]
fn reference_kernel_matches_the_reference_case() {
    let dir = scratch("reference-kernel");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let out = dir.join("run");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&out),
        "--samples",
        "2",
        "--kernel",
        "reference",
        "--no-plots",
        "--quiet",
    ]));
    assert_eq!(summary_statistics(&out)["kernel"], "reference");
    let text = std::fs::read_to_string(out.join("fragments.csv")).expect("fragments.csv");
    let bottle: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("0,he-bottle,"))
        .expect("he-bottle row")
        .split(',')
        .collect();
    let lat: f64 = bottle[9].parse().unwrap();
    let lon: f64 = bottle[10].parse().unwrap();
    assert!(
        (lat - P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.0).abs() < POSITION_TOLERANCE_DEG,
        "lat {lat}"
    );
    assert!(
        (lon - P3_HE_BOTTLE_IMPACT_LAT_LON_DEG.1).abs() < POSITION_TOLERANCE_DEG,
        "lon {lon}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
