"""CPU-hours of a study's grid, projected action by action from a smaller study's measured timings.

Usage (see tests/bench/BUILD, //tests/bench:paper_full_cost):
  paper_cost.py --measured ACTIONS --timings TIMING... --records RECORD... --projected ACTIONS
                --protocols PROTOCOLS [--arch-ratio RATIO...]

ACTIONS is a study's actions table (//pipeline:<study>_actions.json, pipeline/study.bzl's
ACTION_COLUMNS): every timed action with its identity and length, so nothing here is read from a
file name. TIMING are the measured study's timing files (lib/io/timing.h), one per row of its table;
RECORD its records, read only for the OpenBLAS build and kernel they ran with. PROTOCOLS is
protocol_epochs's JSON (the epochs a profile leaves to its protocol). RATIO is a measured CPU ratio
of one network to another, for a network the measured study did not train: by weight density of a
masked training step (masked_train: sig100_over_sig30.json), or of whole epochs of the pipeline's
binaries by method and factor (train_ratio.py: sig100_over_sig30_train.json).

The method. Each measured action's CPU seconds are split into its epochs' share (the timing's
epoch_seconds are wall seconds: share = their sum over wall_seconds) and the rest (start-up, data,
pruning steps, the final validation), so an action is fixed + per_epoch x epochs. For a projected
action, both are taken from the measured actions of the same stage, dataset, network, method,
regulariser and schedule (halving or the authors', at either length: an epoch costs the same),
averaged over seeds, interpolated linearly in log(factor) between measured factors and held at the
nearest one outside them; evaluations from every measured evaluation of the dataset and network.
Its epochs are the protocol's (train: epochs + budget_steps x retrain_epochs, or + the authors'
schedule's most epochs under --budget-schedule authors, as pipeline/train.cc's epoch_budget;
compress by halving: retrain_epochs); a compress by the authors' schedule runs as many epochs as
the measured literal-length runs did on average (they stop early once training accuracy reaches
0.99). A method the measured study never ran by a schedule takes the method whose cost on the
authors' schedule is nearest (same dataset and network), scaled by the two methods' ratio there,
per part. A network not measured takes its RATIO's source network's cost times a ratio
measured with the pipeline's binaries (train_ratio.py) where there is one: a training
action's by its method and factor, a compress action's on the authors' schedule by its factor; for
any other action the masked training step's ratio at the action's density (a compress action's
factor; 1 for everything else).
The measured literal slice is also projected from the shortened runs alone and printed beside its
measurement: the method's own check.

Limits: CPU seconds are the actions' own (std::clock, one OpenBLAS thread), measured while other
actions shared the cores; Bazel's per-action overhead (sandbox, start-up outside the binary) is not
in them. Factors below the smallest measured one are held at its cost, so very sparse retraining is
overestimated (the kept-weight kernels get cheaper with density) and very small networks trained
from scratch too. The masked step's ratio of networks is one training step's on random data and
random masks, the binaries' ratios a few epochs' on MNIST from a fresh start (train_ratio.py's
limits); both are applied to whole actions (their data loading included). Early stopping of the
authors' schedule is assumed to happen as on the measured slice (the literal MNIST runs at 1/10 and
1/100); on datasets where training accuracy reaches 0.99 the schedule is shorter. Runs that
restart at a lower rate (lr backoff) repeat epochs the projection does not count. The CPU model
printed is this machine's, where the timings were measured unless they came from a shared cache;
the dates are the timing files' modification times.
"""
import bisect
import collections
import datetime
import json
import math
import os
import sys

from action_cost import cpu_model, factor_value, split_cpu
from json_input import load_object

FLAGS = ("--measured", "--timings", "--records", "--projected", "--protocols", "--arch-ratio")
COLUMNS = ("timing", "stage", "dataset", "arch", "protocol", "seed", "method", "factor",
           "schedule", "regularizer", "epochs", "retrain_epochs", "budget_steps", "authors")


def fail(path, problem):
    sys.exit("paper_cost: %s: %s" % (path, problem))


def parse(argv):
    args = {flag: [] for flag in FLAGS}
    target = None
    for arg in argv:
        if arg in FLAGS:
            target = args[arg]
        elif target is None:
            sys.exit("paper_cost: unexpected argument '%s' before any flag" % arg)
        else:
            target.append(arg)
    for flag in ("--measured", "--projected", "--protocols"):
        if len(args[flag]) != 1:
            sys.exit("paper_cost: %s takes one file" % flag)
    return args


