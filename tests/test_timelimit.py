"""Tests for microsite.timelimit: work stopped past its limit, in the main thread, another, or a forked child."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time

import pytest

from microsite.timelimit import LONGEST_TICK, TimeUp, time_limit


def stopped_after(seconds: float) -> float | None:
    """How long a loop without end ran before ``time_limit(seconds)`` stopped it (None: it was not stopped)."""
    started = time.perf_counter()
    try:
        with time_limit(seconds):
            while time.perf_counter() - started < 10:
                pass
    except TimeUp:
        return time.perf_counter() - started
    return None


def in_thread(work):
    found: list = []
    thread = threading.Thread(target=lambda: found.append(work()))
    thread.start()
    thread.join(20)
    return found[0]


def test_work_in_the_main_thread_is_stopped_at_its_limit():
    assert 0.2 <= stopped_after(0.2) < 5  # (a busy machine is slow to switch)


def test_work_in_another_thread_is_stopped_at_its_limit():  # no signal reaches it (the preview's rebuilds)
    assert 0.2 <= in_thread(lambda: stopped_after(0.2)) < 5  # (a busy machine is slow to switch)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_work_in_a_child_forked_from_another_thread_is_stopped():  # the preview's pages rendered on other cores
    def forked() -> bytes:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.write(write, pickle.dumps(stopped_after(0.2)))
            os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as pipe:
            return pickle.loads(pipe.read())

    in_thread(lambda: stopped_after(0.2))  # the watchdog started in this process, then a child forked
    assert 0.2 <= in_thread(forked) < 5  # (a busy machine is slow to switch)


@pytest.mark.parametrize("where", ["main", "thread"])
def test_work_within_its_limit_leaves_nothing_to_go_off_later(where: str):
    def work() -> str:
        with time_limit(0.2):
            time.sleep(0.1)
        time.sleep(0.4)  # past the limit, outside the work
        return "done"

    assert (work() if where == "main" else in_thread(work)) == "done"


def test_no_limit_stops_nothing():
    with time_limit(None):
        time.sleep(0.05)


def test_an_alarm_someone_else_handles_is_left_to_them():  # a test runner's timeout, say
    time.sleep(LONGEST_TICK + 0.2)  # the timer of work watched before has stopped: a handler set now is noticed
    called: list = []
    previous = signal.signal(signal.SIGALRM, lambda *_: called.append(1))
    try:
        assert 0.2 <= stopped_after(0.2) < 5  # by the watchdog
        assert signal.getsignal(signal.SIGALRM) is not None and not called
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_a_process_whose_work_ended_within_a_tick_ends_as_it_should(tmp_path) -> None:
    """The timer still ticking as the process ended killed it once Python had put back SIGALRM's default handler
    ("Alarm clock", exit status 142, after a build that succeeded): a slow ending (as under valgrind) made it sure."""
    import subprocess
    import sys

    script = tmp_path / "ends.py"
    script.write_text(
        "import time\n"
        "from microsite.timelimit import time_limit\n"
        "class Slow:\n"
        "    def __del__(self):\n"
        "        time.sleep(0.3)  # an ending that takes a while, as under valgrind\n"
        "keep = Slow()\n"
        "with time_limit(0.05):  # (the timer ticks every 10 ms)\n"
        "    pass\n", encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, str(script)], cwd=root, env={**os.environ, "PYTHONPATH": root},
                          capture_output=True, timeout=60)
    assert done.returncode == 0, (done.returncode, done.stderr)
