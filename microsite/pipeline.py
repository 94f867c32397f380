"""The build, top to bottom: load -> validate -> render -> write.

The command line and the preview server both call :func:`build`; ``check``
runs the same stages without writing. Content mistakes surface as
:class:`~microsite.errors.ContentErrors`, raised before anything is written.

A build reuses what earlier ones did (see ``cache``): Markdown already
compiled, and when no input changed and the output folder is as the last
build left it, everything. New Markdown is compiled on all cores.
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import search
from .cache import BuildCache, LastBuild, files_fingerprint
from .compiled import Compiler, precompile
from .errors import ContentError
from .load import Project, RawContent, load
from .model import Site
from .render import Renderer, render
from .validate import validate
from .write import check_output_folder, manifest_digest, read_manifest, write_site

CACHE_FOLDER = ".cache"  # ignored by git; safe to delete at any time


@dataclass(frozen=True)
class BuildResult:
    """What a build did: pages per language, files written, seconds taken, warnings.

    ``site`` is None when nothing had changed since the last build and nothing was redone.
    """

    site: Site | None
    out: Path | None
    pages: dict[str, int]
    files: int
    seconds: float
    warnings: tuple[ContentError, ...] = ()

    def summary(self) -> str:
        per_language = ", ".join(f"{count} {lang}" for lang, count in self.pages.items())
        total = f"{sum(self.pages.values())} pages ({per_language})"
        if self.out is None:
            return f"checked {total} in {self.seconds:.2f} s"
        if self.site is None:
            return f"up to date: {total} in {self.out}, nothing changed ({self.seconds:.2f} s)"
        return f"built {total} into {self.out} in {self.seconds:.2f} s ({self.files} files written)"


def check(root: Path, base_url: str | None = None) -> BuildResult:
    """Load, validate and render everything; write nothing (not even a cache)."""
    started = time.perf_counter()
    raw = load(Project(root))
    site = validate(raw, base_url=base_url, compiler=_compiler(raw, Compiler()))
    render(site)
    return BuildResult(site, None, pages_per_language(site), 0, time.perf_counter() - started, site.warnings)


def build(root: Path, out: Path, base_url: str | None = None, fingerprint: bool = True,
          cache: BuildCache | None = None) -> BuildResult:
    """Build the site of the project at ``root`` into ``out``, replacing it only on success.

    ``fingerprint=False`` keeps static files' names (the live preview swaps
    stylesheets by name); ``cache`` is kept between builds by a long-running
    caller (the preview), else read from and saved to ``.cache/``.
    """
    with _no_cycle_collection():
        return _build(root, out, base_url, fingerprint, cache)


def _build(root: Path, out: Path, base_url: str | None, fingerprint: bool, cache: BuildCache | None) -> BuildResult:
    started = time.perf_counter()
    check_output_folder(out)  # refuse a foreign folder before doing any work
    cache = cache or BuildCache(root / CACHE_FOLDER)
    inputs = files_fingerprint(root, ["content", "templates", "static"], f"{base_url}|{fingerprint}|{cache.code}")
    live = read_manifest(out)
    if cache.last.inputs == inputs and cache.last.output == manifest_digest(live):
        return BuildResult(None, out, cache.last.pages, 0, time.perf_counter() - started, cache.last.warnings)
    raw = load(Project(root), cache.documents)
    site = validate(raw, base_url=base_url, fingerprint=fingerprint, compiler=_compiler(raw, cache.compiler),
                    memo=cache.memo)
    cache.memo.prune()
    cache.store_compiled()
    jobs = Renderer(site, root / CACHE_FOLDER, cache.code).jobs()
    written = write_site(jobs, out, cache.outputs, live, index=search.index if search.wanted(site) else None)
    pages = pages_per_language(site)
    cache.save(LastBuild(inputs, written.digest, pages, site.warnings), written.made)
    return BuildResult(site, out, pages, written.files, time.perf_counter() - started, site.warnings)


@contextmanager
def _no_cycle_collection():
    """Pause Python's cycle collector for the length of a build.

    A build makes millions of objects that live until it ends, and each full
    collection walks all of them (and, in the preview, everything kept from
    earlier builds): at 10,000 pages that was a third of a rebuild. The
    build makes few reference cycles; they are collected once it is over.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compiler(raw: RawContent, compiler: Compiler) -> Compiler:
    """``compiler``, having compiled every page and source text not compiled before (on all cores)."""
    precompile(compiler, [document.body for document in (*raw.pages, *raw.sources)])
    return compiler


def pages_per_language(site: Site) -> dict[str, int]:
    return {code: sum(page.lang == code for page in site.pages) + len(site.sources) for code in site.config.codes}
