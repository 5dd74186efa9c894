//! The key reference: for every key of a scenario file, its unit, default and allowed range.
//!
//! One table serves the range checks of `convert`, the "allowed:" part of every error message,
//! and `docs/scenario-reference.md` (a test checks that the document lists every key with the
//! same range). Ranges are what a re-entry analyst would accept as physically meaningful; keys
//! with constraints that depend on other keys (e.g. a break-up altitude below the initial
//! altitude) say so in `note` and are checked in `convert`.

/// One end of a numeric range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// The value may equal it.
    Inclusive(f64),
    /// The value must be strictly beyond it.
    Exclusive(f64),
}

/// What kind of TOML value a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A float or integer.
    Number,
    /// An integer.
    Integer,
    /// A string.
    Text,
    /// `true` or `false`.
    Boolean,
    /// An array (its shape is in `allowed`).
    Array,
    /// A dispersion inline table `{ dist = ..., ... }`.
    Dispersion,
}

/// The specification of one key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeySpec {
    /// Dotted path as written in the file, array tables without index: `fragment.mass_kg`.
    pub key: &'static str,
    /// Value kind.
    pub kind: ValueKind,
    /// Unit as in the key name (`kg`, `km`, `deg`, `m/s`, `s`, `K`, `sfu`), empty if none.
    pub unit: &'static str,
    /// Numeric range, if the key is a number.
    pub range: Option<(Bound, Bound)>,
    /// Default when absent, or `required`.
    pub default: &'static str,
    /// Allowed values for non-numeric keys (names, formats); empty for plain numbers.
    pub allowed: &'static str,
    /// Further constraints checked against other keys, and the meaning.
    pub note: &'static str,
}

impl KeySpec {
    /// The "allowed" text of error messages and of the reference: range with unit, plus the
    /// allowed names or format.
    pub fn allowed_text(&self) -> String {
        let mut text = match self.range {
            Some((lo, hi)) => {
                let unit = if self.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", self.unit)
                };
                let kind = if self.kind == ValueKind::Integer {
                    "an integer "
                } else {
                    ""
                };
                match (lo, hi) {
                    (Bound::Inclusive(a), Bound::Inclusive(b)) => {
                        format!("{kind}{} to {}{unit}", number(a), number(b))
                    }
                    (Bound::Exclusive(a), Bound::Inclusive(b)) => {
                        format!("{kind}above {} up to {}{unit}", number(a), number(b))
                    }
                    (Bound::Inclusive(a), Bound::Exclusive(b)) => {
                        format!(
                            "{kind}{} up to (not including) {}{unit}",
                            number(a),
                            number(b)
                        )
                    }
                    (Bound::Exclusive(a), Bound::Exclusive(b)) => {
                        format!(
                            "{kind}between {} and {}{unit}, both excluded",
                            number(a),
                            number(b)
                        )
                    }
                }
            }
            None => self.allowed.to_string(),
        };
        if self.range.is_some() && !self.allowed.is_empty() {
            text.push_str(", ");
            text.push_str(self.allowed);
        }
        text
    }

    /// Whether `value` lies in the numeric range (always false for NaN and infinities).
    pub fn contains(&self, value: f64) -> bool {
        if !value.is_finite() {
            return false;
        }
        match self.range {
            None => true,
            Some((lo, hi)) => {
                let above = match lo {
                    Bound::Inclusive(a) => value >= a,
                    Bound::Exclusive(a) => value > a,
                };
                let below = match hi {
                    Bound::Inclusive(b) => value <= b,
                    Bound::Exclusive(b) => value < b,
                };
                above && below
            }
        }
    }
}

/// Formats a bound for people: plain decimals in the usual range, exponents outside it.
pub(crate) fn number(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

use Bound::{Exclusive as Ex, Inclusive as In};
use ValueKind::{Array, Boolean, Dispersion, Integer, Number, Text};

const fn num(
    key: &'static str,
    unit: &'static str,
    lo: Bound,
    hi: Bound,
    default: &'static str,
    note: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        kind: Number,
        unit,
        range: Some((lo, hi)),
        default,
        allowed: "",
        note,
    }
}

