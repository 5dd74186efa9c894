//! Mirror → validated [`Scenario`]: every unit conversion (km → m, deg → rad, kJ → J, UTC text →
//! seconds after the epoch) and every range and consistency check happens here, once.

// A ScenarioError carries the structured fields of one message (file, line, key, value, allowed):
// it is large, built at most once per load, and never on a hot path.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::nrlmsise00::Nrlmsise00;
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_montecarlo::{Applied, Dispersion, Dispersions, Distribution};
use reentry_physics::aero::Shape;
use reentry_solver::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, InitialState, Parent,
    Problem, StateFrame, Tolerances, Vehicle,
};
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::error::{Location, ScenarioError};
use crate::keys;
use crate::materials::{self, MaterialEntry};
use crate::schema::*;
use crate::{MonteCarloSettings, Scenario};

/// A fragment may weigh at most this factor times (solid volume × material density). The check
/// catches unit slips (grams for kilograms, centimetres for metres: factors of 10 to 10⁶) while
/// accepting composite items modelled as one material: the flagship's radiator panel (a plate
/// with its pipes and coolant) weighs 1.25 × its solid AMg6 plate.
pub const MASS_OVER_SOLID_TOLERANCE: f64 = 2.0;

/// Default time limit for a start in orbit (TLE or state vector), s: 30 days of decay.
pub const DEFAULT_MAX_TIME_ORBIT_S: f64 = 30.0 * 86_400.0;

/// Default time limit for a start at the entry interface, s: 3 h, far beyond any descent.
pub const DEFAULT_MAX_TIME_ENTRY_S: f64 = 3.0 * 3_600.0;

/// The scenario epoch must lie within this many days of a TLE's own epoch: SGP4 errors grow to
/// kilometres per day for low orbits, and a month off is almost always a wrong TLE or epoch.
pub const MAX_TLE_AGE_DAYS: f64 = 30.0;

/// Dispersions are checked to keep scales, masses and altitudes physical at this many sigmas.
pub const DISPERSION_SIGMAS: f64 = 6.0;

/// Lowest and highest epoch year accepted (Sputnik 1 to the end of the century).
const EPOCH_YEARS: (i32, i32) = (1957, 2100);

/// Geodetic altitude range of an initial state vector, m (the `initial.*.alt_km` range).
const STATE_ALTITUDE_RANGE_M: (f64, f64) = (0.0, 2.0e6);

/// Largest speed of an initial state, m/s.
const MAX_STATE_SPEED_M_S: f64 = 12_000.0;

/// Parsing context: the file name and its text, for locations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub file: &'a Path,
    pub text: &'a str,
}

/// One step of a key path: a table key or an array index.
#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

impl<'a> Ctx<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Ctx<'a> {
        Ctx { file, text }
    }

    /// Location of a byte span's start.
    pub fn loc(&self, span: Range<usize>) -> Location {
        Location::at_offset(self.file, self.text, span.start)
    }

    /// Parses the text into the mirror type `T`, turning TOML errors into located
    /// [`ScenarioError`]s that name the key.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ScenarioError> {
        let doc = DeTable::parse(self.text).map_err(|e| ScenarioError::Syntax {
            location: self.loc(e.span().unwrap_or(0..0)),
            message: e.message().to_string(),
        })?;
        toml::from_str::<T>(self.text).map_err(|e| self.serde_error(&e, doc.get_ref()))
    }

    /// Maps a serde error of the mirror onto unknown key / wrong type / invalid value.
    fn serde_error(&self, error: &toml::de::Error, doc: &DeTable<'_>) -> ScenarioError {
        let span = error.span().unwrap_or(0..0);
        let location = self.loc(span.clone());
        let message = error.message().to_string();
        let mut path = Vec::new();
        find_path(doc, span.start, &mut path);
        let (mut key, item) = render_path(&path);
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or_default();
            if !key.ends_with(name) {
                key = if key.is_empty() {
                    name.to_string()
                } else {
                    format!("{key}.{name}")
                };
            }
            let table = key.rsplit_once('.').map_or("the top level", |(t, _)| t);
            let expected = message
                .split_once("expected ")
                .map_or("see docs/scenario-reference.md", |(_, e)| e)
                .replace('`', "");
            let allowed = if table == "the top level" {
                format!("the tables of a scenario: {expected}")
            } else {
                format!("the keys of [{table}]: {expected}")
            };
            return ScenarioError::UnknownKey {
                location,
                key,
                item,
                allowed,
            };
        }
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            let found = rest.split(", expected").next().unwrap_or(rest).to_string();
            let allowed = match keys::spec(&key) {
                Some(spec) => describe_kind(spec),
                None => rest
                    .split_once("expected ")
                    .map_or_else(|| keys::allowed(&key), |(_, e)| e.to_string()),
            };
            return ScenarioError::WrongType {
                location,
                key,
                item,
                found,
                allowed,
            };
        }
        ScenarioError::Invalid {
            location,
            allowed: keys::allowed(&key),
            key,
            item,
            value: String::new(),
            problem: message,
        }
    }

    /// A required value, or a [`ScenarioError::MissingKey`] located at its table.
    pub fn required<'v, T>(
        &self,
        value: &'v Option<S<T>>,
        key: &str,
        item: Option<String>,
        table_span: Range<usize>,
    ) -> Result<&'v S<T>, ScenarioError> {
        value.as_ref().ok_or_else(|| self.missing(table_span, key, item))
    }

    /// A missing key located at its table's span.
    pub fn missing(&self, table_span: Range<usize>, key: &str, item: Option<String>) -> ScenarioError {
        ScenarioError::MissingKey {
            location: self.loc(table_span),
            key: key.to_string(),
            item,
            allowed: keys::allowed(key),
        }
    }

    /// A number checked against the range of its key (see [`keys::KEYS`]).
    pub fn number(&self, value: &S<f64>, key: &str, item: Option<String>) -> Result<f64, ScenarioError> {
        let v = *value.get_ref();
        match keys::spec(key) {
            Some(spec) if !spec.contains(v) => Err(self.out_of_range(value.span(), key, item, v)),
            _ if !v.is_finite() => Err(self.out_of_range(value.span(), key, item, v)),
            _ => Ok(v),
        }
    }

    /// An optional number checked against its range, or `default`.
    pub fn number_or(
        &self,
        value: &Option<S<f64>>,
        key: &str,
        item: Option<String>,
        default: f64,
    ) -> Result<f64, ScenarioError> {
        value
            .as_ref()
            .map_or(Ok(default), |v| self.number(v, key, item))
    }

    /// An out-of-range error with the key's unit and allowed range.
    pub fn out_of_range(&self, span: Range<usize>, key: &str, item: Option<String>, value: f64) -> ScenarioError {
        let spec = keys::spec(key);
        ScenarioError::OutOfRange {
            location: self.loc(span),
            key: key.to_string(),
            item,
            value,
            unit: spec.map_or("", |s| s.unit),
            allowed: keys::allowed(key),
        }
    }

    /// An out-of-range error with a specific allowed text (a bound that depends on other keys).
    fn out_of_range_because(
        &self,
        span: Range<usize>,
        key: &str,
        item: Option<String>,
        value: f64,
        allowed: String,
    ) -> ScenarioError {
        ScenarioError::OutOfRange {
            location: self.loc(span),
            key: key.to_string(),
            item,
            value,
            unit: keys::spec(key).map_or("", |s| s.unit),
            allowed,
        }
    }

    /// Any other invalid value.
    pub fn invalid(
        &self,
        span: Range<usize>,
        key: &str,
        item: Option<String>,
        value: &str,
        problem: String,
        allowed: String,
    ) -> ScenarioError {
        ScenarioError::Invalid {
            location: self.loc(span),
            key: key.to_string(),
            item,
            value: value.to_string(),
            problem,
            allowed,
        }
    }

    /// An identifier (fragment or material id): 1 to 64 characters, no whitespace, commas or
    /// quotes (they appear unquoted in CSV files).
    pub fn identifier(&self, value: &S<String>, key: &str, item: Option<String>) -> Result<String, ScenarioError> {
        let text = value.get_ref();
        let bad = text.is_empty()
            || text.chars().count() > 64
            || text
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, ',' | '"' | '\''));
        if bad {
            return Err(self.invalid(
                value.span(),
                key,
                item,
                text,
                format!("\"{text}\" is not a valid identifier"),
                keys::allowed(key),
            ));
        }
        Ok(text.clone())
    }

    /// One of a fixed set of names.
    fn choice<T: Copy>(
        &self,
        value: &S<String>,
        key: &str,
        item: Option<String>,
        names: &[(&str, T)],
    ) -> Result<T, ScenarioError> {
        let text = value.get_ref();
        names
            .iter()
            .find(|(n, _)| *n == text.as_str())
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                self.invalid(
                    value.span(),
                    key,
                    item,
                    text,
                    format!("unknown value \"{text}\""),
                    keys::allowed(key),
                )
            })
    }

    /// An RFC 3339 UTC time within [`EPOCH_YEARS`].
    fn epoch(&self, value: &S<String>, key: &str, item: Option<String>) -> Result<Epoch, ScenarioError> {
        let text = value.get_ref();
        let parsed = Epoch::parse_rfc3339(text).map_err(|problem| {
            self.invalid(value.span(), key, item.clone(), text, problem, keys::allowed(key))
        })?;
        let year = parsed.calendar().0;
        if year < EPOCH_YEARS.0 || year > EPOCH_YEARS.1 {
            return Err(self.invalid(
                value.span(),
                key,
                item,
                text,
                format!("year {year} is outside the supported years"),
                keys::allowed(key),
            ));
        }
        Ok(parsed)
    }
}

