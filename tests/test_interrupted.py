"""Interrupted builds: a build killed at any moment (SIGKILL) leaves the previous complete site in place.

The real content is copied into a temporary project. Two versions of its stylesheet alternate: every
page names the stylesheet by its fingerprint, so every page changes between them. Each version's site
is built once into a reference folder of its own, and the first into OUT. Then, ``TRIALS`` times, the
stylesheet is switched to the version OUT does not hold, ``build.py --root ROOT build --out OUT`` is
started as the maintainer runs it, and killed with SIGKILL after a seeded random delay:

* every other trial at a moment spread over the command's whole run (measured first: most of it is
  starting Python and loading, validating and rendering the content);
* the others at a moment spread over the write stage alone (from when the build starts preparing the
  new site beside OUT, which the test sees, to the command's end), where an interruption could hurt.

After every trial OUT must be a complete site: the marker file, every page of the expected set, every
page parsing, and byte for byte one of the two references (the site before the trial or the one after).
Nothing outside OUT may change but ``ROOT/.cache`` and OUT's spare and staging folders beside it.
A last, normal build must succeed and leave a usable spare. ``-rP`` shows the figures.

write.py names its staging folders ``..site.new-*`` (one dot too many), so ``remove_leftovers``, which
looks for ``.site.new-*``, never removes them: :func:`test_a_killed_builds_staging_folder_is_removed_later`
is expected to fail until that is fixed.
"""

from __future__ import annotations

import pytest

import hashlib
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


from microsite.write import MANIFEST, MARKER
from tests.conftest import REPO, SAMPLE, make_project
from tests.html import read_page

pytestmark = pytest.mark.slow

TRIALS = 60
SEED = 20231011
STYLESHEET = "static/style.css"
# A rule, not a comment: the published stylesheet is minified, and comments do not reach it.
VERSIONS = {"a": "", "b": "\n.version-b { color: #000; }\n"}  # every page changes with the stylesheet's fingerprint


@dataclass(frozen=True)
class Start:
    """One run of the build command: how long it ran, and when (if seen) it began to write."""

    status: int
    seconds: float
    writing_at: float | None  # seconds after the start
    killed_at: float | None = None  # seconds after the start


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def staging_folders(out: Path) -> list[Path]:
    """The staging folders of builds into ``out``: ``.site.new-*`` (and ``..site.new-*``, as write.py names them)."""
    return sorted(p for p in out.parent.iterdir() if is_staging(p.name, out)) if out.parent.is_dir() else []


def unmarked_leftovers(out: Path) -> list[str]:
    """Non-empty folders a build left beside ``out`` without the marker: no later build could remove them."""
    spare = out.parent / f".{out.name}.spare"
    folders = staging_folders(out) + ([spare] if spare.is_dir() else [])
    return [p.name for p in folders if any(p.iterdir()) and not (p / MARKER).is_file()]


def is_staging(name: str, out: Path) -> bool:
    return name.startswith((f".{out.name}.new-", f"..{out.name}.new-"))


def staging_state(out: Path) -> tuple[bool, frozenset[str]]:
    """Whether the spare folder holds its manifest, and the staging folders beside ``out``."""
    spare = out.parent / f".{out.name}.spare"
    return (spare / MANIFEST).exists(), frozenset(p.name for p in staging_folders(out))


def run_build(root: Path, out: Path, kill: tuple[str, float] | None = None) -> Start:
    """``build.py --root ROOT build --out OUT``; ``kill`` = ("start" | "write", seconds after that moment)."""
    before = staging_state(out)
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "build.py", "--root", str(root), "build", "--out", str(out)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    writing_at = killed_at = None
    while process.poll() is None:
        now = time.monotonic() - started
        if writing_at is None and _writing(before, staging_state(out)):
            writing_at = now
        origin = 0.0 if kill and kill[0] == "start" else writing_at
        if kill and origin is not None and now >= origin + kill[1]:
            process.send_signal(signal.SIGKILL)
            killed_at = now
            break
        time.sleep(0.0002)
    status = process.wait()
    seconds = time.monotonic() - started
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    assert status in (0, -signal.SIGKILL), errors
    return Start(status, seconds, writing_at, killed_at if status else None)


def _writing(before: tuple[bool, frozenset[str]], now: tuple[bool, frozenset[str]]) -> bool:
    """The build has begun preparing the new site: the spare's manifest went, or a staging folder came."""
    return (before[0] and not now[0]) or bool(now[1] - before[1])


