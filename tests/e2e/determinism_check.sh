#!/usr/bin/env bash
# Determinism at the level of the graph (issue 8): the smoke profile built in two separate output
# bases gives byte-identical models, records and CSVs (every *.model, *.csv and *.json except the
# wall-clock *.timing.json, plus the dataset files), which is what makes a shared cache correct.
#
# Usage: tests/e2e/determinism_check.sh [TARGET]   (default //pipeline:smoke)
# Both builds share compiled tools through one --disk_cache, while every dataset and stage action
# (Genrule, Train, Compress, Evaluate, Aggregate) is forced to run in each (no-cache); the script
# checks from the execution log that the second build really ran them. Cold, it compiles the
# tools once and runs the profile twice: about 7 minutes on 2 cores, too long for CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:-//pipeline:smoke}
work=$(mktemp -d /tmp/nnc-determinism.XXXXXX)
cleanup() {
  for ob in "$work/ob1" "$work/ob2"; do
    [[ -d $ob ]] && bazel --output_base="$ob" shutdown >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
stages=Genrule,Train,Compress,Evaluate,Aggregate
force=$(sed 's/\([A-Za-z]*\)/\1=+no-cache/g' <<<"$stages")
fail() { echo "determinism: FAILED: $*"; exit 1; }

for n in 1 2; do
  echo "determinism: build $n of $target in its own output base"
  bazel --output_base="$work/ob$n" build --disk_cache="$work/disk" --modify_execution_info="$force" \
    --execution_log_json_file="$work/exec$n.json" "$target" >"$work/build$n.log" 2>&1 ||
    { tail -20 "$work/build$n.log"; fail "build $n"; }
  bin=$(bazel --output_base="$work/ob$n" info bazel-bin 2>/dev/null)
  (cd "$bin" && find pipeline data -type f \( -name '*.model' -o -name '*.csv' -o -name '*.json' \
      -o -name '*-ubyte' \) ! -name '*.timing.json' -print0 | sort -z | xargs -0 sha256sum) \
    >"$work/sums$n.txt"
  bazel --output_base="$work/ob$n" shutdown >/dev/null 2>&1
done

# The second build must have run every stage action itself (none from the shared disk cache).
PYTHONPATH=tests/e2e python3 - "$work/exec1.json" "$work/exec2.json" "$stages" <<'PY' || fail "stage actions were not re-executed"
import collections, sys
from exec_log import spawns
stages = sys.argv[3].split(",")
ran = [collections.Counter(), collections.Counter()]
hits, shared = collections.Counter(), 0
for i, path in enumerate(sys.argv[1:3]):
    for s in spawns(path):
        m = s.get("mnemonic", "")
        if m in stages:
            if s.get("remoteCacheHit"):
                hits[m] += 1
            else:
                ran[i][m] += 1
        elif i == 1 and s.get("remoteCacheHit"):
            shared += 1
print("determinism: actions run in build 1:", dict(sorted(ran[0].items())))
print("determinism: actions run in build 2:", dict(sorted(ran[1].items())),
      "stage cache hits:", dict(hits), "- tool actions shared through the disk cache:", shared)
sys.exit(0 if ran[1]["Train"] > 0 and ran[0] == ran[1] and not hits else 1)
PY

files=$(wc -l <"$work/sums1.txt")
[[ $files -gt 0 ]] || fail "no outputs found"
if ! diff "$work/sums1.txt" "$work/sums2.txt" >"$work/diff.txt"; then
  cat "$work/diff.txt"
  fail "outputs differ between the two output bases"
fi
echo "determinism: OK: $files files byte-identical across two output bases"
