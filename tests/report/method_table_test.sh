#!/usr/bin/env bash
# Every method of the method table (//pipeline:methods.csv) reaches the end of the pipeline: it has
# rows in the smoke study's results and summary, a series in its error figures (the figures' data
# is summary.csv; the SVG legends name the series), and a row in the report's results tables. A
# method left out anywhere fails here instead of silently vanishing.
# Arguments: methods.csv results.csv summary.csv report.md, then the figure files.
set -euo pipefail
methods=$1 results=$2 summary=$3 report=$4
shift 4
figures=("$@")
fail=0
# Column 1 of a CSV file, without its header.
column1() { tail -n +2 "$1" | cut -d, -f1; }
methods_of() { python3 -c 'import csv,sys; print("\n".join(sorted({r["method"] for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))})))' "$1"; }
results_methods=$(methods_of "$results")
summary_methods=$(methods_of "$summary")
n=0
for m in $(column1 "$methods"); do
  n=$((n + 1))
  grep -qx "$m" <<<"$results_methods" || { echo "method $m: no row in results.csv"; fail=1; }
  grep -qx "$m" <<<"$summary_methods" || { echo "method $m: no row in summary.csv"; fail=1; }
  # A row of the results tables, or of the schedules table (| dataset | network | method | ...)
  # for a method the profile runs on the seed paper's schedule only.
  grep -qE "^\| ([^|]+ \| [^|]+ \| )?$m \|" "$report" ||
    { echo "method $m: no row in the report's results or schedules tables"; fail=1; }
  in_figure=0
  for f in "${figures[@]}"; do
    [[ $f == *error_vs_factor*.svg ]] && grep -q ">$m<" "$f" && in_figure=1
  done
  [[ $in_figure == 1 ]] || { echo "method $m: no series in any error figure"; fail=1; }
done
[[ $n -ge 9 ]] || { echo "the method table lists only $n methods"; fail=1; }
[[ $fail == 0 ]] && echo "all $n methods of the table reach results, summary, figures and report"
exit $fail
