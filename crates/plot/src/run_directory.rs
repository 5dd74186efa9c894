//! Reader of a run directory (DESIGN.md §5): `summary.json`, `fragments.csv` and, when the
//! directory holds the nominal sample, `trajectory.csv`.
//!
//! Columns are found by their header names, so extra columns are ignored; only the columns the
//! plots use are required.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::PlotError;

/// File names of a run directory.
pub const SUMMARY_FILE: &str = "summary.json";
/// See [`SUMMARY_FILE`].
pub const FRAGMENTS_FILE: &str = "fragments.csv";
/// See [`SUMMARY_FILE`].
pub const TRAJECTORY_FILE: &str = "trajectory.csv";

/// End state of a fragment node (the `fate` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fate {
    /// Melted away.
    Demised,
    /// Reached the ground.
    Landed,
    /// A parent that broke up into its children.
    BrokeUp,
    /// Still flying at the time limit.
    TimeLimit,
    /// Numerical failure.
    NonFinite,
}

impl Fate {
    fn parse(text: &str) -> Option<Fate> {
        Some(match text {
            "demised" => Fate::Demised,
            "landed" => Fate::Landed,
            "broke-up" => Fate::BrokeUp,
            "time-limit" => Fate::TimeLimit,
            "non-finite" => Fate::NonFinite,
            _ => return None,
        })
    }
}

/// One row of `fragments.csv` (the columns the plots use).
#[derive(Debug, Clone, PartialEq)]
pub struct FragmentRow {
    /// Monte Carlo sample index (0 is the nominal run).
    pub sample: u64,
    /// Node id (`vehicle` for the vehicle).
    pub fragment: String,
    /// Number of identical objects the row stands for.
    pub count: u64,
    /// Material id; `None` for the vehicle.
    pub material: Option<String>,
    /// How the node ended.
    pub fate: Fate,
    /// Altitude at release, km.
    pub release_alt_km: Option<f64>,
    /// Time of the end, s from the scenario's initial state.
    pub end_time_s: f64,
    /// End latitude, degrees.
    pub end_lat_deg: f64,
    /// End longitude, degrees.
    pub end_lon_deg: f64,
    /// End altitude, km.
    pub end_alt_km: f64,
    /// Demise altitude, km (demised fragments).
    pub demise_alt_km: Option<f64>,
    /// Mass at the end, kg (per object).
    pub mass_kg: f64,
    /// Kinetic energy at impact, J (landed fragments).
    pub impact_energy_j: Option<f64>,
}

impl FragmentRow {
    /// Is this the vehicle's row?
    pub fn is_vehicle(&self) -> bool {
        self.material.is_none() || self.fragment == "vehicle"
    }
}

/// One row of `trajectory.csv` (the columns the plots use).
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryRow {
    /// Node id (`vehicle` for the vehicle).
    pub fragment: String,
    /// Time, s from the scenario's initial state.
    pub time_s: f64,
    /// Geodetic latitude, degrees.
    pub lat_deg: f64,
    /// Longitude, degrees.
    pub lon_deg: f64,
    /// Geodetic altitude, km.
    pub alt_km: f64,
    /// Earth-relative speed, m/s.
    pub speed_m_s: f64,
    /// Mass, kg.
    pub mass_kg: f64,
    /// Temperature, K (`None` for the vehicle).
    pub temperature_k: Option<f64>,
    /// Bridged stagnation heat flux, W/m² (`None` where not written).
    pub heat_flux_w_m2: Option<f64>,
}

/// The keys of `summary.json` the plots use; all optional except the scenario name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunSummary {
    /// Scenario name.
    pub scenario: String,
    /// Monte Carlo seed.
    pub seed: Option<u64>,
    /// Number of samples of the run.
    pub samples: Option<u64>,
    /// Shard `I/N` when the directory holds one shard.
    pub shard: Option<String>,
    /// Target-zone polygon, `[lon, lat]` degrees.
    pub target_zone_deg: Option<Vec<[f64; 2]>>,
    /// Melt temperature of each material id, K.
    pub melt_temperature_k: BTreeMap<String, f64>,
    /// Probability that a hazardous fragment lands outside the target zone.
    pub p_outside_target_zone: Option<f64>,
    /// Probability of a hazardous fragment on land.
    pub p_land_impact: Option<f64>,
    /// Mean casualty expectation.
    pub casualty_expectation_mean: Option<f64>,
    /// Orbit-averaged casualty expectation (uncontrolled re-entries).
    pub casualty_expectation_orbit_average: Option<f64>,
    /// The 0.15–99.85 % box of the hazardous impacts along the nominal break-up track
    /// (`footprint_nominal_track` with `exact.nominal_breakup`).
    pub debris_box: Option<DebrisBox>,
}

