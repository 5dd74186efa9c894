"""Counts the instructions, flops, divisions and square roots executed by one call of a function
of the optimised `canonical` example (docs/performance.md, Roofline), by single-stepping it in gdb
(for machines without floating-point performance counters).

    cargo build --release -p reentry-benches --example canonical
    SYMBOL=model5lanes3rhs CALLS=1,150,300,450 gdb -q -batch -x benches/count_flops_gdb.py \
        target/release/examples/canonical

SYMBOL is a fragment of the mangled name (`nm`), e.g. model5lanes3rhs or 5lanes10dopri_step.
Vector arithmetic instructions count width x lanes flops (FMA 2, division and square root 1).
"""
import os
import re
import subprocess

import gdb
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("starti --samples 8 --repeats 1 > /dev/null")
off = int([l for l in subprocess.run(["nm", gdb.current_progspace().filename], capture_output=True, text=True).stdout.splitlines() if os.environ.get("SYMBOL", "model5lanes3rhs") in l][0].split()[0], 16)
maps = gdb.execute("info proc mappings", to_string=True).splitlines()
start = int([l for l in maps if "canonical" in l][0].split()[0], 16)
gdb.execute(f"break *{start + off:#x}")
gdb.execute("continue")
ARITH = re.compile(r"^v?(fn?m(add|sub)(132|213|231)|add|sub|mul|div|sqrt|min|max)(p|s)d\b")
hits = 1
results = []
for target in [int(c) for c in os.environ.get("CALLS", "1,150,300,450").split(",")]:
    while hits < target:
        gdb.execute("continue", to_string=True)
        hits += 1
    frame = gdb.selected_frame()
    arch = frame.architecture()
    rsp = int(gdb.parse_and_eval("$rsp"))
    ret = int.from_bytes(bytes(gdb.selected_inferior().read_memory(rsp, 8)), "little")
    flops = 0; n = 0; divs = 0; sqrts = 0; fp = 0
    while True:
        pc = int(gdb.parse_and_eval("$pc"))
        if pc == ret:
            break
        asm = arch.disassemble(pc)[0]["asm"]
        n += 1
        mn = asm.split()[0] if asm.split() else ""
        m = ARITH.match(mn)
        if m:
            kind = m.group(4)
            width = 1 if kind == "s" else (8 if "zmm" in asm else 4 if "ymm" in asm else 2)
            flops += width * (2 if "fm" in mn else 1); fp += 1
            if mn.startswith("vdiv"): divs += 1
            if mn.startswith("vsqrt"): sqrts += 1
        gdb.execute("stepi", to_string=True)
    results.append((target, n, fp, flops, divs, sqrts))
    print(f"call {target}: {n} instructions, {fp} FP arith, {flops} flops, {divs} div, {sqrts} sqrt", flush=True)
gdb.execute("kill")
