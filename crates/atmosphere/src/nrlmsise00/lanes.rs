//! NRLMSISE-00 over [`F64s`]: the branch-free twin of [`super::reference`].
//!
//! Every altitude branch of the model (the Bates profile above ZA = 123.435 km, the lower
//! thermosphere spline 72.5–123.435 km, the mixing/chemistry corrections below their cut-off
//! altitudes, the middle-atmosphere splines below 72.5 km) is computed for all lanes and blended
//! with masks. A whole region is skipped only when no lane is in it, which changes no lane's
//! result. Work shared between species is done once per batch: the local-time, day-of-year,
//! longitude and UT harmonics (the per-row phase offsets come from an immutable table built on
//! first use), the temperature profile and its spline integral at the altitude, and ln(T)
//! ratios, so each species' diffusive density costs one `exp`.
//!
//! Inputs are the model's (see [`InputLanes`]); switches are shared by the batch.

use std::sync::OnceLock;

use reentry_lanes::{Mask, math, select};

use super::coefficients::{PAVGM, PD, PDL, PDM, PMA, PS, PT, PTL, PTM};
use super::reference::{
    ALPHA, ALTL_KM, AMU_G, DGTR, DR, Flags, HR, RGAS, SR, XMM, ZA_KM, ZMIX_KM, ZN1_KM, ZN2_KM,
    ZN3_KM,
};
use super::{G_CM3_TO_KG_M3, InputLanes, OutputLanes, PER_CM3_TO_PER_M3, Switches};
use crate::F64s;

#[inline(always)]
fn s(x: f64) -> F64s {
    F64s::splat(x)
}

/// cos and sin of a constant phase.
#[derive(Debug, Clone, Copy, Default)]
struct Phase {
    c: f64,
    s: f64,
}

impl Phase {
    fn of(angle: f64) -> Phase {
        Phase {
            c: angle.cos(),
            s: angle.sin(),
        }
    }
    /// cos(x − φ) from (cos x, sin x).
    #[inline(always)]
    fn cos_minus(self, cs: (F64s, F64s)) -> F64s {
        cs.0 * s(self.c) + cs.1 * s(self.s)
    }
}

/// Phases of one GLOBE7/GLOB7S row: the day-of-year phases p[31], p[17], p[13], p[38]; local
/// time p[124], p[131]; UT p[71], p[79], p[75], p[58]; longitude p[63], p[118], p[97], p[136];
/// and GLOB7S's day phases p[81], p[86], p[84], p[88].
#[derive(Debug, Clone, Copy, Default)]
struct RowPhases {
    cd32: Phase,
    cd18: Phase,
    cd14: Phase,
    cd39: Phase,
    tloc124: Phase,
    tloc131: Phase,
    ut71: Phase,
    ut79: Phase,
    ut75: Phase,
    ut58: Phase,
    lon63: Phase,
    lon118: Phase,
    lon97: Phase,
    lon136: Phase,
    d81: Phase,
    d86: Phase,
    d84: Phase,
    d88: Phase,
}

impl RowPhases {
    fn of(p: &[f64]) -> RowPhases {
        let at = |k: usize| p.get(k).copied().unwrap_or(0.0);
        RowPhases {
            cd32: Phase::of(DR * at(31)),
            cd18: Phase::of(2.0 * DR * at(17)),
            cd14: Phase::of(DR * at(13)),
            cd39: Phase::of(2.0 * DR * at(38)),
            tloc124: Phase::of(HR * at(124)),
            tloc131: Phase::of(HR * at(131)),
            ut71: Phase::of(SR * at(71)),
            ut79: Phase::of(SR * at(79)),
            ut75: Phase::of(SR * at(75)),
            ut58: Phase::of(SR * at(58)),
            lon63: Phase::of(DGTR * at(63)),
            lon118: Phase::of(DGTR * at(118)),
            lon97: Phase::of(DGTR * at(97)),
            lon136: Phase::of(DGTR * at(136)),
            d81: Phase::of(DR * at(81)),
            d86: Phase::of(2.0 * DR * at(86)),
            d84: Phase::of(DR * at(84)),
            d88: Phase::of(2.0 * DR * at(88)),
        }
    }
}

/// Phases of every coefficient row, computed once (immutable afterwards).
#[derive(Debug)]
struct Phases {
    pt: RowPhases,
    ps: RowPhases,
    pd: [RowPhases; 9],
    ptl: [RowPhases; 4],
    pma: [RowPhases; 10],
}

fn phases() -> &'static Phases {
    static PHASES: OnceLock<Phases> = OnceLock::new();
    PHASES.get_or_init(|| Phases {
        pt: RowPhases::of(&PT),
        ps: RowPhases::of(&PS),
        pd: std::array::from_fn(|i| RowPhases::of(&PD[i])),
        ptl: std::array::from_fn(|i| RowPhases::of(&PTL[i])),
        pma: std::array::from_fn(|i| RowPhases::of(&PMA[i])),
    })
}

/// Per-batch harmonics shared by every row (see [`super::reference::Harmonics`]).
struct Harmonics {
    plg: [[F64s; 9]; 4],
    /// (cos, sin) of HR·tloc, 2HR·tloc, 3HR·tloc.
    tloc1: (F64s, F64s),
    tloc2: (F64s, F64s),
    tloc3: (F64s, F64s),
    /// (cos, sin) of DR·doy and 2DR·doy.
    doy1: (F64s, F64s),
    doy2: (F64s, F64s),
    /// (cos, sin) of DGTR·lon, SR·sec and SR·sec + 2DGTR·lon.
    lon: (F64s, F64s),
    ut: (F64s, F64s),
    ut_2lon: (F64s, F64s),
    dfa: F64s,
    df: F64s,
    abs_lat: F64s,
    ap: F64s,
    ap_history: [F64s; 7],
    /// Longitude > −1000 (the model's "no longitude" flag).
    lon_valid: Mask,
    /// sin(DGTR·lat).
    sin_lat: F64s,
}

