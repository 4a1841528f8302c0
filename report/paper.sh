#!/usr/bin/env bash
# `bazel run //report:paper`: copies the report Bazel built (and its figures) into report/out/ in
# the workspace and prints where it is. Arguments: the report files, then the figure files.
set -euo pipefail
out="${BUILD_WORKSPACE_DIRECTORY:-.}/report/out"
runfiles="${RUNFILES_DIR:-$0.runfiles}/nncompress"
[[ -d "$runfiles" ]] && cd "$runfiles"
rm -rf "$out"
mkdir -p "$out/figures"
for f in "$@"; do
  case "$f" in
    *.html) cp -f "$f" "$out/report.html" ;;
    *.md) cp -f "$f" "$out/report.md" ;;
    */contact.png) cp -f "$f" "$out/figures/$(basename "$(dirname "$f")")_contact.png" ;;
    *) cp -f "$f" "$out/figures/" ;;
  esac
done
chmod -R u+w "$out"
echo "report: $out/report.html"
echo "        $out/report.md (figures in $out/figures/)"
