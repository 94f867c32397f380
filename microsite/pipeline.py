"""The build, top to bottom: load -> validate -> render -> write.

The command line and the preview server both call :func:`build`; ``check``
runs the same stages without writing. Content mistakes surface as
:class:`~microsite.errors.ContentErrors`, raised before anything is written.

A build reuses what earlier ones did (see ``cache``): files already read
and parsed, Markdown already compiled, links already resolved, pages
already made, and when no input changed and the output folder is as the
last build left it, everything. Reading files, compiling Markdown,
resolving links and rendering pages run on all cores (``cores``).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import search
from .cache import BuildCache
from .compiled import Compiler, precompile
from .cores import MIN_ITEMS
from .errors import ContentError
from .inputs import Inputs
from .kept import LostText
from .load import Project, RawContent, load
from .memo import Memo
from .model import BuildOptions, Site
from .render import Renderer, render
from .validate import validate
from .write import SpareAside, output_folder, read_manifest, remove_leftovers, write_site

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


def check(root: Path, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Load, validate and render everything; write nothing (not even a cache)."""
    started = time.perf_counter()
    raw = load(Project(root))
    site = _validated(raw, options, Compiler(), Memo(one_build=True))
    render(site)
    return BuildResult(site, None, pages_per_language(site), 0, time.perf_counter() - started, site.warnings)


def build(root: Path, out: Path, options: BuildOptions = BuildOptions(),
          cache: BuildCache | None = None) -> BuildResult:
    """Build the site of the project at ``root`` into ``out``, replacing it only on success.

    ``options`` are read once by the caller (see :class:`BuildOptions`);
    ``cache`` is kept between builds by a long-running caller (the preview),
    else read from and saved to ``.cache/``.
    """
    started = time.perf_counter()
    long_running = cache is not None  # builds again in this process: files unchanged since are not read again
    with _no_cycle_collection():
        try:
            return _build(root, out, options, cache or BuildCache(root / CACHE_FOLDER, one_build=True), long_running,
                          started)
        except LostText:
            if long_running:  # the preview's cache holds what it kept (see ``cache``): this is no lost cache
                raise
        # A text kept in the cache's store to be read where it is needed (a page's HTML, a text's survey, a
        # body's Markdown) could not be read back (the store was damaged, or replaced by another build): build
        # once more without the store.
        return _build(root, out, options, BuildCache(root / CACHE_FOLDER, stored=False, one_build=True),
                      long_running, started)


def _build(root: Path, out: Path, options: BuildOptions, cache: BuildCache, long_running: bool,
           started: float) -> BuildResult:
    out = output_folder(out, root)  # refuse a foreign folder, or the project's own, before doing any work
    inputs = Inputs(root, seen=cache.signatures if long_running else None)
    fingerprint = inputs.fingerprint(options, cache.code)
    # The output folder is walked to confirm what it holds only when that may leave nothing to do; otherwise
    # its manifest is a hint of what may be linked from it, each file confirmed as it is linked (see ``write``).
    confirm = cache.same_inputs(fingerprint)
    live = read_manifest(out, confirm)
    last = cache.up_to_date(fingerprint, live)
    if last is not None:
        remove_leftovers(out)  # what a killed build left; a build that writes removes them as it starts
        return BuildResult(None, out, last.pages, 0, time.perf_counter() - started, last.warnings)
    spare = SpareAside(out)  # confirmed, or made, on another core meanwhile (see ``write``)
    try:
        site = _validated(load(Project(root), cache.documents, inputs, cache.stored_reading), options,
                          cache.compiler, cache.memo)  # what was read but not validated into the site is let go
        searched = search.wanted(site)
        if searched:  # Pagefind loads on its core, as pages render, for this build's index or the preview's
            cache.pagefind.warm(language.tag for language in site.config.languages)
        cache.validated()
        renderer = Renderer(site, inputs, cache.code, cache.environments, cache.memo)
        jobs = renderer.jobs()
        if sum(job.key not in cache.outputs for job in jobs) >= MIN_ITEMS:  # many to make, in children of this one
            renderer.compile_templates()  # here, once, for all of them
            cache.release()
        indexed = searched and options.search_index
        written = write_site(jobs, out, cache.outputs, live, index=cache.pagefind.index if indexed else None,
                             live_confirmed=confirm, aside=spare)
    finally:
        try:
            spare.close()  # waited for, even when the build stopped at a mistake
        finally:
            if not long_running:
                cache.close()  # failed or not: a process that builds again and again must not run out of files
    pages = pages_per_language(site)
    cache.finished(fingerprint, written, pages, site.warnings, stale=inputs.stale)
    return BuildResult(site, out, pages, written.files, time.perf_counter() - started, site.warnings)


def _validated(raw: RawContent, options: BuildOptions, compiler: Compiler, memo: Memo) -> Site:
    """The validated site, carrying the options it was built with (so every reuse key covers them)."""
    site = validate(raw, base_url=options.base_url, fingerprint=options.fingerprint,
                    compiler=_compiler(raw, compiler), memo=memo)
    return replace(site, options=options)


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
    precompile(compiler, [document.markdown for document in (*raw.pages, *raw.sources)])
    return compiler


def pages_per_language(site: Site) -> dict[str, int]:
    return {code: sum(page.lang == code for page in site.pages) + len(site.sources) for code in site.config.codes}
