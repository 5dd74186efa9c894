//! NRLMSISE-00, plain `f64`: the readable transcription of the model and the test oracle.
//!
//! The structure follows the NRL Fortran (GTD7 → GTS7/GLOBE7/GLOB7S/DENSU/DENSM): the model's
//! own units inside (km, degrees, cgs densities), its truncated constants kept (deg→rad
//! 1.74533e-2, 2π/86 400 s = 7.2722e-5, 2π/24 h = 0.2618, 2π/365 d = 1.72142e-2, R = 831.4,
//! amu = 1.66e-24 g), SI only in [`Output`]. Unlike the Fortran and C originals nothing is kept
//! between calls: every intermediate (Legendre polynomials, local-time harmonics, the magnetic
//! activity functions, the temperature-profile nodes) lives in values owned by one call, so the
//! functions are pure and safe to call from any number of threads.

use super::coefficients::{PAVGM, PD, PDL, PDM, PMA, PS, PT, PTL, PTM};
use super::{Input, Output, Switches};

/// Degrees → radians as truncated in the model (NRLMSISE-00.FOR `DGTR`).
pub(crate) const DGTR: f64 = 1.74533e-2;
/// 2π / 365 d, per day (`DR`).
pub(crate) const DR: f64 = 1.72142e-2;
/// 2π / 24 h, per hour (`HR`).
pub(crate) const HR: f64 = 0.2618;
/// 2π / 86 400 s, per second (`SR`).
pub(crate) const SR: f64 = 7.2722e-5;
/// Gas constant of the model, R = 831.4 (cgs units with km: `RGAS`).
pub(crate) const RGAS: f64 = 831.4;
/// Atomic mass unit of the model, g (`1.66E-24`).
pub(crate) const AMU_G: f64 = 1.66e-24;

/// Lower boundary of the thermosphere's temperature spline: ZA = PDL(16,2) = 123.435 km.
pub(crate) const ZA_KM: f64 = PDL[1][15];
/// Spline nodes of the lower thermosphere (km), ZN1 with ZN1(1) = ZA.
pub(crate) const ZN1_KM: [f64; 5] = [ZA_KM, 110.0, 100.0, 90.0, 72.5];
/// Spline nodes of the stratosphere/mesosphere (km), ZN2.
pub(crate) const ZN2_KM: [f64; 4] = [72.5, 55.0, 45.0, 32.5];
/// Spline nodes of the troposphere/stratosphere (km), ZN3.
pub(crate) const ZN3_KM: [f64; 5] = [32.5, 20.0, 15.0, 10.0, 0.0];
/// Altitude (km) below which the species are fully mixed (ZMIX).
pub(crate) const ZMIX_KM: f64 = 62.5;
/// Thermal diffusion coefficients α of He, O, N2, O2, Ar, (total), H, N, anomalous O.
pub(crate) const ALPHA: [f64; 9] = [-0.38, 0.0, 0.0, 0.0, 0.17, 0.0, -0.38, 0.0, 0.0];
/// Altitudes (km) above which departures from diffusive equilibrium are ignored (ALTL):
/// He, O, N2, O2, Ar, (unused), H, N.
pub(crate) const ALTL_KM: [f64; 8] = [200.0, 300.0, 160.0, 250.0, 240.0, 450.0, 320.0, 450.0];
/// Mean molecular weight of fully mixed air in the model (PDM(5,3)).
pub(crate) const XMM: f64 = PDM[2][4];

/// Switch values as the model uses them: `sw` (main effects) and `swc` (cross terms), TSELEC.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flags {
    pub sw: [f64; 24],
    pub swc: [f64; 24],
}

impl Flags {
    /// TSELEC: switch 1 → sw = swc = 1; 0 → both 0; 2 → sw = 0, swc = 1; switch 9 is passed
    /// through (−1 selects the ap history).
    pub(crate) fn new(switches: &Switches) -> Flags {
        let mut sw = [0.0; 24];
        let mut swc = [0.0; 24];
        for i in 0..24 {
            let v = switches.values[i];
            if i == 9 {
                sw[i] = f64::from(v);
                swc[i] = f64::from(v);
            } else {
                sw[i] = if v == 1 { 1.0 } else { 0.0 };
                swc[i] = if v > 0 { 1.0 } else { 0.0 };
            }
        }
        Flags { sw, swc }
    }
}

/// Gravity at the surface (cm/s²) and the effective Earth radius (km) at a latitude (GLATF):
/// g = 980.616 (1 − 0.0026373 cos 2φ), r = 2 g / (3.085462e-6 + 2.27e-9 cos 2φ) · 1e-5.
pub(crate) fn glatf(latitude_deg: f64) -> (f64, f64) {
    let c2 = (2.0 * DGTR * latitude_deg).cos();
    let gsurf = 980.616 * (1.0 - 0.0026373 * c2);
    let re = 2.0 * gsurf / (3.085462e-6 + 2.27e-9 * c2) * 1.0e-5;
    (gsurf, re)
}

/// Per-call quantities shared by every GLOBE7/GLOB7S evaluation of one point: associated
/// Legendre polynomials of the latitude, local-time harmonics and the F10.7 offset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Harmonics {
    /// plg[m][n] = P_n^m(sin φ) in the model's normalisation.
    pub plg: [[f64; 9]; 4],
    pub stloc: f64,
    pub ctloc: f64,
    pub s2tloc: f64,
    pub c2tloc: f64,
    pub s3tloc: f64,
    pub c3tloc: f64,
    /// F10.7A − 150.
    pub dfa: f64,
    /// F10.7 − F10.7A.
    pub df: f64,
}

impl Harmonics {
    pub(crate) fn new(input: &Input) -> Harmonics {
        let c = (input.latitude_deg * DGTR).sin();
        let s = (input.latitude_deg * DGTR).cos();
        let c2 = c * c;
        let c4 = c2 * c2;
        let s2 = s * s;
        let mut plg = [[0.0; 9]; 4];
        plg[0][1] = c;
        plg[0][2] = 0.5 * (3.0 * c2 - 1.0);
        plg[0][3] = 0.5 * (5.0 * c * c2 - 3.0 * c);
        plg[0][4] = (35.0 * c4 - 30.0 * c2 + 3.0) / 8.0;
        plg[0][5] = (63.0 * c2 * c2 * c - 70.0 * c2 * c + 15.0 * c) / 8.0;
        plg[0][6] = (11.0 * c * plg[0][5] - 5.0 * plg[0][4]) / 6.0;
        plg[1][1] = s;
        plg[1][2] = 3.0 * c * s;
        plg[1][3] = 1.5 * (5.0 * c2 - 1.0) * s;
        plg[1][4] = 2.5 * (7.0 * c2 * c - 3.0 * c) * s;
        plg[1][5] = 1.875 * (21.0 * c4 - 14.0 * c2 + 1.0) * s;
        plg[1][6] = (11.0 * c * plg[1][5] - 6.0 * plg[1][4]) / 5.0;
        plg[2][2] = 3.0 * s2;
        plg[2][3] = 15.0 * s2 * c;
        plg[2][4] = 7.5 * (7.0 * c2 - 1.0) * s2;
        plg[2][5] = 3.0 * c * plg[2][4] - 2.0 * plg[2][3];
        plg[2][6] = (11.0 * c * plg[2][5] - 7.0 * plg[2][4]) / 4.0;
        plg[2][7] = (13.0 * c * plg[2][6] - 8.0 * plg[2][5]) / 5.0;
        plg[3][3] = 15.0 * s2 * s;
        plg[3][4] = 105.0 * s2 * s * c;
        plg[3][5] = (9.0 * c * plg[3][4] - 7.0 * plg[3][3]) / 2.0;
        plg[3][6] = (11.0 * c * plg[3][5] - 8.0 * plg[3][4]) / 3.0;
        let tloc = input.local_solar_time_h;
        Harmonics {
            plg,
            stloc: (HR * tloc).sin(),
            ctloc: (HR * tloc).cos(),
            s2tloc: (2.0 * HR * tloc).sin(),
            c2tloc: (2.0 * HR * tloc).cos(),
            s3tloc: (3.0 * HR * tloc).sin(),
            c3tloc: (3.0 * HR * tloc).cos(),
            dfa: input.f107a_sfu - 150.0,
            df: input.f107_sfu - input.f107a_sfu,
        }
    }
}

