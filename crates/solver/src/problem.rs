//! The validated input of one trajectory-tree solve (one Monte Carlo sample).
//!
//! Everything is SI and already range-checked by the scenario layer: the solver does not return
//! errors for bad input, it documents its domain.

use std::sync::Arc;

use reentry_atmosphere::{Atmosphere, Epoch};
use reentry_physics::aero::Shape;
use reentry_physics::thermal::Material;

/// Frame of an explicit state vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFrame {
    /// Earth-centred, Earth-fixed (WGS-84).
    Ecef,
    /// True equator, mean equinox (the SGP4 output frame); rotated to ECEF by GMST.
    Teme,
}

/// Entry-interface state (DESIGN.md §6 conventions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntryState {
    /// Geodetic latitude, rad.
    pub latitude_rad: f64,
    /// Longitude, rad.
    pub longitude_rad: f64,
    /// Geodetic altitude, m.
    pub altitude_m: f64,
    /// Speed relative to the rotating Earth, m/s.
    pub speed_m_s: f64,
    /// Angle of the Earth-relative velocity above the local horizontal (normal to the ellipsoid
    /// normal), rad; negative when descending.
    pub flight_path_angle_rad: f64,
    /// Azimuth of the Earth-relative velocity, clockwise from north, rad.
    pub heading_rad: f64,
}

/// Where the trajectory starts (at the problem's epoch).
#[derive(Debug, Clone, PartialEq)]
pub enum InitialState {
    /// Two-line element set, propagated with SGP4 (WGS-72) to the epoch.
    Tle {
        /// First line.
        line1: String,
        /// Second line.
        line2: String,
    },
    /// Explicit state vector.
    StateVector {
        /// Frame of the vectors.
        frame: StateFrame,
        /// Position, m.
        position_m: [f64; 3],
        /// Velocity in that frame, m/s.
        velocity_m_s: [f64; 3],
    },
    /// Entry-interface state.
    Entry(EntryState),
}

/// A finite burn of the vehicle (PHYSICS.md §7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Burn {
    /// Start time, seconds after the problem's epoch.
    pub start_s: f64,
    /// Commanded Δv, m/s.
    pub delta_v_m_s: f64,
    /// Thrust, N.
    pub thrust_n: f64,
    /// Specific impulse, s.
    pub isp_s: f64,
    /// Pointing offset from retrograde (−v_inertial): rotation in the orbital plane towards the
    /// local vertical (up positive), rad.
    pub pitch_rad: f64,
    /// Pointing offset out of the orbital plane (towards the orbit normal r × v positive), rad.
    pub yaw_rad: f64,
}

impl Burn {
    /// The mass left after this burn from `mass_kg` before it, by the rocket equation
    /// m e^(−Δv / (Isp g0)) (PHYSICS.md §7).
    pub fn mass_after_kg(&self, mass_kg: f64) -> f64 {
        mass_kg * (-self.delta_v_m_s / (self.isp_s * crate::model::STANDARD_GRAVITY_M_S2)).exp()
    }

    /// The mass left after all of `burns` from `mass_kg` before the first, m0 Π e^(−Δv/(Isp g0)).
    pub fn mass_after_all_kg(burns: &[Burn], mass_kg: f64) -> f64 {
        burns.iter().fold(mass_kg, |m, b| b.mass_after_kg(m))
    }
}

/// Gravity model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gravity {
    /// Point mass GM/r².
    PointMass,
    /// Point mass plus J2 (default).
    J2,
}

/// Continuum stagnation heating correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatingModel {
    /// Detra–Kemp–Riddell (default).
    DetraKempRiddell,
    /// Sutton–Graves.
    SuttonGraves,
}

/// How closely the atmosphere's horizontal terms follow a trajectory. NRLMSISE-00 below
/// 72.5 km is a vertical profile whose shape depends on latitude, longitude and time only
/// (`reentry_atmosphere::nrlmsise00::Column`); the altitude-only models have no horizontal
/// terms, and this setting changes nothing for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HorizontalUpdate {
    /// The model at every stage of every integration step: the exact model along the
    /// trajectory.
    #[default]
    EveryStage,
    /// The horizontal terms once per integration step, at the step's predicted midpoint
    /// (start position plus half a step at the start velocity, mid-step time); the altitude
    /// profile stays exact at every stage. The density then differs from the exact model by
    /// the model's horizontal gradient over at most half a step's ground track: about 1e-4
    /// per km near 70 km, less below, and symmetric about the midpoint.
    PerStep,
}

/// Physical environment of a solve.
#[derive(Debug, Clone)]
pub struct Environment {
    /// Atmosphere model (shared between samples).
    pub atmosphere: Arc<Atmosphere>,
    /// Multiplier on the model density (Monte Carlo dispersion), > 0.
    pub density_scale: f64,
    /// Gravity model.
    pub gravity: Gravity,
    /// Continuum heating correlation.
    pub heating: HeatingModel,
    /// Earth rotation on (false only for idealised test configurations).
    pub rotating_earth: bool,
    /// Oxidation efficiency η ∈ [0, 1] of the optional oxidation heating
    /// (`reentry_physics::heating::reference::oxidation_heat_w`); 0 turns it off.
    pub oxidation_efficiency: f64,
    /// How often the atmosphere's horizontal terms are evaluated.
    pub horizontal_update: HorizontalUpdate,
}

