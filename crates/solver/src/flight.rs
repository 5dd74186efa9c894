//! Plain bookkeeping of one node's flight, shared by the reference and lanes paths: which step
//! to try next (hard boundaries: burn start and end, time limit), accept/reject, events located on
//! the dense output (ground, break-up, demise, melt onset, releases), peaks along the continuous
//! trajectory and time-history rows. The Runge–Kutta stages themselves are computed by the caller
//! (plain `f64` or lanes); this module never evaluates the right-hand side.

use crate::Fate;
use crate::dopri;
use crate::model::{Aux, MASS, NodeModel, STATE_LEN, TEMPERATURE};
use crate::problem::{Burn, Tolerances};
use reentry_physics::aero::CONTINUUM_DRAG_TABLE;

/// A state vector.
pub type State = [f64; STATE_LEN];

/// The dense-output polynomial of one step: y(t0 + θh) =
/// r0 + θ (r1 + (1−θ)(r2 + θ (r3 + (1−θ) r4))).
#[derive(Debug, Clone, Copy)]
pub struct Dense {
    /// Step start, s.
    pub t0_s: f64,
    /// Step length, s.
    pub h_s: f64,
    /// Coefficients r0..r4.
    pub r: [State; 5],
}

impl Dense {
    /// Builds the interpolant from the step's start y0, end y1, k1, k7 and h·Σ d_i k_i.
    pub fn new(
        t0_s: f64,
        h_s: f64,
        y0: &State,
        y1: &State,
        k1: &State,
        k7: &State,
        hd: &State,
    ) -> Dense {
        let mut r = [[0.0; STATE_LEN]; 5];
        for i in 0..STATE_LEN {
            let ydiff = y1[i] - y0[i];
            let bspl = h_s * k1[i] - ydiff;
            r[0][i] = y0[i];
            r[1][i] = ydiff;
            r[2][i] = bspl;
            r[3][i] = ydiff - h_s * k7[i] - bspl;
            r[4][i] = hd[i];
        }
        Dense { t0_s, h_s, r }
    }

    /// The interpolated state at time `t_s` (within the step).
    pub fn at(&self, t_s: f64) -> State {
        let th = (t_s - self.t0_s) / self.h_s;
        let th1 = 1.0 - th;
        std::array::from_fn(|i| {
            self.r[0][i]
                + th * (self.r[1][i]
                    + th1 * (self.r[2][i] + th * (self.r[3][i] + th1 * self.r[4][i])))
        })
    }
}

/// Evaluations of single interpolated states that the bookkeeping needs.
#[allow(missing_debug_implementations)]
pub struct Probes<'a> {
    /// Geodetic altitude (m) at (t, y): altitude events are located on it.
    pub altitude_m: &'a mut dyn FnMut(f64, &State) -> f64,
    /// The right-hand side and all diagnostics at (t, y): time-history rows and the terminal
    /// descent ([`crate::terminal`]).
    pub model: &'a mut dyn FnMut(f64, &State) -> (State, Aux),
}

/// What ends or interrupts a flight.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Event {
    Ground,
    BreakUp,
    Demise,
    MeltOnset,
    Release(usize),
}

/// Per-node limits and triggers.
#[derive(Debug, Clone)]
pub struct Controls {
    /// Break-up altitude (vehicle), m.
    pub breakup_altitude_m: Option<f64>,
    /// Children released in flight.
    pub releases: Vec<InFlightRelease>,
    /// Mass of the fragments the node carries (the vehicle: every fragment below it), kg. A
    /// release in flight never takes the node's mass below what it still carries.
    pub carried_mass_kg: f64,
    /// Burns this node performs (ordered).
    pub burns: Vec<Burn>,
    /// Tolerances and the time limit.
    pub tolerances: Tolerances,
    /// Time-history output step, s.
    pub output_step_s: Option<f64>,
}

/// A child this node releases while it descends through an altitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InFlightRelease {
    /// Fragment index of the child.
    pub child: usize,
    /// Geodetic altitude of the release, m.
    pub altitude_m: f64,
    /// Mass the node loses at the release, kg: the child's objects and everything below them
    /// for the vehicle, whose mass includes its fragments; 0 for a fragment, whose mass is its
    /// own.
    pub handed_mass_kg: f64,
}

/// A release of a child in flight.
#[derive(Debug, Clone, Copy)]
pub struct Release {
    /// Fragment index of the child.
    pub child: usize,
    /// Time, s.
    pub time_s: f64,
    /// Parent state at that time.
    pub state: State,
}

