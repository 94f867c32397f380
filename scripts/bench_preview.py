"""Benchmark the live preview: how long from saving a page's Markdown until the server serves the new text.

    .venv/bin/python scripts/bench_preview.py [--runs 20] [--page pillars/competence.en.md] [--root DIR] [--heading]

Starts ``build.py serve`` on a temporary copy of the project (this
repository's, or the one in DIR: neither is ever touched), then, RUNS times:
appends a unique marker to the page's Markdown (with ``--heading``, as a new
heading: the page's anchors change, which other pages' links may point at)
and waits as a browser showing the page does: its
LiveReload socket is told to reload, then it asks for the page once (see
:class:`ReloadListener`). The save-to-served latency is the watcher's
noticing and quiet period, the rebuild, the message and one request. With
``--poll`` it instead asks for the page every 5 ms until the marker is
served, as earlier versions of this script did: 200 requests a second, a
load no browser makes, which slows the rebuild they wait for (the server
answers them in the rebuild's process). Also reads the rebuild times the
server prints (``built ... in X s after changes to ...``). Prints median,
p90, min and max of the latency, the median rebuild time and the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import queue
import random
import re
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.005
REBUILD = re.compile(r"^built .* in (\d+\.\d+) s (?:\([^)]*\) )?after changes to ", re.M)


def copy_project(target: Path, source: Path = ROOT) -> Path:
    for name in ("content", "templates", "static"):
        shutil.copytree(source / name, target / name)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str) -> str:
    """The page at ``path`` as text, or "" when it is not (yet) served."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.read().decode("utf-8", errors="replace") if response.status == 200 else ""
    except OSError:
        return ""
    finally:
        connection.close()


