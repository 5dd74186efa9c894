//! `reentry validate`: runs every built-in case, prints one table, writes it as markdown with
//! `--out`, and exits 0 only when no case fails.

use std::path::Path;
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

/// The case groups the table must hold (the validation set of the README and
/// docs/validation.md).
const CASE_GROUPS: [&str; 12] = [
    "US76 Table I",
    "NRLMSISE-00 test 1",
    "NRLMSISE-00 test 17",
    "Heating at fixed states",
    "Radiative equilibrium",
    "Energy to demise",
    "Allen-Eggers iron sphere",
    "Kepler orbit, 1 day",
    "Delta II survivors (p2)",
    "Delta II survivors (observed 1997)",
    "Progress MS-31 vs observed",
    "ATV-1-like vs ESA prediction",
];

#[test]
fn validate_passes_every_case_and_writes_the_markdown_table() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate-out");
    let _ = std::fs::remove_dir_all(&out);
    let Some(out_text) = out.to_str() else {
        panic!("temporary path is not UTF-8: {}", out.display());
    };
    let output = reentry(&["validate", "--out", out_text]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "reentry validate failed ({:?}):\n{stdout}\n{stderr}",
        output.status.code()
    );

    let header = stdout.lines().next().unwrap_or_default();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        [
            "case",
            "quantity",
            "expected",
            "computed",
            "error",
            "tolerance",
            "pass"
        ]
    );
    for group in CASE_GROUPS {
        assert!(
            stdout.lines().any(|line| line.starts_with(group)),
            "no row of '{group}' in:\n{stdout}"
        );
    }
    // Every row is marked: no row without a verdict, no failing row.
    let rows: Vec<&str> = stdout
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(rows.len() > 150, "only {} rows", rows.len());
    assert!(
        !rows.iter().any(|l| l.ends_with(" NO")),
        "failing rows:\n{stdout}"
    );
    assert!(stdout.contains(" cases pass"), "no summary line:\n{stdout}");

    let markdown = match std::fs::read_to_string(out.join("validation.md")) {
        Ok(text) => text,
        Err(e) => panic!("validation.md not written: {e}"),
    };
    assert!(markdown.starts_with(
        "| case | quantity | expected | computed | error | tolerance | pass |\n| --- |"
    ));
    for group in CASE_GROUPS {
        assert!(
            markdown.contains(&format!("| {group} |")),
            "markdown lacks '{group}'"
        );
    }
    assert!(out.join("validation.txt").is_file());
}

#[test]
fn validate_rejects_a_zero_sample_count_as_bad_input() {
    let output = reentry(&["validate", "--progress-samples", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--progress-samples"));
}

#[test]
fn validate_rejects_an_out_that_is_a_file_before_running_the_cases() {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate-out-is-a-file");
    std::fs::write(&file, "not a directory").unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let output = reentry(&["validate", "--out", &file.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--out") && stderr.contains("exists and is not a directory"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "the cases ran first");
    assert!(started.elapsed().as_secs() < 30);
}