/// The 0.15–99.85 % percentile box of the hazardous impacts of every sample, measured along
/// and across the ground track of the nominal break-up (`summary.json`,
/// `footprint_nominal_track`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DebrisBox {
    /// The nominal break-up's ground track (`exact.nominal_breakup`).
    pub track: reentry_physics::earth::track::GroundTrack,
    /// Along-track extent [0.15 %, 99.85 %], km.
    pub along_km: [f64; 2],
    /// Cross-track extent [0.15 %, 99.85 %], km (right of the track positive).
    pub cross_km: [f64; 2],
}

/// Everything the plots are drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct RunDirectory {
    /// The directory.
    pub path: PathBuf,
    /// `summary.json`.
    pub summary: RunSummary,
    /// `fragments.csv`, in file order.
    pub fragments: Vec<FragmentRow>,
    /// `trajectory.csv` (sample 0 only), `None` when the directory has none (a shard).
    pub trajectory: Option<Vec<TrajectoryRow>>,
}

impl RunDirectory {
    /// Reads the run directory `dir`.
    pub fn read(dir: &Path) -> Result<RunDirectory, PlotError> {
        if !dir.is_dir() {
            return Err(PlotError::NotADirectory {
                path: dir.to_path_buf(),
            });
        }
        let summary_path = dir.join(SUMMARY_FILE);
        let fragments_path = dir.join(FRAGMENTS_FILE);
        let trajectory_path = dir.join(TRAJECTORY_FILE);
        let summary = read_summary(&summary_path)?;
        let fragments = read_fragments(&fragments_path)?;
        let trajectory = if trajectory_path.is_file() {
            Some(read_trajectory(&trajectory_path)?)
        } else {
            None
        };
        Ok(RunDirectory {
            path: dir.to_path_buf(),
            summary,
            fragments,
            trajectory,
        })
    }

    /// Sample number of the nominal run when the directory holds it (sample 0).
    pub fn nominal_sample(&self) -> Option<u64> {
        self.fragments.iter().any(|f| f.sample == 0).then_some(0)
    }

    /// Number of distinct samples in `fragments.csv`.
    pub fn sample_count(&self) -> usize {
        let mut samples: Vec<u64> = self.fragments.iter().map(|f| f.sample).collect();
        samples.sort_unstable();
        samples.dedup();
        samples.len()
    }

    /// Material ids present in `fragments.csv` and `summary.json`, sorted.
    pub fn materials(&self) -> Vec<String> {
        // A set of borrowed ids: a 10 000-sample run has 370 000 rows and a dozen materials,
        // and sorting a copy of every row's id took a quarter of `reentry plot`.
        // (Inserted one by one: `collect` into a set sorts all the items first.)
        let mut ids: BTreeSet<&str> = BTreeSet::new();
        for id in self
            .fragments
            .iter()
            .filter_map(|f| f.material.as_deref())
            .chain(self.summary.melt_temperature_k.keys().map(String::as_str))
        {
            ids.insert(id);
        }
        ids.into_iter().map(str::to_owned).collect()
    }
}

fn read_text(path: &Path, expected: &'static str) -> Result<String, PlotError> {
    if !path.is_file() {
        return Err(PlotError::MissingFile {
            path: path.to_path_buf(),
            expected,
        });
    }
    fs::read_to_string(path).map_err(|source| PlotError::Io {
        path: path.to_path_buf(),
        source,
    })
}

const RUN_FILES: &str = "summary.json, fragments.csv and (for the nominal sample) trajectory.csv";

