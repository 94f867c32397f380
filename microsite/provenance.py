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

import difflib
import functools
import heapq
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from .dates import PartialDate, find_dates_zh
from .i18n import locale_of
from .markdown import cjk_side
from . import quantities
from .numerals import EXACT, same_value
from .patterns import compile_later

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"',
                              "‘": "'", "’": "'", "『": "'", "』": "'"})
MIN_QUOTE_CHARS = 4
TOO_SHORT = "it has under"  # how a reason for a too short quote starts


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

    Lines wrapped inside a block are joined as a page's Markdown joins them (``markdown.cjk_softbreak``): without
    a space beside a Chinese character, with one between two words of English (two paragraphs of an English
    article joined into one were run together, 'year.In October', and a quote of them read so).
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
        return SourceBlock("heading", _joined([first[3:], *lines[1:]]).strip(), line)
    if first.startswith(">"):
        text = _joined([part.lstrip(">").strip() for part in lines])
        return SourceBlock("caption", text, line)
    return SourceBlock("paragraph", _joined(lines), line)


def _joined(lines: list[str]) -> str:
    """A block's lines as one text: a space where a line ends and the next begins with no Chinese character (or
    punctuation both scripts share) on either side, as a page's wrapped line shows (see ``markdown.cjk_side``)."""
    text = lines[0]
    for following in lines[1:]:
        wide = not text or not following or cjk_side(text[-1]) or cjk_side(following[0])
        text += following if wide else " " + following
    return text


# The characters :func:`normalize` keeps as they are: any below U+2000 but white space, and the CJK ideographs.
_AS_IT_IS = compile_later(r"[^\s\u2000-\u4dff\ua000-\U0010ffff]*")


class _Folded(dict):
    """Each character's part of normalized text, by code point, worked out when first asked for (a pure function
    of the character, so it is kept): its NFKC form with typographic quotes made plain, white space left out (a
    space is nothing); the characters of :data:`_AS_IT_IS`, themselves (NFKC leaves them so: the slow call skipped)."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()  # the characters asked for whose form is not one character

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace():
            form = ""
        elif ch < "\u2000" or "\u4e00" <= ch <= "\u9fff":
            form = ch
        else:
            form = "".join(part for part in unicodedata.normalize("NFKC", ch).translate(_QUOTE_MARKS)
                           if not part.isspace())
        if len(form) != 1:
            self.uneven.add(ch)
        self[code] = form
        return form


_FOLDED = _Folded()


def normalize(text: str) -> tuple[str, list[int]]:
    """Text for comparison, and for each of its characters the index it came from."""
    if _AS_IT_IS.fullmatch(text):  # most quotes: Chinese and ASCII, no space (a tenth of a one-page rebuild)
        return text, list(range(len(text)))
    folded = text.translate(_FOLDED)  # every character's form, at C speed (each one's now known)
    if _FOLDED.uneven.isdisjoint(text):  # none dropped or made several: each is where it was
        return folded, list(range(len(text)))
    origin = [index for index, ch in enumerate(text) for _ in _FOLDED[ord(ch)]]
    return folded, origin


def as_read(quote: str, lang: str) -> str:
    """The text a quote's numbers and dates are read from, by the reader of its source's language ``lang`` (see
    :func:`quantities.stated`): normalized, as it was matched in its source. Chinese leaves no space between words,
    so a space is nothing there (and cannot make a quote say another number); English tells its words apart by
    them (on 11 October 2023, forty-nine, 450 million): a quote of an article in another language keeps each run of
    white space as one space, and :func:`spaced_unlike` checks that they are the article's."""
    if locale_of(lang) == "zh":
        return normalize(quote)[0]
    return " ".join(normalize(word)[0] for word in quote.split())


