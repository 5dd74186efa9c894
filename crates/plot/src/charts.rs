//! The charts of the nominal sample (`trajectory.png`, `heating.png`) and of the Monte Carlo
//! run (`demise.png`), and the legend drawing they share with the map.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis::TickedRange;
use crate::footprint::draw_diamond;
use crate::run_directory::{
    Fate, FragmentRow, RunDirectory, TrajectoryRow, trajectory_by_fragment,
};
use crate::style::{self, INK, TRACK};
use crate::{DrawResult, Figure, draw_err};

/// Height of the title band of a chart, pixels.
const TITLE_HEIGHT_PX: u32 = 80;
/// Width of the legend column on the right of a chart, pixels.
const LEGEND_WIDTH_PX: u32 = 310;
/// Altitude of the entry interface, km: the trajectory clock starts there.
const ENTRY_INTERFACE_KM: f64 = 120.0;
/// Width of a demise-altitude histogram bin, km.
const HISTOGRAM_BIN_KM: f64 = 2.0;

/// Text in the bundled font.
pub(crate) fn text_style(size_px: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut style = TextStyle::from((style::FONT, size_px).into_font());
    style.color = colour.to_backend_color();
    style
}

/// One line of a legend: a symbol and its text.
#[derive(Debug, Clone)]
pub(crate) enum LegendEntry {
    /// Large filled circle with a black rim.
    NominalImpact(String, RGBColor),
    /// Small light dot.
    CloudImpact(String, RGBColor),
    /// Line of a colour and width.
    Line(String, RGBColor, u32),
    /// Dashed line.
    Dashed(String, RGBColor),
    /// Diamond marker.
    Diamond(String, RGBColor),
    /// Polygon outline.
    Outline(String, RGBColor),
    /// Filled patch with a rim.
    Patch(String, RGBColor, RGBColor),
    /// × marker.
    Cross(String, RGBColor),
    /// Filled dot.
    Dot(String, RGBColor),
}

