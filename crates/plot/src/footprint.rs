//! `footprint.png`: the impact map.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axis::TickedRange;
use crate::charts::{LegendEntry, draw_legend, text_style};
use crate::map::{self, MapView};
use crate::run_directory::{DebrisBox, Fate, FragmentRow, RunDirectory, trajectory_by_fragment};
use crate::style::{
    self, COAST, DEBRIS_BOX, FRAGMENT_TRACK, GRATICULE, INK, LAND, SEA, TRACK, ZONE,
};
use crate::{DrawResult, Figure, MapFrame, draw_err};

/// Points per edge of the debris box: its long edges are great-circle arcs and small circles,
/// curved on the map.
const DEBRIS_BOX_EDGE_POINTS: usize = 48;

/// The outline of a debris box, `[lon, lat]` degrees, its edges sampled so that they curve on
/// the map as they do on the Earth. Empty when the break-up velocity gives no track.
pub(crate) fn debris_box_outline_deg(b: &DebrisBox) -> Vec<[f64; 2]> {
    let [a0, a1] = b.along_km;
    let [c0, c1] = b.cross_km;
    let last = (DEBRIS_BOX_EDGE_POINTS - 1) as f64;
    let lerp = |from: f64, to: f64, k: usize| from + (to - from) * k as f64 / last;
    let edges: [(f64, f64, f64, f64); 4] = [
        (a0, a1, c0, c0),
        (a1, a1, c0, c1),
        (a1, a0, c1, c1),
        (a0, a0, c1, c0),
    ];
    edges
        .iter()
        .flat_map(|&(from_a, to_a, from_c, to_c)| {
            (0..DEBRIS_BOX_EDGE_POINTS).map(move |k| (lerp(from_a, to_a, k), lerp(from_c, to_c, k)))
        })
        .map(|(a_km, c_km)| b.track.lon_lat_deg_at(a_km * 1e3, c_km * 1e3))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// Height of the title band, pixels.
const TITLE_HEIGHT_PX: u32 = 96;
/// Width of the side panel (colour bar, legend, numbers), pixels.
const SIDE_WIDTH_PX: u32 = 370;
/// The ground track is drawn from the last time the vehicle was above this altitude, so that
/// earlier revolutions do not cross the map.
const TRACK_START_ALTITUDE_KM: f64 = 200.0;

pub(crate) struct Footprint<'a> {
    run: &'a RunDirectory,
    nominal: Option<u64>,
    impacts: Vec<&'a FragmentRow>,
    breakups: Vec<&'a FragmentRow>,
    mass_scale: LogScale,
}

