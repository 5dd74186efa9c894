#!/usr/bin/env bash
# Scaling, SIMD-level and roofline measurements on a many-core machine without a toolchain or
# network: runs prebuilt binaries from out/device/{v3,v4}/ (v3: the default x86-64-v3 build,
# v4: RUSTFLAGS="-C target-cpu=x86-64-v4", the AVX-512 opt-in) and writes everything to
# $OUT (default out/device-results). Prepare them with:
#   cargo build --release -p reentry-cli -p reentry-benches --examples --bins
#   cargo bench -p reentry-benches --bench rhs --no-run
#   (the same with CARGO_TARGET_DIR=target/v4 RUSTFLAGS="-C target-cpu=x86-64-v4"), then copy
#   reentry, examples/canonical, examples/fma_peak and deps/rhs-* into out/device/v3 (v4).
# Results feed the Scaling and Roofline sections of docs/performance.md.
set -u
OUT=${OUT:-out/device-results}
SAMPLES=${SAMPLES:-128}
E2E_SAMPLES=${E2E_SAMPLES:-1000}
mkdir -p "$OUT"
D=out/device
{
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread\(s\)|Core\(s\)|Socket|MHz|L2|L3'
  grep -o 'avx512[a-z]*' /proc/cpuinfo | sort -u | tr '\n' ' '; echo
  nproc
  (perf stat -e fp_arith_inst_retired.256b_packed_double true >/dev/null 2>&1 && echo "perf: intel fp events") || echo "perf: no fp events"
} > "$OUT/machine.txt" 2>&1
for b in v3 v4; do
  "$D/$b/fma_peak" > "$OUT/fma_$b.json" 2>&1
  "$D/$b/fma_peak" > "$OUT/fma_${b}_2.json" 2>&1
  "$D/$b/canonical" --samples 512 --repeats 5 > "$OUT/canonical_$b.json" 2>&1
  "$D/$b/rhs" --bench --warm-up-time 1 --measurement-time 2 --noplot > "$OUT/rhs_$b.txt" 2>&1
  for t in 1 2 4 8 16; do
    rm -rf "/tmp/run_${b}_$t"
    /usr/bin/time -f "%e s %M KiB" -o "$OUT/time_${b}_$t.txt" \
      "$D/$b/reentry" run scenarios/progress-ms-31.toml --samples "$SAMPLES" --threads "$t" \
      --no-plots --quiet --out "/tmp/run_${b}_$t" > "$OUT/run_${b}_$t.log" 2>&1
    cp "/tmp/run_${b}_$t/summary.json" "$OUT/summary_${b}_$t.json" 2>/dev/null
  done
done
# End to end with outputs and plots on 2 cores (the 2-core target), default build.
rm -rf /tmp/e2e
/usr/bin/time -f "%e s %M KiB" -o "$OUT/time_e2e.txt" taskset -c 0,1 \
  "$D/v3/reentry" run scenarios/progress-ms-31.toml --samples "$E2E_SAMPLES" --threads 2 --quiet \
  --out /tmp/e2e > "$OUT/run_e2e.log" 2>&1
cp /tmp/e2e/summary.json "$OUT/summary_e2e.json" 2>/dev/null
ls /tmp/e2e > "$OUT/e2e_files.txt" 2>&1
echo done > "$OUT/done"
