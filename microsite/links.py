"""Links in editors' Markdown: checked, resolved, and numbers kept honest.

Editors link by meaning, not by URL, so links survive a change of URL
scheme or base path and a wrong one is caught at build time::

    [text](competence.md)            a page, in the same language
    [text](../statistics.md#anchor)  a heading on a page
    [](stat:donations)               a statistic's value, formatted per language
    [text](event:april-trade-fair)   a timeline event
    [text](term:jinjiang-experience) a glossary entry
    [text](cite:SOURCE "quote")      a verbatim quote, linked to its passage
    [text](https://example.org/)     another site (http, https, mailto only)
    ![alt](/static/photo.jpg)        an image from static/

Every number in prose must be traced (see :mod:`tracing`): inside a
``cite:`` link whose quote has that number, in a statistic link, in a data
record whose own quote has it, or in a glossary term's name.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
import posixpath
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .addresses import LINK_SCHEMES
from .compiled import Compiled, LinkSpec, TextRun
from .conventions import RECORD_ANCHOR_PREFIXES, RECORD_KIND, content_file, is_template_id, key_and_language
from .dates import PartialDate
from .errors import ContentError, Location
from .kept import Kept
from .memo import same_encoding
from .model import Config, Rendered, Source
from . import quantities
from .i18n import locale_of
from .provenance import as_read, normalize
from .quantities import Quantity
from .tracing import Allowed, from_today_problem, quote_quantities, untraced


@dataclass(frozen=True, slots=True)
class Prose:
    """Markdown an editor wrote, compiled, with what is needed to resolve it and point at its lines.

    ``first_line``/``first_column`` give the file position of the text's first
    line; ``page_key`` anchors relative page links; a data record's own
    ``quote`` (and its ``source``) lets its text repeat the numbers the quote
    has; ``slot`` names what the text belongs to, so the resolved HTML can be
    put back there (``("page", key, lang)``, ``("stat", id, lang, "note")``...).
    """

    compiled: Compiled
    lang: str
    path: Path
    first_line: int
    first_column: int = 1
    page_key: str = ""
    quote: str = ""
    source: str = ""
    slot: tuple = ()
    text: str | Kept = ""  # the Markdown as written (for checks on the words themselves)

    def location(self, line_index: int, column: int) -> Location:
        base_column = self.first_column if line_index == 0 else 1
        return Location(self.path, self.first_line + line_index, base_column + column)


@dataclass(frozen=True)
class Citation:
    """A ``cite:`` link found in prose, before its passage anchor is known."""

    source: str
    quote: str
    location: Location


@dataclass(frozen=True)
class Targets:
    """Everything a link may point at, and how to write its URL."""

    config: Config
    pages: dict[tuple[str, str], frozenset[str]]  # (key, lang) -> heading ids
    special: dict[str, str]  # template -> page key
    statistics: dict[str, dict[str, str]]  # id -> lang -> formatted value
    events: frozenset[str]
    terms: frozenset[str]
    sources: dict[str, date]  # id -> article date
    anchors: dict[tuple[str, str], str]  # (source id, normalized quote) -> anchor
    static_files: frozenset[str]
    asset_paths: dict[str, str] = field(default_factory=dict)  # static file -> its fingerprinted path
    unreadable: frozenset[str] = frozenset()  # content files that failed to load, relative to content/
    broken: frozenset[str] = frozenset()  # records with mistakes of their own ("stat:id")
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> glossary names with a number
    event_dates: dict[str, PartialDate] = field(default_factory=dict)  # id -> date (its numbers trace a link's)
    rates: dict[str, str] = field(default_factory=dict)  # statistic id -> the span its quote says it per, if any
    headers: dict[str, tuple[Quantity, ...]] = field(default_factory=dict)  # source id -> what its header says
    languages: dict[str, str] = field(default_factory=dict)  # source id -> its language, whose reader reads a quote

    @functools.cached_property
    def page_keys(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Each key of ``pages``, by itself: what a text read is noted with these very tuples (see
        :class:`_Noting`), so that 10,000 texts that each looked up 20 pages hold no copies of them."""
        return {key: key for key in self.pages}


