//! The lanes path: batches of LANES lanes stepped together by the SIMD kernel, each lane an
//! independent flight with its own time, step size, error control and events. A pool of
//! `BATCHES` × LANES slots is refilled from a FIFO work queue (children of nodes that just
//! ended, nodes of the next problems) so the lanes stay busy, and each round deals the busy
//! flights into batches by altitude (see `BATCHES`).
//!
//! Per step, the Runge–Kutta stages, the error norm, the dense-output coefficients and the
//! diagnostics (at the step end and at the third stage, for the peaks) are computed for all lanes
//! at once by
//! [`crate::model::lanes::rhs`]. The per-lane bookkeeping that follows (accept or reject, the
//! step-size factor, event location, peaks, releases) is the plain [`crate::flight::Flight`]
//! logic both paths share, so that one lane takes exactly the decisions the reference path
//! takes, to within the rounding of the kernels.

use std::collections::VecDeque;
use std::sync::Arc;

use reentry_atmosphere::Atmosphere;
use reentry_lanes::{F64s, LANES};

use crate::dopri::{A3, A4, A5, A6, A21, B, C, D, E};
use crate::flight::{Dense, Flight, Probes, State};
use crate::model::lanes::{AuxLanes, EnvironmentLanes, NodeLanes, StateLanes, column_points, rhs};
use crate::model::{ModelEnvironment, NodeModel, STATE_LEN, reference};
use crate::reference::{absolute_tolerances, start_flight};
use crate::tree::{SampleTree, WorkItem};
use crate::{Problem, SampleOutcome};
use reentry_physics::earth::reference::geodetic_from_ecef;

/// A state far from anything (500 km over the equator, circular speed) for lanes without a
/// flight in a batch without any (never stepped). The idle lanes of a batch repeat its first
/// busy lane (state, derivative, time, step and parameters): a region of the kernels that no
/// busy lane needs (NRLMSISE-00's thermosphere above 72.5 km for a batch of low fragments, say)
/// is then skipped, and the busy lanes' results do not depend on the other lanes either way.
const IDLE_STATE: State = [6_878_137.0, 0.0, 0.0, 0.0, 7_612.0, 0.0, 1.0, 300.0];

/// Counters of one engine run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EngineStats {
    /// Batch steps taken (each advances every busy lane by one attempted step).
    pub batch_steps: u64,
    /// Lane-steps attempted in busy lanes.
    pub lane_steps: u64,
    /// Node flights completed.
    pub flights: u64,
}

/// Solves problems with the lanes engine; problems that share an atmosphere, gravity and
/// heating model share one work queue. Returns one outcome per problem, in order.
pub fn solve_problems(problems: &[Problem], output_step_s: Option<f64>) -> Vec<SampleOutcome> {
    solve_problems_with_stats(problems, output_step_s).0
}

/// [`solve_problems`] with the engine's counters.
pub fn solve_problems_with_stats(
    problems: &[Problem],
    output_step_s: Option<f64>,
) -> (Vec<SampleOutcome>, EngineStats) {
    // Problems whose atmosphere, gravity, heating and horizontal update are the same share a
    // queue. US76 has no parameters, so every instance is the same model; other models are
    // shared by pointer (a Monte Carlo run clones one `Arc`).
    let same_atmosphere = |a: &Arc<Atmosphere>, b: &Arc<Atmosphere>| {
        Arc::ptr_eq(a, b) || (matches!(**a, Atmosphere::Us76) && matches!(**b, Atmosphere::Us76))
    };
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, p) in problems.iter().enumerate() {
        let e = &p.environment;
        match groups.iter_mut().find(|(first, _)| {
            let f = &problems[*first].environment;
            same_atmosphere(&f.atmosphere, &e.atmosphere)
                && f.gravity == e.gravity
                && f.heating == e.heating
                && f.horizontal_update == e.horizontal_update
        }) {
            Some((_, members)) => members.push(i),
            None => groups.push((i, vec![i])),
        }
    }
    let mut outcomes: Vec<Option<SampleOutcome>> = vec![None; problems.len()];
    let mut stats = EngineStats::default();
    for (_, members) in groups {
        let group: Vec<&Problem> = members.iter().map(|&i| &problems[i]).collect();
        let (outs, s) = run_engine(&group, output_step_s);
        stats.batch_steps += s.batch_steps;
        stats.lane_steps += s.lane_steps;
        stats.flights += s.flights;
        for (i, o) in members.into_iter().zip(outs) {
            outcomes[i] = Some(o);
        }
    }
    (
        outcomes
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect(),
        stats,
    )
}

