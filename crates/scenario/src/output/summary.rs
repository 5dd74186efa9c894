//! `summary.json` (DESIGN.md §5 Contract keys, plus the keys the plots and merge use).
//!
//! Contract keys: `scenario, seed, samples, shard, version, simd, wall_time_s,
//! fragments_simulated, fates, surviving_mass_kg, casualty_area_m2, hazardous_fragments,
//! footprint, p_outside_target_zone, p_land_impact, casualty_expectation,
//! casualty_expectation_orbit_average`. Shared extra keys: `target_zone_deg, materials,
//! scenario_file, kernel`. Keys of this writer: `scenario_fnv1a64` (digest of the scenario
//! text), `samples_in_shard` (samples this directory holds), `orbit_average_density_per_km2`
//! (uncontrolled entries; merge recomputes the orbit average from it), `exact` (the numbers
//! merge reads back, as exact decimal text), `trajectory_step_s`, `footprint_nominal_track`
//! (the nominal sample's break-up point and the footprint of every sample measured along its
//! ground track), `survivors` (what lands, per node), `statistics` (the definitions used, in
//! words).
//!
//! `shard` is `"I/N"` for a shard directory and null for a whole run (unsharded or merged).
//! Figures that do not exist (no hazardous impact, no target zone) are null.

use std::path::Path;

use reentry_montecarlo::{GroundTrack, RunStatistics, Shard};
use reentry_solver::Fate;
use serde_json::{Value, json};

use super::OutputError;

/// The identity of a run: everything in `summary.json` besides the statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInfo {
    /// Scenario name.
    pub scenario: String,
    /// Seed of the random streams.
    pub seed: u64,
    /// Samples of the whole run (all shards).
    pub samples: u64,
    /// The shard of this directory (`None` for a whole run).
    pub shard: Option<Shard>,
    /// Tool version line.
    pub version: String,
    /// SIMD level compiled in.
    pub simd: String,
    /// Wall time of the run, s (a merged run: the sum over shards).
    pub wall_time_s: f64,
    /// `[target_zone]` polygon, `[lon, lat]` degrees.
    pub target_zone_deg: Option<Vec<[f64; 2]>>,
    /// Materials of the fragments: (id, melt temperature K), sorted by id.
    pub materials: Vec<(String, f64)>,
    /// The scenario file.
    pub scenario_file: String,
    /// FNV-1a 64-bit digest of the scenario file's bytes, as 16 hex digits ([`digest`]): shards
    /// of one run may name the file by different paths but must read the same text.
    pub scenario_digest: String,
    /// `lanes` or `reference`.
    pub kernel: String,
    /// Orbit-averaged population density (uncontrolled entries), persons/km².
    pub orbit_average_density_per_km2: Option<f64>,
    /// Output step of `trajectory.csv`, s.
    pub trajectory_step_s: f64,
}

/// What the statistics mean (written under `statistics`).
const DEFINITIONS: &str = "fates: objects (count-weighted) summed over samples; surviving mass, casualty area, hazardous fragments and casualty expectation per sample over landed fragments (>= 15 J for hazard); footprint over all hazardous impacts of all samples (each object counted: a row with count N is N impacts), along/cross track of the sample's break-up ground track on a sphere of radius 6371.0088 km, cross track positive right of track (the spread of the debris about its break-up point); footprint_nominal_track: the same impacts measured along the ground track of the nominal sample's (sample 0) break-up point (the geographic extent, burn and break-up dispersions included); survivors: per node that lands in some sample, p_lands the fraction of samples in which it lands, *_per_sample means over all samples, *_per_object means over its landed objects; percentiles: linear interpolation between order statistics (Hyndman-Fan type 7)";

