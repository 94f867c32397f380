"""Reading the data records: statistics, timeline events, glossary terms, sources, UI strings.

Each reader checks one file against its schema and returns frozen records.
A record keeps its language-independent facts once (a value and unit, a
date and its precision) and its words per language. Provenance (is the
quote in the source?) is checked afterwards, for all records at once, by
``evidence``; here each record only has to be well-formed (and figures
charted together share a unit: :func:`check_groups`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from .cjk import is_ideograph, written_in_chinese
from .compiled import Compiler
from .conventions import FILLED_STRINGS, NUMBER_PLACEHOLDERS, RECORD_KIND, RecordKind, key_and_language
from .dates import DATE_FORMS_HINT, PartialDate
from .errors import ErrorList, Location
from .i18n import format_quantity, locale_of
from .jsonforms import FIGURES
from .links import Prose
from .load import DataFile, Document
from .memo import Memo
from .model import (Config, Event, EventText, Evidence, Rendered, SaidNumber, Source, SourceText, Statistic,
                    StatisticText, Term, TermText)
from .numerals import EXACT, MEASURE_WORDS, QUALIFIERS, find_numbers_zh, number_cut, same_value
from .patterns import compile_later
from .provenance import as_read, number_problem, parse_source_body
from .quantities import Quantity, rate_forms, rate_in_words, rate_name, stated_once
from .seal import check_seal, sealed_characters
from .tracing import ONLY_A_NUMBER_HINT, PlainField, only_a_number
from .yamlfile import YamlMap
from .schema import ID_HINT, ID_PATTERN, Fields, expect_list, expect_mapping

UNITS = ("count", "yuan", "percent")


@dataclass(frozen=True)
class Records:
    """What the readers produce: records, and the Markdown in them still to resolve."""

    statistics: list[Statistic]
    events: list[Event]
    terms: list[Term]
    prose: list[Prose]
    broken: frozenset[str] = frozenset()  # "stat:id", "event:id", "term:id" of records with mistakes
    plain: tuple[PlainField, ...] = ()  # the words a reader sees that are not Markdown (labels, titles)
    shapeless: frozenset[str] = frozenset()  # data files read but not a list of records: as good as unreadable
    # what provenance.number_problem says of each statistic's (value, qualifier, quote, the quote's language), read
    # with its check
    number_problems: dict[tuple[float, str, str, str], str] = field(default_factory=dict)


def read_records(data: dict[str, DataFile], config: Config, sources: dict[str, Source],
                 compiler: Compiler, errors: ErrorList, unreadable: frozenset[str] = frozenset(),
                 memo: Memo | None = None) -> Records:
    """Read the data files; ``unreadable`` names the data files (``statistics``...) and sources
    (``sources:<id>``) that failed to load, whose own mistakes are reported instead of references to them."""
    prose: list[Prose] = []
    missing = frozenset(name[len("sources:"):] for name in unreadable if name.startswith("sources:"))
    reader = _Reader(config, sources, compiler, errors, prose, missing)
    statistics = reader.each(data, RECORD_KIND["stat"], reader.statistic)
    problems = reader.check_figures(memo or Memo())
    events = reader.each(data, RECORD_KIND["event"], reader.event)
    terms = reader.each(data, RECORD_KIND["term"], reader.term)
    known = {statistic.id for statistic in statistics}
    for event in events:
        for ident in event.stats:
            if (ident not in known and f"stat:{ident}" not in reader.broken and "statistics" not in unreadable
                    and "data/statistics.yaml" not in reader.shapeless):
                errors.add(event.location, f"event '{event.id}': unknown statistic '{ident}' in stats",
                           "use an id from content/data/statistics.yaml")
    return Records(statistics, events, terms, prose, frozenset(reader.broken), tuple(reader.plain),
                   frozenset(reader.shapeless), problems)


def _said_of_figures(asked: tuple[tuple[float, str, str, str, str], ...]) -> list[tuple[str, tuple[SaidNumber, ...]]]:
    """For each statistic's (value, unit, qualifier, quote, the quote's source's language): what
    :func:`number_problem` says of it, and for a count the numbers its quote says of that value (read by
    ``find_numbers_zh``), whose measure words a Chinese label repeats; none of a quote in English, which has none
    (its 49 chambers is no 49个 that a label counting 家 must repeat)."""
    return [(number_problem(value, qualifier, quote, lang),
             tuple(SaidNumber(number.unit, number.text, number.start, number.end) for number in find_numbers_zh(quote)
                   if same_value(number.value, value)) if unit == "count" and locale_of(lang) == "zh" else ())
            for value, unit, qualifier, quote, lang in asked]


class _Reader:
    def __init__(self, config: Config, sources: dict[str, Source], compiler: Compiler,
                 errors: ErrorList, prose: list[Prose], unreadable_sources: frozenset[str] = frozenset()) -> None:
        self.config, self.sources, self.compiler, self.errors, self.prose = config, sources, compiler, errors, prose
        self.broken: set[str] = set()
        self.shapeless: set[str] = set()  # data files not of a list of records ("data/statistics.yaml")
        self.unreadable_sources = unreadable_sources
        self.plain: list[PlainField] = []
        self.figures: list[tuple[Statistic, Fields, str]] = []  # statistics read, to check (check_figures)

    def _plain(self, words: dict[str, Fields], keys: tuple[str, ...], evidence: Evidence | None,
               names: bool = False) -> None:
        """Remember the record's plain words for the traceability check (its own quote may trace them);
        ``names``: they are a glossary term's names (see ``tracing.PlainField``)."""
        quote = as_read(evidence.quote, evidence.lang) if evidence else ""
        for lang, fields in words.items():
            for key in keys:
                found = fields.plain(key, lang, key, quote, evidence.source if evidence else "")
                if found is not None:
                    found = replace(found, quote_lang=evidence.lang) if evidence else found
                    self.plain.append(replace(found, is_name=True) if names else found)

    def each(self, files: dict[str, DataFile], kind: RecordKind, read) -> list:
        """The records of ``kind``'s file, each read by ``read``; those with mistakes are left out."""
        data, what = files.get(kind.file), kind.name
        if data is None or data.value is None:
            return []
        if not isinstance(data.value, list):  # none of its records is read: links to them are not reported too
            self.shapeless.add(f"data/{kind.file}.yaml")
        items = expect_list(data.value, Location(data.path, 1, 1), f"{data.path.name}", self.errors)
        records, seen = [], {}
        for index, item in enumerate(items):
            mapping = expect_mapping(item, items.item_loc(index), f"{what} #{index + 1}", self.errors)
            if mapping is None:
                continue
            before = len(self.errors.errors)
            record = read(mapping, data.path, f"{what} #{index + 1}")
            if record is None or len(self.errors.errors) > before:
                if isinstance(mapping.get("id"), str):
                    self.broken.add(f"{kind.prefix}:{mapping['id']}")  # its mistakes are reported; don't cascade
            if record is None:
                continue
            if record.id in seen:
                self.errors.add(mapping.value_loc("id"), f"{what} id '{record.id}' is used twice (first at line {seen[record.id]})",
                                "give each record its own id")
                continue
            seen[record.id] = mapping.value_loc("id").line
            records.append(record)
        return records

    def _start(self, data, what: str, required: tuple, optional: tuple) -> tuple[Fields, str, str]:
        raw_id = data.get("id")
        if isinstance(raw_id, str) and ID_PATTERN.match(raw_id):
            what = f"{what.split(' #')[0]} '{raw_id}'"  # name it by its id once the id is usable
        fields = Fields(data, what, self.errors, required, optional)
        return fields, what, fields.ident("id")

    def _evidence(self, fields: Fields, name: str) -> Evidence | None:
        source, quote = fields.text("source"), fields.text("quote")
        if not source or not quote:
            return None
        if source not in self.sources and source in self.unreadable_sources:
            return None  # the source file's own mistakes are reported instead
        if source not in self.sources:
            known = ", ".join(sorted(self.sources)) or "none"
            self.errors.add(fields.loc("source"), f"{name}: unknown source '{source}'", f"sources: {known}")
            return None
        return Evidence(source, quote, location=fields.loc("quote"), lang=self.sources[source].lang)

    def _words(self, fields: Fields, name: str, required: tuple, optional: tuple) -> dict[str, Fields]:
        result = {}
        for code in self.config.codes:
            if code not in fields.data:
                self.errors.add(fields.data.loc, f"{name}: no words for language '{code}'", f"add a '{code}:' mapping")
                continue
            mapping = fields.mapping(code)
            if mapping is not None:
                result[code] = Fields(mapping, f"{name} ({code})", self.errors, required, optional)
        return result

    def _markdown(self, words: Fields, key: str, slot: tuple, path: Path, evidence: Evidence | None,
                  unread: str = "") -> Rendered:
        """Compile a Markdown field; its HTML is filled in once its links are resolved (see ``slot``)."""
        text = words.text(key)
        if not text:
            return Rendered()
        loc = words.loc(key)
        multiline = "\n" in text
        quoted = getattr(words.data, "value_styles", {}).get(key, "") in ("'", '"')  # (its text begins after the ')
        self.prose.append(Prose(
            self.compiler(text), slot[2], path,
            first_line=(loc.line or 1) + (1 if multiline else 0),
            first_column=1 if multiline else (loc.column or 1) + quoted,
            quote=evidence.quote if evidence else "", source=evidence.source if evidence else unread, slot=slot,
            text=text,
        ))
        return Rendered()

    def statistic(self, data, path: Path, what: str) -> Statistic | None:
        fields, name, ident = self._start(data, what, ("id", "value", "unit", "source", "quote"),
                                   ("qualifier", "group", "headline", "pages", *self.config.codes))
        value, unit = fields.number("value"), fields.choice("unit", UNITS)
        qualifier = fields.choice("qualifier", QUALIFIERS, EXACT)
        group, headline = fields.text("group"), fields.boolean("headline")
        if group and not ID_PATTERN.match(group):
            self.errors.add(fields.loc("group"), f"{name}: '{group}' is not a valid group id", ID_HINT)
        evidence = self._evidence(fields, name)
        words = self._words(fields, name, ("label",), ("measure", "note", "short"))
        pages = fields.text_list("pages")
        if value is None or not unit or evidence is None or len(words) != len(self.config.codes):
            return None
        self._plain(words, ("label", "short", "measure"), evidence)
        text = {lang: StatisticText(w.text("label"), w.text("measure"),
                                    self._markdown(w, "note", ("stat", ident, lang, "note"), path, evidence),
                                    w.text("short") or w.text("label"))
                for lang, w in words.items()}
        formatted = {lang: format_quantity(value, unit, qualifier, lang, text[lang].measure) for lang in text}
        statistic = Statistic(ident, value, unit, qualifier, group, headline, evidence, text, formatted, data.loc,
                              pages)
        self.figures.append((statistic, fields, name))  # checked against its quote with the others: check_figures
        return statistic

    def check_figures(self, memo: Memo) -> dict[tuple[float, str, str, str], str]:
        """Check each statistic read against its quote: its measure word, and its figure as readers see it, which
        the traceability check is given; return what :func:`number_problem` says of each (value, qualifier, quote).

        What each quote says is read once for all the statistics, remembered whole and kept for the next process
        (:func:`_said_of_figures`): a build after a page edit finds the records as they were.
        """
        asked = tuple((statistic.value, statistic.unit, statistic.qualifier, statistic.evidence.quote,
                       statistic.evidence.lang) for statistic, _, _ in self.figures)
        said = memo.get_kept(("figures in their quotes", asked), _said_of_figures, asked, FIGURES)
        for (statistic, fields, name), (problem, numbers) in zip(self.figures, said):
            before = len(self.errors.errors)
            measured = statistic.unit != "count" or self._check_measures(fields, name, statistic.text,
                                                                          statistic.value, statistic.evidence.quote,
                                                                          numbers)
            if len(self.errors.errors) > before:
                self.broken.add(f"{RECORD_KIND['stat'].prefix}:{statistic.id}")
            if not measured or problem:
                continue  # that is the mistake to report
            quote = as_read(statistic.evidence.quote, statistic.evidence.lang)
            self._check_rates(statistic, fields, name, quote)
            for lang, shown in statistic.formatted.items():  # value, unit and measure read as one
                if shown in quote:
                    continue  # shown as the article writes it (49个 of 护航49个所属商会): nothing to read
                # (no source: a figure holds no relative date, and the quote is then read as number_problem read it)
                self.plain.append(PlainField(shown, lang, f"the figure as readers see it in '{lang}' (of its value, "
                                             "unit and measure)", fields.loc("value"), -1, quote,
                                             quote_lang=statistic.evidence.lang))
        return {(value, qualifier, quote, lang): problem
                for (value, _, qualifier, quote, lang), (problem, _) in zip(asked, said)}

    def _check_rates(self, statistic: Statistic, fields: Fields, name: str, quote: str) -> None:
        """A label that says its figure is a rate (年均捐款, "annual donations") says more than a quote of the
        amount said once (捐款超4.5亿元): readers read the figure with its label, so the quote must say the value
        at the same rate (see ``quantities.same_rate``)."""
        for lang, words in statistic.text.items():
            for key in ("label", "short"):
                rate = rate_in_words(getattr(words, key))
                if not rate or (key == "short" and words.short == words.label):
                    continue  # (a statistic without a short label is labelled by its label: read once)
                said = said_of_value(statistic)
                if any(item.per == rate for item in said):
                    continue
                written, text = fields.data.get(lang), getattr(words, key)
                self.errors.add(written.value_loc(key) if isinstance(written, YamlMap) else fields.loc(lang),
                                f"{name}: its {key} in '{lang}' ('{text}') says the figure is said {rate_name(rate)}, "
                                f"which readers read with it, but {_rate_said(said)}",
                                "say in the words what the quote says, or quote the passage that says the rate "
                                f"({rate_forms(rate)})")

    def _check_measures(self, fields: Fields, name: str, text: dict, value: float, quote: str,
                        said: tuple[SaidNumber, ...]) -> bool:
        """A Chinese count needs its measure word, the quote's: 80余名企业家, not 80余企业家; and 49个 of
        护航49个 is not 49年, 49对 (pairs) or 49个半. True when they are all right. ``said``: the numbers of the
        quote of the statistic's value (see :func:`_said_of_figures`)."""
        right = True
        for lang, words in text.items():
            if locale_of(lang) == "zh" and words.measure:
                counted = [number for number in said if number.unit in MEASURE_WORDS]
                if counted and all(words.measure != number.unit for number in counted):  # (三个纳入、三项制度: either)
                    right = False
                    self.errors.add(fields.loc(lang), f"{name}: the measure word in '{lang}' is '{words.measure}', but "
                                    f"the quote counts with '{counted[0].unit}' ('{counted[0].text}'): readers would "
                                    f"see '{format_quantity(value, 'count', EXACT, lang, words.measure)}'",
                                    f"write measure: {counted[0].unit}, the quote's (a measure word can change what "
                                    "is counted: 年 years, 对 pairs)")
            if locale_of(lang) == "zh" and not words.measure:
                right = False
                word = (said[0].unit or quote[said[0].end:said[0].end + 1]) if said else ""
                shown = quote[said[0].start:said[0].end + (0 if said[0].unit else 1)] if said else ""
                example = (f"measure: {word} ({shown} in the quote)" if is_ideograph(word[:1])
                           else "measure: 个 (or 家, 名, 条 ...)")
                self.errors.add(fields.loc(lang), f"{name}: a count needs its measure word in '{lang}', or it reads "
                                f"'{format_quantity(value, 'count', EXACT, lang)}{words.label}'", f"add {example}")
        return right

    def event(self, data, path: Path, what: str) -> Event | None:
        fields, name, ident = self._start(data, what, ("id", "date", "source", "quote"), ("stats", "pages", *self.config.codes))
        when = self._date(fields, name)
        evidence = self._evidence(fields, name)
        stats, pages = fields.text_list("stats"), fields.text_list("pages")
        words = self._words(fields, name, ("title",), ("text",))
        if when is None or evidence is None or len(words) != len(self.config.codes):
            return None
        self._plain(words, ("title",), evidence)
        text = {lang: EventText(w.text("title"), self._markdown(w, "text", ("event", ident, lang, "text"), path, evidence))
                for lang, w in words.items()}
        return Event(ident, when, evidence, stats, text, data.loc, pages)

    def _date(self, fields: Fields, name: str) -> PartialDate | None:
        raw = fields.text("date")
        if not raw:
            return None
        try:
            return PartialDate.parse(raw)
        except ValueError as exc:
            self.errors.add(fields.loc("date"), f"{name}: {exc}", DATE_FORMS_HINT)
            return None

    def term(self, data, path: Path, what: str) -> Term | None:
        fields, name, ident = self._start(data, what, ("id",), ("pinyin", "source", "quote", *self.config.codes))
        if fields.has("source") != fields.has("quote"):
            self.errors.add(data.loc, f"{name}: 'source' and 'quote' go together", "give both, or neither")
        evidence = self._evidence(fields, name)
        words = self._words(fields, name, ("term",), ("definition", "avoid"))
        if len(words) != len(self.config.codes):
            return None
        for w in words.values():
            self._not_only_a_number(w)
        unread = fields.text("source") if fields.text("source") in self.unreadable_sources else ""
        if not unread:  # else its numbers cannot be traced now; the source's own mistakes are reported
            self._plain(words, ("term",), evidence, names=True)
        pinyin = fields.plain("pinyin", "en", "pinyin")  # read as Latin letters: tone numbers (shang1) are digits
        if pinyin is not None:
            self.plain.append(pinyin)
        text = {lang: TermText(w.text("term"), self._markdown(w, "definition", ("term", ident, lang, "definition"), path,
                                                             evidence, unread), w.text_list("avoid"))
                for lang, w in words.items()}
        return Term(ident, fields.text("pinyin"), evidence, text, data.loc)

    def _not_only_a_number(self, words: Fields) -> None:
        """A term's name must be more than a number: its entry's quote traces the numbers of its name wherever a
        text says it (see ``tracing``), and "Forty-Nine" would trace every forty-nine, in any meaning."""
        number = only_a_number(words.text("term"))
        if number:
            self.errors.add(words.loc("term"), f"{words.what}: the term '{words.text('term')}' is only a number "
                            f"('{number}'): a term's name traces its numbers wherever a text says them, and this one "
                            f"would trace every '{number}' of the site, in any meaning (years, days, chambers)",
                            ONLY_A_NUMBER_HINT)


