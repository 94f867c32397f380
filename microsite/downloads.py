""""Get the data": the statistics and the timeline as CSV and JSON, per language.

Each row carries its source (outlet, title, date), the verbatim quote and a
link to the quote on the site, so the data stays traceable once downloaded.
CSV files start with a byte-order mark so spreadsheet programs read the
Chinese text as UTF-8, and nothing in them can be run as a formula (:func:`inert`).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .i18n import format_date
from .model import Evidence, Site, page_url

DATASETS = ("statistics", "timeline")
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Download:
    """One downloadable file: where it goes in the site and its bytes."""

    dataset: str
    format: str
    path: str
    content: bytes


def downloads(site: Site, lang: str) -> list[Download]:
    """Every dataset in every format, for readers of ``lang``."""
    return [Download(dataset, fmt, download_path(site, lang, dataset, fmt), download(site, lang, dataset, fmt))
            for dataset in DATASETS for fmt in FORMATS]


def download(site: Site, lang: str, dataset: str, fmt: str) -> bytes:
    """The bytes of one dataset in one format, for readers of ``lang``."""
    rows = statistics_rows(site, lang) if dataset == "statistics" else timeline_rows(site, lang)
    return to_csv(rows) if fmt == "csv" else to_json(site, lang, dataset, rows)


def download_path(site: Site, lang: str, dataset: str, fmt: str) -> str:
    """``data/statistics.csv`` for the default language, ``en/data/statistics.csv`` for English."""
    return page_url(f"data/{dataset}", lang, site.config.default_language).strip("/") + f".{fmt}"


def statistics_rows(site: Site, lang: str) -> list[dict[str, object]]:
    return [{
        "id": stat.id,
        "value": int(stat.value) if stat.value == int(stat.value) else stat.value,
        "unit": stat.unit,
        "qualifier": stat.qualifier,
        "as_written": stat.formatted[lang],
        "label": stat.text[lang].label,
        "note": stat.text[lang].note.plain,
        **_evidence(site, stat.evidence, lang),
    } for stat in site.statistics]


def timeline_rows(site: Site, lang: str) -> list[dict[str, object]]:
    return [{
        "id": event.id,
        "date": event.date.iso(),
        "precision": event.date.precision,
        "as_written": format_date(event.date, lang),
        "title": event.text[lang].title,
        "text": event.text[lang].text.plain,
        "statistics": " ".join(event.stats),
        **_evidence(site, event.evidence, lang),
    } for event in site.events]


def _evidence(site: Site, evidence: Evidence, lang: str) -> dict[str, str]:
    source = next(s for s in site.sources if s.id == evidence.source)
    words = source.translations.get(lang)
    return {
        "source_id": source.id,
        "source_outlet": words.outlet if words else source.outlet,
        "source_title": words.title if words else source.title,
        "source_date": source.date.isoformat(),
        "quote": evidence.quote,
        "quote_url": site.config.absolute(source.key, lang, evidence.anchor),
    }


# What a spreadsheet may take for the start of a formula, and what it may split a line at when it
# guesses (or is told) the separator: comma, semicolon, tab, pipe, and a line break inside a field.
FORMULA_STARTS = frozenset("=+-@\t\r")
SEPARATORS = frozenset(",;\t|\r\n")


def to_csv(rows: list[dict[str, object]]) -> bytes:
    """The rows as CSV: every text field quoted, every possible formula start made inert (see :func:`inert`)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writeheader()
        writer.writerows({key: inert(value) for key, value in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def inert(value: object) -> object:
    """Text no spreadsheet runs as a formula, whatever separator it splits the line at.

    Quoting keeps a field whole only when the file is read with the comma it
    was written with; read with ``;`` (a common default), ``所属商会;=1+1;``
    is three cells, the second a live formula. So an apostrophe (a
    spreadsheet's "this is text" mark) goes before every character that
    could start a formula (``= + - @``, tab, carriage return) where a cell
    could start: at the start of the text, or after a separator, spaces and
    quotes. The JSON download keeps the text exactly as written.
    """
    if not isinstance(value, str):
        return value  # a number: a spreadsheet reads it as the number it is
    out: list[str] = []
    at_cell_start = True
    for char in value:
        if at_cell_start and char in FORMULA_STARTS:
            out.append("'")
        out.append(char)
        if char in SEPARATORS:
            at_cell_start = True
        elif not (char.isspace() or char in "\"'"):
            at_cell_start = False
    return "".join(out)


def to_json(site: Site, lang: str, dataset: str, rows: list[dict[str, object]]) -> bytes:
    document = {
        "site": site.config.title[lang],
        "dataset": dataset,
        "language": site.config.language(lang).tag,
        "sources": sorted({row["source_id"] for row in rows}),
        "records": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
