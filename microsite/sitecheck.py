"""``check --site``: read a built site as a crawler would and report what is broken.

Every internal link and ``#anchor`` must resolve to a file of the build,
every file a page loads (stylesheet, icon, image) must exist, every
``hreflang`` alternate must point back, and no page may link to another
host unless the content itself links there. No page gives one id twice
(a link to it would land on the first), and no link leads nowhere (an
``<a>`` without ``href``: a reader sees a link that does nothing). Every
number a reader reads on a page is one a source says (see
:func:`_untraced_on_page`). The CSV and JSON downloads are read as a
reader's spreadsheet reads them (:func:`read_data`): well-formed, their
numbers said by a source, each record's value the amount it says as
written, their links leading into the build. So are the addresses a crawler
reads as text: the sitemap's pages and robots.txt's ``Sitemap:`` line.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import posixpath
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import quantities
from .addresses import (HINT_HANDLER, HINT_INLINE_SCRIPT, HINT_POLICY, HINT_SRCDOC, INLINE_SCRIPT, address_problem,
                        addresses_of, addresses_of_instruction, handler_message, handlers_of, policy_problem,
                        runs_its_text, scheme_of)
from .assets import STATIC_FOLDER
from .compiled import ADDRESS
from .downloads import FORMULA_STARTS
from .errors import ContentError, Location, not_utf8
from .i18n import locale_of
from .markup import BrowserParser
from .model import Site
from .patterns import compile_later
from .provenance import as_read, normalize
from .search import BUNDLE
from .static_text import MARKUP, is_manifest, kind_of, manifest_addresses
from .stylesheets import placed_in_markup, read_stylesheet

EXTERNAL_SCHEMES = ("http", "https")


@dataclass
class PageReading:
    """What one HTML file links to, with the line of each link."""

    ids: set[str] = field(default_factory=set)
    repeated: list[tuple[str, int, int]] = field(default_factory=list)  # (id given again, line, column)
    dead: list[tuple[int, int]] = field(default_factory=list)  # (line, column) of each <a> without href
    links: list[tuple[str, int, int]] = field(default_factory=list)  # (href, line, column)
    resources: list[tuple[str, int, int]] = field(default_factory=list)  # (what it loads, line, column)
    framed: list[tuple[int, int]] = field(default_factory=list)  # (line, column) of each iframe's srcdoc
    code: list[tuple[str, int, int]] = field(default_factory=list)  # (handler's name, or "" for an inline script,
    # line, column): code written into the page, which its policy does not run
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    canonical: str = ""
    lang: str = ""  # the page's, of <html lang>
    texts: list[tuple[str, int, int]] = field(default_factory=list)  # (text a reader reads, line, column)


# What of a page a reader reads besides its text: an image's description, a title or label a screen reader says,
# and the description search engines and link previews show.
_READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_READ_META = frozenset(("description", "og:description", "og:title", "twitter:title", "twitter:description"))
_UNREAD = frozenset(("script", "style", "template"))


class _Reader(BrowserParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reading = PageReading()
        self.unread = 0  # how deep inside elements whose text no reader reads
        self.style: list[str] | None = None  # inside a <style>: its text so far
        self.style_at = (1, 0)  # where that text begins
        self.script_at: tuple[int, int] | None = None  # where a script that runs its own text begins

    def handle_data(self, data: str) -> None:
        if self.style is not None:
            if not self.style:
                self.style_at = self.getpos()
            self.style.append(data)
        if self.script_at and data.strip():  # (an empty one runs nothing, and a browser does not refuse it)
            self.reading.code.append(("", *self.script_at))
            self.script_at = None
        if not self.unread and not data.isspace():
            line, column = self.getpos()
            self.reading.texts.append((data, line, column + 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script_at = None
        if tag in _UNREAD and self.unread:
            self.unread -= 1
        if tag == "style" and self.style is not None:
            self._styled("".join(self.style), *self.style_at)
            self.style = None

    def close(self) -> None:
        super().close()
        self.handle_endtag("style")  # (one left open is read to the end)

    def handle_pi(self, data: str) -> None:  # <?xml-stylesheet href="..."?> of an SVG or an XML file
        line, column = self.getpos()
        self.reading.resources.extend((address, line, column + 1) for address, _ in addresses_of_instruction(data))

    def _styled(self, css: str, line: int, offset: int, at_tag: bool = False) -> None:
        """Add what the CSS of a <style> (its text begins at ``line``, 0-based ``offset``) or of a ``style``
        attribute (``at_tag``: each placed at the tag) loads: a picture, a font, another stylesheet."""
        self.reading.resources.extend((address, *placed_in_markup(line, offset, at_line, column, at_tag))
                                      for at_line, column, address, _ in read_stylesheet(css).addresses)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        line, column = self.getpos()
        if tag in _UNREAD:
            self.unread += 1
        elif tag == "html":
            self.reading.lang = a.get("lang", "")
        read = [a[name] for name in _READ_ATTRIBUTES if a.get(name)]
        if tag == "meta" and (a.get("name") in _READ_META or a.get("property") in _READ_META):
            read.append(a.get("content", ""))
        self.reading.texts.extend((text, line, column + 1) for text in read if text)
        names = {name for name in (a.get("id"), a.get("name") if tag == "a" else None) if name is not None}
        for name in sorted(names):  # an <a> may name itself twice, as id and as name: one element, one place
            if name in self.reading.ids:
                self.reading.repeated.append((name, line, column + 1))
            self.reading.ids.add(name)
        for address, loaded in addresses_of(tag, attrs):
            (self.reading.resources if loaded else self.reading.links).append((address, line, column + 1))
        if tag == "style":
            self.style = []
        if tag == "script":
            self.script_at = (line, column + 1) if runs_its_text(attrs) else None
        self.reading.code.extend((name, line, column + 1) for name in handlers_of(attrs))
        if a.get("style"):
            self._styled(a["style"], line, column, at_tag=True)
        if tag == "a" and "href" not in a and "id" not in a and "name" not in a:
            self.reading.dead.append((line, column + 1))
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.reading.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.reading.canonical = a.get("href", "")
        elif tag == "iframe" and "srcdoc" in a:
            self.reading.framed.append((line, column + 1))


def read_html(text: str) -> PageReading:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.reading


def check_built_site(folder: Path, site: Site) -> list[ContentError]:
    """Every problem found in the build at ``folder`` (of the content ``site``).

    A build made for another address (``--base-url``, or the preview's) is one problem, said once: every
    link in it would otherwise be reported as leading out of the site.
    """
    built_for = _built_for(folder)
    if built_for and built_for != site.config.base_url:
        return [ContentError(Location(folder / "index.html"),
                             f"this site was built for {built_for}, not for {site.config.base_url} "
                             "(the base URL being checked)",
                             f"check it for the address it was built for: python3 build.py check --base-url "
                             f"{built_for} --site {folder}; or build it again without --base-url")]
    base = urlsplit(site.config.base_url)
    problems: list[ContentError] = []
    pages = {}
    for path in sorted(folder.rglob("*.html")):
        text = _page_text(path, problems)
        if text is not None:
            pages[path] = read_html(text)
            unsafe = None if _published_as_written(folder, path) else policy_problem(text)
            if unsafe:
                problems.append(ContentError(Location(path), f"this page is not held to the site's policy: {unsafe}",
                                             HINT_POLICY))
    allowed = site.external_links
    for path, reading in pages.items():
        page_url = _url_of(folder, path, base.path)
        for href, line, column in reading.links:
            problem = _link_problem(href, page_url, folder, base, pages, allowed)
            if problem:
                problems.append(ContentError(Location(path, line, column), problem))
        problems.extend(_load_problems(path, reading.resources, page_url, folder, base))
        problems.extend(ContentError(Location(path, line, column), "an iframe's srcdoc: a page written into an "
                                     "attribute, whose words the build does not read", HINT_SRCDOC)
                        for line, column in reading.framed)
        problems.extend(ContentError(Location(path, line, column), handler_message(name), HINT_HANDLER) if name
                        else ContentError(Location(path, line, column), INLINE_SCRIPT, HINT_INLINE_SCRIPT)
                        for name, line, column in reading.code)
        problems.extend(ContentError(Location(path, line, column), f"the id '{name}' is given twice on this page: "
                                     "a link to it lands on the first", "give each element its own id")
                        for name, line, column in reading.repeated)
        problems.extend(ContentError(Location(path, line, column), "a link that leads nowhere (an <a> without href)",
                                     "give it an address, or make it plain text")
                        for line, column in reading.dead)
        problems.extend(_alternate_problems(path, reading, folder, base, pages))
    every = sorted(folder.rglob("*"))  # (walked once, for the files of the kinds below)
    for path in _other_markup(folder, every):  # an SVG image, an XHTML page, a manifest: what they load and link to
        text = _page_text(path, problems)
        if text is not None:
            reading, page_url = _read_other(path, text), _url_of(folder, path, base.path)
            problems.extend(ContentError(Location(path, line, column), problem) for href, line, column in reading.links
                            if (problem := _link_problem(href, page_url, folder, base, pages, allowed)))
            problems.extend(_load_problems(path, reading.resources, page_url, folder, base))
    for path in sorted(folder.rglob("*.css")):  # what the stylesheets load: fonts, pictures, other stylesheets
        text = _page_text(path, problems)
        if text is not None:
            loaded = [(address, line, column) for line, column, address, _ in read_stylesheet(text).addresses]
            problems.extend(_load_problems(path, loaded, _url_of(folder, path, base.path), folder, base))
    said = said_in_sources(site)
    for path, reading in pages.items():
        problems.extend(_untraced_on_page(path, reading, said))
    for path in sorted(folder.rglob("*.xml")):  # the feeds: what a feed reader shows of each entry
        text = _page_text(path, problems)
        if text is not None and "<feed" in text:
            problems.extend(_untraced_on_page(path, read_feed(text), said, "in this feed"))
    for path in _data_files(folder, every):  # the downloads: what a reader's spreadsheet or program reads
        text = _page_text(path, problems)
        reading = read_data(path, text, _language_at(folder, path, site), problems) if text is not None \
            else None
        if reading is not None:
            page_url = _url_of(folder, path, base.path)
            problems.extend(ContentError(Location(path, line, column), problem, DATA_HINT)
                            for href, line, column in reading.links
                            if (problem := _link_problem(href, page_url, folder, base, pages, allowed)))
            problems.extend(_untraced_on_page(path, reading, said, "in this file", DATA_HINT))
    return problems


DATA_HINT = ("the build writes each download from the content, every number traced and every link to a page it "
             "writes: a file edited by hand or left from another build says what the content does not; build the "
             "site again and publish the whole folder (a file of static/ is published as written: correct it there)")
# The fields of a download that name, not say: identifiers, kinds, an address (its link is followed, not read), a
# date in ISO form (machine-read: the build writes it from the content's dates; readers read it in as_written).
_DATA_CODE = frozenset({"id", "source_id", "sources", "statistics", "unit", "qualifier", "precision", "dataset",
                        "language", "date", "source_date", "quote_url"})


def _published_as_written(folder: Path, path: Path) -> bool:
    """Whether ``path`` of the build at ``folder`` is a file of ``static/``, which the build publishes as it is
    written (a page a search engine asks for to verify the site's owner, say), not a page the templates make."""
    return path.relative_to(folder).parts[0] == STATIC_FOLDER


def _data_files(folder: Path, every: list[Path]) -> list[Path]:
    """The data files of the build at ``folder`` (of ``every`` file in it): the downloads (CSV and JSON) and any
    such file of ``static/``; not the search index (machine-read, made from the pages, which are read), nor a
    manifest (read with the other markup)."""
    return [path for path in every if kind_of(path.name) in ("csv", "json") and not is_manifest(path.name)
            and path.relative_to(folder).parts[0] != BUNDLE]


def _language_at(folder: Path, path: Path, site: Site) -> str:
    """The tag of the language of the file at ``path``: that of its first folder (``en/data/``), the default's at
    the root."""
    tags = {language.code: language.tag for language in site.config.languages}
    *folders, _ = path.relative_to(folder).parts
    return tags.get(folders[0] if folders else "", tags[site.config.default_language])


def read_data(path: Path, text: str, lang: str, problems: list[ContentError]) -> PageReading | None:
    """What a reader reads in a CSV or JSON file (its text fields, its numbers, each where it is written) and the
    addresses in it, read as links; None, with the problem, where the file is not well-formed."""
    text = text.removeprefix("\ufeff")  # (a CSV download's byte order mark, for spreadsheets)
    reading = PageReading(lang=lang)
    fields = _json_fields(path, text, problems) if kind_of(path.name) == "json" else _csv_fields(path, text, problems)
    if fields is None:
        return None
    for key, value, offset, record in fields:
        line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        if isinstance(value, str):
            reading.links.extend((match.group(0), line, column + match.start()) for match in ADDRESS.finditer(value))
        if key in _DATA_CODE:
            continue
        if key == "value" and isinstance(record.get("as_written"), str):  # the amount its as_written says
            amount = _number(value)
            said = [claim.number.value for claim in quantities.claimed(record["as_written"], _reading_lang(lang))]
            if amount is None or not any(math.isclose(amount, number, rel_tol=1e-9) for number in said):  # (9.8亿
                # is 980000000.0000001 in floating point)
                problems.append(ContentError(Location(path, line, column), f"the value {value} is not the amount "
                                             f"its record says, as written: '{record['as_written']}'", DATA_HINT))
            continue
        reading.texts.append((str(value), line, column))
    return reading


def _reading_lang(tag: str) -> str:
    return "zh" if tag.lower().startswith("zh") else "en"


def _number(value: object) -> float | None:
    try:
        return float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


Field = tuple[str, object, int, dict]  # (its key, its value, the offset where it is written, the record it is in)


def _json_fields(path: Path, text: str, problems: list[ContentError]) -> list[Field] | None:
    """Each value of a JSON file that is a string or a number, by the key it is under, with its place and its
    record (the object it is in); None, with the problem, for a file that is not JSON."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        problems.append(ContentError(Location(path, line, column), f"not well-formed JSON: {getattr(exc, 'msg', exc)}",
                                     DATA_HINT))
        return None
    fields: list[Field] = []
    cursor = 0

    def walk(value: object, key: str, record: dict) -> None:
        nonlocal cursor
        if isinstance(value, dict):
            for name, item in value.items():
                cursor = _after(text, json.dumps(name, ensure_ascii=False), cursor)
                walk(item, name, value)
        elif isinstance(value, list):
            for item in value:
                walk(item, key, record)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            written = json.dumps(value, ensure_ascii=False)
            at = text.find(written, cursor)
            fields.append((key, value, (at if at >= 0 else cursor) + isinstance(value, str), record))
            cursor = at + len(written) if at >= 0 else cursor

    walk(document, "", {})
    return fields


def _after(text: str, written: str, cursor: int) -> int:
    at = text.find(written, cursor)
    return at + len(written) if at >= 0 else cursor


def _csv_fields(path: Path, text: str, problems: list[ContentError]) -> list[Field] | None:
    """Each field of a CSV file's rows after its first (the names of its columns), by its column's name, with
    its place and its row; None, with the problem, for a file that is not CSV: a quotation mark out of place, a
    row of more or fewer fields than the first."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    fields: list[Field] = []
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]  # where each line starts
    try:
        header = next(reader, [])
        start_line = reader.line_num + 1
        for row in reader:
            if len(row) != len(header):
                problems.append(ContentError(Location(path, start_line, 1), f"a row of {len(row)} fields, under a "
                                             f"first row of {len(header)}: not well-formed CSV", DATA_HINT))
                return None
            record = dict(zip(header, row))
            cursor = starts[min(start_line, len(starts)) - 1]
            for key, value in record.items():
                written = '"' + value.replace('"', '""') + '"'
                at = text.find(written, cursor)
                at, length = (at + 1, len(written)) if at >= 0 else (text.find(value, cursor), len(value))
                fields.append((key, _unquoted(value), max(at, cursor), record))
                cursor = max(at, cursor) + length - 1
            start_line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(ContentError(Location(path, reader.line_num or 1, 1), f"not well-formed CSV: {exc}", DATA_HINT))
        return None
    return fields


def _unquoted(value: str) -> str:
    """A CSV field as the build wrote it: the apostrophes that make a formula's first character inert dropped
    (see ``downloads.inert``)."""
    return _INERT.sub("", value) if "'" in value else value


_LINE_BREAK = compile_later("\n")
# downloads.inert's apostrophe: before what could start a formula
_INERT = compile_later("'(?=[" + re.escape("".join(sorted(FORMULA_STARTS))) + "])")


# What a feed reader shows: the feed's title and subtitle, each entry's title, summary and content, and the names
# in it (its dates are machine-read: the build writes each from the content's dates)
_FEED_TEXT = frozenset(("title", "subtitle", "summary", "content", "name", "rights"))


class _FeedReader(HTMLParser):
    """An Atom feed's texts a reader reads, with their places; an entry's content of ``type="html"`` is HTML,
    read as a page's is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reading = PageReading()
        self.open: list[tuple[str, bool]] = []  # (the element, whether its text is HTML)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "feed":
            self.reading.lang = values.get("xml:lang") or ""
        self.open.append((tag, values.get("type") == "html"))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self.open or self.open[-1][0] not in _FEED_TEXT or data.isspace():
            return
        line, column = self.getpos()
        if self.open[-1][1]:
            self.reading.texts.extend((text, line, column) for text, _, _ in read_html(data).texts)
        else:
            self.reading.texts.append((data, line, column + 1))


def read_feed(text: str) -> PageReading:
    reader = _FeedReader()
    reader.feed(text)
    reader.close()
    return reader.reading


def said_in_sources(site: Site) -> dict[str, list[quantities.Quantity]]:
    """Every number any source says, in its text or its header (its date, its page, its length as declared and as
    counted), by its amount's keys (``quantities.amount_keys``): what a number on any built page must be one of,
    looked up by amount (asked of every number of every page, a scan of them all grew with pages times sources)."""
    said: list[quantities.Quantity] = []
    for source in site.sources:
        header = [*source.header_lines, source.date.isoformat(), f"{source.declared_chars or 0}个",
                  f"{source.counted_chars}个"]
        body = [block.text for block in source.blocks]
        if locale_of(source.lang) == "zh":
            said.extend(quantities.stated(normalize("\n".join([*header, *body]))[0], source.date))
            continue
        # An article in English says its words as English does (on Thursday, in October, last year: 2022), read by
        # its own reader, as a quote of it is; its header as the site writes it, the day in Chinese.
        said.extend(quantities.stated(normalize("\n".join(header))[0], source.date))
        for text in body:  # (each paragraph by itself: a date does not run on into the next)
            said.extend(quantities.stated(as_read(text, source.lang), source.date, source.lang))
    by_amount: dict[str, list[quantities.Quantity]] = {}
    for item in said:
        for key in quantities.amount_keys(item.number):
            by_amount.setdefault(key, []).append(item)
    return by_amount


def _untraced_on_page(path: Path, reading: PageReading, said: dict[str, list[quantities.Quantity]],
                      where: str = "on this page", hint: str = "") -> list[ContentError]:
    """The numbers a reader reads on the page that no source says anywhere: a number that reached the page where
    the build's check does not look (a template's expression or filter, a field it does not read), which the
    check of the content, text by text against its own quotes, cannot see. A looser net behind that check, on the
    page as readers get it: any source's number of the same meaning passes."""
    page_lang = "zh" if reading.lang.lower().startswith("zh") else "en"
    problems = []
    for text, line, column in reading.texts:
        addresses = [match.span() for match in ADDRESS.finditer(text)] if ("://" in text or "www." in text) else []
        # An article's words on an English page (第14版) are read as Chinese, and the page's own around them as
        # English ("(中华工商时报) of 11 October 2023"): a number either reading traces is said. So are an English
        # article's words on a Chinese page (on Wednesday, October 11, 2023: its 11 is a day, which the Chinese
        # reading, of digits without 日, takes for a count).
        other = "zh" if page_lang != "zh" else "en"
        langs = (page_lang, other) if (_CHINESE if other == "zh" else _ENGLISH_WORD).search(text) else (page_lang,)
        untraced, traced = [], []
        for lang in langs:
            for claim in quantities.claimed(text, lang):
                number = claim.number
                if any(start <= number.start < end for start, end in addresses):
                    continue
                evidence = [item for key in quantities.amount_keys(number) for item in said.get(key, ())]
                (traced if quantities.traced(claim, evidence) else untraced).append(number)
        reported: list = []  # (a number both readings leave untraced is reported once)
        for number in untraced:
            if any(other.start < number.end and number.start < other.end for other in (*traced, *reported)):
                continue
            reported.append(number)
            problems.append(ContentError(
                Location(path, line, column),
                f"the number '{number.text}' is {where}, but no source says it: "
                f"'{_excerpt(text, number.start, number.end)}'",
                hint or "it reached the page where the build does not trace it (a template's expression or filter, a "
                "field it does not read): show a traced figure there instead, or leave the number out"))
    return problems


