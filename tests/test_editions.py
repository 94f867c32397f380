"""Editions: the Traditional Chinese edition converted from the Simplified content at build time."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from microsite.editions import Converter, Edition, Override, read_overrides
from microsite.errors import ContentError, ContentErrors, ErrorList, Location
from microsite.load import DataFile
from microsite.memo import Memo
from microsite.model import Rendered
from microsite.numerals import find_numbers_zh
from microsite.pipeline import build, check
from microsite.readings import change
from microsite.yamlfile import parse_yaml
from tests.conftest import with_edition
from tests.html import read_page

NAMES = {"晋江": "晉江", "工商联": "工商聯", "陈贻得": "陳貽得"}


def converter(**overrides: str) -> Converter:
    where = Location(Path("conversions.yaml"), 1)
    return Converter(Edition("zh-hant", "zh", "繁體中文", "zh-Hant", "s2tw",
                             tuple(Override(phrase, to, where) for phrase, to in overrides.items())), Memo())


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


def test_a_new_process_converts_only_the_texts_of_what_changed(minimal_project: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each build below reads the cache as a new process would: what the last one converted is in its store."""
    project = with_edition(minimal_project, "zh-hant:\n  晋江: 晉江\n")
    build(project, tmp_path / "site")
    converted: list[str] = []
    convert = Converter._convert
    monkeypatch.setattr(Converter, "_convert", lambda self, text: converted.append(text) or convert(self, text))
    pages = project / "content" / "pages"
    with open(pages / "index.en.md", "a", encoding="utf-8") as page:
        page.write("\nA sentence added in English.\n")
    build(project, tmp_path / "site")
    assert converted == []
    with open(pages / "index.zh.md", "a", encoding="utf-8") as page:
        page.write("\n商会新增的一句话。\n")
    again = build(project, tmp_path / "site")
    assert "商会新增的一句话。" in converted and len(converted) == len(set(converted))  # each text once
    shown = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")  # the page edited, in zh
    assert all(text in shown for text in converted)  # and no text of another page, record or source
    assert "商會新增的一句話。" in (tmp_path / "site" / "zh-hant" / "index.html").read_text(encoding="utf-8")
    assert again.pages["zh-hant"] == again.pages["zh"]


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


@pytest.mark.parametrize("conversion, changes", [
    ("三个三: 四個三", "a number"),
    ("十四五: 二十五", "a number"),  # a name's numerals, no count, still a number a reader reads
    ("项抓手: 萬項抓手", "a number"),  # a magnitude put in
    ("49个: 49万個", "a number"),
    ("所属: 所屬%", "a number"),
    ("4.5亿: 45億", "a number"),
    ("订单额: 訂單額不到", "a number"),
    ("前不久: 去年", "a date"),
])
def test_an_override_may_not_change_a_number(minimal_project: Path, conversion: str, changes: str) -> None:
    with pytest.raises(ContentErrors) as failure:
        check(with_edition(minimal_project, f"zh-hant:\n  晋江: 晉江\n  {conversion}\n"))
    [error] = failure.value.errors
    phrase, replacement = conversion.split(": ")
    assert error.message.startswith(f"the conversion '{phrase}' -> '{replacement}' changes {changes}: ")
    assert (error.location.path.name, error.location.line, error.location.column) == ("conversions.yaml", 3, 3)


def test_an_override_may_write_a_number_s_numerals_in_their_traditional_forms() -> None:
    assert change("两万亿，四十九个", "兩萬億，四十九個") is None
    assert change("上个月，这个月", "上個月，這個月") is None  # (a time counted from today, in either script)


def overrides(*conversions: str, profile: str = "s2tw") -> tuple[list[Override], list[ContentError]]:
    """The overrides read from a conversions.yaml of ``conversions``, one a line after ``zh-hant:``, for an edition
    of ``profile``, and the mistakes found."""
    text = "zh-hant:\n" + "".join(f"  {conversion}\n" for conversion in conversions)
    errors = ErrorList()
    editions = read_overrides(DataFile(Path("conversions.yaml"), parse_yaml(text, Path("conversions.yaml"))),
                              (Edition("zh-hant", "zh", "繁體中文", "zh-Hant", profile),), errors)
    return list(editions[0].overrides), errors.errors


