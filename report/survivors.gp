# Survivors per layer: the fraction of each layer's weights kept against the compression factor,
# one panel per pruning method (seed 1). Reads layers.csv; variables given with -e: data, dataset,
# arch, methods (space-separated), out, term ("svg" or "png").
# layers.csv columns: 1 dataset, 2 arch, 4 method, 6 target_ratio, 7 seed, 8 layer, 11 kept.
set datafile separator ","
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
stats data skip 1 using ((strcol(1) eq dataset && strcol(2) eq arch) ? $8 : NaN) nooutput
layers = int(STATS_max)
set multiplot layout 2, (n + 1) / 2 title sprintf("Survivors per layer: %s, %s", dataset, arch) noenhanced
do for [i = 1:n] {
  m = word(methods, i)
  set title m noenhanced
  set xlabel "compression factor"
  set ylabel "fraction of the layer kept"
  selected(layer) = strcol(1) eq dataset && strcol(2) eq arch && strcol(4) eq m && \
                    $7 == 1 && $8 == layer
  plot for [layer = 1:layers] data skip 1 using (selected(layer) ? $6 : NaN):11 \
       with linespoints title sprintf("layer %d", layer)
}
unset multiplot
