"""Work spread over forked copies of the process: the same results, in order, as on one core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microsite import cores
from microsite.patterns import compile_later


@pytest.fixture
def forking(monkeypatch):
    """map_forked forks even for a few items, as if on a machine of three cores."""
    monkeypatch.setattr(cores, "MIN_ITEMS", 1)
    monkeypatch.setattr(cores, "available_cores", lambda: 3)


def test_results_come_back_in_the_items_order(forking) -> None:
    items = list(range(50))
    assert cores.map_forked(lambda n: (n, n * n), items) == [(n, n * n) for n in items]


def test_the_work_runs_in_other_processes(forking) -> None:
    pids = set(cores.map_forked(lambda _: os.getpid(), list(range(9))))
    assert len(pids) == 3 and os.getpid() in pids


def test_files_written_by_the_workers_stay(forking, tmp_path: Path) -> None:
    cores.map_forked(lambda n: (tmp_path / f"{n}.txt").write_text(str(n)), list(range(12)))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"{n}.txt" for n in range(12))


def test_an_exception_in_a_worker_is_raised_here(forking) -> None:
    def work(n: int) -> int:
        if n == 4 and os.getpid() != parent:
            raise ValueError("item four")
        return n

    parent = os.getpid()
    with pytest.raises(ValueError, match="item four"):
        cores.map_forked(work, list(range(9)))


def test_an_exception_that_cannot_be_pickled_arrives_as_its_traceback(forking) -> None:
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    def work(n: int) -> int:
        if os.getpid() != parent:
            raise Local("not picklable")
        return n

    parent = os.getpid()
    with pytest.raises(RuntimeError, match="not picklable"):
        cores.map_forked(work, list(range(9)))


def test_a_worker_never_runs_the_callers_cleanup(forking, tmp_path: Path) -> None:
    """A child ends with os._exit: the caller's ``finally`` runs once, in the caller."""
    log = tmp_path / "cleanups"
    try:
        cores.map_forked(lambda n: n, list(range(9)))
    finally:
        with open(log, "a") as handle:
            handle.write(f"{os.getpid()}\n")
    assert log.read_text().split() == [str(os.getpid())]


def test_few_items_or_one_core_run_here(monkeypatch) -> None:
    monkeypatch.setattr(cores, "available_cores", lambda: 1)
    assert set(cores.map_forked(lambda _: os.getpid(), list(range(500)))) == {os.getpid()}
    monkeypatch.setattr(cores, "available_cores", lambda: 4)
    assert set(cores.map_forked(lambda _: os.getpid(), list(range(cores.MIN_ITEMS - 1)))) == {os.getpid()}


def test_a_worker_that_dies_is_an_error_not_missing_results(forking) -> None:
    def work(n: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return n

    parent = os.getpid()
    with pytest.raises(RuntimeError, match="ended without its results"):
        cores.map_forked(work, list(range(9)))


def test_in_chunks_every_item_runs_in_a_child_of_at_most_a_chunk(forking) -> None:
    import time

    def work(n: int) -> tuple[int, int]:
        time.sleep(0.001)
        return n, os.getpid()

    items = list(range(23))
    results = cores.map_forked(work, items, chunk=5)
    assert [n for n, _ in results] == items  # in order, every one
    by_child: dict[int, list[int]] = {}
    for n, pid in results:
        by_child.setdefault(pid, []).append(n)
    assert os.getpid() not in by_child  # this process only waits
    assert len(by_child) == 5 and all(len(share) <= 5 for share in by_child.values())


@pytest.fixture
def children(monkeypatch) -> list[int]:
    """The pids of the children ``cores`` starts."""
    started: list[int] = []
    real = cores._start
    monkeypatch.setattr(cores, "_start", lambda *args: (lambda child: started.append(child[0]) or child)(real(*args)))
    return started


def _all_waited_for(pids: list[int]) -> bool:
    """Whether each of ``pids`` is a child already waited for (none left running, or a zombie)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_in_chunks_an_exception_is_raised_here_once_the_running_children_ended(forking, children) -> None:
    def work(n: int) -> int:
        if n == 7:
            raise ValueError("item seven")
        return n

    with pytest.raises(ValueError, match="item seven"):
        cores.map_forked(work, list(range(40)), chunk=4)
    assert children and _all_waited_for(children)


def test_start_forked_works_in_a_child_and_gives_its_result_each_time_asked(children) -> None:
    result = cores.start_forked(lambda: os.getpid())
    assert result() != os.getpid() and result() == result()

    def fails() -> None:
        raise ValueError("no")

    failed = cores.start_forked(fails)
    for _ in range(2):
        with pytest.raises(ValueError, match="no"):
            failed()
    assert len(children) == 2 and _all_waited_for(children)


def test_start_forked_without_fork_works_when_asked(monkeypatch) -> None:
    monkeypatch.delattr(os, "fork")
    ran = []
    result = cores.start_forked(lambda: ran.append(1) or len(ran))
    assert ran == []
    assert result() == 1 and result() == 1 and ran == [1]


def test_children_are_waited_for_when_descriptors_are_numbered_past_1024(forking, descriptors_past_1024) -> None:
    assert cores.map_forked(lambda item: item * 2, list(range(50)), chunk=10) == [item * 2 for item in range(50)]
    assert cores.map_forked(lambda item: item + 1, list(range(50))) == [item + 1 for item in range(50)]


def test_in_chunks_the_patterns_are_compiled_once_here_not_in_each_child(forking) -> None:
    later = compile_later(r"(\d+)家")
    results = cores.map_forked(lambda text: later.search(text).group(1), ["49家", "7家", "12家"], chunk=1)
    assert results == ["49", "7", "12"]
    assert "search" in vars(later)  # compiled here, before the children were forked: they found it compiled