impl Harmonics {
    fn new(input: &InputLanes) -> Harmonics {
        let (c, sn) = math::sin_cos(input.latitude_deg * s(DGTR));
        // In the model c = sin(lat), s = cos(lat).
        let (c, sl) = (c, sn);
        let c2 = c * c;
        let c4 = c2 * c2;
        let s2 = sl * sl;
        let z = F64s::ZERO;
        let mut plg = [[z; 9]; 4];
        plg[0][1] = c;
        plg[0][2] = s(0.5) * (s(3.0) * c2 - s(1.0));
        plg[0][3] = s(0.5) * (s(5.0) * c * c2 - s(3.0) * c);
        plg[0][4] = (s(35.0) * c4 - s(30.0) * c2 + s(3.0)) / s(8.0);
        plg[0][5] = (s(63.0) * c2 * c2 * c - s(70.0) * c2 * c + s(15.0) * c) / s(8.0);
        plg[0][6] = (s(11.0) * c * plg[0][5] - s(5.0) * plg[0][4]) / s(6.0);
        plg[1][1] = sl;
        plg[1][2] = s(3.0) * c * sl;
        plg[1][3] = s(1.5) * (s(5.0) * c2 - s(1.0)) * sl;
        plg[1][4] = s(2.5) * (s(7.0) * c2 * c - s(3.0) * c) * sl;
        plg[1][5] = s(1.875) * (s(21.0) * c4 - s(14.0) * c2 + s(1.0)) * sl;
        plg[1][6] = (s(11.0) * c * plg[1][5] - s(6.0) * plg[1][4]) / s(5.0);
        plg[2][2] = s(3.0) * s2;
        plg[2][3] = s(15.0) * s2 * c;
        plg[2][4] = s(7.5) * (s(7.0) * c2 - s(1.0)) * s2;
        plg[2][5] = s(3.0) * c * plg[2][4] - s(2.0) * plg[2][3];
        plg[2][6] = (s(11.0) * c * plg[2][5] - s(7.0) * plg[2][4]) / s(4.0);
        plg[2][7] = (s(13.0) * c * plg[2][6] - s(8.0) * plg[2][5]) / s(5.0);
        plg[3][3] = s(15.0) * s2 * sl;
        plg[3][4] = s(105.0) * s2 * sl * c;
        plg[3][5] = (s(9.0) * c * plg[3][4] - s(7.0) * plg[3][3]) / s(2.0);
        plg[3][6] = (s(11.0) * c * plg[3][5] - s(8.0) * plg[3][4]) / s(3.0);
        let tloc = input.local_solar_time_h;
        let flip = |(sn, cs): (F64s, F64s)| (cs, sn);
        let lon = input.longitude_deg;
        Harmonics {
            plg,
            tloc1: flip(math::sin_cos(s(HR) * tloc)),
            tloc2: flip(math::sin_cos(s(2.0 * HR) * tloc)),
            tloc3: flip(math::sin_cos(s(3.0 * HR) * tloc)),
            doy1: flip(math::sin_cos(s(DR) * input.day_of_year)),
            doy2: flip(math::sin_cos(s(2.0 * DR) * input.day_of_year)),
            lon: flip(math::sin_cos(s(DGTR) * lon)),
            ut: flip(math::sin_cos(s(SR) * input.ut_s)),
            ut_2lon: flip(math::sin_cos(s(SR) * input.ut_s + s(2.0 * DGTR) * lon)),
            dfa: input.f107a_sfu - s(150.0),
            df: input.f107_sfu - input.f107a_sfu,
            abs_lat: input.latitude_deg.abs(),
            ap: input.ap,
            ap_history: input.ap_history,
            lon_valid: lon.simd_gt(s(-1000.0)),
            sin_lat: c,
        }
    }
}

/// Magnetic activity of a row (see [`super::reference::MagneticActivity`]): `apdf` for the daily
/// Ap, `apt` for the history (0 where the row's p[51] is 0).
#[derive(Clone, Copy)]
struct MagneticActivity {
    apdf: F64s,
    apt: F64s,
}

fn magnetic_activity(p: &[f64], h: &Harmonics, flags: &Flags) -> MagneticActivity {
    if flags.sw[9] == -1.0 {
        if p[51] == 0.0 {
            return MagneticActivity {
                apdf: F64s::ZERO,
                apt: F64s::ZERO,
            };
        }
        let ex =
            math::exp(s(-10800.0 * p[51].abs()) / (s(1.0) + s(p[138]) * (s(45.0) - h.abs_lat)))
                .min(s(0.99999));
        let p24 = p[24].max(1.0e-4).abs();
        let g = |a: F64s| {
            let a4 = a - s(4.0);
            a4 + s(p[25] - 1.0) * (a4 + (math::exp(s(-p24) * a4) - s(1.0)) / s(p24))
        };
        let ap = &h.ap_history;
        let ex2 = ex * ex;
        let ex3 = ex2 * ex;
        let ex4 = ex2 * ex2;
        let ex8 = ex4 * ex4;
        let ex12 = ex8 * ex4;
        let ex19 = ex12 * ex4 * ex3;
        let sumex = s(1.0) + (s(1.0) - ex19) / (s(1.0) - ex) * ex.sqrt();
        let sg0 = (g(ap[1])
            + (g(ap[2]) * ex
                + g(ap[3]) * ex2
                + g(ap[4]) * ex3
                + (g(ap[5]) * ex4 + g(ap[6]) * ex12) * (s(1.0) - ex8) / (s(1.0) - ex)))
            / sumex;
        MagneticActivity {
            apdf: F64s::ZERO,
            apt: sg0,
        }
    } else {
        let apd = h.ap - s(4.0);
        let p44 = if p[43] < 0.0 { 1.0e-5 } else { p[43] };
        let p45 = p[44];
        let apdf = apd + s(p45 - 1.0) * (apd + (math::exp(s(-p44) * apd) - s(1.0)) / s(p44));
        MagneticActivity {
            apdf,
            apt: F64s::ZERO,
        }
    }
}

