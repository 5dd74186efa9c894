//! `reentry check`: exit 0 and a summary for valid scenarios, exit 2 and one message naming the
//! file, line:column, key and allowed range for bad ones (DESIGN.md §4 exit codes).

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

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes `text` to a fresh file in the test's scratch folder.
fn scratch_file(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

/// `:line:column` (1-based) of `needle` in `text`; `|` in the needle marks the exact column.
fn at(text: &str, needle: &str) -> String {
    let shift = needle.find('|').unwrap_or(0);
    let plain = needle.replace('|', "");
    let offset = text
        .find(&plain)
        .unwrap_or_else(|| panic!("'{plain}' not in text"))
        + shift;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!(":{line}:{column}")
}

fn p1_text() -> String {
    let path = repository().join("scenarios/validation/p1-aluminium-sphere.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn valid_scenario_prints_what_would_run() {
    let path = repository().join("scenarios/validation/p3-vehicle-breakup.toml");
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "p3-vehicle-breakup",
        "2026-03-16T17:05:00Z",
        "alt 110 km",
        // β = 4000 / (1.8 × 12) = 185.185… kg/m2.
        "4000 kg, Cd 1.8, area 12 m2, ballistic coefficient 185.2 kg/m2, L/D 0, break-up at 78 km",
        "3 fragment nodes standing for 3 objects, total fragment mass 79 kg",
        "  vehicle \"test vehicle\" (4000 kg)\n    he-bottle: sphere d 0.4 m, titanium-6al4v, hollow, 14 kg",
        "aluminium-2024: 2780 kg/m3, c_p 875 J/(kg K), T_m 860 K, h_f 390 kJ/kg, emissivity 0.3 (built in)",
        "1 sample (sample 0 nominal), seed 0",
        "time limit 10800 s (3 h)",
    ] {
        assert!(
            stdout.contains(expected),
            "'{expected}' missing from:\n{stdout}"
        );
    }
}

#[test]
fn tle_scenario_reports_the_orbit() {
    let path = repository().join("scenarios/validation/p4-tle-deorbit.toml");
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("inclination 51.6336°"), "{stdout}");
    // 5800 exp(−110 / (302 × 9.80665)) = 5588.53 kg.
    assert!(
        stdout.contains("5800 kg (5588.5 kg after the burns)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("#1: 2026-03-16T16:35:30Z (+11490 s), Δv 110 m/s"),
        "{stdout}"
    );
}

/// Exit 2, nothing on standard output, and one line on standard error that starts with the
/// location and names the key and the allowed range.
fn assert_bad_input(path: &Path, location_and_key: &str, allowed: &str) {
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "bad input printed a summary");
    let expected = format!("reentry: {}{location_and_key}", path.display());
    assert!(
        stderr.starts_with(&expected),
        "expected '{expected}…', got: {stderr}"
    );
    assert!(
        stderr.contains(&format!("; allowed: {allowed}")),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn negative_mass_exits_2() {
    let text = p1_text().replace("mass_kg = 2.443", "mass_kg = -2.443");
    let path = scratch_file("check-negative-mass.toml", &text);
    let key = format!("{}: fragment.mass_kg", at(&text, "mass_kg = |-2.443"));
    assert_bad_input(&path, &key, "1e-6 to 1e6 kg");
}

#[test]
fn unknown_key_exits_2() {
    let text = p1_text().replace("hollow = false", "hollow = false\ncolour = \"red\"");
    let path = scratch_file("check-unknown-key.toml", &text);
    let key = format!("{}: fragment.colour", at(&text, "colour"));
    assert_bad_input(&path, &key, "the keys of [fragment]");
}

#[test]
fn unknown_material_exits_2() {
    let text = p1_text().replace("aluminium-6061", "aluminum-6061");
    let path = scratch_file("check-unknown-material.toml", &text);
    let key = format!("{}: fragment.material", at(&text, "\"aluminum"));
    assert_bad_input(&path, &key, "aluminium-6061");
}

#[test]
fn empty_and_missing_files_exit_2() {
    let path = scratch_file("check-empty.toml", "");
    assert_bad_input(&path, ": the scenario file is empty", "a TOML scenario");
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-no-such-file.toml");
    assert_bad_input(
        &missing,
        ": cannot read the scenario file",
        "a readable UTF-8 TOML file",
    );
}

/// User text that reaches the message (a newline, a terminal escape) is shown escaped: the
/// message stays one line and cannot drive the terminal.
#[test]
fn control_characters_in_the_input_are_escaped_in_the_message() {
    let text = p1_text().replace("aluminium-6061", "x\\u001b[31m\\nred");
    let path = scratch_file("check-control-characters.toml", &text);
    let key = format!("{}: fragment.material", at(&text, "\"x"));
    assert_bad_input(&path, &key, "aluminium-6061");
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown material \"x\\u{1b}[31m\\nred\""),
        "{stderr}"
    );
}

#[test]
fn horizontal_update_is_reported_and_checked() {
    let text = p1_text().replace(
        "atmosphere = \"us76\"",
        "atmosphere = \"nrlmsise00\"\nhorizontal_update = \"step\"",
    );
    let path = scratch_file("check-horizontal-step.toml", &text);
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("horizontal terms once per step below 72.5 km"),
        "{stdout}"
    );
    let text = text.replace("\"step\"", "\"sometimes\"");
    let path = scratch_file("check-horizontal-bad.toml", &text);
    let key = format!(
        "{}: environment.horizontal_update",
        at(&text, "\"sometimes")
    );
    assert_bad_input(&path, &key, "\"stage\" or \"step\"");
}

#[test]
fn terminal_descent_is_reported() {
    let text = p1_text() + "\n[simulation]\nterminal_descent = true\n";
    let path = scratch_file("check-terminal-descent.toml", &text);
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("terminal descent: slow, cooling"),
        "{stdout}"
    );
    let text = p1_text() + "\n[simulation]\nterminal_descent = 1\n";
    let path = scratch_file("check-terminal-descent-bad.toml", &text);
    let key = format!(
        "{}: simulation.terminal_descent",
        at(&text, "terminal_descent = |1")
    );
    assert_bad_input(&path, &key, "true or false");
}

#[test]
fn separation_velocity_is_reported() {
    let path = repository().join("scenarios/progress-ms-31.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .replace(
            "[monte_carlo.dispersions]\n",
            "[monte_carlo.dispersions]\nseparation_delta_v_m_s = { dist = \"normal\", sigma = 10.0 }\n",
        );
    let path = scratch_file("check-separation.toml", &text);
    let out = reentry(&["check", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("separation_delta_v_m_s normal, mean 0 m/s, sigma 10 m/s per ECEF axis (isotropic, mean speed 15.958 m/s)"),
        "{stdout}"
    );
}