_TARGET_FIELDS = frozenset(Targets.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Read:
    """What resolving one text read of the link targets: whole fields by name; of ``pages``, the pages whose
    headings it looked at, and those it only looked up (``found``: whether they exist), each by key and language.
    A text whose reads meet no change (:func:`changed_between`) resolves as it did."""

    fields: tuple[str, ...] = ()  # sorted (kept for each of 10,000 texts: tuples are the smallest)
    pages: tuple[tuple[str, str], ...] = ()  # sorted
    found: tuple[tuple[str, str], ...] = ()  # sorted; none of ``pages``

    def meets(self, changed: Changes) -> bool:
        """Whether anything this text read is among ``changed`` (a look-up per read: a checkout that changed
        10,000 pages is asked about by 10,000 texts)."""
        return (any(name in changed.fields for name in self.fields) or any(key in changed.pages for key in self.pages)
                or any(key in changed.present for key in self.found))


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs between two builds' link targets, in the terms of :class:`Read`: the fields, the pages whose
    headings differ (or that one build has and the other has not), and the pages one build has and the other not."""

    fields: frozenset[str] = frozenset()
    pages: frozenset[tuple[str, str]] = frozenset()
    present: frozenset[tuple[str, str]] = frozenset()


def changed_between(before: Targets, after: Targets) -> Changes:
    """The fields, and the pages' headings, that differ between ``before`` and ``after`` (or may: a value of an
    unknown kind counts as changed, see ``memo.same_encoding``)."""
    fields = frozenset(name for name in _TARGET_FIELDS - {"pages"}
                       if not same_encoding(getattr(before, name), getattr(after, name)))
    pages = frozenset(key for key in before.pages.keys() | after.pages.keys()
                      if not same_encoding(before.pages.get(key), after.pages.get(key)))
    return Changes(fields, pages, frozenset(before.pages.keys() ^ after.pages.keys()))


class _Noting:
    """The link targets as one text's resolution sees them, noting what it reads (see :class:`Read`).

    Nothing else of them can be reached from here: an attribute that is not
    one of their fields does not exist, and ``pages`` answers only ``get``.
    So what is noted is all that the result depends on, whatever the code
    that resolves links comes to read.
    """

    def __init__(self, targets: Targets) -> None:
        self._targets = targets
        self._fields: set[str] = set()
        self._pages: set[tuple[str, str]] = set()  # their headings looked at
        self._found: set[tuple[str, str]] = set()  # looked up

    def __getattr__(self, name: str):
        if name not in _TARGET_FIELDS:
            raise AttributeError(name)
        if name == "pages":
            return _NotedPages(self._targets.pages, self._targets.page_keys, self._pages, self._found)
        self._fields.add(name)
        return getattr(self._targets, name)

    def read(self) -> Read:
        return Read(_one_of_each(tuple(sorted(self._fields))), tuple(sorted(self._pages)),
                    tuple(sorted(self._found - self._pages)))


@functools.cache
def _one_of_each(fields: tuple[str, ...]) -> tuple[str, ...]:
    """``fields``, as the first equal tuple made: texts read a few sets of fields, and 10,000 texts held
    10,000 copies of them (a build's memory peak rose by 15 MB)."""
    return fields


class _NotedPages:
    """``Targets.pages`` for :class:`_Noting`: each page looked up is noted, and apart, each whose headings are
    looked at. A page's headings come as :class:`_NotedHeadings`: whether a page exists is known by ``is None``,
    which reads nothing of them."""

    def __init__(self, pages: dict[tuple[str, str], frozenset[str]], keys: dict[tuple[str, str], tuple[str, str]],
                 noted: set[tuple[str, str]], found: set[tuple[str, str]]) -> None:
        self._pages, self._keys, self._noted, self._found = pages, keys, noted, found

    def get(self, key: tuple[str, str]) -> _NotedHeadings | None:
        key = self._keys.get(key, key)
        self._found.add(key)
        headings = self._pages.get(key)
        return None if headings is None else _NotedHeadings(headings, key, self._noted)


class _NotedHeadings:
    """A page's heading ids for :class:`_Noting`: asking whether one is among them, or going through them, notes
    that the page's headings were looked at. Nothing else of them can be reached."""

    __slots__ = ("_headings", "_key", "_noted")

    def __init__(self, headings: frozenset[str], key: tuple[str, str], noted: set[tuple[str, str]]) -> None:
        self._headings, self._key, self._noted = headings, key, noted

    def __contains__(self, ident: object) -> bool:
        self._noted.add(self._key)
        return ident in self._headings

    def __iter__(self) -> Iterator[str]:
        self._noted.add(self._key)
        return iter(self._headings)

    def __len__(self) -> int:
        self._noted.add(self._key)
        return len(self._headings)


def citations(prose: Prose) -> list[Citation]:
    """The ``cite:`` links of ``prose`` (collected first: their quotes decide the anchors)."""
    return [Citation(link.href[5:], link.title, prose.location(link.line, link.column)) for link in prose.compiled.cited]


def cited(prose: Prose) -> tuple[tuple[str, str, int, int], ...]:
    """:func:`citations` as plain data: each link's source, quote, and line and column in the file of ``prose``."""
    return tuple((citation.source, citation.quote, citation.location.line, citation.location.column)
                 for citation in citations(prose))


@dataclass
class _Resolved:
    """What one link becomes: its attributes, the text of an empty link, and how it was classified."""

    attributes: dict[str, str] = field(default_factory=dict)
    filler: str = ""
    kind: str = ""  # "cite", "stat", "event", "source", "broken" or "" (for the digit check)
    allowed: tuple[Quantity, ...] = ()  # numbers its text may contain (cite: the quote's; stat: the value's)


def resolve_noting(prose: Prose, targets: Targets) -> tuple[tuple[str, ...], list[ContentError], Read]:
    """:func:`resolve`, with what it read of ``targets`` (so that a change elsewhere need not resolve it again);
    its HTML as what fills the compiled text's placeholders (see :class:`~microsite.model.Rendered`), all that
    a worker that resolved it sends back."""
    noting = _Noting(targets)
    rendered, errors = resolve(prose, noting)  # type: ignore[arg-type]  (it reads only the targets' fields)
    return rendered.fills, errors, noting.read()


def resolve(prose: Prose, targets: Targets) -> tuple[Rendered, list[ContentError]]:
    """Resolve every link of ``prose``, check its digits; return its HTML and the mistakes."""
    errors = [ContentError(prose.location(m.line, m.column), m.message, m.hint) for m in prose.compiled.mistakes]
    links, digits = prose.compiled.survey.found()
    resolved = []
    for link in links:
        result = _Resolved()
        problem = _resolve_link(link, prose, targets, result)
        if problem:
            message, hint = problem
            errors.append(ContentError(prose.location(link.line, link.column), message, hint))
            result.kind = "broken"
        resolved.append(result)
    errors.extend(_untraced_numbers(prose, targets, links, digits, resolved))
    return Rendered(prose.compiled.body, _fills(resolved)), errors


def _fills(resolved: list[_Resolved]) -> tuple[str, ...]:
    """What fills each link's placeholders (see ``compiled.fill_placeholders``): its attributes, then its text."""
    fills = []
    for result in resolved:
        attributes = result.attributes.items()
        fills.append("".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes))
        fills.append(html.escape(result.filler, quote=False))
    return tuple(fills)


