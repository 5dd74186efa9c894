//! One Dormand–Prince step, lane by lane against the reference: the stages, the error norm and
//! the step-size factor the controller takes from it agree to within rounding, for 8 different
//! nodes in one batch (fragments heating, melting, in free-molecular and continuum flow, the
//! vehicle coasting and thrusting).

mod common;

use reentry_atmosphere::Atmosphere;
use reentry_lanes::{F64s, LANES};
use reentry_solver::Burn;
use reentry_solver::dopri::{step_factor, step_factor_lanes};
use reentry_solver::flight::State;
use reentry_solver::lanes::dopri_step as lanes_step;
use reentry_solver::model::lanes::{EnvironmentLanes, NodeLanes, StateLanes};
use reentry_solver::model::{ModelEnvironment, NodeModel, STATE_LEN, lanes, reference};
use reentry_solver::reference::{absolute_tolerances, dopri_step};

/// End states agree to this relative amount (per component, against the component's scale):
/// the kernels' functions differ by a few ulp; measured 2.5e-15.
const STATE_REL_TOL: f64 = 1e-13;
/// Error norms agree to this absolute amount (the norm is dimensionless; a step is accepted at
/// ≤ 1). The norm is a difference of stages that cancel to 1e-6 and less of their size, which
/// amplifies the ulp-level differences of the right-hand sides (measured: k1 agrees to 4e-16,
/// the norms to 3e-10 absolute). Only a norm within 1e-8 of 1 could be judged differently.
const ERROR_NORM_ABS_TOL: f64 = 1e-8;
/// Step-size factors (lanes: `wide`'s pow; reference: libm's) agree to this relative amount:
/// 0.9 err^(−1/5) is clamped to 5 below err = 1.9e-4, and above it a 1e-8 difference of err
/// moves the factor by at most 1e-5.
const STEP_FACTOR_REL_TOL: f64 = 1e-5;

#[test]
fn lanes_step_equals_reference_step_lane_by_lane() {
    let p3 = common::p3();
    let p4 = common::p4();
    let env = ModelEnvironment::new(&p3.environment, p3.epoch.j2000_s);
    let atmosphere = Atmosphere::Us76;
    let vehicle = NodeModel::vehicle(p3.vehicle.as_ref().expect("vehicle"));
    let burn: &Burn = &p4.burns[0];
    let mut thrusting =
        NodeModel::vehicle(p4.vehicle.as_ref().expect("vehicle")).with_burn(Some(burn));
    thrusting.pitch_rad = 0.1;
    let bottle = NodeModel::fragment(&p3.fragments[0]);
    let plate = NodeModel::fragment(&p3.fragments[1]);
    let mut melting_plate = plate;
    melting_plate.melt_switch_temperature_k = melting_plate.melt_temperature_k;
    let engine = NodeModel::fragment(&p3.fragments[2]);
    let sphere = NodeModel::fragment(&common::p1().fragments[0]);
    let r = 6_378_137.0;
    // (node, altitude m, speed m/s, flight-path angle deg, mass kg, temperature K, h s)
    let cases: [(NodeModel, f64, f64, f64, f64, f64, f64); LANES] = [
        (vehicle, 105e3, 7500.0, -1.3, 4000.0, 0.0, 2.0),
        (thrusting, 400e3, 7660.0, 0.0, 5800.0, 0.0, 10.0),
        (bottle, 120e3, 7400.0, -1.0, 14.0, 300.0, 1.0),
        (bottle, 70e3, 6000.0, -3.0, 14.0, 1200.0, 0.5),
        (plate, 80e3, 7300.0, -2.0, 10.0, 700.0, 0.4),
        (melting_plate, 72e3, 6800.0, -2.5, 6.0, 860.0, 0.3),
        (engine, 30e3, 900.0, -40.0, 55.0, 1300.0, 1.5),
        (sphere, 65e3, 6500.0, -4.0, 2.4, 500.0, 0.2),
    ];
    let states: [State; LANES] = std::array::from_fn(|i| {
        let (_, alt, v, fpa, m, t, _) = cases[i];
        let g = fpa.to_radians();
        [
            r + alt,
            0.0,
            1000.0 * i as f64,
            v * g.sin(),
            v * g.cos(),
            0.0,
            m,
            t,
        ]
    });
    let nodes: [NodeModel; LANES] = std::array::from_fn(|i| cases[i].0);
    let hs: [f64; LANES] = std::array::from_fn(|i| cases[i].6);
    let t0 = 100.0;
    let rtol = 1e-8;
    let atols: [State; LANES] = std::array::from_fn(|i| absolute_tolerances(1e-3, &nodes[i]));

    let lane =
        |a: [[f64; LANES]; STATE_LEN], i: usize| -> State { std::array::from_fn(|c| a[c][i]) };
    let soa = |rows: &[State; LANES]| -> StateLanes {
        std::array::from_fn(|c| F64s::from(std::array::from_fn::<f64, LANES, _>(|i| rows[i][c])))
    };
    let node_lanes = NodeLanes::gather(&nodes);
    let env_lanes = EnvironmentLanes::gather(&[env; LANES]);
    let f = |t: F64s, y: &StateLanes| lanes::rhs(t, y, &node_lanes, &env_lanes, &atmosphere, None);
    let y0 = soa(&states);
    let t0_l = F64s::splat(t0);
    let h_l = F64s::from(hs);
    let (k1_l, _) = f(t0_l, &y0);
    let (y1_l, _, _, err_l, _, _) = lanes_step(
        &f,
        (t0_l, t0_l + h_l, h_l),
        &y0,
        &k1_l,
        &soa(&atols),
        F64s::splat(rtol),
    );
    let (y1_l, err_l) = (y1_l.map(|c| c.to_array()), err_l.to_array());

    let (mut worst_state, mut worst_err) = (0.0f64, 0.0f64);
    for i in 0..LANES {
        let mut g = |t: f64, y: &State| reference::rhs(t, y, &nodes[i], &env, &atmosphere, None);
        let (k1, _) = g(t0, &states[i]);
        let (y1, _, _, err, _, _) = dopri_step(
            &mut g,
            t0,
            t0 + hs[i],
            hs[i],
            &states[i],
            &k1,
            &atols[i],
            rtol,
        );
        let yl = lane(y1_l, i);
        for c in 0..STATE_LEN {
            let scale = states[i][c].abs().max(y1[c].abs()).max(atols[i][c]);
            let d = (yl[c] - y1[c]).abs() / scale;
            worst_state = worst_state.max(d);
            assert!(
                d < STATE_REL_TOL,
                "lane {i} component {c}: {} vs {}",
                yl[c],
                y1[c]
            );
        }
        let de = (err_l[i] - err).abs();
        worst_err = worst_err.max(de);
        assert!(
            de < ERROR_NORM_ABS_TOL,
            "lane {i}: error norm {} vs {err}",
            err_l[i]
        );
        // The controller's decision and factor follow.
        assert_eq!(err_l[i] <= 1.0, err <= 1.0, "lane {i}: accept/reject");
        let lanes_factor = step_factor_lanes(F64s::splat(err_l[i])).to_array()[0];
        let df = (lanes_factor - step_factor(err)).abs() / step_factor(err);
        assert!(df < STEP_FACTOR_REL_TOL, "lane {i}: step factor");
    }
    eprintln!(
        "one step: worst state difference {worst_state:e}, worst error-norm difference {worst_err:e}"
    );
}
