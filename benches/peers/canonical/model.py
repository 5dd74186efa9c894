"""The canonical peer-comparison problem in plain Python (the equations of PHYSICS.md).

One tumbling solid aluminium-6061 sphere (d = 0.1 m) from a 120 km entry state to demise:
WGS-84 geodetic altitude (Vermeille 2004, as crates/physics earth::reference::geodetic_from_ecef),
J2 gravity, rotating ECEF frame, drag with the Knudsen-bridged C_D on A_ref = S/4, Detra-Kemp-
Riddell stagnation heating bridged to free-molecular flow (Koppenwallner form), surface-average
factor F(Kn), lumped heat balance with melting at T_m (temperature clamped to T_m at the switch,
as the solver does), demise at m = 1e-3 m0. Same constants as the Rust side
(benches/src/canonical.rs); every number below is from PHYSICS.md.

Atmosphere: one exponential band rho = rho0 exp(-h/H). With the exponential model p = rho R* T/M0,
so the mean free path lambda = k_B M0 / (sqrt2 pi d^2 R* rho) does not depend on T, and the
continuum C_D(M) is flat (0.92) above Mach 5; `solve_scipy` checks that the speed stays above
5 x the largest US76 speed of sound below 120 km, so T never enters the problem.
"""

import math

# PHYSICS.md section 1 (WGS-84, EGM-96 J2, CODATA).
GM = 3.986004418e14
OMEGA = 7.292115e-5
A_EQ = 6378137.0
FLATTENING = 1.0 / 298.257223563
E2 = FLATTENING * (2.0 - FLATTENING)
J2 = 1.08262668e-3
G0 = 9.80665
SIGMA = 5.670374419e-8
K_B = 1.380649e-23
# PHYSICS.md section 2 (US76 collision diameter, R*, M0).
COLLISION_DIAMETER_M = 3.65e-10
R_STAR = 8314.32
M0_AIR = 28.9644
# Single exponential band (benches/src/canonical.rs).
RHO0 = 1.225
SCALE_HEIGHT_M = 7250.0
# Mean free path constant: lambda = LAMBDA_RHO / rho.
LAMBDA_RHO = K_B * M0_AIR / (math.sqrt(2.0) * math.pi * COLLISION_DIAMETER_M**2 * R_STAR)
# PHYSICS.md section 3.
CD_FM = 2.0
CD_CONTINUUM_HYPERSONIC = 0.92
KN_CONTINUUM = 1e-3
KN_FREE_MOLECULAR = 10.0
# Largest US76 speed of sound below 120 km: sqrt(1.4 R* T / M0) at T = 360 K (120 km) is 380 m/s.
MACH5_SPEED_M_S = 5.0 * math.sqrt(1.4 * R_STAR * 360.0 / M0_AIR)
# PHYSICS.md section 4.
DKR_C = 1.1035e8
DKR_RHO = 1.225
DKR_V = 7924.8
DKR_N = 3.15
F_CONTINUUM = 0.275
F_FREE_MOLECULAR = 0.25
# PHYSICS.md section 5, aluminium-6061.
DENSITY = 2700.0
CP = 896.0
T_MELT = 855.0
H_FUSION = 386e3
EMISSIVITY = 0.30
DEMISE_FRACTION = 1e-3
# The sphere and its entry state (benches/src/canonical.rs).
DIAMETER_M = 0.1
MASS0 = DENSITY * math.pi * DIAMETER_M**3 / 6.0
SURFACE0 = math.pi * DIAMETER_M**2
AREA0 = SURFACE0 / 4.0
LENGTH0 = DIAMETER_M
NOSE0 = DIAMETER_M / 2.0
T0 = 300.0
ENTRY = dict(lat_deg=-40.0, lon_deg=-150.0, alt_m=120e3, speed_m_s=7500.0, fpa_deg=-1.5, heading_deg=120.0)


def entry_state():
    """ECEF position (m) and Earth-relative velocity (m/s) of the entry state (NIMA TR8350.2)."""
    lat = math.radians(ENTRY["lat_deg"])
    lon = math.radians(ENTRY["lon_deg"])
    h = ENTRY["alt_m"]
    sl, cl = math.sin(lat), math.cos(lat)
    so, co = math.sin(lon), math.cos(lon)
    n = A_EQ / math.sqrt(1.0 - E2 * sl * sl)
    r = [(n + h) * cl * co, (n + h) * cl * so, (n * (1.0 - E2) + h) * sl]
    east = [-so, co, 0.0]
    north = [-sl * co, -sl * so, cl]
    up = [cl * co, cl * so, sl]
    g = math.radians(ENTRY["fpa_deg"])
    psi = math.radians(ENTRY["heading_deg"])
    ve = ENTRY["speed_m_s"] * math.cos(g) * math.sin(psi)
    vn = ENTRY["speed_m_s"] * math.cos(g) * math.cos(psi)
    vu = ENTRY["speed_m_s"] * math.sin(g)
    v = [ve * east[i] + vn * north[i] + vu * up[i] for i in range(3)]
    return r, v


