#!/usr/bin/env bash
# The incremental-rerun check (issues 6 and 12): after a change to one method's code, rebuilding a
# profile reruns only that method's actions and what depends on their outputs — no dense baseline,
# no other method. Two edits, one after the other:
#  - lib/compress/obd_method.cc (a pruning method): only obd's Compress and Evaluate actions rerun;
#  - lib/compress/hashed.cc (HashedNets' layers, trained from scratch): only the Train and Evaluate
#    actions of hashed and hashed_dk (HashedNets with dark knowledge, the same layers) rerun
#    (//pipeline:train, which trains the baselines, links no method code, and only evaluate_hashed
#    and evaluate_hashed_dk link the hashed layers).
# (When the rebuilt outputs come out byte-identical, Bazel stops there: aggregate keeps its cached
# result and only the report, which reads the timing files, reruns.) Then a no-op rebuild runs
# nothing.
#
# Usage: tests/e2e/incremental_check.sh [PROFILE]   (default smoke; the target is //report:PROFILE)
# It edits the two sources and restores them on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-smoke}
target=//report:$profile
work=$(mktemp -d /tmp/nnc-incremental.XXXXXX)
sources=(lib/compress/obd_method.cc lib/compress/hashed.cc)
for s in "${sources[@]}"; do cp "$s" "$work/$(basename "$s").orig"; done
trap 'for s in "${sources[@]}"; do cp "$work/$(basename "$s").orig" "$s"; done; rm -rf "$work"' EXIT

echo "incremental: building $target"
bazel build "$target" >"$work/build0.log" 2>&1 || { tail -20 "$work/build0.log"; exit 1; }

# check SOURCE METHODS MNEMONICS: edits SOURCE, rebuilds, and fails unless every Train, Compress and
# Evaluate action that reran belongs to one of METHODS (comma-separated) and has a mnemonic among
# MNEMONICS.
check() {
  local source=$1 method=$2 mnemonics=$3
  # A real code change (it runs at static initialisation, so the linked binary changes).
  cat >>"$source" <<'CPP'
namespace nnc {
const bool incremental_probe = [] { static volatile int touched = 1; return touched == 1; }();
}  // namespace nnc
CPP
  echo "incremental: rebuilding after a change to $source"
  bazel build --execution_log_json_file="$work/exec.json" "$target" >"$work/build1.log" 2>&1 ||
    { tail -20 "$work/build1.log"; exit 1; }
  PYTHONPATH=tests/e2e python3 - "$work/exec.json" "$method" "$mnemonics" <<'PY'
import collections, re, sys
from exec_log import spawns
log, method, allowed = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
# A target of these methods: <cell>_<method>_c<n>... or <cell>_<method>_authors_... (not obd_gn for
# obd, not hashed_dk for hashed).
names = "|".join(re.escape(m) for m in method.split(","))
mine = re.compile(r"_s\d+_(%s)_(c\d|authors_)" % names)
ran = collections.Counter()
wrong = []
for s in spawns(log):
    mnemonic = s.get("mnemonic", "")
    outputs = " ".join(o.get("path", "") for o in s.get("actualOutputs", []))
    if s.get("remoteCacheHit"):
        continue
    ran[mnemonic] += 1
    if mnemonic in ("Train", "Compress", "Evaluate"):
        if mnemonic not in allowed:
            wrong.append(mnemonic + " reran: " + outputs)
        elif not mine.search(outputs):
            wrong.append(mnemonic + " of another method reran: " + outputs)
print("incremental: actions rerun by mnemonic:", dict(sorted(ran.items())))
if not any(ran[m] for m in allowed):
    wrong.append("none of %s's %s actions reran" % (method, "/".join(allowed)))
for w in wrong:
    print("incremental: FAIL", w)
sys.exit(1 if wrong else 0)
PY
}

check lib/compress/obd_method.cc obd Compress,Evaluate
check lib/compress/hashed.cc hashed,hashed_dk Train,Evaluate

echo "incremental: no-op rebuild"
start=$(date +%s.%N)
bazel build "$target" >"$work/build2.log" 2>&1
end=$(date +%s.%N)
grep -E "process(es)?:" "$work/build2.log" | tail -1 || true
echo "incremental: no-op rebuild took $(python3 -c "print(f'{$end - $start:.1f}')") s"
grep -qE "INFO: [0-9]+ process(es)?: [0-9]+ internal\.$|INFO: 0 processes|INFO: 1 process: 1 internal" "$work/build2.log" ||
  { echo "incremental: FAIL the no-op rebuild ran actions"; grep processes "$work/build2.log"; exit 1; }
echo "incremental: OK"
