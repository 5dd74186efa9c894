//! `reentry atmosphere`: evaluate a model at the points of a CSV file (DESIGN.md §4, Contract).
//!
//! Input: a CSV with a header, columns in any order; `alt_km` is required, `lat_deg`, `lon_deg`,
//! `year`, `doy`, `ut_s` default to 0, 0, 2000, 1, 0; optional per-row `f107`, `f107a`, `ap`
//! override the flags (defaults 150, 150, 4) and `lst_h` overrides the local solar time
//! UT/3600 + lon/15. Output: the input columns as given, then `rho_kg_m3, t_k, p_pa, mfp_m`
//! (and the NRLMSISE-00 extras for that model), numbers in shortest round-trip form.
//!
//! Every input is checked before anything is written; the output goes to a temporary file beside
//! `--output` that is renamed at the end, so a failed run leaves no partial file.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::nrlmsise00::{self, Switches};
use reentry_atmosphere::space_weather::{SpaceWeather, SpaceWeatherIndices};
use reentry_atmosphere::{Atmosphere, AtmospherePoint, Epoch};

use super::{CliError, CliResult};

/// Atmosphere models selectable with `--model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelName {
    /// U.S. Standard Atmosphere 1976, −5 to 1000 km.
    Us76,
    /// NRLMSISE-00 with space weather from the flags, the rows or a file.
    Nrlmsise00,
    /// Vallado's exponential bands (density), US76 temperature.
    Exponential,
}

impl ModelName {
    fn name(self) -> &'static str {
        match self {
            ModelName::Us76 => "us76",
            ModelName::Nrlmsise00 => "nrlmsise00",
            ModelName::Exponential => "exponential",
        }
    }
}

/// Arguments of `reentry atmosphere`.
#[derive(Debug, clap::Args)]
pub struct AtmosphereArgs {
    /// Atmosphere model.
    #[arg(long, value_enum)]
    pub model: ModelName,
    /// Points to evaluate: CSV with a header and at least an `alt_km` column.
    #[arg(long, value_name = "POINTS.csv")]
    pub input: PathBuf,
    /// Where to write the result (standard output when not given).
    #[arg(long, value_name = "OUT.csv")]
    pub output: Option<PathBuf>,
    /// F10.7 of the previous day, sfu (default 150; a `f107` column overrides it per row).
    #[arg(long, conflicts_with = "space_weather", allow_negative_numbers = true)]
    pub f107: Option<f64>,
    /// 81-day centred mean of F10.7, sfu (default 150; a `f107a` column overrides it per row).
    #[arg(long, conflicts_with = "space_weather", allow_negative_numbers = true)]
    pub f107a: Option<f64>,
    /// Daily Ap (default 4; an `ap` column overrides it per row).
    #[arg(long, conflicts_with = "space_weather", allow_negative_numbers = true)]
    pub ap: Option<f64>,
    /// Space-weather file in CelesTrak SW-All.csv layout (NRLMSISE-00).
    #[arg(long, value_name = "SW.csv")]
    pub space_weather: Option<PathBuf>,
}

/// Default F10.7 and F10.7A (sfu) and Ap (DESIGN.md §4).
const DEFAULT_F107: f64 = 150.0;
const DEFAULT_AP: f64 = 4.0;

/// Columns written after the input's for every model.
pub const BASE_OUTPUT_COLUMNS: [&str; 4] = ["rho_kg_m3", "t_k", "p_pa", "mfp_m"];

/// Columns NRLMSISE-00 writes after [`BASE_OUTPUT_COLUMNS`] (DESIGN.md §4). `rho_kg_m3` is the
/// drag density gtd7d; `rho_gtd7_kg_m3` the total without anomalous oxygen.
pub const NRLMSISE00_OUTPUT_COLUMNS: [&str; 10] = [
    "rho_gtd7_kg_m3",
    "t_exo_k",
    "n_he_m3",
    "n_o_m3",
    "n_n2_m3",
    "n_o2_m3",
    "n_ar_m3",
    "n_h_m3",
    "n_n_m3",
    "n_anom_o_m3",
];