@pytest.mark.parametrize("conversion, message", [
    ("4.5亿: 45億", "changes a number: '4.5亿' is 450,000,000, '45億' 4,500,000,000"),
    ("超4.5亿元: 近4.5億元", "changes a number: '超4.5亿元' is over 450,000,000 元, '近4.5億元' nearly 450,000,000 元"),
    ("10余家: 10家", "changes a number: '10余家' is more than 10 家, '10家' 10 家"),
    ("49个: 49個以上", "changes a number: '49个' is 49 个, '49個以上' at least 49 个"),
    ("订单额: 訂單額不到", "changes a number: it adds '不到' (says 'under' of a number)"),
    ("63亿元: 63億美元", "changes a number: '63亿元' is 6,300,000,000 元, '63億美元' 6,300,000,000 美元"),
    ("今年以来: 去年以來", "changes a date: '今年' is this year, '去年' last year"),
    ("前不久: 去年", "changes a date: '前不久' is shortly before the day it is said, '去年' last year"),
    ("第二季度党政商恳谈会: 二月黨政商懇談會", "changes a date: '第二季度' is the 2nd quarter, '二月' February"),
    # a month or a day counted from the day it is said, read as a date against one day, is said in its words (上个月
    # was February, no month the text names)
    ("上个月: 下個月", "changes a date: '上个月' is last month, '下個月' next month"),
    ("昨天: 今天", "changes a date: '昨天' is yesterday, '今天' today"),
    ("上月15日: 上月16日", "changes a date: '上月15日' is day 15 of last month, '上月16日' day 16 of last month"),
])
def test_an_override_that_changes_how_a_number_or_a_date_reads_is_refused_where_it_is(conversion, message) -> None:
    phrase, replacement = conversion.split(": ")
    kept, errors = overrides("晋江: 晉江", conversion)
    assert [override.phrase for override in kept] == ["晋江"]
    [error] = errors
    assert str(error.location) == "conversions.yaml:3:3"
    assert error.message == f"the conversion '{phrase}' -> '{replacement}' {message}"
    assert error.hint.startswith("a conversion changes the script only (亿 as 億, 个 as 個)")


@pytest.mark.parametrize("conversion, message", [
    ("订单额: 訂單額近", "a number after it would read otherwise: '49' is 49, '近49' nearly 49"),  # 订单额49亿元
    ("家企业: 多家企業", "a number before it would read otherwise: '49家' is 49 家, '49多家' more than 49 家"),
    ("共有: 共有數", "a number after it would read otherwise: '十' is 10, '數十' several times 10"),
    ("元: 美元", "'元' (a currency: yuan) becomes '美元' (a currency: US dollars)"),  # 63亿元
    ("今: 去", "a year after it would read otherwise: '今年' is this year, '去年' last year"),
    ("上半年: 下半年", "'上半年' (a word of time: the first half of the year) becomes '下半年' (a word of time: the "
                      "second half of the year)"),
    ("第二届: 二屆", "it removes '第' (makes the number after it an ordinal)"),
    ("年以来: 年以前", "'以来' (a word of time: since) becomes '以前' (a word of time: before)"),
    (".5亿: 5億", "a number before it would read otherwise: '49.5亿' is 4,950,000,000, '495億' 49,500,000,000"),
    ("捐款超: 捐款約", "a number after it would read otherwise: '超49' is over 49, '約49' about 49"),
    ("所属: 所屬%", "'所属' writes no numeral, '所屬%' %"),
])
def test_a_replacement_may_not_change_the_words_a_number_is_read_with_nor_a_number_beside_it(conversion,
                                                                                             message) -> None:
    """Where the phrase has no number of its own, what it does to one beside it in a text is read: the words
    that qualify a number, name its currency or place a time, wherever they stand."""
    [error] = overrides(conversion)[1]
    assert error.message.endswith(message)


@pytest.mark.parametrize("conversion", [
    "回归: 回歸", "项: 項", "亿: 億", "晋江: 晉江", "工商联: 工商聯", "陈贻得: 陳貽得", "超4.5亿元: 超4.5億元",
    "10余家: 10餘家", "49个以上: 49個以上", "两万个: 兩萬個", "约占87.5%: 約佔87.5%", "今年以来: 今年以來",
    "第二季度: 第二季度", "后年: 後年", "台风: 颱風", "签约: 簽約", "十四五规划: 十四五規劃", "超过: 超過", "以内: 以內",
    "里程: 里程", "头发: 頭髮", "干净: 乾淨", "面条: 麵條", "回归: 迴歸", "线: 綫",  # (characters of several forms)
])
def test_a_conversion_of_the_script_passes(conversion: str) -> None:
    kept, errors = overrides(conversion)
    assert errors == [] and len(kept) == 1


@pytest.mark.parametrize("conversion", [
    "数据: 資料",  # (a word: 数 is a qualifier only before 十, 百 ...)
    "约占: 約為",  # (both say 'about')
    "地址: 位址",  # (a measure word where a number stands before it: 位, 地)
])
def test_in_an_edition_of_taiwan_s_words_a_conversion_may_change_a_word_that_reads_no_number(conversion) -> None:
    kept, errors = overrides(conversion, profile="s2twp")
    assert errors == [] and len(kept) == 1


