#!/usr/bin/env bash
# The incremental-rerun check (issue 6): after a change to OBD's code, rebuilding a profile reruns
# only OBD's compress actions and what depends on their outputs — no training, no other method.
# (When the retrained models come out byte-identical, Bazel stops there: evaluate and aggregate keep
# their cached results and only the report, which reads the timing files, reruns.) Then a no-op
# rebuild runs nothing.
#
# Usage: tests/e2e/incremental_check.sh [PROFILE]   (default smoke; the target is //report:PROFILE)
# It edits lib/compress/obd_method.cc and restores it on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-smoke}
target=//report:$profile
work=$(mktemp -d /tmp/nnc-incremental.XXXXXX)
source=lib/compress/obd_method.cc
cp "$source" "$work/obd_method.cc.orig"
trap 'cp "$work/obd_method.cc.orig" "$source"; rm -rf "$work"' EXIT

echo "incremental: building $target"
bazel build "$target" >"$work/build0.log" 2>&1 || { tail -20 "$work/build0.log"; exit 1; }

# A real code change (it runs at static initialisation, so the linked binary changes).
cat >>"$source" <<'CPP'
namespace nnc {
const bool incremental_probe = [] { static volatile int touched = 1; return touched == 1; }();
}  // namespace nnc
CPP
echo "incremental: rebuilding after a change to $source"
bazel build --execution_log_json_file="$work/exec.json" "$target" >"$work/build1.log" 2>&1 ||
  { tail -20 "$work/build1.log"; exit 1; }

PYTHONPATH=tests/e2e python3 - "$work/exec.json" <<'PY'
import collections, sys
from exec_log import spawns
ran = collections.Counter()
wrong = []
for s in spawns(sys.argv[1]):
    mnemonic = s.get("mnemonic", "")
    outputs = " ".join(o.get("path", "") for o in s.get("actualOutputs", []))
    if s.get("remoteCacheHit"):
        continue
    ran[mnemonic] += 1
    if mnemonic == "Train":
        wrong.append("training reran: " + outputs)
    if mnemonic in ("Compress", "Evaluate") and "_obd_" not in outputs:
        wrong.append(mnemonic + " of another method reran: " + outputs)
print("incremental: actions rerun by mnemonic:", dict(sorted(ran.items())))
if ran["Compress"] == 0:
    wrong.append("no OBD compress action reran")
for w in wrong:
    print("incremental: FAIL", w)
sys.exit(1 if wrong else 0)
PY

echo "incremental: no-op rebuild"
start=$(date +%s.%N)
bazel build "$target" >"$work/build2.log" 2>&1
end=$(date +%s.%N)
grep -E "process(es)?:" "$work/build2.log" | tail -1 || true
echo "incremental: no-op rebuild took $(python3 -c "print(f'{$end - $start:.1f}')") s"
grep -qE "INFO: [0-9]+ process(es)?: [0-9]+ internal\.$|INFO: 0 processes|INFO: 1 process: 1 internal" "$work/build2.log" ||
  { echo "incremental: FAIL the no-op rebuild ran actions"; grep processes "$work/build2.log"; exit 1; }
echo "incremental: OK"
