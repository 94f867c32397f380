"""The validated site: plain frozen dataclasses that flow from validate to render.

What an editor wrote is kept apart from what the build derived: a page's
``title`` comes from its front matter, its ``url`` and ``output`` path are
derived from its file name. Markdown is kept as HTML whose links were
already checked and resolved (:class:`Rendered`). The build's options
(:class:`BuildOptions`) travel with the site, and templates see other pages
only as a :class:`PageSummary`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .assets import Asset
from .compiled import Html, fill_placeholders
from .dates import PartialDate
from .errors import ContentError, ContentErrors, Location
from .memo import digest_of, digest_of_fields
from .patterns import compile_later
from .provenance import Passage, SourceBlock



@dataclass(frozen=True)
class Rendered:
    """Markdown an editor wrote, resolved for its page: HTML (safe: raw HTML is off).

    Held as the text's compiled HTML (``compiled``: the compiler's own
    :class:`~microsite.compiled.Html`, which may be read only when first
    asked for, or HTML made here, as an edition's) and what fills its links'
    placeholders (``compiled.fill_placeholders``): the HTML is made when it
    is first asked for, in the process that renders the page. A site of long
    pages otherwise held every body twice while it was validated (compiled,
    and resolved), sent every body back from the worker that resolved it,
    and kept it twice more in the cache's store.
    """

    compiled: Html | str = ""
    fills: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.compiled)

    @cached_property  # made once where it is rendered: a template asks for it more than once (its sections)
    def html(self) -> str:
        compiled = self.compiled
        return fill_placeholders(compiled if type(compiled) is str else compiled.text, self.fills)

    @cached_property
    def content_digest(self) -> str:
        """A digest of its fields, once: a page's body is in its job's key, and the preview keeps bodies of
        pages that did not change from one build to the next (see ``memo``). Compiled HTML stands for itself
        by its text's key (it is a function of the text), so that a body is digested without reading its
        HTML; other HTML is digested as text (at C speed), not encoded into a tuple's encoding first."""
        compiled = self.compiled
        return digest_of((digest_of(compiled) if type(compiled) is str else compiled, self.fills))

    @property
    def plain(self) -> str:
        """The text without markup (for data downloads and feeds): blocks separated by a blank line, an image as
        its description (see :func:`text_of`)."""
        marked = _BLOCK_END.sub("\x01", self.html)
        text = text_of(marked)
        return "\n\n".join(block for block in (" ".join(part.split()) for part in text.split("\x01")) if block)


_BLOCK_END = compile_later(r"</(?:p|li|h[1-6]|blockquote|td|th|pre|dt|dd)>|<br\s*/?>")
_TAG = compile_later(r"<[^<>]*>")  # (the renderer escapes < in text and values: a tag holds none)
_IMAGE = compile_later(r"<img\b([^>]*)>")
_ATTRIBUTE = compile_later(r'\s([^\s="]+)="([^"]*)"')  # as the renderer writes one: a value's own " is &quot;


def text_of(markup: str) -> str:
    """The text of (our renderer's) HTML as a reader takes it in where it is not shown as a page: without tags,
    an image as its description, which a screen reader reads where it stands (not dropped: 8, an image of 和,
    then 9家 would read 89家; ``compiled`` refuses a number that runs on across an image or into its
    description)."""
    if "<img" in markup:
        markup = _IMAGE.sub(_description, markup)
    return html.unescape(_TAG.sub("", markup))


def _description(image: re.Match) -> str:
    return next((value for name, value in _ATTRIBUTE.findall(image.group(1)) if name == "alt"), "")


@dataclass(frozen=True)
class Language:
    """A language of the site: ``code`` in file and URL names, ``tag`` for ``lang``/``hreflang``."""

    code: str
    name: str
    tag: str