/// Magnetic activity functions of one coefficient row: `apdf` (daily Ap, eq. A22) and `apt`
/// (3-hour ap history, eq. A24a). GLOB7S uses the values of the last GLOBE7 row evaluated
/// before it; in GTS7 that is the T_lb row PD(·,4), hence [`MagneticActivity::of_row`] for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MagneticActivity {
    pub apdf: f64,
    /// `None` when the row's p[51] is 0 (the history term is off for that row).
    pub apt: Option<f64>,
}

/// g0(a) = a − 4 + (p26 − 1)(a − 4 + (e^{−|p25|(a−4)} − 1)/|p25|) (eq. A24d).
fn g0(a: f64, p24: f64, p25: f64) -> f64 {
    a - 4.0 + (p25 - 1.0) * (a - 4.0 + ((-p24.abs() * (a - 4.0)).exp() - 1.0) / p24.abs())
}

impl MagneticActivity {
    pub(crate) fn of_row(p: &[f64], input: &Input, flags: &Flags) -> MagneticActivity {
        if flags.sw[9] == -1.0 {
            let apt = if p[51] != 0.0 {
                let ap = &input.ap_history;
                let ex = (-10800.0 * p[51].abs()
                    / (1.0 + p[138] * (45.0 - input.latitude_deg.abs())))
                .exp()
                .min(0.99999);
                // The model raises p[24] to 1e-4 when smaller (it never is in the tables).
                let p24 = p[24].max(1.0e-4);
                let g = |a: f64| g0(a, p24, p[25]);
                // Eq. A24c.
                let sumex = 1.0 + (1.0 - ex.powi(19)) / (1.0 - ex) * ex.sqrt();
                // Eq. A24a.
                let sg0 = (g(ap[1])
                    + (g(ap[2]) * ex
                        + g(ap[3]) * ex * ex
                        + g(ap[4]) * ex.powi(3)
                        + (g(ap[5]) * ex.powi(4) + g(ap[6]) * ex.powi(12)) * (1.0 - ex.powi(8))
                            / (1.0 - ex)))
                    / sumex;
                Some(sg0)
            } else {
                None
            };
            MagneticActivity { apdf: 0.0, apt }
        } else {
            let apd = input.ap - 4.0;
            let p44 = if p[43] < 0.0 { 1.0e-5 } else { p[43] };
            let p45 = p[44];
            let apdf = apd + (p45 - 1.0) * (apd + ((-p44 * apd).exp() - 1.0) / p44);
            MagneticActivity { apdf, apt: None }
        }
    }
}