/// Describes what a key expects, for wrong-type errors.
fn describe_kind(spec: &keys::KeySpec) -> String {
    use keys::ValueKind::*;
    let what = match spec.kind {
        Number => "a number",
        Integer => "an integer",
        Text => "a string",
        Boolean => "true or false",
        Array => "an array",
        Dispersion => "an inline table",
    };
    format!("{what}: {}", spec.allowed_text())
}

/// Finds the key path of the deepest key or value containing byte `pos`.
fn find_path(table: &DeTable<'_>, pos: usize, path: &mut Vec<Segment>) -> bool {
    for (key, value) in table.iter() {
        path.push(Segment::Key(key.get_ref().to_string()));
        if find_in_value(value.get_ref(), pos, path)
            || key.span().contains(&pos)
            || value.span().contains(&pos)
        {
            return true;
        }
        path.pop();
    }
    false
}

fn find_in_value(value: &DeValue<'_>, pos: usize, path: &mut Vec<Segment>) -> bool {
    match value {
        DeValue::Table(t) => find_path(t, pos, path),
        DeValue::Array(a) => {
            for (i, element) in a.iter().enumerate() {
                path.push(Segment::Index(i));
                if find_in_value(element.get_ref(), pos, path) || element.span().contains(&pos) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

/// The dotted key (without indices) and the array element it belongs to (`fragment #2`).
fn render_path(path: &[Segment]) -> (String, Option<String>) {
    let mut keys_only = Vec::new();
    let mut item = None;
    for (i, segment) in path.iter().enumerate() {
        match segment {
            Segment::Key(k) => keys_only.push(k.clone()),
            Segment::Index(n) => {
                // Index inside a value array (r_m, polygon_deg) is not an item of its own.
                let table = keys_only.last().cloned().unwrap_or_default();
                if i == 1 && item.is_none() {
                    item = Some(format!("{table} #{}", n + 1));
                }
            }
        }
    }
    (keys_only.join("."), item)
}

/// How an object is referred to in messages.
fn fragment_item(index: usize, id: Option<&str>) -> Option<String> {
    Some(match id {
        Some(id) => format!("fragment \"{id}\""),
        None => format!("fragment #{}", index + 1),
    })
}

/// Checks one TLE line: length 69, ASCII, line number, mod-10 checksum (digits, '-' counts 1).
fn check_tle_line(ctx: &Ctx<'_>, value: &S<String>, key: &str, number: char) -> Result<String, ScenarioError> {
    let line = value.get_ref().trim();
    let fail = |problem: String| {
        ctx.invalid(value.span(), key, None, line, problem, keys::allowed(key))
    };
    if !line.is_ascii() {
        return Err(fail("the line has non-ASCII characters".into()));
    }
    if line.len() != 69 {
        return Err(fail(format!("the line has {} characters, not 69", line.len())));
    }
    let bytes = line.as_bytes();
    if bytes[0] != number as u8 || bytes[1] != b' ' {
        return Err(fail(format!("the line does not start with \"{number} \"")));
    }
    let sum: u32 = bytes[..68]
        .iter()
        .map(|&b| match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'-' => 1,
            _ => 0,
        })
        .sum();
    let expected = sum % 10;
    match bytes[68] {
        d @ b'0'..=b'9' if u32::from(d - b'0') == expected => Ok(line.to_string()),
        d => Err(fail(format!(
            "checksum digit is '{}' but the line's mod-10 checksum is {expected}",
            d as char
        ))),
    }
}

/// What the TLE gives at the scenario epoch.
struct TleAtEpoch {
    altitude_m: f64,
}

/// Checks a TLE as a whole (SGP4 parse, catalogue numbers, age) and propagates it to `epoch`.
fn check_tle(ctx: &Ctx<'_>, table: &S<TleTable>, epoch: Epoch) -> Result<(String, String, TleAtEpoch), ScenarioError> {
    let t = table.get_ref();
    let l1 = ctx.required(&t.line1, "initial.tle.line1", None, table.span())?;
    let l2 = ctx.required(&t.line2, "initial.tle.line2", None, table.span())?;
    let line1 = check_tle_line(ctx, l1, "initial.tle.line1", '1')?;
    let line2 = check_tle_line(ctx, l2, "initial.tle.line2", '2')?;
    if line1[2..7] != line2[2..7] {
        return Err(ctx.invalid(
            l2.span(),
            "initial.tle.line2",
            None,
            &line2,
            format!(
                "catalogue number {} differs from line 1's {}",
                &line2[2..7],
                &line1[2..7]
            ),
            keys::allowed("initial.tle.line2"),
        ));
    }
    let elements = sgp4::Elements::from_tle(None, line1.as_bytes(), line2.as_bytes()).map_err(|e| {
        ctx.invalid(
            l1.span(),
            "initial.tle.line1",
            None,
            &line1,
            format!("SGP4 cannot read the element set: {e}"),
            keys::allowed("initial.tle.line1"),
        )
    })?;
    // sgp4's epoch(): Julian years of 365.25 days since J2000 (2000-01-01T12:00 UTC).
    let tle_epoch_j2000_s = elements.epoch() * 365.25 * 86_400.0;
    let age_s = epoch.j2000_s - tle_epoch_j2000_s;
    if age_s.abs() > MAX_TLE_AGE_DAYS * 86_400.0 {
        return Err(ctx.invalid(
            l1.span(),
            "initial.tle.line1",
            None,
            &line1,
            format!(
                "the TLE epoch is {:.1} days from scenario.epoch_utc",
                age_s.abs() / 86_400.0
            ),
            format!("a TLE whose epoch is within {MAX_TLE_AGE_DAYS} days of scenario.epoch_utc"),
        ));
    }
    let sgp4_fail = |e: String| {
        ctx.invalid(
            l1.span(),
            "initial.tle.line1",
            None,
            &line1,
            format!("SGP4 cannot propagate the element set to scenario.epoch_utc: {e}"),
            "an element set of a satellite in orbit at scenario.epoch_utc".into(),
        )
    };
    let constants = sgp4::Constants::from_elements_afspc_compatibility_mode(&elements)
        .map_err(|e| sgp4_fail(e.to_string()))?;
    let prediction = constants
        .propagate_afspc_compatibility_mode(sgp4::MinutesSinceEpoch(age_s / 60.0))
        .map_err(|e| sgp4_fail(e.to_string()))?;
    // Geodetic altitude does not depend on the rotation about z between TEME and ECEF.
    let teme_m = prediction.position.map(|km| km * 1e3);
    let altitude_m = reentry_physics::earth::reference::geodetic_from_ecef(teme_m).altitude_m;
    Ok((line1, line2, TleAtEpoch { altitude_m }))
}

/// The initial state, its geodetic altitude (m) and whether it is an orbit start.
struct Initial {
    state: InitialState,
    altitude_m: f64,
    orbit: bool,
    /// Span of the [initial.*] table, for messages that compare with it.
    span: Range<usize>,
}

fn convert_initial(ctx: &Ctx<'_>, file: &ScenarioFile, epoch: Epoch) -> Result<Initial, ScenarioError> {
    let Some(initial) = &file.initial else {
        return Err(ScenarioError::MissingKey {
            location: Location::file(ctx.file),
            key: "initial".into(),
            item: None,
            allowed: "one table of [initial.tle], [initial.state] or [initial.entry]".into(),
        });
    };
    let i = initial.get_ref();
    let given: Vec<(&str, Range<usize>)> = [
        ("tle", i.tle.as_ref().map(|t| t.span())),
        ("state", i.state.as_ref().map(|t| t.span())),
        ("entry", i.entry.as_ref().map(|t| t.span())),
    ]
    .into_iter()
    .filter_map(|(n, s)| s.map(|s| (n, s)))
    .collect();
    match given.as_slice() {
        [] => {
            return Err(ScenarioError::MissingKey {
                location: ctx.loc(initial.span()),
                key: "initial".into(),
                item: None,
                allowed: "one table of [initial.tle], [initial.state] or [initial.entry]".into(),
            });
        }
        [_] => {}
        [(first, _), (second, span), ..] => {
            return Err(ctx.invalid(
                span.clone(),
                &format!("initial.{second}"),
                None,
                "",
                format!("[initial.{first}] and [initial.{second}] are both given"),
                "exactly one of [initial.tle], [initial.state] or [initial.entry]".into(),
            ));
        }
    }
    if let Some(tle) = &i.tle {
        let (line1, line2, at_epoch) = check_tle(ctx, tle, epoch)?;
        return Ok(Initial {
            state: InitialState::Tle { line1, line2 },
            altitude_m: at_epoch.altitude_m,
            orbit: true,
            span: tle.span(),
        });
    }
    if let Some(state) = &i.state {
        let s = state.get_ref();
        let frame_value = ctx.required(&s.frame, "initial.state.frame", None, state.span())?;
        let frame = ctx.choice(
            frame_value,
            "initial.state.frame",
            None,
            &[("ecef", StateFrame::Ecef), ("teme", StateFrame::Teme)],
        )?;
        let vector = |value: &Option<S<Vec<f64>>>, key: &str| -> Result<[f64; 3], ScenarioError> {
            let v = ctx.required(value, key, None, state.span())?;
            match v.get_ref().as_slice() {
                &[x, y, z] if x.is_finite() && y.is_finite() && z.is_finite() => Ok([x, y, z]),
                other => Err(ctx.invalid(
                    v.span(),
                    key,
                    None,
                    &format!("{other:?}"),
                    format!("{} finite numbers given", other.len()),
                    keys::allowed(key),
                )),
            }
        };
        let position_m = vector(&s.r_m, "initial.state.r_m")?;
        let velocity_m_s = vector(&s.v_m_s, "initial.state.v_m_s")?;
        let norm = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
        let r_span = s.r_m.as_ref().map_or(state.span(), |v| v.span());
        // The geodetic conversion is defined beyond ~43 km from the centre; anything that close
        // is far below the allowed range anyway.
        let altitude_m = if norm(position_m) > 1.0e6 {
            reentry_physics::earth::reference::geodetic_from_ecef(position_m).altitude_m
        } else {
            f64::NEG_INFINITY
        };
        if !(STATE_ALTITUDE_RANGE_M.0..=STATE_ALTITUDE_RANGE_M.1).contains(&altitude_m) {
            return Err(ctx.invalid(
                r_span,
                "initial.state.r_m",
                None,
                &format!("{position_m:?}"),
                format!("the geodetic altitude is {:.3} km", altitude_m / 1e3),
                keys::allowed("initial.state.r_m"),
            ));
        }
        let speed = norm(velocity_m_s);
        if speed > MAX_STATE_SPEED_M_S {
            let v_span = s.v_m_s.as_ref().map_or(state.span(), |v| v.span());
            return Err(ctx.invalid(
                v_span,
                "initial.state.v_m_s",
                None,
                &format!("{velocity_m_s:?}"),
                format!("the speed is {speed:.1} m/s"),
                keys::allowed("initial.state.v_m_s"),
            ));
        }
        return Ok(Initial {
            state: InitialState::StateVector {
                frame,
                position_m,
                velocity_m_s,
            },
            altitude_m,
            orbit: true,
            span: state.span(),
        });
    }
    let Some(entry) = &i.entry else {
        return Err(ctx.missing(initial.span(), "initial", None));
    };
    let e = entry.get_ref();
    let get = |value: &Option<S<f64>>, key: &str| -> Result<f64, ScenarioError> {
        let v = ctx.required(value, key, None, entry.span())?;
        ctx.number(v, key, None)
    };
    let lat = get(&e.lat_deg, "initial.entry.lat_deg")?;
    let lon = get(&e.lon_deg, "initial.entry.lon_deg")?;
    let alt_km = get(&e.alt_km, "initial.entry.alt_km")?;
    let speed = get(&e.speed_m_s, "initial.entry.speed_m_s")?;
    let gamma = get(&e.flight_path_angle_deg, "initial.entry.flight_path_angle_deg")?;
    let heading = get(&e.heading_deg, "initial.entry.heading_deg")?;
    Ok(Initial {
        state: InitialState::Entry(EntryState {
            latitude_rad: lat.to_radians(),
            longitude_rad: lon.to_radians(),
            altitude_m: alt_km * 1e3,
            speed_m_s: speed,
            flight_path_angle_rad: gamma.to_radians(),
            heading_rad: heading.to_radians(),
        }),
        altitude_m: alt_km * 1e3,
        orbit: false,
        span: entry.span(),
    })
}

/// Checks that an altitude (km, as written) lies below the initial altitude.
fn below_initial(
    ctx: &Ctx<'_>,
    value: &S<f64>,
    key: &str,
    item: Option<String>,
    initial: &Initial,
) -> Result<(), ScenarioError> {
    let km = *value.get_ref();
    if km * 1e3 >= initial.altitude_m {
        let what = if initial.orbit {
            "the initial orbit's altitude at the epoch"
        } else {
            "initial.entry.alt_km"
        };
        return Err(ctx.out_of_range_because(
            value.span(),
            key,
            item,
            km,
            format!(
                "{}, below {what} ({} km)",
                keys::allowed(key),
                keys::number((initial.altitude_m / 1e3 * 1e3).round() / 1e3)
            ),
        ));
    }
    Ok(())
}

/// The environment table, and the atmosphere it names.
fn convert_environment(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    epoch: Epoch,
    max_time_s: f64,
) -> Result<Environment, ScenarioError> {
    let table = file.environment.as_ref();
    let env = table.map(|t| t.get_ref());
    let field = |f: fn(&EnvironmentTable) -> &Option<S<f64>>| env.and_then(|e| f(e).as_ref());
    let model = match env.and_then(|e| e.atmosphere.as_ref()) {
        Some(v) => ctx.choice(
            v,
            "environment.atmosphere",
            None,
            &[
                ("us76", AtmosphereName::Us76),
                ("nrlmsise00", AtmosphereName::Nrlmsise00),
                ("exponential", AtmosphereName::Exponential),
            ],
        )?,
        None => AtmosphereName::Us76,
    };
    let opt = |v: Option<&S<f64>>, key: &str| -> Result<Option<f64>, ScenarioError> {
        v.map(|v| ctx.number(v, key, None)).transpose()
    };
    let f107 = opt(field(|e| &e.f107), "environment.f107")?;
    let f107a = opt(field(|e| &e.f107a), "environment.f107a")?;
    let ap = opt(field(|e| &e.ap), "environment.ap")?;
    let rho0 = opt(field(|e| &e.rho0_kg_m3), "environment.rho0_kg_m3")?;
    let scale_height_km = opt(field(|e| &e.scale_height_km), "environment.scale_height_km")?;
    let density_scale = opt(field(|e| &e.density_scale), "environment.density_scale")?.unwrap_or(1.0);
    let gravity = match env.and_then(|e| e.gravity.as_ref()) {
        Some(v) => ctx.choice(
            v,
            "environment.gravity",
            None,
            &[("j2", Gravity::J2), ("point-mass", Gravity::PointMass)],
        )?,
        None => Gravity::J2,
    };
    let heating = match env.and_then(|e| e.heating.as_ref()) {
        Some(v) => ctx.choice(
            v,
            "environment.heating",
            None,
            &[
                ("dkr", HeatingModel::DetraKempRiddell),
                ("sutton-graves", HeatingModel::SuttonGraves),
            ],
        )?,
        None => HeatingModel::DetraKempRiddell,
    };
    // Model-specific keys given for another model are a mistake worth reporting.
    let only_for = |value: Option<&S<f64>>, key: &str, wanted: AtmosphereName| -> Result<(), ScenarioError> {
        match value {
            Some(v) if model != wanted => Err(ctx.invalid(
                v.span(),
                key,
                None,
                &v.get_ref().to_string(),
                format!("applies only to atmosphere = \"{}\"", wanted.name()),
                format!("this key only with atmosphere = \"{}\"", wanted.name()),
            )),
            _ => Ok(()),
        }
    };
    only_for(field(|e| &e.rho0_kg_m3), "environment.rho0_kg_m3", AtmosphereName::Exponential)?;
    only_for(field(|e| &e.scale_height_km), "environment.scale_height_km", AtmosphereName::Exponential)?;
    let single_band = match (rho0, scale_height_km) {
        (Some(r), Some(h)) => Some((r, h * 1e3)),
        (None, None) => None,
        (Some(_), None) | (None, Some(_)) => {
            let (given, other) = if rho0.is_some() {
                ("environment.rho0_kg_m3", "environment.scale_height_km")
            } else {
                ("environment.scale_height_km", "environment.rho0_kg_m3")
            };
            let span = table.map_or(0..0, |t| t.span());
            return Err(ctx.invalid(
                span,
                other,
                None,
                "",
                format!("{given} is given without {other}"),
                "both rho0_kg_m3 and scale_height_km (one band), or neither (Vallado's table)".into(),
            ));
        }
    };
    let weather_file = match env.and_then(|e| e.space_weather_file.as_ref()) {
        None => None,
        Some(v) => {
            let key = "environment.space_weather_file";
            if model != AtmosphereName::Nrlmsise00 {
                return Err(ctx.invalid(
                    v.span(),
                    key,
                    None,
                    v.get_ref(),
                    "applies only to atmosphere = \"nrlmsise00\"".into(),
                    "this key only with atmosphere = \"nrlmsise00\"".into(),
                ));
            }
            if let Some(constant) = [f107, f107a, ap].iter().position(Option::is_some) {
                let name = ["f107", "f107a", "ap"][constant];
                return Err(ctx.invalid(
                    v.span(),
                    key,
                    None,
                    v.get_ref(),
                    format!("given together with environment.{name}"),
                    "either space_weather_file or the constants f107, f107a, ap".into(),
                ));
            }
            let path = ctx.file.parent().unwrap_or(Path::new("")).join(v.get_ref());
            if !path.is_file() {
                return Err(ctx.invalid(
                    v.span(),
                    key,
                    None,
                    v.get_ref(),
                    format!("{} is not a readable file", path.display()),
                    keys::allowed(key),
                ));
            }
            Some((path, v.span()))
        }
    };
    let atmosphere = build_atmosphere(
        ctx,
        model,
        AtmosphereInputs {
            single_band,
            f107: f107.unwrap_or(150.0),
            f107a: f107a.unwrap_or(150.0),
            ap: ap.unwrap_or(4.0),
            weather_file,
        },
        epoch,
        max_time_s,
    )?;
    Ok(Environment {
        atmosphere: Arc::new(atmosphere),
        density_scale,
        gravity,
        heating,
        rotating_earth: true,
    })
}

/// Atmosphere model names of `[environment] atmosphere`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtmosphereName {
    Us76,
    Nrlmsise00,
    Exponential,
}

impl AtmosphereName {
    fn name(self) -> &'static str {
        match self {
            AtmosphereName::Us76 => "us76",
            AtmosphereName::Nrlmsise00 => "nrlmsise00",
            AtmosphereName::Exponential => "exponential",
        }
    }
}

/// Validated inputs of the atmosphere constructors (SI).
struct AtmosphereInputs {
    /// (ρ0 kg/m³, H m) of a one-band exponential model.
    single_band: Option<(f64, f64)>,
    f107: f64,
    f107a: f64,
    ap: f64,
    /// Resolved space-weather file and the span of its key.
    weather_file: Option<(PathBuf, Range<usize>)>,
}

fn build_atmosphere(
    ctx: &Ctx<'_>,
    model: AtmosphereName,
    inputs: AtmosphereInputs,
    epoch: Epoch,
    max_time_s: f64,
) -> Result<Atmosphere, ScenarioError> {
    match model {
        AtmosphereName::Us76 => Ok(Atmosphere::Us76),
        AtmosphereName::Exponential => Ok(Atmosphere::Exponential(match inputs.single_band {
            Some((rho0_kg_m3, scale_height_m)) => Exponential::single_band(rho0_kg_m3, scale_height_m),
            None => Exponential::vallado(),
        })),
        AtmosphereName::Nrlmsise00 => {
            let weather = match &inputs.weather_file {
                None => SpaceWeather::Constant {
                    f107_sfu: inputs.f107,
                    f107a_sfu: inputs.f107a,
                    ap: inputs.ap,
                },
                Some((path, span)) => {
                    let key = "environment.space_weather_file";
                    let fail = |problem: String| {
                        ctx.invalid(
                            span.clone(),
                            key,
                            None,
                            &path.display().to_string(),
                            problem,
                            format!(
                                "{} covering scenario.epoch_utc to the time limit ({max_time_s} s later; [simulation] max_time_s)",
                                keys::allowed(key)
                            ),
                        )
                    };
                    let weather = SpaceWeather::from_csv_file(path).map_err(|e| fail(e.to_string()))?;
                    let model = Nrlmsise00::new(weather.clone());
                    weather
                        .check_covers(
                            epoch,
                            epoch.plus_seconds(max_time_s),
                            model.switches().uses_ap_history(),
                        )
                        .map_err(|e| fail(e.to_string()))?;
                    weather
                }
            };
            Ok(Atmosphere::Nrlmsise00(Box::new(Nrlmsise00::new(weather))))
        }
    }
}

/// The vehicle, if any.
fn convert_vehicle(ctx: &Ctx<'_>, file: &ScenarioFile, initial: &Initial) -> Result<Option<Vehicle>, ScenarioError> {
    let Some(table) = &file.vehicle else {
        return Ok(None);
    };
    let v = table.get_ref();
    let span = table.span();
    let get = |value: &Option<S<f64>>, key: &str| -> Result<f64, ScenarioError> {
        let x = ctx.required(value, key, None, span.clone())?;
        ctx.number(x, key, None)
    };
    let breakup_km = match &v.breakup_altitude_km {
        Some(b) => {
            let km = ctx.number(b, "vehicle.breakup_altitude_km", None)?;
            below_initial(ctx, b, "vehicle.breakup_altitude_km", None, initial)?;
            km
        }
        None => {
            let km = 78.0;
            if km * 1e3 >= initial.altitude_m {
                return Err(ctx.invalid(
                    span,
                    "vehicle.breakup_altitude_km",
                    None,
                    "78",
                    format!(
                        "the default break-up altitude of 78 km is not below the initial altitude ({} km)",
                        keys::number((initial.altitude_m / 1e3 * 1e3).round() / 1e3)
                    ),
                    "a breakup_altitude_km below the initial altitude".into(),
                ));
            }
            km
        }
    };
    Ok(Some(Vehicle {
        name: v
            .name
            .as_ref()
            .map_or_else(|| "vehicle".to_string(), |n| n.get_ref().clone()),
        mass_kg: get(&v.mass_kg, "vehicle.mass_kg")?,
        drag_coefficient: get(&v.cd, "vehicle.cd")?,
        reference_area_m2: get(&v.area_m2, "vehicle.area_m2")?,
        breakup_altitude_m: breakup_km * 1e3,
        lift_to_drag: ctx.number_or(&v.lift_to_drag, "vehicle.lift_to_drag", None, 0.0)?,
    }))
}

/// The material table of a scenario: built-in entries, overridden or extended by `[[material]]`.
fn convert_materials(ctx: &Ctx<'_>, file: &ScenarioFile) -> Result<Vec<MaterialEntry>, ScenarioError> {
    let mut table: Vec<MaterialEntry> = materials::builtin().to_vec();
    let mut seen: Vec<String> = Vec::new();
    for m in &file.material {
        let entry = materials::entry_from_table(ctx, m, false)?;
        let id = entry.material.id.clone();
        if seen.contains(&id) {
            let span = m.get_ref().id.as_ref().map_or(m.span(), |s| s.span());
            return Err(ctx.invalid(
                span,
                "material.id",
                None,
                &id,
                format!("material \"{id}\" is defined twice in this file"),
                "each [[material]] id once".into(),
            ));
        }
        seen.push(id.clone());
        match table.iter_mut().find(|e| e.material.id == id) {
            Some(existing) => *existing = entry,
            None => table.push(entry),
        }
    }
    Ok(table)
}

/// Volume of a shape, m³ (PHYSICS.md §3 table).
fn volume_m3(shape: &Shape) -> f64 {
    use std::f64::consts::PI;
    match *shape {
        Shape::Sphere { diameter_m } => PI * diameter_m.powi(3) / 6.0,
        Shape::Cylinder {
            diameter_m,
            length_m,
        } => PI * diameter_m * diameter_m * length_m / 4.0,
        Shape::Box {
            length_m,
            width_m,
            height_m,
        } => length_m * width_m * height_m,
        Shape::Plate {
            length_m,
            width_m,
            thickness_m,
        } => length_m * width_m * thickness_m,
    }
}

/// The shape of a fragment: the dimensions its shape needs, and no others.
fn convert_shape(ctx: &Ctx<'_>, t: &S<FragmentTable>, item: Option<String>) -> Result<Shape, ScenarioError> {
    let f = t.get_ref();
    let shape_value = ctx.required(&f.shape, "fragment.shape", item.clone(), t.span())?;
    #[derive(Clone, Copy)]
    enum Kind {
        Sphere,
        Cylinder,
        Box,
        Plate,
    }
    let kind = ctx.choice(
        shape_value,
        "fragment.shape",
        item.clone(),
        &[
            ("sphere", Kind::Sphere),
            ("cylinder", Kind::Cylinder),
            ("box", Kind::Box),
            ("plate", Kind::Plate),
        ],
    )?;
    let dims: [(&str, &Option<S<f64>>); 5] = [
        ("diameter_m", &f.diameter_m),
        ("length_m", &f.length_m),
        ("width_m", &f.width_m),
        ("height_m", &f.height_m),
        ("thickness_m", &f.thickness_m),
    ];
    let needed: &[&str] = match kind {
        Kind::Sphere => &["diameter_m"],
        Kind::Cylinder => &["diameter_m", "length_m"],
        Kind::Box => &["length_m", "width_m", "height_m"],
        Kind::Plate => &["length_m", "width_m", "thickness_m"],
    };
    let shape_name = shape_value.get_ref().as_str();
    let mut values = [0.0; 5];
    for (i, (name, value)) in dims.iter().enumerate() {
        let key = format!("fragment.{name}");
        match value {
            Some(v) if !needed.contains(name) => {
                return Err(ctx.invalid(
                    v.span(),
                    &key,
                    item.clone(),
                    &v.get_ref().to_string(),
                    format!("{name} does not apply to a {shape_name}"),
                    format!("for a {shape_name}: {}", needed.join(", ")),
                ));
            }
            Some(v) => values[i] = ctx.number(v, &key, item.clone())?,
            None if needed.contains(name) => {
                return Err(ScenarioError::MissingKey {
                    location: ctx.loc(shape_value.span()),
                    key,
                    item: item.clone(),
                    allowed: format!(
                        "a {shape_name} needs {} ({})",
                        needed.join(", "),
                        keys::allowed("fragment.diameter_m")
                    ),
                });
            }
            None => {}
        }
    }
    let [diameter_m, length_m, width_m, height_m, thickness_m] = values;
    Ok(match kind {
        Kind::Sphere => Shape::Sphere { diameter_m },
        Kind::Cylinder => Shape::Cylinder {
            diameter_m,
            length_m,
        },
        Kind::Box => Shape::Box {
            length_m,
            width_m,
            height_m,
        },
        Kind::Plate => Shape::Plate {
            length_m,
            width_m,
            thickness_m,
        },
    })
}

/// Parent reference as written, before ordering.
#[derive(Debug, Clone)]
enum ParentRef {
    None,
    Vehicle,
    Id(String, Range<usize>),
}

/// The fragments, validated and ordered parents-before-children.
fn convert_fragments(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    has_vehicle: bool,
    materials: &[MaterialEntry],
    initial: &Initial,
) -> Result<Vec<FragmentSpec>, ScenarioError> {
    let mut specs: Vec<(FragmentSpec, ParentRef)> = Vec::with_capacity(file.fragment.len());
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (index, t) in file.fragment.iter().enumerate() {
        let f = t.get_ref();
        let id_value = ctx.required(&f.id, "fragment.id", fragment_item(index, None), t.span())?;
        let id = ctx.identifier(id_value, "fragment.id", fragment_item(index, None))?;
        let item = fragment_item(index, Some(&id));
        if id == "vehicle" {
            return Err(ctx.invalid(
                id_value.span(),
                "fragment.id",
                item,
                &id,
                "\"vehicle\" is reserved for the intact vehicle".into(),
                keys::allowed("fragment.id"),
            ));
        }
        if let Some(first) = ids.insert(id.clone(), index) {
            return Err(ctx.invalid(
                id_value.span(),
                "fragment.id",
                item,
                &id,
                format!("fragment id \"{id}\" is used twice (also by fragment #{})", first + 1),
                keys::allowed("fragment.id"),
            ));
        }
        let parent = match &f.parent {
            None if has_vehicle => ParentRef::Vehicle,
            None => ParentRef::None,
            Some(p) if p.get_ref() == "vehicle" => {
                if !has_vehicle {
                    return Err(ctx.invalid(
                        p.span(),
                        "fragment.parent",
                        item,
                        p.get_ref(),
                        "parent \"vehicle\" but the file has no [vehicle] table".into(),
                        "the id of another fragment, or a [vehicle] table".into(),
                    ));
                }
                ParentRef::Vehicle
            }
            Some(p) => ParentRef::Id(p.get_ref().clone(), p.span()),
        };
        let shape = convert_shape(ctx, t, item.clone())?;
        let material_value = ctx.required(&f.material, "fragment.material", item.clone(), t.span())?;
        let Some(material) = materials
            .iter()
            .find(|m| &m.material.id == material_value.get_ref())
        else {
            let known: Vec<&str> = materials.iter().map(|m| m.material.id.as_str()).collect();
            return Err(ctx.invalid(
                material_value.span(),
                "fragment.material",
                item,
                material_value.get_ref(),
                format!("unknown material \"{}\"", material_value.get_ref()),
                format!(
                    "{} (or a [[material]] table defining it)",
                    known.join(", ")
                ),
            ));
        };
        let material = material.material.clone();
        let mass_value = ctx.required(&f.mass_kg, "fragment.mass_kg", item.clone(), t.span())?;
        let mass_kg = ctx.number(mass_value, "fragment.mass_kg", item.clone())?;
        let solid_kg = volume_m3(&shape) * material.density_kg_m3;
        if mass_kg > MASS_OVER_SOLID_TOLERANCE * solid_kg {
            return Err(ctx.out_of_range_because(
                mass_value.span(),
                "fragment.mass_kg",
                item,
                mass_kg,
                format!(
                    "at most {} kg: {MASS_OVER_SOLID_TOLERANCE} × the solid {} of {} ({:.4} kg at {} kg/m3)",
                    keys::number(float_round(MASS_OVER_SOLID_TOLERANCE * solid_kg)),
                    shape.name(),
                    material.id,
                    solid_kg,
                    material.density_kg_m3
                ),
            ));
        }
        let count = match &f.count {
            None => 1,
            Some(c) => {
                let n = *c.get_ref();
                let spec_ok = keys::spec("fragment.count").is_some_and(|s| s.contains(n as f64));
                if !spec_ok {
                    return Err(ctx.out_of_range(c.span(), "fragment.count", item, n as f64));
                }
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        };
        let release_altitude_m = match &f.release_altitude_km {
            None => None,
            Some(r) => {
                let km = ctx.number(r, "fragment.release_altitude_km", item.clone())?;
                if matches!(parent, ParentRef::None) {
                    return Err(ctx.invalid(
                        r.span(),
                        "fragment.release_altitude_km",
                        item,
                        &km.to_string(),
                        "a fragment without parent starts at the initial state: a release altitude has no meaning".into(),
                        "release_altitude_km only on a fragment with a parent (or a [vehicle])".into(),
                    ));
                }
                below_initial(ctx, r, "fragment.release_altitude_km", item.clone(), initial)?;
                Some(km * 1e3)
            }
        };
        let initial_temperature_k = match &f.initial_temperature_k {
            None => 300.0,
            Some(v) => {
                let k = ctx.number(v, "fragment.initial_temperature_k", item.clone())?;
                if k >= material.melt_temperature_k {
                    return Err(ctx.out_of_range_because(
                        v.span(),
                        "fragment.initial_temperature_k",
                        item,
                        k,
                        format!(
                            "{}, below the melt temperature of {} ({} K)",
                            keys::allowed("fragment.initial_temperature_k"),
                            material.id,
                            material.melt_temperature_k
                        ),
                    ));
                }
                k
            }
        };
        let opt = |v: &Option<S<f64>>, key: &str| -> Result<Option<f64>, ScenarioError> {
            v.as_ref().map(|x| ctx.number(x, key, item.clone())).transpose()
        };
        let spec = FragmentSpec {
            id: id.clone(),
            parent: Parent::None,
            count,
            shape,
            material,
            hollow: f.hollow.as_ref().is_some_and(|h| *h.get_ref()),
            mass_kg,
            release_altitude_m,
            drag_coefficient: opt(&f.cd, "fragment.cd")?,
            cd_scale: opt(&f.cd_scale, "fragment.cd_scale")?.unwrap_or(1.0),
            reference_area_m2: opt(&f.area_m2, "fragment.area_m2")?,
            nose_radius_m: opt(&f.nose_radius_m, "fragment.nose_radius_m")?,
            heat_scale: opt(&f.heat_scale, "fragment.heat_scale")?.unwrap_or(1.0),
            emissivity_scale: opt(&f.emissivity_scale, "fragment.emissivity_scale")?.unwrap_or(1.0),
            initial_temperature_k,
        };
        specs.push((spec, parent));
    }
    order_tree(ctx, specs, &ids)
}

/// Rounds for display in messages (4 significant digits).
fn float_round(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 4 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// Resolves parent ids, detects cycles (naming them), and orders nodes parents-before-children,
/// keeping file order otherwise.
fn order_tree(
    ctx: &Ctx<'_>,
    specs: Vec<(FragmentSpec, ParentRef)>,
    ids: &HashMap<String, usize>,
) -> Result<Vec<FragmentSpec>, ScenarioError> {
    // Parent index in file order.
    let mut parent_index: Vec<Option<usize>> = Vec::with_capacity(specs.len());
    for (spec, parent) in &specs {
        parent_index.push(match parent {
            ParentRef::Id(name, span) => match ids.get(name) {
                Some(&p) => Some(p),
                None => {
                    let mut known: Vec<&str> = ids.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    return Err(ctx.invalid(
                        span.clone(),
                        "fragment.parent",
                        Some(format!("fragment \"{}\"", spec.id)),
                        name,
                        format!("parent \"{name}\" does not exist"),
                        format!(
                            "\"vehicle\" (with a [vehicle]) or a fragment id: {}",
                            known.join(", ")
                        ),
                    ));
                }
            },
            _ => None,
        });
    }
    let n = specs.len();
    let mut new_index: Vec<Option<usize>> = vec![None; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    loop {
        let before = order.len();
        for i in 0..n {
            if new_index[i].is_none() && parent_index[i].is_none_or(|p| new_index[p].is_some()) {
                new_index[i] = Some(order.len());
                order.push(i);
            }
        }
        if order.len() == n {
            break;
        }
        if order.len() == before {
            // Every unplaced node descends from a cycle: walk up from the first one until a node
            // repeats, then name the cycle.
            let start = (0..n).find(|&i| new_index[i].is_none()).unwrap_or(0);
            let mut seen = vec![start];
            let mut at = start;
            while let Some(p) = parent_index[at] {
                if let Some(pos) = seen.iter().position(|&s| s == p) {
                    let cycle: Vec<&str> = seen[pos..]
                        .iter()
                        .chain(std::iter::once(&p))
                        .map(|&i| specs[i].0.id.as_str())
                        .collect();
                    let first = seen[pos];
                    let span = match &specs[first].1 {
                        ParentRef::Id(_, span) => span.clone(),
                        _ => 0..0,
                    };
                    return Err(ctx.invalid(
                        span,
                        "fragment.parent",
                        Some(format!("fragment \"{}\"", specs[first].0.id)),
                        &specs[parent_index[first].unwrap_or(first)].0.id,
                        format!("the parents form a cycle: {}", cycle.join(" → ")),
                        "a tree: every chain of parents ends at the vehicle or at a fragment without parent".into(),
                    ));
                }
                seen.push(p);
                at = p;
            }
            break;
        }
    }
    let mut slots: Vec<Option<(FragmentSpec, ParentRef)>> = specs.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    for &i in &order {
        let Some((mut spec, parent)) = slots[i].take() else {
            continue;
        };
        spec.parent = match parent {
            ParentRef::None => Parent::None,
            ParentRef::Vehicle => Parent::Vehicle,
            ParentRef::Id(..) => match parent_index[i].and_then(|p| new_index[p]) {
                Some(p) => Parent::Fragment(p),
                None => Parent::None,
            },
        };
        out.push(spec);
    }
    Ok(out)
}

/// The burns, ordered by start time.
fn convert_burns(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    epoch: Epoch,
    max_time_s: f64,
    has_single_root: bool,
) -> Result<Vec<Burn>, ScenarioError> {
    let mut burns = Vec::with_capacity(file.burn.len());
    for (index, t) in file.burn.iter().enumerate() {
        let b = t.get_ref();
        let item = Some(format!("burn #{}", index + 1));
        if !has_single_root {
            return Err(ctx.invalid(
                t.span(),
                "burn",
                item,
                "",
                "a burn needs one body to act on, but the file has no [vehicle] and several fragments without parent".into(),
                "[[burn]] with a [vehicle], or with exactly one fragment without parent".into(),
            ));
        }
        let start_value = ctx.required(&b.start_utc, "burn.start_utc", item.clone(), t.span())?;
        let start = ctx.epoch(start_value, "burn.start_utc", item.clone())?;
        let start_s = start.j2000_s - epoch.j2000_s;
        if !(0.0..max_time_s).contains(&start_s) {
            return Err(ctx.invalid(
                start_value.span(),
                "burn.start_utc",
                item,
                start_value.get_ref(),
                format!("the burn starts {start_s} s after scenario.epoch_utc"),
                format!("a time at or after scenario.epoch_utc and less than the time limit ({max_time_s} s) after it"),
            ));
        }
        let get = |value: &Option<S<f64>>, key: &str| -> Result<f64, ScenarioError> {
            let v = ctx.required(value, key, item.clone(), t.span())?;
            ctx.number(v, key, item.clone())
        };
        burns.push(Burn {
            start_s,
            delta_v_m_s: get(&b.delta_v_m_s, "burn.delta_v_m_s")?,
            thrust_n: get(&b.thrust_n, "burn.thrust_n")?,
            isp_s: get(&b.isp_s, "burn.isp_s")?,
            pitch_rad: ctx
                .number_or(&b.pitch_deg, "burn.pitch_deg", item.clone(), 0.0)?
                .to_radians(),
            yaw_rad: ctx
                .number_or(&b.yaw_deg, "burn.yaw_deg", item.clone(), 0.0)?
                .to_radians(),
        });
    }
    burns.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    Ok(burns)
}

/// The target zone polygon.
fn convert_target_zone(ctx: &Ctx<'_>, file: &ScenarioFile) -> Result<Option<Vec<[f64; 2]>>, ScenarioError> {
    let Some(table) = &file.target_zone else {
        return Ok(None);
    };
    let key = "target_zone.polygon_deg";
    let polygon = ctx.required(&table.get_ref().polygon_deg, key, None, table.span())?;
    let mut points: Vec<[f64; 2]> = Vec::with_capacity(polygon.get_ref().len());
    for (i, p) in polygon.get_ref().iter().enumerate() {
        let item = Some(format!("point #{}", i + 1));
        let values: Vec<f64> = p.get_ref().iter().map(|v| *v.get_ref()).collect();
        let ok = match values.as_slice() {
            &[lon, lat] => {
                lon.is_finite()
                    && lat.is_finite()
                    && (-360.0..=360.0).contains(&lon)
                    && (-90.0..=90.0).contains(&lat)
            }
            _ => false,
        };
        if !ok {
            return Err(ctx.invalid(
                p.span(),
                key,
                item,
                &format!("{values:?}"),
                format!("{values:?} is not a [lon, lat] point in range"),
                keys::allowed(key),
            ));
        }
        points.push([values[0], values[1]]);
    }
    let mut distinct: Vec<[f64; 2]> = Vec::new();
    for p in &points {
        if !distinct.contains(p) {
            distinct.push(*p);
        }
    }
    if distinct.len() < 3 {
        return Err(ctx.invalid(
            polygon.span(),
            key,
            None,
            &format!("{points:?}"),
            format!("the polygon has {} distinct points", distinct.len()),
            keys::allowed(key),
        ));
    }
    Ok(Some(points))
}

/// What a dispersion key is, for the rules of its distributions.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DispersionKind {
    /// Additive quantity: normal only, an offset. (key unit factor to SI, largest sigma)
    Offset { to_si: f64, max_sigma: f64 },
    /// An altitude (break-up): normal offset or uniform value.
    Altitude,
    /// A scale factor: normal (mean 1), uniform or lognormal (median 1).
    Scale,
}

/// Largest lognormal sigma of a scale factor: e^(±6·1) spans 1/400..400, already beyond any
/// physical uncertainty of drag, heating or density.
const MAX_LOGNORMAL_SIGMA: f64 = 1.0;

/// Largest factor a scale's uniform range may reach.
const MAX_UNIFORM_SCALE: f64 = 100.0;

/// Converts one dispersion table. `nominal` is the list of nominal values (key units) whose
/// dispersed values must stay in `valid` (key units) at [`DISPERSION_SIGMAS`].
fn convert_dispersion(
    ctx: &Ctx<'_>,
    table: &S<DispersionTable>,
    name: &str,
    kind: DispersionKind,
    nominal: &[f64],
    valid: (f64, f64),
) -> Result<Dispersion, ScenarioError> {
    let key = format!("monte_carlo.dispersions.{name}");
    let d = table.get_ref();
    let dist_value = ctx.required(&d.dist, &format!("{key}.dist"), None, table.span())?;
    let dist = dist_value.get_ref().as_str();
    let allowed_dists: &[&str] = match kind {
        DispersionKind::Offset { .. } => &["normal"],
        DispersionKind::Altitude => &["normal", "uniform"],
        DispersionKind::Scale => &["normal", "uniform", "lognormal"],
    };
    if !allowed_dists.contains(&dist) {
        return Err(ctx.invalid(
            dist_value.span(),
            &format!("{key}.dist"),
            None,
            dist,
            format!("dist = \"{dist}\" is not available for {name}"),
            format!("dist = {} ({})", allowed_dists.join(" or "), keys::allowed(&key)),
        ));
    }
    // Fields that the distribution does not use are rejected: a typo would otherwise be silent.
    let used: &[&str] = match dist {
        "normal" => &["sigma", "mean"],
        "uniform" => &["min", "max"],
        _ => &["sigma"],
    };
    for (field, value) in [
        ("sigma", &d.sigma),
        ("mean", &d.mean),
        ("min", &d.min),
        ("max", &d.max),
    ] {
        if let Some(v) = value
            && !used.contains(&field)
        {
            return Err(ctx.invalid(
                v.span(),
                &format!("{key}.{field}"),
                None,
                &v.get_ref().to_string(),
                format!("{field} does not apply to dist = \"{dist}\""),
                format!("for dist = \"{dist}\": {}", used.join(", ")),
            ));
        }
    }
    let field = |value: &Option<S<f64>>, f: &str| -> Result<Option<(f64, Range<usize>)>, ScenarioError> {
        value
            .as_ref()
            .map(|v| ctx.number(v, &format!("{key}.{f}"), None).map(|x| (x, v.span())))
            .transpose()
    };
    let sigma = field(&d.sigma, "sigma")?;
    let mean = field(&d.mean, "mean")?;
    let min = field(&d.min, "min")?;
    let max = field(&d.max, "max")?;
    let need = |value: Option<(f64, Range<usize>)>, f: &str| {
        value.ok_or_else(|| ctx.missing(table.span(), &format!("{key}.{f}"), None))
    };
    // Every nominal value, moved by the extreme draws, must stay inside `valid`.
    let check_extremes = |lo: f64, hi: f64, span: Range<usize>, what: String| -> Result<(), ScenarioError> {
        for &n in nominal {
            let (a, b) = match kind {
                DispersionKind::Scale => (n * lo, n * hi),
                DispersionKind::Altitude if dist == "uniform" => (lo, hi),
                _ => (n + lo, n + hi),
            };
            if a <= valid.0 || b >= valid.1 {
                return Err(ctx.invalid(
                    span.clone(),
                    &key,
                    None,
                    &what,
                    format!(
                        "{what} can move a nominal {} outside {}..{} (both excluded)",
                        keys::number(n),
                        keys::number(valid.0),
                        keys::number(valid.1)
                    ),
                    format!(
                        "a spread that keeps every value within the limits at {DISPERSION_SIGMAS} sigma (min..max for uniform)"
                    ),
                ));
            }
        }
        Ok(())
    };
    let to_si = match kind {
        DispersionKind::Offset { to_si, .. } => to_si,
        DispersionKind::Altitude => 1e3,
        DispersionKind::Scale => 1.0,
    };
    match dist {
        "normal" => {
            let (sigma, sigma_span) = need(sigma, "sigma")?;
            let default_mean = if kind == DispersionKind::Scale { 1.0 } else { 0.0 };
            let mean_value = mean.as_ref().map_or(default_mean, |m| m.0);
            let max_sigma = match kind {
                DispersionKind::Offset { max_sigma, .. } => max_sigma,
                DispersionKind::Altitude => 50.0,
                DispersionKind::Scale => f64::INFINITY,
            };
            if sigma > max_sigma {
                return Err(ctx.out_of_range_because(
                    sigma_span,
                    &format!("{key}.sigma"),
                    None,
                    sigma,
                    format!("above 0 up to {}", keys::number(max_sigma)),
                ));
            }
            let spread = DISPERSION_SIGMAS * sigma;
            let what = format!("mean {mean_value} ± {DISPERSION_SIGMAS} × sigma {sigma}");
            let (lo, hi) = (mean_value - spread, mean_value + spread);
            if kind == DispersionKind::Scale && lo <= 0.0 {
                return Err(ctx.invalid(
                    sigma_span,
                    &format!("{key}.sigma"),
                    None,
                    &sigma.to_string(),
                    format!("{what} reaches a factor of {lo} (not above 0)"),
                    format!(
                        "mean − {DISPERSION_SIGMAS} sigma above 0 (sigma below {}), or dist = \"lognormal\"",
                        keys::number(mean_value / DISPERSION_SIGMAS)
                    ),
                ));
            }
            check_extremes(lo, hi, sigma_span, what)?;
            let applied = if kind == DispersionKind::Scale {
                Applied::Factor
            } else {
                Applied::Offset
            };
            Ok(Dispersion {
                distribution: Distribution::Normal {
                    mean: mean_value * to_si,
                    sigma: sigma * to_si,
                },
                applied,
            })
        }
        "uniform" => {
            let (lo, lo_span) = need(min, "min")?;
            let (hi, hi_span) = need(max, "max")?;
            if lo >= hi {
                return Err(ctx.invalid(
                    hi_span,
                    &format!("{key}.max"),
                    None,
                    &hi.to_string(),
                    format!("max {hi} is not above min {lo}"),
                    "max > min".into(),
                ));
            }
            if kind == DispersionKind::Scale && (lo <= 0.0 || hi > MAX_UNIFORM_SCALE) {
                return Err(ctx.invalid(
                    lo_span,
                    &key,
                    None,
                    &format!("{lo}..{hi}"),
                    format!("the factor range {lo}..{hi} is not positive or too wide"),
                    format!("0 < min < max <= {MAX_UNIFORM_SCALE}"),
                ));
            }
            check_extremes(lo, hi, lo_span, format!("min {lo}, max {hi}"))?;
            let applied = if kind == DispersionKind::Altitude {
                Applied::Value
            } else {
                Applied::Factor
            };
            Ok(Dispersion {
                distribution: Distribution::Uniform {
                    min: lo * to_si,
                    max: hi * to_si,
                },
                applied,
            })
        }
        _ => {
            let (sigma, sigma_span) = need(sigma, "sigma")?;
            if sigma > MAX_LOGNORMAL_SIGMA {
                return Err(ctx.out_of_range_because(
                    sigma_span,
                    &format!("{key}.sigma"),
                    None,
                    sigma,
                    format!("above 0 up to {MAX_LOGNORMAL_SIGMA} for dist = \"lognormal\""),
                ));
            }
            Ok(Dispersion {
                distribution: Distribution::LogNormal { mu: 0.0, sigma },
                applied: Applied::Factor,
            })
        }
    }
}

/// The Monte Carlo settings.
fn convert_monte_carlo(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    problem: &Problem,
    initial: &Initial,
) -> Result<MonteCarloSettings, ScenarioError> {
    let Some(table) = &file.monte_carlo else {
        return Ok(MonteCarloSettings {
            samples: 1,
            seed: 0,
            dispersions: Dispersions::default(),
        });
    };
    let mc = table.get_ref();
    let integer = |value: &Option<S<i64>>, key: &str, default: u64| -> Result<u64, ScenarioError> {
        match value {
            None => Ok(default),
            Some(v) => {
                let n = *v.get_ref();
                let ok = n >= 0 && keys::spec(key).is_some_and(|s| s.contains(n as f64));
                if ok {
                    Ok(n.unsigned_abs())
                } else {
                    Err(ctx.out_of_range(v.span(), key, None, n as f64))
                }
            }
        }
    };
    let samples = integer(&mc.samples, "monte_carlo.samples", 1)?;
    let seed = integer(&mc.seed, "monte_carlo.seed", 0)?;
    let mut dispersions = Dispersions::default();
    if let Some(d) = &mc.dispersions {
        let d = d.get_ref();
        let burns_dv: Vec<f64> = problem.burns.iter().map(|b| b.delta_v_m_s).collect();
        let burns_start: Vec<f64> = problem.burns.iter().map(|b| b.start_s).collect();
        let burns_pitch: Vec<f64> = problem.burns.iter().map(|b| b.pitch_rad.to_degrees()).collect();
        let burns_yaw: Vec<f64> = problem.burns.iter().map(|b| b.yaw_rad.to_degrees()).collect();
        let needs = |present: bool, table: &S<DispersionTable>, name: &str, what: &str| {
            if present {
                Ok(())
            } else {
                Err(ctx.invalid(
                    table.span(),
                    &format!("monte_carlo.dispersions.{name}"),
                    None,
                    "",
                    format!("nothing to disperse: the file has no {what}"),
                    format!("this dispersion only with {what}"),
                ))
            }
        };
        let offset = |to_si: f64, max_sigma: f64| DispersionKind::Offset { to_si, max_sigma };
        let inf = f64::INFINITY;
        let burn_keys = [
            (&d.delta_v_m_s, "delta_v_m_s", offset(1.0, 100.0), burns_dv.as_slice(), (0.0, inf), &mut dispersions.delta_v_m_s),
            (&d.burn_start_s, "burn_start_s", offset(1.0, 3600.0), burns_start.as_slice(), (-inf, inf), &mut dispersions.burn_start_s),
            (&d.burn_pitch_deg, "burn_pitch_deg", offset(std::f64::consts::PI / 180.0, 30.0), burns_pitch.as_slice(), (-inf, inf), &mut dispersions.burn_pitch_rad),
            (&d.burn_yaw_deg, "burn_yaw_deg", offset(std::f64::consts::PI / 180.0, 30.0), burns_yaw.as_slice(), (-inf, inf), &mut dispersions.burn_yaw_rad),
        ];
        for (value, name, kind, nominal, valid, slot) in burn_keys {
            if let Some(t) = value {
                needs(!problem.burns.is_empty(), t, name, "[[burn]]")?;
                *slot = Some(convert_dispersion(ctx, t, name, kind, nominal, valid)?);
            }
        }
        if let Some(t) = &d.breakup_altitude_km {
            needs(problem.vehicle.is_some(), t, "breakup_altitude_km", "[vehicle]")?;
            let nominal_km: Vec<f64> = problem
                .vehicle
                .iter()
                .map(|v| v.breakup_altitude_m / 1e3)
                .collect();
            dispersions.breakup_altitude_m = Some(convert_dispersion(
                ctx,
                t,
                "breakup_altitude_km",
                DispersionKind::Altitude,
                &nominal_km,
                (0.0, initial.altitude_m / 1e3),
            )?);
        }
        if let Some(t) = &d.density_scale {
            dispersions.density_scale = Some(convert_dispersion(
                ctx,
                t,
                "density_scale",
                DispersionKind::Scale,
                &[problem.environment.density_scale],
                (0.0, inf),
            )?);
        }
        let has_fragments = !problem.fragments.is_empty();
        let fragment_keys = [
            (&d.fragment_cd_scale, "fragment_cd_scale", &mut dispersions.fragment_cd_scale),
            (&d.fragment_heat_scale, "fragment_heat_scale", &mut dispersions.fragment_heat_scale),
            (&d.fragment_mass_scale, "fragment_mass_scale", &mut dispersions.fragment_mass_scale),
            (&d.emissivity_scale, "emissivity_scale", &mut dispersions.emissivity_scale),
        ];
        for (value, name, slot) in fragment_keys {
            if let Some(t) = value {
                needs(has_fragments, t, name, "[[fragment]]")?;
                *slot = Some(convert_dispersion(ctx, t, name, DispersionKind::Scale, &[1.0], (0.0, inf))?);
            }
        }
    }
    Ok(MonteCarloSettings {
        samples,
        seed,
        dispersions,
    })
}

/// Whether a scenario name is safe as a folder name.
fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=100).contains(&n)
        && !name.starts_with('.')
        && !name.chars().any(|c| c == '/' || c == '\\' || c.is_control())
        && name.trim() == name
}

/// Converts the parsed mirror into a validated [`Scenario`].
pub(crate) fn convert(ctx: &Ctx<'_>, file: &ScenarioFile) -> Result<Scenario, ScenarioError> {
    let Some(scenario) = &file.scenario else {
        return Err(ScenarioError::MissingKey {
            location: Location::file(ctx.file),
            key: "scenario".into(),
            item: None,
            allowed: "a [scenario] table with name and epoch_utc".into(),
        });
    };
    let s = scenario.get_ref();
    let name_value = ctx.required(&s.name, "scenario.name", None, scenario.span())?;
    if !valid_name(name_value.get_ref()) {
        return Err(ctx.invalid(
            name_value.span(),
            "scenario.name",
            None,
            name_value.get_ref(),
            format!("\"{}\" cannot name an output folder", name_value.get_ref()),
            keys::allowed("scenario.name"),
        ));
    }
    let epoch_value = ctx.required(&s.epoch_utc, "scenario.epoch_utc", None, scenario.span())?;
    let epoch = ctx.epoch(epoch_value, "scenario.epoch_utc", None)?;
    let ut1_minus_utc_s = ctx.number_or(&s.ut1_minus_utc_s, "scenario.ut1_minus_utc_s", None, 0.0)?;
    let uncontrolled = s.uncontrolled.as_ref().is_some_and(|u| *u.get_ref());

    let initial = convert_initial(ctx, file, epoch)?;
    let max_time_s = match file.simulation.as_ref().and_then(|s| s.get_ref().max_time_s.as_ref()) {
        Some(v) => ctx.number(v, "simulation.max_time_s", None)?,
        None if initial.orbit => DEFAULT_MAX_TIME_ORBIT_S,
        None => DEFAULT_MAX_TIME_ENTRY_S,
    };
    let materials = convert_materials(ctx, file)?;
    let environment = convert_environment(ctx, file, epoch, max_time_s)?;
    let vehicle = convert_vehicle(ctx, file, &initial)?;
    let fragments = convert_fragments(ctx, file, vehicle.is_some(), &materials, &initial)?;
    if vehicle.is_none() && fragments.is_empty() {
        return Err(ScenarioError::MissingKey {
            location: ctx.loc(initial.span.clone()),
            key: "fragment".into(),
            item: None,
            allowed: "a [vehicle] table or at least one [[fragment]] table".into(),
        });
    }
    let roots = fragments.iter().filter(|f| f.parent == Parent::None).count();
    let burns = convert_burns(ctx, file, epoch, max_time_s, vehicle.is_some() || roots == 1)?;
    let target_zone_deg = convert_target_zone(ctx, file)?;
    let trajectory_step_s = match file.output.as_ref().and_then(|o| o.get_ref().trajectory_step_s.as_ref()) {
        Some(v) => ctx.number(v, "output.trajectory_step_s", None)?,
        None => 1.0,
    };
    let tolerances = Tolerances {
        max_time_s,
        ..Tolerances::default()
    };
    let problem = Problem {
        epoch,
        initial: initial.state.clone(),
        burns,
        environment,
        vehicle,
        fragments,
        tolerances,
    };
    let monte_carlo = convert_monte_carlo(ctx, file, &problem, &initial)?;
    Ok(Scenario {
        name: name_value.get_ref().clone(),
        path: ctx.file.to_path_buf(),
        problem,
        monte_carlo,
        target_zone_deg,
        trajectory_step_s,
        uncontrolled,
        ut1_minus_utc_s,
        initial_altitude_m: initial.altitude_m,
    })
}
