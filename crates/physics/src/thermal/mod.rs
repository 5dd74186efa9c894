//! Lumped (0-D) thermal model, melting and demise (PHYSICS.md §5).

/// Thermophysical properties of a material (constant c_p).
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    /// Identifier used in scenario files, e.g. `titanium-6al4v`.
    pub id: String,
    /// Density, kg/m³.
    pub density_kg_m3: f64,
    /// Specific heat capacity, J/(kg·K).
    pub specific_heat_j_kg_k: f64,
    /// Melt temperature, K.
    pub melt_temperature_k: f64,
    /// Heat of fusion, J/kg.
    pub heat_of_fusion_j_kg: f64,
    /// Total hemispherical emissivity.
    pub emissivity: f64,
}
