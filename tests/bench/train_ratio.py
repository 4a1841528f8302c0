"""Training cost of one network relative to another, measured with the pipeline's own binaries on a
real dataset: the per-epoch ratios paper_cost.py applies to the actions of a network the measured
study did not train (its --arch-ratio files), by method and factor for training from scratch and by
factor for compression on the authors' schedule.

Usage (see tests/bench/BUILD, //tests/bench:train_ratio):
  train_ratio.py --data DIR|FILE... --train NAME=BINARY...
                 [--compress NAME=BINARY --authors-factors F,... --authors-patience N
                  --authors-tail N] [--factors 1/2,1/8,...] [--epochs 5] [--rounds 5]
                 [--source sig30] [--target sig100] [--protocol authors] [--json PATH]

Each --train method at each factor trains the source network and the target network for --epochs
epochs from the same seed (a method named "dense", the baseline, at factor 1 only). The --compress
method (it needs --train dense=..., which trains each network's baseline for --epochs epochs with
the L2 regulariser, once) prunes each baseline by the authors' schedule at each of
--authors-factors, with the given patience and tail (BUILD passes the `paper` profile's). Every
measurement is taken --rounds times, the two networks in turn (which goes first alternates by
round) so that load from other processes hits both alike. An action's per-epoch CPU seconds are
split from its timing file as paper_cost.py splits them (CPU seconds times the epochs' share of the
wall time, over the epochs); a ratio is target over source, the median of the rounds.

Why not the masked training step's ratio by density (masked_train, sig100_over_sig30.json): a
network trained from scratch at a factor is not the dense network. HashedNets' virtual matrix is as
large as the dense one, but an equivalent-size network ("nn") at 1/100 has one hidden unit for
either architecture, so its cost is the data's, not the weights'. And the authors' schedule runs
through every density from 1 down to its factor, on real masks and real data.

Limits: a few epochs from a fresh start (or from a baseline of a few epochs), so the ratio of
epochs of a long run whose learning rate, restarts or masks change the work is assumed the same;
the start-up, data loading, pruning steps and final validation are not measured here, and
paper_cost.py scales them by the same ratio. One pruning method stands for all on the authors'
schedule (their retraining steps are the same kernels). The binaries run OpenBLAS as the
pipeline's actions do (one thread, the Haswell kernel) unless the environment names other values;
the CPU and the kernel are printed and written with the ratios.
"""
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

import action_cost
from json_input import load_object

DEFAULT_FACTORS = "1/2,1/8,1/10,1/32,1/100,1/128,1/500"
AUTHORS_FLAGS = ("--authors-factors", "--authors-patience", "--authors-tail")


def fail(problem):
    sys.exit("train_ratio: %s" % problem)


def parse(argv):
    args = {"--data": None, "--factors": DEFAULT_FACTORS, "--epochs": "5", "--rounds": "5",
            "--source": "sig30", "--target": "sig100", "--protocol": "authors", "--json": None}
    args.update({flag: None for flag in AUTHORS_FLAGS})
    binaries = {"--train": [], "--compress": []}
    i = 0
    while i < len(argv):
        flag, values = argv[i], []
        i += 1
        while i < len(argv) and not argv[i].startswith("--"):
            values.append(argv[i])
            i += 1
        if flag == "--data" and values:
            # The dataset's directory, or its files (Bazel's $(rootpaths)): their directory.
            data = os.path.commonpath(values)
            args[flag] = data if os.path.isdir(data) else os.path.dirname(data)
            continue
        if len(values) != 1:
            fail("%s takes one value" % flag)
        if flag in binaries:
            name, sep, binary = values[0].partition("=")
            if not sep or not name or not binary:
                fail("%s takes NAME=BINARY, not '%s'" % (flag, values[0]))
            binaries[flag].append((name, binary))
        elif flag in args:
            args[flag] = values[0]
        else:
            fail("unknown flag '%s'" % flag)
    if not args["--data"] or not binaries["--train"]:
        fail("--data and at least one --train are required")
    if len(binaries["--compress"]) > 1:
        fail("--compress names one method (it stands for all on the authors' schedule)")
    if binaries["--compress"] and "dense" not in dict(binaries["--train"]):
        fail("--compress needs --train dense=BINARY to train the baselines it prunes")
    if binaries["--compress"] and not all(args[flag] for flag in AUTHORS_FLAGS):
        fail("--compress needs %s" % ", ".join(AUTHORS_FLAGS))
    for flag in ("--epochs", "--rounds") + (AUTHORS_FLAGS[1:] if binaries["--compress"] else ()):
        if not args[flag].isdigit() or int(args[flag]) < 1:
            fail("%s takes a positive integer, not '%s'" % (flag, args[flag]))
    return args, binaries["--train"], binaries["--compress"]


def factor_value(text):
    try:
        return action_cost.factor_value(text)
    except ValueError as e:
        fail(str(e))


def factors(text):
    return sorted(text.split(","), key=factor_value)


