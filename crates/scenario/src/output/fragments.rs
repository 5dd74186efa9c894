//! `fragments.csv`: one row per fragment node per sample (DESIGN.md §5, Contract).

use std::fs::File;
use std::io::{BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};

use reentry_montecarlo::FragmentRow;
use reentry_solver::Fate;

use super::{OutputError, cell, split_cells, text_cell};

/// The header line (Contract: these columns in this order).
pub const HEADER: &str = "sample,fragment,parent,count,material,shape,fate,release_alt_km,end_time_s,end_lat_deg,end_lon_deg,end_alt_km,demise_alt_km,impact_speed_m_s,mass_kg,impact_energy_j,casualty_area_m2,peak_heat_flux_w_m2,peak_temperature_k,peak_decel_g,downrange_km,crossrange_km";

const COLUMNS: usize = 22;

/// The text of one row (no line break).
pub fn format_row(row: &FragmentRow) -> String {
    let cells: [String; COLUMNS] = [
        row.sample.to_string(),
        text_cell(&row.fragment),
        text_cell(row.parent.as_deref().unwrap_or("")),
        row.count.to_string(),
        text_cell(row.material.as_deref().unwrap_or("")),
        text_cell(&row.shape),
        row.fate.as_str().to_string(),
        cell(row.release_alt_km),
        cell(Some(row.end_time_s)),
        cell(Some(row.end_lat_deg)),
        cell(Some(row.end_lon_deg)),
        cell(Some(row.end_alt_km)),
        cell(row.demise_alt_km),
        cell(row.impact_speed_m_s),
        cell(Some(row.mass_kg)),
        cell(row.impact_energy_j),
        cell(row.casualty_area_m2),
        cell(row.peak_heat_flux_w_m2),
        cell(row.peak_temperature_k),
        cell(Some(row.peak_decel_g)),
        cell(row.downrange_km),
        cell(row.crossrange_km),
    ];
    cells.join(",")
}

/// Writes rows, one line each.
pub fn write_rows(out: &mut impl Write, rows: &[FragmentRow]) -> std::io::Result<()> {
    for row in rows {
        writeln!(out, "{}", format_row(row))?;
    }
    Ok(())
}

fn parse_number(
    text: &str,
    column: &str,
    path: &Path,
    line: u64,
) -> Result<Option<f64>, OutputError> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>()
        .map(Some)
        .map_err(|_| OutputError::Format {
            path: path.to_path_buf(),
            line,
            message: format!("column {column}: '{text}' is not a number"),
        })
}

/// Parses one data line of `fragments.csv`.
pub fn parse_row(text: &str, path: &Path, line: u64) -> Result<FragmentRow, OutputError> {
    let c = split_cells(text);
    let bad = |message: String| OutputError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    if c.len() != COLUMNS {
        return Err(bad(format!("{} cells, expected {COLUMNS}", c.len())));
    }
    let names: Vec<&str> = HEADER.split(',').collect();
    let num = |k: usize| parse_number(&c[k], names[k], path, line);
    let required = |k: usize| -> Result<f64, OutputError> {
        num(k)?.ok_or_else(|| bad(format!("column {} is empty", names[k])))
    };
    let text_opt = |k: usize| (!c[k].is_empty()).then(|| c[k].clone());
    Ok(FragmentRow {
        sample: c[0]
            .parse()
            .map_err(|_| bad(format!("column sample: '{}' is not a sample index", c[0])))?,
        fragment: c[1].clone(),
        parent: text_opt(2),
        count: c[3]
            .parse()
            .map_err(|_| bad(format!("column count: '{}' is not a count", c[3])))?,
        material: text_opt(4),
        shape: c[5].clone(),
        fate: Fate::parse(&c[6]).ok_or_else(|| {
            bad(format!(
                "column fate: '{}' is not one of demised, landed, broke-up, time-limit, non-finite",
                c[6]
            ))
        })?,
        release_alt_km: num(7)?,
        end_time_s: required(8)?,
        end_lat_deg: num(9)?.unwrap_or(f64::NAN),
        end_lon_deg: num(10)?.unwrap_or(f64::NAN),
        end_alt_km: num(11)?.unwrap_or(f64::NAN),
        demise_alt_km: num(12)?,
        impact_speed_m_s: num(13)?,
        mass_kg: num(14)?.unwrap_or(f64::NAN),
        impact_energy_j: num(15)?,
        casualty_area_m2: num(16)?,
        peak_heat_flux_w_m2: num(17)?,
        peak_temperature_k: num(18)?,
        peak_decel_g: num(19)?.unwrap_or(f64::NAN),
        downrange_km: num(20)?,
        crossrange_km: num(21)?,
    })
}

