"""Parse an e-paper text export (a Chinese newspaper page exported as text) into a source item.

The layout of an e-paper item::

    |                                   <- interface debris: lone pipes,
    2023-10-11 第06版:六版               <- header: date, edition, page
    | 【字体】 | 大 | | 默认 | | 小 |      <- the font-size toolbar (debris)
    强素质 增信念 勤联络 |                 <- kicker (optional)
    晋江市工商联抓实商会建设提质增效 |      <- title
    作者:                                <- author label (optional)
    ■徐志南 来源:中华工商时报 字数:2383 |  <- byline, outlet, declared length
    配合开展…… 今年以来,…… 搭载体提振积极性 前不久,……

The body is one line in which paragraphs, subheadings and a closing photo
caption are run together, separated by single spaces. :func:`split_chunks`,
:func:`is_heading` and :func:`is_caption` document the heuristics that take
it apart again.

Everything here is pure. Text is kept exactly as in the raw item except for
one mapping: the ASCII punctuation ``, : ; ( ) ! ?`` becomes full-width when
it stands next to a CJK character (:func:`clean_punctuation`); words are
never changed. Feed entries (:mod:`microsite.feeds_in`) become the same
:class:`SourceItem`, and :mod:`microsite.ingest` writes either to disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date as Date
from pathlib import PurePath
from typing import Literal

from .cjk import SHARED_PUNCTUATION, count_ideographs, is_cjk
from .patterns import compile_later
from .seal import HEADER_FIELDS, header_sha256, sealed_characters, text_sha256

BlockKind = Literal["paragraph", "heading", "caption"]
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "heading", "caption")

# --------------------------------------------------------------------------
# Data


class IngestError(Exception):
    """A raw item that cannot be ingested, or a source file that would be lost.

    ``line`` is 1-based; errors about a whole file (its encoding, say) use 1.
    """

    def __init__(self, path: str | os.PathLike[str], line: int, message: str, hint: str) -> None:
        super().__init__(str(path), line, message, hint)
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}\n  hint: {self.hint}"


@dataclass(frozen=True)
class Block:
    """One block of article text: a paragraph, a subheading or a photo caption."""

    kind: BlockKind
    text: str

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}; expected one of {BLOCK_KINDS}")


@dataclass(frozen=True)
class SourceItem:
    """A parsed raw item: its metadata and its text as blocks."""

    outlet: str
    date: str
    edition: str
    page: str
    kicker: str
    title: str
    author: str
    declared_chars: int | None
    counted_chars: int
    raw_sha256: str
    raw_name: str
    blocks: tuple[Block, ...]

    @property
    def id(self) -> str:
        """``<date>-<first 8 hex digits of the raw item's SHA-256>``, the file stem."""
        return f"{self.date}-{self.raw_sha256[:8]}"

    @property
    def text_sha256(self) -> str:
        """The seal of the item's text, which the build checks the source's text against (:mod:`microsite.seal`)."""
        return text_sha256(block.text for block in self.blocks)

    @property
    def header_sha256(self) -> str:
        """The seal of the item's header (outlet, date, edition ...), which the build checks the source's against."""
        return header_sha256({name: getattr(self, name) for name in HEADER_FIELDS})


# --------------------------------------------------------------------------
# Decoding and lines

_FALLBACK_ENCODING = "gb18030"
_ENCODING_HINT = "pass --encoding with the file's real encoding (for example --encoding gb18030)"


