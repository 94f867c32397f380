"""Every quote of the site found in its source: the records' and the citations'.

Each quote must occur exactly once in its source; the passages quoted become
anchors on the source page, and each record learns the anchor of its quote.
A statistic's number and an event's date must be the ones its quote gives
(the rules are in :mod:`provenance`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, Protocol

from . import links, provenance
from .conventions import RECORD_KINDS
from .errors import ErrorList, Location
from .jsonforms import LOOKED_UP
from .links import Prose
from .memo import Memo, digest_of
from .model import Evidence, Source
from .i18n import locale_of
from .numerals import find_numbers_en, find_numbers_zh, number_cut, same_value
from .records import Records


class _Quoted(NamedTuple):
    """A quote to find: a tuple, as there are tens of thousands (every page's citations), made on every build."""

    name: str  # a record's anchor (stat-donations), which names its passage; "" for a citation
    source: str
    quote: str
    path: Path  # where it is written: made a Location only for a mistake
    line: int | None
    column: int | None
    what: str

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)


def trace_evidence(sources: dict[str, Source], records: Records, prose: list[Prose], errors: ErrorList,
                   memo: Memo | None = None, pages: Sequence[Cites] = ()) -> tuple[dict[str, Source], Records,
                                                                                  dict[tuple[str, str], str]]:
    """Find every quote in its source; check numbers and dates; anchor the passages.

    The quotes are the records', then those of the pages' ``cite:`` links (``pages``, in the site's order),
    then those of the other Markdown (``prose``): the records' texts and the sources' summaries.
    """
    memo = memo or Memo()
    quoted = (_record_quotes(records)
              + [quote for page in pages for quote in memo.of("quoted", (page,),
                                                             lambda page=page: _cited_quotes(page.path, page.citations))]
              + _prose_quotes(prose, memo))
    spans: dict[str, list[tuple[str, provenance.QuoteSpan]]] = defaultdict(list)
    spanned: dict[str, list[str]] = defaultdict(list)  # each span's quote, normalized
    texts = {ident: digest_of(source.blocks) for ident, source in sources.items()}
    # (source, quote) -> (spans found, why none, the quote normalized, how it cuts a number): the same quote is
    # often cited many times, and most were looked up by the last build (see _looked_up)
    pairs = tuple(dict.fromkeys((item.source, item.quote) for item in quoted if item.source in texts))
    looked_up = dict(zip(pairs, _looked_up(pairs, sources, texts, memo)))
    for item in quoted:
        if item.source not in texts:
            continue  # already reported where the source is named
        found, reason, normal, cut = looked_up[(item.source, item.quote)]
        if not found:
            short = reason.startswith(provenance.TOO_SHORT)
            what = "the quote is too short to name a passage of" if short else "quote not found in"
            errors.add(item.location, f"{item.what}: {what} source '{item.source}'", reason)
            continue
        if len(found) > 1:
            lines = ", ".join(str(line) for line in sorted({sources[item.source].blocks[s.block].line for s in found}))
            errors.add(item.location, f"{item.what}: the quote occurs {len(found)} times in source '{item.source}' "
                                      f"(source lines {lines}), so it names no one passage",
                       "make it longer: quote more of the passage around it, until it occurs only once")
        elif cut:
            errors.add(item.location, f"{item.what}: the quote {cut}", "quote the whole number, with what says how "
                       "it is meant (超, 余, a magnitude such as 亿): a part of it reads as another number")
        elif unlike := _spaced_unlike(item.quote, found[0], sources[item.source]):
            errors.add(item.location, f"{item.what}: {unlike}, and an article in English is read with its spaces "
                                      f"(source '{item.source}')",
                       "copy the words with the spaces the source has between them: a space joins or parts words "
                       "and numbers ('4 9' is two numbers, '49' one)")
        spans[item.source].append((item.name, found[0]))
        spanned[item.source].append(normal)
    anchors: dict[tuple[str, str], str] = {}
    for ident, source in list(sources.items()):
        found_passages, anchored = provenance.passages(spans.get(ident, []))
        sources[ident] = replace(source, passages=tuple(found_passages))
        for normal, anchor in zip(spanned.get(ident, ()), anchored):
            anchors[(ident, normal)] = anchor
    for (source, quote), (_, _, normal, _) in looked_up.items():  # also by the quote as written (saves normalizing)
        if (source, normal) in anchors:
            anchors[(source, quote)] = anchors[(source, normal)]
    _check_facts(records, sources, errors)
    return sources, _anchor_records(records, anchors), anchors


def _looked_up(pairs: tuple[tuple[str, str], ...], sources: dict[str, Source], texts: dict[str, str],
               memo: Memo) -> list[tuple[list[provenance.QuoteSpan], str, str, str]]:
    """Each (source, quote) of ``pairs`` looked up in its source (``texts``: the digest of each source's blocks):
    the places found, why none was, the quote normalized and how it begins or ends inside a number.

    Remembered whole, by every quote and every source's text, and kept for the next process: a build after a
    page edit that left the quotes as they were reads back one result rather than looking up thousands again
    (0.03 s of such a build at 10,000 pages); each quote is also remembered alone, in this process, for a
    preview in which one changed.
    """
    searchable: dict[str, provenance.SearchableText] = {}  # made only for a source a quote is looked up in

    def look_up(source: str, quote: str) -> tuple[list[provenance.QuoteSpan], str, str, str]:
        text = texts[source]
        if source not in searchable:
            searchable[source] = memo.get(("searchable", text),
                                          lambda: provenance.SearchableText.of(sources[source].blocks))
        found, reason = memo.get(("quote", text, quote), lambda: provenance.find_quote(searchable[source], quote))
        cut = "" if len(found) != 1 else memo.get(  # (once a quote, not once a citation: 0.13 s of 10,000)
            ("edge", text, quote), lambda: _edge_in_a_number(sources[source].blocks[found[0].block].text, found[0]))
        return found, reason, memo.get(("normalized", quote), lambda: provenance.normalize(quote)[0]), cut

    key = ("quotes looked up", tuple(texts.items()), pairs)
    return memo.get_kept(key, lambda pairs: [look_up(*pair) for pair in pairs], pairs, LOOKED_UP)