def _excerpt(text: str, start: int, end: int, reach: int = 30) -> str:
    """The words of ``text`` around ``text[start:end]``, on one line: where to find it on the page."""
    shown = (("…" if start > reach else "") + text[max(0, start - reach):end + reach]
             + ("…" if end + reach < len(text) else ""))
    return " ".join(shown.split())


_CHINESE = compile_later(r"[\u3400-\u9fff]")
_ENGLISH_WORD = compile_later("[A-Za-z]{2}")


def _page_text(path: Path, problems: list[ContentError] | None = None) -> str | None:
    """The text of the page file ``path``, or None, with the problem (if ``problems`` is given): a build writes
    only regular UTF-8 files. A link is not followed (it may lead out of the folder, or round in a circle), nor
    anything else opened (a FIFO would wait for ever)."""
    problem = None
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            problem = ContentError(Location(path), "a symbolic link (a build makes none); it was not followed",
                                   "build the site again into a new folder")
        elif not stat.S_ISREG(info.st_mode):
            problem = ContentError(Location(path), "a folder, FIFO, socket or device named as a page (a build makes "
                                   "none)", "build the site again into a new folder")
        else:
            data = path.read_bytes()
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                problem = ContentError(not_utf8(path, data).location, "the page is not UTF-8 text (a build writes "
                                       "UTF-8)", "build the site again into a new folder")
    except OSError as exc:
        problem = ContentError(Location(path), f"cannot read the page: {exc.strerror}")
    if problems is not None:
        problems.append(problem)
    return None


