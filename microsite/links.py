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

Arabic digits in prose must be traceable: inside a ``cite:`` link whose
quote has that number, or in a data record whose own quote has it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from .dates import find_dates_zh
from .errors import ContentError, Location
from .markdown import LinkRef, find_in_lines, iter_links, iter_text
from .model import Config, page_url
from .numerals import digit_runs, find_numbers, find_numbers_zh, same_value
from .provenance import normalize

EXTERNAL_SCHEMES = ("http", "https", "mailto")
SPECIAL_PAGES = {"stat": "statistics", "event": "timeline", "term": "glossary"}
ID_PREFIXES = {"stat": "stat-", "event": "event-", "term": "term-"}


@dataclass(frozen=True)
class Prose:
    """Markdown an editor wrote, parsed, with what is needed to point at its lines.

    ``first_line``/``first_column`` give the file position of ``lines[0]``;
    ``page_key`` anchors relative page links; a data record's own ``quote``
    (and its ``source``) lets its text repeat the numbers the quote has.
    """

    tokens: tuple[Token, ...]
    lang: str
    path: Path
    lines: tuple[str, ...]
    first_line: int
    first_column: int = 1
    page_key: str = ""
    quote: str = ""
    source: str = ""

    def location(self, line_index: int, column: int) -> Location:
        base_column = self.first_column if line_index == 0 else 1
        return Location(self.path, self.first_line + line_index, base_column + column)

    def locate(self, link_lines: tuple[int, int], needle: str) -> Location:
        line, column = find_in_lines(list(self.lines), link_lines, needle)
        return self.location(line, column)


class _Scanner:
    """Finds the pieces of each block of ``prose`` in its lines in document order, each after the last.

    Inline tokens carry no columns. Searching on from the previous piece puts a
    repeated href (every citation of one source has the same) or number at its
    own place rather than at the first occurrence in the paragraph.
    """

    def __init__(self, prose: Prose) -> None:
        self.prose = prose
        self.after: dict[tuple[int, int], tuple[int, int]] = {}  # block lines -> (line, column) searched up to

    def find(self, span: tuple[int, int], needle: str) -> tuple[int, int] | None:
        """0-based (line, column) of ``needle`` after the previous find in the block ``span``, or None."""
        line, column = self.after.get(span, (span[0], 0))
        for number in range(line, min(span[1], len(self.prose.lines))) if needle else ():
            found = self.prose.lines[number].find(needle, column if number == line else 0)
            if found >= 0:
                self.after[span] = (number, found + len(needle))
                return number, found
        return None

    def locate(self, span: tuple[int, int], needle: str) -> Location:
        found = self.find(span, needle)
        return self.prose.location(*found) if found else self.prose.locate(span, needle)


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

    def href(self, key: str, lang: str, fragment: str = "") -> str:
        url = page_url(key, lang, self.config.default_language)
        href = self.config.base_path + url.lstrip("/")
        return f"{href}#{fragment}" if fragment else href


def citations(prose: Prose) -> list[Citation]:
    """The ``cite:`` links of ``prose`` (collected first: their quotes decide the anchors)."""
    found, scanner = [], _Scanner(prose)
    for link in iter_links(list(prose.tokens)):
        if link.href.startswith("cite:"):
            location = scanner.locate(link.lines, link.href)
            found.append(Citation(link.href[5:], link.title, location))
    return found


def resolve(prose: Prose, targets: Targets) -> list[ContentError]:
    """Check and rewrite every link of ``prose`` in place; check its digits. Returns the mistakes."""
    errors: list[ContentError] = []
    scanner = _Scanner(prose)
    for link in iter_links(list(prose.tokens)):
        location = scanner.locate(link.lines, link.href)  # before the href is rewritten
        problem = _resolve_link(link, prose, targets)
        if problem:
            message, hint = problem
            errors.append(ContentError(location, message, hint))
    errors.extend(_untraced_numbers(prose, targets))
    return errors


