//! Fonts, colours and number formats shared by every plot.

use std::sync::OnceLock;

use plotters::style::{FontStyle, RGBColor};

/// Font family name under which the bundled font is registered.
pub(crate) const FONT: &str = "sans-serif";

/// DejaVu Sans 2.37 (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`), taken from the Debian
/// package `fonts-dejavu-core` 2.37-6: PNG text renders without fontconfig or FreeType.
const DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// Registers the bundled font with plotters once; false if plotters rejected it (then text is
/// missing from the PNGs, which the tests catch).
pub(crate) fn register_fonts() -> bool {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, DEJAVU_SANS).is_ok()
    })
}

/// Text sizes, pixels. A 1400–1600 px wide picture printed 16 cm wide makes 22 px about 6.5 pt,
/// the smallest size that stays readable in a report.
pub(crate) const TITLE_PX: f64 = 32.0;
/// See [`TITLE_PX`].
pub(crate) const SUBTITLE_PX: f64 = 22.0;
/// Tick labels.
pub(crate) const TICK_PX: f64 = 22.0;
/// Axis names.
pub(crate) const AXIS_NAME_PX: f64 = 24.0;
/// Legend entries and notes.
pub(crate) const LEGEND_PX: f64 = 21.0;

/// Ocean fill of the map.
pub(crate) const SEA: RGBColor = RGBColor(226, 238, 247);
/// Land fill of the map.
pub(crate) const LAND: RGBColor = RGBColor(236, 230, 214);
/// Coastline stroke.
pub(crate) const COAST: RGBColor = RGBColor(150, 140, 120);
/// Graticule lines.
pub(crate) const GRATICULE: RGBColor = RGBColor(190, 200, 210);
/// Text and axes.
pub(crate) const INK: RGBColor = RGBColor(30, 30, 30);
/// Target-zone outline.
pub(crate) const ZONE: RGBColor = RGBColor(200, 30, 30);
/// Outline of the debris box along the nominal track.
pub(crate) const DEBRIS_BOX: RGBColor = RGBColor(230, 120, 0);
/// Nominal ground track and the vehicle's lines.
pub(crate) const TRACK: RGBColor = RGBColor(20, 40, 90);
/// Fragment ground tracks.
pub(crate) const FRAGMENT_TRACK: RGBColor = RGBColor(110, 110, 120);

/// Colour of a material id, the same in every plot and every run: known materials have a fixed
/// colour (families share a hue: aluminium blues, steels reds); others take the fallback
/// palette in the order of `all_materials` (sorted ids), so the mapping is deterministic.
pub(crate) fn material_colour(material: &str, all_materials: &[String]) -> RGBColor {
    let fixed = match material {
        "aluminium-amg6" => Some(RGBColor(31, 119, 180)),
        "aluminium-2024" => Some(RGBColor(107, 174, 214)),
        "aluminium-6061" => Some(RGBColor(8, 81, 156)),
        "aluminium-7075" => Some(RGBColor(66, 146, 198)),
        "titanium-6al4v" => Some(RGBColor(148, 103, 189)),
        "stainless-316" => Some(RGBColor(214, 39, 40)),
        "inconel-718" => Some(RGBColor(140, 86, 75)),
        "steel-aluminium-mix" => Some(RGBColor(150, 60, 20)),
        "copper" => Some(RGBColor(255, 127, 14)),
        "copper-harness" => Some(RGBColor(253, 174, 107)),
        "cfrp" => Some(RGBColor(44, 160, 44)),
        "electronics" => Some(RGBColor(188, 189, 34)),
        "battery-nicd" => Some(RGBColor(227, 119, 194)),
        "battery-li" => Some(RGBColor(247, 182, 210)),
        "polymer" => Some(RGBColor(23, 190, 207)),
        "polyethylene" => Some(RGBColor(0, 110, 110)),
        "soft-waste" => Some(RGBColor(127, 127, 127)),
        _ => None,
    };
    if let Some(colour) = fixed {
        return colour;
    }
    const FALLBACK: [RGBColor; 8] = [
        RGBColor(57, 59, 121),
        RGBColor(99, 121, 57),
        RGBColor(140, 109, 49),
        RGBColor(132, 60, 57),
        RGBColor(123, 65, 115),
        RGBColor(82, 84, 163),
        RGBColor(181, 207, 107),
        RGBColor(231, 186, 82),
    ];
    let unknown_rank = all_materials
        .iter()
        .filter(|m| material_colour_is_fixed(m))
        .count();
    let index = all_materials
        .iter()
        .filter(|m| !material_colour_is_fixed(m))
        .position(|m| m == material)
        .unwrap_or(unknown_rank);
    FALLBACK[index % FALLBACK.len()]
}