def unaddressed(fills: tuple[str, ...]) -> list[int]:
    """The places, among a text's links, of those its ``fills`` (see :func:`_fills`) leave without an address:
    a resolved link's attributes begin with its ``href`` (an image's, its ``src``: see :func:`_resolve_link`);
    a link left unresolved has none, or a title only."""
    return [number for number, attributes in enumerate(fills[::2])
            if not attributes.startswith((' href="', ' src="'))]


def _resolve_link(link: LinkSpec, prose: Prose, targets: Targets, result: _Resolved) -> tuple[str, str] | None:
    href = link.href
    if link.mistyped:
        result.kind = "broken"
        return None  # reported as the mistyped link it is part of
    scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
    if link.title and not link.is_image:
        result.attributes["title"] = link.title
    if link.is_image:
        return _image(link, targets, result)
    if scheme in RECORD_KIND:
        return _record_link(link, scheme, href.split(":", 1)[1], prose.lang, targets, result)
    if scheme == "cite":
        return _cite(link, prose, targets, result)
    if scheme == "source":
        return _source(link, prose, targets, result)
    if scheme in LINK_SCHEMES:
        result.attributes = {"href": href, **result.attributes}
        return None if urlsplit(href).netloc or scheme == "mailto" else (f"incomplete link '{href}'", "")
    if scheme:
        return (f"links with '{scheme}:' are not allowed",
                "link to pages with their .md file, or to other sites with https://")
    return _page_link(link, prose, targets, result)