/// GLOBE7: the thermospheric variation G(L) of one coefficient row (Picone et al. 2002, eqs.
/// A22–A24; Hedin 1987): F10.7, annual/semiannual, diurnal/semi-/terdiurnal, magnetic activity,
/// longitude and UT terms, dimensionless. Returns p[30] + Σ |sw| t_i (the caller multiplies
/// by its switch).
pub(crate) fn globe7(p: &[f64], input: &Input, flags: &Flags, h: &Harmonics) -> f64 {
    let sw = &flags.sw;
    let swc = &flags.swc;
    let plg = &h.plg;
    let doy = input.day_of_year;
    let mut t = [0.0; 15];
    let cd32 = (DR * (doy - p[31])).cos();
    let cd18 = (2.0 * DR * (doy - p[17])).cos();
    let cd14 = (DR * (doy - p[13])).cos();
    let cd39 = (2.0 * DR * (doy - p[38])).cos();
    let (df, dfa) = (h.df, h.dfa);

    // F10.7 effect.
    t[0] = p[19] * df * (1.0 + p[59] * dfa) + p[20] * df * df + p[21] * dfa + p[29] * dfa * dfa;
    let f1 = 1.0 + (p[47] * dfa + p[19] * df + p[20] * df * df) * swc[1];
    let f2 = 1.0 + (p[49] * dfa + p[19] * df + p[20] * df * df) * swc[1];
    // Time independent.
    t[1] = (p[1] * plg[0][2] + p[2] * plg[0][4] + p[22] * plg[0][6])
        + (p[14] * plg[0][2]) * dfa * swc[1]
        + p[26] * plg[0][1];
    // Symmetrical annual.
    t[2] = p[18] * cd32;
    // Symmetrical semiannual.
    t[3] = (p[15] + p[16] * plg[0][2]) * cd18;
    // Asymmetrical annual.
    t[4] = f1 * (p[9] * plg[0][1] + p[10] * plg[0][3]) * cd14;
    // Asymmetrical semiannual.
    t[5] = p[37] * plg[0][1] * cd39;
    // Diurnal.
    if sw[7] != 0.0 {
        let t71 = (p[11] * plg[1][2]) * cd14 * swc[5];
        let t72 = (p[12] * plg[1][2]) * cd14 * swc[5];
        t[6] = f2
            * ((p[3] * plg[1][1] + p[4] * plg[1][3] + p[27] * plg[1][5] + t71) * h.ctloc
                + (p[6] * plg[1][1] + p[7] * plg[1][3] + p[28] * plg[1][5] + t72) * h.stloc);
    }
    // Semidiurnal.
    if sw[8] != 0.0 {
        let t81 = (p[23] * plg[2][3] + p[35] * plg[2][5]) * cd14 * swc[5];
        let t82 = (p[33] * plg[2][3] + p[36] * plg[2][5]) * cd14 * swc[5];
        t[7] = f2
            * ((p[5] * plg[2][2] + p[41] * plg[2][4] + t81) * h.c2tloc
                + (p[8] * plg[2][2] + p[42] * plg[2][4] + t82) * h.s2tloc);
    }
    // Terdiurnal.
    if sw[14] != 0.0 {
        t[13] = f2
            * ((p[39] * plg[3][3] + (p[93] * plg[3][4] + p[46] * plg[3][6]) * cd14 * swc[5])
                * h.s3tloc
                + (p[40] * plg[3][3] + (p[94] * plg[3][4] + p[48] * plg[3][6]) * cd14 * swc[5])
                    * h.c3tloc);
    }
    // Magnetic activity.
    let mag = MagneticActivity::of_row(p, input, flags);
    let tloc = input.local_solar_time_h;
    if sw[9] == -1.0 {
        if let Some(apt) = mag.apt {
            t[8] = apt
                * (p[50]
                    + p[96] * plg[0][2]
                    + p[54] * plg[0][4]
                    + (p[125] * plg[0][1] + p[126] * plg[0][3] + p[127] * plg[0][5])
                        * cd14
                        * swc[5]
                    + (p[128] * plg[1][1] + p[129] * plg[1][3] + p[130] * plg[1][5])
                        * swc[7]
                        * (HR * (tloc - p[131])).cos());
        }
    } else if sw[9] != 0.0 {
        t[8] = mag.apdf
            * (p[32]
                + p[45] * plg[0][2]
                + p[34] * plg[0][4]
                + (p[100] * plg[0][1] + p[101] * plg[0][3] + p[102] * plg[0][5]) * cd14 * swc[5]
                + (p[121] * plg[1][1] + p[122] * plg[1][3] + p[123] * plg[1][5])
                    * swc[7]
                    * (HR * (tloc - p[124])).cos());
    }

    let lon = input.longitude_deg;
    let sec = input.ut_s;
    if sw[10] != 0.0 && lon > -1000.0 {
        // Longitudinal.
        if sw[11] != 0.0 {
            t[10] = (1.0 + p[80] * dfa * swc[1])
                * ((p[64] * plg[1][2]
                    + p[65] * plg[1][4]
                    + p[66] * plg[1][6]
                    + p[103] * plg[1][1]
                    + p[104] * plg[1][3]
                    + p[105] * plg[1][5]
                    + swc[5]
                        * (p[109] * plg[1][1] + p[110] * plg[1][3] + p[111] * plg[1][5])
                        * cd14)
                    * (DGTR * lon).cos()
                    + (p[90] * plg[1][2]
                        + p[91] * plg[1][4]
                        + p[92] * plg[1][6]
                        + p[106] * plg[1][1]
                        + p[107] * plg[1][3]
                        + p[108] * plg[1][5]
                        + swc[5]
                            * (p[112] * plg[1][1] + p[113] * plg[1][3] + p[114] * plg[1][5])
                            * cd14)
                        * (DGTR * lon).sin());
        }
        // UT and mixed UT/longitude.
        if sw[12] != 0.0 {
            t[11] = (1.0 + p[95] * plg[0][1])
                * (1.0 + p[81] * dfa * swc[1])
                * (1.0 + p[119] * plg[0][1] * swc[5] * cd14)
                * ((p[68] * plg[0][1] + p[69] * plg[0][3] + p[70] * plg[0][5])
                    * (SR * (sec - p[71])).cos());
            t[11] += swc[11]
                * (p[76] * plg[2][3] + p[77] * plg[2][5] + p[78] * plg[2][7])
                * (SR * (sec - p[79]) + 2.0 * DGTR * lon).cos()
                * (1.0 + p[137] * dfa * swc[1]);
        }
        // UT/longitude magnetic activity.
        if sw[13] != 0.0 {
            if sw[9] == -1.0 {
                if let Some(apt) = mag.apt {
                    t[12] = apt
                        * swc[11]
                        * (1.0 + p[132] * plg[0][1])
                        * ((p[52] * plg[1][2] + p[98] * plg[1][4] + p[67] * plg[1][6])
                            * (DGTR * (lon - p[97])).cos())
                        + apt
                            * swc[11]
                            * swc[5]
                            * (p[133] * plg[1][1] + p[134] * plg[1][3] + p[135] * plg[1][5])
                            * cd14
                            * (DGTR * (lon - p[136])).cos()
                        + apt
                            * swc[12]
                            * (p[55] * plg[0][1] + p[56] * plg[0][3] + p[57] * plg[0][5])
                            * (SR * (sec - p[58])).cos();
                }
            } else {
                t[12] = mag.apdf
                    * swc[11]
                    * (1.0 + p[120] * plg[0][1])
                    * ((p[60] * plg[1][2] + p[61] * plg[1][4] + p[62] * plg[1][6])
                        * (DGTR * (lon - p[63])).cos())
                    + mag.apdf
                        * swc[11]
                        * swc[5]
                        * (p[115] * plg[1][1] + p[116] * plg[1][3] + p[117] * plg[1][5])
                        * cd14
                        * (DGTR * (lon - p[118])).cos()
                    + mag.apdf
                        * swc[12]
                        * (p[83] * plg[0][1] + p[84] * plg[0][3] + p[85] * plg[0][5])
                        * (SR * (sec - p[75])).cos();
            }
        }
    }

    let mut tinf = p[30];
    for i in 0..14 {
        tinf += sw[i + 1].abs() * t[i];
    }
    tinf
}

/// GLOB7S: the lower-atmosphere variation of one coefficient row (the middle-atmosphere form of
/// G(L), Picone et al. 2002), dimensionless. `mag` is the magnetic activity of the last GLOBE7
/// row (see [`MagneticActivity`]).
pub(crate) fn glob7s(
    p: &[f64],
    input: &Input,
    flags: &Flags,
    h: &Harmonics,
    mag: &MagneticActivity,
) -> f64 {
    let sw = &flags.sw;
    let swc = &flags.swc;
    let plg = &h.plg;
    let doy = input.day_of_year;
    let mut t = [0.0; 15];
    let cd32 = (DR * (doy - p[31])).cos();
    let cd18 = (2.0 * DR * (doy - p[17])).cos();
    let cd14 = (DR * (doy - p[13])).cos();
    let cd39 = (2.0 * DR * (doy - p[38])).cos();

    t[0] = p[21] * h.dfa;
    t[1] = p[1] * plg[0][2]
        + p[2] * plg[0][4]
        + p[22] * plg[0][6]
        + p[26] * plg[0][1]
        + p[14] * plg[0][3]
        + p[59] * plg[0][5];
    t[2] = (p[18] + p[47] * plg[0][2] + p[29] * plg[0][4]) * cd32;
    t[3] = (p[15] + p[16] * plg[0][2] + p[30] * plg[0][4]) * cd18;
    t[4] = (p[9] * plg[0][1] + p[10] * plg[0][3] + p[20] * plg[0][5]) * cd14;
    t[5] = (p[37] * plg[0][1]) * cd39;
    if sw[7] != 0.0 {
        let t71 = p[11] * plg[1][2] * cd14 * swc[5];
        let t72 = p[12] * plg[1][2] * cd14 * swc[5];
        t[6] = (p[3] * plg[1][1] + p[4] * plg[1][3] + t71) * h.ctloc
            + (p[6] * plg[1][1] + p[7] * plg[1][3] + t72) * h.stloc;
    }
    if sw[8] != 0.0 {
        let t81 = (p[23] * plg[2][3] + p[35] * plg[2][5]) * cd14 * swc[5];
        let t82 = (p[33] * plg[2][3] + p[36] * plg[2][5]) * cd14 * swc[5];
        t[7] = (p[5] * plg[2][2] + p[41] * plg[2][4] + t81) * h.c2tloc
            + (p[8] * plg[2][2] + p[42] * plg[2][4] + t82) * h.s2tloc;
    }
    if sw[14] != 0.0 {
        t[13] = p[39] * plg[3][3] * h.s3tloc + p[40] * plg[3][3] * h.c3tloc;
    }
    if sw[9] == 1.0 {
        t[8] = mag.apdf * (p[32] + p[45] * plg[0][2] * swc[2]);
    } else if sw[9] == -1.0 {
        let apt = mag.apt.unwrap_or(0.0);
        t[8] = p[50] * apt + p[96] * plg[0][2] * apt * swc[2];
    }
    let lon = input.longitude_deg;
    if !(sw[10] == 0.0 || sw[11] == 0.0 || lon <= -1000.0) {
        t[10] = (1.0
            + plg[0][1]
                * (p[80] * swc[5] * (DR * (doy - p[81])).cos()
                    + p[85] * swc[6] * (2.0 * DR * (doy - p[86])).cos())
            + p[83] * swc[3] * (DR * (doy - p[84])).cos()
            + p[87] * swc[4] * (2.0 * DR * (doy - p[88])).cos())
            * ((p[64] * plg[1][2]
                + p[65] * plg[1][4]
                + p[66] * plg[1][6]
                + p[74] * plg[1][1]
                + p[75] * plg[1][3]
                + p[76] * plg[1][5])
                * (DGTR * lon).cos()
                + (p[90] * plg[1][2]
                    + p[91] * plg[1][4]
                    + p[92] * plg[1][6]
                    + p[77] * plg[1][1]
                    + p[78] * plg[1][3]
                    + p[79] * plg[1][5])
                    * (DGTR * lon).sin());
    }
    let mut tt = 0.0;
    for i in 0..14 {
        tt += sw[i + 1].abs() * t[i];
    }
    tt
}