def spaced_unlike(quote: str, found: str, lang: str) -> str:
    """How ``quote`` is spaced otherwise than the stretch of its source ``found`` (the article's words where it was
    found), in words for a message, or "": a quote is found whatever its spaces, but an English one is read with
    them (:func:`as_read`), and '4 9 chambers' found in '49 chambers' would say 4 and 9."""
    ours, theirs = as_read(quote, lang), as_read(found, lang)
    if ours == theirs:
        return ""
    at = next((index for index, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    begin = ours.rfind(" ", 0, max(0, ours.rfind(" ", 0, at))) + 1  # (a word before the first difference: the
    # texts are the same up to it)
    shown = _to_word_end(ours, _after_words(ours, at, 2))
    letters = len(ours[at:shown].replace(" ", ""))  # (the source's as far: its same letters, spaced its way)
    written = theirs[begin:_to_word_end(theirs, _after_letters(theirs, at, letters))]
    return f"the quote has '{ours[begin:shown]}' where the source has '{written}'"


def _after_words(text: str, at: int, words: int) -> int:
    """Where the ``words``-th space after ``at`` is in ``text`` (its end, if it has fewer)."""
    for _ in range(words):
        found = text.find(" ", at + 1)
        if found < 0:
            return len(text)
        at = found
    return at


def _after_letters(text: str, at: int, letters: int) -> int:
    """Where ``text`` has ``letters`` characters other than spaces after ``at``."""
    while letters > 0 and at < len(text):
        letters -= text[at] != " "
        at += 1
    return at


def _to_word_end(text: str, at: int) -> int:
    """Where the word at ``at`` in ``text`` ends."""
    end = text.find(" ", at)
    return len(text) if end < 0 else end


@dataclass(frozen=True)
class SearchableText:
    """A source's blocks, normalized once, to look up any number of quotes in: ``joined`` holds them all, each
    after a NUL, so that a quote is looked for in one search rather than one per block (a place that runs
    past its block's end is none); ``starts`` is where each block begins in it."""

    blocks: tuple[SourceBlock, ...]
    normalized: tuple[tuple[str, tuple[int, ...]], ...]
    joined: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, blocks: list[SourceBlock] | tuple[SourceBlock, ...]) -> SearchableText:
        pairs, starts, length = [], [], 0
        for block in blocks:
            text, origin = normalize(block.text)
            pairs.append((text, tuple(origin)))
            starts.append(length + 1)
            length += 1 + len(text)
        return cls(tuple(blocks), tuple(pairs), "".join("\x00" + text for text, _ in pairs), tuple(starts))

    @functools.cached_property  # made at the source's first quote not found, kept for its others
    def whole(self) -> str:
        """The blocks' normalized text run together, as the source's whole text normalized is (each character is
        normalized alone): a quote found in it and in no block runs across two."""
        return "".join(text for text, _ in self.normalized)

    @functools.cached_property  # made at the source's first quote not found, as blocks_with is
    def at_least(self) -> tuple[tuple[frozenset[str], ...], ...]:
        """Each block's characters (normalized) by how often it has them (see :func:`_at_least`): how many of a
        quote's characters a stretch of the block may match."""
        return tuple(_at_least(Counter(text)) for text, _ in self.normalized)

    @functools.cached_property
    def blocks_with(self) -> dict[str, list[int]]:
        """The numbers of the blocks each character is in, in order: where a quote's rarest characters are."""
        found: dict[str, list[int]] = {}
        for number, levels in enumerate(self.at_least):
            for ch in levels[0] if levels else ():
                found.setdefault(ch, []).append(number)
        return found

    def occurs_once(self, quote: str) -> bool:
        """Whether :func:`find_quote` finds ``quote`` at exactly one place: one search from each end, where
        find_quote walks through every place (hundreds for a clause of a repeated sentence, each a step in
        Python). Without a NUL the needle cannot run past its block's end, so every place it is found counts."""
        needle, _ = normalize(quote)
        if len(needle) < MIN_QUOTE_CHARS:
            return False
        if "\x00" in needle:  # (no source has one: ingest removes control characters)
            return len(find_quote(self, quote)[0]) == 1
        first = self.joined.find(needle)
        return first >= 0 and first == self.joined.rfind(needle)


def _at_least(counts: Counter) -> tuple[frozenset[str], ...]:
    """The characters counted at least once, at least twice, and so on (as many sets as the most counted has)."""
    levels: list[set[str]] = [set() for _ in range(max(counts.values(), default=0))]
    for ch, times in counts.items():
        for level in levels[:times]:
            level.add(ch)
    return tuple(map(frozenset, levels))


def find_quote(text: SearchableText | list[SourceBlock], quote: str) -> tuple[list[QuoteSpan], str]:
    """Every place ``quote`` occurs, or an empty list and the reason it was not found."""
    if not isinstance(text, SearchableText):
        text = SearchableText.of(text)
    needle, _ = normalize(quote)
    if len(needle) < MIN_QUOTE_CHARS:
        times = sum(haystack.count(needle) for haystack, _ in text.normalized) if needle else 0
        often = f" and occurs {times} times in the source" if times > 1 else ""
        return [], f"{TOO_SHORT} {MIN_QUOTE_CHARS} characters{often}; make it longer"
    spans = []
    position = text.joined.find(needle)
    while position >= 0:
        number = bisect_right(text.starts, position) - 1  # -1: at the first block's NUL
        start, (haystack, origin) = position - text.starts[number], text.normalized[number]
        if number >= 0 and start >= 0 and start + len(needle) <= len(haystack):  # within one block (a needle
            # may hold a NUL, though no content file does)
            spans.append(QuoteSpan(number, origin[start], origin[start + len(needle) - 1] + 1))
        position = text.joined.find(needle, position + 1)
    if spans:
        return spans, ""
    if needle in text.whole:
        return [], "the quote runs across two paragraphs; quote from one paragraph only"
    return [], _closest_hint(text, needle)


def _closest_hint(text: SearchableText, needle: str) -> str:
    """Where the nearest passage is and which characters differ, to help find a typo."""
    return _hint(_nearest_passage(text, needle), needle)


def _hint(nearest: tuple[SourceBlock, Callable, list] | None, needle: str) -> str:
    """The message for the nearest passage to ``needle`` (see :func:`_nearest_passage`), or for none."""
    if nearest is None:
        return "the quote does not occur in the source; copy the words exactly from the source text"
    block, written, operations = nearest
    differences = [_difference(written, needle, *operation) for operation in operations if operation[0] != "equal"]
    more = f" (and {len(differences) - 2} more differences)" if len(differences) > 2 else ""
    passage = written(0, operations[-1][2])
    return f"nearest passage: source line {block.line}, '{passage}'; " + "; ".join(differences[:2]) + more


def _nearest_passage(text: SearchableText, needle: str) -> tuple[SourceBlock, Callable, list] | None:
    """The block and stretch of it most like ``needle``, with the edit operations from it to ``needle``: the one
    that matches the most of its characters (at least half of them and :data:`MIN_QUOTE_CHARS`), the first in
    the source of those that match as many.

    The stretch is given as a function of a range of it (normalized) that returns that range as written. Only
    the blocks that may hold it are compared with the quote (see :func:`_promising_blocks`): each quote not
    found was compared with every block, 1,600 typos in a source of 1,600 paragraphs took two minutes.
    """
    best, nearest = (max(MIN_QUOTE_CHARS, len(needle) // 2) - 1, 1), None  # (matched, -number) to beat; 1: no block

    def nearer(matched: int, number: int) -> bool:
        """Whether block ``number`` would be nearer than the nearest so far if it matched ``matched`` characters:
        read in order, a block took the nearest's place only if it matched more."""
        return (matched, -number) > best

    for number in _promising_blocks(text, needle, nearer):
        found = _nearest_in_block(text.normalized[number][0], needle)
        if found and nearer(found[0], number):
            best, nearest = (found[0], -number), (number, *found[1:])
    return None if nearest is None else _passage(text, *nearest)


def _promising_blocks(text: SearchableText, needle: str, nearer: Callable[[int, int], bool]) -> Iterator[int]:
    """The numbers of the blocks that may hold a stretch ``nearer`` the quote than the nearest so far, the
    likeliest first, until no block left can.

    No stretch of a block matches more of each of the quote's characters than the block has (its bound), and a
    block without any of some of them matches at most the others: the blocks that have the quote's rarest
    characters are bounded first and read from the highest bound, and the quote's other characters are looked
    up only while a block without the rare ones could still be nearer. The passage a quote was copied from, with
    a typo, is most often the first block read, and the quote's rarest characters are in few blocks.
    """
    wanted, blocks_with = Counter(needle), text.blocks_with
    levels = _at_least(wanted)
    bounds: list[tuple[int, int]] = []  # a heap of (-bound, number): the highest bound, then the first block
    met: set[int] = set()
    unmet = len(needle)  # the most a block without any of the characters looked up so far can match
    for ch in sorted(wanted, key=lambda ch: len(blocks_with.get(ch, ()))):
        for number in blocks_with.get(ch, ()):
            if number not in met and nearer(unmet, number):  # met only now: it has none of the rarer characters
                met.add(number)
                heapq.heappush(bounds, (-_in_common(levels, text.at_least[number]), number))
        unmet -= wanted[ch]
        while bounds and -bounds[0][0] >= unmet and nearer(-bounds[0][0], bounds[0][1]):  # none unmet bounded higher
            yield heapq.heappop(bounds)[1]
        if not nearer(unmet, 0):  # nor can any block not met be nearer (0: the first block's number, best in a tie)
            return


def _in_common(wanted: tuple[frozenset[str], ...], has: tuple[frozenset[str], ...]) -> int:
    """How many of a quote's characters a text has, each as often as both have it (their multisets' intersection),
    from the quote's and the text's characters by how often (:func:`_at_least`): those both have at least once,
    plus those both have at least twice, and so on. Sets intersected in C: a quote of a paragraph has some 70
    different characters, and counting them one by one took four times as long."""
    return sum(map(len, map(frozenset.intersection, wanted, has)))


def _nearest_in_block(haystack: str, needle: str) -> tuple[int, int, list] | None:
    """The stretch of one block (normalized) most like ``needle``: the characters it matches, where it starts
    and the edit operations from it; the first of the most matched, None if no stretch begins or ends like it."""
    nearest = None
    for offset in _windows(haystack, needle):
        window = haystack[offset:offset + len(needle) + len(needle) // 3 + 2]
        matcher = difflib.SequenceMatcher(None, window, needle, autojunk=False)
        operations = _trimmed(matcher.get_opcodes())
        matched = sum(i2 - i1 for tag, i1, i2, _, _ in operations if tag == "equal")
        if nearest is None or matched > nearest[0]:
            nearest = (matched, offset, operations)
    return nearest


def _passage(text: SearchableText, number: int, offset: int, operations: list) -> tuple[SourceBlock, Callable, list]:
    """What :func:`_nearest_passage` gives for the stretch of block ``number`` at ``offset`` (normalized)."""
    block, (_, origin) = text.blocks[number], text.normalized[number]
    start = operations[0][1]
    shifted = [(tag, i1 - start, i2 - start, j1, j2) for tag, i1, i2, j1, j2 in operations]

    def written(i1: int, i2: int, base: int = offset + start) -> str:
        return block.text[origin[base + i1]:origin[base + i2 - 1] + 1] if i2 > i1 else ""

    return block, written, shifted


def _windows(haystack: str, needle: str) -> list[int]:
    """Where stretches of ``haystack`` start that begin like the quote, or end like it."""
    offsets = []
    head, tail = _longest_prefix(haystack, needle), _longest_prefix(haystack[::-1], needle[::-1])
    if head >= 2:
        offsets.append(haystack.find(needle[:head]))
    if tail >= 2:
        end = haystack.find(needle[len(needle) - tail:]) + tail
        offsets.append(max(0, end - len(needle) - len(needle) // 3 - 2))
    return offsets


def _trimmed(operations: list) -> list:
    """Edit operations without the source characters before the quote's first and after its last match."""
    while operations and operations[-1][0] == "delete":
        operations = operations[:-1]
    while operations and operations[0][0] == "delete":
        operations = operations[1:]
    if operations and operations[-1][0] == "replace":  # the quote's last characters, against as many of the source
        tag, i1, i2, j1, j2 = operations[-1]
        operations[-1] = (tag, i1, min(i2, i1 + j2 - j1), j1, j2)
    if operations and operations[0][0] == "replace":
        tag, i1, i2, j1, j2 = operations[0]
        operations[0] = (tag, max(i1, i2 - (j2 - j1)), i2, j1, j2)
    return operations


def _difference(written: Callable[[int, int], str], needle: str, tag: str, i1: int, i2: int, j1: int,
                j2: int) -> str:
    """One difference, with a character of context before it: the quote has '资全' where the source has '资金'."""
    before = written(i1 - 1, i1) if i1 > 0 else ""
    ours, theirs = before + needle[j1:j2], before + written(i1, i2)
    if tag == "insert":
        return f"the quote has '{ours}' where the source has '{theirs or '(nothing)'}': '{needle[j1:j2]}' is extra"
    if tag == "delete":
        return f"the quote has '{ours}' where the source has '{theirs}': it leaves out '{written(i1, i2)}'"
    return f"the quote has '{ours}' where the source has '{theirs}'" + _script_note(needle[j1:j2], written(i1, i2))


def _script_note(ours: str, theirs: str) -> str:
    """Say so when the quote has traditional characters where the source has simplified ones (or the reverse)."""
    if len(ours) != len(theirs):
        return ""
    pairs = list(zip(ours, theirs))
    if all(_script(a) == "traditional" and _script(b) == "simplified" for a, b in pairs):
        return " (a traditional character where the source has the simplified one)"
    if all(_script(a) == "simplified" and _script(b) == "traditional" for a, b in pairs):
        return " (a simplified character where the source has the traditional one)"
    return ""


def _script(ch: str) -> str:
    """'traditional' for a character only Big5 has, 'simplified' for one only GB2312 has, else ''."""
    def has(encoding: str) -> bool:
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    big5, gb2312 = has("big5"), has("gb2312")
    return "traditional" if big5 and not gb2312 else "simplified" if gb2312 and not big5 else ""


def _longest_prefix(haystack: str, needle: str) -> int:
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    return low


@functools.lru_cache(maxsize=4096)  # pure; asked of each statistic twice (its figure as shown, then its value)
def number_problem(value: float, qualifier: str, quote: str, lang: str = "zh") -> str:
    """Why ``value`` (with ``qualifier``) is not what ``quote``, of a source in ``lang``, says, or "" if it is.

    The quote is read as it was matched in the source (:func:`as_read`), and only its counts and amounts
    count: the 2 of 第二季度 is no statistic of 2.
    """
    said = quantities.stated_once(as_read(quote, lang), None, lang)
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


def date_problem(when: PartialDate, quote: str, reference: date, lang: str = "zh") -> str:
    """Why ``when`` is not the date ``quote`` gives (relative to ``reference``), or "". A month the quote names
    alone (3月的季度会长办公会) is the article's year's, as a quarter and a day named alone are, and as a citation's
    words are traced by it (quantities.stated): read loosely, which reads such a month (2023-03 was refused for it,
    "the quote contains no date", where 2023-Q2 passed for 第二季度)."""
    english = locale_of(lang) != "zh"  # (an English article's dates as English writes them: see as_read)
    found = quantities.dates_said_en(as_read(quote, lang), reference) if english else find_dates_zh(
        quote, reference, loosely=True)
    if any(item.date == when for item in found):
        return ""
    if not found:
        forms = ("11 October 2023, October 2023, last year or the second quarter" if english
                 else "2023年7月, 今年4月, 第二季度 or 前不久")
        return f"the quote contains no date (such as {forms})"
    said = "; ".join(f"'{item.text}' = {item.date.iso()}" for item in found)
    return f"the quote dates it {said}, but the record says {when.iso()}"


def passages(quotes: list[tuple[str, QuoteSpan]]) -> tuple[list[Passage], list[str]]:
    """Merge overlapping quoted spans of one source into anchored passages.

    ``quotes`` pairs a name (a record's, in priority order; "" for a citation,
    which names no passage) with its span. Returns the passages in text order
    and each quote's anchor, in the order of ``quotes``. A passage is named by
    the first record quoted in it, else by where it starts in the source
    (``q-<block>-<offset>``): unique on the source's page, and the same
    whichever page cites it, and wherever in that page.
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
    result, anchors = [], [""] * len(quotes)
    for group in groups:
        block, start = group[0][2].block, min(span.start for _, _, span in group)
        named = [(priority, name) for priority, name, _ in group if name]
        anchor = f"q-{min(named)[1]}" if named else f"q-{block}-{start}"
        result.append(Passage(anchor, block, start, max(span.end for _, _, span in group)))
        for priority, _, _ in group:
            anchors[priority] = anchor
    return result, anchors


def _show(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