@dataclass(frozen=True)
class Config:
    """``content/site.yaml``: site-wide settings."""

    path: Path
    title: dict[str, str]
    description: dict[str, str]
    languages: tuple[Language, ...]
    default_language: str
    base_url: str
    nav: tuple[str, ...]
    nav_locations: tuple[Location, ...] = ()  # where each nav entry is written, for error messages
    organisation: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> name, alternate_name
    editions: tuple = ()  # editions.Edition: languages the build converts from another (site.yaml editions:)
    original_language: str = ""  # the language the others are translated from (site.yaml original_language:);
    # empty: the default language. Not the same thing: English may be published at the root of a site written in Chinese

    def __post_init__(self) -> None:
        if not self.original_language:
            object.__setattr__(self, "original_language", self.default_language)

    @cached_property  # asked for on every page and link; a frozen dataclass may still cache in its __dict__
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @cached_property
    def language_names(self) -> dict[str, str]:
        """Each language's name by its code, the editions' too: the first folder of their pages' addresses."""
        return {language.code: language.name for language in (*self.languages,
                                                               *(edition.language for edition in self.editions))}

    @cached_property
    def base_path(self) -> str:
        """The path part of ``base_url`` (``/`` or ``/icf-explained/``)."""
        rest = self.base_url.split("://", 1)[-1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def href(self, key: str, lang: str, fragment: str = "") -> str:
        """The link to a page from within the site: under the base path, ``#fragment`` if given."""
        return _with_fragment(self.base_path + page_url(key, lang, self.default_language).lstrip("/"), fragment)

    def absolute(self, key: str, lang: str, fragment: str = "") -> str:
        """A page's absolute URL (canonical links, feeds, sitemaps, structured data)."""
        return _with_fragment(self.base_url + page_url(key, lang, self.default_language).lstrip("/"), fragment)


def _with_fragment(url: str, fragment: str) -> str:
    return f"{url}#{fragment}" if fragment else url


def page_url(key: str, lang: str, default_language: str) -> str:
    """The site-relative URL of a page: the default language at the root, others under ``/<lang>/``.

    ``index`` is the folder itself and ``404`` is ``404.html``, as static hosts expect.
    """
    prefix = "/" if lang == default_language else f"/{lang}/"
    if key == "index":
        return prefix
    if key == "404":
        return f"{prefix}404.html"
    return f"{prefix}{key}/"


def output_path(url: str) -> str:
    """The file a URL is served from: ``/en/timeline/`` -> ``en/timeline/index.html``."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class Page:
    """A narrative page in one language (``content/pages/<key>.<lang>.md``).

    ``title`` to ``nav_title`` are the front matter; ``url``, ``body`` (rendered,
    links resolved) and ``heading_ids`` are derived by the build.
    """

    key: str
    lang: str
    path: Path
    title: str
    description: str
    template: str
    weight: int
    nav_title: str
    url: str
    body: Rendered
    heading_ids: frozenset[str]
    fingerprint: str = ""
    translated_from: str = ""  # the original's fingerprint when this translation was last brought up to date
    words: str = ""  # the fingerprint of its words (white space left out): what a translation's record is compared to
    # What other pages' checks read of its body (see ``known``): its ``cite:`` links (source, quote, and the line
    # and column of its file where each is), and the addresses of its links to other websites.
    citations: tuple[tuple[str, str, int, int], ...] = ()
    external: tuple[str, ...] = ()
    conversions: tuple[str, ...] = ()  # an edition's page: the phrases of its edition's own conversions it used

    @cached_property
    def content_digest(self) -> str:
        """Computed once per page: the preview keeps the pages that did not change from one build to the next,
        and every build's reuse keys cover every page (see ``memo``).

        A digest of all its fields: those its summary has by the summary's
        digest (which every build computes anyway: every page's key covers
        every summary), then the others, by name (``_NOT_IN_SUMMARY``).
        """
        return digest_of((self.summary, *[getattr(self, name) for name in _NOT_IN_SUMMARY]))

    @cached_property
    def summary(self) -> PageSummary:
        """What templates see of this page when they render another one (made once per page)."""
        return PageSummary.of(self)


@dataclass(frozen=True)
class PageSummary:
    """What templates see of a page other than the one they render: everything but its body.

    Every field is part of every page's reuse key (see ``render``), so a page
    that shows another page's title is made again when that title changes; a
    body is shown only on its own page (else one edit would remake them all).
    """

    key: str
    lang: str
    path: Path
    title: str
    description: str
    template: str
    weight: int
    nav_title: str
    url: str
    translated_from: str = ""

    @classmethod
    def of(cls, page: Page) -> PageSummary:
        return cls(**{name: getattr(page, name) for name in cls.__dataclass_fields__})

    @cached_property
    def content_digest(self) -> str:
        """Computed once per summary: every page's reuse key covers every other page's summary."""
        return digest_of_fields(self)


_NOT_IN_SUMMARY = tuple(name for name in Page.__dataclass_fields__ if name not in PageSummary.__dataclass_fields__)


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote of a source backing a record, and its anchor on the source page."""

    source: str
    quote: str
    anchor: str = ""
    location: Location | None = None  # where the quote is written, for error messages
    lang: str = "zh"  # the language of the source, whose reader reads the quote (provenance.as_read)


@dataclass(frozen=True)
class StatisticText:
    """A statistic's words: ``label`` reads after the number; ``short`` labels it in a chart."""

    label: str
    measure: str = ""
    note: Rendered = Rendered()
    short: str = ""


class SaidNumber(NamedTuple):
    """A number a statistic's quote says of the statistic's value: its measure word or unit (``个``, or ""), as
    written, and where in the quote."""

    unit: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Statistic:
    """A figure from an article: one value, its unit and qualifier, words per language."""

    id: str
    value: float
    unit: str
    qualifier: str
    group: str
    headline: bool
    evidence: Evidence
    text: dict[str, StatisticText]
    formatted: dict[str, str]
    location: Location
    pages: tuple[str, ...] = ()  # keys of pages that show it among their related figures


@dataclass(frozen=True)
class EventText:
    title: str
    text: Rendered = Rendered()


@dataclass(frozen=True)
class Event:
    """A dated event, at the precision its source gives."""

    id: str
    date: PartialDate
    evidence: Evidence
    stats: tuple[str, ...]
    text: dict[str, EventText]
    location: Location
    pages: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermText:
    term: str
    definition: Rendered = Rendered()
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A glossary entry: how a Chinese term is rendered and explained."""

    id: str
    pinyin: str
    evidence: Evidence | None
    text: dict[str, TermText]
    location: Location


@dataclass(frozen=True)
class SourceText:
    """A source's metadata in a reader's language, with an optional summary."""

    outlet: str
    title: str
    kicker: str
    author: str
    summary: Rendered = Rendered()
    page: str = ""  # the page in the reader's words ("6"), shown before the original's 第06版 六版


@dataclass(frozen=True)
class Source:
    """An article the site is built from: metadata, cleaned text, quoted passages."""

    id: str
    path: Path
    lang: str
    outlet: str
    date: date
    edition: str
    page: str
    kicker: str
    title: str
    author: str
    declared_chars: int | None
    counted_chars: int
    raw_sha256: str
    raw_name: str
    blocks: tuple[SourceBlock, ...]
    passages: tuple[Passage, ...] = ()
    translations: dict[str, SourceText] = field(default_factory=dict)
    conversions: dict[str, tuple[SourceBlock, ...]] = field(default_factory=dict)  # edition -> converted blocks

    @property
    def key(self) -> str:
        return f"sources/{self.id}"

    @property
    def header_lines(self) -> tuple[str, ...]:
        """What the article's header says of it, as the paper writes it: the outlet, the day (in Chinese, as
        ``2023年10月11日``), the edition and page, the kicker, title and author, and its length as the paper
        declares it. What a link to the source may say of it (``[the article of 11 October 2023](source:ID)``);
        not the length we counted, which no article says."""
        day = f"{self.date.year}年{self.date.month}月{self.date.day}日"
        length = (f"{self.declared_chars}字",) if self.declared_chars is not None else ()
        return (self.outlet, day, self.edition, self.page, self.kicker, self.title, self.author, *length)

    @cached_property
    def content_digest(self) -> str:
        """Computed once per source (its whole text): its page in each language and the site's view all cover it."""
        return digest_of_fields(self)


LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a date can name
DEFAULT_TIMEOUT = 30.0  # seconds a page's rendering may take, as Hugo's default (a page of 2,000 takes 0.1 s at most)


@dataclass(frozen=True)
class BuildOptions:
    """How to build, besides the project's files: read once, where the command line or preview starts.

    ``base_url`` overrides site.yaml's; ``fingerprint`` puts content hashes in
    static file names (off for the live preview); ``source_date_epoch`` pins
    the feeds' own time (``SOURCE_DATE_EPOCH``, for reproducible builds);
    ``search_index`` writes the search index with the pages (off for the live
    preview, which makes it when a browser first asks for it: see ``serve``);
    ``timeout`` stops a page whose rendering runs longer, in seconds (None: no
    limit), as a mistake of its template (a loop without end: see ``render``).
    Nothing else in the build reads the environment, and the options are
    part of every reuse key (they are part of the :class:`Site`).
    """

    base_url: str | None = None
    fingerprint: bool = True
    source_date_epoch: int | None = None
    search_index: bool = True
    timeout: float | None = DEFAULT_TIMEOUT

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], base_url: str | None = None,
                         fingerprint: bool = True, search_index: bool = True,
                         timeout: float | None = DEFAULT_TIMEOUT) -> BuildOptions:
        """Raises :class:`ContentErrors` for a SOURCE_DATE_EPOCH that names no time (before any work is done)."""
        epoch = environ.get("SOURCE_DATE_EPOCH", "")
        if epoch and not (epoch.isascii() and epoch.isdigit() and int(epoch) <= LATEST_EPOCH):
            raise ContentErrors([ContentError(
                Location(Path("SOURCE_DATE_EPOCH")), f"the environment variable is {epoch[:40]!r}, "
                f"not a time in seconds since 1970-01-01 UTC between 0 and {LATEST_EPOCH}",
                "set it to a time such as $(git log -1 --format=%ct), or unset it")])
        return cls(base_url, fingerprint, int(epoch) if epoch else None, search_index, timeout)


@dataclass(frozen=True)
class Site:
    """Everything render needs, checked and cross-referenced."""

    root: Path
    config: Config
    pages: tuple[Page, ...]
    statistics: tuple[Statistic, ...]
    events: tuple[Event, ...]
    terms: tuple[Term, ...]
    sources: tuple[Source, ...]
    strings: dict[str, dict[str, str]]
    assets: dict[str, Asset]  # static files by name, with their fingerprinted paths
    warnings: tuple[ContentError, ...] = ()  # not mistakes, but worth an editor's look
    external_links: frozenset[str] = frozenset()  # links to other sites that editors wrote in the content
    link_targets: str = ""  # a digest of everything a link may point at (see ``known``)
    targets_beside_pages: str = ""  # a digest of the same, but the pages' headings
    reads: dict[Path, tuple[str, ...]] = field(default_factory=dict)  # by file, the pages its links looked up
    options: BuildOptions = BuildOptions()