/// One Dormand–Prince step for every lane, the twin of [`crate::reference::dopri_step`]: from
/// (t0, y0) with k1 = f(t0, y0) to t1 = t0 + h (`times` = (t0, t1, h), per lane). Returns (y1,
/// k7, diagnostics at y1, error norm, h·Σ d_i k_i, diagnostics of the third stage at t0 + 0.3 h);
/// the error norm is the RMS over the state of h·Σ e_i k_i / (atol + rtol·max(|y0|, |y1|)).
pub fn dopri_step<F: Fn(F64s, &StateLanes) -> (StateLanes, AuxLanes)>(
    f: &F,
    (t0, t1, h): (F64s, F64s, F64s),
    y0: &StateLanes,
    k1: &StateLanes,
    atol: &StateLanes,
    rtol: F64s,
) -> (StateLanes, StateLanes, AuxLanes, F64s, StateLanes, AuxLanes) {
    let comb = |ks: &[&StateLanes], w: &[f64]| -> StateLanes {
        std::array::from_fn(|c| {
            let mut s = F64s::ZERO;
            for (k, wj) in ks.iter().zip(w) {
                s += F64s::splat(*wj) * k[c];
            }
            y0[c] + h * s
        })
    };
    let y2 = comb(&[k1], &[A21]);
    let (k2, _) = f(t0 + F64s::splat(C[1]) * h, &y2);
    let y3 = comb(&[k1, &k2], &A3);
    let (k3, aux3) = f(t0 + F64s::splat(C[2]) * h, &y3);
    let y4 = comb(&[k1, &k2, &k3], &A4);
    let (k4, _) = f(t0 + F64s::splat(C[3]) * h, &y4);
    let y5 = comb(&[k1, &k2, &k3, &k4], &A5);
    let (k5, _) = f(t0 + F64s::splat(C[4]) * h, &y5);
    let y6 = comb(&[k1, &k2, &k3, &k4, &k5], &A6);
    let (k6, _) = f(t1, &y6);
    let y7 = comb(&[k1, &k2, &k3, &k4, &k5, &k6], &B);
    let (k7, aux7) = f(t1, &y7);
    let ks = [k1, &k2, &k3, &k4, &k5, &k6, &k7];
    let mut sum = F64s::ZERO;
    let mut hd: StateLanes = [F64s::ZERO; STATE_LEN];
    for c in 0..STATE_LEN {
        let mut e = F64s::ZERO;
        let mut d = F64s::ZERO;
        for j in 0..7 {
            e += F64s::splat(E[j]) * ks[j][c];
            d += F64s::splat(D[j]) * ks[j][c];
        }
        hd[c] = h * d;
        let scale = atol[c] + rtol * y0[c].abs().max(y7[c].abs());
        let r = h * e / scale;
        sum += r * r;
    }
    let err = (sum / F64s::splat(STATE_LEN as f64)).sqrt();
    (y7, k7, aux7, err, hd, aux3)
}

