//! Every bad input of the scenario issue gives one error whose message names the file, the
//! line:column of the offending text, the key, and the allowed range with its unit.

use std::path::Path;

use reentry_scenario::{ScenarioError, load, load_str};

/// A valid scenario with a vehicle, a two-level fragment tree, a target zone and a Monte Carlo
/// table; each test breaks one thing in it.
const BASE: &str = r#"[scenario]
name = "bad-input-base"
epoch_utc = "2026-03-16T17:05:00Z"

[initial.entry]
lat_deg = -30.0
lon_deg = -175.0
alt_km = 110.0
speed_m_s = 7550.0
flight_path_angle_deg = -1.3
heading_deg = 110.0

[vehicle]
name = "test vehicle"
mass_kg = 4000.0
cd = 1.8
area_m2 = 12.0
breakup_altitude_km = 78.0

[[fragment]]
id = "tank"
shape = "sphere"
diameter_m = 0.4
mass_kg = 14.0
material = "titanium-6al4v"
hollow = true

[[fragment]]
id = "valve"
parent = "tank"
shape = "cylinder"
diameter_m = 0.05
length_m = 0.1
mass_kg = 0.5
material = "stainless-316"

[target_zone]
polygon_deg = [[-165.0, -36.0], [-105.0, -36.0], [-105.0, -56.0]]

[monte_carlo]
samples = 10
seed = 1
"#;

/// The public p4 case's orbit start (ISS TLE with valid checksums).
const TLE_BASE: &str = r#"[scenario]
name = "tle-base"
epoch_utc = "2026-03-16T13:24:00Z"

[initial.tle]
line1 = "1 25544U 98067A   26076.83874734  .00009567  00000+0  18567-3 0  9991"
line2 = "2 25544  51.6336  32.0723 0006231 202.9067 157.1644 15.48349303557590"

[[burn]]
start_utc = "2026-03-16T16:35:30Z"
delta_v_m_s = 110.0
thrust_n = 2950.0
isp_s = 302.0

[vehicle]
mass_kg = 5800.0
cd = 1.8
area_m2 = 15.0

[[fragment]]
id = "he-bottle"
shape = "sphere"
diameter_m = 0.4
mass_kg = 14.0
material = "titanium-6al4v"
hollow = true
"#;

const FILE: &str = "bad.toml";

/// `text` with `from` replaced by `to` (exactly once: the test would be wrong otherwise).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "'{from}' must occur once");
    text.replacen(from, to, 1)
}

/// The error of loading `text`, which must fail.
fn error_of(text: &str) -> ScenarioError {
    match load_str(Path::new(FILE), text) {
        Ok(s) => panic!("accepted a bad scenario '{}'", s.name),
        Err(e) => e,
    }
}

/// 1-based line and column of the first occurrence of `needle` in `text`; a `|` in the needle
/// marks the position inside it (`"mass_kg = |0.0"`).
fn position(text: &str, needle: &str) -> (usize, usize) {
    let shift = needle.find('|').unwrap_or(0);
    let plain = needle.replace('|', "");
    let offset = text
        .find(&plain)
        .unwrap_or_else(|| panic!("'{plain}' not in text"))
        + shift;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// Asserts the message starts with `bad.toml:<line>:<col>: <key>` (the position of `at` in the
/// text) and contains every piece of `parts`, and an "; allowed: " clause.
fn assert_message(text: &str, error: &ScenarioError, at: &str, key: &str, parts: &[&str]) {
    let message = error.to_string();
    let (line, column) = position(text, at);
    let head = format!("{FILE}:{line}:{column}: {key}");
    assert!(
        message.starts_with(&head),
        "expected '{head}…', got: {message}"
    );
    assert!(
        message.contains("; allowed: "),
        "no allowed clause: {message}"
    );
    for part in parts {
        assert!(message.contains(part), "'{part}' missing from: {message}");
    }
    assert!(!message.contains('\n'), "not one line: {message}");
}

#[test]
fn base_scenarios_are_valid() {
    for text in [BASE, TLE_BASE] {
        let result = load_str(Path::new(FILE), text);
        assert!(
            result.is_ok(),
            "{}",
            result.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}

#[test]
fn unknown_key() {
    let text = edit(BASE, "cd = 1.8\n", "cd = 1.8\ncdd = 2.0\n");
    let e = error_of(&text);
    assert!(matches!(e, ScenarioError::UnknownKey { .. }));
    assert_message(
        &text,
        &e,
        "cdd",
        "vehicle.cdd",
        &[
            "unknown key",
            "the keys of [vehicle]",
            "mass_kg",
            "breakup_altitude_km",
        ],
    );

    let text = edit(BASE, "[monte_carlo]", "[montecarlo]");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "montecarlo",
        "montecarlo",
        &["unknown key", "monte_carlo"],
    );
}

#[test]
fn unknown_key_in_an_array_table_names_the_element() {
    let text = edit(BASE, "hollow = true\n", "hollow = true\nmass = 3.0\n");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass = 3.0",
        "fragment.mass",
        &["(fragment #1)", "unknown key", "mass_kg"],
    );
}

#[test]
fn wrong_type() {
    let text = edit(BASE, "mass_kg = 4000.0", "mass_kg = \"heavy\"");
    let e = error_of(&text);
    assert!(matches!(e, ScenarioError::WrongType { .. }));
    assert_message(
        &text,
        &e,
        "\"heavy\"",
        "vehicle.mass_kg",
        &[
            "wrong type",
            "string \"heavy\"",
            "a number",
            "1e-6 to 1e6 kg",
        ],
    );

    let text = edit(BASE, "samples = 10", "samples = 10.5");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "10.5",
        "monte_carlo.samples",
        &["wrong type: floating point `10.5`; allowed: an integer 1 to 1e8"],
    );

    let text = edit(BASE, "hollow = true", "hollow = \"yes\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"yes\"",
        "fragment.hollow",
        &["wrong type", "true or false"],
    );
}