/// Draws `entries` one under the other from `top_left`; returns the y below the last one.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    top_left: (i32, i32),
) -> DrawResult<i32> {
    const ROW_PX: i32 = 34;
    let (x, mut y) = top_left;
    for entry in entries {
        let cy = y + ROW_PX / 2;
        let sx = x + 20;
        let label = match entry {
            LegendEntry::NominalImpact(label, c) => {
                area.draw(&Circle::new((sx, cy), 8, c.filled()))
                    .map_err(draw_err)?;
                area.draw(&Circle::new((sx, cy), 8, BLACK.stroke_width(2)))
                    .map_err(draw_err)?;
                label
            }
            LegendEntry::CloudImpact(label, c) => {
                for (dx, dy) in [(-8, -4), (0, 3), (7, -3), (-3, 6), (9, 5)] {
                    area.draw(&Circle::new((sx + dx, cy + dy), 3, c.mix(0.55).filled()))
                        .map_err(draw_err)?;
                }
                label
            }
            LegendEntry::Line(label, c, width) => {
                area.draw(&PathElement::new(
                    vec![(x, cy), (x + 40, cy)],
                    c.stroke_width(*width),
                ))
                .map_err(draw_err)?;
                label
            }
            LegendEntry::Dashed(label, c) => {
                for k in 0..4 {
                    area.draw(&PathElement::new(
                        vec![(x + 11 * k, cy), (x + 11 * k + 7, cy)],
                        c.stroke_width(2),
                    ))
                    .map_err(draw_err)?;
                }
                label
            }
            LegendEntry::Diamond(label, c) => {
                draw_diamond(area, (sx, cy), 9, *c)?;
                label
            }
            LegendEntry::Outline(label, c) => {
                area.draw(&Rectangle::new(
                    [(x + 2, cy - 9), (x + 38, cy + 9)],
                    c.stroke_width(3),
                ))
                .map_err(draw_err)?;
                label
            }
            LegendEntry::Patch(label, fill, rim) => {
                area.draw(&Rectangle::new(
                    [(x + 2, cy - 9), (x + 38, cy + 9)],
                    fill.filled(),
                ))
                .map_err(draw_err)?;
                area.draw(&Rectangle::new(
                    [(x + 2, cy - 9), (x + 38, cy + 9)],
                    rim.stroke_width(1),
                ))
                .map_err(draw_err)?;
                label
            }
            LegendEntry::Cross(label, c) => {
                area.draw(&Cross::new((sx, cy), 7, c.stroke_width(3)))
                    .map_err(draw_err)?;
                label
            }
            LegendEntry::Dot(label, c) => {
                area.draw(&Circle::new((sx, cy), 6, c.filled()))
                    .map_err(draw_err)?;
                label
            }
        };
        area.draw(&Text::new(
            label.clone(),
            (x + 52, cy),
            text_style(style::LEGEND_PX, INK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(draw_err)?;
        y += ROW_PX;
    }
    Ok(y)
}

/// Title band and body of a chart; returns (body, legend column).
fn chart_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> DrawResult<(DrawingArea<DB, Shift>, DrawingArea<DB, Shift>)> {
    root.fill(&WHITE).map_err(draw_err)?;
    let (width, _) = root.dim_in_pixel();
    let (title_area, body) = root.split_vertically(TITLE_HEIGHT_PX);
    title_area
        .draw(&Text::new(
            title.to_string(),
            (28, 12),
            text_style(style::TITLE_PX, INK),
        ))
        .map_err(draw_err)?;
    title_area
        .draw(&Text::new(
            subtitle.to_string(),
            (28, 50),
            text_style(style::SUBTITLE_PX, INK),
        ))
        .map_err(draw_err)?;
    Ok(body.split_horizontally(width.saturating_sub(LEGEND_WIDTH_PX)))
}

/// An axis range rounded out to whole steps, with its ticks.
#[derive(Debug, Clone)]
struct Axis {
    low: f64,
    high: f64,
    step: f64,
}

impl Axis {
    fn new(low: f64, high: f64, target_ticks: f64) -> Axis {
        let (low, high) = if low.is_finite() && high.is_finite() && high > low {
            (low, high)
        } else if low.is_finite() {
            (low - 1.0, low + 1.0)
        } else {
            (0.0, 1.0)
        };
        let step = style::nice_step(high - low, target_ticks);
        Axis {
            low: (low / step).floor() * step,
            high: (high / step).ceil() * step,
            step,
        }
    }

    fn range(&self) -> TickedRange {
        TickedRange::new(
            self.low,
            self.high,
            style::ticks(self.low, self.high, self.step),
        )
    }

    fn label(&self, value: f64) -> String {
        style::format_tick(value, self.step)
    }
}

/// Fragment id → (material, fate row) of the nominal sample.
fn nominal_fragments(run: &RunDirectory) -> BTreeMap<&str, &FragmentRow> {
    let nominal = run.nominal_sample();
    run.fragments
        .iter()
        .filter(|f| Some(f.sample) == nominal)
        .map(|f| (f.fragment.as_str(), f))
        .collect()
}

/// A line of the nominal sample: one fragment's history and its colour.
struct Line<'a> {
    id: String,
    colour: RGBColor,
    is_vehicle: bool,
    rows: Vec<&'a TrajectoryRow>,
    end: Option<&'a FragmentRow>,
}

fn nominal_lines<'a>(run: &'a RunDirectory, rows: &'a [TrajectoryRow]) -> Vec<Line<'a>> {
    let fragments = nominal_fragments(run);
    let materials = run.materials();
    trajectory_by_fragment(rows)
        .into_iter()
        .map(|(id, group)| {
            let end = fragments.get(id.as_str()).copied();
            let is_vehicle = id == "vehicle" || end.is_some_and(|f| f.is_vehicle());
            let colour = match end.and_then(|f| f.material.as_deref()) {
                Some(m) if !is_vehicle => style::material_colour(m, &materials),
                _ => TRACK,
            };
            Line {
                id,
                colour,
                is_vehicle,
                rows: group,
                end,
            }
        })
        .collect()
}

/// Legend entries for the materials drawn, the vehicle and the event markers.
fn material_legend(run: &RunDirectory, lines: &[Line], with_vehicle: bool) -> Vec<LegendEntry> {
    let materials = run.materials();
    let mut drawn: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_vehicle)
        .filter_map(|l| l.end.and_then(|f| f.material.as_deref()))
        .collect();
    drawn.sort_unstable();
    drawn.dedup();
    let mut entries = Vec::new();
    if with_vehicle && lines.iter().any(|l| l.is_vehicle) {
        entries.push(LegendEntry::Line("vehicle".to_string(), TRACK, 3));
    }
    for m in drawn {
        entries.push(LegendEntry::Line(
            m.to_string(),
            style::material_colour(m, &materials),
            2,
        ));
    }
    entries
}

/// `trajectory.png`: altitude vs time and altitude vs speed of the nominal sample.
pub(crate) struct TrajectoryChart<'a> {
    run: &'a RunDirectory,
    lines: Vec<Line<'a>>,
    /// Clock origin: the first crossing of 120 km (or the first row), s.
    time_origin_s: f64,
    /// Does the history start above 120 km (so the clock starts at the crossing)?
    starts_above_interface: bool,
}

