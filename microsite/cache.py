"""What a build may reuse from earlier builds, kept in ``.cache/`` (ignored by git, safe to delete).

Three things, all keyed by content, never by time stamps:

* compiled Markdown, by the text's digest: compiling is a pure function of
  the text and of microsite's own code, so a hit is exactly what compiling
  again would give;
* what each output file was made from (a digest of its inputs) and the
  digest of what it was, so an unchanged page need not be rendered again;
* the fingerprint of the last successful build's inputs (every content,
  template and static file, the build options and microsite's code) with
  the digest of what it wrote: when neither the inputs nor the output folder
  changed, there is nothing to do.

The files are JSON, plain data read back field by field with its types
checked: reading the cache never runs code (no pickle, no compiled
templates). Each file's first line names microsite's code fingerprint and
the digest of the rest; a file that is damaged, truncated, of another
shape or written by other code is ignored, which only makes the build
slower. (A digest proves no authorship: whoever can write ``.cache/`` can
also edit ``content/``; what the cache cannot be made to do is run code.)
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .compiled import Compiled, Compiler, LinkSpec, TextRun
from .errors import ContentError, Location
from .memo import Memo, digest_of, digest_of_chunks
from .write import Written, manifest_digest

CACHE_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """A digest of microsite's own source: a cache made by other code is not reused."""
    return digest_of([(path.name, path.read_bytes()) for path in sorted(_PACKAGE.glob("*.py"))])


@dataclass
class LastBuild:
    """The previous successful build: its inputs' fingerprint, its output's manifest digest, what it reported."""

    inputs: str = ""
    output: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    warnings: tuple[ContentError, ...] = ()


