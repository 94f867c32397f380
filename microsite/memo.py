"""Results of pure functions, remembered between the builds of one long-running process, and some between processes.

The live preview rebuilds the whole site on every save; most of the checks
it runs give the same answer as last time, for the same inputs. A
:class:`Memo` remembers an answer under a key that names *all* the inputs
of the computation (the texts themselves, or digests of them), so a hit is
exactly what computing again would give. Nothing here is ever stale by
design: a changed input is a different key. Answers of a kind with a
:class:`Form` (a text's links resolved) are also kept in the cache's store,
by the digest of their key, for the next process (see ``cache``).
"""

from __future__ import annotations

import functools
import hashlib
import operator
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import PurePath
from typing import Any

from .cores import map_forked


@dataclass(frozen=True)
class Form:
    """How results of one kind are kept on disk between processes: as plain JSON (``to_json(result, item)``) and
    read back, checked (``from_json(data, item)``, which raises on any other shape); ``item`` is what the result
    was made from."""

    to_json: Callable[[Any, Any], object]
    from_json: Callable[[Any, Any], Any]


class Memo:
    """A dictionary of results by key; only what the last build asked for is kept (``prune``).

    Each result is kept in a cell with the number of the last build that asked
    for it, so that asking costs one look-up of the key, and forgetting what a
    build did not ask for costs no look-up at all (keys are large tuples: each
    look-up hashes one).

    ``recall(key, decode)``, when given, reads a result an earlier process kept
    (see ``cache``): results asked for with a :class:`Form` are looked for there,
    by the digest of their key, before they are computed, and :meth:`kept`
    says which to keep for the next process.

    ``one_build``: the memo serves a single build (a command-line build's
    process ends with it). What :meth:`of` would remember by the objects'
    identities is then made and not kept: no build asks for it twice, and
    keeping it cost a command-line build 60 ms at 10,000 pages.
    """

    def __init__(self, recall: Callable[[str, Callable[[Any], Any]], Any] | None = None,
                 one_build: bool = False) -> None:
        self.known: dict[Hashable, list] = {}  # key -> [result, the last build that asked, (digest, form, item)]
        self.build = 0
        self.whole = 0  # the last build that checked the whole site (see prune)
        self.recall = recall
        self.one_build = one_build

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The result remembered under ``key``, or ``make()``'s, remembered."""
        cell = self.known.get(key)
        if cell is None:
            cell = self.known[key] = [make(), self.build, None]
        else:
            cell[1] = self.build
        return cell[0]

    def get_all(self, keys: list[Hashable], make: Callable[[Any], Any], items: list[Any],
                form: Form | None = None) -> list[Any]:
        """``[self.get(key, lambda: make(item)) for key, item in zip(keys, items)]``, the answers not remembered
        made on all cores (see ``cores``): ``make`` must be pure, as every remembered computation is. With a
        ``form``, an answer not in memory is first looked for among those an earlier process kept."""
        cells = [self.known.get(key) for key in keys]
        missing = [index for index, cell in enumerate(cells) if cell is None]
        kept = {index: (digest_of(keys[index]), form, items[index]) for index in missing} if form else {}
        for index, keep in kept.items():
            value = self.recall(keep[0], lambda data, item=keep[2]: form.from_json(data, item)) if self.recall else None
            if value is not None:  # kept by an earlier process
                cells[index] = self.known[keys[index]] = [value, self.build, keep]
        missing = [index for index in missing if cells[index] is None]
        for index, value in zip(missing, map_forked(lambda index: make(items[index]), missing)):
            cells[index] = self.known[keys[index]] = [value, self.build, kept.get(index)]
        for cell in cells:
            cell[1] = self.build
        return [cell[0] for cell in cells]

    def get_kept(self, key: Hashable, make: Callable[[Any], Any], item: Any, form: Form) -> Any:
        """The result remembered under ``key``, or kept by an earlier process, or ``make(item)``'s (one result of
        :meth:`get_all`: a whole check remembered by all it reads, for the next process too)."""
        return self.get_all([key], make, [item], form)[0]

    def peek(self, key: Hashable) -> Any:
        """The result remembered under ``key``, or None; not counted as asked for (it is not kept for that)."""
        cell = self.known.get(key)
        return None if cell is None else cell[0]

    def last(self, name: str, value: object) -> Any:
        """What the last build that gave a value under ``name`` gave (None if none did); ``value`` is kept in its
        place. For results remembered under a key made from that value: they are still found with :meth:`peek`,
        and may be carried over to this build's key for what did not change (see ``validate``)."""
        cell = self.known.get(("last", name))
        self.known[("last", name)] = [value, self.build, None]
        return None if cell is None else cell[0]

    def of(self, name: str, objects: tuple, make: Callable[[], Any]) -> Any:
        """The result ``make()`` gave for these very ``objects`` (by identity: a look-up that costs nothing
        however large they are), or ``make()``'s, remembered.

        For results that depend on nothing but ``name`` and ``objects``, which
        must not change (frozen values): the preview keeps most objects from one
        build to the next (a page as read), and what was made from them need not
        be made again. The cell holds the objects, so no other object can take
        their identities while it is remembered.
        """
        if self.one_build:
            return make()
        return self._made_from((name, *map(id, objects)), objects, lambda kept: all(map(operator.is_, kept, objects)),
                               make)

    def digest(self, name: str, value: object) -> str:
        """``digest_of(value)``, not computed again while ``value`` encodes as the last one given under ``name``.

        For a large value each build makes anew, but mostly of objects the last
        build kept (the link targets of 10,000 pages): finding that it is the
        same (:func:`same_encoding`) costs a fraction of encoding it.
        """
        return self._made_from(("digest", name), value, lambda kept: same_encoding(kept, value),
                               lambda: digest_of(value))

    def _made_from(self, key: Hashable, source: object, same: Callable[[Any], bool], make: Callable[[], Any]) -> Any:
        """The result kept under ``key`` if the ``source`` it was made from is ``same`` as this one, else
        ``make()``'s, kept with ``source`` (a cell of :meth:`of` and :meth:`digest`)."""
        cell = self.known.get(key)
        if cell is not None and same(cell[0][0]):
            cell[1] = self.build
            return cell[0][1]
        result = make()
        self.known[key] = [(source, result), self.build, None]
        return result

    def kept(self) -> Iterator[tuple[str, Callable[[], object]]]:
        """Each result remembered with a form, by the digest of its key, with how to make its JSON form."""
        for value, _, keep in self.known.values():
            if keep is not None:
                stored, form, item = keep
                yield stored, functools.partial(form.to_json, value, item)

    def prune(self, partial: bool = False) -> None:
        """Forget what the build just finished did not ask for (so memory does not grow with every edit).

        A ``partial`` build checked only some pages (see ``known``): what it did
        not ask for may serve the others, and is kept if the last whole build
        asked for it; what only the partial builds since asked for is forgotten
        (an edited page's earlier versions, what records checked again made).
        """
        if partial:
            stale = [key for key, cell in self.known.items() if self.whole < cell[1] < self.build]
        else:
            stale = [key for key, cell in self.known.items() if cell[1] != self.build]
            self.whole = self.build
        for key in stale:
            del self.known[key]
        self.build += 1