/// Turbopause correction DNET: the combined density of diffusive `dd` and fully mixed `dm`,
/// (dd^a + dm^a)^{1/a} form with a = zhm/(xmm − xm) (Hedin 1987).
pub(crate) fn dnet(mut dd: f64, dm: f64, zhm: f64, xmm: f64, xm: f64) -> f64 {
    let a = zhm / (xmm - xm);
    if !(dm > 0.0 && dd > 0.0) {
        if dd == 0.0 && dm == 0.0 {
            dd = 1.0;
        }
        if dm == 0.0 {
            return dd;
        }
        if dd == 0.0 {
            return dm;
        }
    }
    let ylog = a * (dm / dd).ln();
    if ylog < -10.0 {
        return dd;
    }
    if ylog > 10.0 {
        return dm;
    }
    dd * (1.0 + ylog.exp()).powf(1.0 / a)
}

/// Chemistry/dissociation correction CCOR: exp(r / (1 + e^{(z − zh)/h1})), dimensionless.
pub(crate) fn ccor(alt: f64, r: f64, h1: f64, zh: f64) -> f64 {
    let e = (alt - zh) / h1;
    if e > 70.0 {
        return 1.0;
    }
    if e < -70.0 {
        return r.exp();
    }
    (r / (1.0 + e.exp())).exp()
}

/// CCOR2: exp(r / (1 + (e^{(z − zh)/h1} + e^{(z − zh)/h2})/2)), dimensionless.
pub(crate) fn ccor2(alt: f64, r: f64, h1: f64, zh: f64, h2: f64) -> f64 {
    let e1 = (alt - zh) / h1;
    let e2 = (alt - zh) / h2;
    if e1 > 70.0 || e2 > 70.0 {
        return 1.0;
    }
    if e1 < -70.0 && e2 < -70.0 {
        return r.exp();
    }
    (r / (1.0 + 0.5 * (e1.exp() + e2.exp()))).exp()
}

/// Scale height SCALH (km): R T / (g(z) M), g(z) = gsurf/(1 + z/re)².
fn scalh(alt: f64, xm: f64, temp: f64, gsurf: f64, re: f64) -> f64 {
    let g = gsurf / (1.0 + alt / re).powi(2);
    RGAS * temp / (g * xm)
}

/// Geopotential height difference ζ(zz, zl) = (zz − zl)(re + zl)/(re + zz), km.
#[inline]
fn zeta(zz: f64, zl: f64, re: f64) -> f64 {
    (zz - zl) * (re + zl) / (re + zz)
}

/// Second derivatives of the cubic spline through (x, y) with end slopes yp1, ypn (Numerical
/// Recipes `spline`, as in the model's SPLINE).
fn spline<const N: usize>(x: &[f64; N], y: &[f64; N], yp1: f64, ypn: f64) -> [f64; N] {
    let mut y2 = [0.0; N];
    let mut u = [0.0; N];
    y2[0] = -0.5;
    u[0] = (3.0 / (x[1] - x[0])) * ((y[1] - y[0]) / (x[1] - x[0]) - yp1);
    for i in 1..N - 1 {
        let sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
        let p = sig * y2[i - 1] + 2.0;
        y2[i] = (sig - 1.0) / p;
        u[i] = (6.0
            * ((y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]))
            / (x[i + 1] - x[i - 1])
            - sig * u[i - 1])
            / p;
    }
    let qn = 0.5;
    let un = (3.0 / (x[N - 1] - x[N - 2])) * (ypn - (y[N - 1] - y[N - 2]) / (x[N - 1] - x[N - 2]));
    y2[N - 1] = (un - qn * u[N - 2]) / (qn * y2[N - 2] + 1.0);
    for k in (0..N - 1).rev() {
        y2[k] = y2[k] * y2[k + 1] + u[k];
    }
    y2
}

/// Cubic spline value at `x` (SPLINT).
fn splint<const N: usize>(xa: &[f64; N], ya: &[f64; N], y2a: &[f64; N], x: f64) -> f64 {
    let mut klo = 0;
    let mut khi = N - 1;
    while khi - klo > 1 {
        let k = (khi + klo) / 2;
        if xa[k] > x {
            khi = k;
        } else {
            klo = k;
        }
    }
    let h = xa[khi] - xa[klo];
    let a = (xa[khi] - x) / h;
    let b = (x - xa[klo]) / h;
    a * ya[klo]
        + b * ya[khi]
        + ((a * a * a - a) * y2a[klo] + (b * b * b - b) * y2a[khi]) * h * h / 6.0
}

/// Integral of the cubic spline from xa[0] to `x` (SPLINI).
fn splini<const N: usize>(xa: &[f64; N], ya: &[f64; N], y2a: &[f64; N], x: f64) -> f64 {
    let mut yi = 0.0;
    let mut klo = 0;
    let mut khi = 1;
    while x > xa[klo] && khi < N {
        let xx = if khi < N - 1 && x >= xa[khi] {
            xa[khi]
        } else {
            x
        };
        let h = xa[khi] - xa[klo];
        let a = (xa[khi] - xx) / h;
        let b = (xx - xa[klo]) / h;
        let a2 = a * a;
        let b2 = b * b;
        yi += ((1.0 - a2) * ya[klo] / 2.0
            + b2 * ya[khi] / 2.0
            + ((-(1.0 + a2 * a2) / 4.0 + a2 / 2.0) * y2a[klo]
                + (b2 * b2 / 4.0 - b2 / 2.0) * y2a[khi])
                * h
                * h
                / 6.0)
            * h;
        klo += 1;
        khi += 1;
    }
    yi
}

/// A temperature profile 1/T as a cubic spline in normalised geopotential height between nodes
/// z[0] > … > z[N−1] (km) with temperatures t (K) and end gradients tg (K/km).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TemperatureSpline<const N: usize> {
    xs: [f64; N],
    ys: [f64; N],
    y2: [f64; N],
    /// ζ(z[N−1], z[0]) (km, negative).
    zgdif: f64,
}