const fn other(
    key: &'static str,
    kind: ValueKind,
    default: &'static str,
    allowed: &'static str,
    note: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        kind,
        unit: "",
        range: None,
        default,
        allowed,
        note,
    }
}

/// What a `*_scale` dispersion accepts.
const SCALE_DISPERSION: &str = "a factor: { dist = \"normal\", sigma, mean = 1 } with mean − 6 sigma above 0, { dist = \"uniform\", min, max } with 0 < min < max <= 100, or { dist = \"lognormal\", sigma } (median 1) with sigma above 0 up to 1";

/// Largest seed a TOML integer (signed 64-bit) can hold.
const MAX_SEED: f64 = 9_223_372_036_854_775_807.0;

/// Every key of a scenario file.
#[rustfmt::skip]
pub const KEYS: &[KeySpec] = &[
    // [scenario]
    other("scenario.name", Text, "required",
        "1 to 100 characters without '/', '\\' or control characters, not starting with '.'",
        "Names the run: `reentry run` writes to out/NAME unless --out is given."),
    other("scenario.epoch_utc", Text, "required",
        "an RFC 3339 UTC time, e.g. \"2026-03-16T13:24:00Z\" (quotes optional), years 1957 to 2100",
        "Epoch of the initial state (t = 0)."),
    num("scenario.ut1_minus_utc_s", "s", In(-0.9), In(0.9), "0",
        "UT1 − UTC for Earth orientation (GMST); IERS Bulletin A. |UT1 − UTC| < 0.9 s by definition."),
    other("scenario.uncontrolled", Boolean, "false", "true or false",
        "An uncontrolled decay: the casualty expectation is also reported orbit-averaged."),
    // [initial.tle]
    other("initial.tle.line1", Text, "required with [initial.tle]",
        "line 1 of a two-line element set: 69 characters, starting with \"1 \", valid mod-10 checksum",
        "Propagated with SGP4 (WGS-72) to epoch_utc, which must be within 30 days of the TLE epoch; the satellite must be above the surface there."),
    other("initial.tle.line2", Text, "required with [initial.tle]",
        "line 2 of the same element set: 69 characters, starting with \"2 \", same catalogue number, valid checksum",
        ""),
    // [initial.state]
    other("initial.state.frame", Text, "required with [initial.state]", "\"ecef\" or \"teme\"",
        "Frame of r_m and v_m_s (TEME: the SGP4 output frame, rotated to ECEF by GMST)."),
    other("initial.state.r_m", Array, "required with [initial.state]",
        "[x, y, z] in m with a geodetic altitude of 0 to 2000 km",
        "Position at epoch_utc."),
    other("initial.state.v_m_s", Array, "required with [initial.state]",
        "[vx, vy, vz] in m/s with a magnitude of 0 to 12000 m/s",
        "Velocity at epoch_utc in the given frame."),
    // [initial.entry]
    num("initial.entry.lat_deg", "deg", In(-90.0), In(90.0), "required with [initial.entry]",
        "Geodetic latitude (WGS-84)."),
    num("initial.entry.lon_deg", "deg", In(-360.0), In(360.0), "required with [initial.entry]",
        "Longitude, east positive."),
    num("initial.entry.alt_km", "km", Ex(0.0), In(2000.0), "required with [initial.entry]",
        "Geodetic altitude (WGS-84)."),
    num("initial.entry.speed_m_s", "m/s", In(0.0), In(12000.0), "required with [initial.entry]",
        "Speed relative to the rotating Earth."),
    num("initial.entry.flight_path_angle_deg", "deg", In(-90.0), In(90.0),
        "required with [initial.entry]",
        "Angle of the Earth-relative velocity above the local horizontal; negative descending."),
    num("initial.entry.heading_deg", "deg", In(-360.0), In(360.0), "required with [initial.entry]",
        "Azimuth of the Earth-relative velocity, clockwise from north."),
    // [[burn]]
    other("burn.start_utc", Text, "required",
        "an RFC 3339 UTC time (quotes optional), at or after epoch_utc and before the time limit",
        "Ignition time; the integrator steps exactly to it."),
    num("burn.delta_v_m_s", "m/s", Ex(0.0), In(1000.0), "required",
        "Commanded Δv; the burn ends when it is reached."),
    num("burn.thrust_n", "N", Ex(0.0), In(1e7), "required", "Engine thrust."),
    num("burn.isp_s", "s", In(1.0), In(500.0), "required", "Specific impulse (mass flow F/(Isp g0))."),
    num("burn.pitch_deg", "deg", In(-180.0), In(180.0), "0",
        "Pointing offset from retrograde in the orbital plane, towards the local vertical (up positive)."),
    num("burn.yaw_deg", "deg", In(-180.0), In(180.0), "0",
        "Pointing offset from retrograde out of the orbital plane (towards the orbit normal positive)."),
    // [environment]
    other("environment.atmosphere", Text, "\"us76\"", "\"us76\", \"nrlmsise00\" or \"exponential\"",
        "Atmosphere model."),
    num("environment.f107", "sfu", In(50.0), In(500.0), "150",
        "Previous day's F10.7 solar flux for NRLMSISE-00 (ignored by the other models)."),
    num("environment.f107a", "sfu", In(50.0), In(500.0), "150",
        "81-day centred mean of F10.7 for NRLMSISE-00 (ignored by the other models)."),
    num("environment.ap", "", In(0.0), In(400.0), "4",
        "Daily geomagnetic Ap for NRLMSISE-00 (ignored by the other models)."),
    other("environment.space_weather_file", Text, "none",
        "a path (relative to the scenario file) to a CelesTrak SW-All.csv style file",
        "NRLMSISE-00 only; replaces f107, f107a and ap (give one or the other)."),
    num("environment.rho0_kg_m3", "kg/m3", Ex(0.0), In(100.0), "none",
        "Exponential only, with scale_height_km: one band ρ = rho0 exp(−h/H) instead of Vallado's table."),
    num("environment.scale_height_km", "km", In(0.1), In(1000.0), "none",
        "Exponential only, with rho0_kg_m3: the band's scale height H."),
    num("environment.density_scale", "", In(0.01), In(100.0), "1",
        "Multiplier on the model density."),
    other("environment.gravity", Text, "\"j2\"", "\"j2\" or \"point-mass\"", "Gravity model."),
    other("environment.heating", Text, "\"dkr\"", "\"dkr\" or \"sutton-graves\"",
        "Continuum stagnation heating: Detra–Kemp–Riddell or Sutton–Graves."),
    num("environment.oxidation_efficiency", "", In(0.0), In(1.0), "0",
        "Oxidation efficiency η of the optional oxidation heating (0: off, as PHYSICS.md §4; 1: every oxygen molecule reaching the wall reacts)."),
    other("environment.horizontal_update", Text, "\"stage\"", "\"stage\" or \"step\"",
        "NRLMSISE-00 below 72.5 km: its horizontal terms (latitude, longitude, time) at every integration stage (exact), or once per step at the step's predicted midpoint with the altitude profile still exact at every stage (density within about 1e-4 of the exact model; the Progress MS-31 Monte Carlo takes about 30 % less time). No effect on the other models."),
    // [vehicle]
    other("vehicle.name", Text, "\"vehicle\"", "any text", "Display name."),
    num("vehicle.mass_kg", "kg", In(1e-6), In(1e6), "required with [vehicle]",
        "Mass at the initial state (burns reduce it); at least the total mass of the fragments after the burns. After its burns, less the fragments it releases in flight, the vehicle keeps a ballistic coefficient mass/(cd × area_m2) of at least 0.01 kg/m2, or nothing (it comes apart at its last release)."),
    num("vehicle.cd", "", Ex(0.0), In(10.0), "required with [vehicle]",
        "Constant drag coefficient of the intact vehicle."),
    num("vehicle.area_m2", "m2", In(1e-6), In(1e4), "required with [vehicle]",
        "Reference area of the intact vehicle."),
    num("vehicle.breakup_altitude_km", "km", Ex(0.0), In(2000.0), "78",
        "Geodetic altitude of break-up; must be below the initial altitude."),
    num("vehicle.lift_to_drag", "", In(-3.0), In(3.0), "0",
        "Lift-to-drag ratio, lift in the plane of the air-relative velocity and the local vertical."),
    // [[fragment]]
    other("fragment.id", Text, "required",
        "1 to 64 characters without spaces, commas or quotes, unique, not \"vehicle\"",
        "The node's name (the fragment column of the outputs)."),
    other("fragment.parent", Text, "the vehicle if there is a [vehicle], else none",
        "\"vehicle\" (with a [vehicle]) or the id of another fragment, without cycles",
        "Released when the parent breaks up or demises, or at release_altitude_km."),
    KeySpec {
        key: "fragment.count",
        kind: Integer,
        unit: "",
        range: Some((In(1.0), In(1e6))),
        default: "1",
        allowed: "",
        note: "Number of identical objects this node stands for.",
    },
    other("fragment.shape", Text, "required",
        "\"sphere\" (diameter_m), \"cylinder\" (diameter_m, length_m), \"box\" (length_m, width_m, height_m) or \"plate\" (length_m, width_m, thickness_m)",
        "Primitive shape; exactly the dimensions listed for it."),
    num("fragment.diameter_m", "m", In(1e-4), In(100.0), "required for sphere and cylinder",
        "Outer diameter."),
    num("fragment.length_m", "m", In(1e-4), In(100.0), "required for cylinder, box and plate",
        "Outer length."),
    num("fragment.width_m", "m", In(1e-4), In(100.0), "required for box and plate", "Outer width."),
    num("fragment.height_m", "m", In(1e-4), In(100.0), "required for box", "Outer height."),
    num("fragment.thickness_m", "m", In(1e-4), In(100.0), "required for plate", "Plate thickness."),
    num("fragment.mass_kg", "kg", In(1e-6), In(1e6), "required",
        "Initial mass of one object; at most 2 × the solid volume × the material density (catches unit slips), and at least a ballistic coefficient m/(C_D A) of 0.01 kg/m2, with A the reference area and C_D cd (or 2, the free-molecular end of the drag model) × cd_scale: lighter is a film that floats for days, not an object that re-enters."),
    other("fragment.material", Text, "required",
        "a material id of the built-in table or of a [[material]] table",
        "Material (PHYSICS.md §5)."),
    other("fragment.hollow", Boolean, "false", "true or false",
        "A shell that keeps its outer size while its wall melts (demised at 5 % of its mass)."),
    num("fragment.release_altitude_km", "km", Ex(0.0), In(2000.0), "none (released at the parent's end)",
        "Release while the parent descends through this geodetic altitude; needs a parent, below the initial altitude."),
    num("fragment.cd", "", Ex(0.0), In(10.0), "none (the bridged tumbling model)",
        "Constant drag coefficient for all regimes."),
    num("fragment.cd_scale", "", Ex(0.0), In(10.0), "1", "Multiplier on the drag coefficient."),
    num("fragment.area_m2", "m2", In(1e-8), In(1e4), "S/4 of the shape", "Reference area override."),
    num("fragment.nose_radius_m", "m", In(1e-4), In(100.0), "the equivalent radius √(S/4π)",
        "Nose radius for stagnation heating."),
    num("fragment.heat_scale", "", Ex(0.0), In(10.0), "1", "Multiplier on the surface-averaged heat flux."),
    num("fragment.emissivity_scale", "", Ex(0.0), In(10.0), "1",
        "Multiplier on the material emissivity (the product is clamped to 1)."),
    num("fragment.initial_temperature_k", "K", In(1.0), In(5000.0), "300",
        "Temperature at release when not inherited from the parent; below the material's melt temperature."),
    // [[material]]
    other("material.id", Text, "required", "1 to 64 characters without spaces, commas or quotes",
        "A new material, or a built-in id to override."),
    num("material.density_kg_m3", "kg/m3", In(1.0), In(30000.0), "required", "Density."),
    num("material.specific_heat_j_kg_k", "J/(kg K)", In(10.0), In(10000.0), "required",
        "Specific heat capacity (constant)."),
    num("material.melt_temperature_k", "K", In(100.0), In(5000.0), "required", "Melt temperature."),
    num("material.heat_of_fusion_kj_kg", "kJ/kg", In(1.0), In(1e5), "required",
        "Heat of fusion. At least 1 kJ/kg: no solid melts for less (the lowest of the metals, mercury's, is 11 kJ/kg), and towards 0 the melt rate Q/h_f has no bound."),
    num("material.emissivity", "", Ex(0.0), In(1.0), "required", "Total hemispherical emissivity."),
    num("material.oxidation_heat_mj_kg_o2", "MJ/kg", In(0.0), In(100.0), "0",
        "Heat released per kg of O₂ consumed by surface oxidation (used when oxidation_efficiency > 0; 0: does not oxidise)."),
    num("material.oxidation_onset_k", "K", In(100.0), In(5000.0), "required when oxidation_heat_mj_kg_o2 > 0",
        "Wall temperature from which oxidation heating ramps up (over 100 K)."),
    other("material.basis", Text, "\"scenario file\"", "any text", "Where the values come from."),
    // [target_zone]
    other("target_zone.polygon_deg", Array, "none",
        "at least 3 distinct [lon, lat] points in deg, lon -360 to 360, lat -90 to 90, in order around a simple polygon (edges that do not cross or touch, area above 0)",
        "Target (keep-in) zone; the last point joins the first."),
    // [monte_carlo]
    KeySpec {
        key: "monte_carlo.samples",
        kind: Integer,
        unit: "",
        range: Some((In(1.0), In(1e8))),
        default: "1",
        allowed: "",
        note: "Number of samples; sample 0 is the nominal run.",
    },
    KeySpec {
        key: "monte_carlo.seed",
        kind: Integer,
        unit: "",
        range: Some((In(0.0), In(MAX_SEED))),
        default: "0",
        allowed: "",
        note: "Seed of the per-sample random streams.",
    },
    // [monte_carlo.dispersions]
    other("monte_carlo.dispersions.delta_v_m_s", Dispersion, "none",
        "{ dist = \"normal\", sigma, mean = 0 } in m/s: an offset; sigma above 0 up to 100 m/s",
        "Added to the Δv of every burn; nominal Δv + mean − 6 sigma must stay above 0."),
    other("monte_carlo.dispersions.burn_start_s", Dispersion, "none",
        "{ dist = \"normal\", sigma, mean = 0 } in s: an offset; sigma above 0 up to 3600 s",
        "Added to the start time of every burn."),
    other("monte_carlo.dispersions.burn_pitch_deg", Dispersion, "none",
        "{ dist = \"normal\", sigma, mean = 0 } in deg: an offset; sigma above 0 up to 30 deg",
        "Added to the pitch of every burn."),
    other("monte_carlo.dispersions.burn_yaw_deg", Dispersion, "none",
        "{ dist = \"normal\", sigma, mean = 0 } in deg: an offset; sigma above 0 up to 30 deg",
        "Added to the yaw of every burn."),
    other("monte_carlo.dispersions.density_scale", Dispersion, "none",
        SCALE_DISPERSION, "Multiplies the atmosphere density."),
    other("monte_carlo.dispersions.oxidation_efficiency", Dispersion, "none",
        "{ dist = \"uniform\", min, max } with 0 <= min < max <= 1 (the value)",
        "Replaces [environment] oxidation_efficiency in every sample but the nominal one."),
    other("monte_carlo.dispersions.breakup_altitude_km", Dispersion, "none",
        "{ dist = \"normal\", sigma, mean = 0 } in km (an offset; sigma above 0 up to 50 km) or { dist = \"uniform\", min, max } in km (the value)",
        "Needs a [vehicle]; every value within 6 sigma (or min..max) must stay above 0 and below the initial altitude."),
    other("monte_carlo.dispersions.fragment_cd_scale", Dispersion, "none",
        SCALE_DISPERSION, "Per fragment node: multiplies its drag coefficient."),
    other("monte_carlo.dispersions.fragment_heat_scale", Dispersion, "none",
        SCALE_DISPERSION, "Per fragment node: multiplies its heat flux."),
    other("monte_carlo.dispersions.fragment_mass_scale", Dispersion, "none",
        SCALE_DISPERSION, "Per fragment node: multiplies its initial mass."),
    other("monte_carlo.dispersions.emissivity_scale", Dispersion, "none",
        SCALE_DISPERSION, "Per fragment node: multiplies its emissivity (clamped to 1)."),
    other("monte_carlo.dispersions.separation_delta_v_m_s", Dispersion, "none",
        "{ dist = \"normal\", sigma } in m/s: each ECEF component of the separation velocity; sigma above 0 up to 1000 m/s",
        "Per fragment node: an isotropic velocity added to its parent's when it is released (mean speed 1.60 sigma). Needs a fragment with a parent."),
    other("monte_carlo.dispersions.*.dist", Text, "required",
        "\"normal\", \"uniform\" or \"lognormal\" (which ones a key takes is listed with it)",
        "Distribution of the draw."),
    num("monte_carlo.dispersions.*.sigma", "", Ex(0.0), In(1e4), "required for normal and lognormal",
        "Standard deviation (of the underlying normal for lognormal), in the key's unit."),
    num("monte_carlo.dispersions.*.mean", "", In(-1e4), In(1e4), "0 for offsets, 1 for scales (normal only)",
        "Mean of a normal draw, in the key's unit."),
    num("monte_carlo.dispersions.*.min", "", In(-1e4), In(1e4), "required for uniform",
        "Lower end of a uniform draw, in the key's unit."),
    num("monte_carlo.dispersions.*.max", "", In(-1e4), In(1e4), "required for uniform",
        "Upper end of a uniform draw, above min."),
    // [output]
    num("output.trajectory_step_s", "s", In(0.01), In(3600.0), "1",
        "Output step of trajectory.csv (nominal sample)."),
    // [simulation]
    num("simulation.max_time_s", "s", In(1.0), In(31_536_000.0),
        "2592000 (30 days) for an orbit start, 10800 (3 h) for an entry start",
        "A node still flying this long after the epoch ends with fate time-limit."),
    other("simulation.terminal_descent", Boolean, "false", "true or false",
        "Fragments that fall subsonic, cooling and nearly vertically at their terminal speed end by quadrature instead of step-by-step integration (not those whose time history is written: the nominal sample of a run with trajectory output)."),
];

