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
set yrange [0:100]  # an error rate: error bars past either end are clipped, not the axis widened
set grid
set offsets graph 0.04, graph 0.04, 0, 0  # keep the dense point off the left frame
# Tick labels at 45 degrees: a panel is 360 px wide and a chain to 1/512 has ten of them.
set xtics rotate by 45 right
if (x eq "bytes") {
  set logscale x 10
  set xlabel "bytes on disk (smallest encoding)"
  set format x "%.0s%cB"
  xcol = "bytes_best_mean"
} else {
  set logscale x 2
  set xlabel "compression factor"
  set format x "1/%g"
  set xtics 1, 2  # every power of two, whatever the range (an increment alone starts at its minimum)
  xcol = "target_ratio"
}
# Fixed margins give every panel the same width (360 px of the canvas each); the key sits in the
# last 200 px, right of them.
width = 360.0 * n + 200
set tmargin at screen 0.86
set bmargin at screen 0.2
set multiplot title sprintf("Test error against %s: %s", \
    x eq "bytes" ? "bytes on disk" : "compression factor", arch) noenhanced
do for [d = 1:n] {
  ds = word(datasets, d)
  set title ds noenhanced
  set lmargin at screen ((d - 1) * 360 + 70) / width
  set rmargin at screen (d * 360 - 20) / width
  if (d < n) { unset key } else { set key noenhanced at screen (n * 360 + 10) / width, 0.86 top left Left reverse }
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
