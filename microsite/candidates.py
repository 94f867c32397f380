"""Candidate facts: the numbers and dated events of a source, drafted for the editor.

``ingest`` writes ``content/sources/<id>.candidates.yaml`` beside each
source. The build does not read it (it loads ``sources/*.md`` only): it is a
draft from which the editor copies records into ``content/data/statistics.yaml``
and ``content/data/timeline.yaml``, writing their labels and titles. Each
candidate is already a record of those files (the same keys, a verbatim
quote, the value the build will find in it), preceded by a comment with the
number or date as written.

**Which numbers are candidates** (:func:`is_statistic`):

- every number written in digits (``49个``, ``超4.5亿元``, ``10余家``,
  ``12.5%``), except where it is part of a date (``2023`` and ``7`` in
  ``2023年7月``, ``3`` in ``今年3月``; a bare ``5日`` or ``3月`` too), of a
  title in ``《》`` (whose dates are not candidates either), or of a Latin
  name (``5G``, ``iPhone 15``);
- a number in Chinese numerals only with a measure word after it, which is
  how Chinese counts things: ``三项`` (制度), ``三个`` (平台) (the reading a
  reader's claims get too: :func:`microsite.quantities.is_count_zh`);
  without one it is a word or a name (``一致好评``, ``之一``,
  ``“四好”``, ``‘十四五’``) and not a candidate;
- never an ordinal: ``第二``, ``十一届`` (the eleventh term);
- never ``一`` in Chinese: with a measure word it is the indefinite article
  or an ordinal (``一个平台``, ``十一届一次``), without one part of a word
  (``一会一特色``); nor a numeral after ``数``/``几``/``若干``/``上``
  (``数百家`` is "hundreds", not 100), nor the end of a run of numerals
  that is no one number (``三`` in ``二〇二三年``, ``五`` in ``十四五``).

**Which dates are candidates**: every date :func:`microsite.dates.find_dates_zh`
reads, relative ones resolved against the article's date (``今年4月`` ->
2023-04, ``第二季度`` -> 2023-Q2, ``前不久``/``日前`` -> before the article's
day, ``今年以来`` -> 2023, ``上个月`` -> 2023-09, ``昨天`` -> 2023-10-10,
``上周`` -> before the article's day).

**An article in English** (most of its letters not Chinese characters, the
rule the build decides its language by: :func:`microsite.cjk.written_in_chinese`)
is read as the build reads its quotes: its counts and amounts as
:func:`microsite.quantities.claimed` reads English (``49 chambers``,
``forty-nine``, ``more than 450 million yuan``: not a date's parts, an
ordinal or a name's numeral: :func:`counts_en`), its dates by
:func:`microsite.quantities.dates_said_en` (``October 11, 2023``,
``last year`` -> 2022, ``last month`` -> 2023-09, ``yesterday`` -> 2023-10-10).

**The quote** (:func:`quote_around`) is the clause holding the number or
date, cut at ``，。；：！？``; it is widened clause by clause (to the right,
then to the left) until it has at least four characters besides the number
or date itself and occurs exactly once in the source as the build compares
quotes. Numbers in one clause share its quote.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import quantities
from .cjk import is_ideograph, written_in_chinese
from .dates import find_dates_zh
from .ingest import yaml_scalar
from .numerals import ZH_NUMERALS, Number, Taken, find_numbers_zh, parse_chinese_numeral, same_value
from .patterns import compile_later
from .quantities import is_count_zh
from .provenance import SearchableText, SourceBlock

LANGUAGES = ("zh", "en")
_YUAN = {"元": 1, "万元": 10**4, "亿元": 10**8}
_CLAUSE_MARKS = "，。；：！？,;:!?"
MIN_CONTEXT_CHARS = 4  # a quote's characters besides the number or date
# A quote longer than a long sentence is no help to an editor, who reads it to find the passage; and in a paragraph
# where no shorter passage occurs once (one sentence repeated), every number's quote was most of it: a draft as
# large as numbers x paragraph (800 repeats: 32 MB). Such a candidate is drafted without a quote, as is one whose
# quote `check` would refuse (occurring twice, or too short).
MAX_DRAFT_QUOTE_CHARS = 200
_LATIN_BEFORE = compile_later(r"[A-Za-z][ -]?\Z")
_LATIN = compile_later(r"[A-Za-z]")


@dataclass(frozen=True)
class StatisticCandidate:
    """A number that may be a statistic. ``value`` is in base units (450000000 for 4.5亿元)."""

    id: str
    value: int | float
    unit: str  # count | yuan | percent
    qualifier: str  # exact | over | more-than | nearly | about
    measure: str  # the measure word of a count (个, 家 ...), or ""
    text: str  # as written: 超4.5亿元
    quote: str
    line: int  # of the source file
    context: str = ""  # the number and the words right after it (三个平台), to tell apart numbers sharing a quote


@dataclass(frozen=True)
class EventCandidate:
    """A date that may be a timeline event; ``date`` in the site's form ("2023-04", "before 2023-10-11")."""

    id: str
    date: str
    text: str  # as written: 今年4月
    quote: str
    line: int


