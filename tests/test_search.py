"""Search: Pagefind's index made at build time, the search pages and the header's search box."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from microsite import search
from microsite.model import BuildOptions
from microsite.pipeline import build, check
from tests.html import read_page

SEARCH_PAGE = "---\ntitle: {title}\ndescription: {title}.\ntemplate: search\n---\n{title}\n"
STRINGS = "".join(f"{name}: {{zh: 搜索, en: Search}}\n" for name in (
    "search_label", "search_button", "search_searching", "search_none", "search_found", "search_unavailable"))


def with_search(project: Path) -> Path:
    pages = project / "content" / "pages"
    (pages / "search.zh.md").write_text(SEARCH_PAGE.format(title="搜索"), encoding="utf-8")
    (pages / "search.en.md").write_text(SEARCH_PAGE.format(title="Search"), encoding="utf-8")
    with open(project / "content" / "data" / "strings.yaml", "a", encoding="utf-8") as strings:
        strings.write(STRINGS)
    return project


def test_a_site_without_a_search_page_has_no_index_and_no_search_box(minimal_project: Path, tmp_path: Path) -> None:
    assert not search.wanted(check(minimal_project).site)
    build(minimal_project, tmp_path / "site")
    assert not (tmp_path / "site" / search.BUNDLE).exists()
    assert 'role="search"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_index_has_one_language_per_lang_tag_and_only_what_the_search_page_loads(minimal_project: Path,
                                                                                   tmp_path: Path) -> None:
    result = build(with_search(minimal_project), tmp_path / "site")
    bundle = tmp_path / "site" / search.BUNDLE
    entry = json.loads((bundle / search.ENTRY).read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {language.tag.lower() for language in result.site.config.languages}
    searched = result.pages["zh"] - 2  # neither the search page nor the 404 page is a result
    assert all(language["page_count"] == searched for language in entry["languages"].values())
    assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-*ui*"))


def test_the_header_box_leads_to_the_search_page_of_its_language(minimal_project: Path, tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    home = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/en/search/" method="get">' in home
    assert 'for="site-search-query"' in home and not re.search(r"<script(?![^>]*application/ld\+json)", home)
    page = (tmp_path / "site" / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'class="site-search"' not in page and "data-pagefind-body" not in page
    assert read_page(tmp_path / "site" / "en" / "search" / "index.html").lang == "en"


def test_the_search_page_finds_the_bundle_under_a_subpath(minimal_project: Path, tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site", BuildOptions(base_url="https://example.org/sub/"))
    page = (tmp_path / "site" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/sub/pagefind/" data-base="/sub/"' in page


def test_a_missing_pagefind_stops_the_build_and_leaves_the_site(minimal_project: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = with_search(minimal_project)
    build(project, tmp_path / "site")
    before = (tmp_path / "site" / "index.html").read_bytes()
    (project / "content" / "pages" / "index.zh.md").write_text("---\ntitle: 改\ndescription: 改。\ntemplate: home\n---\n改\n",
                                                               encoding="utf-8")
    monkeypatch.setattr(search, "_executable", lambda: (_ for _ in ()).throw(search.SearchIndexError("no pagefind")))
    with pytest.raises(search.SearchIndexError):
        build(project, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_bytes() == before
