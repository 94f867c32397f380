"""Values by key in ``.cache/store/``: appended to, read lazily, checked, never run.

A fresh process that follows a one-page edit asks for thousands of values
an earlier build made (compiled Markdown by text, content files as read and
parsed by path and bytes), and should pay only for reading those, never
for rewriting them all. So:

* each build that made new values appends them to ONE new *segment* file,
  written aside and renamed into place (a segment is whole or absent);
* an *index* (key -> segment, offset, length, digest of the value's bytes)
  replaces the old one at once in each build that changed it; its first line
  names the code that wrote it and the digest of the rest (:func:`read_checked`):
  an index of other code is an empty store. It is a table of fixed-width
  records sorted by key (:class:`Index`), searched where it lies: a build that
  follows a one-page edit asks for a few thousand of its 75,000 keys, and
  reading the index whole as JSON took a tenth of that build;
* a value is read only when asked for; its bytes must have the index's
  digest, then they are JSON that the caller's decoder reads back field by
  field with its types checked. A missing segment, a wrong digest or a bad
  shape is a miss (the value is made again), never an error, never code run;
* the index keeps only what the last build used. Once less than half of the
  segments' bytes are in use, or the segments are many, the values in use
  are copied into the new segment and the segments left over are deleted.

Two processes may share the store (the preview reads it, a command-line
build writes it): the last index written wins, and a value whose segment
went away is a miss. A store that cannot be written (a read-only project) is
not kept; the build goes on without it. Keys are the callers' (made with
:func:`~microsite.memo.digest_of` from exactly what each value was made of).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import struct
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .memo import digest_of, digest_of_chunks
from .patterns import compile_later

CACHE_FORMAT = 3  # of every file in .cache/, named in its first line
INDEX = "index.bin"
SEGMENT = compile_later(r"values-[0-9a-f]{32}\.jsonl\Z")  # the store's own files: nothing else there is deleted
LEFTOVER = compile_later(r"(?:values|index\.bin)\.[0-9]+(?:\.[0-9a-f]{8})?\.tmp\Z")  # what a killed build was writing
FORMER_INDEXES = ("index.json",)  # the index as earlier versions wrote it (JSON, read whole)
LEFTOVER_AGE = 3600  # seconds: an older one is no other build's work in progress
MAX_SEGMENTS = 32  # more, and the smallest are merged into the next new one
MAX_VALUE_BYTES = 1 << 26  # no value is near this; a planted index may not make a read allocate more
MISS_ERRORS = (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)
KEY_WIDTH = 48  # bytes of a key in the index (ASCII): a longer key's value is not kept (ours are 32 to 41)
RECORD = struct.Struct(f"<{KEY_WIDTH}sHQI16s")  # key, segment's number, offset, length, digest of the bytes
SEARCHED = 8  # a build that has looked up more than 1/SEARCHED of the index's keys in place has it read whole
Value = TypeVar("Value")


class Entry(NamedTuple):
    """Where a value's bytes are: ``length`` bytes at ``offset`` of ``segment``, whose digest is ``digest``."""

    segment: str
    offset: int
    length: int
    digest: str


