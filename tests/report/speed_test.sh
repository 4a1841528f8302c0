#!/usr/bin/env bash
# The speed stage times every method the smoke study ran: for each (arch, method) of results.csv,
# speed.csv has a row at batch 1 and at batch 64 for every encoding the method's files use, and
# the speed figure of each network exists. Arguments: results.csv speed.csv, then the figures.
set -euo pipefail
results=$1 speed=$2
shift 2
python3 - "$results" "$speed" <<'PY'
import csv, sys
# '#' lines (the tables' "# nncompress <table>, version N") are comments.
results, speed = (list(csv.DictReader(l for l in open(p) if not l.startswith("#")))
                  for p in sys.argv[1:3])
ran = {(r["arch"], r["method"]) for r in results}
timed = {(r["arch"], r["method"], r["batch"]) for r in speed}
missing = [f"{a} {m} batch {b}" for a, m in sorted(ran) for b in ("1", "64")
           if (a, m, b) not in timed]
for line in missing:
    print(f"speed.csv: no row for {line}")
bad = [r for r in speed if float(r["samples_per_s_median"]) <= 0 or
       not float(r["samples_per_s_q1"]) <= float(r["samples_per_s_median"]) <=
       float(r["samples_per_s_q3"]) <= float(r["samples_per_s_max"])]
for r in bad:
    print(f"speed.csv: quartiles out of order for {r['arch']} {r['method']} {r['encoding']}")
if missing or bad:
    sys.exit(1)
print(f"speed.csv times all {len(ran)} (arch, method) pairs at batch 1 and 64")
PY
n=0
for f in "$@"; do [[ $f == *_speed_*.svg ]] && n=$((n + 1)); done
[[ $n -ge 1 ]] || { echo "no speed figure"; exit 1; }