impl<'a> TrajectoryChart<'a> {
    pub(crate) fn new(run: &'a RunDirectory, rows: &'a [TrajectoryRow]) -> TrajectoryChart<'a> {
        let lines = nominal_lines(run, rows);
        let first = rows.iter().map(|r| r.time_s).fold(f64::INFINITY, f64::min);
        let time_origin_s = rows
            .iter()
            .filter(|r| r.alt_km <= ENTRY_INTERFACE_KM)
            .map(|r| r.time_s)
            .fold(f64::INFINITY, f64::min);
        let starts_above_interface = rows
            .iter()
            .min_by(|a, b| a.time_s.total_cmp(&b.time_s))
            .is_some_and(|r| r.alt_km > ENTRY_INTERFACE_KM);
        let time_origin_s = if time_origin_s.is_finite() && starts_above_interface {
            time_origin_s
        } else {
            first
        };
        TrajectoryChart {
            run,
            lines,
            time_origin_s,
            starts_above_interface,
        }
    }

    /// Rows from the clock origin on (the orbit phase before is not shown).
    fn shown<'b>(&self, line: &'b Line<'a>) -> impl Iterator<Item = &'a TrajectoryRow> + 'b {
        let start = self.time_origin_s;
        line.rows.iter().copied().filter(move |r| r.time_s >= start)
    }
}

