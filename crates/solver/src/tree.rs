//! The fragment tree of one sample (PHYSICS.md §6), shared by both paths: which nodes fly from
//! the initial state, what each node's flight needs, and what its end releases. A child starts at
//! its parent's break-up or demise (or in flight at its own release altitude) with the parent's
//! position and velocity plus its own separation velocity; the children of a parent that lands
//! (or stops at the time limit, or fails) end with it.

use crate::flight::{Controls, Flight, InFlightRelease, State};
use crate::initial::initial_ecef_state;
use crate::model::{ModelEnvironment, NodeModel, STATE_LEN, TEMPERATURE};
use crate::{Fate, FragmentOutcome, NodeId, Parent, Problem, TrajectoryPoint};
use reentry_physics::earth::reference::geodetic_from_ecef;

/// A node ready to fly.
#[derive(Debug, Clone, Copy)]
pub struct WorkItem {
    /// Which node.
    pub node: NodeId,
    /// Start time, s.
    pub t0_s: f64,
    /// Start state.
    pub y0: State,
}

/// Bookkeeping of one sample's tree.
#[derive(Debug)]
pub struct SampleTree<'p> {
    /// The problem.
    pub problem: &'p Problem,
    /// Environment switches.
    pub env: ModelEnvironment,
    outcomes: Vec<Option<FragmentOutcome>>,
    rows: Vec<Vec<TrajectoryPoint>>,
    /// Record time histories with this step.
    pub output_step_s: Option<f64>,
    /// Attempted integration steps, all nodes.
    pub steps: u64,
}

fn slot(node: NodeId) -> usize {
    match node {
        NodeId::Vehicle => 0,
        NodeId::Fragment(i) => i + 1,
    }
}

impl<'p> SampleTree<'p> {
    /// The tree and its roots (the vehicle, and fragments without parent, from the initial state).
    pub fn new(
        problem: &'p Problem,
        output_step_s: Option<f64>,
    ) -> (SampleTree<'p>, Vec<WorkItem>) {
        let env = ModelEnvironment::new(&problem.environment, problem.epoch.j2000_s);
        let mut tree = SampleTree {
            problem,
            env,
            outcomes: vec![None; problem.fragments.len() + 1],
            rows: vec![Vec::new(); problem.fragments.len() + 1],
            output_step_s,
            steps: 0,
        };
        let start = initial_ecef_state(
            &problem.initial,
            problem.epoch,
            problem.environment.rotating_earth,
        );
        let mut roots = Vec::new();
        let mut root_nodes = Vec::new();
        if problem.vehicle.is_some() {
            root_nodes.push(NodeId::Vehicle);
        }
        for (i, f) in problem.fragments.iter().enumerate() {
            if f.parent == Parent::None {
                root_nodes.push(NodeId::Fragment(i));
            }
        }
        for node in root_nodes {
            match start {
                Some((r, v)) => {
                    let (mass_kg, temperature_k) = match node {
                        NodeId::Vehicle => {
                            (problem.vehicle.as_ref().map_or(0.0, |v| v.mass_kg), 0.0)
                        }
                        NodeId::Fragment(i) => {
                            let f = &problem.fragments[i];
                            (f.mass_kg, f.initial_temperature_k)
                        }
                    };
                    roots.push(WorkItem {
                        node,
                        t0_s: 0.0,
                        y0: [r[0], r[1], r[2], v[0], v[1], v[2], mass_kg, temperature_k],
                    });
                }
                None => {
                    let y = [f64::NAN; STATE_LEN];
                    tree.contain(node, Fate::NonFinite, 0.0, &y, None);
                }
            }
        }
        (tree, roots)
    }

