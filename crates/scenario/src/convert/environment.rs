//! `[environment]`: atmosphere model and its inputs, gravity, heating.

#![allow(clippy::result_large_err)] // see convert/mod.rs

use super::*;

/// The environment table, and the atmosphere it names.
pub(super) fn convert_environment(
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
    let density_scale =
        opt(field(|e| &e.density_scale), "environment.density_scale")?.unwrap_or(1.0);
    let oxidation_efficiency = opt(
        field(|e| &e.oxidation_efficiency),
        "environment.oxidation_efficiency",
    )?
    .unwrap_or(0.0);
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
    let horizontal_update = match env.and_then(|e| e.horizontal_update.as_ref()) {
        Some(v) => ctx.choice(
            v,
            "environment.horizontal_update",
            None,
            &[
                ("stage", HorizontalUpdate::EveryStage),
                ("step", HorizontalUpdate::PerStep),
            ],
        )?,
        None => HorizontalUpdate::EveryStage,
    };
    // Model-specific keys given for another model are a mistake worth reporting.
    let only_for =
        |value: Option<&S<f64>>, key: &str, wanted: AtmosphereName| -> Result<(), ScenarioError> {
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
    only_for(
        field(|e| &e.rho0_kg_m3),
        "environment.rho0_kg_m3",
        AtmosphereName::Exponential,
    )?;
    only_for(
        field(|e| &e.scale_height_km),
        "environment.scale_height_km",
        AtmosphereName::Exponential,
    )?;
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
                "both rho0_kg_m3 and scale_height_km (one band), or neither (Vallado's table)"
                    .into(),
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
        oxidation_efficiency,
        horizontal_update,
    })
}

/// Atmosphere model names of `[environment] atmosphere`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AtmosphereName {
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
pub(super) struct AtmosphereInputs {
    /// (ρ0 kg/m³, H m) of a one-band exponential model.
    single_band: Option<(f64, f64)>,
    f107: f64,
    f107a: f64,
    ap: f64,
    /// Resolved space-weather file and the span of its key.
    weather_file: Option<(PathBuf, Range<usize>)>,
}

pub(super) fn build_atmosphere(
    ctx: &Ctx<'_>,
    model: AtmosphereName,
    inputs: AtmosphereInputs,
    epoch: Epoch,
    max_time_s: f64,
) -> Result<Atmosphere, ScenarioError> {
    match model {
        AtmosphereName::Us76 => Ok(Atmosphere::Us76),
        AtmosphereName::Exponential => Ok(Atmosphere::Exponential(match inputs.single_band {
            Some((rho0_kg_m3, scale_height_m)) => {
                Exponential::single_band(rho0_kg_m3, scale_height_m)
            }
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
                    let weather =
                        SpaceWeather::from_csv_file(path).map_err(|e| fail(e.to_string()))?;
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