/// One node in flight.
#[derive(Debug, Clone)]
pub struct Flight {
    /// Current time, s.
    pub t_s: f64,
    /// Current state.
    pub y: State,
    /// Diagnostics at (t, y) (valid unless `need_k1`).
    pub aux: Aux,
    /// Derivative at (t, y) (FSAL; valid unless `need_k1`).
    pub k1: State,
    /// The derivative must be re-evaluated (new flight, event applied, burn switched).
    pub need_k1: bool,
    /// Step size to try next, s.
    pub h_s: f64,
    /// The current RHS parameters (burn on or off).
    pub node: NodeModel,
    /// Limits.
    pub controls: Controls,
    /// How the flight ended (None while flying).
    pub fate: Option<Fate>,
    /// Accepted steps.
    pub steps: u64,
    /// Attempted steps (accepted, rejected and forced to an event).
    pub attempts: u64,
    /// Peak q_s, W/m².
    pub peak_heat_flux_w_m2: f64,
    /// Peak temperature, K.
    pub peak_temperature_k: f64,
    /// Peak deceleration, g0.
    pub peak_deceleration_g: f64,
    /// Releases of children in flight.
    pub releases: Vec<Release>,
    /// Time history rows (t, y, aux).
    pub rows: Vec<(f64, State, Aux)>,
    /// Whether rows between step ends take their diagnostics from `probes.aux` (true, the
    /// default). A caller that evaluates every row's diagnostics itself afterwards sets it to
    /// false: those rows then carry `Aux::default()` and the probe is not called.
    pub row_diagnostics: bool,
    released: Vec<bool>,
    next_burn: usize,
    burn_end_s: Option<f64>,
    pending: Option<(Event, f64, f64)>,
    next_output_index: i64,
    /// The last attempt was rejected: the next accepted step may not grow the step size.
    after_rejection: bool,
    /// Mass of the fragments still carried, kg ([`Controls::carried_mass_kg`], less what was
    /// released).
    carried_mass_kg: f64,
    /// Mass at the start of the flight, kg: the scale of [`RELEASE_RESIDUE_FRACTION`].
    start_mass_kg: f64,
    /// Size and trend factor ([`dopri::trend_factor`]) of the last step accepted while melting,
    /// for the predictive controller ([`dopri::predictive_factor`]); cleared where the
    /// derivative jumps.
    last_melting_step: Option<(f64, f64)>,
    /// The step is being cut to end short of a C_D(M) corner: the size to resume with after it.
    corner_resume_s: Option<f64>,
    /// Cuts of the current step towards a corner.
    corner_cuts: u8,
}

/// Where inside a step the heat-flux and deceleration peaks take their interior sample: the
/// third Dormand–Prince stage, at t0 + c₃ h (c₃ = 3/10), whose diagnostics the step computes
/// anyway (its state is second-order accurate, so the parabola's vertex stays O(h³)).
pub const PEAK_SAMPLE_FRACTION: f64 = dopri::C[2];

/// A rejected step that crosses a corner of C_D,c(M) is retried to end this far short of it, in
/// Mach. The stages of a step that ends exactly on a corner sample the far side (stage states
/// are lower-order and differ from the solution by up to 1e-4 in Mach), which rejects the step
/// again; a step that starts this close to the corner errs by the slope change times the margin
/// in its first stage only.
const CORNER_MARGIN_MACH: f64 = 5e-4;
/// After the step to a corner, the next one tries this fraction of the rejected step's size.
const CORNER_RESUME_FRACTION: f64 = 0.85;
/// A corner closer to the step's start than this fraction of the step is left to the
/// controller.
const CORNER_MIN_STEP_FRACTION: f64 = 1e-3;
/// Retries of one step towards a corner (each from a more accurate rejected step).
const CORNER_MAX_CUTS: u8 = 3;

/// What a release in flight leaves of the vehicle, as a fraction of its mass at the start of its
/// flight, at or below which nothing is left: the rounding of the fragment masses subtracted from
/// a vehicle they make up entirely (the scenario's mass check allows the same relative 1e-9).
/// Flying on, such a crumb would have a ballistic coefficient of next to nothing: it stops dead
/// in the air, and its steps shrink below [`dopri::MIN_STEP_S`].
pub const RELEASE_RESIDUE_FRACTION: f64 = 1e-9;

