//! NRLMSISE-00 (Picone, Hedin, Drob, Aikin 2002, JGR 107(A12) 1468,
//! doi:10.1029/2002JA009430), 0–1000 km.
//!
//! - [`reference::gtd7`]: the plain-`f64` model at one [`Input`] (the model's own inputs: day of
//!   year, UT, km, degrees, local solar time, F10.7, F10.7A, Ap or the ap history), returning
//!   every output of the Fortran GTD7/GTD7D in SI ([`Output`]). Pure and thread-safe.
//! - [`lanes::gtd7`]: the same for [`LANES`](crate::LANES) points at once ([`InputLanes`] →
//!   [`OutputLanes`]), branch-free.
//! - [`Nrlmsise00`]: the model configured with [`SpaceWeather`] and [`Switches`], behind the
//!   crate's common [`AtmospherePoint`] → [`AtmosphereSample`] interface. Its density is the
//!   drag density `gtd7d` (anomalous oxygen included, NRL's recommendation for drag).
//!
//! The coefficient tables are the model's `BLOCK DATA GTD7BK` (public domain, 17 U.S.C. 403;
//! notice in `crates/atmosphere/data/nrlmsise00_NOTICE.md`).
//!
//! ```
//! use reentry_atmosphere::nrlmsise00::{reference, Input, Switches};
//! // Test case 1 of the model's documentation.
//! let input = Input {
//!     day_of_year: 172.0, ut_s: 29_000.0, altitude_km: 400.0, latitude_deg: 60.0,
//!     longitude_deg: -70.0, local_solar_time_h: 16.0, f107a_sfu: 150.0, f107_sfu: 150.0,
//!     ap: 4.0, ap_history: [4.0; 7],
//! };
//! let out = reference::gtd7(&input, &Switches::standard());
//! assert!((out.density_gtd7_kg_m3 / 4.074714e-12 - 1.0).abs() < 1e-6);
//! ```

/// The model's coefficient tables. `SAM` (the semiannual multiplier table of the Fortran's
/// BLOCK DATA) is carried for completeness; GTD7 does not use it.
#[allow(dead_code)]
mod coefficients {
    include!("../../data/nrlmsise00_coefficients.rs");
}
pub mod lanes;
pub mod reference;

use crate::space_weather::{SpaceWeather, SpaceWeatherIndices};
use crate::{
    AtmosphereLanes, AtmospherePoint, AtmospherePointLanes, AtmosphereSample, BOLTZMANN_J_K, Epoch,
    F64s, LANES,
};

/// Inputs of the model at one point, in the model's own units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    /// Day of year, 1–366 (the model uses it as a real number; callers pass the integer day).
    pub day_of_year: f64,
    /// Universal time, seconds of the day.
    pub ut_s: f64,
    /// Geodetic altitude, km.
    pub altitude_km: f64,
    /// Geodetic latitude, degrees.
    pub latitude_deg: f64,
    /// Longitude, degrees east.
    pub longitude_deg: f64,
    /// Local apparent solar time, hours (physically consistent: UT/3600 + longitude/15).
    pub local_solar_time_h: f64,
    /// 81-day centred mean of F10.7 (observed, at Earth's distance), sfu.
    pub f107a_sfu: f64,
    /// Observed F10.7 of the previous day, sfu.
    pub f107_sfu: f64,
    /// Daily Ap (used with switch 9 = 1).
    pub ap: f64,
    /// ap history (used with switch 9 = −1): daily Ap, 3-hour ap now, 3, 6 and 9 hours before,
    /// mean of the eight 3-hour values 12–33 h before, mean of the eight 36–57 h before.
    pub ap_history: [f64; 7],
}

