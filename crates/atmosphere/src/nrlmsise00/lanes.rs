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
use crate::{F64s, LANES};

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

/// Phases of one GLOBE7 row: the day-of-year phases p[31], p[17], p[13], p[38]; local time
/// p[124], p[131]; UT p[71], p[79], p[75], p[58]; longitude p[63], p[118], p[97], p[136].
#[derive(Debug, Clone, Copy, Default)]
struct RowPhases {
    /// Which term groups have a nonzero coefficient in GLOBE7's form: a group whose
    /// coefficients are all zero adds exactly 0 and is skipped.
    nz: NonZero,
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
}

/// Term groups of a row with at least one nonzero coefficient.
#[derive(Debug, Clone, Copy, Default)]
struct NonZero {
    diurnal: bool,
    semidiurnal: bool,
    terdiurnal: bool,
    ap_daily: bool,
    ap_history: bool,
    longitudinal: bool,
    ut: bool,
    ut_ap: bool,
}

impl NonZero {
    fn of(p: &[f64]) -> NonZero {
        let any = |ks: &[usize]| ks.iter().any(|&k| p.get(k).is_some_and(|v| *v != 0.0));
        NonZero {
            diurnal: any(&[3, 4, 27, 6, 7, 28, 11, 12]),
            semidiurnal: any(&[5, 41, 8, 42, 23, 35, 33, 36]),
            terdiurnal: any(&[39, 40, 93, 94, 46, 48]),
            ap_daily: any(&[32, 45, 34, 100, 101, 102, 121, 122, 123]),
            ap_history: any(&[50, 96, 54, 125, 126, 127, 128, 129, 130]),
            longitudinal: any(&[
                64, 65, 66, 103, 104, 105, 109, 110, 111, 90, 91, 92, 106, 107, 108, 112, 113, 114,
            ]),
            ut: any(&[68, 69, 70, 76, 77, 78]),
            ut_ap: any(&[
                60, 61, 62, 115, 116, 117, 83, 84, 85, 52, 98, 67, 133, 134, 135, 55, 56, 57,
            ]),
        }
    }
}

impl RowPhases {
    fn of(p: &[f64]) -> RowPhases {
        let at = |k: usize| p.get(k).copied().unwrap_or(0.0);
        RowPhases {
            nz: NonZero::of(p),
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
        }
    }
}

/// Phases of every GLOBE7 row and the nonzero coefficients of every GLOB7S row, computed once
/// (immutable afterwards).
#[derive(Debug)]
struct Phases {
    pt: RowPhases,
    ps: RowPhases,
    pd: [RowPhases; 9],
    ptl: [Glob7sRow; 4],
    pma: [Glob7sRow; 10],
}

fn phases() -> &'static Phases {
    static PHASES: OnceLock<Phases> = OnceLock::new();
    PHASES.get_or_init(|| Phases {
        pt: RowPhases::of(&PT),
        ps: RowPhases::of(&PS),
        pd: std::array::from_fn(|i| RowPhases::of(&PD[i])),
        ptl: std::array::from_fn(|i| Glob7sRow::of(&PTL[i])),
        pma: std::array::from_fn(|i| Glob7sRow::of(&PMA[i])),
    })
}

/// (cos 2x, sin 2x) from (cos x, sin x).
#[inline(always)]
fn double_angle((c, sn): (F64s, F64s)) -> (F64s, F64s) {
    (c * c - sn * sn, s(2.0) * sn * c)
}

/// (cos 3x, sin 3x) from (cos x, sin x).
#[inline(always)]
fn triple_angle((c, sn): (F64s, F64s)) -> (F64s, F64s) {
    (
        c * (s(4.0) * c * c - s(3.0)),
        sn * (s(3.0) - s(4.0) * sn * sn),
    )
}

/// (cos(x + y), sin(x + y)).
#[inline(always)]
fn angle_sum((c1, s1): (F64s, F64s), (c2, s2): (F64s, F64s)) -> (F64s, F64s) {
    (c1 * c2 - s1 * s2, s1 * c2 + c1 * s2)
}

/// A per-thread memo of one value and the input bits (one per lane) it was computed from.
type Memo<T> = std::cell::Cell<Option<([u64; LANES], T)>>;

thread_local! {
    /// The last (cos, sin) of DR·doy of this thread and the day of each lane it is for.
    static DAY_HARMONIC: Memo<(F64s, F64s)> = const { std::cell::Cell::new(None) };
}

