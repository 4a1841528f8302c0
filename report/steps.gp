# The pruning damage and its repair: validation error (%) right before and right after every
# pruning step, against the epoch (counted from initialisation), for the first seed's models at
# one target factor: the seed paper's schedule (15 steps while training) beside iterative halving
# (one step per action, each followed by retraining). One panel per dataset; each vertical jump is
# a step's damage, each fall back down its repair. Reads steps.csv by column name.
# Variables given with -e: data, datasets (space-separated), arch, factor (as the study writes it:
# 1/100, 0.002; matched against steps.csv's target_factor text), methods and
# colors (space-separated), out, term ("svg" or "png").
set datafile separator ","
set datafile columnheaders
n = words(datasets)
if (term eq "svg") {
  set terminal svg size 360 * n + 220, 420 font "sans,11" dynamic
} else {
  set terminal pngcairo size 360 * n + 220, 420 font "sans,9"
}
set output out
set xlabel "epoch"
set ylabel "validation error (%)"
set logscale y 10
set yrange [*:100]  # an error rate: never above 100%
set grid
# Fixed margins give every panel the same width (360 px of the canvas each); the key sits in the
# last 220 px, right of them.
width = 360.0 * n + 220
set tmargin at screen 0.86
set bmargin at screen 0.13
set multiplot title sprintf("Validation error around each pruning step: %s at %s, seed 1", \
    arch, factor) noenhanced
do for [d = 1:n] {
  ds = word(datasets, d)
  set title ds noenhanced
  set lmargin at screen ((d - 1) * 360 + 70) / width
  set rmargin at screen (d * 360 - 20) / width
  if (d < n) { unset key } else { set key noenhanced at screen (n * 360 + 10) / width, 0.86 top left Left reverse }
  row(m, s) = strcol("dataset") eq ds && strcol("arch") eq arch && strcol("method") eq m && \
              strcol("schedule") eq s && column("seed") == 1 && \
              strcol("target_factor") eq factor
  # x is NaN off the selected rows too, so other runs' epochs (the literal slice's) leave the axis.
  plot for [i = 1:words(methods)] data \
         using (row(word(methods, i), "halving") ? column("epoch") : NaN):(column("valid_error") * 100) \
         with lines lc rgb word(colors, i) dt 1 title word(methods, i) . " halving", \
       for [i = 1:words(methods)] data \
         using (row(word(methods, i), "authors") ? column("epoch") : NaN):(column("valid_error") * 100) \
         with lines lc rgb word(colors, i) dt 2 title word(methods, i) . " authors"
}
unset multiplot