/// One validated input row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointRow {
    /// Geodetic altitude, km.
    pub alt_km: f64,
    /// Geodetic latitude, degrees.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Calendar year.
    pub year: i32,
    /// Day of year, 1–366.
    pub doy: u32,
    /// UT seconds of the day.
    pub ut_s: f64,
    /// F10.7 of the previous day (row, else flag, else default).
    pub f107: f64,
    /// F10.7 81-day mean (row, else flag, else default).
    pub f107a: f64,
    /// Daily Ap (row, else flag, else default).
    pub ap: f64,
    /// Local solar time, h, when the row gives it.
    pub lst_h: Option<f64>,
}

impl PointRow {
    /// The point as the atmosphere API takes it (SI, radians, UTC epoch).
    pub fn to_point(self) -> AtmospherePoint {
        AtmospherePoint {
            altitude_m: self.alt_km * 1000.0,
            latitude_rad: self.lat_deg.to_radians(),
            longitude_rad: self.lon_deg.to_radians(),
            epoch: Epoch::from_calendar(self.year, 1, 1, 0, 0, 0.0)
                .plus_seconds(f64::from(self.doy - 1) * 86_400.0 + self.ut_s),
        }
    }
}

/// A numeric column the command understands, with its allowed range.
struct KnownColumn {
    name: &'static str,
    min: f64,
    max: f64,
    unit: &'static str,
    integer: bool,
}

const KNOWN_COLUMNS: [KnownColumn; 10] = [
    KnownColumn {
        name: "alt_km",
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
        unit: "km",
        integer: false,
    },
    KnownColumn {
        name: "lat_deg",
        min: -90.0,
        max: 90.0,
        unit: "deg",
        integer: false,
    },
    KnownColumn {
        name: "lon_deg",
        min: -360.0,
        max: 360.0,
        unit: "deg",
        integer: false,
    },
    KnownColumn {
        name: "year",
        min: 1900.0,
        max: 2200.0,
        unit: "",
        integer: true,
    },
    KnownColumn {
        name: "doy",
        min: 1.0,
        max: 366.0,
        unit: "",
        integer: true,
    },
    KnownColumn {
        name: "ut_s",
        min: 0.0,
        max: 86_400.0,
        unit: "s",
        integer: false,
    },
    KnownColumn {
        name: "f107",
        min: 0.0,
        max: 1_000.0,
        unit: "sfu",
        integer: false,
    },
    KnownColumn {
        name: "f107a",
        min: 0.0,
        max: 1_000.0,
        unit: "sfu",
        integer: false,
    },
    KnownColumn {
        name: "ap",
        min: 0.0,
        max: 400.0,
        unit: "",
        integer: false,
    },
    KnownColumn {
        name: "lst_h",
        min: 0.0,
        max: 24.0,
        unit: "h",
        integer: false,
    },
];

/// The parsed input: header, raw cells (echoed to the output) and the validated rows.
#[derive(Debug)]
pub struct PointsFile {
    /// Column names as in the file.
    pub header: Vec<String>,
    /// Cells of each data row as in the file (trimmed).
    pub cells: Vec<Vec<String>>,
    /// The validated rows, in file order.
    pub rows: Vec<PointRow>,
}

/// Space-weather values from the flags (before per-row overrides).
#[derive(Debug, Clone, Copy)]
struct FlagIndices {
    f107: f64,
    f107a: f64,
    ap: f64,
}

