"""Checks that `panel-report preview` sees every way an editor saves a file.

For each save style below, changes a value the report prints, then waits for
the page to show it: "seen" with the time from the save, or "MISSED" after 5 s.
Run once with inotify (the default) and once with --poll.
  python3 scripts/check-preview-watch.py BINARY INPUTS TEMPLATES [--poll]
INPUTS and TEMPLATES are scratch copies: they are edited (and put back).
"""
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preview_server import PreviewServer  # noqa: E402

binary, inputs, templates = sys.argv[1:4]
extra = sys.argv[4:]
case = f"{inputs}/cases/C01.yaml"
original = open(case, encoding="utf-8").read()
VALUES = ["universal", "early-help"]

preview = PreviewServer(binary, inputs, templates, extra)
server, lines = preview.process, preview.lines


def page():
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
        return answer.read().decode()


def universal():
    m = re.search(r"In (\w+) of \d+ cases the family was known only to universal services", page())
    return m.group(1) if m else None


def text(value):
    return original.replace("agency_involvement: universal", f"agency_involvement: {value}")


def in_place(value):
    with open(case, "w", encoding="utf-8") as f:
        f.write(text(value))


def rename_over(value):  # sed -i, most IDEs' "safe write", Python's atomic writers
    tmp = case + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text(value))
    os.replace(tmp, case)


def vim_with(value, *settings):
    other = VALUES[1] if value == VALUES[0] else VALUES[0]
    commands = [arg for setting in settings for arg in ("-c", setting)]
    subprocess.run(["vim", "-u", "NONE", "-N", "-es", *commands,
                    "-c", f"%s/agency_involvement: {other}/agency_involvement: {value}/", "-c", "wq", case], check=True)


def vim(value):  # the real editor with its defaults (vim 9 on Debian 12 writes the file in place)
    vim_with(value)


def sed(value):  # writes a new file and renames it over (a new inode)
    other = VALUES[1] if value == VALUES[0] else VALUES[0]
    subprocess.run(["sed", "-i", f"s/agency_involvement: {other}/agency_involvement: {value}/", case], check=True)


def two_saves_quickly(value):  # a broken save then a good one within a millisecond: the second must win
    other = VALUES[1] if value == VALUES[0] else VALUES[0]
    in_place(other + "x")
    in_place(value)


def folder_recreated(value):  # a checkout or a copy: cases/ deleted and made again
    saved = f"{inputs}/../cases-copy"
    shutil.copytree(f"{inputs}/cases", saved)
    shutil.rmtree(f"{inputs}/cases")
    time.sleep(0.3)
    shutil.copytree(saved, f"{inputs}/cases")
    shutil.rmtree(saved)
    with open(case, "w", encoding="utf-8") as f:
        f.write(text(value))


try:
    port = preview.port()
    if port is None:
        sys.exit("the preview did not start: " + "".join(lines))
    mode = "polling every 250 ms" if "--poll" in extra else "inotify"
    expected = {"universal": None, "early-help": None}
    baseline = universal()
    for style in (in_place, rename_over, vim, sed, two_saves_quickly, folder_recreated):
        for value in ("early-help", "universal"):
            before = universal()
            start = time.perf_counter()
            style(value)
            want = str(int(baseline) - (1 if value == "early-help" else 0))
            while time.perf_counter() - start < 5:
                if universal() == want:
                    print(f"{mode:<22} {style.__name__:<20} -> {value:<11} seen after {(time.perf_counter() - start) * 1000:6.0f} ms")
                    break
                time.sleep(0.005)
            else:
                print(f"{mode:<22} {style.__name__:<20} -> {value:<11} MISSED (page shows {universal()}, expected {want})")
finally:
    with open(case, "w", encoding="utf-8") as f:
        f.write(original)
    server.terminate()
    server.wait(5)
