"""The build, top to bottom: load -> validate -> render -> write.

The command line and the preview server both call :func:`build`; ``check``
runs the same stages without writing. Content mistakes surface as
:class:`~microsite.errors.ContentErrors`, raised before anything is written.

A build reuses what earlier ones did (see ``cache``): files already read
and parsed, Markdown already compiled, links already resolved, pages
already made, and when no input changed and the output folder is as the
last build left it, everything. When nothing but page files changed, a
build reads and makes those pages alone (and the pages whose links looked at
their headings), what the last build knew of the others standing for them
(``known``); when what changed reaches other pages otherwise, it makes them
all. Reading files, compiling Markdown, resolving links and rendering pages
run on all cores (``cores``).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import search
from .cache import BuildCache, build_lock
from .compiled import Compiler, precompile
from .cores import MIN_ITEMS
from .errors import ContentError
from .feeds import robots_advice
from .inputs import Inputs
from .kept import LostText
from .known import Known, KnownPage, NotReusable, PageIndex, known_page, rest_digest
from .load import Project, RawContent, load
from .memo import Memo
from .model import BuildOptions, Site, output_path
from .render import Job, Renderer, reading_headings, render_unmade
from .validate import validate
from .write import SpareAside, output_folder, read_manifest, remove_leftovers, write_site

CACHE_FOLDER = ".cache"  # ignored by git; safe to delete at any time


@dataclass(frozen=True)
class BuildResult:
    """What a build did: pages per language, files written (and changed), seconds taken, warnings.

    ``site`` is None when nothing had changed since the last build and nothing was redone; when only page files
    had changed, and the build made those pages alone (see ``known``), it holds those pages only.
    """

    site: Site | None
    out: Path | None
    pages: dict[str, int]
    files: int
    seconds: float
    warnings: tuple[ContentError, ...] = ()
    partial: bool = False  # ``site`` holds only the pages made again (see ``known``; :func:`completed`)
    changed: int | None = None  # files the output folder holds otherwise than before; None: as many as written
    notes: tuple[str, ...] = ()  # what the deployer must do beyond copying the folder (see feeds.robots_advice)

    def summary(self) -> str:
        per_language = ", ".join(f"{count} {lang}" for lang, count in self.pages.items())
        total = f"{sum(self.pages.values())} pages ({per_language})"
        if self.out is None:
            unchanged = ", nothing changed since the last build" if self.site is None else ""
            return f"checked {total} in {self.seconds:.2f} s{unchanged}"
        if self.site is None:
            return f"up to date: {total} in {self.out}, nothing changed ({self.seconds:.2f} s)"
        return "\n".join((f"built {total} into {self.out} in {self.seconds:.2f} s ({self._files()})", *self.notes))

    def _files(self) -> str:
        """The files written, and those changed where that is another number: a page put back as it was two builds
        ago is linked, not written ("1 file changed, 0 written", where "0 files written" read as nothing done)."""
        written = _count(self.files, "file") + " written"
        if self.changed is None or self.changed == self.files:
            return written
        return f"{_count(self.changed, 'file')} changed, {self.files} written"


def _count(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless it is one: 1 file, 98 files."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def check(root: Path, options: BuildOptions = BuildOptions(), cached: bool = True, whole: bool = False,
          waiting: Callable[[], None] | None = None) -> BuildResult:
    """Load, validate and render everything, as :func:`build` would; write nothing (not even the cache).

    What earlier builds left in ``.cache/`` is read, unless not ``cached``,
    exactly as a build reads it: inputs, options and code as the last
    successful build's, there is nothing to check again (it said what it
    found: the result has its warnings, and no site); when only page files
    changed, those pages alone are read and rendered (see ``known``); and no
    page is rendered again that a build made from exactly what it is now
    given. ``whole``: the result holds the whole site, validated (to check a
    built folder against: see ``sitecheck``). A build of the project that is
    running is waited for (``waiting`` is called first, once).
    """
    started = time.perf_counter()
    with _no_cycle_collection(), build_lock(root / CACHE_FOLDER, waiting):
        if cached and not whole:
            try:
                return _from_disk(root, None, options, started, changed_pages=True)
            except NotReusable:
                pass
        return _from_disk(root, None, options, started, cached=cached)


def build(root: Path, out: Path, options: BuildOptions = BuildOptions(),
          cache: BuildCache | None = None, waiting: Callable[[], None] | None = None) -> BuildResult:
    """Build the site of the project at ``root`` into ``out``, replacing it only on success.

    ``options`` are read once by the caller (see :class:`BuildOptions`);
    ``cache`` is kept between builds by a long-running caller (the preview),
    else read from and saved to ``.cache/``. A build of a project that
    another process is building waits for it, and calls ``waiting`` first.
    """
    started = time.perf_counter()
    out = output_folder(out, root)  # refuse a foreign folder, or the project's own, before doing any work
    with _no_cycle_collection(), build_lock(root / CACHE_FOLDER, waiting):
        if cache is not None:  # the preview's, kept between its builds, with what its last build knew of each page
            try:
                return _build(root, out, options, cache, True, started, changed_pages=True)
            except NotReusable:
                return _build(root, out, options, cache, True, started)
        try:
            return _from_disk(root, out, options, started, changed_pages=True)
        except NotReusable:
            # The pages that changed reach other pages: make every page, as any build can.
            return _from_disk(root, out, options, started)


def _from_disk(root: Path, out: Path | None, options: BuildOptions, started: float, changed_pages: bool = False,
               cached: bool = True) -> BuildResult:
    """A build that reuses what earlier builds left in ``.cache/`` (none: ``cached`` false); with ``changed_pages``,
    it makes only the pages whose files changed, when nothing else did (see ``known``). Without ``out``, a check:
    the cache is read, not written."""
    folder = root / CACHE_FOLDER if cached else None
    try:
        with _closing(BuildCache(folder, save=out is not None, one_build=True)) as cache:
            return _build(root, out, options, cache, False, started, changed_pages)
    except LostText:
        pass
    # A text kept in the cache's store to be read where it is needed (a page's HTML, a text's survey, a
    # body's Markdown) could not be read back (the store was damaged, or replaced by another build): build
    # once more without the store.
    with _closing(BuildCache(folder, save=out is not None, stored=False, one_build=True)) as cache:
        return _build(root, out, options, cache, False, started)


@contextmanager
def _closing(cache: BuildCache):
    """``cache``, closed when its build ends, failed or not: a process that builds again and again (the tests)
    must not run out of files."""
    try:
        yield cache
    finally:
        cache.close()


def _build(root: Path, out: Path | None, options: BuildOptions, cache: BuildCache, long_running: bool,
           started: float, changed_pages: bool = False) -> BuildResult:
    """Build into ``out`` (none: check) reusing what ``cache`` holds, from the last build's inputs on (see
    :func:`build`)."""
    index = None
    if long_running:
        inputs = Inputs(root, seen=cache.signatures)
        index = cache.kept_index if changed_pages else None  # its own last build's, in memory
    else:
        # The files are digested on another core while this one reads the last build's index of pages, which a
        # build after a one-page edit needs (at 10,000 pages, 0.07 s and 0.09 s: the two now take the longer).
        # Its pages are made until the digests are in; the rest only if they say that pages changed.
        digested = Inputs.started(root)
        try:
            index = cache.page_index() if changed_pages else None
            if index is not None:
                index.made(stop=digested.ready)
        finally:
            inputs = digested()
    fingerprint = inputs.fingerprint(options, cache.code)
    confirm = cache.same_inputs(fingerprint)
    if out is None:  # a check
        if confirm and changed_pages:  # of what the last build checked, and rendered every page of: it found this
            return BuildResult(None, None, cache.last.pages, 0, time.perf_counter() - started, cache.last.warnings)
        live = None
    else:
        # The output folder is walked to confirm what it holds only when that may leave nothing to do; otherwise
        # its manifest is a hint of what may be linked from it, each file confirmed as it is linked (see ``write``).
        live = read_manifest(out, confirm)
        last = cache.up_to_date(fingerprint, live)
        if last is not None:
            remove_leftovers(out)  # what a killed build left; a build that writes removes them as it starts
            return BuildResult(None, out, last.pages, 0, time.perf_counter() - started, last.warnings)
    known = cache.known_pages(inputs, options, index) if changed_pages else None
    return _make(root, out, options, cache, long_running, started, inputs, fingerprint, confirm, live, known)


def _make(root: Path, out: Path | None, options: BuildOptions, cache: BuildCache, long_running: bool,
          started: float, inputs: Inputs, fingerprint: str, confirm: bool, live: dict | None,
          known: Known | None) -> BuildResult:
    """Load, validate, render and write (without ``out``, check: render what no build made, write nothing); with
    ``known``, only the pages whose files changed (see ``known``)."""
    spare = SpareAside(out) if out is not None else None  # confirmed, or made, on another core meanwhile
    try:
        raw = load(Project(root), cache.documents, inputs, cache.stored_reading,
                   known.files() if known is not None else None)
        if out is not None:
            cache.pagefind.warm(search.languages_wanted(raw))  # loads on its core as the site is checked, if it may
        compiler = _compiler(raw, cache.compiler)
        if known is not None and (farther := known.reach(_headings(raw, compiler), reading_headings(
                inputs, root / "templates", cache.memo))):
            known = known.reaching(farther)  # their links looked at headings that changed, or may: read them too
            raw = load(Project(root), cache.documents, inputs, cache.stored_reading, known.files())
            compiler = _compiler(raw, compiler)
        site = _validated(raw, options, compiler, cache.memo, known)
        del raw  # what was read but not validated is let go
        searched = out is not None and search.wanted(site, known.others if known is not None else ())
        if searched:  # Pagefind loads on its core, as pages render, for this build's index or the preview's
            cache.pagefind.warm(language.tag for language in site.config.languages)
        if known is None:
            cache.validated()
        else:
            cache.partly_validated()
        renderer = Renderer(site, inputs, cache.code, cache.environments, cache.memo, known)
        jobs = renderer.jobs()
        if sum(job.key not in cache.outputs for job in jobs) >= MIN_ITEMS:  # many to make, in children of this one
            renderer.compile_templates()  # here, once, for all of them (a mistake is the first job's to report)
            cache.release()
        if out is None:
            render_unmade(jobs, cache.outputs)
            return BuildResult(site, None, pages_per_language(renderer.site), 0, time.perf_counter() - started,
                               site.warnings, partial=known is not None)
        indexed = searched and options.search_index
        written = write_site(jobs, out, cache.outputs, live, index=cache.pagefind.index if indexed else None,
                             live_confirmed=confirm, aside=spare)
    finally:
        if spare is not None:
            spare.close()  # waited for, even when the build stopped at a mistake
    pages = pages_per_language(renderer.site)
    index = _index(site, renderer, jobs, inputs, options, cache.code)
    cache.finished(fingerprint, written, pages, site.warnings, stale=inputs.stale, index=index)
    return BuildResult(site, out, pages, written.files, time.perf_counter() - started, site.warnings,
                       partial=known is not None, changed=written.changed,
                       notes=tuple(note for note in (robots_advice(site.config),) if note))


def _headings(raw: RawContent, compiler: Compiler) -> dict[Path, frozenset[str]]:
    """The heading ids of each page read (by its file), as validation will find them (``compiler`` has compiled
    them: see :func:`_compiler`)."""
    return {document.path: compiler(document.markdown).heading_ids for document in raw.pages}


def _validated(raw: RawContent, options: BuildOptions, compiler: Compiler, memo: Memo,
               known: Known | None = None) -> Site:
    """The validated site, carrying the options it was built with (so every reuse key covers them)."""
    site = validate(raw, base_url=options.base_url, fingerprint=options.fingerprint,
                    compiler=compiler, memo=memo, known=known)
    return replace(site, options=options)


def _index(site: Site, renderer: Renderer, jobs: list[Job], inputs: Inputs, options: BuildOptions,
           code: str) -> PageIndex:
    """What this build knew of each page, for the next to make only the pages whose files change (see ``known``).

    A page's warnings are those located in its file (a translation out of date); an edition's pages share
    their original's file, and have none of their own."""
    keys = {job.path: job.key for job in jobs}
    editions = {edition.code for edition in site.config.editions}
    warnings: dict[Path, list[ContentError]] = {}
    for warning in site.warnings:
        warnings.setdefault(warning.location.path, []).append(warning)
    entries = tuple(page if isinstance(page, KnownPage) else
                    known_page(page, page.lang in editions, inputs,
                               () if page.lang in editions else warnings.get(page.path, ()), keys[output_path(page.url)],
                               () if page.lang in editions else site.reads.get(page.path, ()))
                    for page in renderer.every)
    return PageIndex(rest_digest(inputs, options, code), site.link_targets, site.targets_beside_pages, renderer.shared,
                     entries)


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


def completed(made: Site, last: Site) -> Site:
    """The whole site, from a build that ``made`` some pages again (see ``known``) and the ``last`` whole site:
    its pages, as made now where they were; everything else as made now (every record, source and warning)."""
    fresh = {(page.key, page.lang): page for page in made.pages}
    paths = {page.path for page in made.pages}
    reads = {path: keys for path, keys in last.reads.items() if path not in paths}
    return replace(made, pages=tuple(fresh.get((page.key, page.lang), page) for page in last.pages),
                   reads={**reads, **made.reads})


def pages_per_language(site: Site) -> dict[str, int]:
    return {code: sum(page.lang == code for page in site.pages) + len(site.sources) for code in site.config.codes}
