//! docs/scenario-reference.md documents every key of the schema with the unit, default and
//! allowed range that the loader enforces, and the built-in material table as shipped.

use std::path::Path;

use reentry_scenario::keys::{self, KEYS};
use reentry_scenario::{ScenarioError, load_str, materials};

fn reference_doc() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenario-reference.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cells of a Markdown table row (`\|` is a literal bar inside a cell).
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    inner
        .replace("\\|", "\u{0}")
        .split('|')
        .map(|c| c.trim().replace('\u{0}', "|"))
        .collect()
}

#[test]
fn every_key_is_documented_with_its_range() {
    let doc = reference_doc();
    for spec in KEYS {
        let prefix = format!("| `{}` |", spec.key);
        let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with(&prefix)).collect();
        assert_eq!(
            rows.len(),
            1,
            "{}: expected one row in the reference",
            spec.key
        );
        let c = cells(rows[0]);
        let unit = if spec.unit.is_empty() {
            "–"
        } else {
            spec.unit
        };
        assert_eq!(c[1], unit, "{}: unit", spec.key);
        assert_eq!(c[2], spec.default, "{}: default", spec.key);
        assert_eq!(c[3], spec.allowed_text(), "{}: allowed", spec.key);
    }
    // No row for a key the loader does not know.
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let key = cells(line)[0].trim_matches('`').to_string();
        let is_key = key.contains('.') && !key.contains(' ');
        if is_key {
            assert!(
                keys::spec(&key).is_some(),
                "documented key {key} is not in the schema"
            );
        }
    }
}

#[test]
fn builtin_materials_are_documented() {
    let doc = reference_doc();
    for entry in materials::builtin() {
        let m = &entry.material;
        let prefix = format!("| `{}` |", m.id);
        let row = doc.lines().find(|l| l.starts_with(&prefix));
        let c = cells(row.unwrap_or_else(|| panic!("{} not documented", m.id)));
        let values: Vec<f64> = c[1..6]
            .iter()
            .map(|v| v.parse().unwrap_or(f64::NAN))
            .collect();
        assert_eq!(
            values,
            [
                m.density_kg_m3,
                m.specific_heat_j_kg_k,
                m.melt_temperature_k,
                m.heat_of_fusion_j_kg / 1e3,
                m.emissivity
            ],
            "{}",
            m.id
        );
        // Oxidation columns: "–" for a material that does not oxidise.
        let oxidation = if m.oxidation_heat_j_kg_o2 > 0.0 {
            [
                c[6].parse().unwrap_or(f64::NAN),
                c[7].parse().unwrap_or(f64::NAN),
            ]
        } else {
            assert_eq!((c[6].as_str(), c[7].as_str()), ("–", "–"), "{}", m.id);
            [0.0, m.oxidation_onset_k]
        };
        assert_eq!(
            oxidation,
            [m.oxidation_heat_j_kg_o2 / 1e6, m.oxidation_onset_k],
            "{} oxidation",
            m.id
        );
        assert_eq!(c[8], entry.basis, "{}", m.id);
    }
}

/// The keys that the schema accepts in the table at `header`, read from the loader's own
/// unknown-key message (so this test follows the serde mirror, not a copy of it).
fn accepted_keys(header: &str) -> Vec<String> {
    let text = format!("{header}\nno_such_key_in_any_table = 1\n");
    match load_str(Path::new("probe.toml"), &text) {
        Err(ScenarioError::UnknownKey { allowed, .. }) => allowed
            .rsplit(": ")
            .next()
            .unwrap_or_default()
            .trim_start_matches("one of ")
            .split(", ")
            .flat_map(|k| k.split(" or "))
            .map(str::to_string)
            .collect(),
        other => panic!("{header}: expected an unknown-key error, got {other:?}"),
    }
}

#[test]
fn every_schema_key_has_a_reference_entry() {
    let tables = [
        ("[scenario]", "scenario"),
        ("[initial.tle]", "initial.tle"),
        ("[initial.state]", "initial.state"),
        ("[initial.entry]", "initial.entry"),
        ("[[burn]]", "burn"),
        ("[environment]", "environment"),
        ("[vehicle]", "vehicle"),
        ("[[fragment]]", "fragment"),
        ("[[material]]", "material"),
        ("[target_zone]", "target_zone"),
        ("[monte_carlo]", "monte_carlo"),
        ("[output]", "output"),
        ("[simulation]", "simulation"),
        ("[monte_carlo.dispersions]", "monte_carlo.dispersions"),
        (
            "[monte_carlo.dispersions.density_scale]",
            "monte_carlo.dispersions.density_scale",
        ),
    ];
    let mut count = 0;
    for (header, prefix) in tables {
        for key in accepted_keys(header) {
            let full = format!("{prefix}.{key}");
            // Sub-tables are documented by their own keys.
            if [
                "initial.tle",
                "initial.state",
                "initial.entry",
                "monte_carlo.dispersions",
            ]
            .contains(&full.as_str())
            {
                continue;
            }
            assert!(
                keys::spec(&full).is_some(),
                "{full} has no entry in keys::KEYS"
            );
            count += 1;
        }
    }
    // 94 keys in 15 tables: a failure here means the probe stopped reading the key lists.
    assert!(count > 80, "only {count} keys found");
}
