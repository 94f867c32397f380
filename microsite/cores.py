"""Work spread over the machine's cores: the one way the build runs anything in parallel.

Reading files, compiling Markdown, resolving links, the glossary's check
and rendering pages are pure, independent per item and most of a cold
build's time. :func:`map_forked` gives each core a share of
the items in a forked copy of the build's process: the copy already holds
the whole validated site and the compiled templates, so nothing has to be
sent to it, and only the (small) results come back, through a pipe.

Results cross only between this process and the children it forked, never
through a file: what is unpickled was pickled by this very program a moment
before (unlike the cache, which is plain JSON read back with its types checked).
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200  # below this many items, starting a copy of the process costs more than it saves


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_forked(work: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None) -> list[Result]:
    """``[work(item) for item in items]``, computed on ``workers`` cores (all of them by default).

    ``work`` must be pure as far as this process is concerned: what it
    changes in a child's memory is lost with the child; only its results
    come back. Its side effects on disk (files written) stay. An exception
    in a child is raised here, as if ``work`` had raised it in this process.
    Without ``os.fork`` (Windows), or for few items, everything runs here.
    """
    workers = min(workers or available_cores(), len(items))
    if workers < 2 or len(items) < MIN_ITEMS or not hasattr(os, "fork"):
        return [work(item) for item in items]
    shares = [list(range(first, len(items), workers)) for first in range(workers)]  # interleaved: pages alike
    sys.stdout.flush()
    sys.stderr.flush()  # else a child's copy of the unwritten buffer could be written twice
    children = [_start(work, items, share) for share in shares[1:]]
    results: list = [None] * len(items)
    try:
        for index in shares[0]:
            results[index] = work(items[index])
    finally:
        collected = [_collect(*child) for child in children]
    for share, outcome in zip(shares[1:], collected):
        if isinstance(outcome, BaseException):
            raise outcome
        for index, result in zip(share, outcome):
            results[index] = result
    return results


def _start(work: Callable, items: Sequence, share: list[int]) -> tuple[int, int]:
    """Fork a child that computes ``work`` for the items of ``share``; its pid and the pipe to read."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)
    status = 1
    try:
        try:
            results: object = [work(items[index]) for index in share]
        except BaseException as exc:  # noqa: BLE001: sent to the parent, which raises it
            results = _portable(exc)
        with os.fdopen(write, "wb") as pipe:  # streamed: no second copy of the results in memory
            pickle.dump(results, pipe, pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # never return into the parent's code (its cleanups are the parent's to run)


def _collect(pid: int, read: int) -> list | BaseException:
    """What the child ``pid`` sent through ``read``: its results, or the exception it raised."""
    with os.fdopen(read, "rb") as pipe:
        try:
            outcome = pickle.load(pipe)  # as it arrives: the whole payload is never held at once
        except Exception:  # noqa: BLE001: cut short (the child died); the status says more
            outcome = None
    _, status = os.waitpid(pid, 0)
    if outcome is None or status != 0:
        return RuntimeError(f"a worker process ended without its results (status {status})")
    return outcome


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError that carries its traceback as text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError("in a worker process:\n" + "".join(traceback.format_exception(exc)))
