//! Atmosphere cases: the published U.S. Standard Atmosphere 1976 table and the documented
//! NRLMSISE-00 test cases.

use reentry_atmosphere::nrlmsise00::{Input, Switches, reference};
use reentry_atmosphere::{Atmosphere, AtmospherePoint, Epoch, us76};

use super::CaseResult;

/// US76 T, p and ρ at every published altitude, through [`Atmosphere::Us76`].
pub fn us76_published() -> Vec<CaseResult> {
    let model = Atmosphere::Us76;
    let mut rows = Vec::with_capacity(3 * us76::published::TABLE_I.len());
    for (altitude_km, t_k, p_pa, rho_kg_m3) in us76::published::TABLE_I {
        let sample = model.sample(&AtmospherePoint {
            altitude_m: altitude_km * 1e3,
            latitude_rad: 0.0,
            longitude_rad: 0.0,
            epoch: Epoch::default(),
        });
        let case = "US76 Table I";
        rows.push(CaseResult::relative(
            case,
            format!("T({altitude_km} km) K"),
            t_k,
            sample.temperature_k,
            us76::published::TOLERANCE_REL,
        ));
        rows.push(CaseResult::relative(
            case,
            format!("p({altitude_km} km) Pa"),
            p_pa,
            sample.pressure_pa,
            us76::published::TOLERANCE_REL,
        ));
        rows.push(CaseResult::relative(
            case,
            format!("rho({altitude_km} km) kg/m3"),
            rho_kg_m3,
            sample.density_kg_m3,
            us76::published::TOLERANCE_REL,
        ));
    }
    rows
}

/// PHYSICS.md §2.2 target for the documented NRLMSISE-00 test cases: 1e-6 relative. The
/// documented outputs carry 7 significant digits (rounding ≤ 5e-7 relative).
const NRLMSISE00_TOLERANCE: f64 = 1e-6;

/// One documented NRLMSISE-00 test case (the model's C/Fortran test driver): inputs and the
/// documented total mass density (gtd7, kg/m³) and temperature at the altitude (K).
struct MsisCase {
    case: u32,
    day_of_year: f64,
    ut_s: f64,
    altitude_km: f64,
    latitude_deg: f64,
    longitude_deg: f64,
    local_solar_time_h: f64,
    f107a: f64,
    f107: f64,
    ap: f64,
    /// `Some(value)`: switch 9 = −1 with every ap history entry equal to `value`.
    ap_history: Option<f64>,
    density_gtd7_kg_m3: f64,
    temperature_k: f64,
}

/// The 17 test cases, copied from the project reference notes, nrlmsise00_tests.csv (columns case,
/// doy, sec_ut, alt_km, g_lat_deg, g_long_deg, lst_h, f107A, f107, ap, switch9 / ap array,
/// rho_total_kg_m3_gtd7, T_alt_K).
#[rustfmt::skip]
const MSIS_CASES: [MsisCase; 17] = [
    MsisCase { case: 1, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 4.074714e-12, temperature_k: 1.241416e3 },
    MsisCase { case: 2, day_of_year: 81.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 5.001846e-12, temperature_k: 1.161710e3 },
    MsisCase { case: 3, day_of_year: 172.0, ut_s: 75000.0, altitude_km: 1000.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 2.756772e-15, temperature_k: 1.239891e3 },
    MsisCase { case: 4, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 100.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 3.584426e-07, temperature_k: 2.068878e2 },
    MsisCase { case: 5, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 0.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 4.809630e-12, temperature_k: 1.208135e3 },
    MsisCase { case: 6, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: 0.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 4.355866e-12, temperature_k: 1.212712e3 },
    MsisCase { case: 7, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 4.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 2.470651e-12, temperature_k: 1.112999e3 },
    MsisCase { case: 8, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 70.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 1.571889e-12, temperature_k: 1.024848e3 },
    MsisCase { case: 9, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 180.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 4.564420e-12, temperature_k: 1.293374e3 },
    MsisCase { case: 10, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 40.0, ap_history: None, density_gtd7_kg_m3: 4.974543e-12, temperature_k: 1.347389e3 },
    MsisCase { case: 11, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 0.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 1.261066e+00, temperature_k: 2.814648e2 },
    MsisCase { case: 12, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 10.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 4.059139e-01, temperature_k: 2.274180e2 },
    MsisCase { case: 13, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 30.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 1.950822e-02, temperature_k: 2.374389e2 },
    MsisCase { case: 14, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 50.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 1.294709e-03, temperature_k: 2.795551e2 },
    MsisCase { case: 15, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 70.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: None, density_gtd7_kg_m3: 1.147668e-04, temperature_k: 2.190732e2 },
    MsisCase { case: 16, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 400.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: Some(100.0), density_gtd7_kg_m3: 5.881940e-12, temperature_k: 1.408608e3 },
    MsisCase { case: 17, day_of_year: 172.0, ut_s: 29000.0, altitude_km: 100.0, latitude_deg: 60.0, longitude_deg: -70.0, local_solar_time_h: 16.0, f107a: 150.0, f107: 150.0, ap: 4.0, ap_history: Some(100.0), density_gtd7_kg_m3: 2.914304e-07, temperature_k: 1.934071e2 },
];

/// gtd7 total density and temperature of the 17 documented test cases, through
/// [`reference::gtd7`].
pub fn nrlmsise00_test_cases() -> Vec<CaseResult> {
    let mut rows = Vec::with_capacity(2 * MSIS_CASES.len());
    for c in &MSIS_CASES {
        let input = Input {
            day_of_year: c.day_of_year,
            ut_s: c.ut_s,
            altitude_km: c.altitude_km,
            latitude_deg: c.latitude_deg,
            longitude_deg: c.longitude_deg,
            local_solar_time_h: c.local_solar_time_h,
            f107a_sfu: c.f107a,
            f107_sfu: c.f107,
            ap: c.ap,
            ap_history: [c.ap_history.unwrap_or(c.ap); 7],
        };
        let switches = if c.ap_history.is_some() {
            Switches::with_ap_history()
        } else {
            Switches::standard()
        };
        let out = reference::gtd7(&input, &switches);
        let case = format!("NRLMSISE-00 test {}", c.case);
        rows.push(CaseResult::relative(
            case.clone(),
            format!("rho_gtd7({} km) kg/m3", c.altitude_km),
            c.density_gtd7_kg_m3,
            out.density_gtd7_kg_m3,
            NRLMSISE00_TOLERANCE,
        ));
        rows.push(CaseResult::relative(
            case,
            format!("T({} km) K", c.altitude_km),
            c.temperature_k,
            out.temperature_k,
            NRLMSISE00_TOLERANCE,
        ));
    }
    rows
}