/// The text of `summary.json`.
pub fn to_json(info: &RunInfo, stats: &RunStatistics, samples_in_shard: u64) -> String {
    let fates: serde_json::Map<String, Value> = Fate::ALL
        .iter()
        .zip(stats.fates)
        .map(|(f, n)| (f.as_str().to_string(), json!(n)))
        .collect();
    let materials: serde_json::Map<String, Value> = info
        .materials
        .iter()
        .map(|(id, t)| (id.clone(), json!({ "melt_temperature_k": t })))
        .collect();
    let value = json!({
        "scenario": info.scenario,
        "seed": info.seed,
        "samples": info.samples,
        "samples_in_shard": samples_in_shard,
        "shard": info.shard.map(|s| format!("{}/{}", s.index, s.count)),
        "version": info.version,
        "simd": info.simd,
        "wall_time_s": info.wall_time_s,
        "kernel": info.kernel,
        "scenario_file": info.scenario_file,
        "scenario_fnv1a64": info.scenario_digest,
        "target_zone_deg": info.target_zone_deg,
        "materials": materials,
        "trajectory_step_s": info.trajectory_step_s,
        "orbit_average_density_per_km2": info.orbit_average_density_per_km2,
        "exact": {
            "orbit_average_density_per_km2": info.orbit_average_density_per_km2.map(|d| format!("{d}")),
            "target_zone_deg": info.target_zone_deg.as_ref().map(|zone| {
                zone.iter().map(|[lon, lat]| [format!("{lon}"), format!("{lat}")]).collect::<Vec<_>>()
            }),
            "nominal_breakup": stats.nominal_track.map(|t| json!({
                "ecef_m": t.breakup_ecef_m.map(|x| format!("{x}")),
                "velocity_ecef_m_s": t.breakup_velocity_ecef_m_s.map(|x| format!("{x}")),
            })),
        },
        "fragments_simulated": stats.fragments_simulated,
        "fates": fates,
        "surviving_mass_kg": {
            "mean": stats.surviving_mass_kg.mean,
            "p05": stats.surviving_mass_kg.p05,
            "p50": stats.surviving_mass_kg.p50,
            "p95": stats.surviving_mass_kg.p95,
        },
        "casualty_area_m2": {
            "mean": stats.casualty_area_m2.mean,
            "p05": stats.casualty_area_m2.p05,
            "p50": stats.casualty_area_m2.p50,
            "p95": stats.casualty_area_m2.p95,
        },
        "hazardous_fragments": {
            "mean": stats.hazardous_fragments_mean,
            "max": stats.hazardous_fragments_max,
        },
        "footprint": {
            "along_track_km": {
                "p00_15": stats.along_track_km.p00_15,
                "p50": stats.along_track_km.p50,
                "p99_85": stats.along_track_km.p99_85,
            },
            "cross_track_km": {
                "p00_15": stats.cross_track_km.p00_15,
                "p50": stats.cross_track_km.p50,
                "p99_85": stats.cross_track_km.p99_85,
            },
        },
        "footprint_nominal_track": stats.nominal_track.map(|track| {
            let (lat_deg, lon_deg, alt_km, heading_deg) = track.breakup_geodetic();
            // The box's corners, [lon, lat] degrees, for a hazard-area notice: (first along,
            // first cross), (last along, first cross), (last along, last cross), (first along,
            // last cross). Its edges along the track are arcs between them.
            let (along, cross) = (stats.along_nominal_track_km, stats.cross_nominal_track_km);
            let corners = match (along.p00_15, along.p99_85, cross.p00_15, cross.p99_85) {
                (Some(a0), Some(a1), Some(c0), Some(c1)) => [(a0, c0), (a1, c0), (a1, c1), (a0, c1)]
                    .iter()
                    .map(|&(a, c)| track.lon_lat_deg_at(a * 1e3, c * 1e3))
                    .collect::<Option<Vec<[f64; 2]>>>(),
                _ => None,
            };
            json!({
                "breakup": {
                    "lat_deg": lat_deg,
                    "lon_deg": lon_deg,
                    "alt_km": alt_km,
                    "heading_deg": heading_deg,
                },
                "along_track_km": {
                    "p00_15": stats.along_nominal_track_km.p00_15,
                    "p50": stats.along_nominal_track_km.p50,
                    "p99_85": stats.along_nominal_track_km.p99_85,
                },
                "cross_track_km": {
                    "p00_15": stats.cross_nominal_track_km.p00_15,
                    "p50": stats.cross_nominal_track_km.p50,
                    "p99_85": stats.cross_nominal_track_km.p99_85,
                },
                "box_corners_deg": corners,
            })
        }),
        "p_outside_target_zone": stats.p_outside_target_zone,
        "p_land_impact": stats.p_land_impact,
        "casualty_expectation": {
            "mean": stats.casualty_expectation_mean,
            "p95": stats.casualty_expectation_p95,
        },
        "casualty_expectation_orbit_average": stats.casualty_expectation_orbit_average,
        "survivors": survivors_json(stats),
        "statistics": DEFINITIONS,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
    text.push('\n');
    text
}

/// `survivors`: per node that landed in some sample, the heaviest contribution first.
fn survivors_json(stats: &RunStatistics) -> Vec<Value> {
    let samples = stats.samples.max(1) as f64;
    stats
        .survivors
        .iter()
        .map(|s| {
            json!({
                "fragment": s.fragment,
                "material": s.material,
                "count": s.count,
                "p_lands": s.samples_landed as f64 / samples,
                "objects_per_sample": s.objects_landed as f64 / samples,
                "hazardous_objects_per_sample": s.hazardous_objects as f64 / samples,
                "landed_mass_kg_per_sample": s.landed_mass_kg / samples,
                "mass_kg_per_object": s.mass_kg_mean(),
                "impact_energy_j_per_object": s.impact_energy_j_mean(),
                "casualty_area_m2_per_sample": s.casualty_area_m2 / samples,
            })
        })
        .collect()
}

/// A `summary.json` read back: its identity and the parsed document.
#[derive(Debug, Clone)]
pub struct SummaryFile {
    /// The identity fields.
    pub info: RunInfo,
    /// Samples held by the directory.
    pub samples_in_shard: u64,
    /// The nominal sample's break-up track (`exact.nominal_breakup`), which merge measures the
    /// footprint along.
    pub nominal_track: Option<GroundTrack>,
    /// The whole document.
    pub document: Value,
}

fn format_error(path: &Path, message: String) -> OutputError {
    OutputError::Format {
        path: path.to_path_buf(),
        line: 0,
        message,
    }
}

/// Reads a `summary.json` written by [`to_json`].
pub fn read(path: &Path) -> Result<SummaryFile, OutputError> {
    let text = std::fs::read_to_string(path).map_err(|e| OutputError::io(path, e))?;
    let document: Value = serde_json::from_str(&text).map_err(|e| OutputError::Format {
        path: path.to_path_buf(),
        line: e.line() as u64,
        message: format!("not valid JSON: {e}"),
    })?;
    let key = |k: &str| -> Result<&Value, OutputError> {
        document
            .get(k)
            .ok_or_else(|| format_error(path, format!("key '{k}' is missing")))
    };
    let string = |k: &str| -> Result<String, OutputError> {
        key(k)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format_error(path, format!("key '{k}' is not a string")))
    };
    let unsigned = |k: &str| -> Result<u64, OutputError> {
        key(k)?
            .as_u64()
            .ok_or_else(|| format_error(path, format!("key '{k}' is not a non-negative integer")))
    };
    let number = |k: &str| -> Result<Option<f64>, OutputError> {
        let v = key(k)?;
        if v.is_null() {
            return Ok(None);
        }
        v.as_f64()
            .map(Some)
            .ok_or_else(|| format_error(path, format!("key '{k}' is not a number")))
    };
    let shard = match key("shard")? {
        Value::Null => None,
        Value::String(s) => Some(parse_shard(s).ok_or_else(|| {
            format_error(
                path,
                format!("key 'shard': '{s}' is not I/N with 0 <= I < N"),
            )
        })?),
        _ => return Err(format_error(path, "key 'shard' is not a string".into())),
    };
    // The inputs merge computes with are read from `exact` (Rust's `{}` text, parsed by Rust's
    // correctly rounded parser): serde_json's default float parser may be one ulp off, which
    // would make a merged run differ from the unsharded one in the last bit.
    let exact = key("exact")?;
    let exact_number = |text: &Value, what: &str| -> Result<f64, OutputError> {
        text.as_str()
            .and_then(|t| t.parse::<f64>().ok())
            .ok_or_else(|| {
                format_error(
                    path,
                    format!("key 'exact.{what}': {text} is not a number in a string"),
                )
            })
    };
    let target_zone_deg: Option<Vec<[f64; 2]>> = match exact.get("target_zone_deg") {
        None | Some(Value::Null) => None,
        Some(Value::Array(vertices)) => Some(
            vertices
                .iter()
                .map(|v| match v.as_array().map(Vec::as_slice) {
                    Some([lon, lat]) => Ok([
                        exact_number(lon, "target_zone_deg")?,
                        exact_number(lat, "target_zone_deg")?,
                    ]),
                    _ => Err(format_error(
                        path,
                        "key 'exact.target_zone_deg': a vertex is not [lon, lat]".into(),
                    )),
                })
                .collect::<Result<_, _>>()?,
        ),
        Some(other) => {
            return Err(format_error(
                path,
                format!("key 'exact.target_zone_deg': {other} is not a list"),
            ));
        }
    };
    let orbit_average_density_per_km2 = match exact.get("orbit_average_density_per_km2") {
        None | Some(Value::Null) => None,
        Some(text) => Some(exact_number(text, "orbit_average_density_per_km2")?),
    };
    let exact_vector = |v: Option<&Value>, what: &str| -> Result<[f64; 3], OutputError> {
        match v.and_then(Value::as_array).map(Vec::as_slice) {
            Some([x, y, z]) => Ok([
                exact_number(x, what)?,
                exact_number(y, what)?,
                exact_number(z, what)?,
            ]),
            _ => Err(format_error(
                path,
                format!("key 'exact.{what}' is not a list of three numbers in strings"),
            )),
        }
    };
    let nominal_track = match exact.get("nominal_breakup") {
        None | Some(Value::Null) => None,
        Some(breakup) => Some(GroundTrack {
            breakup_ecef_m: exact_vector(breakup.get("ecef_m"), "nominal_breakup.ecef_m")?,
            breakup_velocity_ecef_m_s: exact_vector(
                breakup.get("velocity_ecef_m_s"),
                "nominal_breakup.velocity_ecef_m_s",
            )?,
        }),
    };
    let mut materials: Vec<(String, f64)> = key("materials")?
        .as_object()
        .ok_or_else(|| format_error(path, "key 'materials' is not an object".into()))?
        .iter()
        .map(|(id, v)| {
            (
                id.clone(),
                v.get("melt_temperature_k")
                    .and_then(Value::as_f64)
                    .unwrap_or(f64::NAN),
            )
        })
        .collect();
    materials.sort_by(|a, b| a.0.cmp(&b.0));
    let info = RunInfo {
        scenario: string("scenario")?,
        seed: unsigned("seed")?,
        samples: unsigned("samples")?,
        shard,
        version: string("version")?,
        simd: string("simd")?,
        wall_time_s: number("wall_time_s")?.unwrap_or(0.0),
        target_zone_deg,
        materials,
        scenario_file: string("scenario_file")?,
        scenario_digest: string("scenario_fnv1a64")?,
        kernel: string("kernel")?,
        orbit_average_density_per_km2,
        trajectory_step_s: number("trajectory_step_s")?.unwrap_or(f64::NAN),
    };
    Ok(SummaryFile {
        info,
        samples_in_shard: unsigned("samples_in_shard")?,
        nominal_track,
        document,
    })
}

/// FNV-1a 64-bit hash of `bytes` as 16 lower-case hex digits (Fowler–Noll–Vo, offset basis
/// 0xcbf29ce484222325, prime 0x100000001b3): a fingerprint to tell scenario texts apart, not a
/// cryptographic hash.
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Parses `I/N` with 0 ≤ I < N.
pub fn parse_shard(text: &str) -> Option<Shard> {
    let (i, n) = text.split_once('/')?;
    let index: u64 = i.trim().parse().ok()?;
    let count: u64 = n.trim().parse().ok()?;
    (count >= 1 && index < count).then_some(Shard { index, count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reentry_montecarlo::{RiskContext, StatisticsAccumulator};

    #[test]
    fn written_summary_reads_back_with_contract_keys() {
        let info = RunInfo {
            scenario: "s".into(),
            seed: 42,
            samples: 10,
            shard: Some(Shard { index: 1, count: 3 }),
            version: "0.1.0".into(),
            simd: "avx2".into(),
            wall_time_s: 1.5,
            target_zone_deg: Some(vec![[-165.0, -36.0], [-105.0, -36.0], [-105.0, -56.0]]),
            materials: vec![("copper".into(), 1356.0)],
            scenario_file: "x.toml".into(),
            scenario_digest: digest(b"x"),
            kernel: "lanes".into(),
            orbit_average_density_per_km2: Some(17.345_678_901_234_567),
            trajectory_step_s: 1.0,
        };
        let stats = StatisticsAccumulator::new(RiskContext {
            target_zone: None,
            is_land: |_, _| false,
            orbit_average_density_per_km2: None,
        })
        .finish();
        let text = to_json(&info, &stats, 3);
        let dir = std::env::temp_dir().join(format!("reentry-summary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("summary.json");
        std::fs::write(&path, &text).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back.info, info);
        assert_eq!(back.samples_in_shard, 3);
        for k in [
            "scenario",
            "seed",
            "samples",
            "shard",
            "version",
            "simd",
            "wall_time_s",
            "fragments_simulated",
            "fates",
            "surviving_mass_kg",
            "casualty_area_m2",
            "hazardous_fragments",
            "footprint",
            "p_outside_target_zone",
            "p_land_impact",
            "casualty_expectation",
            "casualty_expectation_orbit_average",
            "target_zone_deg",
            "materials",
            "scenario_file",
            "kernel",
        ] {
            assert!(back.document.get(k).is_some(), "missing {k}");
        }
        for f in ["demised", "landed", "broke-up", "time-limit", "non-finite"] {
            assert!(back.document["fates"].get(f).is_some());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Published FNV-1a 64 test vectors (Fowler, Noll, Vo; IETF draft-eastlake-fnv): "" and "a".
    #[test]
    fn digest_vectors() {
        assert_eq!(digest(b""), "cbf29ce484222325");
        assert_eq!(digest(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn shard_text() {
        assert_eq!(parse_shard("2/3"), Some(Shard { index: 2, count: 3 }));
        assert_eq!(parse_shard("3/3"), None);
        assert_eq!(parse_shard("0/0"), None);
        assert_eq!(parse_shard("a/3"), None);
    }
}