def _page_link(link: LinkSpec, prose: Prose, targets: Targets, result: _Resolved) -> tuple[str, str] | None:
    path, _, fragment = link.href.partition("#")
    fragment = unquote(fragment)
    if path.startswith("/static/") and not fragment:  # a file of the site's own to open or download (a PDF)
        problem = _static_file(path, targets)
        if problem is None:
            result.attributes = {"href": _static_address(path, targets), **result.attributes}
        return problem
    if not path:
        key, lang = prose.page_key, prose.lang
        if not key:
            return ("a '#anchor' link needs a page", "write page.md#anchor")
    else:
        if not path.endswith(".md"):
            return (f"link to '{link.href}': link to a page by its Markdown file",
                    "e.g. [statistics](statistics.md) or [competence](pillars/competence.md#anchor); a file of "
                    "static/ is /static/<file>")
        key, lang = _page_key(unquote(path), prose, targets.config)
        if key is None:
            return (f"link to '{path}' leaves the pages folder", "")
    headings = targets.pages.get((key, lang))
    if headings is None and f"pages/{content_file(key, lang)}" in targets.unreadable:
        return None  # that page's own mistakes are reported instead
    if headings is None:
        return (f"link to a page that does not exist: '{link.href}' (looked for pages/{content_file(key, lang)})",
                "check the file name; links are relative to the current page's folder")
    if fragment and fragment not in headings and not _lists_record(key, fragment, targets):
        shown = ", ".join(sorted(headings)) or "none"
        listed = "".join(f"; #{record.anchor('ID')} for each {record.name} it lists (or link to one as "
                         f"[text]({record.prefix}:ID))" for record in RECORD_KIND.values()
                         if targets.special.get(record.template) == key)
        placed = (f"'#{fragment}' is where a template places something (not a heading), and the build cannot "
                  "check that the page has it: link to the page itself, or to one of its headings; "
                  if is_template_id(fragment) and not fragment.startswith(RECORD_ANCHOR_PREFIXES) else "")
        return (f"link to '#{fragment}', which is not a heading on {content_file(key, lang)}",
                f"{placed}anchors there: {shown}{listed}")
    result.attributes = {"href": targets.config.href(key, lang, fragment), **result.attributes}
    return None


def _lists_record(key: str, fragment: str, targets: Targets) -> bool:
    """Whether ``#fragment`` is the anchor of a record that the page ``key`` lists (``statistics.md#stat-ID``, as
    a reader copies it from the address bar): its template writes it there, where ``[text](stat:ID)`` leads."""
    for record in RECORD_KIND.values():
        ident = fragment.removeprefix(f"{record.prefix}-")
        if ident != fragment and targets.special.get(record.template) == key:
            return ident in getattr(targets, record.field)
    return False


def _page_key(path: str, prose: Prose, config: Config) -> tuple[str | None, str]:
    stem, lang = path[:-3], prose.lang
    name, suffix = key_and_language(stem)
    if name and suffix in config.codes:
        stem, lang = name, suffix
    if stem.startswith("/"):
        key = posixpath.normpath(stem.lstrip("/"))
    else:
        key = posixpath.normpath(posixpath.join(posixpath.dirname(prose.page_key), stem))
    return (None, lang) if key.startswith("..") else (key, lang)