# --- sources -----------------------------------------------------------------

_SOURCE_KEYS = ("outlet", "date", "edition", "page", "kicker", "title", "author",
                "declared_chars", "counted_chars", "text_sha256", "header_sha256", "raw_sha256", "raw_name")


def read_sources(documents: tuple[Document, ...], config: Config, compiler: Compiler, errors: ErrorList,
                 unreadable: frozenset[str] = frozenset(),
                 plain: list[PlainField] | None = None) -> tuple[dict[str, Source], list[Prose]]:
    """Sources (``<id>.md``) and their translations (``<id>.<lang>.md``); ``unreadable`` names the
    sources whose files failed to load (their own mistakes are reported, not their translations')."""
    originals, translations = {}, []
    for document in documents:
        stem = document.path.name[:-3]
        ident, lang = key_and_language(stem)
        if ident and lang in config.codes:
            translations.append((ident, lang, document))
        elif "." in stem:
            errors.add(Location(document.path), f"'{document.path.name}': unknown language '{lang}'",
                       f"name translations <id>.<lang>.md with a language of site.yaml: {', '.join(config.codes)}")
        elif not ID_PATTERN.match(stem):
            errors.add(Location(document.path), f"'{stem}' is not a valid source id", ID_HINT)
        else:
            source = _read_source(stem, document, config, errors)
            if source is not None:
                originals[stem] = source
    prose: list[Prose] = []
    translated: dict[str, dict[str, SourceText]] = {ident: {} for ident in originals}
    for ident, lang, document in translations:
        if ident not in originals and ident not in unreadable:
            errors.add(Location(document.path), f"translation of a source that does not exist: '{ident}.md'",
                       "name it after the source file, e.g. <id>.en.md beside <id>.md")
            continue
        if ident not in originals:
            continue
        text = _read_translation(document, originals[ident], lang, compiler, errors, prose,
                                 plain if plain is not None else [])
        if text is not None:
            translated[ident][lang] = text
    sources = {ident: replace(source, translations=translated[ident]) for ident, source in originals.items()}
    return sources, prose