impl<const N: usize> TemperatureSpline<N> {
    fn new(z: &[f64; N], t: &[f64; N], tg: [f64; 2], re: f64) -> Self {
        let z1 = z[0];
        let z2 = z[N - 1];
        let zgdif = zeta(z2, z1, re);
        let xs = std::array::from_fn(|k| zeta(z[k], z1, re) / zgdif);
        let ys = std::array::from_fn(|k| 1.0 / t[k]);
        let yd1 = -tg[0] / (t[0] * t[0]) * zgdif;
        let yd2 = -tg[1] / (t[N - 1] * t[N - 1]) * zgdif * ((re + z2) / (re + z1)).powi(2);
        let y2 = spline(&xs, &ys, yd1, yd2);
        TemperatureSpline { xs, ys, y2, zgdif }
    }

    /// (T(z) in K, ∫ (1/T) dx from the first node, normalised x) for z clamped to the last node.
    fn at(&self, z_km: f64, z1: f64, re: f64) -> (f64, f64) {
        let x = zeta(z_km, z1, re) / self.zgdif;
        let y = splint(&self.xs, &self.ys, &self.y2, x);
        let yi = splini(&self.xs, &self.ys, &self.y2, x);
        (1.0 / y, yi)
    }
}

/// The thermospheric temperature profile of one point: Bates profile above ZA, spline below.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Thermosphere {
    /// Shape parameter s of the Bates profile (1/km).
    pub s: f64,
    /// ZLB = PTM(6) = 120 km.
    pub zlb: f64,
    /// TN1(2..5) node temperatures (K) and the gradient TGN1(2) at 72.5 km (K/km).
    pub tn1: [f64; 5],
    pub tgn1: [f64; 2],
    pub gsurf: f64,
    pub re: f64,
    /// The TN1 spline below ZA for (T∞, T_lb) = (`.0`, `.1`): GTS7 calls DENSU about twenty
    /// times with the same profile, and the spline depends on nothing else.
    pub spline: Option<(f64, f64, TemperatureSpline<5>)>,
}

impl Thermosphere {
    /// The TN1 spline below ZA of the profile (T∞, T_lb): T at ZA = 123.435 km from the Bates
    /// profile, its gradient there, and the TN1 nodes below.
    fn lower_spline(&self, tinf: f64, tlb: f64) -> TemperatureSpline<5> {
        if let Some((ti, tl, spl)) = self.spline
            && ti.to_bits() == tinf.to_bits()
            && tl.to_bits() == tlb.to_bits()
        {
            return spl;
        }
        let (re, s2, zlb, za) = (self.re, self.s, self.zlb, ZN1_KM[0]);
        let ta = tinf - (tinf - tlb) * (-s2 * zeta(za, zlb, re)).exp();
        let dta = (tinf - ta) * s2 * ((re + zlb) / (re + za)).powi(2);
        let mut tn1 = self.tn1;
        tn1[0] = ta;
        let tgn1 = [dta, self.tgn1[1]];
        TemperatureSpline::new(&ZN1_KM, &tn1, tgn1, re)
    }

    /// DENSU: temperature (K) at `alt` and, unless `xm` = 0, the density at `alt` of a species of
    /// molecular weight `xm` (amu) with density `dlb` at ZLB and thermal diffusion coefficient
    /// `alpha` (same units as `dlb`). Bates profile T = T∞ − (T∞ − T_lb) e^{−s ζ(z, ZLB)} above
    /// ZA; below it, 1/T is the spline through the TN1 nodes and the density follows hydrostatic
    /// diffusive equilibrium n ∝ (T1/T)^{1+α} exp(−γ ∫ dζ/T) (Hedin 1987, Picone et al. 2002).
    pub(crate) fn densu(
        &self,
        alt: f64,
        dlb: f64,
        tinf: f64,
        tlb: f64,
        xm: f64,
        alpha: f64,
    ) -> (f64, f64) {
        let re = self.re;
        let s2 = self.s;
        let zlb = self.zlb;
        let za = ZN1_KM[0];
        let z = alt.max(za);
        let zg2 = zeta(z, zlb, re);
        let tt = tinf - (tinf - tlb) * (-s2 * zg2).exp();
        let ta = tt;
        let mut tz = tt;
        let mut below: Option<(TemperatureSpline<5>, f64, f64)> = None;
        if alt < za {
            // Below ZA, tt is the Bates T at ZA (z = ZA above), the spline's first node.
            let zc = alt.max(ZN1_KM[4]);
            let spl = self.lower_spline(tinf, tlb);
            let (t, yi) = spl.at(zc, ZN1_KM[0], re);
            tz = t;
            below = Some((spl, yi, ta));
        }
        if xm == 0.0 {
            return (tz, tz);
        }
        // Density above ZA.
        let glb = self.gsurf / (1.0 + zlb / re).powi(2);
        let gamma = xm * glb / (s2 * RGAS * tinf);
        let mut expl = (-s2 * gamma * zg2).exp();
        if expl > 50.0 || tt <= 0.0 {
            expl = 50.0;
        }
        let densa = dlb * (tlb / tt).powf(1.0 + alpha + gamma) * expl;
        let Some((spl, yi, t1)) = below else {
            return (densa, tz);
        };
        // Density below ZA.
        let glb = self.gsurf / (1.0 + ZN1_KM[0] / re).powi(2);
        let gamm = xm * glb * spl.zgdif / RGAS;
        let mut expl = gamm * yi;
        if expl > 50.0 || tz <= 0.0 {
            expl = 50.0;
        }
        (densa * (t1 / tz).powf(1.0 + alpha) * (-expl).exp(), tz)
    }
}

/// DENSM: temperature (K) and, unless `xm` = 0, density below 72.5 km, hydrostatic with the
/// fully mixed molecular weight `xm` from `d0` at 72.5 km; two spline segments (ZN2 nodes down
/// to 32.5 km, ZN3 nodes below).
#[allow(clippy::too_many_arguments)]
pub(crate) fn densm(
    alt: f64,
    d0: f64,
    xm: f64,
    tn2: &[f64; 4],
    tgn2: [f64; 2],
    tn3: &[f64; 5],
    tgn3: [f64; 2],
    gsurf: f64,
    re: f64,
) -> (f64, f64) {
    let mut dens = d0;
    let mut tz = 0.0;
    if alt > ZN2_KM[0] {
        return (d0, tz);
    }
    // Stratosphere/mesosphere.
    let z = alt.max(ZN2_KM[3]);
    let spl = TemperatureSpline::new(&ZN2_KM, tn2, tgn2, re);
    let (t, yi) = spl.at(z, ZN2_KM[0], re);
    tz = t;
    if xm != 0.0 {
        let glb = gsurf / (1.0 + ZN2_KM[0] / re).powi(2);
        let gamm = xm * glb * spl.zgdif / RGAS;
        let expl = (gamm * yi).min(50.0);
        dens = dens * (tn2[0] / tz) * (-expl).exp();
    }
    if alt > ZN3_KM[0] {
        return (dens, tz);
    }
    // Troposphere/stratosphere.
    let spl = TemperatureSpline::new(&ZN3_KM, tn3, tgn3, re);
    let (t, yi) = spl.at(alt, ZN3_KM[0], re);
    tz = t;
    if xm != 0.0 {
        let glb = gsurf / (1.0 + ZN3_KM[0] / re).powi(2);
        let gamm = xm * glb * spl.zgdif / RGAS;
        let expl = (gamm * yi).min(50.0);
        dens = dens * (tn3[0] / tz) * (-expl).exp();
    }
    (dens, tz)
}