/// GLOBE7 for lanes (see [`super::reference::globe7`]).
fn globe7(p: &[f64], ph: &RowPhases, flags: &Flags, h: &Harmonics) -> F64s {
    let sw = &flags.sw;
    let swc = &flags.swc;
    let plg = &h.plg;
    let pp = |k: usize| s(p[k]);
    let cd32 = ph.cd32.cos_minus(h.doy1);
    let cd18 = ph.cd18.cos_minus(h.doy2);
    let cd14 = ph.cd14.cos_minus(h.doy1);
    let cd39 = ph.cd39.cos_minus(h.doy2);
    let (df, dfa) = (h.df, h.dfa);
    let z = F64s::ZERO;
    let mut t = [z; 15];
    t[0] = pp(19) * df * (s(1.0) + pp(59) * dfa)
        + pp(20) * df * df
        + pp(21) * dfa
        + pp(29) * dfa * dfa;
    let f1 = s(1.0) + (pp(47) * dfa + pp(19) * df + pp(20) * df * df) * s(swc[1]);
    let f2 = s(1.0) + (pp(49) * dfa + pp(19) * df + pp(20) * df * df) * s(swc[1]);
    t[1] = (pp(1) * plg[0][2] + pp(2) * plg[0][4] + pp(22) * plg[0][6])
        + (pp(14) * plg[0][2]) * dfa * s(swc[1])
        + pp(26) * plg[0][1];
    t[2] = pp(18) * cd32;
    t[3] = (pp(15) + pp(16) * plg[0][2]) * cd18;
    t[4] = f1 * (pp(9) * plg[0][1] + pp(10) * plg[0][3]) * cd14;
    t[5] = pp(37) * plg[0][1] * cd39;
    if sw[7] != 0.0 {
        let t71 = (pp(11) * plg[1][2]) * cd14 * s(swc[5]);
        let t72 = (pp(12) * plg[1][2]) * cd14 * s(swc[5]);
        t[6] = f2
            * ((pp(3) * plg[1][1] + pp(4) * plg[1][3] + pp(27) * plg[1][5] + t71) * h.tloc1.0
                + (pp(6) * plg[1][1] + pp(7) * plg[1][3] + pp(28) * plg[1][5] + t72) * h.tloc1.1);
    }
    if sw[8] != 0.0 {
        let t81 = (pp(23) * plg[2][3] + pp(35) * plg[2][5]) * cd14 * s(swc[5]);
        let t82 = (pp(33) * plg[2][3] + pp(36) * plg[2][5]) * cd14 * s(swc[5]);
        t[7] = f2
            * ((pp(5) * plg[2][2] + pp(41) * plg[2][4] + t81) * h.tloc2.0
                + (pp(8) * plg[2][2] + pp(42) * plg[2][4] + t82) * h.tloc2.1);
    }
    if sw[14] != 0.0 {
        t[13] = f2
            * ((pp(39) * plg[3][3] + (pp(93) * plg[3][4] + pp(46) * plg[3][6]) * cd14 * s(swc[5]))
                * h.tloc3.1
                + (pp(40) * plg[3][3]
                    + (pp(94) * plg[3][4] + pp(48) * plg[3][6]) * cd14 * s(swc[5]))
                    * h.tloc3.0);
    }
    let mag = magnetic_activity(p, h, flags);
    if sw[9] == -1.0 {
        if p[51] != 0.0 {
            t[8] = mag.apt
                * (pp(50)
                    + pp(96) * plg[0][2]
                    + pp(54) * plg[0][4]
                    + (pp(125) * plg[0][1] + pp(126) * plg[0][3] + pp(127) * plg[0][5])
                        * cd14
                        * s(swc[5])
                    + (pp(128) * plg[1][1] + pp(129) * plg[1][3] + pp(130) * plg[1][5])
                        * s(swc[7])
                        * ph.tloc131.cos_minus(h.tloc1));
        }
    } else if sw[9] != 0.0 {
        t[8] = mag.apdf
            * (pp(32)
                + pp(45) * plg[0][2]
                + pp(34) * plg[0][4]
                + (pp(100) * plg[0][1] + pp(101) * plg[0][3] + pp(102) * plg[0][5])
                    * cd14
                    * s(swc[5])
                + (pp(121) * plg[1][1] + pp(122) * plg[1][3] + pp(123) * plg[1][5])
                    * s(swc[7])
                    * ph.tloc124.cos_minus(h.tloc1));
    }
    if sw[10] != 0.0 {
        let (cos_lon, sin_lon) = h.lon;
        if sw[11] != 0.0 {
            t[10] = (s(1.0) + pp(80) * dfa * s(swc[1]))
                * ((pp(64) * plg[1][2]
                    + pp(65) * plg[1][4]
                    + pp(66) * plg[1][6]
                    + pp(103) * plg[1][1]
                    + pp(104) * plg[1][3]
                    + pp(105) * plg[1][5]
                    + s(swc[5])
                        * (pp(109) * plg[1][1] + pp(110) * plg[1][3] + pp(111) * plg[1][5])
                        * cd14)
                    * cos_lon
                    + (pp(90) * plg[1][2]
                        + pp(91) * plg[1][4]
                        + pp(92) * plg[1][6]
                        + pp(106) * plg[1][1]
                        + pp(107) * plg[1][3]
                        + pp(108) * plg[1][5]
                        + s(swc[5])
                            * (pp(112) * plg[1][1] + pp(113) * plg[1][3] + pp(114) * plg[1][5])
                            * cd14)
                        * sin_lon);
        }
        if sw[12] != 0.0 {
            t[11] = (s(1.0) + pp(95) * plg[0][1])
                * (s(1.0) + pp(81) * dfa * s(swc[1]))
                * (s(1.0) + pp(119) * plg[0][1] * s(swc[5]) * cd14)
                * ((pp(68) * plg[0][1] + pp(69) * plg[0][3] + pp(70) * plg[0][5])
                    * ph.ut71.cos_minus(h.ut));
            t[11] += s(swc[11])
                * (pp(76) * plg[2][3] + pp(77) * plg[2][5] + pp(78) * plg[2][7])
                * ph.ut79.cos_minus(h.ut_2lon)
                * (s(1.0) + pp(137) * dfa * s(swc[1]));
        }
        if sw[13] != 0.0 {
            if sw[9] == -1.0 {
                if p[51] != 0.0 {
                    let apt = mag.apt;
                    t[12] = apt
                        * s(swc[11])
                        * (s(1.0) + pp(132) * plg[0][1])
                        * ((pp(52) * plg[1][2] + pp(98) * plg[1][4] + pp(67) * plg[1][6])
                            * ph.lon97.cos_minus(h.lon))
                        + apt
                            * s(swc[11] * swc[5])
                            * (pp(133) * plg[1][1] + pp(134) * plg[1][3] + pp(135) * plg[1][5])
                            * cd14
                            * ph.lon136.cos_minus(h.lon)
                        + apt
                            * s(swc[12])
                            * (pp(55) * plg[0][1] + pp(56) * plg[0][3] + pp(57) * plg[0][5])
                            * ph.ut58.cos_minus(h.ut);
                }
            } else {
                let apdf = mag.apdf;
                t[12] = apdf
                    * s(swc[11])
                    * (s(1.0) + pp(120) * plg[0][1])
                    * ((pp(60) * plg[1][2] + pp(61) * plg[1][4] + pp(62) * plg[1][6])
                        * ph.lon63.cos_minus(h.lon))
                    + apdf
                        * s(swc[11] * swc[5])
                        * (pp(115) * plg[1][1] + pp(116) * plg[1][3] + pp(117) * plg[1][5])
                        * cd14
                        * ph.lon118.cos_minus(h.lon)
                    + apdf
                        * s(swc[12])
                        * (pp(83) * plg[0][1] + pp(84) * plg[0][3] + pp(85) * plg[0][5])
                        * ph.ut75.cos_minus(h.ut);
            }
        }
        // Longitude −1000 or below switches the UT/longitude terms off (model convention).
        for v in &mut t[10..13] {
            *v = select(h.lon_valid, *v, z);
        }
    }
    let mut tinf = pp(30);
    for i in 0..14 {
        if sw[i + 1] != 0.0 {
            tinf += s(sw[i + 1].abs()) * t[i];
        }
    }
    tinf
}

