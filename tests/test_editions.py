"""Editions: the Traditional Chinese edition converted from the Simplified content at build time."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.editions import Converter, Edition, Override
from microsite.errors import ContentErrors, Location
from microsite.memo import Memo
from microsite.model import Rendered
from microsite.pipeline import build, check
from tests.html import read_page

EDITION = "editions:\n  zh-hant: {from: zh, name: 繁體中文, tag: zh-Hant, conversion: s2tw}\n"
STRINGS = ("source_converted_heading: {zh: 繁体字转换文本, en: Converted text}\n"
           "source_converted_note: {zh: 以下是转换的文本。, en: The text below is converted.}\n")
NAMES = {"晋江": "晉江", "工商联": "工商聯", "陈贻得": "陳貽得"}


def converter(**overrides: str) -> Converter:
    where = Location(Path("conversions.yaml"), 1)
    return Converter(Edition("zh-hant", "zh", "繁體中文", "zh-Hant", "s2tw",
                             tuple(Override(phrase, to, where) for phrase, to in overrides.items())), Memo())


def with_edition(project: Path, conversions: str = "", page: str = "") -> Path:
    content = project / "content"
    with open(content / "site.yaml", "a", encoding="utf-8") as site:
        site.write(EDITION)
    with open(content / "data" / "strings.yaml", "a", encoding="utf-8") as strings:
        strings.write(STRINGS)
    if conversions:
        (content / "data" / "conversions.yaml").write_text(conversions, encoding="utf-8")
    if page:
        index = content / "pages" / "index.zh.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n" + page + "\n", encoding="utf-8")
    return project


def test_names_come_out_right() -> None:
    convert = converter(**NAMES)
    assert convert.text("晋江市工商联党组书记陈贻得说") == "晉江市工商聯黨組書記陳貽得說"


def test_the_conversion_is_opencc_s_own_whatever_the_working_folder_holds(tmp_path: Path, monkeypatch) -> None:
    """OpenCC reads a bare profile name from the working folder first: a file there must not change the edition."""
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    (tmp_path / "s2tw.json").write_bytes((share / "s2twp.json").read_bytes())  # another profile, under s2tw's name
    monkeypatch.chdir(tmp_path)
    assert converter().text("软件和网络") == "軟件和網絡"  # s2twp would give 軟體和網路


def test_an_override_wins_over_opencc_longest_phrase_first() -> None:
    convert = converter(沿着="沿着", 沿着习="沿著習")
    assert convert.text("沿着习总书记的足迹，沿着路") == "沿著習總書記的足跡，沿着路"
    assert convert.used == {"沿着", "沿着习"}


def test_numbers_are_left_as_they_are() -> None:
    assert converter().text("超4.5亿元，三个纳入，第二季度") == "超4.5億元，三個納入，第二季度"


def test_markup_keeps_ids_and_points_links_at_the_edition() -> None:
    html = '<h2 id="晋江">晋江</h2><p><a href="/glossary/#term-x" title="商会">商会</a> <a href="/en/">英文</a></p>'
    result = converter().html(Rendered(html), {"/glossary/": "/zh-hant/glossary/"}).html
    assert result == ('<h2 id="晋江">晉江</h2><p><a href="/zh-hant/glossary/#term-x" title="商會">商會</a> '
                      '<a href="/en/">英文</a></p>')


def test_each_text_is_converted_once() -> None:
    memo = Memo()
    first = Converter(Edition("zh-hant", "zh", "", "zh-Hant", "s2tw"), memo)
    first.text("商会")
    second = Converter(Edition("zh-hant", "zh", "", "zh-Hant", "s2tw"), memo)
    second.__dict__["opencc"] = None  # would fail if it converted again
    assert second.text("商会") == "商會"


def test_an_edition_is_built_with_its_own_urls_lang_and_switcher(minimal_project: Path, tmp_path: Path) -> None:
    project = with_edition(minimal_project, "zh-hant:\n  晋江: 晉江\n")
    result = build(project, tmp_path / "site")
    assert result.pages["zh-hant"] == result.pages["zh"]
    assert not any("zh-hant" in str(warning.message) for warning in result.warnings)
    page = read_page(tmp_path / "site" / "zh-hant" / "index.html")
    assert page.lang == "zh-Hant"
    assert set(page.switcher) == set(page.alternates) - {"x-default"} == {"zh-Hans", "en", "zh-Hant"}
    assert (tmp_path / "site" / "zh-hant" / "feed.xml").is_file()
    assert "/zh-hant/" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_source_page_shows_the_original_and_the_conversion_labelled(minimal_project: Path,
                                                                       tmp_path: Path) -> None:
    build(with_edition(minimal_project, "zh-hant:\n  晋江: 晉江\n"), tmp_path / "site")
    [path] = (tmp_path / "site" / "zh-hant" / "sources").glob("*/index.html")
    html = path.read_text(encoding="utf-8")
    original, _, converted = html.partition('id="converted-text"')
    assert "晋江市市长王明元" in original and 'lang="zh-Hans"' in original  # the evidence, as printed
    assert "晉江市市長王明元" in converted and "以下是轉換的文本。" in converted
    assert "<mark id=" in original and "<mark id=" not in converted  # quotes are anchored in the original only


def test_an_override_that_matches_nothing_fails_check(minimal_project: Path) -> None:
    with pytest.raises(ContentErrors) as failure:
        check(with_edition(minimal_project, "zh-hant:\n  晋江: 晉江\n  泉州: 泉州\n"))
    [error] = failure.value.errors
    assert "'泉州'" in error.message and error.location.path.name == "conversions.yaml"
    assert error.location.line == 3


@pytest.mark.parametrize("conversion", [
    "三个三: 四個三",
    "十四五: 二十五",  # a name's numerals, no count, still a number a reader reads
    "项抓手: 萬項抓手",  # a magnitude put in
    "49个: 49万個",
    "所属: 所屬%",
])
def test_an_override_may_not_change_a_number(minimal_project: Path, conversion: str) -> None:
    with pytest.raises(ContentErrors) as failure:
        check(with_edition(minimal_project, f"zh-hant:\n  {conversion}\n"))
    assert "changes a number" in failure.value.errors[0].message


def test_an_override_may_write_a_number_s_numerals_in_their_traditional_forms() -> None:
    from microsite.editions import _numbers
    assert _numbers("两万亿，四十九个") == _numbers("兩萬億，四十九個") == [2.0, 10000.0, 1e8, 4.0, 10.0, 9.0]


def test_conversions_for_an_unknown_edition_are_a_mistake(minimal_project: Path) -> None:
    with pytest.raises(ContentErrors) as failure:
        check(with_edition(minimal_project, "zh-hk:\n  晋江: 晉江\n"))
    assert "not an edition" in failure.value.errors[0].message


@pytest.mark.content
def test_the_real_editions_names_come_out_as_their_overrides_say(built_site: Path, real_model) -> None:
    """On every page of an edition whose page in the language it converts has an override's phrase, the edition
    shows the replacement and not the phrase; a source's original words, shown as printed (marked with their
    language), are no conversion on either side. No page is required to have a phrase: an editor may drop any."""
    from tests.html import text_outside

    config = real_model.config
    for edition in config.editions:
        tag = config.language(edition.source).tag
        source_root = built_site if edition.source == config.default_language else built_site / edition.source
        for path in sorted((built_site / edition.code).rglob("*.html")):
            original = source_root / path.relative_to(built_site / edition.code)
            if not original.is_file():
                continue
            before = text_outside(original.read_text(encoding="utf-8"), tag)
            after = text_outside(path.read_text(encoding="utf-8"), tag)
            for override in edition.overrides:
                if override.phrase in before:
                    assert override.replacement in after, (path, override.phrase)
                    assert override.phrase not in after or override.phrase == override.replacement, (path, override.phrase)