/// Root of g in [a, b] where g(a) > 0 ≥ g(b): Illinois regula falsi to `tol`; returns the end of
/// the last bracket on the g ≤ 0 side.
fn illinois(
    (mut a, mut ga): (f64, f64),
    (mut b, mut gb): (f64, f64),
    tol: f64,
    mut g: impl FnMut(f64) -> f64,
) -> f64 {
    let mut side = 0;
    for _ in 0..100 {
        if b - a <= tol {
            break;
        }
        let mut t = (a * gb - b * ga) / (gb - ga);
        if !(t > a && t < b) {
            t = 0.5 * (a + b);
        }
        let gt = g(t);
        if gt > 0.0 {
            a = t;
            ga = gt;
            if side == 1 {
                gb *= 0.5;
            }
            side = 1;
        } else {
            b = t;
            gb = gt;
            if side == -1 {
                ga *= 0.5;
            }
            side = -1;
        }
    }
    b
}

/// What the caller must do next for a flight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepPlan {
    /// Step size, s.
    pub h_s: f64,
    /// Exact end time of the step (a hard boundary when clipped).
    pub t1_s: f64,
    /// Forced step to a located event: accept regardless of the error estimate.
    pub forced: bool,
}

impl Flight {
    /// Starts a flight at (t0, y0). Events already true at the start (below the break-up
    /// altitude, below ground, releases above the start) apply at once; the caller must check
    /// `fate` before stepping. `aux0` are the diagnostics at the start.
    pub fn start(t0_s: f64, y0: State, node: NodeModel, controls: Controls, aux0: Aux) -> Flight {
        let released = vec![false; controls.releases.len()];
        let mut node = node;
        if node.is_fragment && y0[TEMPERATURE] >= node.melt_temperature_k {
            node.melt_switch_temperature_k = node.melt_temperature_k;
        }
        let next_burn = controls
            .burns
            .iter()
            .take_while(|b| b.start_s < t0_s)
            .count();
        let output_step = controls.output_step_s.unwrap_or(f64::INFINITY);
        let carried_mass_kg = controls.carried_mass_kg;
        let mut f = Flight {
            t_s: t0_s,
            y: y0,
            aux: aux0,
            k1: [0.0; STATE_LEN],
            need_k1: true,
            h_s: dopri::FIRST_STEP_S,
            node,
            controls,
            fate: None,
            steps: 0,
            attempts: 0,
            peak_heat_flux_w_m2: aux0.heat_flux_w_m2,
            peak_temperature_k: y0[TEMPERATURE],
            peak_deceleration_g: aux0.deceleration_g,
            releases: Vec::new(),
            rows: Vec::new(),
            row_diagnostics: true,
            released,
            next_burn,
            burn_end_s: None,
            pending: None,
            next_output_index: (t0_s / output_step).floor() as i64 + 1,
            after_rejection: false,
            carried_mass_kg,
            start_mass_kg: y0[MASS],
            last_melting_step: None,
            corner_resume_s: None,
            corner_cuts: 0,
        };
        if f.controls.output_step_s.is_some() {
            f.rows.push((t0_s, y0, aux0));
        }
        if !y0.iter().all(|v| v.is_finite()) || !aux0.altitude_m.is_finite() {
            f.fate = Some(Fate::NonFinite);
            return f;
        }
        for i in 0..f.controls.releases.len() {
            if aux0.altitude_m <= f.controls.releases[i].altitude_m {
                f.apply_event(Event::Release(i));
            }
        }
        if aux0.altitude_m <= 0.0 {
            f.fate = Some(Fate::Landed);
        } else if f
            .controls
            .breakup_altitude_m
            .is_some_and(|b| aux0.altitude_m <= b)
        {
            f.fate = Some(Fate::BrokeUp);
        } else if f.node.is_fragment && y0[MASS] <= f.node.demise_mass_kg {
            f.fate = Some(Fate::Demised);
        } else if t0_s >= f.controls.tolerances.max_time_s {
            f.fate = Some(Fate::TimeLimit);
        } else {
            f.maybe_start_burn();
        }
        f
    }

    fn maybe_start_burn(&mut self) {
        while self.burn_end_s.is_none()
            && let Some(b) = self.controls.burns.get(self.next_burn)
            && b.start_s <= self.t_s
        {
            // Burn time from the rocket equation: t_b = (m0 Isp g0 / F)(1 − e^(−Δv/(Isp g0))).
            let ve = b.isp_s * dopri_g0();
            // A non-positive Δv (a dispersion can draw one) is no burn at all.
            let t_b = self.y[MASS] * ve / b.thrust_n * (1.0 - (-b.delta_v_m_s / ve).exp()).max(0.0);
            // Neither is a burn too short to move the clock (a Δv so small that 1 − e^(−Δv/ve)
            // rounds to 0, or t_b below the resolution of t; NaN for 0 × an infinite thrust
            // time): the step to its end would have length 0, and the step size grown from it
            // would stay 0 for ever.
            let end_s = self.t_s + t_b;
            if end_s.is_nan() || end_s <= self.t_s {
                self.next_burn += 1;
                continue;
            }
            self.burn_end_s = Some(end_s);
            self.node = self.node.with_burn(Some(b));
            self.need_k1 = true;
            self.last_melting_step = None;
        }
    }