fn material_colour_is_fixed(material: &str) -> bool {
    matches!(
        material,
        "aluminium-amg6"
            | "aluminium-2024"
            | "aluminium-6061"
            | "aluminium-7075"
            | "titanium-6al4v"
            | "stainless-316"
            | "inconel-718"
            | "steel-aluminium-mix"
            | "copper"
            | "copper-harness"
            | "cfrp"
            | "electronics"
            | "battery-li"
            | "battery-nicd"
            | "polymer"
            | "polyethylene"
            | "soft-waste"
    )
}

/// Viridis colour map (matplotlib's, sampled at 9 points and interpolated linearly) at
/// `t` in [0, 1]; out-of-range `t` is clamped.
pub(crate) fn viridis(t: f64) -> RGBColor {
    const STOPS: [(f64, f64, f64); 9] = [
        (68.0, 1.0, 84.0),
        (71.0, 44.0, 122.0),
        (59.0, 81.0, 139.0),
        (44.0, 113.0, 142.0),
        (33.0, 144.0, 141.0),
        (39.0, 173.0, 129.0),
        (92.0, 200.0, 99.0),
        (170.0, 220.0, 50.0),
        (253.0, 231.0, 37.0),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |p: f64, q: f64| (p + f * (q - p)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Formats a tick value with the fewest decimals that show the step `step` (e.g. 0.5 → "2.5").
pub(crate) fn format_tick(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 6.0) as usize
    };
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
        text[1..].to_string()
    } else {
        text
    }
}

/// A "nice" step (1, 2 or 5 × 10^k) giving about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / target.max(1.0);
    let decade = 10f64.powf(raw.log10().floor());
    let mantissa = raw / decade;
    let nice = if mantissa < 1.5 {
        1.0
    } else if mantissa < 3.5 {
        2.0
    } else if mantissa < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * decade
}

/// Multiples of `step` inside `[low, high]`.
pub(crate) fn ticks(low: f64, high: f64, step: f64) -> Vec<f64> {
    if !(step > 0.0 && low.is_finite() && high.is_finite()) {
        return Vec::new();
    }
    let first = (low / step - 1e-9).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last.min(first + 1000))
        .map(|k| k as f64 * step)
        .collect()
}

/// Compact mass text: "0.12 kg", "3.4 kg", "56 kg", "1.2 t".
pub(crate) fn format_mass(mass_kg: f64) -> String {
    if mass_kg >= 1000.0 {
        format!("{:.1} t", mass_kg / 1000.0)
    } else if mass_kg >= 10.0 {
        format!("{mass_kg:.0} kg")
    } else if mass_kg >= 1.0 {
        format!("{mass_kg:.1} kg")
    } else {
        format!("{mass_kg:.2} kg")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_steps() {
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 1.0);
        assert_eq!(ticks(-3.0, 10.0, 5.0), vec![0.0, 5.0, 10.0]);
        assert_eq!(format_tick(2.5, 0.5), "2.5");
        assert_eq!(format_tick(-0.0, 1.0), "0");
        assert_eq!(format_tick(120.0, 20.0), "120");
    }

    #[test]
    fn material_colours_are_stable() {
        let all = vec![
            "cfrp".to_string(),
            "unobtainium".to_string(),
            "zz".to_string(),
        ];
        assert_eq!(material_colour("cfrp", &all), RGBColor(44, 160, 44));
        assert_ne!(
            material_colour("unobtainium", &all),
            material_colour("zz", &all)
        );
        assert_eq!(viridis(0.0), RGBColor(68, 1, 84));
        assert_eq!(viridis(1.0), RGBColor(253, 231, 37));
    }
}