def load(path, fields):
    """Returns the JSON object in `path`; exits with one line if it is unreadable or lacks a field."""
    return load_object(path, fields, "paper_cost")


def actions(path):
    """Returns the rows of an actions table as dicts keyed by COLUMNS."""
    table = load(path, ["columns", "rows"])
    missing = [c for c in COLUMNS if c not in table["columns"]]
    if missing:
        fail(path, "the actions table lacks column '%s'" % missing[0])
    rows = []
    for row in table["rows"]:
        if not isinstance(row, list) or len(row) != len(table["columns"]):
            fail(path, "a row does not have the table's %d columns" % len(table["columns"]))
        rows.append(dict(zip(table["columns"], row)))
    return rows


class Measured:
    """A timed action: its row, CPU seconds split into fixed and per-epoch parts, its epochs."""

    def __init__(self, row, path):
        t = load(path, ["schema", "stage", "wall_seconds", "cpu_seconds", "epoch_seconds"])
        if t["schema"] != "nncompress timing":
            fail(path, "not a timing file (schema '%s')" % t["schema"])
        if t["stage"] != row["stage"]:
            fail(path, "stage '%s', but the actions table says '%s'" % (t["stage"], row["stage"]))
        epochs = t["epoch_seconds"]
        if not isinstance(epochs, list):
            fail(path, "'epoch_seconds' is not a list")
        self.row, self.cpu, self.epochs = row, float(t["cpu_seconds"]), len(epochs)
        self.fixed, self.per_epoch = split_cpu(t)
        self.mtime = os.path.getmtime(path)


def literal(row):
    return row["schedule"] == "authors" and not row["authors"]


def key(row, arch=None, method=None):
    """Returns what an action's cost is looked up by (its factor aside)."""
    arch = arch or row["arch"]
    if row["stage"] == "evaluate":
        return ("evaluate", row["dataset"], arch)
    return (row["stage"], row["dataset"], arch, method or row["method"], row["regularizer"],
            row["schedule"])


class CostModel:
    """Measured costs by key and factor; projects an action's fixed and per-epoch CPU seconds."""

    def __init__(self, measured, ratios):
        groups = collections.defaultdict(lambda: collections.defaultdict(list))
        for m in measured:
            groups[key(m.row)][math.log(factor_value(m.row["factor"]))].append(m)
        self.curves = {}
        for k, by_factor in groups.items():
            points = sorted(by_factor.items())
            self.curves[k] = ([x for x, _ in points],
                              [sum(m.fixed for m in ms) / len(ms) for _, ms in points],
                              [sum(m.per_epoch for m in ms) / len(ms) for _, ms in points])
        self.ratios = ratios

    def at(self, k, factor):
        """Returns (fixed, per_epoch) of key k at a factor, or None when k was not measured."""
        if k not in self.curves:
            return None
        xs, fixed, per_epoch = self.curves[k]
        x = math.log(factor)
        i = bisect.bisect_left(xs, x)
        if i == 0 or i == len(xs):
            j = 0 if i == 0 else len(xs) - 1
            return fixed[j], per_epoch[j]
        w = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
        return (fixed[i - 1] + w * (fixed[i] - fixed[i - 1]),
                per_epoch[i - 1] + w * (per_epoch[i] - per_epoch[i - 1]))

    def authors_mean(self, row, method):
        """Returns a method's (fixed, per_epoch) on the authors' schedule, averaged over factors."""
        k = key(dict(row, schedule="authors"), method=method)
        if k not in self.curves:
            return None
        _, fixed, per_epoch = self.curves[k]
        return sum(fixed) / len(fixed), sum(per_epoch) / len(per_epoch)

    def proxy(self, row, arch):
        """Returns (fixed, per_epoch) of a method without measurements of its schedule, from the
        method nearest in cost on the authors' schedule, scaled per part by their ratio there."""
        own = self.authors_mean(dict(row, arch=arch), row["method"])
        if own is None:
            return None
        best = None
        for k in self.curves:
            if k[0] != row["stage"] or k[1:3] != (row["dataset"], arch) or k[5] != row["schedule"]:
                continue
            other = self.authors_mean(dict(row, arch=arch, regularizer=k[4]), k[3])
            if other is None or min(other) <= 0 or min(own) <= 0:
                continue
            distance = abs(math.log(own[0] / other[0])) + abs(math.log(own[1] / other[1]))
            if best is None or distance < best[0]:
                best = (distance, k, own[0] / other[0], own[1] / other[1])
        if best is None:
            return None
        fixed, per_epoch = self.at(best[1], factor_value(row["factor"]))
        return fixed * best[2], per_epoch * best[3]

    def cost(self, row):
        """Returns (fixed, per_epoch) of a projected action; exits naming it when nothing fits."""
        arch, scale = row["arch"], 1.0
        if not any(k[2] == arch for k in self.curves) and arch in self.ratios:
            arch, scale = self.ratios[arch].scale(row)
        found = self.at(key(row, arch=arch), factor_value(row["factor"])) or self.proxy(row, arch)
        if found is None:
            sys.exit("paper_cost: no measured action to project %s from (%s on %s, %s, %s)" % (
                row["timing"], row["method"], row["dataset"], arch, row["schedule"]))
        return found[0] * scale, found[1] * scale


