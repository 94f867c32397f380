"""Wake the preview's watcher the moment a watched file changes, where the system can say so.

The watcher polls (see ``serve.Watcher``): it scans every file, and at
10,000 files a scan is long enough that it pauses between scans, so a save
waited a fifth of a second to be noticed. On Linux, inotify tells at once
that something changed in a watched folder; :class:`FileEvents` uses that
to end the watcher's pause early, and says which files and folders changed
(:meth:`FileEvents.told`), so that the watcher looks at those only (at
10,000 files, a tenth of a millisecond instead of 70 for a scan). Whether
they changed is still found by looking, by content; a full event queue
makes the next scan a whole one, and the watcher scans everything after
each pause anyway, so a missed event (a network file system, too many
folders to watch) only means the change is seen at the next poll, as
without events. Elsewhere it never wakes anyone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import struct
import sys
import time
from pathlib import Path

from .conventions import is_leftover
from .cores import wait_readable

LONGEST_BURST = 2.0  # seconds: saves that go on longer (a file written without end) get a rebuild anyway

# From <sys/inotify.h>: what counts as a change, and the flags used here.
_CHANGES = (0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800)  # MODIFY ATTRIB CLOSE_WRITE MOVED_FROM
#                                                           MOVED_TO CREATE DELETE DELETE_SELF MOVE_SELF
_ONLY_DIRECTORIES, _DONT_FOLLOW, _IS_DIRECTORY = 0x01000000, 0x02000000, 0x40000000
_NEW_FOLDER = 0x80 | 0x100  # MOVED_TO, CREATE (with _IS_DIRECTORY): a folder to watch too
_OVERFLOW = 0x4000  # IN_Q_OVERFLOW: events were lost, so any folder may have changed
_NONBLOCK, _CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows


class FileEvents:
    """Tells when something under ``folders`` changes: :meth:`wait` returns early, True, when it does."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self.fd = -1
        self.watched: dict[int, str] = {}  # watch descriptor -> its folder
        self._told: set[str] | None = set()  # what changed since the last ``told()``; None: anything may have
        self.libc = _inotify_library()
        if self.libc is not None:
            self.fd = self.libc.inotify_init1(_NONBLOCK | _CLOEXEC)
            self._watch_all()

    @property
    def active(self) -> bool:
        """Whether changes are told at all (else :meth:`wait` only waits)."""
        return self.fd >= 0

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True as soon as something changed (the events are read and forgotten)."""
        if not self.active:
            time.sleep(seconds)
            return False
        ready = wait_readable([self.fd], seconds)
        return bool(ready) and self._drain()

    def told(self) -> list[str] | None:
        """The files and folders that changed since the last call (a folder with all under it), or None when
        that is not known (events were lost): then everything is to be looked at."""
        told, self._told = self._told, set()
        return None if told is None else sorted(told)

    def settle(self, quiet: float, longest: float = LONGEST_BURST) -> None:
        """Wait until nothing has changed for ``quiet`` seconds (a burst of saves is over), at most ``longest``
        seconds in all (by the clock: a checkout's hundred saves in a few milliseconds are one burst)."""
        deadline = time.monotonic() + longest
        while time.monotonic() < deadline and self.wait(quiet):
            pass

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> FileEvents:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _watch_all(self) -> None:
        """Watch every folder under ``folders`` (not following links); give up on events if one cannot be."""
        for top in self.folders:
            for folder, subfolders, _ in os.walk(top):
                subfolders[:] = [name for name in subfolders  # a repository (.git) is no input: see conventions
                                 if not is_leftover(name) and not os.path.islink(os.path.join(folder, name))]
                mask = _CHANGES | _ONLY_DIRECTORIES | _DONT_FOLLOW
                watch = self.libc.inotify_add_watch(self.fd, os.fsencode(folder), mask)
                if watch < 0:
                    if ctypes.get_errno() == errno.ENOENT:
                        continue  # removed meanwhile
                    self.close()  # too many folders (ENOSPC), or not allowed: poll only
                    return
                self.watched[watch] = folder  # a folder watched again keeps its descriptor

    def _drain(self) -> bool:
        """Read every pending event; watch the folders made meanwhile. True if there was any."""
        new_folder, any_event = False, False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            except OSError:
                self.close()
                self._told = None
                return True  # say "changed": the scan will tell
            if not data:
                break
            any_event = True
            offset = 0
            while offset + _EVENT.size <= len(data):
                watch, mask, _, length = _EVENT.unpack_from(data, offset)
                new_folder |= bool(mask & _IS_DIRECTORY and mask & _NEW_FOLDER)
                name = data[offset + _EVENT.size:offset + _EVENT.size + length].rstrip(b"\0")
                self._tell(None if mask & _OVERFLOW else self.watched.get(watch), name)
                offset += _EVENT.size + length
        if new_folder:
            self._watch_all()  # adding a watch twice is harmless: the kernel keeps one per folder
        return any_event

    def _tell(self, folder: str | None, name: bytes) -> None:
        """Note that ``name`` in ``folder`` changed, or the folder itself (no name); None: not known what."""
        if folder is None:
            self._told = None
        elif self._told is not None:
            self._told.add(os.path.join(folder, os.fsdecode(name)) if name else folder)


def _inotify_library():
    """The C library with inotify's functions, or None where there is none (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        return libc
    except (OSError, AttributeError):
        return None
