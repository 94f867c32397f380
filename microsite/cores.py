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
import selectors
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from .patterns import compile_every

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200  # below this many items, starting a copy of the process costs more than it saves
CHUNK = 500  # items a child works on, where the work reads much of what the parent holds (see map_forked)


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_forked(work: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None,
               chunk: int | None = None) -> list[Result]:
    """``[work(item) for item in items]``, computed on ``workers`` cores (all of them by default).

    ``work`` must be pure as far as this process is concerned: what it
    changes in a child's memory is lost with the child; only its results
    come back. Its side effects on disk (files written) stay. An exception
    in a child is raised here, as if ``work`` had raised it in this process.
    Without ``os.fork`` (Windows), or for few items, everything runs here.

    With ``chunk``, every item is worked on in a child, each child taking at
    most ``chunk`` items, ``workers`` children at a time, while this process
    only waits. That is for work that reads much of what the process holds
    and leaves much behind (a page rendered reads the site, and leaves its
    template's context in a reference cycle, which the build's paused
    collector does not free): a child shares the parent's memory until either
    writes to it, and reading a Python object writes to it (its reference
    count), so a child that rendered 5,000 pages had copied nearly all of it
    and held 180 MB. A child that lives for fewer items copies and keeps
    less, and a parent that works too makes copies of its own. (Collecting
    cycles in the children instead cost a fifth of a cold build of long
    pages, and a child of fewer items kept little anyway.)
    """
    workers = min(workers or available_cores(), len(items))
    if workers < 2 or len(items) < MIN_ITEMS or not hasattr(os, "fork"):
        return [work(item) for item in items]
    if chunk:
        return _in_children(work, items, workers, chunk)
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


def start_forked(work: Callable[[], Result]) -> Started[Result]:
    """Start ``work()`` in a forked child now, on another core while this process goes on; what is returned,
    called, waits for its result (raising what it raised), and gives it again when asked again.

    Ask for it in a ``finally``, so that the child is waited for even when
    the work it was for is given up. Without ``os.fork``, ``work`` runs here
    when its result is first asked for.
    """
    child = None
    if hasattr(os, "fork"):
        sys.stdout.flush()
        sys.stderr.flush()
        child = _start(lambda _: work(), [None], [0])
    return Started(work, child)


class Started(Generic[Result]):
    """Work started in a child by :func:`start_forked`: called, its result."""

    def __init__(self, work: Callable[[], Result], child: tuple[int, int] | None) -> None:
        self._work, self._child = work, child
        self._outcome: list = []

    def ready(self) -> bool:
        """Whether asking for the result does not wait for a child (it has sent it or ended, or there is none)."""
        return bool(self._outcome) or self._child is None or bool(wait_readable([self._child[1]], 0))

    def __call__(self) -> Result:
        if not self._outcome:
            self._outcome.append(_collect(*self._child) if self._child is not None else _called(self._work))
        if isinstance(self._outcome[0], BaseException):
            raise self._outcome[0]
        return self._outcome[0][0]


def _called(work: Callable[[], Result]) -> list[Result] | BaseException:
    try:
        return [work()]
    except Exception as exc:  # noqa: BLE001 (raised to whoever asks, as a child's would be)
        return exc


def _in_children(work: Callable, items: Sequence, workers: int, chunk: int) -> list:
    """``map_forked`` with every item worked on in a child of at most ``chunk`` items, ``workers`` at a time."""
    compile_every()  # here once, rather than in each child the patterns it uses (0.1 s each, 20 at 10,000 pages)
    results: list = [None] * len(items)
    waiting = [list(range(first, min(first + chunk, len(items)))) for first in range(0, len(items), chunk)][::-1]
    running: dict[int, tuple[int, list[int]]] = {}  # the pipe to read -> the child's pid and its share
    failure: BaseException | None = None
    try:
        while running or (waiting and failure is None):
            while waiting and failure is None and len(running) < workers:
                share = waiting.pop()
                pid, read = _start(work, items, share)
                running[read] = (pid, share)
            read = wait_readable(list(running))[0]  # the first child to have its results ready
            pid, share = running.pop(read)
            outcome = _collect(pid, read)
            if isinstance(outcome, BaseException):
                failure = failure or outcome  # the children running end; no more start
                continue
            for index, result in zip(share, outcome):
                results[index] = result
    finally:
        for read, (pid, _) in running.items():  # interrupted: no child outlives the call
            _collect(pid, read)
    if failure is not None:
        raise failure
    return results


def wait_readable(descriptors: list[int], timeout: float | None = None) -> list[int]:
    """Those of ``descriptors`` (pipes, a socket, an inotify file) that can be read now, after waiting at most
    ``timeout`` seconds (None: until one can).

    Through the system's selector (epoll, kqueue), not ``select.select``,
    which refuses any descriptor numbered 1024 or above: a preview that has
    served many pages, or a process that has opened many files, has those.
    """
    with selectors.DefaultSelector() as selector:
        for descriptor in descriptors:
            selector.register(descriptor, selectors.EVENT_READ)
        return [key.fd for key, _ in selector.select(timeout)]


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