#[test]
fn wrong_kind_of_table() {
    let text = edit(BASE, "[vehicle]", "[[vehicle]]");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[vehicle]]",
        "vehicle",
        &[
            "an array of tables [[vehicle]]",
            "one table written [vehicle]",
        ],
    );
    let text = format!(
        "vehicle = 5\n{}",
        BASE.replace("[vehicle]", "[vehicle_data]")
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "5",
        "vehicle",
        &["integer `5`", "a table written [vehicle]"],
    );
}

#[test]
fn negative_or_zero_mass() {
    for bad in ["-14.0", "0.0"] {
        let text = edit(BASE, "mass_kg = 14.0", &format!("mass_kg = {bad}"));
        let e = error_of(&text);
        assert!(matches!(e, ScenarioError::OutOfRange { .. }));
        assert_message(
            &text,
            &e,
            &format!("mass_kg = |{bad}"),
            "fragment.mass_kg",
            &[
                "(fragment \"tank\")",
                "kg is out of range",
                "1e-6 to 1e6 kg",
            ],
        );
    }
    let text = edit(BASE, "mass_kg = 4000.0", "mass_kg = -1");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |-1",
        "vehicle.mass_kg",
        &["-1 kg is out of range", "1e-6 to 1e6 kg"],
    );
}

#[test]
fn fragments_heavier_than_the_vehicle() {
    // 4000 kg vehicle, fragments 14 + 0.5 kg: make the valve node stand for 10 000 valves.
    let text = edit(BASE, "mass_kg = 0.5\n", "mass_kg = 0.5\ncount = 10000\n");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |4000.0",
        "vehicle.mass_kg",
        &["the fragments weigh 5014 kg", "vehicle's 4000 kg"],
    );

    // p4-like: 5800 kg with a 110 m/s burn at Isp 302 s leaves 5800 exp(−110/(302 g0)) = 5588.5 kg, printed rounded.
    let text = edit(TLE_BASE, "mass_kg = 14.0", "mass_kg = 14.0\ncount = 400");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |5800.0",
        "vehicle.mass_kg",
        &["5600 kg in total", "5589 kg after its burns"],
    );
}

#[test]
fn non_positive_diameter() {
    for bad in ["0.0", "-0.4"] {
        let text = edit(BASE, "diameter_m = 0.4", &format!("diameter_m = {bad}"));
        let e = error_of(&text);
        assert_message(
            &text,
            &e,
            &format!("diameter_m = |{bad}"),
            "fragment.diameter_m",
            &["(fragment \"tank\")", "m is out of range", "1e-4 to 100 m"],
        );
    }
}

#[test]
fn parent_does_not_exist() {
    let text = edit(BASE, "parent = \"tank\"", "parent = \"tnak\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"tnak\"",
        "fragment.parent",
        &[
            "(fragment \"valve\")",
            "parent \"tnak\" does not exist",
            "\"vehicle\"",
            "tank, valve",
        ],
    );
}