/// Outputs of the model at one point, SI.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Output {
    /// He number density, m⁻³.
    pub n_he_m3: f64,
    /// O number density, m⁻³ (0 below 72.5 km).
    pub n_o_m3: f64,
    /// N2 number density, m⁻³.
    pub n_n2_m3: f64,
    /// O2 number density, m⁻³.
    pub n_o2_m3: f64,
    /// Ar number density, m⁻³.
    pub n_ar_m3: f64,
    /// H number density, m⁻³ (0 below 72.5 km).
    pub n_h_m3: f64,
    /// N number density, m⁻³ (0 below 72.5 km).
    pub n_n_m3: f64,
    /// Anomalous (hot) oxygen number density, m⁻³ (0 below 72.5 km).
    pub n_anomalous_o_m3: f64,
    /// Exospheric temperature T∞, K (the global mean 1027.318 K below 123.435 km).
    pub exospheric_temperature_k: f64,
    /// Temperature at the altitude, K.
    pub temperature_k: f64,
    /// Total mass density without anomalous O (GTD7), kg/m³.
    pub density_gtd7_kg_m3: f64,
    /// Effective mass density for drag with anomalous O (GTD7D), kg/m³.
    pub density_gtd7d_kg_m3: f64,
}

/// Number densities cm⁻³ → m⁻³.
const PER_CM3_TO_PER_M3: f64 = 1.0e6;
/// Mass density g/cm³ → kg/m³.
const G_CM3_TO_KG_M3: f64 = 1.0e3;

impl Output {
    fn from_raw(raw: &reference::RawOutput) -> Output {
        let d = &raw.d;
        let gtd7d = d[5] + reference::AMU_G * 16.0 * d[8];
        Output {
            n_he_m3: d[0] * PER_CM3_TO_PER_M3,
            n_o_m3: d[1] * PER_CM3_TO_PER_M3,
            n_n2_m3: d[2] * PER_CM3_TO_PER_M3,
            n_o2_m3: d[3] * PER_CM3_TO_PER_M3,
            n_ar_m3: d[4] * PER_CM3_TO_PER_M3,
            n_h_m3: d[6] * PER_CM3_TO_PER_M3,
            n_n_m3: d[7] * PER_CM3_TO_PER_M3,
            n_anomalous_o_m3: d[8] * PER_CM3_TO_PER_M3,
            exospheric_temperature_k: raw.t[0],
            temperature_k: raw.t[1],
            density_gtd7_kg_m3: d[5] * G_CM3_TO_KG_M3,
            density_gtd7d_kg_m3: gtd7d * G_CM3_TO_KG_M3,
        }
    }

    /// Sum of the number densities of He, O, N2, O2, Ar, H and N (anomalous O excluded, as in
    /// the model's GHP7), m⁻³.
    pub fn total_number_density_m3(&self) -> f64 {
        self.n_he_m3
            + self.n_o_m3
            + self.n_n2_m3
            + self.n_o2_m3
            + self.n_ar_m3
            + self.n_h_m3
            + self.n_n_m3
    }

    /// Pressure p = n k_B T (n from [`Output::total_number_density_m3`]), Pa.
    pub fn pressure_pa(&self) -> f64 {
        self.total_number_density_m3() * BOLTZMANN_J_K * self.temperature_k
    }
}

/// [`Input`] for [`LANES`] points.
#[derive(Debug, Clone, Copy)]
pub struct InputLanes {
    /// Day of year.
    pub day_of_year: F64s,
    /// UT, s.
    pub ut_s: F64s,
    /// Geodetic altitude, km.
    pub altitude_km: F64s,
    /// Geodetic latitude, degrees.
    pub latitude_deg: F64s,
    /// Longitude, degrees east.
    pub longitude_deg: F64s,
    /// Local solar time, h.
    pub local_solar_time_h: F64s,
    /// F10.7A, sfu.
    pub f107a_sfu: F64s,
    /// F10.7 of the previous day, sfu.
    pub f107_sfu: F64s,
    /// Daily Ap.
    pub ap: F64s,
    /// ap history (see [`Input::ap_history`]).
    pub ap_history: [F64s; 7],
}

