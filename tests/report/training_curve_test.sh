#!/usr/bin/env bash
# training_curve.gp draws a log's kept run only: the epochs of runs the stall rule abandoned (their
# restart column below the largest) are not plotted as epochs, and the title counts the restarts;
# a log without restarts is drawn whole, its title unchanged.
# Arguments: training_curve.gp, a log with two abandoned runs, a log without restarts.
set -euo pipefail
script=$1 restarted=$2 plain=$3
out=${TEST_TMPDIR:-$(mktemp -d)}

plot() {  # plot LOG TERM OUT
  gnuplot -e "data='$1'; title='fixture'; term='$2'; out='$3'" "$script"
}

# The plotted points ("x y type" rows, type i for a drawn point, u for one left out).
drawn() { awk '$3 == "i" { print $1, $2 }' "$1"; }
left_out() { awk '$3 == "u"' "$1" | wc -l; }

plot "$restarted" table "$out/restarted.txt"
# The kept run (restart 2): train 30, 20 and valid 31, 21; the four abandoned epochs of each curve
# (errors 50 and 51) are left out.
expected=$'1 30\n2 20\n1 31\n2 21'
[[ $(drawn "$out/restarted.txt") == "$expected" ]] ||
  { echo "restarted log: drew"; drawn "$out/restarted.txt"; exit 1; }
[[ $(left_out "$out/restarted.txt") -eq 8 ]] || { echo "restarted log: abandoned epochs drawn"; exit 1; }
plot "$restarted" svg "$out/restarted.svg"
grep -q "kept run after 2 restarts" "$out/restarted.svg" ||
  { echo "restarted log: the title does not count the restarts"; exit 1; }

plot "$plain" table "$out/plain.txt"
[[ $(drawn "$out/plain.txt") == "$expected" ]] || { echo "plain log: drew"; drawn "$out/plain.txt"; exit 1; }
[[ $(left_out "$out/plain.txt") -eq 0 ]] || { echo "plain log: points left out"; exit 1; }
plot "$plain" svg "$out/plain.svg"
if grep -q "restart" "$out/plain.svg"; then echo "plain log: title mentions restarts"; exit 1; fi
echo "training_curve.gp draws the kept run only and counts its restarts"
