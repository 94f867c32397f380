"""The build, top to bottom: load -> validate -> render -> write.

The command line and the preview server both call :func:`build`; ``check``
runs the same stages without writing. Content mistakes surface as
:class:`~microsite.errors.ContentErrors`, raised before anything is written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .load import Project, load
from .model import Site
from .render import Output, render
from .validate import validate
from .write import check_output_folder, write_site


CACHE_FOLDER = ".cache"  # ignored by git; safe to delete at any time


@dataclass(frozen=True)
class BuildResult:
    """What a build did: pages per language, files written, seconds taken."""

    site: Site
    out: Path | None
    pages: dict[str, int]
    files: int
    seconds: float

    def summary(self) -> str:
        per_language = ", ".join(f"{count} {lang}" for lang, count in self.pages.items())
        where = f" into {self.out}" if self.out else ""
        action = "built" if self.out else "checked"
        return f"{action} {sum(self.pages.values())} pages ({per_language}){where} in {self.seconds:.2f} s"


def check(root: Path, base_url: str | None = None) -> BuildResult:
    """Load, validate and render everything; write nothing (not even a cache)."""
    started = time.perf_counter()
    site, outputs = _site_and_outputs(root, base_url, cache=None)
    return BuildResult(site, None, _pages_per_language(site, outputs), 0, time.perf_counter() - started)


def build(root: Path, out: Path, base_url: str | None = None, fingerprint: bool = True) -> BuildResult:
    """Build the site of the project at ``root`` into ``out``, replacing it only on success.

    ``fingerprint=False`` keeps static files' names (the live preview swaps stylesheets by name).
    """
    started = time.perf_counter()
    check_output_folder(out)  # refuse a foreign folder before doing any work
    site, outputs = _site_and_outputs(root, base_url, cache=root / CACHE_FOLDER, fingerprint=fingerprint)
    files = write_site(outputs, out)
    return BuildResult(site, out, _pages_per_language(site, outputs), files, time.perf_counter() - started)


def _site_and_outputs(root: Path, base_url: str | None, cache: Path | None,
                      fingerprint: bool = True) -> tuple[Site, list[Output]]:
    site = validate(load(Project(root)), base_url=base_url, fingerprint=fingerprint)
    return site, render(site, cache)


def _pages_per_language(site: Site, outputs: list[Output]) -> dict[str, int]:
    return {code: sum(page.lang == code for page in site.pages) + len(site.sources) for code in site.config.codes}