impl InputLanes {
    /// Gathers [`LANES`] scalar inputs; missing lanes repeat the last given one (at least one
    /// input is required).
    pub fn from_inputs(inputs: &[Input]) -> InputLanes {
        debug_assert!(!inputs.is_empty());
        let get = |f: &dyn Fn(&Input) -> f64| {
            F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
                f(&inputs[i.min(inputs.len().saturating_sub(1))])
            }))
        };
        InputLanes {
            day_of_year: get(&|x| x.day_of_year),
            ut_s: get(&|x| x.ut_s),
            altitude_km: get(&|x| x.altitude_km),
            latitude_deg: get(&|x| x.latitude_deg),
            longitude_deg: get(&|x| x.longitude_deg),
            local_solar_time_h: get(&|x| x.local_solar_time_h),
            f107a_sfu: get(&|x| x.f107a_sfu),
            f107_sfu: get(&|x| x.f107_sfu),
            ap: get(&|x| x.ap),
            ap_history: std::array::from_fn(|k| get(&|x| x.ap_history[k])),
        }
    }
}

/// [`Output`] for [`LANES`] points.
#[derive(Debug, Clone, Copy)]
pub struct OutputLanes {
    /// He, m⁻³.
    pub n_he_m3: F64s,
    /// O, m⁻³.
    pub n_o_m3: F64s,
    /// N2, m⁻³.
    pub n_n2_m3: F64s,
    /// O2, m⁻³.
    pub n_o2_m3: F64s,
    /// Ar, m⁻³.
    pub n_ar_m3: F64s,
    /// H, m⁻³.
    pub n_h_m3: F64s,
    /// N, m⁻³.
    pub n_n_m3: F64s,
    /// Anomalous O, m⁻³.
    pub n_anomalous_o_m3: F64s,
    /// T∞, K.
    pub exospheric_temperature_k: F64s,
    /// T at the altitude, K.
    pub temperature_k: F64s,
    /// GTD7 total mass density, kg/m³.
    pub density_gtd7_kg_m3: F64s,
    /// GTD7D drag density, kg/m³.
    pub density_gtd7d_kg_m3: F64s,
}

impl OutputLanes {
    /// The outputs of lane `i`.
    pub fn lane(&self, i: usize) -> Output {
        let g = |v: F64s| v.to_array()[i];
        Output {
            n_he_m3: g(self.n_he_m3),
            n_o_m3: g(self.n_o_m3),
            n_n2_m3: g(self.n_n2_m3),
            n_o2_m3: g(self.n_o2_m3),
            n_ar_m3: g(self.n_ar_m3),
            n_h_m3: g(self.n_h_m3),
            n_n_m3: g(self.n_n_m3),
            n_anomalous_o_m3: g(self.n_anomalous_o_m3),
            exospheric_temperature_k: g(self.exospheric_temperature_k),
            temperature_k: g(self.temperature_k),
            density_gtd7_kg_m3: g(self.density_gtd7_kg_m3),
            density_gtd7d_kg_m3: g(self.density_gtd7d_kg_m3),
        }
    }
}

/// A switch index or value outside what the model accepts.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SwitchError {
    /// Index outside 1..=23.
    #[error("NRLMSISE-00 switch {index} does not exist (switches are numbered 1 to 23)")]
    Index {
        /// The index given.
        index: usize,
    },
    /// Value not 0, 1 or 2 (switch 9 also −1).
    #[error(
        "NRLMSISE-00 switch {index} = {value} is not allowed (0 off, 1 on, 2 main effects off \
         but cross terms on; switch 9 also -1 for the ap history)"
    )]
    Value {
        /// The switch.
        index: usize,
        /// The value given.
        value: i8,
    },
}

/// The model's 23 switches (index 1..=23; the units switch 0 does not exist here: outputs are
/// always SI). 0 turns an effect off, 1 on, 2 keeps only its cross terms; switch 9 = −1 uses
/// the ap history instead of the daily Ap.
///
/// 1 F10.7 effect on the mean, 2 time independent, 3 symmetrical annual, 4 symmetrical
/// semiannual, 5 asymmetrical annual, 6 asymmetrical semiannual, 7 diurnal, 8 semidiurnal,
/// 9 daily Ap, 10 all UT/longitude effects, 11 longitudinal, 12 UT and mixed UT/longitude,
/// 13 mixed Ap/UT/longitude, 14 terdiurnal, 15 departures from diffusive equilibrium, 16 all T∞
/// variations, 17 all T_lb variations, 18 all TN1, 19 all S, 20 all TN2, 21 all N_lb, 22 all
/// TN3, 23 turbo scale height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    values: [i8; 24],
}