#[test]
fn parent_cycle_is_named() {
    let text = edit(
        BASE,
        "id = \"tank\"\n",
        "id = \"tank\"\nparent = \"valve\"\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"valve\"\n",
        "fragment.parent",
        &["cycle", "tank → valve → tank", "a tree"],
    );

    let text = edit(BASE, "parent = \"tank\"", "parent = \"valve\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"valve\"\nshape",
        "fragment.parent",
        &["cycle: valve → valve"],
    );
}

#[test]
fn parent_vehicle_without_vehicle_table() {
    let start = BASE.find("[vehicle]").unwrap_or(0);
    let end = BASE.find("[[fragment]]").unwrap_or(0);
    let text = BASE[..start].to_string() + &BASE[end..];
    let text = edit(
        &text,
        "id = \"tank\"\n",
        "id = \"tank\"\nparent = \"vehicle\"\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"vehicle\"",
        "fragment.parent",
        &["no [vehicle] table"],
    );
}

#[test]
fn unknown_material() {
    let text = edit(BASE, "\"titanium-6al4v\"", "\"unobtainium\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"unobtainium\"",
        "fragment.material",
        &[
            "unknown material \"unobtainium\"",
            "aluminium-6061",
            "stainless-316",
            "[[material]]",
        ],
    );
}

#[test]
fn a_material_table_adds_a_material() {
    let text = edit(BASE, "\"titanium-6al4v\"", "\"unobtainium\"")
        + "\n[[material]]\nid = \"unobtainium\"\ndensity_kg_m3 = 3000.0\nspecific_heat_j_kg_k = 700.0\nmelt_temperature_k = 2500.0\nheat_of_fusion_kj_kg = 400.0\nemissivity = 0.5\n";
    let scenario = load_str(Path::new(FILE), &text);
    let melt = scenario.map(|s| s.problem.fragments[0].material.melt_temperature_k);
    assert_eq!(melt.ok(), Some(2500.0));
    let text = text.replace("emissivity = 0.5", "emissivity = 1.5");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "1.5",
        "material.emissivity",
        &["(material \"unobtainium\")", "above 0 up to 1"],
    );
}

#[test]
fn unknown_shape() {
    let text = edit(BASE, "shape = \"sphere\"", "shape = \"cube\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"cube\"",
        "fragment.shape",
        &[
            "unknown value \"cube\"",
            "\"sphere\"",
            "\"cylinder\"",
            "\"box\"",
            "\"plate\"",
        ],
    );
}

#[test]
fn missing_dimension_for_a_shape() {
    let text = edit(BASE, "length_m = 0.1\n", "");
    let e = error_of(&text);
    assert!(matches!(e, ScenarioError::MissingKey { .. }));
    assert_message(
        &text,
        &e,
        "\"cylinder\"",
        "fragment.length_m",
        &[
            "(fragment \"valve\")",
            "missing",
            "a cylinder needs diameter_m, length_m",
            "1e-4 to 100 m",
        ],
    );

    let text = edit(
        BASE,
        "diameter_m = 0.4\n",
        "diameter_m = 0.4\nwidth_m = 0.3\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "0.3",
        "fragment.width_m",
        &["does not apply to a sphere", "diameter_m"],
    );
}

#[test]
fn breakup_above_the_initial_altitude() {
    let text = edit(
        BASE,
        "breakup_altitude_km = 78.0",
        "breakup_altitude_km = 120.0",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "120.0",
        "vehicle.breakup_altitude_km",
        &[
            "120 km is out of range",
            "below initial.entry.alt_km (110 km)",
        ],
    );

    let text = edit(BASE, "alt_km = 110.0", "alt_km = 70.0");
    let text = edit(&text, "breakup_altitude_km = 78.0\n", "");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[vehicle]",
        "vehicle.breakup_altitude_km",
        &["default break-up altitude of 78 km", "(70 km)"],
    );
}

#[test]
fn release_altitude_needs_a_parent_below_the_start() {
    let text = edit(
        BASE,
        "hollow = true\n",
        "hollow = true\nrelease_altitude_km = 130.0\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "130.0",
        "fragment.release_altitude_km",
        &["below initial.entry.alt_km"],
    );
}

#[test]
fn invalid_tle_checksum() {
    let text = edit(TLE_BASE, "0  9991\"", "0  9992\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"1 25544U",
        "initial.tle.line1",
        &[
            "checksum digit is '2'",
            "checksum is 1",
            "69 characters",
            "mod-10 checksum",
        ],
    );

    let text = edit(TLE_BASE, "15.48349303557590", "15.4834930355759");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"2 25544",
        "initial.tle.line2",
        &["68 characters, not 69"],
    );

    // A digit changed together with the checksum: only the catalogue numbers disagree.
    let text = edit(TLE_BASE, "2 25544  51.6336", "2 25545  51.6336");
    let text = edit(&text, "15.48349303557590", "15.48349303557591");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"2 25545",
        "initial.tle.line2",
        &["catalogue number 25545 differs"],
    );
}

