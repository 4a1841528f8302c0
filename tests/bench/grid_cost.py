"""CPU-hours of a grid's pieces, measured and projected from the pieces built on this machine.

Usage (see tests/bench/BUILD, //tests/bench:hashednets_cost):
  grid_cost.py --manifests M... --piece DATASET ARCH TIMING... [--piece ...] --grid DATASET... --archs ARCH...

Each --piece names a built piece and its stages' own timing files (lib/io/timing.h). The projection
of a piece (dataset D, network A) scales the measured piece of network A by split sizes: training
and compression CPU by D's training images over the measured piece's (every epoch passes over the
training split; validation passes scale with it too, as the validation splits are a fixed fraction),
evaluation CPU by D's test + validation images over the measured piece's. Its limits: per-action
start-up and data loading do not scale with the split, so small-to-large projections overestimate
them slightly; the CPU-seconds are the actions' own, measured while other actions shared the cores.
"""
import sys

from json_input import load_object


def parse(argv):
    manifests, pieces, grid, archs = [], [], [], []
    target = None
    for arg in argv:
        if arg in ("--manifests", "--grid", "--archs"):
            target = {"--manifests": manifests, "--grid": grid, "--archs": archs}[arg]
        elif arg == "--piece":
            pieces.append([])
            target = pieces[-1]
        elif target is None:
            sys.exit("grid_cost: unexpected argument '%s' before any flag" % arg)
        else:
            target.append(arg)
    return manifests, pieces, grid, archs


def fail(path, problem):
    sys.exit("grid_cost: %s: %s" % (path, problem))


def load(path, fields):
    """Returns the JSON object in `path`; exits with one line if it is unreadable or lacks a field."""
    return load_object(path, fields, "grid_cost")


def split_counts(paths):
    counts = {}
    for path in paths:
        m = load(path, ["name", "splits"])
        try:
            counts[m["name"]] = {k: int(m["splits"][k]["count"]) for k in ("train", "valid", "test")}
        except (KeyError, TypeError, ValueError):
            fail(path, "'splits' lacks a train, valid or test count")
    return counts


def measured(piece):
    dataset, arch, files = piece[0], piece[1], piece[2:]
    cpu = {"train": 0.0, "compress": 0.0, "evaluate": 0.0}
    for path in files:
        t = load(path, ["schema", "stage", "cpu_seconds"])
        if t["schema"] != "nncompress timing" or t["stage"] not in cpu:
            fail(path, "not a train, compress or evaluate timing file")
        cpu[t["stage"]] += float(t["cpu_seconds"])
    return dataset, arch, cpu, len(files)


def main():
    manifests, pieces, grid, archs = parse(sys.argv[1:])
    counts = split_counts(manifests)
    base = {}
    print("Measured pieces (CPU-hours from the stages' timing files):\n")
    print("| piece | actions | train | compress | evaluate | total |")
    print("|---|---|---|---|---|---|")
    for piece in pieces:
        if len(piece) < 3:
            sys.exit("grid_cost: --piece needs a dataset, a network and timing files")
        dataset, arch, cpu, n = measured(piece)
        base[arch] = (dataset, cpu)
        total = sum(cpu.values())
        print("| %s_%s | %d | %.3f | %.3f | %.3f | **%.3f** |" % (
            dataset, arch, n, cpu["train"] / 3600, cpu["compress"] / 3600,
            cpu["evaluate"] / 3600, total / 3600))
    print("\nProjected grid (CPU-hours; measured pieces as measured):\n")
    print("| dataset | " + " | ".join(archs) + " | both |")
    print("|---|" + "---|" * (len(archs) + 1))
    grand = 0.0
    for dataset in grid:
        row = []
        for arch in archs:
            if arch not in base:
                sys.exit("grid_cost: no measured piece of network %s" % arch)
            source, cpu = base[arch]
            for name in (source, dataset):
                if name not in counts:
                    sys.exit("grid_cost: no manifest of dataset %s among --manifests" % name)
            s, d = counts[source], counts[dataset]
            fit = d["train"] / s["train"]
            evaluate = (d["test"] + d["valid"]) / (s["test"] + s["valid"])
            row.append((cpu["train"] + cpu["compress"]) * fit + cpu["evaluate"] * evaluate)
        grand += sum(row)
        print("| %s | %s | %.2f |" % (dataset, " | ".join("%.2f" % (h / 3600) for h in row),
                                      sum(row) / 3600))
    print("\nWhole grid: %.1f CPU-hours, about %.1f hours on 2 cores." % (grand / 3600, grand / 7200))


if __name__ == "__main__":
    main()
