//! `RunDirectory::read` on a generated multi-sample run directory: every row written to
//! `fragments.csv` and `trajectory.csv` (all 22 columns of a `reentry run` fragments file, quoted
//! cells holding commas and quotes, empty optional cells, CRLF and blank lines) reads back as
//! the value it was written from, and a bad cell after blank lines names its line in the file.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use reentry_plot::PlotError;
use reentry_plot::RunDirectory;
use reentry_plot::run_directory::{Fate, FragmentRow, TrajectoryRow};

/// Samples of the generated directory: enough that the rows span many read-buffer refills.
const SAMPLES: u64 = 400;

/// The header `reentry run` writes (DESIGN.md §5), of which the reader uses a subset.
const FRAGMENTS_HEADER: &str = "sample,fragment,parent,count,material,shape,fate,release_alt_km,\
end_time_s,end_lat_deg,end_lon_deg,end_alt_km,demise_alt_km,impact_speed_m_s,mass_kg,\
impact_energy_j,casualty_area_m2,peak_heat_flux_w_m2,peak_temperature_k,peak_decel_g,\
downrange_km,crossrange_km";

const TRAJECTORY_HEADER: &str = "sample,fragment,time_s,lat_deg,lon_deg,alt_km,speed_m_s,mass_kg,\
temperature_k,heat_flux_w_m2";

/// A deterministic stream of numbers over many magnitudes and both signs (SplitMix64).
struct Numbers(u64);

impl Numbers {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in ±[1e-6, 1e6).
    fn next_f64(&mut self) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let exponent = (self.next_u64() % 12) as i32 - 6;
        let sign = if self.next_u64().is_multiple_of(2) {
            1.0
        } else {
            -1.0
        };
        sign * (1.0 + unit) * 10f64.powi(exponent)
    }

    fn next_optional(&mut self) -> Option<f64> {
        (!self.next_u64().is_multiple_of(3)).then(|| self.next_f64())
    }
}