impl Default for Switches {
    fn default() -> Self {
        Switches::standard()
    }
}

impl Switches {
    /// All switches 1 (the standard setting; daily Ap).
    pub fn standard() -> Switches {
        let mut values = [1; 24];
        values[0] = 0;
        Switches { values }
    }

    /// The standard switches with switch 9 = −1 (ap history).
    pub fn with_ap_history() -> Switches {
        let mut s = Switches::standard();
        s.values[9] = -1;
        s
    }

    /// Sets switch `index` (1..=23) to `value`.
    pub fn set(&mut self, index: usize, value: i8) -> Result<(), SwitchError> {
        if !(1..=23).contains(&index) {
            return Err(SwitchError::Index { index });
        }
        let allowed = matches!(value, 0..=2) || (index == 9 && value == -1);
        if !allowed {
            return Err(SwitchError::Value { index, value });
        }
        self.values[index] = value;
        Ok(())
    }

    /// Switch `index` (1..=23); `None` outside.
    pub fn get(&self, index: usize) -> Option<i8> {
        (1..=23).contains(&index).then(|| self.values[index])
    }

    /// Whether switch 9 selects the ap history.
    pub fn uses_ap_history(&self) -> bool {
        self.values[9] == -1
    }
}

/// Local solar time (h) consistent with UT and longitude: UT/3600 + longitude/15, as the model's
/// documentation recommends for physically realistic results.
pub fn local_solar_time_h(ut_s: f64, longitude_deg: f64) -> f64 {
    ut_s / 3600.0 + longitude_deg / 15.0
}

/// NRLMSISE-00 configured with space weather and switches: the model behind
/// [`crate::Atmosphere::Nrlmsise00`].
#[derive(Debug, Clone)]
pub struct Nrlmsise00 {
    space_weather: SpaceWeather,
    switches: Switches,
}

impl Nrlmsise00 {
    /// The model with standard switches.
    pub fn new(space_weather: SpaceWeather) -> Nrlmsise00 {
        Nrlmsise00 {
            space_weather,
            switches: Switches::standard(),
        }
    }

    /// The same model with other switches.
    pub fn with_switches(mut self, switches: Switches) -> Nrlmsise00 {
        self.switches = switches;
        self
    }

    /// The switches in use.
    pub fn switches(&self) -> &Switches {
        &self.switches
    }

    /// The space weather in use.
    pub fn space_weather(&self) -> &SpaceWeather {
        &self.space_weather
    }

    /// The model inputs at a point: day of year and UT of the epoch, local solar time from UT and
    /// longitude, and the space-weather indices of the epoch. Outside a space-weather file's
    /// dates the indices are NaN (so is every output): check coverage first with
    /// [`SpaceWeather::indices_at`] or [`SpaceWeather::check_covers`].
    pub fn input_at(&self, point: &AtmospherePoint) -> Input {
        let indices = self
            .space_weather
            .indices_at(point.epoch, self.switches.uses_ap_history())
            .unwrap_or(SpaceWeatherIndices::NAN);
        input_from(point, &indices)
    }

    /// Every model output at one point (reference path).
    pub fn evaluate(&self, point: &AtmospherePoint) -> Output {
        reference::gtd7(&self.input_at(point), &self.switches)
    }

    /// Every model output at [`LANES`] points (SIMD path).
    pub fn evaluate_lanes(&self, points: &AtmospherePointLanes) -> OutputLanes {
        lanes::gtd7(&self.input_lanes(points), &self.switches)
    }