class BuildCache:
    """What earlier builds left in ``folder`` (or only in memory, with ``save=False``).

    The small part (the last build, and what each output was made from) is
    read at once; compiled Markdown, the large part, only when a build needs it.
    """

    def __init__(self, folder: Path | None, save: bool = True) -> None:
        self.folder = folder
        self.persist = save and folder is not None
        self.code = code_fingerprint()
        self.last, self.outputs = _decoded(_state_from_json, self._read("state.json"), (LastBuild(), {}))
        self._compiler: Compiler | None = None
        self.documents: dict = {}  # Markdown files read, by path and bytes; kept in memory only
        self.memo = Memo()  # per-text checks (links resolved, glossary); kept in memory only
        self.environments: dict = {}  # compiled templates, by the templates' bytes (see Renderer); in memory only

    @property
    def compiler(self) -> Compiler:
        if self._compiler is None:
            known = _decoded(_compiled_from_json, self._read("compiled.json"), {})
            self._compiler = Compiler(known)
        return self._compiler

    def _read(self, name: str) -> object:
        """The content stored in ``name``, or None when it is missing, damaged or not this code's."""
        if self.folder is None:
            return None
        try:
            head, _, body = (self.folder / name).read_bytes().partition(b"\n")
            if head != self._head(body):
                return None
            return json.loads(body)
        except (OSError, ValueError):
            return None

    def _head(self, body: bytes) -> bytes:
        """The first line of a cache file: what wrote it, and the digest of the rest."""
        return self._head_for_digest(digest_of(body))

    def _head_for_digest(self, digest: str) -> bytes:
        return f"microsite-cache {CACHE_FORMAT} {self.code} {digest}".encode()

    def same_inputs(self, fingerprint: str) -> bool:
        """Whether the last build's inputs had ``fingerprint`` (then it may be up to date: see :meth:`up_to_date`)."""
        return self.last.inputs == fingerprint

    def up_to_date(self, fingerprint: str, live: dict[str, tuple[str, int]] | None) -> LastBuild | None:
        """The last build, if its inputs had ``fingerprint`` and the output folder still holds ``live``, what it
        wrote: then there is nothing to do."""
        if self.last.inputs == fingerprint and self.last.output == manifest_digest(live):
            return self.last
        return None

    def validated(self) -> None:
        """The site is validated: keep what this build used, and no more (so the cache does not grow forever)."""
        self.memo.prune()
        self.store_compiled()

    def store_compiled(self) -> None:
        """Keep the texts compiled for this build, and only those.

        Saved as soon as the site is validated; a command-line build then lets go
        of it, of the memo and of the files read, which keeps its peak memory
        down while pages are rendered. The preview keeps them all.
        """
        compiler = self.compiler
        compiler.known = {key: value for key, value in compiler.known.items() if key in compiler.used}
        compiler.used = set()
        if self.persist:
            self._write("compiled.json", _json_object((key, _compiled_to_json(value))
                                                      for key, value in compiler.known.items()))
            self._compiler = None
            self.memo, self.documents = Memo(), {}  # what they remember serves only a long-running process

    def finished(self, fingerprint: str, written: Written, pages: dict[str, int],
                 warnings: tuple[ContentError, ...], stale: bool) -> None:
        """Remember a build that wrote ``written``; one whose inputs changed while it read them (``stale``) is
        remembered as no build at all, so that the next one sees the change even if it was undone."""
        if stale:
            self.save(LastBuild(), {})
        else:
            self.save(LastBuild(fingerprint, written.digest, pages, warnings), written.made)

    def save(self, last: LastBuild, outputs: dict[str, tuple[str, int]]) -> None:
        """Remember the last successful build and what each of its outputs was made from."""
        self.last, self.outputs = last, outputs
        if self.persist:
            self._write("state.json", [_json(_state_to_json(last, outputs))])

    def _write(self, name: str, parts: Iterable[str]) -> None:
        """Store the JSON text made of ``parts`` as ``name``, replacing it at once.

        The parts are written and hashed as they come, never joined: compiled
        Markdown is tens of megabytes at 10,000 pages, and a copy of it in
        memory would be the build's peak. The first line, whose length does not
        depend on the digest, is written last. Chinese is written as it is (half
        the size of escapes).
        """
        temporary = self.folder / f"{name}.{os.getpid()}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(self._head(b"") + b"\n")  # a place held for the head, as long as the real one
                digest = digest_of_chunks(_written(handle, (part.encode() for part in parts)))
                handle.seek(0)
                handle.write(self._head_for_digest(digest))
            os.replace(temporary, self.folder / name)
        except OSError:  # a read-only project builds fine, only without a cache
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _written(handle, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks``, each written to ``handle`` as it passes."""
    for chunk in chunks:
        handle.write(chunk)
        yield chunk


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _json_object(items: Iterable[tuple[str, object]]) -> Iterator[str]:
    """A JSON object of many members as text, a member at a time."""
    yield "{"
    for number, (key, value) in enumerate(items):
        yield f"{',' if number else ''}{_json(key)}:{_json(value)}"
    yield "}"


def _decoded(decode, content: object, default):
    """``decode(content)``, or ``default`` when there is none or it is not what this code writes."""
    if content is None:
        return default
    try:
        return decode(content)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return default


# --- to and from plain data ------------------------------------------------------------------------------


def _state_to_json(last: LastBuild, outputs: dict[str, tuple[str, int]]) -> dict:
    warnings = [[str(w.location.path), w.location.line, w.location.column, w.message, w.hint] for w in last.warnings]
    return {"inputs": last.inputs, "output": last.output, "pages": last.pages, "warnings": warnings,
            "outputs": outputs}


def _state_from_json(data: dict) -> tuple[LastBuild, dict[str, tuple[str, int]]]:
    warnings = tuple(ContentError(Location(Path(_text(path)), _number(line), _number(column)), _text(message),
                                  _text(hint)) for path, line, column, message, hint in data["warnings"])
    pages = {_text(code): _number(count) for code, count in data["pages"].items()}
    outputs = {_text(key): (_text(digest), _number(size)) for key, (digest, size) in data["outputs"].items()}
    return LastBuild(_text(data["inputs"]), _text(data["output"]), pages, warnings), outputs


def _compiled_to_json(compiled: Compiled) -> list:
    return [compiled.html,
            [[link.href, link.title, link.text, link.is_image, link.line, link.column] for link in compiled.links],
            [[run.text, run.link, [list(place) for place in run.places]] for run in compiled.digits],
            sorted(compiled.heading_ids),
            [list(pair) for pair in compiled.duplicate_ids]]


def _compiled_from_json(data: dict) -> dict[str, Compiled]:
    return {_text(key): _compiled(*value) for key, value in data.items()}


def _compiled(html, links, digits, heading_ids, duplicate_ids) -> Compiled:
    return Compiled(
        _text(html),
        tuple(LinkSpec(_text(href), _text(title), _text(text), _flag(image), _number(line), _number(column))
              for href, title, text, image, line, column in links),
        tuple(TextRun(_text(text), _number(link), tuple((_number(o), _number(l), _number(c)) for o, l, c in places))
              for text, link, places in digits),
        frozenset(_text(ident) for ident in heading_ids),
        tuple((_number(line), _text(ident)) for line, ident in duplicate_ids))


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _number(value: object) -> int | None:
    if value is not None and type(value) is not int:
        raise TypeError("not a whole number")
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise TypeError("not true or false")
    return value
