#!/usr/bin/env bash
# Scaling, SIMD-level and roofline measurements on a many-core machine without a toolchain or
# network: runs prebuilt binaries from out/device/{v3,v4}/ (v3: the default x86-64-v3 build,
# v4: RUSTFLAGS="-C target-cpu=x86-64-v4", the AVX-512 opt-in) and writes everything to
# $OUT (default out/device-results). Prepare them with:
#   cargo build --release -p reentry-cli -p reentry-benches --examples --bins
#   cargo bench -p reentry-benches --bench rhs --no-run
#   (the same with CARGO_TARGET_DIR=target/v4 RUSTFLAGS="-C target-cpu=x86-64-v4"), then copy
#   reentry, examples/canonical, examples/fma_peak and deps/rhs-* into out/device/v3 (v4) and
#   strip them (the working tree that travels to such a machine is limited in size).
# Most important first, so that a run cut short still answers the main questions: thread
# scaling of the flagship (and whether its outputs are byte-identical across thread counts),
# then 10 000 samples end to end (on 2 cores, as the 2-core target asks, and on all cores),
# then the per-core kernels. Ends with a short table of every wall time.
# Results feed the Scaling and Roofline sections of docs/performance.md.
set -u
OUT=${OUT:-out/device-results}
SAMPLES=${SAMPLES:-1000}
E2E_SAMPLES=${E2E_SAMPLES:-10000}
SCENARIO=scenarios/progress-ms-31.toml
mkdir -p "$OUT"
D=out/device
{
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread\(s\)|Core\(s\)|Socket|MHz|L2|L3'
  grep -o 'avx512[a-z]*' /proc/cpuinfo | sort -u | tr '\n' ' '; echo
  nproc
  "$D/v3/reentry" --version
} > "$OUT/machine.txt" 2>&1

# One timed run: name, then the command. Wall time and peak RSS go to time_<name>.txt.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e s %M KiB" -o "$OUT/time_$name.txt" timeout 200 "$@" \
    > "$OUT/log_$name.txt" 2>&1
}

# Thread scaling, no plots; checksums of the CSV files show whether they depend on threads.
scale() {
  local b=$1; shift
  for t in "$@"; do
    rm -rf "/tmp/run_${b}_$t"
    timed "${b}_t$t" "$D/$b/reentry" run "$SCENARIO" --samples "$SAMPLES" --threads "$t" \
      --no-plots --quiet --out "/tmp/run_${b}_$t"
    (cd "/tmp/run_${b}_$t" && sha256sum fragments.csv trajectory.csv) > "$OUT/sha_${b}_t$t.txt" 2>&1
  done
}
scale v3 1 2 4 8 16
scale v4 1 2 16

# 10 000 samples end to end, every output and plot.
rm -rf /tmp/e2e2 /tmp/e2e16
timed e2e_v3_2cores taskset -c 0,1 "$D/v3/reentry" run "$SCENARIO" --samples "$E2E_SAMPLES" \
  --threads 2 --quiet --out /tmp/e2e2
timed e2e_v3_16 "$D/v3/reentry" run "$SCENARIO" --samples "$E2E_SAMPLES" --threads 16 --quiet \
  --out /tmp/e2e16
(cd /tmp/e2e2 && sha256sum fragments.csv trajectory.csv; ls) > "$OUT/e2e_2cores_files.txt" 2>&1
(cd /tmp/e2e16 && sha256sum fragments.csv trajectory.csv) > "$OUT/e2e_16_sha.txt" 2>&1
cp /tmp/e2e16/summary.json "$OUT/summary_e2e16.json" 2>/dev/null
rm -rf /tmp/e2e2 /tmp/e2e16

# Per-core kernels.
for b in v3 v4; do
  "$D/$b/fma_peak" > "$OUT/fma_$b.txt" 2>&1
  timeout 120 "$D/$b/canonical" --samples 512 --repeats 5 > "$OUT/canonical_$b.txt" 2>&1
  timeout 120 "$D/$b/rhs" --bench --warm-up-time 1 --measurement-time 2 --noplot \
    > "$OUT/rhs_$b.txt" 2>&1
done

echo "== wall time, peak RSS =="
for f in "$OUT"/time_*.txt; do n=${f##*/time_}; echo "${n%.txt}: $(tail -1 "$f")"; done
echo "== checksums (fragments.csv, trajectory.csv) =="
for f in "$OUT"/sha_*.txt "$OUT/e2e_16_sha.txt"; do
  echo "${f##*/}: $(cut -c1-16 "$f" | tr '\n' ' ')"
done
echo "== kernels =="
for b in v3 v4; do
  echo "$b: $(cat "$OUT/fma_$b.txt")"
  echo "$b canonical (lanes, reference): $(grep -o '"trajectories_per_s": [0-9.e]*' \
    "$OUT/canonical_$b.txt" | cut -d' ' -f2 | tr '\n' ' ')"
  grep -E '^rhs/|time: +\[[0-9]' "$OUT/rhs_$b.txt" | grep -v '%' | head -12
done
cat "$OUT/machine.txt"
