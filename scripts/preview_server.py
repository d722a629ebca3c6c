"""Starts `panel-report preview` on a free loopback port for the timing scripts
(bench-preview.py, check-preview-watch.py) and collects what it prints."""
import re
import subprocess
import threading


class PreviewServer:
    def __init__(self, binary, inputs, templates, extra=()):
        self.process = subprocess.Popen(
            [binary, "preview", "--inputs", inputs, "--templates", templates, "--port", "0", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            self.lines.append(line)
            if "previewing" in line:
                self.ready.set()

    def port(self, timeout=60):
        """The port it chose, once it says it is previewing; None if it did not start."""
        if not self.ready.wait(timeout):
            return None
        return re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(self.lines)).group(1)