def _resolve_link(link: LinkRef, prose: Prose, targets: Targets) -> tuple[str, str] | None:
    href = link.href
    scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
    if link.is_image:
        return _image(link, targets)
    if scheme in SPECIAL_PAGES:
        return _record_link(link, scheme, href.split(":", 1)[1], prose.lang, targets)
    if scheme == "cite":
        return _cite(link, prose, targets)
    if scheme in EXTERNAL_SCHEMES:
        return None if urlsplit(href).netloc or scheme == "mailto" else (f"incomplete link '{href}'", "")
    if scheme:
        return (f"links with '{scheme}:' are not allowed",
                "link to pages with their .md file, or to other sites with https://")
    return _page_link(link, prose, targets)


def _page_link(link: LinkRef, prose: Prose, targets: Targets) -> tuple[str, str] | None:
    path, _, fragment = link.href.partition("#")
    fragment = unquote(fragment)
    if not path:
        key, lang = prose.page_key, prose.lang
        if not key:
            return ("a '#anchor' link needs a page", "write page.md#anchor")
    else:
        if not path.endswith(".md"):
            return (f"link to '{link.href}': link to a page by its Markdown file",
                    "e.g. [statistics](statistics.md) or [competence](pillars/competence.md#anchor)")
        key, lang = _page_key(unquote(path), prose, targets.config)
        if key is None:
            return (f"link to '{path}' leaves the pages folder", "")
    headings = targets.pages.get((key, lang))
    if headings is None and f"pages/{key}.{lang}.md" in targets.unreadable:
        return None  # that page's own mistakes are reported instead
    if headings is None:
        return (f"link to a page that does not exist: '{link.href}' (looked for pages/{key}.{lang}.md)",
                "check the file name; links are relative to the current page's folder")
    if fragment and fragment not in headings:
        shown = ", ".join(sorted(headings)) or "none"
        return (f"link to '#{fragment}', which is not a heading on {key}.{lang}.md",
                f"anchors there: {shown}")
    link.token.attrSet("href", targets.href(key, lang, fragment))
    return None


def _page_key(path: str, prose: Prose, config: Config) -> tuple[str | None, str]:
    stem, lang = path[:-3], prose.lang
    name, _, suffix = stem.rpartition(".")
    if name and suffix in config.codes:
        stem, lang = name, suffix
    if stem.startswith("/"):
        key = posixpath.normpath(stem.lstrip("/"))
    else:
        key = posixpath.normpath(posixpath.join(posixpath.dirname(prose.page_key), stem))
    return (None, lang) if key.startswith("..") else (key, lang)


def _record_link(link: LinkRef, kind: str, ident: str, lang: str, targets: Targets) -> tuple[str, str] | None:
    known = {"stat": targets.statistics, "event": targets.events, "term": targets.terms}[kind]
    file = {"stat": "statistics", "event": "timeline", "term": "glossary"}[kind]
    if ident not in known and (f"data/{file}.yaml" in targets.unreadable or f"{kind}:{ident}" in targets.broken):
        return None  # the file's or the record's own mistakes are reported instead
    if ident not in known:
        return (f"no {SPECIAL_PAGES[kind]} record with id '{ident}'", f"check the id in content/data/{file}.yaml")
    page = targets.special.get(SPECIAL_PAGES[kind])
    if page is None:
        return (f"no page shows the {SPECIAL_PAGES[kind]}",
                f"add a page with 'template: {SPECIAL_PAGES[kind]}'")
    link.token.attrSet("href", targets.href(page, lang, ID_PREFIXES[kind] + ident))
    if kind == "stat" and not link.text():
        _fill_text(link, targets.statistics[ident][lang])
    return None


def _fill_text(link: LinkRef, text: str) -> None:
    link.children.insert(link.index + 1, Token("text", "", 0, content=text))


