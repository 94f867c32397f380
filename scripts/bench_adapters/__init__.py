"""Adapters that turn a generated project (``scripts/synth.py``, ``scripts/corpus_flat.py``) into a peer's site.

Each adapter module has ``prepare(project, work) -> Peer``: it writes the peer's
site from the project's ``content/`` (not timed) and says how to build it
cold. It raises :class:`PeerUnavailable` when the peer cannot be had, with
the reason, so the benchmark can say so in its table instead of crashing.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


class PeerUnavailable(Exception):
    """The peer is not installed and could not be installed; the message says why."""


@dataclass(frozen=True)
class Peer:
    """How to build one peer's site cold.

    ``command`` runs in ``cwd``; ``clean`` are removed before every cold run
    (the output folder and the peer's caches); ``output`` holds the built site.
    """

    name: str
    version: str
    command: list[str]
    cwd: Path
    clean: tuple[Path, ...]
    output: Path


def project_pages(project: Path) -> list[tuple[str, str, Path]]:
    """Every page of the project as (key, language, file), in file order."""
    pages_root = project / "content" / "pages"
    pages = []
    for path in sorted(pages_root.rglob("*.md")):
        stem, _, lang = path.relative_to(pages_root).as_posix()[:-3].rpartition(".")
        pages.append((stem, lang, path))
    return pages


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of one of our Markdown files."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("no front matter")
    return match.group(1), text[match.end():]


def fresh_folder(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
