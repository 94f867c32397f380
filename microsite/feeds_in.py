"""Reading RSS 2.0 and Atom feeds: one :class:`FeedEntry` per item or entry.

Only the standard library reads the XML, and carefully: a document with a
document type declaration (``<!DOCTYPE``, and so ``<!ENTITY``) is refused
before anything is expanded, so entity tricks ("billion laughs", external
entities) never run, and nothing is fetched over the network. Parsing goes
through expat directly (:class:`_TreeReader`) so that every element keeps
its line number for error messages.

What is taken from a feed, for each entry:

- outlet: the channel's / feed's ``<title>``;
- date: ``pubDate`` (RFC 822) or ``dc:date`` for RSS, ``published`` else
  ``updated`` (RFC 3339) for Atom, as the calendar day in the timestamp's
  own offset (``Wed, 11 Oct 2023 07:30:00 +0800`` is 2023-10-11);
- title, author (``dc:creator`` / ``author``; Atom ``author/name``);
- body: ``content:encoded`` else ``description`` (RSS), ``content`` else
  ``summary`` (Atom), HTML cleaned to blocks by :func:`html_blocks`;
- name: the ``guid`` / ``id`` (else the ``link``), which stays the same when
  the feed is fetched again under another file name;
- sha256: of the entry's Canonical XML 2.0 form (namespace prefixes
  rewritten), so the same entry hashes the same in any snapshot of the
  feed, whatever the whitespace between entries or the file's encoding.

This module knows nothing of source files; :mod:`microsite.ingest` turns
entries into sources.
"""

from __future__ import annotations

import codecs
import copy
import email.utils
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from xml.parsers import expat

from .cjk import is_cjk
from .patterns import compile_later

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"

MAX_FEED_ENTRIES = 1000  # a feed of 100,000 entries made 200,000 files, and the next build took 1.5 GB
MAX_ENTRY_CHARS = 2 << 20  # an entry's text and markup; its source must fit in the 1 MiB a content file may have
_FEED_HINT = "ingest reads RSS 2.0 (<rss><channel><item>) and Atom (<feed><entry>) feeds"


class FeedError(Exception):
    """A feed that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str, hint: str = _FEED_HINT) -> None:
        super().__init__(line, message, hint)
        self.line, self.message, self.hint = line, message, hint


@dataclass(frozen=True)
class FeedEntry:
    """One item of an RSS feed or entry of an Atom feed, as text.

    ``blocks`` are ``(kind, text)`` pairs, kind one of ``paragraph``,
    ``heading`` and ``caption``; texts have their white space collapsed.
    ``line`` is where the entry starts in the feed file.
    """

    outlet: str
    date: str
    title: str
    author: str
    name: str
    sha256: str
    line: int
    blocks: tuple[tuple[str, str], ...]


def looks_like_xml(raw: bytes) -> bool:
    """True when ``raw`` starts (after a byte order mark and white space) with ``<``."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if raw.startswith(bom):
            return bom != codecs.BOM_UTF8 or raw[len(bom):].lstrip().startswith(b"<")
    return raw.lstrip().startswith(b"<")


# --------------------------------------------------------------------------
# Bytes to a tree, safely

