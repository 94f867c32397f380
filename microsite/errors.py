"""The one error type for content mistakes, and the list that gathers them.

A :class:`ContentError` is raised (or collected) where a mistake is found and
carries its location, so the command line can print every mistake of a run
once, as ``path:line:col: message`` followed by a hint on how to fix it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Location:
    """Where a mistake is: a file and, when known, a 1-based line and column."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [_visible(str(self.path))]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def shifted(self, lines: int) -> Location:
        """The same place, ``lines`` further down (front matter inside a page)."""
        if self.line is None:
            return self
        return Location(self.path, self.line + lines, self.column)


class ContentError(Exception):
    """A mistake in the content (or templates) that an editor can fix."""

    def __init__(self, location: Location, message: str, hint: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.location = location
        self.message = message
        self.hint = hint
        self.detail = detail  # more lines for who asks (``-v``): what changed in an original, say

    def __reduce__(self):  # picklable (for caches and worker processes) despite the extra arguments
        return (ContentError, (self.location, self.message, self.hint, self.detail))

    def format(self, root: Path | None = None, relative: dict[Path, Path] | None = None) -> str:
        """``path:line:col: message`` and an indented hint, paths relative to ``root``; ``relative`` keeps the
        paths already made relative, for a caller that formats many mistakes of few files."""
        location = self.location
        if root is not None:
            known = {} if relative is None else relative
            if location.path not in known:
                known[location.path] = _relative(location.path, root)
            location = Location(known[location.path], location.line, location.column)
        text = f"{location}: {_one_line(self.message)}"
        if self.hint:
            text += f"\n  hint: {_one_line(self.hint)}"
        return text

    def sort_key(self) -> tuple:
        loc = self.location
        return (str(loc.path), loc.line or 0, loc.column or 0, self.message)

    def __repr__(self) -> str:
        return f"ContentError({self.format()!r})"


class ContentErrors(Exception):
    """Every mistake found by one stage of the build, in file order."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors, key=ContentError.sort_key)
        super().__init__(f"{len(self.errors)} content error(s)")

    def __reduce__(self):  # picklable (from a worker process), as the errors it holds
        return (ContentErrors, (self.errors,))

    def format(self, root: Path | None = None) -> str:
        relative: dict[Path, Path] = {}  # a path is resolved once, not once a mistake (20,000 in one page)
        return "\n".join(error.format(root, relative) for error in self.errors)


NOT_UTF8_HINT = "save it as UTF-8 (editors call it 'UTF-8' or 'Unicode'); GBK and GB18030 are not accepted"


def not_utf8(path: Path, data: bytes) -> ContentError:
    """The mistake of a file (``data``, the bytes of ``path``) that is not UTF-8 text, wherever the build reads
    one (content, templates, stylesheets): at its first byte that is no part of a UTF-8 character, its line and
    column counted as an editor counts them."""
    try:
        data.decode("utf-8")
        bad = len(data)
    except UnicodeDecodeError as exc:
        bad = exc.start
    start = data.rfind(b"\n", 0, bad) + 1
    before = data[start:bad].decode("utf-8")
    column = len(before.removeprefix("\ufeff") if start == 0 else before) + 1  # a byte order mark is no character
    return ContentError(Location(path, data.count(b"\n", 0, bad) + 1, column), "the file is not UTF-8 text",
                        NOT_UTF8_HINT)


class ErrorList:
    """Collects mistakes so a stage can report all of them, not just the first."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, location: Location, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(location, message, hint))

    def extend(self, errors: list[ContentError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def _one_line(text: str) -> str:
    """A message stays on its line even when it quotes a value with line breaks in it."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_UNSEEN = frozenset(("Cc", "Cf", "Zl", "Zp"))  # controls, format characters (bidi, zero width), line separators


def _visible(text: str) -> str:
    """``text`` (a file's path) with every control, format or line separator character escaped (``\\n``,
    ``\\u202e``): a file named with a line break would cut its mistake's line in two, a right-to-left override
    turn it around, an escape character reach the terminal."""
    if text.isprintable():
        return text
    return "".join(ascii(char)[1:-1] if unicodedata.category(char) in _UNSEEN else char for char in text)


def _relative(path: Path, root: Path) -> Path:
    try:  # the file itself may be a symbolic link (even a loop): name it, not where it leads
        return (path.parent.resolve() / path.name).relative_to(root.resolve())
    except ValueError:
        return path
