"""End to end: the real content, built into a temporary folder, read as a reader gets it.

Tests marked ``content`` hold for any valid content; the rest read the frozen sample site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from microsite.addresses import CONTENT_SECURITY_POLICY, HEADER_POLICY
from microsite.pipeline import check
from tests.html import page_file, prose, read_page, target_file

content = pytest.mark.content


@pytest.fixture(scope="module")
def sample_model(sample_root: Path):
    return check(sample_root, whole=True).site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def language_of(path: Path, site: Path, config):
    """The language a built page is in, by its folder: the default at the root, the others under /<code>/."""
    first = path.relative_to(site).parts[0]
    code = first if first in config.codes and first != config.default_language else config.default_language
    return config.language(code)


def pages_by_language(site: Path, config) -> dict[str, set[str]]:
    """Each language's pages, as paths relative to its own root folder."""
    result: dict[str, set[str]] = {code: set() for code in config.codes}
    for path in html_pages(site):
        code = language_of(path, site, config).code
        root = site if code == config.default_language else site / code
        result[code].add(path.relative_to(root).as_posix())
    return result


@content
def test_every_language_has_every_page(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    by_language = pages_by_language(built_site, real_model.config)
    default = by_language[real_model.config.default_language]
    assert all(pages == default for pages in by_language.values())
    for page in real_model.pages:
        assert target_file(built_site, page.url).is_file(), page.path
    for source in real_model.sources:
        assert (built_site / "sources" / source.id / "index.html").is_file(), source.id


@content
def test_root_url_serves_the_chinese_home_page_itself(site_under_test) -> None:
    """The default language's home page (Chinese, written zh-Hans today: its tag is whatever site.yaml gives it, or
    its code when it gives none) is at the root itself, not a redirect to it."""
    built_site, real_model = site_under_test.out, site_under_test.model
    config = real_model.config
    home = read_page(built_site / "index.html")
    assert home.lang == config.language(config.default_language).tag
    assert "refresh" not in (built_site / "index.html").read_text(encoding="utf-8")
    [index] = [page for page in real_model.pages if page.url == "/" and page.lang == config.default_language]
    assert home.description == index.description


@content
def test_every_page_has_lang_title_and_description_in_its_language(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    for path in html_pages(built_site):
        page = read_page(path)
        language = language_of(path, built_site, real_model.config)
        english = language.code == "en"
        assert page.lang == language.tag, path
        assert page.title.strip() and page.description.strip(), path
        written_in = re.compile(r"[A-Za-z]{3}" if english else r"[\u4e00-\u9fff]")
        assert written_in.search(page.title) and written_in.search(page.description), path


@content
def test_hreflang_alternates_are_reciprocal_and_include_x_default(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    config = real_model.config
    tags = {language.tag for language in config.languages}
    for path in html_pages(built_site):
        page = read_page(path)
        assert set(page.alternates) == tags | {"x-default"}, path
        assert page.alternates["x-default"] == page.alternates[config.language(config.default_language).tag]
        assert page.canonical in page.alternates.values(), path
        for tag, href in page.alternates.items():
            other = read_page(target_file(built_site, href.replace("https://example.org", "")))
            assert other.alternates[tag] == href and page.canonical in other.alternates.values(), (path, tag)


@content
def test_language_switcher_leads_to_the_same_page_in_every_language(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    tags = {language.tag for language in real_model.config.languages}
    for path in html_pages(built_site):
        page = read_page(path)
        assert set(page.switcher) == tags, path
        for tag, href in page.switcher.items():
            target = target_file(built_site, href)
            assert target.is_file(), (path, href)
            assert read_page(target).lang == tag


@content
def test_every_internal_link_and_anchor_resolves(site_under_test) -> None:
    built_site = site_under_test.out
    for path in html_pages(built_site):
        for href in read_page(path).links:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            if href.startswith("#"):
                assert href[1:] in read_page(path).ids, (path, href)
                continue
            assert href.startswith("/"), (path, href)
            target = target_file(built_site, href)
            assert target.is_file(), (path, href)
            if "#" in href:
                assert href.split("#", 1)[1] in read_page(target).ids, (path, href)


@content
def test_pages_load_nothing_from_other_hosts(site_under_test) -> None:
    built_site = site_under_test.out
    for path in html_pages(built_site):
        for resource in read_page(path).resources:
            assert resource.startswith("/") and not resource.startswith("//"), (path, resource)


POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
GOVERNED = re.compile(r"<(?:link|script|style|img|iframe|object|embed|video|audio|source|svg)\b", re.IGNORECASE)


@content
def test_every_page_states_the_sites_policy_before_anything_it_governs(site_under_test) -> None:
    """A policy in a <meta> holds for what comes after it only; the host's _headers send the same one."""
    built_site = site_under_test.out
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        meta = POLICY_META.search(text)
        assert meta and html.unescape(meta.group(1)) == CONTENT_SECURITY_POLICY, path
        first = GOVERNED.search(text)
        assert first is None or meta.start() < first.start(), (path, first.group(0))
    assert f"  Content-Security-Policy: {HEADER_POLICY}\n" in (built_site / "_headers").read_text("utf-8")
    assert HEADER_POLICY.startswith(CONTENT_SECURITY_POLICY + ";")  # the same, and who may frame the page


@content
def test_each_statistic_is_on_the_statistics_page_with_its_number_in_every_language(site_under_test) -> None:
    site = site_under_test.model
    site_under_test.needs(site.statistics, "statistic")
    site_under_test.needs(any(page.template == "statistics" for page in site.pages), "page of the statistics")
    for lang in site.config.codes:
        facts = read_page(site_under_test.out / page_file(site, "statistics", lang))
        for statistic in site.statistics:
            assert f"stat-{statistic.id}" in facts.ids
            assert statistic.formatted[lang] in facts.text, (lang, statistic.id)


def test_figures_are_written_as_each_language_expects(sample_model) -> None:
    formatted = {s.id: s.formatted for s in sample_model.statistics}
    assert formatted["donations"] == {"zh": "超4.5亿元", "en": "over CNY 450 million"}
    assert {"zh": "63亿元", "en": "CNY 6.3 billion"} in formatted.values()
    assert {"zh": "10余家", "en": "more than 10"} in formatted.values()


@content
def test_every_quote_link_points_at_a_passage_on_the_source_page(site_under_test) -> None:
    site, out = site_under_test.model, site_under_test.out
    site_under_test.needs(site.statistics and site.events, "statistic and event")
    anchors_linked = set()
    for path in html_pages(out):
        for href in read_page(path).links:
            if "/sources/" in href and "#q-" in href:
                target = target_file(out, href)
                assert href.split("#")[1] in read_page(target).ids, (path, href)
                anchors_linked.add(href.split("#")[1])
    assert anchors_linked  # (a statistic or an event at least is shown, with its quote)
    for record in (*site.statistics, *site.events):
        assert record.evidence.anchor in anchors_linked


@content
def test_timeline_is_in_date_order_with_machine_readable_dates(site_under_test) -> None:
    """In every language, on the page that shows the timeline (found by its template, not by its key or URL,
    which an editor may change)."""
    site = site_under_test.model
    site_under_test.needs(len(site.events) > 1, "two events to order")
    keys = [event.date.sort_key() for event in site.events]
    assert keys == sorted(keys)
    site_under_test.needs(any(page.template == "timeline" for page in site.pages), "page of the timeline")
    for lang in site.config.codes:
        html = (site_under_test.out / page_file(site, "timeline", lang)).read_text(encoding="utf-8")
        datetimes = re.findall(r'<time datetime="([^"]+)">', html)
        assert datetimes == [event.date.machine_readable() for event in site.events], lang


def test_dates_are_written_with_the_precision_the_article_gives(sample_site: Path) -> None:
    html = (sample_site / "en/timeline/index.html").read_text(encoding="utf-8")
    assert "Q2 2023" in html and "March 2023" in html and "shortly before 11 October 2023" in html


@content
def test_chinese_paragraphs_have_no_line_breaks_between_characters(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    for path in html_pages(built_site):
        if language_of(path, built_site, real_model.config).code == "en":
            continue
        for text in prose(path.read_text(encoding="utf-8")):  # a code block keeps its lines, as it should
            assert not re.search(r"[\u4e00-\u9fff，。]\n[\u4e00-\u9fff]", text), (path, text)


def test_source_page_presents_the_article(sample_site: Path, sample_model) -> None:
    source = sample_model.sources[0]
    page = read_page(sample_site / f"en/sources/{source.id}/index.html")
    for fact in ("中华工商时报", "China Business Times", "11 October 2023", "第06版", "晋江市工商联抓实商会建设提质增效",
                 "强素质 增信念 勤联络", "徐志南", "Xu Zhinan", "2,383", "2,251"):
        assert fact in page.text, fact
    assert "“三个纳入”即：民营经济纳入全市经济" in page.text.replace("‘", "“").replace("’", "”")


@content
def test_404_pages_exist_for_each_language(site_under_test) -> None:
    """Every language's, the editions' too, in its own language (an editor may delete the page in all of them)."""
    config = site_under_test.model.config
    written = {page.lang for page in site_under_test.model.pages if page.template == "404"}
    site_under_test.needs(written, "404 page")
    for language in config.languages:
        folder = site_under_test.out if language.code == config.default_language else site_under_test.out / language.code
        assert read_page(folder / "404.html").lang == language.tag


@content
def test_build_output_is_marked_as_generated(site_under_test) -> None:
    built_site = site_under_test.out
    assert (built_site / ".microsite-output").is_file()


_PAGE_MAP = re.compile(r'<nav class="page-map[^"]*".*?</nav>', re.DOTALL)


@content
def test_a_page_of_four_or_more_sections_maps_each_of_them_in_order(site_under_test) -> None:
    """Each link of the map leads to its section: the element it targets is, or holds, the matching ``h2``."""
    mapped = 0
    for file in html_pages(site_under_test.out):
        html = file.read_text(encoding="utf-8")
        main = html[html.index("<main"):html.index("</main>")]
        maps = _PAGE_MAP.findall(main)
        text = _PAGE_MAP.sub("", main)
        headings = [match.start() for match in re.finditer(r"<h2[ >]", text)]
        if len(headings) < 4:
            assert not maps, f"{file}: a map on a page of {len(headings)} sections"
            continue
        assert len(maps) == 1, f"{file}: {len(headings)} sections and no map"
        mapped += 1
        targets = re.findall(r'href="#([^"]+)"', maps[0])
        assert len(targets) == len(headings), f"{file}: {len(targets)} links for {len(headings)} sections"
        for target, heading in zip(targets, headings):
            element = text.rfind("<", 0, text.index(f'id="{target}"'))  # the tag that carries the id
            first_after = next((h for h in headings if h >= element), None)
            assert first_after == heading, f"{file}: #{target} does not lead to its section's heading"
    site_under_test.needs(mapped, "page of four or more sections")