impl<'a> Footprint<'a> {
    pub(crate) fn new(run: &'a RunDirectory) -> Footprint<'a> {
        let mut impacts: Vec<&FragmentRow> = run
            .fragments
            .iter()
            .filter(|f| f.fate == Fate::Landed && !f.is_vehicle())
            .collect();
        // Heavy objects drawn last, on top: they carry the risk. Stable sort: ties keep file order.
        impacts.sort_by(|a, b| a.mass_kg.total_cmp(&b.mass_kg));
        let breakups: Vec<&FragmentRow> = run
            .fragments
            .iter()
            .filter(|f| f.is_vehicle() && f.fate == Fate::BrokeUp)
            .collect();
        let mass_scale = LogScale::spanning(impacts.iter().map(|f| f.mass_kg));
        Footprint {
            run,
            nominal: run.nominal_sample(),
            impacts,
            breakups,
            mass_scale,
        }
    }

    /// Points the map must show: impacts, target zone and break-up points; without impacts,
    /// the ends of every fragment (where they demised).
    fn extent_points(&self) -> Vec<[f64; 2]> {
        let mut points: Vec<[f64; 2]> = self
            .impacts
            .iter()
            .map(|f| [f.end_lon_deg, f.end_lat_deg])
            .collect();
        if let Some(zone) = &self.run.summary.target_zone_deg {
            points.extend(zone.iter().copied());
        }
        points.extend(self.breakups.iter().map(|f| [f.end_lon_deg, f.end_lat_deg]));
        if let Some(b) = &self.run.summary.debris_box {
            points.extend(debris_box_outline_deg(b));
        }
        if self.impacts.is_empty() {
            points.extend(
                self.run
                    .fragments
                    .iter()
                    .map(|f| [f.end_lon_deg, f.end_lat_deg]),
            );
        }
        points
    }

    /// Demised fragments of the nominal sample (all samples when the nominal one is absent).
    fn demise_points(&self) -> impl Iterator<Item = &FragmentRow> {
        self.run
            .fragments
            .iter()
            .filter(|f| f.fate == Fate::Demised && (self.nominal.is_none() || self.is_nominal(f)))
    }

    fn is_nominal(&self, row: &FragmentRow) -> bool {
        Some(row.sample) == self.nominal
    }

    /// The nominal vehicle's ground track (from the last time above 200 km) and the
    /// fragments' tracks, `[lon, lat]`.
    fn tracks(&self) -> (Vec<[f64; 2]>, Vec<Vec<[f64; 2]>>) {
        let Some(rows) = &self.run.trajectory else {
            return (Vec::new(), Vec::new());
        };
        let mut vehicle = Vec::new();
        let mut fragments = Vec::new();
        for (id, group) in trajectory_by_fragment(rows) {
            if id == "vehicle" {
                let start = group
                    .iter()
                    .rposition(|r| r.alt_km > TRACK_START_ALTITUDE_KM)
                    .unwrap_or(0);
                vehicle = group[start..]
                    .iter()
                    .map(|r| [r.lon_deg, r.lat_deg])
                    .collect();
            } else {
                fragments.push(group.iter().map(|r| [r.lon_deg, r.lat_deg]).collect());
            }
        }
        (vehicle, fragments)
    }

    fn title(&self) -> (String, String) {
        let summary = &self.run.summary;
        let samples = summary
            .samples
            .unwrap_or_else(|| self.run.sample_count() as u64);
        let mut subtitle = format!("{} sample{}", samples, if samples == 1 { "" } else { "s" });
        if let Some(seed) = summary.seed {
            subtitle.push_str(&format!(", seed {seed}"));
        }
        if let Some(shard) = &summary.shard {
            subtitle.push_str(&format!(", shard {shard}"));
        }
        if samples > 1 && self.nominal.is_some() {
            subtitle.push_str(" · nominal sample bold, Monte Carlo samples light");
        }
        (format!("{}: debris footprint", summary.scenario), subtitle)
    }
}

impl Figure for Footprint<'_> {
    type Output = MapFrame;

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<MapFrame> {
        root.fill(&WHITE).map_err(draw_err)?;
        let (width, _) = root.dim_in_pixel();
        let (title_area, body) = root.split_vertically(TITLE_HEIGHT_PX);
        let (title, subtitle) = self.title();
        title_area
            .draw(&Text::new(
                title,
                (28, 16),
                text_style(style::TITLE_PX + 2.0, INK),
            ))
            .map_err(draw_err)?;
        title_area
            .draw(&Text::new(
                subtitle,
                (28, 60),
                text_style(style::SUBTITLE_PX, INK),
            ))
            .map_err(draw_err)?;
        let (map_area, side) = body.split_horizontally(width.saturating_sub(SIDE_WIDTH_PX));

        let probe = map_builder(&map_area)
            .build_cartesian_2d(0f64..1f64, 0f64..1f64)
            .map_err(draw_err)?;
        let (xs, ys) = probe.plotting_area().get_pixel_range();
        let aspect = f64::from(xs.end - xs.start) / f64::from((ys.end - ys.start).max(1));
        let view = MapView::fit(&self.extent_points(), aspect);

        let lon_step = map::graticule_step(view.east_deg() - view.west_deg());
        let lat_step = map::graticule_step(view.north_deg() - view.south_deg());
        let lon_ticks = style::ticks(view.west_deg(), view.east_deg(), lon_step);
        let lat_ticks = style::ticks(view.south_deg(), view.north_deg(), lat_step);
        let mut chart = map_builder(&map_area)
            .build_cartesian_2d(
                TickedRange::new(view.west_deg(), view.east_deg(), lon_ticks),
                TickedRange::new(view.south_deg(), view.north_deg(), lat_ticks),
            )
            .map_err(draw_err)?;

        chart.plotting_area().fill(&SEA).map_err(draw_err)?;
        for (depth, polygon) in view.land_polygons() {
            let fill = if depth % 2 == 0 { LAND } else { SEA };
            chart
                .draw_series(std::iter::once(Polygon::new(polygon, fill.filled())))
                .map_err(draw_err)?;
        }
        chart
            .draw_series(
                view.coastlines()
                    .into_iter()
                    .map(|line| PathElement::new(line, COAST.stroke_width(1))),
            )
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRATICULE.stroke_width(1))
            .axis_style(INK.stroke_width(1))
            .label_style(text_style(style::TICK_PX, INK))
            .x_label_formatter(&|lon| map::longitude_label(*lon, lon_step))
            .y_label_formatter(&|lat| map::latitude_label(*lat, lat_step))
            .draw()
            .map_err(draw_err)?;

