//! Ours in the peer comparison (benches/peers/run_peers.py): solves the canonical problem
//! ([`reentry_benches::canonical`]) `--samples` times with `solve_batch`, with the lanes and the
//! reference kernel, and prints one JSON object: the entry ECEF state, the end state of each
//! kernel (for the agreement check), trajectories/s (best of `--repeats` alternating runs, one
//! thread) and the engine's lane-step counters (for the roofline).
//!
//! `cargo run --release -p reentry-benches --example canonical -- --samples 256 --repeats 5`
//! Options: `--rtol X` and `--atol-m X` set the solver tolerances (default 1e-8 and 1e-3 m).

use std::hint::black_box;
use std::time::Instant;

use reentry_benches::canonical;
use reentry_solver::{Kernel, SampleOutcome, lanes, solve_batch};

struct Options {
    samples: usize,
    repeats: usize,
    relative: Option<f64>,
    absolute_position_m: Option<f64>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        samples: 256,
        repeats: 5,
        relative: None,
        absolute_position_m: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |allowed: &str| format!("{flag} {value}: expected {allowed}");
        match flag.as_str() {
            "--samples" => {
                options.samples = value
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| bad("an integer >= 1"))?
            }
            "--repeats" => {
                options.repeats = value
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| bad("an integer >= 1"))?
            }
            "--rtol" => {
                options.relative = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|&x: &f64| x > 0.0 && x < 1.0)
                        .ok_or_else(|| bad("a number in (0, 1)"))?,
                )
            }
            "--atol-m" => {
                options.absolute_position_m = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|&x: &f64| x > 0.0 && x.is_finite())
                        .ok_or_else(|| bad("a positive number of metres"))?,
                )
            }
            _ => {
                return Err(format!(
                    "unknown option {flag} (--samples, --repeats, --rtol, --atol-m)"
                ));
            }
        }
    }
    Ok(options)
}

/// Best wall times (s) of `repeats` alternating runs of `a` and `b` (alternating, so that load
/// from other processes hits both alike), and their last results.
fn best_of_alternating<T>(
    repeats: usize,
    mut a: impl FnMut() -> T,
    mut b: impl FnMut() -> T,
) -> ((f64, T), (f64, T)) {
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    let (mut last_a, mut last_b) = (a(), b());
    for _ in 0..repeats {
        let start = Instant::now();
        last_a = black_box(a());
        best_a = best_a.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        last_b = black_box(b());
        best_b = best_b.min(start.elapsed().as_secs_f64());
    }
    ((best_a, last_a), (best_b, last_b))
}

fn json_list(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v:e}")).collect();
    format!("[{}]", items.join(", "))
}

fn end_json(outcome: &SampleOutcome) -> String {
    let Some(node) = outcome.nodes.first() else {
        return "null".to_string();
    };
    let opt = |v: Option<f64>| v.map_or("null".to_string(), |x| format!("{x:e}"));
    format!(
        "{{\"fate\": \"{}\", \"end_time_s\": {:e}, \"end_altitude_m\": {:e}, \"end_latitude_deg\": {:e}, \
         \"end_longitude_deg\": {:e}, \"demise_altitude_m\": {}, \"mass_kg\": {:e}, \
         \"end_position_ecef_m\": {}, \"end_velocity_ecef_m_s\": {}, \"peak_heat_flux_w_m2\": {}, \
         \"peak_temperature_k\": {}, \"peak_deceleration_g\": {:e}}}",
        node.fate.as_str(),
        node.end_time_s,
        node.end_altitude_m,
        node.end_latitude_rad.to_degrees(),
        node.end_longitude_rad.to_degrees(),
        opt(node.demise_altitude_m),
        node.mass_kg,
        json_list(&node.end_position_ecef_m),
        json_list(&node.end_velocity_ecef_m_s),
        opt(node.peak_heat_flux_w_m2),
        opt(node.peak_temperature_k),
        node.peak_deceleration_g,
    )
}

fn main() {
    let options = match parse_options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("canonical: {message}");
            std::process::exit(2);
        }
    };
    let mut problem = canonical::canonical_problem();
    if let Some(r) = options.relative {
        problem.tolerances.relative = r;
    }
    if let Some(a) = options.absolute_position_m {
        problem.tolerances.absolute_position_m = a;
    }
    // Clones share the atmosphere `Arc`, so the lanes engine puts them in one work queue.
    let problems = vec![problem.clone(); options.samples];
    let (r0, v0) = reentry_physics::earth::frames::ecef_state_from_entry(
        canonical::LATITUDE_DEG.to_radians(),
        canonical::LONGITUDE_DEG.to_radians(),
        canonical::ALTITUDE_M,
        canonical::SPEED_M_S,
        canonical::FLIGHT_PATH_ANGLE_DEG.to_radians(),
        canonical::HEADING_DEG.to_radians(),
    );

    let ((lanes_s, lanes_out), (reference_s, reference_out)) = best_of_alternating(
        options.repeats,
        || solve_batch(&problems, Kernel::Lanes),
        || solve_batch(&problems, Kernel::Reference),
    );
    let (_, stats) = lanes::solve_problems_with_stats(&problems, None);
    let n = options.samples as f64;
    let first = |v: &[SampleOutcome]| v.first().cloned().unwrap_or_default();
    println!("{{");
    println!(
        "  \"simd\": \"{}\",",
        reentry_lanes::simd_level::compiled().name()
    );
    println!("  \"samples\": {},", options.samples);
    println!(
        "  \"relative_tolerance\": {:e},",
        problem.tolerances.relative
    );
    println!(
        "  \"absolute_position_m\": {:e},",
        problem.tolerances.absolute_position_m
    );
    println!("  \"initial_mass_kg\": {:e},", canonical::sphere_mass_kg());
    println!("  \"initial_position_ecef_m\": {},", json_list(&r0));
    println!("  \"initial_velocity_ecef_m_s\": {},", json_list(&v0));
    println!(
        "  \"lanes\": {{\"seconds\": {lanes_s:e}, \"trajectories_per_s\": {:e}, \"end\": {}}},",
        n / lanes_s,
        end_json(&first(&lanes_out))
    );
    println!(
        "  \"reference\": {{\"seconds\": {reference_s:e}, \"trajectories_per_s\": {:e}, \"end\": {}}},",
        n / reference_s,
        end_json(&first(&reference_out))
    );
    println!("  \"lane_steps\": {},", stats.lane_steps);
    println!("  \"batch_steps\": {}", stats.batch_steps);
    println!("}}");
}