/// Runs the subcommand.
pub fn run(args: AtmosphereArgs) -> CliResult {
    let flags = flag_indices(&args)?;
    let mut model = prepare_model(&args)?;
    let points = read_points(&args.input, flags)?;
    let (lo_m, hi_m) = model.altitude_range_m();
    let alt_column = points
        .header
        .iter()
        .position(|h| h == "alt_km")
        .unwrap_or(0);
    for (k, row) in points.rows.iter().enumerate() {
        let z = row.alt_km * 1000.0;
        if z < lo_m || z > hi_m {
            return Err(CliError::BadInput(format!(
                "{}:{}:{}: column 'alt_km': {} km is outside the {} model's range {} to {} km",
                args.input.display(),
                k + 2,
                alt_column + 1,
                row.alt_km,
                args.model.name(),
                lo_m / 1000.0,
                hi_m / 1000.0
            )));
        }
    }
    if let PreparedModel::Nrlmsise00(arm) = &mut model {
        arm.resolve_space_weather(&args.input, &points)?;
    }
    let mut text = String::new();
    let mut header = points.header.clone();
    header.extend(model.columns().iter().map(|c| c.to_string()));
    writeln!(text, "{}", header.join(",")).map_err(|e| CliError::Internal(e.into()))?;
    let mut values = Vec::new();
    for (k, (row, cells)) in points.rows.iter().zip(&points.cells).enumerate() {
        values.clear();
        model.evaluate(k, row, &mut values);
        let mut line = cells.join(",");
        for v in &values {
            let _ = write!(line, ",{v}");
        }
        writeln!(text, "{line}").map_err(|e| CliError::Internal(e.into()))?;
    }
    match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(text.as_bytes())
                .and_then(|()| lock.flush())
                .map_err(|e| CliError::Internal(anyhow::anyhow!("writing to standard output: {e}")))
        }
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

/// F10.7, F10.7A and Ap from the flags (defaults where absent), range-checked.
fn flag_indices(args: &AtmosphereArgs) -> Result<FlagIndices, CliError> {
    let check = |flag: &str, value: Option<f64>, default: f64, max: f64| match value {
        None => Ok(default),
        Some(v) if v.is_finite() && (0.0..=max).contains(&v) => Ok(v),
        Some(v) => Err(CliError::BadInput(format!(
            "--{flag} {v}: must be a finite number from 0 to {max}"
        ))),
    };
    Ok(FlagIndices {
        f107: check("f107", args.f107, DEFAULT_F107, 1_000.0)?,
        f107a: check("f107a", args.f107a, DEFAULT_F107, 1_000.0)?,
        ap: check("ap", args.ap, DEFAULT_AP, 400.0)?,
    })
}

/// A model ready to evaluate rows; each variant turns a row into its output columns.
#[derive(Debug)]
enum PreparedModel {
    /// US76 or the exponential model: altitude only.
    AltitudeOnly(Atmosphere),
    /// NRLMSISE-00: every output of the model per row.
    Nrlmsise00(Box<NrlmsiseArm>),
}

/// NRLMSISE-00 with its space weather: the `--space-weather` file (looked up at each row's
/// date; a row's own `f107`, `f107a`, `ap` columns still override it) or the rows and flags.
#[derive(Debug)]
struct NrlmsiseArm {
    switches: Switches,
    file: Option<SpaceWeather>,
    /// Indices of each row, resolved before anything is written.
    indices: Vec<SpaceWeatherIndices>,
}

impl NrlmsiseArm {
    /// Resolves the indices of every row; a date the file lacks is a bad input naming the row.
    fn resolve_space_weather(&mut self, input: &Path, points: &PointsFile) -> CliResult {
        let has = |name: &str| points.header.iter().any(|h| h == name);
        let (own_f107, own_f107a, own_ap) = (has("f107"), has("f107a"), has("ap"));
        self.indices.clear();
        for (k, row) in points.rows.iter().enumerate() {
            let from_row = SpaceWeatherIndices {
                f107_sfu: row.f107,
                f107a_sfu: row.f107a,
                ap: row.ap,
                ap_history: [row.ap; 7],
            };
            let indices = match &self.file {
                None => from_row,
                Some(sw) => {
                    let mut i = sw
                        .indices_at(row.to_point().epoch, self.switches.uses_ap_history())
                        .map_err(|e| {
                            CliError::BadInput(format!("{}:{}: {e}", input.display(), k + 2))
                        })?;
                    if own_f107 {
                        i.f107_sfu = row.f107;
                    }
                    if own_f107a {
                        i.f107a_sfu = row.f107a;
                    }
                    if own_ap {
                        i.ap = row.ap;
                        i.ap_history = [row.ap; 7];
                    }
                    i
                }
            };
            self.indices.push(indices);
        }
        Ok(())
    }

