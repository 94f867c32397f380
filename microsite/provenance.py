"""Provenance: every fact on the site traced to a verbatim quote of a source.

A quote is found in its source's text tolerating only what typing changes
without changing the words: full-/half-width forms (``，`` and ``,``), curly
and straight quotation marks, and white space. A record's number must occur
in its quote (``4.5亿`` for 450000000) with the same qualifier (``超`` =
over), and an event's date must be the one its quote gives, relative dates
(``今年4月``, ``前不久``) resolved against the article's date.

Quoted passages become anchors on the source page: overlapping quotes are
merged into one passage, named after the first record that quotes it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .dates import PartialDate, find_dates_zh
from . import quantities
from .numerals import EXACT, same_value

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"',
                              "‘": "'", "’": "'", "『": "'", "』": "'"})
MIN_QUOTE_CHARS = 4


@dataclass(frozen=True)
class SourceBlock:
    """One block of a source's text: a ``paragraph``, ``heading`` or ``caption``.

    ``line`` is the 1-based file line where the block starts.
    """

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quote was found: block index and character range in that block."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A highlighted, anchored stretch of a source (one or more merged quotes)."""

    anchor: str
    block: int
    start: int
    end: int


def parse_source_body(body: str, first_line: int = 1) -> list[SourceBlock]:
    """Blocks separated by blank lines; ``## `` starts a subheading, ``> `` the photo caption.

    Lines wrapped inside a block are joined without a space (Chinese text).
    """
    blocks: list[SourceBlock] = []
    lines: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n") + [""], start=first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
            continue
        if lines:
            block = _block(lines, start)
            if block.text:  # a lone ">" or "## " is no text
                blocks.append(block)
            lines = []
    return blocks


def _block(lines: list[str], line: int) -> SourceBlock:
    first = lines[0]
    if first.startswith("## "):
        return SourceBlock("heading", "".join([first[3:], *lines[1:]]).strip(), line)
    if first.startswith(">"):
        text = "".join(part.lstrip(">").strip() for part in lines)
        return SourceBlock("caption", text, line)
    return SourceBlock("paragraph", "".join(lines), line)


def normalize(text: str) -> tuple[str, list[int]]:
    """Text for comparison, and for each of its characters the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace():
            continue
        if ch < "\u2000" or "\u4e00" <= ch <= "\u9fff":  # unchanged by NFKC: skip the slow call
            chars.append(ch)
            origin.append(index)
            continue
        for part in unicodedata.normalize("NFKC", ch).translate(_QUOTE_MARKS):
            if not part.isspace():
                chars.append(part)
                origin.append(index)
    return "".join(chars), origin


@dataclass(frozen=True)
class SearchableText:
    """A source's blocks, normalized once, to look up any number of quotes in."""

    blocks: tuple[SourceBlock, ...]
    normalized: tuple[tuple[str, tuple[int, ...]], ...]

    @classmethod
    def of(cls, blocks: list[SourceBlock] | tuple[SourceBlock, ...]) -> SearchableText:
        pairs = []
        for block in blocks:
            text, origin = normalize(block.text)
            pairs.append((text, tuple(origin)))
        return cls(tuple(blocks), tuple(pairs))


def find_quote(text: SearchableText | list[SourceBlock], quote: str) -> tuple[list[QuoteSpan], str]:
    """Every place ``quote`` occurs, or an empty list and the reason it was not found."""
    if not isinstance(text, SearchableText):
        text = SearchableText.of(text)
    blocks = list(text.blocks)
    needle, _ = normalize(quote)
    if len(needle) < MIN_QUOTE_CHARS:
        return [], f"the quote is too short (under {MIN_QUOTE_CHARS} characters) to identify a passage"
    spans = []
    for number, (haystack, origin) in enumerate(text.normalized):
        position = haystack.find(needle)
        while position >= 0:
            end = origin[position + len(needle) - 1] + 1
            spans.append(QuoteSpan(number, origin[position], end))
            position = haystack.find(needle, position + 1)
    if spans:
        return spans, ""
    whole, _ = normalize("".join(block.text for block in blocks))
    if needle in whole:
        return [], "the quote runs across two paragraphs; quote from one paragraph only"
    return [], _closest_hint(blocks, needle)


