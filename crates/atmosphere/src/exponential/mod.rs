//! Exponential density: Vallado's bands (Table 8-4) or a single band.
//!
//! ρ = ρ0 exp(−(h − h0)/H) in the band whose base h0 is the highest at or below h (the first band
//! extends below its base, the last one above). The model gives density only: temperature is the
//! US76 kinetic temperature at the same altitude and pressure P = ρ R* T/M0 (PHYSICS.md §2.3).
//!
//! ```
//! use reentry_atmosphere::exponential::Exponential;
//! let vallado = Exponential::vallado();
//! let rho = vallado.density_kg_m3(400_000.0);
//! assert!((rho - 3.725e-12).abs() < 1e-20);
//! let one = Exponential::single_band(1.225, 7_200.0);
//! assert!((one.density_kg_m3(7_200.0) - 1.225 / std::f64::consts::E).abs() < 1e-15);
//! ```

use reentry_lanes::select;

use crate::us76;
use crate::{
    AtmosphereLanes, AtmosphereSample, F64s, US76_GAS_CONSTANT_J_KMOL_K,
    US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL, mean_free_path_m, mean_free_path_m_lanes,
};

/// Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed. (2013), Table 8-4:
/// (base altitude h0 km, nominal density ρ0 kg/m³, scale height H km); transcribed in
/// `reference/vallado_exponential.csv` and `reference/atmosphere.md` §3.1.
pub const VALLADO_TABLE_8_4: [(f64, f64, f64); 28] = [
    (0.0, 1.225, 7.249),
    (25.0, 3.899e-2, 6.349),
    (30.0, 1.774e-2, 6.682),
    (40.0, 3.972e-3, 7.554),
    (50.0, 1.057e-3, 8.382),
    (60.0, 3.206e-4, 7.714),
    (70.0, 8.770e-5, 6.549),
    (80.0, 1.905e-5, 5.799),
    (90.0, 3.396e-6, 5.382),
    (100.0, 5.297e-7, 5.877),
    (110.0, 9.661e-8, 7.263),
    (120.0, 2.438e-8, 9.473),
    (130.0, 8.484e-9, 12.636),
    (140.0, 3.845e-9, 16.149),
    (150.0, 2.070e-9, 22.523),
    (180.0, 5.464e-10, 29.740),
    (200.0, 2.789e-10, 37.105),
    (250.0, 7.248e-11, 45.546),
    (300.0, 2.418e-11, 53.628),
    (350.0, 9.518e-12, 53.298),
    (400.0, 3.725e-12, 58.515),
    (450.0, 1.585e-12, 60.828),
    (500.0, 6.967e-13, 63.822),
    (600.0, 1.454e-13, 71.835),
    (700.0, 3.614e-14, 88.667),
    (800.0, 1.170e-14, 124.64),
    (900.0, 5.245e-15, 181.05),
    (1000.0, 3.019e-15, 268.00),
];

/// Width (m) of the cells of the band look-up: every Vallado base is a multiple of 5 km.
const CELL_M: f64 = 5_000.0;

/// Cells stored (a power of two, so that a masked index needs no bounds check): bases up to
/// 1275 km. Cells above the last band's base repeat it.
const CELL_CAPACITY: usize = 256;

/// One band: ρ = ρ0 exp(−(h − h0)/H).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExponentialBand {
    /// Base altitude h0, m.
    pub base_altitude_m: f64,
    /// Density at the base ρ0, kg/m³.
    pub base_density_kg_m3: f64,
    /// Scale height H, m.
    pub scale_height_m: f64,
}

/// A banded exponential density model.
#[derive(Debug, Clone, PartialEq)]
pub struct Exponential {
    bands: Vec<ExponentialBand>,
    /// Per band: 1/H (1/m), multiplied in both kernels.
    inverse_scale_height_per_m: Vec<f64>,
    /// Per [`CELL_M`] cell from 0 m up: h0, ρ0, 1/H of the band the cell lies in, and the
    /// cell's lower edge; one row per lanes gather. Cells after `last_cell` repeat it.
    cells: Box<[[f64; 4]; CELL_CAPACITY]>,
    /// Index of the cell holding the last band's base (it covers everything above).
    last_cell: usize,
}

impl Exponential {
    /// Vallado's Table 8-4 ([`VALLADO_TABLE_8_4`]).
    pub fn vallado() -> Exponential {
        Self::from_bands(
            VALLADO_TABLE_8_4
                .iter()
                .map(|&(h0_km, rho0, h_km)| ExponentialBand {
                    base_altitude_m: h0_km * 1000.0,
                    base_density_kg_m3: rho0,
                    scale_height_m: h_km * 1000.0,
                })
                .collect(),
        )
    }

