//! Dispersions: which inputs vary between Monte Carlo samples, and how (DESIGN.md §6).

/// A probability distribution, in the unit of the quantity it disperses (SI).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    /// Normal with mean and standard deviation.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation, > 0.
        sigma: f64,
    },
    /// Uniform on [min, max].
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound, > min.
        max: f64,
    },
    /// Log-normal: exp(N(mu, sigma)). A scale factor centred on 1 has mu = 0.
    LogNormal {
        /// Mean of the underlying normal.
        mu: f64,
        /// Standard deviation of the underlying normal, > 0.
        sigma: f64,
    },
}

/// How a drawn value changes the nominal input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// nominal + draw (additive keys with a normal distribution, mean 0 by default).
    Offset,
    /// draw replaces the nominal value (e.g. a uniform break-up altitude range).
    Value,
    /// nominal × draw (`*_scale` keys; the distribution is centred on 1).
    Factor,
}

/// One dispersed input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    /// The distribution of the draw (SI units of the quantity, or dimensionless for factors).
    pub distribution: Distribution,
    /// How the draw is applied.
    pub applied: Applied,
}

/// All dispersions of a scenario; `None` means the input does not vary.
///
/// Vehicle-level inputs are drawn once per sample; `fragment_*` and `emissivity_scale` are drawn
/// independently per fragment node per sample.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dispersions {
    /// Δv of every burn, m/s.
    pub delta_v_m_s: Option<Dispersion>,
    /// Start time of every burn, s.
    pub burn_start_s: Option<Dispersion>,
    /// In-plane pointing offset of every burn, rad.
    pub burn_pitch_rad: Option<Dispersion>,
    /// Out-of-plane pointing offset of every burn, rad.
    pub burn_yaw_rad: Option<Dispersion>,
    /// Multiplier on the atmosphere density.
    pub density_scale: Option<Dispersion>,
    /// Oxidation efficiency η (the value, in [0, 1]).
    pub oxidation_efficiency: Option<Dispersion>,
    /// Vehicle break-up altitude, m.
    pub breakup_altitude_m: Option<Dispersion>,
    /// Per fragment: multiplier on the drag coefficient.
    pub fragment_cd_scale: Option<Dispersion>,
    /// Per fragment: multiplier on the heat flux.
    pub fragment_heat_scale: Option<Dispersion>,
    /// Per fragment: multiplier on the initial mass.
    pub fragment_mass_scale: Option<Dispersion>,
    /// Per fragment: multiplier on the emissivity.
    pub emissivity_scale: Option<Dispersion>,
    /// Per fragment: separation velocity at release, m/s. Each ECEF component is one draw of
    /// this distribution (a normal of mean 0: an isotropic separation velocity).
    pub separation_velocity_m_s: Option<Distribution>,
}

use reentry_solver::Problem;

use crate::stream::{Purpose, SampleStream};

/// A factor draw (`Applied::Factor`) that comes out ≤ 0 is drawn again from the same stream
/// (a deterministic resample: the distribution becomes the one truncated at 0); after this many
/// tries the factor is clamped to [`FACTOR_FLOOR`]. Only a sigma far beyond any physical
/// dispersion (σ ≳ 0.3 for a normal scale factor) ever reaches a second try.
pub const FACTOR_MAX_TRIES: usize = 64;

/// Smallest factor a draw may give (dimensionless), used only after [`FACTOR_MAX_TRIES`] failed
/// resamples.
pub const FACTOR_FLOOR: f64 = 1e-3;

impl Distribution {
    /// One draw from `stream`: normal by Box–Muller, uniform by scaling a 53-bit uniform,
    /// log-normal as exp(μ + σ z).
    pub fn draw(&self, stream: &mut SampleStream) -> f64 {
        match *self {
            Distribution::Normal { mean, sigma } => mean + sigma * stream.standard_normal(),
            Distribution::Uniform { min, max } => min + (max - min) * stream.uniform(),
            Distribution::LogNormal { mu, sigma } => (mu + sigma * stream.standard_normal()).exp(),
        }
    }
}

impl Dispersion {
    /// The dispersed value of `nominal` for one stream: nominal + draw (offset), the draw
    /// (value), or nominal × draw (factor; a draw ≤ 0 is resampled, see [`FACTOR_MAX_TRIES`]).
    pub fn apply_to(&self, nominal: f64, stream: &mut SampleStream) -> f64 {
        match self.applied {
            Applied::Offset => nominal + self.distribution.draw(stream),
            Applied::Value => self.distribution.draw(stream),
            Applied::Factor => {
                for _ in 0..FACTOR_MAX_TRIES {
                    let factor = self.distribution.draw(stream);
                    if factor > 0.0 {
                        return nominal * factor;
                    }
                }
                nominal * FACTOR_FLOOR
            }
        }
    }
}

