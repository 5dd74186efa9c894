//! `[initial.*]`: TLE (checked line by line, then by SGP4), state vector or entry state.

#![allow(clippy::result_large_err)] // see convert/mod.rs

use super::*;

/// The scenario epoch must lie within this many days of a TLE's own epoch: SGP4 errors grow to
/// kilometres per day for low orbits, and a month off is almost always a wrong TLE or epoch.
pub const MAX_TLE_AGE_DAYS: f64 = 30.0;

/// Geodetic altitude range of an initial state vector, m (the `initial.*.alt_km` range).
pub(super) const STATE_ALTITUDE_RANGE_M: (f64, f64) = (0.0, 2.0e6);

/// Largest speed of an initial state, m/s.
pub(super) const MAX_STATE_SPEED_M_S: f64 = 12_000.0;

/// Checks one TLE line: length 69, ASCII, line number, mod-10 checksum (digits, '-' counts 1).
pub(super) fn check_tle_line(
    ctx: &Ctx<'_>,
    value: &S<String>,
    key: &str,
    number: char,
) -> Result<String, ScenarioError> {
    let line = value.get_ref().trim();
    let fail =
        |problem: String| ctx.invalid(value.span(), key, None, line, problem, keys::allowed(key));
    if !line.is_ascii() {
        return Err(fail("the line has non-ASCII characters".into()));
    }
    if line.len() != 69 {
        return Err(fail(format!(
            "the line has {} characters, not 69",
            line.len()
        )));
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
pub(super) struct TleAtEpoch {
    pub(super) altitude_m: f64,
}

/// Checks a TLE as a whole (SGP4 parse, catalogue numbers, age) and propagates it to `epoch`.
pub(super) fn check_tle(
    ctx: &Ctx<'_>,
    table: &S<TleTable>,
    epoch: Epoch,
) -> Result<(String, String, TleAtEpoch), ScenarioError> {
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
    let elements =
        sgp4::Elements::from_tle(None, line1.as_bytes(), line2.as_bytes()).map_err(|e| {
            // sgp4 names the line in its message only.
            let message = e.to_string();
            let (value, key, line) = if message.contains("on TLE line 2") {
                (l2, "initial.tle.line2", &line2)
            } else {
                (l1, "initial.tle.line1", &line1)
            };
            ctx.invalid(
                value.span(),
                key,
                None,
                line,
                format!("SGP4 cannot read the element set: {message}"),
                keys::allowed(key),
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
    let not_in_orbit = |problem: String| {
        ctx.invalid(
            l1.span(),
            "initial.tle.line1",
            None,
            &line1,
            problem,
            "an element set of a satellite in orbit at scenario.epoch_utc".into(),
        )
    };
    let sgp4_fail = |e: String| {
        not_in_orbit(format!(
            "SGP4 cannot propagate the element set to scenario.epoch_utc: {e}"
        ))
    };
    let constants = sgp4::Constants::from_elements_afspc_compatibility_mode(&elements)
        .map_err(|e| sgp4_fail(e.to_string()))?;
    let prediction = constants
        .propagate_afspc_compatibility_mode(sgp4::MinutesSinceEpoch(age_s / 60.0))
        .map_err(|e| sgp4_fail(e.to_string()))?;
    // Geodetic altitude does not depend on the rotation about z between TEME and ECEF.
    let teme_m = prediction.position.map(|km| km * 1e3);
    let altitude_m = reentry_physics::earth::reference::geodetic_from_ecef(teme_m).altitude_m;
    // SGP4 propagates mean elements of a decayed (or mistyped) orbit to a point inside the
    // Earth without complaint; the run would then report objects "landed" below the ground.
    if !(STATE_ALTITUDE_RANGE_M.0..).contains(&altitude_m) {
        return Err(not_in_orbit(format!(
            "SGP4 puts the satellite {:.3} km below the surface at scenario.epoch_utc",
            -altitude_m / 1e3
        )));
    }
    Ok((line1, line2, TleAtEpoch { altitude_m }))
}

/// The initial state, its geodetic altitude (m) and whether it is an orbit start.
pub(super) struct Initial {
    pub(super) state: InitialState,
    pub(super) altitude_m: f64,
    pub(super) orbit: bool,
    /// Span of the [initial.*] table, for messages that compare with it.
    pub(super) span: Range<usize>,
}

pub(super) fn convert_initial(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    epoch: Epoch,
) -> Result<Initial, ScenarioError> {
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
                    if other.len() == 3 {
                        format!("{other:?} has a number that is not finite")
                    } else {
                        format!("{} numbers given, not 3", other.len())
                    },
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
    let gamma = get(
        &e.flight_path_angle_deg,
        "initial.entry.flight_path_angle_deg",
    )?;
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
pub(super) fn below_initial(
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