/// Batches the engine keeps in flight. Each round deals the busy flights into batches of LANES
/// in order of altitude, so that a batch's lanes tend to need the same branches of the kernels
/// (NRLMSISE-00's thermosphere above 72.5 km, its mixing region above 62.5 km, the troposphere
/// spline, the rarefied-flow bridge), which a batch evaluates when any of its lanes needs them.
/// Which flights share a batch changes no result: a lane's values do not depend on its
/// neighbours (`tests/lanes_vs_reference.rs`).
const BATCHES: usize = 8;

struct Slot {
    sample: usize,
    item: WorkItem,
    flight: Flight,
    /// Absolute tolerances of the flight's node (recomputed when the node changes).
    atol: State,
}

fn run_engine(
    problems: &[&Problem],
    output_step_s: Option<f64>,
) -> (Vec<SampleOutcome>, EngineStats) {
    let mut stats = EngineStats::default();
    let Some(first) = problems.first() else {
        return (Vec::new(), stats);
    };
    let atmosphere = first.environment.atmosphere.clone();
    let mut trees = Vec::with_capacity(problems.len());
    let mut queue: VecDeque<(usize, WorkItem)> = VecDeque::new();
    for (s, p) in problems.iter().enumerate() {
        let (tree, roots) = SampleTree::new(p, output_step_s);
        trees.push(tree);
        queue.extend(roots.into_iter().map(|r| (s, r)));
    }
    let mut slots: Vec<Option<Slot>> = (0..BATCHES * LANES).map(|_| None).collect();
    let mut order: Vec<usize> = Vec::with_capacity(slots.len());

    loop {
        // Refill idle slots from the queue; flights that end at their start finish at once.
        for slot in slots.iter_mut() {
            while slot.is_none() {
                let Some((sample, item)) = queue.pop_front() else {
                    break;
                };
                let mut flight = start_flight(&trees[sample], &item);
                // The sample tree evaluates the diagnostics of every history row with the
                // reference kernel when the flight ends: the rows need not carry them.
                flight.row_diagnostics = false;
                if flight.fate.is_some() {
                    let children = trees[sample].finish(&item, flight);
                    stats.flights += 1;
                    queue.extend(children.into_iter().map(|c| (sample, c)));
                } else {
                    let atol = absolute_tolerances(
                        flight.controls.tolerances.absolute_position_m,
                        &flight.node,
                    );
                    *slot = Some(Slot {
                        sample,
                        item,
                        flight,
                        atol,
                    });
                }
            }
        }
        order.clear();
        order.extend((0..slots.len()).filter(|&i| slots[i].is_some()));
        if order.is_empty() {
            break;
        }
        let altitude = |i: &usize| slots[*i].as_ref().map_or(0.0, |s| s.flight.aux.altitude_m);
        order.sort_by(|a, b| altitude(b).total_cmp(&altitude(a)).then(a.cmp(b)));
        for chunk in order.chunks(LANES) {
            let lanes: [Option<usize>; LANES] = std::array::from_fn(|i| chunk.get(i).copied());
            step_batch(
                &mut slots,
                &lanes,
                &mut trees,
                &mut queue,
                &atmosphere,
                &mut stats,
            );
        }
    }
    (
        trees.into_iter().map(SampleTree::into_outcome).collect(),
        stats,
    )
}

