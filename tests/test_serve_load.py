"""The preview server under load: concurrent requests while a burst of saves rebuilds the site.

``build.py serve`` runs on a copy of the real project (see ``test_serve.py``). ``THREADS`` client
threads each send ``REQUESTS`` requests over the loopback interface, half of them over one kept-alive
connection, half over a new connection each, for a mix of pages in both languages, the stylesheet,
JSON data, redirects and missing pages. Meanwhile a writer saves ``EDITS`` versions of one page in a
burst, at seeded random intervals around the watcher's quiet period, so the site is rebuilt and
swapped several times while requests are in flight. Each save is made in place (emptied, then
written), as many editors do, so a build may read the page empty: that failure is for a mistake
already gone and must never be shown (see ``Watcher.unchanged_since_build``). Every response must be complete (its
Content-Length the length of its body, an HTML page ending in ``</html>``, JSON parsing, the
stylesheet whole) with the expected status: never a 5xx (no build is broken here). The server must
stay up, and after the burst the page must show the last edit. ``-rP`` shows the figures.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SAMPLE, make_project
from tests.test_serve import poll, preview_process

THREADS, REQUESTS, EDITS = 8, 100, 20
SEED = 20231011
PAGE = "content/pages/pillars/competence.en.md"
PAGE_URL = "/en/pillars/competence/"
MARKERS = [f"loadtestedit{chr(ord('a') + n)}" for n in range(EDITS)]  # no digits: untraced digits stop the build
MIX = [  # (path, expected status, kind of body)
    ("/", 200, "html"), ("/en/", 200, "html"), (PAGE_URL, 200, "html"), ("/pillars/competence/", 200, "html"),
    ("/en/statistics/", 200, "html"), ("/timeline/", 200, "html"), ("/en/glossary/", 200, "html"),
    ("/en/sources/2023-10-11-eb7c93e7/", 200, "html"), ("/static/style.css", 200, "css"),
    ("/data/statistics.json", 200, "json"), ("/en/data/timeline.json", 200, "json"),
    ("/en/statistics", 302, "redirect"), ("/nope/", 404, "html"), ("/en/missing-page/", 404, "html"),
    ("/static/missing.css", 404, "html"), ("/%2e%2e/%2e%2e/etc/passwd", 404, "html"),
]


@dataclass(frozen=True)
class Answer:
    path: str
    status: int
    length: int | None  # the Content-Length header
    body: bytes
    at: float  # time.monotonic() when sent
    seconds: float


def request(connection: http.client.HTTPConnection, path: str) -> Answer:
    started = time.monotonic()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    length = response.getheader("Content-Length")
    return Answer(path, response.status, int(length) if length is not None else None, body, started,
                  time.monotonic() - started)


def client(port: int, number: int, answers: list[Answer], failures: list[str]) -> None:
    """``REQUESTS`` requests of the mix; every other client keeps one connection alive."""
    rng = random.Random(SEED + number)
    keep_alive = number % 2 == 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for _ in range(REQUESTS):
            path = rng.choice(MIX)[0]
            try:
                answers.append(request(connection, path))
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{path}: {exc!r}")
                connection.close()
            if not keep_alive:
                connection.close()
    finally:
        connection.close()


def writer(page: Path, original: str, saved: list[float]) -> None:
    """Save ``EDITS`` versions of the page in a burst, each with its own marker sentence."""
    rng = random.Random(SEED)
    for marker in MARKERS:
        page.write_text(original + f"\nA sentence saved under load: {marker}.\n", encoding="utf-8")
        saved.append(time.monotonic())
        time.sleep(rng.uniform(0.005, 0.15))  # around the watcher's quiet period (0.06 s): several rebuilds


def problems(answer: Answer, stylesheet: bytes) -> list[str]:
    """What is wrong with one response, if anything."""
    expected = {path: (status, kind) for path, status, kind in MIX}[answer.path]
    status, kind = expected
    found = []
    if answer.status != status:
        found.append(f"status {answer.status}, expected {status}")
    if answer.length != len(answer.body):
        found.append(f"Content-Length {answer.length}, body {len(answer.body)} bytes")
    whole_page = answer.body.startswith(b"<!doctype html>") and answer.body.rstrip().endswith(b"</html>")
    if kind == "html" and not whole_page:
        found.append(f"incomplete page: {answer.body[:40]!r}...{answer.body[-40:]!r}")
    if kind == "css" and answer.body != stylesheet:
        found.append(f"the stylesheet is not whole ({len(answer.body)} of {len(stylesheet)} bytes)")
    if kind == "json":
        try:
            json.loads(answer.body)
        except ValueError as exc:
            found.append(f"JSON does not parse: {exc}")
    return [f"{answer.path}: {problem}" for problem in found]


def test_the_preview_serves_whole_files_while_a_burst_of_saves_rebuilds_it(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    page = root / PAGE
    original = page.read_text(encoding="utf-8")
    stylesheet = (root / "static" / "style.css").read_bytes()
    with preview_process(root, tmp_path / "site") as server:
        answers: list[Answer] = []
        failures: list[str] = []
        saved: list[float] = []
        threads = [threading.Thread(target=client, args=(server.port, n, answers, failures)) for n in range(THREADS)]
        threads.append(threading.Thread(target=writer, args=(page, original, saved)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
        assert not any(thread.is_alive() for thread in threads), "a client hung"

        assert failures == []
        assert len(answers) == THREADS * REQUESTS
        assert [problem for answer in answers for problem in problems(answer, stylesheet)] == []
        assert server.process.poll() is None, server.output
        last = MARKERS[-1]
        shown = poll(lambda: last in (r := server.get(PAGE_URL)).text and r, 5,
                     what=f"the last edit ({last}) on {PAGE_URL}")
        assert shown.status == 200
        assert [marker for marker in MARKERS[:-1] if marker in shown.text] == []
        assert "Traceback" not in server.output

        rebuilds = server.output.count("after changes to content/pages/pillars/competence.en.md")
        times = sorted(answer.seconds for answer in answers)
        during = sum(1 for answer in answers if saved[0] <= answer.at <= saved[-1])
        statuses = Counter(answer.status for answer in answers)
        edited = [answer for answer in answers if answer.path == PAGE_URL]
        print(f"{len(answers)} requests from {THREADS} threads in {elapsed:.2f} s "
              f"({len(answers) / elapsed:.0f}/s); statuses {dict(sorted(statuses.items()))}; "
              f"latency median {times[len(times) // 2] * 1000:.1f} ms, "
              f"95% {times[int(len(times) * .95)] * 1000:.1f} ms, "
              f"max {times[-1] * 1000:.1f} ms")
        abandoned = server.output.count("build abandoned")
        print(f"{EDITS} saves over {saved[-1] - saved[0]:.2f} s, {rebuilds} rebuilds ({abandoned} abandoned: "
              f"a save came while they read), {during} requests sent "
              f"during the burst; {len(edited)} for the edited page, "
              f"{sum(1 for a in edited if any(m.encode() in a.body for m in MARKERS))} of them showing an edit")
