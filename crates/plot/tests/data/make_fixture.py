#!/usr/bin/env python3
"""Writes the synthetic run directory `progress-like/` used by the plot tests.

A small, physically plausible stand-in for a `reentry run` of a Progress-like controlled
re-entry (the real solver is not used, so the plot tests do not depend on it):
  * entry state at 120 km over the Tasman Sea west of New Zealand (-40.0 deg, 163.0 deg E), Earth-relative speed
    7,600 m/s, flight-path angle -1.6 deg, heading 110 deg (the ground track crosses the
    antimeridian into the South Pacific, and the debris land on both sides of it);
  * a target zone 172 deg E .. 150 deg W, 38..52 deg S, itself across the antimeridian;
  * planar point-mass dynamics over a spherical Earth (R = 6,371 km, g = 9.81 (R/r)^2),
    exponential atmosphere rho = 1.225 exp(-h / 7.2 km), drag only;
  * break-up at 78 km (dispersed uniformly in 72..84 km), solar arrays released at 97 km;
  * Sutton-Graves stagnation heat flux q = 1.7415e-4 sqrt(rho / R_n) V^3 (W/m^2), a lumped heat
    balance (half the surface heated at the stagnation flux, radiation from all of it) and
    melting at T_m with the heat of fusion; demise at m <= 1e-3 m0 (solid) or 0.05 m0 (hollow).
Samples 1..5 disperse the density (x exp(N(0, 0.15))), the flight-path angle (N(0, 0.05) deg),
the break-up altitude and each fragment's mass (x N(1, 0.05)) with a fixed seed, so the
files are reproducible: `python3 make_fixture.py` rewrites them identically.
"""

import json
import math
import os
import random

R_EARTH_M = 6371e3
G0 = 9.81
SIGMA = 5.670374419e-8
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progress-like")

MATERIALS = {  # PHYSICS.md section 5 table (rho, c_p, T_m, h_f kJ/kg, emissivity)
    "cfrp": (1600, 1100, 800, 1350, 0.85),
    "titanium-6al4v": (4430, 670, 1905, 338, 0.77),
    "stainless-316": (8000, 640, 1665, 270, 0.85),
    "electronics": (3000, 790, 646, 49, 0.40),
    "aluminium-amg6": (2640, 920, 870, 390, 0.30),
    "battery-nicd": (8770, 338, 1160, 174.5, 0.5),
}

# id, count, material, shape, mass_kg, reference area m^2 (tumbling), total surface m^2,
# nose radius m, cd, hollow, release altitude km (None: at break-up)
FRAGMENTS = [
    ("solar-array-wing", 2, "cfrp", "plate", 35.0, 2.6, 10.0, 1.0, 1.5, False, 97.0),
    ("cargo-hull-panel", 8, "aluminium-amg6", "plate", 40.0, 1.3, 5.0, 0.8, 1.4, False, None),
    ("avionics-box", 14, "electronics", "box", 20.0, 0.09, 0.54, 0.2, 1.2, False, None),
    ("battery", 4, "battery-nicd", "box", 30.0, 0.05, 0.3, 0.15, 1.2, False, None),
    ("ktdu-propellant-tank", 4, "titanium-6al4v", "sphere", 28.0, 0.45, 1.8, 0.38, 1.0, True, None),
    ("skd-engine", 1, "stainless-316", "cylinder", 40.0, 0.25, 1.2, 0.25, 1.0, True, None),
    ("docking-probe", 1, "stainless-316", "cylinder", 35.0, 0.15, 0.8, 0.15, 1.0, False, None),
]
VEHICLE = dict(mass_kg=5600.0, cd=1.8, area_m2=15.0)
ENTRY = dict(lat=-40.0, lon=163.0, alt_m=120e3, speed=7600.0, fpa_deg=-1.6, heading_deg=110.0)
TARGET_ZONE = [[172.0, -38.0], [-150.0, -38.0], [-150.0, -52.0], [172.0, -52.0]]
SAMPLES = 6
SEED = 7
STEP_S = 0.25  # integration step
OUT_STEP_S = 5.0  # trajectory.csv output step


def destination(lat, lon, heading_deg, distance_m):
    """Great-circle destination point (spherical Earth)."""
    p1, l1, th = math.radians(lat), math.radians(lon), math.radians(heading_deg)
    d = distance_m / R_EARTH_M
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    lon2 = (math.degrees(l2) + 180.0) % 360.0 - 180.0
    return math.degrees(p2), lon2


