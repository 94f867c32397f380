"""The project's input files as one build found them, and the fingerprint of exactly those bytes.

A build first reads every file of ``content/``, ``templates/`` and
``static/`` once (:class:`Inputs`), and its fingerprint says whether
anything changed since the last build. The stages that then parse the
files confirm that what they read is what was fingerprinted
(:meth:`Inputs.confirm`); templates are even served from the bytes read
here. A file saved in between makes the fingerprint :attr:`~Inputs.stale`,
and a stale fingerprint is never kept as the last build's: the save is
then seen by the next build, even if it is undone.

Folders are walked without following links to folders; a linked file counts
by its content only when it lies inside the project (the build refuses the
others, unread). A FIFO or device is not opened. Every folder, and every link
to one, counts by its name, though it holds no file: the build refuses an empty
folder named as a file it reads (``pages/x.md/``) and a link to a folder.

A long-running caller (the preview) may pass ``seen``, kept between builds:
a plain file is then read again only if its signature (device, inode, size,
modification and change times) differs from the one it had when last read,
as git does for its index. Any write sets a new change time, which no one
can set back; a file read within ``RACY_NS`` of its last change is not
remembered (a second write in the same tick of a coarse clock would leave the
same signature), so it is read again the next time.
"""

from __future__ import annotations

import functools
import os
import stat
import time
from pathlib import Path

from .conventions import MAX_TEXT_BYTES, is_leftover
from .cores import MIN_ITEMS, Started, map_forked, start_forked
from .memo import digest_of, digest_of_chunks

FOLDERS = ("content", "templates", "static")
KEPT = ("templates",)  # whose bytes are kept for the build to use (small, and read late: by Jinja)
RACY_NS = 2_000_000_000  # FAT's clock ticks every 2 s; others far more often
FOLDER = "folder"  # a folder's digest: its name is what counts (see the module's docstring)

Signature = tuple[int, int, int, int, int]  # device, inode, size, modification and change times (ns)


class Inputs:
    """Each input file's digest (or why it was not read), by its path as the build names it.

    ``seen`` (path -> (signature, digest)) spares reading files unchanged since an earlier build of this
    process; it is updated with what this build read (see the module's docstring).
    """

    def __init__(self, root: Path, folders: tuple[str, ...] = FOLDERS, kept: tuple[str, ...] = KEPT,
                 seen: dict[str, tuple[Signature, str]] | None = None) -> None:
        plain = self._found(root, folders, kept, seen)
        # On all cores: digesting 10,000 files took 0.1 s, a fifth of a build that finds nothing changed.
        self._digested(plain, map_forked(functools.partial(_digest_or_why, limited=self.limited), plain))

    @classmethod
    def started(cls, root: Path) -> Digesting:
        """The inputs of ``root``, their files digested in a forked child while this process goes on with other
        work (a build that makes a changed page or two reads the index of the others meanwhile: see
        ``pipeline``); what is returned, called, waits for them. Call it in a ``finally``."""
        inputs = cls.__new__(cls)
        plain = inputs._found(root, FOLDERS, KEPT, None)
        work = functools.partial(_digests_or_whys, plain, inputs.limited)
        # A few files are digested here when asked for, as map_forked would: a child would cost more than it spares.
        return Digesting(inputs, plain, start_forked(work) if len(plain) >= MIN_ITEMS else Started(work, None))

    def _found(self, root: Path, folders: tuple[str, ...], kept: tuple[str, ...],
               seen: dict[str, tuple[Signature, str]] | None) -> list[str]:
        """Find the files (reading those to keep, and with ``seen`` those changed): the plain files to digest."""
        self.root = root
        self.digests: dict[str, str] = {}
        self.kept: dict[str, bytes] = {}
        self.too_large: dict[str, int] = {}  # the files to keep that were not read, by their size (see _read)
        self.read: set[str] = set()  # the paths whose digest is of their content
        self.stale = False  # a file read later was not what was fingerprinted
        top, inside = str(root), str(root.resolve()) + os.sep
        self.limited = os.path.join(top, "content") + os.sep  # its files: refused unread past MAX_TEXT_BYTES
        plain: list[str] = []  # the plain files to digest, once all are found
        for folder in folders:
            for entry in _walk(os.path.join(top, folder)):
                if entry.is_dir(follow_symlinks=False):
                    self.digests[entry.path] = FOLDER
                    continue
                keep = folder in kept
                if seen is not None and not keep and not entry.is_symlink():
                    self.digests[entry.path] = self._recall(entry, seen)
                else:
                    found = self._read(entry, inside, keep)
                    if found is None:
                        plain.append(entry.path)
                    self.digests[entry.path] = found or ""  # its place kept: the fingerprint lists files in order
        if seen is not None:
            for gone in seen.keys() - self.digests.keys():
                del seen[gone]
        return plain

    def _digested(self, plain: list[str], outcomes: list[tuple[bool, str]]) -> None:
        for path, (read, digest) in zip(plain, outcomes):
            self.digests[path] = digest
            if read:
                self.read.add(path)

    def _read(self, entry: os.DirEntry, inside: str, keep: bool) -> str | None:
        """The digest of a file to keep (read now), or why it is not read; None for a plain file to digest."""
        if entry.is_symlink() and not os.path.realpath(entry.path).startswith(inside):
            return "link:" + os.readlink(entry.path)
        try:
            if not entry.is_file():  # a FIFO would block, a device never end, a link to a folder is not followed:
                # the build refuses them unopened
                return "not a regular file"
            if not keep:
                return None
            size = entry.stat().st_size  # a template is written by hand too: one larger than a content file may be
            if size > MAX_TEXT_BYTES:  # is refused unread (the build says so where a page or a check asks for it)
                self.too_large[entry.path] = size
                return _too_large(size)
            with open(entry.path, "rb") as handle:
                data = self.kept[entry.path] = handle.read()
        except OSError as exc:  # unreadable: the build will say so; count the reason
            return f"unreadable: {exc.strerror}"
        self.read.add(entry.path)
        return digest_of(data)

    def _recall(self, entry: os.DirEntry, seen: dict[str, tuple[Signature, str]]) -> str:
        """A plain file's digest: as read by an earlier build if its signature is the same, else read now."""
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as exc:
            return f"unreadable: {exc.strerror}"
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_TEXT_BYTES and entry.path.startswith(self.limited):
            return _too_large(info.st_size)
        signature = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        known = seen.get(entry.path)
        if known is not None and known[0] == signature:
            self.read.add(entry.path)
            return known[1]
        now = time.time_ns()
        try:
            digest = _digest_of_file(entry.path)
        except OSError as exc:
            seen.pop(entry.path, None)
            return f"unreadable: {exc.strerror}"
        self.read.add(entry.path)
        if now - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS:
            seen[entry.path] = (signature, digest)
        else:
            seen.pop(entry.path, None)  # changed a moment ago: it may change again within the same tick
        return digest

    def fingerprint(self, *extra: object) -> str:
        """One digest of every file's name (relative to the project) and content, and of ``extra``."""
        start = len(str(self.root)) + 1
        return digest_of(([(path[start:], digest) for path, digest in self.digests.items()], extra))

    def folder_digest(self, folder: str) -> str:
        """One digest of the files under ``folder`` (e.g. every template)."""
        prefix = os.path.join(str(self.root), folder) + os.sep
        return digest_of([(path, digest) for path, digest in self.digests.items() if path.startswith(prefix)])

    def confirm(self, path: str, digest: str) -> None:
        """Note that the build read bytes of ``digest`` from ``path``: stale if that is not what was fingerprinted."""
        if self.digests.get(path) != digest:
            self.stale = True

    def content_digest(self, path: str) -> str | None:
        """The digest of the bytes ``path`` held when fingerprinted; None if it was not read (a link out of the
        project, a FIFO, unreadable, missing)."""
        return self.digests.get(path) if path in self.read else None

    def template(self, path: str) -> bytes | None:
        """A template's bytes as fingerprinted, or None when it was not read (missing, not a plain file, or
        :attr:`too_large`)."""
        return self.kept.get(path)


