"""Where one build's time and memory go, stage by stage: the profile behind the benchmark's figures.

    .venv/bin/python scripts/profile_build.py DIR [--out OUT] [--step cold|unchanged|edit] [--page PATH]

Builds the project in DIR into OUT (default: ``DIR-profile-out`` beside it)
in this process, as ``build.py build`` would, and prints for each stage of
the pipeline its wall time, its share of the build, the peak memory of the
build's processes while it ran (the summed PSS of this process and the
workers it forked, sampled every 20 ms) and how many processes there were
at most. Steps, as the benchmark's rows (``scripts/benchmark.py``):

* ``cold`` (the default): DIR/.cache, OUT and its spare copy deleted first
  (OUT only if a build made it);
* ``unchanged``: nothing touched;
* ``edit``: a sentence without digits appended to one page of DIR first
  (``--page``, under ``content/pages/``; by default the benchmark's). That
  changes the project: use it on a generated corpus or a copy.

The stages are found by wrapping the functions ``pipeline`` calls (timing
only: what they do is unchanged). Not part of ``build.py test``;
``tests/test_benchmark_smoke.py`` checks that it runs and names every stage.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import EDIT_SENTENCE, _proc_kb, edited_page_key, process_tree, remove_output  # noqa: E402

from microsite import cache, inputs, pipeline, render  # noqa: E402
from microsite.errors import ContentErrors  # noqa: E402
from microsite.model import BuildOptions  # noqa: E402
from microsite.write import OutputError, check_output_folder  # noqa: E402

SAMPLE_SECONDS = 0.05
CONTENT_GLOB = "topics/*/p*.en.md"  # the synthetic corpus's pages (scripts/synth.py); else the home page

# (the module or class that holds it, the function's name, the stage's name), in the order a build runs them
STAGES = (
    (cache.BuildCache, "__init__", "cache: the code's fingerprint, the last build's state read"),
    (inputs.Inputs, "started", "inputs: every file found (and digested in a child meanwhile)"),
    (cache.BuildCache, "page_index", "index of pages: read as the files are digested"),
    (pipeline, "read_manifest", "output: its manifest read"),
    (pipeline, "SpareAside", "output: its spare copy's walk started"),
    (pipeline, "load", "load: files parsed (or their readings recalled)"),
    (pipeline, "precompile", "compile: Markdown (or its compiled form recalled)"),
    (pipeline, "validate", "validate: checks, links resolved"),
    (cache.BuildCache, "validated", "store: what the next build may reuse"),
    (render.Renderer, "__init__", "render: the templates' view of the site"),
    (render.Renderer, "jobs", "render keys: each output's digest"),
    (pipeline, "write_site", "render and write"),
    (cache.BuildCache, "finished", "state: this build remembered"),
)


@dataclass
class Span:
    stage: str
    started: float
    ended: float
    user: float = 0.0  # CPU seconds, this process and the children it waited for during the stage
    system: float = 0.0


def cpu_seconds() -> tuple[float, float]:
    """User and system CPU seconds so far, of this process and of its children that have ended."""
    times = os.times()
    return times.user + times.children_user, times.system + times.children_system


class Sampler:
    """The summed PSS (KiB) of this process and its descendants, with the time, every ``SAMPLE_SECONDS``.

    Sampled by another process (this script again, with ``--sample PID``): a
    thread here would hold the interpreter's lock while it reads ``/proc``
    and slow the very build it measures.
    """

    def __init__(self) -> None:
        self.samples: list[tuple[float, int, int]] = []  # (time.monotonic(), KiB, processes)
        self._process = subprocess.Popen([sys.executable, __file__, "--sample", str(os.getpid())],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self._process.stdout.readline()  # "ready": its own start-up is over before the build's begins

    def stop(self) -> None:
        output, _ = self._process.communicate("")  # stdin closed: it prints what it sampled, and ends
        self.samples = [(float(at), int(kb), int(count))  # none when the build ended before the first sample
                        for at, kb, count in map(str.split, filter(str.strip, output.splitlines()))]

    def during(self, span: Span) -> tuple[int, int]:
        """The peak KiB and the most processes sampled while ``span`` ran (0, 0 when none was)."""
        inside = [(kb, count) for at, kb, count in self.samples if span.started <= at <= span.ended]
        return max((kb for kb, _ in inside), default=0), max((count for _, count in inside), default=0)


def sample(pid: int) -> None:
    """Sample the process tree of ``pid`` (this sampler left out) until stdin is closed; then print the samples."""
    samples, stopped = [], threading.Event()
    print("ready", flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), stopped.set()), daemon=True).start()
    while not stopped.wait(SAMPLE_SECONDS):
        tree = [member for member in process_tree(pid) if member != os.getpid()]
        samples.append(f"{time.monotonic()} {sum(_proc_kb(member, 'smaps_rollup', 'Pss:') for member in tree)} "
                       f"{len(tree)}")
    print("\n".join(samples))


def timed(spans: list[Span]) -> None:
    """Wrap each function of ``STAGES`` so that each call of it is noted in ``spans``."""
    for owner, name, stage in STAGES:
        function = getattr(owner, name)

        @functools.wraps(function)
        def wrapper(*args, __function=function, __stage=stage, **kwargs):
            started, (user, system) = time.monotonic(), cpu_seconds()
            try:
                return __function(*args, **kwargs)
            finally:
                ended, (user_after, system_after) = time.monotonic(), cpu_seconds()
                spans.append(Span(__stage, started, ended, user_after - user, system_after - system))
        if name == "started":  # what it returns, called, waits for the child's digests: a stage of its own
            def starting(*args, __started=wrapper, **kwargs):
                return _Waited(spans, __started(*args, **kwargs))
            setattr(owner, name, starting)
            continue
        setattr(owner, name, wrapper)


class _Waited:
    """The inputs being digested (``inputs.Digesting``), their wait noted as a stage of its own."""

    def __init__(self, spans: list[Span], digesting) -> None:
        self.spans, self.digesting = spans, digesting

    def ready(self) -> bool:
        return self.digesting.ready()

    def __call__(self):
        return timed_call(self.spans, "inputs: the child's digests waited for", self.digesting)


def timed_call(spans: list[Span], stage: str, function):
    """``function()``, noted in ``spans`` as ``stage``."""
    started, (user, system) = time.monotonic(), cpu_seconds()
    try:
        return function()
    finally:
        ended, (user_after, system_after) = time.monotonic(), cpu_seconds()
        spans.append(Span(stage, started, ended, user_after - user, system_after - system))


def prepare(project: Path, out: Path, step: str, page: str | None) -> None:
    """Make the step's starting point; OutputError (nothing deleted) when ``out`` is a folder microsite did
    not make."""
    if step == "cold":
        check_output_folder(out)  # only an output folder of ours is deleted, as the build would replace it
        shutil.rmtree(project / ".cache", ignore_errors=True)
        remove_output(out)
    elif step == "edit":
        path = project / "content" / "pages" / (page or edited_page_key(project, CONTENT_GLOB) + ".en.md")
        with path.open("a", encoding="utf-8") as file:
            file.write(f"\n{EDIT_SENTENCE}\n")


def report(spans: list[Span], sampler: Sampler, total: float, cpu_used: tuple[float, float], summary: str) -> str:
    lines = [summary, "", "| stage | s | share | CPU user s | CPU system s | peak MB | processes |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    for span in spans:
        kb, count = sampler.during(span)
        seconds = span.ended - span.started
        lines.append(f"| {span.stage} | {seconds:.2f} | {seconds / total:.0%} | {span.user:.2f} | {span.system:.2f} "
                     f"| {kb / 1024:.0f} | {count} |")
    rest = total - sum(span.ended - span.started for span in spans)
    peak = max((kb for _, kb, _ in sampler.samples), default=0)
    user, system = cpu_used
    lines.append(f"| the rest (between the stages) | {rest:.2f} | {rest / total:.0%} | | | | |")
    lines.append(f"| whole build (in this process, interpreter start left out) | {total:.2f} | 100% | {user:.2f} "
                 f"| {system:.2f} | {peak / 1024:.0f} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, metavar="DIR", nargs="?")
    parser.add_argument("--out", type=Path, help="the output folder (default: DIR-profile-out beside DIR)")
    parser.add_argument("--step", choices=("cold", "unchanged", "edit"), default="cold")
    parser.add_argument("--page", help="with --step edit: the page file to edit, under content/pages/")
    parser.add_argument("--sample", type=int, help=argparse.SUPPRESS)  # the sampler's own process (see Sampler)
    arguments = parser.parse_args(argv)
    if arguments.sample:
        sample(arguments.sample)
        return 0
    if arguments.project is None:
        parser.error("the project folder DIR is required")
    project = arguments.project.resolve()
    if not (project / "content").is_dir():
        print(f"error: {project} has no content/ folder: not a project", file=sys.stderr)
        return 1
    out = (arguments.out or project.parent / f"{project.name}-profile-out").resolve()
    try:
        prepare(project, out, arguments.step, arguments.page)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    spans: list[Span] = []
    timed(spans)
    sampler = Sampler()
    started, (user, system) = time.monotonic(), cpu_seconds()
    try:
        result = pipeline.build(project, out, BuildOptions.from_environment(os.environ))
    except ContentErrors as exc:
        print(exc.format(project), file=sys.stderr)
        return 1
    finally:
        sampler.stop()
    total, (user_after, system_after) = time.monotonic() - started, cpu_seconds()
    print(report(spans, sampler, total, (user_after - user, system_after - system), result.summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