        let zone = self
            .run
            .summary
            .target_zone_deg
            .as_ref()
            .map(|z| view.clip_polygon_deg(z))
            .filter(|z| z.len() >= 3);
        if let Some(zone) = &zone {
            chart
                .draw_series(std::iter::once(Polygon::new(
                    zone.clone(),
                    ZONE.mix(0.06).filled(),
                )))
                .map_err(draw_err)?;
            let mut outline = zone.clone();
            outline.push(zone[0]);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    outline,
                    ZONE.stroke_width(3),
                )))
                .map_err(draw_err)?;
        }

        let debris_box = self
            .run
            .summary
            .debris_box
            .as_ref()
            .map(|b| view.clip_polygon_deg(&debris_box_outline_deg(b)))
            .filter(|outline| outline.len() >= 3);
        if let Some(outline) = &debris_box {
            let mut closed = outline.clone();
            closed.push(outline[0]);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    closed,
                    DEBRIS_BOX.stroke_width(3),
                )))
                .map_err(draw_err)?;
        }

        // Monte Carlo cloud first, light, so the nominal sample stays readable on top.
        chart
            .draw_series(
                self.impacts
                    .iter()
                    .filter(|f| !self.is_nominal(f))
                    .filter_map(|f| view.place(f.end_lon_deg, f.end_lat_deg).map(|p| (p, f)))
                    .map(|(p, f)| {
                        Circle::new(p, 3, self.mass_scale.colour(f.mass_kg).mix(0.55).filled())
                    }),
            )
            .map_err(draw_err)?;

        let (vehicle_track, fragment_tracks) = self.tracks();
        for track in &fragment_tracks {
            chart
                .draw_series(
                    view.clip_path(track)
                        .into_iter()
                        .map(|line| PathElement::new(line, FRAGMENT_TRACK.stroke_width(1))),
                )
                .map_err(draw_err)?;
        }
        chart
            .draw_series(
                view.clip_path(&vehicle_track)
                    .into_iter()
                    .map(|line| PathElement::new(line, TRACK.stroke_width(3))),
            )
            .map_err(draw_err)?;

        // Without survivors the map shows where the nominal fragments demised instead.
        if self.impacts.is_empty() {
            chart
                .draw_series(
                    self.demise_points()
                        .filter_map(|f| view.place(f.end_lon_deg, f.end_lat_deg))
                        .map(|p| Cross::new(p, 7, INK.stroke_width(2))),
                )
                .map_err(draw_err)?;
        }

        let nominal_breakup = self.breakups.iter().find(|f| self.is_nominal(f));
        if nominal_breakup.is_none() {
            // No nominal sample here (a shard): every sample's break-up point, small, unlabelled.
            for b in &self.breakups {
                if let Some(p) = view.place(b.end_lon_deg, b.end_lat_deg) {
                    draw_diamond(root, chart.backend_coord(&p), 6, TRACK)?;
                }
            }
        }
        let mut breakup_px = None;
        if let Some(b) = nominal_breakup
            && let Some(p) = view.place(b.end_lon_deg, b.end_lat_deg)
        {
            breakup_px = Some(chart.backend_coord(&p));
        }

        chart
            .draw_series(
                self.impacts
                    .iter()
                    .filter(|f| self.is_nominal(f))
                    .filter_map(|f| view.place(f.end_lon_deg, f.end_lat_deg).map(|p| (p, f)))
                    .flat_map(|(p, f)| {
                        [
                            Circle::new(p, 8, self.mass_scale.colour(f.mass_kg).filled()),
                            Circle::new(p, 8, BLACK.stroke_width(2)),
                        ]
                    }),
            )
            .map_err(draw_err)?;

        let plotting = chart.plotting_area();
        if let (Some(b), Some(px)) = (nominal_breakup, breakup_px) {
            draw_diamond(root, px, 10, TRACK)?;
            let label = format!("break-up {:.1} km", b.end_alt_km);
            let style = text_style(style::LEGEND_PX, TRACK);
            // Label above the marker, kept inside the map.
            let (xs, ys) = plotting.get_pixel_range();
            let x = (px.0 - 60).clamp(xs.start + 4, xs.end - 190);
            let y = (px.1 - 42).clamp(ys.start + 4, ys.end - 30);
            draw_label(root, &label, (x, y), style)?;
        }
        if let Some(zone) = &zone {
            // Name the zone at its north-west corner when that corner is on the map.
            let corner = zone
                .iter()
                .copied()
                .max_by(|a, b| (a.1 - 0.3 * a.0).total_cmp(&(b.1 - 0.3 * b.0)));
            if let Some(c) = corner {
                let px = chart.backend_coord(&c);
                let (xs, ys) = plotting.get_pixel_range();
                let x = (px.0 + 8).clamp(xs.start + 4, xs.end - 130);
                let y = (px.1 + 8).clamp(ys.start + 4, ys.end - 30);
                draw_label(
                    root,
                    "target zone",
                    (x, y),
                    text_style(style::LEGEND_PX, ZONE),
                )?;
            }
        }

        let corner_nw = chart.backend_coord(&(view.west_deg(), view.north_deg()));
        let corner_se = chart.backend_coord(&(view.east_deg(), view.south_deg()));
        let frame = MapFrame {
            view,
            plot_area_px: [corner_nw.0, corner_nw.1, corner_se.0, corner_se.1],
        };

        self.draw_side_panel(
            &side,
            zone.is_some(),
            debris_box.is_some(),
            !vehicle_track.is_empty(),
            !fragment_tracks.is_empty(),
        )?;
        Ok(frame)
    }
}