fn dispersed(
    dispersion: &Option<Dispersion>,
    nominal: f64,
    seed: u64,
    sample: u64,
    purpose: Purpose,
) -> f64 {
    match dispersion {
        Some(d) => d.apply_to(nominal, &mut SampleStream::new(seed, sample, purpose)),
        None => nominal,
    }
}

/// The problem of Monte Carlo sample `sample`: the nominal problem with every dispersion drawn
/// from its own stream (seed, sample, purpose) (see [`crate::stream`]). Sample 0 is the nominal
/// run and comes back unchanged.
///
/// Vehicle-level quantities are drawn once per sample (Δv, start offset and pointing once per
/// burn); `fragment_*`, `emissivity_scale` and the separation velocity once per fragment node.
/// Physical floors keep a dispersed problem inside the solver's domain: Δv ≥ 0, break-up
/// altitude ≥ 0, a scaled emissivity is clamped to ≤ 1 by the solver.
pub fn apply(nominal: &Problem, dispersions: &Dispersions, seed: u64, sample: u64) -> Problem {
    let mut problem = nominal.clone();
    if sample == 0 {
        return problem;
    }
    let d = dispersions;
    for (index, burn) in problem.burns.iter_mut().enumerate() {
        let i = index as u32;
        burn.delta_v_m_s = dispersed(
            &d.delta_v_m_s,
            burn.delta_v_m_s,
            seed,
            sample,
            Purpose::delta_v(i),
        )
        .max(0.0);
        burn.start_s = dispersed(
            &d.burn_start_s,
            burn.start_s,
            seed,
            sample,
            Purpose::burn_start(i),
        );
        burn.pitch_rad = dispersed(
            &d.burn_pitch_rad,
            burn.pitch_rad,
            seed,
            sample,
            Purpose::burn_pitch(i),
        );
        burn.yaw_rad = dispersed(
            &d.burn_yaw_rad,
            burn.yaw_rad,
            seed,
            sample,
            Purpose::burn_yaw(i),
        );
    }
    problem.environment.density_scale = dispersed(
        &d.density_scale,
        problem.environment.density_scale,
        seed,
        sample,
        Purpose::DENSITY_SCALE,
    );
    problem.environment.oxidation_efficiency = dispersed(
        &d.oxidation_efficiency,
        problem.environment.oxidation_efficiency,
        seed,
        sample,
        Purpose::OXIDATION_EFFICIENCY,
    )
    .clamp(0.0, 1.0);
    if let Some(vehicle) = problem.vehicle.as_mut() {
        vehicle.breakup_altitude_m = dispersed(
            &d.breakup_altitude_m,
            vehicle.breakup_altitude_m,
            seed,
            sample,
            Purpose::BREAKUP_ALTITUDE,
        )
        .max(0.0);
    }
    for (index, fragment) in problem.fragments.iter_mut().enumerate() {
        let i = index as u32;
        fragment.cd_scale = dispersed(
            &d.fragment_cd_scale,
            fragment.cd_scale,
            seed,
            sample,
            Purpose::fragment_cd_scale(i),
        );
        fragment.heat_scale = dispersed(
            &d.fragment_heat_scale,
            fragment.heat_scale,
            seed,
            sample,
            Purpose::fragment_heat_scale(i),
        );
        fragment.mass_kg = dispersed(
            &d.fragment_mass_scale,
            fragment.mass_kg,
            seed,
            sample,
            Purpose::fragment_mass_scale(i),
        );
        fragment.emissivity_scale = dispersed(
            &d.emissivity_scale,
            fragment.emissivity_scale,
            seed,
            sample,
            Purpose::emissivity_scale(i),
        );
        if let Some(distribution) = &d.separation_velocity_m_s {
            let mut stream = SampleStream::new(seed, sample, Purpose::separation_velocity(i));
            for v in &mut fragment.separation_velocity_ecef_m_s {
                *v += distribution.draw(&mut stream);
            }
        }
    }
    problem
}