def _edge_in_a_number(text: str, span: provenance.QuoteSpan) -> str:
    """How the quote found at ``span`` of its source block ``text`` begins or ends inside a number of the source,
    or "": '9个' quoted of 护航49个 reads as 9, '5亿元' of 超4.5亿元 as 500 million, '4.5亿元' of it as exactly that."""
    for edge, side in ((span.start, "begins"), (span.end, "ends")):
        cut = number_cut(text[:edge], text[edge:])
        if cut is not None:
            return f"{side} inside '{cut.shown}' of the source, cutting it into '{cut.before.strip()}' and '{cut.after.strip()}'"
    return ""


def _spaced_unlike(quote: str, span: provenance.QuoteSpan, source: Source) -> str:
    """How a quote found at ``span`` of ``source`` is spaced otherwise than the article, if it is read with its
    spaces (a source not in Chinese: see ``provenance.as_read``), else "". A quote is found whatever its spaces."""
    if locale_of(source.lang) == "zh":
        return ""
    return provenance.spaced_unlike(quote, source.blocks[span.block].text[span.start:span.end], source.lang)


def _record_quotes(records: Records) -> list[_Quoted]:
    quoted = []
    for kind in RECORD_KINDS:
        for record in getattr(records, kind.field):
            if record.evidence is not None:
                where = record.evidence.location or record.location
                quoted.append(_Quoted(kind.anchor(record.id), record.evidence.source, record.evidence.quote,
                                      where.path, where.line, where.column, f"{kind.name} '{record.id}'"))
    return quoted


def _prose_quotes(prose: list[Prose], memo: Memo) -> list[_Quoted]:
    quoted = []
    for item in prose:  # most are the very texts of the last build (in the preview): their quotes are remembered
        quoted.extend(memo.of("quoted", (item,), lambda item=item: _cited_quotes(item.path, links.cited(item))))
    return quoted


class Cites(Protocol):
    """A page as the quotes of its ``cite:`` links are read of it (a :class:`~microsite.model.Page`, or what the
    last build knew of one: see ``known``)."""

    path: Path
    citations: tuple[tuple[str, str, int, int], ...]


def _cited_quotes(path: Path, citations: tuple[tuple[str, str, int, int], ...]) -> tuple[_Quoted, ...]:
    """The quotes of the ``cite:`` links of a text of the file ``path`` (see ``links.cited``). They name no
    passage: one quoted by citations alone is named by its place in the source (see ``provenance.passages``)."""
    return tuple(_Quoted("", source, quote, path, line, column, "citation")
                 for source, quote, line, column in citations if quote)


def _check_facts(records: Records, sources: dict[str, Source], errors: ErrorList) -> None:
    for statistic in records.statistics:
        asked = (statistic.value, statistic.qualifier, statistic.evidence.quote, statistic.evidence.lang)
        problem = records.number_problems.get(asked)  # read with the statistic's own check, as a rule
        if problem is None:
            problem = provenance.number_problem(*asked)
        if problem:
            errors.add(statistic.evidence.location or statistic.location, f"statistic '{statistic.id}': {problem}",
                       _number_hint(statistic))
    for event in records.events:
        source = sources[event.evidence.source]
        problem = provenance.date_problem(event.date, event.evidence.quote, source.date, source.lang)
        if problem:
            errors.add(event.evidence.location or event.location, f"event '{event.id}': {problem}",
                       f"relative dates are read against the article's date, {source.date.isoformat()}")


def _number_hint(statistic) -> str:
    """The qualifier to write when the quote has the number with another one; else how values are written."""
    evidence = statistic.evidence
    found = (find_numbers_zh(evidence.quote) if locale_of(evidence.lang) == "zh"  # (as its source's reader reads it)
             else find_numbers_en(provenance.as_read(evidence.quote, evidence.lang)))
    said = [number for number in found if same_value(number.value, statistic.value)]
    if said:
        words = ("超 = over, 余 = more-than, 近 = nearly, 约 = about" if locale_of(evidence.lang) == "zh"
                 else "over = over, more than = more-than, nearly = nearly, about = about")
        return f"write qualifier: {said[0].qualifier} ('{said[0].text}'; {words}, none = exact)"
    return "the value must be the number the quote gives, in base units (4.5亿 = 450000000)"


def _anchor_records(records: Records, anchors: dict[tuple[str, str], str]) -> Records:
    def anchored(record):
        evidence: Evidence | None = record.evidence
        if evidence is None:
            return record
        anchor = anchors.get((evidence.source, provenance.normalize(evidence.quote)[0]), "")
        return replace(record, evidence=replace(evidence, anchor=anchor))

    return replace(records, statistics=[anchored(r) for r in records.statistics],
                   events=[anchored(r) for r in records.events], terms=[anchored(r) for r in records.terms])