/// The chart layout of the map (the same for the probe that measures it and the real chart).
fn map_builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_top(6)
        .margin_right(16)
        .margin_bottom(6)
        .margin_left(8)
        .x_label_area_size(48)
        .y_label_area_size(84);
    builder
}

impl Footprint<'_> {
    fn draw_side_panel<DB: DrawingBackend>(
        &self,
        side: &DrawingArea<DB, Shift>,
        has_zone: bool,
        has_debris_box: bool,
        has_track: bool,
        has_fragment_tracks: bool,
    ) -> DrawResult<()> {
        let mut y = 12;
        side.draw(&Text::new(
            "Surviving mass per object",
            (12, y),
            text_style(style::AXIS_NAME_PX, INK),
        ))
        .map_err(draw_err)?;
        y += 40;
        let bar_top = y;
        let bar_height = 300;
        if self.impacts.is_empty() {
            side.draw(&Text::new(
                "no fragment reached the ground",
                (12, y),
                text_style(style::LEGEND_PX, INK),
            ))
            .map_err(draw_err)?;
            y += 40;
        } else {
            // Vertical colour bar: heavy at the top.
            for i in 0..bar_height {
                let t = 1.0 - f64::from(i) / f64::from(bar_height - 1);
                side.draw(&Rectangle::new(
                    [(16, bar_top + i), (50, bar_top + i + 1)],
                    style::viridis(t).filled(),
                ))
                .map_err(draw_err)?;
            }
            side.draw(&Rectangle::new(
                [(16, bar_top), (50, bar_top + bar_height)],
                INK.stroke_width(1),
            ))
            .map_err(draw_err)?;
            for (mass_kg, t) in self.mass_scale.decades() {
                let ty = bar_top + ((1.0 - t) * f64::from(bar_height - 1)).round() as i32;
                side.draw(&PathElement::new(
                    vec![(50, ty), (58, ty)],
                    INK.stroke_width(1),
                ))
                .map_err(draw_err)?;
                side.draw(&Text::new(
                    format_decade_kg(mass_kg),
                    (64, ty - 10),
                    text_style(style::LEGEND_PX, INK),
                ))
                .map_err(draw_err)?;
            }
            y = bar_top + bar_height + 36;
        }

        let mid = style::viridis(0.6);
        let mut entries = Vec::new();
        if self.nominal.is_some() && self.impacts.iter().any(|f| self.is_nominal(f)) {
            entries.push(LegendEntry::NominalImpact(
                "impact, nominal sample".to_string(),
                mid,
            ));
        }
        let cloud = self.impacts.iter().filter(|f| !self.is_nominal(f)).count();
        if cloud > 0 {
            entries.push(LegendEntry::CloudImpact(
                "impacts, Monte Carlo".to_string(),
                mid,
            ));
        }
        if has_track {
            entries.push(LegendEntry::Line(
                "ground track (nominal)".to_string(),
                TRACK,
                3,
            ));
        }
        if has_fragment_tracks {
            entries.push(LegendEntry::Line(
                "fragment tracks (nominal)".to_string(),
                FRAGMENT_TRACK,
                1,
            ));
        }
        if self.impacts.is_empty() && self.demise_points().next().is_some() {
            entries.push(LegendEntry::Cross("demise point".to_string(), INK));
        }
        if !self.breakups.is_empty() {
            let label = if self.breakups.iter().any(|f| self.is_nominal(f)) {
                "break-up point (nominal)"
            } else {
                "break-up points"
            };
            entries.push(LegendEntry::Diamond(label.to_string(), TRACK));
        }
        if has_zone {
            entries.push(LegendEntry::Outline("target zone".to_string(), ZONE));
        }
        if has_debris_box {
            entries.push(LegendEntry::Outline(
                "debris box, 0.15–99.85 %".to_string(),
                DEBRIS_BOX,
            ));
        }
        entries.push(LegendEntry::Patch("land".to_string(), LAND, COAST));
        y = draw_legend(side, &entries, (12, y))?;
        y += 20;

        let summary = &self.run.summary;
        let objects: u64 = self.impacts.iter().map(|f| f.count).sum();
        let samples = self.run.sample_count().max(1) as f64;
        let mut lines = vec![format!(
            "survivors per re-entry: {:.1}",
            objects as f64 / samples
        )];
        if let Some(b) = &summary.debris_box {
            lines.push(format!(
                "along nominal track: {:.0} to {:+.0} km",
                b.along_km[0], b.along_km[1]
            ));
            lines.push(format!(
                "across: {:.0} to {:+.0} km",
                b.cross_km[0], b.cross_km[1]
            ));
        }
        if let Some(p) = summary.p_outside_target_zone {
            lines.push(format!("P(outside target zone) = {:.1} %", 100.0 * p));
        }
        if let Some(p) = summary.p_land_impact {
            lines.push(format!("P(impact on land) = {:.1} %", 100.0 * p));
        }
        let format_ec = |ec: f64| {
            if ec == 0.0 {
                "0".to_string()
            } else {
                format!("{ec:.2e}")
            }
        };
        if let Some(ec) = summary.casualty_expectation_mean {
            lines.push(format!("casualty expectation = {}", format_ec(ec)));
        }
        if let Some(ec) = summary.casualty_expectation_orbit_average {
            lines.push(format!("  orbit-averaged = {}", format_ec(ec)));
        }
        for line in lines {
            side.draw(&Text::new(
                line,
                (12, y),
                text_style(style::LEGEND_PX - 1.0, INK),
            ))
            .map_err(draw_err)?;
            y += 30;
        }
        Ok(())
    }
}