/// GLOB7S for lanes (see [`super::reference::glob7s`]).
fn glob7s(p: &[f64], ph: &RowPhases, flags: &Flags, h: &Harmonics, mag: &MagneticActivity) -> F64s {
    let sw = &flags.sw;
    let swc = &flags.swc;
    let plg = &h.plg;
    let pp = |k: usize| s(p[k]);
    let cd32 = ph.cd32.cos_minus(h.doy1);
    let cd18 = ph.cd18.cos_minus(h.doy2);
    let cd14 = ph.cd14.cos_minus(h.doy1);
    let cd39 = ph.cd39.cos_minus(h.doy2);
    let z = F64s::ZERO;
    let mut t = [z; 15];
    t[0] = pp(21) * h.dfa;
    t[1] = pp(1) * plg[0][2]
        + pp(2) * plg[0][4]
        + pp(22) * plg[0][6]
        + pp(26) * plg[0][1]
        + pp(14) * plg[0][3]
        + pp(59) * plg[0][5];
    t[2] = (pp(18) + pp(47) * plg[0][2] + pp(29) * plg[0][4]) * cd32;
    t[3] = (pp(15) + pp(16) * plg[0][2] + pp(30) * plg[0][4]) * cd18;
    t[4] = (pp(9) * plg[0][1] + pp(10) * plg[0][3] + pp(20) * plg[0][5]) * cd14;
    t[5] = (pp(37) * plg[0][1]) * cd39;
    if sw[7] != 0.0 {
        let t71 = pp(11) * plg[1][2] * cd14 * s(swc[5]);
        let t72 = pp(12) * plg[1][2] * cd14 * s(swc[5]);
        t[6] = (pp(3) * plg[1][1] + pp(4) * plg[1][3] + t71) * h.tloc1.0
            + (pp(6) * plg[1][1] + pp(7) * plg[1][3] + t72) * h.tloc1.1;
    }
    if sw[8] != 0.0 {
        let t81 = (pp(23) * plg[2][3] + pp(35) * plg[2][5]) * cd14 * s(swc[5]);
        let t82 = (pp(33) * plg[2][3] + pp(36) * plg[2][5]) * cd14 * s(swc[5]);
        t[7] = (pp(5) * plg[2][2] + pp(41) * plg[2][4] + t81) * h.tloc2.0
            + (pp(8) * plg[2][2] + pp(42) * plg[2][4] + t82) * h.tloc2.1;
    }
    if sw[14] != 0.0 {
        t[13] = pp(39) * plg[3][3] * h.tloc3.1 + pp(40) * plg[3][3] * h.tloc3.0;
    }
    if sw[9] == 1.0 {
        t[8] = mag.apdf * (pp(32) + pp(45) * plg[0][2] * s(swc[2]));
    } else if sw[9] == -1.0 {
        t[8] = pp(50) * mag.apt + pp(96) * plg[0][2] * mag.apt * s(swc[2]);
    }
    if !(sw[10] == 0.0 || sw[11] == 0.0) {
        let (cos_lon, sin_lon) = h.lon;
        let v = (s(1.0)
            + plg[0][1]
                * (pp(80) * s(swc[5]) * ph.d81.cos_minus(h.doy1)
                    + pp(85) * s(swc[6]) * ph.d86.cos_minus(h.doy2))
            + pp(83) * s(swc[3]) * ph.d84.cos_minus(h.doy1)
            + pp(87) * s(swc[4]) * ph.d88.cos_minus(h.doy2))
            * ((pp(64) * plg[1][2]
                + pp(65) * plg[1][4]
                + pp(66) * plg[1][6]
                + pp(74) * plg[1][1]
                + pp(75) * plg[1][3]
                + pp(76) * plg[1][5])
                * cos_lon
                + (pp(90) * plg[1][2]
                    + pp(91) * plg[1][4]
                    + pp(92) * plg[1][6]
                    + pp(77) * plg[1][1]
                    + pp(78) * plg[1][3]
                    + pp(79) * plg[1][5])
                    * sin_lon);
        t[10] = select(h.lon_valid, v, z);
    }
    let mut tt = z;
    for i in 0..14 {
        if sw[i + 1] != 0.0 {
            tt += s(sw[i + 1].abs()) * t[i];
        }
    }
    tt
}

/// ζ(zz, zl) = (zz − zl)(re + zl)/(re + zz), km.
#[inline(always)]
fn zeta(zz: F64s, zl: F64s, re: F64s) -> F64s {
    (zz - zl) * (re + zl) / (re + zz)
}

/// A cubic spline in 1/T over N nodes (see [`super::reference`]'s `TemperatureSpline`).
struct Spline<const N: usize> {
    xs: [F64s; N],
    ys: [F64s; N],
    y2: [F64s; N],
    zgdif: F64s,
    z1: f64,
}

