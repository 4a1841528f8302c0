# Test error (%) against compression factor, one line per method, mean +- std over seeds.
# Reads summary.csv; variables given with -e: data, dataset, arch, out, term ("svg" or "png"),
# x ("factor" for the log2 compression axis, or "bytes" for bytes on disk).
# summary.csv columns: 1 dataset, 2 arch, 4 method, 6 target_ratio, 8 test_error_mean,
# 9 test_error_std, 12 bytes_best_mean.
set datafile separator ","
if (term eq "svg") {
  set terminal svg size 760,480 font "sans,12" dynamic
} else {
  set terminal pngcairo size 760,480 font "sans,10"
}
set output out
set title sprintf("%s, %s", dataset, arch) noenhanced
set ylabel "test error (%)"
set key outside right top noenhanced
set grid
set offsets graph 0.04, graph 0.04, graph 0.04, graph 0.04  # keep the dense point off the frame
if (x eq "bytes") {
  set logscale x 10
  set xlabel "bytes on disk (smallest encoding)"
  xcol = 12
} else {
  set logscale x 2
  set xlabel "compression factor (stored / original weights)"
  set format x "1/%g"
  xcol = 6
}
methods = "dense nn hashed mag_l1 mag_l2 obd random"
selected(m) = strcol(1) eq dataset && strcol(2) eq arch && strcol(4) eq m
plot for [m in methods] data skip 1 \
  using (selected(m) ? column(xcol) : NaN):($8 * 100):($9 * 100) with yerrorlines title m