    /// The next step to try.
    pub fn plan(&self) -> StepPlan {
        if let Some((_, t_event, _)) = self.pending {
            return StepPlan {
                h_s: t_event - self.t_s,
                t1_s: t_event,
                forced: true,
            };
        }
        let mut boundary = self.controls.tolerances.max_time_s;
        if let Some(end) = self.burn_end_s {
            boundary = boundary.min(end);
        } else if let Some(b) = self.controls.burns.get(self.next_burn) {
            boundary = boundary.min(b.start_s);
        }
        let h = self.h_s.min(dopri::MAX_STEP_S);
        if h >= boundary - self.t_s {
            StepPlan {
                h_s: boundary - self.t_s,
                t1_s: boundary,
                forced: false,
            }
        } else {
            StepPlan {
                h_s: h,
                t1_s: self.t_s + h,
                forced: false,
            }
        }
    }

    /// The events whose function g goes from > 0 at the step start (y0, altitude h0) to ≤ 0 at
    /// its end (y1, h1), with both values; the rest are not looked at further.
    fn crossings(
        &self,
        (y0, h0): (&State, f64),
        (y1, h1): (&State, f64),
        found: &mut dyn FnMut(Event, f64, f64),
    ) {
        let mut check = |e: Event, a: f64, b: f64| {
            if a > 0.0 && b <= 0.0 {
                found(e, a, b);
            }
        };
        // A flight's start is checked against the ground with the reference kernel, whose
        // altitude can differ from the lanes kernel's by nanometres: a flight started a hair
        // above the ground that the step's kernel puts on or below it lands in this step rather
        // than never crossing.
        check(Event::Ground, h0.max(f64::MIN_POSITIVE), h1);
        if let Some(alt) = self.controls.breakup_altitude_m {
            check(Event::BreakUp, h0 - alt, h1 - alt);
        }
        if self.node.is_fragment {
            let m = self.node.demise_mass_kg;
            check(Event::Demise, y0[MASS] - m, y1[MASS] - m);
            let tm = self.node.melt_temperature_k;
            check(Event::MeltOnset, tm - y0[TEMPERATURE], tm - y1[TEMPERATURE]);
        }
        for (i, release) in self.controls.releases.iter().enumerate() {
            if !self.released[i] {
                let alt = release.altitude_m;
                check(Event::Release(i), h0 - alt, h1 - alt);
            }
        }
    }

    fn event_value(&self, event: Event, t_s: f64, y: &State, probes: &mut Probes<'_>) -> f64 {
        let mut altitude = || (probes.altitude_m)(t_s, y);
        match event {
            Event::Ground => altitude(),
            Event::BreakUp => altitude() - self.controls.breakup_altitude_m.unwrap_or(0.0),
            Event::Demise => y[MASS] - self.node.demise_mass_kg,
            Event::MeltOnset => self.node.melt_temperature_k - y[TEMPERATURE],
            Event::Release(i) => altitude() - self.controls.releases[i].altitude_m,
        }
    }

    /// Root of g on the dense output in [t0, t1] where g(t0) > 0 ≥ g(t1): Illinois regula falsi
    /// to the event-time tolerance.
    fn locate(
        &self,
        event: Event,
        dense: &Dense,
        (g0, t1_s, g1): (f64, f64, f64),
        probes: &mut Probes<'_>,
    ) -> f64 {
        illinois(
            (dense.t0_s, g0),
            (t1_s, g1),
            self.controls.tolerances.event_time_s,
            |t| self.event_value(event, t, &dense.at(t), probes),
        )
    }

