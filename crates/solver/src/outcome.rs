//! What a solve produces: one [`FragmentOutcome`] per node, and for the nominal sample the
//! time history of every node.

/// How a node's flight ended (the `fate` column of `fragments.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fate {
    /// Melted away (demise rule of PHYSICS.md §5).
    Demised,
    /// Reached the ground (geodetic altitude 0).
    Landed,
    /// A parent that broke up into its children.
    BrokeUp,
    /// Still flying at the time limit.
    TimeLimit,
    /// The state became non-finite (a numerical failure, reported, never a panic).
    NonFinite,
}

impl Fate {
    /// All fates, in the order of `summary.json`.
    pub const ALL: [Fate; 5] = [
        Fate::Demised,
        Fate::Landed,
        Fate::BrokeUp,
        Fate::TimeLimit,
        Fate::NonFinite,
    ];

    /// The contract name (`demised`, `landed`, `broke-up`, `time-limit`, `non-finite`).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Demised => "demised",
            Fate::Landed => "landed",
            Fate::BrokeUp => "broke-up",
            Fate::TimeLimit => "time-limit",
            Fate::NonFinite => "non-finite",
        }
    }

    /// Inverse of [`Fate::as_str`].
    pub fn parse(text: &str) -> Option<Fate> {
        Fate::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// A node of the fragment tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// The intact vehicle.
    Vehicle,
    /// Index into `Problem::fragments`.
    Fragment(usize),
}

/// The end state and peaks of one node's flight.
#[derive(Debug, Clone, PartialEq)]
pub struct FragmentOutcome {
    /// Which node.
    pub node: NodeId,
    /// How it ended.
    pub fate: Fate,
    /// Geodetic altitude where the node started flying on its own, m (`None` for the vehicle).
    pub release_altitude_m: Option<f64>,
    /// End time, s after the problem's epoch.
    pub end_time_s: f64,
    /// Geodetic latitude at the end, rad.
    pub end_latitude_rad: f64,
    /// Longitude at the end, rad, in (−π, π].
    pub end_longitude_rad: f64,
    /// Geodetic altitude at the end, m.
    pub end_altitude_m: f64,
    /// ECEF position at the end, m.
    pub end_position_ecef_m: [f64; 3],
    /// ECEF (Earth-relative) velocity at the end, m/s.
    pub end_velocity_ecef_m_s: [f64; 3],
    /// Altitude of the demise crossing, m (demised nodes only).
    pub demise_altitude_m: Option<f64>,
    /// Earth-relative speed at impact, m/s (landed nodes only).
    pub impact_speed_m_s: Option<f64>,
    /// Mass at the end (at the demise crossing for a demised node), kg.
    pub mass_kg: f64,
    /// Reference area A_ref at the end, m².
    pub reference_area_m2: f64,
    /// Peak bridged stagnation heat flux q_s, W/m² (`None` for the vehicle).
    pub peak_heat_flux_w_m2: Option<f64>,
    /// Peak temperature, K (`None` for the vehicle).
    pub peak_temperature_k: Option<f64>,
    /// Peak aerodynamic deceleration, in units of g0.
    pub peak_deceleration_g: f64,
}

impl FragmentOutcome {
    /// Kinetic energy at impact ½ m v², J (landed nodes only).
    pub fn impact_energy_j(&self) -> Option<f64> {
        self.impact_speed_m_s.map(|v| 0.5 * self.mass_kg * v * v)
    }
}

/// One row of the nominal sample's time history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrajectoryPoint {
    /// Which node.
    pub node: NodeId,
    /// Time after the epoch, s.
    pub time_s: f64,
    /// Geodetic latitude, rad.
    pub latitude_rad: f64,
    /// Longitude, rad.
    pub longitude_rad: f64,
    /// Geodetic altitude, m.
    pub altitude_m: f64,
    /// Earth-relative speed, m/s.
    pub speed_m_s: f64,
    /// Flight-path angle of the Earth-relative velocity, rad.
    pub flight_path_angle_rad: f64,
    /// Mass, kg.
    pub mass_kg: f64,
    /// Temperature, K (NaN for the vehicle, whose heat balance is not tracked).
    pub temperature_k: f64,
    /// Bridged stagnation heat flux q_s, W/m².
    pub heat_flux_w_m2: f64,
    /// Mach number.
    pub mach: f64,
    /// Knudsen number.
    pub knudsen: f64,
    /// Aerodynamic deceleration, g0.
    pub deceleration_g: f64,
    /// Air density, kg/m³.
    pub density_kg_m3: f64,
}

/// The result of one sample: every node's outcome (the vehicle first if there is one, then the
/// fragments in `Problem::fragments` order), and the time history when it was asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SampleOutcome {
    /// One outcome per node.
    pub nodes: Vec<FragmentOutcome>,
    /// Time history (nominal sample only), rows grouped by node, in time order.
    pub trajectory: Vec<TrajectoryPoint>,
}