#[test]
fn tle_far_from_the_epoch() {
    let text = edit(
        TLE_BASE,
        "epoch_utc = \"2026-03-16T13:24:00Z\"",
        "epoch_utc = \"2026-06-16T13:24:00Z\"",
    );
    let text = edit(&text, "2026-03-16T16:35:30Z", "2026-06-16T16:35:30Z");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"1 25544U",
        "initial.tle.line1",
        &["days from scenario.epoch_utc", "within 30 days"],
    );
}

#[test]
fn tle_that_puts_the_satellite_below_the_surface() {
    // Mean motion 100 rev/day (the checksum still holds): SGP4 propagates it without an error to
    // a point 4412 km inside the Earth, where a run would report every object landed.
    let text = edit(TLE_BASE, "15.48349303557590", "99.99999999557590");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"1 25544U",
        "initial.tle.line1",
        &["4412.258 km below the surface", "a satellite in orbit"],
    );
}

#[test]
fn tle_field_sgp4_cannot_read_names_its_line() {
    // Line 2 with a blank inclination field and a valid checksum.
    let text = edit(
        TLE_BASE,
        "2 25544  51.6336  32.0723",
        "2 25544           32.0723",
    );
    let text = edit(&text, "15.48349303557590", "15.48349303557596");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"2 25544",
        "initial.tle.line2",
        &[
            "SGP4 cannot read the element set",
            "line 2 of the same element set",
        ],
    );
}

#[test]
fn state_vector_with_a_number_that_is_not_finite() {
    let text = edit(
        BASE,
        "[initial.entry]\nlat_deg = -30.0\nlon_deg = -175.0\nalt_km = 110.0\nspeed_m_s = 7550.0\nflight_path_angle_deg = -1.3\nheading_deg = 110.0\n",
        "[initial.state]\nframe = \"ecef\"\nr_m = [nan, 0.0, 0.0]\nv_m_s = [0.0, 7500.0, 0.0]\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[nan",
        "initial.state.r_m",
        &[
            "[NaN, 0.0, 0.0] has a number that is not finite",
            "[x, y, z] in m",
        ],
    );
}

#[test]
fn huge_value_is_shown_in_exponent_form() {
    let text = edit(BASE, "mass_kg = 4000.0", "mass_kg = 1e308");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "1e308",
        "vehicle.mass_kg",
        &[
            "vehicle.mass_kg: 1e308 kg is out of range",
            "1e-6 to 1e6 kg",
        ],
    );
}

#[test]
fn name_with_a_control_character_is_shown_escaped_on_one_line() {
    let text = edit(BASE, "name = \"bad-input-base\"", "name = \"two\\nlines\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"two",
        "scenario.name",
        &["\"two\\nlines\" cannot name an output folder"],
    );
}

#[test]
fn samples_zero() {
    let text = edit(BASE, "samples = 10", "samples = 0");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "0\nseed",
        "monte_carlo.samples",
        &["0 is out of range", "an integer 1 to 1e8"],
    );
}

#[test]
fn unreadable_or_empty_file() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-scenario.toml");
    let e = load(&missing);
    let message = e.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.starts_with(&missing.display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("cannot read the scenario file") && message.contains("allowed:"),
        "{message}"
    );

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let e = load(dir);
    assert!(matches!(e, Err(ScenarioError::Unreadable { .. })));

    for empty in ["", "  \n\n", "# only a comment\n"] {
        let e = error_of(empty);
        assert!(matches!(e, ScenarioError::Empty { .. }));
        let message = e.to_string();
        assert!(
            message.starts_with("bad.toml: the scenario file is empty; allowed: "),
            "{message}"
        );
    }

    let e = error_of("[scenario]\nname = \"x\n");
    assert!(matches!(e, ScenarioError::Syntax { .. }), "{e}");
    assert!(e.to_string().starts_with("bad.toml:2:"), "{e}");

    let text = edit(BASE, "cd = 1.8\n", "cd = 1.8\ncd = 2.0\n");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "cd = 2.0",
        "vehicle.cd",
        &["TOML syntax error: duplicate key", "each key once"],
    );
}

