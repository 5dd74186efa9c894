//! `reentry merge`: shard run directories → the run directory of the unsharded run.
//!
//! Checks that the shards belong together (same scenario name and text, seed, samples, kernel,
//! version, SIMD level, target zone, materials, trajectory step, nominal break-up), that each of
//! the N shards is present exactly once and complete (`summary.json` present, every one of its
//! samples in its `fragments.csv` in order), then writes the rows in sample order, copies
//! `trajectory.csv` from the shard that owns sample 0, and recomputes the statistics from the
//! merged rows, measuring the footprint along the nominal break-up track the shards wrote. The
//! merged `wall_time_s` is the sum of the shards' wall times (the compute time of the whole run).

use std::io::Write;
use std::path::{Path, PathBuf};

use reentry_montecarlo::{LonLatPolygon, RiskContext, StatisticsAccumulator};

use super::OutputError;
use super::fragments::{self, FragmentsReader};
use super::run_directory::{self, FRAGMENTS_FILE, RunDirectory, SUMMARY_FILE, TRAJECTORY_FILE};
use super::summary::{self, RunInfo, SummaryFile};

/// Why a merge failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The shard directories do not form one complete run (the user's input).
    #[error("{0}")]
    Inconsistent(String),
    /// A shard file is missing or malformed (the user's input).
    #[error(transparent)]
    Shard(OutputError),
    /// Writing the merged directory failed.
    #[error(transparent)]
    Output(OutputError),
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged run's identity.
    pub info: RunInfo,
    /// Its statistics.
    pub statistics: reentry_montecarlo::RunStatistics,
}

fn same<T: PartialEq + std::fmt::Debug>(
    what: &str,
    first: (&Path, &T),
    other: (&Path, &T),
) -> Result<(), MergeError> {
    if first.1 == other.1 {
        Ok(())
    } else {
        Err(MergeError::Inconsistent(format!(
            "{}: {what} is {:?}, but {} has {:?}: these shards are not from the same run",
            other.0.display(),
            other.1,
            first.0.display(),
            first.1
        )))
    }
}