def geodetic(x, y, z):
    """(latitude rad, longitude rad, altitude m) from ECEF (m): Vermeille (2004), exact."""
    a2 = A_EQ * A_EQ
    e4 = E2 * E2
    rho2 = x * x + y * y
    rho = math.sqrt(rho2)
    p = rho2 / a2
    q = (1.0 - E2) * z * z / a2
    r = (p + q - e4) / 6.0
    s = e4 * p * q / (4.0 * r * r * r)
    t = (1.0 + s + math.sqrt(s * (2.0 + s))) ** (1.0 / 3.0)
    u = r * (1.0 + t + 1.0 / t)
    v = math.sqrt(u * u + e4 * q)
    w = E2 * (u + v - q) / (2.0 * v)
    k = math.sqrt(u + v + w * w) - w
    d = k * rho / (k + E2)
    dz = math.sqrt(d * d + z * z)
    return 2.0 * math.atan2(z, d + dz), math.atan2(y, x), (k + E2 - 1.0) / k * dz


def bridge_weight(kn):
    """w(Kn): 0 for Kn <= 1e-3, 1 for Kn >= 10, else sin^2(pi (3/8 + log10(Kn)/8))."""
    if kn <= KN_CONTINUUM:
        return 0.0
    if kn >= KN_FREE_MOLECULAR:
        return 1.0
    s = math.sin(math.pi * (0.375 + math.log10(kn) / 8.0))
    return s * s


def rhs(t, y):
    """d/dt of [x, y, z, vx, vy, vz, m, T] (ECEF, SI)."""
    x, yy, z, vx, vy, vz, m, temp = y
    if not m > 0.0:
        # A trial stage past demise: NaN rates make the integrator reject the step (sqrt of a
        # negative size gives NaN in the Rust solver too).
        return [math.nan] * 8
    h = geodetic(x, yy, z)[2]
    rho = RHO0 * math.exp(-h / SCALE_HEIGHT_M)
    speed = math.sqrt(vx * vx + vy * vy + vz * vz)
    size = (m / MASS0) ** (1.0 / 3.0)
    area = AREA0 * size * size
    surface = SURFACE0 * size * size
    length = LENGTH0 * size
    nose = NOSE0 * size
    kn = LAMBDA_RHO / rho / length
    w = bridge_weight(kn)
    cd = CD_CONTINUUM_HYPERSONIC + (CD_FM - CD_CONTINUUM_HYPERSONIC) * w
    dps = 0.5 * rho * speed * cd * area / m
    r2 = x * x + yy * yy + z * z
    rn = math.sqrt(r2)
    zz = 5.0 * z * z / r2
    j = 1.5 * J2 * A_EQ * A_EQ / r2
    gm_r3 = GM / (r2 * rn)
    ax = -gm_r3 * x * (1.0 + j * (1.0 - zz)) + 2.0 * OMEGA * vy + OMEGA * OMEGA * x - dps * vx
    ay = -gm_r3 * yy * (1.0 + j * (1.0 - zz)) - 2.0 * OMEGA * vx + OMEGA * OMEGA * yy - dps * vy
    az = -gm_r3 * z * (1.0 + j * (3.0 - zz)) - dps * vz
    q_c = DKR_C / math.sqrt(nose) * math.sqrt(rho / DKR_RHO) * (speed / DKR_V) ** DKR_N
    q_fm = 0.5 * rho * speed**3
    q_s = q_c * q_fm / math.sqrt(q_c * q_c + q_fm * q_fm)
    f = F_CONTINUUM + (F_FREE_MOLECULAR - F_CONTINUUM) * w
    q_net = f * q_s * surface - EMISSIVITY * SIGMA * temp**4 * surface
    if temp >= T_MELT and q_net > 0.0:
        dm, dtemp = -q_net / H_FUSION, 0.0
    else:
        dm, dtemp = 0.0, q_net / (m * CP)
    return [vx, vy, vz, ax, ay, az, dm, dtemp]


def absolute_tolerances(absolute_position_m):
    """The solver's absolute tolerances (crates/solver reference::absolute_tolerances)."""
    a = absolute_position_m
    return [a, a, a, a * 1e-3, a * 1e-3, a * 1e-3, a * 1e-3 * MASS0, a]


def initial_state():
    r, v = entry_state()
    return r + v + [MASS0, T0]


def end_summary(t, y):
    """End state as the Rust example reports it."""
    lat, lon, h = geodetic(y[0], y[1], y[2])
    return {
        "end_time_s": t,
        "end_altitude_m": h,
        "end_latitude_deg": math.degrees(lat),
        "end_longitude_deg": math.degrees(lon),
        "mass_kg": y[6],
        "end_position_ecef_m": list(y[0:3]),
        "end_velocity_ecef_m_s": list(y[3:6]),
    }