#[test]
fn polygon_with_fewer_than_three_points() {
    let text = edit(BASE, ", [-105.0, -56.0]]", "]");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[-165.0",
        "target_zone.polygon_deg",
        &["2 distinct points", "at least 3 distinct [lon, lat] points"],
    );

    let text = edit(BASE, "[-105.0, -56.0]]", "[-105.0, -36.0]]");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[-165.0",
        "target_zone.polygon_deg",
        &["2 distinct points"],
    );

    let text = edit(BASE, "[-105.0, -56.0]]", "[-105.0, -96.0]]");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[-105.0, -96.0]",
        "target_zone.polygon_deg",
        &["(point #3)", "lat -90 to 90"],
    );
}

#[test]
fn polygon_that_crosses_itself_or_has_no_area() {
    let zone = "polygon_deg = [[-165.0, -36.0], [-105.0, -36.0], [-105.0, -56.0]]";
    // A bow tie: its first and third edges cross.
    let text = edit(
        BASE,
        zone,
        "polygon_deg = [[-165.0, -36.0], [-105.0, -56.0], [-105.0, -36.0], [-165.0, -56.0]]",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[-165.0",
        "target_zone.polygon_deg",
        &[
            "crosses itself",
            "the edge from point #1 to #2 meets the edge from point #3 to #4",
            "a simple polygon",
        ],
    );

    let text = edit(
        BASE,
        zone,
        "polygon_deg = [[-165.0, -36.0], [-135.0, -46.0], [-105.0, -56.0]]",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[-165.0",
        "target_zone.polygon_deg",
        &["no area", "on one line", "a simple polygon"],
    );

    // A ring closed by repeating its first point, and a zone across the antimeridian, are
    // simple polygons.
    for fine in [
        "polygon_deg = [[-165.0, -36.0], [-105.0, -36.0], [-105.0, -56.0], [-165.0, -36.0]]",
        "polygon_deg = [[170.0, -10.0], [-170.0, -10.0], [-170.0, 10.0], [170.0, 10.0]]",
    ] {
        let text = edit(BASE, zone, fine);
        let result = load_str(Path::new(FILE), &text);
        assert!(
            result.is_ok(),
            "{fine}: {:?}",
            result.err().map(|e| e.to_string())
        );
    }
}

#[test]
fn duplicate_fragment_ids() {
    let text = edit(BASE, "id = \"valve\"", "id = \"tank\"");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"tank\"\nparent",
        "fragment.id",
        &["used twice", "unique"],
    );
}

#[test]
fn dispersion_rules() {
    let mc = |body: &str| format!("{BASE}\n[monte_carlo.dispersions]\n{body}\n");

    let text = mc("fragment_cd_scale = { dist = \"normal\", sigma = 0.2 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "0.2",
        "monte_carlo.dispersions.fragment_cd_scale.sigma",
        &["reaches a factor of", "sigma below 0.1666", "lognormal"],
    );

    let text = mc("breakup_altitude_km = { dist = \"uniform\", min = 84.0, max = 72.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "72.0",
        "monte_carlo.dispersions.breakup_altitude_km.max",
        &["not above min", "max > min"],
    );

    let text = mc("breakup_altitude_km = { dist = \"uniform\", min = 72.0, max = 120.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "72.0",
        "monte_carlo.dispersions.breakup_altitude_km",
        &["outside 0..110"],
    );

    let text = mc("delta_v_m_s = { dist = \"normal\", sigma = 1.5 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "{ dist",
        "monte_carlo.dispersions.delta_v_m_s",
        &["no [[burn]]"],
    );

    let text = mc("density_scale = { dist = \"lognormal\", sigma = 0.15, mean = 1.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "1.0 }",
        "monte_carlo.dispersions.density_scale.mean",
        &["does not apply to dist = \"lognormal\""],
    );

    let text = mc("density_scale = { dist = \"gaussian\", sigma = 0.15 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"gaussian\"",
        "monte_carlo.dispersions.density_scale.dist",
        &[
            "dist = \"normal\", \"uniform\" or \"lognormal\"",
            "mean − 6 sigma above 0",
        ],
    );

    let text = mc("density_scale = { dist = \"normal\", sigma = 0.1, spread = 2 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "spread",
        "monte_carlo.dispersions.density_scale.spread",
        &["unknown key", "sigma, mean, min, max"],
    );
}

#[test]
fn model_specific_environment_keys() {
    let text = edit(
        BASE,
        "[vehicle]",
        "[environment]\natmosphere = \"exponential\"\nrho0_kg_m3 = 1.225\n\n[vehicle]",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[environment]",
        "environment.scale_height_km",
        &["rho0_kg_m3 is given without"],
    );

    let text = edit(
        BASE,
        "[vehicle]",
        "[environment]\natmosphere = \"us76\"\nscale_height_km = 7.2\n\n[vehicle]",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "7.2",
        "environment.scale_height_km",
        &["only to atmosphere = \"exponential\""],
    );

    let text = edit(
        BASE,
        "[vehicle]",
        "[environment]\natmosphere = \"nrlmsise00\"\nspace_weather_file = \"missing-sw.csv\"\n\n[vehicle]",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"missing-sw.csv\"",
        "environment.space_weather_file",
        &["not a readable file"],
    );
}

#[test]
fn oxidation_keys() {
    // The efficiency is a fraction.
    let text = format!("{BASE}\n[environment]\noxidation_efficiency = 1.5\n");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "1.5",
        "environment.oxidation_efficiency",
        &["0 to 1"],
    );

    // A material that oxidises needs its onset temperature.
    let text = format!(
        "{BASE}\n[[material]]\nid = \"steel-x\"\ndensity_kg_m3 = 7900.0\nspecific_heat_j_kg_k = 500.0\nmelt_temperature_k = 1700.0\nheat_of_fusion_kj_kg = 270.0\nemissivity = 0.8\noxidation_heat_mj_kg_o2 = 17.0\n"
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "[[material]]",
        "material.oxidation_onset_k",
        &["material \"steel-x\"", "100 to 5000 K"],
    );

    // The dispersion is a uniform value inside [0, 1]; a normal draw is refused.
    let mc = |body: &str| format!("{BASE}\n[monte_carlo.dispersions]\n{body}\n");
    let text = mc("oxidation_efficiency = { dist = \"normal\", sigma = 0.2 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"normal\"",
        "monte_carlo.dispersions.oxidation_efficiency.dist",
        &["not available", "\"uniform\""],
    );
    let text = mc("oxidation_efficiency = { dist = \"uniform\", min = 0.5, max = 1.2 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "min = |0.5, max = 1.2",
        "monte_carlo.dispersions.oxidation_efficiency",
        &["leaves 0..1", "0 <= min < max <= 1"],
    );
    // The full range is accepted.
    let text = mc("oxidation_efficiency = { dist = \"uniform\", min = 0.0, max = 1.0 }");
    assert!(load_str(Path::new(FILE), &text).is_ok());
}

