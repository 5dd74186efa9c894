//! `[monte_carlo]` and its dispersions (DESIGN.md §6 semantics).

#![allow(clippy::result_large_err)] // see convert/mod.rs

use super::*;

/// Dispersions are checked to keep scales, masses and altitudes physical at this many sigmas.
pub const DISPERSION_SIGMAS: f64 = 6.0;

/// What a dispersion key is, for the rules of its distributions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum DispersionKind {
    /// Additive quantity: normal only, an offset. (key unit factor to SI, largest sigma)
    Offset { to_si: f64, max_sigma: f64 },
    /// An altitude (break-up): normal offset or uniform value.
    Altitude,
    /// A scale factor: normal (mean 1), uniform or lognormal (median 1).
    Scale,
    /// A fraction in [0, 1] (oxidation efficiency): uniform only, the value itself.
    Fraction,
    /// Each component of a vector drawn from a normal of mean 0 (an isotropic velocity):
    /// normal only, no mean. (largest sigma, key unit)
    Isotropic { max_sigma: f64 },
}

/// Largest lognormal sigma of a scale factor: e^(±6·1) spans 1/400..400, already beyond any
/// physical uncertainty of drag, heating or density.
pub(super) const MAX_LOGNORMAL_SIGMA: f64 = 1.0;

/// Largest per-axis sigma of a separation velocity, m/s: an explosive break-up gives tens of
/// m/s; 1000 m/s is beyond any aerodynamic or tank-burst separation.
pub(super) const MAX_SEPARATION_SIGMA_M_S: f64 = 1000.0;

/// Largest factor a scale's uniform range may reach.
pub(super) const MAX_UNIFORM_SCALE: f64 = 100.0;