/// Model output in the model's own units (cgs): d[0..9] = He, O, N2, O2, Ar, ρ (gtd7, g/cm³),
/// H, N, anomalous O (cm⁻³); t = [T∞, T(z)] (K); plus the mixed N2 density at the altitude
/// (DM28, used by GTD7 below 72.5 km).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawOutput {
    pub d: [f64; 9],
    pub t: [f64; 2],
}

/// GTS7: the thermosphere above 72.5 km, cgs. Returns the output and DM28 (the fully mixed N2
/// density at `alt`, cm⁻³).
pub(crate) fn gts7(
    input: &Input,
    alt: f64,
    flags: &Flags,
    h: &Harmonics,
    gsurf: f64,
    re: f64,
) -> (RawOutput, f64, Thermosphere) {
    let sw = &flags.sw;
    let mut d = [0.0; 9];
    let za = ZN1_KM[0];

    // T∞ variations are not important below ZA.
    let tinf = if alt > za {
        PTM[0] * PT[0] * (1.0 + sw[16] * globe7(&PT, input, flags, h))
    } else {
        PTM[0] * PT[0]
    };
    // Gradient variations are not important below ZN1(5).
    let g0 = if alt > ZN1_KM[4] {
        PTM[3] * PS[0] * (1.0 + sw[19] * globe7(&PS, input, flags, h))
    } else {
        PTM[3] * PS[0]
    };
    let tlb = PTM[1] * (1.0 + sw[17] * globe7(&PD[3], input, flags, h)) * PD[3][0];
    let s = g0 / (tinf - tlb);
    // GLOB7S below uses the magnetic activity of the last GLOBE7 row, the T_lb row.
    let mag = MagneticActivity::of_row(&PD[3], input, flags);

    // Lower thermosphere temperature variations are not significant for density above 300 km.
    let mut tn1 = [0.0; 5];
    let mut tgn1 = [0.0; 2];
    if alt < 300.0 {
        tn1[1] = PTM[6] * PTL[0][0] / (1.0 - sw[18] * glob7s(&PTL[0], input, flags, h, &mag));
        tn1[2] = PTM[2] * PTL[1][0] / (1.0 - sw[18] * glob7s(&PTL[1], input, flags, h, &mag));
        tn1[3] = PTM[7] * PTL[2][0] / (1.0 - sw[18] * glob7s(&PTL[2], input, flags, h, &mag));
        tn1[4] =
            PTM[4] * PTL[3][0] / (1.0 - sw[18] * sw[20] * glob7s(&PTL[3], input, flags, h, &mag));
        tgn1[1] = PTM[8]
            * PMA[8][0]
            * (1.0 + sw[18] * sw[20] * glob7s(&PMA[8], input, flags, h, &mag))
            * tn1[4]
            * tn1[4]
            / (PTM[4] * PTL[3][0]).powi(2);
    } else {
        tn1[1] = PTM[6] * PTL[0][0];
        tn1[2] = PTM[2] * PTL[1][0];
        tn1[3] = PTM[7] * PTL[2][0];
        tn1[4] = PTM[4] * PTL[3][0];
        tgn1[1] = PTM[8] * PMA[8][0] * tn1[4] * tn1[4] / (PTM[4] * PTL[3][0]).powi(2);
    }
    let mut th = Thermosphere {
        s,
        zlb: PTM[5],
        tn1,
        tgn1,
        gsurf,
        re,
        spline: None,
    };
    // DENSU needs the spline below ZA: at the altitude, or at a species' turbopause height
    // when its mixing correction applies (below ALTL, at most 450 km).
    let max_altl = ALTL_KM.iter().fold(0.0f64, |a, &b| a.max(b));
    if alt < ZN1_KM[0] || (flags.sw[15] != 0.0 && alt <= max_altl) {
        th.spline = Some((tinf, tlb, th.lower_spline(tinf, tlb)));
    }

    // N2 variation factor at ZLB.
    let g28 = sw[21] * globe7(&PD[2], input, flags, h);
    // Variation of the turbopause height.
    let zhf = PDL[1][24]
        * (1.0
            + sw[5]
                * PDL[0][24]
                * (DGTR * input.latitude_deg).sin()
                * (DR * (input.day_of_year - PT[13])).cos());
    let xmm = XMM;
    let z = alt;
    let sw15 = sw[15] != 0.0;

    // N2.
    let db28 = PDM[2][0] * g28.exp() * PD[2][0];
    d[2] = th.densu(z, db28, tinf, tlb, 28.0, ALPHA[2]).0;
    let zh28 = PDM[2][2] * zhf;
    let zhm28 = PDM[2][3] * PDL[1][5];
    let xmd = 28.0 - xmm;
    let b28 = th.densu(zh28, db28, tinf, tlb, xmd, ALPHA[2] - 1.0).0;
    // Fully mixed N2 at the altitude; GTD7 needs it at 72.5 km even with switch 15 off.
    let dm28 = if z <= ALTL_KM[2] {
        th.densu(z, b28, tinf, tlb, xmm, ALPHA[2]).0
    } else {
        0.0
    };
    if sw15 && z <= ALTL_KM[2] {
        d[2] = dnet(d[2], dm28, zhm28, xmm, 28.0);
    }

    // He.
    let g4 = sw[21] * globe7(&PD[0], input, flags, h);
    let db04 = PDM[0][0] * g4.exp() * PD[0][0];
    d[0] = th.densu(z, db04, tinf, tlb, 4.0, ALPHA[0]).0;
    if sw15 && z < ALTL_KM[0] {
        let zh04 = PDM[0][2];
        let b04 = th.densu(zh04, db04, tinf, tlb, 4.0 - xmm, ALPHA[0] - 1.0).0;
        let dm04 = th.densu(z, b04, tinf, tlb, xmm, 0.0).0;
        d[0] = dnet(d[0], dm04, zhm28, xmm, 4.0);
        // Correction to the specified mixing ratio at the ground.
        let rl = (b28 * PDM[0][1] / b04).ln();
        let zc04 = PDM[0][4] * PDL[1][0];
        let hc04 = PDM[0][5] * PDL[1][1];
        d[0] *= ccor(z, rl, hc04, zc04);
    }

    // O.
    let g16 = sw[21] * globe7(&PD[1], input, flags, h);
    let db16 = PDM[1][0] * g16.exp() * PD[1][0];
    d[1] = th.densu(z, db16, tinf, tlb, 16.0, ALPHA[1]).0;
    if sw15 && z <= ALTL_KM[1] {
        let zh16 = PDM[1][2];
        let b16 = th
            .densu(zh16, db16, tinf, tlb, 16.0 - xmm, ALPHA[1] - 1.0)
            .0;
        let dm16 = th.densu(z, b16, tinf, tlb, xmm, 0.0).0;
        d[1] = dnet(d[1], dm16, zhm28, xmm, 16.0);
        let rl = PDM[1][1] * PDL[1][16] * (1.0 + sw[1] * PDL[0][23] * (input.f107a_sfu - 150.0));
        let hc16 = PDM[1][5] * PDL[1][3];
        let zc16 = PDM[1][4] * PDL[1][2];
        let hc216 = PDM[1][5] * PDL[1][4];
        d[1] *= ccor2(z, rl, hc16, zc16, hc216);
        // Chemistry correction.
        let hcc16 = PDM[1][7] * PDL[1][13];
        let zcc16 = PDM[1][6] * PDL[1][12];
        let rc16 = PDM[1][3] * PDL[1][14];
        d[1] *= ccor(z, rc16, hcc16, zcc16);
    }

    // O2.
    let g32 = sw[21] * globe7(&PD[4], input, flags, h);
    let db32 = PDM[3][0] * g32.exp() * PD[4][0];
    d[3] = th.densu(z, db32, tinf, tlb, 32.0, ALPHA[3]).0;
    if sw15 {
        if z <= ALTL_KM[3] {
            let zh32 = PDM[3][2];
            let b32 = th
                .densu(zh32, db32, tinf, tlb, 32.0 - xmm, ALPHA[3] - 1.0)
                .0;
            let dm32 = th.densu(z, b32, tinf, tlb, xmm, 0.0).0;
            d[3] = dnet(d[3], dm32, zhm28, xmm, 32.0);
            let rl = (b28 * PDM[3][1] / b32).ln();
            let hc32 = PDM[3][5] * PDL[1][7];
            let zc32 = PDM[3][4] * PDL[1][6];
            d[3] *= ccor(z, rl, hc32, zc32);
        }
        // Correction for the general departure from diffusive equilibrium above ZLB.
        let hcc32 = PDM[3][7] * PDL[1][22];
        let hcc232 = PDM[3][7] * PDL[0][22];
        let zcc32 = PDM[3][6] * PDL[1][21];
        let rc32 = PDM[3][3] * PDL[1][23] * (1.0 + sw[1] * PDL[0][23] * (input.f107a_sfu - 150.0));
        d[3] *= ccor2(z, rc32, hcc32, zcc32, hcc232);
    }

    // Ar.
    let g40 = sw[21] * globe7(&PD[5], input, flags, h);
    let db40 = PDM[4][0] * g40.exp() * PD[5][0];
    d[4] = th.densu(z, db40, tinf, tlb, 40.0, ALPHA[4]).0;
    if sw15 && z <= ALTL_KM[4] {
        let zh40 = PDM[4][2];
        let b40 = th
            .densu(zh40, db40, tinf, tlb, 40.0 - xmm, ALPHA[4] - 1.0)
            .0;
        let dm40 = th.densu(z, b40, tinf, tlb, xmm, 0.0).0;
        d[4] = dnet(d[4], dm40, zhm28, xmm, 40.0);
        let rl = (b28 * PDM[4][1] / b40).ln();
        let hc40 = PDM[4][5] * PDL[1][9];
        let zc40 = PDM[4][4] * PDL[1][8];
        d[4] *= ccor(z, rl, hc40, zc40);
    }

    // H.
    let g1 = sw[21] * globe7(&PD[6], input, flags, h);
    let db01 = PDM[5][0] * g1.exp() * PD[6][0];
    d[6] = th.densu(z, db01, tinf, tlb, 1.0, ALPHA[6]).0;
    if sw15 && z <= ALTL_KM[6] {
        let zh01 = PDM[5][2];
        let b01 = th.densu(zh01, db01, tinf, tlb, 1.0 - xmm, ALPHA[6] - 1.0).0;
        let dm01 = th.densu(z, b01, tinf, tlb, xmm, 0.0).0;
        d[6] = dnet(d[6], dm01, zhm28, xmm, 1.0);
        let rl = (b28 * PDM[5][1] * PDL[1][17].abs() / b01).ln();
        let hc01 = PDM[5][5] * PDL[1][11];
        let zc01 = PDM[5][4] * PDL[1][10];
        d[6] *= ccor(z, rl, hc01, zc01);
        let hcc01 = PDM[5][7] * PDL[1][19];
        let zcc01 = PDM[5][6] * PDL[1][18];
        let rc01 = PDM[5][3] * PDL[1][20];
        d[6] *= ccor(z, rc01, hcc01, zcc01);
    }

    // N.
    let g14 = sw[21] * globe7(&PD[7], input, flags, h);
    let db14 = PDM[6][0] * g14.exp() * PD[7][0];
    d[7] = th.densu(z, db14, tinf, tlb, 14.0, ALPHA[7]).0;
    if sw15 && z <= ALTL_KM[7] {
        let zh14 = PDM[6][2];
        let b14 = th
            .densu(zh14, db14, tinf, tlb, 14.0 - xmm, ALPHA[7] - 1.0)
            .0;
        let dm14 = th.densu(z, b14, tinf, tlb, xmm, 0.0).0;
        d[7] = dnet(d[7], dm14, zhm28, xmm, 14.0);
        let rl = (b28 * PDM[6][1] * PDL[0][2].abs() / b14).ln();
        let hc14 = PDM[6][5] * PDL[0][1];
        let zc14 = PDM[6][4] * PDL[0][0];
        d[7] *= ccor(z, rl, hc14, zc14);
        let hcc14 = PDM[6][7] * PDL[0][4];
        let zcc14 = PDM[6][6] * PDL[0][3];
        let rc14 = PDM[6][3] * PDL[0][5];
        d[7] *= ccor(z, rc14, hcc14, zcc14);
    }

    // Anomalous O.
    let g16h = sw[21] * globe7(&PD[8], input, flags, h);
    let db16h = PDM[7][0] * g16h.exp() * PD[8][0];
    let tho = PDM[7][9] * PDL[0][6];
    let dd = th.densu(z, db16h, tho, tho, 16.0, ALPHA[8]).0;
    let zsht = PDM[7][5];
    let zmho = PDM[7][4];
    let zsho = scalh(zmho, 16.0, tho, gsurf, re);
    d[8] = dd * (-zsht / zsho * ((-(z - zmho) / zsht).exp() - 1.0)).exp();

    // Total mass density (gtd7: without anomalous O).
    d[5] = AMU_G
        * (4.0 * d[0] + 16.0 * d[1] + 28.0 * d[2] + 32.0 * d[3] + 40.0 * d[4] + d[6] + 14.0 * d[7]);

    // Temperature.
    let t_alt = th.densu(z.abs(), 1.0, tinf, tlb, 0.0, 0.0).0;
    (
        RawOutput {
            d,
            t: [tinf, t_alt],
        },
        dm28,
        th,
    )
}