def decode_raw(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Decode ``raw``: UTF-8 (BOM optional), else GB18030; ``encoding`` overrides.

    Line endings are normalised to LF (CRLF and lone CR alike) and a leading
    byte order mark is dropped.
    """
    codecs = [encoding] if encoding else ["utf-8-sig", _FALLBACK_ENCODING]
    text: str | None = None
    failures: list[UnicodeDecodeError] = []
    for codec in codecs:
        try:
            text = raw.decode(codec)
            break
        except LookupError:
            raise IngestError(name, 1, f"unknown encoding {codec!r}", _ENCODING_HINT) from None
        except UnicodeDecodeError as exc:
            failures.append(exc)
    if text is None:
        first = failures[0]  # where the expected encoding broke
        line = raw[: first.start].count(b"\n") + 1
        tried = " or ".join(codecs)
        message = f"cannot decode the file as {tried}: byte 0x{raw[first.start]:02x} ({first.reason})"
        raise IngestError(name, line, message, _ENCODING_HINT)
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def is_debris(line: str) -> bool:
    """True for e-paper interface debris: blank or pipe-only lines and the font toolbar."""
    return not line.strip(" \t\u3000|") or "【字体】" in line


def content_lines(text: str) -> list[tuple[int, str]]:
    """The non-debris lines as ``(1-based line number, text)``, pipes trimmed off the ends."""
    lines = text.split("\n")
    return [(number, _trim(line)) for number, line in enumerate(lines, 1) if not is_debris(line)]


_EDGE_DEBRIS = compile_later(r"^[\s|]+|[\s|]+$")


def _trim(line: str) -> str:
    return _EDGE_DEBRIS.sub("", line)


# --------------------------------------------------------------------------
# Header and metadata

_HEADER = compile_later(
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s*"
    r"(?P<edition>第\s*[0-9A-Za-z０-９]+\s*版)\s*(?:[:：]\s*(?P<page>.*?))?\s*"
)
_LABEL = compile_later(r"(作者|来源|字数)\s*[:：]\s*")
_AUTHOR_LINE = compile_later(r"作者\s*[:：]\s*(?P<value>.*)")
_BULLETS = "■□●○◆◇▲△★☆·• \t\u3000"
_HEADER_HINT = "an e-paper item starts with a line like '2023-10-11 第06版:六版'"
_META_HINT = "an e-paper item has a line like '■作者 来源:报名 字数:1234' between the title and the body"


@dataclass(frozen=True)
class _Header:
    date: str
    edition: str
    page: str


@dataclass(frozen=True)
class _Meta:
    outlet: str
    author: str
    declared_chars: int | None


def parse_header(line: str, number: int, name: str) -> _Header:
    """Read ``2023-10-11 第06版:六版`` (``：`` and ``2023年10月11日`` also accepted)."""
    match = _HEADER.fullmatch(line)
    if match is None:
        shown = line if len(line) <= 40 else line[:37] + "..."
        message = f"not an e-paper item: expected a date/edition header, found '{shown}'"
        raise IngestError(name, number, message, _HEADER_HINT)
    try:
        day = Date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError as exc:
        raise IngestError(name, number, f"invalid date in the header: {exc}", _HEADER_HINT) from None
    return _Header(day.isoformat(), match["edition"], match["page"] or "")


def parse_meta(line: str, number: int, name: str, author_line: str = "") -> _Meta:
    """Read ``■徐志南 来源:中华工商时报 字数:2383``: byline, outlet and declared length.

    The author is the ``作者:`` value on this line, else the byline before the
    first label (bullets such as ``■`` removed), else ``author_line`` (the
    value of a separate ``作者:`` line), else "".
    """
    labels = list(_LABEL.finditer(line))
    values = {label[1]: _label_value(line, label, nxt) for label, nxt in _pairs(labels)}
    byline = line[: labels[0].start()] if labels else line
    outlet = values.get("来源", "")
    if not outlet:
        raise IngestError(name, number, "the metadata line names no outlet after '来源:'", _META_HINT)
    author = _strip_bullets(values.get("作者", "")) or _strip_bullets(byline) or _strip_bullets(author_line)
    return _Meta(outlet, author, _declared(values.get("字数"), number, name))


def _pairs(labels: list[re.Match[str]]) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    return list(zip(labels, [*labels[1:], None]))


def _label_value(line: str, label: re.Match[str], nxt: re.Match[str] | None) -> str:
    return line[label.end() : nxt.start() if nxt else len(line)].strip(" \t\u3000|")


def _strip_bullets(text: str) -> str:
    return text.strip(_BULLETS)


def _declared(value: str | None, number: int, name: str) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdecimal():
        raise IngestError(name, number, f"'字数:' should be a number, found '{value}'", _META_HINT)
    return int(value)


# --------------------------------------------------------------------------
# Body: chunks, punctuation, blocks

_ASCII_WORD = compile_later(r"[A-Za-z0-9]")
_WHITESPACE = compile_later(r"\s+")


def split_chunks(body: str) -> list[str]:
    """Split the body at runs of whitespace (spaces, U+3000, line breaks).

    A run between two ASCII letters or digits (``iPhone 15``) is kept inside
    its chunk, since Chinese text only has such spaces inside Latin phrases.
    """
    chunks: list[str] = []
    start = 0
    for match in _WHITESPACE.finditer(body):
        before = body[match.start() - 1 : match.start()]
        after = body[match.end() : match.end() + 1]
        if _ASCII_WORD.fullmatch(before) and _ASCII_WORD.fullmatch(after):
            continue
        chunks.append(body[start : match.start()])
        start = match.end()
    chunks.append(body[start:])
    return [chunk for chunk in chunks if chunk]


_TO_FULLWIDTH = str.maketrans(",:;()!?", "，：；（）！？")


def _near_cjk(text: str, index: int) -> bool:
    """True when the nearest character on either side is CJK, looking through punctuation both scripts share."""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(text) and text[j] in SHARED_PUNCTUATION:
            j += step
        if 0 <= j < len(text) and is_cjk(text[j]):
            return True
    return False


def _paren_partners(text: str) -> dict[int, int]:
    """Index of each matched ASCII parenthesis -> index of its partner."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            opening = stack.pop()
            partners[opening], partners[index] = index, opening
    return partners


def clean_punctuation(text: str) -> str:
    """Make ``, : ; ( ) ! ?`` full-width where they stand next to a CJK character.

    ``4.5亿元``, ``工商联+公检法司`` and ``10,000`` are left alone. A matched
    pair of parentheses is converted together when either of them qualifies,
    so ``产品(ABC)`` becomes ``产品（ABC）`` rather than ``产品（ABC)``.
    """
    partners = _paren_partners(text)
    chars = list(text)
    for index, char in enumerate(text):
        if char not in ",:;()!?":
            continue
        partner = partners.get(index)
        if _near_cjk(text, index) or (partner is not None and _near_cjk(text, partner)):
            chars[index] = char.translate(_TO_FULLWIDTH)
    return "".join(chars)


HEADING_MAX_CHARS = 16
_SENTENCE_PUNCTUATION = set("。！？!?，,；;：:…")
_CLOSING_QUOTES = ("”", "’", "」", "』", '"')


def is_heading(chunk: str) -> bool:
    """A subheading: at most 16 characters, at least two ideographs, no sentence punctuation.

    Sentence punctuation is ``。！？!?，,；;：:…``; a chunk ending in a closing
    quote (``……说。”``) is the end of a quotation, not a heading, but a quote
    inside a heading (``“晋江经验”再出发``) is allowed. The caller never asks
    about the last chunk: a heading is always followed by text.
    """
    return (
        len(chunk) <= HEADING_MAX_CHARS
        and count_ideographs(chunk) >= 2
        and not _SENTENCE_PUNCTUATION.intersection(chunk)
        and not chunk.endswith(_CLOSING_QUOTES)
    )


CAPTION_MAX_CHARS = 200
_CAPTION_DATE = compile_later(r"[12][0-9]{3}年[0-9]{1,2}月(?:[0-9]{1,2}日)?")
# A position marker names who is where in the photo: (中), （左一）, （前排右三）.
_POSITION = compile_later(r"[（(](?:[前后中]排)?(?:左|右|中)(?:[一二三四五六七八九十]|[0-9]{1,2})?[）)]")
_PHOTO_WORDS = compile_later(r"图为|供图|资料图|摄影|摄[。.）)]?$")


def is_caption(chunk: str) -> bool:
    """A photo caption: starts with a date and has a photo cue, at most 200 characters.

    The date is ``2023年7月`` or ``2023年7月5日`` (ASCII or full-width
    digits) at the very start. The cue is a position marker in either kind
    of bracket (``（中）``, ``(左一)``, ``（前排右三）``) or a photo word
    (``图为``, ``供图``, ``资料图``, ``摄影``, or ``摄`` at the very end).
    The length cap keeps a long closing paragraph that happens to start with
    a date and mention ``(中)`` a paragraph. The caller asks only about the
    last chunk of a body that has at least one other chunk.
    """
    return (
        len(chunk) <= CAPTION_MAX_CHARS
        and _CAPTION_DATE.match(unicodedata.normalize("NFKC", chunk)) is not None
        and (_POSITION.search(chunk) is not None or _PHOTO_WORDS.search(chunk) is not None)
    )


def classify(chunks: list[str]) -> tuple[Block, ...]:
    """Turn body chunks into blocks: headings, paragraphs and a final caption."""
    blocks: list[Block] = []
    last = len(chunks) - 1
    for index, chunk in enumerate(chunks):
        kind: BlockKind = "paragraph"
        if index == last and index > 0 and is_caption(chunk):
            kind = "caption"
        elif index < last and is_heading(chunk):
            kind = "heading"
        blocks.append(Block(kind, clean_punctuation(chunk)))
    return tuple(blocks)


def count_chars(blocks: tuple[Block, ...]) -> int:
    """Non-whitespace characters over the text of all blocks: the characters the seal covers (see ``seal``)."""
    return len(sealed_characters(block.text for block in blocks))


# --------------------------------------------------------------------------
# Parsing a whole item


def parse_epaper(raw: bytes, name: str, *, encoding: str | None = None) -> SourceItem:
    """Parse a raw e-paper item; ``name`` is its path or file name (for errors).

    Raises :class:`IngestError` for a file that is not an e-paper item: no
    date/edition header as its first line, no ``来源:`` metadata line, no
    title, or no body.
    """
    lines = content_lines(decode_raw(raw, name, encoding))
    if not lines:
        raise IngestError(name, 1, "not an e-paper item: the file has no text", _HEADER_HINT)
    header_number, header_line = lines[0]
    header = parse_header(header_line, header_number, name)
    meta_index = _find_meta(lines, name)
    kicker, title, author_line = _headlines(lines[1:meta_index], header_number, name)
    meta_number, meta_line = lines[meta_index]
    meta = parse_meta(meta_line, meta_number, name, author_line)
    body = "\n".join(line for _, line in lines[meta_index + 1 :])
    blocks = classify(split_chunks(body))
    if not blocks:
        raise IngestError(name, meta_number, "no body text after the metadata line", _META_HINT)
    return SourceItem(
        outlet=meta.outlet,
        date=header.date,
        edition=header.edition,
        page=header.page,
        kicker=clean_punctuation(kicker),
        title=clean_punctuation(title),
        author=meta.author,
        declared_chars=meta.declared_chars,
        counted_chars=count_chars(blocks),
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        raw_name=PurePath(name).name,
        blocks=blocks,
    )


_META_SEARCH_LINES = 5  # kicker, title, subtitle, 作者:, then the metadata line


def _find_meta(lines: list[tuple[int, str]], name: str) -> int:
    """Index of the ``来源:`` line; only the first lines after the header are searched,
    so a body sentence such as ``资金来源:…`` is never taken for it."""
    for index, (_, line) in enumerate(lines[1 : 1 + _META_SEARCH_LINES], 1):
        if re.search(r"来源\s*[:：]", line):
            return index
    raise IngestError(name, lines[0][0], "no '来源:' metadata line after the header", _META_HINT)


def _headlines(lines: list[tuple[int, str]], header_number: int, name: str) -> tuple[str, str, str]:
    """``(kicker, title, author label value)`` from the lines between header and metadata."""
    author_line = ""
    headlines: list[tuple[int, str]] = []
    for number, line in lines:
        match = _AUTHOR_LINE.fullmatch(line)
        if match:
            author_line = match["value"]
        else:
            headlines.append((number, line))
    if not headlines:
        raise IngestError(name, header_number, "no title between the header and the metadata line", _META_HINT)
    if len(headlines) > 2:
        number = headlines[2][0]
        raise IngestError(
            name, number, f"{len(headlines)} headline lines; expected a title, optionally after a kicker",
            "remove the extra line or extend the parser for subtitles",
        )
    kicker = headlines[0][1] if len(headlines) == 2 else ""
    return kicker, headlines[-1][1], author_line