/// Merges the shard directories `dirs` into `out` (written atomically, `summary.json` last).
/// `is_land` is the land test used for `p_land_impact`.
pub fn merge(
    dirs: &[PathBuf],
    out: &Path,
    is_land: fn(f64, f64) -> bool,
    version: &str,
    simd: &str,
) -> Result<Merged, MergeError> {
    if dirs.is_empty() {
        return Err(MergeError::Inconsistent(
            "no shard directories given (reentry merge DIR... --out DIR)".into(),
        ));
    }
    let out_canonical = std::fs::canonicalize(out).ok();
    for dir in dirs {
        if out_canonical.is_some() && std::fs::canonicalize(dir).ok() == out_canonical {
            return Err(MergeError::Inconsistent(format!(
                "--out {} is one of the shard directories: merge into a new directory",
                out.display()
            )));
        }
    }
    let mut summaries: Vec<(PathBuf, SummaryFile)> = Vec::new();
    for dir in dirs {
        let path = dir.join(SUMMARY_FILE);
        if !path.exists() {
            return Err(MergeError::Inconsistent(format!(
                "{}: no {SUMMARY_FILE}: the shard did not complete (or this is not a run directory)",
                dir.display()
            )));
        }
        summaries.push((
            dir.clone(),
            summary::read(&path).map_err(MergeError::Shard)?,
        ));
    }
    let (first_dir, first) = (&summaries[0].0, &summaries[0].1);
    let count = match first.info.shard {
        Some(s) => s.count,
        None => {
            return Err(MergeError::Inconsistent(format!(
                "{}: not a shard (summary.json has shard null): merge takes the directories of a run made with --shard I/N",
                first_dir.display()
            )));
        }
    };
    let mut by_index: Vec<Option<usize>> = vec![None; count as usize];
    for (k, (dir, s)) in summaries.iter().enumerate() {
        let a = &first.info;
        let b = &s.info;
        let f = first_dir.as_path();
        let d = dir.as_path();
        same("scenario", (f, &a.scenario), (d, &b.scenario))?;
        same(
            "the scenario text (scenario_fnv1a64)",
            (f, &a.scenario_digest),
            (d, &b.scenario_digest),
        )?;
        same("seed", (f, &a.seed), (d, &b.seed))?;
        same("samples", (f, &a.samples), (d, &b.samples))?;
        same("kernel", (f, &a.kernel), (d, &b.kernel))?;
        same("version", (f, &a.version), (d, &b.version))?;
        same("simd", (f, &a.simd), (d, &b.simd))?;
        same(
            "target_zone_deg",
            (f, &a.target_zone_deg),
            (d, &b.target_zone_deg),
        )?;
        same("materials", (f, &a.materials), (d, &b.materials))?;
        same(
            "orbit_average_density_per_km2",
            (f, &a.orbit_average_density_per_km2),
            (d, &b.orbit_average_density_per_km2),
        )?;
        same(
            "trajectory_step_s",
            (f, &a.trajectory_step_s.to_bits()),
            (d, &b.trajectory_step_s.to_bits()),
        )?;
        let shard = b.shard.ok_or_else(|| {
            MergeError::Inconsistent(format!("{}: not a shard (shard is null)", d.display()))
        })?;
        same("the shard count", (f, &count), (d, &shard.count))?;
        same(
            "the nominal break-up (exact.nominal_breakup)",
            (f, &first.nominal_track),
            (d, &s.nominal_track),
        )?;
        let slot = &mut by_index[shard.index as usize];
        if let Some(other) = *slot {
            return Err(MergeError::Inconsistent(format!(
                "shard {}/{count} given twice: {} and {}",
                shard.index,
                summaries[other].0.display(),
                d.display()
            )));
        }
        *slot = Some(k);
        let expected = shard.samples(a.samples).count() as u64;
        if s.samples_in_shard != expected {
            return Err(MergeError::Inconsistent(format!(
                "{}: holds {} samples, shard {}/{count} of {} samples has {expected}",
                d.display(),
                s.samples_in_shard,
                shard.index,
                a.samples
            )));
        }
    }
    let missing: Vec<String> = by_index
        .iter()
        .enumerate()
        .filter(|(_, k)| k.is_none())
        .map(|(i, _)| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Inconsistent(format!(
            "shard(s) {} missing: merge needs all {count} shard directories",
            missing.join(", ")
        )));
    }
    let order: Vec<usize> = by_index.into_iter().flatten().collect();
    let dir_of = |shard: usize| &summaries[order[shard]].0;

    let info = RunInfo {
        shard: None,
        wall_time_s: summaries.iter().map(|(_, s)| s.info.wall_time_s).sum(),
        version: version.to_string(),
        simd: simd.to_string(),
        // The identity of shard 0, whatever order the directories were given in.
        ..summaries[order[0]].1.info.clone()
    };
    if info.version != first.info.version {
        return Err(MergeError::Inconsistent(format!(
            "the shards were written by reentry {}, this is {version}: merge with the same version",
            first.info.version
        )));
    }
    let context = RiskContext {
        target_zone: info.target_zone_deg.as_deref().map(LonLatPolygon::new),
        is_land,
        orbit_average_density_per_km2: info.orbit_average_density_per_km2,
    };

    let mut readers: Vec<FragmentsReader> = (0..count as usize)
        .map(|s| FragmentsReader::open(&dir_of(s).join(FRAGMENTS_FILE)))
        .collect::<Result<_, _>>()
        .map_err(MergeError::Shard)?;
    let mut run = RunDirectory::begin(out).map_err(MergeError::Output)?;
    let mut accumulator = StatisticsAccumulator::new(context);
    accumulator.set_nominal_track(first.nominal_track);
    let mut writer = run.create(FRAGMENTS_FILE).map_err(MergeError::Output)?;
    let out_csv = out.join(FRAGMENTS_FILE);
    writeln!(writer, "{}", fragments::HEADER)
        .map_err(|e| MergeError::Output(OutputError::io(&out_csv, e)))?;
    for sample in 0..info.samples {
        let reader = &mut readers[(sample % count) as usize];
        let rows = reader.next_sample().map_err(MergeError::Shard)?;
        if rows.first().map(|r| r.sample) != Some(sample) {
            return Err(MergeError::Inconsistent(format!(
                "{}:{}: expected the rows of sample {sample}, found {}",
                reader.path().display(),
                reader.line(),
                rows.first()
                    .map(|r| format!("sample {}", r.sample))
                    .unwrap_or_else(|| "the end of the file".into())
            )));
        }
        fragments::write_rows(&mut writer, &rows)
            .map_err(|e| MergeError::Output(OutputError::io(&out_csv, e)))?;
        accumulator.add_sample(&rows);
    }
    for reader in &mut readers {
        if let Some(extra) = reader.peek_sample().map_err(MergeError::Shard)? {
            return Err(MergeError::Inconsistent(format!(
                "{}: sample {extra} does not belong to this run of {} samples",
                reader.path().display(),
                info.samples
            )));
        }
    }
    run_directory::finish(writer, FRAGMENTS_FILE).map_err(MergeError::Output)?;

    if info.samples > 0 {
        let source = dir_of(0).join(TRAJECTORY_FILE);
        let text =
            std::fs::read(&source).map_err(|e| MergeError::Shard(OutputError::io(&source, e)))?;
        let mut t = run.create(TRAJECTORY_FILE).map_err(MergeError::Output)?;
        t.write_all(&text)
            .map_err(|e| MergeError::Output(OutputError::io(out.join(TRAJECTORY_FILE), e)))?;
        run_directory::finish(t, TRAJECTORY_FILE).map_err(MergeError::Output)?;
    }
    let statistics = accumulator.finish();
    run.commit(&summary::to_json(&info, &statistics, info.samples))
        .map_err(MergeError::Output)?;
    Ok(Merged { info, statistics })
}