/// (cos, sin) of DR·doy, reusing this thread's last value while every lane's day is the same
/// (bit for bit): a run's day changes at most once a day.
fn day_harmonic(doy: F64s) -> (F64s, F64s) {
    let key = doy.to_array().map(f64::to_bits);
    if let Some((k, v)) = DAY_HARMONIC.get()
        && k == key
    {
        return v;
    }
    let (sn, cs) = math::sin_cos(s(DR) * doy);
    DAY_HARMONIC.set(Some((key, (cs, sn))));
    (cs, sn)
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
        plg[0][6] = (s(11.0) * c * plg[0][5] - s(5.0) * plg[0][4]) * s(1.0 / 6.0);
        plg[1][1] = sl;
        plg[1][2] = s(3.0) * c * sl;
        plg[1][3] = s(1.5) * (s(5.0) * c2 - s(1.0)) * sl;
        plg[1][4] = s(2.5) * (s(7.0) * c2 * c - s(3.0) * c) * sl;
        plg[1][5] = s(1.875) * (s(21.0) * c4 - s(14.0) * c2 + s(1.0)) * sl;
        plg[1][6] = (s(11.0) * c * plg[1][5] - s(6.0) * plg[1][4]) * s(1.0 / 5.0);
        plg[2][2] = s(3.0) * s2;
        plg[2][3] = s(15.0) * s2 * c;
        plg[2][4] = s(7.5) * (s(7.0) * c2 - s(1.0)) * s2;
        plg[2][5] = s(3.0) * c * plg[2][4] - s(2.0) * plg[2][3];
        plg[2][6] = (s(11.0) * c * plg[2][5] - s(7.0) * plg[2][4]) / s(4.0);
        plg[2][7] = (s(13.0) * c * plg[2][6] - s(8.0) * plg[2][5]) * s(1.0 / 5.0);
        plg[3][3] = s(15.0) * s2 * sl;
        plg[3][4] = s(105.0) * s2 * sl * c;
        plg[3][5] = (s(9.0) * c * plg[3][4] - s(7.0) * plg[3][3]) / s(2.0);
        plg[3][6] = (s(11.0) * c * plg[3][5] - s(8.0) * plg[3][4]) * s(1.0 / 3.0);
        let tloc = input.local_solar_time_h;
        let flip = |(sn, cs): (F64s, F64s)| (cs, sn);
        let lon = input.longitude_deg;
        // One sin_cos per base angle; multiples and sums by the angle formulas (the reference
        // evaluates each directly; the difference is a few 1e-16).
        let tloc1 = flip(math::sin_cos(s(HR) * tloc));
        let doy1 = day_harmonic(input.day_of_year);
        let lon1 = flip(math::sin_cos(s(DGTR) * lon));
        let ut = flip(math::sin_cos(s(SR) * input.ut_s));
        Harmonics {
            plg,
            tloc1,
            tloc2: double_angle(tloc1),
            tloc3: triple_angle(tloc1),
            doy1,
            doy2: double_angle(doy1),
            lon: lon1,
            ut,
            ut_2lon: angle_sum(ut, double_angle(lon1)),
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

/// The magnetic activity of every GLOBE7 row of a batch. Rows that share the parameters it
/// depends on (p[24], p[25], p[43], p[44], p[51], p[138]; most density rows do) share one
/// evaluation.
#[derive(Clone, Copy)]
struct Mags {
    pt: MagneticActivity,
    ps: MagneticActivity,
    pd: [MagneticActivity; 9],
}

thread_local! {
    /// The last daily-Ap [`Mags`] of this thread and the Ap of each lane it was computed for:
    /// with the daily Ap they depend on nothing else, and a run's Ap rarely changes.
    static DAILY_MAGS: Memo<Mags> = const { std::cell::Cell::new(None) };
}

impl Mags {
    /// [`Mags::compute`], reusing this thread's last result when the daily Ap of every lane is
    /// the same (bit for bit) and the ap history is not in use.
    fn new(h: &Harmonics, flags: &Flags) -> Mags {
        if flags.sw[9] == -1.0 {
            return Mags::compute(h, flags);
        }
        let key = h.ap.to_array().map(f64::to_bits);
        if let Some((k, m)) = DAILY_MAGS.get()
            && k == key
        {
            return m;
        }
        let m = Mags::compute(h, flags);
        DAILY_MAGS.set(Some((key, m)));
        m
    }

    fn compute(h: &Harmonics, flags: &Flags) -> Mags {
        let key = |p: &[f64]| [p[24], p[25], p[43], p[44], p[51], p[138]];
        let mut done: [Option<([f64; 6], MagneticActivity)>; 11] = [None; 11];
        let mut get = |p: &[f64]| {
            let k = key(p);
            for slot in done.iter_mut() {
                match slot {
                    Some((q, m)) if *q == k => return *m,
                    Some(_) => continue,
                    None => {
                        let m = magnetic_activity(p, h, flags);
                        *slot = Some((k, m));
                        return m;
                    }
                }
            }
            magnetic_activity(p, h, flags)
        };
        let pt = get(&PT);
        let ps = get(&PS);
        let pd = std::array::from_fn(|i| get(&PD[i]));
        Mags { pt, ps, pd }
    }
}

/// GLOBE7 for lanes (see [`super::reference::globe7`]).
fn globe7(p: &[f64], ph: &RowPhases, mag: &MagneticActivity, flags: &Flags, h: &Harmonics) -> F64s {
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
    if sw[7] != 0.0 && ph.nz.diurnal {
        let t71 = (pp(11) * plg[1][2]) * cd14 * s(swc[5]);
        let t72 = (pp(12) * plg[1][2]) * cd14 * s(swc[5]);
        t[6] = f2
            * ((pp(3) * plg[1][1] + pp(4) * plg[1][3] + pp(27) * plg[1][5] + t71) * h.tloc1.0
                + (pp(6) * plg[1][1] + pp(7) * plg[1][3] + pp(28) * plg[1][5] + t72) * h.tloc1.1);
    }
    if sw[8] != 0.0 && ph.nz.semidiurnal {
        let t81 = (pp(23) * plg[2][3] + pp(35) * plg[2][5]) * cd14 * s(swc[5]);
        let t82 = (pp(33) * plg[2][3] + pp(36) * plg[2][5]) * cd14 * s(swc[5]);
        t[7] = f2
            * ((pp(5) * plg[2][2] + pp(41) * plg[2][4] + t81) * h.tloc2.0
                + (pp(8) * plg[2][2] + pp(42) * plg[2][4] + t82) * h.tloc2.1);
    }
    if sw[14] != 0.0 && ph.nz.terdiurnal {
        t[13] = f2
            * ((pp(39) * plg[3][3] + (pp(93) * plg[3][4] + pp(46) * plg[3][6]) * cd14 * s(swc[5]))
                * h.tloc3.1
                + (pp(40) * plg[3][3]
                    + (pp(94) * plg[3][4] + pp(48) * plg[3][6]) * cd14 * s(swc[5]))
                    * h.tloc3.0);
    }
    if sw[9] == -1.0 {
        if p[51] != 0.0 && ph.nz.ap_history {
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
    } else if sw[9] != 0.0 && ph.nz.ap_daily {
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
        if sw[11] != 0.0 && ph.nz.longitudinal {
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
        if sw[12] != 0.0 && ph.nz.ut {
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
        if sw[13] != 0.0 && ph.nz.ut_ap {
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

/// Number of GLOB7S basis functions that multiply a row coefficient directly (see
/// [`Glob7sBasis`]).
const G7S_MAIN: usize = 49;

/// The per-batch basis of GLOB7S (see [`super::reference::glob7s`]). Over one batch GLOB7S is a
/// fixed linear form in its row's coefficients, except for the longitudinal term, which is the
/// product A·B of two such forms, and the magnetic-activity term, which carries the row's
/// activity factor. Every product of harmonics, Legendre polynomials and switch weights
/// (|sw| of the term's main switch, swc of its cross terms) is computed here once per batch;
/// a row then costs one multiply-add per nonzero coefficient ([`Glob7sRow`]).
///
/// `main` (index: function · weight, row coefficients):
/// 0: Δ F10.7A · |sw1| (p22);
/// 1–6: P₀₂, P₀₄, P₀₆, P₀₁, P₀₃, P₀₅ · |sw2| (p2, p3, p23, p27, p15, p60);
/// 7–12: (1, P₀₂, P₀₄) × (cos, sin) DR·doy · |sw3| (p19, p48, p30 times cos, sin DR·p32);
/// 13–18: (1, P₀₂, P₀₄) × (cos, sin) 2DR·doy · |sw4| (p16, p17, p31 times cos, sin 2DR·p18);
/// 19–24: (P₀₁, P₀₃, P₀₅) × (cos, sin) DR·doy · |sw5| (p10, p11, p21 times cos, sin DR·p14);
/// 25–26: P₀₁ × (cos, sin) 2DR·doy · |sw6| (p38 times cos, sin 2DR·p39);
/// 27–34: diurnal · |sw7|: P₁₁, P₁₃ × (cos, sin) HR·t (p4, p5, p7, p8) and
/// swc5·P₁₂ × (cos, sin) DR·doy × (cos, sin) HR·t (p12, p13 times cos, sin DR·p14);
/// 35–46: semidiurnal · |sw8|, the same with P₂₂, P₂₄ (p6, p42, p9, p43) and
/// swc5·(P₂₃, P₂₅) (p24, p36, p34, p37);
/// 47–48: P₃₃ × (sin, cos) 3HR·t · |sw14| (p40, p41).
/// (Fortran indices, one above the zero-based ones in the code.)
struct Glob7sBasis {
    main: [F64s; G7S_MAIN],
    /// Daily-Ap term without the activity factor: |sw9|·(1, swc2·P₀₂) where sw9 = 1 (p33,
    /// p46), else 0.
    ap_daily: [F64s; 2],
    /// ap-history term without the activity factor: |sw9|·(1, swc2·P₀₂) where sw9 = −1 (p51,
    /// p97), else 0.
    ap_history: [F64s; 2],
    /// Factor A − 1 of the longitudinal term: swc5·P₀₁, swc6·P₀₁, swc3, swc4 times (cos, sin) of
    /// DR·doy, 2DR·doy, DR·doy, 2DR·doy (p81, p86, p84, p88 times cos, sin of their phases).
    lon_a: [F64s; 8],
    /// Factor B of the longitudinal term, |sw11| where sw10 and sw11 are on and the longitude is
    /// valid, else 0: (P₁₂, P₁₄, P₁₆, P₁₁, P₁₃, P₁₅) × (cos, sin) DGTR·lon (p65, p66, p67, p75,
    /// p76, p77, p91, p92, p93, p78, p79, p80).
    lon_b: [F64s; 12],
}

impl Glob7sBasis {
    fn new(h: &Harmonics, flags: &Flags) -> Glob7sBasis {
        let sw = &flags.sw;
        let swc = &flags.swc;
        let plg = &h.plg;
        let w = |i: usize| s(sw[i].abs());
        let (dc, ds) = h.doy1;
        let (d2c, d2s) = h.doy2;
        let (tc, ts) = h.tloc1;
        let (t2c, t2s) = h.tloc2;
        let (t3c, t3s) = h.tloc3;
        let z = F64s::ZERO;
        let mut m = [z; G7S_MAIN];
        m[0] = h.dfa * w(1);
        let w2 = w(2);
        for (k, n) in [2, 4, 6, 1, 3, 5].into_iter().enumerate() {
            m[1 + k] = plg[0][n] * w2;
        }
        let w3 = w(3);
        let w4 = w(4);
        for (k, f) in [s(1.0), plg[0][2], plg[0][4]].into_iter().enumerate() {
            m[7 + 2 * k] = f * dc * w3;
            m[8 + 2 * k] = f * ds * w3;
            m[13 + 2 * k] = f * d2c * w4;
            m[14 + 2 * k] = f * d2s * w4;
        }
        let w5 = w(5);
        for (k, n) in [1, 3, 5].into_iter().enumerate() {
            m[19 + 2 * k] = plg[0][n] * dc * w5;
            m[20 + 2 * k] = plg[0][n] * ds * w5;
        }
        m[25] = plg[0][1] * d2c * w(6);
        m[26] = plg[0][1] * d2s * w(6);
        let w7 = w(7);
        m[27] = plg[1][1] * tc * w7;
        m[28] = plg[1][3] * tc * w7;
        m[29] = plg[1][1] * ts * w7;
        m[30] = plg[1][3] * ts * w7;
        let c5 = s(swc[5]);
        let p12 = plg[1][2] * c5 * w7;
        m[31] = p12 * dc * tc;
        m[32] = p12 * ds * tc;
        m[33] = p12 * dc * ts;
        m[34] = p12 * ds * ts;
        let w8 = w(8);
        m[35] = plg[2][2] * t2c * w8;
        m[36] = plg[2][4] * t2c * w8;
        m[37] = plg[2][2] * t2s * w8;
        m[38] = plg[2][4] * t2s * w8;
        for (k, n) in [3, 5].into_iter().enumerate() {
            let f = plg[2][n] * c5 * w8;
            m[39 + 2 * k] = f * dc * t2c;
            m[40 + 2 * k] = f * ds * t2c;
            m[43 + 2 * k] = f * dc * t2s;
            m[44 + 2 * k] = f * ds * t2s;
        }
        m[47] = plg[3][3] * t3s * w(14);
        m[48] = plg[3][3] * t3c * w(14);
        let ap_term = |on: bool| {
            if on {
                [w(9), plg[0][2] * s(swc[2]) * w(9)]
            } else {
                [z; 2]
            }
        };
        let p01 = plg[0][1];
        let lon_a = [
            c5 * p01 * dc,
            c5 * p01 * ds,
            s(swc[6]) * p01 * d2c,
            s(swc[6]) * p01 * d2s,
            s(swc[3]) * dc,
            s(swc[3]) * ds,
            s(swc[4]) * d2c,
            s(swc[4]) * d2s,
        ];
        let mut lon_b = [z; 12];
        if sw[10] != 0.0 && sw[11] != 0.0 {
            let wl = select(h.lon_valid, w(11), z);
            let (cl, sl) = h.lon;
            for (k, n) in [2, 4, 6, 1, 3, 5].into_iter().enumerate() {
                lon_b[k] = plg[1][n] * cl * wl;
                lon_b[6 + k] = plg[1][n] * sl * wl;
            }
        }
        Glob7sBasis {
            main: m,
            ap_daily: ap_term(sw[9] == 1.0),
            ap_history: ap_term(sw[9] == -1.0),
            lon_a,
            lon_b,
        }
    }
}

/// Nonzero coefficients of one GLOB7S row on [`Glob7sBasis`]: (basis index, coefficient).
#[derive(Debug, Clone, Default)]
struct Glob7sRow {
    main: Vec<(usize, f64)>,
    /// Coefficients of `ap_daily` and `ap_history`.
    ap_daily: [f64; 2],
    ap_history: [f64; 2],
    lon_a: Vec<(usize, f64)>,
    lon_b: Vec<(usize, f64)>,
}

impl Glob7sRow {
    fn of(p: &[f64]) -> Glob7sRow {
        let at = |k: usize| p.get(k).copied().unwrap_or(0.0);
        let ph = |angle: f64| Phase::of(angle);
        let (c13, c17, c31, c38) = (
            ph(DR * at(13)),
            ph(2.0 * DR * at(17)),
            ph(DR * at(31)),
            ph(2.0 * DR * at(38)),
        );
        let mut main = [0.0; G7S_MAIN];
        main[0] = at(21);
        for (k, i) in [1, 2, 22, 26, 14, 59].into_iter().enumerate() {
            main[1 + k] = at(i);
        }
        for (k, (i, j)) in [(18, 15), (47, 16), (29, 30)].into_iter().enumerate() {
            main[7 + 2 * k] = at(i) * c31.c;
            main[8 + 2 * k] = at(i) * c31.s;
            main[13 + 2 * k] = at(j) * c17.c;
            main[14 + 2 * k] = at(j) * c17.s;
        }
        for (k, i) in [9, 10, 20].into_iter().enumerate() {
            main[19 + 2 * k] = at(i) * c13.c;
            main[20 + 2 * k] = at(i) * c13.s;
        }
        main[25] = at(37) * c38.c;
        main[26] = at(37) * c38.s;
        main[27] = at(3);
        main[28] = at(4);
        main[29] = at(6);
        main[30] = at(7);
        main[31] = at(11) * c13.c;
        main[32] = at(11) * c13.s;
        main[33] = at(12) * c13.c;
        main[34] = at(12) * c13.s;
        main[35] = at(5);
        main[36] = at(41);
        main[37] = at(8);
        main[38] = at(42);
        for (k, (i, j)) in [(23, 33), (35, 36)].into_iter().enumerate() {
            main[39 + 2 * k] = at(i) * c13.c;
            main[40 + 2 * k] = at(i) * c13.s;
            main[43 + 2 * k] = at(j) * c13.c;
            main[44 + 2 * k] = at(j) * c13.s;
        }
        main[47] = at(39);
        main[48] = at(40);
        let (d81, d86, d84, d88) = (
            ph(DR * at(81)),
            ph(2.0 * DR * at(86)),
            ph(DR * at(84)),
            ph(2.0 * DR * at(88)),
        );
        let lon_a = [
            at(80) * d81.c,
            at(80) * d81.s,
            at(85) * d86.c,
            at(85) * d86.s,
            at(83) * d84.c,
            at(83) * d84.s,
            at(87) * d88.c,
            at(87) * d88.s,
        ];
        let lon_b = [64, 65, 66, 74, 75, 76, 90, 91, 92, 77, 78, 79].map(at);
        let nonzero = |v: &[f64]| -> Vec<(usize, f64)> {
            v.iter()
                .enumerate()
                .filter(|(_, c)| **c != 0.0)
                .map(|(i, c)| (i, *c))
                .collect()
        };
        let lon_b = nonzero(&lon_b);
        Glob7sRow {
            main: nonzero(&main),
            ap_daily: [at(32), at(45)],
            ap_history: [at(50), at(96)],
            // Without a B factor the longitudinal term is 0 whatever A is.
            lon_a: if lon_b.is_empty() {
                Vec::new()
            } else {
                nonzero(&lon_a)
            },
            lon_b,
        }
    }
}

/// Σ c·b over (index, c), four partial sums.
#[inline(always)]
fn dot(terms: &[(usize, f64)], basis: &[F64s]) -> F64s {
    let mut acc = [F64s::ZERO; 4];
    let mut chunks = terms.chunks_exact(4);
    for c in &mut chunks {
        for k in 0..4 {
            acc[k] = s(c[k].1).mul_add(basis[c[k].0], acc[k]);
        }
    }
    for (k, &(i, c)) in chunks.remainder().iter().enumerate() {
        acc[k] = s(c).mul_add(basis[i], acc[k]);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// GLOB7S for lanes (see [`super::reference::glob7s`]) on the batch's [`Glob7sBasis`].
fn glob7s(row: &Glob7sRow, b: &Glob7sBasis, mag: &MagneticActivity) -> F64s {
    let mut tt = dot(&row.main, &b.main);
    tt += mag.apdf * (s(row.ap_daily[0]) * b.ap_daily[0] + s(row.ap_daily[1]) * b.ap_daily[1])
        + mag.apt
            * (s(row.ap_history[0]) * b.ap_history[0] + s(row.ap_history[1]) * b.ap_history[1]);
    if !row.lon_b.is_empty() {
        tt += (s(1.0) + dot(&row.lon_a, &b.lon_a)) * dot(&row.lon_b, &b.lon_b);
    }
    tt
}

/// ζ(zz, zl) = (zz − zl)(re + zl)/(re + zz), km.
#[inline(always)]
fn zeta(zz: F64s, zl: F64s, re: F64s) -> F64s {
    (zz - zl) * (re + zl) / (re + zz)
}

/// A cubic spline in 1/T over N nodes (see [`super::reference`]'s `TemperatureSpline`), with
/// the reciprocal interval widths and the integrals over whole intervals precomputed.
#[derive(Debug, Clone, Copy)]
struct Spline<const N: usize> {
    xs: [F64s; N],
    ys: [F64s; N],
    y2: [F64s; N],
    /// 1 / (xs[k+1] − xs[k]).
    inv_h: [F64s; N],
    /// ∫ from xs[0] to xs[k] of the spline (SPLINI over whole intervals).
    cum: [F64s; N],
    zgdif: F64s,
    /// 1 / zgdif.
    inv_zgdif: F64s,
    z1: f64,
}

/// SPLINI's integral over [xs[klo], xx] of one interval.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn interval_integral(
    xlo: F64s,
    xhi: F64s,
    inv_h: F64s,
    ylo: F64s,
    yhi: F64s,
    y2lo: F64s,
    y2hi: F64s,
    xx: F64s,
) -> F64s {
    let h = xhi - xlo;
    let a = (xhi - xx) * inv_h;
    let b = (xx - xlo) * inv_h;
    let a2 = a * a;
    let b2 = b * b;
    ((s(1.0) - a2) * ylo * s(0.5)
        + b2 * yhi * s(0.5)
        + ((-(s(1.0) + a2 * a2) * s(0.25) + a2 * s(0.5)) * y2lo
            + (b2 * b2 * s(0.25) - b2 * s(0.5)) * y2hi)
            * h
            * h
            * s(1.0 / 6.0))
        * h
}

impl<const N: usize> Spline<N> {
    /// The spline through (ζ(z_k)/ζ(z_N), 1/T_k) with end slopes from the gradients `tg` (the
    /// model's SPLINE with both end slopes given). Divisions are taken once per quantity and
    /// reused as reciprocals (node positions, interval widths, the elimination pivots).
    fn new(z: &[f64; N], t: &[F64s; N], tg: [F64s; 2], re: F64s) -> Self {
        let one = s(1.0);
        let z1 = s(z[0]);
        let z2 = s(z[N - 1]);
        let zgdif = zeta(z2, z1, re);
        let inv_zgdif = one / zgdif;
        let xs: [F64s; N] = std::array::from_fn(|k| zeta(s(z[k]), z1, re) * inv_zgdif);
        let ys: [F64s; N] = std::array::from_fn(|k| one / t[k]);
        let yd1 = -tg[0] * ys[0] * ys[0] * zgdif;
        let r = (re + z2) / (re + z1);
        let yd2 = -tg[1] * ys[N - 1] * ys[N - 1] * zgdif * r * r;
        let zero = F64s::ZERO;
        let mut inv_h = [zero; N];
        let mut slope = [zero; N];
        for k in 0..N - 1 {
            inv_h[k] = one / (xs[k + 1] - xs[k]);
            slope[k] = (ys[k + 1] - ys[k]) * inv_h[k];
        }
        // Numerical Recipes `spline` with both end slopes given.
        let mut y2 = [zero; N];
        let mut u = [zero; N];
        y2[0] = s(-0.5);
        u[0] = s(3.0) * inv_h[0] * (slope[0] - yd1);
        for i in 1..N - 1 {
            let inv_w = one / (xs[i + 1] - xs[i - 1]);
            let sig = (xs[i] - xs[i - 1]) * inv_w;
            let inv_p = one / (sig * y2[i - 1] + s(2.0));
            y2[i] = (sig - one) * inv_p;
            u[i] = (s(6.0) * (slope[i] - slope[i - 1]) * inv_w - sig * u[i - 1]) * inv_p;
        }
        let qn = s(0.5);
        let un = s(3.0) * inv_h[N - 2] * (yd2 - slope[N - 2]);
        y2[N - 1] = (un - qn * u[N - 2]) / (qn * y2[N - 2] + one);
        for k in (0..N - 1).rev() {
            y2[k] = y2[k] * y2[k + 1] + u[k];
        }
        let mut cum = [zero; N];
        for k in 0..N - 1 {
            cum[k + 1] = cum[k]
                + interval_integral(
                    xs[k],
                    xs[k + 1],
                    inv_h[k],
                    ys[k],
                    ys[k + 1],
                    y2[k],
                    y2[k + 1],
                    xs[k + 1],
                );
        }
        Spline {
            xs,
            ys,
            y2,
            inv_h,
            cum,
            zgdif,
            inv_zgdif,
            z1: z[0],
        }
    }

    /// (T in K, ∫ 1/T dx from the first node) at altitude `z_km` (SPLINT and SPLINI,
    /// branch-free). For x past the last node both extrapolate the last interval, as the model
    /// does; for x before the first node the integral is 0, as in SPLINI.
    fn at(&self, z_km: F64s, re: F64s) -> (F64s, F64s) {
        let x = zeta(z_km, s(self.z1), re) * self.inv_zgdif;
        let (xs, ys, y2) = (&self.xs, &self.ys, &self.y2);
        // The interval [k, k+1] with xs[k] <= x (the model's binary search), k <= N−2.
        let (mut xlo, mut xhi) = (xs[0], xs[1]);
        let (mut ylo, mut yhi) = (ys[0], ys[1]);
        let (mut y2lo, mut y2hi) = (y2[0], y2[1]);
        let (mut inv_h, mut cum) = (self.inv_h[0], self.cum[0]);
        for k in 1..N - 1 {
            let m = x.simd_ge(xs[k]);
            xlo = select(m, xs[k], xlo);
            xhi = select(m, xs[k + 1], xhi);
            ylo = select(m, ys[k], ylo);
            yhi = select(m, ys[k + 1], yhi);
            y2lo = select(m, y2[k], y2lo);
            y2hi = select(m, y2[k + 1], y2hi);
            inv_h = select(m, self.inv_h[k], inv_h);
            cum = select(m, self.cum[k], cum);
        }
        self.eval(x, [xlo, xhi, ylo, yhi, y2lo, y2hi, inv_h, cum])
    }

    /// [`Spline::at`] at the same altitude `z_km` in every lane, given the node altitudes
    /// (decreasing, `z_km` not above the first): ζ grows with the depth below the first node
    /// whatever the radius, so the interval `at` finds is the one whose nodes bracket `z_km`
    /// (on a node, the one below it, as `at`'s x ≥ xs[k] test takes), and no search is needed.
    /// The same operations as `at` otherwise.
    fn at_fixed(&self, z_km: f64, nodes: &[f64; N], re: F64s) -> (F64s, F64s) {
        debug_assert!(nodes.iter().all(|n| *n == z_km || (n - z_km).abs() > 1e-6));
        let k = (1..N - 1).rfind(|&k| z_km <= nodes[k]).unwrap_or(0);
        let x = zeta(s(z_km), s(self.z1), re) * self.inv_zgdif;
        self.eval(
            x,
            [
                self.xs[k],
                self.xs[k + 1],
                self.ys[k],
                self.ys[k + 1],
                self.y2[k],
                self.y2[k + 1],
                self.inv_h[k],
                self.cum[k],
            ],
        )
    }

    /// SPLINT and SPLINI at x in the interval given as (xlo, xhi, ylo, yhi, y2lo, y2hi,
    /// 1/(xhi − xlo), integral up to xlo).
    #[inline(always)]
    fn eval(
        &self,
        x: F64s,
        [xlo, xhi, ylo, yhi, y2lo, y2hi, inv_h, cum]: [F64s; 8],
    ) -> (F64s, F64s) {
        let xs = &self.xs;
        let h = xhi - xlo;
        let a = (xhi - x) * inv_h;
        let b = (x - xlo) * inv_h;
        let y = a * ylo
            + b * yhi
            + ((a * a * a - a) * y2lo + (b * b * b - b) * y2hi) * h * h * s(1.0 / 6.0);
        let part = interval_integral(xlo, xhi, inv_h, ylo, yhi, y2lo, y2hi, x);
        let yi = select(x.simd_gt(xs[0]), cum + part, F64s::ZERO);
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
    /// γ/xm = g_lb/(s R T∞) above ZA and γ'/xm = g_a ζ(ZN1 span)/R below ZA, with g_lb, g_a the
    /// gravity gsurf/(1 + z/re)² at ZLB and ZA: a species' exponents are these times its
    /// molecular weight xm (amu).
    gamma_per_amu: F64s,
    gamm_per_amu: F64s,
    /// T_Bates(ZA), ln(T_lb / T_Bates(ZA)) and ζ(ZA, ZLB): the Bates part of every point below ZA.
    ta: F64s,
    ln_tlb_ta: F64s,
    zg_za: F64s,
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
        let zg_za = zeta(za, zlb, re);
        let ta = tinf - (tinf - tlb) * math::exp(-sv * zg_za);
        let r = (re + zlb) / (re + za);
        let dta = (tinf - ta) * sv * r * r;
        let mut nodes = *tn1;
        nodes[0] = ta;
        let spline = Spline::new(&ZN1_KM, &nodes, [dta, tgn1_end], re);
        let q = s(1.0) + zlb / re;
        let qa = s(1.0) + za / re;
        let glb_zlb = gsurf / (q * q);
        let glb_za = gsurf / (qa * qa);
        Profile {
            tinf,
            tlb,
            s: sv,
            gamma_per_amu: glb_zlb / (sv * s(RGAS) * tinf),
            gamm_per_amu: glb_za * spline.zgdif * s(1.0 / RGAS),
            spline,
            ta,
            ln_tlb_ta: math::ln(tlb / ta),
            zg_za,
        }
    }

    fn at(&self, z: F64s, re: F64s) -> ProfileAt {
        let za = s(ZA_KM);
        let below = z.simd_lt(za);
        let (zg2, tt, ln_tlb_tt) = if below.all() {
            // Every lane evaluates the Bates part at ZA: the same operations as in `new`.
            (self.zg_za, self.ta, self.ln_tlb_ta)
        } else {
            let zg2 = zeta(z.max(za), s(PTM[5]), re);
            let tt = self.tinf - (self.tinf - self.tlb) * math::exp(-self.s * zg2);
            (zg2, tt, math::ln(self.tlb / tt))
        };
        let tt_nonpositive = tt.simd_le(F64s::ZERO);
        if !below.any() {
            // Every lane on the Bates profile: the spline part is not needed.
            return ProfileAt {
                zg2,
                ln_tlb_tt,
                tt_nonpositive,
                below,
                ln_t1_tz: F64s::ZERO,
                yi: F64s::ZERO,
                tz_nonpositive: below,
                tz: tt,
            };
        }
        let (tz_s, yi) = self.spline.at(z.max(s(ZN1_KM[4])), re);
        let tz = select(below, tz_s, tt);
        // T1 = T_Bates(ZA) = tt where below.
        ProfileAt {
            zg2,
            ln_tlb_tt,
            tt_nonpositive,
            below,
            ln_t1_tz: math::ln(tt / tz_s),
            yi,
            tz_nonpositive: tz_s.simd_le(F64s::ZERO),
            tz,
        }
    }

    /// [`Profile::at`] for altitudes known to lie below ZA in every lane (the turbopause heights
    /// ZH of the species, 88–112 km): the Bates part is the profile's value at ZA.
    fn at_below(&self, z: F64s, re: F64s) -> ProfileAt {
        debug_assert!(z.simd_lt(s(ZA_KM)).all());
        let (tz_s, yi) = self.spline.at(z.max(s(ZN1_KM[4])), re);
        self.below_from(z.simd_eq(z), tz_s, yi)
    }

    /// [`Profile::at_below`] at one fixed altitude (a species' turbopause height) for every
    /// lane, with [`Spline::at_fixed`].
    fn at_below_fixed(&self, z_km: f64, re: F64s) -> ProfileAt {
        debug_assert!(z_km < ZA_KM);
        let (tz_s, yi) = self.spline.at_fixed(z_km.max(ZN1_KM[4]), &ZN1_KM, re);
        self.below_from(F64s::ONE.simd_eq(F64s::ONE), tz_s, yi)
    }

    fn below_from(&self, all: Mask, tz_s: F64s, yi: F64s) -> ProfileAt {
        ProfileAt {
            zg2: self.zg_za,
            ln_tlb_tt: self.ln_tlb_ta,
            tt_nonpositive: self.ta.simd_le(F64s::ZERO),
            below: all,
            ln_t1_tz: math::ln(self.ta / tz_s),
            yi,
            tz_nonpositive: tz_s.simd_le(F64s::ZERO),
            tz: tz_s,
        }
    }

    /// ln of the DENSU density (see [`super::reference`]'s `Thermosphere::densu`) of a species of molecular
    /// weight `xm` with density e^`ln_dlb` at ZLB, at a profile point.
    fn ln_density(&self, at: &ProfileAt, ln_dlb: F64s, xm: f64, alpha: f64) -> F64s {
        let gamma = s(xm) * self.gamma_per_amu;
        let mut e = s(1.0 + alpha) * at.ln_tlb_tt + gamma * at.ln_tlb_tt;
        let cap = select(
            at.tt_nonpositive,
            s(LN_50),
            (-self.s * gamma * at.zg2).min(s(LN_50)),
        );
        e += cap;
        let gamm = s(xm) * self.gamm_per_amu;
        let expl = select(at.tz_nonpositive, s(50.0), (gamm * at.yi).min(s(50.0)));
        let e_below = s(1.0 + alpha) * at.ln_t1_tz - expl;
        e += select(at.below, e_below, F64s::ZERO);
        ln_dlb + e
    }
}

/// ln of DNET (see [`super::reference::dnet`]) from the logs of the diffusive and mixed
/// densities: ln dd + ln(1 + e^{ylog})/a with ylog = a (ln dm − ln dd), a = zhm/(xmm − xm);
/// ln dd below ylog = −10 and ln dm above 10, as in the model. (The model's special cases for a
/// zero density are the underflow of these logs, which this form does not have.)
fn ln_dnet(ln_dd: F64s, ln_dm: F64s, zhm: f64, xmm: f64, xm: f64) -> F64s {
    let a = zhm / (xmm - xm);
    let ylog = s(a) * (ln_dm - ln_dd);
    let comb = ln_dd + math::ln(s(1.0) + math::exp(ylog.max(s(-10.0)).min(s(10.0)))) * s(1.0 / a);
    select(
        ylog.simd_lt(s(-10.0)),
        ln_dd,
        select(ylog.simd_gt(s(10.0)), ln_dm, comb),
    )
}

/// ln of CCOR: r / (1 + e^{(z − zh)/h1}); 0 above e = 70, r below e = −70, as in the model.
fn ln_ccor(alt: F64s, r: F64s, h1: f64, zh: f64) -> F64s {
    let e = (alt - s(zh)) * s(1.0 / h1);
    let mid = r / (s(1.0) + math::exp(e.min(s(70.0))));
    select(
        e.simd_gt(s(70.0)),
        F64s::ZERO,
        select(e.simd_lt(s(-70.0)), r, mid),
    )
}

/// ln of CCOR2: r / (1 + (e^{(z − zh)/h1} + e^{(z − zh)/h2})/2), with the model's cut-offs.
fn ln_ccor2(alt: F64s, r: F64s, h1: f64, zh: f64, h2: f64) -> F64s {
    let e1 = (alt - s(zh)) * s(1.0 / h1);
    let e2 = (alt - s(zh)) * s(1.0 / h2);
    let mid = r / (s(1.0) + s(0.5) * (math::exp(e1.min(s(70.0))) + math::exp(e2.min(s(70.0)))));
    let high = e1.simd_gt(s(70.0)) | e2.simd_gt(s(70.0));
    let low = e1.simd_lt(s(-70.0)) & e2.simd_lt(s(-70.0));
    select(high, F64s::ZERO, select(low, r, mid))
}

/// Raw (cgs) outputs of a batch: d[0..9] as in the model, T∞, T.
struct Raw {
    d: [F64s; 9],
    tinf: F64s,
    tz: F64s,
}

/// Which of GTS7's outputs a batch needs, from its lanes' own altitudes (GTD7 calls GTS7 at
/// max(z, 72.5 km)).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gts7Need {
    /// Some lane is at or above 72.5 km: every species and the total density.
    Thermosphere,
    /// Every lane is below 72.5 km and some lane above 62.5 km (ZMIX): GTD7 keeps only He, N2,
    /// O2 and Ar from GTS7 at 72.5 km and sets O, H, N and anomalous O to zero, so those four
    /// species and the total density are not computed (returned as 0).
    Mesosphere,
    /// Every lane is at or below 62.5 km: GTD7's mixing weight DMC is 0 there, so the species
    /// densities of GTS7 at 72.5 km are multiplied by 0 and only ln DM28 and the temperature
    /// nodes are needed (the densities are returned as 0).
    FullyMixed,
}

/// GTS7 for lanes at altitudes `alt` (all ≥ 72.5 km). Also returns ln DM28 and the profile pieces
/// GTD7 needs below 72.5 km. `need` leaves out what no lane's GTD7 result depends on, which
/// changes no value GTD7 returns.
#[allow(clippy::too_many_arguments)]
fn gts7(
    alt: F64s,
    need: Gts7Need,
    flags: &Flags,
    h: &Harmonics,
    mags: &Mags,
    basis: &Glob7sBasis,
    gsurf: F64s,
    re: F64s,
) -> (Raw, F64s, [F64s; 5], F64s) {
    let sw = &flags.sw;
    let thermosphere = need == Gts7Need::Thermosphere;
    let ph = phases();
    let za = s(ZA_KM);
    let tinf0 = PTM[0] * PT[0];
    // T∞ varies only above ZA and the gradient only above 72.5 km: skipped when no lane is.
    let tinf = if sw[16] != 0.0 && alt.simd_gt(za).any() {
        select(
            alt.simd_gt(za),
            s(tinf0) * (s(1.0) + s(sw[16]) * globe7(&PT, &ph.pt, &mags.pt, flags, h)),
            s(tinf0),
        )
    } else {
        s(tinf0)
    };
    let g00 = PTM[3] * PS[0];
    let g0 = if sw[19] != 0.0 && alt.simd_gt(s(ZN1_KM[4])).any() {
        select(
            alt.simd_gt(s(ZN1_KM[4])),
            s(g00) * (s(1.0) + s(sw[19]) * globe7(&PS, &ph.ps, &mags.ps, flags, h)),
            s(g00),
        )
    } else {
        s(g00)
    };
    let tlb = s(PTM[1])
        * (s(1.0) + s(sw[17]) * globe7(&PD[3], &ph.pd[3], &mags.pd[3], flags, h))
        * s(PD[3][0]);
    let sv = g0 / (tinf - tlb);
    let mag = mags.pd[3];

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
        let g = |r: &Glob7sRow| glob7s(r, basis, &mag);
        let v1 = s(PTM[6] * PTL[0][0]) / (s(1.0) - s(sw[18]) * g(&ph.ptl[0]));
        let v2 = s(PTM[2] * PTL[1][0]) / (s(1.0) - s(sw[18]) * g(&ph.ptl[1]));
        let v3 = s(PTM[7] * PTL[2][0]) / (s(1.0) - s(sw[18]) * g(&ph.ptl[2]));
        let v4 = s(fixed4) / (s(1.0) - s(sw[18] * sw[20]) * g(&ph.ptl[3]));
        let vg = s(PTM[8] * PMA[8][0]) * (s(1.0) + s(sw[18] * sw[20]) * g(&ph.pma[8])) * v4 * v4
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
    let d_zero = [F64s::ZERO; 9];
    let mut d = d_zero;

    // Densities are carried as natural logarithms (cm⁻³) until the end: the model's products
    // of exponentials (DENSU, DNET, CCOR) become sums, and each species costs one final `exp`.
    let in_range = |alt_limit: f64, strict: bool| {
        if strict {
            z.simd_lt(s(alt_limit))
        } else {
            z.simd_le(s(alt_limit))
        }
    };

    // N2.
    let g28 = sw21 * globe7(&PD[2], &ph.pd[2], &mags.pd[2], flags, h);
    let ln_db28 = s((PDM[2][0] * PD[2][0]).ln()) + g28;
    let ln_d28 = prof.ln_density(&at, ln_db28, 28.0, ALPHA[2]);
    let at_zh28 = prof.at_below(s(PDM[2][2]) * zhf, re);
    let ln_b28 = prof.ln_density(&at_zh28, ln_db28, 28.0 - xmm, ALPHA[2] - 1.0);
    let ln_dm28 = prof.ln_density(&at, ln_b28, xmm, ALPHA[2]);
    if need == Gts7Need::FullyMixed {
        let raw = Raw {
            d: d_zero,
            tinf,
            tz: at.tz,
        };
        return (raw, ln_dm28, tn1, tgn1_end);
    }
    let n2_mix = in_range(ALTL_KM[2], false);
    d[2] = if sw15 && n2_mix.any() {
        math::exp(select(
            n2_mix,
            ln_dnet(ln_d28, ln_dm28, zhm28, xmm, 28.0),
            ln_d28,
        ))
    } else {
        math::exp(ln_d28)
    };

    // He, O, O2, Ar, H, N share the pattern: diffusive density, and below the species'
    // cut-off the mix with the fully mixed density from the turbopause, then corrections.
    // Returns ln of (diffusive density, mixed density at the turbopause, net density).
    let species = |row: usize, pdm: usize, xm: f64, alpha: f64, mix: bool| {
        let g = sw21 * globe7(&PD[row], &ph.pd[row], &mags.pd[row], flags, h);
        let ln_db = s((PDM[pdm][0] * PD[row][0]).ln()) + g;
        let ln_diff = prof.ln_density(&at, ln_db, xm, alpha);
        if !mix {
            return (ln_diff, ln_diff, ln_diff);
        }
        let at_zh = prof.at_below_fixed(PDM[pdm][2], re);
        let ln_b = prof.ln_density(&at_zh, ln_db, xm - xmm, alpha - 1.0);
        let ln_dm = prof.ln_density(&at, ln_b, xmm, 0.0);
        (ln_diff, ln_b, ln_dnet(ln_diff, ln_dm, zhm28, xmm, xm))
    };
    let f107a_dev = h.dfa; // F10.7A − 150

    // He.
    {
        let in_mix = in_range(ALTL_KM[0], true);
        let mix = sw15 && in_mix.any();
        let (ln_diff, ln_b04, ln_net) = species(0, 0, 4.0, ALPHA[0], mix);
        d[0] = if mix {
            let rl = ln_b28 + s(PDM[0][1].ln()) - ln_b04;
            let l = ln_net + ln_ccor(z, rl, PDM[0][5] * PDL[1][1], PDM[0][4] * PDL[1][0]);
            math::exp(select(in_mix, l, ln_diff))
        } else {
            math::exp(ln_diff)
        };
    }
    // O.
    if thermosphere {
        let in_mix = in_range(ALTL_KM[1], false);
        let mix = sw15 && in_mix.any();
        let (ln_diff, _, ln_net) = species(1, 1, 16.0, ALPHA[1], mix);
        d[1] = if mix {
            let rl = s(PDM[1][1] * PDL[1][16]) * (s(1.0) + s(sw[1] * PDL[0][23]) * f107a_dev);
            let l = ln_net
                + ln_ccor2(
                    z,
                    rl,
                    PDM[1][5] * PDL[1][3],
                    PDM[1][4] * PDL[1][2],
                    PDM[1][5] * PDL[1][4],
                )
                + ln_ccor(
                    z,
                    s(PDM[1][3] * PDL[1][14]),
                    PDM[1][7] * PDL[1][13],
                    PDM[1][6] * PDL[1][12],
                );
            math::exp(select(in_mix, l, ln_diff))
        } else {
            math::exp(ln_diff)
        };
    }
    // O2.
    {
        let in_mix = in_range(ALTL_KM[3], false);
        let mix = sw15 && in_mix.any();
        let (ln_diff, ln_b32, ln_net) = species(4, 3, 32.0, ALPHA[3], mix);
        d[3] = if sw15 {
            let mixed = if mix {
                let rl = ln_b28 + s(PDM[3][1].ln()) - ln_b32;
                let l = ln_net + ln_ccor(z, rl, PDM[3][5] * PDL[1][7], PDM[3][4] * PDL[1][6]);
                select(in_mix, l, ln_diff)
            } else {
                ln_diff
            };
            // Departure from diffusive equilibrium above ZLB, at every altitude.
            let rc32 = s(PDM[3][3] * PDL[1][23]) * (s(1.0) + s(sw[1] * PDL[0][23]) * f107a_dev);
            math::exp(
                mixed
                    + ln_ccor2(
                        z,
                        rc32,
                        PDM[3][7] * PDL[1][22],
                        PDM[3][6] * PDL[1][21],
                        PDM[3][7] * PDL[0][22],
                    ),
            )
        } else {
            math::exp(ln_diff)
        };
    }
    // Ar.
    {
        let in_mix = in_range(ALTL_KM[4], false);
        let mix = sw15 && in_mix.any();
        let (ln_diff, ln_b40, ln_net) = species(5, 4, 40.0, ALPHA[4], mix);
        d[4] = if mix {
            let rl = ln_b28 + s(PDM[4][1].ln()) - ln_b40;
            let l = ln_net + ln_ccor(z, rl, PDM[4][5] * PDL[1][9], PDM[4][4] * PDL[1][8]);
            math::exp(select(in_mix, l, ln_diff))
        } else {
            math::exp(ln_diff)
        };
    }
    // H.
    if thermosphere {
        let in_mix = in_range(ALTL_KM[6], false);
        let mix = sw15 && in_mix.any();
        let (ln_diff, ln_b01, ln_net) = species(6, 5, 1.0, ALPHA[6], mix);
        d[6] = if mix {
            let rl = ln_b28 + s((PDM[5][1] * PDL[1][17].abs()).ln()) - ln_b01;
            let l = ln_net
                + ln_ccor(z, rl, PDM[5][5] * PDL[1][11], PDM[5][4] * PDL[1][10])
                + ln_ccor(
                    z,
                    s(PDM[5][3] * PDL[1][20]),
                    PDM[5][7] * PDL[1][19],
                    PDM[5][6] * PDL[1][18],
                );
            math::exp(select(in_mix, l, ln_diff))
        } else {
            math::exp(ln_diff)
        };
    }
    // N.
    if thermosphere {
        let in_mix = in_range(ALTL_KM[7], false);
        let mix = sw15 && in_mix.any();
        let (ln_diff, ln_b14, ln_net) = species(7, 6, 14.0, ALPHA[7], mix);
        d[7] = if mix {
            let rl = ln_b28 + s((PDM[6][1] * PDL[0][2].abs()).ln()) - ln_b14;
            let l = ln_net
                + ln_ccor(z, rl, PDM[6][5] * PDL[0][1], PDM[6][4] * PDL[0][0])
                + ln_ccor(
                    z,
                    s(PDM[6][3] * PDL[0][5]),
                    PDM[6][7] * PDL[0][4],
                    PDM[6][6] * PDL[0][3],
                );
            math::exp(select(in_mix, l, ln_diff))
        } else {
            math::exp(ln_diff)
        };
    }
    // Anomalous O: its own isothermal profile at T = THO.
    if thermosphere {
        let g16h = sw21 * globe7(&PD[8], &ph.pd[8], &mags.pd[8], flags, h);
        let ln_db16h = s((PDM[7][0] * PD[8][0]).ln()) + g16h;
        let tho = s(PDM[7][9] * PDL[0][6]);
        // Isothermal at THO: above ZA the density is the Bates form at T = THO; the spline part
        // (below ZA) is built only when some lane needs it.
        let ln_dd = if z.simd_lt(s(ZA_KM)).any() {
            let hot = Profile::new(tho, tho, sv, &tn1, tgn1_end, gsurf, re);
            hot.ln_density(&hot.at(z, re), ln_db16h, 16.0, ALPHA[8])
        } else {
            let zg2 = zeta(z, s(PTM[5]), re);
            let q = s(1.0) + s(PTM[5]) / re;
            let gamma = s(16.0) * gsurf / (q * q) / (sv * s(RGAS) * tho);
            // (T_lb/T)^(…) = 1 at T_lb = T∞ = THO.
            ln_db16h + (-sv * gamma * zg2).min(s(LN_50))
        };
        let zsht = PDM[7][5];
        let zmho = PDM[7][4];
        let q = s(1.0) + s(zmho) / re;
        let g = gsurf / (q * q);
        let zsho = s(RGAS) * tho / (g * s(16.0));
        d[8] = math::exp(ln_dd - s(zsht) / zsho * (math::exp(-(z - s(zmho)) / s(zsht)) - s(1.0)));
    }
    if thermosphere {
        d[5] = s(AMU_G)
            * (s(4.0) * d[0]
                + s(16.0) * d[1]
                + s(28.0) * d[2]
                + s(32.0) * d[3]
                + s(40.0) * d[4]
                + d[6]
                + s(14.0) * d[7]);
    }
    (Raw { d, tinf, tz: at.tz }, ln_dm28, tn1, tgn1_end)
}

/// DENSM for lanes: temperature and (unless `xm` = 0) density below 72.5 km.
#[allow(clippy::too_many_arguments)]
fn densm(
    alt: F64s,
    d0: F64s,
    xm: f64,
    upper: &Spline<4>,
    tn2_0: F64s,
    lower: Option<(&Spline<5>, F64s)>,
    gsurf: F64s,
    re: F64s,
) -> (F64s, F64s) {
    let (t2, yi2) = upper.at(alt.max(s(ZN2_KM[3])), re);
    let q2 = s(1.0) + s(ZN2_KM[0]) / re;
    let gamm2 = s(xm) * gsurf / (q2 * q2) * upper.zgdif / s(RGAS);
    let dens2 = d0 * (tn2_0 / t2) * math::exp(-(gamm2 * yi2).min(s(50.0)));
    // The lower spline (`None` when no lane is at or below 32.5 km).
    let Some((lower, tn3_0)) = lower else {
        return (dens2, t2);
    };
    let (t3, yi3) = lower.at(alt, re);
    let q3 = s(1.0) + s(ZN3_KM[0]) / re;
    let gamm3 = s(xm) * gsurf / (q3 * q3) * lower.zgdif / s(RGAS);
    let dens3 = dens2 * (tn3_0 / t3) * math::exp(-(gamm3 * yi3).min(s(50.0)));
    let strat = alt.simd_le(s(ZN3_KM[0]));
    (select(strat, dens3, dens2), select(strat, t3, t2))
}

/// [`super::reference::LowerColumn`] for lanes: GTD7 below 72.5 km at fixed latitude,
/// longitude, time and space weather, with the splines set up. [`LowerColumnLanes::at`] gives
/// GTD7 at any altitude below 72.5 km, bit for bit what [`gtd7`] gives there for the same
/// horizontal inputs.
#[derive(Debug, Clone, Copy)]
pub struct LowerColumnLanes {
    tn2: [F64s; 4],
    tgn2: [F64s; 2],
    /// Zero unless built with the troposphere.
    tn3: [F64s; 5],
    tgn3: [F64s; 2],
    spl2: Spline<4>,
    spl3: Option<Spline<5>>,
    dm28: F64s,
    /// GTS7's He, N2, O2, Ar at 72.5 km (zero when `fully_mixed`).
    d_upper: [F64s; 4],
    tinf: F64s,
    gsurf: F64s,
    re: F64s,
    /// Built for altitudes at or below ZMIX only (GTS7's species at 72.5 km not computed).
    fully_mixed: bool,
}

impl LowerColumnLanes {
    /// From GTS7 at 72.5 km (`upper`, ln DM28 and the TN1 nodes): the PMA rows' nodes and the
    /// splines, the troposphere's only `with_troposphere`.
    fn new(
        flags: &Flags,
        mags: &Mags,
        basis: &Glob7sBasis,
        (gsurf, re): (F64s, F64s),
        (upper, ln_dm28, tn1, tgn1_end): (&Raw, F64s, &[F64s; 5], F64s),
        fully_mixed: bool,
        with_troposphere: bool,
    ) -> LowerColumnLanes {
        let sw = &flags.sw;
        let ph = phases();
        let mag = mags.pd[8];
        let g = |k: usize| glob7s(&ph.pma[k], basis, &mag);
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
        let spl2 = Spline::new(&ZN2_KM, &tn2, tgn2, re);
        let mut tn3 = [F64s::ZERO; 5];
        let mut tgn3 = [F64s::ZERO; 2];
        // The troposphere/stratosphere spline only where needed (at or below 32.5 km).
        let spl3 = with_troposphere.then(|| {
            tn3 = [
                tn2[3],
                s(PMA[3][0] * PAVGM[3]) / (s(1.0) - sw22 * g(3)),
                s(PMA[4][0] * PAVGM[4]) / (s(1.0) - sw22 * g(4)),
                s(PMA[5][0] * PAVGM[5]) / (s(1.0) - sw22 * g(5)),
                s(PMA[6][0] * PAVGM[6]) / (s(1.0) - sw22 * g(6)),
            ];
            let a6 = PMA[6][0] * PAVGM[6];
            tgn3 = [
                tgn2[1],
                s(PMA[7][0] * PAVGM[7]) * (s(1.0) + sw22 * g(7)) * tn3[4] * tn3[4] / s(a6 * a6),
            ];
            Spline::new(&ZN3_KM, &tn3, tgn3, re)
        });
        LowerColumnLanes {
            tn2,
            tgn2,
            tn3,
            tgn3,
            spl2,
            spl3,
            dm28: math::exp(ln_dm28),
            d_upper: [upper.d[0], upper.d[2], upper.d[3], upper.d[4]],
            tinf: upper.tinf,
            gsurf,
            re,
            fully_mixed,
        }
    }

    /// Raw (cgs) densities d[0..9] and the temperature at `alt` km, every lane below 72.5 km
    /// (and at or below 62.5 km if built `fully_mixed`, above 32.5 km if built without the
    /// troposphere).
    fn raw_at(&self, alt: F64s) -> ([F64s; 9], F64s) {
        let dmc = select(
            alt.simd_gt(s(ZMIX_KM)),
            s(1.0) - (s(ZN2_KM[0]) - alt) / s(ZN2_KM[0] - ZMIX_KM),
            F64s::ZERO,
        );
        let [he, dz28, o2, ar] = self.d_upper;
        let (n2_m, t_low) = densm(
            alt,
            self.dm28,
            XMM,
            &self.spl2,
            self.tn2[0],
            self.spl3.as_ref().map(|spl| (spl, self.tn3[0])),
            self.gsurf,
            self.re,
        );
        // Below ZMIX the mixing weight dmc is 0: n2 = n2_m · (1 + dmr · 0) = n2_m, and each
        // species is n2 · ratio · 1, whatever GTS7's densities (not computed then).
        let n2 = if self.fully_mixed {
            n2_m
        } else {
            let dmr = dz28 / self.dm28 - s(1.0);
            n2_m * (s(1.0) + dmr * dmc)
        };
        let inv_dz28 = s(1.0) / dz28;
        let mix = |upper: F64s, pdm: usize| {
            if self.fully_mixed {
                return n2 * s(PDM[pdm][1]);
            }
            let dmr = upper * inv_dz28 * s(1.0 / PDM[pdm][1]) - s(1.0);
            n2 * s(PDM[pdm][1]) * (s(1.0) + dmr * dmc)
        };
        let mut d = [F64s::ZERO; 9];
        d[0] = mix(he, 0);
        d[2] = n2;
        d[3] = mix(o2, 3);
        d[4] = mix(ar, 4);
        d[5] = s(AMU_G) * (s(4.0) * d[0] + s(28.0) * d[2] + s(32.0) * d[3] + s(40.0) * d[4]);
        (d, t_low)
    }

    /// GTD7 at `altitude_km` (every lane below 72.5 km), SI.
    pub fn at(&self, altitude_km: F64s) -> OutputLanes {
        let (d, tz) = self.raw_at(altitude_km);
        output_from_raw(&d, self.tinf, tz)
    }

    /// Lane `i` as the reference column (the nodes, not the spline set-up). Only for columns
    /// of [`lower_column`] (built with the mixing region and the troposphere).
    pub(crate) fn lane(&self, i: usize) -> super::reference::LowerColumn {
        debug_assert!(!self.fully_mixed && self.spl3.is_some());
        let l = |v: F64s| v.to_array()[i];
        super::reference::LowerColumn {
            tn2: self.tn2.map(l),
            tgn2: self.tgn2.map(l),
            tn3: self.tn3.map(l),
            tgn3: self.tgn3.map(l),
            dm28: l(self.dm28),
            d_upper: self.d_upper.map(l),
            tinf: l(self.tinf),
            gsurf: l(self.gsurf),
            re: l(self.re),
        }
    }
}

/// The SI outputs from raw (cgs) densities and the temperatures.
fn output_from_raw(d: &[F64s; 9], tinf: F64s, tz: F64s) -> OutputLanes {
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
        exospheric_temperature_k: tinf,
        temperature_k: tz,
        density_gtd7_kg_m3: d[5] * s(G_CM3_TO_KG_M3),
        density_gtd7d_kg_m3: gtd7d * s(G_CM3_TO_KG_M3),
    }
}

/// GLATF for lanes: gravity at the surface (cm/s²) and the effective Earth radius (km) at the
/// points' latitude (45° with switch 2 off); see [`super::reference::glatf`].
fn glatf(input: &InputLanes, flags: &Flags) -> (F64s, F64s) {
    let lat = if flags.sw[2] == 0.0 {
        s(45.0)
    } else {
        input.latitude_deg
    };
    let (_, cs2) = math::sin_cos(s(2.0 * DGTR) * lat);
    let gsurf = s(980.616) * (s(1.0) - s(0.0026373) * cs2);
    let re = s(2.0) * gsurf / (s(3.085462e-6) + s(2.27e-9) * cs2) * s(1.0e-5);
    (gsurf, re)
}

/// The [`LowerColumnLanes`] of LANES points (their altitudes are not used): GTS7 at 72.5 km, the
/// node temperatures and both splines.
pub fn lower_column(input: &InputLanes, switches: &Switches) -> LowerColumnLanes {
    let flags = Flags::new(switches);
    let h = Harmonics::new(input);
    let (gsurf, re) = glatf(input, &flags);
    let mags = Mags::new(&h, &flags);
    let basis = Glob7sBasis::new(&h, &flags);
    let (upper, ln_dm28, tn1, tgn1_end) = gts7(
        s(ZN2_KM[0]),
        Gts7Need::Mesosphere,
        &flags,
        &h,
        &mags,
        &basis,
        gsurf,
        re,
    );
    LowerColumnLanes::new(
        &flags,
        &mags,
        &basis,
        (gsurf, re),
        (&upper, ln_dm28, &tn1, tgn1_end),
        false,
        true,
    )
}

/// NRLMSISE-00 at [`LANES`](crate::LANES) points (see [`super::reference::gtd7`]), SI.
pub fn gtd7(input: &InputLanes, switches: &Switches) -> OutputLanes {
    let flags = Flags::new(switches);
    let h = Harmonics::new(input);
    let (gsurf, re) = glatf(input, &flags);
    let alt = input.altitude_km;
    let altt = alt.max(s(ZN2_KM[0]));
    let mags = Mags::new(&h, &flags);
    let below = alt.simd_lt(s(ZN2_KM[0]));
    let need = if !below.all() {
        Gts7Need::Thermosphere
    } else if alt.simd_gt(s(ZMIX_KM)).any() {
        Gts7Need::Mesosphere
    } else {
        Gts7Need::FullyMixed
    };
    // Built for every batch (it is only unused when every lane is above 300 km).
    let basis = Glob7sBasis::new(&h, &flags);
    let (upper, ln_dm28, tn1, tgn1_end) = gts7(altt, need, &flags, &h, &mags, &basis, gsurf, re);
    let mut d = upper.d;
    let mut tz = upper.tz;
    if below.any() {
        let troposphere = alt.simd_le(s(ZN3_KM[0])).any();
        let column = LowerColumnLanes::new(
            &flags,
            &mags,
            &basis,
            (gsurf, re),
            (&upper, ln_dm28, &tn1, tgn1_end),
            need == Gts7Need::FullyMixed,
            troposphere,
        );
        let (low, t_low) = column.raw_at(alt);
        for k in 0..9 {
            d[k] = select(below, low[k], d[k]);
        }
        tz = select(below, t_low, tz);
    }
    output_from_raw(&d, upper.tinf, tz)
}
