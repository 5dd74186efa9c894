//! The material table (PHYSICS.md §5): built in from `data/materials.toml` (embedded, so the
//! binary needs no files), extended or overridden by a scenario's `[[material]]` tables.

// A ScenarioError carries the structured fields of one message (file, line, key, value, allowed):
// it is large, built at most once per load, and never on a hot path.
#![allow(clippy::result_large_err)]

use std::path::Path;
use std::sync::OnceLock;

use reentry_physics::thermal::Material;

use crate::convert::Ctx;
use crate::error::ScenarioError;
use crate::schema::{MaterialFile, MaterialTable, S};

/// The embedded material file.
const BUILTIN_TOML: &str = include_str!("../data/materials.toml");

/// The name errors in the embedded file are reported under.
const BUILTIN_FILE: &str = "crates/scenario/data/materials.toml";

/// A material with the source of its values.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialEntry {
    /// The thermophysical properties (SI).
    pub material: Material,
    /// Where the values come from.
    pub basis: String,
}

/// The built-in materials, in file order.
///
/// The embedded file is validated with the same rules as a scenario's `[[material]]` tables;
/// the crate's tests load it, so a broken table fails the tests, never a user's run. Should it
/// still fail to parse, the table is empty and every material lookup reports an unknown id.
pub fn builtin() -> &'static [MaterialEntry] {
    static TABLE: OnceLock<Vec<MaterialEntry>> = OnceLock::new();
    TABLE.get_or_init(|| parse_builtin().unwrap_or_default())
}

/// The built-in material with this id.
pub fn find(id: &str) -> Option<&'static MaterialEntry> {
    builtin().iter().find(|m| m.material.id == id)
}