/// The extremes of a sweep of the documented ranges: a heat of fusion near 0 made the melt rate
/// overflow (`non-finite` fates). No solid melts for less than 1 kJ/kg.
#[test]
fn heat_of_fusion_below_1_kj_kg() {
    let with = |hf: &str| {
        edit(BASE, "\"titanium-6al4v\"", "\"unobtainium\"")
            + &format!(
                "\n[[material]]\nid = \"unobtainium\"\ndensity_kg_m3 = 3000.0\nspecific_heat_j_kg_k = 700.0\nmelt_temperature_k = 2500.0\nheat_of_fusion_kj_kg = {hf}\nemissivity = 0.5\n"
            )
    };
    for bad in ["1e-308", "0.5"] {
        let text = with(bad);
        let e = error_of(&text);
        assert!(matches!(e, ScenarioError::OutOfRange { .. }));
        assert_message(
            &text,
            &e,
            &format!("heat_of_fusion_kj_kg = |{bad}"),
            "material.heat_of_fusion_kj_kg",
            &["(material \"unobtainium\")", "1 to 100000 kJ/kg"],
        );
    }
    let hf = load_str(Path::new(FILE), &with("1.0"))
        .map(|s| s.problem.fragments[0].material.heat_of_fusion_j_kg);
    assert_eq!(hf.ok(), Some(1e3));
}