def interpolate(xs, ys, x):
    """Returns ys at x, linear in log(x) between the points (sorted xs), held outside them."""
    lx = [math.log(v) for v in xs]
    i = bisect.bisect_left(lx, math.log(x))
    if i == 0 or i == len(lx):
        return ys[0 if i == 0 else -1]
    w = (math.log(x) - lx[i - 1]) / (lx[i] - lx[i - 1])
    return ys[i - 1] + w * (ys[i] - ys[i - 1])


def curve(path, xs, ys, name):
    """Returns (xs, ys) checked: positive lists of one length, xs ascending."""
    if (not isinstance(xs, list) or not isinstance(ys, list) or len(xs) != len(ys) or not xs
            or not all(isinstance(v, (int, float)) for v in xs + ys) or xs != sorted(xs)
            or min(xs) <= 0 or min(ys) <= 0):
        fail(path, "'%s' and 'ratios' must be positive lists of one length, %s ascending" % (
            name, name))
    return xs, ys


class ArchRatio:
    """A target network's cost as its source network's times a measured ratio: by method and
    factor for training from scratch and by factor for compression on the authors' schedule
    (train_ratio.py's files), else by density (masked_train's)."""

    def __init__(self, source):
        self.source, self.density, self.train, self.authors = source, None, {}, None

    def add(self, path, r):
        if r["source"] != self.source:
            fail(path, "source '%s', but another ratio file for '%s' says '%s'" % (
                r["source"], r["target"], self.source))
        if "train" not in r:
            self.density = curve(path, r.get("densities"), r.get("ratios"), "densities")
            return
        if not isinstance(r["train"], dict) or not r["train"]:
            fail(path, "'train' must map each method to its factors and ratios")
        for method, c in r["train"].items():
            if not isinstance(c, dict):
                fail(path, "method '%s' is not an object" % method)
            self.train[method] = curve(path, c.get("factors"), c.get("ratios"), "factors")
        c = r.get("compress_authors")
        if c is not None:
            if not isinstance(c, dict):
                fail(path, "'compress_authors' is not an object")
            self.authors = curve(path, c.get("factors"), c.get("ratios"), "factors")

    def scale(self, row):
        """Returns (source network, ratio) for a projected action of the target network."""
        factor = factor_value(row["factor"])
        if row["stage"] == "train" and row["method"] in self.train:
            return self.source, interpolate(*self.train[row["method"]], factor)
        if row["stage"] == "compress" and row["schedule"] == "authors" and self.authors:
            return self.source, interpolate(*self.authors, factor)
        if self.density is None:
            return row["arch"], 1.0  # no ratio for this action: its lookup fails, naming it
        return self.source, interpolate(*self.density,
                                        factor if row["stage"] == "compress" else 1.0)


def arch_ratios(paths):
    ratios = {}
    for path in paths:
        r = load(path, ["source", "target"])
        ratios.setdefault(r["target"], ArchRatio(r["source"])).add(path, r)
    return ratios


def epochs_of(row, protocols, authors_epochs, path):
    """Returns the epochs a projected action trains."""
    if row["stage"] == "evaluate":
        return 0
    if row["authors"]:
        fail(path, "%s: the authors' schedule shortened (%s); only its literal lengths are "
             "projected" % (row["timing"], json.dumps(row["authors"])))
    if row["protocol"] not in protocols:
        fail(path, "%s: protocol '%s' is not in --protocols" % (row["timing"], row["protocol"]))
    p = protocols[row["protocol"]]
    retrain = row["retrain_epochs"] if row["retrain_epochs"] >= 0 else p["retrain_epochs"]
    if row["stage"] == "compress":
        return authors_epochs if row["schedule"] == "authors" else retrain
    base = row["epochs"] or p["epochs"]
    if row["schedule"] == "authors":
        return base + p["authors_max_epochs"]
    return base + row["budget_steps"] * retrain


