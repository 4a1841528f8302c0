# Survivors per layer: the fraction of each layer's weights kept against the compression factor,
# one panel per pruning method (seed 1, the halving chain). Reads layers.csv by column name;
# variables given with -e: data, dataset, arch, methods (space-separated), out, term.
set datafile separator ","
set datafile columnheaders
if (term eq "svg") {
  set terminal svg size 900,640 font "sans,11" dynamic
} else {
  set terminal pngcairo size 900,640 font "sans,9"
}
set output out
set logscale x 2
set logscale y 10
set format x "1/%g"
set grid
set key bottom left noenhanced
n = words(methods)
# How many weight layers this architecture has (3 for lenet300, 4 for lenet5): one line each.
stats data using ((strcol("dataset") eq dataset && strcol("arch") eq arch) ? column("layer") : NaN) nooutput
layers = int(STATS_max)
set multiplot layout 2, (n + 1) / 2 title sprintf("Survivors per layer: %s, %s", dataset, arch) noenhanced
do for [i = 1:n] {
  m = word(methods, i)
  set title m noenhanced
  set xlabel "compression factor"
  set ylabel "fraction of the layer kept"
  selected(layer) = strcol("dataset") eq dataset && strcol("arch") eq arch && \
                    strcol("method") eq m && strcol("schedule")[1:7] ne "authors" && \
                    column("seed") == 1 && column("layer") == layer
  plot for [layer = 1:layers] data using (selected(layer) ? column("target_ratio") : NaN):"kept" \
       with linespoints title sprintf("layer %d", layer)
}
unset multiplot