/// Converts one dispersion table. `nominal` is the list of nominal values (key units) whose
/// dispersed values must stay in `valid` (key units) at [`DISPERSION_SIGMAS`].
pub(super) fn convert_dispersion(
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
        DispersionKind::Offset { .. } | DispersionKind::Isotropic { .. } => &["normal"],
        DispersionKind::Altitude => &["normal", "uniform"],
        DispersionKind::Scale => &["normal", "uniform", "lognormal"],
        DispersionKind::Fraction => &["uniform"],
    };
    if !allowed_dists.contains(&dist) {
        return Err(ctx.invalid(
            dist_value.span(),
            &format!("{key}.dist"),
            None,
            dist,
            format!("dist = \"{dist}\" is not available for {name}"),
            format!(
                "dist = {}: {}",
                quoted_list(allowed_dists),
                keys::allowed(&key)
            ),
        ));
    }
    // Fields that the distribution does not use are rejected: a typo would otherwise be silent.
    let used: &[&str] = match dist {
        "normal" if matches!(kind, DispersionKind::Isotropic { .. }) => &["sigma"],
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
    let field =
        |value: &Option<S<f64>>, f: &str| -> Result<Option<(f64, Range<usize>)>, ScenarioError> {
            value
                .as_ref()
                .map(|v| {
                    ctx.number(v, &format!("{key}.{f}"), None)
                        .map(|x| (x, v.span()))
                })
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
    let check_extremes = |lo: f64,
                          hi: f64,
                          span: Range<usize>,
                          what: String|
     -> Result<(), ScenarioError> {
        for &n in nominal {
            let (a, b) = match kind {
                DispersionKind::Scale => (n * lo, n * hi),
                DispersionKind::Altitude | DispersionKind::Fraction if dist == "uniform" => {
                    (lo, hi)
                }
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
        DispersionKind::Scale | DispersionKind::Fraction | DispersionKind::Isotropic { .. } => 1.0,
    };
    match dist {
        "normal" => {
            let (sigma, sigma_span) = need(sigma, "sigma")?;
            let default_mean = if kind == DispersionKind::Scale {
                1.0
            } else {
                0.0
            };
            let mean_value = mean.as_ref().map_or(default_mean, |m| m.0);
            let max_sigma = match kind {
                DispersionKind::Offset { max_sigma, .. }
                | DispersionKind::Isotropic { max_sigma } => max_sigma,
                DispersionKind::Altitude => 50.0,
                DispersionKind::Scale | DispersionKind::Fraction => f64::INFINITY,
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
            if kind == DispersionKind::Fraction && (lo < 0.0 || hi > 1.0) {
                return Err(ctx.invalid(
                    lo_span,
                    &key,
                    None,
                    &format!("{lo}..{hi}"),
                    format!("the range {lo}..{hi} leaves 0..1"),
                    "0 <= min < max <= 1".into(),
                ));
            }
            check_extremes(lo, hi, lo_span, format!("min {lo}, max {hi}"))?;
            let applied = if matches!(kind, DispersionKind::Altitude | DispersionKind::Fraction) {
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
pub(super) fn convert_monte_carlo(
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
        let burns_pitch: Vec<f64> = problem
            .burns
            .iter()
            .map(|b| b.pitch_rad.to_degrees())
            .collect();
        let burns_yaw: Vec<f64> = problem
            .burns
            .iter()
            .map(|b| b.yaw_rad.to_degrees())
            .collect();
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
            (
                &d.delta_v_m_s,
                "delta_v_m_s",
                offset(1.0, 100.0),
                burns_dv.as_slice(),
                (0.0, inf),
                &mut dispersions.delta_v_m_s,
            ),
            (
                &d.burn_start_s,
                "burn_start_s",
                offset(1.0, 3600.0),
                burns_start.as_slice(),
                (-inf, inf),
                &mut dispersions.burn_start_s,
            ),
            (
                &d.burn_pitch_deg,
                "burn_pitch_deg",
                offset(std::f64::consts::PI / 180.0, 30.0),
                burns_pitch.as_slice(),
                (-inf, inf),
                &mut dispersions.burn_pitch_rad,
            ),
            (
                &d.burn_yaw_deg,
                "burn_yaw_deg",
                offset(std::f64::consts::PI / 180.0, 30.0),
                burns_yaw.as_slice(),
                (-inf, inf),
                &mut dispersions.burn_yaw_rad,
            ),
        ];
        for (value, name, kind, nominal, valid, slot) in burn_keys {
            if let Some(t) = value {
                needs(!problem.burns.is_empty(), t, name, "[[burn]]")?;
                *slot = Some(convert_dispersion(ctx, t, name, kind, nominal, valid)?);
            }
        }
        if let Some(t) = &d.breakup_altitude_km {
            needs(
                problem.vehicle.is_some(),
                t,
                "breakup_altitude_km",
                "[vehicle]",
            )?;
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
        if let Some(t) = &d.oxidation_efficiency {
            // The fraction's own range check (0 <= min < max <= 1) is the whole check.
            dispersions.oxidation_efficiency = Some(convert_dispersion(
                ctx,
                t,
                "oxidation_efficiency",
                DispersionKind::Fraction,
                &[problem.environment.oxidation_efficiency],
                (-inf, inf),
            )?);
        }
        let has_fragments = !problem.fragments.is_empty();
        let fragment_keys = [
            (
                &d.fragment_cd_scale,
                "fragment_cd_scale",
                &mut dispersions.fragment_cd_scale,
            ),
            (
                &d.fragment_heat_scale,
                "fragment_heat_scale",
                &mut dispersions.fragment_heat_scale,
            ),
            (
                &d.fragment_mass_scale,
                "fragment_mass_scale",
                &mut dispersions.fragment_mass_scale,
            ),
            (
                &d.emissivity_scale,
                "emissivity_scale",
                &mut dispersions.emissivity_scale,
            ),
        ];
        if let Some(t) = &d.separation_delta_v_m_s {
            // Only a released node separates: a child of the vehicle or of another fragment.
            let released = problem.fragments.iter().any(|f| f.parent != Parent::None);
            needs(
                released,
                t,
                "separation_delta_v_m_s",
                "[[fragment]] released from a parent (a [vehicle], or a fragment with parent)",
            )?;
            let dispersion = convert_dispersion(
                ctx,
                t,
                "separation_delta_v_m_s",
                DispersionKind::Isotropic {
                    max_sigma: MAX_SEPARATION_SIGMA_M_S,
                },
                &[0.0],
                (-inf, inf),
            )?;
            dispersions.separation_velocity_m_s = Some(dispersion.distribution);
        }
        for (value, name, slot) in fragment_keys {
            if let Some(t) = value {
                needs(has_fragments, t, name, "[[fragment]]")?;
                *slot = Some(convert_dispersion(
                    ctx,
                    t,
                    name,
                    DispersionKind::Scale,
                    &[1.0],
                    (0.0, inf),
                )?);
            }
        }
        check_dispersed_ballistic_coefficients(ctx, d, problem, &dispersions)?;
    }
    Ok(MonteCarloSettings {
        samples,
        seed,
        dispersions,
    })
}

/// The extreme factors of a scale dispersion (key units): mean ∓ 6 sigma of a normal, min and
/// max of a uniform, e^(∓6 sigma) of a lognormal.
fn extreme_factors(d: &Dispersion) -> (f64, f64) {
    match d.distribution {
        Distribution::Normal { mean, sigma } => (
            mean - DISPERSION_SIGMAS * sigma,
            mean + DISPERSION_SIGMAS * sigma,
        ),
        Distribution::Uniform { min, max } => (min, max),
        Distribution::LogNormal { mu, sigma } => (
            (mu - DISPERSION_SIGMAS * sigma).exp(),
            (mu + DISPERSION_SIGMAS * sigma).exp(),
        ),
    }
}

/// Every fragment keeps the smallest ballistic coefficient of the loader
/// ([`super::fragments::MIN_BALLISTIC_COEFFICIENT_KG_M2`]) at the extremes of the mass and drag
/// dispersions together (the lightest mass with the largest drag coefficient, within 6 sigma):
/// a sample drawn below it would hang in the air or end `non-finite`.
fn check_dispersed_ballistic_coefficients(
    ctx: &Ctx<'_>,
    table: &DispersionsTable,
    problem: &Problem,
    dispersions: &Dispersions,
) -> Result<(), ScenarioError> {
    let mass = dispersions
        .fragment_mass_scale
        .as_ref()
        .map(extreme_factors);
    let cd = dispersions.fragment_cd_scale.as_ref().map(extreme_factors);
    let (mass_low, cd_high) = (mass.map_or(1.0, |m| m.0), cd.map_or(1.0, |c| c.1));
    // A message points at the mass dispersion when there is one, else at the drag one.
    let (key, span) = match (&table.fragment_mass_scale, &table.fragment_cd_scale) {
        (Some(t), _) => ("fragment_mass_scale", t.span()),
        (None, Some(t)) => ("fragment_cd_scale", t.span()),
        (None, None) => return Ok(()),
    };
    for f in &problem.fragments {
        let needed_kg = super::fragments::lightest_fragment_kg(
            f.drag_coefficient,
            f.cd_scale,
            f.reference_area_m2,
            &f.shape,
        ) * cd_high;
        let lightest_kg = f.mass_kg * mass_low;
        if lightest_kg >= needed_kg * (1.0 - super::fragments::LOWER_BOUND_SLACK) {
            continue;
        }
        return Err(ctx.invalid(
            span,
            &format!("monte_carlo.dispersions.{key}"),
            None,
            "",
            format!(
                "at the extremes of the dispersions (mass factor {}, drag factor {}: {DISPERSION_SIGMAS} sigma, or min and max) fragment \"{}\" weighs {} kg, below the {} kg of a ballistic coefficient of {} kg/m2 (a film that floats, not an object that re-enters)",
                keys::number(super::fragments::float_round(mass_low)),
                keys::number(super::fragments::float_round(cd_high)),
                f.id,
                keys::number(super::fragments::float_round(lightest_kg)),
                keys::number(super::fragments::float_round(needed_kg)),
                keys::number(super::fragments::MIN_BALLISTIC_COEFFICIENT_KG_M2),
            ),
            "mass and drag dispersions that keep every fragment's m/(C_D A) at or above 0.01 kg/m2 within 6 sigma (min..max for uniform)".into(),
        ));
    }
    Ok(())
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}
