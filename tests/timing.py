"""Timing for the tests that a reading takes time in proportion to the length of what it reads."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_seconds(run: Callable[[Any], object], argument: object, times: int = 3) -> float:
    """The shortest of ``times`` runs of ``run(argument)``: the one least disturbed by the other tests running
    beside this one (the suite runs on every core)."""
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run(argument)
        best = min(best, time.perf_counter() - started)
    return best


def superlinear(run: Callable[[Any], object], make: Callable[[int], object], size: int, times: int = 3) -> str | None:
    """None when ``run(make(4 * size))`` takes less than 8 times ``run(make(size))`` and 0.05 s (linear would
    take 4 times, quadratic 16); else the two times, for the test's message. Slow once, both are timed again at
    their best of more runs: in CI a linear reading beside the other worker once took 12 times as long."""
    small, large = best_seconds(run, make(size), times), best_seconds(run, make(4 * size), times)
    if large >= 8 * small + 0.05:
        small = min(small, best_seconds(run, make(size), 2 * times + 1))
        large = min(large, best_seconds(run, make(4 * size), 2 * times + 1))
    return None if large < 8 * small + 0.05 else f"{small:.3f} s at {size:,}, {large:.3f} s at {4 * size:,}"