    /// All outputs at row `k`.
    fn evaluate(&self, k: usize, row: &PointRow) -> nrlmsise00::Output {
        let indices = self.indices[k];
        let input = nrlmsise00::Input {
            day_of_year: f64::from(row.doy),
            ut_s: row.ut_s,
            altitude_km: row.alt_km,
            latitude_deg: row.lat_deg,
            longitude_deg: row.lon_deg,
            local_solar_time_h: row
                .lst_h
                .unwrap_or_else(|| nrlmsise00::local_solar_time_h(row.ut_s, row.lon_deg)),
            f107a_sfu: indices.f107a_sfu,
            f107_sfu: indices.f107_sfu,
            ap: indices.ap,
            ap_history: indices.ap_history,
        };
        nrlmsise00::reference::gtd7(&input, &self.switches)
    }
}

impl PreparedModel {
    fn columns(&self) -> Vec<&'static str> {
        match self {
            PreparedModel::AltitudeOnly(_) => BASE_OUTPUT_COLUMNS.to_vec(),
            PreparedModel::Nrlmsise00(_) => {
                let mut c = BASE_OUTPUT_COLUMNS.to_vec();
                c.extend(NRLMSISE00_OUTPUT_COLUMNS);
                c
            }
        }
    }

    fn altitude_range_m(&self) -> (f64, f64) {
        match self {
            PreparedModel::AltitudeOnly(model) => model.altitude_range_m(),
            PreparedModel::Nrlmsise00(_) => Atmosphere::Nrlmsise00(Box::new(
                nrlmsise00::Nrlmsise00::new(SpaceWeather::Constant {
                    f107_sfu: DEFAULT_F107,
                    f107a_sfu: DEFAULT_F107,
                    ap: DEFAULT_AP,
                }),
            ))
            .altitude_range_m(),
        }
    }

    /// Appends the output columns of row `k` to `out`, in the order of [`Self::columns`].
    fn evaluate(&self, k: usize, row: &PointRow, out: &mut Vec<f64>) {
        match self {
            PreparedModel::Nrlmsise00(arm) => {
                let o = arm.evaluate(k, row);
                let p = o.pressure_pa();
                out.extend([
                    o.density_gtd7d_kg_m3,
                    o.temperature_k,
                    p,
                    reentry_atmosphere::mean_free_path_m(o.temperature_k, p),
                    o.density_gtd7_kg_m3,
                    o.exospheric_temperature_k,
                    o.n_he_m3,
                    o.n_o_m3,
                    o.n_n2_m3,
                    o.n_o2_m3,
                    o.n_ar_m3,
                    o.n_h_m3,
                    o.n_n_m3,
                    o.n_anomalous_o_m3,
                ]);
            }
            PreparedModel::AltitudeOnly(model) => {
                let s = model.sample(&row.to_point());
                out.extend([
                    s.density_kg_m3,
                    s.temperature_k,
                    s.pressure_pa,
                    s.mean_free_path_m,
                ]);
            }
        }
    }
}

fn prepare_model(args: &AtmosphereArgs) -> Result<PreparedModel, CliError> {
    match args.model {
        ModelName::Us76 => Ok(PreparedModel::AltitudeOnly(Atmosphere::Us76)),
        ModelName::Exponential => Ok(PreparedModel::AltitudeOnly(Atmosphere::Exponential(
            Exponential::vallado(),
        ))),
        ModelName::Nrlmsise00 => {
            let file = match &args.space_weather {
                None => None,
                Some(path) => Some(
                    SpaceWeather::from_csv_file(path)
                        .map_err(|e| CliError::BadInput(format!("--space-weather: {e}")))?,
                ),
            };
            Ok(PreparedModel::Nrlmsise00(Box::new(NrlmsiseArm {
                switches: Switches::standard(),
                file,
                indices: Vec::new(),
            })))
        }
    }
}