def _built_for(folder: Path) -> str:
    """The base URL the build at ``folder`` was made for: its home page's canonical address ("" if unknown)."""
    text = _page_text(folder / "index.html")
    return read_html(text).canonical if text is not None else ""


def _other_markup(folder: Path, every: list[Path]) -> list[Path]:
    """The files of ``every`` file of the build, other than its pages, that a browser reads for addresses when opened
    (``static_text.MARKUP``: an SVG image, an XHTML page, the feed, the sitemap, an XML file with a stylesheet; a
    web app manifest), and robots.txt, which crawlers read at the build's root."""
    return [path for path in every if kind_of(path.name) in MARKUP - {"html"} or is_manifest(path.name)
            or path == folder / ROBOTS]


def _read_other(path: Path, text: str) -> PageReading:
    """What a file of ``_other_markup`` loads and links to: a manifest's members, markup's elements, and the
    addresses a sitemap and robots.txt give as text (a sitemap's ``<loc>``, robots.txt's ``Sitemap:`` lines), which
    a crawler follows."""
    if path.name == ROBOTS:
        return PageReading(links=_found_at(_SITEMAP_LINE, text))
    if not is_manifest(path.name):
        reading = read_html(text)
        if kind_of(path.name) == "xml" and "<loc>" in text:
            reading.links.extend(_found_at(_LOCATION, text))
        return reading
    reading = PageReading()
    for line, column, address, loaded in manifest_addresses(text):
        (reading.resources if loaded else reading.links).append((address, line, column))
    return reading


