#!/usr/bin/env bash
# The fault check (issue 8): a training action killed with SIGKILL mid-run must leave nothing
# behind, neither an output file nor a cache entry; the rebuild then runs it again, succeeds, and
# gives the very bytes of an identical, undisturbed action.
#
# Usage: tests/e2e/kill_check.sh   (uses the workspace's default output base, or the one named by
# NNC_OUTPUT_BASE, and a fresh disk cache so "nothing cached" can be checked; about a minute once
# the train tool and //data:mnist are built)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/nnc-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
startup=()
[[ -n ${NNC_OUTPUT_BASE:-} ]] && startup=(--output_base="$NNC_OUTPUT_BASE")
build=(bazel "${startup[@]}" build --disk_cache="$work/disk")
bin=$(bazel "${startup[@]}" info bazel-bin 2>/dev/null)/tests/e2e
fail() { echo "kill check: FAILED: $*"; exit 1; }

echo "kill check: building the tools and the undisturbed reference"
"${build[@]}" //tests/e2e:kill_train_reference >"$work/ref.log" 2>&1 || { tail -20 "$work/ref.log"; fail "reference build"; }
rm -f "$bin"/kill_train.*  # a leftover from an earlier run would hide the action

echo "kill check: starting the training action and killing it mid-run"
"${build[@]}" //tests/e2e:kill_train >"$work/killed.log" 2>&1 &
build_pid=$!
pid=
for _ in $(seq 600); do  # up to 60 s for the action to start
  pid=$(pgrep -f -- "pipeline/train .*--out [^ ]*tests/e2e/kill_train\.model" | head -1 || true)
  [[ -n $pid ]] && break
  sleep 0.1
done
[[ -n $pid ]] || { wait "$build_pid" || true; tail -20 "$work/killed.log"; fail "the training action never started"; }
sleep 3  # well into the first epoch (the action trains for about ten seconds)
kill -0 "$pid" 2>/dev/null || fail "the training action ended before it could be killed; make it longer"
kill -KILL "$pid"
if wait "$build_pid"; then fail "the build succeeded although its training action was killed"; fi
grep -qiE "killed|signal 9" "$work/killed.log" || { tail -20 "$work/killed.log"; fail "Bazel did not report the killed action"; }
echo "kill check: the build failed as it should ($(grep -m1 -oiE 'killed|signal 9' "$work/killed.log"))"

leftovers=$(ls "$bin"/kill_train.* 2>/dev/null || true)
[[ -z $leftovers ]] || fail "partial outputs left behind: $leftovers"

echo "kill check: rebuilding"
"${build[@]}" --execution_log_json_file="$work/exec.json" //tests/e2e:kill_train >"$work/rebuild.log" 2>&1 ||
  { tail -20 "$work/rebuild.log"; fail "the rebuild failed"; }
PYTHONPATH=tests/e2e python3 - "$work/exec.json" <<'PY' || fail "the killed action was served from a cache"
import sys
from exec_log import spawns
train = [s for s in spawns(sys.argv[1]) if s.get("mnemonic") == "Train"]
hits = [s for s in train if s.get("remoteCacheHit")]
print(f"kill check: rebuild ran {len(train)} Train action(s), {len(hits)} from a cache")
sys.exit(0 if len(train) == 1 and not hits else 1)
PY
for ext in model log.csv; do
  a=$(sha256sum <"$bin/kill_train.$ext" | cut -c1-64)
  b=$(sha256sum <"$bin/kill_train_reference.$ext" | cut -c1-64)
  [[ $a == "$b" ]] || fail "kill_train.$ext differs from the undisturbed run"
done
echo "kill check: OK (rebuilt model and log identical to the undisturbed run's)"
