//! Draws the plots of the synthetic run directory `tests/data/progress-like` (written by
//! `tests/data/make_fixture.py`) and of variants of it (one sample, no survivors, no vehicle,
//! no target zone, a shard without `trajectory.csv`), and checks the files: valid PNG and SVG
//! of the stated size, deterministic, and a map whose projection puts land and sea where
//! Natural Earth has them.

use std::fs;
use std::path::{Path, PathBuf};

use reentry_physics::earth::land::is_land;
use reentry_plot::{
    CHART_SIZE_PX, FOOTPRINT_SIZE_PX, MapFrame, PlotError, draw_run_directory,
    draw_run_directory_report,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/progress-like")
}

/// A fresh copy of the fixture under the test's temporary folder, with `edit` applied to the
/// lines of each file (`None`: remove the file).
fn variant(name: &str, edit: impl Fn(&str, Vec<String>) -> Option<Vec<String>>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("plot-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for file in ["summary.json", "fragments.csv", "trajectory.csv"] {
        let text = fs::read_to_string(fixture().join(file)).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        if let Some(lines) = edit(file, lines) {
            fs::write(dir.join(file), lines.join("\n") + "\n").unwrap();
        }
    }
    dir
}

fn unchanged(_: &str, lines: Vec<String>) -> Option<Vec<String>> {
    Some(lines)
}

/// Width and height from a PNG's IHDR, after checking the signature; the image crate then
/// decodes the whole file (every chunk's CRC and the zlib stream).
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    let decoded = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!((decoded.width(), decoded.height()), (width, height));
    (width, height)
}

