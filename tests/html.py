"""A small reader for built pages: what tests assert on, parsed with the standard library."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageFacts:
    """What a reader (or a crawler) gets from one HTML page."""

    lang: str = ""
    title: str = ""
    description: str = ""
    canonical: str = ""
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    links: list[str] = field(default_factory=list)  # every <a href> and <form action> (both lead to a page)
    resources: list[str] = field(default_factory=list)  # src= and <link href> (not alternates)
    ids: set[str] = field(default_factory=set)
    switcher: dict[str, str] = field(default_factory=dict)  # hreflang -> href of the language switcher
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = False
        self._in_switcher = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if "id" in a:
            self.facts.ids.add(a["id"])
        if tag == "html":
            self.facts.lang = a.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("name") == "description":
            self.facts.description = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.facts.canonical = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.facts.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and "href" in a:
            self.facts.resources.append(a["href"])
        elif tag == "nav" and "language-switcher" in a.get("class", ""):
            self._in_switcher = 1
        elif tag == "a" and "href" in a:
            self.facts.links.append(a["href"])
            if self._in_switcher:
                self.facts.switcher[a.get("lang", "")] = a["href"]
        elif tag == "form" and "action" in a:
            self.facts.links.append(a["action"])
        if "src" in a:
            self.facts.resources.append(a["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "nav":
            self._in_switcher = 0

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self.facts.text = "".join(self._text)


def read_page(path: Path) -> PageFacts:
    return parse_page(path.read_text(encoding="utf-8"))


def parse_page(html: str) -> PageFacts:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.facts


def target_file(site: Path, href: str) -> Path:
    """The file a site-relative href is served from (``/en/`` -> ``en/index.html``)."""
    path = href.split("#", 1)[0].lstrip("/")
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def page_file(site, template: str, lang: str) -> str:
    """The built file of ``site``'s page that ``template`` shows in ``lang`` (the figures page: ``en/statistics/
    index.html`` today), found by its template, not by its key or URL, which an editor may change."""
    from microsite.model import output_path

    return output_path(next(page.url for page in site.pages if page.template == template and page.lang == lang))


def other_language(site) -> str:
    """A language of ``site`` that is not its default one."""
    return next(code for code in site.config.codes if code != site.config.default_language)


class _TextOutside(HTMLParser):
    """The text of a page but for the elements below ``<html>`` marked ``lang=<tag>`` (and what they hold), and for
    scripts (structured data names an article by its original headline)."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.skipping: str | None = None  # the name of the marked element we are inside
        self.depth = 0  # how many elements of that name are open, the marked one included
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is None:
            if tag == "script" or (tag != "html" and dict(attrs).get("lang") == self.tag):
                self.skipping, self.depth = tag, 1
        elif tag == self.skipping:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # a void element written <br/>: nothing to enter

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skipping:
            self.depth -= 1
            if not self.depth:
                self.skipping = None

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.text.append(data)


def text_outside(html: str, tag: str) -> str:
    """The text of ``html`` left when every element below ``<html>`` marked ``lang="<tag>"``, and every script, is
    taken out: in an edition's page, what the build converted (a source's original words are shown as printed,
    in their language)."""
    reader = _TextOutside(tag)
    reader.feed(html)
    reader.close()
    return "".join(reader.text)


_PROSE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
_VERBATIM = {"pre", "code"}


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open = 0  # paragraphs, list items and headings open
        self.verbatim = 0  # pre and code open
        self.pieces: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _PROSE:
            self.open += 1
            self.pieces.append([])
        elif tag in _VERBATIM:
            self.verbatim += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _PROSE:
            self.open = max(self.open - 1, 0)
            self.pieces.append([])
        elif tag in _VERBATIM:
            self.verbatim = max(self.verbatim - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.open and not self.verbatim:
            self.pieces[-1].append(data)


def prose(html: str) -> list[str]:
    """The text of each paragraph, list item and heading of ``html`` (a nested one apart), code and
    preformatted text left out: what a reader reads as running text."""
    reader = _Prose()
    reader.feed(html)
    reader.close()
    return ["".join(piece) for piece in reader.pieces if piece]