ROBOTS = "robots.txt"
_LOCATION = compile_later(r"<loc>\s*([^<\s]+)")  # a sitemap's page (a crawler reads its text as an address)
_SITEMAP_LINE = compile_later(r"(?im)^sitemap:[ \t]*(\S+)")  # robots.txt's, its directive's name in any case


def _found_at(pattern, text: str) -> list[tuple[str, int, int]]:
    """Each address ``pattern`` finds in ``text`` (its group 1), with its line and column."""
    return [(match.group(1), text.count("\n", 0, match.start(1)) + 1,
             match.start(1) - text.rfind("\n", 0, match.start(1))) for match in pattern.finditer(text)]


def _url_of(folder: Path, path: Path, base_path: str) -> str:
    relative = path.relative_to(folder).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return "http://site.invalid" + base_path + relative


def _local_file(url: str, folder: Path, base) -> Path | None:
    """The file of the build a URL leads to, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.netloc not in ("site.invalid", base.netloc) or parts.scheme not in ("http", "https"):
        return None
    path = unquote(parts.path)
    if not path.startswith(base.path):
        return None
    relative = posixpath.normpath("/" + path[len(base.path):]).lstrip("/")
    target = folder / relative if relative not in ("", ".") else folder
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def _link_problem(href: str, page_url: str, folder: Path, base, pages: dict, allowed: set[str]) -> str:
    scheme = urlsplit(href).scheme
    if scheme == "mailto":
        return ""
    absolute = urljoin(page_url, href)
    parts = urlsplit(absolute)
    if parts.scheme in EXTERNAL_SCHEMES and parts.netloc not in ("site.invalid", base.netloc):
        return "" if href in allowed else f"links to another host: {href}"
    if scheme and scheme not in EXTERNAL_SCHEMES:
        return f"link with a '{scheme}:' address: {href}"
    target = _local_file(absolute, folder, base)
    if target is None or not target.is_file():
        return f"link to '{href}', which is not in the build"
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"link to '{href}': no element with id '{fragment}' there"
    return ""


def _load_problems(path: Path, loaded: list[tuple[str, int, int]], url: str, folder: Path,
                   base) -> list[ContentError]:
    """A problem for each address of ``loaded`` (the file at ``path``, at ``url``, loads it) that is not a file of
    the build, nor a picture or a font written into its address (``data:``), nor a frame of nothing
    (``about:blank``)."""
    problems = []
    for address, line, column in loaded:
        if scheme_of(address) not in ("", "http", "https"):  # (data:, about:, javascript: are judged as at build)
            problem = address_problem(address, loaded=True)
            if problem is not None:
                problems.append(ContentError(Location(path, line, column), *problem))
            continue
        absolute = urljoin(url, address)
        target = _local_file(absolute, folder, base)
        if target is None and urlsplit(absolute).netloc not in ("site.invalid", base.netloc):
            problems.append(ContentError(Location(path, line, column), f"loads '{address}', from another host",
                                         "the site must load nothing from other hosts"))
        elif target is None or not target.is_file():
            problems.append(ContentError(Location(path, line, column), f"loads '{address}', which is not in the "
                                         "build", "correct the address: it names no file the build wrote"))
    return problems


def _alternate_problems(path: Path, reading: PageReading, folder: Path, base, pages: dict) -> list[ContentError]:
    problems = []
    for tag, href in reading.alternates.items():
        target = _local_file(href, folder, base)
        if target is None or target not in pages:
            problems.append(ContentError(Location(path), f"hreflang {tag} points at '{href}', not a page of the build"))
            continue
        if reading.canonical and reading.canonical not in pages[target].alternates.values():
            problems.append(ContentError(Location(path), f"hreflang {tag} points at '{href}', "
                                         "which does not point back (hreflang pairs must be reciprocal)"))
    return problems
