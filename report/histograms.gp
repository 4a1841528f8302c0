# Weight histograms before and after pruning, for the L1- and L2-trained networks (as the seed
# paper's code plots them): stored weights of the baseline (factor 1) and at factor 1/`ratio`.
# Reads histograms.csv; variables given with -e: data, dataset, arch, ratio, out, term.
# histograms.csv columns: 1 dataset, 2 arch, 4 method, 6 target_ratio, 7 seed, 8 weight, 9 count.
set datafile separator ","
if (term eq "svg") {
  set terminal svg size 900,360 font "sans,11" dynamic
} else {
  set terminal pngcairo size 900,360 font "sans,9"
}
set output out
set logscale y 10
set grid
set key top right noenhanced
set xlabel "weight value"
set ylabel "weights"
set multiplot layout 1, 2 title sprintf("Weight histograms: %s, %s", dataset, arch) noenhanced
do for [m in "mag_l1 mag_l2"] {
  set title sprintf("%s (trained with %s)", m, m eq "mag_l1" ? "L1" : "L2") noenhanced
  selected(r) = strcol(1) eq dataset && strcol(2) eq arch && strcol(4) eq m && $7 == 1 && $6 == r
  plot data skip 1 using (selected(1) ? $8 : NaN):($9 > 0 ? $9 : NaN) with steps lw 2 \
         title "before pruning", \
       data skip 1 using (selected(ratio + 0) ? $8 : NaN):($9 > 0 ? $9 : NaN) with steps lw 2 \
         title sprintf("at 1/%s", ratio)
}
unset multiplot