    /// Where a rejected step from Mach M0 to M1 first crosses a corner of the continuum drag
    /// curve C_D,c(M) (PHYSICS.md §3): the time, inside the step, at which the Mach number is
    /// [`CORNER_MARGIN_MACH`] short of the corner, or None (no corner crossed, the drag
    /// coefficient fixed, or the crossing too close to the step's start to be worth a step of
    /// its own). Mach is |v| from the step's dense output over a speed of sound taken linear in
    /// time between the step's ends.
    fn corner_crossing(
        &self,
        plan: StepPlan,
        aux1: &Aux,
        dense: &dyn Fn() -> Dense,
    ) -> Option<f64> {
        if !self.node.is_fragment || !self.node.fixed_drag_coefficient.is_nan() {
            return None;
        }
        let (m0, m1) = (self.aux.mach, aux1.mach);
        let (c0, c1) = (self.aux.speed_m_s / m0, aux1.speed_m_s / m1);
        if !(c0.is_finite() && c1.is_finite() && c0 > 0.0 && c1 > 0.0) {
            return None;
        }
        // The corner a step starts next to (the previous step was cut there) is behind it.
        let corner = CONTINUUM_DRAG_TABLE[1..]
            .iter()
            .map(|&(m, _)| m)
            .filter(|&m| (m0 - m).abs() > 2.0 * CORNER_MARGIN_MACH && (m - m0) * (m - m1) < 0.0)
            .min_by(|a, b| (a - m0).abs().total_cmp(&(b - m0).abs()))?;
        // The interpolant is built only for a step that crosses a corner.
        let dense = dense();
        let side = (m0 - corner).signum();
        let (t0, h) = (self.t_s, plan.h_s);
        let g = |t: f64| {
            let y = dense.at(t);
            let speed = (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]).sqrt();
            (speed / (c0 + (c1 - c0) * (t - t0) / h) - corner) * side - CORNER_MARGIN_MACH
        };
        let (g0, g1) = (g(t0), g(plan.t1_s));
        if !(g0 > 0.0 && g1 <= 0.0) {
            return None;
        }
        let t = illinois(
            (t0, g0),
            (plan.t1_s, g1),
            self.controls.tolerances.event_time_s,
            g,
        );
        (t - t0 > CORNER_MIN_STEP_FRACTION * h).then_some(t)
    }

    /// Reports a computed step: `y1`, `k7` and `aux1` at its end, the error norm with the
    /// step-size factor the controller derives from it ([`dopri::step_factor`]), the dense
    /// output (built on demand: events and history rows only), and the peak samples inside the
    /// step: the state at its midpoint (temperature) and the diagnostics of the Runge–Kutta stage
    /// at [`PEAK_SAMPLE_FRACTION`] of it (heat flux, deceleration). `probes` evaluate single
    /// interpolated states (event location, time-history rows).
    #[allow(clippy::too_many_arguments)]
    pub fn on_step(
        &mut self,
        plan: StepPlan,
        (err, factor): (f64, f64),
        y1: &State,
        k7: &State,
        aux1: &Aux,
        dense: &dyn Fn() -> Dense,
        mid: (&State, &Aux),
        probes: &mut Probes<'_>,
    ) {
        self.attempts += 1;
        let finite =
            err.is_finite() && y1.iter().all(|v| v.is_finite()) && aux1.altitude_m.is_finite();
        if plan.forced {
            let Some((event, _, h_after)) = self.pending.take() else {
                return;
            };
            if !finite {
                self.fate = Some(Fate::NonFinite);
                return;
            }
            let mut y_event = *y1;
            if event == Event::MeltOnset {
                // The step ends on T = T_m to within the temperature tolerance; the peak is T_m.
                y_event[TEMPERATURE] = y_event[TEMPERATURE].min(self.node.melt_temperature_k);
            }
            self.advance(plan.t1_s, &y_event, k7, aux1, dense, mid, probes);
            self.h_s = h_after;
            self.apply_event(event);
            return;
        }
        // A step rejected across a corner of C_D(M), whose kink no step size resolves cheaply, is
        // retried to end just short of the corner; the next step then starts on its far side.
        if finite
            && err > 1.0
            && self.corner_cuts < CORNER_MAX_CUTS
            && let Some(t_corner) = self.corner_crossing(plan, aux1, dense)
        {
            self.corner_cuts += 1;
            self.corner_resume_s = Some(
                self.corner_resume_s
                    .unwrap_or(CORNER_RESUME_FRACTION * plan.h_s),
            );
            self.h_s = t_corner - self.t_s;
            self.after_rejection = false;
            return;
        }
        self.corner_cuts = 0;
        if !finite || err > 1.0 {
            self.corner_resume_s = None;
            self.after_rejection = true;
            self.h_s = plan.h_s * factor.min(1.0);
            if self.h_s < dopri::MIN_STEP_S || !self.h_s.is_finite() {
                self.fate = Some(Fate::NonFinite);
            }
            return;
        }
        // After a rejection the step may shrink but not grow (Hairer, Nørsett and Wanner,
        // Solving ODEs I, §II.4): growing again at once is what gets rejected next.
        let plain_factor = factor;
        let mut factor = if self.after_rejection {
            factor.min(1.0)
        } else {
            factor
        };
        // While a fragment melts its error at a given step size grows from step to step (the
        // mass, and with it the time scale, shrinks), and the controller above would alternate
        // between accepted and rejected steps: the predictive factor follows the trend.
        if self.node.is_fragment && self.node.melt_switch_temperature_k.is_finite() {
            let trend = dopri::trend_factor(err, plain_factor);
            if let Some((h_prev_s, trend_prev)) = self.last_melting_step {
                factor = factor.min(dopri::predictive_factor(
                    plan.h_s, trend, h_prev_s, trend_prev,
                ));
            }
            self.last_melting_step = Some((plan.h_s, trend));
        }
        let mut h_next = plan.h_s * factor;
        if let Some(h_resume_s) = self.corner_resume_s.take() {
            h_next = h_next.max(h_resume_s);
        }
        self.after_rejection = false;
        // Events: the earliest crossing in this step.
        let mut crossed: Vec<(Event, f64, f64)> = Vec::new();
        self.crossings(
            (&self.y, self.aux.altitude_m),
            (y1, aux1.altitude_m),
            &mut |e, a, b| crossed.push((e, a, b)),
        );
        let mut first: Option<(Event, f64)> = None;
        if !crossed.is_empty() {
            let dense = dense();
            for (event, a, b) in crossed {
                let t = self.locate(event, &dense, (a, plan.t1_s, b), probes);
                if first.is_none_or(|(_, tf)| t < tf) {
                    first = Some((event, t));
                }
            }
        }
        if let Some((event, t_event)) = first {
            if t_event - self.t_s <= 0.0 {
                self.h_s = h_next;
                self.apply_event(event);
            } else {
                self.pending = Some((event, t_event, h_next));
            }
            return;
        }
        self.advance(plan.t1_s, y1, k7, aux1, dense, mid, probes);
        self.h_s = h_next;
        // Cooled below T_m: back to the smooth heating phase (the derivative at T < T_m is the
        // same either way, so k1 stays valid).
        if self.node.is_fragment && self.y[TEMPERATURE] < self.node.melt_temperature_k {
            self.node.melt_switch_temperature_k = f64::INFINITY;
        }
        // Hard boundaries.
        if self.t_s >= self.controls.tolerances.max_time_s {
            self.fate = Some(Fate::TimeLimit);
        } else if self.burn_end_s.is_some_and(|e| self.t_s >= e) {
            self.burn_end_s = None;
            self.next_burn += 1;
            self.node = self.node.with_burn(None);
            self.need_k1 = true;
            self.last_melting_step = None;
            self.maybe_start_burn();
        } else {
            self.maybe_start_burn();
        }
        if self.fate.is_none() && self.terminal_descent_ready() {
            self.terminal_descent(probes);
        }
    }

    /// Whether the flight may end by terminal descent ([`crate::terminal::ready`]): enabled,
    /// no time history being recorded, no child left to release, no burn.
    fn terminal_descent_ready(&self) -> bool {
        self.controls.tolerances.terminal_descent
            && self.controls.output_step_s.is_none()
            && self.pending.is_none()
            && self.burn_end_s.is_none()
            && self.released.iter().all(|&r| r)
            && crate::terminal::ready(&self.node, &self.y, &self.aux, &self.k1)
    }

    /// Ends the flight on the ground by [`crate::terminal::descend`] (or leaves it flying when
    /// the quadrature finds no terminal speed).
    fn terminal_descent(&mut self, probes: &mut Probes<'_>) {
        let Some(landing) = crate::terminal::descend(self.t_s, &self.y, probes.model) else {
            return;
        };
        if landing.t_s > self.controls.tolerances.max_time_s {
            return;
        }
        let (k, aux) = (probes.model)(landing.t_s, &landing.y);
        self.peak_heat_flux_w_m2 = self.peak_heat_flux_w_m2.max(landing.peak_heat_flux_w_m2);
        self.peak_deceleration_g = self.peak_deceleration_g.max(landing.peak_deceleration_g);
        self.t_s = landing.t_s;
        self.y = landing.y;
        self.k1 = k;
        self.aux = aux;
        self.fate = Some(Fate::Landed);
    }

    #[allow(clippy::too_many_arguments)]
    fn advance(
        &mut self,
        t1_s: f64,
        y1: &State,
        k7: &State,
        aux1: &Aux,
        dense: &dyn Fn() -> Dense,
        mid: (&State, &Aux),
        probes: &mut Probes<'_>,
    ) {
        // Peaks: the step ends and one sample inside; where the inside sample is the largest,
        // the vertex of the parabola through the three (error O(h³), far below 0.1 %). The
        // heat flux and deceleration come from the third stage (t0 + 0.3 h, its state good to
        // O(h³)), which the step computed anyway; the temperature from the dense output's
        // midpoint.
        fn peak(a: f64, m: f64, b: f64, at: f64) -> f64 {
            let best = a.max(m).max(b);
            if m >= a && m >= b {
                // p(x) = a + β x + α x² through (0, a), (at, m), (1, b).
                let alpha = (m - a - at * (b - a)) / (at * (at - 1.0));
                let beta = (b - a) - alpha;
                if alpha < 0.0 {
                    let v = a - beta * beta / (4.0 * alpha);
                    if v.is_finite() {
                        return v.max(best);
                    }
                }
            }
            best
        }
        self.peak_heat_flux_w_m2 = self.peak_heat_flux_w_m2.max(peak(
            self.aux.heat_flux_w_m2,
            mid.1.heat_flux_w_m2,
            aux1.heat_flux_w_m2,
            PEAK_SAMPLE_FRACTION,
        ));
        self.peak_deceleration_g = self.peak_deceleration_g.max(peak(
            self.aux.deceleration_g,
            mid.1.deceleration_g,
            aux1.deceleration_g,
            PEAK_SAMPLE_FRACTION,
        ));
        if self.node.is_fragment {
            // The heat balance holds T at T_m while melting: a parabola through a plateau's
            // edge would overshoot it, so the interpolated peak never exceeds T_m (or the
            // largest sample, for a fragment released hotter than T_m).
            let (t0, tm, t1) = (self.y[TEMPERATURE], mid.0[TEMPERATURE], y1[TEMPERATURE]);
            let cap = self.node.melt_temperature_k.max(t0.max(tm).max(t1));
            self.peak_temperature_k = self.peak_temperature_k.max(peak(t0, tm, t1, 0.5).min(cap));
        }
        if let Some(step) = self.controls.output_step_s {
            let dense = dense();
            loop {
                let t = self.next_output_index as f64 * step;
                if t >= t1_s {
                    break;
                }
                let y = dense.at(t);
                let aux = if self.row_diagnostics {
                    (probes.model)(t, &y).1
                } else {
                    Aux::default()
                };
                self.rows.push((t, y, aux));
                self.next_output_index += 1;
            }
        }
        self.t_s = t1_s;
        self.y = *y1;
        self.k1 = *k7;
        self.aux = *aux1;
        self.steps += 1;
        if let Some(step) = self.controls.output_step_s
            && (self.next_output_index as f64 * step) <= t1_s
        {
            self.rows.push((t1_s, *y1, *aux1));
            self.next_output_index += 1;
        }
    }

    fn apply_event(&mut self, event: Event) {
        match event {
            Event::Ground => self.fate = Some(Fate::Landed),
            Event::BreakUp => self.fate = Some(Fate::BrokeUp),
            Event::Demise => self.fate = Some(Fate::Demised),
            Event::MeltOnset => {
                self.y[TEMPERATURE] = self.node.melt_temperature_k;
                self.node.melt_switch_temperature_k = self.node.melt_temperature_k;
                self.peak_temperature_k = self.peak_temperature_k.max(self.y[TEMPERATURE]);
                self.need_k1 = true;
                self.last_melting_step = None;
                self.record_event_row();
            }
            Event::Release(i) => {
                self.released[i] = true;
                let release = self.controls.releases[i];
                self.releases.push(Release {
                    child: release.child,
                    time_s: self.t_s,
                    state: self.y,
                });
                if release.handed_mass_kg > 0.0 {
                    // Dispersed fragment masses may outweigh the vehicle: then it is what it
                    // still carries, and a release never makes it heavier.
                    self.carried_mass_kg -= release.handed_mass_kg;
                    let m = self.y[MASS];
                    self.y[MASS] = (m - release.handed_mass_kg)
                        .max(self.carried_mass_kg)
                        .min(m);
                    self.need_k1 = true;
                    self.last_melting_step = None;
                    // Nothing left of it (or only the rounding of the masses subtracted, when
                    // the fragments make up the whole vehicle): it has come apart here.
                    if self.y[MASS] <= RELEASE_RESIDUE_FRACTION * self.start_mass_kg {
                        self.y[MASS] = 0.0;
                        self.fate = Some(Fate::BrokeUp);
                    }
                }
            }
        }
        if self.fate.is_some() {
            self.record_event_row();
        }
    }

    fn record_event_row(&mut self) {
        if self.controls.output_step_s.is_some()
            && self
                .rows
                .last()
                .is_none_or(|r| r.0 != self.t_s || r.1 != self.y)
        {
            self.rows.push((self.t_s, self.y, self.aux));
        }
    }
}

