"""train_ratio.py: known ratios from a stand-in train binary, and one-line errors."""
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "train_ratio.py")

# A stand-in for the pipeline's train and compress binaries: writes its model and a timing file
# whose CPU seconds per epoch are, for sig30, 1 and, for sig100, 1 + 3 x factor when training
# (a baseline: factor 1) and 1 + 5 x factor when pruning a baseline (its name says its network),
# with 1 s of start-up, wall = CPU; it records what it ran with and fails for factor 1/7.
FAKE = r'''#!/usr/bin/env python3
import json, os, sys
a = dict(zip(sys.argv[1::2], sys.argv[2::2]))
f = a.get("--factor", "1")
if f == "1/7":
    sys.exit("train: cannot train at 1/7\nsecond line")
x = 1.0 / int(f[2:]) if f.startswith("1/") else float(f)
pruning = "--model" in a
arch = "sig100" if "sig100" in a.get("--model", a.get("--arch", "")) else "sig30"
per = 1.0 + (5.0 if pruning else 3.0) * x if arch == "sig100" else 1.0
n = int(a.get("--epochs", "2"))
with open(a["--timing"], "w") as t:
    json.dump({"wall_seconds": 1 + per * n, "cpu_seconds": 1 + per * n,
               "epoch_seconds": [per] * n}, t)
open(a["--out"], "w").close()
with open(os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), "seen"), "a") as s:
    s.write("%s %s %s %s %s\n" % (a.get("--method", "dense"), a.get("--regularizer", "-"),
                                  os.environ.get("OPENBLAS_CORETYPE"),
                                  os.environ.get("OPENBLAS_NUM_THREADS"), a["--data"]))
'''


class TrainRatioTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.fake = os.path.join(self.dir, "train_fake")
        with open(self.fake, "w") as f:
            f.write(FAKE)
        os.chmod(self.fake, os.stat(self.fake).st_mode | stat.S_IXUSR)

    def run_tool(self, *args, env=None, data=None):
        return subprocess.run([sys.executable, SCRIPT, "--data"] + (data or [self.dir]) +
                              list(args), capture_output=True, text=True, env=env)

    def test_known_ratios(self):
        out = os.path.join(self.dir, "ratio.json")
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
        # The dataset given as its files, as Bazel's $(rootpaths) gives it: their directory.
        data = os.path.join(self.dir, "mnist")
        os.mkdir(data)
        files = [os.path.join(data, name) for name in ("manifest.json", "train-images")]
        r = self.run_tool("--train", "nn=" + self.fake, "--train", "dense=" + self.fake,
                          "--compress", "mag_l2=" + self.fake, "--factors", "1/2,1/8,1/4",
                          "--authors-factors", "1/10,1/100", "--authors-patience", "1",
                          "--authors-tail", "5", "--rounds", "2", "--json", out, env=env,
                          data=files)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            j = json.load(f)
        self.assertEqual((j["source"], j["target"]), ("sig30", "sig100"))
        nn = j["train"]["nn"]
        # Factors ascending; per epoch 1 + 3x over 1, the start-up second left out.
        self.assertEqual(nn["factors"], [0.125, 0.25, 0.5])
        self.assertEqual(nn["ratios"], [1.375, 1.75, 2.5])
        self.assertEqual(nn["rounds"][2], [2.5, 2.5])
        # The baseline at factor 1 only: 4 x.
        self.assertEqual(j["train"]["dense"], {"factors": [1.0], "ratios": [4.0],
                                               "rounds": [[4.0, 4.0]]})
        # Pruning each network's baseline: 1 + 5x over 1.
        self.assertEqual(j["compress_authors"], {"method": "mag_l2", "patience": 1, "tail": 5,
                                                 "factors": [0.01, 0.1],
                                                 "ratios": [1.05, 1.5],
                                                 "rounds": [[1.05, 1.05], [1.5, 1.5]]})
        self.assertIn("| nn | 1/4 | 1.75 | 1.75 1.75 |", r.stdout)
        # The pipeline's OpenBLAS settings where the environment leaves them unset; the baselines
        # trained with L2.
        with open(os.path.join(self.dir, "seen")) as f:
            seen = set(f.read().splitlines())
        self.assertEqual(seen, {m + " Haswell 1 " + data for m in (
            "nn none", "dense none", "dense l2", "mag_l2 -")})
        self.assertIn("OPENBLAS_CORETYPE=Haswell", j["measured"])

    def test_keeps_an_explicit_kernel(self):
        env = dict(os.environ, OPENBLAS_CORETYPE="Zen")
        r = self.run_tool("--train", "nn=" + self.fake, "--factors", "1/2", "--rounds", "1",
                          env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("OPENBLAS_CORETYPE=Zen", r.stdout)

    def check_error(self, expected, *args):
        r = self.run_tool(*args)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn(expected, r.stderr)

    def test_bad_input_fails_in_one_line(self):
        nn = "nn=" + self.fake
        self.check_error("train_fake nn sig30 at 1/7: second line", "--train", nn,
                         "--factors", "1/7", "--rounds", "1")
        authors = ["--authors-patience", "1", "--authors-tail", "5"]
        self.check_error("train_fake mag_l2 sig30 at 1/7: second line", "--train",
                         "dense=" + self.fake, "--compress", "mag_l2=" + self.fake,
                         "--authors-factors", "1/7", "--rounds", "1", *authors)
        self.check_error("--compress needs --authors-factors, --authors-patience, "
                         "--authors-tail", "--train", "dense=" + self.fake, "--compress",
                         "mag_l2=" + self.fake, "--authors-factors", "1/10")
        self.check_error("--authors-tail takes a positive integer, not 'x'", "--train",
                         "dense=" + self.fake, "--compress", "mag_l2=" + self.fake,
                         "--authors-factors", "1/10", "--authors-patience", "1",
                         "--authors-tail", "x")
        self.check_error("--train takes NAME=BINARY, not 'nn'", "--train", "nn")
        self.check_error("--compress needs --train dense=BINARY", "--train", nn,
                         "--compress", "mag_l2=" + self.fake)
        self.check_error("--compress names one method", "--train", "dense=" + self.fake,
                         "--compress", "a=x", "--compress", "b=y")
        self.check_error("factor '1/0' is neither 1/N nor a number", "--train", nn,
                         "--factors", "1/0")
        self.check_error("factor '2' is not in (0, 1]", "--train", nn, "--factors", "2")
        self.check_error("--rounds takes a positive integer, not '0'", "--train", nn,
                         "--rounds", "0")
        self.check_error("unknown flag '--bogus'", "--bogus", "x")
        self.check_error("--epochs takes one value", "--train", nn, "--epochs")
        self.check_error("at least one --train", "--factors", "1/2")


if __name__ == "__main__":
    unittest.main()
