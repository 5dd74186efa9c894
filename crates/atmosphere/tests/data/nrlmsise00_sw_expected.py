#!/usr/bin/env python3
"""Expected space-weather lookups for nrlmsise00_sw_excerpt.csv, from pymsis's own lookup
(pymsis.utils.get_f107_ap, interpolate=False) pointed at that file. Run from the repository root:

    benches/peers/.venv/bin/python crates/atmosphere/tests/data/nrlmsise00_sw_expected.py \
        > crates/atmosphere/tests/data/nrlmsise00_sw_expected.csv
"""
from pathlib import Path

import numpy as np
import pymsis
from pymsis import utils

HERE = Path(__file__).parent
src = HERE / "nrlmsise00_sw_excerpt.csv"
# pymsis's loader does not skip comment lines: hand it the file without them.
tmp = Path("/tmp/nrlmsise00_sw_excerpt_nocomment.csv")
tmp.write_text("".join(l for l in src.open() if not l.startswith("#")))
utils._SPACE_WEATHER = utils._SpaceWeatherState(tmp)

rng = np.random.default_rng(42)
start = np.datetime64("2000-01-04T00:00:00", "s")
span = int((np.datetime64("2000-04-30T23:59:59", "s") - start).astype(int))
dates = np.sort(start + rng.integers(0, span, 60).astype("timedelta64[s]"))
# Include slot and day edges.
dates = np.concatenate([dates, np.array(["2000-02-01T00:00:00", "2000-02-01T02:59:59",
                                         "2000-02-01T03:00:00", "2000-02-29T23:59:59",
                                         "2000-03-01T00:00:00"], dtype="datetime64[s]")])
f107, f107a, ap = utils.get_f107_ap(dates)
print(f"# pymsis {pymsis.__version__} utils.get_f107_ap(dates) on nrlmsise00_sw_excerpt.csv")
print("date,f107,f107a,ap0,ap1,ap2,ap3,ap4,ap5,ap6")
for i, d in enumerate(dates):
    row = [str(d) + "Z", repr(float(f107[i])), repr(float(f107a[i]))]
    row += [repr(float(v)) for v in ap[i]]
    print(",".join(row))