impl Figure for TrajectoryChart<'_> {
    type Output = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<()> {
        let title = format!(
            "{}: nominal trajectory (sample 0)",
            self.run.summary.scenario
        );
        let subtitle = if self.starts_above_interface {
            "one line per fragment, coloured by material; clock from the 120 km crossing"
        } else {
            "one line per fragment, coloured by material; clock from the initial state"
        };
        let (body, legend) = chart_frame(root, &title, subtitle)?;
        let panels = body.split_evenly((1, 2));

        let mut t_max_min: f64 = 0.0;
        let mut alt_max_km: f64 = 0.0;
        let mut speed_max_km_s: f64 = 0.0;
        for line in &self.lines {
            for r in self.shown(line) {
                t_max_min = t_max_min.max((r.time_s - self.time_origin_s) / 60.0);
                alt_max_km = alt_max_km.max(r.alt_km);
                speed_max_km_s = speed_max_km_s.max(r.speed_m_s / 1e3);
            }
        }
        // Seconds for short histories, minutes otherwise.
        let (per_s, unit) = if t_max_min < 5.0 {
            (1.0, "s")
        } else {
            (1.0 / 60.0, "min")
        };
        let time_axis = Axis::new(0.0, (t_max_min * 60.0 * per_s).max(1.0), 8.0);
        let time_name = if self.starts_above_interface {
            format!("time after the 120 km crossing ({unit})")
        } else {
            format!("time after the initial state ({unit})")
        };
        let alt_axis = Axis::new(0.0, alt_max_km.max(10.0), 7.0);
        let speed_axis = Axis::new(0.0, speed_max_km_s.max(1.0), 8.0);

        // Altitude vs time.
        let mut chart = ChartBuilder::on(&panels[0])
            .margin(16)
            .x_label_area_size(72)
            .y_label_area_size(84)
            .build_cartesian_2d(time_axis.range(), alt_axis.range())
            .map_err(draw_err)?;
        configure(
            &mut chart,
            &time_axis,
            &alt_axis,
            &time_name,
            "altitude (km)",
        )?;
        let t = |r: &TrajectoryRow| (r.time_s - self.time_origin_s) * per_s;
        for line in self.lines.iter().filter(|l| !l.is_vehicle) {
            let points: Vec<(f64, f64)> = self.shown(line).map(|r| (t(r), r.alt_km)).collect();
            chart
                .draw_series(LineSeries::new(points, line.colour.stroke_width(2)))
                .map_err(draw_err)?;
        }
        for line in self.lines.iter().filter(|l| l.is_vehicle) {
            let points: Vec<(f64, f64)> = self.shown(line).map(|r| (t(r), r.alt_km)).collect();
            chart
                .draw_series(LineSeries::new(points, TRACK.stroke_width(3)))
                .map_err(draw_err)?;
        }
        self.draw_events(&chart, |f| (f.end_time_s - self.time_origin_s) * per_s)?;

        // Altitude vs speed.
        let mut chart = ChartBuilder::on(&panels[1])
            .margin(16)
            .x_label_area_size(72)
            .y_label_area_size(84)
            .build_cartesian_2d(speed_axis.range(), alt_axis.range())
            .map_err(draw_err)?;
        configure(
            &mut chart,
            &speed_axis,
            &alt_axis,
            "speed (km/s)",
            "altitude (km)",
        )?;
        for line in self.lines.iter().filter(|l| !l.is_vehicle) {
            let points: Vec<(f64, f64)> = self
                .shown(line)
                .map(|r| (r.speed_m_s / 1e3, r.alt_km))
                .collect();
            chart
                .draw_series(LineSeries::new(points, line.colour.stroke_width(2)))
                .map_err(draw_err)?;
        }
        for line in self.lines.iter().filter(|l| l.is_vehicle) {
            let points: Vec<(f64, f64)> = self
                .shown(line)
                .map(|r| (r.speed_m_s / 1e3, r.alt_km))
                .collect();
            chart
                .draw_series(LineSeries::new(points, TRACK.stroke_width(3)))
                .map_err(draw_err)?;
        }
        let last_speed = |line: &Line| line.rows.last().map_or(0.0, |r| r.speed_m_s / 1e3);
        let speed_at_end: BTreeMap<&str, f64> = self
            .lines
            .iter()
            .map(|l| (l.id.as_str(), last_speed(l)))
            .collect();
        self.draw_events(&chart, |f| {
            speed_at_end
                .get(f.fragment.as_str())
                .copied()
                .unwrap_or(0.0)
        })?;

        let mut entries = material_legend(self.run, &self.lines, true);
        let has = |fate: Fate| {
            self.lines
                .iter()
                .any(|l| l.end.is_some_and(|f| f.fate == fate))
        };
        if has(Fate::BrokeUp) {
            entries.push(LegendEntry::Diamond("break-up".to_string(), TRACK));
        }
        if has(Fate::Demised) {
            entries.push(LegendEntry::Cross("demise".to_string(), INK));
        }
        if has(Fate::Landed) {
            entries.push(LegendEntry::Dot("ground impact".to_string(), INK));
        }
        draw_legend(&legend, &entries, (8, 24))?;
        Ok(())
    }
}