    /// The model inputs at [`LANES`] points: lane by lane the same values as
    /// [`Nrlmsise00::input_at`], with the calendar conversion done once per UTC day of the batch
    /// and the unit conversions on the lanes.
    pub fn input_lanes(&self, points: &AtmospherePointLanes) -> InputLanes {
        let t = points.epoch_j2000_s.to_array();
        let history = self.switches.uses_ap_history();
        let mut doy = [0.0; LANES];
        let mut ut_s = [0.0; LANES];
        let mut f107a = [0.0; LANES];
        let mut f107 = [0.0; LANES];
        let mut ap = [0.0; LANES];
        let mut ap_history = [[0.0; LANES]; 7];
        // (day number, day of year) of the last day converted.
        let mut known: Option<(f64, f64)> = None;
        for i in 0..LANES {
            let epoch = Epoch { j2000_s: t[i] };
            let (day, sec) = day_and_seconds(t[i]);
            doy[i] = match known {
                Some((d, v)) if d == day => v,
                _ => {
                    let v = f64::from(epoch.year_day_of_year_ut().1);
                    known = Some((day, v));
                    v
                }
            };
            ut_s[i] = sec;
            let x = self
                .space_weather
                .indices_at(epoch, history)
                .unwrap_or(SpaceWeatherIndices::NAN);
            f107a[i] = x.f107a_sfu;
            f107[i] = x.f107_sfu;
            ap[i] = x.ap;
            for (k, v) in x.ap_history.into_iter().enumerate() {
                ap_history[k][i] = v;
            }
        }
        // f64::to_degrees is x · (180/π) with the quotient rounded once: the same on lanes.
        let to_degrees = F64s::splat(180.0f64 / std::f64::consts::PI);
        let ut = F64s::from(ut_s);
        let longitude_deg = points.longitude_rad * to_degrees;
        InputLanes {
            day_of_year: F64s::from(doy),
            ut_s: ut,
            altitude_km: points.altitude_m / F64s::splat(1000.0),
            latitude_deg: points.latitude_rad * to_degrees,
            longitude_deg,
            local_solar_time_h: ut / F64s::splat(3600.0) + longitude_deg / F64s::splat(15.0),
            f107a_sfu: F64s::from(f107a),
            f107_sfu: F64s::from(f107),
            ap: F64s::from(ap),
            ap_history: ap_history.map(F64s::from),
        }
    }

    /// One point: drag density (gtd7d), temperature, pressure and mean free path.
    pub fn sample(&self, point: &AtmospherePoint) -> AtmosphereSample {
        sample_from(&self.evaluate(point))
    }

    /// [`LANES`] points (SIMD path).
    pub fn sample_lanes(&self, points: &AtmospherePointLanes) -> AtmosphereLanes {
        sample_lanes_from(&self.evaluate_lanes(points))
    }
}

/// Altitude (km) below which the model is a vertical profile whose shape depends on the
/// horizontal inputs only: GTD7 evaluates GTS7 at this height and continues downwards from it.
pub const COLUMN_CEILING_KM: f64 = reference::ZN2_KM[0];

/// The model below [`COLUMN_CEILING_KM`] at one latitude, longitude and time: every term that
/// does not depend on altitude, evaluated once ([`Nrlmsise00::column`]). Evaluating a column at
/// the point's own altitude gives bit for bit the model's value there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    lower: reference::LowerColumn,
}

/// [`Column`] for [`LANES`] points ([`Nrlmsise00::column_lanes`]).
#[derive(Debug, Clone, Copy)]
pub struct ColumnLanes {
    lower: lanes::LowerColumnLanes,
}

impl ColumnLanes {
    /// Lane `i` as a [`Column`] (the same nodes; its evaluation is the reference path's).
    pub fn lane(&self, i: usize) -> Column {
        Column {
            lower: self.lower.lane(i),
        }
    }
}

impl Nrlmsise00 {
    /// The column through `point`'s latitude, longitude and epoch (its altitude is not used).
    pub fn column(&self, point: &AtmospherePoint) -> Column {
        let flags = reference::Flags::new(&self.switches);
        Column {
            lower: reference::lower_column(&self.input_at(point), &flags),
        }
    }

