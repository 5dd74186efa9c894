//! Nothing panics on bad input: every scenario file of the repository, with each line deleted or
//! each value replaced by a hostile one, loads to a valid scenario or to one-line error that
//! names the file.

use std::path::{Path, PathBuf};

use reentry_scenario::load_str;

/// Values that break types, signs, ranges, finiteness and shapes.
const HOSTILE_VALUES: &[&str] = &[
    "-1",
    "0",
    "1e300",
    "-1e-300",
    "nan",
    "inf",
    "\"\"",
    "\"x\"",
    "true",
    "[]",
    "[1, 2]",
    "{}",
    "9223372036854775807",
    "-9223372036854775808",
    "1979-05-27T07:32:00",
    "\"é\u{301}\u{1F680}\"",
];

/// Hostile values tried on each `key = value` line.
const VALUES_PER_LINE: usize = 3;

fn scenario_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Loads `text`; an error must be one line naming the file, with an "allowed" clause.
fn check(name: &Path, text: &str, what: &str) {
    if let Err(e) = load_str(name, text) {
        let message = e.to_string();
        assert!(
            message.starts_with(&name.display().to_string()),
            "{what}: {message}"
        );
        assert!(message.contains("; allowed: "), "{what}: {message}");
        assert!(!message.contains('\n'), "{what}: {message}");
    }
}

#[test]
fn mutated_scenarios_never_panic() {
    let mut variants = 0usize;
    for file in scenario_files() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let name = Path::new("mutated.toml");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let mut without = lines.clone();
            without.remove(i);
            check(
                name,
                &without.join("\n"),
                &format!("{} without line {}", file.display(), i + 1),
            );
            variants += 1;
            // Replace the value of a `key = value` line (not inside a multi-line array).
            let Some((key, _)) = line.split_once('=') else {
                continue;
            };
            if key.trim_start().starts_with('#') {
                continue;
            }
            // Three hostile values per line, rotating through the list, keep the test to about a
            // second while every value meets every kind of key across the files.
            for k in 0..VALUES_PER_LINE {
                let value = HOSTILE_VALUES[(i * VALUES_PER_LINE + k) % HOSTILE_VALUES.len()];
                let mut mutated = lines.clone();
                let replaced = format!("{key}= {value}");
                mutated[i] = &replaced;
                check(
                    name,
                    &mutated.join("\n"),
                    &format!("{} line {} = {value}", file.display(), i + 1),
                );
                variants += 1;
            }
        }
    }
    // The four public cases alone have over 150 lines.
    assert!(variants > 500, "only {variants} variants");
}
