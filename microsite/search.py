"""Full-text search: a Pagefind index of the written pages, made at build time into the output.

Pagefind's extended build reads each page's ``lang`` and keeps one index per
language, segmenting Chinese into words (a reader types 商会 without spaces).
Only what a page marks with ``data-pagefind-body`` (its ``<main>``) is
indexed, so menus and footers do not match every query; the search and 404
pages mark nothing. The index is a set of static files under ``pagefind/``
that the search page's script loads from the site itself: no other host.

It runs on the staging folder once every page is there (see ``write``), and
only when the site has a search page (a page with ``template: search``).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

from .model import Site
from .render import Output
from .write import OutputError

BUNDLE = "pagefind"  # the index's folder in the output, read by static/search.js
ENTRY = "pagefind-entry.json"  # the bundle's table of contents: its languages and their index files
# Pagefind's own search interfaces: the search page has its own (static/search.js), so they are not published.
_UNUSED = re.compile(r"pagefind-(?:component-ui|modular-ui|ui|highlight)\.")
TIMEOUT = 600  # seconds; 10,000 pages take well under a minute


class SearchIndexError(OutputError):
    """Pagefind is missing or failed: the build stops, and the live site is left as it was."""


def wanted(site: Site) -> bool:
    """Whether ``site`` has a search page, and so needs an index."""
    return any(page.template == "search" for page in site.pages)


def index(folder: Path) -> list[Output]:
    """The Pagefind bundle of the HTML pages in ``folder``, as files to add under ``pagefind/``."""
    with tempfile.TemporaryDirectory(prefix="microsite-search-") as bundle:
        _run_pagefind(folder, Path(bundle))
        return [Output(f"{BUNDLE}/{path.relative_to(bundle).as_posix()}", _same_every_time(path))
                for path in sorted(Path(bundle).rglob("*")) if path.is_file() and not _UNUSED.match(path.name)]


def _same_every_time(path: Path) -> bytes:
    """A file of the bundle; the entry file's languages in one order (Pagefind writes them in any order),
    so that two builds of the same content are byte-identical."""
    content = path.read_bytes()
    if path.name != ENTRY:
        return content
    return json.dumps(json.loads(content), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _run_pagefind(site: Path, bundle: Path) -> None:
    command = [str(_executable()), "--site", str(site), "--output-path", str(bundle), "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"the search index could not be made: {exc}") from None
    if result.returncode != 0:
        raise SearchIndexError("the search index could not be made (pagefind failed):\n"
                               + (result.stderr or result.stdout).strip())


def _executable() -> Path:
    """The extended Pagefind binary (it segments Chinese) that pip installs with ``pagefind[extended]``."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError("the site has a search page, but Pagefind is not installed: "
                               "pip install 'pagefind[extended]' (build.py installs it into .venv)") from None
    return Path(get_executable())
