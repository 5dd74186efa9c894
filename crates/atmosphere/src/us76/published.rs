//! Published values of the U.S. Standard Atmosphere 1976 that the model is checked against:
//! the crate's tests and `reentry validate` read them from here.

/// PHYSICS.md §2.1 target for US76: T, p and ρ within 3e-4 relative of the published tables.
/// The published values carry 4-5 significant digits (rounding alone is at most 6e-5 relative,
/// for 8.152e-9), so the bound is the specification's interpolation budget, not rounding.
pub const TOLERANCE_REL: f64 = 3e-4;

/// U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562), Table I, at 26 geometric altitudes:
/// (altitude km, T K, p Pa, ρ kg/m³). Copied from the project reference notes, us76_published.csv
/// (levels 0-6 of the geopotential layers at their geometric altitudes, then Table I rows).
pub const TABLE_I: [(f64, f64, f64, f64); 26] = [
    (0.000, 288.15, 101325.0, 1.225),
    (11.019, 216.65, 22632.0, 0.36392),
    (20.063, 216.65, 5474.8, 0.088035),
    (32.162, 228.65, 868.01, 0.013225),
    (47.350, 270.65, 110.9, 0.0014275),
    (51.412, 270.65, 66.938, 0.0008616),
    (71.802, 214.65, 3.9564, 6.4211e-05),
    (86.000, 186.87, 0.37338, 6.958e-06),
    (90.000, 186.87, 0.18359, 3.416e-06),
    (91.000, 186.87, 0.15381, 2.86e-06),
    (100.000, 195.08, 0.032011, 5.604e-07),
    (110.000, 240.0, 0.0071042, 9.708e-08),
    (115.000, 300.0, 0.0040096, 4.289e-08),
    (120.000, 360.0, 0.0025382, 2.222e-08),
    (130.000, 469.27, 0.0012505, 8.152e-09),
    (150.000, 634.39, 0.00045422, 2.076e-09),
    (200.000, 854.56, 8.4736e-05, 2.541e-10),
    (250.000, 941.33, 2.4767e-05, 6.073e-11),
    (300.000, 976.01, 8.7704e-06, 1.916e-11),
    (400.000, 995.83, 1.4518e-06, 2.803e-12),
    (500.000, 999.24, 3.0236e-07, 5.215e-13),
    (600.000, 999.85, 8.213e-08, 1.137e-13),
    (700.000, 999.97, 3.1908e-08, 3.07e-14),
    (800.000, 999.99, 1.7036e-08, 1.136e-14),
    (900.000, 1000.0, 1.0873e-08, 5.759e-15),
    (1000.000, 1000.0, 7.5138e-09, 3.561e-15),
];