/// Width and height attributes of an SVG's root element, after checking that it is one
/// `<svg>` element closed at the end with balanced tags.
fn svg_size(path: &Path) -> (u32, u32) {
    let text = fs::read_to_string(path).unwrap();
    let start = text
        .find("<svg")
        .unwrap_or_else(|| panic!("{}: no <svg", path.display()));
    assert!(text.trim_end().ends_with("</svg>"), "{}", path.display());
    let head = &text[start..start + text[start..].find('>').unwrap()];
    let attribute = |name: &str| -> u32 {
        let key = format!(" {name}=\"");
        let at = head.find(&key).unwrap() + key.len();
        head[at..at + head[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let opened = text.matches("<text").count();
    let closed = text.matches("</text>").count();
    assert_eq!(opened, closed, "{}: unbalanced <text>", path.display());
    assert!(opened > 0, "{}: no text", path.display());
    (attribute("width"), attribute("height"))
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_plot_is_a_valid_png_and_svg_of_its_size() {
    let dir = variant("full", unchanged);
    let written = draw_run_directory(&dir).unwrap();
    assert_eq!(
        names(&written),
        [
            "footprint.png",
            "footprint.svg",
            "trajectory.png",
            "trajectory.svg",
            "heating.png",
            "heating.svg",
            "demise.png",
            "demise.svg"
        ]
    );
    for path in &written {
        let expected = if names(std::slice::from_ref(path))[0].starts_with("footprint") {
            FOOTPRINT_SIZE_PX
        } else {
            CHART_SIZE_PX
        };
        let size = if path.extension().unwrap() == "png" {
            png_size(path)
        } else {
            svg_size(path)
        };
        assert_eq!(size, expected, "{}", path.display());
    }
    // No temporary files left behind.
    for entry in fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains("partial"), "{name}");
    }
}

#[test]
fn plots_are_deterministic() {
    let first = variant("deterministic-a", unchanged);
    let second = variant("deterministic-b", unchanged);
    let a = draw_run_directory(&first).unwrap();
    let b = draw_run_directory(&second).unwrap();
    for (a, b) in a.iter().zip(&b) {
        assert!(
            fs::read(a).unwrap() == fs::read(b).unwrap(),
            "{} differs",
            a.display()
        );
    }
}

/// Colours of the map (crate style.rs): sea fill and land fill.
const SEA_RGB: [u8; 3] = [226, 238, 247];
const LAND_RGB: [u8; 3] = [236, 230, 214];

/// The map frame must put land where Natural Earth has land: on a grid of points of the map,
/// every point whose 0.3° neighbourhood is all land (or all sea) by `is_land` must show the land
/// (sea) colour in footprint.png, unless something is drawn over it (then it shows neither).
#[test]
fn map_projection_puts_land_and_sea_where_they_belong() {
    let dir = variant("projection", unchanged);
    let report = draw_run_directory_report(&dir).unwrap();
    let frame: MapFrame = report.footprint_frame.unwrap();
    let view = frame.view;
    // The fixture's cloud straddles the antimeridian: the window must hold both sides.
    assert!(
        view.west_deg() < 180.0 && view.east_deg() > 180.0,
        "{view:?}"
    );
    let image = image::open(dir.join("footprint.png")).unwrap().to_rgb8();
    let (mut land_ok, mut sea_ok, mut wrong) = (0, 0, Vec::new());
    let steps = 60;
    for i in 1..steps {
        for j in 1..steps {
            let lon = view.west_deg()
                + (view.east_deg() - view.west_deg()) * f64::from(i) / f64::from(steps);
            let lat = view.south_deg()
                + (view.north_deg() - view.south_deg()) * f64::from(j) / f64::from(steps);
            let around: Vec<bool> = [(0.0, 0.0), (0.3, 0.0), (-0.3, 0.0), (0.0, 0.3), (0.0, -0.3)]
                .iter()
                .map(|(dx, dy)| is_land(lat + dy, lon + dx))
                .collect();
            if around.iter().any(|&l| l != around[0]) {
                continue;
            }
            let (x, y) = frame.pixel(lon, lat).unwrap();
            let pixel = image.get_pixel(x as u32, y as u32).0;
            match (around[0], pixel) {
                (true, p) if p == LAND_RGB => land_ok += 1,
                (false, p) if p == SEA_RGB => sea_ok += 1,
                (true, p) if p == SEA_RGB => wrong.push((lon, lat, "land drawn as sea")),
                (false, p) if p == LAND_RGB => wrong.push((lon, lat, "sea drawn as land")),
                _ => {} // covered by the graticule, a track, a marker or the zone
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
    assert!(land_ok > 20, "only {land_ok} land points checked");
    assert!(sea_ok > 1000, "only {sea_ok} sea points checked");
}

/// Known places land where the projection says, in a window across the antimeridian.
#[test]
fn map_frame_pixels_of_known_points() {
    let dir = variant("frame", unchanged);
    let frame = draw_run_directory_report(&dir)
        .unwrap()
        .footprint_frame
        .unwrap();
    let [left, top, right, bottom] = frame.plot_area_px;
    let east = frame.pixel(-160.0, -48.88).unwrap();
    let dateline = frame.pixel(180.0, -48.88).unwrap();
    let west_of_dateline = frame.pixel(179.0, -48.88).unwrap();
    let east_of_dateline = frame.pixel(-179.0, -48.88).unwrap();
    // East is right: 179°E, 180°, 179°W, then 160°W, all on one row.
    assert!(west_of_dateline.0 < dateline.0 && dateline.0 < east_of_dateline.0);
    assert!(east_of_dateline.0 < east.0);
    assert_eq!(east.1, dateline.1);
    // One degree of longitude spans cos(φ₀) of a degree of latitude in pixels.
    let px_per_deg_lon = f64::from(east_of_dateline.0 - west_of_dateline.0) / 2.0;
    let north = frame.pixel(180.0, -47.88).unwrap();
    let px_per_deg_lat = f64::from(dateline.1 - north.1);
    let cos0 = frame.view.standard_parallel_deg().to_radians().cos();
    assert!(
        (px_per_deg_lon / px_per_deg_lat - cos0).abs() < 0.02,
        "{px_per_deg_lon} {px_per_deg_lat} {cos0}"
    );
    // The window's corners are the plotting area's corners.
    assert_eq!(
        frame.pixel(frame.view.west_deg(), frame.view.north_deg()),
        Some((left, top))
    );
    assert_eq!(
        frame.pixel(frame.view.east_deg(), frame.view.south_deg()),
        Some((right, bottom))
    );
}

#[test]
fn single_sample_run() {
    let dir = variant("single-sample", |file, lines| {
        Some(match file {
            "fragments.csv" => lines
                .into_iter()
                .enumerate()
                .filter(|(i, l)| *i == 0 || l.starts_with("0,"))
                .map(|(_, l)| l)
                .collect(),
            "summary.json" => lines
                .into_iter()
                .map(|l| l.replace("\"samples\": 6", "\"samples\": 1"))
                .collect(),
            _ => lines,
        })
    });
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(report.written.len(), 8);
    assert!(report.skipped.is_empty());
}

#[test]
fn run_without_survivors() {
    let dir = variant("no-survivors", |file, lines| {
        Some(match file {
            "fragments.csv" => lines
                .into_iter()
                .filter(|l| !l.contains(",landed,"))
                .collect(),
            _ => lines,
        })
    });
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(report.written.len(), 8);
    // Without impacts the map still holds the zone and the break-up points.
    let frame = report.footprint_frame.unwrap();
    assert!(frame.pixel(-160.0, -45.0).is_some());
}

#[test]
fn run_without_vehicle_or_target_zone() {
    let dir = variant("no-vehicle-no-zone", |file, lines| {
        Some(match file {
            "fragments.csv" | "trajectory.csv" => lines
                .into_iter()
                .filter(|l| !l.contains(",vehicle,"))
                .map(|l| l.replace(",vehicle,", ",,"))
                .collect(),
            "summary.json" => {
                let mut summary: serde_json::Value =
                    serde_json::from_str(&lines.join("\n")).unwrap();
                summary["target_zone_deg"] = serde_json::Value::Null;
                vec![summary.to_string()]
            }
            _ => lines,
        })
    });
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(report.written.len(), 8);
}

#[test]
fn shard_without_trajectory_skips_trajectory_plots() {
    let dir = variant("shard", |file, lines| match file {
        "trajectory.csv" => None,
        "fragments.csv" => Some(
            lines
                .into_iter()
                .enumerate()
                .filter(|(i, l)| *i == 0 || !l.starts_with("0,"))
                .map(|(_, l)| l)
                .collect(),
        ),
        _ => Some(lines),
    });
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(
        names(&report.written),
        ["footprint.png", "footprint.svg", "demise.png", "demise.svg"]
    );
    assert_eq!(report.skipped.len(), 1);
    assert!(
        report.skipped[0].contains("trajectory.csv"),
        "{:?}",
        report.skipped
    );
}

#[test]
fn bad_run_directories_name_the_file() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plot-does-not-exist");
    let error = draw_run_directory(&missing).unwrap_err();
    assert!(matches!(error, PlotError::NotADirectory { .. }), "{error}");

    let dir = variant("no-fragments", |file, lines| {
        (file != "fragments.csv").then_some(lines)
    });
    let error = draw_run_directory(&dir).unwrap_err();
    assert!(error.to_string().contains("fragments.csv"), "{error}");

    let dir = variant("bad-cell", |file, lines| {
        Some(if file == "fragments.csv" {
            lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 3 {
                        l.replace(",landed,", ",flew-away,")
                    } else {
                        l
                    }
                })
                .collect()
        } else {
            lines
        })
    });
    let error = draw_run_directory(&dir).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("fragments.csv:4") && message.contains("fate"),
        "{message}"
    );

    let dir = variant("bad-json", |file, lines| {
        Some(if file == "summary.json" {
            vec!["{ not json".to_string()]
        } else {
            lines
        })
    });
    let error = draw_run_directory(&dir).unwrap_err();
    assert!(error.to_string().contains("summary.json"), "{error}");
}

/// A lane that went non-finite writes NaN and inf cells; the plots skip them without panicking.
#[test]
fn non_finite_rows_are_skipped() {
    let dir = variant("non-finite", |file, lines| {
        Some(match file {
            "fragments.csv" => {
                let mut lines = lines;
                lines.push(
                    "0,stray,vehicle,1,cfrp,plate,non-finite,78,NaN,NaN,NaN,NaN,,,NaN,,,inf,NaN,NaN,,"
                        .to_string(),
                );
                lines.push(
                    "1,stray,vehicle,1,cfrp,plate,landed,78,900,NaN,inf,0,,,NaN,,,1,1,1,,"
                        .to_string(),
                );
                lines
            }
            "trajectory.csv" => {
                let mut lines = lines;
                lines.push(
                    "0,stray,200,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN".to_string(),
                );
                lines.push("0,stray,201,-45,inf,50,7000,-1,3,400,1e6,20,0.001,2,1e-6".to_string());
                lines
            }
            _ => lines,
        })
    });
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(report.written.len(), 8);
}

/// A summary with `footprint_nominal_track` draws the debris box, and the map widens to show
/// it; a box whose exact break-up is not numbers in strings is refused, naming the key.
#[test]
fn debris_box_along_the_nominal_track() {
    use reentry_physics::earth::reference::ecef_from_geodetic;
    let (lat, lon) = (-44f64.to_radians(), 178f64.to_radians());
    let breakup = ecef_from_geodetic(lat, lon, 78e3);
    // 7 km/s towards heading 110°, from the local east and north unit vectors.
    let (east, north) = (
        [-lon.sin(), lon.cos(), 0.0],
        [-lat.sin() * lon.cos(), -lat.sin() * lon.sin(), lat.cos()],
    );
    let heading = 110f64.to_radians();
    let velocity: Vec<String> = (0..3)
        .map(|i| {
            format!(
                "{}",
                7000.0 * (heading.sin() * east[i] + heading.cos() * north[i])
            )
        })
        .collect();
    let with_box = |name: &str, ecef: serde_json::Value| {
        let velocity = velocity.clone();
        variant(name, move |file, lines| {
            Some(match file {
                "summary.json" => {
                    let mut summary: serde_json::Value =
                        serde_json::from_str(&lines.join("\n")).unwrap();
                    summary["footprint_nominal_track"] = serde_json::json!({
                        "along_track_km": {"p00_15": -300.0, "p50": 800.0, "p99_85": 4000.0},
                        "cross_track_km": {"p00_15": -60.0, "p50": -10.0, "p99_85": 5.0},
                    });
                    summary["exact"] = serde_json::json!({
                        "nominal_breakup": {"ecef_m": ecef, "velocity_ecef_m_s": velocity},
                    });
                    vec![summary.to_string()]
                }
                _ => lines,
            })
        })
    };
    let plain = draw_run_directory_report(&fixture_copy("debris-box-plain")).unwrap();
    let ecef: Vec<String> = breakup.iter().map(|x| format!("{x}")).collect();
    let dir = with_box("debris-box", serde_json::json!(ecef));
    let report = draw_run_directory_report(&dir).unwrap();
    assert_eq!(report.written.len(), 8);
    let (plain_east, east) = (
        plain.footprint_frame.unwrap().view.east_deg(),
        report.footprint_frame.unwrap().view.east_deg(),
    );
    // 4000 km down a heading-110° track from 178°E reaches beyond 140°W.
    assert!(east > plain_east + 5.0, "{plain_east} → {east}");

    let bad = with_box("debris-box-bad", serde_json::json!(breakup));
    let error = draw_run_directory_report(&bad).unwrap_err().to_string();
    assert!(error.contains("exact.nominal_breakup.ecef_m"), "{error}");
}

fn fixture_copy(name: &str) -> PathBuf {
    variant(name, unchanged)
}