def _read_source(ident: str, document: Document, config: Config, errors: ErrorList) -> Source | None:
    front = expect_mapping(document.front, Location(document.path, 2, 1), "front matter", errors)
    if front is None:
        return None
    fields = Fields(front, "source", errors, ("outlet", "date", "title", "counted_chars"),
                    tuple(k for k in _SOURCE_KEYS if k not in ("outlet", "date", "title", "counted_chars")) + ("language",))
    published = _iso_day(fields, errors)
    blocks = parse_source_body(document.body, document.body_line)
    if not blocks:
        errors.add(Location(document.path, document.body_line), "the source has no text", "paste the article's text below the front matter")
    texts = [block.text for block in blocks]
    digest = check_seal(ident, fields, texts, published, errors)
    actual = len(sealed_characters(texts))
    lang = fields.choice("language", config.codes, "") or _language_of_text(texts, config)
    if published is None:
        return None
    return Source(
        ident, document.path, lang, fields.text("outlet"), published, fields.text("edition"), fields.text("page"),
        fields.text("kicker"), fields.text("title"), fields.text("author"), _declared_chars(fields),
        actual, digest, fields.text("raw_name"), tuple(blocks),
    )


def _language_of_text(texts: list[str], config: Config) -> str:
    """The site's language a source that names none is written in, by its text's script: the first of the site's
    languages of Chinese rules where most of its letters are Chinese characters, else the first of another
    language's; the default language where the site has no such language. (The default language alone made a
    Chinese article English on a site whose default is English: its text marked for an English voice, and left
    unconverted by the Traditional Chinese edition.)"""
    chinese = written_in_chinese(texts)
    return next((code for code in config.codes if (locale_of(code) == "zh") == chinese), config.default_language)