def _cite(link: LinkRef, prose: Prose, targets: Targets) -> tuple[str, str] | None:
    source = link.href[5:]
    if source not in targets.sources and f"sources/{source}.md" in targets.unreadable:
        return None
    if source not in targets.sources:
        known = ", ".join(sorted(targets.sources)) or "none"
        return (f"citation of an unknown source '{source}'", f"sources: {known}")
    if not link.title:
        return ("a citation needs the quote as the link title",
                f'write [text](cite:{source} "the exact words of the source")')
    anchor = targets.anchors.get((source, normalize(link.title)[0]))
    if anchor is None:
        return None  # the quote itself was not found: reported by provenance
    link.token.attrSet("href", targets.href(f"sources/{source}", prose.lang, anchor))
    link.token.attrSet("class", "cite")
    return None


def _image(link: LinkRef, targets: Targets) -> tuple[str, str] | None:
    src = link.href
    if not src.startswith("/static/"):
        return (f"image '{src}': images must be files in static/, written as /static/<file>",
                "the site makes no requests to other hosts")
    relative = unquote(src[len("/static/"):])
    if relative not in targets.static_files:
        return (f"image '{src}' does not exist in static/", "")
    link.token.attrSet("src", targets.config.base_path + targets.asset_paths.get(relative, "static/" + relative))
    return None


# --- numbers ---------------------------------------------------------------


def _untraced_numbers(prose: Prose, targets: Targets) -> list[ContentError]:
    errors = []
    own = _quote_values(prose.quote, targets.sources.get(prose.source)) if prose.quote else None
    scanner = _Scanner(prose)
    for token, link, lines in iter_text(list(prose.tokens)):
        at = scanner.find(lines, token.content)
        if not digit_runs(token.content):
            continue
        href = str(link.attrGet("href") or "") if link is not None else ""
        if href.startswith(("cite:", "stat:")):
            continue  # a citation or statistic link that did not resolve: its own mistake is reported
        allowed, why = own, "the record's quote"
        shown = _linked_statistic(href, prose.lang, targets)
        if link is not None and link.attrGet("class") == "cite":
            allowed, why = _quote_values(str(link.attrGet("title")), _cited_date(href, targets)), "the quote it cites"
        elif shown is not None:
            allowed, why = [number.value for number in find_numbers(shown, prose.lang)], "the statistic it links to"
        for number in find_numbers(token.content, prose.lang):
            if not any(ch.isdigit() for ch in number.text):
                continue
            if allowed is not None and any(same_value(number.value, value) for value in allowed):
                continue
            location = prose.location(at[0], at[1] + number.start) if at else scanner.locate(lines, number.text)
            if allowed is None:
                errors.append(ContentError(location, f"the number '{number.text.strip()}' is not traced to a source",
                                           "show a statistic with [](stat:ID), or put the claim in a citation: "
                                           '[text](cite:SOURCE "quote with the number")'))
            else:
                errors.append(ContentError(location, f"the number '{number.text.strip()}' is not in {why}",
                                           "correct the number, or quote the passage that has it"))
    return errors


def _linked_statistic(href: str, lang: str, targets: Targets) -> str | None:
    """The value a resolved ``stat:`` link shows, as written for ``lang``; None for other links."""
    page = targets.special.get(SPECIAL_PAGES["stat"])
    prefix = targets.href(page, lang, ID_PREFIXES["stat"]) if page else ""
    if not prefix or not href.startswith(prefix):
        return None
    return targets.statistics.get(href[len(prefix):], {}).get(lang)


def _cited_date(href: str, targets: Targets) -> date | None:
    for source, when in targets.sources.items():
        if f"/sources/{source}/" in href:
            return when
    return None


def _quote_values(quote: str, reference: date | None) -> list[float]:
    values = [number.value for number in find_numbers_zh(quote)]
    if reference is not None:
        for found in find_dates_zh(quote, reference):
            when = found.date
            values += [when.year, when.month, when.day, when.quarter]
    return values