/// The intact vehicle (root of the fragment tree). Its heat balance is not tracked.
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    /// Display name.
    pub name: String,
    /// Mass at the initial state, kg.
    pub mass_kg: f64,
    /// Drag coefficient (constant).
    pub drag_coefficient: f64,
    /// Reference area for drag, m².
    pub reference_area_m2: f64,
    /// Geodetic altitude of break-up, m.
    pub breakup_altitude_m: f64,
    /// Lift-to-drag ratio (lift in the plane of v_rel and the local vertical), default 0.
    pub lift_to_drag: f64,
}

/// Parent of a fragment node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// Starts on its own from the initial state (single-object analysis).
    None,
    /// Child of the vehicle.
    Vehicle,
    /// Child of another fragment (index into [`Problem::fragments`], always smaller than the
    /// child's own index: the scenario layer orders the tree).
    Fragment(usize),
}

/// One fragment node (possibly standing for `count` identical objects).
#[derive(Debug, Clone, PartialEq)]
pub struct FragmentSpec {
    /// Identifier (the `fragment` column).
    pub id: String,
    /// Parent node.
    pub parent: Parent,
    /// Number of identical objects this node stands for.
    pub count: u32,
    /// Shape and outer dimensions.
    pub shape: Shape,
    /// Material.
    pub material: Material,
    /// Hollow (shell keeps its outer size while the wall melts) or solid.
    pub hollow: bool,
    /// Initial mass, kg (after any Monte Carlo mass scale).
    pub mass_kg: f64,
    /// Release at this geodetic altitude instead of at the parent's end, m.
    pub release_altitude_m: Option<f64>,
    /// Constant drag coefficient for all regimes (overrides the bridged model).
    pub drag_coefficient: Option<f64>,
    /// Multiplier on the drag coefficient.
    pub cd_scale: f64,
    /// Reference area override, m².
    pub reference_area_m2: Option<f64>,
    /// Nose radius for stagnation heating, m (default: equivalent radius).
    pub nose_radius_m: Option<f64>,
    /// Multiplier on the surface-averaged heat flux.
    pub heat_scale: f64,
    /// Multiplier on the material emissivity (result clamped to ≤ 1).
    pub emissivity_scale: f64,
    /// Initial temperature when not inherited from a parent, K.
    pub initial_temperature_k: f64,
    /// Separation velocity added to the parent's velocity when the node is released, ECEF m/s
    /// (PHYSICS.md §6: "plus an optional separation Δv, a Monte Carlo dispersion, default 0").
    /// A node that lands inside its parent never separates, and a root node is never released.
    pub separation_velocity_ecef_m_s: [f64; 3],
}

/// The mass of fragment `i`'s objects and of every node below them, kg (Σ count × mass_kg over
/// the subtree): what a parent loses when it releases fragment `i` in flight, and what the
/// scenario's mass check counts.
pub fn subtree_mass_kg(fragments: &[FragmentSpec], i: usize) -> f64 {
    let below: f64 = fragments
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent == Parent::Fragment(i))
        .map(|(j, _)| subtree_mass_kg(fragments, j))
        .sum();
    f64::from(fragments[i].count) * fragments[i].mass_kg + below
}

impl FragmentSpec {
    /// A root fragment (no parent) standing for one object, with the scenario file's defaults
    /// for everything else: no release altitude, the bridged drag model on the shape's own
    /// area and nose radius, every scale 1, and the default initial temperature
    /// ([`reentry_physics::thermal::DEFAULT_INITIAL_TEMPERATURE_K`]).
    pub fn new(
        id: &str,
        shape: Shape,
        material: Material,
        mass_kg: f64,
        hollow: bool,
    ) -> FragmentSpec {
        FragmentSpec {
            id: id.to_string(),
            parent: Parent::None,
            count: 1,
            shape,
            material,
            hollow,
            mass_kg,
            release_altitude_m: None,
            drag_coefficient: None,
            cd_scale: 1.0,
            reference_area_m2: None,
            nose_radius_m: None,
            heat_scale: 1.0,
            emissivity_scale: 1.0,
            initial_temperature_k: reentry_physics::thermal::DEFAULT_INITIAL_TEMPERATURE_K,
            separation_velocity_ecef_m_s: [0.0; 3],
        }
    }
}

/// Integration tolerances and limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerances {
    /// Relative tolerance of the embedded Runge–Kutta error estimate.
    pub relative: f64,
    /// Absolute tolerance on position (m); other components scale from it.
    pub absolute_position_m: f64,
    /// Events (break-up, demise, ground) are located to this time accuracy, s.
    pub event_time_s: f64,
    /// A node still flying this long after the epoch ends with fate `time-limit`, s.
    pub max_time_s: f64,
    /// Fragments that reach their terminal speed subsonic, cooling and nearly vertical end by
    /// quadrature instead of integration ([`crate::terminal`]); not for nodes whose time history
    /// is recorded.
    pub terminal_descent: bool,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            relative: 1e-8,
            absolute_position_m: 1e-3,
            event_time_s: 1e-6,
            max_time_s: 30.0 * 86_400.0,
            terminal_descent: false,
        }
    }
}

/// Everything one sample needs: validated, SI, ready to integrate.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Epoch of the initial state (t = 0).
    pub epoch: Epoch,
    /// Initial state.
    pub initial: InitialState,
    /// Burns of the vehicle (ordered by start time; only with a vehicle or a single root).
    pub burns: Vec<Burn>,
    /// Environment.
    pub environment: Environment,
    /// The intact vehicle, if any.
    pub vehicle: Option<Vehicle>,
    /// Fragment nodes, parents before children.
    pub fragments: Vec<FragmentSpec>,
    /// Tolerances and time limit.
    pub tolerances: Tolerances,
}