def _declared_chars(fields: Fields) -> int | None:
    """The article's length as the e-paper declares it (its 字数:, which ingest writes in digits), or None when it
    declares none. 0 is taken, as ingest writes it: the source's page shows no length for it."""
    return fields.integer("declared_chars", least=0, hint="write the length the e-paper's 字数: declares, in digits, "
                          "as ingest wrote it; or leave declared_chars out")


def _iso_day(fields: Fields, errors: ErrorList) -> date | None:
    raw = fields.text("date")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.add(fields.loc("date"), f"source date '{raw}' is not a day", 'write it as "YYYY-MM-DD", in quotes')
        return None


def _read_translation(document: Document, original: Source, lang: str, compiler: Compiler, errors: ErrorList,
                      prose: list[Prose], plain: list[PlainField]) -> SourceText | None:
    front = expect_mapping(document.front, Location(document.path, 2, 1), "front matter", errors)
    if front is None:
        return None
    fields = Fields(front, "source translation", errors, ("outlet", "title"), ("kicker", "author", "page"))
    for key in ("outlet", "title", "kicker", "author", "page"):  # a translated field may show the original's numbers
        found = fields.plain(key, lang, key, as_read(getattr(original, key) or "", original.lang), original.id)
        if found is not None:
            plain.append(replace(found, reported=True, quote_lang=original.lang,  # (the article's words, as the summary below is)
                                 traced_by=f"the source's {key} ({getattr(original, key) or 'none'})"))
    prose.append(Prose(compiler(document.body), lang, document.path, document.body_line,
                       slot=("source", original.id, lang, "summary"), text=document.markdown))
    return SourceText(fields.text("outlet"), fields.text("title"), fields.text("kicker"), fields.text("author"),
                      page=fields.text("page"))


