#!/usr/bin/env bash
# The smoke study's bytes on disk are real: for every record, each encoding in its "bytes" names a
# file <run>.<encoding> beside it whose size (stat) equals the recorded bytes, every compressed file
# has its record, and inference from each file (//pipeline:run_compressed) on the same test samples
# gives the record's test error (CSR rows sum in another order than BLAS, so one near-tie sample
# may flip: at most 1 in 200 differs).
# Arguments: run_compressed, the dataset's files, "--", then the evaluations' files.
set -euo pipefail
tool=$1 data=
shift
while [[ $1 != -- ]]; do
  [[ $1 == */manifest.json ]] && data=$(dirname "$1")
  shift
done
shift
[[ -n $data ]] || { echo "no manifest.json among the dataset's files"; exit 1; }
fail=0 files=0 records=0
for f in "$@"; do
  case $f in
    *.timing.json) continue ;;
    *.json) ;;
    *.csr | *.bitmask | *.hashed)
      [[ -f ${f%.*}.json ]] || { echo "$f: no record beside it"; fail=1; }
      continue ;;
    *) continue ;;
  esac
  records=$((records + 1))
  while read -r encoding bytes samples error; do
    file=${f%.json}.$encoding
    files=$((files + 1))
    [[ -f $file ]] || { echo "$f: bytes.$encoding = $bytes but $file does not exist"; fail=1; continue; }
    size=$(stat -L -c %s "$file")  # -L: runfiles are symlinks
    [[ $size == "$bytes" ]] || { echo "$f: bytes.$encoding = $bytes, $file has $size"; fail=1; }
    got=$("$tool" --file "$file" --data "$data" --limit-test "$samples" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["test_error"])')
    python3 -c 'import sys; a, b, n = map(float, sys.argv[1:]); sys.exit(abs(a - b) * n > max(1, n / 200))' \
      "$got" "$error" "$samples" ||
      { echo "$file: test error $got from the file, the record says $error"; fail=1; }
  done < <(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
if not r["bytes"]: sys.exit(sys.argv[1] + ": the record names no compressed file")
for e, b in sorted(r["bytes"].items()): print(e, b, r["test_samples"], r["test_error"])' "$f")
done
[[ $records -gt 0 ]] || { echo "no records given"; fail=1; }
[[ $fail == 0 ]] && echo "$records records: all $files compressed files exist, have the recorded sizes and run to the recorded test error"
exit $fail