impl TrajectoryChart<'_> {
    /// Break-up (diamond), demise (×) and impact (dot) of each line's end.
    fn draw_events<DB: DrawingBackend, X, Y>(
        &self,
        chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
        x_of_end: impl Fn(&FragmentRow) -> f64,
    ) -> DrawResult<()>
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        // Break-ups last, so the vehicle's marker stays on top of the crosses released there.
        let mut ends: Vec<(&Line, &FragmentRow)> = self
            .lines
            .iter()
            .filter_map(|line| line.end.map(|end| (line, end)))
            .collect();
        ends.sort_by_key(|(_, end)| end.fate == Fate::BrokeUp);
        for (line, end) in ends {
            let x = x_of_end(end);
            match end.fate {
                Fate::BrokeUp => {
                    let px = chart.backend_coord(&(x, end.end_alt_km));
                    let area = chart.plotting_area().strip_coord_spec();
                    draw_diamond(&area, relative(chart, px), 10, TRACK)?;
                }
                Fate::Demised => {
                    let alt = end.demise_alt_km.unwrap_or(end.end_alt_km);
                    chart
                        .plotting_area()
                        .draw(&Cross::new((x, alt), 7, line.colour.stroke_width(3)))
                        .map_err(draw_err)?;
                }
                Fate::Landed => {
                    chart
                        .plotting_area()
                        .draw(&Circle::new((x, 0.0), 6, line.colour.filled()))
                        .map_err(draw_err)?;
                }
                Fate::TimeLimit | Fate::NonFinite => {}
            }
        }
        Ok(())
    }
}

/// Backend pixel → pixel relative to the chart's plotting area.
fn relative<DB: DrawingBackend, CT: CoordTranslate>(
    chart: &ChartContext<'_, DB, CT>,
    px: (i32, i32),
) -> (i32, i32) {
    let (x0, y0) = chart.plotting_area().get_base_pixel();
    (px.0 - x0, px.1 - y0)
}

/// Mesh, ticks and axis names of a chart panel.
fn configure<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    x_axis: &Axis,
    y_axis: &Axis,
    x_name: &str,
    y_name: &str,
) -> DrawResult<()>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(225, 225, 225).stroke_width(1))
        .axis_style(INK.stroke_width(1))
        .label_style(text_style(style::TICK_PX, INK))
        .axis_desc_style(text_style(style::AXIS_NAME_PX, INK))
        .x_desc(x_name)
        .y_desc(y_name)
        .x_label_formatter(&|v| x_axis.label(*v))
        .y_label_formatter(&|v| y_axis.label(*v))
        .draw()
        .map_err(draw_err)
}

/// `heating.png`: heat flux, temperature and mass fraction vs altitude of the nominal
/// fragments, with the melt temperatures marked.
pub(crate) struct HeatingChart<'a> {
    run: &'a RunDirectory,
    lines: Vec<Line<'a>>,
}

impl<'a> HeatingChart<'a> {
    pub(crate) fn new(run: &'a RunDirectory, rows: &'a [TrajectoryRow]) -> HeatingChart<'a> {
        let lines = nominal_lines(run, rows)
            .into_iter()
            .filter(|l| !l.is_vehicle && l.rows.iter().any(|r| r.temperature_k.is_some()))
            .collect();
        HeatingChart { run, lines }
    }
}