class Store:
    """The values kept in ``folder`` by key (see the module docstring); ``persist=False`` only reads them."""

    def __init__(self, folder: Path | None, code: str, persist: bool = True, read: bool = True) -> None:
        """``read=False``: start as an empty store (one that replaces what ``folder`` holds, if ``persist``)."""
        self.folder = folder if folder is not None and not os.path.islink(folder) else None
        self.code = code
        self.persist = persist and self.folder is not None
        self.entries = Index(_table(read_checked(self.folder / INDEX, code, as_json=False))
                             if self.folder is not None and read else None)
        self._dropped = False  # an entry found damaged was dropped: the index on disk is out of date
        self._adopted: set[str] = set()  # segments of values written as they were made, not in the index yet
        self._open: dict[str, tuple[int, int] | None] = {}  # segment -> (file descriptor, size), None if unreadable

    def get(self, key: str, decode: Callable[[Any], Value]) -> Value | None:
        """The value kept under ``key``, read back by ``decode`` (which raises on a shape it does not know), or
        None when there is none or it cannot be read: then the caller makes it again."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            return decode(_json_value(self._bytes(entry)))
        except MISS_ERRORS:
            del self.entries[key]
            self._dropped = True
            return None

    def save(self, used: Iterable[tuple[str, Callable[[], object]]]) -> None:
        """Keep exactly the values ``used`` names (what this build asked for), each key with how to make its JSON
        form: asked only of the values the store does not hold yet, which go to one new segment."""
        if not self.persist:
            return
        kept: dict[str, Entry] = {}
        new: dict[str, Callable[[], object]] = {}
        for key, make in used:
            entry = self.entries.get(key)
            if entry is not None:
                kept[key] = entry
            else:
                new[key] = make
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            on_disk = _segments(self.folder)
            drained = _drained(kept, on_disk)
            if new or drained:
                copied = [(key, entry) for key, entry in kept.items() if entry.segment in drained]
                for key, _ in copied:
                    del kept[key]
                kept.update(self._append(self._copies(copied), _encoded(new.items())))
            if new or drained or self._dropped or not self.entries.is_exactly(kept):
                write_index(self.folder / INDEX, self.code, kept)
            if drained:
                _delete_unused(self.folder, on_disk, {entry.segment for entry in kept.values()})
        except OSError:  # a read-only project builds fine, only without a store
            return
        self.entries, self._dropped = Index(None, kept), False
        self._adopted, unused = set(), self._adopted - {entry.segment for entry in kept.values()}
        _delete(self.folder, unused)

    def writer(self) -> SegmentWriter | None:
        """Where values may be written as they are made, by any process (see :class:`SegmentWriter`), for
        :meth:`adopt` to take in; None for a store that is not kept."""
        return SegmentWriter(self.folder) if self.persist else None

    def adopt(self, written: dict[str, Entry]) -> set[str]:
        """Take in values a :class:`SegmentWriter` wrote (by key, where each one is): the keys taken.

        Each process's segment is opened, then renamed into place: it stays
        readable by this build even if another one deletes it. Its values are
        in the index from the next :meth:`save` on, if this build uses them;
        if it never saves (it stopped at a mistake), :meth:`close` deletes them.
        """
        named: dict[str, str] = {}
        for temporary in {entry.segment for entry in written.values()}:
            name = f"values-{os.urandom(16).hex()}.jsonl"
            opened = _opened(self.folder / temporary)
            try:
                if opened is None:
                    continue
                os.replace(self.folder / temporary, self.folder / name)
            except OSError:
                os.close(opened[0])
                continue
            self._open[name], named[temporary] = opened, name
            self._adopted.add(name)
        taken = {key: entry._replace(segment=named[entry.segment]) for key, entry in written.items()
                 if entry.segment in named}
        self.entries.update(taken)
        return set(taken)

    def open_all(self) -> None:
        """Open every segment the index names now, rather than when a value in it is first read."""
        for segment in self.entries.segments() - self._open.keys():
            self._open[segment] = _opened(self.folder / segment)

    def close(self) -> None:
        """Close the segments opened for reading (a build keeps them open while it reads); delete those adopted
        and never saved (the build stopped before it could use them)."""
        for opened in self._open.values():
            if opened is not None:
                with contextlib.suppress(OSError):
                    os.close(opened[0])
        self._open = {}
        _delete(self.folder, self._adopted)
        self._adopted = set()

    def _bytes(self, entry: Entry) -> bytes:
        """The bytes of ``entry``, checked against its digest (ValueError when they are not those stored)."""
        opened = self._open.get(entry.segment, ())
        if opened == ():
            opened = self._open[entry.segment] = _opened(self.folder / entry.segment)
        if opened is None or entry.offset + entry.length > opened[1]:
            raise ValueError("the segment is gone or shorter than the index says")
        data = _read_at(opened[0], entry.length, entry.offset)
        if digest_of(data) != entry.digest:
            raise ValueError("not the bytes stored")
        return data

    def _copies(self, entries: list[tuple[str, Entry]]) -> Iterator[tuple[str, bytes]]:
        """The bytes of ``entries`` that can still be read (the others are left out: made again when asked)."""
        for key, entry in entries:
            try:
                yield key, self._bytes(entry)
            except MISS_ERRORS:
                continue

    def _append(self, *values: Iterable[tuple[str, bytes]]) -> dict[str, Entry]:
        """Write ``values`` (key, JSON bytes) as one new segment, renamed into place whole; where each one is."""
        name = f"values-{os.urandom(16).hex()}.jsonl"
        temporary = self.folder / f"values.{os.getpid()}.tmp"
        placed: list[tuple[str, int, int, str]] = []
        try:
            with open(temporary, "wb") as handle:
                offset = 0
                for part in values:
                    for key, data in part:
                        handle.write(data + b"\n")
                        placed.append((key, offset, len(data), digest_of(data)))
                        offset += len(data) + 1
            if not placed:
                temporary.unlink()
                return {}
            os.replace(temporary, self.folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            raise
        return {key: Entry(name, offset, length, digest) for key, offset, length, digest in placed}


class SegmentWriter:
    """Values written as they are made, by the process that made them: each process that writes (this one, or a
    forked copy of it: see ``cores``) appends to a segment of its own, ``values.<pid>.<random>.tmp``, which
    :meth:`Store.adopt` renames into place. A value that cannot be written is not kept (``put`` gives None)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pid = 0  # the process whose segment is open
        self._name = ""
        self._descriptor = -1  # -1: none open; -2: writing failed, nothing more is written
        self._offset = 0

    def put(self, data: bytes) -> Entry | None:
        """Append ``data`` (JSON, one line); where it is, or None when it could not be written."""
        if self._pid != os.getpid():
            self._start()
        if self._descriptor < 0 or len(data) > MAX_VALUE_BYTES:
            return None
        try:
            _write_all(self._descriptor, data + b"\n")
        except OSError:
            os.close(self._descriptor)
            self._descriptor = -2  # what is after the failed write is in an unknown state
            return None
        entry = Entry(self._name, self._offset, len(data), digest_of(data))
        self._offset += len(data) + 1
        return entry

    def close(self) -> None:
        """Close this process's segment (a forked copy's closes as it ends); the next value starts another."""
        if self._pid == os.getpid() and self._descriptor >= 0:
            os.close(self._descriptor)
        self._pid, self._descriptor = 0, -1

    def _start(self) -> None:
        self._pid, self._offset = os.getpid(), 0
        self._name = f"values.{self._pid}.{os.urandom(4).hex()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._descriptor = os.open(self.folder / self._name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            self._descriptor = -2


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _delete(folder: Path | None, names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _opened(path: Path) -> tuple[int, int] | None:
    """A segment opened for reading, and its size; None when it cannot be opened or is no regular file."""
    try:
        descriptor = _open_regular(path)
    except OSError:
        return None
    return descriptor, os.fstat(descriptor).st_size


def _open_regular(path: Path) -> int:
    """``path`` opened for reading, if it is a regular file (not a link, nor a FIFO that would block)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path.name} is not a regular file")
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def _read_at(descriptor: int, length: int, offset: int) -> bytes:
    """``length`` bytes at ``offset``, without moving a position that forked copies of this process share."""
    if hasattr(os, "pread"):
        return os.pread(descriptor, length, offset)
    os.lseek(descriptor, offset, os.SEEK_SET)  # Windows: no fork either, so no position shared
    return os.read(descriptor, length)


def _encoded(values: Iterable[tuple[str, Callable[[], object]]]) -> Iterator[tuple[str, bytes]]:
    """Each value's JSON bytes, made as it is written; one that cannot be JSON is left out (made again)."""
    for key, make in values:
        try:
            data = as_json(make()).encode("utf-8")
        except (ValueError, TypeError, RecursionError):  # an int too long to write, say
            continue
        if len(data) <= MAX_VALUE_BYTES:
            yield key, data


def _segments(folder: Path) -> dict[str, int]:
    """The store's segment files in ``folder`` (by their names' pattern), with their sizes."""
    found = {}
    with os.scandir(folder) as scan:
        for entry in scan:
            if SEGMENT.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    found[entry.name] = entry.stat(follow_symlinks=False).st_size
    return found


def _drained(kept: dict[str, Entry], on_disk: dict[str, int]) -> set[str]:
    """The segments whose values in use are to be copied into the new one, then deleted: all of them when less
    than half their bytes are in use; when they are many, the smallest, until half as many are left (a build
    that compiles in many processes leaves a large segment for each: they are copied only when they are the
    smallest), else none."""
    live = sum(entry.length + 1 for entry in kept.values())
    if live * 2 < sum(on_disk.values()):
        return set(on_disk)
    if len(on_disk) >= MAX_SEGMENTS:
        return set(sorted(on_disk, key=on_disk.__getitem__)[: len(on_disk) - MAX_SEGMENTS // 2])
    return set()


def _delete_unused(folder: Path, on_disk: dict[str, int], referenced: set[str]) -> None:
    """Delete the segments the index no longer names, what killed builds left and the index of the store's
    earlier format (only the store's own files)."""
    for name in (*(on_disk.keys() - referenced), *FORMER_INDEXES):
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    old = time.time() - LEFTOVER_AGE
    with os.scandir(folder) as scan:
        for entry in scan:
            with contextlib.suppress(OSError):
                if LEFTOVER.match(entry.name) and entry.stat(follow_symlinks=False).st_mtime < old:
                    os.unlink(entry.path)


class Index:
    """The store's index, key -> :class:`Entry`: the table the last build wrote, and this process's changes.

    The table is fixed-width records sorted by key (see :func:`write_index`),
    searched where it lies (``bisect``): a fresh process that asks for a few
    thousand keys reads only those records. Once it has looked up an eighth of
    the keys (``SEARCHED``), the table is read whole into a dictionary, as a
    build that uses every value (a build of every page) needs it: a look-up
    in place costs about five times what reading one record of the whole does,
    so such a build spends at most a little more than that reading on
    look-ups it could have spared.
    """

    def __init__(self, table: _Table | None, changed: dict[str, Entry] | None = None) -> None:
        self._table = table
        self._whole: dict[str, Entry] | None = None  # the table read whole, once searched often
        self._changed: dict[str, Entry | None] = dict(changed or {})  # None: deleted
        self._searched = 0

    def get(self, key: str) -> Entry | None:
        if key in self._changed:
            return self._changed[key]
        return self._in_table(key)

    def _in_table(self, key: str) -> Entry | None:
        if self._whole is not None:
            return self._whole.get(key)
        if self._table is None:
            return None
        self._searched += 1
        if self._searched * SEARCHED > self._table.count:
            self._whole = self._table.read_all()
            return self._whole.get(key)
        return self._table.find(key)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> Entry:
        entry = self.get(key)
        if entry is None:
            raise KeyError(key)
        return entry

    def __setitem__(self, key: str, entry: Entry) -> None:
        self._changed[key] = entry

    def __delitem__(self, key: str) -> None:
        self._changed[key] = None

    def update(self, entries: dict[str, Entry]) -> None:
        self._changed.update(entries)

    def items(self) -> Iterator[tuple[str, Entry]]:
        """Every entry (the table read whole)."""
        if self._table is not None and self._whole is None:
            self._whole = self._table.read_all()
        every = {**(self._whole or {}), **self._changed}
        return ((key, entry) for key, entry in every.items() if entry is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self.items())

    def segments(self) -> set[str]:
        """The segments the index names."""
        named = {entry.segment for entry in self._changed.values() if entry is not None}
        return named | set(self._table.segments) if self._table is not None else named

    def is_exactly(self, entries: dict[str, Entry]) -> bool:
        """Whether the table as written holds exactly ``entries`` (then it need not be written again)."""
        if self._table is None or self._changed or len(entries) != self._table.count:
            return False
        return all(self._in_table(key) == entry for key, entry in entries.items())


class _Table:
    """The records of an index file (see :func:`write_index`): ``count`` records from ``start`` of ``data``."""

    def __init__(self, data: bytes, start: int, count: int, segments: list[str]) -> None:
        self.data, self.start, self.count, self.segments = data, start, count, segments

    def find(self, key: str) -> Entry | None:
        """The entry of ``key``; None when there is none, or its record is not one this code writes."""
        probe = _probe(key)
        if probe is None:
            return None
        at = bisect_left(range(self.count), probe, key=self._key_at)
        if at == self.count or self._key_at(at) != probe:
            return None
        try:
            return self._entry(*RECORD.unpack_from(self.data, self.start + at * RECORD.size)[1:])
        except (ValueError, IndexError):
            return None

    def read_all(self) -> dict[str, Entry]:
        """Every entry; none when a record is not one this code writes."""
        entries, segments = {}, self.segments
        try:
            for key, number, offset, length, digest in RECORD.iter_unpack(
                    memoryview(self.data)[self.start:self.start + self.count * RECORD.size]):
                if length > MAX_VALUE_BYTES:
                    return {}
                entries[key.rstrip(b"\0").decode()] = Entry(segments[number], offset, length, digest.hex())
        except (ValueError, IndexError):
            return {}
        return entries

    def _key_at(self, at: int) -> bytes:
        offset = self.start + at * RECORD.size
        return self.data[offset:offset + KEY_WIDTH]

    def _entry(self, number: int, offset: int, length: int, digest: bytes) -> Entry:
        if length > MAX_VALUE_BYTES:
            raise ValueError("a value longer than any the store keeps")
        return Entry(self.segments[number], offset, length, digest.hex())


def _probe(key: str) -> bytes | None:
    """``key`` as the index's records hold it; None for a key no record can hold."""
    return key.encode().ljust(KEY_WIDTH, b"\0") if _fits(key) else None


def _fits(key: str) -> bool:
    """Whether a record of the index can hold ``key``: ASCII, no NUL (what pads it), at most ``KEY_WIDTH``."""
    return len(key) <= KEY_WIDTH and key.isascii() and "\0" not in key


def write_index(path: Path, code: str, entries: dict[str, Entry]) -> None:
    """Write ``entries`` as the index file ``path``: a line of JSON (the segments' names and the number of
    records), then one record per entry (:data:`RECORD`), sorted by key. An entry no record can hold is left out
    (its value is then a miss)."""
    segments = sorted({entry.segment for entry in entries.values()})
    number = {name: index for index, name in enumerate(segments)}
    pack, records = RECORD.pack, []
    for key in sorted(entries):  # ASCII text sorts as its bytes padded with NUL do
        segment, offset, length, digest = entries[key]
        try:
            digest = bytes.fromhex(digest)
            if len(digest) == 16 and _fits(key):
                records.append(pack(key.encode(), number[segment], offset, length, digest))
        except (ValueError, struct.error):
            continue
    header = as_json({"segments": segments, "count": len(records)}) + "\n"
    write_checked(path, code, [header.encode(), b"".join(records)])


def _table(data: bytes | None) -> _Table | None:
    """The table of an index file's content (after its first line), or None when it is not of that shape."""
    if data is None:
        return None
    try:
        line, _, _ = data.partition(b"\n")
        header = json.loads(line)
        segments = [_segment_name(name) for name in header["segments"]]
        count = header["count"]
        if type(count) is not int or len(data) != len(line) + 1 + count * RECORD.size:
            return None
        return _Table(data, len(line) + 1, count, segments)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        return None


def _segment_name(value: object) -> str:
    if not SEGMENT.match(text(value)):  # never a path: a planted index cannot make the store open another file
        raise ValueError("not a segment's name")
    return value


# --- the files of .cache/: a first line that names the code that wrote them, then JSON --------------------------


def head(code: str, digest: str) -> bytes:
    """The first line of a cache file: the format, the code that wrote it, the digest of the rest."""
    return f"microsite-cache {CACHE_FORMAT} {code} {digest}".encode()


def read_checked(path: Path, code: str, as_json: bool = True) -> object | None:
    """The JSON content of the cache file ``path`` (without ``as_json``, its bytes after the first line), or None
    when it is missing, damaged or not this code's."""
    try:
        with os.fdopen(_open_regular(path), "rb") as handle:
            first, _, body = handle.read().partition(b"\n")
        if first != head(code, digest_of(body)):
            return None
        return json.loads(body) if as_json else body
    except (OSError, ValueError, RecursionError):
        return None


def write_checked(path: Path, code: str, parts: Iterable[str | bytes]) -> None:
    """Store the JSON text made of ``parts`` as the cache file ``path``, replacing it at once (OSError when the
    folder cannot be written).

    The parts are written and hashed as they come, never joined (a large
    file would otherwise be held twice). The first line, whose length does
    not depend on the digest, is written last.
    """
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(head(code, digest_of(b"")) + b"\n")  # a place held for the first line, as long as it
            digest = digest_of_chunks(_written(handle, (part.encode() if isinstance(part, str) else part
                                                        for part in parts)))
            handle.seek(0)
            handle.write(head(code, digest))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def _written(handle, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks``, each written to ``handle`` as it passes."""
    for chunk in chunks:
        handle.write(chunk)
        yield chunk


_DECODER = json.JSONDecoder()


def _json_value(data: bytes) -> Any:
    """``json.loads(data)`` for the bytes of one stored value, in fewer steps: a stored value is UTF-8 JSON with
    nothing around it (``as_json``), so its encoding and white space are not looked for (json.loads took four
    times as long for the small values a rebuild reads by the ten thousand). ValueError for anything else."""
    decoded = data.decode("utf-8", "surrogatepass")
    value, end = _DECODER.raw_decode(decoded)
    if end != len(decoded):
        raise ValueError("more than one JSON value")
    return value


def as_json(value: object) -> str:
    """``value`` as compact JSON text, Chinese as it is (half the size of escapes)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# --- reading plain data back, its types checked ------------------------------------------------------------


def all_of(kind: type, values: Iterable[object]) -> bool:
    """Whether each of ``values`` is of type ``kind``, not a subclass (checked at once, at C speed: a value read
    back may hold hundreds, the index tens of thousands)."""
    return set(map(type, values)) <= {kind}


def text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def number(value: object) -> int | None:
    """A whole number or None (a location's line or column may be unknown)."""
    if value is not None and type(value) is not int:
        raise TypeError("not a whole number")
    return value


def count(value: object) -> int:
    """A whole number, not negative."""
    if type(value) is not int or value < 0:
        raise TypeError("not a count")
    return value