_DECLARED = compile_later(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODING_HINT = "pass --encoding with the file's real encoding (for example --encoding gb18030)"


def decode_xml(raw: bytes, encoding: str | None = None) -> str:
    """The feed as text: ``encoding`` if given, else the byte order mark, else the
    encoding its XML declaration names, else UTF-8."""
    codec = encoding or _sniff_encoding(raw)
    try:
        text = raw.decode(codec)
    except LookupError:
        raise FeedError(1, f"unknown encoding {codec!r}", _ENCODING_HINT) from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FeedError(line, f"cannot decode the feed as {codec}: byte 0x{raw[exc.start]:02x} ({exc.reason})",
                        _ENCODING_HINT) from None
    return text.removeprefix("\ufeff")


def _sniff_encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _DECLARED.match(raw)
    return declared[1].decode("ascii") if declared else "utf-8"


class _Refused(Exception):
    def __init__(self, line: int, what: str) -> None:
        super().__init__(line, what)
        self.line, self.what = line, what


class _TreeReader:
    """expat -> ElementTree, refusing DTDs, remembering each element's line."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.builder = ET.TreeBuilder()
        self.lines: dict[ET.Element, int] = {}
        p = self.parser
        p.StartDoctypeDeclHandler = lambda *_: self._refuse("a document type declaration (<!DOCTYPE>)")
        p.EntityDeclHandler = lambda *_: self._refuse("an entity declaration (<!ENTITY>)")
        p.ExternalEntityRefHandler = lambda *_: self._refuse("an external entity")
        p.StartElementHandler = self._start
        p.EndElementHandler = lambda name: self.builder.end(_clark(name))
        p.CharacterDataHandler = self.builder.data

    def _refuse(self, what: str) -> None:
        raise _Refused(self.parser.CurrentLineNumber, what)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        element = self.builder.start(_clark(name), {_clark(k): v for k, v in attributes.items()})
        self.lines[element] = self.parser.CurrentLineNumber

    def read(self, text: str) -> ET.Element:
        try:
            self.parser.Parse(text, True)
        except _Refused as exc:
            raise FeedError(exc.line, f"the feed contains {exc.what}, which ingest refuses",
                            "feeds never need one; remove it (it can expand entities or reach other files)") from None
        except expat.ExpatError as exc:
            raise FeedError(exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)} "
                                        f"(column {exc.offset + 1})") from None
        return self.builder.close()


def _clark(name: str) -> str:
    """expat's ``uri}local`` as ElementTree's ``{uri}local``."""
    return "{" + name if "}" in name else name


# --------------------------------------------------------------------------
# The tree to entries


def parse_feed(raw: bytes, *, encoding: str | None = None) -> list[FeedEntry]:
    """Every entry of an RSS 2.0 or Atom feed; :class:`FeedError` for anything else."""
    reader = _TreeReader()
    root = reader.read(decode_xml(raw, encoding))
    lines = reader.lines
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedError(lines[root], "the RSS feed has no <channel>")
        container, entries, kind = channel, channel.findall("item"), "item"
    elif root.tag == f"{ATOM}feed":
        container, entries, kind = root, root.findall(f"{ATOM}entry"), "entry"
    else:
        raise FeedError(lines[root], f"not an RSS 2.0 or Atom feed: the root element is <{_local(root.tag)}>")
    if not entries:
        raise FeedError(lines[root], f"the feed has no <{kind}>", "nothing to ingest")
    if len(entries) > MAX_FEED_ENTRIES:
        raise FeedError(lines[entries[MAX_FEED_ENTRIES]],
                        f"the feed has {len(entries):,} <{kind}>s; ingest takes at most {MAX_FEED_ENTRIES:,} "
                        "from one file (each becomes a source the site builds)",
                        f"split the feed into files of at most {MAX_FEED_ENTRIES:,} entries, "
                        "or remove the entries you do not mean to quote")
    read = _rss_entry if kind == "item" else _atom_entry
    return [read(_bounded(entry, lines, kind), container, lines) for entry in entries]


def _bounded(entry: ET.Element, lines: dict[ET.Element, int], kind: str) -> ET.Element:
    """``entry``, refused if its text is longer than any article (its HTML is cleaned only then)."""
    size = sum(len(text) for text in entry.itertext())
    if size > MAX_ENTRY_CHARS:
        raise FeedError(lines[entry], f"the {kind} holds {size:,} characters of text and markup, more than "
                        f"ingest reads from one {kind} ({MAX_ENTRY_CHARS:,})",
                        "an article is far shorter: is this the feed you meant? "
                        "If it is, split the article into several items")
    return entry


def _rss_entry(item: ET.Element, channel: ET.Element, lines: dict[ET.Element, int]) -> FeedEntry:
    line = lines[item]
    outlet = _required_text(channel, "title", lines[channel], "the channel has no <title> (the outlet)")
    stamp = _first(item, ("pubDate", f"{DC}date"))
    title = _required_text(item, "title", line, "the item has no <title>")
    author = _text(item.find(f"{DC}creator")) or _rss_author(_text(item.find("author")))
    body = _first(item, (f"{CONTENT}encoded", "description"))
    blocks = html_blocks(_text(body, strip=False)) if body is not None else ()
    name = _text(item.find("guid")) or _text(item.find("link"))
    return _entry(item, lines, outlet, stamp, title, author, name, blocks)


def _atom_entry(entry: ET.Element, feed: ET.Element, lines: dict[ET.Element, int]) -> FeedEntry:
    line = lines[entry]
    outlet = _atom_text(feed.find(f"{ATOM}title"))
    if not outlet:
        raise FeedError(lines[feed], "the feed has no <title> (the outlet)")
    stamp = _first(entry, (f"{ATOM}published", f"{ATOM}updated"))
    title = " ".join(text for _, text in _atom_blocks(entry.find(f"{ATOM}title")))
    if not title:
        raise FeedError(line, "the entry has no <title>")
    author = _text(entry.find(f"{ATOM}author/{ATOM}name")) or _text(feed.find(f"{ATOM}author/{ATOM}name"))
    blocks = _atom_blocks(_first(entry, (f"{ATOM}content", f"{ATOM}summary")))
    links = entry.findall(f"{ATOM}link")
    alternate = [link.get("href", "") for link in links if link.get("rel", "alternate") == "alternate"]
    name = _text(entry.find(f"{ATOM}id")) or next(iter(alternate), "")
    return _entry(entry, lines, outlet, stamp, title, author, name, blocks)


def _entry(element: ET.Element, lines: dict[ET.Element, int], outlet: str, stamp: ET.Element | None,
           title: str, author: str, name: str, blocks: tuple[tuple[str, str], ...]) -> FeedEntry:
    line = lines[element]
    kind = _local(element.tag)
    if stamp is None:
        raise FeedError(line, f"the {kind} has no date (pubDate, dc:date, published or updated)")
    day = parse_timestamp(_text(stamp))
    if day is None:
        raise FeedError(lines[stamp], f"cannot read the date '{_text(stamp)}'",
                        "write it as RFC 822 (Wed, 11 Oct 2023 08:00:00 +0800) or RFC 3339 (2023-10-11T08:00:00+08:00)")
    if not blocks:
        raise FeedError(line, f"the {kind} has no text (content:encoded, description, content or summary)")
    return FeedEntry(outlet, day.isoformat(), _collapse(title), _collapse(author), name, canonical_sha256(element),
                     line, blocks)


def parse_timestamp(text: str) -> date | None:
    """The calendar day of an RFC 3339 or RFC 822 timestamp, in the timestamp's own offset."""
    text = text.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def canonical_sha256(element: ET.Element) -> str:
    """SHA-256 of the element's Canonical XML 2.0 (prefixes rewritten), its tail left out."""
    alone = copy.copy(element)
    alone.tail = None
    canonical = ET.canonicalize(ET.tostring(alone, encoding="unicode"), rewrite_prefixes=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _first(element: ET.Element, tags: tuple[str, ...]) -> ET.Element | None:
    """The first of ``tags`` (in that order of preference) that has text."""
    for tag in tags:
        found = element.find(tag)
        if found is not None and (_text(found) or len(found)):
            return found
    return None


def _text(element: ET.Element | None, strip: bool = True) -> str:
    if element is None:
        return ""
    text = "".join(element.itertext())
    return text.strip() if strip else text


def _required_text(element: ET.Element, tag: str, line: int, message: str) -> str:
    text = _collapse(_text(element.find(tag)))
    if not text:
        raise FeedError(line, message)
    return text


# (The address is one @ between runs that cannot hold it: a search for it takes time in proportion to its length.)
_RSS_AUTHOR = compile_later(r"[^\s@]+@[^\s@(]+\s*\((?P<name>[^)]*)\)")


def _rss_author(value: str) -> str:
    """RSS ``<author>`` is ``email (Name)``: the name; a bare name stays as it is."""
    match = _RSS_AUTHOR.fullmatch(value)
    return match["name"].strip() if match else ("" if "@" in value and " " not in value else value)


def _atom_text(element: ET.Element | None) -> str:
    return " ".join(text for _, text in _atom_blocks(element))


def _atom_blocks(element: ET.Element | None) -> tuple[tuple[str, str], ...]:
    """An Atom text construct as blocks: ``type`` text (the default), html or xhtml."""
    if element is None:
        return ()
    kind = element.get("type", "text")
    if kind == "xhtml":
        return html_blocks("".join(_xhtml(child) for child in element))
    if kind == "html":
        return html_blocks(_text(element, strip=False))
    return text_blocks(_text(element, strip=False))


def _xhtml(element: ET.Element) -> str:
    """XHTML content serialized as plain HTML, namespaces removed, for :func:`html_blocks`."""
    plain = copy.deepcopy(element)
    for node in plain.iter():
        node.tag = _local(node.tag)
    return ET.tostring(plain, encoding="unicode", method="html")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# --------------------------------------------------------------------------
# HTML to blocks

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd details div dl dt figure footer form header hr li main nav "
    "ol p pre section summary table tbody thead tfoot tr ul".split()
)
_KIND_TAGS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
              "h6": "heading", "figcaption": "caption", "caption": "caption"}