/// Streams the rows of a `fragments.csv`, grouped by sample, checking the header.
#[derive(Debug)]
pub struct FragmentsReader {
    path: PathBuf,
    lines: Lines<BufReader<File>>,
    line: u64,
    peeked: Option<FragmentRow>,
}

impl FragmentsReader {
    /// Opens `path` and checks its header.
    pub fn open(path: &Path) -> Result<FragmentsReader, OutputError> {
        let file = File::open(path).map_err(|e| OutputError::io(path, e))?;
        let mut lines = BufReader::new(file).lines();
        let header = lines
            .next()
            .transpose()
            .map_err(|e| OutputError::io(path, e))?
            .unwrap_or_default();
        if header != HEADER {
            return Err(OutputError::Format {
                path: path.to_path_buf(),
                line: 1,
                message: format!("the header is not the fragments.csv header ({HEADER})"),
            });
        }
        Ok(FragmentsReader {
            path: path.to_path_buf(),
            lines,
            line: 1,
            peeked: None,
        })
    }

    fn next_row(&mut self) -> Result<Option<FragmentRow>, OutputError> {
        if let Some(row) = self.peeked.take() {
            return Ok(Some(row));
        }
        loop {
            let Some(text) = self.lines.next() else {
                return Ok(None);
            };
            let text = text.map_err(|e| OutputError::io(&self.path, e))?;
            self.line += 1;
            if text.is_empty() {
                continue;
            }
            return parse_row(&text, &self.path, self.line).map(Some);
        }
    }

    /// The sample index of the next row, if any.
    pub fn peek_sample(&mut self) -> Result<Option<u64>, OutputError> {
        if self.peeked.is_none() {
            self.peeked = self.next_row()?;
        }
        Ok(self.peeked.as_ref().map(|r| r.sample))
    }

    /// All rows of the next sample (in file order); empty at the end of the file.
    pub fn next_sample(&mut self) -> Result<Vec<FragmentRow>, OutputError> {
        let mut rows = Vec::new();
        let Some(sample) = self.peek_sample()? else {
            return Ok(rows);
        };
        while self.peek_sample()? == Some(sample) {
            if let Some(row) = self.next_row()? {
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last line read (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> FragmentRow {
        FragmentRow {
            sample: 3,
            fragment: "ktdu-tank".into(),
            parent: Some("vehicle".into()),
            count: 4,
            material: Some("titanium-6al4v".into()),
            shape: "sphere".into(),
            fate: Fate::Landed,
            release_alt_km: Some(78.0),
            end_time_s: 1_234.567_890_123,
            end_lat_deg: -45.123_456_789_012_34,
            end_lon_deg: -140.1,
            end_alt_km: 0.0,
            demise_alt_km: None,
            impact_speed_m_s: Some(95.3),
            mass_kg: 28.0,
            impact_energy_j: Some(0.5 * 28.0 * 95.3 * 95.3),
            casualty_area_m2: Some(1.0 / 3.0),
            peak_heat_flux_w_m2: Some(1.5e6),
            peak_temperature_k: Some(1905.0),
            peak_decel_g: 12.25,
            downrange_km: Some(1e-7),
            crossrange_km: Some(-3.3),
        }
    }

    #[test]
    fn header_has_the_contract_columns() {
        assert_eq!(HEADER.split(',').count(), COLUMNS);
        assert!(HEADER.starts_with("sample,fragment,parent,count,material,shape,fate,"));
        assert!(HEADER.ends_with(",peak_decel_g,downrange_km,crossrange_km"));
    }

    #[test]
    fn rows_round_trip_bit_for_bit() {
        let r = row();
        let text = format_row(&r);
        let back = parse_row(&text, Path::new("x.csv"), 2).unwrap();
        assert_eq!(back, r);
        assert_eq!(format_row(&back), text);
        assert!(text.contains(",,")); // the empty demise altitude
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let text = format_row(&row()).replace("landed", "flew-away");
        let e = parse_row(&text, Path::new("shard/fragments.csv"), 7)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("shard/fragments.csv:7") && e.contains("fate"),
            "{e}"
        );
    }
}