/// A small hand-built problem (vehicle + two fragments, one burn) for unit tests.
#[cfg(test)]
pub(crate) fn test_problem() -> Problem {
    use std::sync::Arc;

    use reentry_atmosphere::{Atmosphere, Epoch};
    use reentry_physics::aero::Shape;
    use reentry_physics::thermal::Material;
    use reentry_solver::{
        Burn, EntryState, Environment, FragmentSpec, Gravity, HeatingModel, InitialState, Parent,
        Tolerances, Vehicle,
    };
    let material = Material {
        id: "titanium-6al4v".into(),
        density_kg_m3: 4430.0,
        specific_heat_j_kg_k: 670.0,
        melt_temperature_k: 1905.0,
        heat_of_fusion_j_kg: 338e3,
        emissivity: 0.77,
        ..Default::default()
    };
    let fragment = |id: &str| FragmentSpec {
        parent: Parent::Vehicle,
        count: 2,
        ..FragmentSpec::new(
            id,
            Shape::Sphere { diameter_m: 0.5 },
            material.clone(),
            20.0,
            true,
        )
    };
    Problem {
        epoch: Epoch::from_calendar(2026, 3, 16, 17, 0, 0.0),
        initial: InitialState::Entry(EntryState {
            latitude_rad: 0.0,
            longitude_rad: 0.0,
            altitude_m: 120e3,
            speed_m_s: 7400.0,
            flight_path_angle_rad: (-1.5f64).to_radians(),
            heading_rad: 0.0,
        }),
        burns: vec![Burn {
            start_s: 100.0,
            delta_v_m_s: 105.0,
            thrust_n: 2950.0,
            isp_s: 302.0,
            pitch_rad: 0.0,
            yaw_rad: 0.0,
        }],
        environment: Environment {
            atmosphere: Arc::new(Atmosphere::Us76),
            density_scale: 1.0,
            gravity: Gravity::J2,
            heating: HeatingModel::DetraKempRiddell,
            rotating_earth: true,
            oxidation_efficiency: 0.0,
            horizontal_update: reentry_solver::HorizontalUpdate::EveryStage,
        },
        vehicle: Some(Vehicle {
            name: "test".into(),
            mass_kg: 5600.0,
            drag_coefficient: 1.8,
            reference_area_m2: 15.0,
            breakup_altitude_m: 78e3,
            lift_to_drag: 0.0,
        }),
        fragments: vec![fragment("a"), fragment("b")],
        tolerances: Tolerances::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_dispersed() -> Dispersions {
        let normal = |sigma| Dispersion {
            distribution: Distribution::Normal { mean: 0.0, sigma },
            applied: Applied::Offset,
        };
        let factor = |sigma| Dispersion {
            distribution: Distribution::Normal { mean: 1.0, sigma },
            applied: Applied::Factor,
        };
        Dispersions {
            delta_v_m_s: Some(normal(1.5)),
            burn_start_s: Some(normal(2.0)),
            burn_pitch_rad: None,
            burn_yaw_rad: None,
            density_scale: Some(Dispersion {
                distribution: Distribution::LogNormal {
                    mu: 0.0,
                    sigma: 0.15,
                },
                applied: Applied::Factor,
            }),
            oxidation_efficiency: Some(Dispersion {
                distribution: Distribution::Uniform { min: 0.0, max: 1.0 },
                applied: Applied::Value,
            }),
            breakup_altitude_m: Some(Dispersion {
                distribution: Distribution::Uniform {
                    min: 72e3,
                    max: 84e3,
                },
                applied: Applied::Value,
            }),
            fragment_cd_scale: Some(factor(0.1)),
            fragment_heat_scale: Some(factor(0.1)),
            fragment_mass_scale: Some(factor(0.05)),
            emissivity_scale: Some(factor(0.1)),
            separation_velocity_m_s: Some(Distribution::Normal {
                mean: 0.0,
                sigma: 5.0,
            }),
        }
    }

    /// The separation velocity is isotropic with σ per axis: over 20 000 draws every component
    /// has mean 0 (standard error 5/√20000 = 0.035 m/s) and standard deviation 5 m/s (standard
    /// error 0.025), and the nominal sample separates with none.
    #[test]
    fn separation_velocity_is_isotropic() {
        const N: u64 = 20_000;
        let nominal = test_problem();
        let d = all_dispersed();
        assert_eq!(
            apply(&nominal, &d, 3, 0).fragments[0].separation_velocity_ecef_m_s,
            [0.0; 3]
        );
        let mut sum = [0.0; 3];
        let mut sum_sq = [0.0; 3];
        for sample in 1..=N {
            let p = apply(&nominal, &d, 3, sample);
            let v = p.fragments[1].separation_velocity_ecef_m_s;
            for k in 0..3 {
                sum[k] += v[k];
                sum_sq[k] += v[k] * v[k];
            }
            assert_ne!(v, p.fragments[0].separation_velocity_ecef_m_s);
        }
        for k in 0..3 {
            let mean = sum[k] / N as f64;
            let sigma = (sum_sq[k] / N as f64 - mean * mean).sqrt();
            assert!(mean.abs() < 0.15, "axis {k}: mean {mean}");
            assert!((sigma - 5.0).abs() < 0.1, "axis {k}: sigma {sigma}");
        }
    }

    #[test]
    fn sample_zero_is_nominal() {
        let nominal = test_problem();
        let p = apply(&nominal, &all_dispersed(), 42, 0);
        assert_eq!(p.burns, nominal.burns);
        assert_eq!(p.vehicle, nominal.vehicle);
        assert_eq!(p.fragments, nominal.fragments);
        assert_eq!(p.environment.density_scale, 1.0);
        assert_eq!(p.environment.oxidation_efficiency, 0.0);
    }

    /// The oxidation efficiency is drawn per sample as a value inside its uniform range.
    #[test]
    fn oxidation_efficiency_is_drawn_in_its_range() {
        let nominal = test_problem();
        let d = all_dispersed();
        let values: Vec<f64> = (1..200)
            .map(|s| apply(&nominal, &d, 42, s).environment.oxidation_efficiency)
            .collect();
        assert!(values.iter().all(|v| (0.0..=1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        // Uniform on [0, 1]: mean 0.5, standard error 0.29/√199 = 0.02.
        assert!((mean - 0.5).abs() < 0.08, "mean {mean}");
    }

    #[test]
    fn draws_are_per_sample_per_fragment_and_reproducible() {
        let nominal = test_problem();
        let d = all_dispersed();
        let a = apply(&nominal, &d, 42, 5);
        let b = apply(&nominal, &d, 42, 5);
        assert_eq!(a.fragments, b.fragments);
        assert_eq!(a.burns, b.burns);
        // Fragments draw independently; samples differ.
        assert_ne!(a.fragments[0].cd_scale, a.fragments[1].cd_scale);
        assert_ne!(
            a.fragments[0].mass_kg,
            apply(&nominal, &d, 42, 6).fragments[0].mass_kg
        );
        let breakup = a.vehicle.as_ref().unwrap().breakup_altitude_m;
        assert!((72e3..=84e3).contains(&breakup));
        assert!(a.environment.density_scale > 0.0);
    }

    /// Adding a dispersion leaves every other draw unchanged (one stream per purpose).
    #[test]
    fn adding_a_dispersion_does_not_shift_others() {
        let nominal = test_problem();
        let full = all_dispersed();
        let fewer = Dispersions {
            density_scale: None,
            oxidation_efficiency: None,
            fragment_heat_scale: None,
            ..full.clone()
        };
        let a = apply(&nominal, &full, 7, 3);
        let b = apply(&nominal, &fewer, 7, 3);
        assert_eq!(a.burns, b.burns);
        assert_eq!(a.fragments[1].cd_scale, b.fragments[1].cd_scale);
        assert_eq!(a.fragments[0].mass_kg, b.fragments[0].mass_kg);
        assert_ne!(a.environment.density_scale, b.environment.density_scale);
    }

    /// A factor distribution centred on 0 gives non-positive draws half the time: every result
    /// stays positive (resampled).
    #[test]
    fn factor_draws_stay_positive() {
        let d = Dispersion {
            distribution: Distribution::Normal {
                mean: 0.0,
                sigma: 1.0,
            },
            applied: Applied::Factor,
        };
        for sample in 1..500 {
            let mut s = SampleStream::new(1, sample, Purpose::DENSITY_SCALE);
            assert!(d.apply_to(2.0, &mut s) > 0.0);
        }
    }

    /// Sample statistics of a uniform and a log-normal draw over 20 000 samples: uniform mean
    /// (min+max)/2 (standard error (max−min)/√(12 n) = 24 m for 72–84 km), log-normal median 1.
    #[test]
    fn value_and_lognormal_moments() {
        const N: u64 = 20_000;
        let nominal = test_problem();
        let d = all_dispersed();
        let mut sum_breakup = 0.0;
        let mut below_one = 0u64;
        for sample in 1..=N {
            let p = apply(&nominal, &d, 99, sample);
            sum_breakup += p.vehicle.as_ref().unwrap().breakup_altitude_m;
            below_one += u64::from(p.environment.density_scale < 1.0);
        }
        let mean = sum_breakup / N as f64;
        assert!((mean - 78e3).abs() < 5.0 * 24.5, "mean {mean}");
        // Binomial standard error of a median fraction: 0.5/√n = 0.0035.
        let fraction = below_one as f64 / N as f64;
        assert!((fraction - 0.5).abs() < 0.02, "fraction {fraction}");
    }
}