@dataclass(frozen=True)
class Candidates:
    source: str
    statistics: tuple[StatisticCandidate, ...]
    events: tuple[EventCandidate, ...]


# --------------------------------------------------------------------------
# Finding


def find_candidates(source: str, published: date, blocks: Sequence[SourceBlock]) -> Candidates:
    """Every candidate number and date of a source's ``blocks``, in text order."""
    unique = SearchableText.of(list(blocks)).occurs_once  # as the build compares quotes: width and white space aside

    statistics, events, ids = [], [], _Ids()
    chinese = written_in_chinese([block.text for block in blocks])  # (else read as English, as the build reads it)
    for block in blocks:
        found_dates = (find_dates_zh(block.text, published) if chinese
                       else quantities.dates_said_en(block.text, published))
        dates = Taken(len(block.text))  # (each number asking each date of its block was quadratic)
        for found in found_dates:
            dates.add(found.start, found.end)
        widening = _Widening(block.text, unique, MAX_DRAFT_QUOTE_CHARS)  # one for the block's numbers and dates

        def quote_of(start: int, end: int, widening: _Widening = widening) -> str:
            return _checkable(widening.quote(start, end), unique)
        for number in find_numbers_zh(block.text) if chinese else counts_en(block.text, dates):
            if not chinese or is_statistic(number, block.text, dates):
                statistics.append(_statistic(number, block, quote_of, ids))
        for found in found_dates:
            if _in_title(block.text, found.start):
                continue
            quote = quote_of(found.start, found.end)
            ident = _unique_id("event-" + found.date.iso().lower().replace(" ", "-"), ids)
            since = "以来" if block.text.startswith("以来", found.end) else ""  # 今年以来: since the start of 2023
            events.append(EventCandidate(ident, found.date.iso(), found.text + since, quote, block.line))
    return Candidates(source, tuple(statistics), tuple(events))


def counts_en(text: str, dates: Taken) -> list[Number]:
    """The counts and amounts of English ``text`` (whose ``dates`` are taken), as the build reads an English
    article's quote: its numbers in words too (forty-nine chambers, more than 450 million yuan); not a date's
    parts (the 2023 of October 11, 2023, drafted as a count of 2023), an ordinal (2nd) or a name's numeral."""
    return [item.number for item in quantities.claimed(text, "en")
            if quantities.COUNT in item.meanings and not item.part
            and not dates.overlaps(item.number.start, item.number.end)]


def is_statistic(number: Number, text: str, dates: Taken) -> bool:
    """The rule in the module docstring: is ``number`` (found in ``text``, whose ``dates`` are taken) a candidate
    statistic?"""
    if dates.overlaps(number.start, number.end):  # (a number is never empty, nor is a date)
        return False
    if _in_title(text, number.start):
        return False
    if _LATIN_BEFORE.search(text, max(0, number.start - 2), number.start) or _LATIN.match(text, number.end):
        return False  # (looked for right before the number: a search of all the text before each was quadratic)
    if text.endswith("第", 0, number.start) or number.unit == "届":
        return False  # an ordinal: the eleventh term is no count of eleven
    if any(char.isdecimal() for char in number.text):
        return number.unit not in ("月", "日", "季度")
    if number.text.startswith(("数", "几", "上")):
        return False  # 数百家: a claim to trace where it is shown, but no one value to draft a record of
    return is_count_zh(number, text)


