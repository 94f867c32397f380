"""Stage 1, load: read the content folder into raw documents.

Everything that touches the disk for input happens here. Files are read as
UTF-8 text, YAML is parsed (see ``yamlfile``) and Markdown files are split
into front matter and body; nothing is interpreted yet. Every file that
cannot be read or parsed becomes a located :class:`ContentError`, and all
of them are reported together.

Nothing outside the project folder is read, and nothing is read without
bounds: folders are walked without following symbolic links to folders (so
a link loop ends nothing); a link to a file is followed only when the file
is inside the project; a link leading outside, to a folder or nowhere, a
FIFO or device, and a content file over 1 MB are each reported, unopened.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assets import StaticFile
from .conventions import (CANDIDATES_SUFFIX, MAX_TEXT_BYTES, RECORD_KINDS, device_reserved, is_leftover,
                          is_private_file, windows_device)
from .cores import map_forked
from .errors import ContentError, ContentErrors, ErrorList, Location, not_utf8
from .inputs import Inputs
from .kept import Kept, text_key
from .memo import digest_of
from .patterns import compile_later
from .translations import LEDGER, fingerprint, words_fingerprint
from .characters import Problem, find_problems
from .yamlfile import UNPRINTABLE, one_line, parse_yaml, place_in, unprintable_error

DATA_FILES = (*(kind.file for kind in RECORD_KINDS), "strings", "conversions", LEDGER)
# What Windows refuses in a name (and the names it keeps for devices: ``conventions.windows_device``).
_WINDOWS_REFUSED = compile_later(r'[\\:*?"<>|\x00-\x1f]|[. ]\Z')
# Anything that may make a path unportable (a superset, so that most paths are cleared by one search):
_MAYBE_UNPORTABLE = compile_later(r'(?:\A|/)(?:con|prn|aux|nul|com|lpt)|[\\:*?"<>|\x00-\x1f]|[. ](?:/|\Z)',
                               re.IGNORECASE)
_FRONT_MATTER_END = compile_later(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


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


class Body(Kept):
    """A Markdown file's body, named by its text's key (the key its compiled form has too): a command-line build
    reads it back from the cache only where it is needed, which, once it is compiled, is rarely (see ``kept``)."""


@dataclass(frozen=True)
class Document:
    """A Markdown file: its parsed front matter and its body (``markdown``; its text is ``body``).

    ``body_line`` is the 1-based file line on which the body starts, so
    locations found in the body can be reported as file lines.
    """

    path: Path
    front: Any
    markdown: Body  # given as text, it is made a Body that holds it
    body_line: int
    fingerprint: str = ""  # of the whole file's text, to tell whether it changed at all
    words: str = ""  # of its text without white space: translations are out of date only when the words change

    def __post_init__(self) -> None:
        if type(self.markdown) is str:
            object.__setattr__(self, "markdown", Body(text_key(self.markdown), len(self.markdown), self.markdown))

    @property
    def body(self) -> str:
        return self.markdown.text


@dataclass(frozen=True)
class DataFile:
    """A YAML data file and its parsed value."""

    path: Path
    value: Any


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
    unread: tuple[Path, ...] = ()  # files in content/ that no part of the build reads (see ``unread_files``)



def load(project: Project, parsed: dict[ReadingKey, Reading] | None = None, inputs: Inputs | None = None,
         recall: Recall | None = None, pages: frozenset[str] | None = None) -> RawContent:
    """Read every input file.

    A file that cannot be read or parsed is left out and its mistakes are
    carried in ``errors`` (its path in ``unreadable``), so validation can go
    on and report the other files' mistakes in the same run. ``parsed``, kept
    by a long-running caller (the preview), remembers each content file's
    reading by its kind, path and bytes, so only files that changed are read
    again; ``recall`` finds the readings an earlier process kept (the cache's
    store), and those it found are added to ``parsed`` too. Both need the
    files' digests, from ``inputs``; every file read is confirmed with it (see
    :mod:`~microsite.inputs`). ``pages``: read only these page files (see ``known``).
    """
    parsed = {} if parsed is None else parsed
    found = _Found(parsed, inputs, recall)
    errors = ErrorList()
    content, root = project.content, project.root.resolve()
    if not content.is_dir():
        raise ContentErrors([ContentError(Location(content), "no content folder here",
                                          "run the command in the project folder, or create content/")])
    site = _load_data(content / "site.yaml", root, errors, True, found)
    data = {}
    for name in DATA_FILES:
        loaded = _load_data(content / "data" / f"{name}.yaml", root, errors, False, found)
        if loaded is not None:
            data[name] = loaded
    unread: list[str] = []  # every file in pages/ and sources/ not read as a page or a source
    documents = _load_documents(content / "pages", root, errors, found, pages, unread)
    sources = _load_documents(content / "sources", root, errors, found, unread=unread)
    static_files = _static_files(project.static, root, errors, inputs)
    digests = inputs.digests if inputs is not None else {}
    kept = {key: reading for key, reading in parsed.items() if digests.get(key[1]) == key[2]}
    parsed.clear()  # forget the files that changed or went away
    parsed.update(kept)
    unreadable = frozenset(error.location.path for error in errors.errors)
    return RawContent(project, site, documents, data, sources, static_files, tuple(errors.errors), unreadable,
                      unread_files(content, unread))


def unread_files(content: Path, unread: list[str]) -> tuple[Path, ...]:
    """The files in ``content`` that the build reads nowhere, sorted: ``unread`` (those of ``pages/`` and
    ``sources/`` not read as pages or sources), and those beside ``site.yaml`` and in ``data/`` (of any depth)
    that are not it or a data file. An editor's own files (see ``conventions.is_private_file``) and what
    ingest writes beside a source are left out; they are meant to be there."""
    found = [path for path in unread if not path.endswith(CANDIDATES_SUFFIX)
             or not path.startswith(os.path.join(str(content), "sources", ""))]
    expected = {os.path.join(str(content), "site.yaml"),
                *(os.path.join(str(content), "data", f"{name}.yaml") for name in DATA_FILES)}
    for top, folders, files in os.walk(content):
        folders[:] = [name for name in folders if not is_leftover(name)]  # a repository (.git) is no input
        if top == str(content):
            folders[:] = [name for name in folders if name not in ("pages", "sources")]  # walked by the loading
        found.extend(path for name in files if (path := os.path.join(top, name)) not in expected)
    return tuple(Path(path) for path in sorted(found, key=lambda path: path.split(os.sep))
                 if not is_private_file(os.path.basename(path)))


def load_data_file(path: Path, errors: ErrorList, root: Path | None = None) -> DataFile | None:
    """One required YAML file of ``content/``, read and parsed (mistakes go to ``errors``); ``root``, the project
    folder, which a symbolic link may not leave (by default the folder above the file's)."""
    return _load_data(path, (root or path.parent.parent).resolve(), errors, True, _Found({}, None, None))


def _load_data(path: Path, root: Path, errors: ErrorList, required: bool, found: _Found) -> DataFile | None:
    if not os.path.lexists(path):
        if required:
            errors.add(Location(path), "file is missing", f"create {path.name}; see docs/reference.md")
        return None
    real = _target(path, root, errors)
    if real is None:
        return None
    reading, = _readings([(str(path), str(real))], found, "data", lambda _, text: DataFile(path, parse_yaml(text, path)))
    errors.extend(list(reading.mistakes))
    return reading.value


def _load_documents(folder: Path, root: Path, errors: ErrorList, found: _Found,
                    only: frozenset[str] | None = None, unread: list[str] | None = None) -> tuple[Document, ...]:
    files = [(path, real) for path, real in _files(folder, root, errors, ".md", unread)
             if (only is None or path in only) and _portable(path, folder, errors)]
    documents = []
    for reading in _readings(files, found, "document", lambda path, text: parse_document(text, Path(path))):
        errors.extend(list(reading.mistakes))
        if reading.value is not None:
            documents.append(reading.value)
    return tuple(documents)


@dataclass(frozen=True)
class Reading:
    """What reading one content file gave: its parsed value, or the mistakes that kept it out; ``digest`` is of
    the bytes read ("" when none were)."""

    value: Document | DataFile | None
    mistakes: tuple[ContentError, ...]
    digest: str


ReadingKey = tuple[str, str, str]  # the kind of reading ("document", "data"), the path, the digest of the bytes
Recall = Callable[[str, str, str], Reading | None]  # a reading an earlier process kept, by the same three


@dataclass(frozen=True)
class _Found:
    """Where readings made before are found: ``parsed`` (this process's), ``recall`` (an earlier one's), both by
    the digest ``inputs`` took of each file's bytes."""

    parsed: dict[ReadingKey, Reading]
    inputs: Inputs | None
    recall: Recall | None

    def reading(self, kind: str, path: str) -> Reading | None:
        digest = self.inputs.content_digest(path) if self.inputs is not None else None
        if not digest:
            return None
        key = (kind, path, digest)
        reading = self.parsed.get(key)
        if reading is None and self.recall is not None:
            reading = self.recall(*key)
            if reading is not None:
                self.parsed[key] = reading
        return reading


def _readings(files: list[tuple[str, str]], found: _Found, kind: str,
              parse: Callable[[str, str], Document | DataFile]) -> list[Reading]:
    """What reading each of ``files`` (its path, and where it really is) gives; ``parse(path, text)`` parses one.

    Reading is a pure function of the path and the bytes, so a file whose
    bytes, as fingerprinted (see ``inputs``), were read before is not even
    opened again: ``found`` has each reading, mistakes included, by the kind
    of reading, the path and the digest of the bytes it was made from (that
    digest is the fingerprint's, so there is nothing to confirm). The others
    are read on all cores (see ``cores``), and what they read is confirmed.
    """
    readings = [found.reading(kind, path) for path, _ in files]
    missing = [index for index, reading in enumerate(readings) if reading is None]
    for index, reading in zip(missing, map_forked(lambda index: _fresh_reading(*files[index], parse), missing)):
        path = files[index][0]
        if reading.digest:
            if found.inputs is not None:
                found.inputs.confirm(path, reading.digest)
            found.parsed[(kind, path, reading.digest)] = reading
        readings[index] = reading
    return readings


def _fresh_reading(path: str, real: str, parse: Callable[[str, str], Document | DataFile]) -> Reading:
    mistakes = ErrorList()
    data = _read_bytes(path, real, mistakes, MAX_TEXT_BYTES)
    if data is None:
        return Reading(None, tuple(mistakes.errors), "")
    digest = digest_of(data)
    text = _text_of(data, path, mistakes)
    if text is None:
        return Reading(None, tuple(mistakes.errors), digest)
    try:
        return Reading(parse(path, text), (), digest)
    except ContentErrors as exc:
        return Reading(None, tuple(exc.errors), digest)


def _files(folder: Path, root: Path, errors: ErrorList, suffix: str = "",
           others: list[str] | None = None) -> list[tuple[str, str]]:
    """The files under ``folder`` whose names end in ``suffix``, sorted, each with where it really is; the
    paths of the others are added to ``others``, if given.

    Paths are strings here (10,000 files make ``Path`` objects a noticeable cost of a rebuild).

    What an editor or the system leaves beside the files (``conventions.is_leftover``: ``x.md~``, ``.x.md.swp``,
    ``.DS_Store``) is not there for the build. Links to folders are not followed. Every other symbolic link is checked
    (see :func:`_target`), so one that leads outside the project, to a folder
    or nowhere is reported even when its name would not be read.
    """
    if not folder.is_dir():
        return []
    real = os.path.realpath(folder)
    if not Path(real).is_relative_to(root):
        errors.add(Location(folder), f"the folder is outside the project (it is a symbolic link to {real})",
                   "copy the folder into the project instead of linking to it")
        return []
    found: list[tuple[str, str]] = []
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as scan:
                entries = list(scan)
        except OSError as exc:
            errors.add(Location(Path(exc.filename)), f"cannot read the folder: {exc.strerror}")
            continue
        for entry in entries:
            if is_leftover(entry.name):  # an editor's or the system's: no input (see ``conventions``)
                continue
            if entry.is_symlink():
                target = _target(Path(entry.path), root, errors)
                if target is not None and entry.name.endswith(suffix):
                    found.append((entry.path, str(target)))
                elif target is not None and others is not None:
                    others.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                if suffix and entry.name.endswith(suffix) and not entry.name.startswith("."):
                    errors.add(Location(Path(entry.path)), f"this is a folder, named as a file the build reads "
                               f"('{suffix}')", "rename the folder, or put the file in its place")
            elif entry.name.endswith(suffix):
                found.append((entry.path, entry.path))  # inside a folder inside the project: no link to check
            elif others is not None:
                others.append(entry.path)
    return sorted(found, key=lambda pair: pair[0].split(os.sep))  # the order of Path objects


def _target(path: Path, root: Path, errors: ErrorList) -> Path | None:
    """Where ``path`` really is, or None (reported) if it leads outside ``root``, nowhere or to a folder.

    Only ``lstat`` and ``readlink``: nothing is opened, so a link to a secret
    or a FIFO outside the project reads nothing.
    """
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if not os.path.islink(path):
            errors.add(Location(path), f"cannot read the file: {exc.strerror}")
        else:  # (an editor's lock file, a link to nowhere on purpose, is never looked at: ``is_leftover``)
            errors.add(Location(path), "the symbolic link leads nowhere (to a missing file, or round in a circle)",
                       "remove the link, or point it at a file inside the project")
        return None
    if not real.is_relative_to(root):
        if os.path.islink(path):
            what = f"the symbolic link leads outside the project (to {os.readlink(path)})"
        else:
            what = f"the file is outside the project (a folder on its path is a symbolic link; the file is {real})"
        errors.add(Location(path), f"{what}; only files inside the project are read",
                   "copy what it links to into the project instead of linking to it")
        return None
    if real.is_dir() and os.path.islink(path):
        errors.add(Location(path), "the symbolic link leads to a folder; links to folders are not followed",
                   "move or copy the folder's files here (a link to a single file inside the project is fine)")
        return None
    if real.is_dir():  # a folder named as a file the build reads (content/site.yaml)
        errors.add(Location(path), "this is a folder, where the build reads a file",
                   "rename or remove the folder, and put the file in its place")
        return None
    return real


def _read_bytes(path: str, real: str, errors: ErrorList, limit: int | None = None,
                inputs: Inputs | None = None) -> bytes | None:
    """The bytes of the regular file ``real`` (``path``, or what it links to), at most ``limit``."""
    try:
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
            errors.add(Location(Path(path)), "not a regular file (a FIFO, socket or device)", "remove it")
            return None
        if limit is not None and info.st_size > limit:
            errors.add(Location(Path(path)), f"the file is too large ({info.st_size:,} bytes; the limit is {limit:,})",
                       "a page or data file is text written by hand: is this the file you meant? "
                       "If it is, split it into several pages")
            return None
        with open(real, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        errors.add(Location(Path(path)), f"cannot read the file: {exc.strerror}")
        return None
    if inputs is not None:
        inputs.confirm(path, digest_of(data))
    return data


def _text_of(raw: bytes, path: str, errors: ErrorList) -> str | None:
    """The text of a content file, with its line ends made ``\\n``; None (mistakes in ``errors``) if it cannot
    be content: not UTF-8, a NUL, an unprintable or invisible character."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.extend([not_utf8(Path(path), raw)])
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.add(Location(Path(path), line), "the file contains a NUL byte",
                   "it is probably not a text file; remove it")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if UNPRINTABLE.search(text):  # no page or feed can carry it (an XML feed would not even parse)
        errors.extend([unprintable_error(text, Path(path))])
        return None
    problems = find_problems(text)
    if problems:  # refused whole, like a control character: what it would say is unknowable
        errors.extend(_located(problems, text, Path(path)))
        return None
    return text


MAX_PROBLEMS_SHOWN = 20  # a file full of them (pasted from somewhere) needs one fix, not a thousand messages


def _located(problems: list[Problem], text: str, path: Path) -> list[ContentError]:
    shown = [ContentError(place_in(text, problem.start, path), problem.message(), problem.hint)
             for problem in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        last = shown[-1]
        shown[-1] = ContentError(last.location, last.message, f"{last.hint} ({len(problems) - MAX_PROBLEMS_SHOWN} "
                                 "more like this in the file: search and replace them all)")
    return shown


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
    return Document(path, front, text[body_start:], body_line, fingerprint(text), words_fingerprint(text))


def _portable(path: str, folder: Path, errors: ErrorList) -> bool:
    """Whether every name of ``path`` under ``folder`` can be a file or folder name on Windows too.

    Names become the site's file names (``pages/con.zh.md`` is ``con/index.html``),
    and a repository holding a name Windows refuses cannot even be checked out there.
    """
    prefix = str(folder) + os.sep
    names = path[len(prefix):].split(os.sep) if path.startswith(prefix) else Path(path).relative_to(folder).parts
    if not _MAYBE_UNPORTABLE.search("/".join(names)):
        return True
    for name in names:
        if windows_device(name):
            errors.add(Location(Path(path)), device_reserved(one_line(name)),
                       "rename it; the site could not be checked out, built or published on Windows")
            return False
        if _WINDOWS_REFUSED.search(name):
            errors.add(Location(Path(path)), f"'{one_line(name)}' cannot be a file or folder name on Windows "
                       "(it has one of the characters \\ : * ? \" < > |, or ends in a dot or space)",
                       "rename it with letters, digits, hyphens and dots")
            return False
    return True


def _static_files(static: Path, root: Path, errors: ErrorList, inputs: Inputs | None) -> tuple[StaticFile, ...]:
    files = []
    for path, real in _files(static, root, errors):
        content = _read_bytes(path, real, errors, inputs=inputs) if _portable(path, static, errors) else None
        if content is not None:
            files.append(StaticFile(Path(path).relative_to(static).as_posix(), content))
    return tuple(files)
