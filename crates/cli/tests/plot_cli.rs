//! `reentry plot DIR`: draws the plots of a run directory (exit 0, the files listed), and
//! exits 2 with a message naming the file for a missing or malformed run directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reentry(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_reentry"))
        .args(args)
        .output()
    {
        Ok(output) => output,
        Err(e) => panic!("cannot start reentry: {e}"),
    }
}

/// A copy of the plot crate's synthetic run directory in a fresh scratch folder, without the
/// files named in `drop`.
fn run_directory(name: &str, drop: &[&str]) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plot/tests/data/progress-like");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for file in ["summary.json", "fragments.csv", "trajectory.csv"] {
        if !drop.contains(&file) {
            fs::copy(source.join(file), dir.join(file))
                .unwrap_or_else(|e| panic!("{}: {e}", source.join(file).display()));
        }
    }
    dir
}

#[test]
fn draws_every_plot_and_lists_the_files() {
    let dir = run_directory("plot-cli-full", &[]);
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["footprint", "trajectory", "heating", "demise"] {
        for extension in ["png", "svg"] {
            let path = dir.join(format!("{name}.{extension}"));
            assert!(path.is_file(), "{} missing", path.display());
            assert!(stdout.contains(&path.display().to_string()), "{stdout}");
        }
    }
}

#[test]
fn shard_without_trajectory_warns_and_draws_the_rest() {
    let dir = run_directory("plot-cli-shard", &["trajectory.csv"]);
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("trajectory.csv"), "{stderr}");
    assert!(dir.join("footprint.png").is_file());
    assert!(!dir.join("trajectory.png").exists());
}

#[test]
fn missing_directory_exits_2() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plot-cli-no-such-dir");
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("plot-cli-no-such-dir") && stderr.contains("not a run directory"),
        "{stderr}"
    );
}

#[test]
fn directory_without_run_files_exits_2_naming_the_file() {
    let dir = run_directory(
        "plot-cli-empty",
        &["summary.json", "fragments.csv", "trajectory.csv"],
    );
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("summary.json") && stderr.contains("missing"),
        "{stderr}"
    );
    assert!(!dir.join("footprint.png").exists());
}

#[test]
fn malformed_fragments_exits_2_naming_line_and_column() {
    let dir = run_directory("plot-cli-bad-cell", &[]);
    let path = dir.join("fragments.csv");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 2 {
                line.replacen("0,", "zero,", 1)
            } else {
                line.to_string()
            }
        })
        .collect();
    fs::write(&path, broken.join("\n")).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("fragments.csv:3") && stderr.contains("`sample`"),
        "{stderr}"
    );
}

#[test]
fn summary_that_is_not_utf8_exits_2_naming_the_file() {
    let dir = run_directory("plot-cli-binary-summary", &[]);
    let path = dir.join("summary.json");
    fs::write(&path, b"\xff\xfe{}").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = reentry(&["plot", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("summary.json") && !stderr.contains("internal error"),
        "{stderr}"
    );
}