/// One attempted step of the busy flights `lanes` (indices into `slots`; `None` for idle
/// lanes, which repeat the first busy lane's values, see `IDLE_STATE`), then each flight's
/// bookkeeping; flights that end hand their children to the queue.
fn step_batch(
    slots: &mut [Option<Slot>],
    lanes: &[Option<usize>; LANES],
    trees: &mut [SampleTree<'_>],
    queue: &mut VecDeque<(usize, WorkItem)>,
    atmosphere: &Atmosphere,
    stats: &mut EngineStats,
) {
    let donor = lanes.iter().flatten().next().copied();
    let busy = |i: usize| lanes[i].or(donor).and_then(|k| slots[k].as_ref());
    let nodes: [NodeModel; LANES] = std::array::from_fn(|i| match busy(i) {
        Some(s) => s.flight.node,
        None => idle_node(),
    });
    let envs: [ModelEnvironment; LANES] =
        std::array::from_fn(|i| busy(i).map_or(trees[0].env, |s| trees[s.sample].env));
    let node_lanes = NodeLanes::gather(&nodes);
    let env_lanes = EnvironmentLanes::gather(&envs);
    let gather = |f: &dyn Fn(&Slot) -> State, idle: &State| -> StateLanes {
        let rows: [State; LANES] = std::array::from_fn(|i| busy(i).map_or(*idle, f));
        std::array::from_fn(|c| F64s::from(std::array::from_fn::<f64, LANES, _>(|i| rows[i][c])))
    };
    let atol = gather(&|s| s.atol, &[1.0; STATE_LEN]);
    let rtol = F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
        busy(i).map_or(1e-6, |s| s.flight.controls.tolerances.relative)
    }));
    let t0 = F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
        busy(i).map_or(0.0, |s| s.flight.t_s)
    }));
    let y0 = gather(&|s| s.flight.y, &IDLE_STATE);

    // Fresh derivatives where a flight started or an event changed the state.
    if lanes
        .iter()
        .flatten()
        .any(|&k| slots[k].as_ref().is_some_and(|s| s.flight.need_k1))
    {
        let (k, aux) = rhs(t0, &y0, &node_lanes, &env_lanes, atmosphere, None);
        let k_arr = k.map(|c| c.to_array());
        let aux_arr = aux.to_arrays();
        for (i, lane) in lanes.iter().enumerate() {
            if let Some(s) = lane.and_then(|k| slots[k].as_mut())
                && s.flight.need_k1
            {
                s.flight.k1 = std::array::from_fn(|c| k_arr[c][i]);
                s.flight.aux = AuxLanes::lane(&aux_arr, i);
                s.flight.need_k1 = false;
            }
        }
    }
    let busy = |i: usize| lanes[i].or(donor).and_then(|k| slots[k].as_ref());
    let k1: StateLanes = {
        let rows: [State; LANES] =
            std::array::from_fn(|i| busy(i).map_or([0.0; STATE_LEN], |s| s.flight.k1));
        std::array::from_fn(|c| F64s::from(std::array::from_fn::<f64, LANES, _>(|i| rows[i][c])))
    };
    let plans: [Option<crate::flight::StepPlan>; LANES] = std::array::from_fn(|i| {
        lanes[i]
            .and_then(|k| slots[k].as_ref())
            .map(|s| s.flight.plan())
    });
    let donor_plan = plans.iter().flatten().next().copied();
    let h = F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
        plans[i].or(donor_plan).map_or(1.0, |p| p.h_s)
    }));
    let t1 = F64s::from(std::array::from_fn::<f64, LANES, _>(|i| {
        plans[i].or(donor_plan).map_or(1.0, |p| p.t1_s)
    }));

    // One atmosphere column per lane at the step's predicted midpoint (HorizontalUpdate::PerStep,
    // the same for every lane of an engine), as `reference::fly` takes it.
    let column = if envs[0].column_per_step {
        atmosphere.column_lanes(&column_points(&env_lanes, t0, h, &y0))
    } else {
        None
    };
    let (y7, k7, aux7, err_lanes, hd, aux3) = dopri_step(
        &|t, y| rhs(t, y, &node_lanes, &env_lanes, atmosphere, column.as_ref()),
        (t0, t1, h),
        &y0,
        &k1,
        &atol,
        rtol,
    );
    let err = err_lanes.to_array();
    let factor = crate::dopri::step_factor_lanes(err_lanes).to_array();

    // Midpoint of the dense output (the temperature peak), all lanes at once:
    // y(½) = r0 + ½ (r1 + ½ (r2 + ½ (r3 + ½ r4))).
    let half = F64s::splat(0.5);
    let y_mid: StateLanes = std::array::from_fn(|c| {
        let ydiff = y7[c] - y0[c];
        let bspl = h * k1[c] - ydiff;
        let r3 = ydiff - h * k7[c] - bspl;
        y0[c] + half * (ydiff + half * (bspl + half * (r3 + half * hd[c])))
    });

    // Per-lane bookkeeping.
    let to_rows = |s: &StateLanes| -> [[f64; LANES]; STATE_LEN] { s.map(|c| c.to_array()) };
    let (y7a, k7a, hda, ymida) = (to_rows(&y7), to_rows(&k7), to_rows(&hd), to_rows(&y_mid));
    // The peaks' interior diagnostics are the third stage's (Flight::on_step).
    let (aux7a, auxmida) = (aux7.to_arrays(), aux3.to_arrays());
    stats.batch_steps += 1;
    for (i, lane) in lanes.iter().enumerate() {
        let (Some(k), Some(plan)) = (*lane, plans[i]) else {
            continue;
        };
        let Some(s) = slots[k].as_mut() else { continue };
        stats.lane_steps += 1;
        let lane = |a: &[[f64; LANES]; STATE_LEN]| -> State { std::array::from_fn(|c| a[c][i]) };
        let (y1, k7i, ymid) = (lane(&y7a), lane(&k7a), lane(&ymida));
        let aux1 = AuxLanes::lane(&aux7a, i);
        let auxmid = AuxLanes::lane(&auxmida, i);
        let (y0i, k1i) = (s.flight.y, s.flight.k1);
        let t0i = s.flight.t_s;
        let dense = || Dense::new(t0i, plan.h_s, &y0i, &y1, &k1i, &k7i, &lane(&hda));
        // The batch's copies of the lane's node and environment (the flight's own, as gathered).
        let (node, env) = (&nodes[i], &envs[i]);
        // Event location evaluates single states in plain f64 (history rows take their
        // diagnostics from the sample tree, see `row_diagnostics`).
        let mut altitude = |_: f64, y: &State| geodetic_from_ecef([y[0], y[1], y[2]]).altitude_m;
        // Events inside the step and a terminal descent from its end take the step's column,
        // as on the reference path.
        // The lane's column is copied out once, and only if a probe needs it.
        let lane_column = std::cell::OnceCell::new();
        let mut model = |t: f64, y: &State| {
            let c = lane_column.get_or_init(|| column.as_ref().map(|c| c.lane(i)));
            reference::rhs(t, y, node, env, atmosphere, c.as_ref())
        };
        let mut probes = Probes {
            altitude_m: &mut altitude,
            model: &mut model,
        };
        s.flight.on_step(
            plan,
            (err[i], factor[i]),
            &y1,
            &k7i,
            &aux1,
            &dense,
            (&ymid, &auxmid),
            &mut probes,
        );
        if s.flight.node != *node {
            s.atol = absolute_tolerances(
                s.flight.controls.tolerances.absolute_position_m,
                &s.flight.node,
            );
        }
        if s.flight.fate.is_some() {
            let Some(done) = slots[k].take() else {
                continue;
            };
            let children = trees[done.sample].finish(&done.item, done.flight);
            stats.flights += 1;
            queue.extend(children.into_iter().map(|c| (done.sample, c)));
        }
    }
}

/// The node of idle lanes when no lane of a batch is busy (never stepped).
fn idle_node() -> NodeModel {
    NodeModel::fragment(&crate::problem::FragmentSpec::new(
        "",
        reentry_physics::aero::Shape::Sphere { diameter_m: 1.0 },
        reentry_physics::thermal::Material {
            id: String::new(),
            density_kg_m3: 1000.0,
            specific_heat_j_kg_k: 1000.0,
            melt_temperature_k: 1000.0,
            heat_of_fusion_j_kg: 1e5,
            emissivity: 0.5,
            ..Default::default()
        },
        1.0,
        true,
    ))
}