class Digesting:
    """Inputs whose files a child digests (see :meth:`Inputs.started`)."""

    def __init__(self, inputs: Inputs, plain: list[str], digests: Started[list[tuple[bool, str]]]) -> None:
        self._inputs, self._plain, self._digests = inputs, plain, digests

    def ready(self) -> bool:
        """Whether calling does not wait for the child (its digests are in, or there is no child)."""
        return self._digests.ready()

    def __call__(self) -> Inputs:
        if self._plain is not None:
            self._inputs._digested(self._plain, self._digests())
            self._plain = None
        return self._inputs


def _digests_or_whys(paths: list[str], limited: str) -> list[tuple[bool, str]]:
    return [_digest_or_why(path, limited) for path in paths]


def _digest_or_why(path: str, limited: str) -> tuple[bool, str]:
    """(True, the digest of the file's bytes), or (False, why it was not read): a file under the folder
    ``limited`` (content/) larger than a content file may be is not opened, as the build refuses it unread."""
    try:
        if path.startswith(limited) and (size := os.stat(path).st_size) > MAX_TEXT_BYTES:
            return False, _too_large(size)
        return True, _digest_of_file(path)
    except OSError as exc:  # unreadable: the build will say so; count the reason
        return False, f"unreadable: {exc.strerror}"


def _too_large(size: int) -> str:
    """Why a content file or a template was not read (its size: a file that grows or shrinks is another input)."""
    return f"too large: {size} bytes"


def _digest_of_file(path: str) -> str:
    """``digest_of`` the file's bytes, read a megabyte at a time (with no file object: a quarter faster, which
    counts at 10,000 files read on every build)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        return digest_of_chunks(iter(lambda: os.read(fd, 1 << 20), b""))
    finally:
        os.close(fd)


def _walk(folder: str) -> list[os.DirEntry]:
    """Every file, folder and link under ``folder``, in name order, each folder before what it holds; links to
    folders not followed, an editor's or the system's leftovers left out (``conventions.is_leftover``: the build
    reads none).

    A folder and a link to one are listed, though neither is read: an empty folder ``pages/x.md/``, or a link
    ``static/shared -> ../templates``, is a mistake of a build from scratch, and a build that reuses earlier work
    must see it come (and go) as a change of its inputs."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if is_leftover(entry.name):
            continue
        found.append(entry)
        if entry.is_dir(follow_symlinks=False):
            found.extend(_walk(entry.path))
    return found
