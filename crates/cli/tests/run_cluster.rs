//! The cluster recipes of docs/cluster.md, run as written with the scheduler simulated by its
//! environment variables: every recipe's shards merge into exactly the unsharded run.

mod run_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use run_common::*;

const SAMPLES: &str = "9";

fn recipe(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/cluster.md");
    let text = std::fs::read_to_string(&path).expect("docs/cluster.md");
    let marker = format!("<!-- recipe: {name} -->");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no recipe {name}"));
    let block = &text[start..];
    let open = block.find("```").expect("code block") + 3;
    let body_start = open + block[open..].find('\n').expect("fence line") + 1;
    let end = body_start + block[body_start..].find("```").expect("closing fence");
    block[body_start..end].to_string()
}

/// PATH with the directory of the `reentry` binary first.
fn path_with_reentry() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_reentry"));
    let dir = bin.parent().expect("binary directory").to_path_buf();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn shell(program: &str, script: &str, env: &[(&str, String)], cwd: &Path) {
    let mut command = Command::new(program);
    command
        .arg("-c")
        .arg(script)
        .current_dir(cwd)
        .env("PATH", path_with_reentry())
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("AWS_BATCH_JOB_ARRAY_INDEX");
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().expect("shell");
    assert!(
        output.status.success(),
        "recipe failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn assert_same_run(merged: &Path, unsharded: &Path) {
    assert_eq!(
        std::fs::read(merged.join("fragments.csv")).expect("merged fragments.csv"),
        std::fs::read(unsharded.join("fragments.csv")).expect("fragments.csv")
    );
    assert_eq!(summary_statistics(merged), summary_statistics(unsharded));
    // Shards that do not hold sample 0 still measure along its track: the merged figures along
    // the nominal track exist and equal the unsharded ones (compared above).
    let nominal = &summary_statistics(unsharded)["footprint_nominal_track"];
    assert!(nominal["along_track_km"]["p50"].is_f64(), "{nominal}");
    assert!(nominal["breakup"]["heading_deg"].is_f64(), "{nominal}");
    let corners = nominal["box_corners_deg"].as_array().expect("box corners");
    assert_eq!(corners.len(), 4, "{nominal}");
}

fn merge_glob(dir: &Path, merged: &Path) {
    let mut shards: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("shard directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("shard-"))
        })
        .collect();
    shards.sort();
    let mut args = vec!["merge"];
    args.extend(shards.iter().map(|p| s(p)));
    args.extend(["--out", s(merged), "--no-plots", "--quiet"]);
    ok(reentry(&args));
}

#[test]
fn cluster_recipes_merge_into_the_unsharded_run() {
    let dir = scratch("cluster");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let unsharded = dir.join("unsharded");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&unsharded),
        "--samples",
        SAMPLES,
        "--no-plots",
        "--quiet",
    ]));
    let common = |out: &Path| {
        vec![
            ("SCENARIO", s(&scenario).to_string()),
            ("SAMPLES", SAMPLES.to_string()),
            ("OUT", s(out).to_string()),
        ]
    };

    // Slurm: an array of 3 tasks (--array=0-2).
    let slurm_out = dir.join("slurm");
    let script = recipe("slurm");
    assert!(script.contains("#SBATCH --array"));
    for task in 0..3 {
        let mut env = common(&slurm_out);
        env.push(("SLURM_ARRAY_TASK_ID", task.to_string()));
        env.push(("SLURM_ARRAY_TASK_COUNT", "3".into()));
        env.push(("SLURM_ARRAY_TASK_MIN", "0".into()));
        env.push(("SLURM_CPUS_PER_TASK", "1".into()));
        shell("bash", &script, &env, &dir);
    }
    let slurm_merged = dir.join("slurm-merged");
    merge_glob(&slurm_out, &slurm_merged);
    assert_same_run(&slurm_merged, &unsharded);

    // Kubernetes Indexed Job: completions 8, the container's shell line run per index.
    let manifest = recipe("kubernetes");
    assert!(manifest.contains("completionMode: Indexed") && manifest.contains("completions: 8"));
    let line = manifest
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("- reentry run"))
        .expect("container args line")
        .trim_start_matches("- ")
        .to_string();
    let k8s_out = dir.join("kubernetes");
    for index in 0..8 {
        let mut env = common(&k8s_out);
        env.push(("JOB_COMPLETION_INDEX", index.to_string()));
        shell("sh", &line, &env, &dir);
    }
    let k8s_merged = dir.join("kubernetes-merged");
    merge_glob(&k8s_out, &k8s_merged);
    assert_same_run(&k8s_merged, &unsharded);

    // GNU parallel (run when installed; the recipe merges by itself).
    let has_parallel = Command::new("parallel")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_parallel {
        let parallel_out = dir.join("parallel");
        let mut env = common(&parallel_out);
        env.push(("N", "3".into()));
        shell("bash", &recipe("parallel"), &env, &dir);
        assert_same_run(&parallel_out.join("merged"), &unsharded);
    } else {
        eprintln!("GNU parallel not installed: its recipe was not run");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