/// A cell as a writer would put it: Rust's shortest round-trip decimal, or scientific notation
/// for every other value so both spellings are read.
fn number(value: f64, scientific: bool) -> String {
    if scientific {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

fn optional(value: Option<f64>, scientific: bool) -> String {
    value.map_or_else(String::new, |v| number(v, scientific))
}

/// RFC 4180 quoting: a cell holding a comma or a quote goes in quotes, its quotes doubled.
fn quoted(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

const FRAGMENT_IDS: [&str; 5] = [
    "vehicle",
    "solar-array-wing",
    "tank, \"oxidiser\" 2",
    "docking-probe",
    "thruster-block",
];
const MATERIALS: [&str; 4] = ["aa7075", "ti6al4v", "cfrp", "steel, A316"];
const FATES: [(Fate, &str); 5] = [
    (Fate::Demised, "demised"),
    (Fate::Landed, "landed"),
    (Fate::BrokeUp, "broke-up"),
    (Fate::TimeLimit, "time-limit"),
    (Fate::NonFinite, "non-finite"),
];

/// A run directory of `SAMPLES` samples under the test's temporary folder (`name`: one per test,
/// as tests run in parallel), and the rows it was written from.
fn generated_run(name: &str) -> (PathBuf, Vec<FragmentRow>, Vec<TrajectoryRow>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("run-directory-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("summary.json"),
        format!("{{\"scenario\": \"generated\", \"seed\": 7, \"samples\": {SAMPLES}}}\n"),
    )
    .unwrap();

    let mut numbers = Numbers(31);
    let mut fragments = Vec::new();
    let mut csv = format!("{FRAGMENTS_HEADER}\n");
    for sample in 0..SAMPLES {
        for (i, id) in FRAGMENT_IDS.iter().enumerate() {
            let vehicle = i == 0;
            let (fate, fate_text) = FATES[(numbers.next_u64() % 5) as usize];
            let row = FragmentRow {
                sample,
                fragment: id.to_string(),
                count: if vehicle {
                    1
                } else {
                    1 + numbers.next_u64() % 4
                },
                material: (!vehicle).then(|| MATERIALS[i % MATERIALS.len()].to_string()),
                fate,
                release_alt_km: numbers.next_optional(),
                end_time_s: numbers.next_f64(),
                end_lat_deg: numbers.next_f64(),
                end_lon_deg: numbers.next_f64(),
                end_alt_km: numbers.next_f64(),
                demise_alt_km: numbers.next_optional(),
                mass_kg: numbers.next_f64(),
                impact_energy_j: numbers.next_optional(),
            };
            let sci = (sample + i as u64) % 2 == 1;
            let count = if row.count == 1 && sample % 3 == 0 {
                // An empty count cell means one object.
                String::new()
            } else {
                row.count.to_string()
            };
            write!(
                csv,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                row.sample,
                quoted(&row.fragment),
                if vehicle { "" } else { "vehicle" },
                count,
                row.material.as_deref().map_or_else(String::new, quoted),
                if vehicle { "vehicle" } else { "plate" },
                fate_text,
                optional(row.release_alt_km, sci),
                number(row.end_time_s, sci),
                number(row.end_lat_deg, sci),
                number(row.end_lon_deg, sci),
                number(row.end_alt_km, sci),
                optional(row.demise_alt_km, sci),
                number(numbers.next_f64(), sci),
                number(row.mass_kg, sci),
                optional(row.impact_energy_j, sci),
                number(numbers.next_f64(), sci),
                number(numbers.next_f64(), sci),
                number(numbers.next_f64(), sci),
                number(numbers.next_f64(), sci),
                number(numbers.next_f64(), sci),
                number(numbers.next_f64(), sci),
            )
            .unwrap();
            // Some lines end in CRLF; blank lines between samples are skipped.
            csv.push_str(if sample % 7 == 3 { "\r\n" } else { "\n" });
            fragments.push(row);
        }
        if sample % 50 == 49 {
            csv.push_str("\n  \n");
        }
    }
    fs::write(dir.join("fragments.csv"), csv).unwrap();

    let mut trajectory = Vec::new();
    let mut csv = format!("{TRAJECTORY_HEADER}\n");
    for step in 0..300 {
        for (i, id) in FRAGMENT_IDS.iter().enumerate() {
            let row = TrajectoryRow {
                fragment: id.to_string(),
                time_s: f64::from(step) * 0.5,
                lat_deg: numbers.next_f64(),
                lon_deg: numbers.next_f64(),
                alt_km: numbers.next_f64(),
                speed_m_s: numbers.next_f64(),
                mass_kg: numbers.next_f64(),
                temperature_k: (i != 0).then(|| numbers.next_f64()),
                heat_flux_w_m2: numbers.next_optional(),
            };
            let sci = step % 2 == 0;
            writeln!(
                csv,
                "0,{},{},{},{},{},{},{},{},{}",
                quoted(&row.fragment),
                number(row.time_s, sci),
                number(row.lat_deg, sci),
                number(row.lon_deg, sci),
                number(row.alt_km, sci),
                number(row.speed_m_s, sci),
                number(row.mass_kg, sci),
                optional(row.temperature_k, sci),
                optional(row.heat_flux_w_m2, sci),
            )
            .unwrap();
            trajectory.push(row);
        }
        // Rows of another sample are not the nominal trajectory and are skipped.
        writeln!(csv, "3,vehicle,{step},1,2,3,4,5,,").unwrap();
    }
    fs::write(dir.join("trajectory.csv"), csv).unwrap();
    (dir, fragments, trajectory)
}

#[test]
fn generated_run_directory_reads_back_what_was_written() {
    let (dir, fragments, trajectory) = generated_run("reads-back");
    let run = RunDirectory::read(&dir).unwrap();
    assert_eq!(run.summary.scenario, "generated");
    assert_eq!(run.summary.samples, Some(SAMPLES));
    assert_eq!(run.fragments.len(), fragments.len());
    for (read, written) in run.fragments.iter().zip(&fragments) {
        assert_eq!(read, written);
    }
    assert_eq!(run.sample_count(), SAMPLES as usize);
    assert_eq!(run.trajectory.as_ref(), Some(&trajectory));
}

#[test]
fn bad_cell_after_blank_lines_names_its_line() {
    let (dir, _, _) = generated_run("bad-cell");
    let path = dir.join("fragments.csv");
    let mut lines: Vec<String> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    // Past the first blank lines (after sample 49), so the line number counts them.
    let line = 1 + 60 * FRAGMENT_IDS.len() + 2 + 1;
    let row = &mut lines[line - 1];
    assert!(row.starts_with("60,"), "{row}");
    let mut cells: Vec<&str> = row.splitn(8, ',').collect();
    cells[6] = "flew-away";
    *row = cells.join(",");
    fs::write(&path, lines.join("\n")).unwrap();

    let error = RunDirectory::read(&dir).unwrap_err();
    match &error {
        PlotError::BadCell {
            path: bad_path,
            line: bad_line,
            column,
            value,
            expected,
        } => {
            assert_eq!(bad_path, &path);
            assert_eq!(*bad_line, line);
            assert_eq!(*column, "fate");
            assert_eq!(value, "flew-away");
            assert_eq!(
                *expected,
                "one of demised, landed, broke-up, time-limit, non-finite"
            );
        }
        other => panic!("expected a bad cell, got {other}"),
    }
    assert_eq!(
        error.to_string(),
        format!(
            "{}:{line}: column `fate` = \"flew-away\": expected one of demised, landed, \
             broke-up, time-limit, non-finite",
            path.display()
        )
    );
}