def digest_of(value: object) -> str:
    """The one digest of the build: equal values give equal digests, in any process.

    Every key of a cache is made with it. The value is encoded canonically
    (each part tagged with its type and length-prefixed, so parts cannot run
    together; sets in a fixed order, never in hash order, which changes from
    one process to the next), then hashed with BLAKE2b. Bytes and text are
    hashed as they are, at C speed. A frozen type may stand for its value by
    ``content_digest``, a cached property that must be a digest of all its
    fields (:func:`digest_of_fields`): a value kept between builds is then
    hashed once.
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


def same_encoding(a: object, b: object) -> bool:
    """Whether ``a`` and ``b`` certainly have one digest (see :func:`digest_of`), found without encoding them.

    The very same object is the same at once; containers and dataclasses of
    one type are the same when their parts are, in order; a value with a
    ``content_digest`` by it. False also stands for "not known" (a set of
    numbers, say): the caller then digests, so a False is never wrong, only slower.
    """
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is str or kind is int or kind is bool or kind is bytes or kind is type(None):
        return a == b
    if kind is float:
        return repr(a) == repr(b)  # as encoded: 0.0 and -0.0 are equal but digest apart; nan is unequal to itself
    if kind is tuple or kind is list:
        return len(a) == len(b) and all(map(same_encoding, a, b))
    if kind is dict:
        return (len(a) == len(b) and all(map(same_encoding, a.keys(), b.keys()))
                and all(map(same_encoding, a.values(), b.values())))
    if kind is frozenset or kind is set:
        return a == b and all(type(item) is str for item in (*a, *b))  # sorted: equal sets of text, one order
    shape = _shape(kind)
    if shape == "digest":
        return a.content_digest == b.content_digest
    if shape == "fields":
        return all(same_encoding(getattr(a, name), getattr(b, name)) for name in _field_names(kind))
    if issubclass(kind, (str, date)) and not issubclass(kind, datetime):
        return a == b  # encoded as the type's name and str(value): one type, equal values, one text
    if issubclass(kind, PurePath):
        return str(a) == str(b)  # encoded so too (equal Windows paths may differ in case: compare the text)
    return False


def exact_key(value: object) -> tuple | None:
    """A dictionary key for ``value`` that is equal only for values of one digest (see :func:`digest_of`), or
    None where there is no cheap one: text is itself (with its type), a value with a ``content_digest`` is
    that digest (with its type). Not the value itself: ``1 == True == 1.0``, but they digest apart."""
    kind = type(value)
    if kind is str:
        return (str, value)
    if _shape(kind) == "digest":
        return (kind, value.content_digest)
    return None


def digest_of_fields(value: object) -> str:
    """``digest_of`` a dataclass's fields: what its ``content_digest`` gives (see :func:`digest_of`)."""
    return digest_of(tuple(getattr(value, name) for name in _field_names(type(value))))


