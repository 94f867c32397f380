"""Tests for microsite.fsevents: a change under a watched folder ends a wait early; without events, waits only."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

import microsite.fsevents as fsevents
from microsite.fsevents import FileEvents
from microsite.serve import Watcher

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


@linux_only
def test_a_save_ends_the_wait_at_once_and_quiet_folders_do_not(tmp_path: Path):
    (tmp_path / "page.md").write_text("one", encoding="utf-8")
    with FileEvents([tmp_path]) as events:
        assert events.active
        assert events.wait(0.05) is False
        (tmp_path / "page.md").write_text("two", encoding="utf-8")
        started = time.perf_counter()
        assert events.wait(5.0) is True
        assert time.perf_counter() - started < 1.0
        assert events.wait(0.05) is False  # the events were read: nothing more to tell


@linux_only
def test_a_folder_made_after_the_start_is_watched_too(tmp_path: Path):
    with FileEvents([tmp_path]) as events:
        (tmp_path / "new" / "deeper").mkdir(parents=True)
        assert events.wait(5.0) is True
        events.settle(0.05)
        (tmp_path / "new" / "deeper" / "page.md").write_text("x", encoding="utf-8")
        assert events.wait(5.0) is True


@linux_only
def test_a_linked_folder_is_not_watched(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "watched").mkdir()
    (tmp_path / "watched" / "link").symlink_to(outside, target_is_directory=True)
    with FileEvents([tmp_path / "watched"]) as events:
        (outside / "page.md").write_text("x", encoding="utf-8")
        assert events.wait(0.2) is False


class _RefusingLibrary:
    """inotify that cannot watch anything (as when the system's limit of watched folders is reached)."""

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()

    def inotify_init1(self, flags: int) -> int:
        return self.read_end

    def inotify_add_watch(self, fd: int, path: bytes, mask: int) -> int:
        return -1


def test_where_folders_cannot_be_watched_the_wait_is_a_plain_wait(tmp_path: Path, monkeypatch):
    library = _RefusingLibrary()
    monkeypatch.setattr(fsevents, "_inotify_library", lambda: library)
    events = FileEvents([tmp_path])
    assert not events.active
    started = time.perf_counter()
    (tmp_path / "page.md").write_text("x", encoding="utf-8")
    assert events.wait(0.1) is False and time.perf_counter() - started >= 0.1
    os.close(library.write_end)
    with pytest.raises(OSError):
        os.fstat(library.read_end)  # closed when given up on


def _first_call_after_a_save(folder: Path, poll: float) -> float:
    page = folder / "page.md"
    page.write_text("one", encoding="utf-8")
    called = threading.Event()
    watcher = Watcher([folder], lambda changed: called.set(), poll=poll, quiet=0.02)
    watcher.start()
    try:
        time.sleep(0.3)  # the watcher is waiting
        page.write_text("one, edited", encoding="utf-8")
        started = time.perf_counter()
        assert called.wait(poll + 5.0)
        return time.perf_counter() - started
    finally:
        watcher.stop()
        watcher.join(timeout=poll + 2)


@linux_only
def test_the_watcher_sees_a_save_long_before_its_next_poll(tmp_path: Path):
    assert _first_call_after_a_save(tmp_path, poll=3.0) < 1.5


def test_without_events_the_watcher_still_sees_a_save_at_its_next_poll(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(fsevents, "_inotify_library", lambda: None)
    assert _first_call_after_a_save(tmp_path, poll=0.2) < 3.0


@linux_only
def test_the_events_say_which_files_and_folders_changed_and_are_then_forgotten(tmp_path: Path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    with FileEvents([tmp_path]) as events:
        (tmp_path / "a" / "deep" / "page.md").write_text("x", encoding="utf-8")
        (tmp_path / "new").mkdir()
        assert events.wait(5.0) is True
        events.settle(0.05)
        assert events.told() == sorted([str(tmp_path / "a" / "deep" / "page.md"), str(tmp_path / "new")])
        assert events.told() == []
        (tmp_path / "new" / "later.md").write_text("x", encoding="utf-8")  # in a folder made after the start
        assert events.wait(5.0) is True
        assert events.told() == [str(tmp_path / "new" / "later.md")]


class _OverflowingLibrary(_RefusingLibrary):
    """inotify that watches every folder, then reports that its queue overflowed (events were lost)."""

    def inotify_add_watch(self, fd: int, path: bytes, mask: int) -> int:
        return 1

    def overflow(self) -> None:
        os.write(self.write_end, fsevents._EVENT.pack(-1, fsevents._OVERFLOW, 0, 0))


def test_when_events_were_lost_the_events_say_anything_may_have_changed(tmp_path: Path, monkeypatch):
    library = _OverflowingLibrary()
    monkeypatch.setattr(fsevents, "_inotify_library", lambda: library)
    os.set_blocking(library.read_end, False)
    with FileEvents([tmp_path]) as events:
        assert events.active and events.told() == []
        library.overflow()
        assert events.wait(1.0) is True
        assert events.told() is None  # scan everything
        assert events.told() == []
    os.close(library.write_end)


def _saves(folder: Path, count: int, pause: float) -> threading.Thread:
    """A thread that saves ``count`` files in ``folder``, ``pause`` seconds apart (started)."""
    def save() -> None:
        for number in range(count):
            (folder / f"page{number}.md").write_text("saved", encoding="utf-8")
            time.sleep(pause)
    saving = threading.Thread(target=save)
    saving.start()
    return saving


@linux_only
def test_a_burst_of_many_quick_saves_settles_only_when_it_is_over(tmp_path: Path):
    """Many saves close together are one burst, however many: the wait is measured by the clock, not counted
    in quiet periods per save (twelve saves once counted as 3.6 s of a 2 s limit after 0.1 s)."""
    with FileEvents([tmp_path]) as events:
        saving = _saves(tmp_path, 12, 0.01)
        assert events.wait(5.0) is True
        events.settle(0.3, longest=2.0)
        assert not saving.is_alive()
        saving.join()


@linux_only
def test_saves_that_never_stop_are_settled_for_no_longer_than_the_limit(tmp_path: Path):
    with FileEvents([tmp_path]) as events:
        saving = _saves(tmp_path, 100, 0.02)
        assert events.wait(5.0) is True
        started = time.monotonic()
        events.settle(0.4, longest=1.0)
        assert 0.95 < time.monotonic() - started < 2.5
        assert saving.is_alive()  # still saving: the limit ended the wait
        saving.join()


def test_without_events_saves_that_never_stop_still_get_a_rebuild(tmp_path: Path, monkeypatch):
    """Polling, as where the system tells of no changes, settles a burst by the same limit: a file written
    every few milliseconds without end (a log kept in content/) once kept the preview from ever rebuilding."""
    monkeypatch.setattr(fsevents, "_inotify_library", lambda: None)
    monkeypatch.setattr("microsite.serve.LONGEST_BURST", 0.5)
    calls: list[list[Path]] = []
    watcher = Watcher([tmp_path], calls.append, poll=0.05, quiet=0.2)
    watcher.start()
    time.sleep(0.1)
    saving = _saves(tmp_path, 150, 0.02)
    try:
        started = time.monotonic()
        while not calls and time.monotonic() - started < 5.0:
            time.sleep(0.02)
        assert calls, "no rebuild while the saves went on"
        assert saving.is_alive()
    finally:
        watcher.stop()
        watcher.join(timeout=2)
        saving.join()


@linux_only
def test_a_save_ends_the_wait_when_descriptors_are_numbered_past_1024(tmp_path: Path, descriptors_past_1024):
    with FileEvents([tmp_path]) as events:
        assert events.fd > 1024 and events.wait(0.05) is False
        (tmp_path / "page.md").write_text("two", encoding="utf-8")
        assert events.wait(5.0) is True
