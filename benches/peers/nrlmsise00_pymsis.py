#!/usr/bin/env python3
"""NRLMSISE-00 throughput of pymsis (the official NRL Fortran, version=0), for comparison with
`cargo bench -p reentry-benches --bench nrlmsise00` on the same machine.

Creates its own virtual environment on first use (benches/peers/.venv, git-ignored):

    python3 benches/peers/nrlmsise00_pymsis.py

Inputs as in the Rust benchmark: uniform altitude in each band, latitude -90..90, longitude
-180..180, random day and time, F10.7 and F10.7A 70-250, Ap 4-100 (daily-Ap mode); 100 000
points in one call (pymsis loops over them in Fortran); best of 5 runs; one thread.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PY = VENV / "bin" / "python"


def ensure_venv():
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not PY.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "pymsis==0.13.0"])
    os.execv(str(PY), [str(PY), __file__, *sys.argv[1:]])


def main():
    import numpy as np
    import pymsis
    from pymsis import msis

    n = 100_000
    rng = np.random.default_rng(2002)
    start = np.datetime64("2000-01-01T00:00:00", "s")
    print(f"pymsis {pymsis.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    for name, lo, hi in (("0-1000km", 0, 1000), ("0-72.5km", 0, 72.5),
                         ("72.5-120km", 72.5, 120), ("120-1000km", 120, 1000)):
        dates = start + rng.integers(0, 30 * 365 * 86400, n).astype("timedelta64[s]")
        lons = rng.uniform(-180, 180, n)
        lats = rng.uniform(-90, 90, n)
        alts = rng.uniform(lo, hi, n)
        f107 = rng.uniform(70, 250, n)
        f107a = rng.uniform(70, 250, n)
        ap = np.repeat(rng.uniform(4, 100, (n, 1)), 7, axis=1)
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            msis.calculate(dates, lons, lats, alts, f107, f107a, ap, version=0)
            best = min(best, time.perf_counter() - t0)
        print(f"nrlmsise00/{name}/pymsis: {n / best / 1e6:.3f} M points/s "
              f"({best / n * 1e9:.0f} ns/point)")


if __name__ == "__main__":
    ensure_venv()
    main()
