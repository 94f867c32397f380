"""Stage 1, load: read the content folder into raw documents.

Everything that touches the disk for input happens here. Files are read as
UTF-8 text, YAML is parsed (see ``yamlfile``) and Markdown files are split
into front matter and body; nothing is interpreted yet. Every file that
cannot be read or parsed becomes a located :class:`ContentError`, and all
of them are reported together.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assets import StaticFile
from .errors import ContentError, ContentErrors, ErrorList, Location
from .translations import fingerprint
from .yamlfile import parse_yaml

DATA_FILES = ("statistics", "timeline", "glossary", "strings")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Project:
    """Where a site's inputs live: ``content/``, ``templates/`` and ``static/``."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"


@dataclass(frozen=True)
class Document:
    """A Markdown file: its parsed front matter and its body text.

    ``body_line`` is the 1-based file line on which the body starts, so
    locations found in the body can be reported as file lines.
    """

    path: Path
    front: Any
    body: str
    body_line: int
    fingerprint: str = ""  # of the whole file, to tell whether its translations are out of date


@dataclass(frozen=True)
class DataFile:
    """A YAML data file and its parsed value."""

    path: Path
    value: Any
    fingerprint: str = ""


@dataclass(frozen=True)
class RawContent:
    """All inputs of one build, read and parsed but not yet interpreted."""

    project: Project
    site: DataFile | None
    pages: tuple[Document, ...]
    data: dict[str, DataFile] = field(default_factory=dict)
    sources: tuple[Document, ...] = ()
    static_files: tuple[StaticFile, ...] = ()
    errors: tuple[ContentError, ...] = ()
    unreadable: frozenset[Path] = frozenset()

    def fingerprint(self) -> str:
        """A digest of everything read: if it is unchanged, so is every input of the build."""
        digest = hashlib.blake2b(digest_size=16)
        parts = [(d.path, d.fingerprint) for d in (self.site, *self.data.values()) if d is not None]
        parts += [(d.path, d.fingerprint) for d in (*self.pages, *self.sources)]
        for path, value in sorted(parts):
            digest.update(f"{path}\0{value}\0".encode())
        for static in self.static_files:
            digest.update(static.name.encode() + b"\0" + static.content + b"\0")
        for error in self.errors:  # a file that could not be read still counts
            digest.update(error.format().encode())
        return digest.hexdigest()


def load(project: Project) -> RawContent:
    """Read every input file.

    A file that cannot be read or parsed is left out and its mistakes are
    carried in ``errors`` (its path in ``unreadable``), so validation can go
    on and report the other files' mistakes in the same run.
    """
    errors = ErrorList()
    content = project.content
    if not content.is_dir():
        raise ContentErrors([ContentError(Location(content), "no content folder here",
                                          "run the command in the project folder, or create content/")])
    site = _load_data(content / "site.yaml", errors, required=True)
    data = {}
    for name in DATA_FILES:
        loaded = _load_data(content / "data" / f"{name}.yaml", errors, required=False)
        if loaded is not None:
            data[name] = loaded
    pages = _load_documents(content / "pages", errors)
    sources = _load_documents(content / "sources", errors)
    unreadable = frozenset(error.location.path for error in errors.errors)
    return RawContent(project, site, pages, data, sources, _static_files(project.static),
                      tuple(errors.errors), unreadable)


def load_data_file(path: Path, errors: ErrorList) -> DataFile | None:
    """One required YAML file, read and parsed (mistakes go to ``errors``)."""
    return _load_data(path, errors, required=True)


def _load_data(path: Path, errors: ErrorList, required: bool) -> DataFile | None:
    if not path.is_file():
        if required:
            errors.add(Location(path), "file is missing", f"create {path.name}; see the README's editor's guide")
        return None
    text = _read_text(path, errors)
    if text is None:
        return None
    try:
        return DataFile(path, parse_yaml(text, path), fingerprint(text))
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return None


def _load_documents(folder: Path, errors: ErrorList) -> tuple[Document, ...]:
    if not folder.is_dir():
        return ()
    documents = []
    for path in sorted(folder.rglob("*.md")):
        if not path.is_file():
            continue
        text = _read_text(path, errors)
        if text is None:
            continue
        try:
            documents.append(parse_document(text, path))
        except ContentErrors as exc:
            errors.extend(exc.errors)
    return tuple(documents)


def _read_text(path: Path, errors: ErrorList) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.add(Location(path), f"cannot read the file: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(Location(path, line), "the file is not UTF-8 text",
                   "save it as UTF-8 (editors call it 'UTF-8' or 'Unicode'); GBK and GB18030 are not accepted")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.add(Location(path, line), "the file contains a NUL byte", "it is probably not a text file; remove it")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(text: str, path: Path) -> Document:
    """Split a Markdown file into YAML front matter and body (pure: no I/O)."""
    if not text.startswith("---"):
        raise ContentErrors([ContentError(
            Location(path, 1, 1), "the file does not start with front matter",
            "begin the file with a line '---', the page's title: and description:, and another '---'",
        )])
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        raise ContentErrors([ContentError(Location(path, 1, 1), "the first line must be exactly '---'")])
    end = _FRONT_MATTER_END.search(text, first_newline + 1)
    if end is None:
        raise ContentErrors([ContentError(
            Location(path, 1, 1), "the front matter is not closed",
            "add a line '---' after the last front matter line (did you forget it?)",
        )])
    front_text = text[first_newline + 1 : end.start()]
    front = parse_yaml(front_text, path, first_line=2)
    body_start = end.end() + 1
    body_line = text[:body_start].count("\n") + 1
    return Document(path, front, text[body_start:], body_line, fingerprint(text))


def _static_files(static: Path) -> tuple[StaticFile, ...]:
    if not static.is_dir():
        return ()
    paths = sorted(p for p in static.rglob("*") if p.is_file())
    return tuple(StaticFile(p.relative_to(static).as_posix(), p.read_bytes()) for p in paths)
