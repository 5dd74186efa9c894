#!/usr/bin/env python3
"""Convert Natural Earth land polygons (world-atlas@2.0.2 TopoJSON) into the compact binary
rings read by `reentry_physics::earth::land`.

Usage (standard library only):
    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 convert_land.py /tmp/package/land-50m.json land-50m.bin
    python3 convert_land.py /tmp/package/land-110m.json land-110m.bin

Output format (little-endian):
    magic   b"RLND"
    u32     format version (1)
    u32     ring count
    per ring: u32 vertex count n, then n pairs (i32 longitude, i32 latitude) in microdegrees.
Rings are implicitly closed (the repeated closing vertex is dropped), every vertex lies in
[-180, 180] x [-90, 90], and the rings are meant for the even-odd rule in the plane of
longitude and latitude (holes such as the Caspian Sea are rings too).

The TopoJSON is spherical: a ring may cross the antimeridian or wind around a pole.
Planar rings are made from it as follows:
  * longitudes of each ring are unwrapped so that consecutive vertices differ by < 180 deg;
  * a ring whose unwrapped longitudes advance by +-360 deg encircles a pole (Antarctica):
    it is closed through the pole (two vertices at latitude -90 or +90);
  * a ring of vertices all within 0.01 deg of a pole is a degenerate sliver around the pole
    (the 50m Antarctica polygon carries one as a "hole" at -89.999) and is dropped;
  * the unwrapped ring is cut into the [-180, 180] window by clipping copies shifted by
    -360, 0, +360 deg (Sutherland-Hodgman against the two meridians). Clipping leaves
    pairs of coincident edges on the meridian; they cancel under the even-odd rule.
"""

import json
import struct
import sys

POLE_SLIVER_DEG = 0.01


def decode(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def arc_points(index):
        return arcs[index] if index >= 0 else arcs[~index][::-1]

    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = []
                for index in ring:
                    a = arc_points(index)
                    points.extend(a if not points else a[1:])
                if len(points) > 1 and points[0] == points[-1]:
                    points.pop()
                rings.append(points)
    return rings


def unwrap(ring):
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180.0:
            lon -= 360.0
        while lon - prev < -180.0:
            lon += 360.0
        out.append((lon, lat))
    return out


def clip(ring, keep, intersect):
    """Sutherland-Hodgman against one half-plane."""
    out = []
    n = len(ring)
    for i in range(n):
        cur = ring[i]
        prev = ring[i - 1]
        if keep(cur):
            if not keep(prev):
                out.append(intersect(prev, cur))
            out.append(cur)
        elif keep(prev):
            out.append(intersect(prev, cur))
    return out


def at_lon(lon0):
    def f(a, b):
        t = (lon0 - a[0]) / (b[0] - a[0])
        return (lon0, a[1] + t * (b[1] - a[1]))
    return f


def area(ring):
    s = 0.0
    for i in range(len(ring)):
        x0, y0 = ring[i - 1]
        x1, y1 = ring[i]
        s += x0 * y1 - x1 * y0
    return 0.5 * s


def planar_rings(ring):
    if all(abs(abs(lat) - 90.0) < POLE_SLIVER_DEG for _, lat in ring):
        return []
    u = unwrap(ring)
    closing = u[0][0] - u[-1][0]
    while closing > 180.0:
        closing -= 360.0
    while closing < -180.0:
        closing += 360.0
    net = (u[-1][0] + closing) - u[0][0]
    if abs(net) > 180.0:
        # Encircles a pole: close through the pole on the side of the ring's mean latitude.
        pole = -90.0 if sum(lat for _, lat in u) < 0 else 90.0
        end_lon = u[-1][0]
        first_lon = u[0][0]
        u = u + [(end_lon + closing, u[0][1]), (end_lon + closing, pole), (first_lon, pole)]
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        s = [(lon + shift, lat) for lon, lat in u]
        if max(p[0] for p in s) <= -180.0 or min(p[0] for p in s) >= 180.0:
            continue
        s = clip(s, lambda p: p[0] >= -180.0, at_lon(-180.0))
        if len(s) < 3:
            continue
        s = clip(s, lambda p: p[0] <= 180.0, at_lon(180.0))
        if len(s) >= 3 and abs(area(s)) > 0.0:
            pieces.append(s)
    return pieces


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source) as f:
        topology = json.load(f)
    rings = []
    for ring in decode(topology):
        rings.extend(planar_rings(ring))
    blob = bytearray(b"RLND")
    blob += struct.pack("<II", 1, len(rings))
    vertices = 0
    for ring in rings:
        micro = []
        for lon, lat in ring:
            p = (round(lon * 1e6), round(lat * 1e6))
            if not micro or micro[-1] != p:
                micro.append(p)
        if len(micro) > 1 and micro[0] == micro[-1]:
            micro.pop()
        blob += struct.pack("<I", len(micro))
        for lon, lat in micro:
            assert -180_000_000 <= lon <= 180_000_000 and -90_000_000 <= lat <= 90_000_000
            blob += struct.pack("<ii", lon, lat)
        vertices += len(micro)
    with open(target, "wb") as f:
        f.write(blob)
    print(f"{target}: {len(rings)} rings, {vertices} vertices, {len(blob)} bytes")


if __name__ == "__main__":
    main()