# --- UI strings ----------------------------------------------------------------


def read_strings(data: DataFile | None, config: Config, errors: ErrorList,
                 plain: list[PlainField] | None = None) -> dict[str, dict[str, str]]:
    """``strings.yaml``: every key must have text in every language (``plain`` collects them, located)."""
    if data is None:
        return {}
    mapping = expect_mapping(data.value, Location(data.path, 1, 1), "strings.yaml", errors)
    if mapping is None:
        return {}
    strings = {}
    for key, value in mapping.items():
        words = expect_mapping(value, mapping.value_loc(key), f"string '{key}'", errors)
        if words is None:
            continue
        fields = Fields(words, f"string '{key}'", errors, config.codes)
        strings[key] = {code: fields.text(code) for code in config.codes}
        if plain is not None:
            plain.extend(found for code in config.codes if (found := fields.plain(code, code, f"string '{key}'")))
        _same_placeholders(key, strings[key], config, fields, errors)
        _no_number_run_on(key, strings[key], fields, errors)
    return strings


def _no_number_run_on(key: str, words: dict[str, str], fields: Fields, errors: ErrorList) -> None:
    """A placeholder filled with a number (``{count}``) stands alone: 找到{count}万个页面 would show 3万."""
    for code, text in words.items():
        for match in _PLACEHOLDER.finditer(text or ""):
            if match[1] not in NUMBER_PLACEHOLDERS:
                continue
            before, after = number_cut(text[:match.start()], "0"), number_cut("0", text[match.end():])
            if before or after:
                shown = (before.before if before else "") + match[0] + (after.after if after else "")
                errors.add(fields.loc(code), f"string '{key}' ({code}): '{shown}' runs the number put in {{{match[1]}}} "
                           "on into the words beside it: readers would read another number",
                           "leave the placeholder's number alone: no digit, magnitude (万, million), % or qualifier "
                           "beside it")