/// Text on a light box, so a label stays readable over tracks and impacts.
fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    top_left: (i32, i32),
    style: TextStyle<'_>,
) -> DrawResult<()> {
    let (width, height) = area.estimate_text_size(text, &style).map_err(draw_err)?;
    let (x, y) = top_left;
    let (w, h) = (
        i32::try_from(width).unwrap_or(0),
        i32::try_from(height).unwrap_or(0),
    );
    area.draw(&Rectangle::new(
        [(x - 4, y - 2), (x + w + 4, y + h + 4)],
        WHITE.mix(0.8).filled(),
    ))
    .map_err(draw_err)?;
    area.draw(&Text::new(text, (x, y), style)).map_err(draw_err)
}

/// Draws a diamond marker centred on `centre` (pixels of `area`), white inside with a
/// coloured rim.
pub(crate) fn draw_diamond<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centre: (i32, i32),
    half: i32,
    colour: RGBColor,
) -> DrawResult<()> {
    let (x, y) = centre;
    let corners = vec![(x, y - half), (x + half, y), (x, y + half), (x - half, y)];
    area.draw(&Polygon::new(corners.clone(), WHITE.filled()))
        .map_err(draw_err)?;
    let mut outline = corners.clone();
    outline.push(corners[0]);
    area.draw(&PathElement::new(outline, colour.stroke_width(3)))
        .map_err(draw_err)
}