impl<const N: usize> Spline<N> {
    fn new(z: &[f64; N], t: &[F64s; N], tg: [F64s; 2], re: F64s) -> Self {
        let z1 = s(z[0]);
        let z2 = s(z[N - 1]);
        let zgdif = zeta(z2, z1, re);
        let xs: [F64s; N] = std::array::from_fn(|k| zeta(s(z[k]), z1, re) / zgdif);
        let ys: [F64s; N] = std::array::from_fn(|k| s(1.0) / t[k]);
        let yd1 = -tg[0] / (t[0] * t[0]) * zgdif;
        let r = (re + z2) / (re + z1);
        let yd2 = -tg[1] / (t[N - 1] * t[N - 1]) * zgdif * r * r;
        // Numerical Recipes `spline` with both end slopes given.
        let zero = F64s::ZERO;
        let mut y2 = [zero; N];
        let mut u = [zero; N];
        y2[0] = s(-0.5);
        u[0] = (s(3.0) / (xs[1] - xs[0])) * ((ys[1] - ys[0]) / (xs[1] - xs[0]) - yd1);
        for i in 1..N - 1 {
            let sig = (xs[i] - xs[i - 1]) / (xs[i + 1] - xs[i - 1]);
            let p = sig * y2[i - 1] + s(2.0);
            y2[i] = (sig - s(1.0)) / p;
            u[i] = (s(6.0)
                * ((ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i])
                    - (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]))
                / (xs[i + 1] - xs[i - 1])
                - sig * u[i - 1])
                / p;
        }
        let qn = s(0.5);
        let un = (s(3.0) / (xs[N - 1] - xs[N - 2]))
            * (yd2 - (ys[N - 1] - ys[N - 2]) / (xs[N - 1] - xs[N - 2]));
        y2[N - 1] = (un - qn * u[N - 2]) / (qn * y2[N - 2] + s(1.0));
        for k in (0..N - 1).rev() {
            y2[k] = y2[k] * y2[k + 1] + u[k];
        }
        Spline {
            xs,
            ys,
            y2,
            zgdif,
            z1: z[0],
        }
    }

    /// (T in K, ∫ 1/T dx) at altitude `z_km` (SPLINT and SPLINI, branch-free).
    fn at(&self, z_km: F64s, re: F64s) -> (F64s, F64s) {
        let x = zeta(z_km, s(self.z1), re) / self.zgdif;
        let (xs, ys, y2) = (&self.xs, &self.ys, &self.y2);
        // SPLINT: the interval [k, k+1] with xs[k] <= x (binary search of the model), k <= N−2.
        let (mut xlo, mut xhi) = (xs[0], xs[1]);
        let (mut ylo, mut yhi) = (ys[0], ys[1]);
        let (mut y2lo, mut y2hi) = (y2[0], y2[1]);
        for k in 1..N - 1 {
            let m = x.simd_ge(xs[k]);
            xlo = select(m, xs[k], xlo);
            xhi = select(m, xs[k + 1], xhi);
            ylo = select(m, ys[k], ylo);
            yhi = select(m, ys[k + 1], yhi);
            y2lo = select(m, y2[k], y2lo);
            y2hi = select(m, y2[k + 1], y2hi);
        }
        let h = xhi - xlo;
        let a = (xhi - x) / h;
        let b = (x - xlo) / h;
        let y =
            a * ylo + b * yhi + ((a * a * a - a) * y2lo + (b * b * b - b) * y2hi) * h * h / s(6.0);
        // SPLINI: sum over the intervals the point has entered.
        let mut yi = F64s::ZERO;
        for k in 0..N - 1 {
            let xx = if k + 1 < N - 1 { x.min(xs[k + 1]) } else { x };
            let h = xs[k + 1] - xs[k];
            let a = (xs[k + 1] - xx) / h;
            let b = (xx - xs[k]) / h;
            let a2 = a * a;
            let b2 = b * b;
            let term = ((s(1.0) - a2) * ys[k] / s(2.0)
                + b2 * ys[k + 1] / s(2.0)
                + ((-(s(1.0) + a2 * a2) / s(4.0) + a2 / s(2.0)) * y2[k]
                    + (b2 * b2 / s(4.0) - b2 / s(2.0)) * y2[k + 1])
                    * h
                    * h
                    / s(6.0))
                * h;
            yi += select(x.simd_gt(xs[k]), term, F64s::ZERO);
        }
        (s(1.0) / y, yi)
    }
}

/// ln 50: the model caps its density exponentials at 50 (DENSU, DENSM).
const LN_50: f64 = 3.912_023_005_428_146;

/// One thermospheric temperature profile (T∞, T_lb, s and the TN1 nodes) of a batch.
struct Profile {
    tinf: F64s,
    tlb: F64s,
    s: F64s,
    /// Bates T at ZA and the spline below it.
    spline: Spline<5>,
    /// gsurf/(1 + ZLB/re)² and gsurf/(1 + ZA/re)².
    glb_zlb: F64s,
    glb_za: F64s,
}

/// The profile evaluated at one altitude per lane: everything DENSU needs that does not depend
/// on the species.
struct ProfileAt {
    /// ζ(max(z, ZA), ZLB).
    zg2: F64s,
    /// ln(T_lb / T_Bates(max(z, ZA))).
    ln_tlb_tt: F64s,
    /// T_Bates(max(z, ZA)) ≤ 0 (the model then caps the exponential at 50).
    tt_nonpositive: Mask,
    /// z < ZA.
    below: Mask,
    /// ln(T1 / T(z)) below ZA (T1 = T_Bates(ZA)).
    ln_t1_tz: F64s,
    /// ∫ 1/T dx below ZA.
    yi: F64s,
    tz_nonpositive: Mask,
    /// Temperature at z, K.
    tz: F64s,
}

impl Profile {
    fn new(
        tinf: F64s,
        tlb: F64s,
        sv: F64s,
        tn1: &[F64s; 5],
        tgn1_end: F64s,
        gsurf: F64s,
        re: F64s,
    ) -> Profile {
        let zlb = s(PTM[5]);
        let za = s(ZA_KM);
        let ta = tinf - (tinf - tlb) * math::exp(-sv * zeta(za, zlb, re));
        let r = (re + zlb) / (re + za);
        let dta = (tinf - ta) * sv * r * r;
        let mut nodes = *tn1;
        nodes[0] = ta;
        let spline = Spline::new(&ZN1_KM, &nodes, [dta, tgn1_end], re);
        let q = s(1.0) + zlb / re;
        let qa = s(1.0) + za / re;
        Profile {
            tinf,
            tlb,
            s: sv,
            spline,
            glb_zlb: gsurf / (q * q),
            glb_za: gsurf / (qa * qa),
        }
    }

    fn at(&self, z: F64s, re: F64s) -> ProfileAt {
        let za = s(ZA_KM);
        let zg2 = zeta(z.max(za), s(PTM[5]), re);
        let tt = self.tinf - (self.tinf - self.tlb) * math::exp(-self.s * zg2);
        let below = z.simd_lt(za);
        let (tz_s, yi) = self.spline.at(z.max(s(ZN1_KM[4])), re);
        let tz = select(below, tz_s, tt);
        // T1 = T_Bates(ZA) = tt where below.
        ProfileAt {
            zg2,
            ln_tlb_tt: math::ln(self.tlb / tt),
            tt_nonpositive: tt.simd_le(F64s::ZERO),
            below,
            ln_t1_tz: math::ln(tt / tz_s),
            yi,
            tz_nonpositive: tz_s.simd_le(F64s::ZERO),
            tz,
        }
    }

    /// DENSU density (see [`super::reference`]'s `Thermosphere::densu`) of a species of molecular
    /// weight `xm` with density `dlb` at ZLB, at a profile point.
    fn density(&self, at: &ProfileAt, dlb: F64s, xm: f64, alpha: f64) -> F64s {
        let gamma = s(xm) * self.glb_zlb / (self.s * s(RGAS) * self.tinf);
        let mut e = s(1.0 + alpha) * at.ln_tlb_tt + gamma * at.ln_tlb_tt;
        let cap = select(
            at.tt_nonpositive,
            s(LN_50),
            (-self.s * gamma * at.zg2).min(s(LN_50)),
        );
        e += cap;
        let gamm = s(xm) * self.glb_za * self.spline.zgdif / s(RGAS);
        let expl = select(at.tz_nonpositive, s(50.0), (gamm * at.yi).min(s(50.0)));
        let e_below = s(1.0 + alpha) * at.ln_t1_tz - expl;
        e += select(at.below, e_below, F64s::ZERO);
        dlb * math::exp(e)
    }
}