_PLACEHOLDER = compile_later(r"(?<!\{)\{([A-Za-z_]\w*)\}(?!\})")  # {count}, not {{count}} (a brace itself)


def _same_placeholders(key: str, words: dict[str, str], config: Config, fields: Fields, errors: ErrorList) -> None:
    """Each language's words of a UI string have the ``{placeholders}`` of the original language's, which the
    site fills in (a template, or the search page's script): one mistyped in a translation would be shown as
    typed. (As gettext's ``msgfmt --check-format`` holds a translation to its original's.) A string the site
    itself fills in (``conventions.FILLED_STRINGS``) holds only the placeholders it fills."""
    original = set(_PLACEHOLDER.findall(words.get(config.original_language, "")))
    filled = FILLED_STRINGS.get(key)
    unknown = sorted(original - set(filled)) if filled is not None else []
    if unknown:
        shown = ", ".join("{" + name + "}" for name in filled)
        errors.add(fields.loc(config.original_language), f"string '{key}' ({config.original_language}): "
                   f"{{{unknown[0]}}} is not one of its placeholders", f"its placeholders are {shown}")
        return
    for code in config.codes:
        found = set(_PLACEHOLDER.findall(words.get(code, "")))
        if code != config.original_language and words.get(code) and found != original:
            shown = ", ".join("{" + name + "}" for name in sorted(original)) or "none"
            errors.add(fields.loc(code), f"string '{key}' ({code}): its placeholders are not those of the "
                       f"{config.original_language} words", f"write the same ones, each as it is: {shown}")


