"""speed_order.py: pairs counted, inversions found, and one-line errors on bad files."""
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "speed_order.py")
HEADER = ("# nncompress speed, version 1\n"
          "dataset,arch,method,schedule,encoding,target_factor,ratio,batch,samples_per_s_median,"
          "samples_per_s_q1,samples_per_s_q3,samples_per_s_max,repeats,openblas_kernel\n")


def rows(encoding, points):
    """CSV rows of one series: points are (ratio, median, q1, q3)."""
    return "".join("mnist,sig30,mag_l2,halving,%s,1/%g,%g,64,%g,%g,%g,%g,21,Haswell\n"
                   % (encoding, r, r, m, q1, q3, q3) for r, m, q1, q3 in points)


class SpeedOrderTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_script(self, first, second):
        return subprocess.run([sys.executable, SCRIPT, first, second], capture_output=True, text=True)

    def test_counts_inversions_and_decisive_ones(self):
        # csr: 1/2 < 1/4 < 1/8 in both timings, except 1/4 and 1/8 swap in the second, IQRs
        # disjoint in both: one decisive inversion. bitmask: 1/2 and 1/4 swap within overlapping IQRs.
        first = self.write("a.csv", HEADER + rows("csr", [(2, 100, 95, 105), (4, 200, 190, 210),
                                                          (8, 400, 390, 410)])
                           + rows("bitmask", [(2, 100, 90, 110), (4, 101, 91, 111)]))
        second = self.write("b.csv", HEADER + rows("csr", [(2, 100, 95, 105), (4, 400, 390, 410),
                                                           (8, 200, 190, 210)])
                            + rows("bitmask", [(2, 101, 91, 111), (4, 100, 90, 110)]))
        out = self.run_script(first, second)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("| csr | 3 | 2 | 1 | 1 |", out.stdout)
        self.assertIn("| dense-shaped | 1 | 0 | 1 | 0 |", out.stdout)
        self.assertIn("decisively inverted (csr): mnist sig30 mag_l2 halving csr 64 1/4 vs 1/8",
                      out.stdout)
        self.assertIn("first timing: 0 csr pairs", out.stdout)
        self.assertIn("second timing: 1 csr pairs", out.stdout)

    def test_identical_timings_agree(self):
        same = self.write("a.csv", HEADER + rows("csr", [(2, 100, 95, 105), (4, 200, 190, 210)]))
        out = self.run_script(same, same)
        self.assertIn("| csr | 1 | 1 | 0 | 0 |", out.stdout)

    def test_bad_files_give_one_line(self):
        good = self.write("good.csv", HEADER + rows("csr", [(2, 100, 95, 105)]))
        cases = {
            "missing.csv": (None, "No such file"),
            "empty.csv": (HEADER, "no rows"),
            "column.csv": ("dataset,arch\nmnist,sig30\n", "no column 'method'"),
            "number.csv": (HEADER + rows("csr", [(2, 100, 95, 105)]).replace(",100,", ",fast,"),
                           "line 3: a column of"),
        }
        for name, (text, problem) in cases.items():
            path = os.path.join(self.dir, name) if text is None else self.write(name, text)
            out = self.run_script(good, path)
            self.assertEqual(out.returncode, 1, name)
            self.assertEqual(out.stderr.count("\n"), 1, out.stderr)
            self.assertIn("speed_order: %s: " % path, out.stderr)
            self.assertIn(problem.lower(), out.stderr.lower(), out.stderr)


if __name__ == "__main__":
    unittest.main()