class ReloadListener:
    """A LiveReload client, as the script the preview puts in every page is: told when to reload, and where.

    Connects to the server's ``/livereload`` socket, says hello and which page
    it shows (``info``), as ``livereload.js`` does; :meth:`wait_reload` then
    returns when the server says "reload". It runs tornado (the server's own
    library, installed with livereload) in a thread of its own.
    """

    def __init__(self, port: int, page: str, timeout: float = 10.0) -> None:
        import asyncio

        self.port, self.page = port, page
        self.messages: queue.Queue = queue.Queue()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.socket = asyncio.run_coroutine_threadsafe(self._connect(), self.loop).result(timeout)
        if self._next(timeout).get("command") != "hello":  # the server counts the socket once it answered
            raise RuntimeError("the preview's LiveReload socket did not answer hello")

    async def _connect(self):
        from tornado.websocket import websocket_connect

        socket_ = await websocket_connect(f"ws://127.0.0.1:{self.port}/livereload",
                                          on_message_callback=self._received)
        socket_.write_message(json.dumps({"command": "hello",
                                          "protocols": ["http://livereload.com/protocols/official-7"]}))
        socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{self.port}{self.page}",
                                          "plugins": {}}))
        return socket_

    def _received(self, message: str | bytes | None) -> None:
        self.messages.put({"command": "closed"} if message is None else json.loads(message))

    def _next(self, timeout: float) -> dict:
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            return {}

    def wait_reload(self, timeout: float) -> bool:
        """Wait until the server says "reload" (True), or ``timeout`` seconds (False)."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            command = self._next(left).get("command")
            if command == "reload":
                return True
            if command == "closed":
                return False
        return False

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.socket.close)
        self.loop.call_soon_threadsafe(self.loop.stop)


def served_as_a_browser_would(listener: ReloadListener, port: int, path: str, marker: str,
                              timeout: float) -> float | None:
    """When the page at ``path`` showed ``marker``, asked for once the server said to reload (as a browser
    does); asked again at each further reload (a build that did not have the save yet). None on timeout."""
    deadline = time.perf_counter() + timeout
    while listener.wait_reload(deadline - time.perf_counter()):
        if marker in fetch(port, path):
            return time.perf_counter()
    return None


def wait_until(condition, timeout: float, what: str) -> float:
    """Poll ``condition`` every 5 ms; returns the time (perf_counter) it became true."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out after {timeout} s waiting for {what}")
        time.sleep(POLL_SECONDS)
    return time.perf_counter()


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    options.add_argument("--runs", type=int, default=20)
    options.add_argument("--page", default="pillars/competence.en.md", help="a file under content/pages/")
    options.add_argument("--poll", action="store_true", help="ask for the page every 5 ms instead of waiting to be "
                         "told to reload (an extra load on the server)")
    options.add_argument("--root", type=Path, default=ROOT, metavar="DIR",
                         help="the project to copy and serve (default: this repository's)")
    options.add_argument("--heading", action="store_true",
                         help="save each marker as a new heading rather than a sentence")
    arguments = options.parse_args()
    key, _, lang = arguments.page.removesuffix(".md").rpartition(".")
    url = ("/" if lang == "zh" else f"/{lang}/") + ("" if key == "index" else f"{key}/")

    tmp = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    root = copy_project(tmp / "project", arguments.root)
    page = root / "content" / "pages" / arguments.page
    port = free_port()
    server = subprocess.Popen([sys.executable, "build.py", "--root", str(root), "serve", "--port", str(port),
                               "--out", str(tmp / "site")], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(line) for line in server.stdout], daemon=True)
    reader.start()
    latencies: list[float] = []
    listener = None
    try:
        wait_until(lambda: server.poll() is None and fetch(port, url), 60, "the server")
        listener = None if arguments.poll else ReloadListener(port, url)
        for run in range(arguments.runs):
            time.sleep(random.uniform(0.1, 0.2))  # start at any point of the watcher's polling cycle
            marker = "benchmark marker " + "".join(random.choices(string.ascii_lowercase, k=16))  # no digits
            text = page.read_text(encoding="utf-8")
            saved = time.perf_counter()
            page.write_text(f"{text}\n## {marker}\n\nText.\n" if arguments.heading else f"{text}\n{marker}\n",
                            encoding="utf-8")
            if listener is None:
                served = wait_until(lambda: marker in fetch(port, url), 10, f"the marker of run {run + 1}")
            else:
                served = served_as_a_browser_would(listener, port, url, marker, 10)
                if served is None:
                    raise SystemExit(f"timed out after 10 s waiting for the marker of run {run + 1}")
            latencies.append(served - saved)
        wait_until(lambda: len(REBUILD.findall("".join(lines))) >= arguments.runs, 5, "the rebuild reports")
    finally:
        if listener is not None:
            listener.close()
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=10)
        reader.join(timeout=5)
        shutil.rmtree(tmp, ignore_errors=True)
    rebuilds = [float(seconds) for seconds in REBUILD.findall("".join(lines))]
    report(arguments, url, latencies, rebuilds)
    return 0


def report(arguments: argparse.Namespace, url: str, latencies: list[float], rebuilds: list[float]) -> None:
    ms = [seconds * 1000 for seconds in latencies]
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
          f"Python {platform.python_version()} ({platform.python_implementation()})")
    how = (f"served page polled every {POLL_SECONDS * 1000:.0f} ms" if arguments.poll
           else "page asked for when the LiveReload socket says reload, as a browser does")
    saved = "a new heading" if arguments.heading else "a sentence"
    print(f"page: content/pages/{arguments.page} -> {url}; {len(ms)} saves of {saved} each, {how}")
    print(f"save -> served: median {statistics.median(ms):.0f} ms, p90 {percentile(ms, 0.9):.0f} ms, "
          f"min {min(ms):.0f} ms, max {max(ms):.0f} ms")
    print(f"rebuild (as the server prints it, to 0.01 s; {len(rebuilds)} rebuilds): median "
          f"{statistics.median(rebuilds):.2f} s, min {min(rebuilds):.2f} s, max {max(rebuilds):.2f} s")


if __name__ == "__main__":
    sys.exit(main())
