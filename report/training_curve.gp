# Training curves: train / valid / test error (%) per epoch from a train stage's log CSV.
# Variables given with -e: data, title, out, term ("svg" or "png").
# Log columns: epoch, loss, train_error, valid_error, test_error (by name).
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
     data using "epoch":(column("valid_error") * 100) with lines title "valid", \
     data using "epoch":(column("test_error") * 100) with lines title "test"
