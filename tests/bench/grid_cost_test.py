"""grid_cost.py: the projection by split sizes, and one-line errors on bad input files."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "grid_cost.py")


def write(folder, name, value):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(value if isinstance(value, str) else json.dumps(value))
    return path


def manifest(name, train, valid, test):
    return {"name": name, "splits": {"train": {"count": train}, "valid": {"count": valid},
                                     "test": {"count": test}}}


def timing(stage, cpu):
    return {"schema": "nncompress timing", "version": 1, "stage": stage, "wall_seconds": cpu,
            "cpu_seconds": cpu, "epoch_seconds": [], "details": {}}


class GridCostTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.small = write(self.dir, "small.json", manifest("small", 1000, 200, 800))
        self.big = write(self.dir, "big.json", manifest("big", 4000, 1000, 1000))
        self.train = write(self.dir, "t.json", timing("train", 3600))
        self.evaluate = write(self.dir, "e.json", timing("evaluate", 1800))

    def run_tool(self, *args):
        return subprocess.run([sys.executable, SCRIPT] + list(args), capture_output=True, text=True)

    def test_projects_by_split_sizes(self):
        r = self.run_tool("--manifests", self.small, self.big, "--piece", "small", "fc3",
                          self.train, self.evaluate, "--grid", "small", "big", "--archs", "fc3")
        self.assertEqual(r.returncode, 0, r.stderr)
        # big: training 1 h × 4 (train split), evaluation 0.5 h × 2000/1000 (test + valid).
        self.assertIn("| big | 5.00 | 5.00 |", r.stdout)
        self.assertIn("| small | 1.50 | 1.50 |", r.stdout)
        self.assertIn("Whole grid: 6.5 CPU-hours", r.stdout)

    def check_error(self, args, expected):
        r = self.run_tool(*args)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn(expected, r.stderr)

    def test_bad_inputs_fail_in_one_line(self):
        missing = os.path.join(self.dir, "missing.json")
        garbage = write(self.dir, "garbage.json", "not json")
        no_name = write(self.dir, "no_name.json", {"splits": {}})
        no_count = write(self.dir, "no_count.json", {"name": "x", "splits": {"train": {}}})
        other = write(self.dir, "other.json", {"schema": "x", "stage": "train", "cpu_seconds": 1})
        piece = ["--piece", "small", "fc3", self.train]
        self.check_error(["--manifests", missing], missing + ": no such file")
        self.check_error(["--manifests", garbage], garbage + ": not JSON")
        self.check_error(["--manifests", no_name], no_name + ": missing field 'name'")
        self.check_error(["--manifests", no_count], no_count + ": 'splits' lacks")
        self.check_error(["--manifests", self.small, "--piece", "small", "fc3", other],
                         other + ": not a train, compress or evaluate timing file")
        self.check_error(["--manifests", self.small] + piece + ["--grid", "huge", "--archs", "fc3"],
                         "no manifest of dataset huge")
        self.check_error(["--manifests", self.small] + piece + ["--grid", "small", "--archs", "fc5"],
                         "no measured piece of network fc5")


if __name__ == "__main__":
    unittest.main()
