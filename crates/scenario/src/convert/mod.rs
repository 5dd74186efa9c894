//! Mirror → validated [`Scenario`]: every unit conversion (km → m, deg → rad, kJ → J, UTC text →
//! seconds after the epoch) and every range and consistency check happens here, once.

// A ScenarioError carries the structured fields of one message (file, line, key, value, allowed):
// it is large, built at most once per load, and never on a hot path.
#![allow(clippy::result_large_err)]

mod dispersions;
mod environment;
mod fragments;
mod initial;

pub use dispersions::DISPERSION_SIGMAS;
pub use fragments::{MASS_OVER_SOLID_TOLERANCE, MIN_BALLISTIC_COEFFICIENT_KG_M2};
pub use initial::MAX_TLE_AGE_DAYS;

use dispersions::convert_monte_carlo;
use environment::convert_environment;
use fragments::{
    check_vehicle_ballistic_coefficient, convert_fragments, convert_materials, convert_vehicle,
};
use initial::{Initial, below_initial, convert_initial};

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use reentry_atmosphere::exponential::Exponential;
use reentry_atmosphere::nrlmsise00::Nrlmsise00;
use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_montecarlo::{
    Applied, Dispersion, Dispersions, Distribution, LonLatPolygon, PolygonFlaw,
};
use reentry_physics::aero::Shape;
use reentry_solver::{
    Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, HorizontalUpdate,
    InitialState, Parent, Problem, StateFrame, Tolerances, Vehicle,
};
use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::error::{Location, ScenarioError};
use crate::keys;
use crate::materials::{self, MaterialEntry};
use crate::schema::*;
use crate::{MonteCarloSettings, Scenario};

/// Default time limit for a start in orbit (TLE or state vector), s: 30 days of decay.
pub const DEFAULT_MAX_TIME_ORBIT_S: f64 = 30.0 * 86_400.0;

/// Default time limit for a start at the entry interface, s: 3 h, far beyond any descent.
pub const DEFAULT_MAX_TIME_ENTRY_S: f64 = 3.0 * 3_600.0;

/// Every table of a scenario and how it is written.
const TABLES: &[(&str, &str)] = &[
    ("scenario", "[scenario]"),
    (
        "initial",
        "[initial.tle], [initial.state] or [initial.entry]",
    ),
    ("initial.tle", "[initial.tle]"),
    ("initial.state", "[initial.state]"),
    ("initial.entry", "[initial.entry]"),
    ("burn", "[[burn]] (one per burn)"),
    ("environment", "[environment]"),
    ("vehicle", "[vehicle]"),
    ("fragment", "[[fragment]] (one per fragment)"),
    ("material", "[[material]] (one per material)"),
    ("target_zone", "[target_zone]"),
    ("monte_carlo", "[monte_carlo]"),
    ("monte_carlo.dispersions", "[monte_carlo.dispersions]"),
    ("output", "[output]"),
    ("simulation", "[simulation]"),
];

