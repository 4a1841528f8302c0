"""Does the speed figure's order by factor hold between two timings of the same compressed files?

Usage (see tests/bench/BUILD, //tests/bench:<study>_speed_order):
  speed_order.py FIRST.csv SECOND.csv

Both files are speed stage CSVs (pipeline/speed.cc) of the same study. Within each series (dataset,
network, method, schedule, encoding, batch) every pair of factors is ordered by median samples/s in
each timing. A pair is inverted when the two timings order it oppositely, and decisively inverted
when, in both timings, the two factors' interquartile ranges do not overlap (so each timing alone
would have called the order). Within each timing it also lists the csr pairs against the expected
order: the smaller factor slower, IQRs disjoint. Series are split as the report's figure splits them: csr files
compute in proportion to their stored weights, so their order by factor is expected; bitmask and
hashed files ("dense-shaped") run a network of the model's own shape, flat in the factor unless the
method trains a smaller network, so most of their order is timer noise. Prints a table; exits 1 with
one line naming the file on a missing file, a missing column or a row that is not a number.
"""
import csv
import itertools
import sys

KEY = ("dataset", "arch", "method", "schedule", "encoding", "batch")
NUMBERS = ("ratio", "samples_per_s_median", "samples_per_s_q1", "samples_per_s_q3")


def fail(path, problem):
    sys.exit("speed_order: %s: %s" % (path, problem))


def load(path):
    """Returns {series key: {ratio: (median, q1, q3)}} and the kernels named in `path`."""
    try:
        with open(path, newline="") as f:
            # The "# nncompress speed, version N" line (lib/eval/tables.h) is a comment.
            lines = f.readlines()
            comments = sum(1 for line in lines if line.startswith("#"))
            reader = csv.DictReader(line for line in lines if not line.startswith("#"))
            rows = [(reader.line_num + comments, row) for row in reader]
    except OSError as e:
        fail(path, e.strerror.lower())
    if not rows:
        fail(path, "no rows")
    missing = [c for c in KEY + NUMBERS + ("openblas_kernel",) if c not in rows[0][1]]
    if missing:
        fail(path, "no column '%s'" % missing[0])
    series, kernels = {}, set()
    for line, row in rows:
        try:
            ratio, median, q1, q3 = (float(row[c]) for c in NUMBERS)
        except (TypeError, ValueError):
            fail(path, "line %d: a column of %s is not a number" % (line, ", ".join(NUMBERS)))
        series.setdefault(tuple(row[c] for c in KEY), {})[ratio] = (median, q1, q3)
        kernels.add(row["openblas_kernel"])
    return series, kernels


def disjoint(a, b):
    """True when the interquartile ranges of timings a and b do not overlap."""
    return a[2] < b[1] or b[2] < a[1]


def compare(first, second):
    """Returns {kind: [pairs, inverted, decisive list]} over the series both timings hold."""
    counts = {"csr": [0, 0, []], "dense-shaped": [0, 0, []]}
    for key in sorted(set(first) & set(second)):
        kind = counts["csr" if key[4] == "csr" else "dense-shaped"]
        ratios = sorted(set(first[key]) & set(second[key]))
        for lo, hi in itertools.combinations(ratios, 2):
            a_lo, a_hi, b_lo, b_hi = first[key][lo], first[key][hi], second[key][lo], second[key][hi]
            kind[0] += 1
            if (a_lo[0] < a_hi[0]) == (b_lo[0] < b_hi[0]):
                continue
            kind[1] += 1
            if disjoint(a_lo, a_hi) and disjoint(b_lo, b_hi):
                kind[2].append("%s 1/%g vs 1/%g" % (" ".join(key), lo, hi))
    return counts


def against_expectation(series):
    """Returns the csr pairs where the smaller factor (fewer stored weights) ran slower, with the
    two interquartile ranges disjoint: each an inversion of the expected order within one timing."""
    found = []
    for key, points in sorted(series.items()):
        if key[4] != "csr":
            continue
        for lo, hi in itertools.combinations(sorted(points), 2):
            if points[hi][0] < points[lo][0] and disjoint(points[lo], points[hi]):
                found.append("%s 1/%g vs 1/%g" % (" ".join(key), lo, hi))
    return found


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: speed_order.py FIRST.csv SECOND.csv")
    (first, k1), (second, k2) = load(argv[0]), load(argv[1])
    counts = compare(first, second)
    print("Two timings of the same files (OpenBLAS kernel %s, then %s): pairs of factors within a"
          % ("/".join(sorted(k1)), "/".join(sorted(k2))))
    print("series, ordered by median samples/s in each; 'decisive' = inverted with the two factors'")
    print("interquartile ranges disjoint in both timings")
    print("| series | pairs | same order | inverted | decisively inverted |")
    print("|---|---|---|---|---|")
    for kind, (pairs, inverted, decisive) in counts.items():
        print("| %s | %d | %d | %d | %d |" % (kind, pairs, pairs - inverted, inverted, len(decisive)))
    for kind, (_, _, decisive) in counts.items():
        for pair in decisive:
            print("decisively inverted (%s): %s" % (kind, pair))
    for name, series in (("first", first), ("second", second)):
        slower = against_expectation(series)
        print("%s timing: %d csr pairs where the smaller factor ran slower, IQRs disjoint"
              % (name, len(slower)))
        for pair in slower:
            print("  %s" % pair)


if __name__ == "__main__":
    main(sys.argv[1:])
