//! `trajectory.csv`: the nominal sample's time histories (one row per node per output step).

use std::io::Write;

use reentry_solver::{NodeId, Problem, TrajectoryPoint};

use super::{cell, text_cell};

/// The header line (fixed between the writer and the plots).
pub const HEADER: &str = "sample,fragment,time_s,lat_deg,lon_deg,alt_km,speed_m_s,flight_path_angle_deg,mass_kg,temperature_k,heat_flux_w_m2,mach,knudsen,decel_g,density_kg_m3";

/// The `fragment` column of a node: `vehicle` or the fragment's id.
pub fn node_name(problem: &Problem, node: NodeId) -> String {
    match node {
        NodeId::Vehicle => reentry_montecarlo::record::VEHICLE_ID.to_string(),
        NodeId::Fragment(i) => problem
            .fragments
            .get(i)
            .map(|f| f.id.clone())
            .unwrap_or_else(|| format!("#{i}")),
    }
}

/// Writes the header and one row per point (sample 0); NaN cells (the vehicle's temperature)
/// are empty.
pub fn write(
    out: &mut impl Write,
    problem: &Problem,
    points: &[TrajectoryPoint],
) -> std::io::Result<()> {
    writeln!(out, "{HEADER}")?;
    for p in points {
        let cells = [
            "0".to_string(),
            text_cell(&node_name(problem, p.node)),
            cell(Some(p.time_s)),
            cell(Some(p.latitude_rad.to_degrees())),
            cell(Some(p.longitude_rad.to_degrees())),
            cell(Some(p.altitude_m / 1000.0)),
            cell(Some(p.speed_m_s)),
            cell(Some(p.flight_path_angle_rad.to_degrees())),
            cell(Some(p.mass_kg)),
            cell(Some(p.temperature_k)),
            cell(Some(p.heat_flux_w_m2)),
            cell(Some(p.mach)),
            cell(Some(p.knudsen)),
            cell(Some(p.deceleration_g)),
            cell(Some(p.density_kg_m3)),
        ];
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}