def _in_title(text: str, index: int) -> bool:
    """True inside a 《title》: its numbers and dates are part of a name."""
    opening, closing = _title_marks(text)
    return bisect_left(opening, index) > bisect_left(closing, index)


@functools.lru_cache(maxsize=8)  # a block's, asked for each of its numbers and dates (counting each time: quadratic)
def _title_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the 《 and the 》 of ``text`` are."""
    return (tuple(index for index, char in enumerate(text) if char == "《"),
            tuple(index for index, char in enumerate(text) if char == "》"))


@functools.lru_cache(maxsize=8)  # a block's, asked for each of its numbers and dates (finding them each time: quadratic)
def _clause_marks(text: str) -> tuple[int, ...]:
    return tuple(index for index, char in enumerate(text) if char in _CLAUSE_MARKS)


def _checkable(quote: str, unique: Callable[[str], bool]) -> str:
    """``quote`` if `check` would take it and an editor can read it (see :data:`MAX_DRAFT_QUOTE_CHARS`), else ""."""
    return quote if len(quote) <= MAX_DRAFT_QUOTE_CHARS and unique(quote) else ""


def _statistic(number: Number, block: SourceBlock, quote_of: Callable[[int, int], str],
               ids: set[str]) -> StatisticCandidate:
    value = round(number.value) if same_value(number.value, round(number.value)) else number.value
    if number.unit in _YUAN:
        unit, measure = "yuan", ""
    elif number.unit == "%":
        unit, measure = "percent", ""
    else:  # a count: its measure word (个, 家), or the unit noun after it (4.5万亩: 亩)
        after = block.text[number.end:number.end + 1]
        unit, measure = "count", number.unit or (after if is_ideograph(after) else "")
    quote = quote_of(number.start, number.end)
    ident = _unique_id(f"{unit}-{_slug(number.text)}", ids)
    context = re.split(f"[{_CLAUSE_MARKS}、“”‘’《》\"]", block.text[number.start: number.end + 2])[0]
    return StatisticCandidate(ident, value, unit, number.qualifier, measure, number.text, quote, block.line, context)


def quote_around(text: str, start: int, end: int, unique: Callable[[str], bool]) -> str:
    """The clause of ``text`` around ``[start, end)``, widened until it identifies the passage: to the right a
    clause at a time, then to the left, until it has :data:`MIN_CONTEXT_CHARS` besides the number and
    ``unique(quote)``; else the whole block. ``unique`` must be true of every quote holding one it is true of,
    as occurring once in a source is (:class:`_Widening` relies on it)."""
    return _Widening(text, unique).quote(start, end)


class _Widening:
    """The quotes of one block's numbers and dates, widened as :func:`quote_around` says. A window is a pair of
    indices into the block's clause marks: it starts after mark ``left`` - 1 (0: the block's start) and ends at
    mark ``right`` (past the last: the block's end). Widened a step at a time, each number's quote searched the
    source again for every step: in a paragraph of one sentence repeated, where no clause is unique, that was
    numbers x steps x source (cubic). A window holding a unique one is unique, so the first unique window of a
    widening is searched for (galloping, then halving); every clause not unique even with all the block to its
    right is widened to the left to the same window, :meth:`_widest_left`, found once for the block; and a
    clause's first unique window to the right ends no sooner than an earlier clause's (:attr:`reach`)."""

    def __init__(self, text: str, unique: Callable[[str], bool], limit: int | None = None) -> None:
        self.text, self.unique, self.marks, self.limit = text, unique, _clause_marks(text), limit
        self.known: dict[tuple[int, int], bool] = {}  # window: unique (numbers of one clause ask the same)
        self.quotes: dict[tuple[int, int], str] = {}  # the windows given (or passed on the way to one)
        self.widest: int | None = None  # _widest_left, once found
        self.reach = (0, 0)  # the last window found by widening to the right (left, right)

    def quote(self, start: int, end: int) -> str:
        """The quote of ``[start, end)``: its first unique window, widened on while it is too short."""
        window = self._first_unique(bisect_left(self.marks, start), bisect_left(self.marks, end))
        while window is not None and len(self._quote(window)) - (end - start) < MIN_CONTEXT_CHARS:
            window = self._wider(window)  # (unique too: only longer)
        return self._quote(window or (0, len(self.marks)))  # (else the whole block: as good as it gets)

    def _first_unique(self, left: int, right: int) -> tuple[int, int] | None:
        """The first unique window of the widening from ``(left, right)``: to the right, then to the left."""
        last = len(self.marks)
        if self._unique(left, right):  # most clauses: one search, as ever
            return left, right
        widest = self._widest_left()
        if left > widest:  # not unique even at the block's end: widened to the left, to where the others go
            return (widest, last) if widest >= 0 else None
        low = max(right + 1, self.reach[1]) if self.reach[0] <= left else right + 1
        self.reach = left, _first_true(lambda reach: self._unique(left, reach), low, last)
        return self.reach

    def _widest_left(self) -> int:
        """The last ``left`` whose window to the block's end is unique (all before it are), or -1."""
        if self.widest is None:
            last = len(self.marks)
            self.widest = -1 if not self._unique(0, last) else \
                last - _first_true(lambda back: self._unique(last - back, last), 0, last)
        return self.widest

    def _wider(self, window: tuple[int, int]) -> tuple[int, int] | None:
        """The next window of a widening: a clause more to the right, or when at the end, to the left."""
        left, right = window
        if right < len(self.marks):
            return left, right + 1
        return (left - 1, right) if left else None

    def _unique(self, left: int, right: int) -> bool:
        """Whether the window occurs once; with a ``limit``, a window longer than it counts as found, unsearched.
        That keeps "found" a property every wider window has too, as the searches need, and the quote then given
        is either the first unique window, when it is within the limit, or one longer than the limit: which a
        draft leaves out (:func:`_checkable`) as it would the first unique one, longer still. (Each search
        normalizes its window: in one sentence repeated then another, each number's was most of the paragraph.)"""
        if (left, right) not in self.known:
            text = self._text((left, right))
            self.known[left, right] = (self.limit is not None and len(text) > self.limit) or self.unique(text)
        return self.known[left, right]

    def _quote(self, window: tuple[int, int]) -> str:
        """A window's quote, cut once: hundreds of numbers may share it, and it may be most of the block."""
        if window not in self.quotes:
            self.quotes[window] = self._text(window)
        return self.quotes[window]

    def _text(self, window: tuple[int, int]) -> str:
        left, right = window
        start = self.marks[left - 1] + 1 if left else 0
        end = self.marks[right] if right < len(self.marks) else len(self.text)
        return self.text[start:end].strip().rstrip(_CLAUSE_MARKS)


def _first_true(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The least of ``low`` .. ``high`` that ``holds``, given that it holds of ``high`` and of all after one it
    holds of: tried at low, low + 1, low + 3, low + 7 ..., then halved (a try or two where it is near, a few
    dozen where it is thousands of clauses away)."""
    probe, step = low, 1
    while not holds(probe):
        low, probe, step = probe + 1, min(probe + step, high), 2 * step
    while low < probe:
        middle = (low + probe) // 2
        if holds(middle):
            probe = middle
        else:
            low = middle + 1
    return probe


_SLUG_WORDS = {"超过": "over-", "超出": "over-", "超": "over-", "逾": "over-", "将近": "nearly-", "接近": "nearly-",
               "近": "nearly-", "大约": "about-", "约": "about-", "余": "-plus", "多": "-plus", "万亿": "-wanyi",
               "亿": "-yi", "万": "-wan", "千": "-qian", "元": "", "%": "", ".": "-",
               "个": "-ge", "家": "-jia", "条": "-tiao", "项": "-xiang", "人": "-ren", "名": "-ming", "次": "-ci",
               "届": "-jie", "位": "-wei", "场": "-chang", "件": "-jian", "批": "-pi", "户": "-hu", "所": "-suo",
               "座": "-zuo", "类": "-lei", "种": "-zhong", "年": "-nian"}
_SLUG_PATTERN = compile_later("|".join(sorted(map(re.escape, _SLUG_WORDS), key=len, reverse=True)))


def _slug(text: str) -> str:
    """``超4.5亿元`` -> ``over-4-5-yi``, ``三项`` -> ``3-xiang``: an id made of what is written."""
    if not re.search(r"[0-9]", text):  # Chinese numerals: write the value
        text = re.sub(f"[{ZH_NUMERALS}]+",
                      lambda run: str(parse_chinese_numeral(run.group(0)) or ""), text, count=1)
    slug = _SLUG_PATTERN.sub(lambda match: _SLUG_WORDS[match.group(0)], text)
    return re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "number"


class _Ids(set):
    """The ids given, and for each one asked for the count its next "-N" is tried from (counting from 2 again
    for each of a text's thousands of one number made it quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.counters: dict[str, int] = {}


def _unique_id(ident: str, taken: set[str]) -> str:
    counters = taken.counters if isinstance(taken, _Ids) else {}
    counter = counters.get(ident, 2)
    candidate = ident if counter == 2 else f"{ident}-{counter - 1}"  # (the one given last: taken)
    while candidate in taken:
        candidate, counter = f"{ident}-{counter}", counter + 1
    counters[ident] = counter
    taken.add(candidate)
    return candidate


# --------------------------------------------------------------------------
# Rendering the draft

_HEADER = """\
# Candidate facts of content/sources/{source}.md, found by `python3 build.py ingest`.
# The build does not read this file. To accept a candidate, copy it (from its
# "- id:" line) into content/data/statistics.yaml or content/data/timeline.yaml,
# give it an id of your own, write the empty label or title in every language,
# and run `python3 build.py check`. Delete the candidates that are not facts if
# you like: ingesting the same item again keeps this file as you leave it.
"""


def render_candidates(candidates: Candidates, languages: Sequence[str] = LANGUAGES) -> str:
    """The draft: a header comment, then ``statistics:`` and ``events:`` lists of ready records."""
    parts = [_HEADER.format(source=candidates.source), "statistics:" + ("" if candidates.statistics else " []") + "\n"]
    parts += [_statistic_record(c, candidates.source, languages) for c in candidates.statistics]
    parts.append("events:" + ("" if candidates.events else " []") + "\n")
    parts += [_event_record(c, candidates.source, languages) for c in candidates.events]
    return "\n".join(parts)


def _statistic_record(c: StatisticCandidate, source: str, languages: Sequence[str]) -> str:
    measure = f", measure {c.measure}" if c.measure else ""
    words = "".join(f"  {code}:\n    label: \"\"\n" + (f"    measure: {c.measure}\n" if code == "zh" and c.measure else "")
                    for code in languages)
    shown = f"{c.text} ({c.context}…)" if c.context != c.text else c.text
    return (f"# {shown}: {c.unit}, {c.qualifier}{measure}; source line {c.line}\n{_no_quote(c.quote)}"
            f"- id: {c.id}\n  value: {_in_decimal_digits(c.value)}\n  unit: {c.unit}\n  qualifier: {c.qualifier}\n"
            f"  source: {source}\n  quote: {_quote_scalar(c.quote)}\n{words}")


def _in_decimal_digits(value: int | float) -> str:
    """``value`` as the build reads a number: decimal digits, never an exponent (Python writes 0.00005 as 5e-05)."""
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)).normalize(), "f")


def _no_quote(quote: str) -> str:
    """The comment of a candidate drafted without a quote (see :data:`MAX_DRAFT_QUOTE_CHARS`)."""
    return "" if quote else (f"# no passage of {MAX_DRAFT_QUOTE_CHARS} characters or fewer around it occurs once in "
                             "the source: quote one by hand\n")


@functools.lru_cache(maxsize=16)
def _quote_scalar(quote: str) -> str:
    """A quote as YAML, made once for the numbers sharing it: in a paragraph of one sentence repeated, hundreds
    share one quote of nearly all of it, and yaml_scalar reads it a character at a time (in Python)."""
    return yaml_scalar(quote)


def _event_record(c: EventCandidate, source: str, languages: Sequence[str]) -> str:
    words = "".join(f"  {code}:\n    title: \"\"\n    text: \"\"\n" for code in languages)
    return (f"# {c.text}: {c.date}; source line {c.line}\n{_no_quote(c.quote)}"
            f"- id: {c.id}\n  date: \"{c.date}\"\n  source: {source}\n  quote: {_quote_scalar(c.quote)}\n{words}")
