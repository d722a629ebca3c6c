"""Tests of scripts/generate-cohort: run by scripts/test with the debug binary built.

    python3 -m unittest discover -s scripts/tests
"""
import csv
import filecmp
import json
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATE = os.path.join(ROOT, "scripts", "generate-cohort")
BINARY = os.path.join(ROOT, ".build", "debug", "panel-report")


def generate(out, cases, seed=7, form="yaml"):
    subprocess.run([GENERATE, "--cases", str(cases), "--seed", str(seed), "--format", form, "--out", out], check=True)
    return out


def panel_report(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True)


class GenerateCohortTests(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.addCleanup(self.work.cleanup)

    def path(self, name):
        return os.path.join(self.work.name, name)

    def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(self):
        a, b, c = (generate(self.path(n), 60, seed=s) for n, s in (("a", 7), ("b", 7), ("c", 8)))
        comparison = filecmp.dircmp(a, b)
        self.assertEqual(comparison.diff_files, [])
        self.assertEqual(filecmp.dircmp(os.path.join(a, "cases"), os.path.join(b, "cases")).diff_files, [])
        self.assertNotEqual(filecmp.dircmp(os.path.join(a, "cases"), os.path.join(c, "cases")).diff_files, [])

    def test_every_form_is_valid_and_gives_the_same_statistics(self):
        stats = []
        for form in ("yaml", "csv"):
            inputs = generate(self.path(form), 300, form=form)
            result = panel_report("validate", "--inputs", inputs)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("valid. 300 cases in 15 areas", result.stdout)
            stats.append(panel_report("stats", "--inputs", inputs, "--format", "json").stdout)
        self.assertEqual(stats[0], stats[1])
        self.assertEqual(json.loads(stats[0])["statistics"]["cohort"]["cases"], 300)

    def test_the_cross_field_rules_hold_and_the_mix_is_realistic(self):
        inputs = generate(self.path("csv"), 2000, form="csv")
        rows = list(csv.DictReader(open(os.path.join(inputs, "cases.csv"), newline="")))
        self.assertEqual(len({r["id"] for r in rows}), 2000)
        for r in rows:
            self.assertEqual(r["harm.prognosis"] == "", r["harm.outcome"] == "died")
            if r["proceedings.murder_charge"] != "none":
                self.assertEqual(r["harm.outcome"], "died")
            if r["male_carer.probation"] != "none":
                self.assertEqual(r["male_carer.criminal_convictions"], "true")
        died = sum(r["harm.outcome"] == "died" for r in rows) / len(rows)
        self.assertTrue(0.1 < died < 0.25, died)
        self.assertGreater(len({r["child.ethnicity"] for r in rows}), 3)

    def test_a_folder_that_is_not_empty_is_refused(self):
        os.makedirs(self.path("full"))
        open(os.path.join(self.path("full"), "keep.txt"), "w").close()
        result = subprocess.run([GENERATE, "--cases", "5", "--out", self.path("full")], capture_output=True, text=True)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("is not empty", result.stderr)
        self.assertEqual(os.listdir(self.path("full")), ["keep.txt"])


if __name__ == "__main__":
    unittest.main()