/// The specification of `key` (a dotted path without array indices). Dispersion fields
/// (`monte_carlo.dispersions.<name>.sigma`) resolve to the shared `*.sigma` entries.
pub fn spec(key: &str) -> Option<&'static KeySpec> {
    if let Some(found) = KEYS.iter().find(|s| s.key == key) {
        return Some(found);
    }
    let rest = key.strip_prefix("monte_carlo.dispersions.")?;
    let (_, field) = rest.split_once('.')?;
    let generic = format!("monte_carlo.dispersions.*.{field}");
    KEYS.iter().find(|s| s.key == generic)
}

/// The allowed text of `key`, or a generic pointer to the reference when the key is unknown.
pub fn allowed(key: &str) -> String {
    spec(key).map_or_else(
        || "see docs/scenario-reference.md".to_string(),
        KeySpec::allowed_text,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_ranges_ordered() {
        for (i, a) in KEYS.iter().enumerate() {
            assert!(
                KEYS[i + 1..].iter().all(|b| b.key != a.key),
                "{} twice",
                a.key
            );
            if let Some((lo, hi)) = a.range {
                let (Bound::Inclusive(l) | Bound::Exclusive(l)) = lo;
                let (Bound::Inclusive(h) | Bound::Exclusive(h)) = hi;
                assert!(l < h, "{}", a.key);
            }
        }
    }

    #[test]
    fn allowed_text_states_the_range_and_unit() {
        assert_eq!(allowed("fragment.mass_kg"), "1e-6 to 1e6 kg");
        assert_eq!(allowed("material.emissivity"), "above 0 up to 1");
        assert_eq!(allowed("monte_carlo.samples"), "an integer 1 to 1e8");
        assert_eq!(
            allowed("monte_carlo.dispersions.delta_v_m_s.sigma"),
            "above 0 up to 10000"
        );
        let mass = spec("fragment.mass_kg").map(|s| (s.contains(1e-6), s.contains(0.0)));
        assert_eq!(mass, Some((true, false)));
        assert!(spec("material.emissivity").is_some_and(|s| !s.contains(f64::NAN)));
    }
}
