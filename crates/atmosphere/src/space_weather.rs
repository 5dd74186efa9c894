//! Space-weather inputs of NRLMSISE-00: constant indices, or a daily file in the CelesTrak
//! `SW-All.csv` layout looked up by date.
//!
//! Conventions (NRLMSISE-00 documentation; CelesTrak's file description): F10.7 is the
//! *observed* flux (at Earth's distance, not adjusted to 1 AU) of the **previous** day; F10.7A is
//! the 81-day mean centred on the day (`F10.7_OBS_CENTER81`); Ap is the daily mean (`AP_AVG`);
//! the ap history takes the eight 3-hour values of each day (`AP1`…`AP8`, 00–03 UT … 21–24 UT).
//!
//! ```
//! use reentry_atmosphere::{space_weather::SpaceWeather, Epoch};
//! let sw = SpaceWeather::Constant { f107_sfu: 150.0, f107a_sfu: 150.0, ap: 4.0 };
//! let i = sw.indices_at(Epoch::default(), false).unwrap();
//! assert_eq!((i.f107_sfu, i.f107a_sfu, i.ap), (150.0, 150.0, 4.0));
//! ```

use std::path::{Path, PathBuf};

use crate::Epoch;
use crate::time::SECONDS_PER_DAY;

/// The indices NRLMSISE-00 takes at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpaceWeatherIndices {
    /// Observed F10.7 of the previous day, sfu.
    pub f107_sfu: f64,
    /// 81-day centred mean of the observed F10.7, sfu.
    pub f107a_sfu: f64,
    /// Daily Ap.
    pub ap: f64,
    /// The model's 7-element ap history (daily Ap, 3-h ap now, 3, 6, 9 h before, mean of 12–33 h
    /// before, mean of 36–57 h before).
    pub ap_history: [f64; 7],
}

impl SpaceWeatherIndices {
    /// All NaN: what a lookup outside a file gives to a kernel that cannot fail.
    pub const NAN: SpaceWeatherIndices = SpaceWeatherIndices {
        f107_sfu: f64::NAN,
        f107a_sfu: f64::NAN,
        ap: f64::NAN,
        ap_history: [f64::NAN; 7],
    };
}

/// One day of a space-weather file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailySpaceWeather {
    /// Observed F10.7 of the day, sfu.
    pub f107_obs_sfu: f64,
    /// 81-day centred mean of the observed F10.7, sfu.
    pub f107_obs_center81_sfu: f64,
    /// Daily Ap.
    pub ap_avg: f64,
    /// The eight 3-hour ap values (00–03 UT first); AP_AVG where the file leaves them empty
    /// (predicted rows).
    pub ap_3h: [f64; 8],
}

/// A daily space-weather table read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceWeatherTable {
    path: PathBuf,
    /// Day number (days since 2000-01-01) of `days[0]`.
    first_day: i64,
    /// Consecutive days; `None` for dates the file lacks or leaves incomplete.
    days: Vec<Option<DailySpaceWeather>>,
}

/// Space weather for NRLMSISE-00.
#[derive(Debug, Clone, PartialEq)]
pub enum SpaceWeather {
    /// The same indices at every instant (ap history = Ap in every element).
    Constant {
        /// F10.7 (previous day), sfu.
        f107_sfu: f64,
        /// F10.7A (81-day centred mean), sfu.
        f107a_sfu: f64,
        /// Daily Ap.
        ap: f64,
    },
    /// Daily values from a file.
    Table(SpaceWeatherTable),
}

/// A space-weather file that cannot be used, or a date it does not cover.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SpaceWeatherError {
    /// The file cannot be read.
    #[error("cannot read space-weather file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A required column is missing from the header.
    #[error(
        "space-weather file {path}: line 1: the header has no column '{column}' (the CelesTrak \
         SW-All.csv layout needs DATE, AP_AVG, F10.7_OBS and F10.7_OBS_CENTER81)"
    )]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The column.
        column: String,
    },
    /// A cell that does not parse, or is out of range.
    #[error(
        "space-weather file {path}: line {line}, column {column} ({key}): '{value}' is not \
         {allowed}"
    )]
    BadValue {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Column name.
        key: String,
        /// The text found.
        value: String,
        /// What is accepted.
        allowed: String,
    },
    /// Dates out of order or repeated.
    #[error(
        "space-weather file {path}: line {line}: date {date} does not follow the previous row's \
         date (rows must be in increasing date order)"
    )]
    Order {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The date.
        date: String,
    },
    /// No usable row.
    #[error("space-weather file {path} has no complete daily row")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A needed date is not in the file.
    #[error(
        "space-weather file {path} has no complete data for {date} (needed for {needed_for}); \
         the file covers {first} to {last}"
    )]
    DateOutside {
        /// The file.
        path: PathBuf,
        /// The missing date, YYYY-MM-DD.
        date: String,
        /// The instant that needed it (RFC 3339).
        needed_for: String,
        /// First date of the file.
        first: String,
        /// Last date of the file.
        last: String,
    },
}

