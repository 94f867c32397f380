"""Charts: accessible inline SVG bar charts, sized for a phone, text never relying on colour."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from microsite.charts import WIDTH, Bar, Part, Structure, bar_chart, text_em, wrap

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_chart_is_an_image_named_by_its_title_and_described_by_every_figure() -> None:
    svg = bar_chart([Bar("Affiliated", 49, "49"), Bar("Invited", 34, "34")], "Chambers", "c")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Chambers"
    assert root.find(f"{SVG}desc").text == "Affiliated: 49; Invited: 34"


def test_chinese_description_uses_chinese_punctuation() -> None:
    root = parse(bar_chart([Bar("所属商会", 49, "49个"), Bar("异地商会", 34, "34家")], "商会", "c"))
    assert root.find(f"{SVG}desc").text == "所属商会：49个；异地商会：34家"


def test_bars_start_at_zero_and_are_proportional() -> None:
    root = parse(bar_chart([Bar("a", 63, "63"), Bar("b", 4.5, "4.5")], "t", "c"))
    rects = root.findall(f"{SVG}rect")
    assert [r.get("x") for r in rects] == ["0", "0"]
    long, short = (float(r.get("width")) for r in rects)
    assert abs(short / long - 4.5 / 63) < 0.01


def test_every_value_is_written_out_not_told_by_colour() -> None:
    root = parse(bar_chart([Bar("a", 10, "more than 10"), Bar("b", 9, "9")], "t", "c"))
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert "more than 10" in texts and "9" in texts and "a" in texts and "b" in texts


def test_a_value_too_long_for_the_space_after_its_bar_goes_inside_it() -> None:
    root = parse(bar_chart([Bar("a", 100, "over CNY 450 million"), Bar("b", 1, "1")], "t", "c"))
    inside = [t for t in root.findall(f"{SVG}text") if "chart-value-inside" in (t.get("class") or "")]
    assert [t.text for t in inside] == ["over CNY 450 million"] and inside[0].get("text-anchor") == "end"


def test_nothing_is_drawn_beyond_the_chart_width() -> None:
    bars = [Bar("out-of-town chambers of commerce registered in Jinjiang", 34, "34"), Bar("x", 49, "49")]
    root = parse(bar_chart(bars, "t", "c"))
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    for text in root.findall(f"{SVG}text"):
        x = float(text.get("x"))
        width = text_em(text.text) * 13
        end = x if text.get("text-anchor") == "end" else x + width
        assert end <= WIDTH + 0.5, text.text


def test_labels_and_titles_are_escaped() -> None:
    svg = bar_chart([Bar("<script>alert(1)</script>", 1, "1 & 2")], "<b>", "c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "1 &amp; 2" in svg and "&lt;b&gt;" in svg


def test_wrap_breaks_english_at_spaces_and_chinese_anywhere() -> None:
    assert wrap("one two three four five six seven eight nine ten eleven twelve", 160) == [
        "one two three four", "five six seven eight", "nine ten eleven", "twelve"]
    lines = wrap("注册地在晋江的异地商会首次受邀参加第二季度党政商恳谈会", 160)
    assert "".join(lines) == "注册地在晋江的异地商会首次受邀参加第二季度党政商恳谈会"
    assert all(text_em(line) * 13 <= 160 for line in lines)


def test_wrap_never_starts_a_line_with_chinese_closing_punctuation() -> None:
    for line in wrap("一二三四五六七八九十一二，三四五六七八九十。", 13 * 12)[1:]:
        assert not re.match(r"[，。、；：！？）」』”’]", line)


def test_text_width_counts_wide_characters_as_one_em() -> None:
    assert text_em("中文") == 2.0
    assert text_em("ab") == 1.2


def _structure(title: str = "At a glance") -> Structure:
    return Structure(title, "Pillars", ("Competence", "Conviction", "Keeping in touch"), "Not said how they relate.",
                     "Approaches", (Part("Building frameworks", ("three inclusions", "three systems"), "Three Threes"),
                                    Part("Building mechanisms")))


def test_the_structure_figure_is_an_image_named_and_described_with_every_name() -> None:
    from microsite.charts import structure_figure

    svg = str(structure_figure(_structure(), "s"))
    assert 'role="img"' in svg and 'aria-labelledby="s-title s-desc"' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    for name in ("Competence", "Keeping in touch", "Not said how they relate", "Building frameworks",
                 "Three Threes", "three systems", "Building mechanisms"):
        assert name in desc
        assert f">{name}" in svg or name in " ".join(re.findall(r">([^<]*)</text>", svg))


def test_the_small_structure_figure_leaves_out_the_parts_but_not_their_group() -> None:
    from microsite.charts import structure_figure

    texts = " ".join(re.findall(r">([^<]*)</text>", str(structure_figure(_structure(), "s", detail=False))))
    assert "Three Threes" in texts and "three inclusions" not in texts


def test_structure_text_stays_inside_the_figure() -> None:
    from microsite.charts import FONT_SIZE, STRUCTURE_WIDTH, structure_figure, text_em

    svg = str(structure_figure(_structure("结构"), "s"))
    for x, text in re.findall(r'<text[^>]* x="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        assert float(x) + text_em(text) * FONT_SIZE <= STRUCTURE_WIDTH + 0.5, text
