""""Get the data": the statistics and the timeline as CSV and JSON, per language.

Each row carries its source (outlet, title, date), the verbatim quote and a
link to the quote on the site, so the data stays traceable once downloaded.
CSV files start with a byte-order mark so spreadsheet programs read the
Chinese text as UTF-8.
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
    rows = {"statistics": statistics_rows(site, lang), "timeline": timeline_rows(site, lang)}
    files = []
    for dataset in DATASETS:
        for fmt in FORMATS:
            content = to_csv(rows[dataset]) if fmt == "csv" else to_json(site, lang, dataset, rows[dataset])
            files.append(Download(dataset, fmt, download_path(site, lang, dataset, fmt), content))
    return files


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


def to_csv(rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _inert(value: object) -> object:
    """Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_json(site: Site, lang: str, dataset: str, rows: list[dict[str, object]]) -> bytes:
    document = {
        "site": site.config.title[lang],
        "dataset": dataset,
        "language": site.config.language(lang).tag,
        "sources": sorted({row["source_id"] for row in rows}),
        "records": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
