# Weight histograms before and after pruning, a panel per magnitude pruning method (as the seed
# paper's code plots its L1- and L2-trained networks): stored weights of the baseline (factor 1)
# and at factor 1/`ratio`. Reads histograms.csv by column name; variables given with -e: data,
# dataset, arch, ratio, methods and regularisers (the methods' baseline regularisers, word for
# word; report/report.bzl takes both from the method table), out, term.
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
set multiplot layout 1, words(methods) title sprintf("Weight histograms: %s, %s", dataset, arch) noenhanced
do for [i = 1:words(methods)] {
  m = word(methods, i)
  set title sprintf("%s (trained with %s)", m, word(regularisers, i)) noenhanced
  selected(r) = strcol("dataset") eq dataset && strcol("arch") eq arch && strcol("method") eq m && \
                strcol("schedule")[1:7] ne "authors" && column("seed") == 1 && column("target_ratio") == r
  plot data using (selected(1) ? column("weight") : NaN):(column("count") > 0 ? column("count") : NaN) \
         with steps lw 2 title "before pruning", \
       data using (selected(ratio + 0) ? column("weight") : NaN):\
         (column("count") > 0 ? column("count") : NaN) with steps lw 2 \
         title sprintf("at 1/%s", ratio)
}
unset multiplot
