"""paper_cost.py: a known projection from synthetic timing files, and one-line errors on bad input."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paper_cost.py")
COLUMNS = ["timing", "stage", "dataset", "arch", "protocol", "seed", "method", "factor",
           "schedule", "regularizer", "epochs", "retrain_epochs", "budget_steps", "authors"]
SHORT = {"patience": "1", "tail": "5"}


def write(folder, name, value):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(value if isinstance(value, str) else json.dumps(value))
    return path


def row(timing, stage, method, factor, schedule, arch="sig30", regularizer="", epochs=0,
        retrain=-1, budget=0, authors=None):
    return [timing, stage, "mnist", arch, "authors", 1, method, factor, schedule, regularizer,
            epochs, retrain, budget, authors or {}]


def timing(stage, fixed, per_epoch, epochs):
    """A timing whose CPU seconds split into `fixed` and `per_epoch` x epochs (wall = 2 x CPU)."""
    cpu = fixed + per_epoch * epochs
    return {"schema": "nncompress timing", "version": 1, "stage": stage, "wall_seconds": 2 * cpu,
            "cpu_seconds": cpu, "epoch_seconds": [2 * per_epoch] * epochs, "details": {}}


class PaperCostTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        d = self.dir
        measured = [  # (row, fixed, per-epoch, epochs)
            (row("base.timing.json", "train", "dense", "1", "halving", regularizer="l2",
                 epochs=10), 2.0, 1.0, 10),
            (row("p2_compress.timing.json", "compress", "mag_l2", "0.5", "halving", retrain=2),
             1.0, 0.8, 2),
            (row("p8_compress.timing.json", "compress", "mag_l2", "0.125", "halving",
                 retrain=2), 1.0, 0.2, 2),
            (row("a10_compress.timing.json", "compress", "mag_l2", "1/10", "authors",
                 authors=SHORT), 3.0, 0.5, 20),
            (row("r10_compress.timing.json", "compress", "random", "1/10", "authors",
                 authors=SHORT), 6.0, 1.0, 20),
            (row("l10_compress.timing.json", "compress", "mag_l2", "1/10", "authors"), 3.0, 0.5,
             30),
            (row("n2_train.timing.json", "train", "nn", "0.5", "halving", epochs=10), 1.0, 0.5,
             10),
            (row("e.timing.json", "evaluate", "mag_l2", "0.5", "halving"), 0.5, 0.0, 0),
        ]
        self.timings = [write(d, r[0], timing(r[1], f, p, n)) for r, f, p, n in measured]
        self.measured = write(d, "measured.json", {"columns": COLUMNS,
                                                   "rows": [m[0] for m in measured]})
        self.records = [write(d, "r.json", {"provenance": {"openblas": "OpenBLAS x"}})]
        self.protocols = write(d, "protocols.json", {"authors": {
            "epochs": 40, "retrain_epochs": 4, "authors_max_epochs": 100}})
        self.ratio = write(d, "ratio.json", {"source": "sig30", "target": "sig100",
                                             "densities": [0.1, 1], "ratios": [2, 3]})
        self.train_ratio = write(d, "train_ratio.json", {
            "source": "sig30", "target": "sig100",
            "train": {"nn": {"factors": [0.25, 0.5], "ratios": [1.5, 2]}},
            "compress_authors": {"factors": [0.01, 0.1], "ratios": [1.2, 1.4]}})

    def run_tool(self, projected_rows, measured=None, timings=None, ratio=True):
        projected = write(self.dir, "projected.json", {"columns": COLUMNS, "rows": projected_rows})
        args = ["--measured", measured or self.measured, "--timings"] + (timings or self.timings)
        args += ["--records"] + self.records + ["--projected", projected, "--protocols",
                                                self.protocols]
        if ratio:
            args += ["--arch-ratio"] + (ratio if isinstance(ratio, list) else [self.ratio,
                                                                                self.train_ratio])
        return subprocess.run([sys.executable, SCRIPT] + args, capture_output=True, text=True)

    def test_known_projection(self):
        r = self.run_tool([
            # The baseline at the protocol's 40 epochs: 2 + 40 x 1 = 42 s.
            row("b", "train", "dense", "1", "halving", regularizer="l2"),
            # Halving at 1/4 (midway in log factor between 1/2 and 1/8): 1 + 4 x 0.5 = 3 s.
            row("h", "compress", "mag_l2", "0.25", "halving"),
            # The authors' schedule at 0.1, literal: 30 epochs as measured: 3 + 30 x 0.5 = 18 s.
            row("a", "compress", "mag_l2", "0.1", "authors"),
            # random never halved: mag_l2's halving at 1/2 scaled by random / mag_l2 on the
            # authors' schedule (fixed 6/3, per epoch 1/0.5): 2 + 4 x 1.6 = 8.4 s.
            row("r", "compress", "random", "0.5", "halving"),
            # sig100 from sig30 at the masked step's ratio for density 1/10: 2 x 18 = 36 s.
            row("s", "compress", "mag_l2", "0.1", "authors", arch="sig100"),
            # An evaluation: 0.5 s.
            row("e", "evaluate", "obd", "0.5", "halving"),
        ], ratio=[self.ratio])
        self.assertEqual(r.returncode, 0, r.stderr)
        # 42 + 3 + 18 + 8.4 + 36 + 0.5 = 107.9 s.
        self.assertIn("| compress | 0.02 | 61 % |", r.stdout)  # 65.4 s
        self.assertIn("| random | 0.00 | 8 % |", r.stdout)
        self.assertIn("| sig100 | 0.01 | 33 % |", r.stdout)
        self.assertIn("Whole grid: 0.0 CPU-hours", r.stdout)
        self.assertIn("30.0 epochs per compress action (mean of 1 measured)", r.stdout)
        # The literal action projected from the shortened one: 3 + 0.5 x 30 = 18 s, as measured.
        self.assertIn("projected from the others: 18 CPU s, measured 18 (+0 %)", r.stdout)
        self.assertIn("OpenBLAS x", r.stdout)

    def test_training_ratio_by_method_and_factor(self):
        r = self.run_tool([
            row("b", "train", "dense", "1", "halving", regularizer="l2"),  # 42 s, as above
            # nn's sig30 cost held at its one measured factor: 1 + 10 x 0.5 = 6 s, times nn's
            # training ratio at 1/4: 1.5 x 6 = 9 s.
            row("n", "train", "nn", "0.25", "halving", arch="sig100", epochs=10),
            # A method without a training ratio: the masked step's at density 1, 3 x 42 = 126 s.
            row("d", "train", "dense", "1", "halving", arch="sig100", regularizer="l2"),
            # The authors' schedule at 1/10, literal (18 s on sig30, above): 1.4 x 18 = 25.2 s.
            row("a", "compress", "mag_l2", "0.1", "authors", arch="sig100"),
            # Halving keeps the masked step's ratio at its density, 2.4 at 1/4: 2.4 x 3 = 7.2 s.
            row("h", "compress", "mag_l2", "0.25", "halving", arch="sig100"),
        ])
        self.assertEqual(r.returncode, 0, r.stderr)
        # 42 + 9 + 126 + 25.2 + 7.2 = 209.4 s.
        self.assertIn("| sig100 | 0.05 | 80 % |", r.stdout)
        self.assertIn("| nn | 0.00 | 4 % |", r.stdout)
        self.assertIn("| mag_l2 | 0.01 | 15 % |", r.stdout)
        self.assertIn("| the authors' schedule | 0.01 | 12 % |", r.stdout)

    def check_error(self, expected, projected=None, **kwargs):
        r = self.run_tool(projected or [row("b", "train", "dense", "1", "halving",
                                            regularizer="l2")], **kwargs)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn(expected, r.stderr)

    def test_bad_inputs_fail_in_one_line(self):
        d = self.dir
        garbage = write(d, "garbage.timing.json", "not json")
        other = write(d, "other.timing.json", {"schema": "x", "stage": "train", "wall_seconds": 1,
                                               "cpu_seconds": 1, "epoch_seconds": []})
        no_cpu = write(d, "no_cpu.timing.json", {"schema": "nncompress timing", "stage": "train"})
        table = lambda name, timing_name: write(d, name, {"columns": COLUMNS, "rows": [
            row(timing_name, "train", "dense", "1", "halving", regularizer="l2")]})
        self.check_error(garbage + ": not JSON",
                         measured=table("m1.json", "garbage.timing.json"), timings=[garbage])
        self.check_error(other + ": not a timing file",
                         measured=table("m2.json", "other.timing.json"), timings=[other])
        self.check_error(no_cpu + ": missing field 'wall_seconds'",
                         measured=table("m3.json", "no_cpu.timing.json"), timings=[no_cpu])
        self.check_error(self.measured + ": e.timing.json has no timing file",
                         timings=self.timings[:-1])
        self.check_error(garbage + ": not an action of", timings=self.timings + [garbage])
        self.check_error(self.timings[0] + ": stage 'train', but the actions table says "
                         "'compress'", measured=write(d, "m4.json", {"columns": COLUMNS, "rows": [
                             row("base.timing.json", "compress", "dense", "1", "halving")]}),
                         timings=self.timings[:1])
        self.check_error("lacks column 'authors'", measured=write(d, "m5.json", {
            "columns": COLUMNS[:-1], "rows": []}))
        self.check_error("no measured action to project s from",
                         [row("s", "train", "hashed", "0.5", "halving", arch="sig100")])
        self.check_error("no measured action to project s from",
                         [row("s", "compress", "mag_l2", "0.5", "halving", arch="sig100")],
                         ratio=False)
        train_ratio = lambda name, value: [self.ratio, write(d, name, dict(
            {"source": "sig30", "target": "sig100"}, **value))]
        self.check_error("source 'lenet5', but another ratio file for 'sig100' says 'sig30'",
                         ratio=train_ratio("t1.json", {"source": "lenet5", "train": {}}))
        self.check_error("t2.json: 'train' must map each method",
                         ratio=train_ratio("t2.json", {"train": []}))
        self.check_error("t3.json: 'factors' and 'ratios' must be positive lists of one length, "
                         "factors ascending", ratio=train_ratio("t3.json", {"train": {
                             "nn": {"factors": [0.5, 0.25], "ratios": [1, 2]}}}))
        self.check_error("t4.json: 'factors' and 'ratios' must be positive lists",
                         ratio=train_ratio("t4.json", {"train": {"nn": {
                             "factors": [1], "ratios": [1]}}, "compress_authors": {
                                 "factors": [0.1], "ratios": [0]}}))
        self.check_error("only its literal lengths are projected",
                         [row("a", "compress", "mag_l2", "0.1", "authors", authors=SHORT)])


if __name__ == "__main__":
    unittest.main()