def check_groups(records: Records, strings: dict[str, dict[str, str]], config: Config, errors: ErrorList) -> None:
    """Figures charted together share a unit, and each group has a title in strings.yaml."""
    units: dict[str, tuple[str, str]] = {}
    for statistic in records.statistics:
        if not statistic.group:
            continue
        first = units.setdefault(statistic.group, (statistic.unit, statistic.id))
        if first[0] != statistic.unit:
            errors.add(statistic.location, f"statistic '{statistic.id}' is in group '{statistic.group}' with "
                       f"'{first[1]}', but their units differ ({statistic.unit}, {first[0]})",
                       "a chart compares figures of one unit; use another group")
        key = f"group_{statistic.group}"
        if key not in strings and first[1] == statistic.id:
            errors.add(statistic.location, f"group '{statistic.group}' has no title",
                       f"add '{key}:' with a chart title in every language to content/data/strings.yaml")


def said_of_value(statistic: Statistic) -> list[Quantity]:
    """What the statistic's quote says of its value: each of its quantities of that value."""
    evidence = statistic.evidence
    return [item for item in stated_once(as_read(evidence.quote, evidence.lang), None, evidence.lang)
            if same_value(item.value, statistic.value)]


def rate_of(statistic: Statistic) -> str:
    """The span of time the statistic's quote says its value per (年 of 年均捐款超4.5亿元), or ""."""
    return next((item.per for item in said_of_value(statistic) if item.per), "")


def _rate_said(said: list[Quantity]) -> str:
    """What the quote says of a statistic's value (``said``: its quantities of that value) as a rate."""
    if said and said[0].per:
        return f"the quote's '{said[0].number.text}' says it {rate_name(said[0].per)}"
    shown = f"'{said[0].number.text}' " if said else ""
    return f"the quote's {shown}says no rate: an amount said once"