/// GTD7: the whole model, cgs.
pub(crate) fn gtd7_raw(input: &Input, flags: &Flags) -> RawOutput {
    let h = Harmonics::new(input);
    // Latitude variation of gravity (none for switch 2 = 0).
    let xlat = if flags.sw[2] == 0.0 {
        45.0
    } else {
        input.latitude_deg
    };
    let (gsurf, re) = glatf(xlat);
    let alt = input.altitude_km;
    let altt = alt.max(ZN2_KM[0]);
    let (upper, dm28, th) = gts7(input, altt, flags, &h, gsurf, re);
    if alt >= ZN2_KM[0] {
        return upper;
    }
    LowerColumn::new(
        input,
        flags,
        &h,
        gsurf,
        re,
        &upper,
        dm28,
        &th,
        alt <= ZN3_KM[0],
    )
    .at(alt)
}

/// GTD7 below 72.5 km at fixed latitude, longitude, time and space weather: everything that
/// does not depend on the altitude (the thermosphere at 72.5 km, the spline nodes of the
/// mesosphere and troposphere). [`LowerColumn::at`] then gives GTD7 at any altitude below
/// 72.5 km, bit for bit what [`gtd7_raw`] gives there for the same horizontal inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LowerColumn {
    /// Mesosphere/stratosphere spline nodes at ZN2 and the end gradients.
    pub tn2: [f64; 4],
    pub tgn2: [f64; 2],
    /// Troposphere/stratosphere spline nodes at ZN3 and the end gradients (zero unless built
    /// `with_troposphere`: DENSM reads them only at or below 32.5 km).
    pub tn3: [f64; 5],
    pub tgn3: [f64; 2],
    /// DM28 and GTS7's He, N2, O2, Ar densities at 72.5 km (cm⁻³), and T∞ (K).
    pub dm28: f64,
    pub d_upper: [f64; 4],
    pub tinf: f64,
    /// Gravity at the surface (cm/s²) and the effective Earth radius (km) of GLATF.
    pub gsurf: f64,
    pub re: f64,
}