/// DNET for lanes.
fn dnet(dd: F64s, dm: F64s, zhm: f64, xmm: f64, xm: f64) -> F64s {
    let a = zhm / (xmm - xm);
    let ylog = s(a) * math::ln(dm / dd);
    let combined = dd * math::exp(math::ln(s(1.0) + math::exp(ylog.min(s(10.0)))) * s(1.0 / a));
    let mut v = select(
        ylog.simd_lt(s(-10.0)),
        dd,
        select(ylog.simd_gt(s(10.0)), dm, combined),
    );
    // Non-positive inputs (the model's special cases).
    let zero = F64s::ZERO;
    let bad = !(dm.simd_gt(zero) & dd.simd_gt(zero));
    let both_zero = dd.simd_eq(zero) & dm.simd_eq(zero);
    let special = select(
        both_zero,
        s(1.0),
        select(dm.simd_eq(zero), dd, select(dd.simd_eq(zero), dm, v)),
    );
    v = select(bad, special, v);
    v
}

/// CCOR for lanes.
fn ccor(alt: F64s, r: F64s, h1: f64, zh: f64) -> F64s {
    let e = (alt - s(zh)) / s(h1);
    let mid = math::exp(r / (s(1.0) + math::exp(e.min(s(70.0)))));
    select(
        e.simd_gt(s(70.0)),
        s(1.0),
        select(e.simd_lt(s(-70.0)), math::exp(r), mid),
    )
}

/// CCOR2 for lanes.
fn ccor2(alt: F64s, r: F64s, h1: f64, zh: f64, h2: f64) -> F64s {
    let e1 = (alt - s(zh)) / s(h1);
    let e2 = (alt - s(zh)) / s(h2);
    let mid = math::exp(
        r / (s(1.0) + s(0.5) * (math::exp(e1.min(s(70.0))) + math::exp(e2.min(s(70.0))))),
    );
    let high = e1.simd_gt(s(70.0)) | e2.simd_gt(s(70.0));
    let low = e1.simd_lt(s(-70.0)) & e2.simd_lt(s(-70.0));
    select(high, s(1.0), select(low, math::exp(r), mid))
}

/// Raw (cgs) outputs of a batch: d[0..9] as in the model, T∞, T.
struct Raw {
    d: [F64s; 9],
    tinf: F64s,
    tz: F64s,
}

