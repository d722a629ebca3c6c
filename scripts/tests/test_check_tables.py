"""Tests of scripts/check-tables: that it passes a real build and catches a broken
workbook. Run by scripts/test with the debug binary built (and LibreOffice and
openpyxl installed by scripts/setup --checks).

    python3 -m unittest discover -s scripts/tests
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECK = os.path.join(ROOT, "scripts", "check-tables")
BINARY = os.path.join(ROOT, ".build", "debug", "panel-report")


def rewrite(path, part, change):
    """The zip at `path` with one part's text changed, every other part as it was."""
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for info, data in items:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)


def first_number(ods):
    """A whole number some cell of the ODS workbook holds, as it is written there."""
    with zipfile.ZipFile(ods) as z:
        text = z.read("content.xml").decode("utf-8")
    return re.search(r'<table:table-cell office:value-type="float" office:value="(\d+)"><text:p>\1</text:p>', text).group(1)


class CheckTablesTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        cls.built = os.path.join(cls.work, "built")
        subprocess.run([BINARY, "build", "--inputs", os.path.join(ROOT, "Inputs"), "--templates", os.path.join(ROOT, "Templates"),
                        "--output", cls.built, "--suppress-below", "3"], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work)

    def copy(self):
        folder = tempfile.mkdtemp(dir=self.work)
        shutil.rmtree(folder)
        shutil.copytree(self.built, folder)
        return folder

    def check(self, *folders):
        return subprocess.run([CHECK, *folders], capture_output=True, text=True)

    def test_a_real_build_passes(self):
        run = self.check(self.built)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)

    def test_a_true_value_behind_c_is_caught(self):
        folder = self.copy()
        xlsx = os.path.join(folder, "data", "tables.xlsx")
        # The first [c] cell of Figure 3's sheet (ethnicity) given back its true value, 1.
        with zipfile.ZipFile(xlsx) as z:
            strings = re.findall(r"<si><t[^>]*>(.*?)</t></si>", z.read("xl/sharedStrings.xml").decode())
        c = strings.index("[c]")
        rewrite(xlsx, "xl/worksheets/sheet7.xml", lambda text: text.replace(f' t="s"><v>{c}</v>', "><v>1</v>", 1))
        run = self.check(folder)
        self.assertEqual(run.returncode, 1)
        self.assertIn("the report [c]", run.stdout)

    def test_a_merged_cell_a_formula_and_a_second_header_row_are_caught(self):
        folder = self.copy()
        ods = os.path.join(folder, "data", "tables.ods")
        v = first_number(ods)
        rewrite(ods, "content.xml", lambda text: text.replace(
            f'office:value-type="float" office:value="{v}"',
            f'table:number-columns-spanned="2" table:formula="of:={v}+0" office:value-type="float" office:value="{v}"', 1))
        xlsx = os.path.join(folder, "data", "tables.xlsx")
        rewrite(xlsx, "xl/tables/table4.xml", lambda text: text.replace('headerRowCount="1"', 'headerRowCount="2"'))
        run = self.check(folder)
        self.assertEqual(run.returncode, 1)
        self.assertIn("a merged cell", run.stdout)
        self.assertIn("holds a formula", run.stdout)
        self.assertIn("header rows", run.stdout)

    def test_a_number_stored_as_text_and_a_missing_note_are_caught(self):
        folder = self.copy()
        ods = os.path.join(folder, "data", "tables.ods")
        v = first_number(ods)
        rewrite(ods, "content.xml", lambda text: text.replace(
            f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>',
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>', 1).replace("[note 1]</text:p>", "[note 9]</text:p>", 1))
        run = self.check(folder)
        self.assertEqual(run.returncode, 1)
        self.assertIn(f"'{v}'", run.stdout)
        self.assertIn("is not stored as a number", run.stdout)
        self.assertIn("[note 9]", run.stdout)

    def test_two_builds_that_differ_are_caught(self):
        folder = self.copy()
        xlsx = os.path.join(folder, "data", "tables.xlsx")
        rewrite(xlsx, "docProps/core.xml", lambda text: text.replace("T00:00:00Z</dcterms:modified>", "T10:00:00Z</dcterms:modified>"))
        run = subprocess.run([CHECK, self.built, "--again", folder], capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("tables.xlsx", run.stdout)
        self.assertIn("differ", run.stdout)


if __name__ == "__main__":
    unittest.main()
