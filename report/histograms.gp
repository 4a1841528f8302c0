# Weight histograms before and after pruning, for the L1- and L2-trained networks (as the seed
# paper's code plots them): stored weights of the baseline (factor 1) and at factor 1/`ratio`.
# Reads histograms.csv by column name; variables given with -e: data, dataset, arch, ratio, out, term.
set datafile separator ","
set datafile columnheaders
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
  selected(r) = strcol("dataset") eq dataset && strcol("arch") eq arch && strcol("method") eq m && \
                strcol("schedule")[1:7] ne "authors" && column("seed") == 1 && column("target_ratio") == r
  plot data using (selected(1) ? column("weight") : NaN):(column("count") > 0 ? column("count") : NaN) \
         with steps lw 2 title "before pruning", \
       data using (selected(ratio + 0) ? column("weight") : NaN):\
         (column("count") > 0 ? column("count") : NaN) with steps lw 2 \
         title sprintf("at 1/%s", ratio)
}
unset multiplot