fn read_summary(path: &Path) -> Result<RunSummary, PlotError> {
    let text = read_text(path, RUN_FILES)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| PlotError::BadJson {
        path: path.to_path_buf(),
        message: format!("not valid JSON: {e}"),
    })?;
    let bad = |key: &str, expected: &str| PlotError::BadJson {
        path: path.to_path_buf(),
        message: format!("key `{key}`: expected {expected}"),
    };
    let object = value
        .as_object()
        .ok_or_else(|| bad("(top level)", "an object"))?;
    let scenario = match object.get("scenario") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::from("run"),
        Some(_) => return Err(bad("scenario", "a string")),
    };
    let optional_u64 = |key: &str| -> Result<Option<u64>, PlotError> {
        match object.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| bad(key, "a non-negative integer")),
        }
    };
    let optional_f64 =
        |value: Option<&serde_json::Value>, key: &str| -> Result<Option<f64>, PlotError> {
            match value {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| bad(key, "a number")),
            }
        };
    let shard = match object.get("shard") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let target_zone_deg = match object.get("target_zone_deg") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Array(points)) => {
            let mut polygon = Vec::with_capacity(points.len());
            for point in points {
                let pair = point
                    .as_array()
                    .filter(|p| p.len() == 2)
                    .and_then(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
                    .ok_or_else(|| bad("target_zone_deg", "a list of [lon, lat] pairs"))?;
                polygon.push(pair);
            }
            (polygon.len() >= 3).then_some(polygon)
        }
        Some(_) => return Err(bad("target_zone_deg", "a list of [lon, lat] pairs or null")),
    };
    let mut melt_temperature_k = BTreeMap::new();
    match object.get("materials") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Object(materials)) => {
            for (id, properties) in materials {
                let key = format!("materials.{id}.melt_temperature_k");
                if let Some(t) = optional_f64(properties.get("melt_temperature_k"), &key)? {
                    melt_temperature_k.insert(id.clone(), t);
                }
            }
        }
        Some(_) => return Err(bad("materials", "an object keyed by material id")),
    }
    let casualty_expectation_mean = match object.get("casualty_expectation") {
        Some(serde_json::Value::Object(ce)) => {
            optional_f64(ce.get("mean"), "casualty_expectation.mean")?
        }
        _ => None,
    };
    let debris_box = read_debris_box(object).map_err(|key| bad(&key, "a number"))?;
    Ok(RunSummary {
        scenario,
        seed: optional_u64("seed")?,
        samples: optional_u64("samples")?,
        shard,
        target_zone_deg,
        melt_temperature_k,
        p_outside_target_zone: optional_f64(
            object.get("p_outside_target_zone"),
            "p_outside_target_zone",
        )?,
        p_land_impact: optional_f64(object.get("p_land_impact"), "p_land_impact")?,
        casualty_expectation_mean,
        casualty_expectation_orbit_average: optional_f64(
            object.get("casualty_expectation_orbit_average"),
            "casualty_expectation_orbit_average",
        )?,
        debris_box,
    })
}

/// The debris box of a summary: `None` when `footprint_nominal_track` or
/// `exact.nominal_breakup` is absent or null (a run without break-up, or written before the
/// key existed); `Err(key)` names a value that is present but not a number.
fn read_debris_box(
    object: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<DebrisBox>, String> {
    use serde_json::Value;
    let (Some(track), Some(breakup)) = (
        object
            .get("footprint_nominal_track")
            .filter(|v| !v.is_null()),
        object
            .get("exact")
            .and_then(|e| e.get("nominal_breakup"))
            .filter(|v| !v.is_null()),
    ) else {
        return Ok(None);
    };
    // Exact decimal text, as `summary.json` writes the numbers merge reads back.
    let vector = |key: &str| -> Result<[f64; 3], String> {
        let name = format!("exact.nominal_breakup.{key}");
        let cells = breakup
            .get(key)
            .and_then(Value::as_array)
            .filter(|a| a.len() == 3)
            .ok_or_else(|| name.clone())?;
        let mut out = [0.0; 3];
        for (o, cell) in out.iter_mut().zip(cells) {
            *o = cell
                .as_str()
                .and_then(|t| t.parse::<f64>().ok())
                .ok_or_else(|| name.clone())?;
        }
        Ok(out)
    };
    let range = |key: &str| -> Result<Option<[f64; 2]>, String> {
        let name = |p: &str| format!("footprint_nominal_track.{key}.{p}");
        let value = |p: &str| -> Result<Option<f64>, String> {
            match track.get(key).and_then(|r| r.get(p)) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| name(p)),
            }
        };
        Ok(value("p00_15")?.zip(value("p99_85")?).map(|(a, b)| [a, b]))
    };
    let (Some(along_km), Some(cross_km)) = (range("along_track_km")?, range("cross_track_km")?)
    else {
        return Ok(None);
    };
    Ok(Some(DebrisBox {
        track: reentry_physics::earth::track::GroundTrack {
            breakup_ecef_m: vector("ecef_m")?,
            breakup_velocity_ecef_m_s: vector("velocity_ecef_m_s")?,
        },
        along_km,
        cross_km,
    }))
}

