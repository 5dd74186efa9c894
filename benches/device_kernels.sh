#!/usr/bin/env bash
# The criterion benches of the kernels (atmosphere, NRLMSISE-00, right-hand side, trajectory),
# default and AVX-512 builds, on a quiet many-core machine without a toolchain: runs the bench
# binaries copied into out/device/{v3,v4}/ (see benches/device_scaling.sh for how to build and
# copy them; here atmosphere, nrlmsise00, rhs and trajectory from target/*/release/deps) and
# writes their output to $OUT (default out/device-results). One core each; the Monte Carlo bench
# is left out (benches/device_scaling.sh times the flagship's Monte Carlo on 1–16 threads).
# Ends with one line per bench function: build, group/function, median time, median throughput.
# PARTS picks what runs: "criterion" (the benches above, one pass each, about 3 minutes for both
# builds) and "alternating" (reference and lanes interleaved, fastest of many runs each: the
# benches' ATMOSPHERE_MIN_OF and TRAJECTORY_MIN_OF modes and the canonical problem; on a shared
# virtual machine these ratios are steadier than criterion's medians).
set -u
OUT=${OUT:-out/device-results}
PARTS=${PARTS:-criterion alternating}
mkdir -p "$OUT"
D=out/device
if [[ " $PARTS " == *" alternating "* ]]; then
  for b in v3 v4; do
    echo "== $b: fastest of alternating runs =="
    ATMOSPHERE_MIN_OF=200 timeout 200 "$D/$b/atmosphere" 2>&1 | tee "$OUT/atmosphere_min_$b.log"
    TRAJECTORY_MIN_OF=40 timeout 200 "$D/$b/trajectory" 2>&1 | tee "$OUT/trajectory_min_$b.log"
    echo "canonical (lanes, reference trajectories/s):"
    timeout 200 "$D/$b/canonical" --samples 512 --repeats 15 > "$OUT/canonical_min_$b.log" 2>&1
    grep -o '"trajectories_per_s": [0-9.e]*' "$OUT/canonical_min_$b.log" | cut -d' ' -f2 | tr '\n' ' '
    echo
  done
fi
[[ " $PARTS " == *" criterion "* ]] || exit 0
for bench in rhs atmosphere nrlmsise00 trajectory; do
  for b in v3 v4; do
    timeout 200 "$D/$b/$bench" --bench --warm-up-time 0.5 --measurement-time 1.5 --noplot \
      > "$OUT/${bench}_$b.txt" 2>&1
  done
done
# Criterion prints "Benchmarking NAME: Analyzing", then "time: [lo median hi]" and
# "thrpt: [lo median hi]" (each value with its unit); a "change:" block may follow.
for f in "$OUT"/*_v[34].txt; do
  awk -v build="$(basename "$f" .txt | sed 's/.*_//')" '
    function median(line,   v) { sub(/.*\[/, "", line); split(line, v, " "); return v[3] " " v[4] }
    /^Benchmarking .*: Analyzing/ { name = $0; sub(/^Benchmarking /, "", name); sub(/: Analyzing.*/, "", name); state = 0 }
    /change:/ { state = 2 }
    /time: +\[/ && state == 0 { t = median($0); state = 1 }
    /thrpt: +\[/ && state == 1 { print build, name, t, median($0); state = 2 }
  ' "$f"
done