impl Figure for HeatingChart<'_> {
    type Output = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<()> {
        let title = format!(
            "{}: heating of the fragments (sample 0)",
            self.run.summary.scenario
        );
        let subtitle = "bridged stagnation-point heat flux, lumped temperature and remaining mass; dashed: melt temperature";
        let (body, legend) = chart_frame(root, &title, subtitle)?;
        if self.lines.is_empty() {
            body.draw(&Text::new(
                "no fragment histories in trajectory.csv",
                (40, 40),
                text_style(style::AXIS_NAME_PX, INK),
            ))
            .map_err(draw_err)?;
            return Ok(());
        }
        let panels = body.split_evenly((1, 3));
        let mut alt_max_km: f64 = 0.0;
        let mut q_max: f64 = 0.0;
        let mut t_max: f64 = 0.0;
        for line in &self.lines {
            for r in &line.rows {
                alt_max_km = alt_max_km.max(r.alt_km);
                q_max = q_max.max(r.heat_flux_w_m2.unwrap_or(0.0));
                t_max = t_max.max(r.temperature_k.unwrap_or(0.0));
            }
        }
        let materials = self.run.materials();
        let mut drawn_materials: Vec<&str> = self
            .lines
            .iter()
            .filter_map(|l| l.end.and_then(|f| f.material.as_deref()))
            .collect();
        drawn_materials.sort_unstable();
        drawn_materials.dedup();
        let melts: Vec<(f64, RGBColor)> = drawn_materials
            .iter()
            .filter_map(|m| {
                let t = self.run.summary.melt_temperature_k.get(*m)?;
                Some((*t, style::material_colour(m, &materials)))
            })
            .collect();
        for (t, _) in &melts {
            t_max = t_max.max(*t);
        }
        let (q_scale, q_unit) = if q_max >= 1e5 {
            (1e-6, "MW/m²")
        } else {
            (1e-3, "kW/m²")
        };
        let alt_axis = Axis::new(0.0, alt_max_km.max(10.0), 7.0);
        let q_axis = Axis::new(0.0, (q_max * q_scale).max(1e-3), 5.0);
        let t_axis = Axis::new(0.0, t_max.max(300.0) * 1.02, 5.0);
        // A little room above 1 so that unablated fragments do not hide in the frame.
        let m_axis = Axis {
            low: 0.0,
            high: 105.0,
            step: 20.0,
        };

        let build = |area: &DrawingArea<DB, Shift>, x: &Axis| {
            ChartBuilder::on(area)
                .margin(14)
                .x_label_area_size(72)
                .y_label_area_size(80)
                .build_cartesian_2d(x.range(), alt_axis.range())
                .map_err(draw_err)
        };
        let q_name = format!("heat flux ({q_unit})");
        let mut chart = build(&panels[0], &q_axis)?;
        configure(&mut chart, &q_axis, &alt_axis, &q_name, "altitude (km)")?;
        for line in &self.lines {
            let points: Vec<(f64, f64)> = line
                .rows
                .iter()
                .filter_map(|r| Some((r.heat_flux_w_m2? * q_scale, r.alt_km)))
                .collect();
            chart
                .draw_series(LineSeries::new(points, line.colour.stroke_width(2)))
                .map_err(draw_err)?;
        }

        let mut chart = build(&panels[1], &t_axis)?;
        configure(
            &mut chart,
            &t_axis,
            &alt_axis,
            "temperature (K)",
            "altitude (km)",
        )?;
        for (t, colour) in &melts {
            let mut y = alt_axis.low;
            let dash = alt_axis.step / 6.0;
            while y < alt_axis.high {
                let top = (y + dash * 0.6).min(alt_axis.high);
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(*t, y), (*t, top)],
                        colour.stroke_width(2),
                    )))
                    .map_err(draw_err)?;
                y += dash;
            }
        }
        for line in &self.lines {
            let points: Vec<(f64, f64)> = line
                .rows
                .iter()
                .filter_map(|r| Some((r.temperature_k?, r.alt_km)))
                .collect();
            chart
                .draw_series(LineSeries::new(points, line.colour.stroke_width(2)))
                .map_err(draw_err)?;
        }

        let mut chart = build(&panels[2], &m_axis)?;
        configure(
            &mut chart,
            &m_axis,
            &alt_axis,
            "mass left (% of release)",
            "altitude (km)",
        )?;
        for line in &self.lines {
            let m0 = line.rows.first().map_or(1.0, |r| r.mass_kg);
            if m0.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                continue;
            }
            let points: Vec<(f64, f64)> = line
                .rows
                .iter()
                .map(|r| (100.0 * (r.mass_kg / m0).clamp(0.0, 1.0), r.alt_km))
                .collect();
            chart
                .draw_series(LineSeries::new(points, line.colour.stroke_width(2)))
                .map_err(draw_err)?;
            if let Some(end) = line.end
                && end.fate == Fate::Demised
            {
                let alt = end.demise_alt_km.unwrap_or(end.end_alt_km);
                chart
                    .plotting_area()
                    .draw(&Cross::new(
                        (100.0 * (end.mass_kg / m0).clamp(0.0, 1.0), alt),
                        7,
                        line.colour.stroke_width(3),
                    ))
                    .map_err(draw_err)?;
            }
        }

        let mut entries = material_legend(self.run, &self.lines, false);
        if !melts.is_empty() {
            entries.push(LegendEntry::Dashed("melt temperature".to_string(), INK));
        }
        if self
            .lines
            .iter()
            .any(|l| l.end.is_some_and(|f| f.fate == Fate::Demised))
        {
            entries.push(LegendEntry::Cross("demise".to_string(), INK));
        }
        draw_legend(&legend, &entries, (8, 24))?;
        Ok(())
    }
}