/// A CSV file read one record a line (RFC 4180 quoting) from a buffered reader, so that a
/// large `fragments.csv` is never held whole: only the current line and its cells are.
struct CsvReader<'a> {
    path: &'a Path,
    reader: BufReader<File>,
    header: Vec<String>,
    /// Upper bound on the number of data rows (the file's line count), for the rows' capacity.
    rows_upper_bound: usize,
    /// The current line as read, and its 1-based number (the header is line 1).
    line: String,
    line_number: usize,
    record: Record,
}

impl<'a> CsvReader<'a> {
    fn open(path: &'a Path) -> Result<CsvReader<'a>, PlotError> {
        if !path.is_file() {
            return Err(PlotError::MissingFile {
                path: path.to_path_buf(),
                expected: RUN_FILES,
            });
        }
        let io = |source| PlotError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let mut reader = BufReader::with_capacity(READ_BUFFER_BYTES, file);
        // One cheap pass to count lines sizes the rows' Vec once, instead of growing it by
        // doubling (which may hold the old and the new buffer at the same time).
        let rows_upper_bound = count_lines(&mut reader).map_err(io)?;
        reader.rewind().map_err(io)?;
        let mut csv = CsvReader {
            path,
            reader,
            header: Vec::new(),
            rows_upper_bound,
            line: String::new(),
            line_number: 0,
            record: Record::default(),
        };
        if csv.next_record()? {
            csv.header = (0..csv.record.bounds.len())
                .map(|i| csv.record.cell(i).trim().to_string())
                .collect();
        }
        Ok(csv)
    }

    /// Reads the next non-blank line into `record`; `false` at the end of the file.
    fn next_record(&mut self) -> Result<bool, PlotError> {
        loop {
            self.line.clear();
            let read = self
                .reader
                .read_line(&mut self.line)
                .map_err(|source| PlotError::Io {
                    path: self.path.to_path_buf(),
                    source,
                })?;
            if read == 0 {
                return Ok(false);
            }
            self.line_number += 1;
            let line = self.line.strip_suffix('\n').unwrap_or(&self.line);
            if !line.trim().is_empty() {
                self.record.split(line);
                return Ok(true);
            }
        }
    }

    /// The cells of the next data row, `None` at the end of the file.
    fn next_row(&mut self) -> Result<Option<Cells<'_>>, PlotError> {
        Ok(self.next_record()?.then_some(Cells {
            path: self.path,
            line: self.line_number,
            record: &self.record,
        }))
    }

    fn column(&self, name: &'static str) -> Result<Column, PlotError> {
        self.optional_column(name)
            .ok_or_else(|| PlotError::MissingColumn {
                path: self.path.to_path_buf(),
                column: name,
            })
    }

    fn optional_column(&self, name: &'static str) -> Option<Column> {
        self.header
            .iter()
            .position(|h| h == name)
            .map(|index| Column { name, index })
    }
}

/// Size of the read buffer: large enough that a line never spans many refills.
const READ_BUFFER_BYTES: usize = 1 << 16;

/// Number of lines of the rest of `reader` (a last line without a newline counts).
fn count_lines(reader: &mut BufReader<File>) -> std::io::Result<usize> {
    let mut lines = 0;
    let mut last = b'\n';
    loop {
        let buffer = reader.fill_buf()?;
        let Some(&end) = buffer.last() else {
            break;
        };
        lines += buffer.iter().filter(|&&b| b == b'\n').count();
        last = end;
        let consumed = buffer.len();
        reader.consume(consumed);
    }
    Ok(lines + usize::from(last != b'\n'))
}

