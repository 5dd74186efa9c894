//! `reentry check SCENARIO.toml`: validates a scenario and prints what would run (DESIGN.md §4).
//!
//! Exit 0 with a readable summary on standard output; exit 2 with the loader's one-line message
//! (file:line:column, key, what is wrong, what is allowed) on bad input. Nothing is written.

use std::fmt::Write as _;
use std::path::PathBuf;

use reentry_atmosphere::space_weather::SpaceWeather;
use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_montecarlo::{Applied, Dispersion, Distribution};
use reentry_physics::aero::Shape;
use reentry_scenario::Scenario;
use reentry_solver::{Gravity, HeatingModel, HorizontalUpdate, InitialState, Parent, StateFrame};

use super::{CliError, CliResult};

/// Arguments of `reentry check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: CheckArgs) -> CliResult {
    let scenario =
        reentry_scenario::load(&args.scenario).map_err(|e| CliError::BadInput(e.to_string()))?;
    print!("{}", summary(&scenario));
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SS(.fff)Z` of an epoch.
fn utc(epoch: Epoch) -> String {
    let (year, month, day, seconds) = epoch.calendar();
    // Round to the millisecond first so that 59.9996 s does not print as 60.000.
    let ms = (seconds * 1e3).round() as i64;
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    if frac == 0 {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{frac:03}Z")
    }
}

/// A duration in seconds with a readable unit next to it.
fn duration(seconds: f64) -> String {
    let (value, unit) = if seconds >= 86_400.0 {
        (seconds / 86_400.0, "d")
    } else if seconds >= 3600.0 {
        (seconds / 3600.0, "h")
    } else if seconds >= 60.0 {
        (seconds / 60.0, "min")
    } else {
        return format!("{seconds} s");
    };
    let value = format!("{value:.4}");
    let value = value.trim_end_matches('0').trim_end_matches('.');
    format!("{seconds} s ({value} {unit})")
}

/// The shape and its dimensions, as in the scenario file.
fn shape_text(shape: &Shape) -> String {
    match *shape {
        Shape::Sphere { diameter_m } => format!("sphere d {diameter_m} m"),
        Shape::Cylinder {
            diameter_m,
            length_m,
        } => format!("cylinder d {diameter_m} m × l {length_m} m"),
        Shape::Box {
            length_m,
            width_m,
            height_m,
        } => format!("box {length_m} × {width_m} × {height_m} m"),
        Shape::Plate {
            length_m,
            width_m,
            thickness_m,
        } => format!("plate {length_m} × {width_m} × {thickness_m} m"),
    }
}

/// The inclination (deg) and epoch written in a TLE (line 2 columns 9–16, line 1 columns 19–32).
fn tle_fields(line1: &str, line2: &str) -> Option<(f64, Epoch)> {
    let inclination_deg: f64 = line2.get(8..16)?.trim().parse().ok()?;
    let epoch_field = line1.get(18..32)?.trim();
    let yy: i32 = epoch_field.get(0..2)?.parse().ok()?;
    let day: f64 = epoch_field.get(2..)?.parse().ok()?;
    // TLE convention: two-digit years 57–99 are 1957–1999, 00–56 are 2000–2056.
    let year = if yy < 57 { 2000 + yy } else { 1900 + yy };
    let epoch = Epoch::from_calendar(year, 1, 1, 0, 0, 0.0).plus_seconds((day - 1.0) * 86_400.0);
    Some((inclination_deg, epoch))
}

/// A dispersion in the unit of its scenario key (`to_key` converts SI to that unit).
fn dispersion_text(d: &Dispersion, unit: &str, to_key: f64) -> String {
    let u = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let how = match d.applied {
        Applied::Offset => "added to the nominal value",
        Applied::Value => "replaces the nominal value",
        Applied::Factor => "multiplies the nominal value",
    };
    let draw = match d.distribution {
        Distribution::Normal { mean, sigma } => {
            format!(
                "normal, mean {}{u}, sigma {}{u}",
                mean * to_key,
                sigma * to_key
            )
        }
        Distribution::Uniform { min, max } => {
            format!(
                "uniform {}{u} to {}{u}",
                tidy(min * to_key),
                tidy(max * to_key)
            )
        }
        Distribution::LogNormal { mu, sigma } => {
            format!("lognormal, median {}, sigma {sigma} (of ln)", mu.exp())
        }
    };
    format!("{draw}; {how}")
}

/// `x` rounded to 12 significant digits, so that values typed in the file print as typed after
/// the unit round trip (deg → rad → deg leaves noise in the 16th digit).
fn tidy(x: f64) -> f64 {
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// Degrees of an angle in radians, as typed.
fn degrees(angle_rad: f64) -> f64 {
    tidy(angle_rad.to_degrees())
}

/// "s" unless there is exactly one.
fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Appends one labelled line (the label padded to a column).
fn line(out: &mut String, label: &str, text: String) {
    let _ = writeln!(out, "{label:<15}{text}");
}

/// The human-readable summary of what `reentry run` would do.
pub fn summary(s: &Scenario) -> String {
    let p = &s.problem;
    let mut out = String::new();
    line(
        &mut out,
        "Scenario",
        format!("{} ({})", s.name, s.path.display()),
    );
    line(
        &mut out,
        "Epoch",
        format!("{} (UT1 − UTC {} s)", utc(p.epoch), s.ut1_minus_utc_s),
    );
    let altitude_km = s.initial_altitude_m / 1e3;
    match &p.initial {
        InitialState::Tle { line1, line2 } => {
            let mut text = format!(
                "TLE, catalogue number {}, propagated with SGP4 (WGS-72) to the epoch",
                line1.get(2..7).unwrap_or("?").trim()
            );
            if let Some((inclination_deg, tle_epoch)) = tle_fields(line1, line2) {
                let _ = write!(
                    text,
                    "\n{:15}inclination {inclination_deg}°, TLE epoch {} ({:+.3} d from the epoch)",
                    "",
                    utc(tle_epoch),
                    (tle_epoch.j2000_s - p.epoch.j2000_s) / 86_400.0
                );
            }
            let _ = write!(
                text,
                "\n{:15}geodetic altitude at the epoch {altitude_km:.3} km",
                ""
            );
            line(&mut out, "Initial state", text);
        }
        InitialState::StateVector {
            frame,
            position_m,
            velocity_m_s,
        } => {
            let frame = match frame {
                StateFrame::Ecef => "ECEF",
                StateFrame::Teme => "TEME",
            };
            line(
                &mut out,
                "Initial state",
                format!(
                    "state vector ({frame}): r = {position_m:?} m, v = {velocity_m_s:?} m/s\n{:15}geodetic altitude {altitude_km:.3} km",
                    ""
                ),
            );
        }
        InitialState::Entry(e) => line(
            &mut out,
            "Initial state",
            format!(
                "entry interface: lat {}°, lon {}°, alt {} km (geodetic); speed {} m/s relative to the Earth, flight path angle {}°, heading {}°",
                degrees(e.latitude_rad),
                degrees(e.longitude_rad),
                e.altitude_m / 1e3,
                e.speed_m_s,
                degrees(e.flight_path_angle_rad),
                degrees(e.heading_rad)
            ),
        ),
    }
    if p.burns.is_empty() {
        line(&mut out, "Burns", "none".into());
    }
    for (i, b) in p.burns.iter().enumerate() {
        line(
            &mut out,
            if i == 0 { "Burns" } else { "" },
            format!(
                "#{}: {} ({:+} s), Δv {} m/s, thrust {} N, Isp {} s, pitch {}°, yaw {}° from retrograde",
                i + 1,
                utc(p.epoch.plus_seconds(b.start_s)),
                b.start_s,
                b.delta_v_m_s,
                b.thrust_n,
                b.isp_s,
                degrees(b.pitch_rad),
                degrees(b.yaw_rad)
            ),
        );
    }
    let env = &p.environment;
    let atmosphere = match env.atmosphere.as_ref() {
        Atmosphere::Us76 => "us76 (U.S. Standard Atmosphere 1976)".to_string(),
        Atmosphere::Exponential(model) => match model.bands() {
            [band] => format!(
                "exponential, one band: rho0 {} kg/m3, scale height {} km",
                band.base_density_kg_m3,
                band.scale_height_m / 1e3
            ),
            bands => format!("exponential, Vallado Table 8-4 ({} bands)", bands.len()),
        },
        Atmosphere::Nrlmsise00(model) => match model.space_weather() {
            SpaceWeather::Constant {
                f107_sfu,
                f107a_sfu,
                ap,
            } => format!("nrlmsise00, constant F10.7 {f107_sfu}, F10.7A {f107a_sfu}, Ap {ap}"),
            SpaceWeather::Table(table) => {
                let (first, last) = table.date_range();
                format!(
                    "nrlmsise00, space weather from {} ({first} to {last})",
                    table.path().display()
                )
            }
        },
        _ => "another model".to_string(),
    };
    let gravity = match env.gravity {
        Gravity::J2 => "j2",
        Gravity::PointMass => "point-mass",
    };
    let heating = match env.heating {
        HeatingModel::DetraKempRiddell => "dkr (Detra–Kemp–Riddell)",
        HeatingModel::SuttonGraves => "sutton-graves",
    };
    // The horizontal update matters only for a model with horizontal terms (NRLMSISE-00).
    let atmosphere = match (&*env.atmosphere, env.horizontal_update) {
        (Atmosphere::Nrlmsise00(_), HorizontalUpdate::PerStep) => format!(
            "{atmosphere}; horizontal terms once per step below 72.5 km (horizontal_update = \"step\")"
        ),
        _ => atmosphere,
    };
    line(&mut out, "Atmosphere", atmosphere);
    line(
        &mut out,
        "Environment",
        format!(
            "density scale {}, gravity {gravity}, heating {heating}, oxidation {}",
            env.density_scale,
            if env.oxidation_efficiency > 0.0 {
                format!("on (efficiency {})", env.oxidation_efficiency)
            } else {
                "off".to_string()
            }
        ),
    );
    if let Some(v) = &p.vehicle {
        // Mass after the burns (PHYSICS.md §7).
        let after_burns_kg = reentry_solver::Burn::mass_after_all_kg(&p.burns, v.mass_kg);
        let after = if p.burns.is_empty() {
            String::new()
        } else {
            format!(" ({after_burns_kg:.1} kg after the burns)")
        };
        line(
            &mut out,
            "Vehicle",
            format!(
                "{}: {} kg{after}, Cd {}, area {} m2, ballistic coefficient {:.1} kg/m2, L/D {}, break-up at {} km",
                v.name,
                v.mass_kg,
                v.drag_coefficient,
                v.reference_area_m2,
                v.mass_kg / (v.drag_coefficient * v.reference_area_m2),
                v.lift_to_drag,
                v.breakup_altitude_m / 1e3
            ),
        );
    }
    let objects: u64 = p.fragments.iter().map(|f| u64::from(f.count)).sum();
    let mass_kg: f64 = p
        .fragments
        .iter()
        .map(|f| f64::from(f.count) * f.mass_kg)
        .sum();
    let nodes = p.fragments.len();
    line(
        &mut out,
        "Objects",
        format!(
            "{nodes} fragment node{} standing for {objects} object{}, total fragment mass {mass_kg} kg",
            plural(nodes as u64),
            plural(objects)
        ),
    );
    let mut used: Vec<&reentry_physics::thermal::Material> = Vec::new();
    for f in &p.fragments {
        if !used.iter().any(|m| m.id == f.material.id) {
            used.push(&f.material);
        }
    }
    for (i, m) in used.iter().enumerate() {
        let source = match reentry_scenario::materials::find(&m.id) {
            Some(builtin) if builtin.material == **m => "built in",
            Some(_) => "overridden by the scenario file",
            None => "defined in the scenario file",
        };
        // The oxidation data matter only when the environment turns oxidation heating on.
        let oxidation = if env.oxidation_efficiency > 0.0 && m.oxidation_heat_j_kg_o2 > 0.0 {
            format!(
                ", oxidation {} MJ/kg O2 from {} K",
                tidy(m.oxidation_heat_j_kg_o2 / 1e6),
                m.oxidation_onset_k
            )
        } else {
            String::new()
        };
        line(
            &mut out,
            if i == 0 { "Materials" } else { "" },
            format!(
                "{}: {} kg/m3, c_p {} J/(kg K), T_m {} K, h_f {} kJ/kg, emissivity {}{oxidation} ({source})",
                m.id,
                m.density_kg_m3,
                m.specific_heat_j_kg_k,
                m.melt_temperature_k,
                tidy(m.heat_of_fusion_j_kg / 1e3),
                m.emissivity
            ),
        );
    }
    out.push_str("Fragment tree\n");
    let mut tree = String::new();
    let mut write_node = |i: usize, depth: usize, tree: &mut String| {
        let f = &p.fragments[i];
        let count = if f.count > 1 {
            format!(" ×{}", f.count)
        } else {
            String::new()
        };
        let release = f
            .release_altitude_m
            .map_or(String::new(), |h| format!(", released at {} km", h / 1e3));
        let _ = writeln!(
            tree,
            "{:indent$}{}{count}: {}, {}{}, {} kg{}{release}",
            "",
            f.id,
            shape_text(&f.shape),
            f.material.id,
            if f.hollow { ", hollow" } else { "" },
            f.mass_kg,
            if f.count > 1 { " each" } else { "" },
            indent = 2 + 2 * depth
        );
    };
    // Depth-first in file order: parents come before children in `fragments`.
    fn walk(
        parent: Parent,
        depth: usize,
        s: &Scenario,
        tree: &mut String,
        write_node: &mut dyn FnMut(usize, usize, &mut String),
    ) {
        for (i, f) in s.problem.fragments.iter().enumerate() {
            if f.parent == parent {
                write_node(i, depth, tree);
                walk(Parent::Fragment(i), depth + 1, s, tree, write_node);
            }
        }
    }
    if let Some(v) = &p.vehicle {
        let _ = writeln!(tree, "  vehicle \"{}\" ({} kg)", v.name, v.mass_kg);
        walk(Parent::Vehicle, 1, s, &mut tree, &mut write_node);
    }
    walk(Parent::None, 0, s, &mut tree, &mut write_node);
    out.push_str(&tree);
    let mc = &s.monte_carlo;
    line(
        &mut out,
        "Monte Carlo",
        format!(
            "{} sample{} (sample 0 nominal), seed {}",
            mc.samples,
            plural(mc.samples),
            mc.seed
        ),
    );
    let d = &mc.dispersions;
    let deg = 1.0_f64.to_degrees();
    let entries: [(&str, &Option<Dispersion>, &str, f64); 11] = [
        ("delta_v_m_s", &d.delta_v_m_s, "m/s", 1.0),
        ("burn_start_s", &d.burn_start_s, "s", 1.0),
        ("burn_pitch_deg", &d.burn_pitch_rad, "deg", deg),
        ("burn_yaw_deg", &d.burn_yaw_rad, "deg", deg),
        ("density_scale", &d.density_scale, "", 1.0),
        ("oxidation_efficiency", &d.oxidation_efficiency, "", 1.0),
        ("breakup_altitude_km", &d.breakup_altitude_m, "km", 1e-3),
        ("fragment_cd_scale", &d.fragment_cd_scale, "", 1.0),
        ("fragment_heat_scale", &d.fragment_heat_scale, "", 1.0),
        ("fragment_mass_scale", &d.fragment_mass_scale, "", 1.0),
        ("emissivity_scale", &d.emissivity_scale, "", 1.0),
    ];
    let mut any = false;
    for (name, value, unit, to_key) in entries {
        if let Some(dispersion) = value {
            any = true;
            let per = if name.starts_with("fragment_") || name == "emissivity_scale" {
                " (per fragment node)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {name:<23}{}{per}",
                dispersion_text(dispersion, unit, to_key)
            );
        }
    }
    if let Some(Distribution::Normal { sigma, .. }) = &d.separation_velocity_m_s {
        any = true;
        // Mean speed of an isotropic normal of sigma per axis (Maxwell): 2 √(2/π) sigma.
        let mean_speed = 2.0 * (2.0 / std::f64::consts::PI).sqrt() * sigma;
        let _ = writeln!(
            out,
            "  {:<23}normal, mean 0 m/s, sigma {sigma} m/s per ECEF axis (isotropic, mean speed {:.3} m/s); added to the parent's velocity at release (per fragment node)",
            "separation_delta_v_m_s", mean_speed
        );
    }
    if !any && mc.samples > 1 {
        let _ = writeln!(
            out,
            "  no dispersions: every sample repeats the nominal run"
        );
    }
    match &s.target_zone_deg {
        None => {
            let _ = writeln!(out, "{:<15}none", "Target zone");
        }
        Some(points) => {
            let list: Vec<String> = points
                .iter()
                .map(|[lon, lat]| format!("({lon}, {lat})"))
                .collect();
            let _ = writeln!(
                out,
                "{:<15}{} points (lon, lat deg): {}",
                "Target zone",
                points.len(),
                list.join(" ")
            );
        }
    }
    let _ = writeln!(
        out,
        "{:<15}trajectory step {} s, time limit {}{}{}",
        "Output",
        s.trajectory_step_s,
        duration(p.tolerances.max_time_s),
        if p.tolerances.terminal_descent {
            "; terminal descent: slow, cooling, nearly vertical falls end by quadrature"
        } else {
            ""
        },
        if s.uncontrolled {
            "; uncontrolled: casualty expectation also orbit-averaged"
        } else {
            ""
        }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_values_as_typed() {
        assert_eq!(degrees((-30.0f64).to_radians()), -30.0);
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(1.5e-7), 1.5e-7);
    }

    #[test]
    fn formats_epochs_and_durations() {
        let e = Epoch::parse_rfc3339("2026-03-16T13:24:00Z").unwrap_or_default();
        assert_eq!(utc(e), "2026-03-16T13:24:00Z");
        assert_eq!(utc(e.plus_seconds(0.25)), "2026-03-16T13:24:00.250Z");
        assert_eq!(duration(10_800.0), "10800 s (3 h)");
        assert_eq!(duration(2_592_000.0), "2592000 s (30 d)");
        assert_eq!(duration(90.0), "90 s (1.5 min)");
    }

    #[test]
    fn reads_tle_inclination_and_epoch() {
        // ISS TLE of the public p4 case: day 076.83874734 of 2026 = 2026-03-17T20:07:47.77Z.
        let fields = tle_fields(
            "1 25544U 98067A   26076.83874734  .00009567  00000+0  18567-3 0  9991",
            "2 25544  51.6336  32.0723 0006231 202.9067 157.1644 15.48349303557590",
        );
        let (inclination, epoch) = fields.unwrap_or((0.0, Epoch::default()));
        assert_eq!(inclination, 51.6336);
        assert_eq!(utc(epoch), "2026-03-17T20:07:47.770Z");
    }
}
