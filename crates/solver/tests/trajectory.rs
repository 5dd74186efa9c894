//! Time histories: rows at every output step from the dense output plus the exact event points,
//! grouped by node in time order, the same from both kernels.

mod common;

use reentry_solver::{Kernel, NodeId, SolveOptions, solve};

/// Lanes and reference rows agree to this in altitude (m): both interpolate their own steps,
/// which differ at the integration-error level (see lanes_vs_reference.rs).
const ROW_ALTITUDE_TOL_M: f64 = 3.0;

#[test]
fn rows_at_the_output_step_with_event_points() {
    let p = common::p3();
    let options = |kernel| SolveOptions {
        kernel,
        trajectory_step_s: Some(1.0),
    };
    let reference = solve(&p, &options(Kernel::Reference));
    let lanes = solve(&p, &options(Kernel::Lanes));
    assert_eq!(reference.trajectory.len(), lanes.trajectory.len());
    for (a, b) in reference.trajectory.iter().zip(&lanes.trajectory) {
        assert_eq!(a.node, b.node);
        assert!(
            (a.altitude_m - b.altitude_m).abs() < ROW_ALTITUDE_TOL_M,
            "{a:?} vs {b:?}"
        );
    }
    let rows = &reference.trajectory;
    // Grouped by node in outcome order, each in time order.
    let order: Vec<NodeId> = reference.nodes.iter().map(|n| n.node).collect();
    let mut seen = Vec::new();
    for r in rows {
        if seen.last() != Some(&r.node) {
            assert!(
                !seen.contains(&r.node),
                "rows of {:?} are not contiguous",
                r.node
            );
            seen.push(r.node);
        }
    }
    assert_eq!(seen, order);
    for node in &reference.nodes {
        let own: Vec<_> = rows.iter().filter(|r| r.node == node.node).collect();
        assert!(
            own.windows(2).all(|w| w[0].time_s < w[1].time_s),
            "{:?} times increase",
            node.node
        );
        // First row: the release; last row: the exact end event.
        let last = own.last().expect("rows");
        assert_eq!(last.time_s, node.end_time_s);
        assert!((last.altitude_m - node.end_altitude_m).abs() < 1e-6);
        // Interior rows sit on the 1 s grid, except a melt onset.
        let off_grid = own[1..own.len() - 1]
            .iter()
            .filter(|r| r.time_s != r.time_s.round())
            .count();
        assert!(
            off_grid <= 1,
            "{:?}: {off_grid} rows off the grid",
            node.node
        );
        match node.node {
            NodeId::Vehicle => {
                assert!((last.altitude_m - 78e3).abs() < 1.0);
                assert!(own.iter().all(|r| r.temperature_k.is_nan()));
            }
            NodeId::Fragment(_) => {
                assert!((own[0].altitude_m - 78e3).abs() < 1.0);
                assert!(own.iter().all(|r| r.temperature_k.is_finite()));
            }
        }
    }
    // The panel (demised) records its melt onset: a row at exactly T_m = 860 K before the end.
    let panel: Vec<_> = rows
        .iter()
        .filter(|r| r.node == NodeId::Fragment(1))
        .collect();
    assert!(
        panel
            .iter()
            .any(|r| r.temperature_k == 860.0 && r.time_s.fract() != 0.0)
    );
}