def per_epoch_cpu(timing_path):
    """Returns the CPU seconds per epoch of an action's timing file."""
    t = load_object(timing_path, ["wall_seconds", "cpu_seconds", "epoch_seconds"], "train_ratio")
    if not t["epoch_seconds"] or float(t["wall_seconds"]) <= 0:
        fail("%s: no epoch was timed" % timing_path)
    return action_cost.split_cpu(t)[1]


def run(cmd, what, stem):
    """Runs a pipeline binary writing stem.*; returns its CPU seconds per epoch."""
    cmd = cmd + ["--out", stem + ".model", "--log", stem + ".log.csv",
                 "--timing", stem + ".timing.json"]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["exit status %d" % done.returncode]
        fail("%s %s: %s" % (os.path.basename(cmd[0]), what, lines[-1]))
    return per_epoch_cpu(stem + ".timing.json")


def train(binary, method, factor, args, scratch, regularizer="none"):
    """Returns a function training one network from scratch, its CPU seconds per epoch."""
    def cost(arch):
        cmd = [binary, "--data", args["--data"], "--arch", arch, "--protocol", args["--protocol"],
               "--regularizer", regularizer, "--seed", "1", "--epochs", args["--epochs"]]
        if method != "dense":
            cmd += ["--method", method, "--factor", factor]
        return run(cmd, "%s %s at %s" % (method, arch, factor),
                   os.path.join(scratch, "%s_%s" % (method, arch)))
    return cost


def compress(binary, method, factor, args, scratch):
    """Returns a function pruning one baseline by the authors' schedule, its CPU s per epoch."""
    def cost(arch):
        cmd = [binary, "--model", os.path.join(scratch, "baseline_%s.model" % arch),
               "--data", args["--data"], "--method", method, "--factor", factor, "--seed", "1",
               "--schedule", "authors", "--authors-patience", args["--authors-patience"],
               "--authors-tail", args["--authors-tail"]]
        return run(cmd, "%s %s at %s" % (method, arch, factor),
                   os.path.join(scratch, "%s_%s" % (method, arch)))
    return cost


def measure(cost, args):
    """Returns the target-over-source ratio of every round."""
    ratios = []
    for r in range(int(args["--rounds"])):
        order = [args["--source"], args["--target"]]
        if r % 2:
            order.reverse()
        c = {arch: cost(arch) for arch in order}
        ratios.append(c[args["--target"]] / c[args["--source"]])
    return ratios


def curve(name, points, cost_at, args):
    """Measures cost_at(factor) at every point; prints a row each; returns the curve."""
    out = {"factors": [], "ratios": [], "rounds": []}
    for factor in points:
        rounds = [round(r, 3) for r in measure(cost_at(factor), args)]
        out["factors"].append(factor_value(factor))
        out["ratios"].append(round(statistics.median(rounds), 3))
        out["rounds"].append(rounds)
        print("| %s | %s | %.2f | %s |" % (name, factor, out["ratios"][-1],
                                          " ".join("%.2f" % r for r in rounds)))
        sys.stdout.flush()
    return out


# The pipeline's OpenBLAS settings (.bazelrc's --action_env), which `bazel run` does not pass.
PIPELINE_OPENBLAS = {"OPENBLAS_NUM_THREADS": "1", "OPENBLAS_CORETYPE": "Haswell"}


def environment():
    return "%s UTC, %s, OPENBLAS_CORETYPE=%s, OPENBLAS_NUM_THREADS=%s" % (
        datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), action_cost.cpu_model(),
        os.environ["OPENBLAS_CORETYPE"], os.environ["OPENBLAS_NUM_THREADS"])


def write_json(path, value):
    if not os.path.isabs(path) and "BUILD_WORKSPACE_DIRECTORY" in os.environ:
        path = os.path.join(os.environ["BUILD_WORKSPACE_DIRECTORY"], path)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)
    return path


def main():
    args, trainers, compressors = parse(sys.argv[1:])
    for name, value in PIPELINE_OPENBLAS.items():
        os.environ.setdefault(name, value)
    result = {"source": args["--source"], "target": args["--target"],
              "measured": environment(), "epochs": int(args["--epochs"]),
              "rounds": int(args["--rounds"]), "train": {}}
    print("%s's CPU per epoch over %s's, median of %s rounds; %s" % (
        args["--target"], args["--source"], args["--rounds"], result["measured"]))
    print("\n| method | factor | ratio | rounds |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for method, binary in trainers:
            points = ["1"] if method == "dense" else factors(args["--factors"])
            result["train"][method] = curve(method, points, lambda f: train(
                binary, method, f, args, scratch), args)
        for method, binary in compressors:
            dense = dict(trainers)["dense"]
            for arch in (args["--source"], args["--target"]):
                train(dense, "dense", "1", args, scratch, "l2")(arch)
                os.replace(os.path.join(scratch, "dense_%s.model" % arch),
                           os.path.join(scratch, "baseline_%s.model" % arch))
            result["compress_authors"] = dict(curve(
                method + " (authors')", factors(args["--authors-factors"]),
                lambda f: compress(binary, method, f, args, scratch), args), method=method,
                patience=int(args["--authors-patience"]), tail=int(args["--authors-tail"]))
    if args["--json"]:
        print("\nwritten: %s" % write_json(args["--json"], result))


if __name__ == "__main__":
    main()