/// Days since 2000-01-01 of an epoch, and the seconds of that day.
fn day_number(epoch: Epoch) -> (i64, f64) {
    let s = epoch.j2000_s + 43_200.0;
    let day = (s / SECONDS_PER_DAY).floor();
    (day as i64, s - day * SECONDS_PER_DAY)
}

/// YYYY-MM-DD of a day number.
fn date_text(day: i64) -> String {
    let (y, m, d, _) = Epoch {
        j2000_s: day as f64 * SECONDS_PER_DAY,
    }
    .calendar();
    format!("{y:04}-{m:02}-{d:02}")
}

/// RFC 3339 text of an epoch (whole seconds).
fn epoch_text(epoch: Epoch) -> String {
    let (y, m, d, sec) = epoch.calendar();
    let s = sec.floor() as u32;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// Parses YYYY-MM-DD into a day number.
fn parse_date(text: &str) -> Option<i64> {
    let e = Epoch::parse_rfc3339(&format!("{}T12:00:00Z", text.trim())).ok()?;
    Some(day_number(e).0)
}

impl SpaceWeather {
    /// Reads a file in the CelesTrak `SW-All.csv` layout (header row; columns found by name:
    /// DATE, AP_AVG, F10.7_OBS, F10.7_OBS_CENTER81, and AP1…AP8 when present; lines starting
    /// with `#` are comments). A row with an empty or negative required cell (a missing value,
    /// or a monthly prediction without it) leaves its date uncovered; a malformed cell is an
    /// error naming the line and column. F10.7 is used as observed (no radio-burst filtering).
    pub fn from_csv_file(path: &Path) -> Result<SpaceWeather, SpaceWeatherError> {
        let text = std::fs::read_to_string(path).map_err(|source| SpaceWeatherError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        SpaceWeatherTable::parse(&text, path).map(SpaceWeather::Table)
    }

    /// The indices at an instant. `with_history` also requires the three days before (for the
    /// ap history); without it the previous day and the day itself are needed.
    pub fn indices_at(
        &self,
        epoch: Epoch,
        with_history: bool,
    ) -> Result<SpaceWeatherIndices, SpaceWeatherError> {
        match self {
            SpaceWeather::Constant {
                f107_sfu,
                f107a_sfu,
                ap,
            } => Ok(SpaceWeatherIndices {
                f107_sfu: *f107_sfu,
                f107a_sfu: *f107a_sfu,
                ap: *ap,
                ap_history: [*ap; 7],
            }),
            SpaceWeather::Table(table) => table.indices_at(epoch, with_history),
        }
    }

    /// Ok if every instant from `first` to `last` can be looked up.
    pub fn check_covers(
        &self,
        first: Epoch,
        last: Epoch,
        with_history: bool,
    ) -> Result<(), SpaceWeatherError> {
        let (d0, _) = day_number(first);
        let (d1, _) = day_number(last);
        for day in d0..=d1.max(d0) {
            let noon = Epoch {
                j2000_s: day as f64 * SECONDS_PER_DAY,
            };
            let e = if day == d0 { first } else { noon };
            self.indices_at(e, with_history)?;
        }
        Ok(())
    }
}

impl SpaceWeatherTable {
    /// Parses the text of a file (see [`SpaceWeather::from_csv_file`]); `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<SpaceWeatherTable, SpaceWeatherError> {
        let mut lines = text.lines().enumerate();
        let header = loop {
            match lines.next() {
                Some((_, l)) if l.trim().is_empty() || l.starts_with('#') => continue,
                Some((_, l)) => break l,
                None => {
                    return Err(SpaceWeatherError::Empty {
                        path: path.to_path_buf(),
                    });
                }
            }
        };
        let names: Vec<String> = header
            .split(',')
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_uppercase())
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let need = |name: &str| {
            find(name).ok_or_else(|| SpaceWeatherError::MissingColumn {
                path: path.to_path_buf(),
                column: name.to_string(),
            })
        };
        let c_date = need("DATE")?;
        let c_ap = need("AP_AVG")?;
        let c_f = need("F10.7_OBS")?;
        let c_fa = need("F10.7_OBS_CENTER81")?;
        let c_ap3: Vec<Option<usize>> = (1..=8).map(|k| find(&format!("AP{k}"))).collect();

        let mut first_day: Option<i64> = None;
        let mut last_day: Option<i64> = None;
        let mut days: Vec<Option<DailySpaceWeather>> = Vec::new();
        for (i, line) in lines {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let line_no = i + 1;
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let cell = |c: usize| cells.get(c).copied().unwrap_or("");
            let bad = |c: usize, allowed: &str| SpaceWeatherError::BadValue {
                path: path.to_path_buf(),
                line: line_no,
                column: c + 1,
                key: names[c].clone(),
                value: cell(c).to_string(),
                allowed: allowed.to_string(),
            };
            let date_cell = cell(c_date);
            let day = parse_date(date_cell).ok_or_else(|| bad(c_date, "a date YYYY-MM-DD"))?;
            if let Some(prev) = last_day
                && day <= prev
            {
                return Err(SpaceWeatherError::Order {
                    path: path.to_path_buf(),
                    line: line_no,
                    date: date_cell.to_string(),
                });
            }
            last_day = Some(day);
            // Optional number: empty or negative (CelesTrak's mark of a missing value) → None;
            // otherwise it must parse and be in range.
            let number = |c: usize, lo: f64, hi: f64, allowed: &str| -> Result<Option<f64>, _> {
                let t = cell(c);
                if t.is_empty() {
                    return Ok(None);
                }
                match t.parse::<f64>() {
                    Ok(v) if v.is_finite() && v < 0.0 => Ok(None),
                    Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(Some(v)),
                    _ => Err(bad(c, allowed)),
                }
            };
            let flux = "a solar flux in sfu (0 to 2000)";
            let ap_allowed = "an ap index (0 to 400)";
            let f = number(c_f, 0.0, 2000.0, flux)?;
            let fa = number(c_fa, 0.0, 2000.0, flux)?;
            let ap = number(c_ap, 0.0, 400.0, ap_allowed)?;
            let mut ap_3h = [f64::NAN; 8];
            for (k, c) in c_ap3.iter().enumerate() {
                ap_3h[k] = match c {
                    Some(c) => number(*c, 0.0, 400.0, ap_allowed)?.unwrap_or(f64::NAN),
                    None => f64::NAN,
                };
            }
            let row = match (f, fa, ap) {
                (Some(f), Some(fa), Some(ap)) => Some(DailySpaceWeather {
                    f107_obs_sfu: f,
                    f107_obs_center81_sfu: fa,
                    ap_avg: ap,
                    ap_3h: ap_3h.map(|v| if v.is_nan() { ap } else { v }),
                }),
                _ => None,
            };
            let first = *first_day.get_or_insert(day);
            let index = (day - first) as usize;
            days.resize(index, None);
            days.push(row);
        }
        // Trim incomplete rows at both ends so the reported range is the usable one.
        while days.last().is_some_and(Option::is_none) {
            days.pop();
        }
        let lead = days.iter().take_while(|d| d.is_none()).count();
        if lead == days.len() {
            return Err(SpaceWeatherError::Empty {
                path: path.to_path_buf(),
            });
        }
        days.drain(..lead);
        Ok(SpaceWeatherTable {
            path: path.to_path_buf(),
            first_day: first_day.unwrap_or(0) + lead as i64,
            days,
        })
    }

    /// The file this table was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// First and last date (YYYY-MM-DD) of the table.
    pub fn date_range(&self) -> (String, String) {
        (
            date_text(self.first_day),
            date_text(self.first_day + self.days.len() as i64 - 1),
        )
    }

    /// The row of a day number, or the error naming it.
    fn day(&self, day: i64, needed_for: Epoch) -> Result<&DailySpaceWeather, SpaceWeatherError> {
        let i = day - self.first_day;
        let row = if i >= 0 {
            self.days.get(i as usize).and_then(Option::as_ref)
        } else {
            None
        };
        row.ok_or_else(|| {
            let (first, last) = self.date_range();
            SpaceWeatherError::DateOutside {
                path: self.path.clone(),
                date: date_text(day),
                needed_for: epoch_text(needed_for),
                first,
                last,
            }
        })
    }

    /// Indices at an instant (see [`SpaceWeather::indices_at`]).
    pub fn indices_at(
        &self,
        epoch: Epoch,
        with_history: bool,
    ) -> Result<SpaceWeatherIndices, SpaceWeatherError> {
        let (day, sec) = day_number(epoch);
        let today = self.day(day, epoch)?;
        let yesterday = self.day(day - 1, epoch)?;
        let mut ap_history = [today.ap_avg; 7];
        if with_history {
            // 3-hour intervals counted from 2000-01-01 00 UT; `now` is the current one.
            let slot = ((sec / 10_800.0).floor() as i64).clamp(0, 7);
            let now = day * 8 + slot;
            let ap3 = |k: i64| -> Result<f64, SpaceWeatherError> {
                let d = k.div_euclid(8);
                Ok(self.day(d, epoch)?.ap_3h[k.rem_euclid(8) as usize])
            };
            ap_history[1] = ap3(now)?;
            ap_history[2] = ap3(now - 1)?;
            ap_history[3] = ap3(now - 2)?;
            ap_history[4] = ap3(now - 3)?;
            let mut s = 0.0;
            for k in 4..12 {
                s += ap3(now - k)?;
            }
            ap_history[5] = s / 8.0;
            let mut s = 0.0;
            for k in 12..20 {
                s += ap3(now - k)?;
            }
            ap_history[6] = s / 8.0;
        }
        Ok(SpaceWeatherIndices {
            f107_sfu: yesterday.f107_obs_sfu,
            f107a_sfu: today.f107_obs_center81_sfu,
            ap: today.ap_avg,
            ap_history,
        })
    }
}
