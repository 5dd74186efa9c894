//! The reference path: one trajectory at a time in plain `f64` (the oracle for the lanes path
//! and `--kernel reference`).

use reentry_atmosphere::Atmosphere;

use crate::dopri::{A3, A4, A5, A6, A21, B, C, D, E};
use crate::flight::{Dense, Flight, Probes, State};
use std::cell::Cell;

use reentry_atmosphere::nrlmsise00::Column;

use crate::model::reference::{column_point, rhs};
use crate::model::{Aux, ModelEnvironment, NodeModel, STATE_LEN};
use crate::tree::{SampleTree, WorkItem};
use crate::{Problem, SampleOutcome};
use reentry_physics::earth::reference::geodetic_from_ecef;

/// Absolute tolerance of each state component: position a (m), velocity a·1e-3 (m/s),
/// mass a·1e-3·m_ref (kg, m_ref the node's reference mass), temperature a·1e-2 (K, numerically:
/// 1e-5 K by default, about rtol·T, so the temperature is controlled relatively).
///
/// The temperature's share was a (1e-3 K) before: it let the melt onset drift by ~1e-4 s, which
/// set the demise time of the canonical sphere to ±7e-5 s whatever rtol (0.5 m along the track);
/// at a·1e-2 the error follows rtol (1.8e-7 s at rtol 1e-8) for 7 % more steps on that problem
/// and 4 % on the Progress MS-31 Monte Carlo (docs/performance.md, Peers).
pub fn absolute_tolerances(absolute_position_m: f64, node: &NodeModel) -> State {
    let a = absolute_position_m;
    let v = a * 1e-3;
    [
        a,
        a,
        a,
        v,
        v,
        v,
        a * 1e-3 * node.reference_mass_kg,
        a * 1e-2,
    ]
}

/// One Dormand–Prince step of size h from (t0, y0) with k1 = f(t0, y0), through `f`.
/// Returns (y1, k7, aux1, error norm, h·Σ d_i k_i, the diagnostics of the third stage at
/// t0 + 0.3 h, [`crate::flight::PEAK_SAMPLE_FRACTION`]).
#[allow(clippy::too_many_arguments)]
pub fn dopri_step(
    f: &mut dyn FnMut(f64, &State) -> (State, Aux),
    t0_s: f64,
    t1_s: f64,
    h: f64,
    y0: &State,
    k1: &State,
    atol: &State,
    rtol: f64,
) -> (State, State, Aux, f64, State, Aux) {
    let comb = |ks: &[&State], w: &[f64]| -> State {
        std::array::from_fn(|i| {
            let mut s = 0.0;
            for (k, c) in ks.iter().zip(w) {
                s += c * k[i];
            }
            y0[i] + h * s
        })
    };
    let y2 = comb(&[k1], &[A21]);
    let (k2, _) = f(t0_s + C[1] * h, &y2);
    let y3 = comb(&[k1, &k2], &A3);
    let (k3, aux3) = f(t0_s + C[2] * h, &y3);
    let y4 = comb(&[k1, &k2, &k3], &A4);
    let (k4, _) = f(t0_s + C[3] * h, &y4);
    let y5 = comb(&[k1, &k2, &k3, &k4], &A5);
    let (k5, _) = f(t0_s + C[4] * h, &y5);
    let y6 = comb(&[k1, &k2, &k3, &k4, &k5], &A6);
    let (k6, _) = f(t1_s, &y6);
    let y7 = comb(&[k1, &k2, &k3, &k4, &k5, &k6], &B);
    let (k7, aux7) = f(t1_s, &y7);
    let ks = [k1, &k2, &k3, &k4, &k5, &k6, &k7];
    let mut sum = 0.0;
    let mut hd = [0.0; STATE_LEN];
    for i in 0..STATE_LEN {
        let mut e = 0.0;
        let mut d = 0.0;
        for j in 0..7 {
            e += E[j] * ks[j][i];
            d += D[j] * ks[j][i];
        }
        hd[i] = h * d;
        let scale = atol[i] + rtol * y0[i].abs().max(y7[i].abs());
        let r = h * e / scale;
        sum += r * r;
    }
    let err = (sum / STATE_LEN as f64).sqrt();
    (y7, k7, aux7, err, hd, aux3)
}

/// Flies one node to its end with the plain-`f64` kernel. With
/// [`crate::HorizontalUpdate::PerStep`], each step's stages (and the events located inside
/// it) take the atmosphere's horizontal terms from one column at the step's predicted midpoint
/// ([`crate::model::reference::column_point`]); derivatives at a flight's start or after an
/// event are exact.
pub fn fly(flight: &mut Flight, env: &ModelEnvironment, atmosphere: &Atmosphere) {
    let column: Cell<Option<Column>> = Cell::new(None);
    fly_with_steps(
        flight,
        &mut |node, t, y| rhs(t, y, node, env, atmosphere, column.get().as_ref()),
        &mut |step| {
            column.set(match step {
                Some(s) if env.column_per_step => {
                    atmosphere.column(&column_point(env, s.t0_s, s.h_s, s.y0))
                }
                _ => None,
            })
        },
        &mut |_, y| geodetic_from_ecef([y[0], y[1], y[2]]).altitude_m,
    );
}