/// One CSV record split into cells: the record's text with the quoting removed, and each
/// cell's byte range in it. Reused from line to line, so splitting allocates nothing once the
/// buffers have grown to the longest line.
#[derive(Default)]
struct Record {
    text: String,
    bounds: Vec<Range<usize>>,
}

impl Record {
    /// Splits `line` (without its `\n`): commas separate cells; a cell in double quotes may
    /// hold commas and doubled quotes.
    fn split(&mut self, line: &str) {
        self.text.clear();
        self.bounds.clear();
        let line = line.trim_end_matches('\r');
        if !line.contains('"') {
            self.text.push_str(line);
            let mut start = 0;
            for (at, _) in line.match_indices(',') {
                self.bounds.push(start..at);
                start = at + 1;
            }
            self.bounds.push(start..line.len());
            return;
        }
        let mut start = 0;
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    self.text.push('"');
                    chars.next();
                }
                ('"', true) => quoted = false,
                ('"', false) if self.text.len() == start => quoted = true,
                (',', false) => {
                    self.bounds.push(start..self.text.len());
                    start = self.text.len();
                }
                _ => self.text.push(ch),
            }
        }
        self.bounds.push(start..self.text.len());
    }

    /// Cell `index`, `""` past the last cell.
    fn cell(&self, index: usize) -> &str {
        self.bounds
            .get(index)
            .map_or("", |range| &self.text[range.clone()])
    }
}

#[derive(Clone, Copy)]
struct Column {
    name: &'static str,
    index: usize,
}

struct Cells<'a> {
    path: &'a Path,
    line: usize,
    record: &'a Record,
}

impl Cells<'_> {
    fn bad(&self, column: Column, expected: &'static str) -> PlotError {
        PlotError::BadCell {
            path: self.path.to_path_buf(),
            line: self.line,
            column: column.name,
            value: self.raw(column).to_string(),
            expected,
        }
    }

    fn raw(&self, column: Column) -> &str {
        self.record.cell(column.index).trim()
    }

    fn text(&self, column: Column) -> Result<String, PlotError> {
        self.non_empty(column).map(str::to_string)
    }

    fn non_empty(&self, column: Column) -> Result<&str, PlotError> {
        let raw = self.raw(column);
        if raw.is_empty() {
            return Err(self.bad(column, "a non-empty value"));
        }
        Ok(raw)
    }

    fn optional_text(&self, column: Option<Column>) -> Option<String> {
        let raw = self.raw(column?);
        (!raw.is_empty()).then(|| raw.to_string())
    }

    fn number(&self, column: Column) -> Result<f64, PlotError> {
        self.optional_number(Some(column))?
            .ok_or_else(|| self.bad(column, "a number"))
    }

    fn optional_number(&self, column: Option<Column>) -> Result<Option<f64>, PlotError> {
        let Some(column) = column else {
            return Ok(None);
        };
        let raw = self.raw(column);
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<f64>()
            .map(Some)
            .map_err(|_| self.bad(column, "a number or an empty cell"))
    }

    fn integer(&self, column: Column) -> Result<u64, PlotError> {
        self.raw(column)
            .parse::<u64>()
            .map_err(|_| self.bad(column, "a non-negative integer"))
    }
}

