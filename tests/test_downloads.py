"""Data downloads: the figures and the timeline as CSV and JSON, per language, with their evidence."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microsite.downloads import download_path, downloads, inert, to_csv
from microsite.pipeline import check


@pytest.fixture(scope="module")
def site(sample_root):
    return check(sample_root, whole=True).site


def test_each_language_gets_both_datasets_in_both_formats(site) -> None:
    paths = {item.path for lang in ("zh", "en") for item in downloads(site, lang)}
    assert paths == {"data/statistics.csv", "data/statistics.json", "data/timeline.csv", "data/timeline.json",
                     "en/data/statistics.csv", "en/data/statistics.json", "en/data/timeline.csv",
                     "en/data/timeline.json"}
    assert download_path(site, "en", "timeline", "json") == "en/data/timeline.json"


def test_csv_opens_as_utf8_in_spreadsheets_and_round_trips(site) -> None:
    item = next(i for i in downloads(site, "zh") if i.path == "data/statistics.csv")
    assert item.content.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(item.content.decode("utf-8-sig"))))
    assert len(rows) == len(site.statistics)
    donations = next(row for row in rows if row["id"] == "donations")
    assert donations["value"] == "450000000" and donations["as_written"] == "超4.5亿元"
    assert donations["quote"] == "今年以来，所属商协会及其会员捐款超4.5亿元"
    assert donations["quote_url"].endswith("/sources/2023-10-11-eb7c93e7/#q-stat-donations")


def test_json_carries_language_sources_and_every_record(site) -> None:
    item = next(i for i in downloads(site, "en") if i.path == "en/data/timeline.json")
    document = json.loads(item.content)
    assert document["language"] == "en" and document["dataset"] == "timeline"
    assert document["sources"] == ["2023-10-11-eb7c93e7"]
    assert [r["id"] for r in document["records"]] == [e.id for e in site.events]
    first = document["records"][0]
    assert first["as_written"] == "March 2023" and first["precision"] == "month"
    assert first["source_outlet"] == "China Business Times"
    assert "https://example.org/en/sources/" in first["quote_url"]


@pytest.mark.content
def test_downloads_are_linked_from_the_statistics_and_timeline_pages(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    from tests.html import page_file

    shown = {page.template for page in real_model.pages}  # an editor may delete either page (its data stays)
    for template in ("statistics", "timeline"):
        site_under_test.needs(template in shown, f"page of the {template}")
        for lang in real_model.config.codes:
            html = (built_site / page_file(real_model, template, lang)).read_text(encoding="utf-8")
            for dataset in ("statistics", "timeline"):
                for fmt in ("csv", "json"):
                    path = download_path(real_model, lang, dataset, fmt)
                    assert f'href="/{path}"' in html
                    assert (built_site / path).is_file()


# --- formulas -------------------------------------------------------------------------------------------------

SEPARATORS = (",", ";", "\t", "|")


def live_formulas(content: bytes) -> list[tuple[str, str]]:
    """Every (separator, cell) where a spreadsheet would see a formula, under any common separator."""
    text = content.decode("utf-8-sig")
    found = []
    for separator in SEPARATORS:
        for raw in re.split(f"[{re.escape(separator)}\r\n]", text):
            cell = raw.lstrip(" \"").lstrip()
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?[\d.]+", raw):  # -5: a number
                found.append((separator, raw))
    return found


@pytest.mark.parametrize("text", ["所属商会;=1+1;", "=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\t=1",
                                  "a,=1", "a|=1", "a\t=1", "a\n=1", "a\r\n+1", "a; =1", "a;\"=1\"", "a, \" @x"])
def test_no_cell_is_a_formula_under_any_separator(text: str) -> None:
    content = to_csv([{"id": "x", "label": text, "value": -5}])
    assert live_formulas(content) == [], content
    assert next(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))["label"].replace("'", "") == text


def test_every_text_field_is_quoted_and_numbers_stay_numbers() -> None:
    line = to_csv([{"id": "donations", "value": 450000000, "share": -0.5}]).decode("utf-8-sig").splitlines()[1]
    assert line == '"donations",450000000,-0.5'


@given(st.text(alphabet=st.sampled_from(list("=+-@\t\r\n,;|\"' a所")), max_size=30))
def test_no_text_whatever_makes_a_live_formula(text: str) -> None:
    content = to_csv([{"label": text, "note": text + text}])
    assert live_formulas(content) == []
    assert next(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))["label"] == inert(text)


def test_inert_changes_nothing_but_possible_formula_starts() -> None:
    assert inert("今年以来，所属商协会及其会员捐款超4.5亿元") == "今年以来，所属商协会及其会员捐款超4.5亿元"
    assert inert("2023-10-11, 1-2") == "2023-10-11, 1-2"
    assert inert(42) == 42 and inert(-1.5) == -1.5