def _record_link(link: LinkSpec, kind: str, ident: str, lang: str, targets: Targets,
                 result: _Resolved) -> tuple[str, str] | None:
    record = RECORD_KIND[kind]
    known, file = getattr(targets, record.field), record.file
    if ident not in known and (f"data/{file}.yaml" in targets.unreadable or f"{kind}:{ident}" in targets.broken):
        result.kind = "broken"
        return None  # the file's or the record's own mistakes are reported instead
    if ident not in known:
        return (f"no {record.template} record with id '{ident}'", f"check the id in content/data/{file}.yaml")
    page = targets.special.get(record.template)
    if page is None:
        return (f"no page shows the {record.template}",
                f"add a page with 'template: {record.template}'")
    result.attributes = {"href": targets.config.href(page, lang, record.anchor(ident)), **result.attributes}
    if kind == "event" and ident in targets.event_dates:
        result.kind = "event"
        result.allowed = quantities.date_parts(targets.event_dates[ident])
    if kind == "stat":
        shown = targets.statistics[ident][lang]
        result.kind = "stat"
        per = targets.rates.get(ident, "")  # (年均捐款超4.5亿元: its figure is a rate, which words around it may say)
        result.allowed = tuple(replace(item, per=per) if per and quantities.COUNT in item.meanings else item
                               for item in quantities.claimed(shown, lang))
        if not link.text:
            result.filler = shown
    return None


def _cite(link: LinkSpec, prose: Prose, targets: Targets, result: _Resolved) -> tuple[str, str] | None:
    source = link.href[5:]
    problem = _missing_source(source, targets, result, "citation of")
    if problem or result.kind == "broken":
        return problem
    if not link.title:
        return ("a citation needs the quote as the link title",
                f'write [text](cite:{source} "the exact words of the source")')
    anchor = targets.anchors.get((source, link.title)) or targets.anchors.get((source, normalize(link.title)[0]))
    if anchor is None:
        result.kind = "broken"
        return None  # the quote itself was not found: reported by provenance
    # No title tooltip: the quote is shown, highlighted, where the link leads; a tooltip reaches neither
    # keyboard nor touch readers and weighed 4 kB on a page of many citations.
    result.attributes = {"href": targets.config.href(f"sources/{source}", prose.lang, anchor), "class": "cite"}
    result.kind = "cite"
    lang = targets.languages.get(source, "zh")
    result.allowed = quote_quantities(as_read(link.title, lang), targets.sources[source], lang)
    return None


def _missing_source(source: str, targets: Targets, result: _Resolved, what: str) -> tuple[str, str] | None:
    """Why a link cannot lead to ``source``: none of that name (the known ones listed). None for a known source,
    and for one whose file could not be read, the link marked broken: that file's mistake is reported instead."""
    if source in targets.sources:
        return None
    if f"sources/{source}.md" in targets.unreadable:
        result.kind = "broken"
        return None
    known = ", ".join(sorted(targets.sources)) or "none"
    return (f"{what} an unknown source '{source}'", f"sources: {known}")


def header_quantities(source: Source) -> tuple[Quantity, ...]:
    """What an article's header says of it (``Source.header_lines``): what a link to it may say. An article in
    another language than Chinese is read by its own reader too: its title is in its words (over 450 million
    yuan), its day as the header writes it, in Chinese (2023年10月11日)."""
    header = "\n".join(source.header_lines)
    said = quote_quantities(normalize(header)[0], source.date)
    if locale_of(source.lang) == "zh":
        return said
    return said + quote_quantities(as_read(header, source.lang), source.date, source.lang)


def _source(link: LinkSpec, prose: Prose, targets: Targets, result: _Resolved) -> tuple[str, str] | None:
    """A link to a source's page as a whole (``[the article of 11 October 2023](source:ID)``): not a citation of
    what it says, which quotes it, but of the article itself; its text may say what the article's header says
    (its day, edition and page, title), as a citation's may say what its quote says."""
    source = link.href[len("source:"):]
    problem = _missing_source(source, targets, result, "link to")
    if problem or result.kind == "broken":
        return problem
    result.attributes = {"href": targets.config.href(f"sources/{source}", prose.lang), **result.attributes}
    result.kind = "source"
    result.allowed = targets.headers.get(source, ())
    return None