/// A whole decade of kilograms as text: "0.01 kg", "1 kg", "100 kg", "10 t".
fn format_decade_kg(mass_kg: f64) -> String {
    let exponent = mass_kg.log10().round() as i32;
    if exponent >= 4 {
        format!("{} t", 10f64.powi(exponent - 3))
    } else {
        let decimals = usize::try_from(-exponent).unwrap_or(0);
        format!("{:.decimals$} kg", 10f64.powi(exponent))
    }
}

/// Maps masses to colours on a logarithmic scale spanning whole decades.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogScale {
    low_log10: f64,
    high_log10: f64,
}

impl LogScale {
    pub(crate) fn spanning(values: impl Iterator<Item = f64>) -> LogScale {
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite() && *v > 0.0) {
            low = low.min(v);
            high = high.max(v);
        }
        if !low.is_finite() {
            return LogScale {
                low_log10: 0.0,
                high_log10: 1.0,
            };
        }
        let low_log10 = low.log10().floor();
        let high_log10 = high.log10().ceil().max(low_log10 + 1.0);
        LogScale {
            low_log10,
            high_log10,
        }
    }

    pub(crate) fn fraction(&self, value: f64) -> f64 {
        if value.is_nan() || value <= 0.0 {
            return 0.0;
        }
        ((value.log10() - self.low_log10) / (self.high_log10 - self.low_log10)).clamp(0.0, 1.0)
    }

    pub(crate) fn colour(&self, value: f64) -> RGBColor {
        style::viridis(self.fraction(value))
    }

    /// (value, fraction) at every decade of the scale.
    pub(crate) fn decades(&self) -> Vec<(f64, f64)> {
        let n = (self.high_log10 - self.low_log10).round() as i32;
        (0..=n)
            .map(|k| {
                let e = self.low_log10 + f64::from(k);
                (10f64.powf(e), f64::from(k) / f64::from(n.max(1)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reentry_physics::earth::track::GroundTrack;

    /// The outline runs along the four edges, from the (first along, first cross) corner; a
    /// vertical fall has no track, hence no box.
    #[test]
    fn debris_box_outline() {
        let track = GroundTrack {
            breakup_ecef_m: reentry_physics::earth::reference::ecef_from_geodetic(
                -49f64.to_radians(),
                -2.65,
                78e3,
            ),
            breakup_velocity_ecef_m_s: [5043.6, -5159.8, -1619.9],
        };
        let b = DebrisBox {
            track,
            along_km: [-812.0, 2751.0],
            cross_km: [-59.0, -0.9],
        };
        let outline = debris_box_outline_deg(&b);
        assert_eq!(outline.len(), 4 * DEBRIS_BOX_EDGE_POINTS);
        assert_eq!(Some(outline[0]), track.lon_lat_deg_at(-812e3, -59e3));
        assert_eq!(
            Some(outline[DEBRIS_BOX_EDGE_POINTS]),
            track.lon_lat_deg_at(2751e3, -59e3)
        );
        let vertical = DebrisBox {
            track: GroundTrack {
                breakup_velocity_ecef_m_s: track.breakup_ecef_m.map(|x| -x),
                ..track
            },
            ..b
        };
        assert!(debris_box_outline_deg(&vertical).is_empty());
    }
}