/// Lowest and highest epoch year accepted (Sputnik 1 to the end of the century).
const EPOCH_YEARS: (i32, i32) = (1957, 2100);

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
        let doc = DeTable::parse(self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            ScenarioError::Syntax {
                location: self.loc(span.clone()),
                key: key_on_line(self.text, span.start),
                message: e.message().to_string(),
            }
        })?;
        // One parse on success; the error path parses again for the key path at the error.
        T::deserialize(toml::de::Deserializer::from(doc)).map_err(|e| {
            match DeTable::parse(self.text) {
                Ok(doc) => self.serde_error(&e, doc.get_ref()),
                Err(_) => self.serde_error(&e, &DeTable::default()),
            }
        })
    }

    /// Maps a serde error of the mirror onto unknown key / wrong type / invalid value.
    fn serde_error(&self, error: &toml::de::Error, doc: &DeTable<'_>) -> ScenarioError {
        let span = error.span().unwrap_or(0..0);
        let location = self.loc(span.clone());
        let message = error.message().to_string();
        let mut path = Vec::new();
        find_path(doc, span.start, &mut path);
        let (mut key, item) = render_path(&path);
        // `[[scenario]]` where `[scenario]` is meant: serde reports the elements' contents.
        if let [Segment::Key(first), Segment::Index(_), ..] = path.as_slice()
            && let Some((name, header)) = TABLES.iter().find(|(n, _)| n == first)
            && !header.starts_with("[[")
        {
            return ScenarioError::WrongType {
                location,
                key: (*name).to_string(),
                item: None,
                found: format!("an array of tables [[{name}]]"),
                allowed: format!("one table written {header}"),
            };
        }
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or_default();
            if key.rsplit('.').next() != Some(name) {
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
            // serde names TOML tables "map" and arrays "sequence".
            let found = match rest.split(", expected").next().unwrap_or(rest) {
                "map" => "a table".to_string(),
                "sequence" => "an array".to_string(),
                other => other.to_string(),
            };
            let table = TABLES.iter().find(|(name, _)| *name == key);
            let allowed = match (keys::spec(&key), table) {
                (Some(spec), _) => describe_kind(spec),
                (None, Some((_, header))) => format!("a table written {header}"),
                (None, None) => "see docs/scenario-reference.md".to_string(),
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
        value
            .as_ref()
            .ok_or_else(|| self.missing(table_span, key, item))
    }

    /// A missing key located at its table's span.
    pub fn missing(
        &self,
        table_span: Range<usize>,
        key: &str,
        item: Option<String>,
    ) -> ScenarioError {
        ScenarioError::MissingKey {
            location: self.loc(table_span),
            key: key.to_string(),
            item,
            allowed: keys::allowed(key),
        }
    }

    /// A number checked against the range of its key (see [`keys::KEYS`]).
    pub fn number(
        &self,
        value: &S<f64>,
        key: &str,
        item: Option<String>,
    ) -> Result<f64, ScenarioError> {
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
    pub fn out_of_range(
        &self,
        span: Range<usize>,
        key: &str,
        item: Option<String>,
        value: f64,
    ) -> ScenarioError {
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
    pub fn identifier(
        &self,
        value: &S<String>,
        key: &str,
        item: Option<String>,
    ) -> Result<String, ScenarioError> {
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

    /// An RFC 3339 UTC time (a string, or a TOML offset date-time) within [`EPOCH_YEARS`], and
    /// its text.
    fn epoch(
        &self,
        value: &S<TimeValue>,
        key: &str,
        item: Option<String>,
    ) -> Result<(Epoch, String), ScenarioError> {
        let text = match value.get_ref() {
            toml::Value::String(text) => text.clone(),
            toml::Value::Datetime(d)
                if d.date.is_some() && d.time.is_some() && d.offset.is_some() =>
            {
                d.to_string()
            }
            toml::Value::Datetime(d) => {
                return Err(self.invalid(
                    value.span(),
                    key,
                    item,
                    &d.to_string(),
                    format!("{d} has no date, time or UTC offset"),
                    keys::allowed(key),
                ));
            }
            other => {
                return Err(ScenarioError::WrongType {
                    location: self.loc(value.span()),
                    key: key.to_string(),
                    item,
                    found: other.type_str().to_string(),
                    allowed: keys::allowed(key),
                });
            }
        };
        let parsed = Epoch::parse_rfc3339(&text).map_err(|problem| {
            self.invalid(
                value.span(),
                key,
                item.clone(),
                &text,
                problem,
                keys::allowed(key),
            )
        })?;
        let year = parsed.calendar().0;
        if year < EPOCH_YEARS.0 || year > EPOCH_YEARS.1 {
            return Err(self.invalid(
                value.span(),
                key,
                item,
                &text,
                format!("year {year} is outside the supported years"),
                keys::allowed(key),
            ));
        }
        Ok((parsed, text))
    }
}

/// The dotted key written on the line holding byte `offset` (`table.key` under a `[table]`
/// header, or the header's own name), for syntax errors where no parsed tree is available.
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let bare = |k: &str| {
        let k = k.trim();
        (!k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .then(|| k.to_string())
    };
    let header = |l: &str| {
        let l = l.trim();
        let inner = l.strip_prefix('[')?.split(']').next()?;
        bare(inner.trim_start_matches('['))
    };
    if line.trim_start().starts_with('[') {
        return header(line);
    }
    let key = bare(line.split('=').next()?)?;
    if !line.contains('=') {
        return None;
    }
    let table = text[..start].lines().rev().find_map(|l| {
        if l.trim_start().starts_with('[') {
            header(l)
        } else {
            None
        }
    });
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key,
    })
}

/// Describes what a key expects, for wrong-type errors.
fn describe_kind(spec: &keys::KeySpec) -> String {
    use keys::ValueKind::*;
    let what = match spec.kind {
        Number => "a number",
        // The range text of an integer key already says "an integer", and a boolean's is
        // "true or false".
        Integer | Boolean => return spec.allowed_text(),
        Text => "a string",
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
        let (start, start_text) = ctx.epoch(start_value, "burn.start_utc", item.clone())?;
        let start_s = start.j2000_s - epoch.j2000_s;
        if !(0.0..max_time_s).contains(&start_s) {
            return Err(ctx.invalid(
                start_value.span(),
                "burn.start_utc",
                item,
                &start_text,
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
fn convert_target_zone(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
) -> Result<Option<Vec<[f64; 2]>>, ScenarioError> {
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
    // The zone as the footprint tests it: longitudes unwrapped from point to point, even–odd
    // rule. A ring that crosses itself or encloses nothing has no clear inside.
    let unwrapped = LonLatPolygon::new(&points);
    let problem = match unwrapped.flaw() {
        None => return Ok(Some(points)),
        Some(PolygonFlaw::NoArea) => {
            "the polygon has no area: its points lie on one line (from point to point, longitude goes the short way round)".into()
        }
        Some(PolygonFlaw::Crossing(a, b)) => {
            let edge = |i: usize| format!("point #{} to #{}", i + 1, (i + 1) % points.len() + 1);
            format!(
                "the polygon crosses itself: the edge from {} meets the edge from {}",
                edge(a),
                edge(b)
            )
        }
    };
    Err(ctx.invalid(
        polygon.span(),
        key,
        None,
        &format!("{points:?}"),
        problem,
        keys::allowed(key),
    ))
}

/// Where `[vehicle] mass_kg` stands in the file (messages about the vehicle's mass point there).
fn vehicle_mass_span(file: &ScenarioFile) -> Range<usize> {
    file.vehicle
        .as_ref()
        .and_then(|v| v.get_ref().mass_kg.as_ref().map(|m| m.span()))
        .unwrap_or(0..0)
}

/// The fragments are pieces of the vehicle: together (Σ count × mass) they cannot weigh more
/// than the vehicle after its burns, m0 Π exp(−Δv / (Isp g0)) (PHYSICS.md §7).
fn check_fragment_mass(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    vehicle: Option<&Vehicle>,
    fragments: &[FragmentSpec],
    burns: &[Burn],
) -> Result<(), ScenarioError> {
    let Some(vehicle) = vehicle else {
        return Ok(());
    };
    let after_burns_kg = Burn::mass_after_all_kg(burns, vehicle.mass_kg);
    let fragments_kg: f64 = fragments
        .iter()
        .map(|f| f64::from(f.count) * f.mass_kg)
        .sum();
    // A relative 1e-9 absorbs the rounding of the sum when the fragments make up the whole.
    if fragments_kg > after_burns_kg * (1.0 + 1e-9) {
        let span = vehicle_mass_span(file);
        let after = if burns.is_empty() {
            String::new()
        } else {
            format!(
                ", {} kg after its burns",
                keys::number(after_burns_kg.round())
            )
        };
        return Err(ctx.invalid(
            span,
            "vehicle.mass_kg",
            None,
            &vehicle.mass_kg.to_string(),
            format!(
                "the fragments weigh {} kg in total (count × mass_kg), more than the vehicle's {} kg{after}",
                keys::number(fragments_kg),
                keys::number(vehicle.mass_kg)
            ),
            "a vehicle at least as heavy, after its burns, as all its fragments together".into(),
        ));
    }
    Ok(())
}

/// Whether a scenario name is safe as a folder name.
fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=100).contains(&n)
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
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
            format!("{:?} cannot name an output folder", name_value.get_ref()),
            keys::allowed("scenario.name"),
        ));
    }
    let epoch_value = ctx.required(&s.epoch_utc, "scenario.epoch_utc", None, scenario.span())?;
    let (epoch, _) = ctx.epoch(epoch_value, "scenario.epoch_utc", None)?;
    let ut1_minus_utc_s =
        ctx.number_or(&s.ut1_minus_utc_s, "scenario.ut1_minus_utc_s", None, 0.0)?;
    let uncontrolled = s.uncontrolled.as_ref().is_some_and(|u| *u.get_ref());

    let initial = convert_initial(ctx, file, epoch)?;
    let max_time_s = match file
        .simulation
        .as_ref()
        .and_then(|s| s.get_ref().max_time_s.as_ref())
    {
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
    let roots = fragments
        .iter()
        .filter(|f| f.parent == Parent::None)
        .count();
    let burns = convert_burns(
        ctx,
        file,
        epoch,
        max_time_s,
        vehicle.is_some() || roots == 1,
    )?;
    check_fragment_mass(ctx, file, vehicle.as_ref(), &fragments, &burns)?;
    check_vehicle_ballistic_coefficient(ctx, file, vehicle.as_ref(), &fragments, &burns)?;
    let target_zone_deg = convert_target_zone(ctx, file)?;
    let trajectory_step_s = match file
        .output
        .as_ref()
        .and_then(|o| o.get_ref().trajectory_step_s.as_ref())
    {
        Some(v) => ctx.number(v, "output.trajectory_step_s", None)?,
        None => 1.0,
    };
    let terminal_descent = file
        .simulation
        .as_ref()
        .and_then(|s| s.get_ref().terminal_descent.as_ref())
        .is_some_and(|t| *t.get_ref());
    let tolerances = Tolerances {
        max_time_s,
        terminal_descent,
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
