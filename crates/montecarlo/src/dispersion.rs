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
}
