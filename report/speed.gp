# Inference speed against compression factor for one network: samples/s (thread CPU time, median
# of the repeats, interquartile range as error bars) at batch 1 and batch 64 as two panels; one
# series per method and encoding (colour by method, solid csr, dashed bitmask, dotted hashed).
# Reads <study>.speed.csv by column name; a timing, so the figure differs from run to run.
# Variables given with -e: data, arch, series (space-separated method:encoding), colors (one per
# series), out, term ("svg" or "png").
set datafile separator ","
set datafile columnheaders
n = words(series)
# Tall enough for the key to hold every series in one column: gnuplot wraps it into a second
# column (past the canvas edge) once it outgrows the panels' height, about 19 px a line in SVG.
height = 28 * n > 440 ? 28 * n : 440
if (term eq "svg") {
  set terminal svg size 1200, height font "sans,11" dynamic
} else {
  set terminal pngcairo size 1200, height font "sans,9"
}
set output out
set ylabel "samples/s (thread CPU time)"
set logscale y 10
set format y "%.0s%c"  # 1k, 10k, 100k, 1M: one notation on every decade
set logscale x 2
set xlabel "compression factor"
set format x "1/%g"
set xtics 1, 2  # every power of two, whatever the range (an increment alone starts at its minimum)
set grid
set offsets graph 0.04, graph 0.04, graph 0.04, graph 0.04
method(i) = substr(word(series, i), 1, strstrt(word(series, i), ":") - 1)
encoding(i) = substr(word(series, i), strstrt(word(series, i), ":") + 1, strlen(word(series, i)))
dash(i) = encoding(i) eq "csr" ? 1 : (encoding(i) eq "bitmask" ? 2 : 3)
# Only csr files compute in proportion to their kept weights; bitmask and hashed files run the
# dense-shaped network of the model's own shape, flat in the factor unless the method trains a
# smaller network (nn, dk, lrd): the key marks them, the report's text says which are flat.
label(i) = word(series, i) . (encoding(i) eq "csr" ? "" : " (dense-shaped)")
# Fixed margins give both panels the same width; the key sits right of them, in its own column.
set multiplot title "Inference speed: " . arch noenhanced
set tmargin at screen 0.86
set bmargin at screen 0.13
do for [b in "1 64"] {
  set title "batch " . b noenhanced
  left = b eq "1" ? 0.07 : 0.42
  set lmargin at screen left
  set rmargin at screen left + 0.27
  if (b eq "1") { unset key } else { set key noenhanced at screen 0.71, 0.86 top left Left reverse maxrows n }
  row(i) = strcol("arch") eq arch && strcol("method") eq method(i) && \
           strcol("encoding") eq encoding(i) && strcol("schedule")[1:7] ne "authors" && \
           strcol("batch") eq b
  plot for [i = 1:n] data \
         using (row(i) ? column("ratio") : NaN):"samples_per_s_median":"samples_per_s_q1":\
               "samples_per_s_q3" \
         with yerrorlines lc rgb word(colors, i) dt dash(i) pt 7 ps 0.5 title label(i)
}
unset multiplot