/// GTS7 for lanes at altitudes `alt` (all ≥ 72.5 km). Also returns DM28 and the profile pieces
/// GTD7 needs below 72.5 km.
fn gts7(
    alt: F64s,
    flags: &Flags,
    h: &Harmonics,
    gsurf: F64s,
    re: F64s,
) -> (Raw, F64s, [F64s; 5], F64s) {
    let sw = &flags.sw;
    let ph = phases();
    let za = s(ZA_KM);
    let tinf0 = PTM[0] * PT[0];
    let tinf = if sw[16] != 0.0 {
        select(
            alt.simd_gt(za),
            s(tinf0) * (s(1.0) + s(sw[16]) * globe7(&PT, &ph.pt, flags, h)),
            s(tinf0),
        )
    } else {
        s(tinf0)
    };
    let g00 = PTM[3] * PS[0];
    let g0 = if sw[19] != 0.0 {
        select(
            alt.simd_gt(s(ZN1_KM[4])),
            s(g00) * (s(1.0) + s(sw[19]) * globe7(&PS, &ph.ps, flags, h)),
            s(g00),
        )
    } else {
        s(g00)
    };
    let tlb = s(PTM[1]) * (s(1.0) + s(sw[17]) * globe7(&PD[3], &ph.pd[3], flags, h)) * s(PD[3][0]);
    let sv = g0 / (tinf - tlb);
    let mag = magnetic_activity(&PD[3], h, flags);

    // TN1 nodes: varying below 300 km, fixed above.
    let fixed4 = PTM[4] * PTL[3][0];
    let mut tn1 = [F64s::ZERO; 5];
    tn1[1] = s(PTM[6] * PTL[0][0]);
    tn1[2] = s(PTM[2] * PTL[1][0]);
    tn1[3] = s(PTM[7] * PTL[2][0]);
    tn1[4] = s(fixed4);
    let mut tgn1_end = s(PTM[8] * PMA[8][0] * fixed4 * fixed4 / (fixed4 * fixed4));
    let low = alt.simd_lt(s(300.0));
    if low.any() && sw[18] != 0.0 {
        let g = |p: &[f64], r: &RowPhases| glob7s(p, r, flags, h, &mag);
        let v1 = s(PTM[6] * PTL[0][0]) / (s(1.0) - s(sw[18]) * g(&PTL[0], &ph.ptl[0]));
        let v2 = s(PTM[2] * PTL[1][0]) / (s(1.0) - s(sw[18]) * g(&PTL[1], &ph.ptl[1]));
        let v3 = s(PTM[7] * PTL[2][0]) / (s(1.0) - s(sw[18]) * g(&PTL[2], &ph.ptl[2]));
        let v4 = s(fixed4) / (s(1.0) - s(sw[18] * sw[20]) * g(&PTL[3], &ph.ptl[3]));
        let vg = s(PTM[8] * PMA[8][0])
            * (s(1.0) + s(sw[18] * sw[20]) * g(&PMA[8], &ph.pma[8]))
            * v4
            * v4
            / s(fixed4 * fixed4);
        tn1[1] = select(low, v1, tn1[1]);
        tn1[2] = select(low, v2, tn1[2]);
        tn1[3] = select(low, v3, tn1[3]);
        tn1[4] = select(low, v4, tn1[4]);
        tgn1_end = select(low, vg, tgn1_end);
    }
    let prof = Profile::new(tinf, tlb, sv, &tn1, tgn1_end, gsurf, re);
    let at = prof.at(alt, re);

    let zhf =
        s(PDL[1][24]) * (s(1.0) + s(sw[5] * PDL[0][24]) * h.sin_lat * ph.pt.cd14.cos_minus(h.doy1));
    let xmm = XMM;
    let z = alt;
    let sw15 = sw[15] != 0.0;
    let sw21 = s(sw[21]);
    let zhm28 = PDM[2][3] * PDL[1][5];
    let mut d = [F64s::ZERO; 9];

    // N2.
    let g28 = sw21 * globe7(&PD[2], &ph.pd[2], flags, h);
    let db28 = s(PDM[2][0] * PD[2][0]) * math::exp(g28);
    d[2] = prof.density(&at, db28, 28.0, ALPHA[2]);
    let at_zh28 = prof.at(s(PDM[2][2]) * zhf, re);
    let b28 = prof.density(&at_zh28, db28, 28.0 - xmm, ALPHA[2] - 1.0);
    let dm28 = prof.density(&at, b28, xmm, ALPHA[2]);
    if sw15 {
        d[2] = select(
            z.simd_le(s(ALTL_KM[2])),
            dnet(d[2], dm28, zhm28, xmm, 28.0),
            d[2],
        );
    }

    // He, O, O2, Ar, H, N share the pattern: diffusive density, then (below the species'
    // cut-off) mixing with the turbopause and corrections.
    let species = |row: usize, pdm: usize, xm: f64, alpha: f64| {
        let g = sw21 * globe7(&PD[row], &ph.pd[row], flags, h);
        let db = s(PDM[pdm][0] * PD[row][0]) * math::exp(g);
        let diff = prof.density(&at, db, xm, alpha);
        let at_zh = prof.at(s(PDM[pdm][2]), re);
        let b = prof.density(&at_zh, db, xm - xmm, alpha - 1.0);
        let dm = prof.density(&at, b, xmm, 0.0);
        (diff, b, dnet(diff, dm, zhm28, xmm, xm))
    };
    let f107a_dev = h.dfa; // F10.7A − 150

    // He.
    {
        let (diff, b04, net) = species(0, 0, 4.0, ALPHA[0]);
        d[0] = diff;
        if sw15 {
            let rl = math::ln(b28 * s(PDM[0][1]) / b04);
            let v = net * ccor(z, rl, PDM[0][5] * PDL[1][1], PDM[0][4] * PDL[1][0]);
            d[0] = select(z.simd_lt(s(ALTL_KM[0])), v, diff);
        }
    }
    // O.
    {
        let (diff, _b16, net) = species(1, 1, 16.0, ALPHA[1]);
        d[1] = diff;
        if sw15 {
            let rl = s(PDM[1][1] * PDL[1][16]) * (s(1.0) + s(sw[1] * PDL[0][23]) * f107a_dev);
            let mut v = net
                * ccor2(
                    z,
                    rl,
                    PDM[1][5] * PDL[1][3],
                    PDM[1][4] * PDL[1][2],
                    PDM[1][5] * PDL[1][4],
                );
            v *= ccor(
                z,
                s(PDM[1][3] * PDL[1][14]),
                PDM[1][7] * PDL[1][13],
                PDM[1][6] * PDL[1][12],
            );
            d[1] = select(z.simd_le(s(ALTL_KM[1])), v, diff);
        }
    }
    // O2.
    {
        let (diff, b32, net) = species(4, 3, 32.0, ALPHA[3]);
        d[3] = diff;
        if sw15 {
            let rl = math::ln(b28 * s(PDM[3][1]) / b32);
            let v = net * ccor(z, rl, PDM[3][5] * PDL[1][7], PDM[3][4] * PDL[1][6]);
            let mixed = select(z.simd_le(s(ALTL_KM[3])), v, diff);
            let rc32 = s(PDM[3][3] * PDL[1][23]) * (s(1.0) + s(sw[1] * PDL[0][23]) * f107a_dev);
            d[3] = mixed
                * ccor2(
                    z,
                    rc32,
                    PDM[3][7] * PDL[1][22],
                    PDM[3][6] * PDL[1][21],
                    PDM[3][7] * PDL[0][22],
                );
        }
    }
    // Ar.
    {
        let (diff, b40, net) = species(5, 4, 40.0, ALPHA[4]);
        d[4] = diff;
        if sw15 {
            let rl = math::ln(b28 * s(PDM[4][1]) / b40);
            let v = net * ccor(z, rl, PDM[4][5] * PDL[1][9], PDM[4][4] * PDL[1][8]);
            d[4] = select(z.simd_le(s(ALTL_KM[4])), v, diff);
        }
    }
    // H.
    {
        let (diff, b01, net) = species(6, 5, 1.0, ALPHA[6]);
        d[6] = diff;
        if sw15 {
            let rl = math::ln(b28 * s(PDM[5][1] * PDL[1][17].abs()) / b01);
            let mut v = net * ccor(z, rl, PDM[5][5] * PDL[1][11], PDM[5][4] * PDL[1][10]);
            v *= ccor(
                z,
                s(PDM[5][3] * PDL[1][20]),
                PDM[5][7] * PDL[1][19],
                PDM[5][6] * PDL[1][18],
            );
            d[6] = select(z.simd_le(s(ALTL_KM[6])), v, diff);
        }
    }
    // N.
    {
        let (diff, b14, net) = species(7, 6, 14.0, ALPHA[7]);
        d[7] = diff;
        if sw15 {
            let rl = math::ln(b28 * s(PDM[6][1] * PDL[0][2].abs()) / b14);
            let mut v = net * ccor(z, rl, PDM[6][5] * PDL[0][1], PDM[6][4] * PDL[0][0]);
            v *= ccor(
                z,
                s(PDM[6][3] * PDL[0][5]),
                PDM[6][7] * PDL[0][4],
                PDM[6][6] * PDL[0][3],
            );
            d[7] = select(z.simd_le(s(ALTL_KM[7])), v, diff);
        }
    }
    // Anomalous O: its own isothermal profile at T = THO.
    {
        let g16h = sw21 * globe7(&PD[8], &ph.pd[8], flags, h);
        let db16h = s(PDM[7][0] * PD[8][0]) * math::exp(g16h);
        let tho = s(PDM[7][9] * PDL[0][6]);
        let hot = Profile::new(tho, tho, sv, &tn1, tgn1_end, gsurf, re);
        let dd = hot.density(&hot.at(z, re), db16h, 16.0, ALPHA[8]);
        let zsht = PDM[7][5];
        let zmho = PDM[7][4];
        let q = s(1.0) + s(zmho) / re;
        let g = gsurf / (q * q);
        let zsho = s(RGAS) * tho / (g * s(16.0));
        d[8] = dd * math::exp(-s(zsht) / zsho * (math::exp(-(z - s(zmho)) / s(zsht)) - s(1.0)));
    }
    d[5] = s(AMU_G)
        * (s(4.0) * d[0]
            + s(16.0) * d[1]
            + s(28.0) * d[2]
            + s(32.0) * d[3]
            + s(40.0) * d[4]
            + d[6]
            + s(14.0) * d[7]);
    (Raw { d, tinf, tz: at.tz }, dm28, tn1, tgn1_end)
}