_DROPPED_TAGS = frozenset("script style noscript template svg math iframe object head select button".split())
_CELL_TAGS = frozenset(("td", "th"))


class _HtmlBlocks(HTMLParser):
    """Collects text into blocks: block elements end one, headings and captions set its kind."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._parts: list[str] = []
        self._kinds: list[str] = []
        self._dropped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._dropped or tag in _DROPPED_TAGS:
            if tag in _DROPPED_TAGS:
                self._dropped.append(tag)
            return
        if tag in _BLOCK_TAGS or tag in _KIND_TAGS:
            self._flush()
        if tag in _KIND_TAGS:
            self._kinds.append(_KIND_TAGS[tag])
        if tag in _CELL_TAGS:
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._dropped:
            if tag == self._dropped[-1]:
                self._dropped.pop()
            return
        if tag in _BLOCK_TAGS or tag in _KIND_TAGS:
            self._flush()
        if tag in _KIND_TAGS and self._kinds:
            self._kinds.pop()

    def handle_data(self, data: str) -> None:
        if not self._dropped:
            self._parts.append(data)

    def _flush(self) -> None:
        text = _collapse("".join(self._parts))
        self._parts = []
        if text:
            self.blocks.append((self._kinds[-1] if self._kinds else "paragraph", text))

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> tuple[tuple[str, str], ...]:
    """HTML as ``(kind, text)`` blocks.

    Block elements (``p``, ``div``, ``li``, ``br`` ...) end a paragraph;
    ``h1``-``h6`` make headings, ``figcaption`` a caption; ``script``,
    ``style`` and the like are dropped with their content; entities are
    decoded; images and other tags leave only their text.
    """
    parser = _HtmlBlocks()
    parser.feed(only_whole_tags(html))
    parser.close()
    return tuple(parser.blocks)


# A start or end tag, whole: a name, then attributes whose quoted values close before the next "<".
# Possessive quantifiers: a match, or a failure, is linear in its length (no backtracking).
_WHOLE_TAG = compile_later(r"""</?[A-Za-z][^\s/<>"'=]*+(?:[^<>"']++|"[^"<]*+"|'[^'<]*+')*+>""")
_DECLARATION = compile_later(r"<[!?][^<>]*>")  # <!DOCTYPE ...>, <?xml ...?>: nothing to read


def only_whole_tags(html: str) -> str:
    """``html`` with every ``<`` that does not open a whole tag written as ``&lt;``, comments dropped.

    The standard library's parser takes time quadratic in the length of
    runs of unfinished markup (a 200 kB feed item of ``</`` took 17 s, of
    ``<a `` minutes; ``<![`` made it raise). Given only whole tags and
    text it works in one pass; this pass is linear too: each ``<`` is looked
    at once, and a tag match ends at the next ``<`` at the latest. An
    unfinished comment hides the rest of the text, as it does in a browser.
    """
    out: list[str] = []
    position = 0
    while (start := html.find("<", position)) >= 0:
        out.append(html[position:start])
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            if end < 0:
                return "".join(out)
            position = end + 3
        elif match := _WHOLE_TAG.match(html, start):
            out.append(match.group())
            position = match.end()
        elif match := _DECLARATION.match(html, start):
            position = match.end()
        else:
            out.append("&lt;")
            position = start + 1
    out.append(html[position:])
    return "".join(out)


def text_blocks(text: str) -> tuple[tuple[str, str], ...]:
    """Plain text as paragraphs, one per non-blank line."""
    return tuple(("paragraph", line) for line in map(_collapse, text.splitlines()) if line)


_SPACE_RUN = compile_later(r"\s+")


def _collapse(text: str) -> str:
    """White space runs as one space; a line break between two CJK characters (a wrapped line) as none."""
    def space(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
        wrapped = "\n" in match.group(0) or "\r" in match.group(0)
        return "" if wrapped and is_cjk(before) and is_cjk(after) else " "

    return _SPACE_RUN.sub(space, text).strip()