fn dopri_g0() -> f64 {
    crate::model::STANDARD_GRAVITY_M_S2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::FragmentSpec;
    use reentry_physics::aero::Shape;
    use reentry_physics::thermal::Material;

    const SOUND_SPEED_M_S: f64 = 300.0;

    /// A fragment flying along x from `v0` to `v1` m/s in `h` s, at a constant speed of sound,
    /// with the dense output of that straight line: the step's plan, end diagnostics and
    /// interpolant.
    fn straight_step(node: NodeModel, v0: f64, v1: f64, h: f64) -> (Flight, StepPlan, Aux, Dense) {
        let aux = |v: f64| Aux {
            altitude_m: 20e3,
            speed_m_s: v,
            mach: v / SOUND_SPEED_M_S,
            ..Aux::default()
        };
        let y0 = [6.4e6, 0.0, 0.0, v0, 0.0, 0.0, 10.0, 300.0];
        let y1 = [
            6.4e6 + 0.5 * (v0 + v1) * h,
            0.0,
            0.0,
            v1,
            0.0,
            0.0,
            10.0,
            300.0,
        ];
        let slope: State = std::array::from_fn(|i| (y1[i] - y0[i]) / h);
        let controls = Controls {
            breakup_altitude_m: None,
            releases: Vec::new(),
            carried_mass_kg: 0.0,
            burns: Vec::new(),
            tolerances: Tolerances::default(),
            output_step_s: None,
        };
        let flight = Flight::start(0.0, y0, node, controls, aux(v0));
        let plan = StepPlan {
            h_s: h,
            t1_s: h,
            forced: false,
        };
        // k1 = k7 = the slope and no fourth-order term: the interpolant is the straight line.
        let dense = Dense::new(0.0, h, &y0, &y1, &slope, &slope, &[0.0; STATE_LEN]);
        (flight, plan, aux(v1), dense)
    }

    fn steel_box(drag_coefficient: Option<f64>) -> NodeModel {
        let material = Material {
            id: "steel".into(),
            density_kg_m3: 8000.0,
            specific_heat_j_kg_k: 500.0,
            melt_temperature_k: 1700.0,
            heat_of_fusion_j_kg: 2.7e5,
            emissivity: 0.8,
            ..Default::default()
        };
        let shape = Shape::Box {
            length_m: 0.2,
            width_m: 0.2,
            height_m: 0.1,
        };
        let mut spec = FragmentSpec::new("box", shape, material, 10.0, false);
        spec.drag_coefficient = drag_coefficient;
        NodeModel::fragment(&spec)
    }

    #[test]
    fn a_rejected_step_is_cut_just_short_of_the_drag_curve_corner_it_crosses() {
        // Mach 1.25 → 1.15 in 1 s crosses the corner at 1.2: the cut ends where Mach is
        // 1.2 + CORNER_MARGIN_MACH, i.e. at speed 360.15 m/s, 0.495 s into the step.
        let (flight, plan, aux1, dense) = straight_step(steel_box(None), 375.0, 345.0, 1.0);
        let t = flight
            .corner_crossing(plan, &aux1, &|| dense)
            .expect("a corner is crossed");
        let expected = (375.0 - SOUND_SPEED_M_S * (1.2 + CORNER_MARGIN_MACH)) / 30.0;
        assert!((t - expected).abs() < 2e-6, "{t} vs {expected}");
        // Accelerating through the same corner, the cut ends as far short of it on the other
        // side.
        let (flight, plan, aux1, dense) = straight_step(steel_box(None), 345.0, 375.0, 1.0);
        let t = flight
            .corner_crossing(plan, &aux1, &|| dense)
            .expect("crossed");
        let expected = (SOUND_SPEED_M_S * (1.2 - CORNER_MARGIN_MACH) - 345.0) / 30.0;
        assert!((t - expected).abs() < 2e-6, "{t} vs {expected}");
    }

    #[test]
    fn no_cut_without_a_corner_inside_the_step_or_a_drag_curve() {
        // Mach 1.45 → 1.25: no corner between (1.2 and 1.5 lie outside).
        let (flight, plan, aux1, dense) = straight_step(steel_box(None), 435.0, 375.0, 1.0);
        assert_eq!(flight.corner_crossing(plan, &aux1, &|| dense), None);
        // A fixed drag coefficient has no corners.
        let (flight, plan, aux1, dense) = straight_step(steel_box(Some(1.0)), 375.0, 345.0, 1.0);
        assert_eq!(flight.corner_crossing(plan, &aux1, &|| dense), None);
        // A step that starts on the corner's margin (the previous one was cut there) goes on.
        let start = SOUND_SPEED_M_S * (1.2 + CORNER_MARGIN_MACH);
        let (flight, plan, aux1, dense) = straight_step(steel_box(None), start, 345.0, 1.0);
        assert_eq!(flight.corner_crossing(plan, &aux1, &|| dense), None);
    }
}