    /// The columns through [`LANES`] points.
    pub fn column_lanes(&self, points: &AtmospherePointLanes) -> ColumnLanes {
        ColumnLanes {
            lower: lanes::lower_column(&self.input_lanes(points), &self.switches),
        }
    }

    /// [`Nrlmsise00::sample`] at `point`'s altitude with the horizontal terms of `column`: from
    /// the column below [`COLUMN_CEILING_KM`], the whole model at `point` above it.
    pub fn sample_in(&self, column: &Column, point: &AtmospherePoint) -> AtmosphereSample {
        let altitude_km = point.altitude_m / 1000.0;
        if altitude_km < COLUMN_CEILING_KM {
            sample_from(&Output::from_raw(&column.lower.at(altitude_km)))
        } else {
            self.sample(point)
        }
    }

    /// [`Nrlmsise00::sample_in`] for [`LANES`] points: lanes below the ceiling from their
    /// column, lanes at or above it from the whole model (evaluated only when some lane is).
    pub fn sample_lanes_in(
        &self,
        column: &ColumnLanes,
        points: &AtmospherePointLanes,
    ) -> AtmosphereLanes {
        use reentry_lanes::select;
        let altitude_km = points.altitude_m / F64s::splat(1000.0);
        let below = below_ceiling_lanes(points.altitude_m);
        if !below.any() {
            return self.sample_lanes(points);
        }
        // Lanes at or above the ceiling evaluate the column at the ceiling (then replaced).
        let in_column = select(below, altitude_km, F64s::splat(COLUMN_CEILING_KM - 1.0));
        let low = sample_lanes_from(&column.lower.at(in_column));
        if below.all() {
            return low;
        }
        let high = self.sample_lanes(points);
        let pick = |a: F64s, b: F64s| select(below, a, b);
        AtmosphereLanes {
            density_kg_m3: pick(low.density_kg_m3, high.density_kg_m3),
            temperature_k: pick(low.temperature_k, high.temperature_k),
            pressure_pa: pick(low.pressure_pa, high.pressure_pa),
            mean_free_path_m: pick(low.mean_free_path_m, high.mean_free_path_m),
        }
    }
}

/// The lanes whose altitude is below [`COLUMN_CEILING_KM`] (in the model's own km), where
/// [`Nrlmsise00::sample_lanes_in`] takes them from their column.
pub fn below_ceiling_lanes(altitude_m: F64s) -> reentry_lanes::Mask {
    (altitude_m / F64s::splat(1000.0)).simd_lt(F64s::splat(COLUMN_CEILING_KM))
}

/// Drag density (gtd7d), temperature, pressure and mean free path of a model output.
fn sample_from(out: &Output) -> AtmosphereSample {
    let pressure_pa = out.pressure_pa();
    AtmosphereSample {
        density_kg_m3: out.density_gtd7d_kg_m3,
        temperature_k: out.temperature_k,
        pressure_pa,
        mean_free_path_m: crate::mean_free_path_m(out.temperature_k, pressure_pa),
    }
}

/// [`sample_from`] for [`LANES`] outputs.
fn sample_lanes_from(out: &OutputLanes) -> AtmosphereLanes {
    let n = out.n_he_m3
        + out.n_o_m3
        + out.n_n2_m3
        + out.n_o2_m3
        + out.n_ar_m3
        + out.n_h_m3
        + out.n_n_m3;
    let pressure_pa = n * F64s::splat(BOLTZMANN_J_K) * out.temperature_k;
    AtmosphereLanes {
        density_kg_m3: out.density_gtd7d_kg_m3,
        temperature_k: out.temperature_k,
        pressure_pa,
        mean_free_path_m: crate::mean_free_path_m_lanes(out.temperature_k, pressure_pa),
    }
}

/// Whole days since 2000-01-01T00:00 UTC (as a float) and the seconds of that day: the split
/// that [`Epoch::year_day_of_year_ut`] makes (checked against it in the tests).
fn day_and_seconds(j2000_s: f64) -> (f64, f64) {
    let s = j2000_s + 43_200.0;
    let day = (s / crate::time::SECONDS_PER_DAY).floor();
    (day, s - day * crate::time::SECONDS_PER_DAY)
}

