# Test error (%) against compression factor as small multiples: one panel per dataset, one series
# per method (mean ± std over seeds as error bars). The halving chain and the from-scratch methods
# draw lines; a method's points under the seed paper's schedule as the profile runs it ("authors")
# are drawn as open markers of the same colour (its literal slice, "authors_literal", is left to the
# report's schedules table). Reads summary.csv by column name.
# Variables given with -e: data, datasets (space-separated), arch, methods and colors (space-
# separated, from the method table, in its order), x ("factor": the log2 compression axis, or
# "bytes": bytes on disk), out, term ("svg" or "png").
set datafile separator ","
set datafile columnheaders
n = words(datasets)
if (term eq "svg") {
  set terminal svg size 360 * n + 200, 420 font "sans,11" dynamic
} else {
  set terminal pngcairo size 360 * n + 200, 420 font "sans,9"
}
set output out
set ylabel "test error (%)"
set grid
set offsets graph 0.04, graph 0.04, graph 0.04, graph 0.04  # keep the dense point off the frame
if (x eq "bytes") {
  set logscale x 10
  set xlabel "bytes on disk (smallest encoding)"
  xcol = "bytes_best_mean"
} else {
  set logscale x 2
  set xlabel "compression factor"
  set format x "1/%g"
  xcol = "target_ratio"
}
set key outside right top noenhanced
set multiplot layout 1, n title sprintf("Test error against %s: %s", \
    x eq "bytes" ? "bytes on disk" : "compression factor", arch) noenhanced
do for [d = 1:n] {
  ds = word(datasets, d)
  set title ds noenhanced
  if (d < n) { unset key } else { set key outside right top noenhanced }
  cell(m, sched) = strcol("dataset") eq ds && strcol("arch") eq arch && strcol("method") eq m && \
                   (sched eq "authors" ? strcol("schedule") eq "authors" : strcol("schedule")[1:7] ne "authors")
  plot for [i = 1:words(methods)] data \
         using (cell(word(methods, i), "") ? column(xcol) : NaN):(column("test_error_mean") * 100):\
               (column("test_error_std") * 100) \
         with yerrorlines lc rgb word(colors, i) pt 7 ps 0.5 title word(methods, i), \
       for [i = 1:words(methods)] data \
         using (cell(word(methods, i), "authors") ? column(xcol) : NaN):\
               (column("test_error_mean") * 100):(column("test_error_std") * 100) \
         with yerrorbars lc rgb word(colors, i) pt 6 ps 1.2 notitle
}
unset multiplot
