//! Plots of a run directory (DESIGN.md §5): footprint map, trajectory, heating, demise charts.
//!
//! Plots are drawn from the files of a run directory alone (`fragments.csv`, `trajectory.csv`,
//! `summary.json`, read by [`RunDirectory`]), so `reentry plot DIR` redraws exactly what
//! `reentry run` drew, and the same directory always gives the same pictures. Each plot is
//! written as PNG and SVG:
//!
//! - `footprint`: equirectangular [`MapView`] zoomed on the impacts and the target zone
//!   (across the antimeridian when needed) with Natural Earth land, graticule, target zone,
//!   nominal ground track and break-up point, impacts coloured by surviving mass;
//! - `trajectory`: altitude vs time and speed vs altitude of the nominal sample;
//! - `heating`: stagnation heat flux, temperature and mass fraction vs altitude;
//! - `demise`: demise-altitude histogram and survivors per material.
//!
//! Text is drawn with a bundled DejaVu Sans, so no system font library is needed.
//!
//! [`draw_run_directory`] is the entry point; [`draw_run_directory_report`] also says what was
//! skipped and where the map sits in `footprint.png` ([`MapFrame`]). Errors are [`PlotError`]s
//! naming the file.
//!
//! ```
//! use std::path::Path;
//! // A copy of the synthetic run directory the tests use (any `reentry run` output works).
//! let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/progress-like");
//! let dir = std::env::temp_dir().join("reentry-plot-doctest");
//! std::fs::create_dir_all(&dir)?;
//! for file in ["summary.json", "fragments.csv", "trajectory.csv"] {
//!     std::fs::copy(fixture.join(file), dir.join(file))?;
//! }
//! let written = reentry_plot::draw_run_directory(&dir)?;
//! assert_eq!(written.len(), 8); // PNG and SVG of footprint, trajectory, heating, demise
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod axis;
mod charts;
mod error;
mod footprint;
pub mod map;
pub mod run_directory;
mod style;

use std::fs;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

pub use error::PlotError;
pub use map::MapView;
pub use run_directory::RunDirectory;

/// Size of `footprint.png`, pixels (width, height): a full report page width at 200 dpi.
pub const FOOTPRINT_SIZE_PX: (u32, u32) = (1600, 1000);
/// Size of the trajectory, heating and demise charts, pixels (width, height).
pub const CHART_SIZE_PX: (u32, u32) = (1400, 900);

/// What [`draw_run_directory_report`] did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PlotReport {
    /// Files written, PNG then SVG of each plot.
    pub written: Vec<PathBuf>,
    /// Plots not drawn and why (e.g. a shard directory without `trajectory.csv`).
    pub skipped: Vec<String>,
    /// Where the footprint map sits in `footprint.png`.
    pub footprint_frame: Option<MapFrame>,
}

/// The map window of `footprint.png` and the pixel rectangle it fills.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapFrame {
    /// The map window.
    pub view: MapView,
    /// Plotting rectangle in the PNG: left, top, right, bottom pixel (inclusive).
    pub plot_area_px: [i32; 4],
}

impl MapFrame {
    /// Pixel (column, row) of a point in the PNG, `None` outside the map.
    pub fn pixel(&self, longitude_deg: f64, latitude_deg: f64) -> Option<(i32, i32)> {
        let [u, v] = self.view.to_unit(longitude_deg, latitude_deg)?;
        let [left, top, right, bottom] = self.plot_area_px;
        Some((
            left + (u * f64::from(right - left)).round() as i32,
            top + (v * f64::from(bottom - top)).round() as i32,
        ))
    }
}

/// Draws every plot of the run directory `dir` and returns the paths written.
///
/// Plots that need `trajectory.csv` are skipped when the directory has none (a shard); use
/// [`draw_run_directory_report`] to learn what was skipped.
pub fn draw_run_directory(dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    draw_run_directory_report(dir).map(|report| report.written)
}

/// Draws every plot of the run directory `dir`; reports the files written and the plots
/// skipped.
pub fn draw_run_directory_report(dir: &Path) -> Result<PlotReport, PlotError> {
    let run = RunDirectory::read(dir)?;
    style::register_fonts();
    let mut report = PlotReport {
        written: Vec::new(),
        skipped: Vec::new(),
        footprint_frame: None,
    };
    let frame = write_figure(
        dir,
        "footprint",
        FOOTPRINT_SIZE_PX,
        &footprint::Footprint::new(&run),
        &mut report.written,
    )?;
    report.footprint_frame = Some(frame);
    match &run.trajectory {
        Some(rows) if !rows.is_empty() => {
            let trajectory = charts::TrajectoryChart::new(&run, rows);
            write_figure(
                dir,
                "trajectory",
                CHART_SIZE_PX,
                &trajectory,
                &mut report.written,
            )?;
            let heating = charts::HeatingChart::new(&run, rows);
            write_figure(dir, "heating", CHART_SIZE_PX, &heating, &mut report.written)?;
        }
        _ => report.skipped.push(format!(
            "trajectory.png, heating.png: {} has no {} (a shard without the nominal sample)",
            dir.display(),
            run_directory::TRAJECTORY_FILE
        )),
    }
    let demise = charts::DemiseChart::new(&run);
    write_figure(dir, "demise", CHART_SIZE_PX, &demise, &mut report.written)?;
    Ok(report)
}

/// Message of a failed drawing call.
type DrawResult<T> = Result<T, String>;

/// Converts a plotters error into the message of [`PlotError::Draw`].
fn draw_err<E: std::fmt::Display>(error: E) -> String {
    error.to_string()
}

/// A picture that can be drawn on any plotters backend.
trait Figure {
    /// What drawing tells the caller (the map frame of the footprint).
    type Output;
    /// Draws on `root`, which is `size` pixels.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<Self::Output>;
}

/// Draws `figure` to `<dir>/<stem>.png` and `.svg` (each written under a temporary name and
/// renamed when complete); returns what the PNG drawing returned.
fn write_figure<F: Figure>(
    dir: &Path,
    stem: &str,
    size: (u32, u32),
    figure: &F,
    written: &mut Vec<PathBuf>,
) -> Result<F::Output, PlotError> {
    let png = dir.join(format!("{stem}.png"));
    let svg = dir.join(format!("{stem}.svg"));
    let png_partial = dir.join(format!(".{stem}.partial.png"));
    let svg_partial = dir.join(format!(".{stem}.partial.svg"));
    let draw_error = |path: &Path| {
        let path = path.to_path_buf();
        move |message: String| PlotError::Draw { path, message }
    };
    let output = {
        let root = BitMapBackend::new(&png_partial, size).into_drawing_area();
        let output = figure.draw(&root).map_err(draw_error(&png))?;
        root.present()
            .map_err(|e| draw_error(&png)(e.to_string()))?;
        output
    };
    rename(&png_partial, &png)?;
    written.push(png);
    {
        let root = SVGBackend::new(&svg_partial, size).into_drawing_area();
        figure.draw(&root).map_err(draw_error(&svg))?;
        root.present()
            .map_err(|e| draw_error(&svg)(e.to_string()))?;
    }
    rename(&svg_partial, &svg)?;
    written.push(svg);
    Ok(output)
}

fn rename(from: &Path, to: &Path) -> Result<(), PlotError> {
    fs::rename(from, to).map_err(|source| PlotError::Io {
        path: to.to_path_buf(),
        source,
    })
}