/// Model inputs of a point with given space-weather indices.
pub fn input_from(point: &AtmospherePoint, indices: &SpaceWeatherIndices) -> Input {
    let (_, doy, ut_s) = point.epoch.year_day_of_year_ut();
    let longitude_deg = point.longitude_rad.to_degrees();
    Input {
        day_of_year: f64::from(doy),
        ut_s,
        altitude_km: point.altitude_m / 1000.0,
        latitude_deg: point.latitude_rad.to_degrees(),
        longitude_deg,
        local_solar_time_h: local_solar_time_h(ut_s, longitude_deg),
        f107a_sfu: indices.f107a_sfu,
        f107_sfu: indices.f107_sfu,
        ap: indices.ap,
        ap_history: indices.ap_history,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch inputs are the point inputs bit for bit, across day and year boundaries and
    /// with lanes on different days.
    #[test]
    fn input_lanes_equals_input_at_lane_by_lane() {
        let model = Nrlmsise00::new(SpaceWeather::Constant {
            f107_sfu: 180.0,
            f107a_sfu: 160.0,
            ap: 15.0,
        });
        let start = Epoch::parse_rfc3339("2025-12-31T23:59:58Z").expect("epoch");
        let steps = [0.0, 0.7, 1.999, 2.0, 2.5, 86_400.0, -3.0e7, 1.0e9, 123.456];
        for (k, &dt) in steps.iter().enumerate() {
            let points: [AtmospherePoint; LANES] = std::array::from_fn(|i| AtmospherePoint {
                altitude_m: 1.0e3 * (k * LANES + i) as f64 + 0.1,
                latitude_rad: -1.5 + 0.37 * i as f64,
                longitude_rad: -3.1 + 0.77 * i as f64,
                epoch: start.plus_seconds(dt + 0.3 * i as f64 * (k as f64 - 4.0)),
            });
            let col = |f: &dyn Fn(&AtmospherePoint) -> f64| {
                F64s::from(std::array::from_fn::<f64, LANES, _>(|i| f(&points[i])))
            };
            let batch = model.input_lanes(&AtmospherePointLanes {
                altitude_m: col(&|p| p.altitude_m),
                latitude_rad: col(&|p| p.latitude_rad),
                longitude_rad: col(&|p| p.longitude_rad),
                epoch_j2000_s: col(&|p| p.epoch.j2000_s),
            });
            for (i, p) in points.iter().enumerate() {
                let one = model.input_at(p);
                let lane = |v: F64s| v.to_array()[i].to_bits();
                let fields = [
                    (lane(batch.day_of_year), one.day_of_year),
                    (lane(batch.ut_s), one.ut_s),
                    (lane(batch.altitude_km), one.altitude_km),
                    (lane(batch.latitude_deg), one.latitude_deg),
                    (lane(batch.longitude_deg), one.longitude_deg),
                    (lane(batch.local_solar_time_h), one.local_solar_time_h),
                    (lane(batch.f107a_sfu), one.f107a_sfu),
                    (lane(batch.f107_sfu), one.f107_sfu),
                    (lane(batch.ap), one.ap),
                    (lane(batch.ap_history[0]), one.ap_history[0]),
                    (lane(batch.ap_history[6]), one.ap_history[6]),
                ];
                for (j, (b, o)) in fields.into_iter().enumerate() {
                    assert_eq!(b, o.to_bits(), "step {k} lane {i} field {j}");
                }
            }
        }
    }

    #[test]
    fn day_split_matches_the_calendar() {
        for k in -2_000..2_000 {
            let t = k as f64 * 43_199.75 + 0.125;
            let (_, _, sec) = Epoch { j2000_s: t }.year_day_of_year_ut();
            assert_eq!(day_and_seconds(t).1.to_bits(), sec.to_bits(), "t = {t}");
        }
    }
}