    /// One band at every altitude: ρ = ρ0 exp(−h/H). Inputs are validated by the caller
    /// (positive and finite).
    pub fn single_band(rho0_kg_m3: f64, scale_height_m: f64) -> Exponential {
        debug_assert!(rho0_kg_m3 > 0.0 && rho0_kg_m3.is_finite());
        debug_assert!(scale_height_m > 0.0 && scale_height_m.is_finite());
        Self::from_bands(vec![ExponentialBand {
            base_altitude_m: 0.0,
            base_density_kg_m3: rho0_kg_m3,
            scale_height_m,
        }])
    }

    /// Bands in increasing base altitude; each base a non-negative multiple of 5 km, the first 0.
    fn from_bands(bands: Vec<ExponentialBand>) -> Exponential {
        debug_assert!(bands.first().is_some_and(|b| b.base_altitude_m == 0.0));
        let top = bands.last().map_or(0.0, |b| b.base_altitude_m);
        let used = (top / CELL_M).round() as usize + 1;
        debug_assert!(
            used <= CELL_CAPACITY,
            "band bases above {CELL_CAPACITY} cells"
        );
        let last_cell = used.min(CELL_CAPACITY) - 1;
        let inverse_scale_height_per_m: Vec<f64> =
            bands.iter().map(|b| 1.0 / b.scale_height_m).collect();
        let cells = Box::new(std::array::from_fn(|c| {
            let edge = c.min(last_cell) as f64 * CELL_M;
            let b = bands
                .iter()
                .rposition(|b| b.base_altitude_m <= edge)
                .unwrap_or(0);
            [
                bands[b].base_altitude_m,
                bands[b].base_density_kg_m3,
                inverse_scale_height_per_m[b],
                edge,
            ]
        }));
        Exponential {
            bands,
            inverse_scale_height_per_m,
            cells,
            last_cell,
        }
    }

    /// The bands, lowest first.
    pub fn bands(&self) -> &[ExponentialBand] {
        &self.bands
    }

    /// ρ = ρ0 exp(−(h − h0)/H) (kg/m³) at altitude `altitude_m` (m), Vallado eq. 8-33.
    #[inline]
    pub fn density_kg_m3(&self, altitude_m: f64) -> f64 {
        let band = self
            .bands
            .iter()
            .rposition(|b| b.base_altitude_m <= altitude_m)
            .unwrap_or(0);
        let b = &self.bands[band];
        // 1/H stored once and multiplied, as in the lanes kernel: with exponents up to −140 (one
        // band to 1000 km) a division rounded differently would differ by 3e-14 in ρ.
        b.base_density_kg_m3
            * ((b.base_altitude_m - altitude_m) * self.inverse_scale_height_per_m[band]).exp()
    }

    /// [`Self::density_kg_m3`] for lanes: the band by a 5 km cell look-up and one row gather.
    #[inline]
    pub fn density_kg_m3_lanes(&self, altitude_m: F64s) -> F64s {
        let last = self.last_cell;
        let cf = (altitude_m * F64s::splat(1.0 / CELL_M))
            .floor()
            .fast_max(F64s::ZERO)
            .fast_min(F64s::splat(last as f64));
        // The product can round up across a cell edge (h one ulp below a band base): step back.
        let cf = select(
            altitude_m.simd_lt(cf * F64s::splat(CELL_M)),
            (cf - F64s::ONE).fast_max(F64s::ZERO),
            cf,
        );
        let cell = us76::lanes::indices_of_integral(cf, CELL_CAPACITY - 1);
        let [h0, rho0, inverse_h, _] =
            us76::lanes::columns_of_rows4(std::array::from_fn(|l| &self.cells[cell[l]]));
        rho0 * us76::lanes::exp_normal((h0 - altitude_m) * inverse_h)
    }

    /// Density, US76 kinetic temperature, P = ρ R* T/M0 and the mean free path at one altitude.
    #[inline]
    pub fn sample(&self, altitude_m: f64) -> AtmosphereSample {
        let density_kg_m3 = self.density_kg_m3(altitude_m);
        let temperature_k = us76::reference::temperature_k(altitude_m);
        let pressure_pa = density_kg_m3 * US76_GAS_CONSTANT_J_KMOL_K * temperature_k
            / US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL;
        AtmosphereSample {
            density_kg_m3,
            temperature_k,
            pressure_pa,
            mean_free_path_m: mean_free_path_m(temperature_k, pressure_pa),
        }
    }

    /// [`Self::sample`] for lanes.
    #[inline]
    pub fn sample_lanes(&self, altitude_m: F64s) -> AtmosphereLanes {
        let density_kg_m3 = self.density_kg_m3_lanes(altitude_m);
        let temperature_k = us76::lanes::temperature_k(altitude_m);
        let pressure_pa = density_kg_m3
            * F64s::splat(US76_GAS_CONSTANT_J_KMOL_K / US76_SEA_LEVEL_MOLECULAR_WEIGHT_KG_KMOL)
            * temperature_k;
        AtmosphereLanes {
            density_kg_m3,
            temperature_k,
            pressure_pa,
            mean_free_path_m: mean_free_path_m_lanes(temperature_k, pressure_pa),
        }
    }
}
