"""Turn raw news feed items into source files and drafts of candidate facts.

A source file is what the site quotes from: YAML front matter with the
item's metadata, then the article text as Markdown blocks (paragraphs,
``## `` subheadings and ``> `` photo captions). Beside it goes a draft of
the item's candidate facts (:mod:`microsite.candidates`).

Two kinds of raw input are read: RSS 2.0 and Atom feeds, one source per
entry (:mod:`microsite.feeds_in`, chosen when the file starts with ``<``),
and e-paper text exports, one item per file (:mod:`microsite.epaper`).

Everything but :func:`ingest_file` and :func:`expand_paths` is pure.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from datetime import date as Date
from pathlib import Path, PurePath
from typing import Literal

import yaml

from .epaper import Block, IngestError, SourceItem, clean_punctuation, count_chars, parse_epaper
from .characters import find_problems, without_invisible
from .conventions import CANDIDATES_SUFFIX, MAX_TEXT_BYTES
from .feeds_in import FeedEntry, FeedError, looks_like_xml, parse_feed
from .patterns import compile_later
from .seal import INGESTED_ID

MAX_RAW_BYTES = 64 << 20  # one raw file: a feed of 1,000 long articles is well under it

# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Output:
    """A file ingest would write: a source or a draft of candidate facts."""

    path: Path
    data: bytes


@dataclass(frozen=True)
class IngestResult:
    """What :func:`ingest_file` did with one file it writes."""

    path: Path
    status: Literal["created", "unchanged", "updated", "kept"]
    note: str = ""  # why, for "kept": where the editor's version differs from what ingest writes


# --------------------------------------------------------------------------
# Items of a raw file


def parse_items(raw: bytes, name: str, *, encoding: str | None = None) -> list[SourceItem]:
    """The items of a raw file: every entry of a feed, or the one e-paper item."""
    if not looks_like_xml(raw):
        return [parse_epaper(raw, name, encoding=encoding)]
    try:
        entries = parse_feed(raw, encoding=encoding)
    except FeedError as exc:
        raise IngestError(name, exc.line, exc.message, exc.hint) from None
    items: dict[str, SourceItem] = {}
    for entry in entries:
        item = from_feed_entry(entry, PurePath(name).name)
        if item.id in items and items[item.id].raw_sha256 != item.raw_sha256:
            raise IngestError(name, entry.line, f"two entries have the id {item.id}",
                              "ingest them from separate files")  # 8 hex digits alike: about 1 in 4 billion
        items.setdefault(item.id, item)  # an entry repeated word for word is one source
    return list(items.values())


def from_feed_entry(entry: FeedEntry, file_name: str) -> SourceItem:
    """A feed entry as a source item: no edition, page, kicker or declared length."""
    blocks = tuple(Block(kind, clean_punctuation(text)) for kind, text in entry.blocks)  # type: ignore[arg-type]
    return SourceItem(
        outlet=entry.outlet, date=entry.date, edition="", page="", kicker="",
        title=clean_punctuation(entry.title), author=entry.author, declared_chars=None,
        counted_chars=count_chars(blocks), raw_sha256=entry.sha256, raw_name=entry.name or file_name,
        blocks=blocks,
    )


# --------------------------------------------------------------------------
# Rendering

# Plain scalars that the YAML 1.2 core schema (the site's loader) types as
# null, bool or number; YAML 1.1 readings are caught by the PyYAML round trip.
_YAML12_TYPED = compile_later(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_YAML_INDICATOR = compile_later(r"""[-?:,\[\]{}#&*!|>'"%@`~]""")


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when every YAML reader keeps it as this text."""
    return _double_quoted(value) if _needs_quotes(value) else value


def _needs_quotes(value: str) -> bool:
    if value == "" or value != value.strip() or _YAML12_TYPED.fullmatch(value) or _YAML_INDICATOR.match(value):
        return True
    if ": " in value or " #" in value or value.endswith(":"):
        return True
    if any(_must_escape(char) for char in value):
        return True
    try:
        return yaml.safe_load(f"v: {value}") != {"v": value}
    except yaml.YAMLError:
        return True


def _must_escape(char: str) -> bool:
    return unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")


def _double_quoted(value: str) -> str:
    parts = []
    for char in value:
        if char in '"\\':
            parts.append("\\" + char)
        elif _must_escape(char):
            parts.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            parts.append(char)
    return '"' + "".join(parts) + '"'


def render_front_matter(item: SourceItem) -> str:
    """The ``---``-fenced YAML front matter, keys in a fixed order.

    A field the item does not have (no kicker, no author, no edition or
    page in a feed entry, no declared length) is left out: the build
    refuses empty values.
    """
    fields = [
        ("outlet", yaml_scalar(item.outlet)),
        ("date", _double_quoted(item.date)),
        ("edition", yaml_scalar(item.edition) if item.edition else None),
        ("page", yaml_scalar(item.page) if item.page else None),
        ("kicker", yaml_scalar(item.kicker) if item.kicker else None),
        ("title", yaml_scalar(item.title)),
        ("author", yaml_scalar(item.author) if item.author else None),
        ("declared_chars", None if item.declared_chars is None else str(item.declared_chars)),
        ("counted_chars", str(item.counted_chars)),
        ("text_sha256", item.text_sha256),
        ("header_sha256", item.header_sha256),
        ("raw_sha256", item.raw_sha256),
        ("raw_name", yaml_scalar(item.raw_name)),
    ]
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields if value is not None) + "---\n"


_BLOCK_PREFIX = {"paragraph": "", "heading": "## ", "caption": "> "}


def render_block(block: Block) -> str:
    """A block as Markdown: a paragraph as is, ``## heading``, ``> caption``."""
    return _BLOCK_PREFIX[block.kind] + block.text


def render_source(item: SourceItem) -> str:
    """The source file's text: front matter, a blank line, blocks one blank line apart."""
    body = "\n\n".join(render_block(block) for block in item.blocks)
    return f"{render_front_matter(item)}\n{body}\n"


# --------------------------------------------------------------------------
# Outputs and writing (the only I/O)

_DIFF_CONTEXT_LINES = 8
_DIFF_LINE_CHARS = 100


def item_outputs(item: SourceItem, sources_dir: Path, name: str = "") -> list[Output]:
    """The source file of ``item`` and its draft of candidate facts.

    The candidates are found in the blocks as the build will read them back
    from the rendered source; a block that would not read back as written
    (a paragraph starting with ``>``, say) is an :class:`IngestError`.
    """
    from .candidates import find_candidates, render_candidates  # it imports yaml_scalar from here
    from .provenance import parse_source_body

    item = readable(item)
    text = render_source(item)
    _refuse_what_the_build_refuses(text, name or item.raw_name, item.title)
    front = render_front_matter(item)
    blocks = parse_source_body(text[len(front) + 1 :], front.count("\n") + 2)
    written, read_back = [(b.kind, b.text) for b in item.blocks], [(b.kind, b.text) for b in blocks]
    if written != read_back:
        first = next((i for i, pair in enumerate(zip(written, read_back)) if pair[0] != pair[1]), len(read_back))
        kind, words = written[min(first, len(written) - 1)]
        raise IngestError(name or item.raw_name, 1, f"the {kind} '{words[:20]}' would not read back as written",
                          "the item's text cannot be stored as a source as it is; edit the raw item")
    draft = render_candidates(find_candidates(item.id, Date.fromisoformat(item.date), blocks))
    target = _target(item, sources_dir)
    return [Output(target, text.encode("utf-8")),
            Output(target.with_name(item.id + CANDIDATES_SUFFIX), draft.encode("utf-8"))]


_CONTROL = compile_later("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def readable(item: SourceItem) -> SourceItem:
    """``item`` without invisible characters (zero-width spaces, bidi controls ...) and control characters.

    A reader never sees them, and the build refuses a source that has them: removed, the text is what a
    reader of the article saw (``15<ZWSP>.6%`` is 15.6%), so candidates are drafted from that.
    """
    def clean(text: str) -> str:
        return _CONTROL.sub("", without_invisible(text))

    fields = {name: clean(getattr(item, name)) for name in ("outlet", "edition", "page", "kicker", "title", "author")}
    blocks = tuple(Block(block.kind, clean(block.text)) for block in item.blocks)
    blocks = tuple(block for block in blocks if block.text.strip())
    return replace(item, **fields, blocks=blocks, counted_chars=count_chars(blocks))


def _refuse_what_the_build_refuses(text: str, name: str, title: str = "") -> None:
    """A source the build would refuse is not written: too large, or a space inside a number."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise IngestError(name, 1, f"the item '{title[:20]}' would make a source of {size:,} bytes, "
                          f"more than the {MAX_TEXT_BYTES:,} a content file may have",
                          "split the article into several raw items, or keep only the part the site quotes")
    problems = find_problems(text)
    if problems:
        problem = problems[0]
        line = text.count("\n", 0, problem.start) + 1
        start = text.rfind("\n", 0, problem.start) + 1
        context = text[max(start, problem.start - 12): problem.start + 12].replace("\n", " ")
        raise IngestError(name, 1, f"{problem.message()} (at '…{context}…', line {line} of the source it would "
                          "write)", f"edit the raw item: {problem.hint}")


def ingest_file(
    path: Path, sources_dir: Path, *, force: bool = False, encoding: str | None = None
) -> list[IngestResult]:
    """Parse the raw file at ``path``; write each item's source and candidates into ``sources_dir``.

    Everything is parsed and compared before anything is written: a file
    that cannot be read, or whose outputs would overwrite a file that
    differs from what ingest writes (hand-edited, or the parser changed),
    raises :class:`IngestError` (naming the file and the first differing
    line) and nothing is written for it, unless ``force``. Files already as
    they would be written are left alone ("unchanged").
    """
    path, sources_dir = Path(path), Path(sources_dir)
    items = parse_items(_read_raw(path), str(path), encoding=encoding)
    results = []
    for item in items:
        same = _ingested_before(_on_disk(_target(item, sources_dir)), item.raw_sha256)
        results += [(output, _status(output, _on_disk(output.path), force, same))
                    for output in item_outputs(item, sources_dir, str(path))]
    sources_dir.mkdir(parents=True, exist_ok=True)
    for output, result in results:
        if result.status in ("created", "updated"):
            _write_atomic(output.path, output.data)
    return [result for _, result in results]


def _on_disk(path: Path) -> bytes | None:
    """The bytes of the file at ``path``, where ingest writes one; None when there is none. Anything but a regular
    file is refused unopened: a folder, a FIFO (reading it would wait forever), a device, or a symbolic link (ingest
    would replace it with a file; and what it leads to, perhaps outside the project, would be shown in a diff)."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise IngestError(path, 1, f"a symbolic link (to {os.readlink(path)}) is where ingest writes this file",
                              "remove the link: ingest writes the file itself, and follows no link")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(path, 1, "a folder, FIFO, socket or device is where ingest writes this file",
                              "move it away: ingest writes the file itself")
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IngestError(path, 1, f"cannot read the file: {exc.strerror}", "check the file's permissions") from None


def _ingested_before(existing: bytes | None, raw_sha256: str) -> bool:
    """Whether the source ``existing`` (its bytes) was ingested from the raw item with this hash (its front matter
    says so)."""
    try:
        text = existing.decode("utf-8-sig") if existing is not None else ""
    except UnicodeDecodeError:
        return False
    front = text.split("\n---", 1)[0]
    return re.search(rf"^raw_sha256: ?[\"']?{raw_sha256}[\"']?[ \t]*$", front, re.MULTILINE) is not None


def _status(output: Output, old: bytes | None, force: bool, same_item: bool) -> IngestResult:
    """What to do with one output: create it, leave it, overwrite it (``force``), or keep the editor's version.

    A file that differs from what ingest writes for the same raw item was edited by hand: it is kept. One that
    differs and is not of the same raw item (its ``raw_sha256`` differs) stops ingest for that file.
    """
    if old is None:
        return IngestResult(output.path, "created")
    if old == output.data:
        return IngestResult(output.path, "unchanged")
    if force:
        return IngestResult(output.path, "updated")
    if not same_item:
        raise _differs_error(output.path, old, output.data)
    line, _ = first_difference(old.decode("utf-8", "replace"), output.data.decode("utf-8"))
    return IngestResult(output.path, "kept", f"your edited version stays: it is of the same raw item, and differs "
                                             f"from what ingest writes from line {line} on; --force would replace it")


def expand_paths(paths: list[Path]) -> list[Path | IngestError]:
    """Files as given; a folder as the files directly in it (sorted, hidden ones skipped).

    A file in a folder that is a symbolic link to a file outside that folder
    is not read: it is listed as the :class:`IngestError` saying so, in its place.
    """
    files: list[Path | IngestError] = []
    for path in paths:
        if path.is_dir():
            inside = [_inside(p, path) for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")]
            files.extend(inside or [IngestError(path, 1, "the folder holds no raw item: no file directly in it",
                                                "give the raw items' files, or the folder they are in")])
        else:
            files.append(path)
    return files


def _inside(path: Path, folder: Path) -> Path | IngestError:
    if path.resolve().is_relative_to(folder.resolve()):
        return path
    return IngestError(path, 1, f"a symbolic link to a file outside {folder}; it was not read",
                       "copy the file into the folder, or name it on the command line if you mean it")


def _read_raw(path: Path) -> bytes:
    """The bytes of the raw item at ``path``: a regular file (a FIFO would wait forever) of at most MAX_RAW_BYTES."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise IngestError(path, 1, "not a regular file (a folder, FIFO, socket or device)",
                                  "give a raw item file")
            raw = file.read(MAX_RAW_BYTES + 1)
    except OSError as exc:
        raise IngestError(path, 1, f"cannot read the raw item: {exc.strerror}", "check the path") from None
    if len(raw) > MAX_RAW_BYTES:
        raise IngestError(path, 1, f"the file is larger than the {MAX_RAW_BYTES:,} bytes ingest reads from one file",
                          "split it into several files (a feed into files of fewer entries)")
    return raw


def _target(item: SourceItem, sources_dir: Path) -> Path:
    if not INGESTED_ID.match(item.id):  # pragma: no cover - the parsers guarantee the form
        raise ValueError(f"unsafe source id {item.id!r}")
    target = sources_dir / f"{item.id}.md"
    if target.parent != sources_dir:  # pragma: no cover - defence in depth
        raise ValueError(f"{target} is outside {sources_dir}")
    return target


def first_difference(old: str, new: str) -> tuple[int, str]:
    """``(1-based line, unified-diff excerpt)`` of the first difference of two texts."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    line = next(
        (n for n, (a, b) in enumerate(zip(old_lines, new_lines), 1) if a != b),
        min(len(old_lines), len(new_lines)) + 1,
    )
    diff = difflib.unified_diff(old_lines, new_lines, "on disk", "from the raw item", n=1, lineterm="")
    excerpt = [_shorten(text) for text in list(diff)[:_DIFF_CONTEXT_LINES]]
    return line, "\n".join("    " + text for text in excerpt)


def _shorten(text: str) -> str:
    return text if len(text) <= _DIFF_LINE_CHARS else text[: _DIFF_LINE_CHARS - 1] + "…"


def _differs_error(target: Path, old: bytes, new: bytes) -> IngestError:
    line, excerpt = first_difference(old.decode("utf-8", "replace"), new.decode("utf-8"))
    message = f"{target.name} differs from what ingest writes for the raw item (first at line {line}):\n{excerpt}"
    return IngestError(target, line, message, "it is not from this raw item (its raw_sha256 differs): move it away, "
                                              "or pass --force to overwrite it")


def _write_atomic(target: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and ``os.replace``."""
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