def outside_state(tmp: Path, root: Path, out: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``tmp`` (size, mtime, digest) but OUT, ROOT/.cache and OUT's spare and staging folders."""
    exempt = {out, root / ".cache", out.parent / f".{out.name}.spare"}
    state = {}
    for directory, folders, files in os.walk(tmp):
        folders[:] = [f for f in folders if Path(directory, f) not in exempt
                      and not (Path(directory) == out.parent and is_staging(f, out))]
        for name in files:
            path = Path(directory, name)
            info = path.stat()
            state[path.relative_to(tmp).as_posix()] = (info.st_size, info.st_mtime_ns,
                                                      hashlib.blake2b(path.read_bytes()).hexdigest())
    return state


def set_version(root: Path, original: str, version: str) -> None:
    (root / STYLESHEET).write_text(original + VERSIONS[version], encoding="utf-8")


def assert_complete(out: Path, references: dict[str, dict[str, bytes]], pages: set[str]) -> str:
    """OUT is a whole site, equal to one reference; returns which."""
    assert (out / MARKER).is_file(), "no marker file"
    html = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert html == pages, f"missing {sorted(pages - html)[:5]}, extra {sorted(html - pages)[:5]}"
    for page in sorted(pages):
        assert (out / page).read_bytes().rstrip().endswith(b"</html>"), page
        facts = read_page(out / page)
        assert facts.lang in ("zh-Hans", "en") and facts.title, page
    site = tree(out)
    matches = [name for name, reference in references.items() if site == reference]
    assert matches, f"OUT is no complete build: {sorted(set(site) ^ set(references['a']))[:5]} differ in names"
    return matches[0]


def test_a_build_killed_at_any_moment_leaves_a_complete_site(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    original = (root / STYLESHEET).read_text(encoding="utf-8")
    references = {}
    for version in VERSIONS:
        set_version(root, original, version)
        assert run_build(root, tmp_path / "references" / version).status == 0
        references[version] = tree(tmp_path / "references" / version)
    assert references["a"] != references["b"]
    pages = {name for name in references["a"] if name.endswith(".html")}
    assert len(pages) > 20

    out = tmp_path / "site"
    set_version(root, original, "a")
    assert run_build(root, out).status == 0
    holds = assert_complete(out, references, pages)
    assert holds == "a"

    # How long a build with work to do takes, and when it begins to write.
    runs = []
    for _ in range(4):
        holds = "b" if holds == "a" else "a"
        set_version(root, original, holds)
        runs.append(run_build(root, out))
        assert runs[-1].status == 0 and assert_complete(out, references, pages) == holds
    # Measured again by every trial that finishes, and the kills planned from the last four: under a parallel suite
    # the machine's speed drifts (planned from these four alone, in CI, builds measured at 2.1 s then took 0.6 s,
    # and half the kills came after the build had finished).
    durations = [r.seconds for r in runs]
    stages = [r.seconds - r.writing_at for r in runs if r.writing_at is not None]
    assert stages, "the write stage was never seen"

    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        before, target = holds, "b" if holds == "a" else "a"
        set_version(root, original, target)
        outside = outside_state(tmp_path, root, out)
        duration, write_stage = statistics.median(durations[-4:]), statistics.median(stages[-4:])
        kill = ("start", rng.uniform(0, duration * 1.1)) if trial % 2 == 0 else ("write", rng.uniform(0, write_stage))
        result = run_build(root, out, kill)
        if result.killed_at is None:  # (a whole build: how long one takes now)
            durations.append(result.seconds)
            if result.writing_at is not None:
                stages.append(result.seconds - result.writing_at)
        holds = assert_complete(out, references, pages)
        assert holds in (before, target), f"trial {trial}: {kill}"
        assert outside_state(tmp_path, root, out) == outside, f"trial {trial}: something outside OUT changed"
        assert unmarked_leftovers(out) == [], f"trial {trial}: a folder a later build may not remove"
        if result.killed_at is None:
            outcome = "finished before the kill"
        else:
            stage = "before writing" if result.writing_at is None else "while writing"
            outcome = f"killed {stage}, " + ("new site in place" if holds == target else "old site in place")
        outcomes[outcome] += 1
        moment = "-" if result.killed_at is None else f"{result.killed_at * 1000:5.1f} ms"
        write = "" if result.writing_at is None else f", writing from {result.writing_at * 1000:5.1f} ms"
        print(f"trial {trial:2}: kill planned at {kill[0]} + {kill[1] * 1000:5.1f} ms, sent at {moment}{write}: "
              f"{outcome}")

    leftovers = staging_folders(out)
    print(f"{TRIALS} trials (seed {SEED}); a build takes {duration * 1000:.0f} ms, its write stage (from the first "
          f"staging change to the end) {write_stage * 1000:.1f} ms; {len(leftovers)} staging folders left")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {count:3} {outcome}")
    assert outcomes["finished before the kill"] < TRIALS / 2
    assert sum(n for o, n in outcomes.items() if "while writing" in o) >= TRIALS / 4

    target = "b" if holds == "a" else "a"  # then a normal build
    set_version(root, original, target)
    assert run_build(root, out).status == 0
    assert assert_complete(out, references, pages) == target
    spare = tmp_path / ".site.spare"
    assert (spare / MARKER).is_file() and (spare / MANIFEST).is_file()
    assert list(tmp_path.glob(".site.old-*")) == []


def test_a_killed_builds_staging_folder_is_removed_later(tmp_path: Path) -> None:
    """A build killed while filling a new staging folder leaves it; a build 10 minutes later removes it."""
    root = make_project(tmp_path, SAMPLE)
    original = (root / STYLESHEET).read_text(encoding="utf-8")
    out = tmp_path / "site"
    version = "a"
    assert run_build(root, out).status == 0
    for attempt in range(40):  # kill while writing until a staging folder is left with files in it
        version = "b" if version == "a" else "a"
        set_version(root, original, version)
        run_build(root, out, ("write", (0.0, 0.002, 0.005, 0.01)[attempt % 4]))
        if any(any(folder.iterdir()) for folder in staging_folders(out)):
            break
    leftovers = [folder for folder in staging_folders(out) if any(folder.iterdir())]
    assert leftovers, "no kill left a staging folder with files in it"
    for folder in leftovers:
        os.utime(folder, (time.time() - 3600, time.time() - 3600))  # left long ago
    assert run_build(root, out).status == 0
    # (a build killed between creating its folder and writing the marker in it leaves it empty: harmless)
    assert [folder for folder in staging_folders(out) if any(folder.iterdir())] == []
