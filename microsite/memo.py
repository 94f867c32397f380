"""Results of pure functions, remembered between the builds of one long-running process.

The live preview rebuilds the whole site on every save; most of the checks
it runs give the same answer as last time, for the same inputs. A
:class:`Memo` remembers an answer under a key that names *all* the inputs
of the computation (the texts themselves, or digests of them), so a hit is
exactly what computing again would give. Nothing here is ever stale by
design: a changed input is a different key.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import fields, is_dataclass
from datetime import date, time
from enum import Enum
from pathlib import PurePath
from collections.abc import Callable, Hashable
from typing import Any, BinaryIO


class Memo:
    """A dictionary of results by key; only what the last build asked for is kept (``prune``)."""

    def __init__(self) -> None:
        self.known: dict[Hashable, Any] = {}
        self.used: set[Hashable] = set()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The result remembered under ``key``, or ``make()``'s, remembered."""
        self.used.add(key)
        try:
            return self.known[key]
        except KeyError:
            value = self.known[key] = make()
            return value

    def prune(self) -> None:
        """Forget what the build just finished did not use (so memory does not grow with every edit)."""
        self.known = {key: value for key, value in self.known.items() if key in self.used}
        self.used = set()


def digest_of(value: object) -> str:
    """The one digest of the build: equal values give equal digests, in any process.

    Every key of a cache is made with it. The value is encoded canonically
    (each part tagged with its type and length-prefixed, so parts cannot run
    together; sets in a fixed order, never in hash order, which changes from
    one process to the next), then hashed with BLAKE2b. Bytes and text are
    hashed as they are, at C speed.
    """
    digest = hashlib.blake2b(digest_size=16)
    if type(value) is bytes:
        digest.update(b"b")
        digest.update(value)
    elif type(value) is str:
        digest.update(b"s")
        digest.update(value.encode("utf-8", "surrogatepass"))
    else:
        chunks: list[bytes] = []
        _encode(value, chunks)
        digest.update(b"".join(chunks))
    return digest.hexdigest()


def digest_of_file(handle: BinaryIO) -> str:
    """``digest_of`` the bytes ``handle`` reads, read a megabyte at a time (a huge file is not held)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(b"b")  # as digest_of(bytes)
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _encode(value: object, out: list[bytes]) -> None:
    """Append ``value``'s canonical encoding to ``out`` (see :func:`digest_of`)."""
    kind = type(value)
    if kind is str:
        data = value.encode("utf-8", "surrogatepass")
        out.append(b"s%d:" % len(data))
        out.append(data)
    elif kind is tuple or kind is list:
        out.append(b"t%d:" % len(value))
        for item in value:
            _encode(item, out)
    elif kind is dict:
        out.append(b"d%d:" % len(value))
        for key, item in value.items():  # in their order: a template may show a mapping in its order
            _encode(key, out)
            _encode(item, out)
    elif value is None or kind is bool or kind is int or kind is float:
        data = repr(value).encode()
        out.append(b"n%d:" % len(data))
        out.append(data)
    elif kind is bytes:
        out.append(b"b%d:" % len(value))
        out.append(value)
    else:
        _encode_other(value, out)


def _encode_other(value: object, out: list[bytes]) -> None:
    """Sets, paths, dates, dataclasses, subclasses of the plain types and objects that are plain data."""
    kind = type(value)
    out.append(_type_name(kind))
    if is_dataclass(value):
        out.append(b"t%d:" % len(_field_names(kind)))
        for name in _field_names(kind):
            _encode(getattr(value, name), out)
    elif isinstance(value, (set, frozenset)):
        members = []
        for item in value:
            encoded: list[bytes] = []
            _encode(item, encoded)
            members.append(b"".join(encoded))
        _encode(sorted(members), out)
    elif isinstance(value, (PurePath, date, time, Enum, str, int, float)):
        _encode(str(value), out)
    elif isinstance(value, bytes):
        _encode(bytes(value), out)
    elif isinstance(value, (tuple, list)):
        _encode(tuple(value), out)
    elif isinstance(value, dict):
        _encode(dict(value), out)
    elif isinstance(value, BaseException):
        _encode((value.args, vars(value)), out)
    else:
        raise TypeError(f"digest_of: cannot digest a {kind.__qualname__} (not plain data)")


@functools.cache
def _type_name(kind: type) -> bytes:
    name = f"{kind.__module__}.{kind.__qualname__}".encode()
    return b"o%d:%s" % (len(name), name)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))
