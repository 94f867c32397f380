"""What the last build knew of each page: enough to build again only the pages whose files changed.

A build after an edit of one page would otherwise read, check and digest
every page of the site again, only to find that the others came out as
before: at 10,000 pages, most of a second. So each successful command-line
build leaves a :class:`PageIndex` in ``.cache/pages.json``. For every page of
the site, in the site's order, it holds what the rest of a build reads of it:

* its summary (what templates show of a page they do not render),
* its heading ids (what links to it may name),
* its ``cite:`` links (their quotes decide the anchors of the sources' pages),
* its links to other websites,
* the warnings it gave (a translation out of date),
* the digest of its file's bytes, and the key of the job that made its file;

and, for the whole build, the digest of everything else it read (every other
input file, the build options, the code: :func:`rest_digest`), of the link
targets, and of the templates' view of the site (``render``).

When nothing but page files changed since (none added or removed), the next
command-line build reads the changed pages, and their other languages, and
checks them against what the index says of the others (``validate``); it
renders them, and keys every other page's job as the index has it. That key
is the one a full build would compute, if the link targets and the
templates' view come out as the last build's: a page is made from its file,
the site's settings, the link targets and the view, and nothing else. The
build checks both digests (:class:`NotReusable` when either differs) and,
when anything is amiss (a file added, a template or record changed, a
changed page's title or headings, a mistake in it, an output file gone), it
builds everything, as a build without an index does. ``tests/test_known.py``
and the reuse properties (``tests/test_reuse_properties.py``) compare such
builds with clean ones, byte for byte and warning for warning.

The file is JSON, read back with every type checked: like the rest of
``.cache/``, it can make a build slower, never run code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError, Location
from .inputs import Inputs
from .memo import digest_of
from .model import Page, PageSummary
from .store import all_of, number, text

PAGE_SUFFIX = ".md"  # under content/pages/: the files an index knows one by one


class NotReusable(Exception):
    """What the last build knew of the pages cannot serve this build (what changed reaches other pages, or a
    changed page has a mistake): it builds everything instead."""


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

    # What the checks across pages read of a page, as they read it of a Page.
    key = property(lambda self: self.summary.key)
    lang = property(lambda self: self.summary.lang)
    path = property(lambda self: self.summary.path)
    url = property(lambda self: self.summary.url)
    template = property(lambda self: self.summary.template)


@dataclass(frozen=True)
class PageIndex:
    """Every page of the last build, in the site's order, and the digests its reuse is checked against."""

    rest: str  # everything the build read but the page files (see rest_digest)
    targets: str  # the link targets (see ``validate``)
    shared: str  # what every job may read besides what it is given (see ``render.Renderer.shared_key``)
    pages: tuple[KnownPage, ...]

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

    @property
    def others(self) -> list[KnownPage]:
        """The pages of the site not made again, editions' left out."""
        return [page for page in self.index.pages if not page.edition and page.key not in self.keys]

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


def known_page(page: Page, edition: bool, inputs: Inputs, warnings: Sequence[ContentError], job: str) -> KnownPage:
    """What an index keeps of ``page``, made by the job of key ``job`` (its file's digest from ``inputs``)."""
    digest = "" if edition else inputs.content_digest(str(page.path)) or ""
    return KnownPage(page.summary, edition, digest, page.heading_ids, page.citations, page.external, tuple(warnings),
                     job)


# --- to and from plain data ---------------------------------------------------------------------------------------


def index_to_json(index: PageIndex) -> dict:
    return {"rest": index.rest, "targets": index.targets, "shared": index.shared,
            "pages": [_page_to_json(page) for page in index.pages]}


def _page_to_json(page: KnownPage) -> list:
    summary = page.summary
    return [summary.key, summary.lang, str(summary.path), summary.title, summary.description, summary.template,
            summary.weight, summary.nav_title, summary.url, summary.translated_from, page.edition, page.digest,
            sorted(page.heading_ids), [list(citation) for citation in page.citations], list(page.external),
            [[str(w.location.path), w.location.line, w.location.column, w.message, w.hint, w.detail]
             for w in page.warnings], page.job]


def index_from_json(data: Any) -> PageIndex | None:
    """The index :func:`index_to_json` wrote, its every type checked; None for anything else."""
    try:
        paths: dict[str, Path] = {}  # one Path object per file: its pages and warnings share it
        pages = tuple(_page_from_json(entry, paths) for entry in data["pages"])
        return PageIndex(text(data["rest"]), text(data["targets"]), text(data["shared"]), pages)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def _page_from_json(entry: list, paths: dict[str, Path]) -> KnownPage:
    (key, lang, path, title, description, template, weight, nav_title, url, translated_from, edition, digest,
     heading_ids, citations, external, warnings, job) = entry
    if type(edition) is not bool or type(weight) is not int:
        raise TypeError("not a known page")
    if not (all_of(str, heading_ids) and all_of(str, external) and all_of(list, citations)):
        raise TypeError("not a known page")
    where = paths.setdefault(text(path), Path(path))
    summary = PageSummary(text(key), text(lang), where, text(title), text(description), text(template), weight,
                          text(nav_title), text(url), text(translated_from))
    cited = tuple((text(source), text(quote), number(line), number(column)) for source, quote, line, column in citations)
    shown = tuple(ContentError(Location(paths.setdefault(text(file), Path(file)), _line(line), _line(column)),
                               text(message), text(hint), text(detail))
                  for file, line, column, message, hint, detail in warnings)
    return KnownPage(summary, edition, text(digest), frozenset(heading_ids), cited, tuple(external), shown, text(job))


def _line(value: Any) -> int | None:
    return None if value is None else number(value)