/// Splits a CSV line into trimmed cells (surrounding double quotes removed; the numeric files
/// this command reads need no embedded commas).
fn split_cells(line: &str) -> Vec<String> {
    line.split(',')
        .map(|c| {
            let c = c.trim();
            c.strip_prefix('"')
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or(c)
                .trim()
                .to_string()
        })
        .collect()
}

/// Reads and validates the points file; per-row space weather falls back to `flags`.
fn read_points(path: &Path, flags: FlagIndices) -> Result<PointsFile, CliError> {
    let file = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::BadInput(format!("cannot read {file}: {e}")))?;
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_index, header_line)) = lines.next() else {
        return Err(CliError::BadInput(format!(
            "{file}: empty file; expected a header line with an 'alt_km' column"
        )));
    };
    let header = split_cells(header_line.trim_start_matches('\u{feff}'));
    for (i, name) in header.iter().enumerate() {
        if name.is_empty() {
            return Err(CliError::BadInput(format!(
                "{file}:{}:{}: empty column name in the header",
                header_index + 1,
                i + 1
            )));
        }
        if header[..i].contains(name) {
            return Err(CliError::BadInput(format!(
                "{file}:{}:{}: column '{name}' appears twice in the header",
                header_index + 1,
                i + 1
            )));
        }
    }
    let column_of = |name: &str| header.iter().position(|h| h == name);
    if column_of("alt_km").is_none() {
        return Err(CliError::BadInput(format!(
            "{file}:{}: the header has no 'alt_km' column (it has: {}); alt_km is required",
            header_index + 1,
            header.join(", ")
        )));
    }
    let known: Vec<(usize, &KnownColumn)> = KNOWN_COLUMNS
        .iter()
        .filter_map(|k| column_of(k.name).map(|i| (i, k)))
        .collect();
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    for (index, line) in lines {
        let line_no = index + 1;
        let row_cells = split_cells(line);
        if row_cells.len() != header.len() {
            return Err(CliError::BadInput(format!(
                "{file}:{line_no}: {} cells, but the header has {} columns",
                row_cells.len(),
                header.len()
            )));
        }
        let mut values = [f64::NAN; KNOWN_COLUMNS.len()];
        for &(col, k) in &known {
            let cell = &row_cells[col];
            let where_ = format!("{file}:{line_no}:{}: column '{}'", col + 1, k.name);
            let v: f64 = cell
                .parse()
                .map_err(|_| CliError::BadInput(format!("{where_}: '{cell}' is not a number")))?;
            if !v.is_finite() {
                return Err(CliError::BadInput(format!(
                    "{where_}: '{cell}' is not a finite number"
                )));
            }
            if v < k.min || v > k.max || (k.integer && v.fract() != 0.0) {
                let kind = if k.integer { "an integer" } else { "a value" };
                return Err(CliError::BadInput(format!(
                    "{where_}: {cell} {}is outside the allowed range: {kind} from {} to {}{}",
                    if k.unit.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", k.unit)
                    },
                    k.min,
                    k.max,
                    if k.unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", k.unit)
                    },
                )));
            }
            let slot = KNOWN_COLUMNS
                .iter()
                .position(|c| c.name == k.name)
                .unwrap_or(0);
            values[slot] = v;
        }
        let get = |i: usize, default: f64| {
            if values[i].is_nan() {
                default
            } else {
                values[i]
            }
        };
        rows.push(PointRow {
            alt_km: values[0],
            lat_deg: get(1, 0.0),
            lon_deg: get(2, 0.0),
            year: get(3, 2000.0) as i32,
            doy: get(4, 1.0) as u32,
            ut_s: get(5, 0.0),
            f107: get(6, flags.f107),
            f107a: get(7, flags.f107a),
            ap: get(8, flags.ap),
            lst_h: (!values[9].is_nan()).then_some(values[9]),
        });
        cells.push(row_cells);
    }
    Ok(PointsFile {
        header,
        cells,
        rows,
    })
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> CliResult {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(CliError::BadInput(format!(
            "--output {}: the directory {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            CliError::BadInput(format!("--output {}: not a file name", path.display()))
        })?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(CliError::BadInput(format!(
            "--output {}: cannot write: {e}",
            path.display()
        )));
    }
    Ok(())
}
