"""Times `panel-report preview` rebuilds: a timed loop, not a test.

Starts the preview on a free loopback port, then saves a file again and again
(a case file, then a chapter), each save changing its bytes, and measures

  - "seen": from the save to the moment the server's build number moves, which
    is what the open page polls (so it includes the watcher's 20 ms settle);
  - "build": the rebuild alone, as the server prints it ("built in N ms");
  - "cpu": the server's CPU time (user + system) for the save, from /proc: less
    swayed than wall time when other work shares the machine.

Prints medians, minimums and maximums in milliseconds.
  python3 scripts/bench-preview.py BINARY INPUTS TEMPLATES CASE-FILE RUNS LABEL [--poll]
"""
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preview_server import PreviewServer  # noqa: E402

binary, inputs, templates, case_file, runs, label = sys.argv[1:7]
extra = sys.argv[7:]
runs = int(runs)

preview = PreviewServer(binary, inputs, templates, extra)
server, lines = preview.process, preview.lines
try:
    port = preview.port()
    if port is None:
        sys.exit("bench-preview: the preview did not start: " + "".join(lines))

    def build():
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__preview/build", timeout=10) as answer:
            return int(answer.read())

    tick = os.sysconf("SC_CLK_TCK")

    def cpu_ms():
        with open(f"/proc/{server.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / tick

    def measure(path, first, second):
        with open(path, encoding="utf-8") as f:
            original = f.read()
        assert first in original, f"{first!r} not in {path}"
        seen, built, cpu = [], [], []
        try:
            for i in range(runs):
                before = build()
                printed = len(lines)
                cpu_before = cpu_ms()
                text = original.replace(first, second) if i % 2 == 0 else original
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                while build() == before:
                    if time.perf_counter() - start > 10:
                        sys.exit(f"bench-preview: no rebuild within 10 s after saving {path}")
                    time.sleep(0.001)
                seen.append((time.perf_counter() - start) * 1000)
                time.sleep(0.05)
                cpu.append(cpu_ms() - cpu_before)
                for line in lines[printed:]:
                    m = re.search(r"built in (\d+) ms", line)
                    if m:
                        built.append(int(m.group(1)))
                # Let the next save start from a quiet server.
                time.sleep(0.1)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        return seen, built, cpu

    results = [
        ("case file", measure(case_file, "agency_involvement: universal", "agency_involvement: early-help")),
        ("chapter", measure(f"{templates}/chapters/04-findings.md", "Findings", "Findings and learning")),
    ]
    for what, (seen, built, cpu) in results:
        for name, values in (("seen", seen), ("build", built), ("cpu", cpu)):
            if values:
                print(f"preview, {label}, {what} saved, {name:<5} median {statistics.median(values):6.1f} ms"
                      f"  min {min(values):6.1f}  max {max(values):6.1f}  ({len(values)} saves)")
finally:
    server.terminate()
    try:
        server.wait(5)
    except subprocess.TimeoutExpired:
        server.kill()
