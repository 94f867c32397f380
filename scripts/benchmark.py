"""Benchmark the build on synthetic corpora, against Hugo and Pelican on the same corpus.

    .venv/bin/python scripts/benchmark.py [--corpus synth flat] [--sizes 1000 10000] [--repeat 3]
        [--peers hugo pelican] [--keep DIR]

For each corpus and each size N, generates a project of N pages in a
temporary folder: ``--corpus synth`` (the default) with ``scripts/synth.py``,
shaped like our site (topic folders, statistics and citations on every page);
``--corpus flat`` with ``scripts/corpus_flat.py``, shaped like documentation
(page pairs in one folder, long tables, nested lists, 10-30 links a page).
Then it times, each run in a fresh process, as wall time of the whole process
(interpreter start included) and as CPU time (user + system, of the process
and the workers it waited for: CPU/wall near 2 on two cores means both were
busy), median of ``--repeat``:

* microsite cold: ``build.py --root DIR build --out OUT`` after deleting OUT
  (and the spare copy the build keeps beside it) and the cache folder
  ``DIR/.cache``;
* microsite nothing changed: the same again, output and cache left in place;
* microsite one page edited: a sentence (no digits) appended to one page, then
  the same again;
* microsite check, one page edited: ``build.py --root DIR check`` after that
  sentence is appended and before the build above sees it (a check reads the
  cache the last build left and writes nothing); microsite check, nothing
  changed: the same after that build;
* microsite preview save-to-served: ``build.py serve`` running, a sentence
  appended to that page, until the server serves it to a client that waits
  as a browser showing the page does: told "reload" by the LiveReload
  socket, it asks for the page once (``--preview-poll``: asks every 5 ms
  instead, 200 requests a second that the server answers in the rebuild's
  process, a load no browser makes); the first save after the server starts
  on a row of its own (it also makes the spare output folder), then
  ``--repeat`` more; then ``--repeat`` saves that each add a heading instead
  (the page's anchors change, which other pages' links may point at) on a
  row of their own, ``microsite preview, heading added``;
* Hugo and Pelican cold (``--peers``: both by default; ``--peers hugo``
  leaves out the slow Pelican), on the same corpus through
  ``scripts/bench_adapters/`` (installed into the virtual environment with pip
  when missing; a peer that cannot be had is reported in the table).

The runs of the three are interleaved (ours, Hugo, Pelican, then again), so
that a change in the machine's load affects them alike. Peak memory is the
build's maximum resident set size (``wait4``'s rusage), or the largest sum of
the proportional set sizes of its processes when it forks workers (sampled
every 100 ms); for the preview, the server's ``VmHWM`` or that sum. Then the real site's cold build (``build.py build``
in this repository, its ``.cache`` deleted first), median of ``--real-repeat``.
Prints the machine, one Markdown table per corpus and size, and the targets
of the performance issue met or missed at each corpus's last size. Our
package is byte-compiled first, as a user's first build leaves it. Nothing here is part of the test suite's
pass/fail (``tests/test_benchmark_smoke.py`` only checks that it runs).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_adapters import Peer  # noqa: E402  (standard library only; the adapters themselves need PyYAML)
from bench_preview import ReloadListener, fetch, free_port, served_as_a_browser_would  # noqa: E402

EDIT_SENTENCE = "This sentence was added to measure a rebuild after one edit."
POLL_SECONDS = 0.005
SERVER_START_TIMEOUT = 900
SERVED_TIMEOUT = 120
SAMPLE_SECONDS = 0.1
CORPORA = ("synth", "flat")
PEERS = ("hugo", "pelican")


@dataclass(frozen=True)
class Run:
    """One measured process: wall seconds, CPU seconds, peak resident memory, exit status and what it printed.

    ``cpu`` is user + system time of the process and the descendants it waited
    for (a pool of workers included); None where not measured (the preview).
    """

    seconds: float
    mb: float
    returncode: int
    stderr: str = ""
    cpu: float | None = None


@dataclass
class Row:
    """One line of a table: the median of its runs, or why there is none."""

    name: str
    runs: list[Run] = field(default_factory=list)
    html_files: int | None = None
    problem: str = ""

    @property
    def seconds(self) -> float | None:
        good = [run.seconds for run in self.runs if run.returncode == 0]
        return statistics.median(good) if good and not self.problem else None

    @property
    def cpu(self) -> float | None:
        good = [run.cpu for run in self.runs if run.returncode == 0 and run.cpu is not None]
        return statistics.median(good) if good and not self.problem else None

    @property
    def mb(self) -> float | None:
        good = [run.mb for run in self.runs if run.returncode == 0]
        return max(good) if good and not self.problem else None


def python() -> str:
    """The virtual environment's Python (where our dependencies and the peers are), else this one."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def measure(command: list[str], cwd: Path, logs: Path) -> Run:
    """Run ``command`` in a fresh process; its wall time, CPU time, peak memory and exit status.

    Peak memory is the larger of the biggest single process's maximum resident
    set size (``wait4``'s ``ru_maxrss``, which covers the process and the
    descendants it waited for) and the largest sum of the proportional set
    sizes (PSS) of the process and its descendants, sampled every 100 ms while
    there are several (a build compiling on all cores forks workers).
    """
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "stdout.txt").open("wb") as stdout, (logs / "stderr.txt").open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    output = (logs / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    return Run(seconds, max(usage.ru_maxrss, sampler.peak_kb) / 1024, process.returncode, output,
               usage.ru_utime + usage.ru_stime)


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree (in KiB) every 100 ms while it has more than one process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._stopped = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            tree = process_tree(self.pid)
            if len(tree) > 1:
                self.peak_kb = max(self.peak_kb, sum(_proc_kb(pid, "smaps_rollup", "Pss:") for pid in tree))

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def process_tree(root: int) -> list[int]:
    """``root`` and its living descendants, from the parent ids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def _proc_kb(pid: int, file: str, field: str) -> int:
    """A ``kB`` field of ``/proc/PID/FILE`` (``smaps_rollup`` ``Pss:``, ``status`` ``VmHWM:``); 0 where unknown."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def remove_output(out: Path) -> None:
    """The output folder and what the build keeps beside it (its spare copy ``.NAME.spare``, leftovers)."""
    remove(out, *sorted(out.parent.glob(f".{out.name}.*")))


def html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def failure(run: Run) -> str:
    """A failed build in one line: its exit status and the last line it printed (the gist, or the summary)."""
    lines = [line.strip() for line in run.stderr.strip().splitlines() if line.strip()]
    return f"FAILED, exit status {run.returncode}: {lines[-1] if lines else 'no message'} (output below)"


# --- our build -------------------------------------------------------------------------


def build_command(project: Path, out: Path) -> list[str]:
    return [python(), str(ROOT / "build.py"), "--root", str(project), "build", "--out", str(out)]


def check_command(project: Path) -> list[str]:
    return [python(), str(ROOT / "build.py"), "--root", str(project), "check"]


ROUND = ("cold", "unchanged", "check-edit", "edit", "check-unchanged")  # the steps of a round, a row each


def microsite_round(project: Path, work: Path, page: Path, rows: list[Row], number: int) -> None:
    """One run of each step of :data:`ROUND` (builds and checks), in fresh processes (none after a failure)."""
    if any(row.problem for row in rows):
        return
    out, logs = work / "site", work / "logs"
    remove_output(out)
    remove(project / ".cache")
    for row, step in zip(rows, ROUND):
        if step == "check-edit":
            with page.open("a", encoding="utf-8") as file:
                file.write(f"\n{EDIT_SENTENCE}\n")
        command = check_command(project) if step.startswith("check") else build_command(project, out)
        run = measure(command, ROOT, logs / f"{step}-{number}")
        row.runs.append(run)
        if not step.startswith("check"):
            row.html_files = html_files(out)
        if run.returncode != 0:
            row.problem = failure(run)
            return


def measure_real_site(repeat: int, work: Path) -> Row:
    """This repository's own site, cold: ``build.py build --out TMP`` with its ``.cache`` deleted first."""
    row, out = Row("real site cold (this repository)"), work / "real-site"
    for number in range(repeat):
        remove_output(out)
        remove(ROOT / ".cache")  # ours, ignored by git, safe to delete
        run = measure([python(), "build.py", "build", "--out", str(out)], ROOT, work / "logs" / f"real-{number}")
        row.runs.append(run)
        row.html_files = html_files(out)
        if run.returncode != 0:
            row.problem = failure(run)
            break
    return row


# --- the preview ----------------------------------------------------------------------------




def wait_until(condition, timeout: float) -> float | None:
    """Poll ``condition`` every 5 ms; the time (perf_counter) it became true, None on time-out."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return None
        time.sleep(POLL_SECONDS)
    return time.perf_counter()


def measure_preview(project: Path, work: Path, page: Path, url: str, repeat: int, poll: bool = False) -> list[Row]:
    """Save-to-served latency of the live preview: append to ``page``, poll ``url`` until it shows.

    The first save after the server starts is reported on its own row: its
    rebuild also makes the spare output folder (see ``write.py``), which
    later saves reuse. Then ``repeat`` more saves.
    """
    later, headings = measure_saves(project, work, page, url, repeat + 1, poll, headings=repeat)
    first = Row("microsite preview, first save after start")
    first.problem = later.problem
    if later.runs:
        first.runs, later.runs = later.runs[:1], later.runs[1:]
    return [first, later, headings]


def measure_saves(project: Path, work: Path, page: Path, url: str, repeat: int, poll: bool = False,
                  headings: int = 0) -> tuple[Row, Row]:
    """``repeat`` saves of ``page`` that each add a sentence, then ``headings`` that each add a heading, with the
    server running, each timed until ``url`` shows it (see the module docstring: as a browser learns it, or
    with ``poll`` by asking every 5 ms). The two rows: sentences, headings."""
    row, heading_row = Row("microsite preview save-to-served"), Row("microsite preview, heading added")
    port = free_port()
    server = subprocess.Popen([python(), str(ROOT / "build.py"), "--root", str(project), "serve", "--port", str(port),
                               "--out", str(work / "preview")], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, encoding="utf-8")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()
    sampler = TreeMemory(server.pid)
    sampler.start()
    rng = random.Random(0)
    listener = None
    try:
        if wait_until(lambda: server.poll() is not None or fetch(port, url), SERVER_START_TIMEOUT) is None \
                or server.poll() is not None:
            status = "exited" if server.poll() is not None else f"did not serve {url} within {SERVER_START_TIMEOUT} s"
            row.problem = heading_row.problem = f"FAILED: the server {status} (output below)"
            reader.join(timeout=5)
            row.runs.append(Run(0.0, 0.0, 1, "".join(lines)))
            return row, heading_row
        listener = None if poll else ReloadListener(port, url)
        for number in range(repeat + headings):
            heading = number >= repeat
            timed = heading_row if heading else row
            time.sleep(rng.uniform(0.1, 0.2))  # save at any point of the watcher's polling cycle
            marker = "benchmark marker " + "".join(rng.choices(string.ascii_lowercase, k=16))
            text = page.read_text(encoding="utf-8")
            saved = time.perf_counter()
            page.write_text(f"{text}\n## {marker}\n\nText.\n" if heading else f"{text}\n{marker}\n",
                            encoding="utf-8")
            if listener is None:
                served = wait_until(lambda: marker in fetch(port, url), SERVED_TIMEOUT)
            else:
                served = served_as_a_browser_would(listener, port, url, marker, SERVED_TIMEOUT)
            if served is None:
                timed.problem = f"FAILED: the edit was not served within {SERVED_TIMEOUT} s"
                break
            peak_kb = max(_proc_kb(server.pid, "status", "VmHWM:"), sampler.peak_kb)
            timed.runs.append(Run(served - saved, peak_kb / 1024, 0))
        if headings and not heading_row.runs and not heading_row.problem:
            heading_row.problem = row.problem  # a save before them failed: none was timed
    finally:
        if listener is not None:
            listener.close()
        sampler.stop()
        _stop(server)
        reader.join(timeout=5)
    return row, heading_row


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- peers ------------------------------------------------------------------------------------


def prepare_peers(project: Path, work: Path, names: list[str],
                  versions: dict[str, str]) -> list[tuple[Peer | None, Row]]:
    """Each named peer's site written from the project (not timed), with its row; a peer that cannot be had
    gets its reason in the row instead."""
    from bench_adapters import PeerUnavailable, hugo_site, pelican_site

    adapters = {"hugo": ("Hugo", hugo_site), "pelican": ("Pelican", pelican_site)}
    peers = []
    for label, adapter in (adapters[name] for name in names):
        try:
            peer = adapter.prepare(project, work / "peers", python())
        except PeerUnavailable as exc:
            peers.append((None, Row(f"{label} cold", problem=f"not available: {exc}")))
            versions[label] = "not available"
            continue
        except Exception as exc:  # an adapter's own bug must not lose the other measurements
            peers.append((None, Row(f"{label} cold", problem=f"adapter failed: {type(exc).__name__}: {exc}")))
            versions[label] = "adapter failed"
            continue
        versions[label] = peer.version
        peers.append((peer, Row(f"{label} {peer.version} cold")))
    return peers


def peer_round(peer: Peer | None, row: Row, work: Path, number: int) -> None:
    """One cold build by a peer, its output and caches deleted first (none after a failure)."""
    if peer is None or row.problem:
        return
    remove(*peer.clean)
    run = measure(peer.command, peer.cwd, work / "logs" / f"{peer.name.lower()}-{number}")
    row.runs.append(run)
    row.html_files = html_files(peer.output)
    if run.returncode != 0:
        row.problem = failure(run)


# --- one size ------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    corpus: str
    pages: int
    sources: int
    rows: list[Row]


def corpus_module(corpus: str):
    """The generator of a corpus: ``synth`` (shaped like our site) or ``corpus_flat`` (one folder of pairs)."""
    import corpus_flat
    import synth

    return {"synth": synth, "flat": corpus_flat}[corpus]


def run_size(corpus: str, pages: int, arguments: argparse.Namespace, versions: dict[str, str]) -> SizeResult:
    generator = corpus_module(corpus)
    keep = arguments.keep
    work = keep / f"{corpus}-n{pages}" if keep else Path(tempfile.mkdtemp(prefix=f"microsite-bench-{corpus}-{pages}-"))
    try:
        remove(work)
        project = work / "project"
        print(f"N = {pages}: generating the {corpus} corpus in {project} ...", file=sys.stderr, flush=True)
        generator.write_project(project, pages, arguments.seed)
        key = edited_page_key(project, generator.CONTENT_GLOB)
        page = project / "content" / "pages" / f"{key}.en.md"
        peers = prepare_peers(project, work, arguments.peers, versions)
        rows = [Row("microsite cold"), Row("microsite nothing changed"), Row("microsite check, one page edited"),
                Row("microsite one page edited"), Row("microsite check, nothing changed")]
        for number in range(arguments.repeat):  # interleaved, so that a change in the machine's load hits all alike
            print(f"N = {pages}: run {number + 1} of {arguments.repeat} ...", file=sys.stderr, flush=True)
            microsite_round(project, work, page, rows, number)
            for peer, row in peers:
                peer_round(peer, row, work, number)
        if not arguments.no_preview:
            print(f"N = {pages}: preview ...", file=sys.stderr, flush=True)
            rows.extend(measure_preview(project, work, page, f"/en/{key}/", arguments.repeat, arguments.preview_poll))
        rows += [row for _, row in peers]
        return SizeResult(corpus, pages, len(list((project / "content" / "sources").glob("*.en.md"))), rows)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def edited_page_key(project: Path, content_glob: str) -> str:
    """The page the edits go to: the first content page (the generator's ``CONTENT_GLOB``), else the home page."""
    pages = project / "content" / "pages"
    found = sorted(pages.glob(content_glob))
    return found[0].relative_to(pages).as_posix()[: -len(".en.md")] if found else "index"


# --- report ----------------------------------------------------------------------------------------


def table(result: SizeResult, repeat: int) -> str:
    rows = result.rows
    hugo = next((row.seconds for row in rows if row.name.startswith("Hugo")), None)
    pelican = next((row.seconds for row in rows if row.name.startswith("Pelican")), None)
    half = result.pages // 2
    lines = [f"N = {result.pages:,} pages, {result.corpus} corpus ({half:,} zh + {half:,} en, "
             f"{result.sources} source{'s' if result.sources != 1 else ''}); median of {repeat} runs, peak memory the largest of them",
             "",
             "| build | wall s | CPU s | CPU/wall | peak MB | HTML files | ratio to Hugo cold | ratio to Pelican cold |",
             "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for row in rows:
        if row.seconds is None:
            lines.append(f"| {row.name} | {row.problem or 'not run (an earlier step failed)'} | | | | | | |")
            continue
        ratios = "| | |" if "preview" in row.name else \
            f"| {_ratio(row.seconds, hugo)} | {_ratio(row.seconds, pelican)} |"
        cpu = f"{row.cpu:.2f} | {_ratio(row.cpu, row.seconds)}" if row.cpu is not None else "|"
        lines.append(f"| {row.name} | {row.seconds:.2f} | {cpu} | {_mb(row.mb)} | {_count(row.html_files)} {ratios}")
    return "\n".join(lines)


def _mb(value: float | None) -> str:
    return f"{value:.0f}" if value else "?"


def _count(value: int | None) -> str:
    return f"{value:,}" if value else ""


def _ratio(value: float | None, peer: float | None) -> str:
    return f"{value / peer:.2f}" if value is not None and peer else "n/a"


def machine_line(versions: dict[str, str]) -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    done = subprocess.run([python(), "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True)
    peers = "; ".join(f"{name} {version}" for name, version in versions.items()) or "peers not run"
    return (f"machine: {os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}; "
            f"Python {done.stdout.strip() or platform.python_version()}; {peers}; microsite at {_commit()}")


def _commit() -> str:
    """The generator's commit (read-only: ``git rev-parse``), and whether files differ from it."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "an unknown commit"
    if done.returncode != 0:
        return "an unknown commit"
    changed = subprocess.run(["git", "diff-index", "--quiet", "HEAD", "--", "microsite", "templates", "build.py"],
                             cwd=ROOT, capture_output=True).returncode
    return done.stdout.strip() + (" with uncommitted changes to the generator" if changed else "")


def targets(result: SizeResult, real: Row | None) -> list[str]:
    """The performance issue's targets, for the largest size measured."""
    def seconds(prefix: str) -> float | None:
        return next((row.seconds for row in result.rows if row.name.startswith(prefix)), None)

    cold, unchanged = seconds("microsite cold"), seconds("microsite nothing changed")
    edit, preview = seconds("microsite one page edited"), seconds("microsite preview save-to-served")
    heading = seconds("microsite preview, heading added")
    hugo, pelican = seconds("Hugo "), seconds("Pelican ")
    memory = [row.mb for row in result.rows
              if row.name.startswith("microsite") and "preview" not in row.name and row.mb]
    checks = [
        ("cold build no slower than Hugo's (ratio <= 1.0)", _ratio_check(cold, hugo, 1.0)),
        ("cold build at least 5x faster than Pelican (ratio <= 0.2)", _ratio_check(cold, pelican, 0.2)),
        ("nothing changed <= 0.3x Hugo's cold build", _ratio_check(unchanged, hugo, 0.3)),
        ("one page edited <= 0.1x Hugo's cold build", _ratio_check(edit, hugo, 0.1)),
        ("one page edited <= 0.5 s (0.1x Hugo's cold build of a site like ours)", _limit(edit, 0.5, "s")),
        ("preview save-to-served <= 1 s", _limit(preview, 1.0, "s")),
        ("preview save-to-served <= 1 s, a heading added", _limit(heading, 1.0, "s")),
        ("peak memory <= 300 MB", _limit(max(memory) if memory else None, 300, "MB")),
        ("the real site's cold build, interpreter start included, <= 0.5 s",
         _limit(real.seconds if real else None, 0.5, "s")),
    ]
    return [f"targets at N = {result.pages:,}, {result.corpus} corpus:"] + [f"- {name}: {verdict}" for name, verdict in checks]


def _ratio_check(value: float | None, peer: float | None, limit: float) -> str:
    if value is None or not peer:
        return "not measured"
    ratio = value / peer
    return f"{ratio:.2f} ({value:.2f} s / {peer:.2f} s): {'met' if ratio <= limit else 'missed'}"


def _limit(value: float | None, limit: float, unit: str) -> str:
    if value is None:
        return "not measured"
    shown = f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"
    return f"{shown}: {'met' if value <= limit else 'missed'}"


def print_failure(row: Row) -> None:
    """The output of a failed run, after the table (the first 60 lines)."""
    if not row.problem.startswith("FAILED"):
        return
    output = (row.runs[-1].stderr if row.runs else "").rstrip().splitlines()
    shown = output[:60] + ([f"... ({len(output) - 60} more lines)"] if len(output) > 60 else [])
    print(f"\n{row.name}: {row.problem.split(' (output below)')[0]}; its output:")
    print("\n".join("    " + line for line in shown))


def precompile_our_code() -> None:
    """Byte-compile our package, as the first run of ``build.py`` on any machine does.

    Every run measured here is a fresh process, and one that finds no
    byte-code compiles our modules' sources first: about 0.05 s, a sixth of a
    build that finds nothing changed. A user meets that once, not on every
    build; where ``PYTHONDONTWRITEBYTECODE`` is set (in a developer's shell,
    say), no run would ever write it and every figure would carry it.
    ``compileall`` writes it whatever that variable says.
    """
    compileall.compile_dir(ROOT / "microsite", quiet=1)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    options.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N",
                         help="corpus sizes in pages (default: 1000 10000)")
    options.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown (default 3)")
    options.add_argument("--corpus", nargs="+", choices=CORPORA, default=["synth"],
                         help="the corpora to build, each at every size: synth (shaped like our site, scripts/synth.py),"
                              " flat (page pairs in one folder, scripts/corpus_flat.py); default synth")
    options.add_argument("--keep", type=Path, metavar="DIR",
                         help="generate and build in DIR/<corpus>-n<N>/ and keep it "
                              "(default: a temporary folder, removed)")
    options.add_argument("--peers", nargs="*", choices=PEERS, default=list(PEERS),
                         help="the peers to build the same corpus with (default: hugo pelican; none: --peers alone)")
    options.add_argument("--no-peers", action="store_true", help="the same as --peers with no names")
    options.add_argument("--no-preview", action="store_true", help="do not measure the live preview")
    options.add_argument("--preview-poll", action="store_true",
                         help="time the preview by asking for the page every 5 ms, not as a browser learns of a save")
    options.add_argument("--real-repeat", type=int, default=5,
                         help="runs of the real site's cold build (default 5; 0: skip it)")
    options.add_argument("--seed", type=int, default=1, help="the corpus generator's seed (default 1)")
    arguments = options.parse_args(argv)
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])
    if arguments.repeat < 1 or any(size < 16 or size % 2 for size in arguments.sizes):
        options.error("--repeat must be at least 1, and each size an even number of at least 16")
    if arguments.no_peers:
        arguments.peers = []
    precompile_our_code()
    versions: dict[str, str] = {}
    results = [run_size(corpus, size, arguments, versions) for corpus in arguments.corpus for size in arguments.sizes]
    real = None
    if arguments.real_repeat > 0:
        with tempfile.TemporaryDirectory(prefix="microsite-bench-real-") as work:
            real = measure_real_site(arguments.real_repeat, Path(work))
    print(machine_line(versions))
    for result in results:
        print()
        print(table(result, arguments.repeat))
        for row in result.rows:
            print_failure(row)
    if real is not None:
        print()
        if real.seconds is None:
            print(f"real site cold build: {real.problem}")
            print_failure(real)
        else:
            print(f"real site cold build, interpreter start included ({real.html_files:,} HTML files): "
                  f"median {real.seconds:.2f} s (CPU {real.cpu:.2f} s) of {len(real.runs)} runs, "
                  f"peak {_mb(real.mb)} MB")
    for corpus in arguments.corpus:
        print()
        print("\n".join(targets([result for result in results if result.corpus == corpus][-1], real)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