/// Parses and validates the embedded table.
pub(crate) fn parse_builtin() -> Result<Vec<MaterialEntry>, ScenarioError> {
    let ctx = Ctx::new(Path::new(BUILTIN_FILE), BUILTIN_TOML);
    let file: MaterialFile = ctx.deserialize()?;
    let mut entries: Vec<MaterialEntry> = Vec::with_capacity(file.material.len());
    for table in &file.material {
        let entry = entry_from_table(&ctx, table, true)?;
        if entries.iter().any(|e| e.material.id == entry.material.id) {
            return Err(ctx.invalid(
                table.span(),
                "material.id",
                None,
                &entry.material.id,
                format!("material \"{}\" is defined twice", entry.material.id),
                "each id once".into(),
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Validates one `[[material]]` table (kJ/kg and MJ/kg → J/kg here). `basis_required` is true for the
/// built-in table, where every value must carry its source.
pub(crate) fn entry_from_table(
    ctx: &Ctx<'_>,
    table: &S<MaterialTable>,
    basis_required: bool,
) -> Result<MaterialEntry, ScenarioError> {
    let span = table.span();
    let t = table.get_ref();
    let id = ctx.required(&t.id, "material.id", None, span.clone())?;
    let id_text = ctx.identifier(id, "material.id", None)?;
    let item = Some(format!("material \"{id_text}\""));
    let number = |value: &Option<S<f64>>, key: &str| -> Result<f64, ScenarioError> {
        let v = ctx.required(value, key, item.clone(), span.clone())?;
        ctx.number(v, key, item.clone())
    };
    let density_kg_m3 = number(&t.density_kg_m3, "material.density_kg_m3")?;
    let specific_heat_j_kg_k = number(&t.specific_heat_j_kg_k, "material.specific_heat_j_kg_k")?;
    let melt_temperature_k = number(&t.melt_temperature_k, "material.melt_temperature_k")?;
    let heat_of_fusion_kj_kg = number(&t.heat_of_fusion_kj_kg, "material.heat_of_fusion_kj_kg")?;
    let emissivity = number(&t.emissivity, "material.emissivity")?;
    let oxidation_heat_mj_kg_o2 = ctx.number_or(
        &t.oxidation_heat_mj_kg_o2,
        "material.oxidation_heat_mj_kg_o2",
        item.clone(),
        0.0,
    )?;
    // The onset matters only for a material that oxidises; there it has no sensible default.
    let oxidation_onset_k = if oxidation_heat_mj_kg_o2 > 0.0 {
        number(&t.oxidation_onset_k, "material.oxidation_onset_k")?
    } else {
        ctx.number_or(
            &t.oxidation_onset_k,
            "material.oxidation_onset_k",
            item.clone(),
            melt_temperature_k,
        )?
    };
    let basis = match &t.basis {
        Some(b) if !b.get_ref().trim().is_empty() => b.get_ref().trim().to_string(),
        Some(b) if basis_required => {
            return Err(ctx.invalid(
                b.span(),
                "material.basis",
                item,
                b.get_ref(),
                "the basis is empty".into(),
                "a text naming the source of the values".into(),
            ));
        }
        None if basis_required => {
            return Err(ctx.missing(span, "material.basis", item));
        }
        _ => "scenario file".to_string(),
    };
    Ok(MaterialEntry {
        material: Material {
            id: id_text,
            density_kg_m3,
            specific_heat_j_kg_k,
            melt_temperature_k,
            heat_of_fusion_j_kg: heat_of_fusion_kj_kg * 1e3,
            emissivity,
            oxidation_heat_j_kg_o2: oxidation_heat_mj_kg_o2 * 1e6,
            oxidation_onset_k,
        },
        basis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PHYSICS.md §5 table (id, ρ kg/m³, c_p J/(kg K), T_m K, h_f kJ/kg, ε), copied here so that
    /// the data file is checked against the specification it was typed from.
    const PHYSICS_MD_TABLE: &[(&str, f64, f64, f64, f64, f64)] = &[
        ("aluminium-6061", 2700.0, 896.0, 855.0, 386.0, 0.30),
        ("aluminium-2024", 2780.0, 875.0, 860.0, 390.0, 0.30),
        ("aluminium-amg6", 2640.0, 920.0, 870.0, 390.0, 0.30),
        ("aluminium-7075", 2813.0, 960.0, 850.0, 400.0, 0.40),
        ("titanium-6al4v", 4430.0, 670.0, 1905.0, 338.0, 0.77),
        ("stainless-316", 8000.0, 640.0, 1665.0, 270.0, 0.85),
        ("inconel-718", 8190.0, 550.0, 1630.0, 309.0, 0.80),
        ("copper", 8960.0, 440.0, 1356.0, 243.0, 0.60),
        ("cfrp", 1600.0, 1100.0, 800.0, 1350.0, 0.85),
        ("electronics", 3000.0, 790.0, 646.0, 49.0, 0.40),
        ("battery-li", 2000.0, 1000.0, 630.0, 261.0, 0.50),
        ("polymer", 1200.0, 1500.0, 600.0, 500.0, 0.90),
        ("soft-waste", 250.0, 1500.0, 600.0, 800.0, 0.90),
    ];

    #[test]
    fn builtin_table_matches_physics_md() {
        let table = parse_builtin();
        assert!(table.is_ok(), "{:?}", table.err().map(|e| e.to_string()));
        let table = table.unwrap_or_default();
        assert_eq!(table.len(), PHYSICS_MD_TABLE.len());
        for &(id, rho, cp, tm, hf_kj, eps) in PHYSICS_MD_TABLE {
            let entry = find(id);
            assert!(entry.is_some(), "{id} missing");
            let Some(e) = entry else { continue };
            let m = &e.material;
            assert_eq!(
                (
                    m.density_kg_m3,
                    m.specific_heat_j_kg_k,
                    m.melt_temperature_k,
                    m.heat_of_fusion_j_kg,
                    m.emissivity
                ),
                (rho, cp, tm, hf_kj * 1e3, eps),
                "{id}"
            );
            assert!(!e.basis.is_empty(), "{id} has no basis");
        }
    }
}