def _image(link: LinkSpec, targets: Targets, result: _Resolved) -> tuple[str, str] | None:
    src = link.href
    if not src.startswith("/static/"):
        return (f"image '{src}': images must be files in static/, written as /static/<file>",
                "the site makes no requests to other hosts")
    problem = _static_file(src, targets, "image")
    if problem is None:
        result.attributes = {"src": _static_address(src, targets)}
        if link.title:
            result.attributes["title"] = link.title
    return problem


def _static_file(path: str, targets: Targets, what: str = "the file") -> tuple[str, str] | None:
    """Why ``/static/<file>`` names no file of ``static/``, or None."""
    if unquote(path[len("/static/"):]) not in targets.static_files:
        return (f"{what} '{path}' does not exist in static/", "check its name, or add the file to static/")
    return None


def _static_address(path: str, targets: Targets) -> str:
    """Where the site publishes the file ``/static/<file>`` (its name fingerprinted, under the base path)."""
    relative = unquote(path[len("/static/"):])
    return targets.config.base_path + targets.asset_paths.get(relative, "static/" + relative)


# --- numbers ---------------------------------------------------------------


def _untraced_numbers(prose: Prose, targets: Targets, links: tuple[LinkSpec, ...], digits: tuple[TextRun, ...],
                      resolved: list[_Resolved]) -> list[ContentError]:
    """Numbers of the text (and of links' titles) that nothing traces (see :mod:`tracing`)."""
    errors: list[ContentError] = []
    if prose.source and prose.source not in targets.sources:
        return errors  # its source could not be read: that is the mistake to report, not every number after it
    own = None
    if prose.quote:
        reference, lang = targets.sources.get(prose.source), targets.languages.get(prose.source, "zh")
        own = Allowed(quote_quantities(as_read(prose.quote, lang), reference, lang), "the record's quote")
    names = targets.names.get(prose.lang, ())
    for run in digits:
        link = resolved[run.link] if run.link >= 0 else None
        if link is not None and link.kind == "broken":
            continue  # a citation or statistic link that did not resolve: its own mistake is reported
        text = run.text
        if not text:  # a statistic's figure, read in the words around it (每年[](stat:…) says it is a rate)
            if link is None or link.kind != "stat" or not (run.before or run.after):
                continue
            text = link.filler
        allowed = own
        if link is not None and link.kind == "cite":
            allowed = Allowed(link.allowed, "the quote it cites")
        elif link is not None and link.kind == "stat":
            allowed = Allowed(link.allowed, "the statistic it links to")
        elif link is not None and link.kind == "event":
            allowed = Allowed(link.allowed, "the date of the event it links to")
        elif link is not None and link.kind == "source":
            allowed = Allowed(link.allowed, "the header of the article it links to")
        # traced by the record's own quote rather than a citation, a record's text speaks in the site's voice, as
        # its label does: no "this year" there (see ``tracing.untraced``)
        for problem in untraced(text, prose.lang, allowed, names, own_voice=own is not None and allowed is own,
                                times=False, around=(run.before, run.after)):
            errors.append(ContentError(prose.location(*run.place_of(problem.start)), problem.message, problem.hint))
    if prose.slot[:1] != ("source",):  # (a source's translation is the article's words, its times the article's)
        # A page's text or a record's, outside its citations: the site's own voice, read on a later day.
        for line, column, words in prose.compiled.from_today:
            errors.append(ContentError(prose.location(line, column), *from_today_problem(words)))
    for link, result in zip(links, resolved):
        if link.title and result.kind not in ("cite", "broken"):  # a cite: link's title is the quote itself
            for problem in untraced(link.title, prose.lang, own, names, own_voice=own is not None):
                errors.append(ContentError(prose.location(link.line, link.column),
                                           f"the link's title: {problem.message}", problem.hint))
    return errors
