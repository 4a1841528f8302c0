#!/usr/bin/env bash
# Bad raw data (issue 8): a missing raw file or one whose sha256 differs from its pin stops the
# build with one line naming the file and the ./setup step that brings it (data/datasets.bzl).
# Fetches @mnist_raw from two damaged copies of the MNIST folder, in a throw-away output base.
#
# Usage: tests/e2e/raw_data_check.sh   (about half a minute; needs ./setup's MNIST files)
set -euo pipefail
cd "$(dirname "$0")/../.."
mnist=${NNC_MNIST_DIR:-${NNC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nncompress}/mnist}
work=$(mktemp -d /tmp/nnc-raw.XXXXXX)
trap 'bazel --output_base="$work/ob" shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fail() { echo "raw data check: FAILED: $*"; exit 1; }
[[ -f $mnist/t10k-labels-idx1-ubyte ]] || fail "no MNIST files in $mnist (run ./setup)"

# expect FOLDER MESSAGE: fetching @mnist_raw from FOLDER fails with MESSAGE.
expect() {
  if NNC_MNIST_DIR="$1" bazel --output_base="$work/ob" build @mnist_raw//:files >"$work/log" 2>&1; then
    fail "the build accepted $1"
  fi
  grep -qF -- "$2" "$work/log" || { tail -20 "$work/log"; fail "no message '$2'"; }
  echo "raw data check: $(grep -F -- "$2" "$work/log" | head -1 | sed 's/^ *//')"
}

mkdir "$work/missing" "$work/altered"
for f in "$mnist"/*-ubyte; do
  cp "$f" "$work/missing/"
  cp "$f" "$work/altered/"
done
rm "$work/missing/t10k-labels-idx1-ubyte"
printf '\x07' | dd of="$work/altered/t10k-labels-idx1-ubyte" bs=1 seek=100 conv=notrunc 2>/dev/null

expect "$work/missing" "$work/missing/t10k-labels-idx1-ubyte: missing (\$NNC_MNIST_DIR folder for @mnist_raw); run ./setup"
expect "$work/altered" "$work/altered/t10k-labels-idx1-ubyte: sha256 "
grep -qF "does not match the pinned ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2" "$work/log" ||
  fail "the message does not give the pinned digest"
echo "raw data check: OK"