/// DENSM for lanes: temperature and (unless `xm` = 0) density below 72.5 km.
#[allow(clippy::too_many_arguments)]
fn densm(
    alt: F64s,
    d0: F64s,
    xm: f64,
    upper: &Spline<4>,
    tn2_0: F64s,
    lower: &Spline<5>,
    tn3_0: F64s,
    gsurf: F64s,
    re: F64s,
) -> (F64s, F64s) {
    let (t2, yi2) = upper.at(alt.max(s(ZN2_KM[3])), re);
    let q2 = s(1.0) + s(ZN2_KM[0]) / re;
    let gamm2 = s(xm) * gsurf / (q2 * q2) * upper.zgdif / s(RGAS);
    let dens2 = d0 * (tn2_0 / t2) * math::exp(-(gamm2 * yi2).min(s(50.0)));
    let (t3, yi3) = lower.at(alt, re);
    let q3 = s(1.0) + s(ZN3_KM[0]) / re;
    let gamm3 = s(xm) * gsurf / (q3 * q3) * lower.zgdif / s(RGAS);
    let dens3 = dens2 * (tn3_0 / t3) * math::exp(-(gamm3 * yi3).min(s(50.0)));
    let strat = alt.simd_le(s(ZN3_KM[0]));
    (select(strat, dens3, dens2), select(strat, t3, t2))
}

/// NRLMSISE-00 at [`LANES`](crate::LANES) points (see [`super::reference::gtd7`]), SI.
pub fn gtd7(input: &InputLanes, switches: &Switches) -> OutputLanes {
    let flags = Flags::new(switches);
    let sw = &flags.sw;
    let h = Harmonics::new(input);
    let lat = if sw[2] == 0.0 {
        s(45.0)
    } else {
        input.latitude_deg
    };
    let (_, cs2) = math::sin_cos(s(2.0 * DGTR) * lat);
    let gsurf = s(980.616) * (s(1.0) - s(0.0026373) * cs2);
    let re = s(2.0) * gsurf / (s(3.085462e-6) + s(2.27e-9) * cs2) * s(1.0e-5);
    let alt = input.altitude_km;
    let altt = alt.max(s(ZN2_KM[0]));
    let (upper, dm28, tn1, tgn1_end) = gts7(altt, &flags, &h, gsurf, re);
    let mut d = upper.d;
    let mut tz = upper.tz;
    let below = alt.simd_lt(s(ZN2_KM[0]));
    if below.any() {
        let ph = phases();
        let mag = magnetic_activity(&PD[8], &h, &flags);
        let g = |k: usize| glob7s(&PMA[k], &ph.pma[k], &flags, &h, &mag);
        let (sw20, sw22) = (s(sw[20]), s(sw[22]));
        let tn2 = [
            tn1[4],
            s(PMA[0][0] * PAVGM[0]) / (s(1.0) - sw20 * g(0)),
            s(PMA[1][0] * PAVGM[1]) / (s(1.0) - sw20 * g(1)),
            s(PMA[2][0] * PAVGM[2]) / (s(1.0) - sw20 * sw22 * g(2)),
        ];
        let a2 = PMA[2][0] * PAVGM[2];
        let tgn2 = [
            tgn1_end,
            s(PAVGM[8] * PMA[9][0]) * (s(1.0) + sw20 * sw22 * g(9)) * tn2[3] * tn2[3] / s(a2 * a2),
        ];
        let tn3 = [
            tn2[3],
            s(PMA[3][0] * PAVGM[3]) / (s(1.0) - sw22 * g(3)),
            s(PMA[4][0] * PAVGM[4]) / (s(1.0) - sw22 * g(4)),
            s(PMA[5][0] * PAVGM[5]) / (s(1.0) - sw22 * g(5)),
            s(PMA[6][0] * PAVGM[6]) / (s(1.0) - sw22 * g(6)),
        ];
        let a6 = PMA[6][0] * PAVGM[6];
        let tgn3 = [
            tgn2[1],
            s(PMA[7][0] * PAVGM[7]) * (s(1.0) + sw22 * g(7)) * tn3[4] * tn3[4] / s(a6 * a6),
        ];
        let spl2 = Spline::new(&ZN2_KM, &tn2, tgn2, re);
        let spl3 = Spline::new(&ZN3_KM, &tn3, tgn3, re);
        let dmc = select(
            alt.simd_gt(s(ZMIX_KM)),
            s(1.0) - (s(ZN2_KM[0]) - alt) / s(ZN2_KM[0] - ZMIX_KM),
            F64s::ZERO,
        );
        let dz28 = upper.d[2];
        let (n2_m, t_low) = densm(alt, dm28, XMM, &spl2, tn2[0], &spl3, tn3[0], gsurf, re);
        let dmr = upper.d[2] / dm28 - s(1.0);
        let n2 = n2_m * (s(1.0) + dmr * dmc);
        let mix = |k: usize, pdm: usize| {
            let dmr = upper.d[k] / (dz28 * s(PDM[pdm][1])) - s(1.0);
            n2 * s(PDM[pdm][1]) * (s(1.0) + dmr * dmc)
        };
        let low = [
            mix(0, 0),
            F64s::ZERO,
            n2,
            mix(3, 3),
            mix(4, 4),
            F64s::ZERO,
            F64s::ZERO,
            F64s::ZERO,
            F64s::ZERO,
        ];
        for k in 0..9 {
            d[k] = select(below, low[k], d[k]);
        }
        let rho_low =
            s(AMU_G) * (s(4.0) * low[0] + s(28.0) * low[2] + s(32.0) * low[3] + s(40.0) * low[4]);
        d[5] = select(below, rho_low, d[5]);
        tz = select(below, t_low, tz);
    }
    let gtd7d = d[5] + s(AMU_G * 16.0) * d[8];
    let n = |v: F64s| v * s(PER_CM3_TO_PER_M3);
    OutputLanes {
        n_he_m3: n(d[0]),
        n_o_m3: n(d[1]),
        n_n2_m3: n(d[2]),
        n_o2_m3: n(d[3]),
        n_ar_m3: n(d[4]),
        n_h_m3: n(d[6]),
        n_n_m3: n(d[7]),
        n_anomalous_o_m3: n(d[8]),
        exospheric_temperature_k: upper.tinf,
        temperature_k: tz,
        density_gtd7_kg_m3: d[5] * s(G_CM3_TO_KG_M3),
        density_gtd7d_kg_m3: gtd7d * s(G_CM3_TO_KG_M3),
    }
}
