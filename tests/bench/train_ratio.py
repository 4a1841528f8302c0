"""Training cost of one network relative to another, by method and factor, measured with the
pipeline's own train binaries on a real dataset: the per-epoch ratio paper_cost.py applies to the
training actions of a network the measured study did not train (its --arch-ratio files).

Usage (see tests/bench/BUILD, //tests/bench:train_ratio):
  train_ratio.py --data DIR|FILE... --method NAME=BINARY... [--factors 1/2,1/8,...] [--epochs 5]
                 [--rounds 5] [--source sig30] [--target sig100] [--protocol authors] [--json PATH]

Each (method, factor) trains the source network and the target network for --epochs epochs from the
same seed, --rounds times, the two in turn (which goes first alternates by round) so that load from
other processes hits both alike. An action's per-epoch CPU seconds are split from its timing file
as paper_cost.py splits them (CPU seconds times the epochs' share of the wall time, over the
epochs); the ratio is target over source, the median of the rounds. A method named "dense" is
measured at factor 1 only (a baseline has no factor).

Why not the masked training step's ratio at density 1 (masked_train, sig100_over_sig30.json): a
network trained from scratch at a factor is not the dense network. HashedNets' virtual matrix is as
large as the dense one, but an equivalent-size network ("nn") at 1/100 has one hidden unit for
either architecture, so its cost is the data's, not the weights'.

Limits: a few epochs from a fresh start, so the ratio of epochs of a long run whose learning rate or
restarts change the work is assumed the same; the start-up, data loading and final validation are
not measured here, and paper_cost.py scales them by the same ratio. The binaries run OpenBLAS as
the pipeline's actions do (one thread, the Haswell kernel) unless the environment names other
values; the CPU and the kernel are printed and written with the ratios.
"""
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

from json_input import load_object

DEFAULT_FACTORS = "1/2,1/8,1/10,1/32,1/100,1/128,1/500"


def fail(problem):
    sys.exit("train_ratio: %s" % problem)


def parse(argv):
    args = {"--data": None, "--factors": DEFAULT_FACTORS, "--epochs": "5", "--rounds": "5",
            "--source": "sig30", "--target": "sig100", "--protocol": "authors", "--json": None}
    methods = []
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
        if flag == "--method":
            name, sep, binary = values[0].partition("=")
            if not sep or not name or not binary:
                fail("--method takes NAME=BINARY, not '%s'" % values[0])
            methods.append((name, binary))
        elif flag in args:
            args[flag] = values[0]
        else:
            fail("unknown flag '%s'" % flag)
    if not args["--data"] or not methods:
        fail("--data and at least one --method are required")
    for flag in ("--epochs", "--rounds"):
        if not args[flag].isdigit() or int(args[flag]) < 1:
            fail("%s takes a positive integer, not '%s'" % (flag, args[flag]))
    return args, methods


def factor_value(text):
    try:
        value = 1.0 / int(text[2:]) if text.startswith("1/") else float(text)
    except (ValueError, ZeroDivisionError):
        fail("factor '%s' is neither 1/N nor a number" % text)
    if not 0 < value <= 1:
        fail("factor '%s' is not in (0, 1]" % text)
    return value


def per_epoch_cpu(timing_path):
    """Returns the CPU seconds per epoch of a train action's timing file."""
    t = load_object(timing_path, ["wall_seconds", "cpu_seconds", "epoch_seconds"], "train_ratio")
    epochs, wall = t["epoch_seconds"], float(t["wall_seconds"])
    if not epochs or wall <= 0:
        fail("%s: no epoch was timed" % timing_path)
    share = min(1.0, sum(epochs) / wall)
    return float(t["cpu_seconds"]) * share / len(epochs)


def train(binary, method, arch, factor, args, scratch):
    """Trains one network; returns its CPU seconds per epoch."""
    stem = os.path.join(scratch, "%s_%s" % (method, arch))
    cmd = [binary, "--data", args["--data"], "--arch", arch, "--protocol", args["--protocol"],
           "--regularizer", "none", "--seed", "1", "--epochs", args["--epochs"],
           "--out", stem + ".model", "--log", stem + ".log.csv", "--timing", stem + ".timing.json"]
    if method != "dense":
        cmd += ["--method", method, "--factor", factor]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["exit status %d" % done.returncode]
        fail("%s %s %s at %s: %s" % (os.path.basename(binary), method, arch, factor, lines[-1]))
    return per_epoch_cpu(stem + ".timing.json")


def measure(method, binary, factor, args, scratch):
    """Returns the target-over-source ratio of every round at one factor."""
    ratios = []
    for r in range(int(args["--rounds"])):
        order = [args["--source"], args["--target"]]
        if r % 2:
            order.reverse()
        cost = {arch: train(binary, method, arch, factor, args, scratch) for arch in order}
        ratios.append(cost[args["--target"]] / cost[args["--source"]])
    return ratios


# The pipeline's OpenBLAS settings (.bazelrc's --action_env), which `bazel run` does not pass.
PIPELINE_OPENBLAS = {"OPENBLAS_NUM_THREADS": "1", "OPENBLAS_CORETYPE": "Haswell"}


def environment():
    core = os.environ["OPENBLAS_CORETYPE"]
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
    except OSError:
        names = []
    cpu = "%s (%d logical CPUs)" % (names[0], len(names)) if names else "unknown CPU"
    return "%s UTC, %s, OPENBLAS_CORETYPE=%s, OPENBLAS_NUM_THREADS=%s" % (
        datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), cpu, core,
        os.environ["OPENBLAS_NUM_THREADS"])


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
    args, methods = parse(sys.argv[1:])
    for name, value in PIPELINE_OPENBLAS.items():
        os.environ.setdefault(name, value)
    factors = sorted(args["--factors"].split(","), key=factor_value)
    result = {"source": args["--source"], "target": args["--target"], "stage": "train",
              "measured": environment(), "epochs": int(args["--epochs"]),
              "rounds": int(args["--rounds"]), "methods": {}}
    print("%s's training CPU per epoch over %s's, %s epochs, median of %s rounds; %s" % (
        args["--target"], args["--source"], args["--epochs"], args["--rounds"],
        result["measured"]))
    print("\n| method | factor | ratio | rounds |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for method, binary in methods:
            curve = {"factors": [], "ratios": [], "rounds": []}
            for factor in (["1"] if method == "dense" else factors):
                rounds = measure(method, binary, factor, args, scratch)
                curve["factors"].append(factor_value(factor))
                curve["ratios"].append(round(statistics.median(rounds), 3))
                curve["rounds"].append([round(r, 3) for r in rounds])
                print("| %s | %s | %.2f | %s |" % (method, factor, curve["ratios"][-1],
                                                  " ".join("%.2f" % r for r in rounds)))
                sys.stdout.flush()
            result["methods"][method] = curve
    if args["--json"]:
        print("\nwritten: %s" % write_json(args["--json"], result))


if __name__ == "__main__":
    main()