    /// The right-hand-side parameters and flight controls of a node.
    pub fn node_setup(&self, node: NodeId) -> (NodeModel, Controls) {
        let p = self.problem;
        let (model, breakup, burns) = match node {
            NodeId::Vehicle => {
                let v = p.vehicle.as_ref().expect("vehicle node without a vehicle");
                (
                    NodeModel::vehicle(v),
                    Some(v.breakup_altitude_m),
                    p.burns.clone(),
                )
            }
            NodeId::Fragment(i) => {
                let f = &p.fragments[i];
                let burns = if f.parent == Parent::None && p.vehicle.is_none() {
                    p.burns.clone()
                } else {
                    Vec::new()
                };
                (NodeModel::fragment(f), None, burns)
            }
        };
        // The vehicle's mass includes its fragments, so a release in flight hands the child's
        // objects (and all below them) over; a fragment's mass is its own.
        let releases = p
            .fragments
            .iter()
            .enumerate()
            .filter(|(_, f)| parent_node(f.parent) == Some(node))
            .filter_map(|(i, f)| {
                f.release_altitude_m.map(|altitude_m| InFlightRelease {
                    child: i,
                    altitude_m,
                    handed_mass_kg: if node == NodeId::Vehicle {
                        crate::problem::subtree_mass_kg(&p.fragments, i)
                    } else {
                        0.0
                    },
                })
            })
            .collect();
        (
            model,
            Controls {
                breakup_altitude_m: breakup,
                releases,
                carried_mass_kg: if node == NodeId::Vehicle {
                    p.fragments
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| f.parent == Parent::Vehicle)
                        .map(|(i, _)| crate::problem::subtree_mass_kg(&p.fragments, i))
                        .sum()
                } else {
                    0.0
                },
                burns,
                tolerances: p.tolerances,
                output_step_s: self.output_step_s,
            },
        )
    }

    /// Records a finished flight; returns the children that now fly.
    pub fn finish(&mut self, item: &WorkItem, flight: Flight) -> Vec<WorkItem> {
        let fate = flight.fate.unwrap_or(Fate::NonFinite);
        let y = flight.y;
        let (lat, lon, alt) = geodetic(&y);
        let start_alt = geodetic(&item.y0).2;
        let is_fragment = flight.node.is_fragment;
        let area_m2 = reference_area_m2(&flight.node, y[crate::model::MASS]);
        let speed = (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]).sqrt();
        self.steps += flight.attempts;
        self.outcomes[slot(item.node)] = Some(FragmentOutcome {
            node: item.node,
            fate,
            release_altitude_m: is_fragment.then_some(start_alt),
            end_time_s: flight.t_s,
            end_latitude_rad: lat,
            end_longitude_rad: lon,
            end_altitude_m: alt,
            end_position_ecef_m: [y[0], y[1], y[2]],
            end_velocity_ecef_m_s: [y[3], y[4], y[5]],
            demise_altitude_m: (fate == Fate::Demised).then_some(alt),
            impact_speed_m_s: (fate == Fate::Landed).then_some(speed),
            mass_kg: y[crate::model::MASS],
            reference_area_m2: area_m2,
            peak_heat_flux_w_m2: is_fragment.then_some(flight.peak_heat_flux_w_m2),
            peak_temperature_k: is_fragment.then_some(flight.peak_temperature_k),
            peak_deceleration_g: flight.peak_deceleration_g,
        });
        if self.output_step_s.is_some() {
            // Diagnostics of history rows from the reference kernel, whichever path flew the
            // node (the lanes kernel skips what no lane of its batch needs).
            let atmosphere = &self.problem.environment.atmosphere;
            self.rows[slot(item.node)] = flight
                .rows
                .iter()
                .map(|(t, y, _)| {
                    let aux = crate::model::reference::rhs(
                        *t,
                        y,
                        &flight.node,
                        &self.env,
                        atmosphere,
                        None,
                    )
                    .1;
                    trajectory_point(item.node, *t, y, &aux, is_fragment)
                })
                .collect();
        }
        let mut children = Vec::new();
        for r in &flight.releases {
            children.push(self.child_item(r.child, r.time_s, &r.state, is_fragment));
        }
        let released: Vec<usize> = flight.releases.iter().map(|r| r.child).collect();
        for (i, f) in self.problem.fragments.iter().enumerate() {
            if parent_node(f.parent) != Some(item.node) || released.contains(&i) {
                continue;
            }
            match fate {
                Fate::BrokeUp | Fate::Demised => {
                    children.push(self.child_item(i, flight.t_s, &y, is_fragment));
                }
                Fate::Landed | Fate::TimeLimit | Fate::NonFinite => {
                    let impact = (fate == Fate::Landed).then_some(speed);
                    self.contain(NodeId::Fragment(i), fate, flight.t_s, &y, impact);
                }
            }
        }
        children
    }

    fn child_item(
        &self,
        child: usize,
        t_s: f64,
        parent_state: &State,
        parent_tracked: bool,
    ) -> WorkItem {
        let f = &self.problem.fragments[child];
        // A child inherits the temperature of a tracked parent, capped at its own melt temperature.
        let temperature_k = if parent_tracked {
            parent_state[TEMPERATURE].min(f.material.melt_temperature_k)
        } else {
            f.initial_temperature_k
        };
        let mut y0 = *parent_state;
        y0[crate::model::MASS] = f.mass_kg;
        y0[TEMPERATURE] = temperature_k;
        for (v, dv) in y0[3..6].iter_mut().zip(f.separation_velocity_ecef_m_s) {
            *v += dv;
        }
        WorkItem {
            node: NodeId::Fragment(child),
            t0_s: t_s,
            y0,
        }
    }

    /// A node that never flies on its own: it ends with its parent (and so do its children).
    fn contain(
        &mut self,
        node: NodeId,
        fate: Fate,
        t_s: f64,
        y: &State,
        impact_speed_m_s: Option<f64>,
    ) {
        let (lat, lon, alt) = geodetic(y);
        let (mass_kg, area_m2, is_fragment) = match node {
            NodeId::Vehicle => {
                let v = self.problem.vehicle.as_ref();
                (
                    v.map_or(0.0, |v| v.mass_kg),
                    v.map_or(0.0, |v| v.reference_area_m2),
                    false,
                )
            }
            NodeId::Fragment(i) => {
                let f = &self.problem.fragments[i];
                (f.mass_kg, NodeModel::fragment(f).reference_area_m2, true)
            }
        };
        self.outcomes[slot(node)] = Some(FragmentOutcome {
            node,
            fate,
            release_altitude_m: None,
            end_time_s: t_s,
            end_latitude_rad: lat,
            end_longitude_rad: lon,
            end_altitude_m: alt,
            end_position_ecef_m: [y[0], y[1], y[2]],
            end_velocity_ecef_m_s: [y[3], y[4], y[5]],
            demise_altitude_m: None,
            impact_speed_m_s,
            mass_kg,
            reference_area_m2: area_m2,
            peak_heat_flux_w_m2: is_fragment.then_some(0.0),
            peak_temperature_k: match node {
                NodeId::Fragment(i) => Some(self.problem.fragments[i].initial_temperature_k),
                NodeId::Vehicle => None,
            },
            peak_deceleration_g: 0.0,
        });
        for (i, f) in self.problem.fragments.iter().enumerate() {
            if parent_node(f.parent) == Some(node) {
                self.contain(NodeId::Fragment(i), fate, t_s, y, impact_speed_m_s);
            }
        }
    }

    /// The sample's outcome: the vehicle first, then the fragments in order.
    pub fn into_outcome(self) -> crate::SampleOutcome {
        let nodes = self.outcomes.into_iter().flatten().collect();
        let trajectory = self.rows.into_iter().flatten().collect();
        crate::SampleOutcome { nodes, trajectory }
    }
}