class Body:
    def __init__(self, t, h, v, gamma, s, cross, mass, area, cd, rn=None, material=None,
                 surface=None, hollow=False, temperature=300.0):
        self.t, self.h, self.v, self.gamma, self.s, self.cross = t, h, v, gamma, s, cross
        self.mass, self.m0, self.area, self.cd, self.rn = mass, mass, area, cd, rn
        self.material, self.surface, self.hollow, self.temp = material, surface, hollow, temperature
        self.q = 0.0
        self.decel = 0.0
        self.peak_q = self.peak_t = self.peak_decel = 0.0

    def step(self, dt, density_scale):
        rho = density_scale * 1.225 * math.exp(-self.h / 7200.0)
        r = R_EARTH_M + self.h
        g = G0 * (R_EARTH_M / r) ** 2
        drag = 0.5 * rho * self.v ** 2 * self.cd * self.area / self.mass
        self.decel = drag / G0
        dv = -drag - g * math.sin(self.gamma)
        dgamma = (self.v / r - g / self.v) * math.cos(self.gamma)
        self.h += self.v * math.sin(self.gamma) * dt
        self.s += self.v * math.cos(self.gamma) * R_EARTH_M / r * dt
        self.v = max(self.v + dv * dt, 1.0)
        self.gamma += dgamma * dt
        self.t += dt
        self.peak_decel = max(self.peak_decel, self.decel)
        if self.material is not None:
            _, cp, tm, hf, eps = MATERIALS[self.material]
            self.q = 1.7415e-4 * math.sqrt(rho / self.rn) * self.v ** 3
            q_in = 0.5 * self.surface * self.q
            q_rad = eps * SIGMA * self.surface * self.temp ** 4
            net = q_in - q_rad
            if self.temp < tm or net <= 0.0:
                self.temp += net / (self.mass * cp) * dt
                self.temp = min(self.temp, tm)
            else:
                self.mass -= net / (hf * 1e3) * dt
            self.peak_q = max(self.peak_q, self.q)
            self.peak_t = max(self.peak_t, self.temp)

    def demised(self):
        return self.mass <= (0.05 if self.hollow else 1e-3) * self.m0


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, float):
        r = repr(x)
        return r[:-2] if r.endswith(".0") and "e" not in r else r
    return str(x)


def run_sample(sample, rng):
    nominal = sample == 0
    density_scale = 1.0 if nominal else math.exp(rng.gauss(0.0, 0.15))
    fpa = ENTRY["fpa_deg"] + (0.0 if nominal else rng.gauss(0.0, 0.05))
    breakup_alt_m = 78e3 if nominal else rng.uniform(72e3, 84e3)
    mass_scale = {f[0]: 1.0 if nominal else rng.gauss(1.0, 0.05) for f in FRAGMENTS}
    cross_kick = {f[0]: 0.0 if nominal else rng.gauss(0.0, 3000.0) for f in FRAGMENTS}

    history = []  # (fragment, body, is_vehicle)
    rows = []

    def record(name, b, is_vehicle):
        lat, lon = position(b)
        history.append((name, b.t, lat, lon, b.h, b.v, math.degrees(b.gamma), b.mass,
                        None if is_vehicle else b.temp, None if is_vehicle else b.q,
                        b.v / 300.0, 0.0, b.decel, density_scale * 1.225 * math.exp(-b.h / 7200.0)))

    def position(b):
        lat, lon = destination(ENTRY["lat"], ENTRY["lon"], ENTRY["heading_deg"], b.s)
        return destination(lat, lon, ENTRY["heading_deg"] + 90.0, b.cross)

    vehicle = Body(0.0, ENTRY["alt_m"], ENTRY["speed"], math.radians(fpa), 0.0, 0.0,
                   VEHICLE["mass_kg"], VEHICLE["area_m2"], VEHICLE["cd"])
    pending = list(FRAGMENTS)
    flying = []
    next_out = 0.0

    def release(f, parent):
        fid, count, mat, shape, m, area, surf, rn, cd, hollow, rel = f
        b = Body(parent.t, parent.h, parent.v, parent.gamma, parent.s, parent.cross,
                 m * mass_scale[fid], area, cd, rn, mat, surf, hollow, 300.0)
        b.cross_rate = cross_kick[fid] / 300.0
        b.release_alt_km = parent.h / 1e3
        b.spec = f
        flying.append(b)

    while True:
        if nominal and vehicle.t >= next_out - 1e-9:
            record("vehicle", vehicle, True)
            next_out += OUT_STEP_S
        vehicle.step(STEP_S, density_scale)
        for f in [f for f in pending if f[10] is not None and vehicle.h <= f[10] * 1e3]:
            pending.remove(f)
            release(f, vehicle)
        if vehicle.h <= breakup_alt_m:
            break
    if nominal:
        record("vehicle", vehicle, True)
    breakup_s = vehicle.s
    breakup_lat, breakup_lon = position(vehicle)
    rows.append(dict(sample=sample, fragment="vehicle", parent=None, count=1, material=None,
                     shape="vehicle", fate="broke-up", release_alt_km=ENTRY["alt_m"] / 1e3,
                     end_time_s=vehicle.t, end_lat_deg=breakup_lat, end_lon_deg=breakup_lon,
                     end_alt_km=vehicle.h / 1e3, demise_alt_km=None, impact_speed_m_s=None,
                     mass_kg=vehicle.mass, impact_energy_j=None, casualty_area_m2=None,
                     peak_heat_flux_w_m2=None, peak_temperature_k=None,
                     peak_decel_g=vehicle.peak_decel, downrange_km=0.0, crossrange_km=0.0))
    for f in pending:
        release(f, vehicle)

    for b in flying:
        fid, count, mat, shape = b.spec[:4]
        next_out = math.ceil(b.t / OUT_STEP_S) * OUT_STEP_S
        fate = None
        while fate is None:
            if nominal and b.t >= next_out - 1e-9:
                record(fid, b, False)
                next_out += OUT_STEP_S
            b.step(STEP_S, density_scale)
            if b.h > 20e3:
                b.cross += b.cross_rate * STEP_S
            if b.demised():
                b.mass = max(b.mass, 0.0)
                fate = "demised"
            elif b.h <= 0.0:
                fate = "landed"
        if nominal:
            record(fid, b, False)
        lat, lon = position(b)
        landed = fate == "landed"
        energy = 0.5 * b.mass * b.v ** 2 if landed else None
        dca = (math.sqrt(0.36) + math.sqrt(b.area)) ** 2 if landed and energy >= 15 else (0.0 if landed else None)
        rows.append(dict(sample=sample, fragment=fid, parent="vehicle", count=count, material=mat,
                         shape=shape, fate=fate, release_alt_km=b.release_alt_km, end_time_s=b.t,
                         end_lat_deg=lat, end_lon_deg=lon, end_alt_km=max(b.h, 0.0) / 1e3,
                         demise_alt_km=None if landed else b.h / 1e3,
                         impact_speed_m_s=b.v if landed else None, mass_kg=b.mass,
                         impact_energy_j=energy, casualty_area_m2=dca,
                         peak_heat_flux_w_m2=b.peak_q, peak_temperature_k=b.peak_t,
                         peak_decel_g=b.peak_decel, downrange_km=(b.s - breakup_s) / 1e3,
                         crossrange_km=b.cross / 1e3))
    return rows, history