def _closest_hint(blocks: list[SourceBlock], needle: str) -> str:
    """Say how much of the quote matches, to help find a typo."""
    best, best_block = 0, ""
    for block in blocks:
        haystack, _ = normalize(block.text)
        length = _longest_prefix(haystack, needle)
        if length > best:
            best, best_block = length, haystack
    if best >= MIN_QUOTE_CHARS:
        position = best_block.find(needle[:best])
        expected = best_block[position + best: position + best + 6]
        where = f"the source has '{expected}'" if expected else "the source paragraph ends"
        return (f"the first {best} characters match the source, then the quote has "
                f"'{needle[best:best + 6]}' where {where}")
    return "the quote does not occur in the source; copy the words exactly from the source text"


def _longest_prefix(haystack: str, needle: str) -> int:
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    return low


def number_problem(value: float, qualifier: str, quote: str) -> str:
    """Why ``value`` (with ``qualifier``) is not what ``quote`` says, or "" if it is.

    The quote is read as it was matched in the source (normalized), and only its counts and amounts
    count: the 2 of 第二季度 is no statistic of 2.
    """
    said = quantities.stated(normalize(quote)[0])
    found = quantities.counts(said)
    matches = [number for number in found if same_value(number.value, value)]
    if not matches:
        other = next((item.number for item in said if same_value(item.value, value)), None)
        if other is not None:
            return (f"the quote has {_show(value)} only as part of a date or an ordinal ('{other.text}'), "
                    "not as a count or an amount")
        seen = ", ".join(number.text for number in found) or "none"
        return f"the quote does not contain the number {_show(value)} (numbers in the quote: {seen})"
    if not any(number.qualifier == qualifier for number in matches):
        said_number = matches[0]
        return (f"the quote says '{said_number.text}' ({said_number.qualifier}), "
                f"but the record's qualifier is {qualifier or EXACT}")
    return ""


def date_problem(when: PartialDate, quote: str, reference: date) -> str:
    """Why ``when`` is not the date ``quote`` gives (relative to ``reference``), or ""."""
    found = find_dates_zh(quote, reference)
    if any(item.date == when for item in found):
        return ""
    if not found:
        return "the quote contains no date (such as 2023年7月, 今年4月, 第二季度 or 前不久)"
    said = "; ".join(f"'{item.text}' = {item.date.iso()}" for item in found)
    return f"the quote dates it {said}, but the record says {when.iso()}"


def passages(quotes: list[tuple[str, QuoteSpan]]) -> tuple[list[Passage], dict[str, str]]:
    """Merge overlapping quoted spans of one source into anchored passages.

    ``quotes`` pairs a reference name (a record id, in priority order) with
    its span. Returns the passages in text order and each name's anchor.
    """
    ordered = sorted(enumerate(quotes), key=lambda item: (item[1][1].block, item[1][1].start, item[0]))
    groups: list[list[tuple[int, str, QuoteSpan]]] = []
    group_end = -1  # where the current group's passage ends, so far
    for priority, (name, span) in ordered:
        last = groups[-1][-1][2] if groups else None
        if last and last.block == span.block and span.start < group_end:
            groups[-1].append((priority, name, span))
            group_end = max(group_end, span.end)
        else:
            groups.append([(priority, name, span)])
            group_end = span.end
    result, anchors = [], {}
    for group in groups:
        anchor = "q-" + min(group)[1]
        spans = [span for _, _, span in group]
        result.append(Passage(anchor, spans[0].block, min(s.start for s in spans), max(s.end for s in spans)))
        anchors.update({name: anchor for _, name, _ in group})
    return result, anchors


def _show(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