fn geodetic(y: &State) -> (f64, f64, f64) {
    let g = geodetic_from_ecef([y[0], y[1], y[2]]);
    (g.latitude_rad, g.longitude_rad, g.altitude_m)
}

fn parent_node(parent: Parent) -> Option<NodeId> {
    match parent {
        Parent::None => None,
        Parent::Vehicle => Some(NodeId::Vehicle),
        Parent::Fragment(i) => Some(NodeId::Fragment(i)),
    }
}

/// A_ref at mass `mass_kg`: fixed for the vehicle and hollow fragments, ∝ (m/m0)^(2/3) for solid
/// ones (PHYSICS.md §5).
pub fn reference_area_m2(node: &NodeModel, mass_kg: f64) -> f64 {
    if node.hollow {
        node.reference_area_m2
    } else {
        let s = (mass_kg.max(0.0) / node.reference_mass_kg).cbrt();
        node.reference_area_m2 * s * s
    }
}

fn trajectory_point(
    node: NodeId,
    t_s: f64,
    y: &State,
    aux: &crate::model::Aux,
    is_fragment: bool,
) -> TrajectoryPoint {
    // Position from the state itself (the lanes kernel may skip latitude and longitude).
    let (latitude_rad, longitude_rad, altitude_m) = geodetic(y);
    let (sl, cl) = latitude_rad.sin_cos();
    let (so, co) = longitude_rad.sin_cos();
    let up_speed = y[3] * cl * co + y[4] * cl * so + y[5] * sl;
    let speed = (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]).sqrt();
    TrajectoryPoint {
        node,
        time_s: t_s,
        latitude_rad,
        longitude_rad,
        altitude_m,
        speed_m_s: speed,
        flight_path_angle_rad: if speed > 0.0 {
            (up_speed / speed).clamp(-1.0, 1.0).asin()
        } else {
            0.0
        },
        mass_kg: y[crate::model::MASS],
        temperature_k: if is_fragment {
            y[TEMPERATURE]
        } else {
            f64::NAN
        },
        heat_flux_w_m2: aux.heat_flux_w_m2,
        mach: aux.mach,
        knudsen: aux.knudsen,
        deceleration_g: aux.deceleration_g,
        density_kg_m3: aux.density_kg_m3,
    }
}