/// A fragment whose ballistic coefficient m/(C_D A) is below 0.01 kg/m² (C_D its cd, or the
/// drag model's largest, 2, times cd_scale; A its reference area) is a film that floats, not an
/// object that re-enters: the sweep's 2.4 kg sphere with a 10 000 m² area override hung in the
/// air past the time limit, and a 100 m sphere of 1 mg released at 78 km ended `non-finite`.
#[test]
fn fragment_with_a_ballistic_coefficient_below_a_film() {
    // The 14 kg tank with a 10 000 m² reference area: at least 0.01 × 2 × 10 000 = 200 kg.
    let text = edit(
        BASE,
        "hollow = true\n",
        "hollow = true\narea_m2 = 10000.0\n",
    );
    let e = error_of(&text);
    assert!(matches!(e, ScenarioError::OutOfRange { .. }));
    assert_message(
        &text,
        &e,
        "mass_kg = |14.0",
        "fragment.mass_kg",
        &[
            "(fragment \"tank\")",
            "14 kg is out of range",
            "at least 200 kg",
            "ballistic coefficient m/(C_D A) of at least 0.01 kg/m2",
            "C_D = 2 (free-molecular",
            "A = area_m2 10000 m2",
        ],
    );
    // At the bound it loads.
    let text = edit(BASE, "hollow = true\n", "hollow = true\narea_m2 = 700.0\n");
    assert!(load_str(Path::new(FILE), &text).is_ok());

    // A 100 m sphere of 1 mg: at least 0.01 × 2 × π 100²/4 = 157.08 kg, shown rounded up.
    let text = edit(BASE, "diameter_m = 0.4", "diameter_m = 100.0");
    let text = edit(&text, "mass_kg = 14.0", "mass_kg = 0.000001");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |0.000001",
        "fragment.mass_kg",
        &["at least 157.1 kg", "A = 7854 m2 (S/4 of the sphere)"],
    );

    // The drag coefficient counts: the 1 g valve passes with the drag model (at least 9.8e-5
    // kg), not with cd 10 × cd_scale 10 (at least 0.01 × 100 × 0.004909 = 4.909e-3 kg).
    let light = edit(BASE, "mass_kg = 0.5", "mass_kg = 0.001");
    assert!(load_str(Path::new(FILE), &light).is_ok());
    let text = edit(
        &light,
        "material = \"stainless-316\"\n",
        "material = \"stainless-316\"\ncd = 10.0\ncd_scale = 10.0\n",
    );
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |0.001",
        "fragment.mass_kg",
        &[
            "(fragment \"valve\")",
            "at least 0.004909 kg",
            "C_D = cd 10 × cd_scale 10",
        ],
    );
}

/// The vehicle keeps a ballistic coefficient mass/(cd × area_m2) of at least 0.01 kg/m² after
/// its burns and less what it releases in flight, or nothing: the sweep's 1 mg vehicle with
/// 12 m² floated to the time limit (and for minutes with a longer one).
#[test]
fn vehicle_with_a_ballistic_coefficient_below_a_film() {
    // 100 kg on 1.8 × 10 000 m²: at least 180 kg.
    let text = edit(BASE, "mass_kg = 4000.0", "mass_kg = 100.0");
    let text = edit(&text, "area_m2 = 12.0", "area_m2 = 10000.0");
    let e = error_of(&text);
    assert!(matches!(e, ScenarioError::OutOfRange { .. }));
    assert_message(
        &text,
        &e,
        "mass_kg = |100.0",
        "vehicle.mass_kg",
        &[
            "100 kg is out of range",
            "at least 180 kg",
            "ballistic coefficient m/(C_D A) of at least 0.01 kg/m2",
            "C_D = cd 1.8 and A = area_m2 10000 m2",
        ],
    );
    // At the bound it loads.
    let text = edit(&text, "mass_kg = 100.0", "mass_kg = 180.0");
    assert!(load_str(Path::new(FILE), &text).is_ok());

    // The tank (14.5 kg with its valve) leaves in flight: the vehicle keeps nothing (it comes
    // apart there), or at least 0.01 × 1.8 × 12 = 0.216 kg.
    let released = edit(
        BASE,
        "hollow = true\n",
        "hollow = true\nrelease_altitude_km = 100.0\n",
    );
    for ok in ["14.5", "15.0"] {
        let text = edit(&released, "mass_kg = 4000.0", &format!("mass_kg = {ok}"));
        let result = load_str(Path::new(FILE), &text);
        assert!(
            result.is_ok(),
            "{ok}: {:?}",
            result.err().map(|e| e.to_string())
        );
    }
    let text = edit(&released, "mass_kg = 4000.0", "mass_kg = 14.6");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |14.6",
        "vehicle.mass_kg",
        &[
            "at least 14.72 kg, or just the mass of its fragments",
            "less what it releases in flight (tank)",
        ],
    );
}

/// The mass-over-solid bound names the solid mass in significant figures: a 0.1 mm sphere's
/// read "(0.0000 kg at 4430 kg/m3)".
#[test]
fn mass_over_twice_the_solid_names_the_solid_mass() {
    let text = edit(BASE, "diameter_m = 0.4", "diameter_m = 0.0001");
    let text = edit(&text, "mass_kg = 14.0", "mass_kg = 0.000001");
    let text = edit(&text, "hollow = true\n", "hollow = true\narea_m2 = 1e-8\n");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "mass_kg = |0.000001",
        "fragment.mass_kg",
        &[
            "at most 4.639e-9 kg",
            "2 × the solid sphere of titanium-6al4v (2.32e-9 kg at 4430 kg/m3)",
        ],
    );
}