/// `demise.png`: demise-altitude histogram per material and survivors per material over the
/// samples of the run directory.
pub(crate) struct DemiseChart<'a> {
    run: &'a RunDirectory,
}

impl<'a> DemiseChart<'a> {
    pub(crate) fn new(run: &'a RunDirectory) -> DemiseChart<'a> {
        DemiseChart { run }
    }
}

impl Figure for DemiseChart<'_> {
    type Output = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<()> {
        let samples = self.run.sample_count().max(1);
        let title = format!(
            "{}: demise and survival by material",
            self.run.summary.scenario
        );
        let subtitle = format!(
            "{samples} sample{} in this run directory; objects counted with their multiplicity",
            if samples == 1 { "" } else { "s" }
        );
        let (body, legend) = chart_frame(root, &title, &subtitle)?;
        let panels = body.split_evenly((1, 2));
        let materials = self.run.materials();

        // Demise-altitude histogram, altitude upwards: objects per bin and re-entry.
        let mut histogram: BTreeMap<&str, BTreeMap<i64, f64>> = BTreeMap::new();
        let mut alt_max_km: f64 = 0.0;
        for f in &self.run.fragments {
            if f.fate != Fate::Demised {
                continue;
            }
            let (Some(m), Some(alt)) = (f.material.as_deref(), f.demise_alt_km) else {
                continue;
            };
            if !alt.is_finite() {
                continue;
            }
            alt_max_km = alt_max_km.max(alt);
            let bin = (alt / HISTOGRAM_BIN_KM).floor() as i64;
            *histogram.entry(m).or_default().entry(bin).or_default() +=
                f.count as f64 / samples as f64;
        }
        let mut bin_totals: BTreeMap<i64, f64> = BTreeMap::new();
        for bins in histogram.values() {
            for (&bin, &count) in bins {
                *bin_totals.entry(bin).or_default() += count;
            }
        }
        let count_max = bin_totals.values().copied().fold(0.0, f64::max);
        let alt_axis = Axis::new(0.0, (alt_max_km + HISTOGRAM_BIN_KM).max(10.0), 7.0);
        let count_axis = Axis::new(0.0, (count_max * 1.08).max(0.1), 5.0);
        let mut chart = ChartBuilder::on(&panels[0])
            .margin(16)
            .x_label_area_size(72)
            .y_label_area_size(84)
            .build_cartesian_2d(count_axis.range(), alt_axis.range())
            .map_err(draw_err)?;
        configure(
            &mut chart,
            &count_axis,
            &alt_axis,
            &format!("demised objects per re-entry per {HISTOGRAM_BIN_KM} km"),
            "demise altitude (km)",
        )?;
        if histogram.is_empty() {
            chart
                .plotting_area()
                .draw(&Text::new(
                    "no fragment demised",
                    (
                        count_axis.low + 0.05 * (count_axis.high - count_axis.low),
                        alt_axis.high * 0.5,
                    ),
                    text_style(style::AXIS_NAME_PX, INK),
                ))
                .map_err(draw_err)?;
        }
        // Stacked bars: each bin's objects split by material, materials in a fixed order.
        let mut stacked: BTreeMap<i64, f64> = BTreeMap::new();
        for (m, bins) in &histogram {
            let colour = style::material_colour(m, &materials);
            for (&bin, &count) in bins {
                let left = stacked.entry(bin).or_default();
                let low = bin as f64 * HISTOGRAM_BIN_KM;
                chart
                    .draw_series([
                        Rectangle::new(
                            [(*left, low), (*left + count, low + HISTOGRAM_BIN_KM)],
                            colour.filled(),
                        ),
                        Rectangle::new(
                            [(*left, low), (*left + count, low + HISTOGRAM_BIN_KM)],
                            WHITE.stroke_width(1),
                        ),
                    ])
                    .map_err(draw_err)?;
                *left += count;
            }
        }

        // Survivors per material: mean objects and mass on the ground per re-entry.
        let mut survivors: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        for f in &self.run.fragments {
            if f.fate != Fate::Landed || f.is_vehicle() || !f.mass_kg.is_finite() {
                continue;
            }
            let Some(m) = f.material.as_deref() else {
                continue;
            };
            let entry = survivors.entry(m).or_default();
            entry.0 += f.count as f64 / samples as f64;
            entry.1 += f.count as f64 * f.mass_kg / samples as f64;
        }
        let mut rows: Vec<(&str, f64, f64)> = survivors
            .into_iter()
            .map(|(m, (n, kg))| (m, n, kg))
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let n = rows.len().max(1);
        let value_max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
        let value_axis = Axis::new(0.0, (value_max * 1.35).max(1.0), 5.0);
        let category_range =
            TickedRange::new(-0.5, n as f64 - 0.5, (0..n).map(|i| i as f64).collect());
        let mut chart = ChartBuilder::on(&panels[1])
            .margin(16)
            .x_label_area_size(72)
            .y_label_area_size(250)
            .build_cartesian_2d(value_axis.range(), category_range)
            .map_err(draw_err)?;
        let names: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(225, 225, 225).stroke_width(1))
            .axis_style(INK.stroke_width(1))
            .label_style(text_style(style::TICK_PX, INK))
            .axis_desc_style(text_style(style::AXIS_NAME_PX, INK))
            .x_desc("surviving objects per re-entry (and their mass)")
            .x_label_formatter(&|v| value_axis.label(*v))
            .y_label_formatter(&|v| {
                let i = v.round();
                if i >= 0.0 && (i as usize) < names.len() {
                    names[i as usize].clone()
                } else {
                    String::new()
                }
            })
            .draw()
            .map_err(draw_err)?;
        if rows.is_empty() {
            chart
                .plotting_area()
                .draw(&Text::new(
                    "no surviving fragments",
                    (
                        value_axis.low + 0.05 * (value_axis.high - value_axis.low),
                        0.0,
                    ),
                    text_style(style::AXIS_NAME_PX, INK),
                ))
                .map_err(draw_err)?;
        }
        for (i, (m, count, kg)) in rows.iter().enumerate() {
            let y = i as f64;
            let colour = style::material_colour(m, &materials);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - 0.32), (*count, y + 0.32)],
                    colour.filled(),
                )))
                .map_err(draw_err)?;
            chart
                .plotting_area()
                .draw(&Text::new(
                    format!("{count:.1}  ({})", style::format_mass(*kg)),
                    (*count + 0.02 * (value_axis.high - value_axis.low), y),
                    text_style(style::LEGEND_PX, INK).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(draw_err)?;
        }

        let mut legend_materials: Vec<&str> = histogram.keys().copied().collect();
        legend_materials.extend(rows.iter().map(|r| r.0));
        legend_materials.sort_unstable();
        legend_materials.dedup();
        let entries: Vec<LegendEntry> = legend_materials
            .iter()
            .map(|m| {
                LegendEntry::Patch(
                    m.to_string(),
                    style::material_colour(m, &materials),
                    style::material_colour(m, &materials),
                )
            })
            .collect();
        draw_legend(&legend, &entries, (8, 24))?;
        Ok(())
    }
}
