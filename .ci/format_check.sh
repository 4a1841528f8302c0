#!/usr/bin/env bash
# Fails (exit 1) when a *.cc or *.h of lib, pipeline, report, data or tests is not as clang-format
# (.clang-format at the root) would write it, and prints those files. third_party is not ours.
set -uo pipefail
cd "$(dirname "$0")/.."

command -v clang-format >/dev/null || { echo "format_check: clang-format not installed (./setup)"; exit 1; }

bad=()
while IFS= read -r -d '' f; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find lib pipeline report data tests -type f \( -name '*.cc' -o -name '*.h' \) -print0 | sort -z)

if ((${#bad[@]})); then
  echo "format_check: ${#bad[@]} file(s) differ from clang-format (fix: clang-format -i FILE):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "format_check: every file is formatted"
