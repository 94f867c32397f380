"""Keeping translations in step with their originals.

A translated page records, in its front matter, the fingerprint of the
original it was made from (``translated_from: 3fa2b1c4d5e6``). When the
original changes, its fingerprint no longer matches and ``check`` and the
preview's review page say the translation is out of date. After updating
a translation, ``python build.py translated PATH`` records the original's
current fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

KEY = "translated_from"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a file's text (line endings normalized)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


def original_of(path: Path, default_language: str, languages: tuple[str, ...]) -> Path | None:
    """``pages/x.en.md`` -> ``pages/x.zh.md``; None for a page in the default language."""
    stem, _, lang = path.name[:-3].rpartition(".")
    if not stem or lang not in languages or lang == default_language:
        return None
    return path.with_name(f"{stem}.{default_language}.md")


def with_front_matter_value(text: str, key: str, value: str) -> str:
    """``text`` with ``key: value`` set in its front matter (replaced, or added at its end)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("the file does not start with front matter")
    front = match.group(1) or ""
    line = f"{key}: \"{value}\"\n"  # quoted: YAML would read 123456789012 as a number, 12e3 as a float
    pattern = re.compile(rf"^{re.escape(key)}:.*\n?", re.MULTILINE)
    front = pattern.sub(line, front, count=1) if pattern.search(front) else front + line
    return f"---\n{front}{match.group(2)}{match.group(3)}{text[match.end():]}"


def _read_page(path: Path) -> str:
    """The text of the page file ``path``; anything but a regular file (a FIFO would wait forever) is refused."""
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise ValueError(f"{path}: not a regular file (a FIFO, socket, device or folder); give a page file")
        return file.read().decode("utf-8-sig")


def mark_translated(path: Path, default_language: str, languages: tuple[str, ...]) -> str:
    """Record in ``path`` the fingerprint of its original; return what was done, for the terminal."""
    original = original_of(path, default_language, languages)
    if original is None:
        raise ValueError(f"{path}: not a translation (name it <page>.<language>.md, "
                         f"in a language other than {default_language})")
    if not original.is_file():
        raise ValueError(f"{path}: its original {original.name} does not exist")
    value = fingerprint(_read_page(original))
    text = _read_page(path)
    updated = with_front_matter_value(text, KEY, value)
    if updated == text:
        return f"up to date: {path}"
    path.write_text(updated, encoding="utf-8")
    return f"marked as translated from {original.name} ({value}): {path}"