#[test]
fn separation_velocity_dispersion() {
    let mc = |body: &str| format!("{BASE}\n[monte_carlo.dispersions]\n{body}\n");
    // Isotropic: a normal of mean 0 per axis; a mean would push every fragment one way.
    let text = mc("separation_delta_v_m_s = { dist = \"normal\", sigma = 5.0, mean = 2.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "2.0 }",
        "monte_carlo.dispersions.separation_delta_v_m_s.mean",
        &["does not apply"],
    );
    let text = mc("separation_delta_v_m_s = { dist = \"uniform\", min = 0.0, max = 5.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "\"uniform\"",
        "monte_carlo.dispersions.separation_delta_v_m_s.dist",
        &["not available", "\"normal\""],
    );
    let text = mc("separation_delta_v_m_s = { dist = \"normal\", sigma = 2000.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "2000.0",
        "monte_carlo.dispersions.separation_delta_v_m_s.sigma",
        &["up to 1000"],
    );
    // Accepted, and drawn per fragment node of every sample but the nominal one.
    let text = mc("separation_delta_v_m_s = { dist = \"normal\", sigma = 5.0 }");
    let scenario = load_str(Path::new(FILE), &text).expect("valid");
    assert_eq!(
        scenario.monte_carlo.dispersions.separation_velocity_m_s,
        Some(reentry_montecarlo::Distribution::Normal {
            mean: 0.0,
            sigma: 5.0
        })
    );
    // Nothing is released without a parent: a lone root fragment cannot separate.
    let lone = r#"[scenario]
name = "lone"
epoch_utc = "2026-03-16T17:05:00Z"

[initial.entry]
lat_deg = -30.0
lon_deg = -175.0
alt_km = 110.0
speed_m_s = 7550.0
flight_path_angle_deg = -1.3
heading_deg = 110.0

[[fragment]]
id = "tank"
shape = "sphere"
diameter_m = 0.4
mass_kg = 14.0
material = "titanium-6al4v"
hollow = true

[monte_carlo.dispersions]
separation_delta_v_m_s = { dist = "normal", sigma = 5.0 }
"#;
    let e = error_of(lone);
    assert_message(
        lone,
        &e,
        "{ dist = \"normal\", sigma = 5.0 }",
        "monte_carlo.dispersions.separation_delta_v_m_s",
        &["nothing to disperse", "released from a parent"],
    );
}

/// Mass and drag dispersions may not take a fragment below the smallest ballistic coefficient
/// at their extremes (within 6 sigma, or min..max): a sweep's 1e-9..1e-8 mass scale ended
/// samples `non-finite` or at the time limit.
#[test]
fn dispersions_keep_the_smallest_ballistic_coefficient() {
    let mc = |body: &str| format!("{BASE}\n[monte_carlo.dispersions]\n{body}\n");
    // The 14 kg tank (A = 0.1257 m², C_D up to 2) needs 2.513e-3 kg: 1e-5 × 14 kg is lighter.
    let text = mc("fragment_mass_scale = { dist = \"uniform\", min = 0.00001, max = 1.0 }");
    let e = error_of(&text);
    assert_message(
        &text,
        &e,
        "{ dist = \"uniform\", min = 0.00001",
        "monte_carlo.dispersions.fragment_mass_scale",
        &[
            "fragment \"tank\"",
            "mass factor 1e-5",
            "0.002513 kg",
            "0.01 kg/m2",
        ],
    );
    // With the drag scale's upper end as well: 0.01 × 14 kg against 2.513e-3 × 100.
    let text = mc(
        "fragment_mass_scale = { dist = \"uniform\", min = 0.01, max = 1.0 }\nfragment_cd_scale = { dist = \"uniform\", min = 1.0, max = 100.0 }",
    );
    let e = error_of(&text);
    assert!(e.to_string().contains("drag factor 100"), "{e}");
    // Ordinary spreads load.
    let text = mc(
        "fragment_mass_scale = { dist = \"normal\", sigma = 0.05 }\nfragment_cd_scale = { dist = \"lognormal\", sigma = 0.3 }",
    );
    assert!(load_str(Path::new(FILE), &text).is_ok());
}