fn read_fragments(path: &Path) -> Result<Vec<FragmentRow>, PlotError> {
    let mut csv = CsvReader::open(path)?;
    let sample = csv.column("sample")?;
    let fragment = csv.column("fragment")?;
    let count = csv.optional_column("count");
    let material = csv.optional_column("material");
    let fate = csv.column("fate")?;
    let release_alt_km = csv.optional_column("release_alt_km");
    let end_time_s = csv.column("end_time_s")?;
    let end_lat_deg = csv.column("end_lat_deg")?;
    let end_lon_deg = csv.column("end_lon_deg")?;
    let end_alt_km = csv.column("end_alt_km")?;
    let demise_alt_km = csv.optional_column("demise_alt_km");
    let mass_kg = csv.column("mass_kg")?;
    let impact_energy_j = csv.optional_column("impact_energy_j");
    let mut rows = Vec::with_capacity(csv.rows_upper_bound);
    while let Some(c) = csv.next_row()? {
        let fate_value = Fate::parse(c.non_empty(fate)?).ok_or_else(|| {
            c.bad(
                fate,
                "one of demised, landed, broke-up, time-limit, non-finite",
            )
        })?;
        rows.push(FragmentRow {
            sample: c.integer(sample)?,
            fragment: c.text(fragment)?,
            count: match count {
                Some(column) if !c.raw(column).is_empty() => c.integer(column)?,
                _ => 1,
            },
            material: c.optional_text(material),
            fate: fate_value,
            release_alt_km: c.optional_number(release_alt_km)?,
            end_time_s: c.number(end_time_s)?,
            end_lat_deg: c.number(end_lat_deg)?,
            end_lon_deg: c.number(end_lon_deg)?,
            end_alt_km: c.number(end_alt_km)?,
            demise_alt_km: c.optional_number(demise_alt_km)?,
            mass_kg: c.number(mass_kg)?,
            impact_energy_j: c.optional_number(impact_energy_j)?,
        });
    }
    Ok(rows)
}

fn read_trajectory(path: &Path) -> Result<Vec<TrajectoryRow>, PlotError> {
    let mut csv = CsvReader::open(path)?;
    let sample = csv.optional_column("sample");
    let fragment = csv.column("fragment")?;
    let time_s = csv.column("time_s")?;
    let lat_deg = csv.column("lat_deg")?;
    let lon_deg = csv.column("lon_deg")?;
    let alt_km = csv.column("alt_km")?;
    let speed_m_s = csv.column("speed_m_s")?;
    let mass_kg = csv.column("mass_kg")?;
    let temperature_k = csv.optional_column("temperature_k");
    let heat_flux_w_m2 = csv.optional_column("heat_flux_w_m2");
    let mut rows = Vec::with_capacity(csv.rows_upper_bound);
    while let Some(c) = csv.next_row()? {
        // The file holds the nominal sample only; skip anything else a writer may add.
        if let Some(column) = sample
            && c.integer(column)? != 0
        {
            continue;
        }
        rows.push(TrajectoryRow {
            fragment: c.text(fragment)?,
            time_s: c.number(time_s)?,
            lat_deg: c.number(lat_deg)?,
            lon_deg: c.number(lon_deg)?,
            alt_km: c.number(alt_km)?,
            speed_m_s: c.number(speed_m_s)?,
            mass_kg: c.number(mass_kg)?,
            temperature_k: c.optional_number(temperature_k)?,
            heat_flux_w_m2: c.optional_number(heat_flux_w_m2)?,
        });
    }
    Ok(rows)
}

/// Finite trajectory rows grouped by fragment id, in order of first appearance, each sorted by
/// time.
pub(crate) fn trajectory_by_fragment(rows: &[TrajectoryRow]) -> Vec<(String, Vec<&TrajectoryRow>)> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&TrajectoryRow>> = BTreeMap::new();
    // A lane that went non-finite leaves NaN rows; they carry nothing to draw.
    let finite = |r: &&TrajectoryRow| {
        [
            r.time_s,
            r.lat_deg,
            r.lon_deg,
            r.alt_km,
            r.speed_m_s,
            r.mass_kg,
        ]
        .iter()
        .all(|v| v.is_finite())
    };
    for row in rows.iter().filter(finite) {
        let group = groups.entry(row.fragment.as_str()).or_default();
        if group.is_empty() {
            order.push(row.fragment.clone());
        }
        group.push(row);
    }
    order
        .into_iter()
        .map(|id| {
            let mut group = groups.remove(id.as_str()).unwrap_or_default();
            group.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
            (id, group)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<String> {
        let mut record = Record::default();
        record.split(line);
        (0..record.bounds.len())
            .map(|i| record.cell(i).to_string())
            .collect()
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(split("a,,\"b,c\",\"d\"\"e\""), vec!["a", "", "b,c", "d\"e"]);
        assert_eq!(split(""), vec![""]);
        assert_eq!(split("a,b\r\r"), vec!["a", "b"]);
        // A quote opens a quoted cell only at the cell's start; elsewhere it is text.
        assert_eq!(split("x\"y,\"\"z,\"p\"q\""), vec!["x\"y", "z", "pq\""]);
    }
}