def measured_actions(args):
    path = args["--measured"][0]
    rows = actions(path)
    timings = {os.path.basename(t): t for t in args["--timings"]}
    measured = []
    for row in rows:
        if row["timing"] not in timings:
            fail(path, "%s has no timing file among --timings" % row["timing"])
        measured.append(Measured(row, timings.pop(row["timing"])))
    if timings:
        fail(sorted(timings.values())[0], "not an action of %s" % path)
    return measured


def project(rows, model, protocols, authors_epochs, path):
    """Returns [(row, CPU seconds)] of the projected actions."""
    out = []
    for row in rows:
        fixed, per_epoch = model.cost(row)
        out.append((row, fixed + per_epoch * epochs_of(row, protocols, authors_epochs, path)))
    return out


def tally(projected, field):
    sums = collections.OrderedDict()
    for row, cpu in projected:
        sums[field(row)] = sums.get(field(row), 0.0) + cpu
    return sums


def schedule_of(row):
    if row["stage"] == "evaluate":
        return "evaluation"
    if row["schedule"] == "authors":
        return "the authors' schedule"
    return "baselines" if row["factor"] == "1" else "halving (and its budget from scratch)"


def print_table(title, sums, total):
    print("\n%s:\n\n| %s | CPU-hours | share |\n|---|---|---|" % (title, title.split(" ")[-1]))
    for name, cpu in sorted(sums.items(), key=lambda kv: -kv[1]):
        print("| %s | %.2f | %.0f %% |" % (name, cpu / 3600, 100 * cpu / total))


def provenance(paths):
    kernels = set()
    for path in paths:
        p = load(path, ["provenance"])["provenance"]
        kernels.add("%s (core type %s, %s thread)" % (
            p.get("openblas", "?"), p.get("openblas_coretype", "?"), p.get("openblas_threads", "?")))
    return sorted(kernels)


def main():
    args = parse(sys.argv[1:])
    protocols = load(args["--protocols"][0], [])
    measured = measured_actions(args)
    model = CostModel(measured, arch_ratios(args["--arch-ratio"]))
    lit = [m for m in measured if literal(m.row) and m.row["stage"] == "compress"]
    if not lit:
        fail(args["--measured"][0], "no compress action by the authors' schedule at its literal "
             "lengths (the projection takes its epochs from them)")
    authors_epochs = sum(m.epochs for m in lit) / len(lit)

    when = [datetime.datetime.utcfromtimestamp(m.mtime).strftime("%Y-%m-%d %H:%M") for m in
            (min(measured, key=lambda m: m.mtime), max(measured, key=lambda m: m.mtime))]
    print("Measured: %d actions, %.2f CPU-hours (timing files written %s to %s UTC)" % (
        len(measured), sum(m.cpu for m in measured) / 3600, when[0], when[1]))
    print("Machine: %s" % cpu_model())
    for kernel in provenance(args["--records"]):
        print("Records' OpenBLAS: %s" % kernel)
    print("The authors' schedule at its literal lengths: %.1f epochs per compress action "
          "(mean of %d measured)" % (authors_epochs, len(lit)))

    # The check: the literal slice projected from the other measured actions alone.
    literal_rows = [m.row for m in measured if literal(m.row) and m.row["stage"] != "evaluate"]
    if literal_rows:
        rest = CostModel([m for m in measured if not literal(m.row)], model.ratios)
        guess = sum(c for _, c in project(literal_rows, rest, protocols, authors_epochs,
                                          args["--measured"][0]))
        real = sum(m.cpu for m in measured if literal(m.row) and m.row["stage"] != "evaluate")
        print("Check: the literal slice's %d training and compress actions projected from the "
              "others: %.0f CPU s, measured %.0f (%+.0f %%)" % (
                  len(literal_rows), guess, real, 100 * (guess / real - 1)))

    path = args["--projected"][0]
    projected = project(actions(path), model, protocols, authors_epochs, path)
    total = sum(c for _, c in projected)
    print("\nProjected: %d actions of %s" % (len(projected), path))
    print_table("CPU-hours by stage", tally(projected, lambda r: r["stage"]), total)
    print_table("CPU-hours by method", tally(projected, lambda r: r["method"]), total)
    print_table("CPU-hours by network", tally(projected, lambda r: r["arch"]), total)
    print_table("CPU-hours by schedule", tally(projected, schedule_of), total)
    print("\nWhole grid: %.1f CPU-hours, about %.1f hours on 2 cores." % (total / 3600,
                                                                      total / 7200))


if __name__ == "__main__":
    main()