def main():
    rng = random.Random(SEED)
    all_rows, nominal_history = [], []
    for sample in range(SAMPLES):
        rows, history = run_sample(sample, rng)
        all_rows.extend(rows)
        if sample == 0:
            nominal_history = history
    columns = ("sample,fragment,parent,count,material,shape,fate,release_alt_km,end_time_s,"
               "end_lat_deg,end_lon_deg,end_alt_km,demise_alt_km,impact_speed_m_s,mass_kg,"
               "impact_energy_j,casualty_area_m2,peak_heat_flux_w_m2,peak_temperature_k,"
               "peak_decel_g,downrange_km,crossrange_km").split(",")
    with open(os.path.join(HERE, "fragments.csv"), "w") as f:
        f.write(",".join(columns) + "\n")
        for row in all_rows:
            f.write(",".join(fmt(row[c]) for c in columns) + "\n")
    tcols = ("sample,fragment,time_s,lat_deg,lon_deg,alt_km,speed_m_s,flight_path_angle_deg,"
             "mass_kg,temperature_k,heat_flux_w_m2,mach,knudsen,decel_g,density_kg_m3")
    with open(os.path.join(HERE, "trajectory.csv"), "w") as f:
        f.write(tcols + "\n")
        for (name, t, lat, lon, h, v, gam, m, temp, q, mach, kn, dec, rho) in nominal_history:
            vals = [0, name, round(t, 3), round(lat, 6), round(lon, 6), round(h / 1e3, 4),
                    round(v, 2), round(gam, 4), round(m, 4),
                    None if temp is None else round(temp, 2), None if q is None else round(q, 1),
                    round(mach, 3), kn, round(dec, 4), float("%.6g" % rho)]
            f.write(",".join(fmt(x) if not isinstance(x, int) else str(x) for x in vals) + "\n")
    landed = [r for r in all_rows if r["fate"] == "landed"]
    fates = {k: sum(1 for r in all_rows if r["fate"] == k) for k in
             ("demised", "landed", "broke-up", "time-limit", "non-finite")}
    summary = {
        "scenario": "progress-like-fixture",
        "seed": SEED,
        "samples": SAMPLES,
        "shard": None,
        "version": "fixture",
        "simd": "none",
        "wall_time_s": 0.0,
        "fragments_simulated": len(all_rows),
        "fates": fates,
        "surviving_mass_kg": {"mean": sum(r["mass_kg"] * r["count"] for r in landed) / SAMPLES},
        "target_zone_deg": TARGET_ZONE,
        "materials": {k: {"melt_temperature_k": float(v[2])} for k, v in sorted(MATERIALS.items())},
        "scenario_file": "scenarios/progress-like-fixture.toml",
        "kernel": "reference",
    }
    with open(os.path.join(HERE, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
