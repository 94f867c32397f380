"""What the last build knew of each page: enough to build again only the pages whose files changed.

A build after an edit of one page would otherwise read, check and digest
every page of the site again, only to find that the others came out as
before: at 10,000 pages, most of a second. So each successful build leaves
a :class:`PageIndex`: a command-line build in ``.cache/pages.json``, the
preview in its memory (``cache.BuildCache.kept_index``). For every page of
the site, in the site's order, it holds what the rest of a build reads of it:

* its summary (what templates show of a page they do not render),
* its heading ids (what links to it may name),
* its ``cite:`` links (their quotes decide the anchors of the sources' pages),
* its links to other websites,
* the warnings it gave (a translation out of date),
* the pages whose headings its links looked at (``links.Read``),
* the digest of its file's bytes, and the key of the job that made its file;

and, for the whole build, the digest of everything else it read (every other
input file, the build options, the code: :func:`rest_digest`), of the link
targets (and of them but the pages' headings), and of the templates' view of
the site (``render``).

When nothing but page files changed since (none added or removed), the next
build reads the changed pages, and their other languages, and checks them
against what the index says of the others (``validate``); it renders them,
and keys every other page's job as the index has it. That key is the one a
full build would compute, if the link targets and the templates' view come
out as the last build's: a page is made from its file, the site's settings,
the link targets, the templates and their view of the site, and nothing else
(the templates and the code are among the other inputs, unchanged). A
changed page's headings change the link targets, but only for the pages
whose links looked at them: those are read and made again too
(:meth:`Known.reach`), and the rest of the targets must be the last build's.
The build checks the digests (:class:`NotReusable` when one differs) and,
when anything is amiss (a file added, a template or record changed, a
changed page's title or quotes, an output file gone), it builds everything,
as a build without an index does. A mistake in a page read again is
reported by the build that found it: every other page is as the last
successful build read it, without a mistake, and every check across pages
runs against the index, so these are the mistakes a build of every page
finds. ``tests/test_known.py`` and the reuse properties
(``tests/test_reuse_properties.py``) compare such builds with clean ones,
byte for byte, warning for warning and mistake for mistake.

The file is lines of JSON (one per page), read back with every type checked:
like the rest of ``.cache/``, it can make a build slower, never run code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path

from .errors import ContentError, Location
from .inputs import Inputs
from .memo import digest_of
from .model import Page, PageSummary
from .store import all_of, number, text

PAGE_SUFFIX = ".md"  # under content/pages/: the files an index knows one by one


class NotReusable(Exception):
    """What the last build knew of the pages cannot serve this build (what changed reaches other pages): it builds
    everything instead."""


@dataclass(frozen=True)
class KnownPage:
    """What the last build knew of one page (see the module's docstring); ``edition``: a page an edition derived
    from another language's (it has no file of its own, and its ``digest`` is empty)."""

    summary: PageSummary
    edition: bool
    digest: str
    heading_ids: frozenset[str]
    citations: tuple[tuple[str, str, int, int], ...]
    external: tuple[str, ...]
    warnings: tuple[ContentError, ...]
    job: str
    conversions: tuple[str, ...] = ()  # an edition's page: the phrases of the edition's own conversions it used
    reads: tuple[str, ...] = ()  # the keys of the pages whose headings its links looked at (``links.Read``)
    line: bytes = field(default=b"", compare=False, repr=False)  # as read from the index file, if it was

    # What the checks across pages read of a page, as they read it of a Page.
    key = property(attrgetter("summary.key"))
    lang = property(attrgetter("summary.lang"))
    path = property(attrgetter("summary.path"))
    url = property(attrgetter("summary.url"))
    template = property(attrgetter("summary.template"))


@dataclass(frozen=True)
class PageIndex:
    """Every page of the last build, in the site's order, and the digests its reuse is checked against."""

    rest: str  # everything the build read but the page files (see rest_digest)
    targets: str  # the link targets (see ``validate``)
    beside_pages: str  # the link targets but the pages' headings
    shared: str  # what every job may read besides what it is given (see ``render.Renderer.shared_key``)
    pages: tuple[KnownPage, ...]

    def made(self, stop: Callable[[], bool] = lambda: False) -> PageIndex:
        """Itself: an index kept in memory is made (as :meth:`IndexReading.made` makes one read from its file)."""
        return self

    def changed_keys(self, inputs: Inputs, rest: str) -> frozenset[str] | None:
        """The keys of the pages whose files changed since, or None when anything else changed (another input,
        the options or the code, a page file added or removed: then every page is built)."""
        if rest != self.rest:
            return None
        files = page_files(inputs)
        known = {str(page.summary.path): page for page in self.pages if not page.edition}
        if files.keys() != known.keys():
            return None
        return frozenset(known[path].key for path, digest in files.items() if digest != known[path].digest)


@dataclass(frozen=True)
class Known:
    """What a build that makes only the pages of ``keys`` knows of every other page (from ``index``)."""

    index: PageIndex
    keys: frozenset[str]

    @cached_property  # asked for by several checks; made once
    def others(self) -> list[KnownPage]:
        """The pages of the site not made again, editions' left out."""
        return [page for page in self.index.pages if not page.edition and page.key not in self.keys]

    def conversions(self) -> dict[str, frozenset[str]]:
        """By edition, the phrases of its own conversions that the pages not made again use."""
        used: dict[str, set[str]] = {}
        for page in self.index.pages:
            if page.edition and page.key not in self.keys:
                used.setdefault(page.lang, set()).update(page.conversions)
        return {code: frozenset(phrases) for code, phrases in used.items()}

    def reach(self, headings: Mapping[Path, frozenset[str]], templates: frozenset[str] = frozenset()) -> frozenset[str]:
        """The keys of the pages not read again whose links looked at the headings of a page whose headings changed
        (``headings``: by file, those of the pages read again): their links may now resolve otherwise; and the
        pages of ``templates`` (by Jinja name: ``home.html``), whose links may name any page's heading (see
        ``render.templates_reading_headings``)."""
        by_path = {page.path: page for page in self.index.pages if not page.edition}
        changed = {by_path[path].key for path, ids in headings.items()
                   if path in by_path and by_path[path].heading_ids != ids}
        if not changed:
            return frozenset()
        return frozenset(page.key for page in self.index.pages
                         if page.key not in self.keys and (not changed.isdisjoint(page.reads)
                                                           or f"{page.template}.html" in templates))

    def reaching(self, keys: frozenset[str]) -> Known:
        """What a build that reads the pages of ``keys`` too knows (see :meth:`reach`)."""
        return Known(self.index, self.keys | keys)

    def same_headings(self, fresh: Iterable[Page]) -> bool:
        """Whether the pages read again (``fresh``) are the pages of ``keys`` the last build had, with the headings
        it knew them by: the link targets' pages are then the last build's, heading for heading (every other page
        stands in them with the headings of the index)."""
        known = {(page.key, page.lang): page.heading_ids for page in self.index.pages
                 if not page.edition and page.key in self.keys}
        return {(page.key, page.lang): page.heading_ids for page in fresh} == known

    def confirm_targets(self, beside_pages: str, fresh: Iterable[Page]) -> None:
        """Raise NotReusable unless the link targets, which came out other than the last build's, differ only in
        the headings of the pages read again (``fresh``), and every page whose links looked at those is read again.

        Pages read again are the only change (see :meth:`PageIndex.changed_keys`);
        a page's file decides its headings, but also its quotes, which decide
        the sources' anchors, and its template: so every target but the pages'
        headings (``beside_pages``, their digest) must be the last build's.
        """
        if beside_pages != self.index.beside_pages:
            raise NotReusable("what links may point at is not what it was: every page's links are resolved again")
        if self.reach({page.path: page.heading_ids for page in fresh}):
            raise NotReusable("pages not read again looked at headings that changed")

    def files(self) -> frozenset[str]:
        """The files to read: every language of every page made again."""
        return frozenset(str(page.path) for page in self.index.pages if not page.edition and page.key in self.keys)

    def in_order(self, fresh: Iterable[Page], editions: bool = False) -> list[Page | KnownPage]:
        """Every page in the site's order: those made again as ``fresh`` has them, the others as known (with
        ``editions``, the pages editions derived too; without, the site's own pages only)."""
        made = {(page.key, page.lang): page for page in fresh}
        every = []
        for page in self.index.pages:
            if page.edition and not editions:
                continue
            every.append(made.get((page.key, page.lang), page) if page.key in self.keys else page)
        if len(made) != sum(page.key in self.keys and (editions or not page.edition) for page in self.index.pages):
            raise NotReusable("the pages made again are not those the last build had")
        return every


def page_files(inputs: Inputs) -> dict[str, str]:
    """The page files among the inputs (``content/pages/**/*.md``), each with the digest of its bytes."""
    folder = os.path.join(str(inputs.root), "content", "pages") + os.sep
    return {path: digest for path, digest in inputs.digests.items()
            if path.startswith(folder) and path.endswith(PAGE_SUFFIX)}


def rest_digest(inputs: Inputs, *extra: object) -> str:
    """One digest of every input but the page files (each by its path in the project and its digest), and of
    ``extra`` (the build options, the code)."""
    pages = page_files(inputs)
    start = len(str(inputs.root)) + 1
    return digest_of(([(path[start:], digest) for path, digest in inputs.digests.items() if path not in pages],
                      extra))


def known_page(page: Page, edition: bool, inputs: Inputs, warnings: Sequence[ContentError], job: str,
               reads: tuple[str, ...]) -> KnownPage:
    """What an index keeps of ``page``, made by the job of key ``job`` (its file's digest from ``inputs``), whose
    links looked at the headings of the pages of ``reads``."""
    digest = "" if edition else inputs.content_digest(str(page.path)) or ""
    return KnownPage(page.summary, edition, digest, page.heading_ids, page.citations, page.external, tuple(warnings),
                     job, page.conversions, reads)


# --- to and from the file -----------------------------------------------------------------------------------------
#
# A first line of JSON (the build's digests, and the names of the fields), then a line per page, in order: a JSON
# list of its fields, each summary's digest with them (every build digests every page's summary, the templates'
# view: a build that makes a page or two would otherwise spend a tenth of its time on those). A build that read the
# index writes each page it did not make again as the very line it read (see ``KnownPage.line``): encoding 10,000
# pages again was a twentieth of such a build. The lines are read as one JSON list, and their types checked a field
# at a time (at C speed).

_TEXT = ("key", "lang", "path", "title", "description", "template", "nav_title", "url", "translated_from")
_KEPT = ("summary", "digest", "job")  # texts too: the summary's digest, the file's, the job's key
FIELDS = (*_TEXT, *_KEPT, "weight", "edition", "heading_ids", "citations", "external", "warnings", "conversions",
          "reads")
_LINE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def index_lines(index: PageIndex) -> Iterator[bytes]:
    """The index file's content (after its first line, which ``store.write_checked`` adds), a line at a time."""
    yield _LINE({"rest": index.rest, "targets": index.targets, "beside_pages": index.beside_pages,
                 "shared": index.shared, "fields": FIELDS}).encode()
    for page in index.pages:
        yield b"\n" + (page.line or _LINE(_fields(page)).encode())


def _fields(page: KnownPage) -> list:
    summary = page.summary
    return [summary.key, summary.lang, str(summary.path), summary.title, summary.description, summary.template,
            summary.nav_title, summary.url, summary.translated_from, summary.content_digest, page.digest, page.job,
            summary.weight, page.edition, sorted(page.heading_ids), page.citations, page.external,
            [[str(w.location.path), w.location.line, w.location.column, w.message, w.hint, w.detail]
             for w in page.warnings], page.conversions, page.reads]


_CHUNK = 500  # pages made between two asks whether to stop (see IndexReading.made)
_FAILED = (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError)


class IndexReading:
    """An index file read and its types checked, its pages made a chunk at a time (:meth:`made`): a build reads
    it while the input files are digested, and leaves it half made if they turn out unchanged (see ``pipeline``)."""

    def __init__(self, build: dict, columns: dict[str, tuple], lines: list[bytes]) -> None:
        self._build, self._columns, self._lines = build, columns, lines
        self._pages: list[KnownPage] = []
        self._paths: dict[str, Path] = {}  # one Path object per file and folder (see _path)
        self._failed = False

    @classmethod
    def of(cls, content: bytes | None) -> IndexReading | None:
        """``content`` (what :func:`index_lines` wrote) read, or None when it is not of that shape."""
        if content is None:
            return None
        try:
            head, *lines = content.split(b"\n")
            build = json.loads(head)
            rows = json.loads(b"[" + b",".join(lines) + b"]")
            if (build["fields"] != list(FIELDS) or len(rows) != len(lines) or not all_of(list, rows)
                    or {len(row) for row in rows} - {len(FIELDS)}):
                return None
            columns = dict(zip(FIELDS, zip(*rows))) if rows else {name: () for name in FIELDS}
            if not (all(all_of(str, columns[name]) for name in (*_TEXT, *_KEPT)) and all_of(int, columns["weight"])
                    and all_of(bool, columns["edition"])
                    and all(_lists_of_texts(columns[name])
                            for name in ("heading_ids", "external", "conversions", "reads"))
                    and all(type(build[name]) is str for name in ("rest", "targets", "beside_pages", "shared"))):
                return None
        except _FAILED:
            return None
        return cls(build, columns, lines)

    def made(self, stop: Callable[[], bool] = lambda: False) -> PageIndex | None:
        """The index, every page made; None when it is not of the shape written (a page's citation or warning
        is not), or when ``stop()``, asked between chunks of pages, said to stop first: asked again, it goes on
        where it stopped."""
        columns, total = self._columns, len(self._lines)
        while not self._failed and len(self._pages) < total:
            if stop():
                return None
            start = len(self._pages)
            end = min(start + _CHUNK, total)
            try:
                self._pages.extend(map(_known_page, *(columns[name][start:end] for name in (
                    *_TEXT, "weight", "summary", "edition", "digest", "heading_ids", "citations", "external",
                    "warnings", "job", "conversions", "reads")), repeat(self._paths), self._lines[start:end]))
            except _FAILED:
                self._failed = True
        if self._failed:
            return None
        return PageIndex(self._build["rest"], self._build["targets"], self._build["beside_pages"], self._build["shared"],
                         tuple(self._pages))


def _known_page(key: str, lang: str, path: str, title: str, description: str, template: str, nav_title: str,
                url: str, translated_from: str, weight: int, digest_of_summary: str, edition: bool, digest: str,
                heading_ids: list, citations: list, external: list, warnings: list, job: str, conversions: list,
                reads: list, paths: dict[str, Path], line: bytes) -> KnownPage:
    summary = PageSummary(key, lang, _path(path, paths), title, description, template, weight, nav_title, url,
                          translated_from)
    summary.__dict__["content_digest"] = digest_of_summary  # as computed when it was written (see above)
    cited = tuple(map(_citation, citations)) if citations else ()
    shown = tuple(ContentError(Location(_path(text(file), paths), number(line), number(column)), text(message),
                               text(hint), text(detail))
                  for file, line, column, message, hint, detail in warnings) if warnings else ()
    return KnownPage(summary, edition, digest, frozenset(heading_ids), cited, tuple(external), shown, job,
                     tuple(conversions), tuple(reads), line)


def _citation(citation: list) -> tuple[str, str, int | None, int | None]:
    source, quote, line, column = citation
    return text(source), text(quote), number(line), number(column)


def _path(name: str, paths: dict[str, Path]) -> Path:
    """One Path object per file (its pages and warnings share it), made from its folder's (a tenth of the time of
    making each from the text: 10,000 of them are made on every build that reads the index)."""
    found = paths.get(name)
    if found is None:
        folder, _, file = name.rpartition(os.sep)
        parent = paths.get(folder) or paths.setdefault(folder, Path(folder))
        found = paths[name] = parent / file if folder and file else Path(name)
    return found


def _lists_of_texts(column: Sequence[object]) -> bool:
    """Whether each of ``column`` is a list of texts (asked of the whole column at once, at C speed)."""
    return all_of(list, column) and all_of(str, chain.from_iterable(column))
