# Training curves: train / valid error (%) per epoch from a train stage's log CSV (training never
# sees the test split; the test error of the selected network is in the evaluation records).
# Variables given with -e: data, title, out, term ("svg" or "png").
# Log columns: epoch, lr, loss, train_error, valid_error, selected (by name; the version comment
# line before the header, lib/io/log_csv.h, is skipped as every '#' line).
set datafile separator ","
set key autotitle columnhead
if (term eq "svg") {
  set terminal svg size 640,400 font "sans,12" dynamic
} else {
  set terminal pngcairo size 640,400 font "sans,10"
}
set output out
set title title noenhanced
set xlabel "epoch"
set ylabel "error (%)"
set grid
set key top right
plot data using "epoch":(column("train_error") * 100) with lines title "train", \
     data using "epoch":(column("valid_error") * 100) with lines title "valid"