@pytest.mark.parametrize("conversion, simplified", [
    ("家商会: 打商會", "打商会"),  # 8 dozen chambers: 打 is no number's measure word the readers knew
    ("个所属: 對所屬", "对所属"),  # 49 pairs of chambers
    ("出台: 今秋出臺", "今秋出台"),  # issued this autumn
    ("2023年7月: 2023年7月上旬", "2023年7月上旬"),  # early July, which the article does not say
    ("第二季度: 第二季度末", "第二季度末"),
    ("数据: 資料", "资料"),  # Taiwan's word, in an edition that keeps the article's
])
def test_in_an_edition_that_keeps_the_words_a_conversion_may_change_only_the_characters(conversion,
                                                                                        simplified) -> None:
    phrase, replacement = conversion.split(": ")
    kept, [error] = overrides("晋江: 晉江", conversion)
    assert [override.phrase for override in kept] == ["晋江"]
    assert str(error.location) == "conversions.yaml:3:3"
    assert error.message == (f"the conversion '{phrase}' -> '{replacement}' changes the words, not only the "
                             f"characters: '{replacement}' is '{simplified}' in Simplified characters")
    assert error.hint.startswith("the zh-hant edition (s2tw) keeps the original's words")


_QUALIFIERS = ["", "超", "近", "约", "超过", "将近", "不到", "至少", "最多", "约占"]
_UNITS = ["", "个", "家", "项", "人", "届", "年", "元", "万元", "亿元", "美元", "%", "倍"]


@st.composite
def numbers_said(draw: st.DrawFn) -> str:
    """A number as Chinese text says it: a qualifier, digits or numerals, a magnitude, 余, a unit, 以上."""
    if draw(st.booleans()):
        digits = str(draw(st.integers(1, 9999)))
        if draw(st.booleans()):
            digits += "." + str(draw(st.integers(1, 99)))
    else:
        digits = draw(st.sampled_from(["三", "十一", "二十五", "两", "四十九", "一百零五", "三千"]))
    return "".join([draw(st.sampled_from(["", "捐款", "共有", "今年以来"])), draw(st.sampled_from(_QUALIFIERS)), digits,
                    draw(st.sampled_from(["", "万", "亿"])), draw(st.sampled_from(["", "余"])),
                    draw(st.sampled_from(_UNITS)), draw(st.sampled_from(["", "以上", "左右"])),
                    draw(st.sampled_from(["", "商会", "，第二季度"]))])


@functools.cache
def opencc() -> Converter:
    return converter()  # (loading OpenCC's dictionaries once)


@settings(max_examples=150, deadline=None)
@given(numbers_said())
def test_opencc_s_conversion_of_a_number_reads_alike(text: str) -> None:
    assert change(text, opencc().text(text)) is None


@settings(max_examples=150, deadline=None)
@given(numbers_said(), st.data())
def test_a_number_said_otherwise_is_refused(text: str, data: st.DataObject) -> None:
    """One thing of a number changed, and the edition's text of it: a digit, the decimal point, the qualifier, the
    magnitude, the currency or unit, 余 or 以上 put in or taken out."""
    numbers = find_numbers_zh(text)
    assume(numbers)
    said = numbers[0].text  # (the number drawn: the words before it hold none)
    edits = [said.replace(char, str((int(char) + 1) % 10), 1) for char in said if char.isdigit()][:1]
    edits += [said.replace(".", "", 1)] if "." in said else []
    edits += [said.replace(word, {"亿": "万", "万": "亿"}[word], 1) for word in ("亿", "万") if word in said]
    edits += [said.replace(unit, "美元", 1) for unit in ("亿元", "万元") if unit in said]
    edits += ["近" + said if not said.startswith(("近", "将近")) else said.replace("近", "超", 1)]
    edits += [said + "以上" if not said.endswith(("以上", "左右")) else said[:-2]]
    edits += [said.replace("余", "", 1) if "余" in said else said]
    edited = data.draw(st.sampled_from([edit for edit in edits if edit != said]))
    assert change(text, opencc().text(text.replace(said, edited, 1))) is not None


def test_conversions_for_an_unknown_edition_are_a_mistake(minimal_project: Path) -> None:
    with pytest.raises(ContentErrors) as failure:
        check(with_edition(minimal_project, "zh-hk:\n  晋江: 晉江\n"))
    assert "not an edition" in failure.value.errors[0].message


@pytest.mark.content
def test_the_editions_names_come_out_as_their_overrides_say(site_under_test) -> None:
    """On every page of an edition whose page in the language it converts has an override's phrase, the edition
    shows the replacement and not the phrase; a source's original words, shown as printed (marked with their
    language), are no conversion on either side. No page is required to have a phrase: an editor may drop any, or
    the edition."""
    built_site, real_model = site_under_test.out, site_under_test.model
    from tests.html import text_outside

    config = real_model.config
    site_under_test.needs(any(edition.overrides for edition in config.editions), "edition with conversions")
    converted = 0
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
                    converted += 1
    site_under_test.needs(converted, "page of an edition with an override's phrase")
