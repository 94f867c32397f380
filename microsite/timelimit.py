"""A time limit on a piece of work (a page's rendering): past it, :class:`TimeUp` is raised inside the work.

A template can run without end (a loop over ``range(10**12)``, a loop over
every page inside a loop over every page of a large site), and the build,
the check and the preview's rebuild would hang with no word. Hugo stops a
page's rendering after its ``timeout``; so does the build (see ``render``).

Two ways to stop the work, both free while it runs:

* in the main thread of a process (the command line's build and check, and
  the children that render pages on other cores, each its own main thread),
  a timer signal that ticks while work is watched: its handler raises
  :class:`TimeUp` where the work is, once it has run past its limit. A page
  notes the time it starts and that it has ended, and no more (2 µs): arming
  and disarming a timer for each page took two ``setitimer`` calls (4 µs) and
  asking whose the handler is (5 µs), a page of a synthetic site rendering in
  0.5 ms. With nothing watched for a tick, the handler stops the timer;
* in any other thread (the preview rebuilds in its watcher thread, which no
  signal reaches), a watchdog thread, one a process, started when first
  needed, looks at the time every ``WATCH_SECONDS`` while work is watched,
  and raises :class:`TimeUp` in the late thread (``PyThreadState_SetAsyncExc``).

Either lands between two of Python's instructions: one long operation in C
(a string repeated 10**9 times) finishes first. A faster test of the time, a
trace or profile hook, would cost the work itself: every line of every page.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import signal
import threading
import time
from contextlib import contextmanager

WATCH_SECONDS = 0.05  # how often the watchdog looks at the time, while a thread's work is watched


class TimeUp(BaseException):
    """The watched work ran past its limit (a BaseException, so that no ``except Exception`` on the way swallows
    it, in a template's helper or in Jinja)."""


class time_limit:  # noqa: N801 (used as a function: ``with time_limit(30):``)
    """Run the body, raising :class:`TimeUp` in it once it has run ``seconds`` (None: no limit).

    A class rather than a generator: it is entered once a page, and a
    generator's context manager costs more than the rest of it.
    """

    __slots__ = ("seconds", "watching")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.watching = None  # the watchdog's, in a thread other than the main one

    def __enter__(self) -> None:
        global _watched_since, _limit
        if not self.seconds:
            return
        # (While the timer ticks, the handler is ours: asked only when it does not, as asking costs 5 µs.)
        if _SIGNALS and threading.current_thread() is threading.main_thread() and (_tick or _alarm_is_ours()):
            _limit = self.seconds
            _watched_since = time.monotonic()
            _tick_for(self.seconds)
        else:
            self.watching = _watchdog().watching(self.seconds)
            self.watching.__enter__()

    def __exit__(self, *exc) -> None:
        global _watched_since
        if self.watching is not None:
            self.watching.__exit__(*exc)
        elif self.seconds:
            _watched_since = None  # an alarm from now on is let go (and the next one stops the timer)


# --- in the main thread: a timer signal ------------------------------------------

_SIGNALS = hasattr(signal, "setitimer")  # not on Windows: the watchdog there
TICKS = 5  # ticks of the timer within a limit: work is stopped at most a fifth of it late
LONGEST_TICK = 1.0  # seconds
_watched_since: float | None = None  # when the work being watched started; None: none is
_limit = 0.0  # how long it may run
_tick = 0.0  # how often the timer ticks; 0: it does not


def _tick_for(seconds: float) -> None:
    """Have the timer tick often enough for a limit of ``seconds`` (a system call only when it does not yet)."""
    global _tick
    tick = min(LONGEST_TICK, seconds / TICKS)
    if not _tick or tick < _tick:
        _tick = tick
        signal.setitimer(signal.ITIMER_REAL, tick, tick)


def _on_alarm(signum, frame) -> None:
    global _tick
    since = _watched_since
    if since is None:  # nothing watched for a tick: the timer stops until work is watched again
        signal.setitimer(signal.ITIMER_REAL, 0)
        _tick = 0.0
    elif time.monotonic() - since >= _limit:
        raise TimeUp


def _forked() -> None:
    """A forked child has no timer of its parent's (nor the work it watched)."""
    global _watched_since, _tick
    _watched_since, _tick = None, 0.0


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def _stop_ticking() -> None:
    """The timer stopped as the process ends: a tick after Python has put back the signals' default handlers (as it
    does as it ends) killed a process whose work was done ("Alarm clock", exit status 142), within a tick of its
    last page (a second at most; always under valgrind, whose ending is slow)."""
    global _tick
    if _tick:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _tick = 0.0


atexit.register(_stop_ticking)


def _alarm_is_ours() -> bool:
    """Whether SIGALRM is this module's to use: its handler is ours (a forked child inherits it), or nobody's yet
    (then it is made ours, once a process)."""
    handler = signal.getsignal(signal.SIGALRM)
    if handler is _on_alarm:
        return True
    if handler == signal.SIG_DFL:
        signal.signal(signal.SIGALRM, _on_alarm)
        return True
    return False  # someone else's alarm (a test runner's timeout, say): the watchdog, which leaves it alone
    # (A handler set while the timer ticks is noticed once it has stopped: within a tick of the work's end.)


# --- in any other thread: a watchdog thread ----------------------------------------

class _Watchdog:
    """One thread that raises :class:`TimeUp` in the threads whose watched work runs past its deadline."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.deadlines: dict[int, float] = {}  # by thread id, for work being watched
        self.busy = threading.Event()  # set while any work is watched: the watchdog sleeps otherwise
        threading.Thread(target=self._watch, name="microsite-time-limit", daemon=True).start()

    @contextmanager
    def watching(self, seconds: float):
        ident = threading.get_ident()
        with self.lock:
            self.deadlines[ident] = time.monotonic() + seconds
            self.busy.set()
        try:
            yield
        finally:
            with self.lock:
                if self.deadlines.pop(ident, None) is None:  # stopped as it ended: what is pending is let go
                    _raise_in(ident, None)

    def _watch(self) -> None:
        while True:
            self.busy.wait()
            time.sleep(WATCH_SECONDS)
            now = time.monotonic()
            with self.lock:
                for ident in [ident for ident, deadline in self.deadlines.items() if deadline <= now]:
                    del self.deadlines[ident]
                    _raise_in(ident, TimeUp)
                if not self.deadlines:
                    self.busy.clear()


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """Have the thread ``ident`` raise ``exception`` at its next instruction (None: no more)."""
    pending = ctypes.py_object(exception) if exception is not None else None  # None: NULL, which clears
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), pending)


_watchdogs: dict[int, _Watchdog] = {}  # by process: a forked child has no thread of its parent's
_starting = threading.Lock()


def _watchdog() -> _Watchdog:
    pid = os.getpid()
    watchdog = _watchdogs.get(pid)
    if watchdog is None:
        with _starting:
            if pid not in _watchdogs:
                _watchdogs.clear()  # a forked child's copy of its parent's (whose lock may have been held)
                _watchdogs[pid] = _Watchdog()
            watchdog = _watchdogs[pid]
    return watchdog