def digest_of_chunks(chunks: Iterable[bytes]) -> str:
    """``digest_of`` the bytes ``chunks`` make together, never joined."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(b"b")  # as digest_of(bytes)
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _encode(value: object, out: list[bytes]) -> None:
    """Append ``value``'s canonical encoding to ``out`` (see :func:`digest_of`)."""
    _encoder(type(value))(value, out)


def _encode_text(value: str, out: list[bytes]) -> None:
    data = value.encode("utf-8", "surrogatepass")
    out.append(b"s%d:" % len(data))
    out.append(data)


def _encode_sequence(value: tuple | list, out: list[bytes]) -> None:
    out.append(b"t%d:" % len(value))
    _encode_items(value, out)


def _encode_items(items: Iterable[Any], out: list[bytes]) -> None:
    for item in items:
        if type(item) is str:  # as _encode_text, inline: most items are text
            data = item.encode("utf-8", "surrogatepass")
            out.append(b"s%d:" % len(data))
            out.append(data)
        else:
            _encoder(type(item))(item, out)


def _encode_mapping(value: dict, out: list[bytes]) -> None:
    out.append(b"d%d:" % len(value))
    for key, item in value.items():  # in their order: a template may show a mapping in its order
        _encode(key, out)
        _encode(item, out)


def _encode_scalar(value: None | bool | int | float, out: list[bytes]) -> None:
    data = repr(value).encode()
    out.append(b"n%d:" % len(data))
    out.append(data)


def _encode_bytes(value: bytes, out: list[bytes]) -> None:
    out.append(b"b%d:" % len(value))
    out.append(value)


_PLAIN = {str: _encode_text, tuple: _encode_sequence, list: _encode_sequence, dict: _encode_mapping,
          type(None): _encode_scalar, bool: _encode_scalar, int: _encode_scalar, float: _encode_scalar,
          bytes: _encode_bytes}


@functools.cache
def _encoder(kind: type) -> Callable[[Any, list[bytes]], None]:
    """How to encode a value of type ``kind``: found once per type (a build digests millions of values)."""
    shape = _shape(kind)
    if shape == "plain":
        return _PLAIN[kind]
    name = _type_name(kind)
    if shape == "digest":
        def encode_by_digest(value: object, out: list[bytes]) -> None:
            out.append(name)
            _encode_text(value.content_digest, out)  # a large value's own digest, computed once per object
        return encode_by_digest
    if shape == "fields":
        names = _field_names(kind)
        head = b"t%d:" % len(names)

        def encode_fields(value: object, out: list[bytes]) -> None:
            out.append(name)
            out.append(head)
            _encode_items([getattr(value, field_name) for field_name in names], out)
        return encode_fields

    def encode_other(value: object, out: list[bytes]) -> None:
        out.append(name)
        _encode_other(value, out)
    return encode_other


def _encode_other(value: object, out: list[bytes]) -> None:
    """Sets, paths, dates, subclasses of the plain types and objects that are plain data (after their type's name)."""
    if isinstance(value, (set, frozenset)) and all(type(item) is str for item in value):
        _encode_sequence(sorted(value), out)  # text in its own order: equal sets, equal order, in any process
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
        raise TypeError(f"digest_of: cannot digest a {type(value).__qualname__} (not plain data)")


@functools.cache
def _shape(kind: type) -> str:
    """How a value of type ``kind`` is encoded: "plain", by its "digest", by its "fields", or as "other"."""
    if kind in _PLAIN:
        return "plain"
    if isinstance(getattr(kind, "content_digest", None), functools.cached_property):
        return "digest"
    return "fields" if is_dataclass(kind) else "other"


@functools.cache
def _type_name(kind: type) -> bytes:
    name = f"{kind.__module__}.{kind.__qualname__}".encode()
    return b"o%d:%s" % (len(name), name)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))