/// Flies one node to its end with any right-hand side `model(node, t, y)` (the solver's own,
/// or an idealised one in tests: flat Earth, point-mass gravity only); `altitude_m(t, y)` is the
/// altitude the model's diagnostics report (altitude events are located on it).
pub fn fly_with(
    flight: &mut Flight,
    model: &mut dyn FnMut(&NodeModel, f64, &State) -> (State, Aux),
    altitude_m: &mut dyn FnMut(f64, &State) -> f64,
) {
    fly_with_steps(flight, model, &mut |_| {}, altitude_m);
}

/// Where an integration step starts, and its size.
#[derive(Debug, Clone, Copy)]
pub struct StepStart<'a> {
    /// Start time, s.
    pub t0_s: f64,
    /// Step size, s.
    pub h_s: f64,
    /// Start state.
    pub y0: &'a State,
}

/// [`fly_with`], telling `step` where each step starts before its stages, and `None` before
/// derivatives outside a step (a flight's start, after an event).
pub fn fly_with_steps(
    flight: &mut Flight,
    model: &mut dyn FnMut(&NodeModel, f64, &State) -> (State, Aux),
    step: &mut dyn FnMut(Option<StepStart<'_>>),
    altitude_m: &mut dyn FnMut(f64, &State) -> f64,
) {
    let rtol = flight.controls.tolerances.relative;
    while flight.fate.is_none() {
        let node = flight.node;
        if flight.need_k1 {
            step(None);
        }
        let mut f = |t: f64, y: &State| model(&node, t, y);
        if flight.need_k1 {
            let (k, aux) = f(flight.t_s, &flight.y);
            flight.k1 = k;
            flight.aux = aux;
            flight.need_k1 = false;
        }
        let atol = absolute_tolerances(flight.controls.tolerances.absolute_position_m, &node);
        let plan = flight.plan();
        let (t0, y0, k1) = (flight.t_s, flight.y, flight.k1);
        step(Some(StepStart {
            t0_s: t0,
            h_s: plan.h_s,
            y0: &y0,
        }));
        let mut f = |t: f64, y: &State| model(&node, t, y);
        let (y1, k7, aux1, err, hd, aux3) =
            dopri_step(&mut f, t0, plan.t1_s, plan.h_s, &y0, &k1, &atol, rtol);
        let dense = Dense::new(t0, plan.h_s, &y0, &y1, &k1, &k7, &hd);
        let dense_at = || dense;
        // Peak samples inside the step: the state at its midpoint (dense output) and the third
        // stage's diagnostics, which the step has computed anyway.
        let y_mid = dense.at(t0 + 0.5 * plan.h_s);
        let mut probes = Probes {
            altitude_m: &mut *altitude_m,
            model: &mut f,
        };
        flight.on_step(
            plan,
            (err, crate::dopri::step_factor(err)),
            &y1,
            &k7,
            &aux1,
            &dense_at,
            (&y_mid, &aux3),
            &mut probes,
        );
    }
}

/// Starts the flight of a work item (diagnostics at its start included).
pub fn start_flight(tree: &SampleTree<'_>, item: &WorkItem) -> Flight {
    let (node, controls) = tree.node_setup(item.node);
    let (_, aux0) = rhs(
        item.t0_s,
        &item.y0,
        &node,
        &tree.env,
        &tree.problem.environment.atmosphere,
        None,
    );
    Flight::start(item.t0_s, item.y0, node, controls, aux0)
}

/// Solves one sample node by node (depth-first order does not matter: nodes are independent
/// once started).
pub fn solve(problem: &Problem, output_step_s: Option<f64>) -> SampleOutcome {
    solve_with_steps(problem, output_step_s).0
}

/// [`solve`], also returning the number of attempted integration steps.
pub fn solve_with_steps(problem: &Problem, output_step_s: Option<f64>) -> (SampleOutcome, u64) {
    let (mut tree, mut queue) = SampleTree::new(problem, output_step_s);
    let atmosphere = problem.environment.atmosphere.clone();
    while let Some(item) = queue.pop() {
        let mut flight = start_flight(&tree, &item);
        fly(&mut flight, &tree.env, &atmosphere);
        let children = tree.finish(&item, flight);
        queue.extend(children);
    }
    let steps = tree.steps;
    (tree.into_outcome(), steps)
}