/// Builds the [`LowerColumn`] of a point (its altitude is not used): GTS7 at 72.5 km and the
/// node temperatures.
pub(crate) fn lower_column(input: &Input, flags: &Flags) -> LowerColumn {
    let h = Harmonics::new(input);
    let xlat = if flags.sw[2] == 0.0 {
        45.0
    } else {
        input.latitude_deg
    };
    let (gsurf, re) = glatf(xlat);
    let (upper, dm28, th) = gts7(input, ZN2_KM[0], flags, &h, gsurf, re);
    LowerColumn::new(input, flags, &h, gsurf, re, &upper, dm28, &th, true)
}

impl LowerColumn {
    #[allow(clippy::too_many_arguments)]
    fn new(
        input: &Input,
        flags: &Flags,
        h: &Harmonics,
        gsurf: f64,
        re: f64,
        upper: &RawOutput,
        dm28: f64,
        th: &Thermosphere,
        with_troposphere: bool,
    ) -> LowerColumn {
        let sw = &flags.sw;
        // GLOB7S of the PMA rows uses the magnetic activity of the last GLOBE7 row of GTS7 (the
        // anomalous-O row); the PMA rows' magnetic coefficients are zero, so only the form
        // matters.
        let mag = MagneticActivity::of_row(&PD[8], input, flags);
        let g = |p: &[f64]| glob7s(p, input, flags, h, &mag);
        let mut tn2 = [0.0; 4];
        let mut tgn2 = [0.0; 2];
        tgn2[0] = th.tgn1[1];
        tn2[0] = th.tn1[4];
        tn2[1] = PMA[0][0] * PAVGM[0] / (1.0 - sw[20] * g(&PMA[0]));
        tn2[2] = PMA[1][0] * PAVGM[1] / (1.0 - sw[20] * g(&PMA[1]));
        tn2[3] = PMA[2][0] * PAVGM[2] / (1.0 - sw[20] * sw[22] * g(&PMA[2]));
        tgn2[1] = PAVGM[8] * PMA[9][0] * (1.0 + sw[20] * sw[22] * g(&PMA[9])) * tn2[3] * tn2[3]
            / (PMA[2][0] * PAVGM[2]).powi(2);
        let mut tn3 = [0.0; 5];
        let mut tgn3 = [0.0; 2];
        tn3[0] = tn2[3];
        // DENSM evaluates the lower spline for alt <= 32.5 km; the Fortran and C set its nodes
        // only for alt < 32.5 km and at exactly 32.5 km read the nodes left by an earlier call
        // (state this implementation does not keep). The value there is the node temperature
        // TN3(1) whatever the other nodes are, so setting them for alt <= 32.5 km only removes
        // that state.
        if with_troposphere {
            tgn3[0] = tgn2[1];
            tn3[1] = PMA[3][0] * PAVGM[3] / (1.0 - sw[22] * g(&PMA[3]));
            tn3[2] = PMA[4][0] * PAVGM[4] / (1.0 - sw[22] * g(&PMA[4]));
            tn3[3] = PMA[5][0] * PAVGM[5] / (1.0 - sw[22] * g(&PMA[5]));
            tn3[4] = PMA[6][0] * PAVGM[6] / (1.0 - sw[22] * g(&PMA[6]));
            tgn3[1] = PMA[7][0] * PAVGM[7] * (1.0 + sw[22] * g(&PMA[7])) * tn3[4] * tn3[4]
                / (PMA[6][0] * PAVGM[6]).powi(2);
        }
        LowerColumn {
            tn2,
            tgn2,
            tn3,
            tgn3,
            dm28,
            d_upper: [upper.d[0], upper.d[2], upper.d[3], upper.d[4]],
            tinf: upper.t[0],
            gsurf,
            re,
        }
    }

    /// GTD7 (cgs) at `alt` km below 72.5 km: mixed species from DENSM, blended with the
    /// thermospheric values between ZMIX and 72.5 km. (A column built without the troposphere
    /// nodes is valid above 32.5 km only.)
    pub(crate) fn at(&self, alt: f64) -> RawOutput {
        // Linear transition to full mixing below 72.5 km.
        let dmc = if alt > ZMIX_KM {
            1.0 - (ZN2_KM[0] - alt) / (ZN2_KM[0] - ZMIX_KM)
        } else {
            0.0
        };
        let [he, dz28, o2, ar] = self.d_upper;
        let mut d = [0.0; 9];
        // N2.
        let dmr = dz28 / self.dm28 - 1.0;
        // DENSM's temperature does not depend on the species: the model's second call for it
        // (xm = 0) would return the same value.
        let (n2, tz) = densm(
            alt, self.dm28, XMM, &self.tn2, self.tgn2, &self.tn3, self.tgn3, self.gsurf, self.re,
        );
        d[2] = n2 * (1.0 + dmr * dmc);
        // He.
        let dmr = he / (dz28 * PDM[0][1]) - 1.0;
        d[0] = d[2] * PDM[0][1] * (1.0 + dmr * dmc);
        // O2.
        let dmr = o2 / (dz28 * PDM[3][1]) - 1.0;
        d[3] = d[2] * PDM[3][1] * (1.0 + dmr * dmc);
        // Ar.
        let dmr = ar / (dz28 * PDM[4][1]) - 1.0;
        d[4] = d[2] * PDM[4][1] * (1.0 + dmr * dmc);
        // O, H, N and anomalous O are zero below 72.5 km.
        d[5] = AMU_G
            * (4.0 * d[0]
                + 16.0 * d[1]
                + 28.0 * d[2]
                + 32.0 * d[3]
                + 40.0 * d[4]
                + d[6]
                + 14.0 * d[7]);
        RawOutput {
            d,
            t: [self.tinf, tz],
        }
    }
}

/// NRLMSISE-00 at one point: all species, both temperatures, the gtd7 total and the gtd7d drag
/// density, SI ([`Output`]). Pure: no state is kept between calls.
pub fn gtd7(input: &Input, switches: &Switches) -> Output {
    let flags = Flags::new(switches);
    Output::from_raw(&gtd7_raw(input, &flags))
}
