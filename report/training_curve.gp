# Training curves: train / valid error (%) per epoch from a train stage's log CSV (training never
# sees the test split; the test error of the selected network is in the evaluation records).
# Variables given with -e: data, title, out, term ("svg", "png", or "table": the plotted points as
# text, which tests/report/training_curve_test.sh reads).
# Log columns: epoch, lr, loss, train_error, valid_error, selected, restart (by name; the version
# comment line before the header, lib/io/log_csv.h, is skipped as every '#' line).
# A run the protocol's stall rule restarted (lib/train/trainer.h train_with_backoff) logs its
# abandoned runs first, each numbered from epoch 1 (restart 0, 1, ...): plotted as epochs, they
# would draw the curve back to epoch 1. Only the kept run (the largest restart) is drawn, and the
# title says how many runs were abandoned before it.
set datafile separator ","
stats data using "restart" nooutput
kept = int(STATS_max)
if (kept > 0) {
  title = title . sprintf(" (kept run after %d restart%s; abandoned runs not drawn)", kept, \
                          kept > 1 ? "s" : "")
}
kept_only(name) = column("restart") == kept ? column(name) * 100 : NaN
if (term eq "svg") {
  set terminal svg size 640,400 font "sans,12" dynamic
} else {
  if (term eq "png") {
    set terminal pngcairo size 640,400 font "sans,10"
  }
}
if (term eq "table") {
  set table out
} else {
  set output out
}
set title title noenhanced
set xlabel "epoch"
set ylabel "error (%)"
set grid
set key top right
plot data using "epoch":(kept_only("train_error")) with lines title "train", \
     data using "epoch":(kept_only("valid_error")) with lines title "valid"
